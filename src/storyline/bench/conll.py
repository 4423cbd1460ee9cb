"""Entity-layer baseline: spaCy NER on CoNLL-2003 English (valid split).

Run: ``python -m storyline.bench.conll`` (reads ``../shared/data/conll2003``
beside the checkout, or ``$STORYLINE_SHARED_DATA/conll2003``).

Each sentence is given to spaCy pre-tokenised (the CoNLL tokens, so spans
align); spaCy's labels are mapped to CoNLL's:

- PERSON -> PER
- ORG -> ORG
- GPE, LOC, FAC -> LOC
- NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC
- DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL -> dropped

Score: micro precision / recall / F1 over exact (start, end, type) entity
spans, per type and overall. The model was trained on OntoNotes, not CoNLL:
this is a transfer baseline, not a tuned result.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

from ..errors import ConfigError
from .data import shared_data_dir

LABEL_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}
TYPES = ("PER", "ORG", "LOC", "MISC")


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """(tokens, IOB tags) per sentence, -DOCSTART- lines skipped."""
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        parts = line.split()
        toks.append(parts[0])
        tags.append(parts[-1])
    if toks:
        sents.append((toks, tags))
    return sents


def iob_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) spans of an IOB1/IOB2 tag sequence."""
    spans = set()
    start, kind = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (tag == "O" or prefix == "B" or label != kind):
            spans.add((start, i, kind))
            start, kind = None, None
        if tag != "O" and start is None:
            start, kind = i, label
    return spans


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(split: str = "valid", model: str | None = None, limit: int | None = None) -> dict:
    """Per-type and overall counts of the model's NER on a CoNLL-2003 split."""
    import spacy
    from spacy.tokens import Doc

    from ..settings import resolve

    path = shared_data_dir() / "conll2003" / f"{split}.txt"
    if not path.is_file():
        raise ConfigError(f"CoNLL-2003 file not found: {path}",
                          hint="set STORYLINE_SHARED_DATA to the folder holding conll2003/")
    model = model or resolve().model
    nlp = spacy.load(model, disable=["lemmatizer"])
    sents = read_conll(path)[:limit]
    docs = (Doc(nlp.vocab, words=toks) for toks, _ in sents)
    tp: Counter = Counter()
    n_pred: Counter = Counter()
    n_gold: Counter = Counter()
    for (_toks, tags), doc in zip(sents, nlp.pipe(docs, batch_size=256)):
        gold = iob_spans(tags)
        pred = {(e.start, e.end, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}
        for kind in TYPES:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            tp[kind] += len(g & p)
            n_pred[kind] += len(p)
            n_gold[kind] += len(g)
    return {"split": split, "model": model, "sentences": len(sents), "tp": tp, "pred": n_pred, "gold": n_gold}


def report(result: dict) -> str:
    """A markdown table of ``run``'s result."""
    lines = [f"CoNLL-2003 {result['split']}: {result['sentences']} sentences, model {result['model']}", "",
             "| type | precision | recall | F1 | gold |", "|---|---|---|---|---|"]
    for kind in TYPES:
        p, r, f = prf(result["tp"][kind], result["pred"][kind], result["gold"][kind])
        lines.append(f"| {kind} | {p:.3f} | {r:.3f} | {f:.3f} | {result['gold'][kind]} |")
    p, r, f = prf(sum(result["tp"].values()), sum(result["pred"].values()), sum(result["gold"].values()))
    lines.append(f"| all | {p:.3f} | {r:.3f} | {f:.3f} | {sum(result['gold'].values())} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench.conll", description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="valid", choices=["valid", "train"])
    parser.add_argument("--model", default=None)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    print(report(run(args.split, args.model, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
