"""Metadata recovery from plain text: title, date, outlet, date window."""

from __future__ import annotations

import pytest

from storyline.clean import date_from_url, estimate_window, find_outlet, find_published, parse_date, split_title

BODY = "Envoys left Geneva on Friday without an agreement, a mediator said.\n\nTalks will resume next week."

# (text, expected title, body must start with)
TITLE_CASES = [
    ("Ceasefire Talks Stall in Geneva\n\n" + BODY, "Ceasefire Talks Stall in Geneva", "Envoys left"),
    ("Ceasefire talks stall as envoys leave Geneva\n" + BODY, "Ceasefire talks stall as envoys leave Geneva",
     "Envoys left"),
    ("Will the ceasefire hold?\n\n" + BODY, "Will the ceasefire hold?", "Envoys left"),
    ('Mediator: "We have a date"\n\n' + BODY, 'Mediator: "We have a date"', "Envoys left"),
    # title below an outlet name, a section label, a date, a byline
    ("The Harbour Gazette\n\nCeasefire Talks Stall in Geneva\n\n" + BODY, "Ceasefire Talks Stall in Geneva",
     "The Harbour Gazette"),
    ("World | Europe\nCeasefire Talks Stall in Geneva\n" + BODY, "Ceasefire Talks Stall in Geneva", "World | Europe"),
    ("June 20, 2025\n\nCeasefire Talks Stall in Geneva\n\n" + BODY, "Ceasefire Talks Stall in Geneva",
     "June 20, 2025"),
    ("The Harbour Gazette\nWorld\nCeasefire Talks Stall in Geneva\nBy Marta Holub\n\n" + BODY,
     "Ceasefire Talks Stall in Geneva", "The Harbour Gazette"),
    # an outlet-looking headline directly above the body is the title
    ("Press Freedom Under Pressure in Occupied Towns\n\n" + BODY, "Press Freedom Under Pressure in Occupied Towns",
     "Envoys left"),
]

NO_TITLE_CASES = [
    # one paragraph: all body
    "Envoys left Geneva on Friday without an agreement, a mediator said.",
    "Ceasefire Talks Stall in Geneva",
    # the first line is a sentence
    BODY,
    "KYIV, June 20 (Northwind Agency) - Russia launched 40 drones overnight, the air force said.\n\nTwo were hurt.",
    # a headline-like line but nothing sentence-like follows
    "Ceasefire Talks Stall\n\nEnvoys Leave Geneva",
    # too long to be a headline
    ("Envoys from both sides left the talks in Geneva on Friday without an agreement and without a date for "
     "another round of negotiations according to the mediator\n\n" + BODY),
    "",
]


@pytest.mark.parametrize(("text", "title", "body_start"), TITLE_CASES)
def test_split_title_finds_headline(text, title, body_start):
    got_title, body, confidence = split_title(text)
    assert got_title == title
    assert body.startswith(body_start)
    assert title not in body
    assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize("text", NO_TITLE_CASES)
def test_split_title_no_title(text):
    title, body, confidence = split_title(text)
    assert title is None and confidence == 0.0
    assert body == text.strip()


PARSE_DATE_CASES = [
    ("2025-06-20", "2025-06-20"),
    ("2025-06-20T10:42:00", "2025-06-20T10:42:00"),
    ("2025-06-20T10:42:00+03:00", "2025-06-20T10:42:00"),
    ("2025-06-20 10:42", "2025-06-20T10:42:00"),
    ("June 20, 2025", "2025-06-20"),
    ("20 June 2025", "2025-06-20"),
    ("Published: 20 June 2025 10:42", "2025-06-20T10:42:00"),
    ("Updated 20 June 2025, 10:42 EEST", "2025-06-20T10:42:00"),
    ("Fri, 20 Jun 2025 10:42:00 GMT", "2025-06-20T10:42:00"),
    ("Friday 20 June 2025 10.42 BST", "2025-06-20T10:42:00"),
    ("20.06.2025", "2025-06-20"),
]
NOT_DATES = ["June 20", "June 2025", "3 hours ago", "yesterday", "Friday", "2025", "no date here",
             "2025-13-45", "1066-10-14", ""]


@pytest.mark.parametrize(("value", "iso"), PARSE_DATE_CASES)
def test_parse_date(value, iso):
    got, confidence = parse_date(value)
    assert got == iso
    assert confidence >= 0.8


@pytest.mark.parametrize("value", NOT_DATES)
def test_parse_date_rejects_partial_and_relative(value):
    assert parse_date(value) == (None, 0.0)


def test_parse_date_ambiguous_numeric_has_lower_confidence():
    iso, confidence = parse_date("05/06/2025")
    assert iso is not None and confidence < 0.8


PUBLISHED_CASES = [
    ("June 20, 2025\n\n" + BODY, "2025-06-20"),
    ("Ceasefire Talks Stall\nPublished: 20 June 2025 10:42\n\n" + BODY, "2025-06-20T10:42:00"),
    ("Ceasefire Talks Stall\nBy Marta Holub, June 20, 2025\n\n" + BODY, "2025-06-20"),
    ("Updated: 21 June 2025\nPublished: 20 June 2025\n\n" + BODY, "2025-06-20"),
    ("GENEVA, June 20, 2025 (Northwind Agency) - Envoys left Geneva on Friday.", "2025-06-20"),
]
NO_PUBLISHED = [
    "KYIV, June 20 (Northwind Agency) - Russia launched 40 drones overnight, the air force said.",
    BODY,
    "Ceasefire Talks Stall\n3 hours ago\n\n" + BODY,
    # a date inside a body sentence is not a publication date
    "The talks began on June 20, 2025, in Geneva, a mediator said.\n\nThey will resume next week.",
]


@pytest.mark.parametrize(("text", "iso"), PUBLISHED_CASES)
def test_find_published(text, iso):
    got, confidence = find_published(text)
    assert got == iso and confidence > 0.5


@pytest.mark.parametrize("text", NO_PUBLISHED)
def test_find_published_none(text):
    assert find_published(text) == (None, 0.0)


URL_DATES = [
    ("https://www.harbourgazette.example/2009/03/03/politics/species-act/", "2009-03-03"),
    ("http://articles.gazette.example/2005/nov/28/world/fg-quake28", "2005-11-28"),
    ("https://northwind.example/news/2025-06-20-solvik-strike", "2025-06-20"),
    ("https://northwind.example/news/2025/6/20/solvik", "2025-06-20"),
    ("http://club.example/news/article.jsp?ymd=20081216&content_id=3718580", "2008-12-16"),
    ("https://gazette.example/world/solvik_20250620.html", "2025-06-20"),
    ("http://edition.gazette.example/2007/US/04/09/shooting/", "2007-04-09"),
]
NO_URL_DATES = [
    None, "",
    "https://www.harbourgazette.example/world/envoys",
    "https://gazette.example/2009/03/",                  # a month's archive is no day
    "https://gazette.example/story/id/3718580",          # an id, not a date
    "https://gazette.example/a/20251399/x",              # no such month and day
    "https://gazette.example/articles/120081216",        # digits inside a longer number
    "https://2025-06-20.gazette.example/world",          # the host name holds no date
    "http://[gazette/2025/06/20/x",                      # a malformed link: no date, no error
]


@pytest.mark.parametrize(("url", "iso"), URL_DATES)
def test_date_from_url(url, iso):
    assert date_from_url(url) == (iso, 0.6)


@pytest.mark.parametrize("url", NO_URL_DATES)
def test_date_from_url_none(url):
    assert date_from_url(url) == (None, 0.0)


OUTLET_CASES = [
    (BODY + "\n\nRead the article on the Kyiv Courier website", None, "Kyiv Courier", 0.9),
    (BODY + "\n\nRead the original article on Baltic Wire.", None, "Baltic Wire", 0.9),
    (BODY + "\n\nThis article first appeared on The Harbour Gazette.", None, "The Harbour Gazette", 0.85),
    (BODY + "\n\n© 2025 The Kyiv Courier", None, "The Kyiv Courier", 0.8),
    (BODY + "\n\nCopyright 2025 Northwind Media Ltd. All rights reserved.", None, "Northwind Media", 0.8),
    ("The Harbour Gazette\n\nCeasefire Talks Stall\n\n" + BODY, None, "The Harbour Gazette", 0.6),
    (BODY, "https://www.kyivcourier.example/world/talks-stall", "kyivcourier.example", 0.5),
    ("KYIV, June 20 (Northwind Agency) - Russia launched 40 drones overnight.", None, "Northwind Agency", 0.4),
    # the text beats the URL
    (BODY + "\n\n© 2025 The Kyiv Courier", "https://mirror.example/a", "The Kyiv Courier", 0.8),
]


@pytest.mark.parametrize(("text", "url", "name", "confidence"), OUTLET_CASES)
def test_find_outlet(text, url, name, confidence):
    assert find_outlet(text, url) == (name, confidence)


@pytest.mark.parametrize("text", [BODY, "Ceasefire Talks Stall in Geneva\n\n" + BODY, "© 2025", ""])
def test_find_outlet_none(text):
    assert find_outlet(text, None) == (None, 0.0)


WINDOW_CASES = [
    ("The strike on May 3, 2025 killed two. The talks on 20 June 2025 ended early.",
     ("2025-06-20", "2025-07-20"), "explicit"),
    # a future date does not move the window
    ("The talks on 20 June 2025 ended early. The next round is scheduled for August 1, 2025.",
     ("2025-06-20", "2025-07-20"), "explicit"),
    ("Since March 2025 the port has been closed. In April 2025 exports fell.",
     ("2025-04-01", "2025-05-30"), "month"),
    ("Exports fell again.\n\n© 2024 The Kyiv Courier", ("2024-01-01", "2024-12-31"), "copyright"),
]


@pytest.mark.parametrize(("text", "window", "basis"), WINDOW_CASES)
def test_estimate_window(text, window, basis):
    got = estimate_window(text)
    assert got is not None
    assert (got.start, got.end) == window
    assert basis in got.basis


@pytest.mark.parametrize("text", ["Exports fell again on Friday.", "In 2025 exports fell.", ""])
def test_estimate_window_none(text):
    assert estimate_window(text) is None
