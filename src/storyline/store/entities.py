"""SQL of cross-article entity linking: name keys, per-article redirects from
a local entity to its canonical entity, and the canonical entities' aliases.

A redirect is per (article, local entity id): the bare "Smith" of one article
may be John Smith and that of another Mary Smith. Every ``to_id`` is a
canonical entity (it has no redirect of its own where it is the target), so
the read path resolves any mention, speaker or claimant with one lookup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable

from .db import Database


@dataclass(frozen=True)
class EntityRow:
    id: str
    name: str
    type: str


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    published: str | None
    story_id: str | None


def _in(values: list) -> str:
    return ", ".join("?" * len(values))


class EntityLinks:
    """Reads and writes of the entity linker over one knowledge base."""

    def __init__(self, db: Database):
        self.db = db

    # -- reads ------------------------------------------------------------
    def entities(self, ids: Iterable[str]) -> dict[str, EntityRow]:
        """Stored entities by id (unknown ids are left out)."""
        ids = sorted(set(ids))
        out: dict[str, EntityRow] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for r in self.db.query(f"SELECT id, name, type FROM entities WHERE id IN ({_in(chunk)})", chunk):
                out[r["id"]] = EntityRow(r["id"], r["name"], r["type"])
        return out

    def by_keys(self, keys: Iterable[str]) -> set[str]:
        """Ids of entities stored under any of these keys."""
        keys = sorted(set(keys))
        if not keys:
            return set()
        return {r["entity_id"] for r in self.db.query(
            f"SELECT DISTINCT entity_id FROM entity_keys WHERE key IN ({_in(keys)})", keys)}

    def article_info(self, article_ids: Iterable[str]) -> dict[str, ArticleInfo]:
        ids = sorted(set(article_ids))
        if not ids:
            return {}
        return {r["id"]: ArticleInfo(r["id"], r["published"], r["story_id"]) for r in self.db.query(
            f"SELECT id, published, story_id FROM articles WHERE id IN ({_in(ids)})", ids)}

    def article_entities(self, article_id: str) -> list[EntityRow]:
        """The local entities an article mentions, in order of first mention."""
        rows = self.db.query(
            "SELECT e.id, e.name, e.type, MIN(m.start_char) AS first FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? GROUP BY e.id, e.name, e.type "
            "ORDER BY first, e.id", (article_id,))
        return [EntityRow(r["id"], r["name"], r["type"]) for r in rows]

    def is_canonical(self, entity_id: str, except_articles: Iterable[str] = ()) -> bool:
        """True when the entity stands for itself in some article not in ``except_articles``:
        an unredirected mention, or the target of a redirect."""
        skip = sorted(set(except_articles)) or [""]
        if self.db.query_one(f"SELECT 1 AS x FROM entity_redirects WHERE to_id = ? AND article_id NOT IN "
                             f"({_in(skip)}) LIMIT 1", [entity_id, *skip]):
            return True
        return self.db.query_one(
            f"SELECT 1 AS x FROM mentions m WHERE m.entity_id = ? AND m.article_id NOT IN ({_in(skip)}) AND NOT "
            f"EXISTS (SELECT 1 FROM entity_redirects r WHERE r.article_id = m.article_id AND r.from_id = m.entity_id) "
            f"LIMIT 1", [entity_id, *skip]) is not None

    def variant_target(self, entity_id: str) -> str | None:
        """Where other articles send this entity as a spelling variant (the most common target)."""
        row = self.db.query_one(
            "SELECT to_id, COUNT(*) AS n FROM entity_redirects WHERE from_id = ? AND reason = 'variant' "
            "GROUP BY to_id ORDER BY n DESC, to_id LIMIT 1", (entity_id,))
        return row["to_id"] if row else None

    def mention_count(self, entity_id: str) -> int:
        return int(self.db.scalar("SELECT COUNT(*) AS n FROM mentions WHERE entity_id = ?", (entity_id,)) or 0)

    def unresolved_articles(self, entity_id: str, except_article: str, limit: int) -> list[str]:
        """Articles (newest first, at most ``limit``) mentioning the entity without a redirect for it."""
        rows = self.db.query(
            "SELECT DISTINCT a.id, a.published FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? AND m.article_id <> ? AND NOT EXISTS (SELECT 1 FROM entity_redirects r "
            "WHERE r.article_id = m.article_id AND r.from_id = m.entity_id) "
            "ORDER BY a.published DESC, a.id LIMIT ?", (entity_id, except_article, limit))
        return [r["id"] for r in rows]

    def mentioned_in(self, entity_id: str, article_id: str) -> bool:
        """True when the article names this canonical entity (directly or through a redirect)."""
        return self.db.query_one(
            "SELECT 1 AS x FROM mentions WHERE article_id = ? AND entity_id = ? UNION ALL "
            "SELECT 1 AS x FROM entity_redirects WHERE article_id = ? AND to_id = ? LIMIT 1",
            (article_id, entity_id, article_id, entity_id)) is not None

    def mentioned_near(self, entity_id: str, article: ArticleInfo, since: str | None, until: str | None) -> bool:
        """True when another article of the same story, or published in [since, until], names the entity."""
        where, params = [], []
        if article.story_id:
            where.append("a.story_id = ?")
            params.append(article.story_id)
        if since and until:
            where.append("(a.published >= ? AND a.published < ?)")
            params += [since, until + "~"]
        if not where:
            return False
        cond = " OR ".join(where)
        sql = (f"SELECT 1 AS x FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
               f"AND a.id <> ? AND ({cond}) LIMIT 1")
        if self.db.query_one(sql, [entity_id, article.id, *params]):
            return True
        sql = (f"SELECT 1 AS x FROM entity_redirects m JOIN articles a ON a.id = m.article_id WHERE m.to_id = ? "
               f"AND a.id <> ? AND ({cond}) LIMIT 1")
        return self.db.query_one(sql, [entity_id, article.id, *params]) is not None

    def redirects(self, article_id: str) -> dict[str, tuple[str, str, float]]:
        """from_id -> (to_id, reason, score) for one article."""
        return {r["from_id"]: (r["to_id"], r["reason"], r["score"]) for r in self.db.query(
            "SELECT from_id, to_id, reason, score FROM entity_redirects WHERE article_id = ?", (article_id,))}

    # -- writes -----------------------------------------------------------
    def add_keys(self, rows: Iterable[tuple[str, str]]) -> None:
        """Store (key, entity_id) pairs (known pairs are kept)."""
        self.db.executemany("INSERT INTO entity_keys (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            sorted(set(rows)))

    def clear_article(self, article_id: str) -> list[str]:
        """Drop an article's redirects (before it is linked again); returns the targets they had."""
        targets = [r["to_id"] for r in self.db.query(
            "SELECT DISTINCT to_id FROM entity_redirects WHERE article_id = ?", (article_id,))]
        self.db.execute("DELETE FROM entity_redirects WHERE article_id = ?", (article_id,))
        return targets

    def redirect(self, article_id: str, from_id: str, to_id: str, reason: str, score: float) -> None:
        """In this article, ``from_id`` stands for the canonical entity ``to_id``."""
        self.db.execute(
            "INSERT INTO entity_redirects (article_id, from_id, to_id, reason, score) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id, from_id) DO UPDATE SET to_id = excluded.to_id, reason = excluded.reason, "
            "score = excluded.score", (article_id, from_id, to_id, reason, round(score, 4)))

    def refresh_aliases(self, entity_ids: Iterable[str]) -> None:
        """Set each canonical entity's aliases to the names of the entities redirected to it."""
        for entity_id in sorted(set(entity_ids)):
            names = [r["name"] for r in self.db.query(
                "SELECT DISTINCT e.name FROM entity_redirects r JOIN entities e ON e.id = r.from_id "
                "WHERE r.to_id = ? ORDER BY e.name", (entity_id,))]
            own = self.db.scalar("SELECT name FROM entities WHERE id = ?", (entity_id,))
            aliases = [n for n in names if n != own]
            self.db.execute("UPDATE entities SET aliases = ? WHERE id = ?",
                            (json.dumps(aliases, ensure_ascii=False), entity_id))
