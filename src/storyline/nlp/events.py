"""``storyline_events``: PLOVER-like events coded from a trigger lexicon and a few
dependency patterns (no extra model), with mode, actor, target, geocoded location
and date.

Evidence: ``Event.text``/``start``/``end`` are the whole sentence holding the
trigger; the trigger word itself is in ``Event.meta["trigger"]`` with its span.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .geo import default_gazetteer, geocode
from ..models import Event, Quote, Timex
from .event_args import (
    EntityIndex,
    EntityRef,
    entity_ref,
    location_token,
    noun_arguments,
    place_span,
    verb_arguments,
)
from .dates import anchor_timex, article_date, event_date
from .event_dates import fallback_timexes
from .event_lexicon import (
    ABSTRACT,
    ALLEGATIONS,
    ENVOYS,
    FORCES,
    LABOUR_STRIKE_MODIFIERS,
    LEXICON_PATH,
    MATERIEL,
    MEETABLE,
    METAPHOR_MODIFIERS,
    NAME_LABELS,
    PUBLICATIONS,
    STATEMENT_DOCUMENTS,
    WEAPONS,
    Trigger,
    load_lexicon,
)
from .event_mode import event_mode
from .event_typer import EventTyper, apply_typer, check_labels
from .extensions import ensure_extensions, text_of

# Types whose xcomp complement is part of the same event ("threatened to strike",
# "agreed to withdraw", "refused to negotiate", "urged Moscow to stop"): one event, not two.
_FRAME_TYPES = frozenset({"THREATEN", "REQUEST", "AGREE", "REJECT", "ACCUSE"})
_ATTACK_VERBS = frozenset("launch fire drop use unleash".split())
_GIVING_VERBS = frozenset("send deliver provide give supply".split())
# Nouns that are events only with a qualifying modifier ("aid package", "military drills").
_NEEDS_MODIFIER = {
    "package": frozenset("aid military financial assistance support economic humanitarian sanction sanctions".split()),
    "exercise": frozenset("military naval joint army nuclear air war".split()),
    "drill": frozenset("military naval joint army nuclear air war".split()),
    "shield": frozenset({"human"}),
    "deal": frozenset("peace ceasefire trade minerals gas grain arms security prisoner".split()) | {"a", "the"},
}
_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
_MARKET_DEMAND = frozenset("high strong growing rising weak weaker falling consumer domestic global world market "
                           "energy oil gas power electricity food housing export import seasonal".split())
# Compounds where "aid" names who someone is, not an act of aid ("aid workers").
_AID_BEARERS = frozenset("worker agency organization organisation group official employee staff".split())
_MONEY = frozenset("money fund euro dollar pound million billion grant loan tranche".split())
_UNILATERAL = frozenset("declare announce observe extend order unveil".split())
_NO_COMMENT = frozenset("comment elaborate say confirm specify disclose name detail answer respond".split())
# Objects that make "block" a political rejection rather than coercion.
_BLOCKABLE = frozenset("package aid resolution measure sanction bid move accession membership motion "
                       "nomination appointment sale transfer loan fund tranche".split())


# Governing verbs that withdraw aid (a reduction of relations: SANCTION) or ease a sanction (CONCEDE).
_CUTTING = frozenset("reduce cut slash withhold halt stop suspend freeze end curtail".split())
_EASING = frozenset("lift remove ease repeal drop scrap end relax waive loosen".split())
_TRUCES = frozenset("ceasefire cease-fire truce armistice".split())
_LEVIES = frozenset("tariff duty tax levy ban sanction embargo restriction quota".split())
# Verbs that hand the event to a trigger noun object ("approved the deployment").
_APPROVING = frozenset("approve authorize authorise order endorse".split())
_CONFLICT_TYPES = frozenset({"SANCTION", "ASSAULT", "COERCE", "MOBILIZE"})
_HOSTS = frozenset("refugee migrant asylum-seeker evacuee".split())
# Verbs that are events only with one of these objects (verb, objects) -> type.
_VERB_OBJECT = {
    "open": (frozenset("border crossing corridor airspace port".split()), "CONCEDE"),
    "close": (frozenset("border crossing airspace port embassy consulate".split()), "COERCE"),
    "breach": (_TRUCES, "ASSAULT"),
    "strengthen": (frozenset("force troop presence contingent garrison".split()), "MOBILIZE"),
    "contribute": (frozenset("troop soldier force fund money personnel aid".split()), "AID"),
    "reduce": (_LEVIES, "CONCEDE"),
    "cut": (_LEVIES, "CONCEDE"),
    "lower": (_LEVIES, "CONCEDE"),
    "scrap": (_LEVIES, "CONCEDE"),
}


@dataclass
class _Hit:
    trigger: Token
    type: str
    governor: Token | None  # the light verb whose object the trigger is, if any
    entry: Trigger
    kind: str | None = None  # a finer kind kept in meta["kind"] ("demand")
    demanded: str | None = None  # for a "must" demand: the type of the demanded event


def _lookup(tok: Token, lexicon: dict[tuple[str, str], Trigger]) -> Trigger | None:
    if tok.pos_ in ("VERB", "AUX"):
        pos, other = "VERB", "NOUN"
    elif _nounish(tok):
        pos, other = "NOUN", "VERB"  # an "adjective" as subject or object is a mis-tagged noun ("offensive")
    else:
        return None
    lemma = _lemma(tok)
    entry = lexicon.get((lemma, pos))
    if entry is None and tok.pos_ != "PROPN" and not (pos == "VERB" and _object(tok) is not None) \
            and not (pos == "NOUN" and any(c.dep_ in ("det", "poss") for c in tok.children)):
        # Why: the small model often mis-tags "strikes"/"shelling" between noun and verb
        # (but a verb with a direct object is a verb: "dealing a blow" is no deal, and a noun
        # with a determiner a noun: "meet these targets").
        entry = lexicon.get((lemma, other))
        if entry is not None and pos == "VERB" and not entry.light and entry.pos == "NOUN":
            entry = None if tok.tag_ in ("VBZ", "VBP") and lemma != tok.lower_ else entry
    return entry


def _nounish(tok: Token) -> bool:
    """A noun, or an "adjective" the tagger put where a noun stands ("the regime offensive has ...")."""
    return tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and tok.dep_ in _NOUN_DEPS)


def _lemma(tok: Token) -> str:
    """The lowercase lemma; "cease-fire", split by the tokenizer, is read as one word."""
    if tok.lower_ == "fire" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-" \
            and tok.doc[tok.i - 2].lower_ == "cease":
        return "cease-fire"
    return tok.lemma_.lower()


def _governing_verb(tok: Token) -> Token | None:
    """The verb a noun is the object of ("expressed condolences", "and sympathy" through a conjunct)."""
    head = tok.head if tok.dep_ == "conj" else tok
    if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _yields_to_object(verb: Token, lexicon: dict[tuple[str, str], Trigger]) -> bool:
    """A verb whose object noun carries the event for it ("offering condolences" is a comment,
    "claimed responsibility" an acknowledgement): the verb is then no trigger of its own."""
    obj = _object(verb)
    if obj is None:
        return False
    entry = lexicon.get((_lemma(obj), "NOUN"))
    if entry is None or entry.light:
        return False
    if verb.lemma_.lower() in _APPROVING and not entry.governors:
        return True
    return entry.type == "STATEMENT" and (not entry.governors or verb.lemma_.lower() in entry.governors) \
        or verb.lemma_.lower() in entry.governors


def _prep_target(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("at", "on", "against", "to", "into", "toward", "towards"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    return None


def _has_prep(tok: Token, preps: frozenset[str]) -> bool:
    for c in tok.children:
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in preps:
            # "called on April 17" is a date, not "called on X to ..."
            if not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children):
                return True
    return False


def _modifiers(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "det")} | {
        c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}


def _classify(tok: Token, lexicon: dict[tuple[str, str], Trigger]) -> _Hit | None:
    """The event a token triggers on its own (light verbs through their object), or None."""
    if tok.lower_ == "according":  # "according to X" is attribution, not an accord
        return None
    if tok.dep_ in ("amod", "compound") and tok.tag_ in ("VBN", "VBD"):  # "Russia-backed forces"
        return None
    if tok.ent_type_ in NAME_LABELS:
        return None  # a word of a name: "Amnesty International", "Alliance For Change"
    entry = _lookup(tok, lexicon)
    if entry is None:
        return _verb_object_hit(tok)
    lemma = _lemma(tok)
    if entry.preps and not _has_prep(tok, entry.preps):
        return _verb_object_hit(tok)  # "cut tariffs" without "off"
    if entry.governors:
        gov = _governing_verb(tok)
        if gov is None or gov.lemma_.lower() not in entry.governors:
            return None
    if entry.pos == "VERB" and not entry.light and tok.pos_ in ("VERB", "AUX") and _yields_to_object(tok, lexicon):
        return None
    if entry.type == "REJECT" and any(c.dep_ == "xcomp" and c.lemma_.lower() in _NO_COMMENT for c in tok.children):
        return None  # "declined to comment" reports silence, not a rejection
    if entry.light:
        obj = _object(tok)
        if obj is None:
            return None
        olemma = obj.lemma_.lower()
        if lemma in _ATTACK_VERBS and olemma in WEAPONS:
            return _Hit(tok, "ASSAULT", None, entry)
        if lemma in _GIVING_VERBS and (olemma in MATERIEL or olemma in WEAPONS):
            return _Hit(tok, "AID", None, entry)
        if lemma == "send" and olemma in FORCES:
            if _peacekeeping(tok):
                return _Hit(tok, "AID", None, entry)
            return _Hit(tok, "MOBILIZE", None, entry)
        if lemma in _GIVING_VERBS and olemma in ("team", "group", "shipment", "convoy", "consignment") and any(
                _lemma(t) in MATERIEL for t in obj.subtree):
            return _Hit(tok, "AID", None, entry)  # "sent a team of medical experts"
        if lemma in _GIVING_VERBS and (obj.ent_type_ == "MONEY" or olemma in _MONEY):
            return _Hit(tok, "AID", None, entry)
        return None  # a trigger noun object carries the event itself
    type_ = entry.type
    if entry.pos == "NOUN" and _nounish(tok):
        mods = _modifiers(tok)
        needed = _NEEDS_MODIFIER.get(lemma)
        if needed is not None and not (mods & needed):
            return None
        if mods & METAPHOR_MODIFIERS:
            return None
        if lemma == "strike" and mods & LABOUR_STRIKE_MODIFIERS:
            type_ = "PROTEST"
        if lemma in ("exercise", "drill") and "joint" in mods:
            type_ = "COOPERATE"
        if lemma in ("ceasefire", "cease-fire", "truce") and tok.head.lemma_.lower() in _UNILATERAL:
            type_ = "CONCEDE"  # a declared, one-sided ceasefire is a concession, not an agreement
        if type_ == "ASSAULT":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "against", "of"):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None and obj.lemma_.lower() in ABSTRACT | {"word", "drug", "terror"}:
                        return None
    elif entry.abstract_accuse:
        obj = _object(tok)
        if obj is not None and obj.lemma_.lower() in ABSTRACT:
            type_ = "ACCUSE"
    elif lemma in ("block", "veto") and (obj := _object(tok)) is not None \
            and obj.lemma_.lower() in ABSTRACT | _BLOCKABLE:
        type_ = "REJECT"
    if lemma == "strike" and type_ == "ASSAULT":
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lemma_.lower() in ("worker", "employee", "union", "teacher", "doctor", "miner"):
            type_ = "PROTEST"
    type_ = _refine(tok, lemma, type_, entry)
    if type_ is None:
        return None
    return _Hit(tok, type_, None, entry)


def _refine(tok: Token, lemma: str, type_: str, entry: Trigger) -> str | None:
    """Object- and governor-dependent readings of a trigger (None: no event after all)."""
    obj = _object(tok) if tok.pos_ in ("VERB", "AUX") else None
    olemma = _lemma(obj) if obj is not None else None
    if type_ == "REJECT" and tok.pos_ in ("VERB", "AUX") and (
            olemma in ALLEGATIONS or (lemma == "deny" and any(c.dep_ == "ccomp" for c in tok.children))):
        return "STATEMENT"  # "denied the charges", "denied that ...": a denial (CAMEO 016)
    if lemma == "agree" and tok.pos_ in ("VERB", "AUX") and not any(c.dep_ == "xcomp" for c in tok.children) \
            and not _has_prep(tok, frozenset({"to", "on", "upon"})) \
            and _has_prep(tok, frozenset({"with"})) and not any(c.dep_ == "dobj" for c in tok.children):
        return "STATEMENT"  # "said they agree with the report": an opinion, not an accord
    if lemma == "demand" and _nounish(tok) and (tok.head.lower_ == "in" or _modifiers(tok) & _MARKET_DEMAND):
        return None  # "in high demand", "energy demand": a market, not a request
    if lemma == "meet" and olemma in MEETABLE:
        return "CONCEDE" if olemma == "demand" else None  # "meet the targets" / "met the demands"
    if lemma == "violate" and obj is not None and (olemma in _TRUCES or any(
            c.dep_ in ("compound", "amod") and _lemma(c) in _TRUCES for c in obj.children)):
        return "ASSAULT"  # a ceasefire violation is fighting, not an accusation
    if lemma in ("release", "issue", "publish") and olemma in STATEMENT_DOCUMENTS:
        return "STATEMENT"  # "released a statement"
    if lemma in ("release", "issue", "publish") and olemma in PUBLICATIONS:
        return None  # "released the report": a publication, not a prisoner release
    if lemma == "accept" and olemma == "demand":
        return "CONCEDE"  # acceding to demands (CAMEO 083)
    if lemma == "accept" and olemma in _HOSTS:
        return "AID"  # taking in refugees (CAMEO 075)
    if type_ == "SANCTION" and tok.pos_ in ("VERB", "AUX") and lemma != "cut" and olemma in _LEVIES:
        return "CONCEDE"  # "suspended the tax", "froze the sanctions": an easing
    if lemma in ("expel", "force") and olemma in ENVOYS:
        return "SANCTION"  # expelling diplomats reduces relations (CAMEO 16)
    if type_ == "RETREAT" and (olemma in ENVOYS or olemma in ("peacekeeper", "ambassador")):
        return "SANCTION"  # withdrawing envoys or peacekeepers (CAMEO 16), not a military retreat
    if lemma == "alert" and not (tok.dep_ == "pobj" and tok.head.lower_ == "on"):
        return None  # "remained on alert" is a force posture; "an alert" is not
    if type_ == "AID" and tok.dep_ == "compound" and tok.head.lemma_.lower() in _AID_BEARERS:
        return None  # "aid workers"
    if type_ == "MOBILIZE" and _peacekeeping(tok):
        return "AID"  # a peacekeeping deployment (CAMEO 074)
    if _nounish(tok) and (gov := _governing_verb(tok)) is not None:
        glemma = gov.lemma_.lower()
        if type_ == "AID" and glemma in _CUTTING:
            return "SANCTION"  # "reduced military aid"
        if type_ == "SANCTION" and glemma in _EASING:
            return "CONCEDE"  # "removed the sanctions"
        if type_ == "SUPPORT" and lemma == "support" and glemma in _GIVING_VERBS:
            return "AID"  # "provided support for the installation of latrines"
    return type_


def _claims_own_act(tok: Token, lexicon: dict[tuple[str, str], Trigger]) -> bool:
    """ "X claimed (that) they/it did <event>": a claim of one's own act (CAMEO 015, a statement)."""
    if tok.lemma_.lower() != "claim" or tok.pos_ not in ("VERB", "AUX"):
        return False
    for comp in tok.children:
        if comp.dep_ != "ccomp":
            continue
        subj = next((c for c in comp.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ in ("they", "it", "he", "she", "we") \
                and _classify(comp, lexicon) is not None:
            return True
    return False


def _is_obligation(tok: Token) -> bool:
    """A verb under "must" whose subject is someone else ("X must withdraw"; not "we must")."""
    if tok.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
        return False
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in ("have", "'ve")) for c in tok.children):
        return False  # "must have known": a guess about the past, not a demand
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lower_ not in ("i", "we", "you", "one")


def _peacekeeping(tok: Token) -> bool:
    return any(t.lemma_.lower().startswith("peacekeep") for t in tok.subtree)


def _demand_kind(hit: _Hit, lexicon: dict[tuple[str, str], Trigger]) -> str | None:
    """A request for punitive action ("called for sanctions against China") is a demand (CAMEO 10)."""
    if hit.type != "REQUEST" or hit.entry.kind:
        return hit.entry.kind if hit.type == hit.entry.type else None
    for c in hit.trigger.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            for g in c.children:
                entry = lexicon.get((_lemma(g), "NOUN"))
                if g.dep_ == "pobj" and entry is not None and entry.type in _CONFLICT_TYPES:
                    return "demand"
    return None


def _verb_object_hit(tok: Token) -> _Hit | None:
    """Verbs outside the lexicon that are events with particular objects ("opened its borders")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    rule = _VERB_OBJECT.get(tok.lemma_.lower())
    obj = _object(tok)
    if rule is None or obj is None or _lemma(obj) not in rule[0]:
        return None
    return _Hit(tok, rule[1], None, Trigger(tok.lemma_.lower(), "VERB", rule[1]))


def _governor(tok: Token, lexicon: dict[tuple[str, str], Trigger]) -> Token | None:
    """The light verb a trigger noun is the object of ("held talks", "imposed sanctions")."""
    head = tok
    if head.dep_ == "conj":
        head = head.head
    if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        entry = lexicon.get((head.head.lemma_.lower(), "VERB"))
        if entry is not None and (entry.light or _yields_to_object(head.head, lexicon)):
            return head.head
        if entry is None:
            return head.head  # any governing verb lends its subject ("began an offensive")
    return None


def sentence_hits(sent: Span, lexicon: dict[tuple[str, str], Trigger]) -> list[_Hit]:
    """Event triggers in one sentence after folding nested and duplicate triggers."""
    hits: list[_Hit] = []
    for tok in sent:
        hit = _classify(tok, lexicon)
        if hit is None and _claims_own_act(tok, lexicon):
            # "the Houthis claimed that they had attacked the airport": acknowledging one's own act
            hit = _Hit(tok, "STATEMENT", None, Trigger(tok.lemma_.lower(), "VERB", "STATEMENT"), "claim")
        if _is_obligation(tok):
            # "Turkey must mediate", "the oppression must end": what someone demands of another
            demanded = hit.type if hit is not None else None
            hit = _Hit(tok, "REQUEST", None, Trigger(tok.lemma_.lower(), "VERB", "REQUEST"), "demand", demanded)
        if hit is None:
            continue
        if _nounish(tok):
            hit.governor = _governor(tok, lexicon)
        if hit.kind is None:
            hit.kind = _demand_kind(hit, lexicon)
        hits.append(hit)
    by_index = {h.trigger.i: h for h in hits}
    kept: list[_Hit] = []
    for hit in hits:
        tok = hit.trigger
        # "threatened to strike": the complement belongs to the framing event.
        if tok.dep_ in ("xcomp", "ccomp", "pcomp") and by_index.get(tok.head.i) is not None:
            if by_index[tok.head.i].type in _FRAME_TYPES:
                continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and by_index.get(tok.head.head.i) is not None:
            if by_index[tok.head.head.i].type in _FRAME_TYPES:  # "accused X of attacking"
                continue
        # Same type directly linked ("the attack killed", "struck and destroyed"): one event.
        head = tok.head
        if head.dep_ == "prep" and tok.dep_ == "pobj":
            head = head.head  # "agreed to a ceasefire"
        if head.i != tok.i and by_index.get(head.i) is not None and by_index[head.i].type == hit.type:
            continue
        if hit.governor is not None and by_index.get(hit.governor.i) is not None:
            gov = by_index[hit.governor.i]
            if gov.type == hit.type:
                continue
        kept.append(hit)
    return kept



def _ref_fields(ref: EntityRef | None) -> tuple[str | None, dict]:
    if ref is None:
        return None, {}
    return ref.name, {"text": ref.text, "span": [ref.start, ref.end]}


def code_sentence_events(doc: Doc, sent: Span, lexicon, index: EntityIndex, timexes: list[Timex],
                         published: str | None, do_geocode: bool = True) -> list[Event]:
    """Events of one sentence (ids left empty; the caller numbers them in text order)."""
    return [_event_from_hit(doc, sent, hit, index, timexes, published, do_geocode)
            for hit in sentence_hits(sent, lexicon)]


def _event_from_hit(doc: Doc, sent: Span, hit: _Hit, index: EntityIndex, timexes: list[Timex],
                    published: str | None, do_geocode: bool) -> Event:
    """The event of one trigger: arguments, location, date and mode."""
    tok = hit.trigger
    meta_instrument = None
    if _nounish(tok) and hit.entry.pos == "NOUN":
        actor_tok, target_tok = noun_arguments(tok, hit.governor)
    else:
        actor_tok, target_tok = verb_arguments(tok)
        if hit.entry.light and target_tok is not None and target_tok.dep_ == "dobj":
            # "launched 653 drones at Ukraine": the object is the instrument, the target follows
            meta_instrument = target_tok.lemma_.lower()
            target_tok = _prep_target(tok)
        else:
            meta_instrument = None
    if actor_tok is not None and target_tok is not None and actor_tok.i == target_tok.i:
        target_tok = None
    actor_ref, target_ref = entity_ref(actor_tok, index), entity_ref(target_tok, index)
    meta: dict = {"trigger": tok.text, "trigger_span": [tok.idx, tok.idx + len(tok.text)], "evidence": "sentence"}
    if hit.kind:
        meta["kind"] = hit.kind
    if hit.demanded:
        meta["demanded_type"] = hit.demanded
    if not _nounish(tok) and meta_instrument:
        meta["instrument"] = meta_instrument
    actor, actor_meta = _ref_fields(actor_ref)
    target, target_meta = _ref_fields(target_ref)
    if actor_meta:
        meta["actor_text"], meta["actor_span"] = actor_meta["text"], actor_meta["span"]
    if target_meta:
        meta["target_text"], meta["target_span"] = target_meta["text"], target_meta["span"]
    # location: "in X"/"on X"; else an attacked or raided place is where it happened
    loc_tok = location_token(tok, hit.governor)
    if loc_tok is None and hit.type in ("ASSAULT", "COERCE", "PROTEST") and target_tok is not None \
            and place_span(target_tok) is not None:
        loc_tok = target_tok
    location = None
    if loc_tok is not None and (span := place_span(loc_tok)) is not None:
        location = text_of(doc)[span[0]:span[1]]
        meta["location_span"] = list(span)
        if do_geocode:
            place = geocode(location)
            if place is not None:
                meta.update({"country": place.country, "lat": place.lat, "lon": place.lon,
                             "geo_kind": place.kind, "geo_name": place.name})
    date, precision = _event_date(tok, sent, timexes, published, meta)
    mode = event_mode(tok, hit.governor, date, published)
    return Event(id="", type=hit.type, text=sent.text, start=sent.start_char, end=sent.end_char,
                 mode=mode, actor=actor, target=target, location=location, date=date,
                 date_precision=precision, meta=meta)


def _event_date(tok: Token, sent: Span, timexes: list[Timex], published: str | None,
                meta: dict) -> tuple[str | None, str | None]:
    """The event's date and precision by ``dates.event_date`` (the timex of the trigger's own or a
    governing clause; else the day the article is about for past events; else the publication date)."""
    dated = event_date(tok, timexes, published, article_date(timexes, published))
    if dated is None:
        return None, None
    value, precision, basis = dated
    meta["date_basis"] = basis
    timex = anchor_timex(tok, timexes)
    if timex is not None and basis == "timex":
        meta["date_text"], meta["date_span"] = timex.text, [timex.start, timex.end]
        if timex.value_max:
            meta["date_max"] = timex.value_max
    return value, precision


def statement_events(doc: Doc, quotes: list[Quote], taken: set[int], timexes: list[Timex],
                     published: str | None) -> list[Event]:
    """One STATEMENT per quoted sentence that carries no other event (``taken``: sentence starts)."""
    out: list[Event] = []
    seen: set[int] = set()
    for quote in quotes:
        span = doc.char_span(quote.start, min(quote.end, len(text_of(doc))), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sent = span[0].sent
        if sent.start_char in taken or sent.start_char in seen:
            continue
        seen.add(sent.start_char)
        meta: dict = {"evidence": "sentence", "quote_span": [quote.start, quote.end]}
        if quote.cue:
            meta["trigger"] = quote.cue
        if quote.speaker_text:
            meta["actor_text"] = quote.speaker_text
            if quote.speaker_span:
                meta["actor_span"] = list(quote.speaker_span)
        date, precision = _event_date(sent.root, sent, timexes, published, meta)
        out.append(Event(id="", type="STATEMENT", text=sent.text, start=sent.start_char, end=sent.end_char,
                         actor=quote.speaker or quote.speaker_text, date=date, date_precision=precision, meta=meta))
    return out


def code_events(doc: Doc, lexicon=None, do_geocode: bool = True, typer: EventTyper | None = None) -> list[Event]:
    """Every event of the article, ids "ev0", "ev1", ... in text order of their triggers; with a
    trained ``typer``, its labels replace the lexicon's type of each sentence's main event."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    published = doc._.storyline_published
    timexes = doc._.storyline_timexes
    if timexes is None:
        timexes = fallback_timexes(doc)
    index = EntityIndex(doc, doc._.storyline_entities)
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(code_sentence_events(doc, sent, lexicon, index, timexes, published, do_geocode))
    taken = {e.start for e in events}
    events.extend(statement_events(doc, doc._.storyline_quotes or [], taken, timexes, published))
    if typer is not None:
        def root_event(sent: Span, label: str) -> Event:
            root = sent.root
            hit = _Hit(root, label, None, Trigger(root.lemma_.lower(), "VERB", label))
            return _event_from_hit(doc, sent, hit, index, timexes, published, do_geocode)

        events = apply_typer(doc, events, typer, root_event)

    def anchor(e: Event) -> int:
        span = e.meta.get("trigger_span") or e.meta.get("quote_span") or [e.start]
        return span[0]

    events.sort(key=lambda e: (anchor(e), e.start))
    for i, event in enumerate(events):
        event.id = f"ev{i}"
    return events


@Language.factory("storyline_events", default_config={"lexicon_path": None, "geocode": True, "model_path": None})
def make_events(nlp: Language, name: str, lexicon_path: str | None, geocode: bool, model_path: str | None):
    """The component; ``lexicon_path`` replaces the shipped trigger lexicon, ``geocode``
    switches the offline gazetteer lookup of locations, ``model_path`` names a typer trained
    by ``event_typer.train_typer`` (the ``event_model`` setting; none by default)."""
    ensure_extensions()
    lexicon = load_lexicon(Path(lexicon_path) if lexicon_path else LEXICON_PATH)
    typer = None
    if model_path:
        typer = EventTyper.load(model_path)
        check_labels(typer, model_path)
    if geocode:
        default_gazetteer()  # load once with the pipeline, not inside the first document

    def storyline_events(doc: Doc) -> Doc:
        doc._.storyline_events = code_events(doc, lexicon, geocode, typer)
        return doc

    return storyline_events
