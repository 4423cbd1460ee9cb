"""Cleaning stage: raw document in, body text without debris and recovered metadata out.

    >>> from storyline.models import RawDocument
    >>> from storyline.clean import clean_document
    >>> article = clean_document(RawDocument("note.txt", "Talks Resume\\n\\nEnvoys met on Friday."))
    >>> article.title, article.text
    ('Talks Resume', 'Envoys met on Friday.')
"""

from __future__ import annotations

import re

from ..errors import EmptyInput, UnsupportedInput
from ..models import CleanedArticle, RawDocument
from .debris import debris_reason, is_byline, remove_debris
from .dedup import band_keys, content_hash, estimate_jaccard, minhash_signature
from .html import ExtractedHtml, extract_html
from .meta import date_from_url, estimate_window, find_outlet, find_published, parse_date, split_title
from .normalise import normalise_text

_LINK = re.compile(r"https?://\S+")

__all__ = [
    "clean_document",
    "extract_html",
    "ExtractedHtml",
    "normalise_text",
    "remove_debris",
    "debris_reason",
    "split_title",
    "parse_date",
    "find_published",
    "find_outlet",
    "estimate_window",
    "content_hash",
    "minhash_signature",
    "band_keys",
    "estimate_jaccard",
]

# Confidences of values that come from the page markup rather than the text.
_MARKUP_TITLE = 0.9
_MARKUP_PUBLISHED = 0.95
_TRAFILATURA_DATE = 0.8
_MARKUP_SITENAME = 0.8


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(normalise_text(value).split())
    return value or None


def _drop_repeated_title(text: str, title: str) -> str:
    """``text`` without a leading line that repeats the container's title."""
    lines = text.split("\n")
    key = " ".join(title.split()).casefold()
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if " ".join(line.split()).casefold() == key:
            return re.sub(r"\n{3,}", "\n\n", "\n".join(lines[:i] + lines[i + 1:])).strip()
        seen += 1
        if seen >= 4:
            break
    return text


def _author_from(removed: list[str]) -> str | None:
    for line in removed:
        if is_byline(line) and line[:3].lower() == "by ":
            name = re.split(r"\s*(?:,|\||–|—|\s-\s)\s*", line[3:].strip(), maxsplit=1)[0]
            return name.strip() or None
    return None


def clean_document(raw: RawDocument) -> CleanedArticle:
    """Return the cleaned body and metadata of ``raw``.

    Values from the container (``raw.title``, ``raw.source``,
    ``raw.published``, ``raw.author``) win with confidence 1.0; otherwise they
    are recovered from the markup or the text with a lower confidence. When no
    publication date is found, ``date_window`` holds an estimate.
    Raises ``EmptyInput`` when no body text remains.
    """
    fmt = (raw.format or "text").lower()
    extracted: ExtractedHtml | None = None
    if fmt == "html":
        extracted = extract_html(raw.content, url=raw.url, origin=raw.origin)
        text = normalise_text(extracted.text)
        title = _one_line(extracted.title)
        title_confidence = _MARKUP_TITLE if title else 0.0
        if not title:
            # A page without <title>/<h1> may still open with its headline.
            title, text, title_confidence = split_title(text)
    elif fmt == "text":
        text = normalise_text(raw.content)
        title, text, title_confidence = split_title(text)
    else:
        raise UnsupportedInput(raw.origin, f"unknown document format {raw.format!r}",
                               hint='readers produce format "text" or "html"')

    container_title = _one_line(raw.title)
    if container_title:
        if fmt == "text" and title and title.casefold() != container_title.casefold():
            # The line split_title took may be the first body paragraph after all.
            text = normalise_text(raw.content)
        text = _drop_repeated_title(text, container_title)
        title, title_confidence = container_title, 1.0

    body, removed = remove_debris(text)
    if not body.strip():
        raise EmptyInput(raw.origin, "no article text left after cleaning",
                         hint="the document holds only a title, boilerplate or debris")

    article = CleanedArticle(text=body, title=title, title_confidence=title_confidence, removed=removed)

    # Source: container, markup site name, then the text and URL.
    if _one_line(raw.source):
        article.source, article.source_confidence = _one_line(raw.source), 1.0
    elif extracted and _one_line(extracted.sitename):
        article.source, article.source_confidence = _one_line(extracted.sitename), _MARKUP_SITENAME
    else:
        meta_text = text + ("\n" + extracted.copyright if extracted and extracted.copyright else "")
        article.source, article.source_confidence = find_outlet(meta_text, raw.url)

    # Publication date: container, markup, then the text.
    candidates: list[tuple[str | None, float]] = []
    if raw.published:
        iso, _ = parse_date(raw.published)
        candidates.append((iso, 1.0))
    if extracted:
        if extracted.published:
            iso, conf = parse_date(extracted.published)
            candidates.append((iso, min(conf, _MARKUP_PUBLISHED)))
        if extracted.date:
            iso, conf = parse_date(extracted.date)
            candidates.append((iso, min(conf, _TRAFILATURA_DATE)))
    candidates.append(find_published(text))
    # Last: a day written in the article's link (the container's URL, else a bare link line of the text).
    links = [raw.url] if raw.url else []
    links += [m.group(0) for line in removed if debris_reason(line) == "link" for m in [_LINK.search(line)] if m]
    candidates += [date_from_url(link) for link in links[:2]]
    for iso, conf in candidates:
        if iso:
            article.published, article.published_confidence = iso, conf
            break
    if article.published is None:
        window_text = text
        if extracted and extracted.copyright:
            window_text += "\n" + extracted.copyright
        article.date_window = estimate_window(window_text)

    article.author = _one_line(raw.author) or (extracted and _one_line(extracted.author)) or _author_from(removed)
    return article
