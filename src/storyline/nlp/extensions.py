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


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from every token on each
    access, which made per-event lookups quadratic in the article's length."""
    text = doc.user_data.get("storyline_text")
    if text is None:  # a Doc's text never changes, even when it is retokenised
        text = doc.user_data["storyline_text"] = doc.text
    return text
