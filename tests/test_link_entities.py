"""Canonical entities across articles (link/entities.py) on a real SQLite file and
PostgreSQL: short forms join the one fuller name, two namesakes stay apart,
spellings merge, re-runs change nothing, and every read shows canonical ids.

All people, places and bodies here are invented (Vardenia, Anna Sokol, ...)."""

from __future__ import annotations

import pytest

from storyline import query
from storyline.link.entities import link_entities, relink_all
from storyline.link.names import (is_shorter_form, norm_token, parse, parse_for_linking, skeleton, token_variant,
                                  variant_score)
from storyline.models import Article, Claim, Entity, Quote
from storyline.nlp.entities import entity_id
from storyline.store import Writer, connect

# -- pure name rules ------------------------------------------------------------

VARIANTS = [
    # (a, b, type, same entity?)
    ("Volodar Zelensky", "Volodar Zelenskyy", "PERSON", True),
    ("Volodar Zelenskiy", "Volodar Zelenskyy", "PERSON", True),
    ("Dmitry Orlenko", "Dmitriy Orlenko", "PERSON", True),
    ("Aleksandr Kovrin", "Alexander Kovrin", "PERSON", True),
    ("Kharkov", "Kharkiv", "GPE", True),
    ("Russia's Ministry of Defence", "Russian Defense Ministry", "ORG", True),
    ("the Russian MoD", "Russian Defense Ministry", "ORG", True),
    ("Ministry of Defence of the Russian Federation", "Russia's Ministry of Defence", "ORG", True),
    ("French Foreign Ministry", "Ministry of Foreign Affairs of France", "ORG", True),
    ("Brask Holdings Inc.", "Brask Holdings", "ORG", True),
    # negatives
    ("Ivan Petrov", "Ivana Petrova", "PERSON", False),
    ("Oleg Petrov", "Oleg Petrova", "PERSON", False),
    ("John Smith", "Mary Smith", "PERSON", False),
    ("Niger", "Nigeria", "GPE", False),
    ("Gaza", "Giza", "GPE", False),
    ("Russian Defense Ministry", "Ukrainian Defense Ministry", "ORG", False),
    ("Kharkiv", "Kharkiv Region Council", "ORG", False),
]


@pytest.mark.parametrize("a, b, type_, same", VARIANTS)
def test_variant_score(a, b, type_, same):
    assert (variant_score(parse(a, type_), parse(b, type_)) > 0) is same


SHORT = [
    # (short, full, type, fits?)
    ("Sokol", "Anna Sokol", "PERSON", True),
    ("A. Sokol", "Anna Sokol", "PERSON", True),
    ("Anna Sokol", "Anna M. Sokol", "PERSON", True),
    ("Zelensky", "Volodar Zelenskyy", "PERSON", True),
    ("B. Sokol", "Anna Sokol", "PERSON", False),
    ("Sokolova", "Anna Sokol", "PERSON", False),
    ("Anna Sokol", "Anna Sokol", "PERSON", False),
    ("Pavel Sokol", "Anna Sokol", "PERSON", False),
    ("Defense Ministry", "Russian Defense Ministry", "ORG", True),
    ("Ministry", "Russian Defense Ministry", "ORG", True),
    ("GAO", "Government Accountability Office", "ORG", True),
    ("Northrop", "Northrop Grumman", "ORG", False),  # a leading name: not merged (often another product)
    ("Apple", "Apple TV", "ORG", False),
    ("GM", "Gorvel Mining", "ORG", True),  # fits; two letters are only linked in context (see below)
    ("Kremlin", "Kremlin press service", "ORG", False),  # another body, not a short form
    ("Russian Defense Ministry", "Defense Ministry", "ORG", False),  # the other way round
    ("GAO", "General Motors", "ORG", False),
]


@pytest.mark.parametrize("short, full, type_, fits", SHORT)
def test_is_shorter_form(short, full, type_, fits):
    assert is_shorter_form(parse(short, type_), parse(full, type_)) is fits


@pytest.mark.parametrize("a, b, score", [
    ("Zelenskyy", "Zelenskiy", 1.0), ("Kharkov", "Kharkiv", 0.9), ("Kiev", "Kyiv", 0.0), ("Petrov", "Petrova", 0.0),
    ("Sergey", "Sergei", 1.0), ("Smith", "Smyth", 1.0), ("Brenn", "Brann", 0.0),
])
def test_token_variant(a, b, score):
    assert token_variant(a, b) == score


@pytest.mark.parametrize("name, cls", [
    ("Sokol", "PERSON"), ("Vardenian", "NORP"), ("Democrats", "NORP"), ("Ukrainians", "NORP"), ("Shia", "NORP"),
    ("Sokol Party", "NORP"),
])
def test_one_word_norp_reading_like_a_surname_is_a_person(name, cls):
    assert parse_for_linking(name, "NORP").cls == cls


def test_norm_and_skeleton():
    assert norm_token("Zelenskyy") == norm_token("Zelenskiy") == norm_token("Zelensky") == "zelenski"
    assert skeleton("Kharkov") == skeleton("Kharkiv") == "khrkv"


# -- on the store ----------------------------------------------------------------

def make(n: int, text: str, names: list[tuple[str, str, str]], published: str = "2025-03-10",
         quotes: list[tuple[str, str]] = (), claims: list[tuple[str, str]] = ()) -> Article:
    """An article whose entities are the given (surface text, canonical name, type) found in ``text``."""
    by_id: dict[str, Entity] = {}
    for surface, name, type_ in names:
        start = text.index(surface)
        eid = entity_id(name, type_)
        ent = by_id.setdefault(eid, Entity(id=eid, name=name, type=type_))
        ent.mentions.append((start, start + len(surface)))
        ent.mention_texts.append(surface)
    qs = []
    for content, speaker in quotes:
        start = text.index(content)
        sp = next(e for e in by_id.values() if e.name == speaker)
        qs.append(Quote(text=content, start=start, end=start + len(content), kind="direct", speaker=speaker,
                        speaker_id=sp.id, speaker_text=speaker, speaker_span=sp.mentions[0], cue="say"))
    cs = []
    for evidence, claimant in claims:
        start = text.index(evidence)
        cl = next(e for e in by_id.values() if e.name == claimant)
        cs.append(Claim(value=12.0, unit="drone", text=evidence, start=start, end=start + len(evidence),
                        claimant=claimant, claimant_id=cl.id))
    return Article(id=f"art_{n:016d}", content_hash=f"hash{n}", text=text, origin=f"f{n}.txt", source="Courier",
                   published=published, entities=list(by_id.values()), quotes=qs, claims=cs,
                   pipeline_version="test")


def store(db, *articles: Article) -> list:
    writer = Writer(db)
    for a in articles:
        writer.save_article(a)
    return link_entities(writer, articles)


SOKOL_FULL = make(1, "Vardenian Deputy Minister Anna Sokol visited Tarnow on Monday.",
                  [("Anna Sokol", "Anna Sokol", "PERSON"), ("Tarnow", "Tarnow", "GPE")], "2025-03-10")
SOKOL_SHORT = make(2, "\"We will rebuild the bridge,\" Sokol said in Tarnow.",
                   [("Sokol", "Sokol", "PERSON"), ("Tarnow", "Tarnow", "GPE")], "2025-03-12",
                   quotes=[("We will rebuild the bridge", "Sokol")])


def test_surname_in_a_later_article_joins_the_full_name(any_db):
    db = connect(any_db)
    made = store(db, SOKOL_FULL, SOKOL_SHORT)
    full = entity_id("Anna Sokol", "PERSON")
    assert [(d.from_id, d.to_id, d.reason) for d in made] == [(entity_id("Sokol", "PERSON"), full, "short:corpus")]
    later = query.article(db, SOKOL_SHORT.id)
    assert [(e.id, e.name, e.mention_texts) for e in later.entities if e.type == "PERSON"] == \
        [(full, "Anna Sokol", ["Sokol"])]
    assert (later.quotes[0].speaker, later.quotes[0].speaker_id) == ("Anna Sokol", full)
    assert later.quotes[0].speaker_text == "Sokol"  # the mention in this article stays as written
    said = query.quotes(db, speaker="Anna Sokol").items
    assert [(q["speaker"], q["speaker_id"]) for q in said] == [("Anna Sokol", full)]
    assert [q["article_id"] for q in query.quotes(db, speaker=full).items] == [SOKOL_SHORT.id]
    listed = {e["name"]: e for e in query.entities(db).items}
    assert "Sokol" not in listed and listed["Anna Sokol"]["articles"] == 2
    assert listed["Anna Sokol"]["aliases"] == ["Sokol"]
    detail = query.entity(db, entity_id("Sokol", "PERSON"))  # a linked-away id answers with its canonical
    assert detail["id"] == full and detail["mentions"] == 2
    assert {a["id"] for a in query.article_page(db, entity=full).items} == {SOKOL_FULL.id, SOKOL_SHORT.id}
    assert query.stats(db)["entities"] == 2  # Anna Sokol, Tarnow


def test_surname_stored_before_the_full_name_is_linked_when_it_arrives(any_db):
    db = connect(any_db)
    assert store(db, SOKOL_SHORT) == []  # nothing to link to yet
    made = store(db, SOKOL_FULL)
    assert [(d.article_id, d.to_id) for d in made] == [(SOKOL_SHORT.id, entity_id("Anna Sokol", "PERSON"))]
    assert query.article(db, SOKOL_SHORT.id).quotes[0].speaker == "Anna Sokol"


def test_two_people_sharing_a_surname_do_not_merge(any_db):
    db = connect(any_db)
    pavel = make(3, "Pavel Sokol, a farmer from Lisk, sold his land in 2025.",
                 [("Pavel Sokol", "Pavel Sokol", "PERSON"), ("Lisk", "Lisk", "GPE")], "2025-03-11")
    made = store(db, SOKOL_FULL, pavel, SOKOL_SHORT)
    assert made == []
    later = query.article(db, SOKOL_SHORT.id)
    assert later.quotes[0].speaker == "Sokol"
    names = {e["name"] for e in query.entities(db).items}
    assert {"Anna Sokol", "Pavel Sokol", "Sokol"} <= names


def test_the_same_article_or_time_window_settles_a_shared_surname(any_db):
    db = connect(any_db)
    pavel_old = make(3, "Pavel Sokol, a farmer from Lisk, sold his land.",
                     [("Pavel Sokol", "Pavel Sokol", "PERSON")], "2019-05-01")
    made = store(db, SOKOL_FULL, pavel_old, SOKOL_SHORT)  # Anna Sokol is two days away, Pavel six years
    assert [(d.from_id, d.to_id, d.reason) for d in made] == \
        [(entity_id("Sokol", "PERSON"), entity_id("Anna Sokol", "PERSON"), "short:window")]


def test_spelling_variants_across_outlets_become_one_entity(any_db):
    db = connect(any_db)
    a = make(4, "Volodar Zelenskyy met officials of Russia's Ministry of Defence in Kharkiv.",
             [("Volodar Zelenskyy", "Volodar Zelenskyy", "PERSON"),
              ("Russia's Ministry of Defence", "Russia's Ministry of Defence", "ORG"), ("Kharkiv", "Kharkiv", "GPE")],
             claims=[("officials of Russia", "Russia's Ministry of Defence")])
    b = make(5, "Volodar Zelenskiy said the Russian Defense Ministry shelled Kharkov.",
             [("Volodar Zelenskiy", "Volodar Zelenskiy", "PERSON"),
              ("Russian Defense Ministry", "Russian Defense Ministry", "ORG"), ("Kharkov", "Kharkov", "GPE")],
             quotes=[("shelled Kharkov", "Volodar Zelenskiy")],
             claims=[("Defense Ministry shelled", "Russian Defense Ministry")])
    c = make(6, "The Russian MoD said it hit Kharkov; Zelensky said it hit a school.",
             [("Russian MoD", "Russian MoD", "ORG"), ("Kharkov", "Kharkov", "GPE"), ("Zelensky", "Zelensky", "PERSON")])
    store(db, a, b, c)
    canon = {"Volodar Zelenskyy", "Russia's Ministry of Defence", "Kharkiv"}
    for art in (b, c):
        back = query.article(db, art.id)
        assert {e.name for e in back.entities} == canon, art.id
    back = query.article(db, b.id)
    assert back.quotes[0].speaker_id == entity_id("Volodar Zelenskyy", "PERSON")
    assert back.claims[0].claimant == "Russia's Ministry of Defence"
    mod = query.entity(db, entity_id("Russia's Ministry of Defence", "ORG"))
    assert mod["aliases"] == ["Russian Defense Ministry", "Russian MoD"] and mod["articles"] == 3
    assert [c["article_id"] for c in query.claims(db, claimant="Russia's Ministry of Defence", order="asc").items] \
        == [a.id, b.id]


def test_two_local_spellings_in_one_article_export_as_one_entity(any_db):
    db = connect(any_db)
    first = make(7, "Kharkiv was calm.", [("Kharkiv", "Kharkiv", "GPE")], "2025-03-01")
    mixed = make(8, "Kharkov, or Kharkiv, was shelled.", [("Kharkov", "Kharkov", "GPE"), ("Kharkiv", "Kharkiv", "GPE")])
    store(db, first, mixed)
    back = query.article(db, mixed.id)
    assert [(e.name, e.mentions, e.mention_texts) for e in back.entities] == \
        [("Kharkiv", [(0, 7), (12, 19)], ["Kharkov", "Kharkiv"])]
    contract = back.to_contract()
    assert contract["entities"] == [{"id": entity_id("Kharkiv", "GPE"), "name": "Kharkiv", "type": "GPE",
                                     "mentions": [[0, 7], [12, 19]]}]


def test_linking_again_changes_nothing(any_db):
    db = connect(any_db)
    store(db, SOKOL_FULL, SOKOL_SHORT)
    before = db.query("SELECT article_id, from_id, to_id, reason, score FROM entity_redirects ORDER BY 1, 2")
    writer = Writer(db)
    link_entities(writer, [SOKOL_SHORT, SOKOL_FULL])
    link_entities(writer, [SOKOL_SHORT.id])
    assert relink_all(writer) == 2
    after = db.query("SELECT article_id, from_id, to_id, reason, score FROM entity_redirects ORDER BY 1, 2")
    assert before == after and len(after) == 1
    assert db.scalar("SELECT aliases FROM entities WHERE id = ?", (entity_id("Anna Sokol", "PERSON"),)) == '["Sokol"]'


def test_organisation_short_forms_and_other_bodies(any_db):
    db = connect(any_db)
    full = make(9, "The Vardenian Office of Grain Audits (OGA) and the Kremlin press service disagreed.",
                [("Office of Grain Audits", "Office of Grain Audits", "ORG"),
                 ("Kremlin press service", "Kremlin press service", "ORG")])
    later = make(10, "The OGA said exports fell; the Kremlin said nothing.",
                 [("OGA", "OGA", "ORG"), ("Kremlin", "Kremlin", "ORG")])
    store(db, full, later)
    assert {e.name for e in query.article(db, later.id).entities} == {"Office of Grain Audits", "Kremlin"}


def test_two_letter_acronyms_link_only_in_context(any_db):
    db = connect(any_db)
    full = make(14, "Gorvel Mining closed a pit.", [("Gorvel Mining", "Gorvel Mining", "ORG")], "2025-01-05")
    far = make(15, "GM said prices rose.", [("GM", "GM", "ORG")], "2025-09-30")
    near = make(16, "GM said the pit would reopen.", [("GM", "GM", "ORG")], "2025-01-08")
    store(db, full, far, near)
    assert [e.name for e in query.article(db, far.id).entities] == ["GM"]
    assert [e.name for e in query.article(db, near.id).entities] == ["Gorvel Mining"]


def test_people_are_not_merged_into_organisations_or_places(any_db):
    db = connect(any_db)
    company = make(11, "Brask Motor Works cut 300 jobs.", [("Brask Motor Works", "Brask Motor Works", "ORG")])
    person = make(12, "Ilse Brask spoke in Tarnow.", [("Ilse Brask", "Ilse Brask", "PERSON")])
    bare = make(13, "BMW said the plant would close.", [("BMW", "BMW", "ORG")])
    store(db, company, person, bare)
    assert [e.name for e in query.article(db, bare.id).entities] == ["Brask Motor Works"]
    assert [e.name for e in query.article(db, person.id).entities] == ["Ilse Brask"]


def test_deleting_an_article_removes_its_links(any_db):
    db = connect(any_db)
    store(db, SOKOL_FULL, SOKOL_SHORT)
    db.execute("DELETE FROM articles WHERE id = ?", (SOKOL_SHORT.id,))
    assert db.scalar("SELECT COUNT(*) AS n FROM entity_redirects") == 0


@pytest.mark.model
def test_ingest_links_entities_and_export_shows_canonical_names(tmp_path):
    import storyline

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Vardenia Names New Envoy\n\nPublished 2025-04-02\n\n"
        "Vardenian Foreign Minister Anna Sokol named a new envoy to Lisk on Tuesday. "
        "Anna Sokol said the post had been empty for a year.", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Envoy Arrives In Lisk\n\nPublished 2025-04-04\n\n"
        "\"The embassy will reopen next month,\" Sokol told reporters in Lisk on Thursday.", encoding="utf-8")
    kb = storyline.open(str(tmp_path / "kb.db"))
    kb.ingest([str(folder / "a.txt")])
    kb.ingest([str(folder / "b.txt")])
    full = entity_id("Anna Sokol", "PERSON")
    later = [a for a in kb.articles() if "embassy" in a.text][0]
    people = [e for e in later.entities if e.type == "PERSON"]
    assert [(e.id, e.name) for e in people] == [(full, "Anna Sokol")]
    assert [(q.speaker, q.speaker_id) for q in later.quotes if q.speaker] == [("Anna Sokol", full)]
