"""Debris removal: a table of lines that must go and body lines that must stay."""

from __future__ import annotations

import pytest

from storyline.clean import debris_reason, remove_debris

# (line, expected reason): each must be removed wherever it stands.
DEBRIS_LINES = [
    ("| Image Source: Kyiv Regional Administration |", "image credit"),
    ("Image Source: Marta Holub/Northwind Agency", "image credit"),
    ("Photo: Oleh Tkachuk/Northwind Agency", "image credit"),
    ("Photo credit: Ministry of Defence of Ukraine", "image credit"),
    ("Photograph: Jana Ilves/Baltic Wire", "image credit"),
    ("Image credit, Getty Images", "image credit"),
    ("Northwind Agency/Oleh Tkachuk", "image credit"),
    ("Reuters/John Smith", "image credit"),
    ("AFP/Getty", "image credit"),
    ("Getty Images", "image credit"),
    ("Firefighters work at the site of a drone strike in Odesa. AFP via Getty Images", "image credit"),
    ("Rescuers search the rubble in Dnipro. (Photo by Marta Holub/Northwind Agency)", "image credit"),
    ("(Photo by Marta Holub/Northwind Agency)", "image credit"),
    ("Photo by Marta Holub", "image credit"),
    ("Image caption, Rescuers at the scene of the strike", "image credit"),
    ("Illustrative photo", "image credit"),
    ("Read the article on the Kyiv Courier website", "read more"),
    ("Read the original article on Baltic Wire.", "read more"),
    ("Read more: Drone Strikes Hit Odesa Port Overnight", "read more"),
    ("READ MORE", "section label"),
    ("Read more", "section label"),
    ("Read also: Ceasefire talks stall in Geneva", "read more"),
    ("Related: Allies pledge new air defence package", "read more"),
    ("See also: Who is in the coalition of the willing?", "read more"),
    ("More on this story", "section label"),
    ("Tags: Ukraine, Russia, ceasefire, drones", "tags"),
    ("Topics: war in Ukraine | diplomacy", "tags"),
    ("© 2025 The Kyiv Courier", "copyright"),
    ("© The Harbour Gazette 2025. All rights reserved.", "copyright"),
    ("Copyright 2025 Northwind Media Ltd. All rights reserved.", "copyright"),
    ("Northwind Media Group 2025. All rights reserved", "copyright"),
    ("World", "section label"),
    ("Europe", "section label"),
    ("Politics | World", "section label"),
    ("Home > World > Europe", "section label"),
    ("Advertisement", "section label"),
    ("ADVERTISEMENT", "section label"),
    ("Share this article", "section label"),
    ("Share", "section label"),
    ("Subscribe to our newsletter for daily updates", "promo"),
    ("Sign up for our free morning briefing", "promo"),
    ("Story continues below advertisement", "promo"),
    ("Listen to this article", "section label"),
    ("By Marta Holub", "byline"),
    ("By Marta Holub and Jana Ilves", "byline"),
    ("By Marta Holub, Kyiv correspondent", "byline"),
    ("By MARTA HOLUB | Northwind Agency", "byline"),
    ("By Marta Holub, June 20, 2025", "byline"),
    ("(Reporting by Marta Holub; Editing by Jana Ilves)", "byline"),
    ("Written by Jana Ilves", "byline"),
    ("Author: Jana Ilves", "byline"),
    ("Read the full story", "read more"),
    ("June 20, 2025", "date line"),
    ("20 June 2025", "date line"),
    ("Published: 20 June 2025 10:42", "date line"),
    ("Updated 20 June 2025, 10:42 EEST", "date line"),
    ("Friday, June 20, 2025 at 10:42 a.m.", "date line"),
    ("2025-06-20", "date line"),
    ("20.06.2025 10:42", "date line"),
    ("3 hours ago", "date line"),
    ("5 min read", "reading time"),
    ("https://www.harbourgazette.example/2025/06/20/solvik-strike/", "link"),
    ("Source: https://northwind.example/news/2025-06-20-solvik", "link"),
    ("This article was originally published on the Harbour Gazette.", "promo"),
]

# Body lines that must survive: short ones, dialogue, sentences that start
# like debris.
BODY_LINES = [
    "“We will respond,” he said.",
    '"We will respond," he said.',
    "No.",
    "— Yes, we will.",
    "Q: When will the talks resume?",
    "KOVALENKO: We are ready to talk.",
    "By Friday, the troops had withdrawn from the town.",
    "By the end of the day, 40 people had been evacuated.",
    "By Marta Holub's count, 12 villages were hit.",
    "Photographs of the damage were shared by the mayor.",
    "Read the statement in full on the ministry's site, the spokesman urged reporters.",
    "Copyright law was not part of the agreement, the minister said.",
    "The talks began on June 20, 2025, in Geneva.",
    "On June 20, 2025, the council met.",
    "World leaders met in Rome on Thursday.",
    "Europe must do more, she said.",
    "Share prices fell 3% in Kyiv after the announcement.",
    "Subscribers to the channel reported explosions near the port.",
    "Tags on the missile fragments were in Russian, investigators said.",
    "2025 will be decisive, the general said.",
    "The drones came from the south, and the air force said 40 were shot down.",
    "‘It is a tragedy’, the mayor wrote.",
    "«Nous sommes prêts», a dit le ministre.",
    "The ministry reported 1,450 casualties in 24 hours.",
    "Sources close to the talks said no deal was near.",
    "Source: the defence ministry, which gave no figures.",
    "Photo opportunities were limited, the press office said.",
    "Video footage showed a column of smoke over the port.",
    "Live ammunition was used, witnesses said.",
    "Related talks are planned in Riyadh next month.",
    "Recommended measures include a 30-day ceasefire.",
    "More from the summit is expected on Friday.",
    "Read more carefully, the text shows a loophole, the lawyer said.",
    "Follow-up talks are planned.",
    "Sign language interpreters were present.",
    "Europe, the United States and Japan condemned the strike.",
    "May 9 is a public holiday in Russia.",
    "See the report for details, the ministry said.",
    "Read the statement in full: it runs to 40 pages.",
    "Author Jana Ilves, who wrote the memoir, said the book was banned.",
]


@pytest.mark.parametrize(("line", "reason"), DEBRIS_LINES)
def test_debris_line_is_recognised(line, reason):
    assert debris_reason(line) == reason


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_line_is_not_debris(line):
    assert debris_reason(line) is None


@pytest.mark.parametrize("line", [line for line, _ in DEBRIS_LINES])
def test_debris_line_removed_between_paragraphs(line):
    text = ("Russian forces struck the port of Odesa overnight, officials said.\n\n"
            f"{line}\n\n"
            "The regional governor said two people were injured.")
    body, removed = remove_debris(text)
    assert line.strip() in removed
    assert body == ("Russian forces struck the port of Odesa overnight, officials said.\n\n"
                    "The regional governor said two people were injured.")


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_line_survives_between_paragraphs(line):
    text = f"The first paragraph ends here.\n\n{line}\n\nThe last paragraph ends here."
    body, removed = remove_debris(text)
    assert removed == []
    assert body == text


# Context rule: short unpunctuated lines between body paragraphs.
RELATED_HEADLINES = [
    "Drone Strikes Hit Odesa Port Overnight",
    "Ceasefire talks stall as envoys leave Geneva",
    "Who Is in the Coalition of the Willing?"[:-1],
    "Kyiv Courier",
    "Analysis: what a security guarantee could look like",
    'Kremlin says "no plans" for new talks',
]


@pytest.mark.parametrize("headline", RELATED_HEADLINES)
@pytest.mark.parametrize("sep", ["\n\n", "\n"])
def test_related_headline_between_paragraphs_removed(headline, sep):
    text = sep.join(["Envoys met in Geneva on Thursday, the ministry said.",
                     headline,
                     "The talks will resume next week, according to a diplomat."])
    body, removed = remove_debris(text)
    assert removed == [headline]
    assert headline not in body
    assert body.endswith("according to a diplomat.")


def test_headlines_after_read_more_marker_removed():
    text = ("Envoys met in Geneva on Thursday.\n\n"
            "Read more:\n\n"
            "Drone Strikes Hit Odesa Port Overnight\n"
            "Allies Pledge New Air Defence Package\n\n"
            "The talks will resume next week.")
    body, removed = remove_debris(text)
    assert body == "Envoys met in Geneva on Thursday.\n\nThe talks will resume next week."
    assert removed == ["Read more:", "Drone Strikes Hit Odesa Port Overnight",
                       "Allies Pledge New Air Defence Package"]


def test_leading_and_trailing_furniture_removed():
    text = ("The Harbour Gazette\n\nWorld | Europe\n\n"
            "Envoys met in Geneva on Thursday.\n\nThe talks will resume next week.\n\n"
            "More from the Harbour Gazette\n\nPort Workers Strike Over Pay")
    body, removed = remove_debris(text)
    assert body == "Envoys met in Geneva on Thursday.\n\nThe talks will resume next week."
    assert "The Harbour Gazette" in removed and "Port Workers Strike Over Pay" in removed


NOT_HEADLINES = [
    # one-line paragraphs that end like sentences
    "No.",
    "“We will respond,” he said.",
    "It was not enough.",
    "Why now?",
    # a sentence that lost its final period but carries its attribution
    "Russia launched 40 drones overnight, the air force said",
    # list items
    "- a 30-day ceasefire",
    "• prisoner exchanges",
    "1. A ceasefire along the front line",
    # lowercase continuation
    "and the talks will resume next week",
]


@pytest.mark.parametrize("line", NOT_HEADLINES)
def test_short_body_lines_survive_context_rule(line):
    text = f"Envoys met in Geneva on Thursday.\n\n{line}\n\nThe talks will resume next week."
    body, removed = remove_debris(text)
    assert removed == []
    assert line in body


def test_list_after_colon_survives():
    text = ("The plan has three parts:\n\nA ceasefire along the front line\n\nPrisoner exchanges\n\n"
            "The talks will resume next week.")
    body, removed = remove_debris(text)
    assert removed == []


def test_hard_wrapped_paragraph_survives():
    text = ("Russian forces launched a large drone attack on\n"
            "the port of Odesa overnight, damaging grain\n"
            "terminals, the regional governor said.\n\n"
            "Air Defence Units Shoot Down Most Drones\n\n"
            "Two people were injured, officials said.")
    body, removed = remove_debris(text)
    assert removed == ["Air Defence Units Shoot Down Most Drones"]
    assert body.startswith("Russian forces launched a large drone attack on\nthe port")


def test_inline_image_source_cut_from_body_line():
    text = "Kyiv was hit overnight. | Image Source: Kyiv City Administration | The mayor said three were hurt."
    body, removed = remove_debris(text)
    assert body == "Kyiv was hit overnight. The mayor said three were hurt."
    assert removed == ["| Image Source: Kyiv City Administration |"]


def test_no_body_means_no_context_removal():
    # Without a single sentence-like line, nothing is judged by context.
    text = "Kyiv Courier\n\nDrone Strikes Hit Odesa"
    body, removed = remove_debris(text)
    assert body == text and removed == []


def test_empty_text():
    assert remove_debris("") == ("", [])
