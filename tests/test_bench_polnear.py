"""PolNeAR scorer (pure functions on hand-made text) and, where the shared
data is present, its loader. Also the CoNLL IOB reader of bench/conll.py."""

from __future__ import annotations

import pytest

from storyline.bench.conll import iob_spans, prf
from storyline.bench.polnear import (
    GoldAttribution,
    Scores,
    exact_match,
    load_split,
    match,
    parse_ann,
    score_article,
    shared_data_dir,
    speaker_correct,
)
from storyline.models import Quote

TEXT = 'Olena Marchuk said the bridge was closed. "We will rebuild it," she said. Ivo Tannery laughed.'
CONTENT = (TEXT.index("the bridge"), TEXT.index(". "))
DIRECT = (TEXT.index("We will"), TEXT.index(",\""))
QUOTED = (DIRECT[0] - 1, DIRECT[1] + 2)  # with its marks and comma
SHE = (TEXT.index("she"), TEXT.index("she") + 3)


def _gold():
    return [GoldAttribution([CONTENT], [(0, 13)], "Olena Marchuk"),
            GoldAttribution([QUOTED], [SHE], "she")]


def test_offsets_of_the_fixture():
    assert TEXT[CONTENT[0]:CONTENT[1]] == "the bridge was closed"
    assert TEXT[DIRECT[0]:DIRECT[1]] == "We will rebuild it"


def test_parse_ann_reads_relations_and_fragments():
    ann = ("T1\tSource 0 13\tOlena Marchuk\nT2\tCue 14 18\tsaid\nT3\tContent 19 30;31 40\tx\n"
           "T4\tAttribution 14 18\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
           "#1\tAnnotatorNotes T1\ta note\n")
    (g,) = parse_ann(ann, TEXT)
    assert g.content == [(19, 30), (31, 40)] and g.source == [(0, 13)] and g.source_text == "Olena Marchuk"
    assert g.span == (19, 40)


def test_match_overlap_threshold():
    golds = _gold()
    pairs, found = match(TEXT, [CONTENT, DIRECT], golds)
    assert pairs == {0: 0, 1: 1} and found == {0, 1}
    # a prediction mostly outside any content is wrong, and finds nothing
    pairs, found = match(TEXT, [(0, CONTENT[0] + 6)], golds)
    assert pairs == {} and found == set()
    # two predictions inside one long content are both right and together find it
    long = [GoldAttribution([(0, len(TEXT))], [], "")]
    pairs, found = match(TEXT, [(0, 40), (42, len(TEXT))], long)
    assert pairs == {0: 0, 1: 0} and found == {0}


def test_exact_match_trims_marks_and_punctuation():
    assert exact_match(TEXT, DIRECT, [QUOTED])
    assert not exact_match(TEXT, (DIRECT[0], DIRECT[0] + 7), [QUOTED])


@pytest.mark.parametrize("speaker,speaker_text,span,ok", [
    ("Olena Marchuk", "she", SHE, True),  # the predicted mention is the gold source
    ("Olena Marchuk", "Olena Marchuk", (0, 13), False),  # gold source "she": names are not compared
    ("Ivo Tannery", "Ivo Tannery", (74, 85), False),
    (None, None, None, False),
])
def test_speaker_correct(speaker, speaker_text, span, ok):
    gold = GoldAttribution([QUOTED], [SHE], "she")
    q = Quote("We will rebuild it", *DIRECT, "direct", speaker=speaker, speaker_text=speaker_text,
              speaker_span=span)
    assert speaker_correct(TEXT, q, gold) is ok


def test_speaker_correct_by_name():
    gold = GoldAttribution([CONTENT], [(0, 13)], "Olena Marchuk")
    q = Quote("x", *CONTENT, "indirect", speaker="Olena Marchuk", speaker_text="she", speaker_span=SHE)
    assert speaker_correct(TEXT, q, gold)


REL = 'Ivo Tannery, who said the bridge was closed, left. Olena Marchuk, a friend, who stayed, wept.'
WHO = (REL.index("who"), REL.index("who") + 3)


@pytest.mark.parametrize("speaker_span,strict,ok", [
    ((0, 11), False, True),  # the antecedent just before the relative pronoun
    ((0, 11), True, False),  # strict: the gold "who" itself must be overlapped
    (WHO, True, True),
    ((REL.index("Olena"), REL.index("Olena") + 13), False, False),  # another mention, not the antecedent
])
def test_relative_pronoun_source_stands_for_its_antecedent(speaker_span, strict, ok):
    content = (REL.index("the bridge"), REL.index(", left"))
    gold = GoldAttribution([content], [WHO], "who")
    q = Quote("x", *content, "indirect", speaker="Someone Else", speaker_text=REL[speaker_span[0]:speaker_span[1]],
              speaker_span=speaker_span)
    assert speaker_correct(REL, q, gold, strict=strict) is ok


def test_relative_pronoun_rule_needs_adjacency():
    # "Olena Marchuk, a friend, who ...": the mention ends before an apposition, not before "who"
    who2 = (REL.rindex("who"), REL.rindex("who") + 3)
    gold = GoldAttribution([(who2[1] + 1, len(REL))], [who2], "who")
    q = Quote("x", who2[1] + 1, len(REL), "indirect", speaker="Olena Marchuk", speaker_text="Olena Marchuk",
              speaker_span=(REL.index("Olena"), REL.index("Olena") + 13))
    assert not speaker_correct(REL, q, gold)


def test_score_article_counts():
    sc = Scores()
    quotes = [Quote("the bridge was closed", *CONTENT, "indirect", speaker="Olena Marchuk",
                    speaker_text="Olena Marchuk", speaker_span=(0, 13)),
              Quote("We will rebuild it", *DIRECT, "direct", speaker="Ivo Tannery", speaker_text="Ivo Tannery",
                    speaker_span=(74, 85)),
              Quote("rebuild", DIRECT[0] + 8, DIRECT[0] + 15, "partial"),  # inside another quote: not scored
              Quote("laughed", TEXT.index("laughed"), TEXT.index("laughed") + 7, "indirect")]
    score_article(TEXT, quotes, _gold(), sc)
    assert (sc.all.pred, sc.all.pred_ok, sc.all.gold, sc.all.gold_ok) == (3, 2, 2, 2)
    assert (sc.quoted.pred, sc.quoted.pred_ok, sc.quoted.gold, sc.quoted.gold_ok) == (1, 1, 1, 1)
    assert (sc.speaker_total, sc.speaker_ok) == (2, 1)


def test_iob_spans_and_prf():
    assert iob_spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "O"]) == {(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")}
    assert prf(1, 2, 4) == pytest.approx((0.5, 0.25, 1 / 3))


@pytest.mark.shared_data
def test_polnear_dev_loads():
    if not (shared_data_dir() / "polnear" / "data" / "dev").is_dir():
        pytest.skip("PolNeAR not present beside the checkout")
    arts = load_split("dev")
    assert len(arts) == 84
    assert sum(len(a.attributions) for a in arts) > 1500
    for a in arts[:5]:
        for g in a.attributions:
            assert all(0 <= s < e <= len(a.text) for s, e in g.content)
