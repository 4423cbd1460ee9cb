"""HTML extraction on small pages we wrote: furniture out, body sentences in, scripts never."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean import extract_html
from storyline.errors import MalformedRecord

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# (fixture, body sentences that must be in the text, furniture that must not)
PAGES = [
    ("article_full.html",
     ["Negotiators from both sides agreed on Friday to resume ceasefire talks in Geneva next week",
      "“We have a date and we have an agenda,” said Tomas Lind",
      "No date has been set for a meeting of the two presidents."],
     ["We use cookies", "Accept all", "Sport", "Drone Strikes Hit Odesa Port Overnight", "Most read",
      "Port Workers Strike", "All rights reserved", "Share on Facebook", "dataLayer", "Privacy",
      "Photo: Jana Ilves"]),
    ("article_divs.html",
     ["Defence ministers from eleven countries met in Tallinn on Friday",
      "“Nobody is talking about sending troops tomorrow,” Tamm told reporters.",
      "He declined to comment.",
      "The next meeting is planned for April in Warsaw."],
     ["Log in", "Latest news", "Port Workers Strike Over Pay", "Advertisement", "morning briefing",
      "Cookie settings", "datePublished"]),
    ("article_links.html",
     ["Energy ministers from Poland, Romania and Ukraine agreed on Monday",
      "Anna Berg, the EU energy commissioner, called it “a first step”.",
      "Storage sites are 78% full, the network operator said.",
      "Ministers will meet again in October."],
     ["Home", "Opinion", "Follow us on"]),
    ("article_live.html",
     ["Air raid alerts were declared in nine regions early on Wednesday",
      "He said there was no information yet about casualties.",
      "Rail operator Ukrzaliznytsia said two trains were delayed"],
     ["Copyright 2025", "Live: Air Raid Alerts Across Ukraine"]),
    ("malformed.html",
     ["Three grain ships left the port of Odesa on Tuesday",
      '"We know the risks," he said.',
      "Insurance costs for the route have doubled since spring"],
     []),
    ("hostile.html",
     ["Rescuers searched the rubble of a five-storey building in Dnipro",
      "At least four people were injured",
      "The governor, Olena Marchuk, said",
      "“The search will continue through the night,” Marchuk wrote on social media."],
     ["INJECTED", "SCRIPT", "STYLE TEXT", "ONLOAD", "NOSCRIPT", "ONERROR", "IFRAME", "TEMPLATE", "LDJSON",
      "evil.example", "alert(", "console.log", "javascript"]),
]


@pytest.mark.parametrize(("name", "keep", "drop"), PAGES, ids=[p[0] for p in PAGES])
def test_body_kept_furniture_dropped(name, keep, drop):
    result = extract_html(page(name))
    for sentence in keep:
        assert sentence in result.text, sentence
    for debris in drop:
        assert debris not in result.text, debris


@pytest.mark.parametrize("name", [p[0] for p in PAGES])
def test_paragraph_breaks_are_blank_lines(name):
    text = extract_html(page(name)).text
    assert "\n\n" in text
    assert "\n\n\n" not in text


def test_metadata_from_markup():
    result = extract_html(page("article_full.html"), url="https://www.harbourgazette.example/world/x")
    assert result.title == "Envoys Agree to Resume Ceasefire Talks in Geneva"
    assert result.sitename == "The Harbour Gazette"
    assert result.author == "Marta Holub"
    assert result.date == "2025-06-20"
    assert result.published == "2025-06-20T10:42:00+03:00"
    assert result.description.startswith("Negotiators from both sides")
    # the <h1> is the title, not the first paragraph
    assert not result.text.startswith("Envoys Agree")


def test_json_ld_date_and_author():
    result = extract_html(page("article_divs.html"))
    assert result.published == "2025-03-14T08:15:00Z"
    assert result.author == "Jana Ilves"


def test_no_date_guessed_from_copyright_footer():
    # The only year on this page is in "© 2025 Northwind Agency".
    result = extract_html(page("article_links.html"))
    assert result.date is None and result.published is None


def test_br_separated_paragraphs():
    result = extract_html(page("no_paragraphs.html"))
    assert "The delegations met again on Monday, officials said.\n\nA second round" in result.text


@pytest.mark.parametrize("html", [
    "<p>Short note.</p>",
    "<div>Only a div of text, with no paragraphs at all.</div>",
    "<html><body><p>Unclosed <b>bold <i>and italic</p>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>Declared XML.</p></body></html>",
    "Plain text handed in as HTML.",
    "<p>Cookie-free</p><script>alert('x')</script>",
])
def test_small_or_broken_pages_still_yield_text(html):
    result = extract_html(html)
    assert result.text.strip()
    assert "alert" not in result.text


@pytest.mark.parametrize("html", [
    "",
    "   ",
    "<html><head><script>var a = 1;</script></head><body></body></html>",
    "<!-- only a comment -->",
    "<html><body><script>document.write('x')</script><style>p {}</style></body></html>",
])
def test_nothing_to_extract_raises_malformed(html):
    with pytest.raises(MalformedRecord) as err:
        extract_html(html, origin="page.html")
    assert "page.html" in str(err.value)


def test_fallback_drops_furniture_by_class():
    html = ("<div class='cookie-banner'><p>We use cookies.</p></div>"
            "<div class='story'><p>Talks resumed.</p></div>"
            "<div class='share-tools'><p>Share this</p></div>")
    text = extract_html(html).text
    assert "Talks resumed." in text
    assert "cookies" not in text and "Share" not in text


def test_default_setting_keeps_at_least_as_much_body_as_favor_precision():
    # Why favor_precision is off: measured on these pages, it never keeps more
    # body sentences, and furniture is handled by clean.debris afterwards.
    def kept(favor_precision: bool) -> int:
        return sum(sentence in extract_html(page(name), favor_precision=favor_precision).text
                   for name, keep, _ in PAGES for sentence in keep)

    total = sum(len(keep) for _, keep, _ in PAGES)
    assert kept(False) == total
    assert kept(False) >= kept(True)
