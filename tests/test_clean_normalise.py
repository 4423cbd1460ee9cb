"""Unicode and whitespace normalisation."""

from __future__ import annotations

import pytest

from storyline.clean import normalise_text

CASES = [
    # NFC: e + combining acute -> é
    ("Cafe\u0301 talks", "Café talks"),
    ("40\u00a0drones", "40 drones"),
    ("40\u202fdrones and\u2009thin", "40 drones and thin"),
    ("pro\u2011Russian and anti\u2010war", "pro-Russian and anti-war"),
    ("Zelen\u00adskyy", "Zelenskyy"),
    ("Ky\u200biv\u200d and \ufeffOdesa", "Kyiv and Odesa"),
    ("bell\x07 and null\x00", "bell and null"),
    ("a  \t  b", "a b"),
    ("line one\r\nline two\rline three", "line one\nline two\nline three"),
    ("para one\n\n\n\n\npara two", "para one\n\npara two"),
    ("para one\n   \n \t\npara two", "para one\n\npara two"),
    ("  trailing spaces   \n  and leading  ", "trailing spaces\nand leading"),
    ("\n\n  body  \n\n", "body"),
    ("sep\u2028line\u2029para", "sep\nline\npara"),
    ("", ""),
]

# Quotation marks must come through untouched: the quote extractor reads them.
QUOTES = [
    '"straight"',
    "“curly double”",
    "‘curly single’",
    "'single straight'",
    "«guillemets»",
    "„German low-high“",
    "it’s an apostrophe",
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalise(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("text", QUOTES)
def test_quotes_kept(text):
    assert normalise_text(text) == text


def test_idempotent():
    raw = "Cafe\u0301\u00a0talks\r\n\r\n\r\n‘quoted’  text\u00ad"
    once = normalise_text(raw)
    assert normalise_text(once) == once
