"""Merging and splitting stories by command, persisted so they outlive later
assignments: moved articles are pinned, merged stories forward to their target
(index keys included), and a rebuild replays every decision in order."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any, Callable

from ..errors import InputError, NotFound
from ..store.schema import get_meta, has_story_members, set_meta
from ..store.stories import StoryStore
from .assign import Assigner, assign_stories, config_from, ledger_tables, story_id_for
from .embed import DEFAULT_MODEL, text_to_vec
from .ledger import LEDGER_VERSION, article_facts
from .score import RULES_VERSION, StoryConfig


class StoryDecisionError(InputError):
    code = "E120"


def _assigner(db: Any, options: Any = None) -> Assigner:
    return Assigner(StoryStore(db), StoryConfig(), None, ledger_tables(options))


def _live(store: StoryStore, story_id: str) -> str:
    row = store.story_row(story_id)
    if row is None:
        raise NotFound(f"no story with id {story_id!r}", hint="list stories with `storyline stories`")
    return store.live_id(story_id)


def merge_stories(db: Any, target: str, other: str, record: bool = True, options: Any = None) -> str:
    """Move every article of ``other`` into ``target`` for good; returns the target's id.
    ``options``: the settings (the ledger reads their ``officeholder_tables``)."""
    a = _assigner(db, options)
    store = a.store
    with db.transaction():
        target, other = _live(store, target), _live(store, other)
        if target == other:
            raise StoryDecisionError(other, "is already part of that story", hint="pick two different stories")
        moved = [m["article_id"] for m in store.members(other)]
        anchor = store.members(target)[0]["article_id"] if store.members(target) else None
        store.move_members(moved, target, how="merge", pinned=True)
        store.mark_merged(other, target)
        store.replace_keys(other, {})
        a.rebuild_profile(target)
        a.refresh(target)
        store.replace_groups(other, [])
        if record:
            store.record_decision("merge", target, other, [anchor] + moved if anchor else moved)
    return target


def split_story(db: Any, story_id: str, article_ids: list[str], record: bool = True,
                options: Any = None) -> str:
    """Move ``article_ids`` out of ``story_id`` into a new story for good; returns its id."""
    a = _assigner(db, options)
    store = a.store
    with db.transaction():
        story_id = _live(store, story_id)
        members = {m["article_id"] for m in store.members(story_id)}
        missing = [i for i in article_ids if i not in members]
        if missing:
            raise StoryDecisionError(story_id, f"does not hold article(s) {', '.join(missing)}",
                                     hint=f"see `storyline story {story_id}` for its articles")
        if not article_ids or set(article_ids) == members:
            raise StoryDecisionError(story_id, "a split must leave at least one article on each side")
        new_id = story_id_for(sorted(article_ids)[0], salt="split:" + story_id)
        store.save_profile({"id": new_id, "n_articles": 0, "n_origins": 0})
        store.move_members(sorted(article_ids), new_id, how="split", pinned=True)
        a.rebuild_profile(new_id)
        a.rebuild_profile(story_id)
        a.refresh(new_id)
        a.refresh(story_id)
        if record:
            store.record_decision("split", story_id, new_id, sorted(article_ids))
    return new_id


def replay_decisions(db: Any, decisions: list[dict[str, Any]], options: Any = None) -> None:
    """Apply recorded merges and splits again, by the articles they moved (after a rebuild)."""
    store = StoryStore(db)
    for d in decisions:
        ids = json.loads(d["article_ids"])
        members = [store.member(i) for i in ids]
        stories = [store.live_id(m["story_id"]) for m in members if m]
        if not stories:
            continue
        if d["kind"] == "merge":
            target = stories[0]
            for other in dict.fromkeys(stories[1:]):
                if other != target:
                    merge_stories(db, target, other, record=False, options=options)
        elif d["kind"] == "split":
            source = stories[0]
            moving = [m["article_id"] for m in members if m and store.live_id(m["story_id"]) == source]
            if moving and len(store.members(source)) > len(moving):
                split_story(db, source, moving, record=False, options=options)


def rebuild_stories(writer: Any, options: Any = None, config: StoryConfig | None = None,
                    embedder: Any = "auto", batch: int = 200,
                    on_start: Callable[[int], None] = lambda total: None,
                    on_item: Callable[[int], None] = lambda n: None) -> int:
    """Re-cluster every stored article from scratch in ingest order, then replay the
    merge/split decisions; returns the number of stories. Stored embeddings are reused when
    they came from the current ``story_model`` (else computed again). ``on_start`` gets the
    number of articles, ``on_item`` the number of each batch placed. The store records the rules that built its
    stories (``stories_version``), so ``storyline reprocess`` knows when to do this again."""
    from .. import query

    db = writer.db
    store = StoryStore(db)
    reuse = _vectors_reusable(get_meta(db, STORIES_KEY), _model(options))
    vectors = {a: text_to_vec(v) for a, v in store.all_member_vectors().items()} if reuse else {}
    decisions = store.decisions()
    with db.transaction():
        store.clear()
        # Until every article is placed again: an interrupted rebuild is redone (its model kept,
        # for the embeddings already stored again).
        set_meta(db, STORIES_KEY, f"rebuilding|{_model(options)}|-")
    ids = query.article_ids(db, "ingested")
    on_start(len(ids))
    for i in range(0, len(ids), batch):
        chunk = [query.article(db, aid) for aid in ids[i:i + batch]]
        assign_stories(writer, chunk, options, config=config, embedder=embedder,
                       vectors={k: v for k, v in vectors.items() if v is not None})
        on_item(len(chunk))
    replay_decisions(db, decisions, options)
    set_meta(db, LEDGER_KEY, LEDGER_VERSION)  # every ledger was rebuilt by these rules
    set_meta(db, STORIES_KEY, stories_version(options, config))
    return store.live_story_count()


STORIES_KEY = "stories_version"


def _model(options: Any) -> str:
    return options.story_model if options is not None else DEFAULT_MODEL


def stories_version(options: Any = None, config: StoryConfig | None = None) -> str:
    """What decides which story an article joins: the assignment rules (``RULES_VERSION``),
    the embedding model (``story_model``) and the StoryConfig (from the story settings unless
    given), as "rules|model|config digest"."""
    config = config or config_from(options)
    digest = hashlib.blake2b(json.dumps(asdict(config), sort_keys=True).encode(), digest_size=6).hexdigest()
    return f"{RULES_VERSION}|{_model(options)}|{digest}"


def _vectors_reusable(stored: str | None, model: str) -> bool:
    """Stored member embeddings can serve a rebuild when the store says they came from
    ``model``; a store from before versions (None) used the one default model there was."""
    if stored is None:
        return model == DEFAULT_MODEL
    parts = stored.split("|")
    return len(parts) == 3 and parts[1] == model


def stories_outdated(db: Any, options: Any = None) -> bool:
    """True when the stored stories were clustered by other rules, model or story settings
    than ``options`` give (or by a version that did not record them)."""
    return has_story_members(db) and get_meta(db, STORIES_KEY) != stories_version(options)


def rebuild_outdated_stories(writer: Any, options: Any = None,
                             on_start: Callable[[int], None] = lambda total: None,
                             on_item: Callable[[int], None] = lambda n: None) -> int | None:
    """Re-cluster every article (``rebuild_stories``) when the stored stories are outdated
    (``stories_outdated``); returns the number of stories, or None when they were current."""
    if not stories_outdated(writer.db, options):
        return None
    return rebuild_stories(writer, options, on_start=on_start, on_item=on_item)


def refresh_ledgers(writer: Any, articles: list[Any], options: Any = None) -> int:
    """After articles were re-extracted (``storyline reprocess``): their ledger facts derived
    again from their new claims and quotes, and the claim groups of the stories holding them
    recomputed (sides told with the ``officeholder_tables`` of ``options``). Story membership
    is kept. Returns the number of stories refreshed."""
    a = _assigner(writer.db, options)
    touched: set[str] = set()
    with writer.db.transaction():
        for article in articles:
            member = a.store.member(article.id)
            if member is None:
                continue
            a.store.replace_facts(article.id, member["story_id"],
                                  article_facts(article, member["origin_id"], member["day"]))
            touched.add(member["story_id"])
        for story_id in sorted(touched):
            a.refresh(story_id)
    return len(touched)


LEDGER_KEY = "ledger_version"


def ledger_version(db: Any) -> str | None:
    """The version of the ledger rules that built the stored claim ledgers (None: unknown,
    from before ledgers carried one)."""
    return get_meta(db, LEDGER_KEY)


def mark_new_stories(db: Any, options: Any = None) -> None:
    """Before the first story of a knowledge base is built: its stories and ledgers will be
    built by this code's rules and these settings, so they carry their versions (no rebuild
    is due on the next reprocess)."""
    if has_story_members(db):
        return
    if get_meta(db, LEDGER_KEY) is None:
        set_meta(db, LEDGER_KEY, LEDGER_VERSION)
    set_meta(db, STORIES_KEY, stories_version(options))


def rebuild_outdated_ledgers(writer: Any, batch: int = 200, options: Any = None) -> int:
    """When the stored ledgers were built by other ledger rules (``LEDGER_VERSION``): every
    article's facts derived again from its stored claims and quotes, then every story's claim
    groups recomputed once; story membership is kept. Returns the number of stories rebuilt
    (0 when the ledgers are current). The version is set only when all is done, so an
    interrupted rebuild is redone."""
    from .. import query

    db = writer.db
    if get_meta(db, LEDGER_KEY) == LEDGER_VERSION:
        return 0
    a = _assigner(db, options)
    touched: set[str] = set()
    ids = query.article_ids(db)
    for start in range(0, len(ids), batch):
        with db.transaction():
            for article_id in ids[start:start + batch]:
                member = a.store.member(article_id)
                if member is None:
                    continue
                article = query.article(db, article_id)
                a.store.replace_facts(article_id, member["story_id"],
                                      article_facts(article, member["origin_id"], member["day"]))
                touched.add(member["story_id"])
    stories = sorted(touched)
    for start in range(0, len(stories), batch):
        with db.transaction():
            for story_id in stories[start:start + batch]:
                a.refresh(story_id)
    set_meta(db, LEDGER_KEY, LEDGER_VERSION)
    return len(stories)
