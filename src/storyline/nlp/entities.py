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

from .aliases import canonical_alias, surname_holder
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


def propn_full_names(doc: Doc) -> dict[str, set[str]]:
    """Lower-cased surname -> two- or three-word proper names ending with it
    (also names NER missed or mislabelled, "Olena Marchuk" as a work of art)."""
    out: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2:
            name = person_name(ent.text)
            if " " in name:
                out.setdefault(name.split()[-1].casefold(), set()).add(name)
    for tok in doc:
        if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ not in ("", "PERSON", "WORK_OF_ART", "ORG"):
            continue
        words = [tok]
        while words[0].i > 0 and words[0].nbor(-1).pos_ == "PROPN" and words[0].nbor(-1).is_title \
                and words[0].nbor(-1).ent_type_ in ("", "PERSON", "WORK_OF_ART", "ORG") and len(words) < 3:
            words.insert(0, words[0].nbor(-1))
        if len(words) >= 2 and (tok.i + 1 >= len(doc) or tok.nbor(1).pos_ != "PROPN") \
                and not any(w.lower_ in _ORG_WORDS for w in words):
            name = person_name(" ".join(w.text for w in words))
            if " " in name:
                out.setdefault(name.split()[-1].casefold(), set()).add(name)
    return out


# Words that mark an organisation name; a two- or three-word ORG without any
# of them is more likely a person the small model mislabelled ("Ivo Tannery").
_ORG_WORDS = set("""
ministry ministries department office agency army forces military command council commission committee
campaign company corp corporation inc ltd llc co group bank party embassy court parliament union
organization organisation association institute foundation university college school news times post
journal press network tv radio house senate congress assembly government administration police guard
service services fund federation league club center centre airlines airways motors energy international
national republic republicans democrats watch
""".split())


def looks_like_person(ent) -> bool:
    """True for an ORG/GPE-labelled span that reads like a person's name."""
    toks = [t for t in ent if not t.is_punct]
    return (2 <= len(toks) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in toks)
            and not any(t.lower_ in _ORG_WORDS for t in toks)
            and canonical_alias(ent.text) is None)


def canonical_names(doc: Doc) -> dict[tuple[int, int], tuple[str, str]]:
    """(start_char, end_char) of each kept entity -> (canonical name, type) in this article."""
    published = doc._.storyline_published if Doc.has_extension("storyline_published") else None
    names: dict[tuple[int, int], tuple[str, str]] = {}
    full_people: list[str] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        label = "PERSON" if ent.label_ == "ORG" and looks_like_person(ent) else ent.label_
        name = person_name(ent.text) if label == "PERSON" else normalise_name(ent.text)
        if not name:
            continue
        name = canonical_alias(name) or name
        names[(ent.start_char, ent.end_char)] = (name, label)
        if label == "PERSON" and " " in name:
            full_people.append(name)
    propn = propn_full_names(doc)
    # a surname (or shorter form) joins the one longer name of the article that ends with
    # it, whatever NER called it ("Olena Marchuk" ... "Marchuk" tagged ORG)
    for key, (name, label) in list(names.items()):
        if label not in ("PERSON", "ORG") or " " in name:
            continue
        longer = {full for full in full_people if full.split()[-1].casefold() == name.casefold()}
        if not longer and label == "PERSON":
            longer = set(propn.get(name.casefold(), ()))
        if len(longer) == 1:
            names[key] = (longer.pop(), "PERSON")
        elif label == "PERSON" and not longer:
            holder = surname_holder(name, published)
            if holder:
                names[key] = (holder, "PERSON")
    return names


def group_entities(doc: Doc) -> list[Entity]:
    """One Entity per canonical name and type class, with every mention."""
    canon = canonical_names(doc)
    by_id: dict[str, Entity] = {}
    for ent in doc.ents:
        found = canon.get((ent.start_char, ent.end_char))
        if not found:
            continue
        name, label = found
        eid = entity_id(name, label)
        entity = by_id.get(eid)
        if entity is None:
            entity = by_id[eid] = Entity(id=eid, name=name, type=label)
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
