"""The Doc attributes through which Storyline's spaCy components hand over
their results. Each holds plain records from ``storyline.models`` whose
offsets index ``doc.text`` (the cleaned article body)."""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = {
    "storyline_published": None,  # str | None: publication date (YYYY-MM-DD...), set before the pipe runs
    "storyline_entities": None,  # list[Entity] | None
    "storyline_quotes": None,  # list[Quote] | None
    "storyline_timexes": None,  # list[Timex] | None
    "storyline_events": None,  # list[Event] | None
    "storyline_claims": None,  # list[Claim] | None
}


def ensure_extensions() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
