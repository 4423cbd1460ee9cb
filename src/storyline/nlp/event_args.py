"""Actor, target and location of an event from the dependency parse, named by
the article's canonical entities."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .geo import geocode
from ..models import Entity
from .extensions import text_of

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_TARGET_PREPS = ("on", "against", "at", "upon", "toward", "towards", "to", "with", "into")
_LOCATION_PREPS = frozenset("in on at near outside inside across around over into from throughout".split())
_ACTOR_ENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@dataclass(frozen=True)
class EntityRef:
    """An argument: the canonical entity (or None) and the surface words that named it."""

    name: str | None
    entity_type: str | None
    text: str
    start: int
    end: int


class EntityIndex:
    """Finds the article entity whose mention covers or sits inside a token's phrase."""

    def __init__(self, doc: Doc, entities: list[Entity] | None) -> None:
        spans: list[tuple[int, int, str, str]] = []
        if entities:
            for ent in entities:
                for start, end in ent.mentions:
                    spans.append((start, end, ent.name, ent.type))
        else:
            spans = [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents
                     if e.label_ in _ACTOR_ENT_TYPES]
        spans.sort()
        self._spans = spans
        self._starts = [s[0] for s in spans]

    def within(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """Mentions inside [start, end), in text order."""
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self._spans) and self._spans[i][0] < end:
            if self._spans[i][1] <= end:
                out.append(self._spans[i])
            i += 1
        return out

    def covering(self, pos: int) -> tuple[int, int, str, str] | None:
        """The mention covering character ``pos``, or None."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0 and i >= bisect_right(self._starts, pos) - 4:
            s = self._spans[i]
            if s[0] <= pos < s[1]:
                return s
            i -= 1
        return None


def entity_ref(tok: Token | None, index: EntityIndex) -> EntityRef | None:
    """The argument named by the phrase headed by ``tok``: a covering entity mention,
    else one in its left modifiers ("Russian forces"), else one in its right
    modifiers ("the head of the Foreign Ministry"). None for no token."""
    if tok is None:
        return None
    left = tok.left_edge.idx
    right = tok.right_edge.idx + len(tok.right_edge.text)
    phrase = text_of(tok.doc)[left:tok.idx + len(tok.text)]
    hit = index.covering(tok.idx)
    if hit is None:
        before = index.within(left, tok.idx + len(tok.text))
        hit = before[-1] if before else None
    if hit is None and tok.pos_ not in ("PRON",):
        after = index.within(tok.idx + len(tok.text), right)
        hit = after[0] if after else None
    if hit is not None:
        return EntityRef(hit[2], hit[3], text_of(tok.doc)[hit[0]:hit[1]], hit[0], hit[1])
    if tok.pos_ == "PROPN":
        # Why: the small model misses some place names ("Kyiv rejected ..."); the gazetteer knows them.
        place = geocode(tok.text)
        if place is not None:
            return EntityRef(place.name, "GPE", tok.text, tok.idx, tok.idx + len(tok.text))
    return EntityRef(None, None, phrase, left, tok.idx + len(tok.text))


def _child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _prep_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = _child(c, "pobj")
            if obj is not None:
                return obj
    return None


def _subject(tok: Token) -> Token | None:
    """The logical subject of a verb: nsubj, the agent of a passive, or the subject it
    inherits as an xcomp/conj ("Russia continued to attack", "struck and destroyed")."""
    for _ in range(4):
        subj = _child(tok, "nsubj", "csubj")
        if subj is not None:
            return subj
        agent = _child(tok, "agent")
        if agent is not None:
            return _child(agent, "pobj")
        if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.i != tok.i and _child(tok, "nsubjpass") is None:
            tok = tok.head
            continue
        if tok.dep_ in ("acl", "relcl") and tok.head.i != tok.i:
            return tok.head if tok.dep_ == "acl" else None
        return None
    return None


def verb_arguments(tok: Token) -> tuple[Token | None, Token | None]:
    """(actor, target) tokens of a verb trigger."""
    actor = _subject(tok)
    target = _child(tok, "dobj", "nsubjpass", "dative")
    if target is None:
        target = _prep_object(tok, _TARGET_PREPS)
    if target is None and actor is not None:
        # "Macron and Putin met": the second conjunct is the other party.
        target = _child(actor, "conj")
    return actor, target


def noun_arguments(tok: Token, governor: Token | None) -> tuple[Token | None, Token | None]:
    """(actor, target) tokens of a noun trigger ("Russia's attack on Kyiv", "talks with X")."""
    actor = _child(tok, "poss")
    by = _prep_object(tok, ("by", "from"))
    if actor is None and by is not None:
        actor = by
    if actor is None:
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"):
                actor = c
                break
    between = _prep_object(tok, ("between",))
    if actor is None and between is not None:
        other = _child(between, "conj")
        return between, other
    if actor is None and governor is not None:
        actor = _subject(governor)
    target = _prep_object(tok, _TARGET_PREPS)
    if target is None and governor is not None:
        target = _prep_object(governor, _TARGET_PREPS) or _child(governor, "dative")
    return actor, target


def location_token(trigger: Token, governor: Token | None) -> Token | None:
    """A place named by "in X" / "on X" / "near X" on the trigger, its governor or the
    clause root; None when the sentence names no such place."""
    heads = [trigger] + ([governor] if governor is not None else [])
    root = trigger.sent.root
    if all(h.i != root.i for h in heads):
        heads.append(root)
    for head in heads:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in _LOCATION_PREPS:
                obj = _child(c, "pobj")
                if obj is not None and (_is_place(obj) or place_span(obj) is not None):
                    return obj
    for tok in trigger.sent:
        if tok.dep_ == "pobj" and _is_place(tok) and tok.head.lower_ in ("in", "near", "outside"):
            return tok
    return None


def _is_place(tok: Token) -> bool:
    """True for a place name or a phrase around one ("the Donetsk region")."""
    return tok.ent_type_ in PLACE_TYPES or any(
        c.ent_type_ in PLACE_TYPES for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod"))


def place_span(tok: Token) -> tuple[int, int] | None:
    """Character span of the place phrase headed by ``tok`` (entity plus a trailing
    "region"/"oblast" head noun), or None."""
    ents = [e for e in tok.doc.ents if e.label_ in PLACE_TYPES and e.start >= tok.left_edge.i and e.end <= tok.i + 1]
    if not ents:
        if tok.pos_ == "PROPN" and not tok.ent_type_ and geocode(tok.text) is not None:
            return tok.idx, tok.idx + len(tok.text)  # a place the small model did not tag
        return None
    ent = ents[-1]
    end = tok.idx + len(tok.text) if ent.end == tok.i else ent.end_char
    return ent.start_char, end
