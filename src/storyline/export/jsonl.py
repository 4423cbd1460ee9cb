"""``--format jsonl``: one article per line, the data contract of PRODUCT.md."""

from __future__ import annotations

import json
from typing import IO, Iterable

from ..models import Article


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    """Write each article as one JSON line; returns how many were written."""
    n = 0
    for article in articles:
        out.write(json.dumps(article.to_contract(), ensure_ascii=False))
        out.write("\n")
        n += 1
    return n
