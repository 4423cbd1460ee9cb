"""Figures in plain text (no model): number words, magnitudes, currencies,
units, approximations, ranges, and what is not a figure."""

from __future__ import annotations

import pytest

from storyline.nlp.numbers import parse_digits, unit_for, words_to_number
from storyline.nlp.quantities import find_quantities


@pytest.mark.parametrize("text,value", [
    ("three", 3), ("twenty-one", 21), ("a dozen", 12), ("one hundred and forty", 140),
    ("half a million", 500_000), ("4 hundred million", 400_000_000), ("nine", 9),
    ("two thousand", 2000), ("banana", None),
])
def test_words_to_number(text, value):
    assert words_to_number(text) == value


@pytest.mark.parametrize("text,value", [("1,450", 1450), ("2.5", 2.5), (".001", 0.001), ("\u22123", -3), ("x", None)])
def test_parse_digits(text, value):
    assert parse_digits(text) == value


@pytest.mark.parametrize("surface,glued,unit", [
    ("km", False, "km"), ("per cent", False, "percent"), ("%", True, "percent"), ("m", True, "m"),
    ("m", False, None), ("G", True, None), ("mph", False, "mph"), ("tonnes", False, "tonne"),
])
def test_unit_for(surface, glued, unit):
    assert unit_for(surface, glued) == unit


FIGURES = [
    # (text, expected span text, value, value_max, unit, approx)
    ("Russia fired 653 drones", "653", 653, None, None, None),
    ("three Kinzhal missiles", "three", 3, None, None, None),
    ("a dozen tanks", "a dozen", 12, None, None, None),
    ("hundreds of drones", "hundreds", 100, 1000, None, "order of"),
    ("tens of thousands of people", "tens of thousands", 10_000, 100_000, None, "order of"),
    ("between 20 and 30 soldiers", "between 20 and 30", 20, 30, None, None),
    ("from 252 to 287 miles", "252 to 287 miles", 252, 287, "mile", None),
    ("20-30 troops", "20-30", 20, 30, None, None),
    ("three or four years", "three or four", 3, 4, None, None),
    ("approximately 1,450 troops", "approximately 1,450", 1450, None, None, "about"),
    ("up to 30,000 men", "up to 30,000", 30_000, None, None, "up to"),
    ("at least two people", "at least two", 2, None, None, "at least"),
    ("more than 30 drones", "more than 30", 30, None, None, "more than"),
    ("over 40 missiles", "over 40", 40, None, None, "more than"),
    ("almost 50 tanks", "almost 50", 50, None, None, "nearly"),
    ("EUR 18 billion in aid", "EUR 18 billion", 18e9, None, "EUR", None),
    ("a package of €18bn", "€18bn", 18e9, None, "EUR", None),
    ("$2 billion", "$2 billion", 2e9, None, "USD", None),
    ("£1.5 million", "£1.5 million", 1.5e6, None, "GBP", None),
    ("18 billion euros", "18 billion euros", 18e9, None, "EUR", None),
    ("5 billion hryvnias", "5 billion hryvnias", 5e9, None, "UAH", None),
    ("₽300 million", "₽300 million", 3e8, None, "RUB", None),
    ("US$58.24 per barrel", "US$58.24 per barrel", 58.24, None, "USD per barrel", None),
    ("a 30 km advance", "30 km", 30, None, "km", None),
    ("rose 5 per cent", "5 per cent", 5, None, "percent", None),
    ("rose 5%", "5%", 5, None, "percent", None),
    ("20 tonnes of grain", "20 tonnes", 20, None, "tonne", None),
    ("a 500kg bomb", "500kg", 500, None, "kg", None),
    ("minus 5 degrees Celsius", "minus 5 degrees Celsius", -5, None, "°C", None),
]


@pytest.mark.parametrize("text,span,value,value_max,unit,approx", FIGURES)
def test_find_quantities(check_quantity, text, span, value, value_max, unit, approx):
    check_quantity(text, span, value, value_max, unit, approx)


@pytest.mark.parametrize("text", [
    "F-16 jets", "the 22nd amendment", "a 45-year-old man", "a man, 45 years old,", "call +44 20 7946 0958",
    "at 10:30 on Friday", "at 5am", "on 12/03/2024", "the 1990s", "the score was 2-0", "Su-34 bombers",
    "a five-year plan", "5G networks", "http://example.org/page/12",
])
def test_not_figures(text):
    assert find_quantities(text) == []
