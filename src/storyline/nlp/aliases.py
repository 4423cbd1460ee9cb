"""Spelling variants and short forms -> one canonical name (Kiev -> Kyiv,
Zelensky -> Volodymyr Zelenskyy), from ``link/data/aliases.csv`` and the
aliases column of the office-holder table."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from .officeholders import load_table

ALIASES_TABLE = Path(__file__).parent.parent / "link" / "data" / "aliases.csv"


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("\u2019", "'").split())


@lru_cache(maxsize=8)
def alias_map(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Lower-cased variant -> canonical name (places, bodies, and office holders' aliases)."""
    out: dict[str, str] = {}
    with open(ALIASES_TABLE, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            canonical = rec["canonical"].strip()
            for alias in [canonical, *rec["aliases"].split("|")]:
                if alias.strip():
                    out[_key(alias)] = canonical
    for row in load_table(extra):
        for alias in (row.person, *row.aliases):
            out.setdefault(_key(alias), row.person)
    return out


def canonical_alias(name: str, extra: tuple[str, ...] = ()) -> str | None:
    """The canonical name for a known variant, or None when ``name`` is not in the tables."""
    return alias_map(extra).get(_key(name))


def surname_holder(surname: str, day: str | None, extra: tuple[str, ...] = ()) -> str | None:
    """The office holder in office on ``day`` whose surname (or alias) is ``surname``, if exactly one."""
    if not day:
        return None
    key = _key(surname)
    found = {row.person for row in load_table(extra)
             if row.holds_on(day) and any(_key(n.split()[-1]) == key for n in (row.person, *row.aliases))}
    return next(iter(found)) if len(found) == 1 else None
