"""Exports: one module per format (jsonl, csv, parquet, acled, gkg) and the brief."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .. import query
from ..errors import ConfigError
from ..store import Database

TABLE_FORMATS = ("csv", "parquet")
FILE_FORMATS = ("acled", "gkg")


def write_format(db: Database, fmt: str, output: str, **filters: Any) -> str:
    """Export ``db`` as ``fmt`` to ``output`` (a folder for csv/parquet, a file or '-' otherwise); says what was written."""
    if fmt in TABLE_FORMATS:
        if output == "-":
            raise ConfigError(f"--format {fmt} writes one file per table", hint="pass --output FOLDER")
        if Path(output).exists() and not Path(output).is_dir():
            raise ConfigError(f"--output {output} is a file", hint=f"--format {fmt} needs a folder")
        if fmt == "csv":
            from .csv import write_csv as write
        else:
            from .parquet import write_parquet as write
        counts = write(db, output, **filters)
        return ", ".join(f"{n} {table}" for table, n in counts.items()) + f" to {output}/*.{fmt}"
    if fmt in FILE_FORMATS:
        if fmt == "acled":
            from .acled import write_acled as write_rows
        else:
            from .gkg import write_gkg as write_rows
        what = "event row(s)" if fmt == "acled" else "article row(s)"
        if output == "-":
            return f"{write_rows(query.articles(db, **filters), sys.stdout)} {what}"
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = write_rows(query.articles(db, **filters), fh)
        return f"{n} {what} to {output}"
    raise ConfigError(f"unknown export format {fmt!r}", hint="jsonl, csv, parquet, acled or gkg")


__all__ = ["write_format", "TABLE_FORMATS", "FILE_FORMATS"]
