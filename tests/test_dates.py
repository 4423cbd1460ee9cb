"""Timex resolution: the pure resolver (no model) and the spaCy component."""

from __future__ import annotations

import pytest

from storyline.nlp.dates import is_anaphoric, is_relative, looks_like_date, resolve_date

SATURDAY = "2025-07-05"  # a Saturday

RESOLVE = [
    # (expression, tense, expected (value, value_max, precision))
    ("early Friday", None, ("2025-07-04", None, "day")),
    ("on Thursday", None, ("2025-07-03", None, "day")),
    ("on Thursday", "past", ("2025-07-03", None, "day")),
    ("on Thursday", "future", ("2025-07-10", None, "day")),
    ("Friday morning", None, ("2025-07-04", None, "day")),
    ("next Monday", None, ("2025-07-07", None, "day")),
    ("this night", None, ("2025-07-05", None, "day")),
    ("tonight", None, ("2025-07-05", None, "day")),
    ("yesterday", None, ("2025-07-04", None, "day")),
    ("last night", None, ("2025-07-04", None, "day")),
    ("tomorrow", None, ("2025-07-06", None, "day")),
    ("two days ago", None, ("2025-07-03", None, "day")),
    ("a year ago", None, ("2024", None, "year")),
    ("three months ago", None, ("2025-04", None, "month")),
    ("last week", None, ("2025-06-23", "2025-06-29", "week")),
    ("this week", None, ("2025-06-30", "2025-07-06", "week")),
    ("last weekend", None, ("2025-06-28", "2025-06-29", "day")),
    ("last month", None, ("2025-06", None, "month")),
    ("earlier this month", None, ("2025-07", None, "month")),
    ("last year", None, ("2024", None, "year")),
    ("next year", None, ("2026", None, "year")),
    ("the past three days", None, ("2025-07-02", "2025-07-05", "day")),
    ("July 1, 2025", None, ("2025-07-01", None, "day")),
    ("1 July 2025", None, ("2025-07-01", None, "day")),
    ("Tuesday, 1 July 2025", None, ("2025-07-01", None, "day")),
    ("2025-06-30", None, ("2025-06-30", None, "day")),
    ("1 July", None, ("2025-07-01", None, "day")),
    ("1 July", "future", ("2026-07-01", None, "day")),
    ("June 24", None, ("2025-06-24", None, "day")),
    ("in March", None, ("2025-03", None, "month")),
    ("in March", "future", ("2026-03", None, "month")),
    ("last March", None, ("2025-03", None, "month")),
    ("December 2024", None, ("2024-12", None, "month")),
    ("in 2024", None, ("2024", None, "year")),
    ("late 2025", None, ("2025-09", "2025-12", "month")),
    ("early 2026", None, ("2026-01", "2026-04", "month")),
    ("mid-2025", None, ("2025-05", "2025-08", "month")),
    ("late 2025 or early 2026", None, ("2025-09", "2026-04", "month")),
    ("the first half of 2025", None, ("2025-01", "2025-06", "month")),
    ("spring 2024", None, ("2024-03", "2024-05", "month")),
    ("the 1990s", None, ("1990", "1999", "year")),
]


@pytest.mark.parametrize("text,tense,expected", RESOLVE)
def test_resolve_date(text, tense, expected):
    assert resolve_date(text, SATURDAY, tense) == expected


@pytest.mark.parametrize("text", ["three years", "for years", "decades", "the war", "Section 427", "", "20 km"])
def test_not_a_date(text):
    assert resolve_date(text, SATURDAY) is None


@pytest.mark.parametrize("text,relative", [
    ("on Thursday", True), ("last week", True), ("in March", True), ("1 July", True),
    ("July 1, 2025", False), ("in 2024", False), ("late 2025 or early 2026", False),
])
def test_relative_expressions_need_an_anchor(text, relative):
    assert is_relative(text) is relative
    assert (resolve_date(text, None) is None) is relative


def test_weekday_on_the_anchor_day_is_that_day_in_the_past():
    assert resolve_date("Saturday", SATURDAY, "past") == (SATURDAY, None, "day")


# -- the component, on the real model ------------------------------------------------

def _timexes(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.storyline_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
        if _ == "storyline_timexes":
            break
    return doc._.storyline_timexes


COMPONENT = [
    ("Jane Roe said the drones struck early Friday.", "early Friday", "2025-07-04", "day"),
    ("The ministers met on Thursday in Brussels.", "Thursday", "2025-07-03", "day"),
    ("The ministers will meet on Thursday in Brussels.", "Thursday", "2025-07-10", "day"),
    ("The talks collapsed last week.", "last week", "2025-06-23", "week"),
    ("Jon Doe spoke with his counterpart on July 1, 2025.", "July 1, 2025", "2025-07-01", "day"),
    ("The attack came two days ago.", "two days ago", "2025-07-03", "day"),
    ("A deal may follow in late 2025 or early 2026.", "late 2025 or early 2026", "2025-09", "month"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,expr,value,precision", COMPONENT)
def test_component_resolves(nlp, text, expr, value, precision):
    found = _timexes(nlp, text, SATURDAY)
    match = [t for t in found if t.text == expr]
    assert match, [t.text for t in found]
    t = match[0]
    assert (t.value, t.precision, t.resolved) == (value, precision, True)
    assert text[t.start:t.end] == expr


@pytest.mark.model
def test_component_without_publication_date_keeps_relative_unresolved(nlp):
    found = _timexes(nlp, "The ministers met on Thursday and signed on July 1, 2025.", None)
    by_text = {t.text: t for t in found}
    assert by_text["Thursday"].resolved is False and by_text["Thursday"].value is None
    assert by_text["July 1, 2025"].resolved is True and by_text["July 1, 2025"].value == "2025-07-01"


# Counted from another event of the story ("fired four days earlier"), not from the publication
# date as "ago" is: recorded, never resolved, so no event is dated by it.
ANAPHORIC = [
    ("The clerk, fired four days earlier, walked into the office.", "four days earlier"),
    ("A week later the bridge reopened.", "A week later"),
    ("The deal had been signed three months before.", "three months before"),
]


@pytest.mark.parametrize("text", ["four days earlier", "a week later", "three months before", "two days after",
                                  "two weeks on"])
def test_counted_from_another_event_is_never_resolved(text):
    assert is_anaphoric(text) and looks_like_date(text)
    assert resolve_date(text, SATURDAY) is None


@pytest.mark.parametrize("text", ["two days ago", "in two weeks", "last week", "earlier this month"])
def test_counted_from_publication_is_not_anaphoric(text):
    assert not is_anaphoric(text)


@pytest.mark.model
@pytest.mark.parametrize("text,expr", ANAPHORIC)
def test_component_records_anaphoric_unresolved(nlp, text, expr):
    found = {t.text: t for t in _timexes(nlp, text, SATURDAY)}
    assert expr in found, list(found)
    assert found[expr].resolved is False and found[expr].value is None


@pytest.mark.model
def test_component_ignores_durations(nlp):
    found = _timexes(nlp, "He spent three years in prison and 70 days in hospital.", SATURDAY)
    assert found == []


# A four-digit number that counts the plural noun after it is no timex, even where the tagger
# labels it DATE ("Around 2000" before "people"); a year stays one (round 7).
COUNTS_NOT_TIMEXES = [
    ("Around 2000 people marched through the old town.", "2000"),
    ("The navy said it downed some 2024 drones.", "2024"),
    ("Power was cut in 1998 homes across the county.", "1998"),
    ("The police detained 2000 protesters.", "2000"),
    ("In March 2,000 people fled the town.", "2,000"),
    ("In March 12 people died in the floods.", "12"),
]

YEARS_STAY_TIMEXES = [
    ("The plant opened in 2000 and closed in 2009.", "2000", "2000"),
    ("Prices have risen steadily since 1998.", "1998", "1998"),
    ("The 2024 budget was passed on Friday.", "2024", "2024"),
    ("The feud lasted from 2000-2001.", "2000-2001", "2000"),
    ("The talks began in May 2000.", "May 2000", "2000-05"),
    ("Around 2000, the city built a new port.", "Around 2000", "2000"),
    ("In 2019 elections were held across the north.", "2019", "2019"),
    ("Rovers host 1995 champions Blackburn on Sunday.", "1995", "1995"),
    # the tagger's "March 2,000": the month, then a count
    ("In March 2,000 people fled the town.", "March", "2025-03"),
    ("In March 12 people died in the floods.", "March", "2025-03"),
    ("On March 12 people gathered in the square.", "March 12", "2025-03-12"),
    # a calendar date the tagger calls an EVENT
    ("They marked the anniversary of the September 11, 2001 attacks.", "September 11, 2001", "2001-09-11"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,number", COUNTS_NOT_TIMEXES)
def test_counts_are_not_timexes(nlp, text, number):
    at = text.index(number)
    found = _timexes(nlp, text, SATURDAY)
    assert not [t for t in found if t.start <= at < t.end], [t.text for t in found]


@pytest.mark.model
@pytest.mark.parametrize("text,expr,value", YEARS_STAY_TIMEXES)
def test_years_stay_timexes(nlp, text, expr, value):
    found = [t for t in _timexes(nlp, text, SATURDAY) if t.text == expr]
    assert found and found[0].value == value, [t.text for t in _timexes(nlp, text, SATURDAY)]
