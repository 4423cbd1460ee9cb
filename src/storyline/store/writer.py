"""The one writer: every INSERT/UPDATE/DELETE of the knowledge base lives here."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Iterable

from ..models import Article, IngestFailure
from .db import Database


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


_last_stamp = ""


def _ingest_stamp() -> str:
    """When an article is stored: UTC to the microsecond and strictly increasing within the
    process, so ``ingested_at`` keeps the order articles came in (story rebuilds replay it;
    to the second, one batch's articles would fall back to id order)."""
    global _last_stamp
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")
    if stamp <= _last_stamp:
        moment = datetime.strptime(_last_stamp, "%Y-%m-%dT%H:%M:%S.%f") + timedelta(microseconds=1)
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.%f")
    _last_stamp = stamp
    return stamp


def _signature_text(signature: list[int]) -> str:
    return ",".join(str(v) for v in signature)


def parse_signature(text: str) -> list[int]:
    return [int(v) for v in text.split(",")] if text else []


class Writer:
    """Stores processed articles; one instance per knowledge base."""

    def __init__(self, db: Database):
        self.db = db

    # -- articles ---------------------------------------------------------
    def has_hash(self, content_hash: str) -> bool:
        return self.db.query_one("SELECT 1 AS x FROM articles WHERE content_hash = ?", (content_hash,)) is not None

    def save_article(self, article: Article, signature: list[int] | None = None,
                     band_keys: Iterable[str] = ()) -> bool:
        """Insert a new article with its records; False if its content hash is already stored."""
        meta = dict(article.meta)
        window = meta.get("date_window") or {}
        with self.db.transaction():
            if self.has_hash(article.content_hash):
                return False
            self.db.execute(
                """INSERT INTO articles (id, content_hash, url, source, title, published, text, origin, raw,
                   raw_format, title_confidence, source_confidence, published_confidence, date_window_start,
                   date_window_end, date_window_basis, story_id, pipeline_version, meta, ingested_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (article.id, article.content_hash, article.url, article.source, article.title,
                 article.published, article.text, article.origin, article.raw, article.raw_format,
                 meta.get("title_confidence"), meta.get("source_confidence"), meta.get("published_confidence"),
                 window.get("start"), window.get("end"), window.get("basis"), article.story_id,
                 article.pipeline_version, json.dumps(meta, ensure_ascii=False), _ingest_stamp()),
            )
            self._insert_records(article)
            if signature:
                self.db.execute("INSERT INTO minhash (article_id, signature) VALUES (?, ?)",
                                (article.id, _signature_text(signature)))
                self.db.executemany(
                    "INSERT INTO minhash_bands (band, key, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [(band, key, article.id) for band, key in enumerate(band_keys)],
                )
            self.db.execute("DELETE FROM ingest_failures WHERE origin = ?", (article.origin,))
        return True

    def replace_records(self, article: Article) -> None:
        """Re-store an article's extracted records (reprocess), keeping its id."""
        meta = dict(article.meta)
        window = meta.get("date_window") or {}
        with self.db.transaction():
            for table in ("mentions", "quotes", "claims", "events", "timexes"):
                self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            self.db.execute(
                """UPDATE articles SET content_hash = ?, text = ?, title = ?, source = ?, published = ?,
                   title_confidence = ?, source_confidence = ?, published_confidence = ?,
                   date_window_start = ?, date_window_end = ?, date_window_basis = ?,
                   pipeline_version = ?, meta = ? WHERE id = ?""",
                (article.content_hash, article.text, article.title, article.source, article.published,
                 meta.get("title_confidence"), meta.get("source_confidence"), meta.get("published_confidence"),
                 window.get("start"), window.get("end"), window.get("basis"),
                 article.pipeline_version, json.dumps(meta, ensure_ascii=False), article.id),
            )
            self._insert_records(article)

    def _insert_records(self, a: Article) -> None:
        for entity in a.entities:
            self.db.execute(
                "INSERT INTO entities (id, name, type, aliases) VALUES (?, ?, ?, '[]') ON CONFLICT (id) DO NOTHING",
                (entity.id, entity.name, entity.type),
            )
        self.db.executemany(
            "INSERT INTO mentions (article_id, entity_id, start_char, end_char, text) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(a.id, e.id, s, t, a.text[s:t]) for e in a.entities for s, t in e.mentions],
        )
        self.db.executemany(
            """INSERT INTO quotes (article_id, idx, text, start_char, end_char, kind, speaker, speaker_id,
               speaker_text, speaker_start, speaker_end, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(a.id, i, q.text, q.start, q.end, q.kind, q.speaker, q.speaker_id, q.speaker_text,
              q.speaker_span[0] if q.speaker_span else None, q.speaker_span[1] if q.speaker_span else None, q.cue)
             for i, q in enumerate(a.quotes)],
        )
        self.db.executemany(
            """INSERT INTO claims (article_id, idx, value, value_max, unit, text, start_char, end_char, approx,
               claimant, claimant_id, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(a.id, i, c.value, c.value_max, c.unit, c.text, c.start, c.end, c.approx, c.claimant,
              c.claimant_id, c.event_id) for i, c in enumerate(a.claims)],
        )
        self.db.executemany(
            """INSERT INTO events (article_id, idx, event_id, type, mode, actor, target, location, date,
               date_precision, date_basis, text, start_char, end_char)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(a.id, i, e.id, e.type, e.mode, e.actor, e.target, e.location, e.date, e.date_precision,
              (e.meta or {}).get("date_basis"), e.text, e.start, e.end) for i, e in enumerate(a.events)],
        )
        self.db.executemany(
            """INSERT INTO timexes (article_id, idx, text, start_char, end_char, value, value_max, precision,
               resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(a.id, i, t.text, t.start, t.end, t.value, t.value_max, t.precision, int(t.resolved))
             for i, t in enumerate(a.timexes)],
        )

    # -- near duplicates --------------------------------------------------
    def near_duplicate_candidates(self, band_keys: list[str]) -> list[tuple[str, list[int]]]:
        """Stored articles sharing at least one LSH band with these keys (an index lookup, not a scan)."""
        if not band_keys:
            return []
        clauses = " OR ".join(["(b.band = ? AND b.key = ?)"] * len(band_keys))
        params: list = []
        for band, key in enumerate(band_keys):
            params += [band, key]
        rows = self.db.query(
            f"SELECT DISTINCT m.article_id, m.signature FROM minhash_bands b "
            f"JOIN minhash m ON m.article_id = b.article_id WHERE {clauses}",
            params,
        )
        return [(r["article_id"], parse_signature(r["signature"])) for r in rows]

    def link_duplicate(self, article_id: str, original_id: str, score: float) -> None:
        self.db.execute("UPDATE articles SET duplicate_of = ?, duplicate_score = ? WHERE id = ?",
                        (original_id, round(score, 4), article_id))

    def duplicate_root(self, article_id: str) -> str:
        """Follow duplicate_of links to the origin of a chain of copies."""
        seen = {article_id}
        current = article_id
        while True:
            row = self.db.query_one("SELECT duplicate_of FROM articles WHERE id = ?", (current,))
            nxt = row and row["duplicate_of"]
            if not nxt or nxt in seen:
                return current
            seen.add(nxt)
            current = nxt

    # -- failures ---------------------------------------------------------
    def record_failure(self, failure: IngestFailure) -> None:
        self.db.execute(
            "INSERT INTO ingest_failures (origin, reason, at) VALUES (?, ?, ?) "
            "ON CONFLICT (origin) DO UPDATE SET reason = excluded.reason, at = excluded.at",
            (failure.origin, failure.reason, _now()),
        )
