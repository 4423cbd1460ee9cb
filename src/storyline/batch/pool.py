"""Run the pure per-article extraction in-process or in a pool of worker
processes. Each worker builds its own pipeline from the Options it is handed
(no globals set by the parent), and sends back plain ``Article`` records."""

from __future__ import annotations

import multiprocessing
from typing import Any

from ..models import Article
from ..nlp.pipeline import pipeline_for, pipeline_version
from ..nlp.to_records import Prepared, extract
from ..settings import Options

_worker: dict[str, Any] = {}  # this worker process's pipeline, set by _start_worker


def _start_worker(options: Options) -> None:
    _worker["nlp"] = pipeline_for(options)
    _worker["batch_size"] = options.batch_size
    _worker["version"] = pipeline_version(options)


def _extract_in_worker(items: list[Prepared]) -> list[Article]:
    return extract(_worker["nlp"], items, _worker["version"], batch_size=_worker["batch_size"])


class Extractor:
    """``extractor(items) -> list[Article]`` in input order; a pool when ``options.workers > 1``."""

    def __init__(self, options: Options):
        self.options = options
        self.workers = options.workers
        self._pool = None
        if self.workers > 1:
            # spawn, not fork: the parent may hold torch and database handles
            self._pool = multiprocessing.get_context("spawn").Pool(
                self.workers, initializer=_start_worker, initargs=(options,))
        else:
            self._nlp = pipeline_for(options)

    @property
    def chunk_size(self) -> int:
        """How many articles to hand over per call: several batches per worker in a pool."""
        return self.options.batch_size * (4 * self.workers if self._pool else 1)

    def __call__(self, items: list[Prepared]) -> list[Article]:
        if self._pool is None:
            return extract(self._nlp, items, pipeline_version(self.options), batch_size=self.options.batch_size)
        size = max(1, -(-len(items) // self.workers))
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        return [article for part in self._pool.map(_extract_in_worker, chunks) for article in part]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._pool is not None and exc[0] is not None:
            self._pool.terminate()
        self.close()
