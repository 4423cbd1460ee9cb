"""Find figures in plain text: numbers in digits and words, magnitudes,
currencies, units, approximation cues and ranges.

``find_quantities`` is pure string work (no spaCy), so it is cheap and testable
on its own; ``claims.py`` adds what needs the parse (the counted thing, dates,
identifiers, the claimant).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import (
    APPROX_AFTER,
    APPROX_BEFORE,
    CURRENCY_PREFIX,
    CURRENCY_WORDS,
    ISO_AFTER,
    SCALES,
    VAGUE,
    VAGUE_APPROX,
    WORD_NUMBER,
    currency_code,
    magnitude,
    parse_digits,
    unit_for,
    words_to_number,
)


@dataclass
class Quantity:
    """One figure found in text; ``unit`` is None until a counted thing is found."""

    start: int
    end: int
    value: float
    value_max: float | None = None
    unit: str | None = None
    approx: str | None = None
    currency: bool = False
    words: bool = False  # written in words ("three", "a dozen")
    has_magnitude: bool = False  # "billion", "bn", "k" applied
    grouped: bool = False  # digits with thousands separators ("1,450")
    number_start: int = 0  # where the digits/words begin (after currency and cue)
    number_end: int = 0

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


def _alternation(keys) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?[½¼¾⅓⅔]?|\.\d+|[½¼¾⅓⅔]"
_SCALE_WORDS = "|".join(list(SCALES) + ["dozen"])
_WN_ATOM = rf"(?:{WORD_NUMBER}|{_SCALE_WORDS})"
# "two-thirds of", "a quarter of", "half of the": fractions of a whole
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
             "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_FRACTION_WORDS = "|".join(sorted(FRACTIONS, key=len, reverse=True))
_NUMBER_RE = re.compile(
    rf"(?P<cur>(?<![A-Za-z])(?:{_alternation(CURRENCY_PREFIX)}))\s?(?P<csign>[-\u2212])?(?P<cdig>{_DIGITS})"
    rf"|(?<![\w.,/#])(?P<mixed>(?:\d{{1,3}}[ \u00a0-])?[1-9]/(?:2|3|4|8|16)(?![\d/])(?=[ \u00a0-]+[A-Za-z]))"
    rf"|(?<![\w.,/#])(?P<dig>{_DIGITS})"
    rf"|(?i:(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|scores(?=\s+of\b)|hundreds|thousands|millions|billions)\b))"
    rf"|(?i:(?<=\bby )(?P<byfrac>(?:a|one|two|three)[- ](?:{_FRACTION_WORDS})\b|half\b))"
    rf"|(?i:(?P<frac>(?<![\w-])(?:one|two|three|four|five|seven|nine)-(?:thirds|quarters|fifths|tenths)\b"
    rf"|\b(?:(?:a|one|two|three|four|five|seven|nine)[- ](?:{_FRACTION_WORDS})|half)"
    rf"(?=[ \u00a0]+(?:of|the|its|their|his|her|our|your|all|which|them|these|those)\b"
    rf"|(?<=half)[ \u00a0]+an?[ \u00a0]+(?!(?:million|billion|trillion|thousand|hundred|dozen)\b))))"
    rf"|(?i:(?P<words>\b(?:half\s+an?\s+(?=(?:thousand|million|billion|trillion|dozen)\b)|(?:a|an|one)\s+(?=(?:dozen|hundred|thousand|million|billion|trillion)\b))?"
    rf"{_WN_ATOM}(?:(?:\s+and\s+|[\s-]+){_WN_ATOM}|\s+and\s+a\s+half\b)*\b))"
)
_DECIMAL_COMMA = re.compile(r",(\d{1,2})(?=[ \u00a0]+(?:thousand|million|billion|trillion|mln|bn)\b|%|"
                            r"[ \u00a0]?(?:per[ \u00a0]?cent|percent)\b)")
_SPACED_MAGNITUDE = re.compile(
    r"[ \u00a0]?(?P<m>hundred|thousand|million|billion|trillion|mln|mn|bn|bln|tn|trn|lakhs?|crores?|m|k)\b(?!-old)",
    re.I)
_GLUED = re.compile(r"[A-Za-zµμ°²³]+(?:/[A-Za-z]+(?:[²³23](?![\d]))?|[²³23](?![\d]))?|%|″|[€£¥₩₹₽₴₺₦₱฿₫₸₾₡₭元]")
# Currency signs written after the figure ("100€", "50 000 ₽", "100元").
SUFFIX_SIGNS = {"€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR", "₽": "RUB", "₴": "UAH", "₺": "TRY",
                "₦": "NGN", "₱": "PHP", "฿": "THB", "₫": "VND", "₸": "KZT", "₾": "GEL", "₡": "CRC", "₭": "LAK",
                "元": "CNY"}
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)(?:-([A-Za-z]+))?")
_WORD = re.compile(r"[ \u00a0]*([A-Za-z%°µμ$€£][\w°/.\-²³']*)")
_TIME_SUFFIX = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|GMT\b|UTC\b|[ap]\.?m\b)")
_APPROX_BEFORE_RE = re.compile(
    r"(?i:(?<![\w])(?P<cue>" + _alternation(APPROX_BEFORE) + r"))[ \u00a0]*$")
_MINUS_BEFORE = re.compile(r"(?i:\bminus[ -]?|\bnegative )$")
_BETWEEN = re.compile(r"(?i:\bbetween[ \u00a0]+)$")
_FROM_CHANGE = re.compile(
    r"(?i:\b(?:rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|increased?|increasing|"
    r"decreased?|decreasing|dropped|drops?|dropping|grew|grow|growing|jumped|jumps?|climbed|climbs?|"
    r"declined?|slipped|slid|surged|soared|plunged|plummeted|cut|raised|lowered|revised|went|"
    r"gone|up|down|swung|doubled|tripled|slow(?:ed|ing|s)?|eased?|narrowed|widened|shrank|shrunk|"
    r"improved|worsened|expanded|contracted|moved|changed)\b[^.;]{0,40}\bfrom[ \u00a0]+)$")
_CHANGE_BEFORE = re.compile(
    r"(?i:\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|gained|gains?|lost|loses?|added|adds?|shed|"
    r"jumped|jumps?|dropped|drops?|climbed|climbs?|slipped|slips?|slid|surged|soared|plunged|tumbled|"
    r"declined?|increased?|decreased?|up|down|higher|lower)(?:[ \u00a0]+by)?[ \u00a0]+)$")
# Spans never holding a figure: phone numbers, clock times, list numbering, fractions and
# numeric dates, URLs.
_MASKS = [
    re.compile(r"(?<![\w.,])(?:\+\d{1,3}[ .-]?)?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]\d{3,5}(?![\d,])"),
    # an international number: "+7–495–606–20–35", "+ 7(495) 232 9803", "+44 (20) 7946 0958"
    re.compile(r"\+[ \u00a0]?\d{1,3}[ \u00a0]?(?:\(\d{2,5}\)|[-\u2013. ]\d{2,5})(?:[ \u00a0.\-\u2013]\d{2,5}){1,4}(?!\d|,\d)"),
    # a name written with a plus between digits: the "1+1" channel, "5+1" talks
    re.compile(r"(?<![\w+])\d{1,2}\+\d{1,2}(?![\w+])|(?<![\w+])\d{1,2} \+ \d{1,2}(?=[ \u00a0]+[A-Z])"),
    # plan and form names: "401(k)", "a 10-K filing", "Form 6-K"
    re.compile(r"\b\d{1,4}\([a-z]\)|\b\d{1,2}-[A-Z]\b(?!-)"),
    re.compile(r"(?<![\d])\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s?(?:a\.?m\.?|p\.?m\.?|AM|PM)|\b\d{1,2}:\d{2}(?::\d{2})?\b"),
    re.compile(r"(?m)^[ \t]*\(?\d{1,3}[.)](?=[ \t])"),
    re.compile(r"\b\d+/\d+(?:/\d+)?\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\b"),
    re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+"),
]
_SCREEN_AFTER = re.compile(r"(?i)[ \u00a0]*(?:video|tv|tvs|screens?|displays?|resolution|monitors?|hdr|"
                           r"camera|streaming|ultra|footage|content|quality|res)\b")
_WEATHER_CONTEXT = re.compile(r"(?i)\b(?:temperatures?|degrees?|heat(?:wave)?|hot(?:test)?|warm(?:est)?|cold(?:est)?|"
                              r"weather|forecast|celsius|fahrenheit|\d+f)\b")
# Words around a spaced "C"/"F" that make it degrees: weather and heat in materials.
_HEAT_CONTEXT = re.compile(r"(?i)\b(?:temperatures?|degrees?|heat(?:wave|ed)?|hot(?:test)?|warm(?:est|ing)?|"
                           r"cold(?:est)?|weather|forecast|highs?|lows?|melt(?:s|ing|ed)?|boil(?:s|ing|ed)?|"
                           r"freez(?:e|es|ing)|cool(?:ed|ing)?|oven|furnace|fever)\b")
_DEGREE_SCALE = re.compile(r"[ \u00a0]*(C|F|Celsius|Fahrenheit|celsius|fahrenheit)\b")
_RATIO_UNITS = {"percent", "percentage point", "basis point", "fraction"}
_VIDEO_LINES = {144, 240, 360, 480, 576, 720, 1080, 1440, 2160, 4320}
# Periods inside a hyphenated modifier: not a figure for us ("a five-year plan").
_HYPHEN_PERIODS = {"year", "month", "week", "day", "hour", "minute", "second", "times", "way", "night",
                   "decade", "century", "fold"}
# Nouns a hyphenated figure counts: "a 450-seat chamber", "a 27-member bloc", "a 10-point plan".
_HYPHEN_COUNTS = {"point", "seat", "member", "man", "men", "woman", "women", "game", "match", "page",
                  "storey", "story", "floor", "lane", "nation", "party", "round", "bed", "bedroom", "room",
                  "goal", "run", "shot", "set", "hole", "leg", "stage", "episode", "song", "track", "player",
                  "vote", "car", "vehicle", "country", "state", "team", "star", "gun", "door", "speed",
                  "stop", "step", "part", "piece", "course", "mile", "acre", "km", "unit", "hit", "win"}
# "a few dozen", "several hundred": an order of magnitude.
# "a quarter of a billion": a fraction of a magnitude word is one figure
_FRACTION_OF_SCALE = re.compile(r"(?i)[ \u00a0]+of[ \u00a0]+an?[ \u00a0]+(thousand|million|billion|trillion)\b")
_FEW_BEFORE = re.compile(r"(?i)\b(?:a few|several|a couple of|some few)[ \u00a0]+$")
# A scale word standing alone is not a figure: "N10 trillion" (a currency we cannot read
# glued to the digits), "the Hundred Years' War".
_BARE_SCALE = re.compile(r"(?i)^(?:hundred|thousand|million|billion|trillion|dozen)s?$")
# After a glued "m": a counted plural noun makes it millions ("2m people", "100m copies");
# race distances keep their metres ("the 400m hurdles").
_COUNTED_AFTER = re.compile(
    r"[ \u00a0]+(?!(?:hurdles|freestyle|backstroke|breaststroke|butterfly|relays?|metres|meters|sprints?|"
    r"finals?|heats?|medley|races?|events?)\b)(?:[a-z]+-)?(?:[a-z]{2,}s|people|children|men|women|staff)\b")
# Words after "a"/"per" that make a rate ("$5 a share", "$5,000-a-month").
_RATE_WORDS = {"day", "week", "month", "year", "hour", "barrel", "ounce", "gallon", "share", "head", "person",
               "kilogram", "kg", "tonne", "ton", "litre", "night", "minute", "second", "game", "season",
               "mile", "kilometre", "pound", "gram", "unit", "seat", "ticket", "household", "capita"}
# Money words before "N pounds": then the pounds are sterling, not a weight.
_MONEY_CONTEXT = re.compile(
    r"(?i)\b(?:cost|costs|costing|paid|pay|pays|paying|price[ds]?|worth|fine[ds]?|spen[dt]|spending|earn(?:s|ed)?|"
    r"salary|wages?|budget|raised?|funding|sold|sell|buy|bought|charged?|fees?|bill|owe[ds]?|donated?|"
    r"grant|award(?:ed)?|prize|loan|debt|profit|revenue|sum|tax|compensation|bonus|ransom)\b[^.;]*$")
# "300,000 pounds ($465,000)": a conversion into another currency in brackets makes pounds money
_CONVERSION_AFTER = re.compile(r"[ \u00a0]*\([ \u00a0]*(?:about|around|roughly|nearly|some|or[ \u00a0]+)?[ \u00a0]*"
                               r"(?:US|U\.S\.|A|C|NZ|HK|S)?[$€¥]|[ \u00a0]*\([ \u00a0]*(?:USD|EUR)\b")
_RANGE_SEP = re.compile(r"^(?:[ \u00a0]*(?P<sep>--|-|\u2013|\u2014|to|and|or|through)[ \u00a0]*)$", re.I)


def _masked(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for rx in _MASKS:
        spans.extend(m.span() for m in rx.finditer(text))
    return spans


def _in_mask(pos: int, masks: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in masks)


def _suffix_unit(text: str, pos: int, currency: bool, won: bool = False) -> tuple[str | None, int, str | None]:
    """(unit or ISO code, end offset, 'skip' reason) for what follows a figure at ``pos``.
    ``won``: the word "won" may be the currency (after a magnitude with no currency sign:
    "500 billion won"); after "$1.5 million" it is the verb ("$1,574,799 won this year")."""
    # Spaced unit or currency word: the longest match of up to three words.
    words: list[tuple[str, int]] = []
    cursor = pos
    for _ in range(3):
        m = _WORD.match(text, cursor)
        if not m:
            break
        word = m.group(1).rstrip(".,;:)'-")  # "287 miles- and": a dash after the unit
        if not word:
            break
        words.append((word, m.start(1) + len(word)))
        cursor = m.start(1) + len(word)
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        surface = " ".join(w for w, _ in words[:n])
        end = words[n - 1][1]
        if n == 1 and surface in ISO_AFTER:
            return surface, end, None
        if n == 1 and surface in ("US", "U.S.", "U.S") and currency:
            # "$75 U.S. per barrel": the country's full stop is part of the name
            return None, end + (1 if surface == "U.S" and text[end:end + 1] == "." else 0), None
        code = currency_code(surface, text, pos)  # "kroner", "rupees": the country named nearest
        if code and len(words) > n and words[n][0].lower() in ("cent", "cents", "centimes"):
            return "cent", words[n][1], None  # "50 euro cents", "20 US dollar cents": cents
        if code and not (surface.lower() == "won" and not won):
            if surface.lower() in ("dollars", "dollar") and n == 1:
                return "USD", end, None
            return code, end, None
        unit = unit_for(surface, glued=False) or (_slash_unit(surface) if n == 1 else None)
        if unit:
            return unit, end, None
    return None, pos, None


def _slash_unit(surface: str) -> str | None:
    """A unit per unit written with a slash ("A/cm2", "g/km", "mg/l"): both parts units."""
    if surface.count("/") != 1:
        return None
    top, bottom = surface.split("/")
    u_top = unit_for(top, glued=True) or {"A": "A", "V": "V", "W": "W"}.get(top)
    per = re.fullmatch(r"(\d+)([A-Za-z]+)", bottom)
    if per and u_top and unit_for(per.group(2), glued=True):
        return f"{u_top} per {per.group(1)} {unit_for(per.group(2), glued=True)}"  # "kWh/100km"
    u_bottom = unit_for(bottom, glued=True)
    return f"{u_top} per {u_bottom}" if u_top and u_bottom else None


# a conversion in brackets between a figure and its rate: "($2.4 billion)"
_ASIDE = re.compile(r"[ \u00a0]*\([^()]{1,40}\d[^()]{0,20}\)")
# "between 50 and 70 on the GPa scale": the unit of a bare figure named by its scale
_ON_SCALE = re.compile(r"[ \u00a0]+on[ \u00a0]+the[ \u00a0]+([A-Za-z°]+)[ \u00a0]+scale\b")
# "of CO2" between a unit and its rate ("95 grams of CO2 per kilometre")
# (or "a"/"an": "55 billion cubic metres of gas a year"; rate_suffix decides whether the word
# after "a" makes a rate)
_OF_BEFORE_PER = re.compile(r"[ \u00a0]+of[ \u00a0]+[\w-]+(?:[ \u00a0]+[\w-]+)?(?=[ \u00a0]+(?:per|an?)[ \u00a0])", re.I)
# "per barrel", "a month", "A Share" in a title-case headline
_RATE_RE = re.compile(r"[ \u00a0]*(?i:per|a|an)[ \u00a0]+(?:(?i:calendar|fiscal|financial|school|academic)[ \u00a0]+)?"
                      r"(?:(?i:(square|cubic|metric))[ \u00a0]+)?([A-Za-z]+)\b")


def rate_suffix(text: str, pos: int) -> tuple[str | None, int]:
    """A rate after a unit: "per barrel", "a month", "an ounce" -> ("barrel", end)."""
    m = _RATE_RE.match(
        text, pos)
    if not m:
        return None, pos
    word = m.group(2).lower()
    is_per = m.group(0).strip().lower().startswith("per")
    if not is_per and re.match(r"(?i)[ \u00a0]+(?:(?:earlier|ago|later|before|after)\b|on(?:[ \u00a0]*[,.;:)]|"
                               r"[ \u00a0]+from\b|[ \u00a0]*$))", text[m.end():m.end() + 12]):
        # "$6.78 billion a year earlier", "a year on, ...": a date, not a rate ("$1 million a day
        # on security" is a rate)
        return None, pos
    if not is_per and word not in _RATE_WORDS:
        return None, pos
    if word == "annum":
        word = "year"  # "per annum"
    unit = unit_for(word, glued=False) or (word[:-1] if word.endswith("s") and len(word) > 3 else word)
    if m.group(1):
        unit = unit_for(f"{m.group(1).lower()} {word}", glued=False) or f"{m.group(1).lower()} {unit}"
    elif is_per:
        # a two-word unit: "per megawatt hour", "per kilowatt-hour"
        two = re.match(r"[ \u00a0-]([A-Za-z]+)\b", text[m.end():m.end() + 16])
        if two:
            pair = unit_for(f"{word} {two.group(1).lower()}", glued=False)
            if pair:
                return pair, m.end() + two.end()
    return unit, m.end()


def _one_quantity(text: str, m: re.Match, masks) -> Quantity | None:
    """The quantity starting at match ``m`` (with its suffixes), or None when it is not one."""
    currency = m.group("cur")
    start = m.start()
    words = False
    has_mag = False
    value_max = None
    approx = None
    if m.group("vague"):
        phrase = m.group("vague").lower().split()
        base = VAGUE[phrase[-1]]
        if len(phrase) == 3:  # "tens of thousands", "hundreds of millions"
            base *= 10 if phrase[0] == "tens" else 100
        value, value_max, approx, end = base, base * 10, VAGUE_APPROX, m.end()
        number_start, number_end = m.start(), m.end()
        words = True
    elif m.group("frac") or m.group("byfrac"):
        if re.search(r"(?i)\b(?:first|second|third|fourth|final|last|other|latter|former|back|front)[ \u00a0]+$",
                     text[max(0, m.start() - 8):m.start()]):
            return None  # "the first half of the year", "the other half": a part, not a figure
        parts = re.split(r"[- ]", (m.group("frac") or m.group("byfrac")).lower())
        numerator = 1.0 if parts[0] in ("a", "one", "half") else words_to_number(parts[0]) or 1.0
        value, end = numerator / FRACTIONS[parts[-1]], m.end()
        number_start, number_end = m.start(), m.end()
        words = True
        scaled = _FRACTION_OF_SCALE.match(text, end) if m.group("frac") else None
        if scaled:
            # "a quarter of a billion dollars", "three quarters of a million people": one figure
            # of that magnitude, not a fraction and a billion
            value *= SCALES[scaled.group(1).lower()]
            end = number_end = scaled.end()
            has_mag = True
        article = re.match(r"[ \u00a0]+an?[ \u00a0]+", text[end:end + 6]) if parts == ["half"] else None
        if article:
            # "half a percentage point", "half a mile": half of the unit named after it; not a
            # figure when no unit follows ("half an hour" is a time, "half a chance" a phrase)
            unit_after, unit_end, _ = _suffix_unit(text, end + article.end(), currency=False)
            if unit_after is None:
                return None
            return _finish(text, start, unit_end, value, None, unit_after, None, None, True, False,
                           number_start, number_end)
    elif m.group("words"):
        phrase = m.group("words")
        value = words_to_number(phrase)
        if value is None:
            return None
        few = _FEW_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if _BARE_SCALE.match(phrase) and few:
            # "a few dozen", "several hundred": that order of magnitude, like "hundreds of"
            return _finish(text, few.start(), m.end(), value, value * 10, None, VAGUE_APPROX, None, True, True,
                           m.start(), m.end())
        if _BARE_SCALE.match(phrase):
            return None  # "N10 trillion" (a figure we cannot read), "the Hundred Years' War"
        end = m.end()
        number_start, number_end = m.start(), m.end()
        words = True
        if value >= 1000 or re.search(r"(?i)hundred|dozen|thousand|million|billion", phrase):
            has_mag = True
    elif m.group("mixed"):
        # "10 1/2 miles", "a 1/4 mile oval": a simple fraction before a word (dates like
        # "12/03" stay masked: their second part is not a small denominator before a word)
        *whole, frac = re.split(r"[ \u00a0-]", m.group("mixed"))
        num, den = frac.split("/")
        if int(num) >= int(den):
            return None  # "7/4": a date, not a fraction
        value = (float(whole[0]) if whole else 0.0) + int(num) / int(den)
        number_start, number_end = m.span("mixed")
        end = number_end
    else:
        digits = m.group("cdig") or m.group("dig")
        number_start, number_end = (m.start("cdig"), m.end("cdig")) if currency else m.span("dig")
        if _in_mask(number_start, masks):
            return None
        value = parse_digits(digits)
        if value is None:
            return None
        if re.match(r"['\u2019]s\b", text[number_end:number_end + 3]) and value % 10 == 0 \
                and (value < 100 or 1000 <= value <= 2100):
            return None  # "the 90's", "the 1960's": a decade
        comma = _DECIMAL_COMMA.match(text, number_end) if re.fullmatch(r"\d{1,3}", digits) else None
        if comma:  # "1,5 million": a decimal comma before a magnitude
            value = float(f"{digits}.{comma.group(1)}")
            number_end = comma.end(1)
        minus = _MINUS_BEFORE.search(text, max(0, number_start - 10), number_start)
        if m.group("csign"):
            value = -value
        elif minus:
            value = -abs(value)
            start = minus.start()
        elif not currency and number_start > 0 and text[number_start - 1] in "-\u2212":
            before = text[number_start - 2] if number_start > 1 else " "
            if before.isalpha() and re.search(r"\d[ \u00a0-]?(?:foot|feet|ft)$", text[max(0, number_start - 12):number_start - 1]) \
                    and value < 12:
                # "a 6-foot-5 forward": the inches after the feet
                return _finish(text, number_start, number_end, value, None, "inch", None, None, False, False,
                               number_start, number_end)
            if text[max(0, number_start - 4):number_start - 1].lower() == "sub" \
                    and not text[max(0, number_start - 5):number_start - 4].isalpha():
                # "sub-7 nanometer chips", "a sub-2 second lap": less than the figure
                approx = "less than"
                start = number_start - 4
            elif before.isalpha():  # "F-16", "Su-34", "COVID-19": an identifier
                return None
            if before.isspace() or before in "(":
                value = -value
                start = number_start - 1
            elif before.isdigit():
                pass  # second half of "20-30": merged into a range later
        end = number_end
    unit: str | None = "fraction" if (m.group("frac") or m.group("byfrac")) and not has_mag else None
    if currency:
        code = CURRENCY_PREFIX[currency]
        if currency in ("PS", "RM") and text[m.end("cur"):m.end("cur") + 1].isspace():
            return None  # "PS 5" is not a price
        unit = code
    # Magnitudes and units glued to the digits: "18bn", "640bhp", "1.38pc", "10kW".
    glued = _GLUED.match(text, end) if not words else None
    if glued:
        g = glued.group(0)
        mag = magnitude(g, currency=bool(unit))
        if g in ("K", "k") and not unit and value in (2, 4, 5, 6, 8) and not has_mag \
                and ((g == "K" and value in (4, 8)) or _SCREEN_AFTER.match(text, glued.end())):
            return None  # "4K", "8k video": a screen resolution, not thousands
        if mag is None and g in ("m", "b") and not unit and _COUNTED_AFTER.match(text, glued.end()):
            # "2m people", "100m copies", "1.2b users": millions or billions of a counted thing
            mag = 1e6 if g == "m" else 1e9
        if mag is None and g[-1:] in "23²³" and g[:-1]:
            pass
        if mag is not None:
            value *= mag
            has_mag = True
            end = glued.end()
            glued = None
        elif g == "%" or g in SUFFIX_SIGNS:
            unit = "percent" if g == "%" else SUFFIX_SIGNS[g]
            end = glued.end()
        elif g == "p" and value in _VIDEO_LINES:
            return None  # "1080p", "720p": a video format's name
        elif g == "p" and not re.match(r"\.?\s?m\b", text[glued.end():glued.end() + 4]) and not unit:
            unit = "penny"  # "245p"
            end = glued.end()
        elif re.fullmatch(r"(?i)st|nd|rd|th|s|am|pm|a|p", g):
            return None  # ordinal, decade, clock time ("22nd", "1990s", "5am")
        else:
            u = unit_for(g, glued=True)
            if g == "c" and not unit:
                # "50c a litre": cents; "38c" in lower-cased weather copy: degrees
                u = "°C" if _WEATHER_CONTEXT.search(text, max(0, number_start - 60),
                                                     min(len(text), glued.end() + 30)) else "cent"
            if u is None and "/" in g:
                # "99g/km", "5kg/m2", "1.3A/cm2": a unit per unit
                u = _slash_unit(g)
            glued_end = glued.end()
            if u == "degree":
                scale = _DEGREE_SCALE.match(text, glued_end)
                if scale:  # "100° Celsius", "40° F"
                    u = "°" + scale.group(1)[0].upper()
                    glued_end = scale.end()
            if u is None:
                return None  # "5G", "A380"-like tails: an identifier, not a figure
            if u in ("kg", "km", "m") and unit:  # "$5m" handled above; "$5km" is nonsense
                return None
            unit = u
            end = glued_end
    if unit is None and not words:
        scale = re.match(r"[ \u00a0](C|F)\b(?![-'&.]?\w)", text[end:end + 4])
        if scale and _HEAT_CONTEXT.search(text, max(0, number_start - 60), min(len(text), end + 40)):
            # "a 660 C melting point", "highs of 31 C": degrees with the sign left out
            unit, end = "°" + scale.group(1), end + scale.end()
    if unit is None:
        scale = _ON_SCALE.match(text, end)
        scale_unit = unit_for(scale.group(1), glued=False) if scale else None
        if scale_unit:
            unit, end = scale_unit, scale.end()
    if unit is None and not words:
        sign = re.match(r"[ \u00a0]([€£¥₩₹₽₴₺₦₱฿₫₸₾₡₭元])", text[end:end + 2])
        if sign:  # "50,000 ₽"
            unit, end = SUFFIX_SIGNS[sign.group(1)], end + 2
    # Spaced magnitudes: "1.5 million", "4 hundred million", "$40 bn".
    while True:
        sm = _SPACED_MAGNITUDE.match(text, end)
        if not sm:
            break
        mag = magnitude(sm.group("m").lower() if sm.group("m").lower() != "m" else "m", currency=bool(unit))
        if mag is None or (sm.group("m").lower() in ("m", "k") and not unit):
            break
        value *= mag
        has_mag = True
        end = sm.end()
    if _TIME_SUFFIX.match(text, end):
        return None
    if currency == "PS" and not has_mag and value < 10 and text[number_start:number_end].isdigit() \
            and not _MONEY_CONTEXT.search(text, max(0, start - 60), start):
        return None  # "the PS5 outsold the Xbox": a console, not a mangled "£5"
    # Hyphenated compounds: "45-year-old" (age), "five-year" (a modifier), "5-mpg", "billion-mile".
    hy = _HYPHEN_WORD.match(text, end)
    if hy and not unit and hy.group(1).lower() in ("cent", "cents", "penny", "pence"):
        # "a 12-cent-a-share dividend"
        unit = "cent" if hy.group(1).lower().startswith("cent") else "penny"
        end = hy.end(1)
        hy = _HYPHEN_WORD.match(text, end)
    if hy and unit and hy.group(1).lower() in ("a", "an", "per") and hy.group(2):
        rate_word = hy.group(2).lower()
        if rate_word in _RATE_WORDS:
            return _finish(text, start, hy.end(), value, value_max, f"{unit} per {rate_word}", approx, currency,
                           words, has_mag, number_start, number_end)
        hy = None
    if hy and not has_mag and hy.group(1).lower() in SCALES and hy.group(1).lower() != "hundred":
        # "$1.2-billion deal", "a 10-million-dollar fund": the magnitude behind a hyphen
        value *= SCALES[hy.group(1).lower()]
        has_mag = True
        end = hy.end(1)
        if hy.group(2) and not unit:
            code = currency_code(hy.group(2), text, start)
            if code:
                unit, end = code, hy.end(2)
        hy = _HYPHEN_WORD.match(text, end)
    if hy and hy.group(1).lower() in ("plus", "odd") and approx is None:
        # "2,000-plus", "300-odd": an approximation written behind a hyphen
        approx = "at least" if hy.group(1).lower() == "plus" else "about"
        end = hy.end(1)
        hy = _HYPHEN_WORD.match(text, end)
    if hy and hy.group(1).lower() in ("in", "for", "to", "by", "on", "of", "and") \
            and re.match(r"-\d", text[hy.end(1):hy.end(1) + 2]):
        return None  # "a 2-in-1 laptop", "a 2-for-1 offer": a name for a kind of thing
    if hy:
        w1 = hy.group(1).lower()
        if hy.group(2) and hy.group(2).lower() == "old":
            return None  # an age: "45-year-old", "18-month-old"
        if w1 in _HYPHEN_PERIODS:
            return None  # a period as a modifier ("a five-year plan", "a 24-hour strike"): date-like
        u = unit_for(w1, glued=True) or currency_code(w1, text, start)
        if u and not unit:
            unit = u
            end = hy.end(1)
        elif not unit and w1 in _HYPHEN_COUNTS:
            # "a 450-seat chamber", "a three-point shot", "a 27-member bloc": the figure counts
            # the noun inside the compound ("-strong" leaves the counted noun after it)
            unit = {"men": "man", "women": "woman"}.get(w1, w1)
            end = hy.end(1)
    if re.match(r"[ \u00a0]+(?:years?|months?|weeks?|days?)(?:[ \u00a0]+|-)old\b", text[end:end + 20]):
        return None  # "45 years old", "50 year-old"
    pounds = re.match(r"(?i)[ \u00a0]+pounds?\b(?!-)", text[end:end + 14]) if unit is None else None
    if pounds and not re.match(r"(?i)[ \u00a0]+(?:sterling|stg)\b", text[end + pounds.end():end + pounds.end() + 10]):
        money = (has_mag and not re.match(r"[ \u00a0]+of\b", text[end + pounds.end():end + pounds.end() + 5])) \
            or _MONEY_CONTEXT.search(text, max(0, start - 60), start) \
            or _CONVERSION_AFTER.match(text, end + pounds.end())
        # "3.5 billion pounds", "it cost 20 pounds": money; "weighs 200 pounds": a weight
        unit = "GBP" if money else "lb"
        end += pounds.end()
    if unit is None or (unit and currency and not re.match(r"\S", text[end:end + 1] or " ")):
        su, send, _ = _suffix_unit(text, end, currency=bool(unit), won=has_mag and not unit)
        if su and (unit is None or (currency and su in ISO_AFTER)):
            unit = su
            end = send
        elif currency and send > end:  # "$76 US"
            end = send
    elif unit:
        # "$58.24 US" after a glued figure, or an ISO code repeated
        su, send, _ = _suffix_unit(text, end, currency=True)
        if su is None and send > end:
            end = send
    if unit and unit not in _RATIO_UNITS:
        # "$75 a barrel", "€3.50 per month"; a percentage stays a percentage ("5% a year" is
        # a rate already: the period is in the text, not in the unit)
        rate, rend = rate_suffix(text, end)
        aside = None if rate else _ASIDE.match(text, end)
        if aside:  # "9 billion shekels ($2.4 billion) a year": the rate after a conversion
            rate, _ = rate_suffix(text, aside.end())
            rend = end  # the figure ends before the brackets: the conversion is a figure of its own
        of_what = None if rate else _OF_BEFORE_PER.match(text, end)
        if of_what:  # "95 grams of CO2 per kilometre": the rate after what is measured
            rate, rend = rate_suffix(text, of_what.end())
            rend = rend if rate else end
        if rate:
            # "9 million barrels of oil a day" is CQE's barrel per day, like "bpd"
            unit = "barrel per day" if unit in ("barrel", "barrel of oil") and rate == "day" else f"{unit} per {rate}"
            end = rend
    return _finish(text, start, end, value, value_max, unit, approx, currency, words, has_mag,
                   number_start, number_end)


def approx_cue_before(text: str, start: int) -> tuple[int, str] | None:
    """(start of the cue, its approximation) of an approximation cue written just before
    ``start`` ("about", "more than", "up to"), or None."""
    cue = _APPROX_BEFORE_RE.search(text, max(0, start - 24), start)
    return (cue.start("cue"), APPROX_BEFORE[cue.group("cue").lower()]) if cue else None


def _finish(text, start, end, value, value_max, unit, approx, currency, words, has_mag, number_start,
            number_end) -> Quantity:
    """The approximation cues around a figure, and the Quantity."""
    grouped = "," in text[number_start:number_end]
    # Approximation cue before the figure (or before its currency).
    cue = approx_cue_before(text, start)
    if cue:
        start, approx = cue[0], approx or cue[1]
    # ("S&P 500 +0.3%": a plus before a signed figure is its sign, not "or more")
    after = re.match(r"[ \u00a0]*(or so|or more|or fewer|or less|plus\b|\+(?![ \u00a0]?[\d.]))", text[end:end + 12])
    if after and approx is None:
        approx = APPROX_AFTER[after.group(1)]
        end += after.end()
    return Quantity(start=start, end=end, value=value, value_max=value_max, unit=unit, approx=approx,
                    currency=bool(currency) or (unit is not None and unit[:3].isupper() and len(unit) >= 3
                                                and unit[:3] in ISO_AFTER),
                    words=words, has_magnitude=has_mag, grouped=grouped,
                    number_start=number_start, number_end=number_end)


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """Join "20-30", "252 to 287", "between 20 and 30", "three or four" into ranges;
    drop scores ("2-0", "89-89")."""
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        q = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and q.value_max is None and nxt.value_max is None \
                and not (q.unit == "ft" and nxt.unit == "inch"):  # "6-foot-5": feet then inches
            gap = text[q.end:nxt.start]
            sep = _RANGE_SEP.match(gap)
            if sep:
                kind = sep.group("sep").lower()
                low, high = q.value, nxt.value
                if not q.has_magnitude and nxt.has_magnitude and not q.words:
                    scaled = low * _scale_of(nxt)
                    if scaled <= high:
                        low = scaled
                by_change = bool(re.search(r"(?i)\bby[ \u00a0]+$", text[max(0, q.start - 4):q.start]))
                between = bool(_BETWEEN.search(text, max(0, q.start - 9), q.start))
                from_change = bool(_FROM_CHANGE.search(text, max(0, q.start - 80), q.start))
                # "gold fell $12 to $1,780": a change then a level, far apart in size
                if kind == "to" and low > 0 and high / low > 5 \
                        and _CHANGE_BEFORE.search(text, max(0, q.start - 30), q.start):
                    from_change = True
                if from_change and kind == "to" and low < high and i + 2 < len(found) \
                        and re.match(r"[ \u00a0]+to[ \u00a0]+$", text[nxt.end:found[i + 2].start]) \
                        and re.search(r"(?i)\bfrom[ \u00a0]+$", text[max(0, q.start - 6):q.start]):
                    # "cut its target from 6 to 8 per cent to 2 to 4 per cent": the level it
                    # moved from is itself a range
                    from_change = False
                elif kind == "to" and (q.unit is None) != (nxt.unit is None) \
                        and (from_change or low >= high) \
                        and re.search(r"(?i)\bfrom[ \u00a0]+$", text[max(0, q.start - 6):q.start]):
                    # "slow from 4.8 to 4.7 percent", "dropped from 208 pounds to 193": two
                    # levels of one measure, the unit written once
                    if q.unit is None:
                        q.unit, q.currency = nxt.unit, nxt.currency
                        if not q.has_magnitude and nxt.has_magnitude and not q.words \
                                and q.value * _scale_of(nxt) <= nxt.value:
                            q.value *= _scale_of(nxt)
                            q.has_magnitude = True
                    else:
                        nxt.unit, nxt.currency = q.unit, q.currency
                elif kind == "to" and q.unit and nxt.unit and q.unit != nxt.unit \
                        and q.unit.split(" per ")[0] == nxt.unit.split(" per ")[0] \
                        and (" per " in q.unit) != (" per " in nxt.unit) \
                        and re.search(r"(?i)\bfrom[ \u00a0]+$", text[max(0, q.start - 6):q.start]):
                    # "fell from $91 a barrel to $84": the rate written once
                    q.unit = nxt.unit = q.unit if " per " in q.unit else nxt.unit
                score = (kind in ("-", "\u2013") and gap.strip() == gap
                         and float(low).is_integer() and float(high).is_integer() and high < 200
                         and q.unit is None and nxt.unit is None
                         and (low >= high or _score_context(text, q, nxt)))
                if score:
                    i += 2
                    continue
                # "in July 1996 -- 304,850 passenger cars": ends written with and without a
                # thousands separator (a four-digit one bare) are two numbers, not a range
                mixed = q.grouped != nxt.grouped and any(
                    not x.grouped and x.value >= 1000 and re.fullmatch(r"\d{4,}", text[x.number_start:x.number_end])
                    for x in (q, nxt))
                ok = low < high and not mixed and (
                    kind in ("-", "--", "\u2013", "\u2014", "through")
                    # "rose 5 percent to 310": a change and a level; a range puts its unit
                    # on the second figure or on both ("5 to 10 percent", "5% to 10%")
                    or (kind == "to" and not from_change and not (by_change and q.unit)
                        and not (q.unit and not q.currency and nxt.unit is None))
                    or (kind == "and" and between)
                    or (kind == "or" and q.words == nxt.words and high - low <= 2))
                if ok and (q.unit is None or nxt.unit is None or q.unit.split()[0] == nxt.unit.split()[0]):
                    start = q.start
                    if between:
                        start = _BETWEEN.search(text, max(0, q.start - 9), q.start).start()
                    out.append(Quantity(start=start, end=nxt.end, value=low, value_max=high,
                                        unit=nxt.unit or q.unit, approx=q.approx or nxt.approx,
                                        currency=q.currency or nxt.currency, words=q.words and nxt.words,
                                        has_magnitude=q.has_magnitude or nxt.has_magnitude,
                                        grouped=q.grouped or nxt.grouped,
                                        number_start=q.number_start, number_end=nxt.number_end))
                    i += 2
                    continue
        out.append(q)
        i += 1
    return out


_SET_SCORE = r"\d{1,2}[-\u2013]\d{1,2}(?:[ \u00a0]?\(\d{1,2}[-\u2013]\d{1,2}\))?"
_SCORE_SEQ_AFTER = re.compile(rf"(?:[ \u00a0]?\(\d{{1,2}}[-\u2013]\d{{1,2}}\))?,?[ \u00a0]+{_SET_SCORE}(?![\w%-])")
_SCORE_SEQ_BEFORE = re.compile(rf"(?<![\w.-]){_SET_SCORE},?[ \u00a0]+$")
_RESULT_BEFORE = re.compile(
    r"(?i)\b(?:beat|beats|beating|beaten|won|win|wins|winning|lost|lose|loses|losing|drew|draw|draws|"
    r"defeated?|defeating|edged|trail(?:ed|s|ing)?|led|leads?|leading|record|tied)[ \u00a0]+"
    r"(?:(?:the|a|an|[A-Z][\w.'&-]*)[ \u00a0]+){0,4}$")
_RESULT_AFTER = re.compile(r"[ \u00a0]*(?:[,.;:)]|$|[ \u00a0](?:in|on|at|over|against|with|after|before|and|to|"
                           r"win|victory|defeat|loss|draw|lead|record|home|away|aggregate)\b)")


def _score_context(text: str, q: Quantity, nxt: Quantity) -> bool:
    """Whether "3-6", "1-2" (low before high) is a score, not a range: one of a run of set
    scores ("6-3 1-6 7-5"), a record in brackets after a name ("Estes (3-4)"), or a result after
    a verb of winning or losing ("lost 3-4 at home")."""
    if _SCORE_SEQ_AFTER.match(text, nxt.end) or _SCORE_SEQ_BEFORE.search(text, max(0, q.start - 14), q.start):
        return True
    if text[q.start - 1:q.start] == "(" and text[nxt.end:nxt.end + 1] == ")" and nxt.value < 200 \
            and re.search(r"[A-Z][\w.'-]+[ \u00a0]$", text[max(0, q.start - 30):q.start - 1]):
        return True
    return bool(_RESULT_BEFORE.search(text, max(0, q.start - 50), q.start)) and bool(_RESULT_AFTER.match(text, nxt.end))


# "one in five adults", "9 out of 10 doctors": a proportion
_PROPORTION_SEP = re.compile(r"^[ \u00a0]+(?:out[ \u00a0]+of|in)[ \u00a0]+$", re.I)


# The wholes a proportion is written against; "351 out of 450 members", "14 out of 15 units"
# are a count out of a total (two figures), not a proportion.
_PROPORTION_BASES = {2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20, 25, 50, 100, 1000}


def _merge_proportions(text: str, found: list[Quantity]) -> list[Quantity]:
    """Join "one in five", "2 out of 3", "1 in 100" into one fraction (not "2 in 10 minutes": the
    second figure of a proportion counts what the first does, it has no unit of its own; not
    "351 out of 450 members": a count out of a total that is no round whole)."""
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        q = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and _PROPORTION_SEP.match(text[q.end:nxt.start]) and q.unit is None \
                and nxt.unit is None and q.value_max is None and nxt.value_max is None \
                and q.approx != VAGUE_APPROX and not nxt.approx \
                and float(q.value).is_integer() and float(nxt.value).is_integer() and 1 <= q.value < nxt.value \
                and nxt.value in _PROPORTION_BASES and not q.has_magnitude and not nxt.has_magnitude \
                and not _yearlike_after_in(text, nxt) and not _PERIOD_AFTER.match(text, nxt.end):
            out.append(Quantity(start=q.start, end=nxt.end, value=q.value / nxt.value, unit="fraction", approx=q.approx,
                                words=q.words and nxt.words, number_start=q.number_start,
                                number_end=nxt.number_end))
            i += 2
            continue
        out.append(q)
        i += 1
    return out


# "2 in 10 minutes", "3 in 5 days": a count within a period, not a proportion
_PERIOD_AFTER = re.compile(r"(?i)[ \u00a0]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|"
                           r"decades?|games?|matches|races?|rounds?|seasons?|attempts?|tries|innings)\b")


def _yearlike_after_in(text: str, q: Quantity) -> bool:
    """A four-digit figure after "in": a year ("3 in 2019"), not the whole of a proportion."""
    digits = text[q.number_start:q.number_end]
    return digits.isdigit() and len(digits) == 4


def _scale_of(q: Quantity) -> float:
    """The magnitude applied to ``q`` (1e9 for "93 billion"), judged from its value."""
    for scale in (1e12, 1e9, 1e6, 1e3):
        if abs(q.value) >= scale:
            return scale
    return 1.0


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text`` with its value, range, unit or currency, and
    approximation cue, in text order. Clock times, phone numbers, numeric dates,
    ordinals, ages and identifiers glued to letters ("F-16") are left out; years
    and dates written out are left to the caller (they need the parse)."""
    masks = _masked(text)
    found: list[Quantity] = []
    pos = 0
    while True:
        m = _NUMBER_RE.search(text, pos)
        if not m:
            break
        q = _one_quantity(text, m, masks)
        pos = max(m.end(), q.end if q else m.end())
        if q is not None:
            found.append(q)
    return _merge_proportions(text, _merge_ranges(text, found))
