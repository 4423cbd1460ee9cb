"""Fast tests of the quote helpers (no model): marks, spans, statements."""

from __future__ import annotations

import pytest

from storyline.nlp.quote_marks import find_quoted, paragraphs, word_count
from storyline.nlp.quotes import join_parts, looks_like_statement, strip_span


def _contents(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text)]


@pytest.mark.parametrize("text,expected", [
    ('He said "we will win" today.', ["we will win"]),
    ("He said \u201cwe will win\u201d today.", ["we will win"]),
    ("\u00abNous restons,\u00bb she said.", ["Nous restons,"]),
    ("She wrote \u2018never again\u2019 on the wall.", ["never again"]),
    ("He called it 'a disgrace' twice.", ["a disgrace"]),
    ('"One," he said, "two."', ["One,", "two."]),
    # quotes within quotes stay inside the outer quote
    ("\u201cThey shouted \u2018stop\u2019 at us,\u201d she said.", ["They shouted \u2018stop\u2019 at us,"]),
    # doubled apostrophes: the ASCII double quotation mark of some newswires
    ("''We will win,'' she said. He called it ''a disgrace.''", ["We will win,", "a disgrace."]),
    ("''I said, 'Not now,''' he recalled, ''and he said, 'Later.'.''",
     ["I said, 'Not now,'", "and he said, 'Later.'."]),
])
def test_find_quoted(text, expected):
    assert _contents(text) == expected


@pytest.mark.parametrize("text", [
    "Kyiv's mayor didn't comment.",
    "The workers' union met the ministers' envoys.",
    "It was the '90s and rock 'n' roll.",
    "The players' union met the owners' lawyers' team.",
    "Kyiv\u2019s mayor didn\u2019t comment on the workers\u2019 union.",
    "No marks at all here.",
])
def test_apostrophes_are_not_quotes(text):
    assert _contents(text) == []


def test_unclosed_quote_runs_to_paragraph_end():
    text = '"We will stay until the end.\n\n"And we will rebuild," she said.'
    spans = find_quoted(text)
    assert not spans[0].closed and text[spans[0].start:spans[0].end] == "We will stay until the end."
    assert spans[1].closed and text[spans[1].start:spans[1].end] == "And we will rebuild,"


def test_doubled_apostrophe_marks_are_two_wide_and_may_run_on():
    text = "''We will stay.''\n\n''And rebuild"
    first, second = find_quoted(text)
    assert first.width == 2 and text[first.outer[0]:first.outer[1]] == "''We will stay.''"
    assert not second.closed and text[second.start:second.end] == "And rebuild"


def test_paragraphs_skip_blank_lines():
    assert paragraphs("a b\n\n  \nc") == [(0, 3), (8, 9)]


@pytest.mark.parametrize("text,expected", [
    ("unacceptable", False),
    ("peace plan", False),
    ("War and Peace", False),
    ("We will not give up", True),
    ("Never again.", True),
])
def test_looks_like_statement(text, expected):
    assert looks_like_statement(text) is expected


def test_strip_span_and_join_parts():
    text = ' , that the bridge is closed; '
    s, e = strip_span(text, 0, len(text))
    assert text[s:e] == "that the bridge is closed"
    t = '"We will not," he said, "give up."'
    assert join_parts(t, [(1, 13), (25, 33)]) == "We will not give up."
    assert word_count("Kyiv\u2019s 3 drones") == 3
