"""Which date an event gets: the timex of its own clause (or of a clause governing
it), the day the article is about, or the publication date; DATE entities cut at
blank lines. Sentences and names are invented."""

from __future__ import annotations

import pytest

from storyline.models import Timex
from storyline.nlp.dates import article_date, event_date, paragraph_bounds

SATURDAY = "2025-07-05"


def _tx(value, precision="day", value_max=None, resolved=True):
    return Timex(text="x", start=0, end=1, value=value, value_max=value_max, precision=precision,
                 resolved=resolved)


@pytest.mark.parametrize("timexes,expected", [
    ([_tx("2025-07-03")], "2025-07-03"),  # Thursday before a Saturday publication
    ([_tx("2025-06-28")], "2025-06-28"),  # seven days before: still the week
    ([_tx("2025-06-27")], None),  # eight days before: history, not the news
    ([_tx("2025-07-06")], None),  # after publication: a plan, not what happened
    ([_tx("2025-07", "month"), _tx("2025-07-04")], "2025-07-04"),  # months don't count, days do
    ([_tx("2025-06-30", "week", "2025-07-06")], None),  # a range is not one day
    ([_tx(None, None, resolved=False)], None),
    ([_tx("2025-07-01"), _tx("2025-07-04")], "2025-07-01"),  # the first one named
])
def test_article_date(timexes, expected):
    found = article_date(timexes, SATURDAY)
    assert (found.value if found else None) == expected


def test_article_date_needs_a_publication_date():
    assert article_date([_tx("2025-07-03")], None) is None


@pytest.mark.parametrize("text,pos,bounds", [
    ("Title\n\nBody one. Body two.", 9, (7, 26)),
    ("Title\n\nBody one.", 2, (0, 5)),
    ("One paragraph only.", 4, (0, 19)),
    ("A\n \nB", 4, (4, 5)),
])
def test_paragraph_bounds(text, pos, bounds):
    assert paragraph_bounds(text, pos) == bounds


# -- on the real model --------------------------------------------------------------


def _run(nlp, text, published=SATURDAY):
    doc = nlp.make_doc(text)
    doc._.storyline_published = published
    for name, proc in nlp.pipeline:
        if name == "storyline_events":
            break
        doc = proc(doc)
    return doc


def _date_of(nlp, text, trigger, published=SATURDAY):
    doc = _run(nlp, text, published)
    about = article_date(doc._.storyline_timexes, published)
    token = next(t for t in doc if t.text == trigger)
    return event_date(token, doc._.storyline_timexes, published, about)


ANCHORING = [
    # (text, trigger, (value, precision, basis))
    # the timex of the trigger's own clause
    ("Mara Quillon met the envoy on Thursday.", "met", ("2025-07-03", "day", "timex")),
    # not the timex of an embedded clause: "said" is not last year
    ("Oskar Vell said on Friday that his firm sold 40 ships last year.", "said",
     ("2025-07-04", "day", "timex")),
    ("Oskar Vell said on Friday that his firm sold 40 ships last year.", "sold", ("2024", "year", "timex")),
    # a timex attached to an event noun: "its launch in 2003"
    ("Sales doubled since its launch in 2003.", "launch", ("2003", "year", "timex")),
    # a timex of the governing clause dates the clause below it
    ("On Thursday the council voted to close the bridge.", "close", ("2025-07-03", "day", "timex")),
    # a past event without a timex takes the day the article is about
    ("The navy seized a tanker on Wednesday. Officers boarded the ship at dawn.", "boarded",
     ("2025-07-02", "day", "article")),
    # a year or month holding that day gives way to the day
    ("The firm unveiled a phone on Wednesday. It unveiled a tablet at this year's fair.", "tablet",
     ("2025-07-02", "day", "article")),
    # present and future statements keep the publication date
    ("The navy seized a tanker on Wednesday. The ship carries crude oil.", "carries",
     ("2025-07-05", "day", "published")),
    ("The navy seized a tanker on Wednesday. The crew will be released.", "released",
     ("2025-07-05", "day", "published")),
    # a past event with no day the article is about: the publication date
    ("Officers boarded the ship at dawn.", "boarded", ("2025-07-05", "day", "published")),
    # an event in a headline (short first paragraph, no full stop) is in the historic present
    ("Navy seizes tanker\n\nThe navy seized a tanker on Wednesday.", "seizes", ("2025-07-02", "day", "article")),
    # a timex across a blank line does not date the event
    ("Navy seizes tanker on Friday\n\nThe ship carries crude oil.", "carries", ("2025-07-05", "day", "published")),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,expected", ANCHORING)
def test_event_date(nlp, text, trigger, expected):
    assert _date_of(nlp, text, trigger) == expected


@pytest.mark.model
def test_event_date_without_any_date(nlp):
    assert _date_of(nlp, "Officers boarded the ship at dawn.", "boarded", published=None) is None


@pytest.mark.model
def test_date_entity_is_cut_at_a_blank_line(nlp):
    """The NER sometimes runs a DATE across a heading and the next paragraph."""
    doc = _run(nlp, "Zelmor unveils phone at Makers Conference 2025\n\nYesterday, at this year's fair, "
                    "Zelmor showed a phone.")
    texts = [t.text for t in doc._.storyline_timexes]
    assert "Yesterday" in texts
    assert not any("\n" in t for t in texts)
