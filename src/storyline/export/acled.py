"""``--format acled``: an ACLED-like event table (one row per event report), CSV.

Columns follow ACLED's names where the meaning is the same (event_date,
time_precision, event_type, sub_event_type, actor1, actor2, country, location,
latitude, longitude, geo_precision, source, notes, fatalities) and add the
provenance ACLED lacks (article_id, start, end). Only asserted events are
exported: negated, hypothetical and future events did not happen. See docs/exports.md.
"""

from __future__ import annotations

import csv
import re
from typing import IO, Any, Iterable, Iterator

from ..models import Article, Event

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
           "actor2", "country", "iso", "location", "latitude", "longitude", "geo_precision", "source", "notes",
           "fatalities", "article_id", "start", "end"]

# ACLED codes how exact a date is: 1 = the day, 2 = the week, 3 = the month (or vaguer).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"city": 1, "region": 2, "country": 3}
_REMOTE = re.compile(r"\b(drones?|missiles?|rockets?|shell\w*|artillery|bomb\w*|air ?strikes?|strikes?|explosions?)\b", re.I)
_KILLED = re.compile(r"\b(kill\w*|dead|died|deaths?|death toll|fatalit\w+|bodies)\b", re.I)
_PEOPLE = {"", "person", "people", "civilian", "death", "body", "victim", "resident"}
MODES_EXPORTED = {None, "", "asserted", "actual"}


def acled_type(event: Event) -> str:
    """ACLED's event_type for one of our (PLOVER-like) types."""
    if event.type == "PROTEST":
        return "Protests"
    if event.type in ("ASSAULT", "ATTACK"):
        return "Explosions/Remote violence" if _REMOTE.search(event.text) else "Battles"
    return "Strategic developments"


def fatalities(article: Article, event: Event) -> int:
    """The largest death figure claimed for this event in its article (0 when none, as ACLED does)."""
    if not _KILLED.search(event.text):
        return 0
    values = [c.value_max or c.value for c in article.claims
              if c.event_id == event.id and c.unit in _PEOPLE and event.start <= c.start < event.end]
    return int(max(values)) if values else 0


def _place(name: str | None) -> Any:
    if not name:
        return None
    try:
        from ..nlp.geo import geocode
    except ImportError:  # geocoding is optional for this export
        return None
    return geocode(name)


def acled_rows(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    """One ACLED-like row per asserted event."""
    for a in articles:
        for i, e in enumerate(a.events):
            if e.mode not in MODES_EXPORTED:
                continue
            place = _place(e.location)
            notes = " ".join(e.text.split())
            if e.date_precision == "year":
                notes += " [date known to the year only]"
            yield {
                "event_id_cnty": f"{a.id}:e{i}", "event_date": e.date or "", "year": (e.date or "")[:4],
                "time_precision": TIME_PRECISION.get(e.date_precision or "", ""),
                "event_type": acled_type(e), "sub_event_type": e.type, "actor1": e.actor or "",
                "actor2": e.target or "", "country": getattr(place, "country", "") or "",
                "iso": getattr(place, "country", "") or "", "location": e.location or "",
                "latitude": getattr(place, "lat", "") if place else "",
                "longitude": getattr(place, "lon", "") if place else "",
                "geo_precision": GEO_PRECISION.get(getattr(place, "kind", ""), "") if place else "",
                "source": a.source or "", "notes": notes, "fatalities": fatalities(a, e),
                "article_id": a.id, "start": e.start, "end": e.end,
            }


def write_acled(articles: Iterable[Article], out: IO[str]) -> int:
    """Write the ACLED-like CSV; returns the number of event rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for row in acled_rows(articles):
        writer.writerow(row)
        n += 1
    return n
