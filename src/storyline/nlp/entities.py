"""``storyline_entities``: spaCy's named entities grouped into per-article
entities (one entry per distinct name, every mention with offsets)."""

from __future__ import annotations

import hashlib
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Entity
from .extensions import ensure_extensions

# Entity types worth keeping: people, organisations, places, groups, events.
KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_TYPE_CLASS = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}

_LEADING = re.compile(r"^(the)\s+", re.I)
_POSSESSIVE = re.compile(r"(['\u2019]s?)$")


def normalise_name(name: str) -> str:
    """The surface name without a leading article, possessive or stray spaces."""
    name = " ".join(name.split())
    name = _LEADING.sub("", name)
    name = _POSSESSIVE.sub("", name)
    return name.strip(" .,;:-")


def entity_id(name: str, type_: str) -> str:
    """Stable id from the canonical name and its type class."""
    key = f"{_TYPE_CLASS.get(type_, type_)}|{normalise_name(name).casefold()}"
    return "ent_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def group_entities(doc: Doc) -> list[Entity]:
    by_id: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        name = normalise_name(ent.text)
        if not name:
            continue
        eid = entity_id(name, ent.label_)
        entity = by_id.get(eid)
        if entity is None:
            entity = by_id[eid] = Entity(id=eid, name=name, type=ent.label_)
        entity.mentions.append((ent.start_char, ent.end_char))
        entity.mention_texts.append(ent.text)
    return list(by_id.values())


@Language.factory("storyline_entities")
def make_entities(nlp: Language, name: str):
    ensure_extensions()

    def storyline_entities(doc: Doc) -> Doc:
        doc._.storyline_entities = group_entities(doc)
        return doc

    return storyline_entities
