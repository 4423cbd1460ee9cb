"""Redo the per-article pipeline for articles stored by an older pipeline version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from .. import query
from ..errors import InputError
from ..link.entities import link_entities
from ..models import IngestFailure, RawDocument
from ..nlp.pipeline import pipeline_version
from ..settings import Options
from ..store import Writer
from ..stories import rebuild_outdated_ledgers, rebuild_outdated_stories, refresh_ledgers, stories_outdated
from .local import prepare
from .pool import Extractor


def stored_document(row: dict) -> RawDocument:
    """The RawDocument an article was first built from, as stored."""
    given = json.loads(row["meta"] or "{}").get("input", {})
    return RawDocument(origin=row["origin"], content=row["raw"] or "", format=row["raw_format"], url=row["url"],
                       title=given.get("title"), source=given.get("source"), published=given.get("published"),
                       author=given.get("author"), extra=given.get("extra") or {})


@dataclass
class ReprocessProgress:
    """Callbacks the CLI uses for its progress bars and messages during a reprocess."""

    on_start: Callable[[str, int], None] = lambda phase, total: None  # "extract" | "stories", items to do
    on_item: Callable[[str, int], None] = lambda phase, n: None  # n more items of that phase done
    on_ledgers: Callable[[int], None] = lambda n: None  # ledgers of n stories rebuilt (older ledger rules)
    on_stories: Callable[[int], None] = lambda n: None  # articles re-clustered into n stories (older story rules)


def run_reprocess(writer: Writer, options: Options, force: bool = False,
                  progress: ReprocessProgress | None = None) -> tuple[int, list[IngestFailure]]:
    """Re-extract outdated articles (all with ``force``) and refresh the claim ledgers of their
    stories; then re-cluster every article when the stored stories were built by other story
    rules, embedding model or story settings, or else rebuild every claim ledger when the
    stored ones were built by other ledger rules. Returns (count redone, failures)."""
    progress = progress or ReprocessProgress()
    # Why: when every article is clustered again afterwards, that rebuilds every ledger too;
    # refreshing the old stories' ledgers per re-extracted chunk would be work thrown away.
    recluster = stories_outdated(writer.db, options)
    done, failed = _reextract(writer, options, force, progress, refresh_ledgers_too=not recluster)
    n = rebuild_outdated_stories(writer, options, on_start=lambda total: progress.on_start("stories", total),
                                 on_item=lambda k: progress.on_item("stories", k))
    if n is not None:
        progress.on_stories(n)  # the ledgers were rebuilt with the stories
        return done, failed
    rebuilt = rebuild_outdated_ledgers(writer, options=options)
    if rebuilt:
        progress.on_ledgers(rebuilt)
    return done, failed


def _reextract(writer: Writer, options: Options, force: bool, progress: ReprocessProgress,
               refresh_ledgers_too: bool = True) -> tuple[int, list[IngestFailure]]:
    version = pipeline_version(options)
    db = writer.db
    ids = query.article_ids(db) if force \
        else query.outdated_articles(db, version)
    done, failed = 0, []
    if not ids:
        return done, failed
    progress.on_start("extract", len(ids))
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
            if refresh_ledgers_too:
                refresh_ledgers(writer, redone, options)  # the claim groups read the new claims and quotes
            progress.on_item("extract", len(chunk))
    return done, failed
