"""The claim ledger: figures and statements about the same thing, grouped across
articles and marked agreeing, diverging, contradicting or updated.

Pure functions. ``article_facts`` turns one article's claims and quotes into
facts (what is counted, by whom, when, with the sentence as evidence);
``group_facts`` groups a story's facts and judges each group.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..models import Article

# Bump when the ledger's rules change (what becomes a fact, how facts group, how sides are
# told): stored ledgers carry the version that built them (kb_meta "ledger_version") and
# `storyline reprocess` rebuilds those of another version. "1" (or none) = before versioning.
# "4": sides are told with the user's `officeholder_tables` too, not only the shipped and sample tables.
LEDGER_VERSION = "4"
from ..nlp.officeholders import canonical_place, person_place, seat_country
from .features import normalise_passage

# The counted thing is told by the words around a figure: "412 drones launched" and
# "389 drones shot down" are two measures of one unit, not a dispute. Order matters:
# the nearest cue to the figure wins, ties go to the earlier pattern.
MEASURES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx, re.I)) for name, rx in [
    ("intercepted", r"\b(shot down|shoot down|downed|intercept\w*|neutrali[sz]ed|repelled|jammed|"
                    r"destroyed by air defen[cs]es?|air defen[cs]es?\b[^.,;]{0,30}?\bdestroy\w*)"),
    ("killed", r"\b(kill\w*|dead|died|die|deaths?|death toll|toll|bodies|fatalit\w+|"
               r"(?:lost|claimed|took)\s+(?:[\w-]+\s+){0,2}?lives|lives\s+(?:were\s+|have been\s+)?lost)\b"),
    ("injured", r"\b(injur\w*|wound\w*|hurt|hospitali[sz]ed)\b"),
    ("launched", r"\b(launch\w*|fired|sent)\b"),
    ("hit", r"\b(hit|struck)\b"),
    ("participants", r"\b(rall\w*|protest\w*|demonstrat\w*|crowd|gathered|marched|attended|turnout|took part|"
                     r"take part|taking part|turned out|joined)\b"),
    ("evacuated", r"\b(evacuat\w*|displaced|homeless|sheltering|shelters?)\b"),
    ("without_power", r"\b(without (?:power|electricity|heating|water)|blackouts?|power cuts?|outages?)\b"),
    ("detained", r"\b(detain\w*|arrest\w*)\b"),
    ("damaged", r"\b(damag\w*|destroy\w*)\b"),
    ("sanctioned", r"\b(sanction\w*|blacklist\w*|targets)\b"),
    ("aid", r"\b(aid|assistance|package|pledg\w*|loans?|grants?|funding|convoy|deliver\w*|bringing|brought)\b"),
]]
# A sum of money is keyed by what the money is: aid given, assets frozen, what a thing costs.
MONEY_MEASURES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx, re.I)) for name, rx in [
    ("assets_frozen", r"\b(frozen|freez\w*|seiz\w*|immobili[sz]ed|assets)\b"),
    ("cost", r"\b(costs?|costing|priced?|worth of damage|cheap\w*|expensive)\b"),
    ("damage", r"\b(damage|losses|reconstruction)\b"),
    ("aid", r"\b(aid|assistance|package|pledg\w*|loans?|grants?|funding|provide|give|gives|given|worth|"
            r"support|budget)\b"),
]]
CUMULATIVE = {"killed", "injured", "evacuated", "detained", "damaged"}
PERSON_MEASURES = {"killed", "injured", "participants", "evacuated", "detained"}
PERSON_UNITS = {"", "person", "people", "body", "victim", "individual", "resident", "life"}
# Who can be killed, hurt, detained, evacuated or take part: a figure of "homes" near "killed" is not a toll.
PEOPLE_NOUNS = PERSON_UNITS | {
    "civilian", "child", "children", "soldier", "serviceman", "servicemen", "troop", "fighter", "militant",
    "officer", "police officer", "policeman", "worker", "protester", "demonstrator", "prisoner", "hostage",
    "patient", "refugee", "journalist", "woman", "women", "man", "men", "family", "adult", "minor", "student",
    "pupil", "passenger", "casualty", "member", "personnel", "crew", "rescuer", "firefighter", "doctor",
    "volunteer", "citizen", "national", "mercenary", "militiaman", "infant", "baby", "teenager", "boy", "girl",
    "household", "inhabitant", "supporter", "participant", "marcher", "guard", "pilot", "sailor", "marine"}
DURATION_UNITS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "time", "%",
                  "percent", "km", "m", "kilometre", "mile", "date", "morning", "evening", "afternoon"}
# Statements that a figure contradicts: (pattern, measures it opposes, label). A denial
# names the figures it denies ("casualty figures ... inflated"); "no one" alone ("no one
# expected", "no one will give up") says nothing about casualties.
_DENIED = r"(?:figures?|numbers?|toll|casualty|casualties|losses|data|statistics|count)"
_CLAIMS = r"(?:figures?|numbers?|toll|casualty|casualties|losses|data|statistics|count|claims?|reports?)"
_DENY = r"(?:den(?:y|ied|ies|ying)|rejected|dismissed|refuted|fake|fabricat\w+|false|lies)"
_DISCREDIT = r"(?:fake|fabricat\w+|false|invented|exaggerated|inflated|lies|propaganda|untrue|baseless)"
OPPOSING: list[tuple[re.Pattern[str], set[str], str]] = [
    (re.compile(r"\ball (?:the |of the |its |their )?(?:\w+ ){0,2}(?:targets|objects|objectives|facilities)\b"
                r"[^.]{0,40}?\b(?:were |have been |had been )?(?:hit|struck|destroyed|achieved|reached|eliminated)",
                re.I), {"intercepted"}, "all targets hit"),
    (re.compile(r"\b(?:no|not a single|not one|none of the|zero)\s+(?:[\w-]+\s+){0,2}?(?:casualt\w+|deaths?|"
                r"fatalit\w+|victims?|dead)\b|\b(?:no|not a single|not one|none of the)\s+(?:[\w-]+\s+){0,2}?"
                r"(?:civilians?|people|one|residents?|person|soldiers?|servicem[ae]n)\s+(?:[\w-]+\s+){0,2}?"
                r"(?:was\s+|were\s+|has been\s+|have been\s+|had been\s+)?(?:killed|died|hurt|injured|harmed|"
                r"wounded)\b", re.I), {"killed", "injured"}, "no casualties"),
    (re.compile(rf"\b{_DENY}\b[^.]{{0,80}}?\b{_DENIED}\b", re.I), set(), "denial"),
    (re.compile(rf"\b{_DENIED}\b[^.]{{0,60}}?\b{_DISCREDIT}\b", re.I), set(), "denial"),
]
# A figure inside a sentence like these is the figure denied: "dismissed Varnish claims that
# 389 drones had been shot down as propaganda".
DENYING_A_FIGURE = [re.compile(rf"\b{_DENY}\b[^.]{{0,80}}?\b{_CLAIMS}\b", re.I),
                    re.compile(rf"\b{_CLAIMS}\b[^.]{{0,80}}?\b{_DISCREDIT}\b", re.I)]
_INCREMENT = re.compile(r"\b(?:more|additional|further|another|extra)\b", re.I)
# A figure that is a part of a total given beside it: "47 injured, 11 of them children",
# "EUR 18 billion, including up to EUR 5 billion for air defence", "includes two who died in hospital".
_PART_BEFORE = re.compile(r"\b(?:including|includ(?:es|ed)|among them|among whom|of whom|of which|of those|"
                          r"of these|among those)\s+(?:\w+\s+){0,3}$", re.I)
_PART_AFTER = re.compile(r"^\S*\s+(?:\w+\s+)?(?:of them|of whom|of which|of those|of these)\b", re.I)
# "X of (the) Y drones [launched by Z]": X is counted out of Y.
_OUT_OF = re.compile(r"\s+(?:out of|of)\s+(?:the\s+|a total of\s+)?[\d][\d,.]*\s+(?:[\w-]+\s+){0,2}?"
                     r"(?:[\w-]+)(?:\s+(?:launched|fired|sent)(?:\s+by\s+[\w-]+(?:\s+(?-i:[A-Z])[\w-]+)*)?)?", re.I)
_PREDICATE = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:were|was|have been|has been|had been|are|is|got|"
                        r"were reported|are reported)\s+(?:[\w-]+\s+)?$", re.I)
_WHOLE = re.compile(r"\b(?:out of|of)\s+(?:the\s+|a total of\s+)?$", re.I)
# An earlier figure recalled beside the current one: "up from at least nine", "had initially put the toll at nine".
_RECALLED = re.compile(r"\b(?:initially|originally|previously|earlier|first reports?|up from|ago|last year|"
                       r"had (?:first )?"
                       r"(?:spoken of|put|given|reported|said|counted))\b[^.;]{0,50}$", re.I)
# Figures counted since a start (totals) are not the day's figures.
_TOTAL = re.compile(r"\b(?:in total|a total of|since the (?:start|beginning|outbreak)|so far|to date|overall|"
                    r"in all|altogether|since (?:[A-Z][a-z]+ )?20\d\d|since (?:the first|its first))\b", re.I)
# A figure hoped for or planned is not one achieved: "hoped to deliver between 1,500 and 2,000 generators".
_PLANNED = re.compile(r"\b(?:hopes?|hoped|plans?|planned|aims?|aimed|intends?|intended|expects?|expected|will|would|"
                      r"wants?|seeks?|could|may|might)\b(?:\s+to)?\s+(?:[\w-]+\s+){0,3}$", re.I)
# "Brava police put the number at about 3,500": the measure of the figure before.
_ANAPHOR = re.compile(r"\b(?:put|estimated?|gave|placed|set)\s+(?:the|their|its)\s+(?:number|figure|count|"
                      r"turnout|toll|estimate|total)\s+(?:at|to)\s+$", re.I)
_ROLE_WORDS = {"the", "a", "an", "major", "general", "colonel", "mayor", "defence", "defense", "ministry",
               "foreign", "president", "prime", "minister", "spokesman", "spokesperson", "independent", "state",
               "city", "police", "air", "force", "armed", "forces", "office", "ministry's", "national", "general's"}


# Words naming a body that speaks for a side ("Osmerian Defence Ministry", "Brava police").
_BODY_WORDS = {"ministry", "government", "army", "armed", "forces", "force", "office", "police", "embassy",
               "council", "parliament", "administration", "military", "navy", "command", "guard", "service",
               "agency", "presidency", "cabinet", "staff", "committee", "authorities", "department", "palace",
               "troops", "officials", "delegation", "mission"}


@dataclass
class Fact:
    """One figure (kind "claim") or opposing statement (kind "statement") in one article."""

    article_id: str
    kind: str
    idx: int
    measure: str
    unit: str
    text: str
    evidence: str
    start: int
    end: int
    value: float | None = None
    value_max: float | None = None
    approx: str | None = None
    claimant: str | None = None
    claimant_id: str | None = None
    source: str | None = None
    day: str | None = None
    when: str | None = None  # publication time, for ordering revised figures
    polarity: str | None = None
    origin_key: str = ""

    @property
    def who(self) -> str:
        """The side a fact comes from: its claimant, else the outlet's own reporting."""
        return self.claimant_id or self.claimant or f"{self.source or 'unknown outlet'} (own reporting)"

    def same_side(self, other: "Fact") -> bool:
        """Same claimant, a bare surname matching a full name ("Teravel" / "Oskar Teravel") included."""
        if self.who == other.who:
            return True
        a, b = (self.claimant or "").split(), (other.claimant or "").split()
        return bool(a and b) and (len(a) == 1 or len(b) == 1) and a[-1] == b[-1]


@dataclass
class Group:
    id: str
    measure: str
    unit: str
    status: str  # agreeing | diverging | contradicting | updated | single
    facts: list[Fact]
    stances: list[str]
    n_origins: int
    n_claimants: int
    low: float | None
    high: float | None
    note: str = ""
    members: list[tuple[Fact, str]] = field(default_factory=list)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start),
               text.rfind("! ", 0, start))
    left = left + 1 if left >= 0 else 0
    ends = [i for i in (text.find(". ", end), text.find("\n", end), text.find("? ", end)) if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    return left, right


def _nearest(patterns: list[tuple[str, re.Pattern[str]]], sentence: str, start: int, end: int,
             masked: tuple[int, int] | None = None) -> str | None:
    best: tuple[int, int, str] | None = None
    for order, (name, rx) in enumerate(patterns):
        for m in rx.finditer(sentence):
            if m.start() < end and m.end() > start:
                continue
            if masked and m.start() >= masked[0] and m.end() <= masked[1]:
                continue
            dist = m.start() - end if m.start() >= end else start - m.end()
            if masked and m.start() >= masked[1]:
                dist -= masked[1] - masked[0]  # the cue beyond "of the 297 drones" is the figure's own
            if m.start() >= end and _PREDICATE.match(sentence[end:m.start()]):
                dist -= 4  # "28 children were killed and 64 were wounded": 64's verb is the one after it
            if best is None or (dist, order) < best[:2]:
                best = (dist, order, name)
    return best[2] if best else None


def measure_of(sentence: str, start: int, end: int, money: bool = False) -> str | None:
    """The measure whose cue word is nearest to the figure at [start, end) of ``sentence``.
    In "270 of the 297 drones launched by Kestria had been shot down" the cues inside the
    "of ..." phrase belong to the 297, not to the 270. Sums of money take money measures only."""
    out_of = _OUT_OF.match(sentence, end)
    masked = (end, out_of.end()) if out_of else None
    if money:
        return _nearest(MONEY_MEASURES, sentence, start, end, masked)
    measure = _nearest(MEASURES, sentence, start, end, masked)
    if measure in {"intercepted", "hit"} and _WHOLE.search(sentence[:start]):
        return "launched"  # "389 of 412 drones were shot down": 412 is what was launched
    return measure


def is_part(sentence: str, start: int, end: int, measure: str | None) -> bool:
    """A figure given as a part of a total beside it ("11 of them children", "including six
    ballistic missiles", "two of the 14 dead"), not a figure about the total."""
    if _PART_BEFORE.search(sentence[:start]) or _PART_AFTER.match(sentence[end:]):
        return True
    return measure not in {"intercepted", "hit", None} and bool(_OUT_OF.match(sentence, end))


_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|an|i|ic|ch|ean)$")


def owner_of(text: str, start: int, end: int, unit: str) -> str:
    """The side a counted thing belongs to when the text says it: "41 Varnish drones" -> Varnish."""
    if not unit or unit[:3].isupper():
        return ""
    stem = unit.split()[-1][:4].lower()
    m = re.match(r"[^\d]*\d[\d,.]*\s+((?:[\w-]+\s+){1,2}?)" + re.escape(stem), text[start:end + 40], re.I)
    if not m:
        return ""
    caps = [w for w in m.group(1).split() if _DEMONYM.match(w) and w.lower() not in _ROLE_WORDS]
    return caps[-1] if caps else ""


# Regular endings of a place's name and its adjective ("Osmeria"/"Osmerian", "Italy"/"Italian",
# "Ukraine"/"Ukrainian"), longest first: both reduce to one stem.
_PLACE_ENDINGS = sorted(("ians", "ian", "ans", "an", "ish", "ese", "ia", "ic", "a", "y", "e", "o", "i"),
                        key=len, reverse=True)


def place_stem(word: str) -> str:
    """A name word without its regular place or demonym ending ("Osmerian", "Osmeria" ->
    "osmer"; "Austria" -> "austr" but "Australia" -> "austral"); at least four letters stay."""
    w = word.casefold().replace("\u2019", "'").removesuffix("'s").removesuffix("'")
    for end in _PLACE_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[:-len(end)]
    return w


def _side_key(word: str, tables: tuple[str, ...] = ()) -> str:
    """The country or body a name word stands for: a seat of power's country ("Kremlin" ->
    "russia"), else its canonical place where the office-holder tables know it ("Kestrian",
    "Kestria's" -> "kestria"; "Russian" -> "russia"), else its stem without a regular place or
    demonym ending (a guess that keeps "Osmerian" and "Osmeria" together and "Austrian" and
    "Australian" apart). ``tables``: the user's extra office-holder CSV files (the
    ``officeholder_tables`` setting), read on top of the shipped and sample ones."""
    place = canonical_place(word, tables)
    seat = seat_country(place or word)
    if seat or place:
        return (seat or place or "").casefold()
    return place_stem(word)


def _place_in(name: str, tables: tuple[str, ...] = ()) -> str | None:
    """The side of a seat of power or a place of several words named in ``name`` ("White House
    press office", "United States Department of State" -> "united states")."""
    words = re.findall(r"[\w'.-]+", name)
    for n in (3, 2, 1):
        for k in range(len(words) - n + 1):
            phrase = " ".join(words[k:k + n])
            country = seat_country(phrase) or (canonical_place(phrase, tables) if n > 1 else None)
            if country:
                return _side_key(country, tables)
    return None


def side_of(name: str | None, evidence: str = "", tables: tuple[str, ...] = ()) -> str:
    """A short key of the country or body a claimant speaks for: "Kestrian Ministry of Defence"
    and "Kestria's defence ministry" both give "kestria", "Kremlin", "Russian Foreign
    Ministry" and "Dmitry Peskov" all "russia"; "" when the name does not say. ``tables``: the
    user's extra office-holder tables (their people, places and demonyms name sides too)."""
    words = (name or "").split()
    if words and evidence:  # the text's own "Kestria's defence ministry" outranks a resolved name
        m = re.search(rf"\b([A-Z][a-z]+)'s\s+(?:[\w-]+\s+){{0,2}}?{re.escape(words[-1])}\b", evidence, re.I)
        if m and m.group(1)[:1].isupper():
            return _side_key(m.group(1), tables)
    seat = _place_in(name or "", tables)
    if seat:
        return seat
    office = person_place(name, tables) if name else None
    if office:  # an office holder of the tables speaks for the office's country ("Peskov" -> "russia")
        return _side_key(office, tables)
    tokens = re.findall(r"[A-Z][\w-]+", name or "")
    # an unknown word is a guess at a place only alone ("Romania") or before a body ("Osmerian
    # Defence Ministry"), never a person's first name ("Sergei Chemezov", "Roman Busargin")
    bodily = len((name or "").split()) == 1 or any(w.lower() in _BODY_WORDS for w in (name or "").split())
    for token in tokens:
        if token.lower() not in _ROLE_WORDS:
            if canonical_place(token, tables):
                return _side_key(token, tables)
            return _side_key(token, tables) if bodily and re.search(r"(?:ian|ish|ese|an|i|ic|ch|ia|a)$", token) else ""
    m = re.search(r"\b([A-Z][a-z]+)'s\b", evidence)
    return _side_key(m.group(1), tables) if m else ""


def normal_unit(unit: str, measure: str) -> str | None:
    """The counted thing a group is keyed on, or None for a figure the ledger leaves out."""
    unit = (unit or "").strip()
    low = unit.lower()
    if low in DURATION_UNITS or (low.split() and low.split()[0] in DURATION_UNITS):
        return None
    if measure in PERSON_MEASURES:
        return "person" if low in PERSON_UNITS else (low if low in PEOPLE_NOUNS else None)
    if low in PERSON_UNITS:
        return "person" if low else None
    return unit if unit[:3].isupper() else low


def origin_key(origin_id: str, evidence: str) -> str:
    """Copies of one report share an origin; so do articles repeating the same sentence."""
    digest = hashlib.blake2b(normalise_passage(evidence).encode("utf-8"), digest_size=6).hexdigest()
    return f"{origin_id}|{digest}"


def _event_days(article: Article) -> dict[str, str]:
    return {e.id: e.date[:10] for e in article.events if e.date and e.date_precision == "day"}


def _denial(sentence: str) -> bool:
    return any(rx.search(sentence) for rx in DENYING_A_FIGURE)


def article_facts(article: Article, origin_id: str, day: str | None) -> list[Fact]:
    """The ledger facts of one article: figures with a known measure, and opposing statements.

    A figure's key is (measure, counted thing): the measure from the cue words around it,
    with "_total" when the sentence counts since a start ("so far", "since the beginning");
    the counted thing with its owner when the text names one ("Varnish drone"). Parts of a
    total given beside it are left out; an earlier figure recalled beside a new one has
    polarity "earlier"; a figure inside a denial ("dismissed claims that 389 drones had been
    shot down as propaganda") is a statement against that figure, not a claim of it."""
    text, out = article.text, []
    event_days = _event_days(article)
    previous: dict[str, str] = {}
    for i, c in enumerate(article.claims):
        s0, s1 = _sentence(text, c.start, c.end)
        sentence = text[s0:s1]
        a, b = c.start - s0, c.end - s0
        own = re.search(r"\s+(?:out of|of)\s+(?:the\s+|a total of\s+)?\d", c.text)
        if own:  # "270 of the 297 drones": the figure is 270, counted out of 297
            b = a + own.start()
        money = bool(c.unit) and c.unit[:3].isupper() and len(c.unit) == 3
        measure = measure_of(sentence, a, b, money=money)
        if measure is None and _ANAPHOR.search(sentence[:a]):
            measure = previous.get(normal_unit(c.unit, "participants") or "")
        if measure is None or _INCREMENT.search(c.text):  # "two more bodies" is an increment, not a total
            continue
        unit = normal_unit(c.unit, measure)
        if unit is None or is_part(sentence, a, b, measure):
            continue
        previous[unit] = measure
        owner = owner_of(text, c.start, c.end, unit)
        if owner and owner.lower() not in unit.lower():
            unit = f"{owner} {unit}"
        if _TOTAL.search(sentence):
            measure += "_total"
        elif _PLANNED.search(sentence[:a]):
            measure += "_planned"
        evidence = sentence.strip()
        when = article.published or day
        fact_day = event_days.get(c.event_id or "", day)
        if _denial(sentence):
            out.append(Fact(
                article_id=article.id, kind="statement", idx=1_000_000 + i, measure=base_measure(measure),
                unit=unit, text=evidence, evidence=evidence, start=c.start, end=c.end, source=article.source,
                day=fact_day, when=when, polarity="denial", origin_key=origin_key(origin_id, evidence)))
            continue
        polarity = "earlier" if _RECALLED.search(sentence[:a]) else None
        out.append(Fact(
            article_id=article.id, kind="claim", idx=i, measure=measure, unit=unit, text=c.text,
            evidence=evidence, start=c.start, end=c.end, value=c.value, value_max=c.value_max, approx=c.approx,
            claimant=c.claimant, claimant_id=c.claimant_id, source=article.source,
            day=fact_day, when=when, polarity=polarity, origin_key=origin_key(origin_id, evidence)))
    seen: set[tuple[int, int]] = set()
    for i, q in enumerate(article.quotes):
        s0, s1 = _sentence(text, q.start, q.end)
        s1 = max(s1, q.end)
        evidence = text[s0:s1].strip()
        for rx, opposed, label in OPPOSING:
            target = evidence if label == "denial" else q.text  # "figures ..., which he called "inflated""
            if not rx.search(target) or (s0, s1) in seen:
                continue
            if opposed:
                measures = opposed
            else:
                measures = {name for name, mrx in MEASURES if mrx.search(evidence)}
                if re.search(r"\bcasualt", evidence, re.I):
                    measures |= {"killed", "injured"}
                measures &= CUMULATIVE | {"intercepted", "launched", "hit", "participants"}
            for measure in sorted(measures):
                out.append(Fact(
                    article_id=article.id, kind="statement", idx=i * 100 + len(out) % 100, measure=measure,
                    unit="", text=q.text, evidence=evidence, start=q.start, end=q.end, claimant=q.speaker,
                    claimant_id=q.speaker_id, source=article.source, day=day, when=article.published or day,
                    polarity=label, origin_key=origin_key(origin_id, evidence)))
            seen.add((s0, s1))
            break
    return out


_AT_LEAST = {"at least", "more than", "over", "above", "greater than", "in excess of", "upwards of", "no fewer than",
             "no less than", "well over", "just over", "north of", "or more", "plus", "a minimum of"}
_AT_MOST = {"less than", "fewer than", "under", "below", "at most", "no more than", "well under", "just under",
            "just shy of", "or fewer", "or less"}
# "up to 8,000 people took part": the claimant's own high estimate, near its figure, not a ceiling
# that any lower count satisfies (else organisers' and police's crowd figures never differ).
_AS_MANY_AS = {"up to", "as many as", "as much as", "a maximum of"}
SIDE_BY_SIDE = 300  # characters: two claimants' figures this close in one report are set against each other
TOLERANCE = 0.15  # "about 3,500" allows 15% either side
EVENT_MEASURES = {"intercepted", "launched", "hit", "participants", "without_power", "sanctioned"}
EVENT_WINDOW = 1  # days: figures of one attack or rally are reported on the day and the next
MONEY_WINDOW = 3  # days: one package is announced and reported over a few days


def base_measure(measure: str) -> str:
    return measure.removesuffix("_total").removesuffix("_planned")


def interval(f: Fact) -> tuple[float, float]:
    """The values a figure allows: "at least 9" = [9, inf), "about 3,500" = [2975, 4025],
    "up to 8,000" = [6800, 8000], "fewer than 100" = [0, 100]."""
    v = f.value or 0.0
    if f.value_max is not None and f.value_max != v:
        return min(v, f.value_max), max(v, f.value_max)
    approx = (f.approx or "").lower()
    if approx in _AT_LEAST:
        return v, math.inf
    if approx in _AT_MOST:
        return 0.0, v
    if approx in _AS_MANY_AS:
        return v * (1 - TOLERANCE), v
    if approx.startswith("order of"):
        return v, v * 10
    if approx:
        return v * (1 - TOLERANCE), v * (1 + TOLERANCE)
    return v, v


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _revision(a: Fact, b: Fact) -> bool:
    """True when b is a later, higher count of a cumulative measure (a rising toll), not a dispute."""
    if base_measure(a.measure) not in CUMULATIVE or not a.when or not b.when:
        return False
    (first, second) = (a, b) if a.when < b.when else (b, a)
    if first.when == second.when:
        return False
    return interval(second)[0] >= interval(first)[1] or first.same_side(second)


def _vague(f: Fact) -> bool:
    """An order of magnitude ("hundreds of", "thousands"), not a count."""
    return (f.approx or "").lower().startswith("order of") or (f.approx or "").lower() in {
        "dozens of", "hundreds of", "thousands of", "tens of thousands of", "hundreds of thousands of",
        "millions of", "several", "a few", "many"}


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    from datetime import date

    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def opposes(statement: Fact, claims: list[Fact], tables: tuple[str, ...] = ()) -> bool:
    """A statement contests a group's figures when it comes from another side, about the same
    day, and the counted things are not named as a third party's ("all targets were hit" from
    Kestria's ministry does not contest Kestria's own count of Varnish drones shot down).
    Sides are told with the user's extra office-holder ``tables`` too (see ``side_of``)."""
    if any(statement.same_side(c) for c in claims):
        return False
    side = side_of(statement.claimant, statement.evidence, tables)
    unit = claims[0].unit if claims else ""
    words = unit.split()
    owner = words[0] if len(words) > 1 and words[0][:1].isupper() else ""
    if owner and side and _side_key(owner, tables) != side:
        return False
    if side and any(side_of(c.claimant, tables=tables) == side for c in claims):
        return False
    gaps = [g for g in (_days_apart(statement.day or statement.when, c.day or c.when) for c in claims)
            if g is not None]
    return not gaps or min(gaps) <= EVENT_WINDOW


def judge(claims: list[Fact], statements: list[Fact]) -> tuple[str, list[str], str]:
    """(status, stance of each claim then each opposing statement, note) of one group.
    Earlier figures recalled beside a new one (polarity "earlier") are shown, never compared."""
    stances = ["earlier" if c.polarity == "earlier" else "agrees" for c in claims]
    opposing = [s for s in statements if not any(s.same_side(c) for c in claims)]
    if opposing and claims:
        note = "; ".join(f"{s.claimant or s.source}: \u201c{s.text[:80]}\u201d ({s.polarity})" for s in opposing)
        return "contradicting", ["disputed"] * len(claims) + ["contradicts"] * len(opposing), note
    clash = False
    updated = False
    current = [i for i, c in enumerate(claims) if c.polarity != "earlier"]
    for x, i in enumerate(current):
        a = claims[i]
        for j in current[x + 1:]:
            b = claims[j]
            if _overlap(interval(a), interval(b)) or _vague(a) or _vague(b):
                continue  # "thousands were killed" is no rival to "8 dead": it gives no count to dispute
            if a.article_id == b.article_id and (a.same_side(b) or not a.claimant or not b.claimant
                                                 or abs(a.start - b.start) > SIDE_BY_SIDE):
                continue  # one report giving two figures of a measure is a breakdown, not a dispute,
                # unless it sets two claimants' figures side by side ("Organisers said 8,000. Police put ...")
            if (a.same_side(b) and a.when != b.when) or _revision(a, b):
                updated = True
                continue
            clash = True
            stances[i] = stances[j] = "diverges"
    if clash:
        sides = sorted({claims[i].who for i in current if claims[i].who and stances[i] == "diverges"})
        return "diverging", stances, "different figures from " + ", ".join(sides[:6])
    if updated or len(current) < len(claims):
        return "updated", ["revised" if s == "agrees" else s for s in stances], "figure revised over time"
    return ("agreeing" if count_origins(claims) > 1 else "single"), stances, ""


def count_origins(facts: list[Fact]) -> int:
    """Independent origins among facts: copies (one duplicate root) and articles repeating
    the same evidence sentence count once."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for f in facts:
        origin, digest = f.origin_key.split("|", 1)
        parent[find("o:" + origin)] = find("s:" + digest)
    return len({find("o:" + f.origin_key.split("|", 1)[0]) for f in facts})


def group_id(story_id: str, measure: str, unit: str, window: str = "") -> str:
    key = f"{story_id}|{measure}|{unit}" + (f"|{window}" if window else "")
    return "cg_" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def _windows(claims: list[Fact], days: int) -> list[tuple[str, list[Fact]]]:
    """Figures split where their days are more than ``days`` apart (two strikes, two packages);
    undated figures join the largest window."""
    dated = sorted((c for c in claims if c.day), key=lambda c: c.day or "")
    runs: list[list[Fact]] = []
    for c in dated:
        gap = _days_apart(runs[-1][-1].day, c.day) if runs else None
        if runs and gap is not None and gap <= days:
            runs[-1].append(c)
        else:
            runs.append([c])
    undated = [c for c in claims if not c.day]
    if not runs:
        return [("", undated)]
    biggest = max(range(len(runs)), key=lambda k: len(runs[k]))
    runs[biggest] += undated
    if len(runs) == 1:
        return [("", runs[0])]
    return [((run[0].day or "") if k else "", run) for k, run in enumerate(runs)]


def group_facts(story_id: str, facts: list[Fact], first_day: str | None = None,
                tables: tuple[str, ...] = ()) -> list[Group]:
    """Claim groups of one story: figures keyed by (measure, counted thing) and, for figures of
    one event or one package, by a window of days; with the statements that contest them;
    figures about days well before the story left out. ``tables``: the user's extra
    office-holder CSV files (the ``officeholder_tables`` setting), which tell sides apart
    as they resolve speakers."""
    by_key: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    statements: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind == "claim":
            if first_day and f.day and f.day < _minus(first_day, 2):
                continue  # a figure about an earlier event recalled in this story's reports
            by_key[(f.measure, f.unit)].append(f)
        else:
            statements[f.measure].append(f)
    groups = []
    for (measure, unit), all_claims in sorted(by_key.items()):
        base = base_measure(measure)
        money = unit[:3].isupper() and len(unit) == 3
        window = EVENT_WINDOW if base in EVENT_MEASURES else MONEY_WINDOW if money or base == "aid" else None
        for start, claims in (_windows(all_claims, window) if window is not None else [("", all_claims)]):
            claims.sort(key=lambda f: (f.when or "", f.article_id, f.idx))
            said = [s for s in statements.get(measure, [])
                    if (not s.unit or s.unit == unit) and opposes(s, claims, tables)]
            status, stances, note = judge(claims, said)
            members = claims + ([s for s in said if not any(s.same_side(c) for c in claims)]
                                if status == "contradicting" else [])
            stances = stances[:len(members)]
            bounds = [interval(c) for c in claims]
            low = min(b[0] for b in bounds)
            high = max(b[1] for b in bounds)
            groups.append(Group(
                id=group_id(story_id, measure, unit, start), measure=measure, unit=unit, status=status,
                facts=members, stances=stances, n_origins=count_origins(claims),
                n_claimants=len({c.who for c in claims}), low=low, high=None if math.isinf(high) else high,
                note=note))
    return groups


def _minus(day: str, days: int) -> str:
    from .features import shift_day

    return shift_day(day, -days)
