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
def cldr_words() -> dict[str, str]:
    """Lower-cased currency words written after a figure -> ISO code (see the module doc)."""
    codes = sorted(tender())
    singular = {c: english_name(c) for c in codes}
    plural = {c: english_name(c, plural=True) for c in codes}
    singular = {c: n for c, n in singular.items() if n}
    words: dict[str, str] = {}

    def add(word: str | None, code: str) -> None:
        if word and word not in NOT_CURRENCY_WORDS:
            words.setdefault(word, code)

    for code, name in singular.items():
        for form in {name, plain(name), plural.get(code) or name, plain(plural.get(code) or name)}:
            add(form, code)
    # last words unique both with and without their accents (news writes the Icelandic
    # "krona" like the Swedish one)
    lasts = unique_last_words(singular)
    plain_lasts = unique_last_words({c: plain(n) for c, n in singular.items()})
    for code, last in lasts.items():
        if code not in plain_lasts:
            continue
        plural_last = (plural.get(code) or "").split()[-1:] or [last]
        for form in {last, plural_last[0], plain(last), plain(plural_last[0])}:
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
