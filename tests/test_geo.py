"""Offline geocoding against the shipped gazetteer (no network, no model)."""

from __future__ import annotations

import pytest

from storyline.nlp.geo import geocode, normalise_place


@pytest.mark.parametrize(
    ("name", "country", "kind", "lat", "lon"),
    [
        ("Kyiv", "UA", "city", 50.45, 30.52),
        ("Kiev", "UA", "city", 50.45, 30.52),
        ("Kharkov", "UA", "city", 49.98, 36.25),
        ("Kharkiv", "UA", "city", 49.98, 36.25),
        ("Odessa", "UA", "city", 46.49, 30.74),
        ("Odesa", "UA", "city", 46.49, 30.74),
        ("Zaporozhye", "UA", "city", 47.85, 35.12),
        ("Moscow", "RU", "city", 55.75, 37.62),
        ("Paris", "FR", "city", 48.85, 2.35),  # not Paris, Texas: the most populous wins
        ("Ukraine", "UA", "country", 50.45, 30.52),  # countries sit at their capital
        ("the United States", "US", "country", 38.9, -77.04),
        ("U.S.", "US", "country", 38.9, -77.04),
        ("Britain", "GB", "country", 51.51, -0.13),
        ("Ukraine's", "UA", "country", 50.45, 30.52),
        ("Donetsk region", "UA", "region", 48.02, 37.8),
        ("Kharkiv Oblast", "UA", "region", 49.98, 36.25),
        ("Crimea", "UA", "region", 44.96, 34.11),
        ("Gaza Strip", "PS", "region", 31.5, 34.47),
    ],
)
def test_geocode_known_places(name, country, kind, lat, lon):
    place = geocode(name)
    assert place is not None
    assert (place.country, place.kind) == (country, kind)
    assert place.lat == pytest.approx(lat, abs=0.05)
    assert place.lon == pytest.approx(lon, abs=0.05)


@pytest.mark.parametrize("name", ["Europe", "", "the", "Ministry of Defence", "Xqzzyville"])
def test_geocode_unknown_names_give_none(name):
    assert geocode(name) is None


def test_country_hint_picks_the_namesake_in_that_country():
    assert geocode("Paris", country="US").country == "US"
    assert geocode("Paris").country == "FR"


@pytest.mark.parametrize(
    ("raw", "key"),
    [("The Netherlands", "netherlands"), ("Kharkiv\u2019s", "kharkiv"), ("Zaporizhzhia", "zaporizhzhia"),
     ("Bila Tserkva", "bila tserkva"), ("Ivano-Frankivsk", "ivano frankivsk"), ("Dnipró", "dnipro")],
)
def test_normalise_place(raw, key):
    assert normalise_place(raw) == key
