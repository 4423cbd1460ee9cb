"""Plain-text files (.txt, .md): one file, one article."""

from __future__ import annotations

from ..models import RawDocument
from .files import decode


def parse_text(data: bytes, origin: str, url: str | None = None, declared: str | None = None) -> RawDocument:
    """A text RawDocument of ``data``; raises ``InputError`` when it is not text."""
    return RawDocument(origin=origin, content=decode(data, origin, declared), format="text", url=url)
