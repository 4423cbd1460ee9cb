"""The tables of ``--format csv`` and ``--format parquet``: one per record type.

``TABLES`` declares every column (name, Arrow type, meaning); it drives the CSV
header, the Parquet schema and docs/exports.md, so the three cannot drift.
Offsets (``start``, ``end``) index the article's ``text`` exactly as exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .. import query
from ..models import Article
from ..store import Database


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # "string" | "int64" | "float64"
    help: str


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


_CONTEXT = (("source", "string", "outlet of the article"),
            ("published", "string", "article publication date, YYYY-MM-DD[THH:MM:SS]"))

TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        ("id", "string", "article id (stable: derived from the content)"),
        ("url", "string", "URL, when known"),
        ("source", "string", "outlet"),
        ("title", "string", "headline"),
        ("published", "string", "publication date, YYYY-MM-DD[THH:MM:SS]"),
        ("story_id", "string", "storyline the article belongs to"),
        ("duplicate_of", "string", "id of the earlier article this one copies (near-duplicate)"),
        ("n_entities", "int64", "distinct entities mentioned"),
        ("n_quotes", "int64", "quotes"),
        ("n_claims", "int64", "numeric claims"),
        ("n_events", "int64", "events"),
        ("text", "string", "cleaned body text: every offset in the other tables indexes it"),
    ),
    "entities": _cols(
        ("id", "string", "canonical entity id (same across articles)"),
        ("name", "string", "canonical name"),
        ("type", "string", "PERSON, ORG, GPE, LOC, NORP, ..."),
        ("aliases", "string", "other names, separated by '; '"),
        ("mentions", "int64", "mentions in the exported articles"),
        ("articles", "int64", "exported articles mentioning it"),
    ),
    "mentions": _cols(
        ("article_id", "string", "article id"),
        ("entity_id", "string", "entity id"),
        ("start", "int64", "start offset in the article text"),
        ("end", "int64", "end offset (exclusive)"),
        ("text", "string", "the mention as written"),
    ),
    "quotes": _cols(
        ("article_id", "string", "article id"),
        ("idx", "int64", "position of the quote in its article"),
        ("text", "string", "the quote, without quotation marks"),
        ("start", "int64", "start offset in the article text"),
        ("end", "int64", "end offset (exclusive)"),
        ("kind", "string", "direct, partial or indirect"),
        ("speaker", "string", "canonical name of the speaker"),
        ("speaker_id", "string", "entity id of the speaker"),
        ("speaker_text", "string", "the mention naming the speaker here (name, role or pronoun)"),
        ("speaker_start", "int64", "start offset of that mention"),
        ("speaker_end", "int64", "end offset of that mention"),
        ("cue", "string", "the reporting verb (lemma) or phrase"),
        *_CONTEXT,
    ),
    "claims": _cols(
        ("article_id", "string", "article id"),
        ("idx", "int64", "position of the claim in its article"),
        ("value", "float64", "the figure"),
        ("value_max", "float64", "upper bound when the figure is a range"),
        ("unit", "string", "counted thing (singular lemma), ISO currency code or unit"),
        ("text", "string", "the figure as written"),
        ("start", "int64", "start offset in the article text"),
        ("end", "int64", "end offset (exclusive)"),
        ("approx", "string", "approximation word (about, at least, up to, ...)"),
        ("claimant", "string", "canonical name of who claims it"),
        ("claimant_id", "string", "entity id of the claimant"),
        ("event_id", "string", "event (of the same article) the figure is about"),
        *_CONTEXT,
    ),
    "events": _cols(
        ("article_id", "string", "article id"),
        ("idx", "int64", "position of the event in its article"),
        ("event_id", "string", "event id within the article"),
        ("type", "string", "PLOVER-like event type (ASSAULT, AID, CONSULT, ...)"),
        ("mode", "string", "negated, hypothetical, future, ... (empty: asserted)"),
        ("actor", "string", "who acts"),
        ("target", "string", "who or what is acted on"),
        ("location", "string", "where"),
        ("date", "string", "resolved date YYYY[-MM[-DD]]"),
        ("date_precision", "string", "day, week, month or year"),
        ("text", "string", "the sentence stating the event"),
        ("start", "int64", "start offset in the article text"),
        ("end", "int64", "end offset (exclusive)"),
        *_CONTEXT,
    ),
    "stories": _cols(
        ("id", "string", "story id"),
        ("title", "string", "a headline naming the story"),
        ("size", "int64", "articles in the story"),
        ("sources", "int64", "distinct outlets"),
        ("first", "string", "earliest publication date"),
        ("last", "string", "latest publication date"),
        ("disputes", "int64", "disputed figures in its claim ledger"),
    ),
}


def _context(a: Article) -> dict[str, Any]:
    return {"source": a.source, "published": a.published}


def article_rows(articles: Iterable[Article]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) pairs for every per-article table, streaming over the articles."""
    for a in articles:
        yield "articles", {
            "id": a.id, "url": a.url, "source": a.source, "title": a.title, "published": a.published,
            "story_id": a.story_id, "duplicate_of": a.meta.get("duplicate_of"), "n_entities": len(a.entities),
            "n_quotes": len(a.quotes), "n_claims": len(a.claims), "n_events": len(a.events), "text": a.text}
        for e in a.entities:
            for (s, t), text in zip(e.mentions, e.mention_texts or [a.text[s:t] for s, t in e.mentions]):
                yield "mentions", {"article_id": a.id, "entity_id": e.id, "start": s, "end": t, "text": text}
        for i, q in enumerate(a.quotes):
            span = q.speaker_span or (None, None)
            yield "quotes", {"article_id": a.id, "idx": i, "text": q.text, "start": q.start, "end": q.end,
                             "kind": q.kind, "speaker": q.speaker, "speaker_id": q.speaker_id,
                             "speaker_text": q.speaker_text, "speaker_start": span[0], "speaker_end": span[1],
                             "cue": q.cue, **_context(a)}
        for i, c in enumerate(a.claims):
            yield "claims", {"article_id": a.id, "idx": i, "value": c.value, "value_max": c.value_max,
                             "unit": c.unit, "text": c.text, "start": c.start, "end": c.end, "approx": c.approx,
                             "claimant": c.claimant, "claimant_id": c.claimant_id, "event_id": c.event_id,
                             **_context(a)}
        for i, e in enumerate(a.events):
            yield "events", {"article_id": a.id, "idx": i, "event_id": e.id, "type": e.type, "mode": e.mode,
                             "actor": e.actor, "target": e.target, "location": e.location, "date": e.date,
                             "date_precision": e.date_precision, "text": e.text, "start": e.start, "end": e.end,
                             **_context(a)}


def all_rows(db: Database, **filters: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) pairs for every table: per-article ones streamed, then entities and stories."""
    counts: dict[str, list[Any]] = {}  # entity id -> [mentions, set of articles]
    for table, row in article_rows(query.articles(db, **filters)):
        if table == "mentions":
            c = counts.setdefault(row["entity_id"], [0, set()])
            c[0] += 1
            c[1].add(row["article_id"])
        yield table, row
    cursor = None
    while True:
        page = query.entities(db, cursor=cursor, limit=query.MAX_PAGE)
        for e in page.items:
            if e["id"] in counts:
                mentions, arts = counts[e["id"]]
                yield "entities", {"id": e["id"], "name": e["name"], "type": e["type"],
                                   "aliases": "; ".join(e["aliases"]), "mentions": mentions, "articles": len(arts)}
        cursor = page.next_cursor
        if not cursor:
            break
    for s in query.story_list(db, since=filters.get("since"), limit=1_000_000):
        yield "stories", {c.name: s.get(c.name) for c in TABLES["stories"]}
