"""The knowledge base: schema and migrations, and the one module that writes SQL."""

from .db import Database, is_postgres_url
from .schema import SCHEMA_VERSION, migrate
from .writer import Writer, parse_signature


def connect(url: str) -> Database:
    """Open the knowledge base at ``url`` and bring its schema up to date."""
    db = Database(url)
    migrate(db)
    return db


__all__ = ["Database", "Writer", "connect", "migrate", "SCHEMA_VERSION", "is_postgres_url", "parse_signature"]
