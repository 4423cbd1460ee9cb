"""The trigger lexicon of the event coder (``data/event_lexicon.tsv``) and the
small word lists its dependency patterns consult."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).with_name("data") / "event_lexicon.tsv"

EVENT_TYPES = (
    "ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST", "THREATEN", "REJECT", "ACCUSE",
    "REQUEST", "AID", "COOPERATE", "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "RETREAT", "STATEMENT",
)

# Objects of a light verb ("launched 653 drones", "fired missiles") that make it an attack.
WEAPONS = frozenset(
    "drone missile rocket shell bomb grenade mortar artillery projectile munition shot bullet "
    "salvo barrage volley warhead torpedo kinzhal iskander shahed geran himars atacms".split()
)
# Objects of a light verb that make it military aid ("sent weapons to Ukraine").
MATERIEL = frozenset("weapon arm ammunition tank jet aircraft equipment system fighter vehicle "
                     "medicine drug vaccine food supply resource expertise expert medic doctor relief".split())
# Objects of "release"/"issue" that are a public statement, and ones that are no event at all.
STATEMENT_DOCUMENTS = frozenset("statement communique communiqué declaration video message".split())
PUBLICATIONS = frozenset("report data figure plan budget book album film footage record result list "
                         "detail image photo photograph recording transcript document version update".split())
# Named-entity labels whose words are names, not triggers ("Amnesty International", "Alliance For Change").
NAME_LABELS = frozenset("ORG PERSON GPE NORP FAC LOC PRODUCT WORK_OF_ART".split())
# Objects that make "send"/"deploy" a deployment.
FORCES = frozenset("troop soldier force unit brigade battalion division warship ship fleet contingent".split())
# Why: "the attack on democracy", "attacked the proposal": verbal, not violent.
ABSTRACT = frozenset(
    "democracy freedom liberty value right truth press law constitution sovereignty dignity "
    "proposal plan policy decision idea remark comment statement claim report reform bill "
    "budget deal agreement record credibility legitimacy reputation stance view "
    "corruption poverty inflation crime disinformation misinformation terrorism".split()
)
# Why: "trade war", "price war", "war of words", "culture war": not armed conflict.
METAPHOR_MODIFIERS = frozenset("trade price tariff culture word words currency bidding turf talent".split())
# Objects that turn a REJECT verb into a denial, a STATEMENT ("denied the charges": CAMEO 016).
ALLEGATIONS = frozenset("charge accusation allegation claim report suggestion rumour rumor".split())
# Objects that "meet" fulfils rather than a party it meets ("meet these targets").
MEETABLE = frozenset("target goal demand requirement need deadline standard criterion expectation "
                     "obligation condition commitment quota threshold".split())
# People whose expulsion reduces relations (SANCTION) rather than coerces ("expelled diplomats").
ENVOYS = frozenset("diplomat ambassador envoy attache consul staff inspector observer journalist "
                   "correspondent worker monitor official embassy mission".split())
# Nouns that name workers striking (labour strike = PROTEST, not an air strike).
LABOUR_STRIKE_MODIFIERS = frozenset("general hunger labour labor worker workers nationwide national rail".split())


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str  # "VERB" | "NOUN"
    type: str  # an EVENT_TYPES member, or "-" for light verbs
    light: bool = False
    preps: frozenset[str] = frozenset()
    abstract_accuse: bool = False
    reciprocal: bool = False
    governors: frozenset[str] = frozenset()  # nouns: a trigger only as the object of these verbs
    kind: str | None = None  # a finer kind ("demand"), kept in the event's meta


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> dict[tuple[str, str], Trigger]:
    """``(lemma, pos) -> Trigger`` read from the lexicon file."""
    out: dict[tuple[str, str], Trigger] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""] * 4
        lemma, pos, type_, flags = cols[0], cols[1], cols[2], cols[3]
        preps: frozenset[str] = frozenset()
        governors: frozenset[str] = frozenset()
        kind: str | None = None
        light = abstract = recip = False
        for flag in filter(None, (f.strip() for f in flags.split(","))):
            if flag == "light":
                light = True
            elif flag == "abstract":
                abstract = True
            elif flag == "recip":
                recip = True
            elif flag.startswith("prep="):
                preps = frozenset(flag[5:].split("|"))
            elif flag.startswith("gov="):
                governors = frozenset(flag[4:].split("|"))
            elif flag.startswith("kind="):
                kind = flag[5:]
            else:
                raise ValueError(f"unknown lexicon flag {flag!r} for {lemma}")
        if type_ != "-" and type_ not in EVENT_TYPES:
            raise ValueError(f"unknown event type {type_!r} for {lemma}")
        out[(lemma, pos)] = Trigger(lemma, pos, type_, light, preps, abstract, recip, governors, kind)
    return out
