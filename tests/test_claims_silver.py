"""Round 6: rules found where CQE and we disagree on news text that is not NewsQuant
(``python -m storyline.bench.cqe_silver``: Reuters 1996, Wikinews, ECB+, press releases).
Each rule has sentences of our own here (no corpus text), with negatives; rows are
(sentence, [(value, value_max, unit)]) in the bench's CQE vocabulary, as in
``test_claims_news.py``, whose checks they share (also lower-cased and without commas).
"""

from __future__ import annotations

import re

import pytest

from test_claims_news import _check

# A currency sign already names the money: "won" after it is the verb; "won" after a
# magnitude with no sign is the Korean currency.
WON = [
    ("The golfer has $1,574,799 won this season.", [(1574799, None, "dollar")]),
    ("She took home $2.3 million won at the tables.", [(2.3e6, None, "dollar")]),
    ("The deal is worth 500 billion won.", [(500e9, None, "south korean won")]),
    ("The chipmaker earned 12.4 trillion won in the quarter.", [(12.4e12, None, "south korean won")]),
    ("The team won 3 titles in a row.", [(3, None, "title")]),
]

# Finance's "MM" after a currency is millions; the pounds of money, with a conversion after them.
MONEY_FORMS = [
    ("The club offered him a five-year, $120MM contract.", [(120e6, None, "dollar")]),
    ("The gang asked for a ransom of 200,000 pounds for the painting.", [(200000, None, "pound sterling")]),
    ("The estate sold for 450,000 pounds ($580,000) last week.",
     [(450000, None, "pound sterling"), (580000, None, "dollar")]),
    ("The calf weighed 90 pounds (41 kg) at birth.", [(90, None, "pound-mass"), (41, None, "kilogram")]),
    ("The loss came to 2.4 million markka.", [(2.4e6, None, "finnish markka")]),
    ("The dealer sold the bonds for 35 million guilders.", [(35e6, None, "dutch guilder")]),
    ("The group lost 18 million French francs in the half.", [(18e6, None, "french franc")]),
    ("Investors say they are owed almost two million Irish pounds.", [(2e6, None, "irish pound")]),
]

# A spaced "dB" is decibels (its capital B); a lower-case "db" alone is not a unit.
DECIBELS = [
    ("The engine noise peaks at 115 dB, louder than a drill.", [(115, None, "decibel")]),
]

# The counted thing is the head of its noun phrase, not a modifier noun inside it (a unit
# word stays the unit).
PHRASE_HEADS = [
    ("The airline ordered twelve new long-haul Airbus jets.", [(12, None, "jet")]),
    ("Two plainclothes officers chased the suspect.", [(2, None, "officer")]),
    ("It will take 14 of the new mid-size freighters next year.", [(14, None, "freighter")]),
    ("The utility will build a 100 megawatt plant.", [(100, None, "megawatt")]),
    ("The hospital performed two heart transplants.", [(2, None, "transplant")]),
    ("The plant employs 300 factory workers.", [(300, None, "worker")]),
]

SILVER = WON + MONEY_FORMS + DECIBELS + PHRASE_HEADS


@pytest.mark.model
@pytest.mark.parametrize("text,expected", SILVER)
def test_silver_rules(nlp, text, expected):
    _check(nlp, text, expected)


# lower case would lose the capital of "dB", "MM" and the names of currencies' countries
CASE_BOUND = DECIBELS + [row for row in SILVER if re.search(r"MM|French|Irish", row[0])]


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [row for row in SILVER if row not in CASE_BOUND])
def test_silver_rules_lower_case(nlp, text, expected):
    _check(nlp, text.lower(), expected)


@pytest.mark.model
@pytest.mark.parametrize("text,expected", SILVER)
def test_silver_rules_without_commas(nlp, text, expected):
    _check(nlp, re.sub(r"(?<=\d),(?=\d{3})", "", text).replace(",", ""), expected)
