"""``storyline_timexes``: temporal expressions resolved against the article's
publication date (``doc._.storyline_published``).

``resolve_date`` is the pure resolver other components reuse (the events
component dates its events with it). ``event_date`` picks which timex dates an
event trigger (``anchor_timex``) and falls back on the day the article is about
(``article_date``) or the publication date. A value is "YYYY-MM-DD", "YYYY-MM" or
"YYYY" by precision; a range ("last week", "late 2025 or early 2026") also has
``value_max``. Without a publication date a relative expression ("on
Thursday", "last month") is kept with ``resolved=False``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import Timex
from .extensions import ensure_extensions, text_of
from .numbers import words_to_number

Resolved = tuple[str, str | None, str]  # (value, value_max, precision)

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_UNIT = r"(?P<unit>day|week|month|year|decade|fortnight)s?"
_COUNT = r"(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of)"
_LEAD = re.compile(
    r"^(?:on|in|at|by|since|from|until|till|during|for|of|before|after|as of|around|about|"
    r"through|throughout|over|within|between|starting|beginning|ending|the)\s+", re.I)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
_PART_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "middle of": (5, 8), "late": (9, 12),
                 "end of": (10, 12), "the end of": (10, 12), "beginning of": (1, 3),
                 "the beginning of": (1, 3), "start of": (1, 3), "the start of": (1, 3),
                 "first half of": (1, 6), "the first half of": (1, 6), "second half of": (7, 12),
                 "the second half of": (7, 12), "first quarter of": (1, 3), "second quarter of": (4, 6),
                 "third quarter of": (7, 9), "fourth quarter of": (10, 12), "q1": (1, 3), "q2": (4, 6),
                 "q3": (7, 9), "q4": (10, 12)}


def _anchor(anchor: str | date | None) -> date | None:
    if anchor is None or isinstance(anchor, date):
        return anchor
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", anchor)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _day(d: date) -> str:
    return d.isoformat()


def _month(y: int, m: int) -> str:
    while m > 12:
        y, m = y + 1, m - 12
    while m < 1:
        y, m = y - 1, m + 12
    return f"{y:04d}-{m:02d}"


def _add_months(d: date, months: int) -> date:
    y, m = d.year, d.month + months
    while m > 12:
        y, m = y + 1, m - 12
    while m < 1:
        y, m = y - 1, m + 12
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _week(d: date) -> Resolved:
    monday = d - timedelta(days=d.weekday())
    return _day(monday), _day(monday + timedelta(days=6)), "week"


def _count(text: str) -> int | None:
    if text in ("a few", "several"):
        return 3
    if text == "a couple of":
        return 2
    if text.isdigit():
        return int(text)
    value = words_to_number(text) if text not in ("a", "an") else 1.0
    return int(value) if value is not None else None


def _normalise(text: str) -> str:
    text = " ".join(text.lower().replace("\u2019", "'").split()).strip(" ,.;:()")
    for _ in range(3):
        text = _LEAD.sub("", text)
    return text


def _infer_year(month: int, day: int | None, anchor: date, tense: str | None) -> int:
    """The year of a month (and day) written without one: the most recent such date
    for past statements, the next one for future ones, else the nearest."""
    def at(year: int) -> date:
        return date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))

    if tense == "future":
        return anchor.year if at(anchor.year) >= anchor.replace(day=1 if day is None else anchor.day) \
            else anchor.year + 1
    if tense == "past":
        ref = anchor if day is not None else anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
        return anchor.year if at(anchor.year) <= ref else anchor.year - 1
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(candidates, key=lambda y: abs((at(y) - anchor).days))


def _weekday(name: str, anchor: date, direction: str) -> date:
    """The weekday ``name`` relative to ``anchor``: "past" (on or before),
    "future" (on or after), "last" (before the current week), "next" (after it)."""
    target = WEEKDAYS[name]
    delta = target - anchor.weekday()
    if direction == "past":
        return anchor + timedelta(days=delta if delta <= 0 else delta - 7)
    if direction == "future":
        return anchor + timedelta(days=delta if delta >= 0 else delta + 7)
    if direction == "last":
        return anchor + timedelta(days=delta - 7 if delta >= 0 else delta)
    if direction == "next":
        return anchor + timedelta(days=delta + 7 if delta <= 0 else delta)
    return anchor + timedelta(days=delta)  # "this Friday": the one in the current week


_RX = {
    "iso": re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:t[\d:]+)?$"),
    "mdy": re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$"),
    "dmy": re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})$"),
    "md": re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_PART_OF_DAY}$"),
    "dm": re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_PART_OF_DAY}$"),
    "my": re.compile(rf"^(?P<part>early|mid|mid-|late|the end of|end of|the beginning of|beginning of|the start of|start of)?[\s-]*{_MONTH},?\s+(?:of\s+)?(?P<y>\d{{4}})$"),
    "m": re.compile(rf"^(?P<rel>last|this|next|early|mid|mid-|late|earlier in|the end of|end of)?[\s-]*{_MONTH}$"),
    "y": re.compile(r"^(?P<part>early|mid|mid-|late|the end of|end of|the beginning of|beginning of|the start of|"
                    r"start of|(?:the )?(?:first|second) half of|(?:first|second|third|fourth) quarter of|q[1-4])?"
                    r"[\s-]*(?:the year\s+)?(?P<y>1[89]\d\d|20\d\d)$"),
    "season": re.compile(r"^(?P<rel>last|this|next|early|late)?\s*(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>\d{4}))?$"),
    "decade": re.compile(r"^(?P<y>1[89]\d0|20\d0)'?s$"),
    "today": re.compile(r"^(?:earlier |later )?(?:today|tonight|this (?:morning|afternoon|evening|night)|overnight|"
                        r"this night|the night|now|currently)$"),
    "yesterday": re.compile(r"^(?:late |early )?(?:yesterday(?: (?:morning|afternoon|evening|night))?|last night|the previous day|"
                            r"the night before)$"),
    "before_yesterday": re.compile(r"^the day before yesterday$"),
    "tomorrow": re.compile(r"^(?:tomorrow(?: (?:morning|afternoon|evening|night))?|the day after tomorrow)$"),
    "weekday": re.compile(rf"^(?P<part>early|late|midday|mid-day)?\s*(?P<rel>last|this|next|this coming|coming|past)?\s*"
                          rf"(?P<wd>{_WEEKDAY})(?:{_PART_OF_DAY})?(?:\s+(?:last|next) week)?$"),
    "period": re.compile(r"^(?P<rel>last|this|next|past|previous|coming|earlier this|later this|the past|the last|"
                         r"the previous|the coming|the next|current)\s+(?P<unit>week|weekend|month|year|fortnight)$"),
    "ago": re.compile(rf"^{_COUNT}\s+{_UNIT}\s+ago$"),
    # "four days earlier", "a week later": counted from another event of the story, not from the
    # publication date (unlike "ago"); recorded, never resolved (see ``is_anaphoric``).
    "anaphoric": re.compile(rf"^{_COUNT}\s+{_UNIT}\s+(?:earlier|before|later|after|on)$"),
    "ahead": re.compile(rf"^(?:in\s+)?{_COUNT}\s+{_UNIT}(?:'s time|\s+from now|\s+later)?$"),
    "span": re.compile(rf"^(?:the\s+)?(?P<rel>past|last|previous|next|coming)\s+{_COUNT}\s+{_UNIT}$"),
}
_CONJ = re.compile(r"\s+(?:or|and|to|through|until|till)\s+|\s*[-\u2013]\s*(?=[a-z]|\d{4})")


def _unit_delta(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    if unit == "month":
        return _add_months(d, n)
    if unit == "year":
        return _add_months(d, 12 * n)
    return _add_months(d, 120 * n)  # decade


def _precision(unit: str) -> str:
    return {"fortnight": "week", "decade": "year"}.get(unit, unit)


def _format(d: date, precision: str) -> str:
    return {"day": _day(d), "week": _day(d), "month": _month(d.year, d.month), "year": f"{d.year:04d}"}[precision]


def is_relative(text: str) -> bool:
    """Whether the expression needs a publication date to be placed in time."""
    t = _normalise(text)
    parts = [p for p in _CONJ.split(t) if p]
    if len(parts) == 2:
        return is_relative(parts[0]) or is_relative(parts[1])
    return not (_RX["iso"].match(t) or _RX["mdy"].match(t) or _RX["dmy"].match(t) or _RX["my"].match(t)
                or _RX["y"].match(t) or _RX["decade"].match(t)
                or (_RX["season"].match(t) and _RX["season"].match(t).group("y")))


def _absolute(t: str) -> Resolved | None:
    for key in ("iso", "mdy", "dmy"):
        m = _RX[key].match(t)
        if m:
            month = int(m.group("m")) if key == "iso" else MONTHS[m.group("month")]
            try:
                return _day(date(int(m.group("y")), month, int(m.group("d")))), None, "day"
            except ValueError:
                return None
    m = _RX["my"].match(t)
    if m:
        return _month(int(m.group("y")), MONTHS[m.group("month")]), None, "month"
    m = _RX["y"].match(t)
    if m:
        year = int(m.group("y"))
        part = (m.group("part") or "").strip(" -")
        if part:
            lo, hi = _PART_OF_YEAR.get(part, _PART_OF_YEAR.get(part.replace("the ", ""), (1, 12)))
            return _month(year, lo), _month(year, hi), "month"
        return f"{year:04d}", None, "year"
    m = _RX["decade"].match(t)
    if m:
        y = int(m.group("y"))
        return f"{y:04d}", f"{y + 9:04d}", "year"
    m = _RX["season"].match(t)
    if m and m.group("y"):
        lo, hi = _SEASONS[m.group("s")]
        return _month(int(m.group("y")), lo), _month(int(m.group("y")), hi), "month"
    return None


def _relative(t: str, a: date, tense: str | None) -> Resolved | None:
    if _RX["today"].match(t):
        return _day(a), None, "day"
    if _RX["yesterday"].match(t):
        return _day(a - timedelta(days=1)), None, "day"
    if _RX["before_yesterday"].match(t):
        return _day(a - timedelta(days=2)), None, "day"
    m = _RX["tomorrow"].match(t)
    if m:
        return _day(a + timedelta(days=2 if "after" in t else 1)), None, "day"
    m = _RX["weekday"].match(t)
    if m:
        rel = (m.group("rel") or "").replace("this coming", "coming")
        direction = {"last": "last", "past": "past", "next": "next", "coming": "future", "this": "this"}.get(
            rel, "future" if tense == "future" else "past")
        if t.endswith("last week"):
            direction = "last"
        elif t.endswith("next week"):
            direction = "next"
        return _day(_weekday(m.group("wd"), a, direction)), None, "day"
    m = _RX["period"].match(t)
    if m:
        rel, unit = m.group("rel"), m.group("unit")
        step = -1 if rel in ("last", "past", "previous", "the past", "the last", "the previous") else (
            1 if rel in ("next", "coming", "the coming", "the next") else 0)
        if unit == "week" or unit == "fortnight":
            return _week(a + timedelta(weeks=step))
        if unit == "weekend":
            sat = _weekday("saturday", a, "past" if step <= 0 else "future")
            if step < 0 and sat == a:
                sat -= timedelta(days=7)
            return _day(sat), _day(sat + timedelta(days=1)), "day"
        if unit == "month":
            return _month(a.year, a.month + step), None, "month"
        return f"{a.year + step:04d}", None, "year"
    m = _RX["ago"].match(t)
    if m:
        n = _count(m.group("count"))
        if n is None:
            return None
        unit = m.group("unit")
        return _format(_unit_delta(a, unit, -n), _precision(unit)), None, _precision(unit)
    m = _RX["span"].match(t)
    if m:
        n = _count(m.group("count"))
        if n is None:
            return None
        unit = m.group("unit")
        prec = _precision(unit) if unit in ("day", "week") else "day"
        if m.group("rel") in ("next", "coming"):
            return _day(a), _day(_unit_delta(a, unit, n)), prec
        return _day(_unit_delta(a, unit, -n)), _day(a), prec
    m = _RX["ahead"].match(t)
    if m and (t.startswith("in ") or "from now" in t or "time" in t):
        n = _count(m.group("count"))
        if n is None:
            return None
        unit = m.group("unit")
        return _format(_unit_delta(a, unit, n), _precision(unit)), None, _precision(unit)
    m = _RX["md"].match(t) or _RX["dm"].match(t)
    if m:
        month, day = MONTHS[m.group("month")], int(m.group("d"))
        year = _infer_year(month, day, a, tense)
        try:
            return _day(date(year, month, day)), None, "day"
        except ValueError:
            return None
    m = _RX["m"].match(t)
    if m:
        month = MONTHS[m.group("month")]
        rel = (m.group("rel") or "").strip(" -")
        if rel == "last":
            year = a.year if month < a.month else a.year - 1
        elif rel == "next":
            year = a.year if month > a.month else a.year + 1
        elif rel == "this":
            year = a.year
        else:
            year = _infer_year(month, None, a, tense)
        return _month(year, month), None, "month"
    m = _RX["season"].match(t)
    if m:
        lo, hi = _SEASONS[m.group("s")]
        if m.group("y"):
            year = int(m.group("y"))
        else:
            rel = m.group("rel") or ""
            year = a.year - 1 if rel == "last" else a.year + 1 if rel == "next" else a.year
        return _month(year, lo), _month(year, hi), "month"
    return None


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, anchor: date | None, tense: str | None) -> Resolved | None:
    t = _normalise(text)
    if not t:
        return None
    found = _absolute(t)
    if found is None and anchor is not None:
        found = _relative(t, anchor, tense)
    if found is None:
        parts = [p for p in _CONJ.split(t) if p]
        if len(parts) == 2:
            left, right = (_resolve_cached(p, anchor, tense) for p in parts)
            if left is None and right is not None and _RX["m"].match(_normalise(parts[0])) is None:
                # "late 2025 or early 2026" resolved per part; "1 to 3 July": day shares the month
                dm = re.match(r"^(\d{1,2})$", _normalise(parts[0]))
                if dm and right[2] == "day":
                    left = (right[0][:8] + f"{int(dm.group(1)):02d}", None, "day")
            if left is not None and right is not None:
                precision = left[2] if left[2] == right[2] else max(
                    left[2], right[2], key=["day", "week", "month", "year"].index)
                return min(left[0], right[0]), max(left[1] or left[0], right[1] or right[0]), precision
    return found


def resolve_date(text: str, anchor: str | date | None, tense: str | None = None) -> Resolved | None:
    """(value, value_max, precision) for a temporal expression, or None when it is
    not a date or is relative and ``anchor`` (the publication date) is missing.

    ``tense`` ("past" / "future") picks the weekday or month meant: in a past
    statement "on Thursday" is the Thursday on or before the anchor, in a future
    one the Thursday on or after it. Without it, weekdays count as past (news
    mostly reports), months and days without a year as the nearest occurrence.
    """
    return _resolve_cached(text, _anchor(anchor), tense)


def is_anaphoric(text: str) -> bool:
    """Whether the expression counts from another event the text tells ("fired four days
    earlier", "a week later"): a time expression that no publication date places."""
    return bool(_RX["anaphoric"].match(_normalise(text)))


def looks_like_date(text: str) -> bool:
    """Whether ``text`` is a temporal expression: one we can place once a date is known, or
    one counted from another event (``is_anaphoric``, recorded unresolved)."""
    return resolve_date(text, date(2000, 6, 15)) is not None or is_anaphoric(text)


# -- the spaCy component --------------------------------------------------------

_CANDIDATE = re.compile(
    rf"(?i)\b(?:(?:early|late|mid|last|this|next|past|coming)\s+)?{_WEEKDAY}(?:{_PART_OF_DAY})?\b"
    r"|\b(?:this|last|to)night\b|\bthis (?:morning|afternoon|evening)\b|\bovernight\b"
    r"|\b(?:the day (?:before|after) )?(?:yesterday|tomorrow)\b|\btoday\b"
    r"|\b(?:last|this|next|past|previous|coming)\s+(?:week|weekend|month|year)\b"
    r"|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:day|week|month|year)s?\s+ago\b"
)
# A calendar date written out is a date whatever the tagger calls it ("the September 11, 2001
# attacks" comes out an EVENT): a capitalised month name before a day number, with its year
# (a dot only after an abbreviation: "Aug. 14", not "in August. 14 states").
_CALENDAR_DATE = re.compile(
    r"\b(?:" + "|".join(sorted((m for m in calendar.month_name if m), key=len, reverse=True))
    + r"|(?:" + "|".join(sorted({m.title() for m in MONTHS} - set(calendar.month_name), key=len, reverse=True))
    + r")\.?)[ \u00a0]\d{1,2}(?:st|nd|rd|th)?(?:,?[ \u00a0]\d{4})?\b(?![.,]\d)")
_FUTURE_HEADS = {"due", "set", "schedule", "expect", "plan", "intend", "hope", "aim", "prepare", "going",
                 "slate", "poise"}


def tense_of(span: Span) -> str | None:
    """ "future" when the verb governing ``span`` is future ("will meet on
    Thursday", "is due to arrive", "is meeting"), "past" when it is past, else None."""
    tok = span.root
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and steps < 4:
        tok = tok.head
        steps += 1
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in ("will", "'ll", "shall", "wo"):
            return "future"
    if tok.tag_ == "VB" and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _FUTURE_HEADS:
        return "future"
    if tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in tok.children):
        return "future"  # "Macron is meeting Putin on Thursday"
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.lemma_.lower() in _FUTURE_HEADS and any(c.tag_ in ("VBZ", "VBP") for c in auxes):
        return "future"  # "the release is slated for June 24"
    if tok.tag_ == "VBD" or (tok.tag_ == "VBN" and any(
            c.tag_ == "VBD" or c.lemma_ == "have" for c in auxes)):
        return "past"
    return None


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _split_at_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` cut at blank lines: the NER sometimes runs an entity across a
    heading and the next paragraph ("2010\n\nYesterday")."""
    pieces, cursor = [], start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if e > s]


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    spans = [piece for e in doc.ents if e.label_ in ("DATE", "TIME")
             for piece in _split_at_paragraphs(text_of(doc), e.start_char, e.end_char)]
    spans += [m.span() for m in _CANDIDATE.finditer(text_of(doc))]
    spans += [m.span() for m in _CALENDAR_DATE.finditer(text_of(doc))]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        # "late 2025 or early 2026", "June 30 to July 2": one expression, a range
        if merged and (s < merged[-1][1] or _JOIN.match(text_of(doc), merged[-1][1], s)):
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


_JOIN = re.compile(r"\s*(?:or|to|through|until|-|\u2013)\s*$")
_LEADING_MODIFIER = re.compile(r"(?i)\b(early|late|mid|last|this|next)\s+$")

# A year-like number that counts the noun after it ("around 2000 people", "some 1500 Ukrainian
# troops") is a count, not a year, even where the tagger labels it DATE; a determiner or a time
# preposition before it keeps it a year ("the 2024 budget", "in 2019 elections were held"), and
# so does anything dating it (a month, "early", a span: "May 2000", "2000-2001").
_YEAR_LEADS = {"the", "its", "his", "her", "their", "our", "this", "that", "last", "next", "every", "each",
               "whose", "my", "your", "in", "since", "between", "from", "until", "till", "before", "after",
               "during", "by", "through", "fiscal", "early", "late", "mid"}


_PLURAL_WITHOUT_S = {"people", "police", "cattle", "personnel", "staff", "livestock", "poultry", "clergy"}


def _plural(tok: Token) -> bool:
    """A plural noun by its tag and its form (the tagger's NNS on "an end 1997 peso" is not)."""
    return (tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NNS", "NNPS")
            and (tok.lower_.endswith("s") or tok.lemma_.lower() != tok.lower_ or tok.lower_ in _PLURAL_WITHOUT_S))


def _counted_head(num: Token) -> Token | None:
    """The plural noun ``num`` counts, written right after it or after adjectives ("2000
    people", "1500 Ukrainian troops"); not after a noun or a name, which the year dates ("2020
    production levels", "1998 World Cup hosts", "the 1991 Gulf War ceasefire terms")."""
    doc = num.doc
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if nxt is None:
        return None
    if _plural(nxt):
        return nxt
    head = num.head
    if num.dep_ in ("nummod", "compound", "amod") and num.i + 1 < head.i <= num.i + 4 and _plural(head) \
            and all(t.pos_ == "ADJ" and not t.is_title or t.ent_type_ == "NORP" and t.pos_ == "ADJ"
                    for t in doc[num.i + 1:head.i]):
        return head
    return None


def dated_by_month(num: Token) -> bool:
    """Whether a month (and day) is written before ``num``: "the May 2020 floods", "the
    September 11, 2001 attacks"."""
    doc = num.doc
    prev = doc[num.i - 1] if num.i > 0 else None
    before = doc[num.i - 2] if num.i > 1 else None
    return prev is not None and (prev.lower_.rstrip(".") in MONTHS or (prev.text == "," and before is not None and (
        (before.like_num and num.i > 2 and doc[num.i - 3].lower_.rstrip(".") in MONTHS)
        or before.lower_.rstrip(".") in MONTHS)))


def number_counts_noun(num: Token) -> bool:
    """Whether a bare year-like number (four digits) counts the plural noun after it ("2000
    people", "around 2000 people", "power was cut in 1998 homes") rather than dating it ("the
    2024 budget", "its 2021 results", "in 2019 elections were held", "1995 champions
    Blackburn": a title naming who holds it)."""
    if not re.fullmatch(r"\d{4}", num.text):
        return False
    doc = num.doc
    head = _counted_head(num)
    if head is None:
        return False
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if after is not None and after.pos_ == "PROPN" and after.ent_type_ and head.i == num.i + 1:
        return False  # "host 1995 champions Blackburn", "2014 winners Germany"
    prev = doc[num.i - 1] if num.i > 0 else None
    if prev is None or prev.i < num.sent.start:
        return True
    if dated_by_month(num):
        return False
    if prev.lower_ in ("in", "by"):
        # "was cut in 1998 homes", "won by 2000 votes" count; "In 2019 elections were held" and
        # "by 2030 cars will be electric" open a clause with a year
        # ("a rise in 1996 earnings": a noun's "in" dates it)
        return prev.i > num.sent.start and prev.head.pos_ == "VERB" \
            and not (after is not None and (after.pos_ in ("VERB", "AUX") or after.text == ","))
    return not (prev.lower_ in _YEAR_LEADS or prev.tag_ == "POS")


def counts_not_year(span: Span) -> bool:
    """Whether ``span`` (a would-be timex) is a bare four-digit number, perhaps after an
    approximation ("around", "some", "more than"), that counts a plural noun after it."""
    nums = [t for t in span if t.like_num]
    if len(nums) != 1 or nums[0].i != span.end - 1:
        return False
    if any(t.pos_ not in ("ADV", "ADP", "DET", "PART") and t.tag_ != "JJR" or t.lower_ in _YEAR_LEADS
           for t in span[:-1]):
        return False  # "fiscal 2000", "early 2000", "spring 2000": dated
    return number_counts_noun(nums[0])


_MONTH_DAY = re.compile(r"(?P<month>[A-Z][a-z]+)[ \u00a0]+\d{1,2}")


def month_then_count(doc: Doc, start: int, text: str) -> bool:
    """Whether ``text`` at ``start`` is "<Month> N" after "in" with a plural noun next ("In March
    12 people died"): "in" takes a month or a year, never a day ("on March 12"), so the number
    counts the noun."""
    m = _MONTH_DAY.fullmatch(text)
    if not m or m.group("month").lower() not in MONTHS:
        return False
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    if span is None or span.start == 0 or doc[span.start - 1].lower_ != "in":
        return False
    nxt = doc[span.end:span.end + 3]
    for tok in nxt:
        if tok.tag_ in ("NNS", "NNPS"):
            return True
        if tok.pos_ not in ("ADJ", "PROPN"):  # "40 Tavoran soldiers", "12 more people"
            return False
    return False


def find_timexes(doc: Doc) -> list[Timex]:
    """The temporal expressions of ``doc``, resolved against ``doc._.storyline_published``."""
    anchor = _anchor(doc._.storyline_published)
    out: list[Timex] = []
    for start, end in _candidates(doc):
        lead = _LEADING_MODIFIER.search(text_of(doc), max(0, start - 8), start)
        if lead:
            start = lead.start()
        text = text_of(doc)[start:end].strip()
        text_clean = re.sub(r"^(?i:the|on|in|at|since|by|from|until)\s+", "", text)
        start += len(text) - len(text_clean) if text_clean != text else 0
        text = text_clean
        grouped = re.search(r"[ \u00a0]+\d{1,3}(?:,\d{3})+\b", text)
        if grouped and not looks_like_date(text):
            text = text[:grouped.start()]  # "In March 2,000 people fled": the month, then a count
        elif month_then_count(doc, start, text):
            text = text.split()[0]  # "In March 12 people died": "in" takes a month, the number counts
        if not looks_like_date(text):
            continue
        span = doc.char_span(start, start + len(text), alignment_mode="expand")
        if span is not None and len(span) and counts_not_year(span):
            continue  # "around 2000 people": a count (the claims read it)
        tense = tense_of(span) if span is not None and len(span) else None
        found = resolve_date(text, anchor, tense) if anchor else resolve_date(text, None)
        if found is None:
            out.append(Timex(text=text, start=start, end=start + len(text), resolved=False))
        else:
            value, value_max, precision = found
            out.append(Timex(text=text, start=start, end=start + len(text), value=value,
                             value_max=value_max, precision=precision, resolved=True))
    return out


# -- which timex dates an event ---------------------------------------------------
# Measured on MEANTIME (``python -m storyline.bench.meantime``): the timex nearest the
# trigger often belongs to another clause ("Jobs said that his company sold 13.7 million
# Macs last year": "said" is not last year), and most events of a news article have no
# timex in their sentence but happened on the day the article is about, not on the day
# it was published.

ARTICLE_DATE_WINDOW_DAYS = 7  # news reports the week before publication
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the paragraph (text between blank lines) holding ``pos``."""
    before = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, pos)]
    after = _PARAGRAPH_BREAK.search(text, pos)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _clause_head(tok: Token) -> Token:
    """The verb whose clause ``tok`` sits in (``tok`` itself for a verb)."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def _attaches_to(tok: Token, target: Token) -> bool:
    """Whether ``tok`` modifies ``target`` without crossing a verb ("its launch in 2003")."""
    for _ in range(12):
        if tok.i == target.i:
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return False
        tok = tok.head
    return False


def anchor_timex(trigger: Token, timexes: list[Timex]) -> Timex | None:
    """The resolved timex that dates the event of ``trigger``: one in the trigger's own
    clause (or attached to the trigger noun), else one in the nearest clause governing
    it; never one from a sibling or embedded clause, nor across a paragraph break. The
    nearest to the trigger wins a tie. None when no timex applies."""
    doc = trigger.doc
    sent = trigger.sent
    lo, hi = paragraph_bounds(text_of(doc), trigger.idx)
    lo, hi = max(lo, sent.start_char), min(hi, sent.end_char)
    found: list[tuple[Timex, Token]] = []
    for tx in timexes:
        if tx.resolved and lo <= tx.start and tx.end <= hi:
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is not None and len(span):
                found.append((tx, span.root))
    if not found:
        return None

    def nearest(items: list[tuple[Timex, Token]]) -> Timex:
        return min(items, key=lambda item: abs(item[0].start - trigger.idx))[0]

    head = _clause_head(trigger)
    own = [(tx, root) for tx, root in found if _attaches_to(root, trigger) or _clause_head(root).i == head.i]
    if own:
        return nearest(own)
    clause = head
    for _ in range(6):
        if clause.head is clause:
            break
        clause = _clause_head(clause.head)
        governing = [(tx, root) for tx, root in found if _clause_head(root).i == clause.i]
        if governing:
            return nearest(governing)
    return None


def article_date(timexes: list[Timex], published: str | date | None,
                 window_days: int = ARTICLE_DATE_WINDOW_DAYS) -> Timex | None:
    """The day the article is about: its first timex resolved to one day within the
    ``window_days`` before publication ("announced Monday", "yesterday"); None if none."""
    anchor = _anchor(published)
    if anchor is None:
        return None
    for tx in timexes:
        if tx.resolved and tx.precision == "day" and not tx.value_max and tx.value:
            day = _anchor(tx.value)
            if day is not None and anchor - timedelta(days=window_days) <= day <= anchor:
                return tx
    return None


def _is_headline(doc: Doc, pos: int) -> bool:
    """Whether ``pos`` is in a first paragraph that reads as a headline (short, no final stop)."""
    first_end = paragraph_bounds(text_of(doc), 0)[1]
    head = text_of(doc)[:first_end].strip()
    return pos < first_end < len(text_of(doc)) and len(head) < 200 and not head.endswith((".", "!", "?", ":", '"'))


def _present_or_future(trigger: Token) -> bool:
    """Whether the trigger's clause is in the present or future tense ("it comes in two
    colours", "will be discontinued"); present perfect and past count as past."""
    head = _clause_head(trigger)
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return True
    if any(a.lemma_ == "have" or a.tag_ == "VBD" for a in auxes):
        return False
    if head.tag_ in ("VBZ", "VBP"):
        return True
    return head.tag_ in ("VB", "VBG", "VBN") and any(a.tag_ in ("VBZ", "VBP") for a in auxes)


def event_date(trigger: Token, timexes: list[Timex], published: str | None,
               about: Timex | None = None) -> tuple[str, str, str] | None:
    """``(value, precision, basis)`` dating the event of ``trigger``, or None without any date.

    ``basis`` says where the date comes from: "timex" (a timex of the trigger's clause or
    of one governing it), "article" (``about``, the day the article is about, see
    ``article_date``: for past events without a timex of their own, and when the
    clause's timex is only a year or month holding that day, "this year's conference"),
    or "published" (present and future statements, or nothing better)."""
    tx = anchor_timex(trigger, timexes)
    if tx is not None and tx.value and tx.precision:
        if about is not None and about.value and tx.precision in ("month", "year") \
                and about.value.startswith(tx.value):
            return about.value, "day", "article"
        return tx.value, tx.precision, "timex"
    past = _is_headline(trigger.doc, trigger.idx) or not _present_or_future(trigger)
    if about is not None and about.value and past:
        return about.value, "day", "article"
    anchor = _anchor(published)
    if anchor is not None:
        return _day(anchor), "day", "published"
    return None


@Language.factory("storyline_timexes")
def make_timexes(nlp: Language, name: str):
    ensure_extensions()

    def storyline_timexes(doc: Doc) -> Doc:
        doc._.storyline_timexes = find_timexes(doc)
        return doc

    return storyline_timexes
