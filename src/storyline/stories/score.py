"""How well one article fits one story: a pure score over their signals.

Each signal does what it is good at: the embedding joins the same event told in
different words; shared canonical entities and places tie reports about the same
actors, and shared rare name words (IDF-weighted, so "Weitz" meets "Chris Weitz" however the
entity linking split them) tie them where the linking did not; event types weigh in lightly; and the days the events HAPPENED keep apart two
similar events (two strikes on one city a week apart) that text alone would join, while a
follow-up published weeks later that dates the strike to its day still joins. Publication
days weigh in only weakly (after several weeks) when main events of one type compared, else
per day, unless the texts are as alike as one story's reports. A report whose clear main
participant of a kind is foreign to a story that has another loses a little (two celebrities
entering rehab).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable
from dataclasses import dataclass, field

import numpy as np

from .features import ArticleFeatures, day_gap, days_apart

# The version of the assignment rules (this module's scoring, features and the assigner's use of
# them). Bump it when the same articles would fall into other stories: a store clustered under
# another version (or another StoryConfig) is re-clustered by ``storyline reprocess``.
RULES_VERSION = "5"


@dataclass(frozen=True)
class StoryConfig:
    """Weights and limits of story assignment (tuned on ECB+ topics 1-20 and the sample corpus;
    topics 1-10 until session 5)."""

    threshold: float = 0.9  # join the best story at or above this score, else start a story
    w_cos: float = 1.0
    w_entities: float = 0.6
    w_places: float = 0.1
    w_types: float = 0.05
    w_time: float = 0.1  # bonus for a dated article inside the story's days (falls to 0 at the grace)
    # Event days (the days the main events happened, see features.main_event_days), compared when
    # both the article and the story have some: same day (within event_same_days) = bonus; apart
    # by event_apart_days or more = event_penalty (linear in between).
    w_event: float = 0.1
    event_same_days: float = 1.0
    # Days resolved from the text are off by a day or two between reports ("Monday" in a report
    # whose own date is a guess); two strikes a week apart stay apart.
    event_apart_days: float = 5.0
    event_penalty: float = 1.0
    event_share: float = 0.25  # a story's main events: held by this share of its event-dated members
    event_top_per_type: bool = True  # ... and of each type only the most held day(s) (story_event_days)
    use_event_days: bool = True  # False: publication days only (the time signal before event days)
    # Only event days that came from the text (a time expression: date basis "timex") compare;
    # an event dated by a fallback (the publication day) counts as undated. False: any day-dated event.
    event_dates_from_text: bool = True
    # Only events of one type are compared (a strike a week after a strike is another event; a
    # release weeks after an arrest is the same story going on).
    event_same_type: bool = True
    # The weak publication-gap terms below apply only when two main events of one type were
    # compared; when both sides have event days but none of one type, the publication-day terms
    # apply as for an undated side (a ceasefire plan a week before a summit is not its story).
    # False: the weak terms whenever both sides have event days (before).
    compare_needs_pair: bool = True
    # Publication days when the event days were compared: only a weak penalty, after weeks.
    pub_grace_days: float = 21.0
    pub_penalty: float = 0.01
    pub_penalty_max: float = 0.2  # the most a publication gap can cost when event days compare
    # Publication days when they could not be compared (an undated or untyped side): as before.
    gap_grace_days: float = 2.0  # a story keeps growing for this many days without penalty
    gap_penalty: float = 0.2  # score lost per day beyond the grace
    # ... unless the texts say it is the same story: at or above this member-average embedding
    # cosine the publication gap costs nothing (a follow-up weeks later told in the same words).
    # Two similar events a week apart are kept apart by their text-dated event days, not by this.
    gap_waive_cos: float = 0.7
    span_days: float = 4.0  # an event's reports normally fall within this many days of its first
    max_gap_days: int = 3650  # never join a story this many days away (also the lookup window)
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
    # ... and only when the two groups' name words (features.name_words) fall apart the same way:
    # short reports of one event link few entities, and their entity vectors alone can split.
    repair_names: bool = True
    # Participant conflict: the article's clear main person / organisation / place (features.
    # salient_heads) is among the salient entities of none of the story's members, while the
    # story's own main one of that kind (held by at least conflict_held of them) is another: two
    # celebrities entering rehab, two earthquakes in different regions. Costs conflict_penalty per kind.
    conflict_penalty: float = 0.2
    conflict_held: float = 0.5
    conflict_min: int = 3  # only against stories of this many members (one report's main person is no story's)
    # ... and no conflict when the article's head and the story's share a name word (its mentions'
    # words; the story head's name and aliases): one participant the entity linking split in two.
    conflict_alias: bool = True
    # Name words (features.name_words): mean cosine of the article's IDF-weighted name words to those
    # of the story's latest member_k members (IDF from the running document frequencies of the store).
    w_names: float = 0.2
    # Text words (features.text_words): mean cosine of the article's IDF-weighted content words to
    # those of the story's latest member_k members (IDF from the same running document frequencies,
    # under the prefix "t:"): the whole text, where the embedding reads title and lead only.
    w_words: float = 0.3
    # Text floor: below this embedding cosine (member average) an article joins no story, whatever
    # names, places or types it shares with it (two reports of one city's affairs, one a flood, one
    # a library opening, share the city and its office). Only with embeddings; 0 turns it off.
    min_cos: float = 0.3


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
    heads: dict[str, tuple[str, float]] | None = None  # kind -> (its most held entity, share of members)
    head_words: dict[str, set[str]] = field(default_factory=dict)  # kind -> name words of that entity's names


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


def name_idf(df: dict[str, int], n_docs: int, words: Iterable[str]) -> dict[str, float]:
    """Smoothed IDF of ``words`` from document frequencies ``df`` over ``n_docs`` articles."""
    return {w: math.log((n_docs + 1) / (min(df.get(w, 0), n_docs) + 1)) + 1.0 for w in words}


def name_vector(names: dict[str, int], idf: dict[str, float]) -> dict[str, float]:
    """Name words as a unit vector: (1 + log count) x IDF."""
    v = {w: (1.0 + math.log(c)) * idf.get(w, 1.0) for w, c in names.items() if c > 0}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


# 1 + log(count) for the small counts that name and text words have (name_cosine's inner loop).
_COUNT_WEIGHTS = [0.0] + [1.0 + math.log(c) for c in range(1, 256)]


def name_cosine(names: dict[str, int], member_names: list[dict[str, int]], idf: dict[str, float]) -> float:
    """Mean cosine of the article's name vector to each member's (average link); 0 without names.
    One pass over each member's words (its norm and the dot product together): this runs for up
    to member_k members of every candidate story of every article."""
    if not names or not member_names:
        return 0.0
    mine = name_vector(names, idf)
    get, mine_get, weights, n_weights = idf.get, mine.get, _COUNT_WEIGHTS, len(_COUNT_WEIGHTS)
    total = 0.0
    for other in member_names:
        squares = dot = 0.0
        for w, c in other.items():
            if c > 0:
                x = (weights[c] if c < n_weights else 1.0 + math.log(c)) * get(w, 1.0)
                squares += x * x
                y = mine_get(w)
                if y is not None:
                    dot += x * y
        if squares:
            total += dot / math.sqrt(squares)
    return total / len(member_names)


def story_event_days(member_days: list[list[str]], share: float, top_per_type: bool = False) -> list[str]:
    """A story's main events ("TYPE@day"): those held by at least ``share`` of its members that
    have any (always the most held one); from the members' own main events. ``top_per_type``: of
    each type only its most held day(s), so a report that also names an earlier attack by its day
    does not give the story that day too."""
    counts = Counter(d for days in member_days for d in set(days))
    dated = sum(1 for days in member_days if days)
    if not counts:
        return []
    top = counts.most_common(1)[0][1]
    kept = [d for d, n in counts.items() if n >= max(1.0, share * dated) or n == top]
    if top_per_type:
        best: dict[str, int] = {}
        for d in kept:
            t = d.split("@", 1)[0]
            best[t] = max(best.get(t, 0), counts[d])
        kept = [d for d in kept if counts[d] == best[d.split("@", 1)[0]]]
    return sorted(kept)


def story_heads(entity_counts: dict[str, int], n: int, kinds: dict[str, str]) -> dict[str, tuple[str, float]]:
    """The story's most held entity of each kind (``kinds``: entity id -> kind) with the share
    of its members holding it."""
    best: dict[str, tuple[int, str]] = {}
    for e, c in entity_counts.items():
        kind = kinds.get(e)
        if kind and (kind not in best or (c, e) > best[kind]):
            best[kind] = (c, e)
    return {k: (e, c / max(n, 1)) for k, (c, e) in best.items()}


def conflicts(f: ArticleFeatures, story: StoryProfile, config: StoryConfig) -> int:
    """Kinds whose main participant differs between the article and the story (see StoryConfig)."""
    if not f.heads or not story.heads or story.n_articles < config.conflict_min:
        return 0
    n = 0
    for kind, mine in f.heads.items():
        theirs = story.heads.get(kind)
        if theirs is None or theirs[0] == mine or theirs[1] < config.conflict_held:
            continue
        if story.entity_counts.get(mine, 0) > 0:
            continue
        if config.conflict_alias and set(f.head_words.get(kind, ())) & story.head_words.get(kind, set()):
            continue  # one name the entity linking split in two ("Weitz", "Chris Weitz")
        n += 1
    return n


def event_term(apart: float, config: StoryConfig) -> float:
    """Score added for main events ``apart`` days apart: + w_event on the same day, down to
    - event_penalty once clearly on different days."""
    if apart <= config.event_same_days:
        return config.w_event
    span = max(config.event_apart_days - config.event_same_days, 1e-9)
    return -config.event_penalty * min(1.0, (apart - config.event_same_days) / span)


def score(f: ArticleFeatures, story: StoryProfile, config: StoryConfig,
          members: list[np.ndarray] | None = None,
          story_days: list[str] | None = None, member_names: list[dict[str, int]] | None = None,
          idf: dict[str, float] | None = None, member_words: list[dict[str, int]] | None = None,
          word_idf: dict[str, float] | None = None) -> tuple[float, dict[str, float]]:
    """(score, parts) of ``f`` joining ``story``; -inf when the dates are too far apart.
    ``members``: embeddings of some of the story's members (else its centroid is used);
    ``story_days``: the story's main event days (``story_event_days``); ``member_names``: the
    name words of some of its members, with ``idf`` of their words (``name_idf``); ``member_words``:
    the text words of some of its members, with ``word_idf`` of theirs."""
    compared = bool(config.use_event_days and f.event_days and story_days)
    apart = days_apart(f.event_days, story_days or [], config.event_same_type) if compared else None
    if config.compare_needs_pair and apart is None:
        compared = False
    gap = day_gap(f.day, story.first_day, story.last_day)
    if gap is not None and not compared:
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
        "event_days_apart": apart if apart is not None else -1.0,
        "conflicts": float(conflicts(f, story, config)) if config.conflict_penalty else 0.0,
        "names": name_cosine(f.names, member_names or [], idf or {}) if config.w_names else 0.0,
        "words": name_cosine(f.words, member_words or [], word_idf or {}) if config.w_words else 0.0,
    }
    if config.min_cos and f.vec is not None and parts["cosine"] < config.min_cos and (members or story.vec_sum is not None):
        return float("-inf"), parts
    total = (config.w_cos * parts["cosine"] + config.w_entities * parts["entities"]
             + config.w_names * parts["names"] + config.w_words * parts["words"]
             + config.w_places * parts["places"] + config.w_types * parts["types"]
             - config.conflict_penalty * parts["conflicts"])
    if compared:
        total += event_term(apart, config) if apart is not None else 0.0
        if gap is not None:
            total -= min(config.pub_penalty_max, config.pub_penalty * max(0.0, gap - config.pub_grace_days))
    elif gap is not None and parts["cosine"] < config.gap_waive_cos:
        total += config.w_time * max(0.0, 1.0 - gap / (config.gap_grace_days + 1.0))
        total -= config.gap_penalty * max(0.0, gap - config.gap_grace_days)
    return total, parts
