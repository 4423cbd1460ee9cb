"""The story benchmark's scorer and dataset readers (no model; data tests skip without ../shared/data)."""

from __future__ import annotations

import pytest

from storyline.bench.stories import (bcubed, detokenize, ecbplus_docs, newswcl50_docs, pair_signals,
                                     tfidf_agglomerative)


@pytest.mark.parametrize("pred, gold, expected", [
    ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}, (1.0, 1.0, 1.0)),
    ({"a": 1, "b": 1, "c": 1}, {"a": "x", "b": "x", "c": "y"}, (5 / 9, 1.0, 2 * (5 / 9) / (5 / 9 + 1))),
    ({"a": 1, "b": 2, "c": 3}, {"a": "x", "b": "x", "c": "y"}, (1.0, 2 / 3, 0.8)),
])
def test_bcubed(pred, gold, expected):
    assert bcubed(pred, gold) == pytest.approx(expected)


def test_detokenize():
    assert detokenize(["He", "said", "``", "no", "''", ",", "it", "'s", "over", "."]) == \
        "He said \u201c no \u201d, it's over."


def test_baseline_separates_two_obvious_groups():
    texts = ["drone strike on the harbour city", "drone strike hits harbour city again",
             "grain deal agreed at lakeside summit", "lakeside summit agrees grain deal"]
    labels = tfidf_agglomerative(texts, 0.9)
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_pair_signals_rank_a_shared_rare_name_above_shared_common_words():
    """The separability bench's pairwise signals: symmetric, and two reports sharing a rare name and
    entities score above two sharing only a word every report has."""
    members = [
        {"vec": None, "names": {"ardenne": 2, "rehab": 1}, "words": {"clinic": 2, "rehab": 1}, "entities": ["Q1", "Q9"]},
        {"vec": None, "names": {"ardenne": 1, "rehab": 2}, "words": {"clinic": 1, "rehab": 2}, "entities": ["Q1"]},
        {"vec": None, "names": {"velloso": 3, "rehab": 1}, "words": {"stadium": 2, "rehab": 1}, "entities": ["Q2"]},
        {"vec": None, "names": {"corvin": 1, "rehab": 1}, "words": {"harbour": 1, "rehab": 1}, "entities": ["Q3"]},
    ]
    signals = pair_signals(members)
    assert set(signals) >= {"embedding cosine", "name words", "text words", "salient entities (Jaccard)"}
    for m in signals.values():
        assert all(m[i][j] == pytest.approx(m[j][i]) for i in range(4) for j in range(4))
    for name in ("name words", "text words", "salient entities (Jaccard)"):
        assert signals[name][0][1] > signals[name][0][2], name
    total = [row[:] for row in signals["weighted sum (score weights, no time terms)"]]
    assert total[0][1] > max(total[0][2], total[0][3], total[2][3])


def test_crossencoder_pairs_stay_inside_one_topic():
    from storyline.bench.story_crossencoder import topic_pairs

    gold = {"a": "11ecb", "b": "11ecb", "c": "11plus", "d": "12ecb", "e": "3plus"}
    pairs = topic_pairs(sorted(gold), gold, range(11, 21))
    assert pairs == [("a", "b", 1.0), ("a", "c", 0.0), ("b", "c", 0.0)]


def test_ecbplus_reader_labels_topic_and_subtopic(shared_data):
    if not (shared_data / "ecbplus").is_dir():
        pytest.skip("ECB+ not present")
    docs = ecbplus_docs([1])
    golds = {g for _, g, _ in docs}
    assert golds == {"1ecb", "1plus"}
    assert all(d.content.strip() for _, _, d in docs)
    # the ecbplus files open with their link, tokenized like the text: read back as one link line
    firsts = [d.content.split("\n", 1)[0] for _, g, d in docs if g == "1plus"]
    assert firsts and all(f.startswith("http") and " " not in f for f in firsts)


def test_newswcl50_reader_has_ten_events_of_five(shared_data):
    if not (shared_data / "newswcl50").is_dir():
        pytest.skip("NewsWCL50 not present")
    docs = newswcl50_docs()
    counts: dict[str, int] = {}
    for _, g, _ in docs:
        counts[g] = counts.get(g, 0) + 1
    assert len(counts) == 10 and set(counts.values()) == {5}


def test_sample_gold_maps_paths_and_feed_items(tmp_path):
    import json

    from storyline.bench.stories import sample_gold

    gold = tmp_path / "stories.json"
    gold.write_text(json.dumps({"stories": {"a": ["txt/one.txt", "feeds/x.rss#1"], "b": ["txt/two.txt", "txt/gone.txt"]},
                                "item_urls": {"feeds/x.rss#1": "https://x.example/1"}}), encoding="utf-8")
    rows = [{"id": "art_1", "origin": "/any/where/sample/txt/one.txt", "url": None},
            {"id": "art_2", "origin": "/any/where/sample/feeds/x.rss:2", "url": "https://x.example/1"},
            {"id": "art_3", "origin": "/any/where/sample/txt/two.txt", "url": None}]
    assert sample_gold(rows, gold) == {"art_1": "a", "art_2": "a", "art_3": "b"}
