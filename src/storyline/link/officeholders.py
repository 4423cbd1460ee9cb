"""Roles -> persons for cross-article work: the office-holder table and the
alias table. The code lives in ``storyline.nlp.officeholders`` and
``storyline.nlp.aliases`` (per-article extraction uses it and may not import
link/); the data files live here in ``link/data/``."""

from __future__ import annotations

from ..nlp.aliases import alias_map, canonical_alias, surname_holder
from ..nlp.officeholders import (
    BUILTIN_TABLE,
    OfficeHolder,
    canonical_person,
    canonical_place,
    canonical_role,
    holder,
    load_table,
    read_table,
)

__all__ = [
    "BUILTIN_TABLE", "OfficeHolder", "alias_map", "canonical_alias", "canonical_person", "canonical_place",
    "canonical_role", "holder", "load_table", "read_table", "surname_holder",
]
