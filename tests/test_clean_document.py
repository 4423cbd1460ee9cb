"""clean_document: dispatch on format, combine container and recovered metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean import clean_document
from storyline.errors import EmptyInput, UnsupportedInput
from storyline.models import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "clean"

SCRAPED = """The Harbour Gazette
World | Europe
Ceasefire Talks Stall in Geneva
By Marta Holub
Published: 20 June 2025 10:42

GENEVA, June 20 (Northwind Agency) - Envoys left Geneva on Friday without an agreement, a mediator said.

| Image Source: Northwind Agency |

“We will respond,” the delegation’s spokesperson, Ilse Varga, said.

Drone Strikes Hit Odesa Port Overnight

No.

The next round is expected in July.

Tags: ceasefire, Geneva
© 2025 The Harbour Gazette
"""


def test_plain_text_with_debris_and_metadata():
    article = clean_document(RawDocument("scraped.txt", SCRAPED))
    assert article.title == "Ceasefire Talks Stall in Geneva"
    assert article.text == (
        "GENEVA, June 20 (Northwind Agency) - Envoys left Geneva on Friday without an agreement, a mediator said."
        "\n\n“We will respond,” the delegation’s spokesperson, Ilse Varga, said.\n\nNo."
        "\n\nThe next round is expected in July.")
    assert article.published == "2025-06-20T10:42:00" and 0.5 < article.published_confidence < 1.0
    assert article.date_window is None
    # the copyright line outranks the leading outlet line; both name the outlet
    assert article.source == "The Harbour Gazette" and article.source_confidence == 0.8
    assert article.author == "Marta Holub"
    for debris in ("| Image Source: Northwind Agency |", "Drone Strikes Hit Odesa Port Overnight",
                   "Tags: ceasefire, Geneva", "© 2025 The Harbour Gazette", "World | Europe"):
        assert debris in article.removed


def test_container_metadata_wins():
    raw = RawDocument("feed.xml:3", SCRAPED, url="https://harbourgazette.example/a",
                      title="Geneva talks end without deal", source="Harbour Gazette (feed)",
                      published="Fri, 20 Jun 2025 08:00:00 GMT", author="M. Holub")
    article = clean_document(raw)
    assert (article.title, article.title_confidence) == ("Geneva talks end without deal", 1.0)
    assert (article.source, article.source_confidence) == ("Harbour Gazette (feed)", 1.0)
    assert (article.published, article.published_confidence) == ("2025-06-20T08:00:00", 1.0)
    assert article.author == "M. Holub"
    # the headline in the text is not body either way
    assert "Ceasefire Talks Stall in Geneva" not in article.text


def test_container_title_repeated_in_text_is_dropped():
    raw = RawDocument("rows.csv:2", "Talks Stall\n\nEnvoys left Geneva on Friday.", title="Talks Stall")
    article = clean_document(raw)
    assert article.text == "Envoys left Geneva on Friday."
    assert article.title == "Talks Stall"


def test_unparsable_container_date_falls_back_to_text():
    raw = RawDocument("rows.csv:2", "June 20, 2025\n\nEnvoys left Geneva on Friday.", published="last week")
    article = clean_document(raw)
    assert article.published == "2025-06-20"
    assert article.published_confidence < 1.0


def test_a_link_gives_the_day_when_nothing_else_does():
    """The day in the article's link is the last resort: the container's URL, else a bare link line of
    the text (removed as debris); a date line of the text outranks both."""
    body = "Envoys left Geneva on Friday without an agreement, a mediator said."
    raw = RawDocument("rows.csv:4", body, url="https://harbourgazette.example/2025/06/20/geneva-talks")
    article = clean_document(raw)
    assert (article.published, article.published_confidence) == ("2025-06-20", 0.6)
    article = clean_document(RawDocument("pasted.txt", "https://northwind.example/news/2025-06-21-geneva\n\n" + body))
    assert article.published == "2025-06-21" and article.text == body
    assert "https://northwind.example/news/2025-06-21-geneva" in article.removed
    article = clean_document(RawDocument("pasted.txt", "June 19, 2025\n\n" + body,
                                         url="https://harbourgazette.example/2025/06/20/geneva-talks"))
    assert article.published == "2025-06-19"
    article = clean_document(RawDocument("rows.csv:5", body, url="https://harbourgazette.example/world/geneva"))
    assert article.published is None
    # a malformed link dates nothing and stops nothing
    article = clean_document(RawDocument("rows.csv:6", body, url="http://[gazette/2025/06/20/x"))
    assert article.published is None and article.text == body
    # a related story's link is not the article's own
    related = "Read more: https://harbourgazette.example/2024/01/09/older-talks"
    article = clean_document(RawDocument("pasted.txt", body + "\n\n" + related))
    assert article.published is None and related in article.removed


def test_no_date_gives_window():
    text = "Envoys met in Geneva on 12 May 2025 and again on June 20, 2025, the mediator said."
    article = clean_document(RawDocument("note.txt", text))
    assert article.published is None and article.title is None
    assert article.date_window is not None
    assert (article.date_window.start, article.date_window.end) == ("2025-06-20", "2025-07-20")
    assert article.text == text


def test_html_document():
    raw = RawDocument("page.html", (FIXTURES / "article_full.html").read_text(encoding="utf-8"), format="html",
                      url="https://www.harbourgazette.example/world/envoys")
    article = clean_document(raw)
    assert article.title == "Envoys Agree to Resume Ceasefire Talks in Geneva"
    assert article.source == "The Harbour Gazette"
    assert article.published == "2025-06-20T10:42:00"
    assert article.author == "Marta Holub"
    assert article.text.startswith("Negotiators from both sides agreed on Friday")
    assert "cookies" not in article.text


def test_html_without_date_uses_copyright_window():
    raw = RawDocument("links.html", (FIXTURES / "article_links.html").read_text(encoding="utf-8"), format="html")
    article = clean_document(raw)
    assert article.published is None
    assert article.date_window is not None and article.date_window.start == "2025-01-01"
    assert "Read more: Gas Prices Fall as Storage Fills" in article.removed


def test_url_domain_when_nothing_else():
    article = clean_document(RawDocument("x", "Envoys left Geneva on Friday.", url="https://www.courier.example/a"))
    assert (article.source, article.source_confidence) == ("courier.example", 0.5)


@pytest.mark.parametrize("content", ["", "   \n\n ", "Tags: ceasefire\n\n© 2025 The Harbour Gazette",
                                     "Advertisement\nShare this article"])
def test_nothing_left_raises_empty_input(content):
    with pytest.raises(EmptyInput) as err:
        clean_document(RawDocument("empty.txt", content))
    assert "empty.txt" in str(err.value)


def test_unknown_format():
    with pytest.raises(UnsupportedInput):
        clean_document(RawDocument("a.pdf", "x", format="pdf"))
