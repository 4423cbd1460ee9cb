"""Near-duplicate linking on the store: a new article that copies a stored one
(syndicated wire copy, re-post with a new headline) is linked to its origin."""

from __future__ import annotations

from ..clean.dedup import estimate_jaccard
from ..store import Writer


def link_near_duplicate(writer: Writer, article_id: str, signature: list[int], band_keys: list[str],
                        threshold: float) -> tuple[str, float] | None:
    """Link ``article_id`` to the origin of the most similar stored article; returns (origin, score) or None."""
    best: tuple[str, float] | None = None
    for other_id, other_sig in writer.near_duplicate_candidates(band_keys):
        if other_id == article_id:
            continue
        score = estimate_jaccard(signature, other_sig)
        if score >= threshold and (best is None or score > best[1]):
            best = (other_id, score)
    if best is None:
        return None
    origin = writer.duplicate_root(best[0])
    writer.link_duplicate(article_id, origin, best[1])
    return origin, best[1]
