"""Quote attribution on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Run: ``python -m storyline.bench.polnear --split dev`` (reads
``../shared/data/polnear`` beside the checkout, or ``$STORYLINE_SHARED_DATA/polnear``).

Gold: every attribution relation (``E`` line) of the article's annotation
file: its Content span(s) and Source span(s) (BRAT standoff; discontinuous
spans kept as fragments). Articles annotated by several annotators use the
first annotation file in name order. Attributions with an empty content are
skipped.

Predictions: ``doc._.storyline_quotes`` of the full pipeline, each Quote's
span ``[start, end)``; a partial quote lying inside (or overlapping) another
predicted quote (the exact words inside reported speech, which we list as
well) is not scored separately, so one attribution counts once.

Matching ("overlap", counted in non-space characters; gold fragments of a
discontinuous content counted separately):

- a prediction is *correct* when at least 30 % of its characters lie inside
  one gold content (the gold content it overlaps most is its match);
- a gold content is *found* when at least 30 % of its characters are covered
  by predictions.

The 30 % is the Gender Gap Tracker's overlap threshold. Several predictions
may find one gold content: PolNeAR sometimes joins a quote, its attribution
and the quoted sentences after it into one content, sometimes not, and we
list a quote and its continuation separately. "exact" counts gold contents
equal to a prediction after trimming spaces, quotation marks and edge
punctuation.

- *all attributions*: precision = correct predictions / predictions; recall =
  found gold contents / gold contents.
- *quote-bearing*: gold contents that contain a double quotation mark
  (" “ ” « »), and predictions of kind direct or partial. Precision = those
  predictions that are correct (against any gold content) / those
  predictions; recall = those gold contents found (by any prediction) /
  those gold contents.
- *speaker accuracy*, over correct predictions whose matched gold content has
  a Source: correct when
  the predicted ``speaker_span`` overlaps a gold Source span, or when the
  gold Source names the predicted speaker (the last word of the gold source
  text, a surname or head noun, occurs in the predicted canonical speaker
  name or speaker text; case-insensitive). A gold Source that is a relative
  pronoun (who, which, that, whom: "Smith, who said ...") stands for its
  antecedent: a predicted speaker mention ending just before it (only spaces
  and commas between) is correct; the report also gives the strict figure
  without this rule. A pair with no predicted speaker counts as wrong.

Timing: ``nlp.pipe`` over the same texts with the plain model plus
``storyline_entities`` and ``storyline_quotes``, and with the plain model
alone (same process, same run, alternating, ``--repeats`` times, fastest
run of each kept); the ratio is (ours / plain) - 1. With ``--cache DIR`` the
plain parse is stored once as a DocBin and later runs only apply our two
components to it (for iterating; the ratio is then our components' time over
the stored parse time). ``--errors FILE`` writes the wrong speakers of the
train split as JSONL (refused on dev, whose errors are not read).
"""

from __future__ import annotations

from .data import shared_data_dir

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import ConfigError

DOUBLE_QUOTES = "\"\u201c\u201d\u00ab\u00bb"
OVERLAP = 0.3

REFERENCES = [
    ("BBC citron on PARC 3.0 (WSJ)", "content overlap F1 0.833 (exact 0.593); source F1 0.820"),
    ("Gender Gap Tracker (98 articles)", "quote F1 0.837; speaker accuracy 0.865"),
    ("PolNeAR human agreement", "0.923 per attribution"),
]



@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return (min(s for s, _ in self.content), max(e for _, e in self.content))


@dataclass
class GoldArticle:
    name: str
    text: str
    published: str | None
    attributions: list[GoldAttribution]


def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """The attribution relations of one BRAT standoff file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _spans(offsets))
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if not content or not content[1]:
            continue
        source = spans.get(rel.get("Source", ""), ("", []))[1]
        stext = " ".join(text[s:e] for s, e in source)
        out.append(GoldAttribution(content[1], source, stext))
    return out


def load_split(split: str, root: Path | None = None) -> list[GoldArticle]:
    """The articles of a PolNeAR split with their gold attributions."""
    base = (root or shared_data_dir() / "polnear") / "data" / split
    if not (base / "text").is_dir():
        raise ConfigError(f"PolNeAR split '{split}' not found under {base}",
                          hint="set STORYLINE_SHARED_DATA to the folder holding polnear/")
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        anns.setdefault(re.sub(r"_[0-9a-f]{4}\.ann$", "", ann.name), ann)
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        ann = anns.get(txt.stem)
        if ann is None:
            continue
        text = txt.read_text(encoding="utf-8")
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", txt.name)
        out.append(GoldArticle(txt.stem, text, m.group(1) if m else None,
                               parse_ann(ann.read_text(encoding="utf-8"), text)))
    return out


# -- scoring (pure) ------------------------------------------------------------
def _chars(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if not text[i].isspace()}


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


_TRIM = " \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb.,;:!?"


def exact_match(text: str, pred: tuple[int, int], gold: Sequence[tuple[int, int]]) -> bool:
    """Equal spans once spaces, quotation marks and edge punctuation are trimmed."""
    return _trim(text, *pred) == _trim(text, min(s for s, _ in gold), max(e for _, e in gold))


def match(text: str, preds: list[tuple[int, int]], golds: list[GoldAttribution],
          threshold: float = OVERLAP) -> tuple[dict[int, int], set[int]]:
    """(correct prediction index -> its gold index, indices of found gold contents)."""
    gold_chars = [_chars(text, g.content) for g in golds]
    pred_chars = [_chars(text, [p]) for p in preds]
    matched: dict[int, int] = {}
    covered: list[set[int]] = [set() for _ in golds]
    for i, (p, pc) in enumerate(zip(preds, pred_chars)):
        best = (0, -1)
        for j, g in enumerate(golds):
            if p[1] <= g.span[0] or g.span[1] <= p[0]:
                continue
            shared = pc & gold_chars[j]
            covered[j] |= shared
            best = max(best, (len(shared), j))
        if pc and best[1] >= 0 and best[0] >= threshold * len(pc):
            matched[i] = best[1]
    found = {j for j, gc in enumerate(gold_chars) if gc and len(covered[j]) >= threshold * len(gc)}
    return matched, found


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def speaker_correct(text: str, quote, gold: GoldAttribution, strict: bool = False) -> bool:
    """Predicted speaker span overlaps the gold Source, or the gold Source names the
    predicted speaker; a gold Source that is a relative pronoun ("Smith, who said ...")
    stands for its antecedent, the mention just before it (unless ``strict``)."""
    if quote.speaker_span is None and quote.speaker is None:
        return False
    if quote.speaker_span is not None:
        s, e = quote.speaker_span
        if any(s < ge and gs < e for gs, ge in gold.source):
            return True
        if (not strict and gold.source_text.strip().casefold() in RELATIVE_PRONOUNS
                and e <= gold.source[0][0] and text[e:gold.source[0][0]].strip(" ,\n") == ""):
            return True
    words = re.findall(r"[\w'\u2019-]+", gold.source_text)
    if not words:
        return False
    last = words[-1].removesuffix("'s").removesuffix("\u2019s").casefold()
    names = " ".join(x for x in (quote.speaker, quote.speaker_text) if x).casefold()
    return bool(last) and last in re.findall(r"[\w'\u2019-]+", names)


@dataclass
class Counts:
    pred: int = 0
    pred_ok: int = 0
    gold: int = 0
    gold_ok: int = 0
    exact_ok: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.pred_ok / self.pred if self.pred else 0.0
        r = self.gold_ok / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    all: Counts = field(default_factory=Counts)
    quoted: Counts = field(default_factory=Counts)
    speaker_total: int = 0
    speaker_ok: int = 0
    quoted_speaker_total: int = 0
    quoted_speaker_ok: int = 0
    strict_speaker_ok: int = 0  # relative-pronoun gold sources not read as their antecedent


def group_predictions(quotes: list) -> list:
    """Quotes as scored: partial quotes overlapping another quote are dropped."""
    others = [q for q in quotes if q.kind != "partial"]
    return [q for q in quotes
            if q.kind != "partial" or not any(o.start < q.end and q.start < o.end for o in others)]


def score_article(text: str, quotes: list, golds: list[GoldAttribution], sc: Scores) -> None:
    """Add one article's counts to ``sc`` (``quotes`` as extracted; grouped here)."""
    quotes = group_predictions(quotes)
    preds = [(q.start, q.end) for q in quotes]
    pairs, found = match(text, preds, golds)
    gold_quoted = [any(ch in DOUBLE_QUOTES for s, e in g.content for ch in text[s:e]) for g in golds]
    pred_quoted = [q.kind in ("direct", "partial") for q in quotes]
    sc.all.pred += len(preds)
    sc.all.pred_ok += len(pairs)
    sc.all.gold += len(golds)
    sc.all.gold_ok += len(found)
    sc.all.exact_ok += sum(any(exact_match(text, p, g.content) for p in preds) for g in golds)
    sc.quoted.pred += sum(pred_quoted)
    sc.quoted.pred_ok += sum(1 for i in pairs if pred_quoted[i])
    sc.quoted.gold += sum(gold_quoted)
    sc.quoted.gold_ok += sum(1 for j in found if gold_quoted[j])
    for i, j in pairs.items():
        if not golds[j].source:
            continue
        ok = speaker_correct(text, quotes[i], golds[j])
        sc.speaker_total += 1
        sc.speaker_ok += ok
        sc.strict_speaker_ok += speaker_correct(text, quotes[i], golds[j], strict=True)
        if gold_quoted[j]:
            sc.quoted_speaker_total += 1
            sc.quoted_speaker_ok += ok


# -- running -------------------------------------------------------------------
def _cached_parse(plain, texts: list[str], cache: Path, key: str) -> tuple[list, float]:
    """The plain model's Docs of ``texts`` from ``cache/key.spacy`` (parsed and stored
    on the first run) and the parse time measured when they were stored."""
    from spacy.tokens import DocBin

    cache.mkdir(parents=True, exist_ok=True)
    path, meta = cache / f"{key}.spacy", cache / f"{key}.json"
    if path.is_file() and meta.is_file():
        docs = list(DocBin().from_disk(path).get_docs(plain.vocab))
        if [d.text for d in docs] == texts:
            return docs, json.loads(meta.read_text())["t_plain"]
    t0 = time.perf_counter()
    docs = list(plain.pipe(texts))
    t_plain = time.perf_counter() - t0
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    meta.write_text(json.dumps({"t_plain": t_plain, "articles": len(texts)}))
    return docs, t_plain


def _our_components(nlp) -> list:
    return [proc for name, proc in nlp.pipeline if name in ("storyline_entities", "storyline_quotes")]


def run(split: str = "dev", model: str | None = None, limit: int | None = None,
        root: Path | None = None, repeats: int = 2, cache: Path | None = None,
        offset: int = 0) -> dict:
    """Scores and timing of the quote layer on one PolNeAR split (articles
    ``offset`` to ``offset + limit``). With ``cache``, the plain parse is stored
    there once and later runs apply only our components to the stored Docs; the
    throughput ratio is then our components' time over the stored parse time."""
    import spacy

    from ..nlp import entities, quotes  # noqa: F401  (registers the factories)
    from ..nlp.extensions import ensure_extensions
    from ..settings import resolve

    ensure_extensions()
    model = model or resolve().model
    articles = load_split(split, root)
    articles = articles[offset:offset + limit if limit is not None else None]
    texts = [a.text for a in articles]
    # only the layers measured here: the plain model plus entities and quotes
    nlp = spacy.load(model)
    nlp.add_pipe("storyline_entities")
    nlp.add_pipe("storyline_quotes")
    plain = spacy.load(model)

    if cache is not None:
        key = re.sub(r"[^\w.-]+", "_", f"polnear-{split}-{offset}-{len(texts)}-{model}-{spacy.__version__}")
        parsed, t_plain = _cached_parse(plain, texts, cache, key)
        t0 = time.perf_counter()
        for a, d in zip(articles, parsed):
            d._.storyline_published = a.published
            for proc in _our_components(nlp):
                d = proc(d)
        t_ours = t_plain + time.perf_counter() - t0
    else:
        def docs():
            for a in articles:
                d = nlp.make_doc(a.text)
                d._.storyline_published = a.published
                yield d

        list(plain.pipe(texts[:2]))  # warm-up both
        list(nlp.pipe(list(docs())[:2]))
        # alternate the two pipelines and keep each one's fastest run: the machine is shared
        t_plain = t_ours = float("inf")
        parsed = []
        for _ in range(max(1, repeats)):
            t0 = time.perf_counter()
            list(plain.pipe(texts))
            t_plain = min(t_plain, time.perf_counter() - t0)
            t0 = time.perf_counter()
            parsed = list(nlp.pipe(docs()))
            t_ours = min(t_ours, time.perf_counter() - t0)

    sc = Scores()
    for a, d in zip(articles, parsed):
        score_article(a.text, d._.storyline_quotes, a.attributions, sc)
    return {"split": split, "model": model, "articles": len(articles), "scores": sc,
            "t_plain": t_plain, "t_ours": t_ours, "cached": cache is not None,
            "parsed": list(zip(articles, parsed))}


def speaker_errors(result: dict) -> list[dict]:
    """The matched attributions whose speaker was wrong (for tuning on train only)."""
    out = []
    for a, d in result["parsed"]:
        quotes = group_predictions(d._.storyline_quotes)
        pairs, _ = match(a.text, [(q.start, q.end) for q in quotes], a.attributions)
        for i, j in sorted(pairs.items()):
            g = a.attributions[j]
            if not g.source or speaker_correct(a.text, quotes[i], g):
                continue
            q = quotes[i]
            out.append({"article": a.name, "kind": q.kind, "cue": q.cue, "start": q.start,
                        "quote": a.text[q.start:q.end][:300], "gold_source": g.source_text,
                        "gold_span": g.source[0], "speaker": q.speaker, "speaker_text": q.speaker_text,
                        "speaker_span": q.speaker_span})
    return out


def report(result: dict) -> str:
    """A markdown table of ``run``'s result."""
    sc: Scores = result["scores"]
    pa, ra, fa = sc.all.prf()
    pq, rq, fq = sc.quoted.prf()
    acc = sc.speaker_ok / sc.speaker_total if sc.speaker_total else 0.0
    strict = sc.strict_speaker_ok / sc.speaker_total if sc.speaker_total else 0.0
    qacc = sc.quoted_speaker_ok / sc.quoted_speaker_total if sc.quoted_speaker_total else 0.0
    exact = sc.all.exact_ok / sc.all.gold if sc.all.gold else 0.0
    ratio = result["t_ours"] / result["t_plain"] - 1 if result["t_plain"] else 0.0
    timing = (f"Throughput: plain parse {result['t_plain']:.1f} s, with storyline_entities + storyline_quotes "
              f"{result['t_ours']:.1f} s: +{ratio * 100:.1f} % (target <= 25 %).")
    if result.get("cached"):
        timing = (f"Throughput (cached parse): plain parse {result['t_plain']:.1f} s when stored; "
                  f"storyline_entities + storyline_quotes on the stored Docs "
                  f"{result['t_ours'] - result['t_plain']:.1f} s: +{ratio * 100:.1f} % (target <= 25 %).")
    lines = [
        f"PolNeAR {result['split']}: {result['articles']} articles, model {result['model']}",
        "",
        "| measure | precision | recall | F1 | n (gold / pred) |",
        "|---|---|---|---|---|",
        f"| content, all attributions (overlap >= {OVERLAP}) | {pa:.3f} | {ra:.3f} | {fa:.3f} | {sc.all.gold} / {sc.all.pred} |",
        f"| content, quote-bearing (overlap >= {OVERLAP}) | {pq:.3f} | {rq:.3f} | {fq:.3f} | {sc.quoted.gold} / {sc.quoted.pred} |",
        f"| content exact recall, all | | {exact:.3f} | | |",
        "",
        "| speaker accuracy | value | n (matched with a gold source) |",
        "|---|---|---|",
        f"| all matched attributions | {acc:.3f} | {sc.speaker_total} |",
        f"| quote-bearing matched | {qacc:.3f} | {sc.quoted_speaker_total} |",
        f"| all matched, strict (a relative-pronoun gold source must be overlapped) | {strict:.3f} | {sc.speaker_total} |",
        "",
        timing,
        "",
        "Published references (other corpora/definitions; for orientation only):",
        "",
    ]
    lines += [f"- {name}: {fig}" for name, fig in REFERENCES]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench.polnear", description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--model", default=None)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N articles")
    parser.add_argument("--repeats", type=int, default=2, help="timing runs per pipeline (fastest kept)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder for the plain parse (DocBin): parsed once, later runs only apply our components")
    parser.add_argument("--errors", type=Path, default=None,
                        help="write the wrong speakers as JSONL (train split only: dev errors are not read)")
    args = parser.parse_args(argv)
    if args.errors is not None and args.split != "train":
        parser.error("--errors is for the tuning split (train) only")
    result = run(args.split, args.model, args.limit, repeats=args.repeats, cache=args.cache, offset=args.offset)
    print(report(result))
    if args.errors is not None:
        errs = speaker_errors(result)
        args.errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errs), encoding="utf-8")
        print(f"\n{len(errs)} speaker errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
