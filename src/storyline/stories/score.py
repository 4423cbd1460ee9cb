"""How well one article fits one story: a pure score over their signals.

Each signal does what it is good at: the embedding joins the same event told in
different words; shared canonical entities and places tie reports about the same
actors; event types weigh in lightly; and dates keep apart two similar events
(two strikes on one city a week apart) that text alone would join.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import ArticleFeatures, day_gap


@dataclass(frozen=True)
class StoryConfig:
    """Weights and limits of story assignment (tuned on ECB+ topics 1-10 and the sample corpus)."""

    threshold: float = 0.8  # join the best story at or above this score, else start a story
    w_cos: float = 1.0
    w_entities: float = 0.6
    w_places: float = 0.1
    w_types: float = 0.05
    w_time: float = 0.1  # bonus for a dated article inside the story's days (falls to 0 at the grace)
    gap_grace_days: float = 2.0  # a story keeps growing for this many days without penalty
    gap_penalty: float = 0.2  # score lost per day beyond the grace
    span_days: float = 4.0  # an event's reports normally fall within this many days of its first
    max_gap_days: int = 10  # never join a story this many days away (also the lookup window)
    per_key: int = 40  # stories read per index key
    max_candidates: int = 30  # stories scored per article
    passage_share: float = 0.3  # share of long sentences in common that marks a partial copy
    member_k: int = 20  # the text term compares to this many of the story's latest members (average link)
    # Local repair: after a join, a story of repair_min..repair_max articles is split in two when
    # its members fall into two groups whose participants (IDF-weighted salient entities) overlap
    # across the groups less than repair_ratio times as much as within the looser group.
    repair: bool = True
    repair_min: int = 5
    repair_max: int = 60
    repair_min_side: int = 3
    repair_ratio: float = 0.55


@dataclass
class StoryProfile:
    """What a story looks like to the scorer (aggregated over its members)."""

    id: str
    n_articles: int
    vec_sum: np.ndarray | None
    entity_counts: dict[str, int]
    place_counts: dict[str, int]
    type_counts: dict[str, int]
    first_day: str | None
    last_day: str | None


def _support(items: list[str], counts: dict[str, int], n: int) -> float:
    """Weighted share of ``items`` the story holds; an item counts fully once half the story has it."""
    if not items or not counts:
        return 0.0
    total = got = 0.0
    for rank, item in enumerate(items):
        weight = 1.0 / (1.0 + 0.25 * rank)
        total += weight
        got += weight * min(1.0, 2.0 * counts.get(item, 0) / max(n, 1))
    return got / total


def cosine(f: ArticleFeatures, story: StoryProfile) -> float:
    if f.vec is None or story.vec_sum is None:
        return 0.0
    norm = float(np.linalg.norm(story.vec_sum))
    return float(f.vec @ story.vec_sum) / norm if norm else 0.0


def member_cosine(f: ArticleFeatures, members: list[np.ndarray]) -> float:
    """Mean cosine of the article's embedding to the story's members (average link): unlike the
    centroid, one wrong member cannot pull the story toward every later article of its own event."""
    if f.vec is None or not members:
        return 0.0
    return float(np.mean(np.stack(members) @ f.vec))


def score(f: ArticleFeatures, story: StoryProfile, config: StoryConfig,
          members: list[np.ndarray] | None = None) -> tuple[float, dict[str, float]]:
    """(score, parts) of ``f`` joining ``story``; -inf when the dates are too far apart.
    ``members``: embeddings of some of the story's members (else its centroid is used)."""
    gap = day_gap(f.day, story.first_day, story.last_day)
    if gap is not None:
        # Why: a story that joined day after day would chain into the next event; an article
        # far from the day the story began is penalised even when it touches the span's end.
        gap = max(gap, (day_gap(f.day, story.first_day, story.first_day) or 0.0) - config.span_days)
    if gap is not None and gap > config.max_gap_days:
        return float("-inf"), {"gap_days": gap}
    entities = _support(f.entities, story.entity_counts, story.n_articles)
    parts = {
        # Without embeddings (story_model "none") entity overlap stands in for text similarity.
        "cosine": (member_cosine(f, members) if members and f.vec is not None
                   else cosine(f, story) if f.vec is not None and story.vec_sum is not None else entities),
        "entities": entities,
        "places": _support(f.places, story.place_counts, story.n_articles),
        "types": _support(f.types[:3], story.type_counts, story.n_articles),
        "gap_days": gap if gap is not None else -1.0,
    }
    total = (config.w_cos * parts["cosine"] + config.w_entities * parts["entities"]
             + config.w_places * parts["places"] + config.w_types * parts["types"])
    if gap is not None:
        total += config.w_time * max(0.0, 1.0 - gap / (config.gap_grace_days + 1.0))
        total -= config.gap_penalty * max(0.0, gap - config.gap_grace_days)
    return total, parts
