"""Model-free parts of the event coder: the lexicon file, absolute dates, the benchmark mappings."""

from __future__ import annotations

import pytest

from storyline.bench.events import ACLED_TO_OURS, PENTACLASS, pentaclass
from storyline.models import Event
from storyline.nlp.event_dates import absolute_date
from storyline.nlp.event_lexicon import EVENT_TYPES, load_lexicon


def test_lexicon_loads_and_covers_every_type():
    lexicon = load_lexicon()
    types = {t.type for t in lexicon.values()} - {"-"}
    assert types == set(EVENT_TYPES)
    assert lexicon[("condolence", "NOUN")].type == "STATEMENT"  # comments that are events themselves
    assert lexicon[("demand", "VERB")].kind == "demand"
    assert "establish" in lexicon[("tie", "NOUN")].governors
    assert lexicon[("attack", "VERB")].type == "ASSAULT"
    assert lexicon[("launch", "VERB")].light
    assert lexicon[("call", "VERB")].preps == frozenset({"for", "on"})


def test_lexicon_rejects_unknown_types(tmp_path):
    bad = tmp_path / "lex.tsv"
    bad.write_text("smash\tVERB\tSMASH\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown event type"):
        load_lexicon(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("July 1, 2025", ("2025-07-01", "day")),
        ("1 July 2025", ("2025-07-01", "day")),
        ("Sept. 3, 2024", ("2024-09-03", "day")),
        ("2025-03-09", ("2025-03-09", "day")),
        ("March 2024", ("2024-03", "month")),
        ("2014", ("2014", "year")),
        ("in 2014", ("2014", "year")),
        ("early Friday", None),
        ("last week", None),
        ("22nd", None),
    ],
)
def test_absolute_date(text, expected):
    assert absolute_date(text) == expected



def test_pentaclass_mapping_covers_all_types():
    assert set(PENTACLASS) == set(EVENT_TYPES)
    ev = Event(id="ev0", type="AGREE", text="", start=0, end=0)
    assert pentaclass(ev) == 1
    ev.mode = "negated"
    assert pentaclass(ev) == 3
    assert pentaclass(None) == 0


def test_acled_mapping_targets_our_types():
    assert set(ACLED_TO_OURS.values()) <= set(EVENT_TYPES) | {"OTHER"}
    assert ACLED_TO_OURS["AIR_STRIKE"] == "ASSAULT" and ACLED_TO_OURS["PEACE_PROTEST"] == "PROTEST"
