"""SQL of stories: membership, the candidate index, shared passages, claim facts
and claim groups, merge/split decisions. Every story write lives here."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from typing import Any, Iterable

from .db import Database


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _in(items: list[Any]) -> str:
    return ", ".join("?" * len(items))


# Text words' document frequencies share story_name_df with name words under this prefix.
TEXT_DF_PREFIX = "t:"


class StoryStore:
    """Reads and writes of the story tables (assignment reads what it writes, so both live here)."""

    def __init__(self, db: Database):
        self.db = db

    # -- the candidate index ----------------------------------------------
    def candidates(self, keys: list[str], day: str | None, since: str | None, until: str | None,
                   per_key: int) -> dict[str, int]:
        """Stories sharing index keys with an article, with how many keys each shares.

        Each key is a bounded range read of (key, day): dated articles look at stories
        active within [since, until] plus undated ones; undated articles at the most recent."""
        if not keys:
            return {}
        parts: list[str] = []
        params: list[Any] = []
        for key in keys:
            if day:
                parts.append("SELECT story_id FROM (SELECT story_id FROM story_keys WHERE key = ? "
                             "AND day BETWEEN ? AND ? ORDER BY day DESC LIMIT ?) AS d")
                params += [key, since, until, per_key]
                parts.append("SELECT story_id FROM (SELECT story_id FROM story_keys WHERE key = ? AND day = '' "
                             "LIMIT ?) AS u")
                params += [key, per_key]
            else:
                parts.append("SELECT story_id FROM (SELECT story_id FROM story_keys WHERE key = ? "
                             "ORDER BY day DESC LIMIT ?) AS a")
                params += [key, per_key]
        hits: dict[str, int] = {}
        for row in self.db.query(" UNION ALL ".join(parts), params):
            hits[row["story_id"]] = hits.get(row["story_id"], 0) + 1
        return hits

    def add_keys(self, story_id: str, keys: Iterable[str], day: str | None) -> None:
        self.db.executemany(
            "INSERT INTO story_keys (key, story_id, day) VALUES (?, ?, ?) ON CONFLICT (key, story_id) DO UPDATE "
            "SET day = CASE WHEN excluded.day > story_keys.day THEN excluded.day ELSE story_keys.day END",
            [(k, story_id, day or "") for k in keys])

    # -- stories ----------------------------------------------------------
    def profiles(self, story_ids: list[str]) -> list[dict[str, Any]]:
        """Live (not merged away) stories with these ids."""
        if not story_ids:
            return []
        return self.db.query(f"SELECT * FROM stories WHERE id IN ({_in(story_ids)}) AND merged_into IS NULL",
                             story_ids)

    def story_row(self, story_id: str) -> dict[str, Any] | None:
        return self.db.query_one("SELECT * FROM stories WHERE id = ?", (story_id,))

    def live_id(self, story_id: str) -> str:
        """Follow merged_into links to the story that now holds a merged one."""
        seen = set()
        while story_id not in seen:
            seen.add(story_id)
            row = self.db.query_one("SELECT merged_into FROM stories WHERE id = ?", (story_id,))
            if not row or not row["merged_into"]:
                return story_id
            story_id = row["merged_into"]
        return story_id

    def save_profile(self, p: dict[str, Any]) -> None:
        """Insert or update a story's profile row."""
        now = _now()
        self.db.execute(
            """INSERT INTO stories (id, title, first_day, last_day, n_articles, n_origins, vec_sum, entity_counts,
               place_counts, type_counts, merged_into, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
               ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_day = excluded.first_day,
               last_day = excluded.last_day, n_articles = excluded.n_articles, n_origins = excluded.n_origins,
               vec_sum = excluded.vec_sum, entity_counts = excluded.entity_counts,
               place_counts = excluded.place_counts, type_counts = excluded.type_counts,
               merged_into = NULL, updated_at = excluded.updated_at""",
            (p["id"], p.get("title"), p.get("first_day"), p.get("last_day"), p["n_articles"], p["n_origins"],
             p.get("vec_sum"), json.dumps(p.get("entity_counts", {})), json.dumps(p.get("place_counts", {})),
             json.dumps(p.get("type_counts", {})), now, now))

    def set_title(self, story_id: str, title: str) -> None:
        self.db.execute("UPDATE stories SET title = ? WHERE id = ?", (title, story_id))

    def mark_merged(self, story_id: str, into: str) -> None:
        self.db.execute("UPDATE stories SET merged_into = ?, n_articles = 0, n_origins = 0, updated_at = ? "
                        "WHERE id = ?", (into, _now(), story_id))

    def count_origins(self, story_id: str) -> int:
        return self.db.scalar("SELECT COUNT(DISTINCT origin_id) AS n FROM story_members WHERE story_id = ?",
                              (story_id,)) or 0

    def has_origin(self, story_id: str, origin_id: str) -> bool:
        return self.db.query_one("SELECT 1 AS x FROM story_members WHERE story_id = ? AND origin_id = ?",
                                 (story_id, origin_id)) is not None

    # -- members ----------------------------------------------------------
    def next_seq(self) -> int:
        """An increasing member number (assignment order) without a MAX() over the table."""
        return time.time_ns() // 1000

    def member(self, article_id: str) -> dict[str, Any] | None:
        return self.db.query_one("SELECT * FROM story_members WHERE article_id = ?", (article_id,))

    def members(self, story_id: str) -> list[dict[str, Any]]:
        return self.db.query("SELECT * FROM story_members WHERE story_id = ? ORDER BY seq", (story_id,))

    def member_titles(self, story_id: str) -> list[dict[str, Any]]:
        return self.db.query(
            "SELECT a.id, a.title, a.published, m.origin_id, m.seq FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY m.seq", (story_id,))

    def _latest_members(self, story_ids: list[str], per_story: int, columns: str,
                        outer: str = "SELECT * FROM {latest}", only: str = "") -> Iterable[dict[str, Any]]:
        """Rows read over the ``per_story`` latest members of each story: ``outer`` selects from
        ``{latest}``, the subquery of one story's latest members (their ``columns``, members
        filtered by the SQL condition ``only``). One bounded index read per story, whatever the
        story's size; stories in chunks of 100."""
        latest = (f"(SELECT {columns} FROM story_members WHERE story_id = ?{' AND ' + only if only else ''} "
                  "ORDER BY seq DESC LIMIT ?) AS m")
        for i in range(0, len(story_ids), 100):
            chunk = story_ids[i:i + 100]
            params = [p for s in chunk for p in (s, per_story)]
            yield from self.db.query(" UNION ALL ".join(outer.format(latest=latest) for _ in chunk), params)

    def member_vectors(self, story_ids: list[str], per_story: int) -> dict[str, list[str]]:
        """Up to ``per_story`` stored member embeddings (base64 text) of each story, latest first."""
        out: dict[str, list[str]] = {s: [] for s in story_ids}
        for row in self._latest_members(story_ids, per_story, "story_id, vec", only="vec IS NOT NULL"):
            out[row["story_id"]].append(row["vec"])
        return out

    def member_names(self, story_ids: list[str], per_story: int) -> dict[str, list[dict[str, int]]]:
        """The name words ({word: count}) of up to ``per_story`` latest members of each story (members
        stored without them left out)."""
        out: dict[str, list[dict[str, int]]] = {s: [] for s in story_ids}
        for row in self._latest_members(story_ids, per_story, "story_id, names"):
            if row["names"]:
                out[row["story_id"]].append(json.loads(row["names"]))
        return out

    def member_words(self, story_ids: list[str], per_story: int) -> dict[str, list[dict[str, int]]]:
        """The text words ({word: count}) of up to ``per_story`` latest members of each story
        (members stored before migration 8 have none)."""
        out: dict[str, list[dict[str, int]]] = {s: [] for s in story_ids}
        for row in self._latest_members(story_ids, per_story, "story_id, words"):
            if row["words"]:
                out[row["story_id"]].append(json.loads(row["words"]))
        return out

    def name_df(self, words: list[str]) -> dict[str, int]:
        """How many assigned articles name each word (the word '' = how many articles were counted);
        primary-key reads."""
        out: dict[str, int] = {}
        for i in range(0, len(words), 500):
            chunk = words[i:i + 500]
            for r in self.db.query(f"SELECT word, n FROM story_name_df WHERE word IN ({_in(chunk)})", chunk):
                out[r["word"]] = int(r["n"])
        return out

    def add_name_df(self, words: Iterable[str]) -> None:
        """Count one more article naming each of ``words`` (and one more article under '')."""
        self.db.executemany(
            "INSERT INTO story_name_df (word, n) VALUES (?, 1) ON CONFLICT (word) DO UPDATE "
            "SET n = story_name_df.n + 1", [(w,) for w in sorted(set(words) | {""})])

    def member_event_dates(self, story_ids: list[str], per_story: int) -> dict[str, dict[str, list[tuple]]]:
        """The day-precise events ``(type, mode, date, precision, date basis)`` of up to
        ``per_story`` latest members of each story, by member: {story: {article: [...]}} (its
        latest members, then their events by primary key), whatever the corpus size."""
        out: dict[str, dict[str, list[tuple]]] = {s: {} for s in story_ids}
        rows = self._latest_members(
            story_ids, per_story, "story_id, article_id",
            outer="SELECT m.story_id, m.article_id, e.type, e.mode, e.date, e.date_precision, e.date_basis "
                  "FROM {latest} JOIN events e ON e.article_id = m.article_id AND e.date_precision = 'day'")
        for r in rows:
            out[r["story_id"]].setdefault(r["article_id"], []).append(
                (r["type"], r["mode"], r["date"], r["date_precision"], r["date_basis"]))
        return out

    def entity_article_counts(self, entity_ids: list[str], cap: int) -> dict[str, int]:
        """How many stored articles mention each entity, directly or through a redirect to it
        (each side counted up to ``cap``: bounded index reads, never a scan)."""
        out: dict[str, int] = {}
        # Why chunks: SQLite allows at most 500 terms in one compound SELECT.
        for i in range(0, len(entity_ids), 100):
            for e, n in self._entity_article_counts(entity_ids[i:i + 100], cap).items():
                out[e] = out.get(e, 0) + n
        return out

    def _entity_article_counts(self, entity_ids: list[str], cap: int) -> dict[str, int]:
        if not entity_ids:
            return {}
        parts: list[str] = []
        params: list[Any] = []
        for e in entity_ids:
            parts.append("SELECT entity_id AS e, COUNT(*) AS n FROM (SELECT DISTINCT article_id, entity_id "
                         "FROM mentions WHERE entity_id = ? LIMIT ?) AS m GROUP BY entity_id")
            parts.append("SELECT to_id AS e, COUNT(*) AS n FROM (SELECT article_id, to_id FROM entity_redirects "
                         "WHERE to_id = ? LIMIT ?) AS r GROUP BY to_id")
            params += [e, cap, e, cap]
        out: dict[str, int] = {}
        for r in self.db.query(" UNION ALL ".join(parts), params):
            out[r["e"]] = out.get(r["e"], 0) + int(r["n"])
        return out

    def entity_types(self, entity_ids: list[str]) -> dict[str, str]:
        """{entity id: type} of these canonical entities (primary-key reads)."""
        out: dict[str, str] = {}
        for i in range(0, len(entity_ids), 500):
            chunk = entity_ids[i:i + 500]
            for r in self.db.query(f"SELECT id, type FROM entities WHERE id IN ({_in(chunk)})", chunk):
                out[r["id"]] = r["type"]
        return out

    def entity_names(self, entity_ids: list[str]) -> dict[str, list[str]]:
        """{entity id: its name and aliases} of these canonical entities (primary-key reads)."""
        out: dict[str, list[str]] = {}
        for i in range(0, len(entity_ids), 500):
            chunk = entity_ids[i:i + 500]
            for r in self.db.query(f"SELECT id, name, aliases FROM entities WHERE id IN ({_in(chunk)})", chunk):
                out[r["id"]] = [r["name"]] + [a for a in json.loads(r["aliases"] or "[]") if isinstance(a, str)]
        return out

    def article_count(self) -> int:
        return self.db.scalar("SELECT COUNT(*) AS n FROM articles") or 0

    def add_member(self, row: dict[str, Any]) -> None:
        self.db.execute(
            """INSERT INTO story_members (article_id, story_id, origin_id, day, vec, entities, places, types, score,
               how, pinned, seq, assigned_at, names, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, origin_id = excluded.origin_id,
               day = excluded.day, vec = excluded.vec, entities = excluded.entities, places = excluded.places,
               types = excluded.types, score = excluded.score, how = excluded.how, pinned = excluded.pinned,
               assigned_at = excluded.assigned_at, names = excluded.names, words = excluded.words""",
            (row["article_id"], row["story_id"], row["origin_id"], row.get("day"), row.get("vec"),
             json.dumps(row.get("entities", [])), json.dumps(row.get("places", [])), json.dumps(row.get("types", [])),
             row.get("score"), row["how"], int(row.get("pinned", 0)), row["seq"], _now(),
             json.dumps(row["names"]) if row.get("names") is not None else None,
             json.dumps(row["words"]) if row.get("words") is not None else None))
        self.db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (row["story_id"], row["article_id"]))

    def move_members(self, article_ids: list[str], story_id: str, how: str, pinned: bool) -> None:
        if not article_ids:
            return
        marks = _in(article_ids)
        self.db.execute(f"UPDATE story_members SET story_id = ?, how = ?, pinned = ? WHERE article_id IN ({marks})",
                        [story_id, how, int(pinned)] + article_ids)
        self.db.execute(f"UPDATE articles SET story_id = ? WHERE id IN ({marks})", [story_id] + article_ids)
        self.db.execute(f"UPDATE story_facts SET story_id = ? WHERE article_id IN ({marks})", [story_id] + article_ids)

    def replace_keys(self, story_id: str, keys_by_day: dict[str, str]) -> None:
        self.db.execute("DELETE FROM story_keys WHERE story_id = ?", (story_id,))
        self.db.executemany("INSERT INTO story_keys (key, story_id, day) VALUES (?, ?, ?)",
                            [(k, story_id, d) for k, d in keys_by_day.items()])

    # -- shared passages --------------------------------------------------
    def passage_matches(self, hashes: list[str], article_id: str) -> dict[str, int]:
        """Earlier articles sharing long sentences with this one: {article id: sentences shared}."""
        if not hashes:
            return {}
        rows = self.db.query(
            f"SELECT article_id, COUNT(*) AS n FROM story_passages WHERE hash IN ({_in(hashes)}) "
            f"AND article_id <> ? GROUP BY article_id", hashes + [article_id])
        return {r["article_id"]: r["n"] for r in rows}

    def add_passages(self, article_id: str, hashes: list[str]) -> None:
        self.db.executemany("INSERT INTO story_passages (hash, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            [(h, article_id) for h in hashes])

    def duplicate_of(self, article_id: str) -> str | None:
        row = self.db.query_one("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,))
        return row["duplicate_of"] if row else None

    # -- facts and claim groups ---------------------------------------------
    def replace_facts(self, article_id: str, story_id: str, facts: list[Any]) -> None:
        self.db.execute("DELETE FROM story_facts WHERE article_id = ?", (article_id,))
        self.db.executemany(
            """INSERT INTO story_facts (article_id, kind, idx, story_id, measure, unit, value, value_max, approx,
               claimant, claimant_id, source, day, polarity, text, evidence, start_char, end_char, origin_key)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
            [(f.article_id, f.kind, f.idx, story_id, f.measure, f.unit, f.value, f.value_max, f.approx, f.claimant,
              f.claimant_id, f.source, f.day, f.polarity, f.text, f.evidence, f.start, f.end, f.origin_key)
             for f in facts])

    def facts(self, story_id: str) -> list[dict[str, Any]]:
        return self.db.query(
            "SELECT f.*, a.published FROM story_facts f JOIN articles a ON a.id = f.article_id "
            "WHERE f.story_id = ? ORDER BY f.article_id, f.kind, f.idx", (story_id,))

    def replace_groups(self, story_id: str, groups: list[Any]) -> None:
        now = _now()
        old = [r["id"] for r in self.db.query("SELECT id FROM claim_groups WHERE story_id = ?", (story_id,))]
        if old:
            self.db.execute(f"DELETE FROM claim_group_items WHERE group_id IN ({_in(old)})", old)
            self.db.execute("DELETE FROM claim_groups WHERE story_id = ?", (story_id,))
        for g in groups:
            self.db.execute(
                """INSERT INTO claim_groups (id, story_id, measure, unit, status, n_claims, n_origins, n_claimants,
                   low, high, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (g.id, story_id, g.measure, g.unit, g.status, sum(1 for f in g.facts if f.kind == "claim"),
                 g.n_origins, g.n_claimants, g.low, g.high, g.note, now))
            self.db.executemany(
                "INSERT INTO claim_group_items (group_id, article_id, kind, idx, stance) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [(g.id, f.article_id, f.kind, f.idx, stance) for f, stance in zip(g.facts, g.stances)])

    # -- decisions ----------------------------------------------------------
    def record_decision(self, kind: str, story_id: str, other_id: str | None, article_ids: list[str]) -> None:
        seq = (self.db.scalar("SELECT MAX(seq) AS s FROM story_decisions") or 0) + 1
        self.db.execute("INSERT INTO story_decisions (seq, kind, story_id, other_id, article_ids, at) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (seq, kind, story_id, other_id, json.dumps(article_ids), _now()))

    def decisions(self) -> list[dict[str, Any]]:
        return self.db.query("SELECT * FROM story_decisions ORDER BY seq")

    def all_member_vectors(self) -> dict[str, str]:
        """article id -> its stored embedding (as text), for every member that has one (rebuilds)."""
        return {r["article_id"]: r["vec"] for r in self.db.query(
            "SELECT article_id, vec FROM story_members WHERE vec IS NOT NULL")}

    def live_story_count(self) -> int:
        """Stories not merged into another."""
        return self.db.scalar("SELECT COUNT(*) AS n FROM stories WHERE merged_into IS NULL") or 0

    def clear(self) -> None:
        """Forget every automatic story (for a rebuild); decisions are kept to be replayed."""
        for table in ("claim_group_items", "claim_groups", "story_facts", "story_keys", "story_passages",
                      "story_members", "stories", "story_name_df"):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("UPDATE articles SET story_id = NULL")

    # -- synthetic index rows (scale benchmark) -------------------------------
    def bulk_load_synthetic(self, articles: list[tuple], stories: list[dict[str, Any]], members: list[dict[str, Any]],
                            keys: list[tuple[str, str, str]], events: list[tuple[str, str, str]] = ()) -> None:
        """Insert many stand-in articles (id, day) with their stories, members, index keys and
        day-dated events (article id, type, day; dated by the text) at once, as if ingest and assignment had stored
        them (used to measure lookup cost at 10^5 articles)."""
        now = _now()
        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO articles (id, content_hash, text, origin, published, pipeline_version, meta, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, 'synthetic', '{}', ?)",
                [(aid, "syn-" + aid, "synthetic stand-in", "synthetic:" + aid, day, now) for aid, day in articles])
            for p in stories:
                self.save_profile(p)
            self.db.executemany(
                "INSERT INTO story_members (article_id, story_id, origin_id, day, vec, entities, places, types, score, "
                "how, pinned, seq, assigned_at, names, words) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 'synthetic', 0, ?, ?, ?, ?)",
                [(m["article_id"], m["story_id"], m["article_id"], m["day"], m["vec"], json.dumps(m["entities"]),
                  "[]", "[]", i, now, json.dumps(m["names"]) if m.get("names") is not None else None,
                  json.dumps(m["words"]) if m.get("words") is not None else None)
                 for i, m in enumerate(members, start=1)])
            df: dict[str, int] = {}
            for m in members:
                # (text words count under their prefix, as the assigner counts them)
                for w in set(m.get("names") or {}) | {TEXT_DF_PREFIX + w for w in m.get("words") or {}} | {""}:
                    df[w] = df.get(w, 0) + 1
            self.db.executemany("INSERT INTO story_name_df (word, n) VALUES (?, ?) ON CONFLICT (word) DO UPDATE "
                                "SET n = story_name_df.n + excluded.n", sorted(df.items()))
            self.db.executemany("INSERT INTO story_keys (key, story_id, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                keys)
            self.db.executemany(
                "INSERT INTO events (article_id, idx, event_id, type, date, date_precision, date_basis, text, "
                "start_char, end_char) VALUES (?, 0, 'ev0', ?, ?, 'day', 'timex', 'synthetic', 0, 0)", list(events))

    def all_profiles(self) -> list[dict[str, Any]]:
        """Every live story (the linear scan the index avoids; the scale benchmark's baseline)."""
        return self.db.query("SELECT * FROM stories WHERE merged_into IS NULL")
