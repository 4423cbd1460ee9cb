"""RSS and Atom feeds (feedparser): one RawDocument per entry."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from ..errors import EmptyInput, UnsupportedInput
from ..models import IngestFailure, RawDocument
from .files import check_text_bytes
from .tabular import looks_like_html

log = logging.getLogger(__name__)

Item = RawDocument | IngestFailure

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_ANY_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\b[^>]*|/[a-zA-Z][a-zA-Z0-9]*\s*)>")


def parse_feed(data: bytes, origin: str) -> Iterator[Item]:
    """One item per feed entry, each named ``origin#item-N`` (N from 1).

    A feed with XML errors still yields the entries feedparser recovered;
    ``InputError`` is raised only when there is no feed or no entry at all.
    """
    check_text_bytes(data, origin)
    # Why a stream: feedparser treats a str argument as a URL or file name and would open it.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.entries
    if not parsed.version and not entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if parsed.bozo and problem else ""
        raise UnsupportedInput(origin, f"not an RSS or Atom feed{detail}",
                               hint="only RSS/Atom XML is read; save pages as .html")
    if not entries:
        raise EmptyInput(origin, "the feed has no entries")
    if parsed.bozo:
        log.debug("%s: feed has XML errors (%s); %d entries recovered",
                  origin, parsed.get("bozo_exception"), len(entries))
    feed = parsed.feed
    source = (feed.get("title") or "").strip() or None
    for n, entry in enumerate(entries, start=1):
        yield entry_to_document(entry, f"{origin}#item-{n}", source, feed.get("link"))


def entry_to_document(entry: Any, origin: str, source: str | None, feed_link: str | None = None) -> Item:
    """A RawDocument for one feedparser entry, or a failure when it carries no text."""
    content, ctype = _best_content(entry)
    if not content:
        return IngestFailure(origin, "entry has no content or summary"
                                     + (f" (only a link: {entry.get('link')})" if entry.get("link") else ""))
    # Why not trust the type alone: feedparser labels every RSS description text/html.
    is_html = looks_like_html(content) or (ctype in _HTML_TYPES and _ANY_TAG.search(content) is not None)
    extra: dict[str, Any] = {}
    if entry.get("id"):
        extra["guid"] = entry["id"]
    tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if tags:
        extra["tags"] = tags
    if feed_link:
        extra["feed_link"] = feed_link
    # dict.get: feedparser's own get() maps "updated" to "published" with a DeprecationWarning.
    published, updated = dict.get(entry, "published"), dict.get(entry, "updated")
    if published and updated and updated != published:
        extra["updated"] = updated
    return RawDocument(
        origin=origin,
        content=content,
        format="html" if is_html else "text",
        url=entry.get("link") or None,
        title=(entry.get("title") or "").strip() or None,
        source=source,
        published=published or updated or None,
        author=entry.get("author") or None,
        extra=extra,
    )


def _best_content(entry: Any) -> tuple[str, str]:
    """(text, content type) of the entry's fullest body: content:encoded / content over summary."""
    best, best_type = "", ""
    for part in entry.get("content", []) or []:
        value = (part.get("value") or "").strip()
        if len(value) > len(best):
            best, best_type = value, (part.get("type") or "").lower()
    if best:
        return best, best_type
    summary = (entry.get("summary") or "").strip()
    detail = entry.get("summary_detail") or {}
    return summary, (detail.get("type") or "").lower()
