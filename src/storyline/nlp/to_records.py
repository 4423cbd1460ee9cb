"""Per-article extraction as a pure function: cleaned articles in, ``Article``
records out. Reads no database and writes none, so it runs the same in a
process pool, on a cluster, or in a test."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Article, CleanedArticle, RawDocument
from .entities import group_entities
from .extensions import ensure_extensions


@dataclass
class Prepared:
    """A cleaned article waiting for the NLP pass."""

    raw: RawDocument
    cleaned: CleanedArticle
    content_hash: str


def article_id(content_hash: str) -> str:
    """Stable article id: the content hash of the first version stored."""
    return "art_" + content_hash[:16]


def doc_to_article(item: Prepared, doc: Doc, pipeline_version: str, keep_raw: bool = True) -> Article:
    """The plain records of one processed Doc."""
    raw, cleaned = item.raw, item.cleaned
    entities = doc._.storyline_entities
    if entities is None:  # a pipeline without our entity component: fall back on doc.ents
        entities = group_entities(doc)
    meta = {
        "title_confidence": cleaned.title_confidence,
        "source_confidence": cleaned.source_confidence,
        "published_confidence": cleaned.published_confidence,
        "author": cleaned.author,
        "removed": cleaned.removed,
        "input": {"title": raw.title, "source": raw.source, "published": raw.published,
                  "author": raw.author, "extra": raw.extra},
    }
    if cleaned.date_window is not None:
        meta["date_window"] = asdict(cleaned.date_window)
    return Article(
        id=article_id(item.content_hash),
        content_hash=item.content_hash,
        text=cleaned.text,
        origin=raw.origin,
        url=raw.url,
        source=cleaned.source,
        title=cleaned.title,
        published=cleaned.published,
        entities=list(entities),
        quotes=list(doc._.storyline_quotes or []),
        claims=list(doc._.storyline_claims or []),
        events=list(doc._.storyline_events or []),
        timexes=list(doc._.storyline_timexes or []),
        meta=meta,
        raw=raw.content if keep_raw else None,
        raw_format=raw.format,
        pipeline_version=pipeline_version,
    )


def make_docs(nlp: Language, items: Iterable[Prepared]) -> Iterator[Doc]:
    """Unprocessed Docs carrying the publication date our components resolve against."""
    ensure_extensions()
    for item in items:
        doc = nlp.make_doc(item.cleaned.text)
        doc._.storyline_published = item.cleaned.published
        yield doc


def extract(nlp: Language, items: list[Prepared], pipeline_version: str,
            batch_size: int = 32, n_process: int = 1) -> list[Article]:
    """Run the pipeline over prepared articles; returns one Article each, in order."""
    docs = nlp.pipe(make_docs(nlp, items), batch_size=batch_size, n_process=n_process)
    return [doc_to_article(item, doc, pipeline_version) for item, doc in zip(items, docs)]
