"""Storyline: a source-attributed record of a developing news story.

    >>> import storyline
    >>> kb = storyline.open("storyline.db")
    >>> report = kb.ingest(["articles/"])
    >>> for article in kb.articles():
    ...     print(article.title)
"""

from __future__ import annotations

import logging

from .errors import StorylineError
from .models import Article, Claim, Entity, Event, IngestReport, Quote, RawDocument

__version__ = "0.1.0"

__all__ = [
    "open",
    "KnowledgeBase",
    "Article",
    "Entity",
    "Quote",
    "Claim",
    "Event",
    "RawDocument",
    "IngestReport",
    "StorylineError",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def open(db: str | None = None, **settings):  # noqa: A001 - mirrors sqlite3.connect / builtins.open
    """Open (creating if needed) a knowledge base: a SQLite path or a postgresql:// URL."""
    from .kb import KnowledgeBase

    return KnowledgeBase(db, **settings)


def __getattr__(name: str):
    if name == "KnowledgeBase":
        from .kb import KnowledgeBase

        return KnowledgeBase
    raise AttributeError(name)
