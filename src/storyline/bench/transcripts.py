"""Speaker turns in transcripts: a count on the Kremlin press releases.

Run: ``python -m storyline.bench.transcripts --limit 100`` (reads
``press_releases_2021_2022/kremlin_en.csv`` under ``../shared/data`` beside the
checkout, or ``$STORYLINE_SHARED_DATA``; says so and exits 0 when it is absent).

Selection: the Kremlin articles, in file order, whose body holds the string
"Putin:" (a transcript with at least one turn of the President: the bodies
lost their line breaks, so turns follow each other inside one paragraph);
``--offset``/``--limit`` take a slice of them. ``--file president_gov_ua_en
--all`` counts on every President of Ukraine release instead (addresses and
statements, nearly no transcripts: a check for false turns). There is no gold: the report
counts

- turns: direct quotes of ``doc._.storyline_quotes`` whose speaker mention is
  followed by a colon just before the quote (a turn label; a stage note such
  as "(laughing)" may come between), and how many of them have a canonical
  speaker;
- Putin turns: the occurrences of "Putin:" in the bodies (a reference count
  independent of the extractor) against the turns attributed to Vladimir Putin
  with a label holding "Putin";
- the most frequent label-shaped candidates that did not become a turn (for
  reading; printed, never stored).

``--show K`` prints K turns drawn at random (``--seed``) with their label,
speaker, first and last words and the text right after, for a hand check.
``--cache DIR`` stores the plain parse as a DocBin (as the PolNeAR bench does);
the cost line is our two components' time over the parse time.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

from .data import shared_data_dir

MARKER = "Putin:"
SPEAKER = "Vladimir Putin"


FILES = ("kremlin_en", "president_gov_ua_en")


def load_transcripts(root: Path | None = None, name: str = "kremlin_en", every: bool = False) -> list[dict] | None:
    """Articles of ``name``.csv whose body holds "Putin:" (all of them with ``every``), in file
    order; None when the data is absent."""
    path = (root or shared_data_dir()) / "press_releases_2021_2022" / f"{name}.csv"
    if not path.is_file():
        return None
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if every or MARKER in (r.get("body") or "")]
    return rows


def is_turn(text: str, quote) -> bool:
    """True for a direct quote opened by a turn label: a colon between the speaker mention and the words."""
    if quote.kind != "direct" or quote.speaker_span is None:
        return False
    gap = text[quote.speaker_span[1]:quote.start]  # ":", " (retranslated): ", ":(laughing) "
    m = re.fullmatch(r"([^\n]{0,120}?):[ \t]*(?:\([^()\n]*\)[ \t]*)?", gap)
    return m is not None and not re.search(r"[.!?]\s", m.group(1))


def count(texts: list[str], docs: list, marker: str = MARKER, speaker: str = SPEAKER) -> dict:
    """Turn counts over parsed Docs (see the module docstring); ``marker`` ("Putin:") is the
    reference label string, ``speaker`` the canonical name its turns should carry."""
    from ..nlp.quote_marks import turn_labels

    turns, rejected = [], Counter()
    putin_ref = putin_found = every = 0
    for n, (text, doc) in enumerate(zip(texts, docs)):
        found = [q for q in doc._.storyline_quotes if is_turn(text, q)]
        every += len(doc._.storyline_quotes)
        turns += [(n, q) for q in found]
        putin_ref += text.count(marker)
        putin_found += sum(1 for q in found if q.speaker == speaker
                           and marker.rstrip(":") in text[q.speaker_span[0]:q.start])
        labelled = {text[q.speaker_span[0]:q.start] for q in found}
        for c in turn_labels(text):
            label = text[c.label[0]:c.label[1]]
            if not any(g.startswith(label) for g in labelled):
                rejected[label] += 1
    return {"articles": len(texts), "turns": turns, "resolved": sum(1 for _, q in turns if q.speaker),
            "speakers": len({q.speaker for _, q in turns if q.speaker}), "putin_ref": putin_ref,
            "putin_found": putin_found, "rejected": rejected, "quotes": every}


def run(limit: int = 100, offset: int = 0, model: str | None = None, cache: Path | None = None,
        root: Path | None = None, name: str = "kremlin_en", every: bool = False) -> dict | None:
    import spacy

    from ..nlp import entities, quotes  # noqa: F401  (registers the factories)
    from ..nlp.extensions import ensure_extensions
    from ..settings import resolve

    rows = load_transcripts(root, name, every)
    if rows is None:
        return None
    rows = rows[offset:offset + limit]
    texts = [r["body"] for r in rows]
    ensure_extensions()
    model = model or resolve().model
    plain = spacy.load(model)
    nlp = spacy.load(model)
    nlp.add_pipe("storyline_entities")
    nlp.add_pipe("storyline_quotes")
    ours = [proc for name, proc in nlp.pipeline if name in ("storyline_entities", "storyline_quotes")]
    if cache is not None:
        from .polnear import _cached_parse

        key = re.sub(r"[^\w.-]+", "_", f"{name}-{'all' if every else 'putin'}-{offset}-{len(texts)}-{model}-"
                                       f"{spacy.__version__}")
        parsed, t_plain = _cached_parse(plain, texts, cache, key)
    else:
        t0 = time.perf_counter()
        parsed = list(plain.pipe(texts))
        t_plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = []
    for r, d in zip(rows, parsed):
        d._.storyline_published = (r.get("date") or "")[:10] or None
        for proc in ours:
            d = proc(d)
        docs.append(d)
    t_ours = time.perf_counter() - t0
    result = count(texts, docs)
    result.update({"model": model, "offset": offset, "name": name, "every": every, "t_plain": t_plain, "t_ours": t_ours, "texts": texts})
    return result


def report(result: dict, show: int = 0, seed: int = 0) -> str:
    turns = result["turns"]
    n = result["articles"]
    which = "all articles" if result["every"] else f"articles holding {MARKER!r}"
    lines = [f"{result['name']} ({which}, offset {result['offset']}): {n} articles, model {result['model']}", "",
             "| measure | value |", "|---|---|",
             f"| quotes of any kind | {result['quotes']} |",
             f"| turns found | {len(turns)} ({len(turns) / max(n, 1):.1f} per article) |",
             f"| turns with a canonical speaker | {result['resolved']} ({result['resolved'] / max(len(turns), 1):.1%}) |",
             f"| distinct speakers | {result['speakers']} |",
             f"| {MARKER!r} in the bodies (reference) | {result['putin_ref']} |",
             f"| turns attributed to {SPEAKER} under such a label | {result['putin_found']} "
             f"({result['putin_found'] / max(result['putin_ref'], 1):.1%}) |", ""]
    lines.append(f"Cost: plain parse {result['t_plain']:.1f} s; storyline_entities + storyline_quotes "
                 f"{result['t_ours']:.1f} s: +{result['t_ours'] / result['t_plain']:.1%}")
    top = result["rejected"].most_common(15)
    if top:
        lines += ["", "Label-shaped candidates not taken as turns (most frequent): "
                  + "; ".join(f"{label!r} x{k}" for label, k in top)]
    if show:
        rng = random.Random(seed)
        texts = result["texts"]
        lines += ["", f"{min(show, len(turns))} turns drawn at random (seed {seed}):"]
        for n_art, q in sorted(rng.sample(turns, min(show, len(turns))), key=lambda t: (t[0], t[1].start)):
            text = texts[n_art]
            label = " ".join(text[q.speaker_span[0]:q.start].split())
            lines.append(json.dumps({"article": n_art + result["offset"], "label": label, "speaker": q.speaker,
                                     "starts": q.text[:60], "ends": q.text[-60:],
                                     "after": text[q.end:q.end + 60]}, ensure_ascii=False))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench.transcripts", description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--model", default=None)
    parser.add_argument("--cache", type=Path, default=None, help="folder for the plain parse (DocBin)")
    parser.add_argument("--show", type=int, default=0, help="print N random turns for a hand check")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--file", default="kremlin_en", choices=FILES, help="which press releases")
    parser.add_argument("--all", action="store_true", help=f"every article, not only those holding {MARKER!r}")
    args = parser.parse_args(argv)
    result = run(args.limit, args.offset, args.model, args.cache, name=args.file, every=args.all)
    if result is None:
        print(f"press releases not found under {shared_data_dir()}: nothing to count")
        return 0
    print(report(result, args.show, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
