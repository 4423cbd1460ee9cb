"""Office holders with dates: which person held a role in a country or body
on a given day. Resolves role phrases ("the French president", "Russia's
foreign minister", "the Kremlin spokesman") when an article never names the
person.

The built-in table is ``link/data/officeholders.csv`` (package data; the
code lives here in nlp/ because per-article extraction may not import link/) (columns: role,
country_or_body, person, start, end, aliases; ``end`` empty = in office;
aliases separated by ``|`` or ``;``). The sample corpus's table and user CSV files in the
same format are added on top.

A table extends the vocabulary, not only the people: its roles are role phrases
(a row "presidential spokesperson" makes "the Kestrian presidential spokesperson" a
role; "... spokesman"/"... spokeswoman" and "defense" spellings read as the same role),
its country or body names are places, and so are their demonyms. Demonyms of one-word
names are derived by the regular English endings (Kestria -> Kestrian, Tavora ->
Tavoran, Italy -> Italian, Brazil -> Brazilian, Mexico -> Mexican); irregular ones go
in an optional ``demonyms`` column (``|``/``;``-separated, for the row's country or
body: "Varnish" for Varnia), which any row of that country may carry; CSVs without the
column stay valid. A derived form never overrides a known name and is dropped when two
places would share it. A person alias that is a role phrase ("Palace spokesman") names
that person only while the row holds the office.

"Leader", "head of state" and "head of government" are offices of their own (a table may
list them) that otherwise fall back to the offices holding them: a leader is the
chancellor, else the president, else the prime minister, else the monarch ("the German
leader" is the chancellor, "the Russian leader" the president, "the Tavoran leader" the
prime minister when the table knows no president of Tavora). Seats of power
(``link/data/seats.csv``: Kremlin -> Russia, Downing Street -> United Kingdom) are bodies
of their own for their own offices (the Kremlin spokesman) and stand for their country
otherwise ("the Kremlin leader" -> the president of Russia).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError

BUILTIN_TABLE = Path(__file__).parent.parent / "link" / "data" / "officeholders.csv"
SEATS_TABLE = Path(__file__).parent.parent / "link" / "data" / "seats.csv"
SAMPLE_TABLE = Path(__file__).parent.parent / "sample" / "officeholders.csv"


@dataclass(frozen=True)
class OfficeHolder:
    role: str  # canonical role, lower case: "president", "foreign minister", ...
    country_or_body: str  # canonical: "France", "European Union", "NATO"
    person: str
    start: str  # YYYY-MM-DD ("" = unknown, always true)
    end: str  # YYYY-MM-DD exclusive-ish ("" = still in office)
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # adjectives for country_or_body ("Varnish"), from the optional column

    def holds_on(self, day: str | None) -> bool:
        """True when the office was held on ``day`` (YYYY-MM-DD...); any day when None."""
        if not day:
            return not self.end
        day = day[:10]
        return (not self.start or self.start <= day) and (not self.end or day < self.end)


# Role phrases as written -> canonical role of the table.
ROLE_SYNONYMS: dict[str, str] = {
    "president": "president",
    "head of state": "head of state",
    "leader": "leader",
    "prime minister": "prime minister",
    "premier": "prime minister",
    "pm": "prime minister",
    "chancellor": "chancellor",
    "head of government": "head of government",
    "foreign minister": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "foreign affairs minister": "foreign minister",
    "foreign secretary": "foreign minister",
    "secretary of state": "foreign minister",
    "top diplomat": "foreign minister",
    "defence minister": "defence minister",
    "defense minister": "defence minister",
    "minister of defence": "defence minister",
    "minister of defense": "defence minister",
    "defence secretary": "defence minister",
    "defense secretary": "defence minister",
    "secretary of defense": "defence minister",
    "armed forces minister": "defence minister",
    "spokesperson": "spokesperson",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "press secretary": "spokesperson",
    "foreign ministry spokesperson": "foreign ministry spokesperson",
    "foreign ministry spokesman": "foreign ministry spokesperson",
    "foreign ministry spokeswoman": "foreign ministry spokesperson",
    "secretary general": "secretary general",
    "secretary-general": "secretary general",
    "vice president": "vice president",
    "commission president": "commission president",
    "council president": "council president",
    "foreign policy chief": "foreign policy chief",
    "high representative": "foreign policy chief",
    "monarch": "monarch",
    "king": "monarch",
    "queen": "monarch",
}

# Offices named by what they are, held by one of these (in this order) where a table does not
# list the office itself. Why the order: a chancellor is the leader where there is one (the
# president beside him is the head of state); a president outranks a prime minister in
# most countries that have both; a monarch is the leader only where no one else is.
HEAD_OFFICES: dict[str, tuple[str, ...]] = {
    "leader": ("chancellor", "president", "prime minister", "monarch"),
    "head of state": ("president", "monarch"),
    "head of government": ("prime minister", "chancellor", "president"),
}

# Country adjectives, demonyms and short forms -> canonical country_or_body.
COUNTRY_NAMES: dict[str, str] = {
    "ukraine": "Ukraine", "ukrainian": "Ukraine", "kyiv": "Ukraine", "kiev": "Ukraine",
    "russia": "Russia", "russian": "Russia", "moscow": "Russia", "kremlin": "Kremlin",
    "united states": "United States", "us": "United States", "u.s.": "United States",
    "usa": "United States", "america": "United States", "american": "United States",
    "washington": "United States", "white house": "White House",
    "united kingdom": "United Kingdom", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "british": "United Kingdom", "london": "United Kingdom",
    "france": "France", "french": "France", "paris": "France",
    "germany": "Germany", "german": "Germany", "berlin": "Germany",
    "poland": "Poland", "polish": "Poland", "warsaw": "Poland",
    "italy": "Italy", "italian": "Italy", "rome": "Italy",
    "european union": "European Union", "eu": "European Union", "european commission": "European Union",
    "european council": "European Union", "brussels": "European Union",
    "nato": "NATO", "united nations": "United Nations", "un": "United Nations", "u.n.": "United Nations",
    "china": "China", "chinese": "China", "beijing": "China",
    "turkey": "Turkey", "turkish": "Turkey", "türkiye": "Turkey", "ankara": "Turkey",
    "belarus": "Belarus", "belarusian": "Belarus", "minsk": "Belarus",
    "hungary": "Hungary", "hungarian": "Hungary", "budapest": "Hungary",
    "finland": "Finland", "finnish": "Finland", "canada": "Canada", "canadian": "Canada",
    "iaea": "IAEA",
}

_CSV_COLUMNS = ("role", "country_or_body", "person", "start", "end", "aliases", "demonyms")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in re.split(r"[|;]", cell or "") if a.strip())


def _role_key(text: str) -> str:
    """A role phrase as a lookup key: lower case, hyphens as spaces, one spelling of "defence"."""
    return re.sub(r"\bdefense\b", "defence", _norm(text).replace("-", " "))


def derived_demonyms(name: str) -> tuple[str, ...]:
    """Demonyms of a one-word place by the regular English endings: "-ia"/"-a" + "n"
    (Kestrian, Tavoran), "-y" -> "-ian" (Italian), "-o" -> "-an" (Mexican), "-e" -> "-ian"
    (Ukrainian), else + "ian" (Brazilian); none for a name of several words or in capitals."""
    if " " in name.strip() or not name[:1].isupper() or name.isupper() or len(name) < 4 or not name.isalpha():
        return ()
    low = name.casefold()
    if low.endswith("a"):
        forms = [name + "n"]
    elif low.endswith("y"):
        forms = [name[:-1] + "ian"]
    elif low.endswith("o"):
        forms = [name[:-1] + "an"]
    elif low.endswith("e"):
        forms = [name[:-1] + "ian"]
    elif low[-1] in "aeiou":
        forms = [name + "an"]
    else:
        forms = [name + "ian"]
    return tuple(forms)


@lru_cache(maxsize=8)
def place_index(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Normalised place word -> canonical country or body: the built-in names first, then the
    tables' names, their ``demonyms`` column, then derived demonyms (ambiguous ones dropped)."""
    index = dict(COUNTRY_NAMES)
    table = load_table(extra)
    for row in table:
        index.setdefault(_norm(row.country_or_body), row.country_or_body)
    for row in table:
        for dem in row.demonyms:
            index.setdefault(_norm(dem), row.country_or_body)
    derived: dict[str, set[str]] = {}
    for row in table:
        for dem in derived_demonyms(row.country_or_body):
            derived.setdefault(_norm(dem), set()).add(row.country_or_body)
    for key, places in derived.items():
        if len(places) == 1 and key not in index:
            index[key] = next(iter(places))
    return index


def canonical_place(text: str, extra: tuple[str, ...] = ()) -> str | None:
    """The canonical country or body named by ``text`` ("French" -> "France", "Kestrian" ->
    "Kestria" when a table knows Kestria), or None."""
    key = _norm(text).removeprefix("the ").removesuffix("'s").removesuffix("'")
    return place_index(extra).get(key)


@lru_cache(maxsize=8)
def role_index(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Role phrase key -> canonical role: ROLE_SYNONYMS, then every role of the tables, each
    also with "spokesman"/"spokeswoman" for "spokesperson"."""
    index = {_role_key(k): v for k, v in ROLE_SYNONYMS.items()}
    for row in load_table(extra):
        index.setdefault(row.role, row.role)
    for key, role in list(index.items()):
        if key.endswith("spokesperson"):
            for variant in ("spokesman", "spokeswoman"):
                index.setdefault(key.removesuffix("spokesperson") + variant, role)
    return index


def role_phrases(extra: tuple[str, ...] = ()) -> list[str]:
    """Every role phrase key, longest first (for finding the longest one in a mention)."""
    return sorted(role_index(extra), key=len, reverse=True)


def canonical_role(text: str, extra: tuple[str, ...] = ()) -> str | None:
    """The table's role named by ``text`` ("defense secretary" -> "defence minister"), or None."""
    return role_index(extra).get(_role_key(text))


@lru_cache(maxsize=8)
def _role_aliases(extra: tuple[str, ...] = ()) -> dict[str, tuple[OfficeHolder, ...]]:
    """Normalised alias that ends with a role phrase ("palace spokesman") -> its rows."""
    out: dict[str, list[OfficeHolder]] = {}
    for row in load_table(extra):
        for alias in row.aliases:
            words = _norm(alias).split()
            if any(canonical_role(" ".join(words[k:]), extra) for k in range(1, len(words))):
                out.setdefault(" ".join(words), []).append(row)
    return {k: tuple(v) for k, v in out.items()}


def role_alias_holder(text: str, day: str | None, extra: tuple[str, ...] = ()) -> str | None:
    """The person of a table alias that is a role phrase ("Palace spokesman"), when ``text``
    is that alias (a leading "the" aside) and the row holds the office on ``day``; if exactly one."""
    rows = _role_aliases(extra).get(_norm(text).removeprefix("the "), ())
    found = {row.person for row in rows if row.holds_on(day)}
    return found.pop() if len(found) == 1 else None


def read_table(path: Path) -> list[OfficeHolder]:
    """Rows of one office-holder CSV; raises ConfigError naming a bad row."""
    rows: list[OfficeHolder] = []
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = set(_CSV_COLUMNS[:3]) - set(reader.fieldnames or ())
            if missing:
                raise ConfigError(f"{path}: office-holder table lacks column(s) {', '.join(sorted(missing))}",
                                  hint="columns: " + ",".join(_CSV_COLUMNS))
            for n, rec in enumerate(reader, start=2):
                start, end = (rec.get("start") or "").strip(), (rec.get("end") or "").strip()
                for value in (start, end):
                    if value and not _DATE.match(value):
                        raise ConfigError(f"{path}:{n}: date {value!r} is not YYYY-MM-DD",
                                          hint="leave 'end' empty for a person still in office")
                person = (rec.get("person") or "").strip()
                if not person:
                    continue
                role = _role_key(rec["role"] or "")
                role = ROLE_SYNONYMS.get(role, role)  # "secretary-general" -> "secretary general"
                rows.append(OfficeHolder(role, (rec["country_or_body"] or "").strip(), person,
                                         start, end, _split(rec.get("aliases")), _split(rec.get("demonyms"))))
    except OSError as err:
        raise ConfigError(f"cannot read office-holder table {path}: {err.strerror}") from None
    return rows


@lru_cache(maxsize=8)
def load_table(extra: tuple[str, ...] = ()) -> tuple[OfficeHolder, ...]:
    """The built-in table, the sample corpus's table when present, then ``extra`` CSV files."""
    paths = [BUILTIN_TABLE] + ([SAMPLE_TABLE] if SAMPLE_TABLE.is_file() else []) + [Path(p) for p in extra]
    rows: list[OfficeHolder] = []
    for path in paths:
        rows.extend(read_table(path))
    return tuple(rows)


def offices(role: str) -> tuple[str, ...]:
    """The canonical roles that hold the canonical ``role``: itself, and for "leader", "head
    of state" and "head of government" the offices they fall back to, in order."""
    return (role, *HEAD_OFFICES.get(role, ()))


@lru_cache(maxsize=1)
def seat_index() -> dict[str, str]:
    """Normalised name of a seat of power ("kremlin", "downing street") -> its country."""
    index: dict[str, str] = {}
    try:
        with open(SEATS_TABLE, encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                for seat in _split(rec.get("seat")):
                    index.setdefault(_norm(seat), (rec.get("country_or_body") or "").strip())
    except OSError as err:
        raise ConfigError(f"cannot read seats-of-power table {SEATS_TABLE}: {err.strerror}") from None
    return index


def seat_country(text: str) -> str | None:
    """The country a seat of power stands for ("the Kremlin" -> "Russia", "Downing Street" ->
    "United Kingdom"), or None when ``text`` is no seat of the table."""
    key = _norm(text).removeprefix("the ").removesuffix("'s").removesuffix("'")
    return seat_index().get(key)


def holder(role: str, place: str, day: str | None, extra: tuple[str, ...] = ()) -> OfficeHolder | None:
    """Who held ``role`` (a phrase, e.g. "defense secretary", "leader") for ``place`` on ``day``;
    None if unknown. A seat of power without that office is its country ("the Kremlin leader")."""
    canon = canonical_role(role, extra)
    if canon is None:
        return None
    where = canonical_place(place, extra) or place
    table = load_table(extra)
    for at in dict.fromkeys((where, seat_country(where) or where)):
        for want in offices(canon):
            hits = [r for r in table if r.role == want and _norm(r.country_or_body) == _norm(at) and r.holds_on(day)]
            if hits:
                # the latest start wins when tables overlap (a user row overrides the built-in one)
                return max(hits, key=lambda r: r.start)
    return None


@lru_cache(maxsize=8)
def alias_index(extra: tuple[str, ...] = ()) -> dict[str, str]:
    """Lower-cased alias, full name and unambiguous surname -> canonical person name."""
    index: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for row in load_table(extra):
        for name in (row.person, *row.aliases):
            index[_norm(name)] = row.person
            surnames.setdefault(_norm(name.split()[-1]), set()).add(row.person)
    for surname, people in surnames.items():
        if len(people) == 1 and surname not in index:
            index[surname] = next(iter(people))
    return index


def canonical_person(name: str, extra: tuple[str, ...] = ()) -> str | None:
    """The table's canonical name for a person name, alias or unique surname; None if unknown."""
    return alias_index(extra).get(_norm(name))


@lru_cache(maxsize=8)
def _person_places(extra: tuple[str, ...] = ()) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in load_table(extra):
        out.setdefault(row.person, set()).add(seat_country(row.country_or_body) or row.country_or_body)
    return {k: frozenset(v) for k, v in out.items()}


def person_place(name: str, extra: tuple[str, ...] = ()) -> str | None:
    """The country or body a person of the tables holds office for, a seat of power as its
    country ("Dmitry Peskov", "Peskov" -> "Russia"), when the tables give one; else None."""
    person = canonical_person(name, extra)
    places = _person_places(extra).get(person or "", frozenset())
    return next(iter(places)) if len(places) == 1 else None
