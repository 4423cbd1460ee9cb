"""The one read path: every read the CLI, HTTP API, web pages and exports make
goes through these functions, so one query serves all of them."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Iterator

from .errors import NotFound
from .models import Article, Claim, Entity, Event, Quote, Timex
from .store import Database

_ARTICLE_COLUMNS = ("id, content_hash, url, source, title, published, text, origin, raw_format, story_id, "
                    "duplicate_of, duplicate_score, pipeline_version, meta")


def _in(ids: list[str]) -> str:
    return ", ".join("?" * len(ids))


def _children(db: Database, ids: list[str]) -> dict[str, dict[str, list]]:
    """Entities, quotes, claims, events and timexes of these articles, keyed by article id."""
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    if not ids:
        return out
    marks = _in(ids)
    entities: dict[tuple[str, str], Entity] = {}
    for r in db.query(
        f"SELECT m.article_id, m.entity_id, m.start_char, m.end_char, m.text, e.name, e.type FROM mentions m "
        f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) ORDER BY m.article_id, m.start_char",
        ids,
    ):
        key = (r["article_id"], r["entity_id"])
        if key not in entities:
            entities[key] = Entity(id=r["entity_id"], name=r["name"], type=r["type"])
            out[r["article_id"]]["entities"].append(entities[key])
        entities[key].mentions.append((r["start_char"], r["end_char"]))
        entities[key].mention_texts.append(r["text"])
    for r in db.query(f"SELECT * FROM quotes WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids):
        span = (r["speaker_start"], r["speaker_end"]) if r["speaker_start"] is not None else None
        out[r["article_id"]]["quotes"].append(Quote(
            text=r["text"], start=r["start_char"], end=r["end_char"], kind=r["kind"], speaker=r["speaker"],
            speaker_id=r["speaker_id"], speaker_text=r["speaker_text"], speaker_span=span, cue=r["cue"]))
    for r in db.query(f"SELECT * FROM claims WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids):
        out[r["article_id"]]["claims"].append(Claim(
            value=r["value"], value_max=r["value_max"], unit=r["unit"], text=r["text"], start=r["start_char"],
            end=r["end_char"], approx=r["approx"], claimant=r["claimant"], claimant_id=r["claimant_id"],
            event_id=r["event_id"]))
    for r in db.query(f"SELECT * FROM events WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids):
        out[r["article_id"]]["events"].append(Event(
            id=r["event_id"], type=r["type"], text=r["text"], start=r["start_char"], end=r["end_char"],
            mode=r["mode"], actor=r["actor"], target=r["target"], location=r["location"], date=r["date"],
            date_precision=r["date_precision"]))
    for r in db.query(f"SELECT * FROM timexes WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids):
        out[r["article_id"]]["timexes"].append(Timex(
            text=r["text"], start=r["start_char"], end=r["end_char"], value=r["value"], value_max=r["value_max"],
            precision=r["precision"], resolved=bool(r["resolved"])))
    return out


def _article(row: dict[str, Any], children: dict[str, list]) -> Article:
    meta = json.loads(row["meta"] or "{}")
    if row.get("duplicate_of"):
        meta["duplicate_of"] = row["duplicate_of"]
        meta["duplicate_score"] = row["duplicate_score"]
    return Article(
        id=row["id"], content_hash=row["content_hash"], text=row["text"], origin=row["origin"], url=row["url"],
        source=row["source"], title=row["title"], published=row["published"], story_id=row["story_id"],
        entities=children.get("entities", []), quotes=children.get("quotes", []),
        claims=children.get("claims", []), events=children.get("events", []),
        timexes=children.get("timexes", []), meta=meta, raw_format=row["raw_format"],
        pipeline_version=row["pipeline_version"],
    )


def articles(db: Database, *, source: str | None = None, since: str | None = None, until: str | None = None,
             page_size: int = 200) -> Iterator[Article]:
    """Articles with their records, by publication date then id (undated last), streamed page by page."""
    where, params = [], []
    if source:
        where.append("source = ?")
        params.append(source)
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published <= ?")
        params.append(until)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    order = "ORDER BY (published IS NULL), published, id"
    offset = 0
    while True:
        rows = db.query(f"SELECT {_ARTICLE_COLUMNS} FROM articles {clause} {order} LIMIT ? OFFSET ?",
                        params + [page_size, offset])
        if not rows:
            return
        children = _children(db, [r["id"] for r in rows])
        for row in rows:
            yield _article(row, children.get(row["id"], {}))
        offset += len(rows)


def article(db: Database, article_id: str) -> Article:
    """One article with its records; NotFound if the id is unknown."""
    row = db.query_one(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
    if row is None:
        raise NotFound(f"no article with id {article_id!r}", hint="list ids with `storyline export` or the API")
    return _article(row, _children(db, [article_id]).get(article_id, {}))


def raw_article(db: Database, article_id: str) -> dict[str, Any]:
    """The stored input of an article (for reprocessing)."""
    row = db.query_one("SELECT id, origin, url, raw, raw_format, meta FROM articles WHERE id = ?", (article_id,))
    if row is None:
        raise NotFound(f"no article with id {article_id!r}")
    return row


def outdated_articles(db: Database, version: str) -> list[str]:
    """Ids of articles processed by another pipeline version than ``version``."""
    return [r["id"] for r in db.query("SELECT id FROM articles WHERE pipeline_version <> ? ORDER BY id", (version,))]


def stats(db: Database) -> dict[str, Any]:
    """Counts of what the knowledge base holds."""
    one = db.scalar
    return {
        "articles": one("SELECT COUNT(*) AS n FROM articles"),
        "near_duplicates": one("SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL"),
        "sources": one("SELECT COUNT(DISTINCT source) AS n FROM articles"),
        "undated": one("SELECT COUNT(*) AS n FROM articles WHERE published IS NULL"),
        "first_published": one("SELECT MIN(published) AS d FROM articles"),
        "last_published": one("SELECT MAX(published) AS d FROM articles"),
        "entities": one("SELECT COUNT(DISTINCT entity_id) AS n FROM mentions"),
        "mentions": one("SELECT COUNT(*) AS n FROM mentions"),
        "quotes": one("SELECT COUNT(*) AS n FROM quotes"),
        "claims": one("SELECT COUNT(*) AS n FROM claims"),
        "events": one("SELECT COUNT(*) AS n FROM events"),
        "failures": one("SELECT COUNT(*) AS n FROM ingest_failures"),
        "pipeline_versions": {r["pipeline_version"]: r["n"] for r in db.query(
            "SELECT pipeline_version, COUNT(*) AS n FROM articles GROUP BY pipeline_version ORDER BY pipeline_version")},
    }


def failures(db: Database) -> list[dict[str, Any]]:
    """Inputs that could not be ingested, with the reason, most recent first."""
    return db.query("SELECT origin, reason, at FROM ingest_failures ORDER BY at DESC, origin")
