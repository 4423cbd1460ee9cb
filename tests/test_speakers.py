"""Office-holder table, role phrases and aliases (no model)."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.nlp.aliases import canonical_alias, surname_holder
from storyline.nlp.officeholders import (
    BUILTIN_TABLE,
    SAMPLE_TABLE,
    canonical_place,
    canonical_role,
    derived_demonyms,
    holder,
    load_table,
    read_table,
    role_alias_holder,
    seat_country,
)


@pytest.mark.parametrize("role,place,day,person", [
    ("president", "French", "2025-03-01", "Emmanuel Macron"),
    ("president", "France", "2016-03-01", "François Hollande"),
    ("defense secretary", "U.S.", "2022-06-01", "Lloyd Austin"),
    ("foreign minister", "Russia's", "2023-01-01", "Sergey Lavrov"),
    ("chancellor", "German", "2023-01-01", "Olaf Scholz"),
    ("chancellor", "German", "2025-06-01", "Friedrich Merz"),
    ("head of state", "Germany", "2023-01-01", "Frank-Walter Steinmeier"),
    ("secretary-general", "NATO", "2025-01-01", "Mark Rutte"),
    ("spokesman", "Kremlin", "2024-01-01", "Dmitry Peskov"),
    ("foreign minister", "Ukrainian", "2024-09-04", "Dmytro Kuleba"),
    ("foreign minister", "Ukrainian", "2024-09-06", "Andrii Sybiha"),
])
def test_holder_on_date(role, place, day, person):
    found = holder(role, place, day)
    assert found is not None and found.person == person


@pytest.mark.parametrize("role,place,day", [
    ("president", "France", "1990-01-01"),  # before the table
    ("plumber", "France", "2025-01-01"),  # not a role
    ("president", "Atlantis", "2025-01-01"),  # not a place
])
def test_holder_unknown(role, place, day):
    assert holder(role, place, day) is None


# "leader", "head of state", "head of government": the office the country has, in order
@pytest.mark.parametrize("role,place,day,person", [
    ("leader", "Russian", "2024-06-01", "Vladimir Putin"),  # a president
    ("leader", "German", "2023-06-01", "Olaf Scholz"),  # the chancellor, not the president
    ("leader", "British", "2023-06-01", "Rishi Sunak"),  # the prime minister, not the monarch
    ("leader", "Hungary", "2024-06-01", "Viktor Orbán"),  # only a prime minister in the table
    ("head of state", "British", "2023-06-01", "Charles III"),
    ("head of state", "Germany", "2023-06-01", "Frank-Walter Steinmeier"),
    ("head of government", "Germany", "2023-06-01", "Olaf Scholz"),
    ("head of government", "France", "2024-06-01", "Gabriel Attal"),
    ("leader", "Kremlin", "2024-06-01", "Vladimir Putin"),  # a seat of power stands for its country
    ("spokesman", "Kremlin", "2024-06-01", "Dmitry Peskov"),  # ... but keeps its own offices
    ("leader", "the Kremlin's", "2024-06-01", "Vladimir Putin"),
])
def test_head_offices_fall_back(role, place, day, person):
    found = holder(role, place, day)
    assert found is not None and found.person == person, found


def test_head_offices_of_the_sample_and_user_tables(tmp_path):
    if SAMPLE_TABLE.is_file():
        assert holder("leader", "Tavoran", "2025-06-01").person == "Henrik Alvesande"  # no president of Tavora
        assert holder("leader", "Heldmark", "2025-06-01").person == "Matthias Oberlind"
        assert holder("leader", "Kestria", "2025-06-01").person == "Arkady Volmarin"
        assert holder("head of state", "Tavora", "2025-06-01") is None  # the table knows none
    table = tmp_path / "extra.csv"
    table.write_text("role,country_or_body,person,start,end,aliases\n"
                     "prime minister,Freedonia,Rufus Firefly,2020-01-01,,\n"
                     "president,Freedonia,Chicolini,2020-01-01,,\n"
                     "leader,Sylvania,Trentino,2020-01-01,,\n"
                     "president,Sylvania,Vera Marcal,2020-01-01,,\n", encoding="utf-8")
    extra = (str(table),)
    assert holder("leader", "Freedonia", "2024-05-01", extra).person == "Chicolini"
    assert holder("head of government", "Freedonia", "2024-05-01", extra).person == "Rufus Firefly"
    assert holder("leader", "Sylvania", "2024-05-01", extra).person == "Trentino"  # a row of the office itself
    assert holder("leader", "Freedonia", "2019-05-01", extra) is None  # before either took office


def test_seats_of_power():
    assert seat_country("the Kremlin") == "Russia"
    assert seat_country("Downing Street") == "United Kingdom"
    assert seat_country("White House") == "United States"
    assert seat_country("Bankova") == "Ukraine"
    assert seat_country("Moscow") is None  # a city, not a seat of the table


def test_role_and_place_names():
    assert canonical_role("Defence Secretary") == "defence minister"
    assert canonical_role("top diplomat") == "foreign minister"
    assert canonical_role("gardener") is None
    assert canonical_place("British") == "United Kingdom"
    assert canonical_place("the Kremlin") == "Kremlin"
    assert canonical_place("Narnia") is None


def test_aliases():
    assert canonical_alias("Kiev") == "Kyiv"
    assert canonical_alias("Zelensky") == "Volodymyr Zelenskyy"
    assert canonical_alias("Kharkov") == "Kharkiv"
    assert canonical_alias("Olena Marchuk") is None
    assert surname_holder("Macron", "2025-01-01") == "Emmanuel Macron"
    assert surname_holder("Johnson", "2025-01-01") is None  # out of office by then
    assert surname_holder("Macron", None) is None


def test_builtin_table_is_well_formed():
    rows = read_table(BUILTIN_TABLE)
    assert len(rows) > 100
    for row in rows:
        assert row.start and (not row.end or row.start < row.end), row
    # no two holders of one office at once
    by_office: dict = {}
    for row in rows:
        by_office.setdefault((row.role, row.country_or_body), []).append(row)
    for office, held in by_office.items():
        held.sort(key=lambda r: r.start)
        for a, b in zip(held, held[1:]):
            assert a.end and a.end <= b.start, f"overlap in {office}: {a.person} / {b.person}"


def test_sample_table_is_loaded_when_present():
    if not SAMPLE_TABLE.is_file():
        pytest.skip("no sample office-holder table")
    people = {r.person for r in load_table()}
    sample = {r.person for r in read_table(SAMPLE_TABLE)}
    assert sample and sample <= people


def test_user_table_extends_and_bad_rows_fail(tmp_path):
    good = tmp_path / "extra.csv"
    good.write_text("role,country_or_body,person,start,end,aliases\n"
                    "president,Freedonia,Rufus Firefly,2020-01-01,,Firefly\n", encoding="utf-8")
    found = holder("president", "Freedonia", "2024-05-01", (str(good),))
    assert found is not None and found.person == "Rufus Firefly"
    bad = tmp_path / "bad.csv"
    bad.write_text("role,country_or_body,person,start,end\npresident,Freedonia,X,May 2020,,\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        read_table(bad)
    with pytest.raises(ConfigError, match="lacks column"):
        missing = tmp_path / "missing.csv"
        missing.write_text("role,person\npresident,X\n", encoding="utf-8")
        read_table(missing)


def test_derived_demonyms():
    assert derived_demonyms("Kestria") == ("Kestrian",)
    assert derived_demonyms("Tavora") == ("Tavoran",)
    assert derived_demonyms("Italy") == ("Italian",)
    assert derived_demonyms("Mexico") == ("Mexican",)
    assert derived_demonyms("Brazil") == ("Brazilian",)
    assert derived_demonyms("Maren Council") == ()  # several words: a body, no adjective
    assert derived_demonyms("NATO") == ()


def test_sample_table_places_and_roles():
    if not SAMPLE_TABLE.is_file():
        pytest.skip("no sample office-holder table")
    assert canonical_place("Varnian") == "Varnia"
    assert canonical_place("the Kestrian") == "Kestria"
    assert canonical_place("Tavora's") == "Tavora"
    assert canonical_place("Narnian") is None
    assert canonical_role("presidential spokesperson") == "presidential spokesperson"  # a table role
    assert canonical_role("Defense Ministry spokesman") == "defence ministry spokesperson"
    assert canonical_role("presidential gardener") is None
    found = holder("secretary-general", "Maren Council", "2025-06-01")  # the sample writes the hyphen
    assert found is not None and found.person == "Elsbeth Roane"
    found = holder("presidential spokeswoman", "Kestrian", "2025-06-01")
    assert found is not None and found.person == "Gennadi Tursk"
    assert role_alias_holder("the Palace spokesman", "2025-06-01") == "Gennadi Tursk"
    assert role_alias_holder("Palace spokesman", "2015-01-01") is None  # before he took office
    assert role_alias_holder("President Valesk", "2025-06-01") is None  # a name, not a role phrase


def test_demonyms_column_and_ambiguous_or_known_forms(tmp_path):
    table = tmp_path / "extra.csv"
    table.write_text("role,country_or_body,person,start,end,aliases,demonyms\n"
                     "president,Freedonia,Rufus Firefly,2020-01-01,,,Freedonish|Fredonian\n"
                     "president,Alba,A One,2020-01-01,,,\n"
                     "president,Albo,B Two,2020-01-01,,,\n"
                     "president,Germa,C Three,2020-01-01,,,\n", encoding="utf-8")
    extra = (str(table),)
    assert canonical_place("Freedonish", extra) == "Freedonia"
    assert canonical_place("Fredonian", extra) == "Freedonia"
    assert canonical_place("Freedonian", extra) == "Freedonia"  # derived as well
    assert canonical_place("Freedonish") is None  # only with the table
    assert canonical_place("Alban", extra) is None  # Alba and Albo would share it
    assert canonical_place("German", extra) == "Germany"  # a derived form never overrides a known name
    found = holder("president", "Freedonish", "2024-05-01", extra)
    assert found is not None and found.person == "Rufus Firefly"
    assert read_table(table)[0].demonyms == ("Freedonish", "Fredonian")
