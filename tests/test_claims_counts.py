"""Round 7: year-like numbers that count something, and ages after names the tagger does not
mark as a person. Sentences of our own (no corpus text); rows are (sentence, [(value,
value_max, unit)]) in the bench's CQE vocabulary, checked as in ``test_claims_news.py``.
The timex side of the same rule is in ``test_dates.py``.
"""

from __future__ import annotations

import pytest

from test_claims_news import _check

# A four-digit number that counts the plural noun after it is a count, also after an
# approximation the tagger folds into a DATE ("Around 2000"), after adjectives ("1500 Ukrainian
# troops") and after a verb's "in"/"by" ("cut in 1998 homes", "won by 2000 votes").
COUNTS = [
    ("Around 2000 people marched through the old town.", [(2000, None, "person")]),
    ("Some 1500 troops crossed the river at dawn.", [(1500, None, "troop")]),
    ("Power was cut in 1998 homes across the county.", [(1998, None, "home")]),
    ("The navy said it downed some 2024 drones.", [(2024, None, "drone")]),
    ("About 1850 Ukrainian soldiers were freed in the swap.", [(1850, None, "soldier")]),
    ("Nearly 1900 refugees reached the camp.", [(1900, None, "refugee")]),
    ("The mayor won by 2000 votes.", [(2000, None, "vote")]),
    ("2000 people signed the petition.", [(2000, None, "person")]),
]

# ... and a year stays a year: after a determiner, a possessive or a time preposition, in a
# span, with a month, before a comma, opening a clause, and a title naming who holds it.
YEARS_STAY = [
    ("The plant opened in 2000 and closed in 2009.", []),
    ("Prices have risen steadily since 1998.", []),
    ("The 2024 budget was passed on Friday.", []),
    ("The feud lasted from 2000-2001.", []),
    ("The talks began in May 2000.", []),
    ("Around 2000, the city built a new port.", []),
    ("In 2019 elections were held across the north.", []),
    ("The firm's 2021 results disappointed investors.", []),
    ("Analysts expect a rise in 1996 earnings.", []),
    ("Rovers host 1995 champions Blackburn on Sunday.", []),
    ("They marked the anniversary of the September 11, 2001 attacks.", []),
    ("The 1998 World Cup hosts lost the opener.", []),
    ("Output should reach 2019 production levels by December.", []),
]

# People's ages are no claims: "<name> is N" with a date word after it and a name the tagger
# labels a place or an organisation, "they are N now"; a level of a price, a rate or an index
# stays a figure, and so does anything with a unit.
AGES = [
    ("Anastasia is 16 today.", []),
    ("Kellan is 16 now.", []),
    ("Nadia was 19 at the time.", []),
    ("They are 17 now, and both want to study law.", []),
    ("She is 35.", []),
    ("Tomas, 52, was arrested on Monday.", []),
    ("He will be 40 next month.", []),
    ("Anastasia, who is 16, was detained.", []),
    ("Unemployment is 7 now.", [(7, None, None)]),
    ("Oil, which is 80 today, may fall.", [(80, None, None)]),
    ("Brent is 80 dollars a barrel.", [(80, None, "dollar per barrel")]),
    ("Inflation is 3 per cent.", [(3, None, "percentage")]),
    ("The index is 16 points up.", [(16, None, "point")]),
    ("Brent is 80 today.", [(80, None, None)]),
    ("The jobless rate is 5 today.", [(5, None, None)]),
    ("The Dow is 80 points higher today.", [(80, None, "point")]),
]

# A clock time in four digits before a time zone or "local time" is no figure; hours counted
# and distances stay figures.
CLOCK_TIMES = [
    ("Play resumed at 1230 local time (1130 GMT).", []),
    ("The raid began at about 0415 hrs on Sunday.", []),
    ("The fire broke out at about 2045 GMT on Friday.", []),
    ("Sirens sounded at 0400 Kyiv time.", []),
    ("The battle lasted 1100 hours.", [(1100, None, "hour")]),
    ("The plane flew 1230 km.", [(1230, None, "kilometre")]),
]

# A calendar date written out is a date (no day figure), also where the tagger calls it an
# event; a month ending a sentence does not take the count opening the next, nor a month the
# grouped count the tagger folds into its DATE ("March 2,000").
CALENDAR = [
    ("Markets fell after the September 11, 2001 attacks.", []),
    ("Delivery is due Nov 15 - Dec 10.", []),
    ("The summit opened in August. 14 states sent envoys.", [(14, None, "state")]),
    ("In March 2,000 people fled the town.", [(2000, None, "person")]),
    # a year before a dash and a grouped count after it are two numbers, not a range
    ("Sales peaked in June 2019 -- 204,500 private cars and 11,200 vans.",
     [(204500, None, "car"), (11200, None, "van")]),
    ("Crowds of 1,500 -- 2,000 people gathered.", [(1500, 2000, "person")]),
    # "in" takes a month or a year, never a day: "In March 12 people" is the month, then a count;
    # "on March 12" and "in May 3" without a plural noun after it stay days
    ("In March 12 people died in the floods.", [(12, None, "person")]),
    ("In June 40 Tavoran soldiers were captured.", [(40, None, "soldier")]),
    ("On March 12 people gathered in the square.", []),
    ("The talks resumed in May 3 and ended in June.", []),
]

ROUND7 = COUNTS + YEARS_STAY + AGES + CLOCK_TIMES + CALENDAR


@pytest.mark.model
@pytest.mark.parametrize("text,expected", ROUND7)
def test_round7_rules(nlp, text, expected):
    _check(nlp, text, expected)
