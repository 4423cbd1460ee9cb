"""``KnowledgeBase``: the Python API over the store, the runners and the read path."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from . import query
from .batch.local import Progress, run_ingest
from .batch.reprocess import ReprocessProgress, run_reprocess
from .export.jsonl import write_jsonl
from .models import Article, IngestFailure, IngestReport, RawDocument
from .settings import Options, resolve
from .store import Writer, connect


class KnowledgeBase:
    """A Storyline knowledge base (SQLite file or PostgreSQL database).

    >>> kb = KnowledgeBase("demo.db")
    >>> kb.ingest(["reports/"]).added
    """

    def __init__(self, db: str | None = None, **settings: Any):
        self.options: Options = resolve(db=db, **settings)
        self.db = connect(self.options.db)
        self.writer = Writer(self.db)

    # -- writing ----------------------------------------------------------
    def ingest(self, inputs: Iterable[str | Path], mapping: Any = None, progress: Progress | None = None,
               strict: bool = False) -> IngestReport:
        """Ingest files, folders, globs or URLs; returns counts of added, duplicate and failed inputs."""
        from .ingest import discover, read_source

        progress = progress or Progress()
        not_articles: list[tuple[str, str]] = []
        sources = discover([str(p) for p in inputs], not_articles)
        progress.on_start(len(sources))

        def documents() -> Iterator[RawDocument | IngestFailure]:
            for source in sources:
                yield from read_source(source, self.options, mapping)
                progress.on_source(source.origin)

        report = run_ingest(self.writer, documents(), self.options, progress, strict)
        report.not_articles = not_articles
        return report

    def ingest_documents(self, documents: Iterable[RawDocument | IngestFailure],
                         progress: Progress | None = None, strict: bool = False) -> IngestReport:
        """Ingest documents already in memory (e.g. from your own scraper)."""
        return run_ingest(self.writer, documents, self.options, progress, strict)

    def reprocess(self, force: bool = False, progress: ReprocessProgress | None = None) -> tuple[int, list[IngestFailure]]:
        """Re-extract articles stored by an older pipeline version (all with ``force``); then
        re-cluster the stories when they were built by other story rules or settings, or else
        rebuild the claim ledgers when they were built by older ledger rules (``progress``
        tells each step)."""
        return run_reprocess(self.writer, self.options, force, progress)

    # -- reading ----------------------------------------------------------
    def articles(self, **filters: Any) -> Iterator[Article]:
        return query.articles(self.db, **filters)

    def article(self, article_id: str) -> Article:
        return query.article(self.db, article_id)

    def stats(self) -> dict[str, Any]:
        return query.stats(self.db)

    def failures(self) -> list[dict[str, Any]]:
        return query.failures(self.db)

    # -- stories ----------------------------------------------------------
    def stories(self, **filters: Any) -> list[dict[str, Any]]:
        """Stories, most recent first (id, title, dates, articles, independent origins, disputes)."""
        return query.stories(self.db, **filters)

    def story(self, story_id: str) -> dict[str, Any]:
        """One story with its articles, timeline and claim ledger."""
        return query.story(self.db, story_id)

    def disputes(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Claim groups where sources diverge or contradict (one story or all)."""
        return query.disputes(self.db, story_id)

    def merge_stories(self, target: str, other: str) -> str:
        """Merge ``other`` into ``target`` for good; returns the surviving story id."""
        from .stories import merge_stories

        return merge_stories(self.db, target, other, options=self.options)

    def split_story(self, story_id: str, article_ids: list[str]) -> str:
        """Move these articles of a story into a new story for good; returns its id."""
        from .stories import split_story

        return split_story(self.db, story_id, article_ids, options=self.options)

    def rebuild_stories(self, progress: ReprocessProgress | None = None) -> int:
        """Re-cluster all stored articles in ingest order (embeddings reused from the same model),
        replaying merges and splits; returns the number of stories (``progress`` tells the
        "stories" step)."""
        from .stories import rebuild_stories

        progress = progress or ReprocessProgress()
        return rebuild_stories(self.writer, self.options, on_start=lambda n: progress.on_start("stories", n),
                               on_item=lambda n: progress.on_item("stories", n))

    def export_jsonl(self, out: str | Path | IO[str], **filters: Any) -> int:
        """Write the JSONL contract to a path, '-' (stdout) or an open file; returns the article count."""
        if hasattr(out, "write"):
            return write_jsonl(self.articles(**filters), out)  # type: ignore[arg-type]
        if str(out) == "-":
            return write_jsonl(self.articles(**filters), sys.stdout)
        with open(out, "w", encoding="utf-8") as fh:
            return write_jsonl(self.articles(**filters), fh)

    # -- lifecycle --------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
