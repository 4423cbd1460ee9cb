"""Quality gate: quotes on the sample corpus gold (tests/gold/sample_gold.jsonl,
plain-text articles), scored against pinned floors in tests/gold/baseline.json.

A predicted quote matches a gold quote of the same article when their spans in
the file overlap by at least half of the longer one (gold spans are found by
their text). Precision and recall count matched quotes (one-to-one); speaker
accuracy is over matched pairs (equal canonical speaker, None included);
``not_quotes`` (titles, operation names, scare quotes) must never be extracted.
Run with ``-s`` to print the scores; update the baseline only on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent
GOLD = ROOT / "gold" / "sample_gold.jsonl"
BASELINE = ROOT / "gold" / "baseline.json"
SAMPLE = ROOT.parent / "src" / "storyline" / "sample"
TOLERANCE = 0.02  # scores may dip this far below the pinned baseline


def _norm(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:\u201c\u201d\"'\u2018\u2019")


def _gold_records() -> list[dict]:
    if not GOLD.is_file():
        return []
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if r["file"].endswith(".txt") and (SAMPLE / r["file"]).is_file()]


def _spans_of(text: str, quote: str) -> tuple[int, int] | None:
    i = text.find(quote)
    return (i, i + len(quote)) if i >= 0 else None


def score(records: list[dict], nlp) -> dict:
    """Quote precision, recall, speaker accuracy and not-quote hits over ``records``."""
    n_pred = n_gold = n_match = n_speaker = not_quote_hits = 0
    for rec in records:
        text = (SAMPLE / rec["file"]).read_text(encoding="utf-8")
        doc = nlp.make_doc(text)
        doc._.storyline_published = rec.get("published")
        quotes = nlp(doc)._.storyline_quotes
        golds = [(g, _spans_of(text, g["text"])) for g in rec["quotes"]]
        golds = [(g, s) for g, s in golds if s is not None]
        n_pred += len(quotes)
        n_gold += len(golds)
        used: set[int] = set()
        for q in quotes:
            for j, (g, (gs, ge)) in enumerate(golds):
                if j in used:
                    continue
                shared = max(0, min(q.end, ge) - max(q.start, gs))
                if shared >= 0.5 * max(q.end - q.start, ge - gs):
                    used.add(j)
                    n_match += 1
                    n_speaker += q.speaker == g["speaker"]
                    break
        bad = {_norm(t) for t in rec.get("not_quotes", [])}
        not_quote_hits += sum(_norm(q.text) in bad for q in quotes)
    return {
        "articles": len(records),
        "precision": round(n_match / n_pred, 3) if n_pred else 0.0,
        "recall": round(n_match / n_gold, 3) if n_gold else 0.0,
        "speaker_accuracy": round(n_speaker / n_match, 3) if n_match else 0.0,
        "not_quote_hits": not_quote_hits,
    }



def test_quotes_meet_pinned_floors(quote_nlp):
    records = _gold_records()
    if not records or not BASELINE.is_file():
        pytest.skip("sample gold or baseline absent")
    got = score(records, quote_nlp)
    print("\nquote gate:", got)
    pinned = json.loads(BASELINE.read_text(encoding="utf-8"))["quotes"]
    for key in ("precision", "recall", "speaker_accuracy"):
        assert got[key] >= pinned[key] - TOLERANCE, f"{key} fell to {got[key]} (pinned {pinned[key]})"
    assert got["not_quote_hits"] == 0
