"""The NewsQuant bench's CQE baseline: scoring CQE's quantities with our matching, the
adapter's error when CQE is not installed, and the silver comparison of the two systems."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from storyline.bench import cqe_adapter, newsquant
from storyline.bench.cqe_silver import _ecb_text, _sentence_like, compare


def _gold(value, unit):
    return {"value": value, "normalized_unit": unit}


def test_cqe_units_are_compared_as_named():
    golds = [_gold("2000000000.0", "dollar"), _gold("45", "percentage"), _gold("574", "drone")]
    rows = [[[2e9, 2e9, "dollar", "="], [45.0, 45.0, "percentage", "="], [574.0, 574.0, "missile", "="]]]
    items = [{"quantities": golds}]
    counts = newsquant.score_baseline(rows, items, ["tune (0-149)", "all"])
    c = counts["all"]
    assert (c.predicted, c.gold, c.value_tp, c.unit_tp) == (3, 3, 3, 2)
    assert counts["tune (0-149)"].unit_tp == 2


def test_cqe_names_do_not_go_through_our_table():
    # "m" is our metre; CQE writes names, so a CQE unit "m" would not be a metre
    assert not newsquant.units_match("m", "metre", names_of=newsquant.cqe_names)
    assert newsquant.units_match("m", "metre")
    assert newsquant.units_match("kilometre", "kilometre", names_of=newsquant.cqe_names)


def test_adapter_names_the_missing_package():
    if importlib.util.find_spec("CQE") is not None:
        pytest.skip("CQE is importable here; the error path needs an interpreter without it")
    with pytest.raises(RuntimeError, match="CQE"):
        cqe_adapter.run_cqe(["5 drones"], sys.executable)


def test_adapter_bounds_of_values_and_ranges():
    class V:
        def __init__(self, **kw):
            self.__dict__.update(kw)

    assert cqe_adapter._value_bounds(V(value=V(value=3.0))) == (3.0, 3.0)
    assert cqe_adapter._value_bounds(V(value=V(lower=30.0, upper=20.0))) == (20.0, 30.0)
    assert cqe_adapter._value_bounds(V(value=V(value="n/a"))) is None


def test_silver_compare_counts_each_kind():
    ours = [((5.0, 5.0), "percent"), ((12.0, 12.0), "drone"), ((7.0, 7.0), "")]
    cqe = [((5.0, 5.0), "percentage"), ((12.0, 12.0), "missile"), ((40.0, 40.0), "-")]
    matched, unit_ok, ours_only, cqe_only, unit_diff = compare(ours, cqe)
    assert (matched, unit_ok) == (2, 1)
    assert [v for v, _, _ in ours_only] == [(7.0, 7.0)]
    assert [v for v, _, _ in cqe_only] == [(40.0, 40.0)]
    assert [(u, c) for _, u, c in unit_diff] == [("drone", "missile")]


def test_silver_sentences_are_sentences_with_numbers():
    assert _sentence_like("The ministry said 40 drones were shot down over the region.")
    assert not _sentence_like("Moreau 6 3 1 6 Lind 7 5 4 2 0 1")  # a results table
    assert not _sentence_like("The ministry said the drones were shot down over the region.")


def test_ecb_tokens_are_joined_back():
    tokens = "A 23 - year - old was hurt at 3 : 30 a . m . , and 2 , 117 people fled the 5 . 9 quake".split()
    text = _ecb_text(tokens)
    assert "23-year-old" in text and "3:30 a.m." in text and "2,117" in text and "5.9" in text
