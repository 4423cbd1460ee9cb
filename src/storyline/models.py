"""The records that flow between stages: the contract of the whole system.

Every stage takes and returns these plain dataclasses. Offsets are integer
character offsets into ``Article.text`` (the cleaned body, without the title),
end-exclusive, exactly as exported in the JSONL contract.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass
class RawDocument:
    """One article as a reader found it, before cleaning.

    ``origin`` names where it came from in a way a user can find again:
    a file path, ``file.jsonl:12`` for a record, or a URL.
    """

    origin: str
    content: str
    format: str = "text"  # "text" | "html"
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None  # as found (any format); clean/ normalises it
    author: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class DateWindow:
    """An estimate of when an article was published when it carries no date."""

    start: str  # YYYY-MM-DD
    end: str  # YYYY-MM-DD
    basis: str  # what the estimate rests on, e.g. "explicit dates in text"


@dataclass
class CleanedArticle:
    """The output of clean/: body text without debris, and recovered metadata."""

    text: str
    title: str | None = None
    title_confidence: float = 0.0
    source: str | None = None
    source_confidence: float = 0.0
    published: str | None = None  # YYYY-MM-DD[THH:MM:SS]
    published_confidence: float = 0.0
    date_window: DateWindow | None = None  # set when ``published`` is None
    author: str | None = None
    removed: list[str] = field(default_factory=list)  # debris lines dropped


@dataclass
class Entity:
    """An entity as it appears in one article (``id`` is corpus-wide once linked)."""

    id: str
    name: str
    type: str  # PERSON | ORG | GPE | LOC | NORP | EVENT | ...
    mentions: list[Span] = field(default_factory=list)
    mention_texts: list[str] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str  # "direct" | "partial" | "indirect"
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None


@dataclass
class Claim:
    value: float
    unit: str
    text: str
    start: int
    end: int
    value_max: float | None = None
    approx: str | None = None
    claimant: str | None = None
    claimant_id: str | None = None
    event_id: str | None = None


@dataclass
class Event:
    id: str
    type: str
    text: str
    start: int
    end: int
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    date: str | None = None
    date_precision: str | None = None  # "day" | "week" | "month" | "year"
    # trigger and its span, actor/target surface text, geocoding (country, lat, lon), date basis
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Timex:
    """A temporal expression, resolved against the publication date where possible."""

    text: str
    start: int
    end: int
    value: str | None = None  # YYYY-MM-DD (or YYYY-MM / YYYY); start of a range
    value_max: str | None = None  # end of a range, when the expression is one
    precision: str | None = None  # "day" | "week" | "month" | "year"
    resolved: bool = False  # False: relative expression with no anchor date


@dataclass
class Article:
    """One processed article: what the per-article pipeline returns."""

    id: str
    content_hash: str
    text: str
    origin: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    story_id: str | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    raw: str | None = None
    raw_format: str = "text"
    pipeline_version: str = ""

    def to_contract(self) -> dict[str, Any]:
        """The JSONL data contract of PRODUCT.md (plus added fields)."""
        return {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "text": self.text,
            "story_id": self.story_id,
            "entities": [
                {"id": e.id, "name": e.name, "type": e.type, "mentions": [list(m) for m in e.mentions]}
                for e in self.entities
            ],
            "quotes": [
                {**asdict(q), "speaker_span": list(q.speaker_span) if q.speaker_span else None}
                for q in self.quotes
            ],
            "claims": [asdict(c) for c in self.claims],
            "events": [asdict(e) for e in self.events],
            "meta": self.meta,
        }


@dataclass
class IngestFailure:
    origin: str
    reason: str


@dataclass
class IngestReport:
    """What one ``ingest`` run did; printed by the CLI as its final summary."""

    added: int = 0
    duplicates: int = 0  # exact re-ingests (no-op)
    near_duplicates: int = 0  # stored, linked to the article they copy
    failed: list[IngestFailure] = field(default_factory=list)
    # files a folder walk or glob found that are not articles (README, office-holder table): (file, why)
    not_articles: list[tuple[str, str]] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + len(self.failed)
