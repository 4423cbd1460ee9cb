"""``storyline_entities``: spaCy's named entities grouped into per-article
entities (one entry per distinct name, every mention with offsets).

Within an article a later surname joins the full name seen elsewhere in it
("Olena Marchuk" ... "Marchuk"), titles are dropped ("President X" -> X), and
known variants take their canonical spelling (Kiev -> Kyiv, Zelensky ->
Volodymyr Zelenskyy); a lone surname of someone in office on the article's
date takes the office holder's full name."""

from __future__ import annotations

import hashlib
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..link.aliases import canonical_alias, surname_holder
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


_TITLES = re.compile(
    r"^(?:(?:president|prime minister|minister|chancellor|secretary|senator|sen\.|rep\.|gov\.|governor|mr\.?|"
    r"mrs\.?|ms\.?|dr\.?|gen\.?|general|colonel|col\.|lt\.|sgt\.|judge|justice|mayor|king|queen|pope|"
    r"sir|dame|lord|lady|prince|princess|spokesman|spokeswoman|spokesperson)\s+)+",
    re.I,
)


def person_name(text: str) -> str:
    """A person mention without leading titles ("President Olena Marchuk" -> "Olena Marchuk")."""
    name = normalise_name(text)
    stripped = _TITLES.sub("", name)
    return stripped if stripped else name


def canonical_names(doc: Doc) -> dict[tuple[int, int], str]:
    """(start_char, end_char) of each kept entity -> its canonical name in this article."""
    published = doc._.storyline_published if Doc.has_extension("storyline_published") else None
    names: dict[tuple[int, int], str] = {}
    labels: dict[tuple[int, int], str] = {}
    full_people: list[str] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        name = person_name(ent.text) if ent.label_ == "PERSON" else normalise_name(ent.text)
        if not name:
            continue
        name = canonical_alias(name) or name
        names[(ent.start_char, ent.end_char)] = name
        labels[(ent.start_char, ent.end_char)] = ent.label_
        if ent.label_ == "PERSON" and " " in name:
            full_people.append(name)
    # a surname (or shorter form) joins the one longer name of the article that ends with it
    for (start, end), name in list(names.items()):
        if labels[(start, end)] != "PERSON" or " " in name:
            continue
        longer = {full for full in full_people if full.split()[-1].casefold() == name.casefold()}
        if len(longer) == 1:
            names[(start, end)] = longer.pop()
        else:
            holder = surname_holder(name, published) if not longer else None
            if holder:
                names[(start, end)] = holder
    return names


def group_entities(doc: Doc) -> list[Entity]:
    """One Entity per canonical name and type class, with every mention."""
    canon = canonical_names(doc)
    by_id: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        name = canon.get((ent.start_char, ent.end_char))
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
