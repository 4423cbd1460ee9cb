"""WARC / ARC web archives (warcio): HTML and text responses become RawDocuments.

Archives are streamed, never loaded whole: ``max_bytes`` limits each record's
payload, not the archive (crawls are gigabytes by nature).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import EmptyInput, InputError, UnsupportedInput
from ..models import IngestFailure, RawDocument
from .files import MIB, split_content_type
from .html import parse_html
from .text import parse_text

log = logging.getLogger(__name__)

Item = RawDocument | IngestFailure

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str | Path, origin: str, max_bytes: int) -> Iterator[Item]:
    """Items of the archive at ``path`` (see ``parse_warc_stream``)."""
    try:
        fh = open(path, "rb")
    except OSError as err:
        raise InputError(origin, f"cannot read file: {err.strerror or err}") from None
    with fh:
        head = fh.peek(16)[:16]
        if not head:
            raise EmptyInput(origin, "file is empty")
        # Why check first: warcio reads any line of text as a (broken) ARC header.
        if not head.lstrip(b"\r\n").startswith((b"\x1f\x8b", b"WARC/", b"filedesc://")):
            raise UnsupportedInput(origin, f"not a WARC/ARC archive (starts with {head[:12]!r})")
        yield from parse_warc_stream(fh, origin, max_bytes)


def parse_warc_stream(stream: IO[bytes], origin: str, max_bytes: int) -> Iterator[Item]:
    """One item per 2xx ``response`` (or ``resource``) record with an HTML or text payload.

    Items are named ``origin#record-N`` (N counts every record from 1). Other
    records are skipped and counted in a debug log. A damaged record (e.g. a
    truncated gzip member) yields one failure and ends the archive; the
    records before it are kept.
    """
    skipped: Counter[str] = Counter()
    records = ArchiveIterator(stream, arc2warc=True)
    n, kept, end = 0, 0, 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except ArchiveLoadFailed as err:
            if n == 0:
                raise UnsupportedInput(origin, f"not a WARC/ARC archive: {_short(err)}") from None
            yield _damaged(origin, n + 1, err)
            return
        except Exception as err:  # noqa: BLE001 - zlib/EOF errors of a damaged member
            yield _damaged(origin, n + 1, err)
            return
        n += 1
        where = f"{origin}#record-{n}"
        try:
            item = _record_to_item(record, where, max_bytes, skipped)
            # Reads the rest of the record and measures it (warcio's own bookkeeping).
            end = records.get_record_offset() + records.get_record_length()
        except InputError as err:
            item = IngestFailure(where, err.reason)
        except Exception as err:  # noqa: BLE001 - the payload read hit the damage
            yield _damaged(origin, n, err)
            return
        declared = (record.rec_headers.get_header("Content-Length") or "").strip()
        if record.format == "warc" and not declared.isdigit():
            yield IngestFailure(where, "record header is incomplete (no Content-Length); "
                                       "rest of the archive skipped")
            return
        if record.raw_stream.limit > 0:
            # Why: warcio ends quietly when a record stops short of its Content-Length.
            yield IngestFailure(where, f"truncated record: {record.raw_stream.limit} of {record.length} "
                                       "bytes missing; rest of the archive skipped")
            return
        if item is not None:
            kept += 1
            yield item
    log.debug("%s: %d records, %d kept, skipped: %s", origin, n, kept, dict(skipped) or "none")
    if n == 0:
        raise EmptyInput(origin, "the archive holds no records")
    if _has_unread_data(stream, end):
        yield IngestFailure(f"{origin}#record-{n + 1}",
                            f"damaged or truncated data after record {n} (a cut gzip member?); not read")


def _damaged(origin: str, number: int, err: BaseException) -> IngestFailure:
    return IngestFailure(f"{origin}#record-{number}",
                         f"damaged record ({type(err).__name__}: {_short(err)}); rest of the archive skipped")


def _has_unread_data(stream: IO[bytes], end: int) -> bool:
    """True when bytes other than blank lines follow the last record warcio read.

    Why: warcio drops a truncated final gzip member without an error.
    """
    try:
        if not stream.seekable():
            return False
        stream.seek(end)
        rest = stream.read(64 * 1024)
    except (OSError, ValueError):
        return False
    return bool(rest.strip())


def _record_to_item(record, where: str, max_bytes: int, skipped: Counter[str]) -> Item | None:
    if record.rec_type not in ("response", "resource"):
        skipped[record.rec_type] += 1
        return None
    headers = record.http_headers
    if record.rec_type == "response":
        if headers is None:
            skipped["response without HTTP headers"] += 1
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            skipped[f"HTTP {status}"] += 1
            return None
        ctype = headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    media, charset = split_content_type(ctype)
    if media not in _HTML_TYPES and media != "text/plain":
        skipped[media or "no content type"] += 1
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return IngestFailure(where, f"record payload is over the {max_bytes / MIB:g} MiB limit")
    url = record.rec_headers.get_header("WARC-Target-URI")
    if media == "text/plain":
        doc = parse_text(payload, where, url=url, declared=charset)
    else:
        doc = parse_html(payload, where, url=url, transport_charset=charset)
    date = record.rec_headers.get_header("WARC-Date")
    if date:
        # The crawl time: an upper bound on publication; clean/ prefers a date found in the page.
        doc.published = date
        doc.extra["date_basis"] = "WARC-Date (crawl time)"
    return doc


def _short(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    return text if len(text) <= 200 else text[:200] + "..."
