"""Cleaning against the sample corpus's gold (tests/gold/sample_gold.jsonl): title, date, debris, body lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean import clean_document, normalise_text
from storyline.models import RawDocument

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "sample_gold.jsonl"
SAMPLE = ROOT / "src" / "storyline" / "sample"
RECORDS = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()] if GOLD.exists() else []


def squash(text: str) -> str:
    # Gold strings keep NBSPs / U+2011 and collapse whitespace; compare both normalised.
    return " ".join(normalise_text(text).split())


@pytest.mark.skipif(not RECORDS, reason="sample gold not present")
@pytest.mark.parametrize("gold", RECORDS, ids=[r["file"] for r in RECORDS])
def test_sample_article_cleans_to_gold(gold):
    path = SAMPLE / gold["file"]
    fmt = "html" if path.suffix == ".html" else "text"
    article = clean_document(RawDocument(str(path), path.read_text(encoding="utf-8"), format=fmt))
    body = squash(article.text)
    assert article.title == gold["title"]
    assert (article.published or "")[:10] == (gold["published"] or "")
    assert [d for d in gold.get("debris", []) if squash(d) in body] == []
    assert [b for b in gold.get("body_lines", []) if squash(b) not in body] == []
