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


def _gold(value, unit):
    return {"value": value, "normalized_unit": unit}


def test_published_protocol_counts_a_value_more_than_once_and_needs_the_exact_unit():
    """As CQE_Evaluation's calculate_metrics: two gold "1" and one predicted 1 give two value
    matches; the unit must be the gold's name exactly (no last word, no plural)."""
    c = newsquant.Counts()
    golds = [_gold("1", "solution"), _gold("1", "heart transplant")]
    newsquant.score_published([((1.0, 1.0), "transplant")], golds, c)
    assert (c.published_value_tp, c.published_unit_tp) == (2, 0)
    c = newsquant.Counts()
    newsquant.score_published([((1.0, 1.0), "Heart Transplant ")], golds, c)
    assert (c.published_value_tp, c.published_unit_tp) == (1, 1)  # consumed by its match


def test_published_protocol_ranges_match_ranges_only():
    c = newsquant.Counts()
    golds = [_gold("36040.0-34935.0", "dollar"), _gold("3.0", "percentage")]
    newsquant.score_published([((34935.0, 36040.0), "dollar"), ((36040.0, 36040.0), "dollar")], golds, c)
    assert (c.published_value_tp, c.published_unit_tp) == (1, 1)


def test_published_protocol_caps_value_matches_at_the_gold_count():
    c = newsquant.Counts()
    newsquant.score_published([((5.0, 5.0), "a"), ((5.0, 5.0), "b"), ((5.0, 5.0), "c")], [_gold("5", "d")], c)
    assert (c.published_value_tp, c.published_unit_tp) == (1, 0)


def test_error_kinds_are_counts_by_kind():
    items = [{"quantities": [_gold("20", "dollar"), _gold("3", "people"), _gold("7", "kilometre")]}]
    preds = [[((20.0, 20.0), "share"), ((3.0, 3.0), "person"), ((9.0, 9.0), "km")]]
    cqe = [[[20.0, 20.0, "dollar", "="], [9.0, 9.0, "kilometre", "="]]]
    kinds = newsquant.error_kinds(preds, items, cqe)["tune (0-149)"]
    assert kinds == {"value found, unit wrong: gold money / ours noun; CQE right": 1,
                     "value+unit right; CQE wrong": 1, "value missed; CQE wrong": 1,
                     "extra: ours measure; CQE gives that value too": 1}
    assert newsquant.error_kinds(preds, items)["tune (0-149)"]["value missed"] == 1


@pytest.mark.parametrize("name,kind", [("-", "none"), ("dollar", "money"), ("ghanaian cedi", "money"),
                                       ("dollar per share", "money"), ("percentage", "percent"),
                                       ("% voter", "part"), ("year of age", "age"),
                                       ("mile per hour", "rate"), ("kilometre", "measure"),
                                       ("heart transplant", "noun")])
def test_unit_kind(name, kind):
    assert newsquant.unit_kind(name) == kind
