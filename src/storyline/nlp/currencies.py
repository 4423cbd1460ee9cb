"""The world's currencies by their English names, from the Unicode CLDR (through Babel).

``numbers.py`` writes the currencies news names most, with the forms news uses ("Rs.",
"roubles", "Norwegian crowns"). This module adds every other currency that is legal tender
somewhere, as the CLDR names it in English, so "3 billion kwacha", "200 Ghanaian cedis" or
"1.4 billion kroner" are money and not a counted noun:

- the full name, singular and plural ("ghanaian cedi", "ghanaian cedis"), also without accents;
- the last word of the name alone ("cedi", "cedis") where no other currency's name ends in
  that word (``unique_last_words``: "kwacha" is Zambian and Malawian, so it stays unnamed) and
  the word is no plain English word (``NOT_CURRENCY_WORDS``: "mark", "real", "gold");
- the ISO code after a figure ("5 million GHS"), except codes that read as words or common
  abbreviations (``NOT_CURRENCY_CODES``: "ALL", "TOP", "CVE");
- a symbol that carries a currency sign ("EC$", "CN¥", "FCFA").

Forms ``numbers.py`` already has win: this only fills gaps. The tables are computed once, at
import, from the CLDR data Babel ships (no network). Legal tender is taken on a fixed day
(``TENDER_ON``) so the tables do not change with the clock.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

TENDER_ON = datetime.date(2026, 1, 1)
# Last words of currency names that are plain English words, or names more often than money
NOT_CURRENCY_WORDS = frozenset({"gold", "mark", "marks", "real", "sol", "soles", "dram", "drams",
                                "kip", "kips", "colon", "colons"})
# ISO codes that read as English words or common abbreviations after a figure
NOT_CURRENCY_CODES = frozenset({"ALL", "TOP", "CUP", "MOP", "BOB", "MAD", "SOS", "PEN", "BAM", "CVE",
                                "STD", "SCR", "SRD", "ERN", "PHP", "COP", "CDF", "SAR", "NIO", "MRU",
                                "DOP", "GMD", "HTG", "MUR", "NAD", "BIF", "LSL", "SHP", "TND", "XCG"})
_CURRENCY_SIGNS = re.compile(r"[$¥£€₹₦₱₫₩₪₴₽₸₾]|CFA")


def plain(text: str) -> str:
    """A name without its accents ("córdoba" -> "cordoba", "krónur" -> "kronur")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _clean(name: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", name).strip().lower()


@lru_cache(maxsize=1)
def tender() -> frozenset[str]:
    """ISO codes of the currencies that are legal tender in some territory on ``TENDER_ON``."""
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    codes: set[str] = set()
    for territory in get_global("territory_currencies"):
        codes.update(get_territory_currencies(territory, TENDER_ON, tender=True))
    return frozenset(codes)


@lru_cache(maxsize=None)
def english_name(code: str, plural: bool = False) -> str | None:
    """The CLDR English name of an ISO currency code, lower-cased, without a bracketed note
    ("GHS" -> "ghanaian cedi"; plural: "ghanaian cedis"); None for an unknown code."""
    from babel.numbers import UnknownCurrencyError, get_currency_name

    try:
        name = get_currency_name(code, count=2 if plural else None, locale="en")
    except UnknownCurrencyError:
        return None
    return _clean(name) if name and name != code else None


def unique_last_words(names: dict[str, str]) -> dict[str, str]:
    """Code -> the last word of its name, for the codes whose last word ends no other code's
    name ("ghanaian cedi": "cedi"; "zambian kwacha" and "malawian kwacha" share theirs: neither)."""
    ends: dict[str, int] = {}
    for name in names.values():
        last = name.split()[-1]
        ends[last] = ends.get(last, 0) + 1
    return {code: name.split()[-1] for code, name in names.items() if ends[name.split()[-1]] == 1}


@lru_cache(maxsize=1)
def _tender_names() -> tuple[dict[str, str], dict[str, str]]:
    """(code -> singular English name, code -> plural) of every legal tender that has a name."""
    singular = {c: english_name(c) for c in sorted(tender())}
    singular = {c: n for c, n in singular.items() if n}
    return singular, {c: english_name(c, plural=True) or n for c, n in singular.items()}


@lru_cache(maxsize=1)
def cldr_words() -> dict[str, str]:
    """Lower-cased currency words written after a figure -> ISO code (see the module doc)."""
    singular, plural = _tender_names()
    words: dict[str, str] = {}

    def add(word: str | None, code: str) -> None:
        if word and word not in NOT_CURRENCY_WORDS:
            words.setdefault(word, code)

    for code, name in singular.items():
        for form in {name, plain(name), plural[code], plain(plural[code])}:
            add(form, code)
    # last words unique both with and without their accents (news writes the Icelandic
    # "krona" like the Swedish one)
    lasts = unique_last_words(singular)
    plain_lasts = unique_last_words({c: plain(n) for c, n in singular.items()})
    for code, last in lasts.items():
        if code not in plain_lasts:
            continue
        plural_last = plural[code].split()[-1]
        for form in {last, plural_last, plain(last), plain(plural_last)}:
            add(form, code)
    return words


@lru_cache(maxsize=1)
def cldr_codes_after() -> frozenset[str]:
    """ISO codes that name a currency written after a figure ("5 million GHS")."""
    return frozenset(c for c in tender() if c not in NOT_CURRENCY_CODES)


@lru_cache(maxsize=1)
def cldr_symbols() -> dict[str, str]:
    """Currency symbols written before a figure that carry a currency sign ("EC$", "CN¥",
    "FCFA") -> ISO code; a symbol two currencies share, or one with a space in it ("F CFA",
    written after the figure), is left out."""
    from babel.numbers import get_currency_symbol

    seen: dict[str, set[str]] = {}
    for code in tender():
        symbol = get_currency_symbol(code, locale="en")
        if symbol != code and _CURRENCY_SIGNS.search(symbol) and not re.search(r"\s", symbol):
            seen.setdefault(symbol, set()).add(code)
    return {symbol: next(iter(c)) for symbol, c in seen.items() if len(c) == 1}


# Shared last words whose reading numbers.py fixes and context does not change: "dollars" is USD
# (US news names Canada without meaning its dollar), "pounds" sterling or weight, "won" a verb too.
CONTEXT_FREE = frozenset({"dollar", "dollars", "pound", "pounds", "won"})


@lru_cache(maxsize=1)
def shared_words() -> dict[str, tuple[str, ...]]:
    """Currency words that end the names of several legal tenders -> their ISO codes, singular
    and plural, with and without accents ("krone", "kroner": DKK, NOK; "rupees": INR, LKR, ...)."""
    singular, plural = _tender_names()
    shared: dict[str, set[str]] = {}
    lasts = unique_last_words(singular)
    for code, name in singular.items():
        if code in lasts:
            continue
        forms = {name.split()[-1], plural[code].split()[-1]}
        for form in forms | {plain(f) for f in forms}:
            if form not in NOT_CURRENCY_WORDS and form not in CONTEXT_FREE:
                shared.setdefault(form, set()).add(code)
    return {w: tuple(sorted(c)) for w, c in shared.items() if len(c) > 1}


@lru_cache(maxsize=None)
def _cues(code: str) -> re.Pattern | None:
    """The English names of the territories where ``code`` is tender and the adjective of its
    name, as written ("Norway", "Svalbard & Jan Mayen", "Norwegian"; "Kenya", "Kenyan")."""
    from babel import Locale
    from babel.core import get_global
    from babel.numbers import get_currency_name, get_territory_currencies

    territories = Locale("en").territories
    words = {territories[t] for t in get_global("territory_currencies")
             if t in territories and code in get_territory_currencies(t, TENDER_ON, tender=True)}
    name = re.sub(r"\s*\(.*?\)", "", get_currency_name(code, locale="en")).strip()
    if " " in name:
        words.add(name.rsplit(" ", 1)[0])
    words = {w for w in words if w}
    if not words:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?![\w])")


def currency_in_context(word: str, text: str, pos: int, default: str | None = None, before: int = 600,
                        after: int = 200) -> str | None:
    """The ISO code of a currency word several currencies share ("kroner", "shillings", "rupees"),
    read from the country the text names nearest the figure at ``pos`` (within ``before``
    characters before it and ``after`` after it: "Norway's fund lost 1.4 trillion kroner": NOK);
    None when the word is not shared, or no country of it is named, or two are named as near.
    ``default``: the reading without context ("rubles": RUB), which stands whenever its own
    country is named in that window too ("Belarus and Russia ... rubles" stays RUB)."""
    codes = shared_words().get(word.lower())
    if not codes:
        return None
    lo, hi = max(0, pos - before), min(len(text), pos + after)
    if default in codes:
        cues = _cues(default)
        if cues is not None and cues.search(text, lo, hi):
            return default
    best: dict[str, int] = {}
    for code in codes:
        cues = _cues(code)
        if cues is None:
            continue
        for m in cues.finditer(text, lo, hi):
            d = abs(m.start() - pos)
            best[code] = min(best.get(code, d), d)
    if not best:
        return None
    nearest = sorted(best.items(), key=lambda kv: kv[1])
    if len(nearest) > 1 and nearest[0][1] == nearest[1][1]:
        return None
    return nearest[0][0]
