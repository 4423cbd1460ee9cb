"""Readers: user inputs (files, folders, globs, URLs) -> RawDocuments.

Readers only read and decode; clean/ extracts text from HTML and fixes
dates. Nothing here raises for bad input: each problem becomes an
``IngestFailure`` naming the file or record, and the batch goes on.

Progress per source, e.g. with tqdm::

    sources = discover(paths)
    for source in tqdm(sources, unit="file"):
        for item in read_source(source, options, mapping):
            ...
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..errors import InputError, UnsupportedInput
from ..models import IngestFailure, RawDocument
from ..settings import Options
from .feeds import parse_feed
from .fetch import Fetched, fetch
from .files import decode, max_bytes_for, read_bytes
from .html import parse_html
from .sources import Source, discover, is_url, kind_for_path
from .tabular import FieldMap, parse_csv, parse_json, parse_jsonl
from .text import parse_text
from .warc import read_warc

__all__ = [
    "Source",
    "FieldMap",
    "Fetched",
    "discover",
    "read_source",
    "iter_documents",
    "fetch",
    "decode",
    "is_url",
]

log = logging.getLogger(__name__)

Item = RawDocument | IngestFailure

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/xml", "text/xml")
_SNIFFED_TYPES = ("", "text/plain", "application/octet-stream", "binary/octet-stream")


def iter_documents(inputs: Iterable[str], options: Options, mapping: FieldMap | None = None) -> Iterator[Item]:
    """RawDocuments and IngestFailures for every source in ``inputs``, in order."""
    for source in discover(inputs):
        yield from read_source(source, options, mapping)


def read_source(source: Source, options: Options, mapping: FieldMap | None = None) -> Iterator[Item]:
    """The RawDocuments of one source, with an IngestFailure for each problem; never raises for bad input."""
    if source.kind == "error":
        yield IngestFailure(source.origin, source.error or "cannot be read")
        return
    try:
        yield from _read(source, options, mapping)
    except InputError as err:
        yield _failure(err)
    except Exception as err:  # noqa: BLE001 - one broken file must not end a batch of thousands
        log.exception("unexpected error reading %s", source.origin)
        yield IngestFailure(source.origin, f"unexpected error while reading: {type(err).__name__}: {err}")


def _failure(err: InputError) -> IngestFailure:
    reason = err.reason + (f" (hint: {err.hint})" if err.hint else "")
    return IngestFailure(err.origin, reason)


def _read(source: Source, options: Options, mapping: FieldMap | None) -> Iterator[Item]:
    max_bytes = max_bytes_for(options.max_file_mb)
    origin = source.origin
    if source.kind == "url":
        yield from _read_url(origin, options, mapping)
        return
    assert source.path is not None
    if source.kind == "warc":
        yield from read_warc(source.path, origin, max_bytes)
        return
    data = read_bytes(source.path, max_bytes, origin)
    yield from _parse(source.kind, data, origin, mapping)


def _parse(kind: str, data: bytes, origin: str, mapping: FieldMap | None,
           url: str | None = None, charset: str | None = None) -> Iterator[Item]:
    if kind == "text":
        yield parse_text(data, origin, url=url, declared=charset)
    elif kind == "html":
        yield parse_html(data, origin, url=url, transport_charset=charset)
    elif kind == "jsonl":
        yield from parse_jsonl(data, origin, mapping)
    elif kind == "json":
        yield from parse_json(data, origin, mapping)
    elif kind == "csv":
        yield from parse_csv(data, origin, mapping)
    elif kind == "feed":
        if sniff_markup(data) == "html":  # an XHTML page saved as .xml
            yield parse_html(data, origin, url=url, transport_charset=charset)
        else:
            yield from parse_feed(data, origin)
    else:
        raise UnsupportedInput(origin, f"no reader for {kind!r}")


def _read_url(url: str, options: Options, mapping: FieldMap | None) -> Iterator[Item]:
    fetched = fetch(url, options.fetch_timeout, max_bytes_for(options.max_file_mb))
    kind = kind_for_fetched(fetched)
    if kind is None:
        raise UnsupportedInput(url, f"content type '{fetched.content_type}' is not supported",
                               hint="Storyline reads HTML pages, RSS/Atom feeds, text, JSON and CSV")
    yield from _parse(kind, fetched.body, url, mapping, url=fetched.final_url, charset=fetched.charset)


def kind_for_fetched(fetched: Fetched) -> str | None:
    """The reader kind for a fetched body: by content type, else by sniffing and the URL's extension."""
    media = fetched.content_type
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media in _FEED_TYPES or media.endswith("+xml"):
        return "feed"
    if media in ("application/json",):
        return "json"
    if media in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return "jsonl"
    if media in ("text/csv", "text/tab-separated-values"):
        return "csv"
    if media not in _SNIFFED_TYPES:
        return None
    sniffed = sniff_markup(fetched.body)
    if sniffed:
        return sniffed
    by_extension = kind_for_path(PurePosixPath(urlsplit(fetched.final_url).path).name)
    if by_extension not in (None, "warc"):
        return by_extension
    return "text"


def sniff_markup(data: bytes) -> str | None:
    """"feed" or "html" when the first bytes show an RSS/Atom or HTML document, else None."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<!doctype html" in head or b"<html" in head:
        return "html"
    if head.startswith(b"<?xml"):
        return "feed"
    return None
