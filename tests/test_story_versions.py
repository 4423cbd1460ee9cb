"""Stored stories carry the rules that clustered them: `storyline reprocess` clusters every
article again when the assignment rules, the embedding model or the story settings changed,
replays merges and splits, and leaves current stories alone. Real store (SQLite and
PostgreSQL), real embedding model, fictional articles."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storyline import query
from storyline.batch.reprocess import ReprocessProgress, run_reprocess
from storyline.nlp.pipeline import pipeline_version
from storyline.settings import Options
from storyline.store import Writer, connect
from storyline.store.schema import get_meta, set_meta
from storyline.stories import (
    assign_stories,
    load_embedder,
    mark_new_stories,
    merge_stories,
    stories_outdated,
    stories_version,
)
from storyline.stories import decisions
from storyline.stories.embed import DEFAULT_MODEL

from test_stories import strike_one_a, strike_one_b, strike_two, summit


@pytest.fixture(scope="module")
def embedder():
    return load_embedder()


def stored(any_db, opts: Options, embedder) -> tuple[Writer, list]:
    """Four current articles (nothing to re-extract) clustered as ingest does: two reports of
    one strike, a second strike a week later, a summit."""
    writer = Writer(connect(any_db))
    batch = [strike_one_a(), strike_one_b(), strike_two(), summit()]
    for a in batch:
        a.pipeline_version = pipeline_version(opts)
        writer.save_article(a)
    mark_new_stories(writer.db, opts)
    assign_stories(writer, batch, opts, embedder=embedder)
    return writer, batch


def groups(db, batch) -> list[set[str]]:
    by_story: dict[str, set[str]] = {}
    for a in batch:
        by_story.setdefault(query.article(db, a.id).story_id, set()).add(a.id)
    return sorted(by_story.values(), key=lambda g: sorted(g))


class Told:
    """What reprocess told, through the callbacks the CLI uses."""

    def __init__(self):
        self.stories: list[int] = []
        self.ledgers: list[int] = []
        self.started: list[tuple[str, int]] = []
        self.done: dict[str, int] = {}

    def progress(self) -> ReprocessProgress:
        return ReprocessProgress(on_start=lambda phase, n: self.started.append((phase, n)),
                                 on_item=lambda phase, n: self.done.__setitem__(phase, self.done.get(phase, 0) + n),
                                 on_ledgers=self.ledgers.append, on_stories=self.stories.append)


def test_a_new_store_records_the_rules_and_settings_of_its_stories(any_db, embedder):
    opts = Options()
    writer, batch = stored(any_db, opts, embedder)
    assert get_meta(writer.db, "stories_version") == stories_version(opts)
    assert not stories_outdated(writer.db, opts)
    told = Told()
    assert run_reprocess(writer, opts, progress=told.progress()) == (0, [])
    assert told.stories == [] and told.ledgers == [] and told.started == []


def test_changed_story_settings_recluster_every_article_once(any_db, embedder):
    opts = Options()
    writer, batch = stored(any_db, opts, embedder)
    before = groups(writer.db, batch)
    a, b = strike_one_a().id, strike_one_b().id
    assert {a, b} in before and len(before) == 3  # the two reports of one strike share a story
    # a threshold nothing reaches: every article is a story of its own
    strict = Options(story_threshold=5.0)
    assert stories_outdated(writer.db, strict)
    told = Told()
    assert run_reprocess(writer, strict, progress=told.progress()) == (0, [])
    assert told.stories == [4] and told.started == [("stories", 4)] and told.done == {"stories": 4}
    assert groups(writer.db, batch) == sorted(({x.id} for x in batch), key=lambda g: sorted(g))
    assert get_meta(writer.db, "stories_version") == stories_version(strict)
    # current now: nothing more to do
    again = Told()
    run_reprocess(writer, strict, progress=again.progress())
    assert again.stories == []
    # and back under the shipped settings, the first clustering comes back
    run_reprocess(writer, opts, progress=again.progress())
    assert again.stories == [3] and groups(writer.db, batch) == before


def test_a_rules_version_bump_reclusters_and_replays_merges(any_db, embedder, monkeypatch):
    opts = Options()
    writer, batch = stored(any_db, opts, embedder)
    one, two = (query.article(writer.db, x.id).story_id for x in (strike_one_a(), strike_two()))
    assert one != two
    merge_stories(writer.db, one, two, options=opts)  # an analyst's decision: one story
    monkeypatch.setattr(decisions, "RULES_VERSION", decisions.RULES_VERSION + "-next")
    assert stories_outdated(writer.db, opts)
    told = Told()
    run_reprocess(writer, opts, progress=told.progress())
    assert told.stories == [2]
    merged = {query.article(writer.db, x.id).story_id for x in (strike_one_a(), strike_one_b(), strike_two())}
    assert len(merged) == 1, "the merge outlives the re-clustering"
    assert not stories_outdated(writer.db, opts)


def test_an_interrupted_rebuild_is_redone(any_db, embedder):
    opts = Options()
    writer, _ = stored(any_db, opts, embedder)
    set_meta(writer.db, "stories_version", f"rebuilding|{DEFAULT_MODEL}|-")  # what a rebuild writes first
    assert stories_outdated(writer.db, opts)
    told = Told()
    run_reprocess(writer, opts, progress=told.progress())
    assert told.stories == [3] and not stories_outdated(writer.db, opts)


@pytest.mark.parametrize("stored_version, model, reusable", [
    (None, DEFAULT_MODEL, True),  # a store from before versions: the one default model there was
    (None, "none", False),
    (f"1|{DEFAULT_MODEL}|abc", DEFAULT_MODEL, True),
    ("1|some-other-model|abc", DEFAULT_MODEL, False),
    (f"rebuilding|{DEFAULT_MODEL}|-", DEFAULT_MODEL, True),
    ("garbage", DEFAULT_MODEL, False),
])
def test_stored_embeddings_serve_a_rebuild_only_from_the_same_model(stored_version, model, reusable):
    assert decisions._vectors_reusable(stored_version, model) is reusable


def test_the_version_names_rules_model_and_settings():
    base = stories_version(Options())
    assert base.split("|")[:2] == [decisions.RULES_VERSION, DEFAULT_MODEL]
    assert stories_version(Options(story_threshold=0.7)) != base
    assert stories_version(Options(story_model="none")).split("|")[1] == "none"
    assert stories_version(Options()) == base  # stable across calls


def test_cli_reprocess_says_it_reclustered(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, (title, body) in enumerate([
        ("Floodwater closes the Ostry bridge", "The river Ostry burst its banks on Monday and closed the old "
         "bridge, the Velmar city office said. About 40 families left their homes."),
        ("Dorsk opens a new library", "Dorsk's town council opened a library of 12,000 books on the "
         "market square on Tuesday, its chairwoman Ilse Marrow said."),
    ]):
        (folder / f"r{i}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    db = str(tmp_path / "kb.db")

    def cli(*args, env=None):
        return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, text=True,
                              env={**os.environ, **(env or {})}, timeout=600)

    assert cli("ingest", str(folder), "--db", db, "-q").returncode == 0
    quiet = cli("reprocess", "--db", db, "-q")
    assert quiet.returncode == 0 and "clustered every article again" not in quiet.stdout
    # one article of an older pipeline version as well: re-extracted, then everything re-clustered
    kb = connect(db)
    kb.execute("UPDATE articles SET pipeline_version = 'old' WHERE id = (SELECT MIN(id) FROM articles)")
    kb.close()
    moved = cli("reprocess", "--db", db, env={"STORYLINE_STORY_THRESHOLD": "5"})
    assert moved.returncode == 0, moved.stderr
    assert "clustered every article again into 2 story(ies)" in moved.stdout
    assert "reprocessed 1 article(s), failed 0" in moved.stdout
    assert "re-cluster" in moved.stderr  # the progress bar of that step
    assert "clustered every article again" not in cli("reprocess", "--db", db, "-q",
                                                      env={"STORYLINE_STORY_THRESHOLD": "5"}).stdout
    # on demand, under the shipped settings: a progress bar, the count, and the stored version
    rebuilt = cli("stories", "rebuild", "--db", db)
    assert rebuilt.returncode == 0 and rebuilt.stdout.strip() == "2 stories" and "re-cluster" in rebuilt.stderr
    assert get_meta(connect(db), "stories_version") == stories_version(Options())
