"""``--format parquet``: one Parquet file per table, typed by ``tables.TABLES``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..store import Database
from .tables import TABLES, all_rows

BATCH = 5000


def _arrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("--format parquet needs pyarrow", hint="pip install pyarrow") from None
    return pa, pq


def schema(table: str):
    """The Arrow schema of a table."""
    pa, _ = _arrow()
    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([pa.field(c.name, types[c.type], metadata={"help": c.help}) for c in TABLES[table]])


def write_parquet(db: Database, out_dir: str | Path, **filters: Any) -> dict[str, int]:
    """Write <table>.parquet files into ``out_dir`` in row groups of BATCH rows; returns rows per table."""
    pa, pq = _arrow()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    schemas = {name: schema(name) for name in TABLES}
    writers = {name: pq.ParquetWriter(out / f"{name}.parquet", schemas[name]) for name in TABLES}
    pending: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    counts = dict.fromkeys(TABLES, 0)

    def flush(name: str) -> None:
        if pending[name]:
            writers[name].write_table(pa.Table.from_pylist(pending[name], schema=schemas[name]))
            pending[name].clear()

    try:
        for table, row in all_rows(db, **filters):
            pending[table].append(row)
            counts[table] += 1
            if len(pending[table]) >= BATCH:
                flush(table)
        for name in TABLES:
            flush(name)
    finally:
        for w in writers.values():
            w.close()
    return counts
