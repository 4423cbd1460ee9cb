"""The store on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import pytest

from storyline import query
from storyline.errors import NotFound, StoreError
from storyline.models import Article, Claim, Entity, Event, IngestFailure, Quote, Timex
from storyline.store import SCHEMA_VERSION, Writer, connect, migrate


def make_article(n: int = 1, text: str = "Mayor Ana Reld said the bridge was hit. 14 people died.") -> Article:
    return Article(
        id=f"art_{n:016d}", content_hash=f"h{n}", text=text, origin=f"file{n}.txt", url=None,
        source="The Courier", title=f"Title {n}", published=f"2025-06-{10 + n:02d}",
        entities=[Entity(id="ent_ana", name="Ana Reld", type="PERSON", mentions=[(6, 14)])],
        quotes=[Quote(text="the bridge was hit", start=20, end=38, kind="indirect", speaker="Ana Reld",
                      speaker_id="ent_ana", speaker_text="Ana Reld", speaker_span=(6, 14), cue="say")],
        claims=[Claim(value=14.0, unit="person", text="14 people died", start=40, end=54, claimant=None)],
        events=[Event(id="ev0", type="ASSAULT", text="the bridge was hit", start=20, end=38,
                      date="2025-06-10", date_precision="day")],
        timexes=[Timex(text="Friday", start=0, end=6, value="2025-06-13", precision="day", resolved=True)],
        meta={"title_confidence": 0.9, "date_window": {"start": "2025-06-01", "end": "2025-06-30", "basis": "t"}},
        raw=text, pipeline_version="test1",
    )


def test_migrations_are_idempotent(any_db):
    db = connect(any_db)
    assert migrate(db) == []  # already at the latest version
    assert db.scalar("SELECT MAX(version) AS v FROM schema_migrations") == SCHEMA_VERSION


def test_kb_meta_migration_on_a_store_of_the_previous_schema(any_db):
    """Migration 6 adds kb_meta to a store made before it: its rows and the other tables stay,
    and a ledger version is unknown until set."""
    from storyline.store.schema import get_meta, set_meta

    db = connect(any_db)
    Writer(db).save_article(make_article(1))
    db.execute("DROP TABLE kb_meta")  # the store as migration 5 left it
    db.execute("DELETE FROM schema_migrations WHERE version = 6")
    db.close()
    db = connect(any_db)
    assert db.scalar("SELECT MAX(version) AS v FROM schema_migrations") == SCHEMA_VERSION >= 6
    assert query.article(db, make_article(1).id).title == "Title 1"
    assert get_meta(db, "ledger_version") is None
    set_meta(db, "ledger_version", "2")
    set_meta(db, "ledger_version", "3")  # set again: one row, the last value
    assert get_meta(db, "ledger_version") == "3"
    assert db.scalar("SELECT COUNT(*) AS n FROM kb_meta") == 1


def test_round_trip_of_every_record(any_db):
    db = connect(any_db)
    writer = Writer(db)
    original = make_article()
    assert writer.save_article(original, signature=[1, 2, 3], band_keys=["a", "b"]) is True
    assert writer.save_article(original) is False  # same content hash: a no-op
    back = query.article(db, original.id)
    assert back.text == original.text
    assert back.quotes == original.quotes
    assert back.claims == original.claims
    assert back.events == original.events
    assert back.timexes == original.timexes
    assert [(e.id, e.mentions) for e in back.entities] == [("ent_ana", [(6, 14)])]
    assert back.meta["date_window"]["basis"] == "t"
    assert query.stats(db)["articles"] == 1


def test_large_money_values_keep_precision(any_db):
    db = connect(any_db)
    article = make_article()
    article.claims = [Claim(value=18_000_000_123.0, unit="EUR", text="EUR 18 billion", start=0, end=5)]
    Writer(db).save_article(article)
    assert query.article(db, article.id).claims[0].value == 18_000_000_123.0


def test_failed_transaction_leaves_nothing(any_db):
    db = connect(any_db)
    writer = Writer(db)
    bad = make_article()
    bad.claims[0].text = None  # NOT NULL violation after the article row went in
    with pytest.raises(StoreError):
        writer.save_article(bad)
    assert query.stats(db)["articles"] == 0
    assert db.scalar("SELECT COUNT(*) AS n FROM quotes") == 0


def test_near_duplicate_index_and_root(any_db):
    db = connect(any_db)
    writer = Writer(db)
    for n in (1, 2, 3):
        writer.save_article(make_article(n, text=f"text {n}"), signature=[n, n], band_keys=[f"k{n}", "shared"])
    candidates = dict(writer.near_duplicate_candidates(["zzz", "shared"]))
    assert set(candidates) == {f"art_{n:016d}" for n in (1, 2, 3)}
    assert candidates["art_0000000000000002"] == [2, 2]
    assert writer.near_duplicate_candidates(["nope", "none"]) == []
    writer.link_duplicate("art_0000000000000002", "art_0000000000000001", 0.9)
    writer.link_duplicate("art_0000000000000003", "art_0000000000000002", 0.9)
    assert writer.duplicate_root("art_0000000000000003") == "art_0000000000000001"


def test_replace_records_keeps_id(any_db):
    db = connect(any_db)
    writer = Writer(db)
    article = make_article()
    writer.save_article(article)
    article.quotes = []
    article.pipeline_version = "test2"
    writer.replace_records(article)
    back = query.article(db, article.id)
    assert back.quotes == [] and back.pipeline_version == "test2"
    assert query.outdated_articles(db, "test2") == []
    assert query.outdated_articles(db, "test3") == [article.id]


def test_failures_are_recorded_once_per_origin(any_db):
    db = connect(any_db)
    writer = Writer(db)
    writer.record_failure(IngestFailure("bad.bin", "binary file"))
    writer.record_failure(IngestFailure("bad.bin", "binary file (PNG)"))
    assert [f["reason"] for f in query.failures(db)] == ["binary file (PNG)"]


def test_unknown_article_is_not_found(db_path):
    with pytest.raises(NotFound):
        query.article(connect(db_path), "art_missing")


def test_articles_are_listed_in_date_order_with_filters(any_db):
    db = connect(any_db)
    writer = Writer(db)
    for n in (3, 1, 2):
        writer.save_article(make_article(n, text=f"text {n}"))
    assert [a.title for a in query.articles(db)] == ["Title 1", "Title 2", "Title 3"]
    assert [a.title for a in query.articles(db, since="2025-06-12")] == ["Title 2", "Title 3"]
    assert [a.title for a in query.articles(db, page_size=1)] == ["Title 1", "Title 2", "Title 3"]


def test_article_ids_in_each_order(any_db):
    """"ingested" is the order articles were stored in, even within one second (story rebuilds
    replay it); "published" puts undated articles last."""
    db = connect(any_db)
    writer = Writer(db)
    undated = make_article(1, text="text 1")
    undated.published = None
    for a in (make_article(3, text="text 3"), undated, make_article(2, text="text 2")):
        writer.save_article(a)
    ids = {n: f"art_{n:016d}" for n in (1, 2, 3)}
    assert query.article_ids(db) == [ids[1], ids[2], ids[3]]
    assert query.article_ids(db, "ingested") == [ids[3], ids[1], ids[2]]
    assert query.article_ids(db, "published") == [ids[2], ids[3], ids[1]]
    with pytest.raises(ValueError, match="unknown article order 'newest'"):
        query.article_ids(db, "newest")
