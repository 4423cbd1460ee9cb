"""Pure helpers for figures in text: number words, magnitudes, currencies,
units and approximation cues. No spaCy here: these work on strings, so they
are cheap to test and reuse (claims, events, the bench scorers)."""

from __future__ import annotations

import re

from .currencies import cldr_codes_after, cldr_symbols, cldr_words, currency_in_context, shared_words

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Suffixes glued to digits ("18bn", "$13.6M", "2.8bn"). Bare "m" is metres unless a
# currency precedes it, so it is resolved by the caller (see magnitude()).
MAGNITUDE_ABBR = {
    "k": 1e3, "K": 1e3, "thousand": 1e3, "mln": 1e6, "mn": 1e6, "m": 1e6, "M": 1e6,
    "million": 1e6, "millions": 1e6, "bn": 1e9, "b": 1e9, "B": 1e9, "bln": 1e9, "billion": 1e9,
    "billions": 1e9, "tn": 1e12, "trn": 1e12, "trillion": 1e12, "hundred": 100, "lakh": 1e5,
    "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# "hundreds of drones", "tens of thousands": an order of magnitude, [x, 10x].
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
         "billions": 1e9, "trillions": 1e12}

WORD_NUMBER = (
    r"(?:(?:" + "|".join(sorted(TENS, key=len, reverse=True)) + r")(?:[- ](?:"
    + "|".join(k for k in ONES if ONES[k] and ONES[k] < 10) + r"))?|"
    + "|".join(sorted(ONES, key=len, reverse=True)) + r")"
)
_WORD_TOKEN = re.compile(r"[a-z]+", re.I)


def words_to_number(text: str) -> float | None:
    """The value of an English number phrase ("twenty-one", "three hundred and
    forty", "a dozen", "half a million", "4 hundred million"), or None."""
    text = text.lower().replace("-", " ").replace(",", " ")
    parts = [p for p in text.split() if p not in ("and", "a", "an")]
    if not parts:
        return None
    if parts == ["dozen"]:
        return 12.0
    if parts == ["half", "dozen"]:
        return 6.0
    if parts[0] == "half" and len(parts) > 1 and parts[1] in SCALES:
        return 0.5 * SCALES[parts[1]]
    total = 0.0
    current = 0.0
    seen = False
    for part in parts:
        if part in ONES:
            current += ONES[part]
        elif part in TENS:
            current += TENS[part]
        elif part == "half" and seen:  # "two and a half (million)"
            current += 0.5
        elif part == "dozen":
            current = (current or 1) * 12
        elif part in SCALES:
            scale = SCALES[part]
            current = current or 1
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        else:
            number = parse_digits(part)
            if number is None:
                return None
            current += number
        seen = True
    return total + current if seen else None


def parse_digits(text: str) -> float | None:
    """The value of a digit string ("1,450", "2.5", "−3", ".001"), or None."""
    cleaned = text.replace(",", "").replace("\u2212", "-").replace("\u2013", "-").strip()
    vulgar = VULGAR_FRACTIONS.get(cleaned[-1:]) if cleaned else None
    if vulgar is not None:  # "1½", "¾"
        whole = cleaned[:-1]
        if not whole:
            return vulgar
        cleaned = whole
    try:
        return float(cleaned) + (vulgar or 0.0)
    except ValueError:
        return None


VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


CURRENCY_PREFIX = {
    "$": "USD", "US$": "USD", "US $": "USD", "U.S.$": "USD", "$US": "USD", "USD": "USD",
    "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "PS": "GBP", "¥": "JPY", "Y=": "JPY",
    "JPY": "JPY", "₴": "UAH", "UAH": "UAH", "₽": "RUB", "RUB": "RUB", "₹": "INR", "Rs": "INR",
    "INR": "INR", "₪": "ILS", "NIS": "ILS", "ILS": "ILS", "HK$": "HKD", "HK $": "HKD",
    "HKD": "HKD", "A$": "AUD", "$A": "AUD", "AU$": "AUD", "AUD": "AUD", "C$": "CAD",
    "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD", "S$": "SGD", "SGD": "SGD",
    "RM": "MYR", "MYR": "MYR", "CHF": "CHF", "CNY": "CNY", "RMB": "CNY", "PLN": "PLN",
    "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "TRY": "TRY", "KRW": "KRW", "₩": "KRW",
    "BRL": "BRL", "R$": "BRL", "ZAR": "ZAR", "₺": "TRY", "zł": "PLN",
    # more ways news writes a currency before the figure ("Rs. 500", "₦10bn", "KSh 3bn"); codes
# that are also common acronyms (COP, SAR, PHP) are left out
    "Rs.": "INR", "₦": "NGN", "NGN": "NGN", "KSh": "KES", "Ksh": "KES", "KES": "KES", "₱": "PHP",
    "Rp": "IDR", "IDR": "IDR", "NT$": "TWD", "TWD": "TWD", "Mex$": "MXN", "MXN": "MXN",
    "S/": "PEN", "AED": "AED", "QAR": "QAR", "EGP": "EGP", "PKR": "PKR", "BDT": "BDT",
    "THB": "THB", "฿": "THB", "VND": "VND", "₫": "VND", "ARS": "ARS", "CLP": "CLP",
    "CZK": "CZK", "HUF": "HUF", "RON": "RON", "BGN": "BGN", "KZT": "KZT", "₸": "KZT", "GEL": "GEL",
    "₾": "GEL", "BYN": "BYN", "MDL": "MDL", "IRR": "IRR",
}
# Lower-cased text ("us$2 billion", "rs 500", "usd 50 million"): the same prefixes in lower
# case, except codes that are also words or names ("try", "ron", "gel") and "rm".
for _prefix, _code in list(CURRENCY_PREFIX.items()):
    _lower = _prefix.lower()
    if _lower != _prefix and _lower not in CURRENCY_PREFIX \
            and _lower not in ("try", "ron", "gel", "rm", "ps", "sr", "rub") \
            and (len(_prefix) >= 3 or "$" in _prefix or _prefix in ("Rs",)):
        CURRENCY_PREFIX[_lower] = _code
del _prefix, _code, _lower

# Currency named after the figure ("18 billion euros", "10.5 million Australian dollars").
CURRENCY_WORDS = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD", "dollars": "USD",
    "dollar": "USD", "australian dollars": "AUD", "canadian dollars": "CAD",
    "hong kong dollars": "HKD", "new zealand dollars": "NZD", "singapore dollars": "SGD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "sterling": "GBP",
    "british pounds": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "hryvnias": "UAH", "hryvnia": "UAH", "hryvnia's": "UAH", "hryvnyas": "UAH",
    "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "rupees": "INR",
    "shekels": "ILS", "shekel": "ILS", "swiss francs": "CHF", "francs": "CHF",
    "danish crowns": "DKK", "danish kroner": "DKK", "swedish crowns": "SEK",
    "swedish kronor": "SEK", "norwegian crowns": "NOK", "norwegian kroner": "NOK",
    "zlotys": "PLN", "zloty": "PLN", "lira": "TRY", "liras": "TRY", "won": "KRW",
    "ringgit": "MYR", "rand": "ZAR", "reais": "BRL", "pesos": "MXN", "peso": "MXN",
    "mexican pesos": "MXN", "argentine pesos": "ARS", "philippine pesos": "PHP", "naira": "NGN",
    "rupiah": "IDR", "baht": "THB", "dirhams": "AED", "dirham": "AED", "riyals": "SAR", "riyal": "SAR",
    "kenyan shillings": "KES", "forints": "HUF", "forint": "HUF", "tenge": "KZT", "lari": "GEL",
    "korunas": "CZK", "czech crowns": "CZK", "lei": "RON", "pakistani rupees": "PKR",
    "indian rupees": "INR", "taka": "BDT", "dong": "VND", "yuan renminbi": "CNY",
    "crore rupees": "INR", "lakh rupees": "INR", "bitcoins": "BTC", "bitcoin": "BTC",
    # currencies of archive news (before the euro) and a few more: CQE's table names the
    # markka, the Belgian franc and the kuna; the rest have their plain English names
    "markka": "FIM", "markkaa": "FIM", "markkas": "FIM", "finnish markka": "FIM",
    "french francs": "FRF", "french franc": "FRF", "belgian francs": "BEF", "belgian franc": "BEF",
    "guilders": "NLG", "guilder": "NLG", "dutch guilders": "NLG", "pesetas": "ESP", "peseta": "ESP",
    "drachmas": "GRD", "drachma": "GRD", "irish pounds": "IEP", "punts": "IEP", "german marks": "DEM",
    "deutsche marks": "DEM", "deutschmarks": "DEM", "schillings": "ATS", "austrian schillings": "ATS",
    "escudos": "PTE", "lire": "ITL", "italian lire": "ITL", "kuna": "HRK", "kunas": "HRK",
    "ecus": "XEU", "ecu": "XEU",
    # the Scandinavian crowns as wire copy abbreviates them after a figure ("1.2 bln SKR")
    "skr": "SEK", "nkr": "NOK", "dkr": "DKK",
}
# The singular of every currency named in two words or more, as news writes it before a noun
# ("a 275 million Norwegian crown bond", "a 10 million Swiss franc loan")
for _words, _code in list(CURRENCY_WORDS.items()):
    if " " in _words and _words.endswith("s") and not _words.endswith("ss") and _words[:-1] not in CURRENCY_WORDS:
        CURRENCY_WORDS[_words[:-1]] = _code
del _words, _code
# Every other currency that is legal tender somewhere, by its CLDR English names ("3 billion
# kwacha" stays unnamed: two currencies share the word; "200 Ghanaian cedis", "1.4 billion
# kroner"); the forms above win.
for _words, _code in cldr_words().items():
    CURRENCY_WORDS.setdefault(_words, _code)
for _words, _code in cldr_symbols().items():
    CURRENCY_PREFIX.setdefault(_words, _code)
del _words, _code
ISO_AFTER = {"USD", "EUR", "GBP", "JPY", "UAH", "RUB", "CNY", "CHF", "INR", "ILS", "AUD",
             "CAD", "HKD", "PLN", "SEK", "NOK", "DKK", "TRY", "KRW", "BRL", "ZAR", "MYR", "NZD",
             "SGD", "NGN", "KES", "IDR", "TWD", "MXN", "AED", "QAR", "EGP", "PKR",
             "BDT", "THB", "VND", "ARS", "CLP", "CZK", "HUF", "RON", "BGN", "KZT", "GEL",
             "BYN", "MDL", "IRR", "BTC", "CRC", "LAK"}
ISO_AFTER |= cldr_codes_after()

# Units after a figure: surface form (lower-cased, except where case matters) -> unit.
UNITS = {
    "%": "percent", "per cent": "percent", "percent": "percent", "per-cent": "percent",
    "pc": "percent", "pct": "percent", "percentage points": "percentage point",
    "percentage point": "percentage point", "points": "point", "point": "point",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point",
    "bp": "basis point",
    "km": "km", "kms": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km",
    "kilometer": "km", "m": "m", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm",
    "millimeters": "mm", "millimeter": "mm", "millimetre": "mm", "μm": "µm", "µm": "µm",
    "micrometres": "µm", "micrometers": "µm", "microns": "µm", "nm": "nm", "nanometres": "nm",
    "nanometers": "nm", "nanometer": "nm", "nanometre": "nm",
    "miles": "mile", "mile": "mile", "mi": "mile", "ft": "ft", "feet": "ft", "foot": "ft",
    "inches": "inch", "inch": "inch", "″": "inch", "yards": "yard", "yard": "yard",
    "yd": "yard", "nautical miles": "nautical mile",
    "square kilometres": "km²", "square kilometers": "km²", "sq km": "km²", "km2": "km²",
    "square centimetres": "cm²", "square centimeters": "cm²", "cm2": "cm²", "cm²": "cm²",
    "ampere": "A", "amp": "A",
    "km²": "km²", "square metres": "m²", "square meters": "m²", "sq m": "m²", "m2": "m²",
    "m²": "m²", "square miles": "sq mi", "square feet": "sq ft", "square foot": "sq ft", "sq ft": "sq ft",
    "hectares": "ha", "hectare": "ha", "ha": "ha", "acres": "acre", "acre": "acre",
    "cubic feet": "cu ft", "cubic metres": "m³", "cubic meters": "m³",
    "kg": "kg", "kgs": "kg", "kilograms": "kg", "kilogrammes": "kg", "kilogram": "kg",
    "kilos": "kg", "g": "g", "grams": "g", "grammes": "g", "gram": "g", "mg": "mg",
    "milligrams": "mg", "tonnes": "tonne", "tonne": "tonne", "tons": "ton", "ton": "ton",
    "metric tons": "tonne", "metric ton": "tonne", "lb": "lb", "lbs": "lb", "ounces": "oz", "ounce": "oz", "oz": "oz",
    "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre", "l": "litre",
    "ml": "ml", "millilitres": "ml", "milliliters": "ml", "gallons": "gallon",
    "gallon": "gallon",
    "mph": "mph", "miles per hour": "mph", "km/h": "km/h", "km/hr": "km/h", "kmh": "km/h",
    "kph": "km/h", "kilometres per hour": "km/h", "kilometers per hour": "km/h",
    "knots": "knot", "mpg": "mpg", "miles per gallon": "mpg",
    "°c": "°C", "degrees celsius": "°C", "degrees centigrade": "°C", "celsius": "°C",
    "°f": "°F", "degrees fahrenheit": "°F", "fahrenheit": "°F", "degrees": "degree",
    "degree": "degree",
    "w": "W", "watts": "W", "kw": "kW", "kilowatts": "kW", "mw": "MW", "megawatts": "MW",
    "gw": "GW", "gigawatts": "GW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
    "times": "times", "hp": "hp", "horsepower": "hp", "bhp": "bhp", "volts": "V", "v": "V",
    "mah": "mAh", "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz",
    "gb": "GB", "tb": "TB", "mb": "MB", "kb": "KB", "gigabytes": "GB", "terabytes": "TB",
    "megabytes": "MB", "gpa": "GPa", "gigapascals": "GPa", "decibels": "dB", "db": "dB",
    "ppb": "ppb", "ppm": "ppm", "min": "minute", "mins": "minute", "sec": "second",
    "secs": "second", "hrs": "hour", "hr": "hour",
    # engines and energy: "3000 rpm", "332 lb-ft", "275 pound-feet", "$2.24 per mmBTU"
    "rpm": "rpm", "lb-ft": "lb-ft", "lb ft": "lb-ft", "pound-feet": "lb-ft", "pound-foot": "lb-ft",
    "pounds-feet": "lb-ft", "foot-pounds": "lb-ft", "newton-metres": "Nm", "newton metres": "Nm",
    "newton-meters": "Nm", "newton meters": "Nm", "mmbtu": "mmBTU", "btu": "BTU",
    # devices: "a 12MP camera", "48-megapixel", "60fps", "500 Mbps", "10x zoom"
    "mp": "MP", "megapixel": "MP", "megapixels": "MP", "fps": "fps", "frames per second": "fps",
    "kbps": "kbps", "mbps": "Mbps", "gbps": "Gbps", "x": "times", "kcal": "kcal",
    # "5ft 9in", "245p", "a 2,000mAh cell", "100,000 bpd", "20 amps"
    "in": "inch", "t": "tonne", "cc": "cc", "°": "degree", "µg": "µg", "μg": "µg", "mcg": "µg",
    "micrograms": "µg", "microgram": "µg", "p": "penny", "pence": "penny", "penny": "penny", "bpd": "barrel per day",
    "b/d": "barrel per day", "ah": "Ah", "amps": "A", "amperes": "A", "kv": "kV", "kilovolts": "kV",
    "mt": "Mt", "gt": "Gt", "megatonnes": "Mt", "gigatonnes": "Gt", "kilotonnes": "kt", "kilotons": "kt",
    "megatons": "Mt", "pixels": "pixel", "px": "pixel", "mg/l": "mg/l",
    "terawatts": "TW", "tw": "TW", "teraflops": "TFLOPS", "tflops": "TFLOPS",
    "kilowatt-hours": "kWh", "kilowatt hours": "kWh", "kilowatt hour": "kWh", "kilowatt-hour": "kWh",
    "megawatt hour": "MWh", "megawatt-hour": "MWh", "gigawatt hour": "GWh", "gigawatt-hour": "GWh", "megawatt-hours": "MWh", "megawatt hours": "MWh",
    "gigawatt-hours": "GWh", "gigawatt hours": "GWh", "terawatt-hours": "TWh", "terawatt hours": "TWh",
    "milliseconds": "ms", "ms": "ms", "nanoseconds": "ns", "light years": "light-year",
    "light-years": "light-year", "square kilometre": "km²", "square kilometer": "km²",
    "square mile": "sq mi", "sq miles": "sq mi", "sq mi": "sq mi", "square metre": "m²",
    "square meter": "m²", "sqm": "m²", "sq metres": "m²", "sq feet": "sq ft", "sqft": "sq ft",
    "cubic feet": "cu ft", "cubic foot": "cu ft", "cubic metre": "m³", "cubic meter": "m³",
    "barrels per day": "barrel per day", "barrels of oil": "barrel of oil", "barrel of oil": "barrel of oil",
    "barrels of crude": "barrel of oil", "barrels of crude oil": "barrel of oil",
    "barrels": "barrel", "barrel": "barrel", "bbl": "barrel", "mmhg": "mmHg", "psi": "psi", "kpa": "kPa", "hpa": "hPa",
    "mb/s": "Mbps", "gb/s": "Gbps", "mbit/s": "Mbps", "gbit/s": "Gbps",
    # "a 32-bit version", "64 bits"
    "bit": "bit", "bits": "bit",
}
# Units whose letters mean something else in another case ("450 Nm" torque vs "5 nm",
# "300 PS" metric horsepower vs "PS" as a mangled pound sign before a figure).
CASE_EXACT_UNITS = {"dB": "dB", "Nm": "Nm", "PS": "PS", "kN": "kN", "MWh": "MWh", "mW": "mW", "Ah": "Ah",
                    # a lower-case b is a bit: "100Mb" megabits, "100MB" megabytes
                    "Mb": "Mbit", "Gb": "Gbit", "Kb": "kbit", "kb": "kbit", "Tb": "Tbit",
                    # a capital B is a byte: "7,000 MB/s" is megabytes per second ("Mb/s" megabits)
                    "MB/s": "MB per second", "GB/s": "GB per second", "Mb/s": "Mbps", "Gb/s": "Gbps",
                    "Wh": "Wh"}
# Surface forms that are only units when glued to the digits or case-exact
# ("10kW", "5 W"): as lower-case separate words they are ordinary words.
GLUED_ONLY = {"m", "g", "l", "w", "v", "b", "t", "a", "c", "f", "in", "s", "db", "nm", "min",
              "hr", "mi", "x", "mp", "p", "ah", "mt", "gt", "px", "tw", "ms"}

# Approximation cue before a figure -> the canonical ``approx`` value of a Claim.
APPROX_BEFORE = {
    "about": "about", "around": "about", "approximately": "about", "approx.": "about",
    "roughly": "about", "some": "about", "an estimated": "about", "estimated": "about",
    "circa": "about", "c.": "about", "~": "about", "≈": "about", "somewhere around": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "getting on for": "nearly",
    "more than": "more than", "over": "more than", "above": "more than",
    "in excess of": "more than", "upwards of": "more than", "well over": "more than",
    "greater than": "more than", "just over": "more than", ">": "more than",
    "north of": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least", "≥": "at least",
    "up to": "up to", "as many as": "up to", "at most": "up to", "no more than": "up to",
    "a maximum of": "up to", "as much as": "up to", "≤": "up to",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "below": "less than", "<": "less than", "well under": "less than",
}
APPROX_AFTER = {"or so": "about", "or more": "at least", "plus": "at least", "+": "at least",
                "or fewer": "up to", "or less": "up to"}
VAGUE_APPROX = "order of"  # "hundreds of", "dozens of": value..10*value


def magnitude(suffix: str, currency: bool) -> float | None:
    """The multiplier of a magnitude word or abbreviation, or None.

    A bare "m"/"b" counts as million/billion only after a currency ("$13.6m");
    otherwise "37m" is metres.
    """
    if suffix in ("m", "b") and not currency:
        return None
    if suffix == "MM":
        # "$200MM": finance's million, after a currency only ("200MM" alone may be millimetres)
        return 1e6 if currency else None
    return MAGNITUDE_ABBR.get(suffix, MAGNITUDE_ABBR.get(suffix.lower()))


def unit_for(surface: str, glued: bool) -> str | None:
    """The normalised unit for a surface form after a figure, or None."""
    if surface in CASE_EXACT_UNITS:
        return CASE_EXACT_UNITS[surface]
    key = surface.lower()
    if glued and surface in ("C", "F", "f"):
        return "°" + surface.upper()  # "40C", "104F": temperatures in news style ("38c" may be cents)
    if len(surface) == 1 and surface.isupper() and surface not in ("W", "V"):
        return None  # "5G", "4K": not grams or kelvins
    if not glued and key in GLUED_ONLY and surface not in ("W", "V", "MW", "GW"):
        return None
    if key == "nm" and not glued:
        return None
    return UNITS.get(key)


_NUMBER_WORD_RE = re.compile(r"^" + WORD_NUMBER + r"$", re.I)


def is_number_word(word: str) -> bool:
    """Whether ``word`` is a cardinal number word ("three", "twenty-one")."""
    return bool(_NUMBER_WORD_RE.match(word)) or word.lower() in SCALES or word.lower() == "dozen"


def unit_forms(name: str) -> list[str]:
    """The stored units a user's name for a unit may mean, for filters (``storyline claims
    --unit``): as given; the ISO code of a currency written as a word or a sign ("euros",
    "hryvnias", "$": EUR, UAH, USD); the unit of a unit word ("kilometres": km); and the singular
    of a plural counted thing ("drones": drone, "casualties": casualty)."""
    name = name.strip()
    forms = [name]
    key = name.lower()
    code = currency_code(key) or CURRENCY_PREFIX.get(name) or CURRENCY_PREFIX.get(key)
    if code:
        forms.append(code)
    unit = unit_for(name, glued=False)
    if unit:
        forms.append(unit)
    forms.append("person" if key == "people" else singular(key))  # the counted thing's lemma
    if key != name:
        forms.append(key)
    return list(dict.fromkeys(forms))


def singular(word: str) -> str:
    """A plural noun's singular by its ending ("Americans" -> "American", "batteries" ->
    "battery"; "glass", "campus", "crisis" stay)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def currency_code(word: str, text: str = "", pos: int = 0) -> str | None:
    """The ISO code a currency word names, as written after a figure at ``pos`` of ``text``
    ("euros": EUR): the tables above, and for a word several currencies end in the country the
    text names nearest (``currencies.currency_in_context``: "Pakistan's ... 10 billion rupees":
    PKR). None for a word that names no currency."""
    key = word.lower()
    code = CURRENCY_WORDS.get(key)
    if key in shared_words():
        code = currency_in_context(key, text, pos, default=code) or code
    return code
