"""One connection type over SQLite and PostgreSQL.

SQL in ``store/`` is written once with ``?`` placeholders; for PostgreSQL they
become ``%s``. Rows come back as dicts on both.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import ConfigError, StoreError

_PLACEHOLDER = re.compile(r"\?")


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class Database:
    """A connection to the knowledge base; ``dialect`` is "sqlite" or "postgresql"."""

    def __init__(self, url: str):
        self.url = url
        self._lock = threading.RLock()
        self._depth = 0
        if is_postgres_url(url):
            self.dialect = "postgresql"
            try:
                import psycopg
                from psycopg.rows import dict_row
            except ImportError:
                raise ConfigError(
                    "a postgresql:// knowledge base needs psycopg",
                    hint="pip install 'storyline[postgres]'",
                ) from None
            try:
                self._conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
            except psycopg.Error as err:
                raise StoreError(f"cannot connect to PostgreSQL: {str(err).strip()}",
                                 hint="check the URL, that the server runs and accepts you") from None
        else:
            self.dialect = "sqlite"
            path = url.removeprefix("sqlite:///")
            if path != ":memory:":
                parent = Path(path).expanduser().resolve().parent
                if not parent.is_dir():
                    raise ConfigError(f"folder for the knowledge base does not exist: {parent}",
                                      hint="create it, or pass another --db path")
            try:
                self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            except sqlite3.Error as err:
                raise StoreError(f"cannot open SQLite file {path}: {err}") from None
            self._conn.row_factory = sqlite3.Row
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA busy_timeout=10000")

    # -- statements -------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return _PLACEHOLDER.sub("%s", sql) if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            try:
                return self._conn.execute(self._sql(sql), tuple(params))
            except Exception as err:  # driver errors carry the SQL context we need
                raise self._wrap(err, sql) from err

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        with self._lock:
            try:
                if self.dialect == "postgresql":
                    with self._conn.cursor() as cur:
                        cur.executemany(self._sql(sql), rows)
                else:
                    self._conn.executemany(sql, rows)
            except Exception as err:
                raise self._wrap(err, sql) from err

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cur = self.execute(sql, params)
            return [dict(row) for row in cur.fetchall()]

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return next(iter(row.values())) if row else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nested calls join the outer transaction."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            try:
                if self.dialect == "postgresql":
                    with self._conn.transaction():
                        yield
                else:
                    self._conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield
                    except BaseException:
                        self._conn.execute("ROLLBACK")
                        raise
                    self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _wrap(self, err: Exception, sql: str) -> StoreError:
        first = " ".join(sql.split())[:80]
        return StoreError(f"{self.dialect} error: {str(err).strip()} (in: {first})")
