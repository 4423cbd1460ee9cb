"""Redo the per-article pipeline for articles stored by an older pipeline version."""

from __future__ import annotations

import json
from typing import Callable

from .. import query
from ..errors import InputError
from ..link.entities import link_entities
from ..models import IngestFailure, RawDocument
from ..nlp.pipeline import pipeline_version
from ..settings import Options
from ..store import Writer
from ..stories import rebuild_outdated_ledgers, refresh_ledgers
from .local import prepare
from .pool import Extractor


def stored_document(row: dict) -> RawDocument:
    """The RawDocument an article was first built from, as stored."""
    given = json.loads(row["meta"] or "{}").get("input", {})
    return RawDocument(origin=row["origin"], content=row["raw"] or "", format=row["raw_format"], url=row["url"],
                       title=given.get("title"), source=given.get("source"), published=given.get("published"),
                       author=given.get("author"), extra=given.get("extra") or {})


def run_reprocess(writer: Writer, options: Options, force: bool = False,
                  on_item: Callable[[int], None] = lambda n: None,
                  on_ledgers: Callable[[int], None] = lambda n: None) -> tuple[int, list[IngestFailure]]:
    """Re-extract outdated articles (all with ``force``) and refresh the claim ledgers of their
    stories, then rebuild every claim ledger when the stored ones were built by other ledger
    rules (``on_ledgers`` gets the number of stories rebuilt); returns (count redone, failures)."""
    done, failed = _reextract(writer, options, force, on_item)
    rebuilt = rebuild_outdated_ledgers(writer, options=options)
    if rebuilt:
        on_ledgers(rebuilt)
    return done, failed


def _reextract(writer: Writer, options: Options, force: bool,
               on_item: Callable[[int], None]) -> tuple[int, list[IngestFailure]]:
    version = pipeline_version(options)
    db = writer.db
    ids = [r["id"] for r in db.query("SELECT id FROM articles ORDER BY id")] if force \
        else query.outdated_articles(db, version)
    done, failed = 0, []
    if not ids:
        return done, failed
    with Extractor(options) as extractor:
        for start in range(0, len(ids), extractor.chunk_size):
            chunk = ids[start:start + extractor.chunk_size]
            items, keep = [], []
            for article_id in chunk:
                row = query.raw_article(db, article_id)
                try:
                    items.append(prepare(stored_document(row)))
                    keep.append(article_id)
                except InputError as err:
                    failed.append(IngestFailure(row["origin"], err.reason))
            redone = []
            for article_id, article in zip(keep, extractor(items)):
                article.id = article_id  # ids are stable across versions
                writer.replace_records(article)
                redone.append(article)
                done += 1
            link_entities(writer, keep)
            refresh_ledgers(writer, redone, options)  # the claim groups read the new claims and quotes
            on_item(len(chunk))
    return done, failed
