"""Records from JSONL, JSON and CSV/TSV exports, mapped to RawDocuments by field names."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from ..errors import ConfigError, EmptyInput, InputError
from ..models import IngestFailure, RawDocument
from .files import decode

Item = RawDocument | IngestFailure

_DEFAULTS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "full_text", "maintext", "article_text",
             "content_html", "content_text"),
    "date": ("date", "published", "pubdate", "published_at", "datetime", "date_publish",
             "publish_date", "pub_date", "published_date", "publishedAt", "date_published"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site", "publisher", "source_name"),
    "author": ("author", "authors", "byline"),
}

# Keys under which JSON exports (NewsAPI, scrapers) keep their list of articles.
_LIST_KEYS = ("articles", "items", "data", "results", "entries", "records", "documents", "docs",
              "posts", "stories")

_HTML_TAG = re.compile(
    r"</?(?:!doctype|html|head|body|p|div|span|br|a|h[1-6]|article|section|main|header|footer|"
    r"ul|ol|li|table|tr|td|img|figure|strong|em|b|i|blockquote|script|style|meta|title)\b[^>]*>",
    re.I,
)


def _candidates(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split("|")
    return tuple(v.strip() for v in value if v and v.strip())


@dataclass(frozen=True)
class FieldMap:
    """Which record field holds each article attribute.

    Each attribute names one field or a list of candidates, tried in order and
    matched case-insensitively; a dotted name (``source.name``) reaches into a
    nested JSON object. An empty list turns an attribute off.
    """

    title: str | Sequence[str] = _DEFAULTS["title"]
    text: str | Sequence[str] = _DEFAULTS["text"]
    date: str | Sequence[str] = _DEFAULTS["date"]
    url: str | Sequence[str] = _DEFAULTS["url"]
    source: str | Sequence[str] = _DEFAULTS["source"]
    author: str | Sequence[str] = _DEFAULTS["author"]

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, _candidates(getattr(self, f.name)))

    @classmethod
    def parse(cls, spec: str) -> FieldMap:
        """A FieldMap from ``"text=body,title=headline|name"``; unnamed attributes keep their defaults.

        Raises ``ConfigError`` for an unknown attribute or a part without ``=``.
        """
        known = [f.name for f in fields(cls)]
        given: dict[str, tuple[str, ...]] = {}
        for part in (spec or "").split(","):
            if not part.strip():
                continue
            name, sep, value = part.partition("=")
            name = name.strip().lower()
            if not sep:
                raise ConfigError(f"field map part {part.strip()!r} has no '='",
                                  hint="write attribute=field, e.g. text=body,title=headline")
            if name not in known:
                raise ConfigError(f"unknown field map attribute {name!r}", hint="known: " + ", ".join(known))
            given[name] = _candidates(value)
        return cls(**given)

    def resolve(self, keys: Iterable[str]) -> dict[str, str | None]:
        """attribute -> the first matching key among ``keys`` (or a dotted path), or None."""
        by_lower: dict[str, str] = {}
        for key in keys:
            by_lower.setdefault(str(key).lower(), key)
        found: dict[str, str | None] = {}
        for f in fields(self):
            found[f.name] = None
            for cand in getattr(self, f.name):
                if cand.lower() in by_lower:
                    found[f.name] = by_lower[cand.lower()]
                    break
                head = cand.split(".", 1)[0].lower()
                if "." in cand and head in by_lower:
                    found[f.name] = by_lower[head] + cand[len(head):]
                    break
        return found


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup rather than prose: starts with ``<`` and holds HTML tags."""
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return _HTML_TAG.search(stripped[:2000]) is not None
    # Why: some exports keep paragraphs as <p>...</p> after a plain first line.
    return len(_HTML_TAG.findall(stripped[:5000])) >= 3


def _get(record: Mapping[str, Any], key: str) -> Any:
    if key in record:
        return record[key]
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping):
            return None
        match = next((k for k in value if str(k).lower() == part.lower()), None)
        if match is None:
            return None
        value = value[match]
    return value


def _as_text(value: Any, joiner: str = ", ") -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, Mapping):
        # e.g. NewsAPI's "source": {"id": ..., "name": ...}
        for key in ("name", "title", "value", "text"):
            if key in value:
                return _as_text(value[key], joiner)
        return None
    if isinstance(value, (list, tuple)):
        parts = [t for t in (_as_text(v, joiner) for v in value) if t]
        return joiner.join(parts) or None
    return str(value)


def record_to_document(record: Mapping[str, Any], origin: str, mapping: FieldMap | None = None) -> Item:
    """A RawDocument for one record, or an IngestFailure when it holds no text.

    Fields not mapped to an attribute are kept in ``extra``.
    """
    mapping = mapping or FieldMap()
    keys = mapping.resolve(record.keys())
    values = {name: (_get(record, key) if key else None) for name, key in keys.items()}
    text = _as_text(values["text"], "\n\n")
    if not text:
        tried = "|".join(mapping.text) or "(none)"  # type: ignore[arg-type]
        present = ", ".join(str(k) for k in list(record)[:12]) or "(none)"
        why = "empty text" if keys["text"] else f"no text field ({tried})"
        return IngestFailure(origin, f"{why}; fields present: {present} "
                                     "(hint: map the text field, e.g. text=NAME)")
    used = {key.split(".", 1)[0] for key in keys.values() if key}
    extra = {str(k): v for k, v in record.items() if k not in used and v not in (None, "", [], {})}
    return RawDocument(
        origin=origin,
        content=text,
        format="html" if looks_like_html(text) else "text",
        url=_as_text(values["url"]),
        title=_as_text(values["title"]),
        source=_as_text(values["source"]),
        published=_as_text(values["date"]),
        author=_as_text(values["author"]),
        extra=extra,
    )


def parse_jsonl(data: bytes, origin: str, mapping: FieldMap | None = None) -> Iterator[Item]:
    """One item per non-blank line, each named ``origin:LINE``; a bad line fails alone."""
    text = decode(data, origin)
    # Why split on "\n" only: JSON strings may hold a raw U+2028, which splitlines() breaks on.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield IngestFailure(where, f"invalid JSON: {err.msg} (column {err.colno})")
            continue
        if not isinstance(obj, dict):
            yield IngestFailure(where, f"expected a JSON object, got {_json_type(obj)}")
            continue
        yield record_to_document(obj, where, mapping)


def parse_json(data: bytes, origin: str, mapping: FieldMap | None = None) -> Iterator[Item]:
    """Items of a JSON file holding one object or a list of objects (``origin#item-N``)."""
    text = decode(data, origin)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # several objects, one per line: JSONL named .json
            yield from parse_jsonl(data, origin, mapping)
            return
        raise InputError(origin, f"invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})") from None
    if isinstance(obj, dict):
        keys = (mapping or FieldMap()).resolve(obj.keys())
        nested = next((obj[k] for k in obj if str(k).lower() in _LIST_KEYS and _is_records(obj[k])), None)
        if keys["text"] is None and nested is not None:
            obj = nested
        else:
            yield record_to_document(obj, origin, mapping)
            return
    if not isinstance(obj, list):
        raise InputError(origin, f"expected a JSON object or a list of objects, got {_json_type(obj)}")
    if not obj:
        raise EmptyInput(origin, "the JSON list is empty")
    for n, item in enumerate(obj, start=1):
        where = f"{origin}#item-{n}"
        if isinstance(item, dict):
            yield record_to_document(item, where, mapping)
        else:
            yield IngestFailure(where, f"expected a JSON object, got {_json_type(item)}")


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def sniff_delimiter(text: str, default: str) -> str:
    """The delimiter the header line uses most among , TAB ; | (``default`` on a tie)."""
    header = text.split("\n", 1)[0]
    # Why not csv.Sniffer: on prose-heavy rows it picks spaces or quotes.
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {d: outside.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts.values())
    if best == 0 or counts[default] == best:
        return default
    return max(counts, key=lambda d: counts[d])


def parse_csv(data: bytes, origin: str, mapping: FieldMap | None = None, delimiter: str | None = None) -> Iterator[Item]:
    """One item per data row, named ``origin:ROW`` (the header is row 1, as in a spreadsheet).

    The first row is the header. A row without text fails alone; a file with
    no text column fails once.
    """
    # Why: article bodies exceed csv's default 128 KiB field limit.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    text = decode(data, origin)
    default = "\t" if origin.lower().endswith(".tsv") else ","
    delim = delimiter or sniff_delimiter(text, default)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as err:
        raise InputError(origin, f"cannot read the CSV header: {err or 'no rows'}") from None
    columns = _header_names(header)
    mapping = mapping or FieldMap()
    if mapping.resolve(columns)["text"] is None:
        raise InputError(origin, f"no text column ({'|'.join(mapping.text) or 'none'}) in header: "  # type: ignore[arg-type]
                                 f"{', '.join(columns[:12])}",
                         hint="name the text column with a field map, e.g. text=NAME")
    row_no, rows = 1, 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            # Why stop: after a quoting error the reader cannot find the next row reliably.
            yield IngestFailure(f"{origin}:{row_no + 1}", f"CSV error: {err}; rest of the file skipped")
            return
        row_no += 1
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        where = f"{origin}:{row_no}"
        if len(row) > len(columns):
            yield IngestFailure(where, f"row has {len(row)} fields but the header has {len(columns)}")
            continue
        yield record_to_document(dict(zip(columns, row)), where, mapping)
    if rows == 0:
        raise EmptyInput(origin, "the CSV has a header but no rows")


def _header_names(header: list[str]) -> list[str]:
    names: list[str] = []
    for i, cell in enumerate(header, start=1):
        name = cell.strip() or f"column_{i}"
        base, n = name, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.append(name)
    return names
