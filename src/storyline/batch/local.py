"""The local runner: read -> clean -> NLP (in batches) -> one writer.

The per-article part (clean, ``nlp.to_records.extract``) is pure; this module
only feeds it and hands its records to the store's writer, batch by batch,
each batch in one transaction so an interrupted run leaves nothing half-stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Iterable

from ..clean import clean_document
from ..clean.dedup import band_keys, content_hash, minhash_signature
from ..errors import InputError, StrictModeFailure
from ..link.duplicates import link_near_duplicate
from ..link.entities import link_entities
from ..models import IngestFailure, IngestReport, RawDocument
from ..nlp.to_records import Prepared
from ..settings import Options
from ..store import Writer
from ..stories import assign_stories, mark_new_stories
from .pool import Extractor

log = logging.getLogger(__name__)


@dataclass
class Progress:
    """Callbacks the CLI uses for its progress bar and per-failure lines."""

    on_start: Callable[[int], None] = lambda total_sources: None
    on_source: Callable[[str], None] = lambda origin: None  # a source has been read through
    on_item: Callable[[int], None] = lambda n: None  # n documents done (stored, skipped or failed)
    on_failure: Callable[[IngestFailure], None] = lambda f: None


def prepare(raw: RawDocument) -> Prepared:
    """Clean one document and hash its body; raises InputError when nothing usable remains."""
    cleaned = clean_document(raw)
    return Prepared(raw=raw, cleaned=cleaned, content_hash=content_hash(cleaned.text))


def run_ingest(writer: Writer, documents: Iterable[RawDocument | IngestFailure], options: Options,
               progress: Progress | None = None, strict: bool = False) -> IngestReport:
    """Ingest documents into the store; returns what was added, skipped and refused."""
    progress = progress or Progress()
    report = IngestReport()
    pending: list[Prepared] = []
    seen_hashes: set[str] = set()

    def fail(failure: IngestFailure) -> None:
        report.failed.append(failure)
        writer.record_failure(failure)
        progress.on_failure(failure)
        progress.on_item(1)
        if strict:
            raise StrictModeFailure(f"{failure.origin}: {failure.reason}", hint="drop --strict to skip and go on")

    def flush() -> None:
        if not pending:
            return
        articles = extractor(pending)
        stored = []
        with writer.db.transaction():
            for article in articles:
                signature = minhash_signature(article.text)
                keys = band_keys(signature)
                if not writer.save_article(article, signature, keys):
                    report.duplicates += 1
                    continue
                report.added += 1
                stored.append(article)
                if link_near_duplicate(writer, article.id, signature, keys, options.near_duplicate_threshold):
                    report.near_duplicates += 1
        link_entities(writer, stored)
        mark_new_stories(writer.db, options)  # a new knowledge base's stories carry this code's versions
        assign_stories(writer, stored, options)
        progress.on_item(len(pending))
        pending.clear()

    with Extractor(options) as extractor:
        for item in documents:
            if isinstance(item, IngestFailure):
                fail(item)
                continue
            try:
                prepared = prepare(item)
            except InputError as err:
                fail(IngestFailure(item.origin, err.reason))
                continue
            if prepared.content_hash in seen_hashes or writer.has_hash(prepared.content_hash):
                report.duplicates += 1
                progress.on_item(1)
                continue
            seen_hashes.add(prepared.content_hash)
            pending.append(prepared)
            if len(pending) >= extractor.chunk_size:
                flush()
        flush()
    return report
