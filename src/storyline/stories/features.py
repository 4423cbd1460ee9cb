"""What story assignment looks at in one article: pure functions over ``Article``.

Title + lead for the embedding, the salient canonical entities, places, asserted
event types, a day, the candidate-index keys, and hashes of long sentences
(shared long passages reveal wire copy that MinHash misses).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

import numpy as np

from ..models import Article

LEAD_CHARS = 600
MAX_ENTITIES = 10
PLACE_TYPES = {"GPE", "LOC", "FAC"}
SALIENT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}
PASSAGE_MIN_WORDS = 20
SIMHASH_BANDS = 20
SIMHASH_BITS = 6
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"\w+")
# Fixed: keys computed today must match those stored last year.
_PLANES_SEED = 20250620


@dataclass
class ArticleFeatures:
    """Signals of one article for story assignment."""

    article_id: str
    lead: str
    day: str | None
    entities: list[str] = field(default_factory=list)  # salient entity ids, most salient first
    places: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    event_days: list[str] = field(default_factory=list)  # its main events, "TYPE@day" (see main_events)
    passages: list[str] = field(default_factory=list)
    vec: np.ndarray | None = None
    heads: dict[str, str] = field(default_factory=dict)  # kind -> its most salient entity (see salient_heads)
    names: dict[str, int] = field(default_factory=dict)  # its name words and years with counts (see name_words)
    head_words: dict[str, list[str]] = field(default_factory=dict)  # kind -> its head's name words (head_words)
    words: dict[str, int] = field(default_factory=dict)  # its most frequent content words with counts (text_words)


def lead_text(article: Article, chars: int = LEAD_CHARS) -> str:
    """Title plus the first ``chars`` characters of the body, cut at a word boundary."""
    body = " ".join(article.text.split())
    if len(body) > chars:
        body = body[:chars].rsplit(" ", 1)[0]
    title = (article.title or "").strip()
    return f"{title}. {body}" if title else body


def article_day(article: Article) -> str | None:
    """The day the article reports on: its publication day, else a narrow date window,
    else the most frequent day-precise event date; None when nothing dates it."""
    if article.published:
        return article.published[:10]
    window = article.meta.get("date_window") or {}
    if window.get("start") and window.get("end"):
        try:
            start, end = date.fromisoformat(window["start"]), date.fromisoformat(window["end"])
            if (end - start).days <= 3:
                return (start + (end - start) / 2).isoformat()
        except ValueError:
            pass
    days = Counter(e.date[:10] for e in article.events
                   if e.date and e.date_precision == "day" and e.mode not in ("future", "hypothetical"))
    return days.most_common(1)[0][0] if days else None


# Saying is not the event: a statement is dated when it was made, i.e. the day of the report.
REPORTING_TYPES = {"STATEMENT"}
MAIN_EVENTS = 3


# An event date obtained from a time expression of the text. Other bases are filled in
# ("published": the publication day; "article": the day the article is about), and a follow-up
# report six days after an attack would read as "ASSAULT on the report's day", like a second one.
TEXT_BASIS = "timex"


def main_events(events: Iterable[tuple], from_text: bool = False) -> list[str]:
    """The main events of one article as "TYPE@YYYY-MM-DD": of its asserted, typed events dated to
    the day (``(type, mode, date, precision[, basis])``; reporting events left out), the most
    frequent (type, day) and up to two more held by at least half as many events. A follow-up
    published weeks later that dates the strike to its day still gives that day.

    ``from_text``: a main event is kept only when one of its events was dated by the text
    (basis "timex"); one dated by a fallback (the report's own day) counts as undated. The main
    events are still ranked over all dated events, so an earlier attack the text names by its
    date does not stand in for the day-after report's own, undated, attack."""
    counts: Counter = Counter()
    from_timex: set[tuple[str, str]] = set()
    for t, mode, d, precision, *rest in events:
        if d and precision == "day" and mode in (None, "", "asserted") and t not in REPORTING_TYPES:
            counts[(t, d[:10])] += 1
            if rest and rest[0] == TEXT_BASIS:
                from_timex.add((t, d[:10]))
    if not counts:
        return []
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAIN_EVENTS]
    return sorted(f"{t}@{d}" for (t, d), n in ranked
                  if 2 * n >= ranked[0][1] and (not from_text or (t, d) in from_timex))


def event_days(article: Article, from_text: bool = True) -> list[str]:
    """The article's main events (``main_events``); with ``from_text`` only those its text dates
    (an event's ``meta["date_basis"]`` is "timex"): events dated by a fallback count as undated."""
    return main_events(((e.type, e.mode, e.date, e.date_precision, (e.meta or {}).get("date_basis"))
                        for e in article.events), from_text)


def _salience(article: Article) -> list[tuple[int, str, str]]:
    """(-score, entity id, type) of the salient-typed entities: mentions, with a bonus for the
    title and lead; most salient first."""
    title = (article.title or "").casefold()
    scored = []
    for e in article.entities:
        if e.type not in SALIENT_TYPES or not e.mentions:
            continue
        score = len(e.mentions)
        score += 3 if any(s < LEAD_CHARS for s, _ in e.mentions) else 0
        score += 3 if e.name.casefold() in title or any(t.casefold() in title for t in e.mention_texts) else 0
        scored.append((-score, e.id, e.type))
    return sorted(scored)


def salient_entities(article: Article, limit: int = MAX_ENTITIES) -> list[str]:
    """Entity ids ranked by mentions, with a bonus for the title and lead."""
    return [eid for _, eid, _ in _salience(article)[:limit]]


# The kinds of participant a story is about: its main person, organisation, place.
HEAD_KINDS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
HEAD_MIN_SCORE = 5  # e.g. named in the lead and twice more
HEAD_LEAD = 1.5  # and at least this many times as salient as the next of its kind


def salient_heads(article: Article) -> dict[str, str]:
    """The most salient entity of each kind (person, organisation, place), when it clearly leads
    its kind: a score (``_salience``) of at least HEAD_MIN_SCORE and HEAD_LEAD times the next."""
    by_kind: dict[str, list[tuple[int, str]]] = {}
    for neg, eid, etype in _salience(article):
        kind = HEAD_KINDS.get(etype)
        if kind:
            by_kind.setdefault(kind, []).append((-neg, eid))
    out = {}
    for kind, ranked in by_kind.items():
        top = ranked[0][0]
        second = ranked[1][0] if len(ranked) > 1 else 0
        if top >= HEAD_MIN_SCORE and top >= HEAD_LEAD * second:
            out[kind] = ranked[0][1]
    return out


# Name words: the words of the article's named things, lower-cased, so that "Weitz" matches "Chris
# Weitz" whatever the entity linking made of them, and the years it names ("y:2008"). Sub-topics of
# one topic share their generic words ("rehab", "earthquake") but rarely their names, places, years.
NAME_TYPES = SALIENT_TYPES | {"WORK_OF_ART", "PRODUCT", "LAW"}
MAX_NAME_WORDS = 40
_NAME_STOP = frozenset("""a an and at by for from in of on or the to with de la le del der van von mr mrs ms dr st
jr sr inc ltd co corp he she it they we i you his her its their our this that these those""".split())
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def name_words(article: Article, limit: int = MAX_NAME_WORDS) -> dict[str, int]:
    """{word: mentions} of the words of the article's named entities (persons, organisations,
    places, groups, events, works, products, laws: every mention, lower-cased, stop words and
    one-letter words left out) and "y:YYYY" for each year written in its text; the ``limit`` most
    frequent (ties by word)."""
    counts: Counter = Counter()
    for e in article.entities:
        if e.type not in NAME_TYPES:
            continue
        for text in e.mention_texts or [e.name]:
            counts.update(words_of([text]))
    for m in _YEAR.finditer(article.text):
        counts["y:" + m.group(1)] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return dict(ranked)


# Text words: the most frequent content words of the whole text, an incremental TF-IDF beside the
# embedding of title and lead (which sees only the first 600 characters). Web debris (the words of
# a URL left in the text) is no content.
MAX_TEXT_WORDS = 60
_TEXT_WORD = re.compile(r"[a-z][a-z'-]+")
_WEB_DEBRIS = frozenset("http https www com org net html htm php aspx jsp cfm".split())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # spaCy's list, not scikit-learn's: that one drops news words ("fire", "bill", "system").
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _WEB_DEBRIS


def text_words(article: Article, limit: int = MAX_TEXT_WORDS) -> dict[str, int]:
    """{word: count} of the ``limit`` most frequent content words of the article's text
    (lower-cased, three letters or more, English stop words and web debris left out; ties by word)."""
    stop = _stop_words()
    counts = Counter(w for w in _TEXT_WORD.findall(article.text.casefold()) if len(w) > 2 and w not in stop)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def words_of(texts: Iterable[str]) -> set[str]:
    """The name words (as in ``name_words``) of some names."""
    return {w for t in texts for w in _WORD.findall(t.casefold())
            if len(w) > 1 and w not in _NAME_STOP and not w.isdigit()}


def head_words(article: Article, heads: dict[str, str]) -> dict[str, list[str]]:
    """The name words of each head entity (``salient_heads``: kind -> entity id), from its mentions."""
    by_id = {e.id: e for e in article.entities}
    return {kind: sorted(words_of(by_id[eid].mention_texts or [by_id[eid].name]))
            for kind, eid in heads.items() if eid in by_id}


def places(article: Article) -> list[str]:
    found = {e.id for e in article.entities if e.type in PLACE_TYPES}
    found |= {"loc:" + e.location.casefold() for e in article.events if e.location}
    return sorted(found)


def event_types(article: Article) -> list[str]:
    """Types of asserted events (negated, future and hypothetical ones left out), most frequent first."""
    counts = Counter(e.type for e in article.events if e.mode in (None, "", "asserted"))
    return [t for t, _ in counts.most_common()]


def normalise_passage(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.casefold()))


def passage_hashes(text: str, min_words: int = PASSAGE_MIN_WORDS) -> list[str]:
    """Hashes of the long sentences of ``text`` (case, punctuation and spacing ignored)."""
    out = []
    for m in _SENTENCE.finditer(text):
        norm = normalise_passage(m.group())
        if norm.count(" ") + 1 >= min_words:
            out.append(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest())
    return sorted(set(out))


def features(article: Article, event_dates_from_text: bool = True) -> ArticleFeatures:
    """The signals of one article (its embedding is filled in by the caller, in batches);
    ``event_dates_from_text``: see ``event_days``."""
    heads = salient_heads(article)
    return ArticleFeatures(
        article_id=article.id, lead=lead_text(article), day=article_day(article),
        entities=salient_entities(article), places=places(article), types=event_types(article),
        event_days=event_days(article, event_dates_from_text), passages=passage_hashes(article.text),
        heads=heads, names=name_words(article), head_words=head_words(article, heads),
        words=text_words(article),
    )


@lru_cache(maxsize=4)
def _planes(dim: int) -> np.ndarray:
    rng = np.random.default_rng(_PLANES_SEED)
    return rng.standard_normal((dim, SIMHASH_BANDS * SIMHASH_BITS)).astype(np.float32)


def index_keys(f: ArticleFeatures) -> list[str]:
    """Candidate-index keys: "e:<entity id>" for salient entities and "h:<band>:<bits>"
    random-hyperplane bands of the embedding (near vectors share a band)."""
    keys = [f"e:{eid}" for eid in f.entities]
    if f.vec is not None:
        bits = (f.vec @ _planes(len(f.vec)) > 0).astype(np.uint8)
        for b in range(SIMHASH_BANDS):
            chunk = bits[b * SIMHASH_BITS:(b + 1) * SIMHASH_BITS]
            keys.append(f"h:{b}:{''.join(map(str, chunk))}")
    return keys


def shift_day(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def day_gap(day: str | None, first: str | None, last: str | None) -> float | None:
    """Days between ``day`` and the span [first, last]; 0 inside it; None if either is undated."""
    if not day or not first or not last:
        return None
    d, a, b = date.fromisoformat(day), date.fromisoformat(first), date.fromisoformat(last)
    if d < a:
        return float((a - d).days)
    if d > b:
        return float((d - b).days)
    return 0.0


def days_apart(mine: list[str], others: Iterable[str], same_type: bool = True) -> float | None:
    """Fewest days between one of the main events ``mine`` and one of ``others`` ("TYPE@day"),
    only between events of one type when ``same_type``; None when no pair compares."""
    best = None
    theirs = [o.split("@", 1) for o in others]
    for m in mine:
        t, d = m.split("@", 1)
        day = date.fromisoformat(d)
        for ot, od in theirs:
            if same_type and ot != t:
                continue
            gap = abs((day - date.fromisoformat(od)).days)
            best = gap if best is None or gap < best else best
    return None if best is None else float(best)
