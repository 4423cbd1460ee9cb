"""HTML pages: decoded and passed on whole; clean/ extracts the article."""

from __future__ import annotations

from ..models import RawDocument
from .files import declared_charset, decode, normalise_charset


def parse_html(data: bytes, origin: str, url: str | None = None, transport_charset: str | None = None) -> RawDocument:
    """An html RawDocument of ``data``; raises ``InputError`` when it is not text.

    Bytes that are valid UTF-8 are read as UTF-8; otherwise the HTTP header's
    charset, then the page's ``<meta charset>`` / XML declaration is used.
    Malformed markup is passed on as is.
    """
    declared = transport_charset
    # Why: servers default to "charset=utf-8" for pages that are not; the page knows better.
    if normalise_charset(declared) in (None, "utf-8"):
        declared = declared_charset(data)
    return RawDocument(origin=origin, content=decode(data, origin, declared), format="html", url=url)
