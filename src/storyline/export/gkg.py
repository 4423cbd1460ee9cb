"""``--format gkg``: a GDELT-GKG-like table, one tab-separated row per article.

Like GKG 2.1, list fields are delimited inside a cell (``;`` between items, ``#``
or ``|`` between an item's parts, ``,offset`` after a name) so one row holds an
article's counts, persons, organisations, locations, themes and quotations;
unlike GKG, every quotation names its speaker. See docs/exports.md.
"""

from __future__ import annotations

import re
from typing import IO, Any, Iterable, Iterator

from ..models import Article

COLUMNS = ["GKGRECORDID", "DATE", "SourceCommonName", "DocumentIdentifier", "Counts", "Persons", "Organizations",
           "Locations", "Themes", "Quotations", "Title"]
_DELIMS = re.compile(r"[#;|,\t\r\n]+")


def _clean(text: Any) -> str:
    """A value with the cell delimiters replaced by spaces."""
    return _DELIMS.sub(" ", "" if text is None else str(text)).strip()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def gkg_date(published: str | None) -> str:
    """YYYYMMDDHHMMSS (GKG's DATE) from our ISO date; missing parts are zeros."""
    digits = re.sub(r"\D", "", published or "")
    return (digits + "0" * 14)[:14] if digits else ""


def gkg_row(a: Article) -> dict[str, str]:
    """One article as a GKG-like row."""
    def names(types: set[str]) -> str:
        return ";".join(f"{_clean(e.name)},{e.mentions[0][0]}" for e in a.entities if e.type in types and e.mentions)

    counts = ";".join(
        "#".join([_clean(c.unit) or "thing", _number(c.value), _clean(c.approx), _clean(c.claimant), str(c.start)])
        for c in a.claims)
    quotes = "#".join(
        "|".join([str(q.start), str(q.end - q.start), _clean(q.cue), _clean(q.text), _clean(q.speaker)])
        for q in a.quotes)
    return {
        "GKGRECORDID": a.id, "DATE": gkg_date(a.published), "SourceCommonName": _clean(a.source),
        "DocumentIdentifier": a.url or "", "Counts": counts, "Persons": names({"PERSON"}),
        "Organizations": names({"ORG", "NORP"}), "Locations": names({"GPE", "LOC", "FAC"}),
        "Themes": ";".join(sorted({e.type for e in a.events})), "Quotations": quotes, "Title": _clean(a.title),
    }


def gkg_rows(articles: Iterable[Article]) -> Iterator[dict[str, str]]:
    return (gkg_row(a) for a in articles)


def write_gkg(articles: Iterable[Article], out: IO[str]) -> int:
    """Write the GKG-like TSV (with a header row); returns the number of articles."""
    # Plain tab-joined lines, no CSV quoting (GKG has none): cells were cleaned of tabs and newlines.
    out.write("\t".join(COLUMNS) + "\n")
    n = 0
    for row in gkg_rows(articles):
        out.write("\t".join(re.sub(r"[\t\r\n]+", " ", row[c]) for c in COLUMNS) + "\n")
        n += 1
    return n
