"""Canonical entities across the corpus, linked incrementally on the store.

The per-article component gives each entity an id from its name in that
article. After each stored batch, ``link_entities`` decides for every local
entity of the new articles whether it stands for another, canonical entity:

1. **variant** (the same everywhere): a name spelled differently from an
   entity the corpus already has (Zelenskiy -> Volodymyr Zelenskyy, Kharkov ->
   Kharkiv, "Russian Defense Ministry" -> "Russia's Ministry of Defence"). The
   entity first established stays canonical; later spellings point to it.
2. **shorter form** (decided per article): a surname, initials, fewer words of
   an organisation or its acronym ("Macron", "J. Smith", "the Defense
   Ministry", "GAO") joins the one fuller entity it fits in the corpus; when
   several fit, the one named in the same article, else the one named in the
   same story or within ``WINDOW_DAYS`` of the article's date; when still
   several fit (two Smiths), nothing is merged.

A new full name also settles earlier articles' bare surnames that had no
candidate (at most ``BACKFILL_LIMIT`` articles per name). Decisions once made
are kept when the corpus later grows ambiguous. Re-linking an article drops
and recomputes its redirects, so a re-run gives the same result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from .. import query
from ..models import Article
from ..store import Writer
from ..store.entities import ArticleInfo, EntityLinks, EntityRow
from .names import (
    NameForm,
    fuller_form_keys,
    is_shorter_form,
    keys,
    parse_for_linking,
    shorter_form_keys,
    variant_score,
)

WINDOW_DAYS = 21
BACKFILL_LIMIT = 200
LINKED_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}


@dataclass(frozen=True)
class Decision:
    """A local entity of an article stands for ``to_id``."""

    article_id: str
    from_id: str
    to_id: str
    reason: str  # "variant" | "short:article" | "short:corpus" | "short:window"
    score: float


def window(published: str | None, days: int = WINDOW_DAYS) -> tuple[str | None, str | None]:
    """The [since, until] dates around a publication date, or (None, None) when undated."""
    if not published:
        return None, None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None, None
    return (day - timedelta(days=days)).isoformat(), (day + timedelta(days=days)).isoformat()


class Linker:
    """Links local entities to canonical ones over one store (see the module doc)."""

    def __init__(self, links: EntityLinks):
        self.links = links
        self._forms: dict[str, NameForm] = {}
        self._rows: dict[str, EntityRow] = {}
        # articles of the batch stored but not linked yet: what they say is not established
        self.pending: set[str] = set()

    def form(self, row: EntityRow) -> NameForm:
        if row.id not in self._forms:
            self._forms[row.id] = parse_for_linking(row.name, row.type)
            self._rows[row.id] = row
        return self._forms[row.id]

    def rows(self, ids: Iterable[str]) -> dict[str, EntityRow]:
        ids = set(ids)
        missing = ids - set(self._rows)
        if missing:
            self._rows.update(self.links.entities(missing))
        return {i: self._rows[i] for i in ids if i in self._rows}

    def canonical(self, entity_id: str) -> str:
        """The corpus-wide canonical of a full-form entity (itself, or where its spelling points)."""
        if self.links.is_canonical(entity_id, self.pending):
            return entity_id
        return self.links.variant_target(entity_id) or entity_id

    # -- the two rules ----------------------------------------------------
    def variant_of(self, article_id: str, row: EntityRow) -> Decision | None:
        """An established entity this name is another spelling of, unless this name is established itself."""
        form = self.form(row)
        if self.links.is_canonical(row.id, self.pending | {article_id}):
            return None
        ids = self.links.by_keys(k for k in keys(form) if k.startswith("v:")) - {row.id}
        found: list[tuple[float, int, str]] = []
        for cand_id, cand in sorted(self.rows(ids).items()):
            if cand.type not in LINKED_TYPES:
                continue
            score = variant_score(form, self.form(cand))
            if score <= 0:
                continue
            target = self.canonical(cand_id)
            if target == row.id or not self.links.is_canonical(target, self.pending | {article_id}):
                continue
            found.append((score, self.links.mention_count(target), target))
        if not found:
            return None
        # the closest spelling, then the most mentioned, then the smallest id (deterministic)
        best = min(found, key=lambda f: (-f[0], -f[1], f[2]))
        return Decision(article_id, row.id, best[2], "variant", best[0])

    def fuller_form_of(self, article: ArticleInfo, row: EntityRow) -> Decision | None:
        """The one fuller entity this short name stands for in this article's context, if unambiguous."""
        form = self.form(row)
        lookup = shorter_form_keys(form)
        if not lookup:
            return None
        candidates: dict[str, NameForm] = {}
        for cand_id, cand in self.rows(self.links.by_keys(lookup) - {row.id}).items():
            cand_form = self.form(cand)
            if not is_shorter_form(form, cand_form):
                continue
            target = self.canonical(cand_id)
            if target == row.id:
                continue
            if target != cand_id:
                cand_form = self.form(self.rows([target]).get(target) or cand)
            if target not in candidates and self.links.is_canonical(target, self.pending):
                candidates[target] = cand_form
        # Names that are themselves shorter forms of another candidate ("John Smith" beside
        # "John F. Smith") are one person: keep only the fullest.
        for a in list(candidates):
            if any(b != a and is_shorter_form(candidates[a], candidates[b]) for b in candidates):
                candidates.pop(a, None)
        if not candidates:
            return None
        # two letters are too few to stand for one name corpus-wide ("EA", "GM"): only in context
        if len(candidates) == 1 and len(form.acronym) != 2:
            return Decision(article.id, row.id, next(iter(candidates)), "short:corpus", 0.8)
        here = [c for c in sorted(candidates) if self.links.mentioned_in(c, article.id)]
        if len(here) == 1:
            return Decision(article.id, row.id, here[0], "short:article", 0.9)
        since, until = window(article.published)
        near = [c for c in sorted(candidates) if self.links.mentioned_near(c, article, since, until)]
        if len(near) == 1:
            return Decision(article.id, row.id, near[0], "short:window", 0.7)
        return None

    # -- an article ---------------------------------------------------------
    def link_article(self, article: ArticleInfo, entities: list[EntityRow]) -> list[Decision]:
        """Recompute one article's redirects; returns them (the store is updated)."""
        touched = set(self.links.clear_article(article.id))
        self.links.add_keys((k, e.id) for e in entities if e.type in LINKED_TYPES for k in keys(self.form(e)))
        decisions = []
        for row in entities:
            if row.type not in LINKED_TYPES:
                continue
            decision = self.variant_of(article.id, row) or self.fuller_form_of(article, row)
            if decision:
                self.links.redirect(decision.article_id, decision.from_id, decision.to_id, decision.reason,
                                    decision.score)
                decisions.append(decision)
        touched |= {d.to_id for d in decisions}
        self.links.refresh_aliases(touched)
        return decisions

    def backfill(self, article: ArticleInfo, entities: list[EntityRow], redirected: set[str],
                 pending: set[str] = frozenset()) -> list[Decision]:
        """Settle earlier articles' short names that this article's full names now explain
        (articles in ``pending`` are about to be linked anyway)."""
        decisions = []
        done: set[tuple[str, str]] = set()
        for row in entities:
            if row.type not in LINKED_TYPES or row.id in redirected:
                continue
            form = self.form(row)
            short_ids = self.links.by_keys(fuller_form_keys(form)) - {row.id}
            for short_id, short in sorted(self.rows(short_ids).items()):
                if not is_shorter_form(self.form(short), form):
                    continue
                others = self.links.unresolved_articles(short_id, article.id, BACKFILL_LIMIT)
                infos = self.links.article_info(others)
                for other_id in others:
                    if (other_id, short_id) in done or other_id in pending:
                        continue
                    done.add((other_id, short_id))
                    decision = self.fuller_form_of(infos[other_id], short)
                    if decision:
                        self.links.redirect(decision.article_id, decision.from_id, decision.to_id,
                                            decision.reason, decision.score)
                        decisions.append(decision)
        self.links.refresh_aliases({d.to_id for d in decisions})
        return decisions


def link_entities(writer: Writer, articles: Iterable[Article | str]) -> list[Decision]:
    """Link the local entities of these stored articles (records or ids) to canonical entities.

    Runs in one transaction; returns every redirect made (also those made for
    earlier articles). Idempotent: linking the same articles again changes nothing.
    """
    ids = list(dict.fromkeys(a if isinstance(a, str) else a.id for a in articles))
    links = EntityLinks(writer.db)
    linker = Linker(links)
    made: list[Decision] = []
    with writer.db.transaction():
        infos = links.article_info(ids)
        pending = linker.pending = set(ids)
        for article_id in ids:
            pending.discard(article_id)
            info = infos.get(article_id)
            if info is None:  # not stored (an exact duplicate skipped by the writer)
                continue
            entities = links.article_entities(article_id)
            decisions = linker.link_article(info, entities)
            made += decisions
            made += linker.backfill(info, entities, {d.from_id for d in decisions}, pending)
    return made


def relink_all(writer: Writer, batch: int = 200) -> int:
    """Link every stored article again, oldest first (after an upgrade or a rules change); returns the count."""
    ids = query.article_ids(writer.db, "published")
    for start in range(0, len(ids), batch):
        link_entities(writer, ids[start:start + batch])
    return len(ids)

