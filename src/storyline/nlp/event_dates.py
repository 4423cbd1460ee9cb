"""Dates for events: the timex nearest the trigger in its sentence, the publication
date for "today"/present-perfect reporting, and a small absolute-date reader used
only when no ``storyline_timexes`` component ran before the event coder."""

from __future__ import annotations

import re

from ..models import Timex

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_M = r"(?P<mon>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(_M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r",?\s+(?P<y>\d{4})\b"),
    re.compile(r"\b" + _M + r"\s+(?P<y>\d{4})\b"),
    re.compile(r"^(?:in\s+)?(?P<y>(?:19|20)\d{2})$"),
]


def absolute_date(text: str) -> tuple[str, str] | None:
    """``(YYYY[-MM[-DD]], precision)`` for an absolute date expression, else None."""
    text = " ".join(text.split())
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        parts = m.groupdict()
        month = parts.get("m")
        if parts.get("mon") is not None:
            num = _MONTHS.get(parts["mon"].lower())
            if num is None:
                continue
            month = f"{num:02d}"
        if parts.get("d") and month:
            return f"{parts['y']}-{month}-{int(parts['d']):02d}", "day"
        if month:
            return f"{parts['y']}-{month}", "month"
        return parts["y"], "year"
    return None


def fallback_timexes(doc) -> list[Timex]:
    """Timexes from spaCy DATE entities that carry an absolute date (no anchor needed)."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        found = absolute_date(ent.text)
        out.append(Timex(ent.text, ent.start_char, ent.end_char, found[0] if found else None, None,
                         found[1] if found else None, found is not None))
    return out


def year_of(value: str | None) -> int | None:
    """The year of a ``YYYY[-MM[-DD]]`` value, or None."""
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None
