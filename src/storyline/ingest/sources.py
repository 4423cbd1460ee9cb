"""Turning what the user typed (paths, folders, globs, URLs) into a list of sources."""

from __future__ import annotations

import csv
import glob
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# Extension (lower case, longest first where they overlap) -> reader kind.
EXTENSIONS: dict[str, str] = {
    ".warc.gz": "warc",
    ".arc.gz": "warc",
    ".warc": "warc",
    ".arc": "warc",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

SUPPORTED = ", ".join(sorted(EXTENSIONS))

# Files that sit beside articles in a corpus folder but are not articles: a folder's own
# documentation (README, LICENSE, ...), by name with or without an extension.
_FOLDER_DOCS = re.compile(r"^(?:readme|licen[cs]e|copying|changelog|authors|contributing|code_of_conduct)"
                          r"(?:\.[A-Za-z0-9]+)?$", re.I)
# The columns an office-holder table must have (nlp/officeholders.py reads them): such a CSV
# beside the articles is data for role phrases, not a file of articles.
_OFFICEHOLDER_COLUMNS = {"role", "country_or_body", "person"}


@dataclass(frozen=True)
class Source:
    """One input to read: a file, a URL, or a problem found while listing inputs.

    ``kind`` is the reader that will handle it (``text``, ``html``, ``jsonl``,
    ``json``, ``csv``, ``feed``, ``warc``, ``url``) or ``error`` when ``error``
    says why it cannot be read. ``size`` is the file size in bytes (None for a
    URL), so a progress bar can count bytes as well as files.
    """

    origin: str
    kind: str
    path: Path | None = None
    size: int | None = None
    error: str | None = None


def kind_for_path(path: str | Path) -> str | None:
    """The reader kind for a file name, by extension; None when unsupported."""
    name = str(path).lower()
    for ext, kind in EXTENSIONS.items():
        if name.endswith(ext):
            return kind
    return None


def is_url(text: str) -> bool:
    """True for an http(s) URL."""
    return urlsplit(text).scheme.lower() in ("http", "https")


def discover(inputs: Iterable[str], skipped: list[tuple[str, str]] | None = None) -> list[Source]:
    """Sources for ``inputs``, in order, each file once.

    Folders are walked recursively (sorted, hidden files and folders skipped);
    glob patterns are expanded; http(s) URLs are kept. A missing path, an
    empty glob or an unsupported file becomes a Source of kind ``error``.
    Files found by walking a folder or expanding a glob that are not articles
    are skipped (``not_an_article``): a README/LICENSE-like file and an
    office-holder table; a file named as such is always read. ``skipped``, when
    given, collects (file, why) for each of them, so a caller can say so.
    """
    out: list[Source] = []
    seen: set[str] = set()
    skipped = skipped if skipped is not None else []

    def add(source: Source) -> None:
        key = source.origin if source.path is None else os.path.realpath(source.path)
        if key not in seen:
            seen.add(key)
            out.append(source)

    for raw in inputs:
        item = str(raw).strip()
        if not item:
            continue
        scheme = urlsplit(item).scheme.lower()
        if is_url(item):
            add(Source(item, "url"))
            continue
        if "://" in item:
            add(Source(item, "error", error=f"unsupported URL scheme '{scheme}' (only http and https)"))
            continue
        path = Path(os.path.expanduser(item))
        try:
            if path.exists():
                for source in _expand(path, skipped):
                    add(source)
            elif any(c in item for c in "*?["):
                matches = sorted(glob.glob(os.path.expanduser(item), recursive=True))
                if not matches:
                    add(Source(item, "error", error="no files match this pattern"))
                for match in matches:
                    why = not_an_article(Path(match))
                    if why:
                        skipped.append((match, why))
                        continue
                    for source in _expand(Path(match), skipped):
                        add(source)
            else:
                add(Source(item, "error", error="no such file or folder"))
        except OSError as err:  # e.g. a folder we may not list
            add(Source(item, "error", error=f"cannot read: {err.strerror or err}"))
    return out


def _expand(path: Path, skipped: list[tuple[str, str]]) -> Iterable[Source]:
    if path.is_dir():
        found: list[Path] = []
        for root, dirs, files in os.walk(path):
            # Why: .git, .DS_Store and editor backups are not articles.
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(Path(root) / name for name in files
                         if not name.startswith(".") and not name.endswith("~"))
        for file in sorted(found, key=lambda p: p.parts):
            why = not_an_article(file)
            if why:
                skipped.append((str(file), why))
                continue
            yield from _expand(file, skipped)
        return
    origin = str(path)
    kind = kind_for_path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        yield Source(origin, "error", path=path, error=f"cannot read file: {err.strerror or err}")
        return
    if kind is None:
        yield Source(origin, "error", path=path, size=size,
                     error=f"unsupported file type '{path.suffix or path.name}' (supported: {SUPPORTED})")
        return
    yield Source(origin, kind, path=path, size=size)


def not_an_article(path: Path) -> str | None:
    """Why a file found in a folder is not an article ("folder documentation", "office-holder
    table"), or None. Why: a corpus folder often holds its README and LICENSE, and the
    office-holder CSV the role phrases resolve with; read as articles they become a bogus
    article and a failure ("no text column")."""
    if path.is_dir():
        return None
    if _FOLDER_DOCS.match(path.name):
        return "folder documentation"
    if kind_for_path(path) == "csv" and _OFFICEHOLDER_COLUMNS <= _header(path):
        return "office-holder table"
    return None


def _header(path: Path) -> set[str]:
    """The lower-cased column names on a CSV/TSV file's first line (empty when unreadable)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return set()
    line = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()[:1]
    if not line:
        return set()
    delimiter = "\t" if line[0].count("\t") > line[0].count(",") else ","
    row = next(csv.reader(io.StringIO(line[0]), delimiter=delimiter), [])
    return {cell.strip().casefold() for cell in row}
