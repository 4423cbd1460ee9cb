"""Incremental story assignment: each new article joins the story it fits best or
starts one, at ingest time, through an index lookup (never a corpus scan).

Copies follow their origin: a near-duplicate (``articles.duplicate_of``) or an
article repeating long passages of an earlier one joins that article's story and
shares its origin, so every count of sources counts independent origins.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Iterable

import numpy as np

from ..models import Article
from ..settings import Options
from ..store.stories import TEXT_DF_PREFIX, StoryStore
from .embed import DEFAULT_MODEL, Embedder, load_embedder, text_to_vec, vec_to_text
from .features import ArticleFeatures, features, index_keys, main_events, shift_day, words_of
from .ledger import Fact, article_facts, group_facts
from .score import StoryConfig, StoryProfile, name_idf, name_vector, score, story_event_days, story_heads


DF_CAP = 2000  # entity document frequencies are counted up to this many articles


@dataclass
class Assignment:
    """Where one article went and why."""

    article_id: str
    story_id: str
    how: str  # "new" | "joined" | "duplicate" | "passage" | "kept"
    score: float | None = None
    candidates: int = 0
    split_off: str | None = None  # a story the local repair split off the joined one


def config_from(options: Options | None) -> StoryConfig:
    """The StoryConfig for these options (settings ``story_threshold``, ``story_max_gap_days``)."""
    if options is None:
        return StoryConfig()
    return replace(StoryConfig(), threshold=options.story_threshold, max_gap_days=options.story_max_gap_days)


def ledger_tables(options: Options | None) -> tuple[str, ...]:
    """The extra office-holder tables the ledger tells sides with: the ``officeholder_tables``
    setting, read as the pipeline reads it for speakers."""
    if options is None or not getattr(options, "officeholder_tables", ""):
        return ()
    from ..nlp.pipeline import officeholder_tables

    return officeholder_tables(options.officeholder_tables)


def embedder_for(options: Options | None) -> Embedder | None:
    return load_embedder(options.story_model if options is not None else DEFAULT_MODEL)


def story_id_for(article_id: str, salt: str = "") -> str:
    if not salt:
        return "sto_" + article_id.removeprefix("art_")
    return "sto_" + hashlib.blake2b(f"{article_id}|{salt}".encode(), digest_size=8).hexdigest()


def _profile(row: dict[str, Any]) -> StoryProfile:
    return StoryProfile(
        id=row["id"], n_articles=row["n_articles"], vec_sum=text_to_vec(row["vec_sum"], "float32"),
        entity_counts=json.loads(row["entity_counts"]), place_counts=json.loads(row["place_counts"]),
        type_counts=json.loads(row["type_counts"]), first_day=row["first_day"], last_day=row["last_day"])


def _bump(counts: dict[str, int], items: Iterable[str]) -> dict[str, int]:
    out = dict(counts)
    for item in set(items):
        out[item] = out.get(item, 0) + 1
    return out


def _span(first: str | None, last: str | None, day: str | None) -> tuple[str | None, str | None]:
    if not day:
        return first, last
    return (min(first, day) if first else day), (max(last, day) if last else day)


class Assigner:
    """Assigns articles to stories on one store; one instance per batch or run."""

    def __init__(self, store: StoryStore, config: StoryConfig, embedder: Embedder | None,
                 tables: tuple[str, ...] = ()):
        self.store = store
        self.config = config
        self.embedder = embedder
        self.tables = tables  # the user's extra office-holder tables, for the ledger's sides (``ledger_tables``)
        self._n_articles: int | None = None  # corpus size for entity IDF, read once per batch
        self._df: dict[str, int] = {}  # name-word document frequencies read so far (see _name_df)

    # -- one article ------------------------------------------------------
    def _follow_copy(self, f: ArticleFeatures) -> tuple[str, str, str] | None:
        """(story, origin, how) when the article copies a stored one."""
        dup = self.store.duplicate_of(f.article_id)
        if dup:
            member = self.store.member(dup)
            if member:
                return self.store.live_id(member["story_id"]), member["origin_id"], "duplicate"
        if f.passages:
            shared = self.store.passage_matches(f.passages, f.article_id)
            needed = max(2.0, self.config.passage_share * len(f.passages))
            best = max(shared.items(), key=lambda kv: (kv[1], kv[0]), default=None)
            if best and best[1] >= needed:
                member = self.store.member(best[0])
                if member:
                    return self.store.live_id(member["story_id"]), member["origin_id"], "passage"
        return None

    def best_story(self, f: ArticleFeatures) -> tuple[StoryProfile | None, float | None, int]:
        """(best story, its score, stories scored) among the index candidates."""
        keys = index_keys(f)
        since = until = None
        if f.day:
            since, until = shift_day(f.day, -self.config.max_gap_days), shift_day(f.day, self.config.max_gap_days)
        hits = self.store.candidates(keys, f.day, since, until, self.config.per_key)
        top = sorted(hits, key=lambda s: (-hits[s], s))[:self.config.max_candidates]
        best: tuple[float, StoryProfile] | None = None
        profiles = [_profile(r) for r in self.store.profiles(top)]
        vecs: dict[str, list[str]] = {}
        if f.vec is not None and self.config.member_k > 0:
            vecs = self.store.member_vectors([p.id for p in profiles], self.config.member_k)
        dated: dict[str, dict[str, list[tuple]]] = {}
        if self.config.use_event_days and f.event_days and profiles:  # only against the article's own
            dated = self.store.member_event_dates([p.id for p in profiles], max(self.config.member_k, 1))
        if self.config.conflict_penalty and f.heads and profiles:
            from .features import HEAD_KINDS
            types = self.store.entity_types(sorted({e for p in profiles for e in p.entity_counts}))
            kinds = {e: HEAD_KINDS[t] for e, t in types.items() if t in HEAD_KINDS}
            for p in profiles:
                p.heads = story_heads(p.entity_counts, p.n_articles, kinds)
            if self.config.conflict_alias:
                head_ids = sorted({e for p in profiles for e, _ in (p.heads or {}).values()})
                names_of = self.store.entity_names(head_ids)
                for p in profiles:
                    p.head_words = {k: words_of(names_of.get(e, [])) for k, (e, _) in (p.heads or {}).items()}
        names: dict[str, list[dict[str, int]]] = {}
        idf: dict[str, float] = {}
        if self.config.w_names and f.names and profiles:
            names = self.store.member_names([p.id for p in profiles], max(self.config.member_k, 1))
            words = {w for lists in names.values() for other in lists for w in other} | set(f.names)
            df = self._name_df(words)
            idf = name_idf(df, df.get("", 0), words)
        text_words: dict[str, list[dict[str, int]]] = {}
        word_idf: dict[str, float] = {}
        if self.config.w_words and f.words and profiles:
            text_words = self.store.member_words([p.id for p in profiles], max(self.config.member_k, 1))
            vocab = {w for lists in text_words.values() for other in lists for w in other} | set(f.words)
            df = self._name_df({TEXT_DF_PREFIX + w for w in vocab})
            word_idf = name_idf({w: df.get(TEXT_DF_PREFIX + w, 0) for w in vocab}, df.get("", 0), vocab)
        for p in profiles:
            members = [v for v in (text_to_vec(t) for t in vecs.get(p.id, [])) if v is not None]
            days = story_event_days([main_events(evs, self.config.event_dates_from_text)
                                     for evs in dated.get(p.id, {}).values()],
                                    self.config.event_share, self.config.event_top_per_type)
            s, _ = score(f, p, self.config, members, days, names.get(p.id), idf, text_words.get(p.id), word_idf)
            if best is None or s > best[0]:
                best = (s, p)
        if best is None:
            return None, None, len(profiles)
        return best[1], best[0], len(profiles)

    def assign(self, article: Article, f: ArticleFeatures) -> Assignment:
        existing = self.store.member(article.id)
        if existing:  # already placed (re-ingest, or a decision pinned it): keep it
            return Assignment(article.id, self.store.live_id(existing["story_id"]), "kept")
        copy = self._follow_copy(f)
        n_candidates, s = 0, None
        if copy:
            story_id, origin, how = copy
            row = self.store.story_row(story_id)
        else:
            origin = article.id
            best, s, n_candidates = self.best_story(f)
            if best is not None and s is not None and s >= self.config.threshold:
                story_id, how = best.id, "joined"
                row = self.store.story_row(story_id)
            else:
                story_id, how, row = story_id_for(article.id), "new", None
        self._join(story_id, row, article, f, origin, how, s)
        facts = article_facts(article, origin, f.day)
        self.store.replace_facts(article.id, story_id, facts)
        split_off = self.repair(story_id, article.id) if how == "joined" else None
        return Assignment(article.id, story_id, how, s, n_candidates, split_off)

    def _name_df(self, words: set[str]) -> dict[str, int]:
        """Document frequencies of name words (and '' = articles counted), cached for the batch;
        the cache is kept in step with the counts this assigner adds (``_join``)."""
        missing = sorted((words | {""}) - self._df.keys())
        if missing:
            got = self.store.name_df(missing)
            for w in missing:
                self._df[w] = got.get(w, 0)
        return {w: self._df[w] for w in words | {""}}

    # -- local repair ---------------------------------------------------------
    def _entity_idf(self, ids: set[str]) -> dict[str, float]:
        if self._n_articles is None:
            self._n_articles = self.store.article_count()
        n = max(self._n_articles, 1)
        # Why the cap: counting a very common entity exactly would read its whole index range; past
        # DF_CAP articles an entity is common anyway and all such weigh alike.
        counts = self.store.entity_article_counts(sorted(ids), cap=DF_CAP)
        return {e: float(np.log((n + 1) / (min(counts.get(e, 0), n) + 1))) for e in ids}

    def repair(self, story_id: str, keep_id: str) -> str | None:
        """Split ``story_id`` in two when its members form two groups about different participants
        (see ``split_groups``); the group without ``keep_id`` becomes a new story. Only the story
        just joined is looked at, and only while it is small: a bounded local step, never a
        re-clustering. Stories holding a merge/split decision are never touched."""
        c = self.config
        row = self.store.story_row(story_id)
        if not c.repair or row is None or not (c.repair_min <= row["n_articles"] <= c.repair_max):
            return None
        members = self.store.members(story_id)
        if any(m["pinned"] for m in members):
            return None
        originals = [m for m in members if m["origin_id"] == m["article_id"]]
        lists = [json.loads(m["entities"]) for m in originals]
        idf = self._entity_idf({e for ents in lists for e in ents})
        names_sim = None
        if c.repair_names:
            named = [json.loads(m["names"] or "{}") for m in originals]
            words = {w for n in named for w in n}
            df = self._name_df(words)
            names_sim = name_similarities(named, name_idf(df, df.get("", 0), words))
        groups = split_groups(lists, idf, c.repair_ratio, c.repair_min_side, names_sim)
        if groups is None:
            return None
        side = {originals[i]["article_id"]: g for g, idxs in enumerate(groups) for i in idxs}
        keep_side = side.get(keep_id, side.get(self._origin_of(members, keep_id), 0))
        moving = [m["article_id"] for m in members
                  if side.get(m["article_id"], side.get(m["origin_id"], keep_side)) != keep_side]
        if not moving or len(moving) == len(members):
            return None
        new_id = story_id_for(sorted(moving)[0], salt="repair:" + story_id)
        self.store.save_profile({"id": new_id, "n_articles": 0, "n_origins": 0})
        self.store.move_members(sorted(moving), new_id, how="repair", pinned=False)
        self.rebuild_profile(new_id)
        self.rebuild_profile(story_id)
        return new_id

    @staticmethod
    def _origin_of(members: list[dict[str, Any]], article_id: str) -> str | None:
        return next((m["origin_id"] for m in members if m["article_id"] == article_id), None)

    def _join(self, story_id: str, row: dict[str, Any] | None, article: Article, f: ArticleFeatures,
              origin: str, how: str, s: float | None) -> None:
        if row is None:
            profile: dict[str, Any] = {"id": story_id, "title": article.title, "first_day": None, "last_day": None,
                                       "n_articles": 0, "vec_sum": None, "entity_counts": {}, "place_counts": {},
                                       "type_counts": {}}
        else:
            profile = {**row, "entity_counts": json.loads(row["entity_counts"]),
                       "place_counts": json.loads(row["place_counts"]), "type_counts": json.loads(row["type_counts"])}
        if f.vec is not None:
            old = text_to_vec(profile.get("vec_sum"), "float32")
            profile["vec_sum"] = vec_to_text(f.vec if old is None else old + f.vec, "float32")
        first, last = _span(profile.get("first_day"), profile.get("last_day"), f.day)
        if article.title and how != "duplicate" and (not profile.get("title") or (
                f.day and profile.get("first_day") and f.day < profile["first_day"])):
            profile["title"] = article.title
        profile.update(first_day=first, last_day=last, n_articles=profile["n_articles"] + 1,
                       entity_counts=_bump(profile["entity_counts"], f.entities),
                       place_counts=_bump(profile["place_counts"], f.places),
                       type_counts=_bump(profile["type_counts"], f.types[:3]))
        known = row is not None and self.store.has_origin(story_id, origin)
        profile["n_origins"] = (self.store.count_origins(story_id) if row is not None else 0) + (0 if known else 1)
        self.store.save_profile(profile)
        self.store.add_member({
            "article_id": article.id, "story_id": story_id, "origin_id": origin, "day": f.day,
            "vec": vec_to_text(f.vec) if f.vec is not None else None, "entities": f.entities, "places": f.places,
            "types": f.types[:3], "score": s, "how": how, "seq": self.store.next_seq(), "names": f.names,
            "words": f.words})
        counted = set(f.names) | {TEXT_DF_PREFIX + w for w in f.words}
        self.store.add_name_df(counted)
        for w in counted | {""}:
            if w in self._df:
                self._df[w] += 1
        self.store.add_keys(story_id, index_keys(f), f.day)
        self.store.add_passages(article.id, f.passages)

    # -- a story's derived records ------------------------------------------
    def refresh(self, story_id: str) -> None:
        """Recompute a story's claim groups from its stored facts."""
        row = self.store.story_row(story_id)
        facts = [Fact(article_id=r["article_id"], kind=r["kind"], idx=r["idx"], measure=r["measure"],
                      unit=r["unit"], text=r["text"], evidence=r["evidence"], start=r["start_char"],
                      end=r["end_char"], value=r["value"], value_max=r["value_max"], approx=r["approx"],
                      claimant=r["claimant"], claimant_id=r["claimant_id"], source=r["source"], day=r["day"],
                      when=r["published"] or r["day"], polarity=r["polarity"], origin_key=r["origin_key"])
                 for r in self.store.facts(story_id)]
        groups = group_facts(story_id, facts, row["first_day"] if row else None, self.tables)
        self.store.replace_groups(story_id, groups)
        title = self.best_title(story_id)
        if row and title and title != row["title"]:
            self.store.set_title(story_id, title)

    def best_title(self, story_id: str) -> str | None:
        """The title of the story's earliest dated original report (copies and undated ones last)."""
        titled = [r for r in self.store.member_titles(story_id) if r["title"]]
        titled.sort(key=lambda r: (r["origin_id"] != r["id"], r["published"] is None, r["published"] or "", r["seq"]))
        return titled[0]["title"] if titled else None

    def rebuild_profile(self, story_id: str, title: str | None = None) -> None:
        """Recompute a story's profile and index keys from its members (after a merge or split)."""
        members = self.store.members(story_id)
        vec_sum = None
        entity_counts: dict[str, int] = {}
        place_counts: dict[str, int] = {}
        type_counts: dict[str, int] = {}
        first = last = None
        keys: dict[str, str] = {}
        for m in members:
            vec = text_to_vec(m["vec"])
            if vec is not None:
                vec_sum = vec if vec_sum is None else vec_sum + vec
            ents, places, types = json.loads(m["entities"]), json.loads(m["places"]), json.loads(m["types"])
            entity_counts = _bump(entity_counts, ents)
            place_counts = _bump(place_counts, places)
            type_counts = _bump(type_counts, types)
            first, last = _span(first, last, m["day"])
            f = ArticleFeatures(article_id=m["article_id"], lead="", day=m["day"], entities=ents, vec=vec)
            for k in index_keys(f):
                keys[k] = max(keys.get(k, ""), m["day"] or "")
        if title is None:
            title = self.best_title(story_id)
        self.store.save_profile({
            "id": story_id, "title": title, "first_day": first, "last_day": last, "n_articles": len(members),
            "n_origins": self.store.count_origins(story_id),
            "vec_sum": vec_to_text(vec_sum, "float32") if vec_sum is not None else None,
            "entity_counts": entity_counts, "place_counts": place_counts, "type_counts": type_counts})
        self.store.replace_keys(story_id, keys)


def assign_stories(writer: Any, articles: list[Article], options: Any = None, *, config: StoryConfig | None = None,
                   embedder: Embedder | None | str = "auto",
                   vectors: dict[str, np.ndarray] | None = None) -> list[Assignment]:
    """Place each stored article of a batch in a story (joining or starting one) and refresh
    the claim ledger of every story touched; returns one Assignment per article, in order.

    ``embedder`` "auto" loads the ``story_model`` setting's model (a clear error when it is
    not installed); ``vectors`` supplies embeddings already computed (rebuilds, benchmarks)."""
    if not articles:
        return []
    store = StoryStore(writer.db)
    config = config or config_from(options)
    if embedder == "auto":
        embedder = embedder_for(options)
    feats = [features(a, config.event_dates_from_text) for a in articles]
    vectors = vectors or {}
    todo = [i for i, f in enumerate(feats) if f.article_id not in vectors]
    if embedder is not None and todo:
        encoded = embedder.encode([feats[i].lead for i in todo])  # type: ignore[union-attr]
        for i, vec in zip(todo, encoded):
            feats[i].vec = vec
    for f in feats:
        if f.article_id in vectors:
            f.vec = np.asarray(vectors[f.article_id], dtype=np.float32)
    assigner = Assigner(store, config, embedder if isinstance(embedder, Embedder) else None, ledger_tables(options))
    out: list[Assignment] = []
    touched: set[str] = set()
    with writer.db.transaction():
        for article, f in zip(articles, feats):
            result = assigner.assign(article, f)
            out.append(result)
            touched.add(result.story_id)
            if result.split_off:
                touched.add(result.split_off)
        for story_id in sorted(touched):
            assigner.refresh(story_id)
    return out


def entity_weights(entities: list[str], idf: dict[str, float]) -> dict[str, float]:
    """An article's salient entities (most salient first) as an IDF-weighted unit vector."""
    w = {e: (1.0 + 2.0 / (1.0 + 0.25 * rank)) * idf.get(e, 1.0) for rank, e in enumerate(entities)}
    norm = float(np.sqrt(sum(x * x for x in w.values()))) or 1.0
    return {e: x / norm for e, x in w.items()}


def name_similarities(named: list[dict[str, int]], idf: dict[str, float]) -> np.ndarray:
    """Pairwise cosines of members' IDF-weighted name words (``score.name_vector``)."""
    vecs = [name_vector(n, idf) for n in named]
    sim = np.array([[sum(x * b.get(w, 0.0) for w, x in a.items()) for b in vecs] for a in vecs])
    np.fill_diagonal(sim, 1.0)
    return sim


def _falls_apart(sim: np.ndarray, groups: tuple[list[int], list[int]], ratio: float) -> bool:
    """Whether the mean similarity across the two groups is below ``ratio`` times the mean
    within the less cohesive one."""
    def within(g: list[int]) -> float:
        return float(np.mean([sim[i, j] for x, i in enumerate(g) for j in g[x + 1:]]))

    across = float(np.mean([sim[i, j] for i in groups[0] for j in groups[1]]))
    return across < ratio * min(within(groups[0]), within(groups[1]))


def split_groups(entity_lists: list[list[str]], idf: dict[str, float], ratio: float,
                 min_side: int, names_sim: np.ndarray | None = None) -> tuple[list[int], list[int]] | None:
    """Two groups of members (indexes) when the members' participants say they report two
    events: average-link clustering of the entity-vector cosines into two groups, accepted when
    each group holds ``min_side`` members and the mean cosine across the groups is below
    ``ratio`` times the mean within the less cohesive group, and (``names_sim``: the members'
    name-word cosines, ``name_similarities``) their name words fall apart the same way; else None.
    Why both: short reports of one fire link few entities, so the entity vectors of one event can
    split in two while the reports still share their names ("Waitrose", "Banstead")."""
    n = len(entity_lists)
    if n < 2 * min_side:
        return None
    vecs = [entity_weights(ents, idf) for ents in entity_lists]
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            a, b = vecs[i], vecs[j]
            sim[i, j] = sim[j, i] = sum(x * b.get(e, 0.0) for e, x in a.items()) if i != j else 1.0
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(n_clusters=2, metric="precomputed", linkage="average").fit_predict(1.0 - sim)
    groups = ([i for i in range(n) if labels[i] == 0], [i for i in range(n) if labels[i] == 1])
    if min(len(g) for g in groups) < min_side:
        return None
    if not _falls_apart(sim, groups, ratio):
        return None
    if names_sim is not None and not _falls_apart(names_sim, groups, ratio):
        return None
    return groups


def story_counts(assignments: list[Assignment]) -> Counter:
    return Counter(a.how for a in assignments)

