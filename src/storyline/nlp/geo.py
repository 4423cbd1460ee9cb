"""Offline geocoding: a place name -> country and coordinates.

Reads the gazetteer shipped beside this module (``data/gazetteer.tsv.gz``, GeoNames
cities above 15,000 people and countries, CC BY 4.0; rebuilt by
``data/gazetteer_build.py``). Nothing is fetched at run time.

Resolution order for one name: curated aliases (Kiev -> Kyiv, Donbas -> Ukraine),
countries, cities by their GeoNames name, then cities by a Latin-script alternate
name; within a tier the most populous place wins, unless a ``country`` hint is given.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAZETTEER = Path(__file__).with_name("data") / "gazetteer.tsv.gz"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``kind`` is "country", "city" or "region" (a region
    resolved through its namesake city or a curated alias: coordinates approximate).
    Country coordinates are those of the capital."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    kind: str
    population: int = 0


# Why: English news spellings and regions that GeoNames' city/country tables miss.
# Each maps to (gazetteer name to look up, kind override or None).
_CURATED: dict[str, tuple[str, str | None]] = {
    "kiev": ("Kyiv", None),
    "kharkov": ("Kharkiv", None),
    "odessa": ("Odesa", None),
    "nikolaev": ("Mykolaiv", None),
    "nikolayev": ("Mykolaiv", None),
    "zaporozhye": ("Zaporizhzhia", None),
    "zaporizhia": ("Zaporizhzhia", None),
    "zaporizhzhya": ("Zaporizhzhia", None),
    "dnepropetrovsk": ("Dnipro", None),
    "dnipropetrovsk": ("Dnipro", None),
    "lvov": ("Lviv", None),
    "lugansk": ("Luhansk", None),
    "artemovsk": ("Bakhmut", None),
    "artemivsk": ("Bakhmut", None),
    "kherson": ("Kherson", None),
    "chernigov": ("Chernihiv", None),
    "rovno": ("Rivne", None),
    "vinnitsa": ("Vinnytsia", None),
    "krivoy rog": ("Kryvyi Rih", None),
    "kryvyi rih": ("Kryvyi Rih", None),
    "sumy": ("Sumy", None),
    "donbas": ("Donetsk", "region"),
    "donbass": ("Donetsk", "region"),
    "crimea": ("Simferopol", "region"),
    "us": ("United States", None),
    "u.s": ("United States", None),
    "u.s.": ("United States", None),
    "usa": ("United States", None),
    "u.s.a.": ("United States", None),
    "america": ("United States", None),
    "united states of america": ("United States", None),
    "uk": ("United Kingdom", None),
    "u.k.": ("United Kingdom", None),
    "britain": ("United Kingdom", None),
    "great britain": ("United Kingdom", None),
    "england": ("United Kingdom", None),
    "scotland": ("United Kingdom", None),
    "wales": ("United Kingdom", None),
    "russian federation": ("Russia", None),
    "czech republic": ("Czechia", None),
    "burma": ("Myanmar", None),
    "holland": ("Netherlands", None),
    "cote d'ivoire": ("Ivory Coast", None),
    "republic of korea": ("South Korea", None),
    "korea": ("South Korea", None),
    "dprk": ("North Korea", None),
    "moldavia": ("Moldova", None),
    "byelorussia": ("Belarus", None),
    "gaza strip": ("Gaza", "region"),
    "west bank": ("Ramallah", "region"),
    "palestine": ("Palestinian Territory", None),
    "vatican": ("Vatican", None),
    "kosovo": ("Kosovo", None),
}

_REGION_SUFFIX = re.compile(r"\s+(region|oblast|province|governorate|district|krai|county)$")
_OBLAST_ADJ = re.compile(r"(sk|ts)a$")  # "Donetska oblast" -> Donetsk


def normalise_place(name: str) -> str:
    """The lookup key of a place name: accent-free, casefolded, without a leading
    "the", possessive or surrounding punctuation, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    text = " ".join(text.split()).casefold()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s?$", "", text)
    text = text.strip(" ,;:")
    if text.endswith(".") and text.count(".") == 1:
        text = text[:-1]
    return text.replace("-", " ")


class Gazetteer:
    """An in-memory index over the shipped gazetteer."""

    def __init__(self, path: Path = GAZETTEER) -> None:
        # Tiers: 0 country names, 1 city names, 2 city alternate names.
        self._tiers: list[dict[str, list[Place]]] = [{}, {}, {}]
        self._by_country_name: dict[str, Place] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                kind, name, cc, lat, lon, pop, aliases = line.rstrip("\n").split("\t")
                place = Place(name, cc, float(lat) if lat else None, float(lon) if lon else None,
                              kind, int(pop or 0))
                if kind == "country":
                    self._tiers[0].setdefault(normalise_place(name), []).append(place)
                    self._by_country_name[name.casefold()] = place
                    continue
                self._tiers[1].setdefault(normalise_place(name), []).append(place)
                for alias in aliases.split("|") if aliases else ():
                    self._tiers[2].setdefault(normalise_place(alias), []).append(place)

    def lookup(self, name: str, country: str | None = None) -> Place | None:
        """The best place for ``name`` (``country``: an ISO-2 code to prefer), or None."""
        key = normalise_place(name)
        if not key:
            return None
        curated = _CURATED.get(key)
        if curated is not None:
            target, kind = curated
            found = self._lookup_key(normalise_place(target), country)
            if found is not None and kind and kind != found.kind:
                found = Place(name.strip(), found.country, found.lat, found.lon, kind, found.population)
            return found
        found = self._lookup_key(key, country)
        if found is not None:
            return found
        # Why: "Donetsk region", "Kharkiv Oblast", "Donetska oblast" name regions that
        # GeoNames' city table only knows through their namesake city.
        stripped = _REGION_SUFFIX.sub("", key)
        if stripped != key:
            city = self._lookup_key(stripped, country) or self._lookup_key(_OBLAST_ADJ.sub(r"\1", stripped), country)
            if city is not None and city.kind == "city":
                return Place(name.strip(), city.country, city.lat, city.lon, "region", city.population)
            return city
        return None

    def _lookup_key(self, key: str, country: str | None) -> Place | None:
        for tier in self._tiers:
            candidates = tier.get(key)
            if not candidates:
                continue
            if country:
                preferred = [p for p in candidates if p.country == country.upper()]
                if preferred:
                    candidates = preferred
            return max(candidates, key=lambda p: p.population)
        return None

    def country_name(self, iso2: str) -> str | None:
        """The English name of an ISO-2 country code, or None."""
        for places in self._tiers[0].values():
            for place in places:
                if place.country == iso2.upper():
                    return place.name
        return None


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return Gazetteer()


def geocode(name: str, country: str | None = None) -> Place | None:
    """Country and coordinates of a place name from the shipped gazetteer, or None."""
    return default_gazetteer().lookup(name, country)
