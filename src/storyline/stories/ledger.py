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
from .features import normalise_passage

# The counted thing is told by the words around a figure: "412 drones launched" and
# "389 drones shot down" are two measures of one unit, not a dispute. Order matters:
# the nearest cue to the figure wins, ties go to the earlier pattern.
MEASURES: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx, re.I)) for name, rx in [
    ("intercepted", r"\b(shot down|shoot down|downed|intercept\w*|neutrali[sz]ed|repelled|destroyed by air defen[cs]e)\b"),
    ("killed", r"\b(kill\w*|dead|died|die|deaths?|death toll|toll|bodies|fatalit\w+|lives)\b"),
    ("injured", r"\b(injur\w*|wound\w*|hurt|hospitali[sz]ed)\b"),
    ("launched", r"\b(launch\w*|fired|sent)\b"),
    ("hit", r"\b(hit|struck)\b"),
    ("participants", r"\b(rall\w*|protest\w*|demonstrat\w*|crowd|gathered|marched|attended|turnout)\b"),
    ("evacuated", r"\b(evacuat\w*|displaced|homeless|sheltering|shelters?)\b"),
    ("without_power", r"\b(without (?:power|electricity|heating|water)|blackouts?|power cuts?|outages?)\b"),
    ("detained", r"\b(detain\w*|arrest\w*)\b"),
    ("damaged", r"\b(damag\w*|destroy\w*)\b"),
    ("aid", r"\b(aid|assistance|package|pledg\w*|loans?|grants?|funding)\b"),
]]
CUMULATIVE = {"killed", "injured", "evacuated", "detained", "damaged"}
PERSON_UNITS = {"", "person", "people", "body", "victim", "individual", "resident", "life"}
DURATION_UNITS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "time", "%",
                  "percent", "km", "m", "kilometre", "mile"}
# Statements that a figure contradicts: (pattern, measures it opposes).
OPPOSING: list[tuple[re.Pattern[str], set[str], str]] = [
    (re.compile(r"\ball (?:the |of the )?(?:\w+ ){0,2}(?:targets|objects|objectives|facilities)\b[^.]{0,40}?"
                r"\b(?:were |have been |had been )?(?:hit|struck|destroyed|achieved|reached|eliminated)", re.I),
     {"intercepted"}, "all targets hit"),
    (re.compile(r"\b(?:no|not a single|not one|none of the|zero)\b[^.]{0,40}?\b(?:civilians?|people|one|residents?|"
                r"casualt\w+|victims?|deaths?)\b[^.]{0,30}?\b(?:killed|died|hurt|injured|harmed|wounded|casualties)?",
                re.I), {"killed", "injured"}, "no casualties"),
    (re.compile(r"\b(?:den(?:y|ied|ies)|rejected|dismissed|refuted|fake|fabricat\w+|false|lies)\b[^.]{0,80}?"
                r"\b(?:figures?|numbers?|toll|casualt\w+|losses)\b", re.I), set(), "denial"),
    (re.compile(r"\b(?:figures?|numbers?|toll|casualt\w+|losses)\b[^.]{0,60}?\b(?:fake|fabricat\w+|false|"
                r"invented|exaggerated|lies)\b", re.I), set(), "denial"),
]
_INCREMENT = re.compile(r"\b(?:more|additional|further|another|extra)\b", re.I)


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


def measure_of(sentence: str, start: int, end: int) -> str | None:
    """The measure whose cue word is nearest to the figure at [start, end) of ``sentence``."""
    best: tuple[int, int, str] | None = None
    for order, (name, rx) in enumerate(MEASURES):
        for m in rx.finditer(sentence):
            if m.start() < end and m.end() > start:
                continue
            dist = m.start() - end if m.start() >= end else start - m.end()
            if best is None or (dist, order) < best[:2]:
                best = (dist, order, name)
    return best[2] if best else None


def normal_unit(unit: str, measure: str) -> str | None:
    """The counted thing a group is keyed on, or None for a figure the ledger leaves out."""
    unit = (unit or "").strip()
    low = unit.lower()
    if low in DURATION_UNITS:
        return None
    if low in PERSON_UNITS:
        return "person" if measure in {"killed", "injured", "participants", "evacuated", "detained"} or low else None
    return unit if unit[:3].isupper() else low


def origin_key(origin_id: str, evidence: str) -> str:
    """Copies of one report share an origin; so do articles repeating the same sentence."""
    digest = hashlib.blake2b(normalise_passage(evidence).encode("utf-8"), digest_size=6).hexdigest()
    return f"{origin_id}|{digest}"


def _event_days(article: Article) -> dict[str, str]:
    return {e.id: e.date[:10] for e in article.events if e.date and e.date_precision == "day"}


def article_facts(article: Article, origin_id: str, day: str | None) -> list[Fact]:
    """The ledger facts of one article: figures with a known measure, and opposing statements."""
    text, out = article.text, []
    event_days = _event_days(article)
    for i, c in enumerate(article.claims):
        s0, s1 = _sentence(text, c.start, c.end)
        sentence = text[s0:s1]
        measure = measure_of(sentence, c.start - s0, c.end - s0)
        if measure is None or _INCREMENT.search(c.text):  # "two more bodies" is an increment, not a total
            continue
        unit = normal_unit(c.unit, measure)
        if unit is None:
            continue
        evidence = sentence.strip()
        out.append(Fact(
            article_id=article.id, kind="claim", idx=i, measure=measure, unit=unit, text=c.text,
            evidence=evidence, start=c.start, end=c.end, value=c.value, value_max=c.value_max, approx=c.approx,
            claimant=c.claimant, claimant_id=c.claimant_id, source=article.source,
            day=event_days.get(c.event_id or "", day), when=article.published or day,
            origin_key=origin_key(origin_id, evidence)))
    seen: set[tuple[int, int]] = set()
    for i, q in enumerate(article.quotes):
        s0, s1 = _sentence(text, q.start, q.end)
        s1 = max(s1, q.end)
        evidence = text[s0:s1].strip()
        for rx, opposed, label in OPPOSING:
            if not rx.search(q.text) or (s0, s1) in seen:
                continue
            measures = opposed or {name for name, mrx in MEASURES if mrx.search(evidence)}
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
_AT_MOST = {"up to", "less than", "fewer than", "under", "below", "at most", "no more than", "as many as",
            "as much as", "a maximum of", "well under", "just under", "just shy of", "or fewer", "or less"}


def interval(f: Fact) -> tuple[float, float]:
    """The values a figure allows: "at least 9" = [9, inf), "about 3,500" = [2975, 4025]."""
    v = f.value or 0.0
    if f.value_max is not None and f.value_max != v:
        return min(v, f.value_max), max(v, f.value_max)
    approx = (f.approx or "").lower()
    if approx in _AT_LEAST:
        return v, math.inf
    if approx in _AT_MOST:
        return 0.0, v
    if approx:
        return v * 0.85, v * 1.15
    return v, v


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _revision(a: Fact, b: Fact) -> bool:
    """True when b is a later, higher count of a cumulative measure (a rising toll), not a dispute."""
    if a.measure not in CUMULATIVE or not a.when or not b.when:
        return False
    (first, second) = (a, b) if a.when < b.when else (b, a)
    if first.when == second.when:
        return False
    return interval(second)[0] >= interval(first)[1] or first.same_side(second)


def judge(claims: list[Fact], statements: list[Fact]) -> tuple[str, list[str], str]:
    """(status, stance of each claim then each statement, note) of one group."""
    stances = ["agrees"] * len(claims)
    opposing = [s for s in statements if not any(s.same_side(c) for c in claims)]
    if opposing and claims:
        note = "; ".join(f"{s.claimant or s.source}: \u201c{s.text[:80]}\u201d ({s.polarity})" for s in opposing)
        return "contradicting", ["disputed"] * len(claims) + ["contradicts"] * len(statements), note
    clash = False
    updated = False
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if _overlap(interval(a), interval(b)) or a.article_id == b.article_id:
                continue  # one report giving two figures of a measure is a breakdown, not a dispute
            if (a.same_side(b) and a.when != b.when) or _revision(a, b):
                updated = True
                continue
            clash = True
            stances[i] = stances[j] = "diverges"
    if clash:
        sides = sorted({c.who for c in claims if c.who})
        return "diverging", stances, "different figures from " + ", ".join(sides[:6])
    if updated:
        return "updated", ["revised"] * len(claims), "figure revised over time"
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


def group_id(story_id: str, measure: str, unit: str) -> str:
    return "cg_" + hashlib.blake2b(f"{story_id}|{measure}|{unit}".encode(), digest_size=8).hexdigest()


def group_facts(story_id: str, facts: list[Fact], first_day: str | None = None) -> list[Group]:
    """Claim groups of one story: figures keyed by (measure, counted thing), with the
    opposing statements on that measure; figures about days well before the story left out."""
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
    for (measure, unit), claims in sorted(by_key.items()):
        claims.sort(key=lambda f: (f.when or "", f.article_id, f.idx))
        said = statements.get(measure, [])
        status, stances, note = judge(claims, said)
        members = claims + (said if status == "contradicting" else [])
        stances = stances[:len(members)]
        bounds = [interval(c) for c in claims]
        low = min(b[0] for b in bounds)
        high = max(b[1] for b in bounds)
        groups.append(Group(
            id=group_id(story_id, measure, unit), measure=measure, unit=unit, status=status, facts=members,
            stances=stances, n_origins=count_origins(claims),
            n_claimants=len({c.who for c in claims}), low=low, high=None if math.isinf(high) else high, note=note))
    return groups


def _minus(day: str, days: int) -> str:
    from .features import shift_day

    return shift_day(day, -days)
