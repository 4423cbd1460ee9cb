"""Second-round figure patterns: fractions, "and a half", device and engine units,
case-exact units, lakh/crore, money in "billion pounds", rates after a counted
noun, older years, names with numbers, rankings, "a pick or two". Each pattern
with negatives. Sentences and names are invented."""

from __future__ import annotations

import pytest

from storyline.bench.newsquant import units_match
from storyline.nlp.numbers import unit_for, words_to_number
from storyline.nlp.quantities import find_quantities

# -- plain text (no model) -------------------------------------------------------

FIGURES = [
    # (text, span text, value, value_max, unit, approx)
    ("almost half of the staff", "almost half", 0.5, None, "fraction", "nearly"),
    ("two-thirds of voters", "two-thirds", 2 / 3, None, "fraction", None),
    ("a quarter of the budget", "a quarter", 0.25, None, "fraction", None),
    ("cut the risk by a third.", "a third", 1 / 3, None, "fraction", None),
    ("prices fell by half", "half", 0.5, None, "fraction", None),
    ("two and a half million people", "two and a half million", 2.5e6, None, None, None),
    ("a 12MP camera", "12MP", 12, None, "MP", None),
    ("a 48-megapixel sensor", "48-megapixel", 48, None, "MP", None),
    ("records at 60fps", "60fps", 60, None, "fps", None),
    ("speeds of 500 Mbps", "500 Mbps", 500, None, "Mbps", None),
    ("a 10x zoom", "10x", 10, None, "times", None),
    ("3000 rpm", "3000 rpm", 3000, None, "rpm", None),
    ("450 Nm of torque", "450 Nm", 450, None, "Nm", None),
    ("332 lb-ft of torque", "332 lb-ft", 332, None, "lb-ft", None),
    ("275 pound-feet of torque", "275 pound-feet", 275, None, "lb-ft", None),
    ("a 300 PS engine", "300 PS", 300, None, "PS", None),
    ("$2.24 per mmBTU", "$2.24 per mmBTU", 2.24, None, "USD per mmBTU", None),
    ("reached 40C on Tuesday", "40C", 40, None, "°C", None),
    ("a deal worth Rs 500 crore", "Rs 500 crore", 5e9, None, "INR", None),
    ("1.5 lakh people", "1.5 lakh", 1.5e5, None, None, None),
    ("will spend 3.5 billion pounds", "3.5 billion pounds", 3.5e9, None, "GBP", None),
    ("from 252 miles to 287 miles- and more", "252 miles to 287 miles", 252, 287, "mile", None),
]


@pytest.mark.parametrize("text,figures", [
    # a change then a level is not a range: the unit sits on the first figure only
    ("shares rose 5 percent to 310", [(5, None, "percent"), (310, None, None)]),
    ("up 3% to 12", [(3, None, "percent"), (12, None, None)]),
    # ranges keep working: unit on the second figure, on both, or a currency
    ("rose 5 to 10 percent", [(5, 10, "percent")]),
    ("from 5% to 10%", [(5, 10, "percent")]),
    ("priced at $5 to 8 each", [(5, 8, "USD")]),
])
def test_change_then_level_is_not_a_range(text, figures):
    assert [(q.value, q.value_max, q.unit) for q in find_quantities(text)] == figures


@pytest.mark.parametrize("text,span,value,value_max,unit,approx", FIGURES)
def test_find_quantities(check_quantity, text, span, value, value_max, unit, approx):
    check_quantity(text, span, value, value_max, unit, approx)


@pytest.mark.parametrize("text", [
    "the first half of the year", "in the second half", "the other half of the team", "half an hour",
    "a 5 nm gap", "a 5G phone", "the 10 x 20 grid",
])
def test_not_these_figures(text):
    """Parts and halves of a period, lower-case "nm" spaced, single capitals, a spaced "x"."""
    found = [(text[q.start:q.end], q.unit) for q in find_quantities(text)]
    assert all(u not in ("fraction", "Nm", "times", "°C") for _, u in found), found
    assert not any(span.lower().endswith(("half", "g", "k")) for span, _ in found), found


@pytest.mark.parametrize("text,unit", [
    ("5 nm", None), ("5nm", "nm"), ("5Nm", "Nm"), ("PS", "PS"), ("ps", None), ("x", None),
])
def test_case_and_glue_decide_the_unit(text, unit):
    surface = text.lstrip("0123456789 ")
    glued = not text.startswith(("5 ",)) and text[0].isdigit()
    assert unit_for(surface, glued) == unit


@pytest.mark.parametrize("text,value", [("two and a half", 2.5), ("one and a half million", 1.5e6), ("half", None)])
def test_and_a_half(text, value):
    assert words_to_number(text) == value


@pytest.mark.parametrize("ours,gold,ok", [
    ("american", "Americans", True), ("battery", "batteries", True), ("lb-ft", "pound-foot", True),
    ("lb-ft", "foot pound-force", True), ("PS", "horsepower", True), ("Nm", "newton metre", True),
    ("rpm", "revolutions per minute", True), ("USD per mmBTU", "dollar per mega british thermal unit", True),
    ("percent", "dollar", False), ("gas", "ga", False), ("troop", "tank", False),
])
def test_bench_unit_matching(ours, gold, ok):
    assert units_match(ours, gold) is ok


# -- on the real model ------------------------------------------------------------


def _claims(nlp, text):
    doc = nlp.make_doc(text)
    doc._.storyline_published = "2025-07-05"
    for name, proc in nlp.pipeline:
        doc = proc(doc)
    return [(c.text, c.value, c.value_max, c.unit) for c in doc._.storyline_claims]


CLAIMS = [
    # (sentence, [(value, value_max, unit)])
    ("The board wants another director or two.", [(2, None, "director")]),
    ("Its profit was 45 cents a share.", [(45, None, "cent per share")]),
    ("The striker averaged 2 goals per game.", [(2, None, "goal per game")]),
    ("Temperatures fell by 1 to 1.5 degrees Celsius.", [(1, 1.5, "°C")]),
    ("The Premier League fined the club 12 times.", [(12, None, "times")]),
    ("The top three seeds all lost.", [(3, None, "seed")]),
    ("Nearly two-thirds of voters backed the plan.", [(2 / 3, None, "fraction of voter")]),
    ("The FTSE 100 fell 1.2 per cent.", [(1.2, None, "percent")]),
    # a bare figure of a coordinated change verb shares the unit before it
    ("The Dow rose 1.2 percent and the Zentex gained 0.8.", [(1.2, None, "percent"), (0.8, None, "percent")]),
    ("Bonds fell by 2 percent but stocks rose by 1.", [(2, None, "percent"), (1, None, "percent")]),
    # ... but not a count of something else, nor a figure of the same verb
    ("The firm cut prices by 10 percent and jobs by 200.", [(10, None, "percent"), (200, None, "")]),
    ("Shares rose 5 percent to 310.", [(5, None, "percent"), (310, None, "")]),
    ("Revenue rose 4 percent, and 12 stores closed.", [(4, None, "percent"), (12, None, "store")]),
]


@pytest.mark.model
@pytest.mark.parametrize("text,expected", CLAIMS)
def test_claims(nlp, text, expected):
    got = [(v, vm, u) for _, v, vm, u in _claims(nlp, text)]
    assert len(got) == len(expected), got
    for (v, vm, u), (ev, evm, eu) in zip(got, expected):
        assert (v, vm, u) == (pytest.approx(ev), evm, eu)


NOT_CLAIMS = [
    "Between 1600 and 1900 the glaciers grew.",  # years before 1800 after a preposition of time
    "The ship sank in 1588 off the coast.",
    "The side slipped towards the bottom three.",  # a place in a ranking
    "The team finished in the top 10.",
    "The Tigers lead the Big 12.",  # a name's number
    "Reviewers praised the new 11 Pro Max.",  # a model name
    "The S&P 500 closed higher.",  # a stock index
]


@pytest.mark.model
@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(nlp, text):
    assert _claims(nlp, text) == []


@pytest.mark.model
def test_older_figures_without_a_time_preposition_stay(nlp):
    assert [c[1] for c in _claims(nlp, "The crowd of 1500 fans sang.")] == [1500]
    assert [c[1] for c in _claims(nlp, "They found 1600 graves.")] == [1600]
