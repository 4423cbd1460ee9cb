"""A learned event typer that users train on their own coded sentences.

The shipped pipeline codes events with the trigger lexicon alone (``events.py``). A team
that has sentences coded in its own practice can train a small linear model on them:

    from storyline.nlp.event_typer import train_typer
    typer = train_typer(nlp, texts, labels)      # labels: our event types, or "NONE"
    typer.save("my_typer.json")

(or ``storyline train-events coded.tsv --out my_typer.json``) and name the
file in the ``event_model`` setting (``STORYLINE_EVENT_MODEL``). The model is
a multinomial logistic regression over cheap features of the parsed sentence: its content
lemmas, the lexicon's events in it (type, mode, trigger lemma, which one is the main event)
and the main verb with its complements. No embedding is computed, so applying it costs a
dictionary lookup per feature. The file is plain JSON (labels, bias, one weight row per
feature): readable, diffable, and never executed.

How the component uses it (``apply_typer``): in every sentence where the lexicon (or a
quote) found an event, the model's label replaces the type of the sentence's main event
(the trigger highest in the parse), keeping the lexicon's type in ``meta["lexicon_type"]``.
A sentence without any event gets one only when the model was trained with a ``NONE``
label (so it has learned what is not an event) and predicts an event type for it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from ..models import Event
from .event_lexicon import EVENT_TYPES

FORMAT = "storyline-event-typer"
FEATURE_VERSION = 1
NONE_LABEL = "NONE"
_ROOT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "aux", "neg", "prep", "prt", "acomp", "attr"})


def trigger_token(event: Event, doc: Doc) -> Token | None:
    """The token of an event's trigger (None for events without a trigger span)."""
    span = event.meta.get("trigger_span")
    if not span:
        return None
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found[0] if found is not None and len(found) else None


def main_event(events: list[Event], doc: Doc) -> Event | None:
    """The event a sentence-level coder would pick: the trigger highest in the parse tree
    (ties: the earliest), so "X said Y attacked Z" is the attack."""
    if not events:
        return None

    def depth(e: Event) -> tuple[int, int]:
        tok = trigger_token(e, doc)
        if tok is None:
            return (99, e.start)
        d = 0
        while tok.head.i != tok.i and d < 50:
            tok, d = tok.head, d + 1
        return (d, e.meta["trigger_span"][0])

    return min(events, key=depth)


def span_features(span: Span, events: list[Event]) -> dict[str, float]:
    """Features of one sentence (or short text) and the events coded in it."""
    feats: dict[str, float] = {}
    for tok in span:
        if tok.is_stop or tok.is_punct or tok.is_space or tok.like_num:
            continue
        feats["w=" + tok.lemma_.lower()] = 1.0
    for event in events:
        feats["t=" + event.type] = 1.0
        if event.mode:
            feats[f"tm={event.type}/{event.mode}"] = 1.0
    main = main_event(events, span.doc)
    if main is None:
        feats["M=none"] = 1.0
    else:
        feats["M=" + main.type] = 1.0
        feats[f"Mm={main.type}/{main.mode}"] = 1.0
        tok = trigger_token(main, span.doc)
        if tok is not None:
            feats["Mtr=" + tok.lemma_.lower()] = 1.0
    for tok in span:
        if tok.dep_ == "ROOT":
            feats["root=" + tok.lemma_.lower()] = 1.0
            for child in tok.children:
                if child.dep_ in _ROOT_DEPS:
                    feats[f"r{child.dep_}={child.lemma_.lower()}"] = 1.0
    return feats


@dataclass
class EventTyper:
    """A trained linear typer: ``labels``, one ``bias`` per label, one weight row per feature."""

    labels: list[str]
    bias: list[float]
    weights: dict[str, list[float]]
    info: dict = field(default_factory=dict)

    def scores(self, feats: dict[str, float]) -> list[float]:
        out = list(self.bias)
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    out[k] += w * value
        return out

    def predict(self, feats: dict[str, float]) -> tuple[str, float]:
        """The best label and its probability."""
        scores = self.scores(feats)
        top = max(range(len(scores)), key=scores.__getitem__)
        norm = sum(math.exp(s - scores[top]) for s in scores)
        return self.labels[top], 1.0 / norm

    def save(self, path: str | Path) -> None:
        data = {"format": FORMAT, "feature_version": FEATURE_VERSION, "labels": self.labels,
                "bias": [round(b, 5) for b in self.bias], "info": self.info,
                "weights": {k: [round(w, 5) for w in row] for k, row in sorted(self.weights.items())}}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "EventTyper":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ValueError(f"cannot read event typer model {path}: {err}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"{path} is not a storyline event typer model (format {FORMAT!r})")
        if data.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"{path} was trained on feature version {data.get('feature_version')}, "
                             f"this version reads {FEATURE_VERSION}: train it again")
        labels = list(data["labels"])
        if any(len(row) != len(labels) for row in data["weights"].values()) or len(data["bias"]) != len(labels):
            raise ValueError(f"{path}: weight rows do not match the {len(labels)} labels")
        return cls(labels=labels, bias=list(data["bias"]), weights=dict(data["weights"]), info=data.get("info", {}))


def fit_typer(features: Sequence[dict[str, float]], labels: Sequence[str], c: float = 10.0,
              min_weight: float = 1e-4) -> EventTyper:
    """A typer fitted on feature dicts (``span_features``) and their labels (any strings)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(features) != len(labels) or not features:
        raise ValueError("need as many labels as examples, and at least one example")
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise ValueError("need at least two different labels to train a typer")
    vec = DictVectorizer()
    x = vec.fit_transform(list(features))
    model = LogisticRegression(C=c, max_iter=5000).fit(x, list(labels))
    coef = model.coef_
    order = [list(model.classes_).index(label) for label in classes]
    if len(model.classes_) == 2:  # sklearn keeps one row for two classes: expand to +/- halves
        import numpy as np

        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = [-model.intercept_[0] / 2, model.intercept_[0] / 2]
    else:
        intercept = list(model.intercept_)
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(vec.feature_names_):
        row = [float(coef[k, j]) for k in order]
        if max(abs(w) for w in row) >= min_weight:
            weights[name] = row
    info = {"examples": len(labels), "label_counts": dict(Counter(labels)), "C": c}
    return EventTyper(labels=classes, bias=[float(intercept[k]) for k in order], weights=weights, info=info)


def doc_features(doc: Doc) -> dict[str, float]:
    """Features of a whole parsed text (one coded example) with the events the pipeline found."""
    return span_features(doc[:], list(doc._.storyline_events or []))


def train_typer(nlp, texts: Iterable[str], labels: Sequence[str], c: float = 10.0) -> EventTyper:
    """Parse ``texts`` with ``nlp`` (a pipeline holding ``storyline_events`` without a model) and
    fit a typer on their ``labels``: our event types (see ``EVENT_TYPES``) or ``NONE``."""
    unknown = unknown_labels(labels)
    if unknown:
        raise ValueError(f"unknown labels {unknown}: use {', '.join(EVENT_TYPES)} or {NONE_LABEL}")
    feats = [doc_features(doc) for doc in nlp.pipe(list(texts))]
    return fit_typer(feats, list(labels), c=c)


def unknown_labels(labels: Iterable[str]) -> list[str]:
    """The labels that are neither one of our event types nor ``NONE``, sorted."""
    return sorted(set(labels) - set(EVENT_TYPES) - {NONE_LABEL})


def check_labels(typer: EventTyper, path: str | Path) -> None:
    """A typer the component can apply predicts only our event types and ``NONE``."""
    bad = unknown_labels(typer.labels)
    if bad:
        raise ValueError(f"event model {path} predicts labels that are not event types: {bad}")


def apply_typer(doc: Doc, events: list[Event], typer: EventTyper, make_event) -> list[Event]:
    """``events`` re-typed sentence by sentence (see the module docstring). ``make_event(sent,
    type)`` builds an event anchored on a sentence that had none."""
    by_sent: dict[int, list[Event]] = {}
    for event in events:
        by_sent.setdefault(event.start, []).append(event)
    added: list[Event] = []
    can_add = NONE_LABEL in typer.labels
    for sent in doc.sents:
        mine = by_sent.get(sent.start_char, [])
        if not mine and not can_add:
            continue
        label, prob = typer.predict(span_features(sent, mine))
        if label == NONE_LABEL:
            continue
        if mine:
            main = main_event(mine, doc)
            if main is not None and main.type != label:
                main.meta["lexicon_type"] = main.type
                main.type = label
            if main is not None:
                main.meta["type_by"], main.meta["type_score"] = "model", round(prob, 3)
        else:
            event = make_event(sent, label)
            if event is not None:
                event.meta["type_by"], event.meta["type_score"] = "model", round(prob, 3)
                added.append(event)
    return events + added


def read_coded(path: str | Path) -> tuple[list[str], list[str]]:
    """Coded sentences from a TSV file: ``text<TAB>label`` per line (a ``text	label`` header is skipped)."""
    import csv

    texts, labels = [], []
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or not row[0].strip():
                continue
            if len(row) < 2:
                raise ValueError(f"{path}:{n}: want 'text<TAB>label'")
            if n == 1 and row[0].strip().lower() == "text" and row[1].strip().lower() == "label":
                continue
            texts.append(row[0])
            labels.append(row[1].strip().upper())
    return texts, labels


def cross_validate(feats: Sequence[dict[str, float]], labels: Sequence[str], c: float = 10.0,
                   folds: int = 5) -> float:
    """Macro-F1 of ``folds``-fold cross-validation (example i in fold i mod ``folds``)."""
    from sklearn.metrics import f1_score

    gold, pred = [], []
    for k in range(folds):
        train = [i for i in range(len(labels)) if i % folds != k]
        test = [i for i in range(len(labels)) if i % folds == k]
        if not test or len(set(labels[i] for i in train)) < 2:
            continue
        typer = fit_typer([feats[i] for i in train], [labels[i] for i in train], c=c)
        gold += [labels[i] for i in test]
        pred += [typer.predict(feats[i])[0] for i in test]
    return float(f1_score(gold, pred, average="macro"))


def train_from_file(coded: str | Path, out: str | Path, model: str, c: float = 10.0,
                    cv: bool = False) -> tuple[EventTyper, int, float | None]:
    """Fit a typer on the coded TSV file ``coded`` (parsed with the spaCy ``model``), write it to
    ``out``; returns the typer, the number of sentences and (with ``cv``) a 5-fold macro-F1."""
    from ..errors import ConfigError, InputError
    from .pipeline import load_nlp

    try:
        texts, labels = read_coded(coded)
    except OSError as err:
        raise InputError(str(coded), f"cannot read: {err.strerror or err}") from None
    except ValueError as err:
        raise InputError(str(coded), str(err).removeprefix(f"{coded}:")) from None
    if len(set(labels)) < 2:
        raise InputError(str(coded), f"needs at least two labels to learn from, found {sorted(set(labels))}")
    unknown = unknown_labels(labels)
    if unknown:
        raise InputError(str(coded), f"unknown labels {unknown}",
                         hint=f"use {', '.join(EVENT_TYPES)} or {NONE_LABEL}")
    if c <= 0:
        raise ConfigError(f"--c must be positive, got {c}")
    nlp = load_nlp(model)
    feats = [doc_features(doc) for doc in nlp.pipe(texts)]
    typer = fit_typer(feats, labels, c=c)
    typer.save(out)
    return typer, len(texts), (cross_validate(feats, labels, c) if cv else None)
