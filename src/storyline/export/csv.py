"""``--format csv``: one CSV file per table (columns in ``tables.TABLES``, docs/exports.md)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..store import Database
from .tables import TABLES, all_rows


def write_csv(db: Database, out_dir: str | Path, **filters: Any) -> dict[str, int]:
    """Write <table>.csv files (UTF-8, header row, empty = null) into ``out_dir``; returns rows per table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {name: open(out / f"{name}.csv", "w", encoding="utf-8", newline="") for name in TABLES}
    try:
        writers = {name: csv.DictWriter(fh, fieldnames=[c.name for c in TABLES[name]]) for name, fh in files.items()}
        for w in writers.values():
            w.writeheader()
        counts = dict.fromkeys(TABLES, 0)
        for table, row in all_rows(db, **filters):
            writers[table].writerow(row)
            counts[table] += 1
    finally:
        for fh in files.values():
            fh.close()
    return counts
