"""The one read path: every read the CLI, HTTP API, web pages and exports make
goes through these functions, so one query serves all of them."""

from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterator

from .errors import ConfigError, NotFound
from .models import Article, Claim, Entity, Event, Quote, Timex
from .nlp.numbers import unit_forms
from .store import Database

_ARTICLE_COLUMNS = ("id, content_hash, url, source, title, published, text, origin, raw_format, story_id, "
                    "duplicate_of, duplicate_score, pipeline_version, meta")


def _in(ids: list[str]) -> str:
    return ", ".join("?" * len(ids))


def _children(db: Database, ids: list[str]) -> dict[str, dict[str, list]]:
    """Entities, quotes, claims, events and timexes of these articles, keyed by article id."""
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    if not ids:
        return out
    marks = _in(ids)
    entities: dict[tuple[str, str], Entity] = {}
    for r in db.query(
        f"SELECT m.article_id, m.entity_id, m.start_char, m.end_char, m.text, e.name, e.type FROM mentions m "
        f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) ORDER BY m.article_id, m.start_char",
        ids,
    ):
        key = (r["article_id"], r["entity_id"])
        if key not in entities:
            entities[key] = Entity(id=r["entity_id"], name=r["name"], type=r["type"])
            out[r["article_id"]]["entities"].append(entities[key])
        entities[key].mentions.append((r["start_char"], r["end_char"]))
        entities[key].mention_texts.append(r["text"])
    for r in db.query(f"SELECT * FROM quotes WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids):
        span = (r["speaker_start"], r["speaker_end"]) if r["speaker_start"] is not None else None
        out[r["article_id"]]["quotes"].append(Quote(
            text=r["text"], start=r["start_char"], end=r["end_char"], kind=r["kind"], speaker=r["speaker"],
            speaker_id=r["speaker_id"], speaker_text=r["speaker_text"], speaker_span=span, cue=r["cue"]))
    for r in db.query(f"SELECT * FROM claims WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids):
        out[r["article_id"]]["claims"].append(Claim(
            value=r["value"], value_max=r["value_max"], unit=r["unit"], text=r["text"], start=r["start_char"],
            end=r["end_char"], approx=r["approx"], claimant=r["claimant"], claimant_id=r["claimant_id"],
            event_id=r["event_id"]))
    for r in db.query(f"SELECT * FROM events WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids):
        out[r["article_id"]]["events"].append(Event(
            id=r["event_id"], type=r["type"], text=r["text"], start=r["start_char"], end=r["end_char"],
            mode=r["mode"], actor=r["actor"], target=r["target"], location=r["location"], date=r["date"],
            date_precision=r["date_precision"],
            meta={"date_basis": r["date_basis"]} if r.get("date_basis") else {}))
    for r in db.query(f"SELECT * FROM timexes WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids):
        out[r["article_id"]]["timexes"].append(Timex(
            text=r["text"], start=r["start_char"], end=r["end_char"], value=r["value"], value_max=r["value_max"],
            precision=r["precision"], resolved=bool(r["resolved"])))
    _canonical_children(db, ids, out)
    return out


def _article(row: dict[str, Any], children: dict[str, list]) -> Article:
    meta = json.loads(row["meta"] or "{}")
    if row.get("duplicate_of"):
        meta["duplicate_of"] = row["duplicate_of"]
        meta["duplicate_score"] = row["duplicate_score"]
    return Article(
        id=row["id"], content_hash=row["content_hash"], text=row["text"], origin=row["origin"], url=row["url"],
        source=row["source"], title=row["title"], published=row["published"], story_id=row["story_id"],
        entities=children.get("entities", []), quotes=children.get("quotes", []),
        claims=children.get("claims", []), events=children.get("events", []),
        timexes=children.get("timexes", []), meta=meta, raw_format=row["raw_format"],
        pipeline_version=row["pipeline_version"],
    )


def articles(db: Database, *, source: str | None = None, since: str | None = None, until: str | None = None,
             page_size: int = 200) -> Iterator[Article]:
    """Articles with their records, by publication date then id (undated last), streamed page by page."""
    where, params = [], []
    if source:
        where.append("source = ?")
        params.append(source)
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published <= ?")
        params.append(until)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    order = "ORDER BY (published IS NULL), published, id"
    offset = 0
    while True:
        rows = db.query(f"SELECT {_ARTICLE_COLUMNS} FROM articles {clause} {order} LIMIT ? OFFSET ?",
                        params + [page_size, offset])
        if not rows:
            return
        children = _children(db, [r["id"] for r in rows])
        for row in rows:
            yield _article(row, children.get(row["id"], {}))
        offset += len(rows)


def article(db: Database, article_id: str) -> Article:
    """One article with its records; NotFound if the id is unknown."""
    row = db.query_one(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
    if row is None:
        raise NotFound(f"no article with id {article_id!r}", hint="list ids with `storyline export` or the API")
    return _article(row, _children(db, [article_id]).get(article_id, {}))


def raw_article(db: Database, article_id: str) -> dict[str, Any]:
    """The stored input of an article (for reprocessing)."""
    row = db.query_one("SELECT id, origin, url, raw, raw_format, meta FROM articles WHERE id = ?", (article_id,))
    if row is None:
        raise NotFound(f"no article with id {article_id!r}")
    return row


_ID_ORDERS = {
    "id": "id",
    "ingested": "ingested_at, id",  # the order articles came in (story rebuilds replay it)
    "published": "(published IS NULL), published, id",  # oldest first, undated last
}


def article_ids(db: Database, order: str = "id") -> list[str]:
    """Ids of every stored article, in ``order``: "id", "ingested" or "published"."""
    if order not in _ID_ORDERS:
        raise ValueError(f"unknown article order {order!r}: one of {', '.join(_ID_ORDERS)}")
    return [r["id"] for r in db.query(f"SELECT id FROM articles ORDER BY {_ID_ORDERS[order]}")]


def outdated_articles(db: Database, version: str) -> list[str]:
    """Ids of articles processed by another pipeline version than ``version``."""
    return [r["id"] for r in db.query("SELECT id FROM articles WHERE pipeline_version <> ? ORDER BY id", (version,))]


def stats(db: Database) -> dict[str, Any]:
    """Counts of what the knowledge base holds."""
    one = db.scalar
    return {
        "articles": one("SELECT COUNT(*) AS n FROM articles"),
        "near_duplicates": one("SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL"),
        "sources": one("SELECT COUNT(DISTINCT source) AS n FROM articles"),
        "undated": one("SELECT COUNT(*) AS n FROM articles WHERE published IS NULL"),
        "first_published": one("SELECT MIN(published) AS d FROM articles"),
        "last_published": one("SELECT MAX(published) AS d FROM articles"),
        "entities": one(f"SELECT COUNT(DISTINCT {_CANONICAL_ID}) AS n FROM mentions m {_REDIRECT_JOIN}"),
        "mentions": one("SELECT COUNT(*) AS n FROM mentions"),
        "quotes": one("SELECT COUNT(*) AS n FROM quotes"),
        "claims": one("SELECT COUNT(*) AS n FROM claims"),
        "events": one("SELECT COUNT(*) AS n FROM events"),
        "failures": one("SELECT COUNT(*) AS n FROM ingest_failures"),
        "pipeline_versions": {r["pipeline_version"]: r["n"] for r in db.query(
            "SELECT pipeline_version, COUNT(*) AS n FROM articles GROUP BY pipeline_version ORDER BY pipeline_version")},
    }


def failures(db: Database) -> list[dict[str, Any]]:
    """Inputs that could not be ingested, with the reason, most recent first."""
    return db.query("SELECT origin, reason, at FROM ingest_failures ORDER BY at DESC, origin")


# -- entities -----------------------------------------------------------------
# Cross-article links (link/entities.py) are per-article redirects from a local
# entity id to its canonical entity (a bare "Smith" may be one person in one
# article and another elsewhere). Every read that returns entities, speakers or
# claimants resolves them here, so all callers see canonical ids and names.

_REDIRECT_JOIN = "LEFT JOIN entity_redirects r ON r.article_id = m.article_id AND r.from_id = m.entity_id"
_CANONICAL_ID = "COALESCE(r.to_id, m.entity_id)"


def _redirects(db: Database, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(article id, local entity id) -> (canonical id, name, type) for those pairs that are redirected."""
    out: dict[tuple[str, str], tuple[str, str, str]] = {}
    articles_ = sorted({a for a, _ in pairs})
    for start in range(0, len(articles_), 400):
        chunk = articles_[start:start + 400]
        for r in db.query(f"SELECT r.article_id, r.from_id, r.to_id, e.name, e.type FROM entity_redirects r "
                          f"JOIN entities e ON e.id = r.to_id WHERE r.article_id IN ({_in(chunk)})", chunk):
            if (r["article_id"], r["from_id"]) in pairs:
                out[(r["article_id"], r["from_id"])] = (r["to_id"], r["name"], r["type"])
    return out


def _canonical_children(db: Database, ids: list[str], out: dict[str, dict[str, list]]) -> None:
    """Put the canonical entity in place of redirected entities, speakers and claimants of ``out``."""
    pairs = {(a, e.id) for a in ids for e in out[a].get("entities", [])} if ids else set()
    pairs |= {(a, q.speaker_id) for a in ids for q in out[a].get("quotes", []) if q.speaker_id}
    pairs |= {(a, c.claimant_id) for a in ids for c in out[a].get("claims", []) if c.claimant_id}
    found = _redirects(db, pairs) if pairs else {}
    if not found:
        return
    for article_id in ids:
        children = out[article_id]
        merged: dict[str, Entity] = {}
        for e in children.get("entities", []):
            cid, name, type_ = found.get((article_id, e.id), (e.id, e.name, e.type))
            into = merged.setdefault(cid, Entity(id=cid, name=name, type=type_))
            into.mentions += e.mentions
            into.mention_texts += e.mention_texts
        for e in merged.values():  # two local spellings of one entity: mentions back in text order
            pairs_ = sorted(zip(e.mentions, e.mention_texts))
            e.mentions, e.mention_texts = [m for m, _ in pairs_], [t for _, t in pairs_]
        if merged:
            children["entities"] = list(merged.values())
        for q in children.get("quotes", []):
            if (article_id, q.speaker_id) in found:
                q.speaker_id, q.speaker = found[(article_id, q.speaker_id)][:2]
        for c in children.get("claims", []):
            if (article_id, c.claimant_id) in found:
                c.claimant_id, c.claimant = found[(article_id, c.claimant_id)][:2]


def _canonical_rows(db: Database, rows: list[dict[str, Any]], id_key: str, name_key: str) -> list[dict[str, Any]]:
    """Rows (with ``article_id``) whose ``id_key``/``name_key`` name the canonical entity (in place)."""
    found = _redirects(db, {(r["article_id"], r[id_key]) for r in rows if r.get(id_key)})
    for r in rows:
        if (r["article_id"], r.get(id_key)) in found:
            r[id_key], r[name_key] = found[(r["article_id"], r[id_key])][:2]
    return rows


def _of_entity(mention: str) -> str:
    """SQL: mention alias ``mention`` is of the entity given as two parameters (its id, twice),
    directly or through its article's redirect."""
    return (f"({mention}.entity_id = ? OR EXISTS (SELECT 1 FROM entity_redirects r0 WHERE r0.article_id = "
            f"{mention}.article_id AND r0.from_id = {mention}.entity_id AND r0.to_id = ?))")


def canonical_entity_id(db: Database, entity_id: str) -> str:
    """The canonical entity an id stands for: itself, or, when every mention of it was linked to
    another entity, the entity most of them were linked to."""
    if not db.query_one("SELECT 1 AS x FROM entity_redirects WHERE from_id = ? LIMIT 1", (entity_id,)):
        return entity_id
    if db.query_one(f"SELECT 1 AS x FROM mentions m {_REDIRECT_JOIN} WHERE m.entity_id = ? AND r.to_id IS NULL "
                    f"LIMIT 1", (entity_id,)):
        return entity_id
    return db.scalar("SELECT to_id, COUNT(*) AS n FROM entity_redirects WHERE from_id = ? GROUP BY to_id "
                     "ORDER BY n DESC, to_id LIMIT 1", (entity_id,)) or entity_id


def _entity_counts(db: Database, ids: list[str]) -> dict[str, dict[str, int]]:
    """Canonical id -> mentions and articles, counting the mentions linked to it from other spellings."""
    if not ids:
        return {}
    marks = _in(ids)
    return {r["entity_id"]: {"mentions": r["mentions"], "articles": r["articles"]} for r in db.query(
        f"SELECT {_CANONICAL_ID} AS entity_id, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles "
        f"FROM mentions m {_REDIRECT_JOIN} WHERE r.to_id IN ({marks}) OR (r.to_id IS NULL AND m.entity_id IN ({marks})) "
        f"GROUP BY {_CANONICAL_ID}", ids + ids)}


# An entity every mention of which was linked to another one is not listed on its own.
_LISTED = ("NOT (EXISTS (SELECT 1 FROM entity_redirects r1 WHERE r1.from_id = e.id) AND NOT EXISTS ("
           "SELECT 1 FROM mentions m1 WHERE m1.entity_id = e.id AND NOT EXISTS (SELECT 1 FROM entity_redirects r2 "
           "WHERE r2.article_id = m1.article_id AND r2.from_id = m1.entity_id)))")


# -- api ----------------------------------------------------------------------
# Paged reads for the HTTP API, the web pages and the exports. Pages are keyset
# pages: the cursor is the sort key of the last row served, so a page never
# shifts when rows are added before it (unlike OFFSET), and each page is an
# index range scan however deep it is.

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?$")
MAX_PAGE = 500


@dataclass
class Page:
    """One page of results; ``next_cursor`` is None on the last page."""

    items: list[dict[str, Any]]
    next_cursor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor}


def encode_cursor(key: list[Any]) -> str:
    """An opaque cursor for a sort key (URL-safe base64 of its JSON)."""
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, width: int) -> list[Any] | None:
    """The sort key a cursor holds; ConfigError (422) if it was not made by ``encode_cursor``."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        key = None
    if not isinstance(key, list) or len(key) != width or not all(
            v is None or isinstance(v, (str, int, float)) for v in key):
        raise ConfigError(f"invalid cursor {cursor[:40]!r}",
                          hint="pass back the next_cursor of a previous page unchanged")
    return key


def _check_date(name: str, value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise ConfigError(f"{name} must be a date YYYY[-MM[-DD]], got {value!r}")
    return value


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise ConfigError(f"limit must be between 1 and {MAX_PAGE}, got {limit}")
    return limit


def _date_range(column: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    where, params = [], []
    if _check_date("since", since):
        where.append(f"{column} >= ?")
        params.append(since)
    if _check_date("until", until):
        # "~" sorts after every character of an ISO date, so until=2025-06-20 keeps
        # 2025-06-20T09:12:00 and until=2025-06 keeps the whole month.
        where.append(f"{column} < ?")
        params.append(until + "~")
    return where, params


def _after(columns: list[tuple[str, str]], key: list[Any]) -> tuple[str, list[Any]]:
    """SQL for "sorts after ``key``" over columns [(expr, 'asc'|'desc')], lexicographically."""
    (expr, direction), rest = columns[0], columns[1:]
    op = "<" if direction == "desc" else ">"
    if not rest:
        return f"{expr} {op} ?", [key[0]]
    tail, tail_params = _after(rest, key[1:])
    return f"({expr} {op} ? OR ({expr} = ? AND {tail}))", [key[0], key[0], *tail_params]


def _keyset(db: Database, select: str, where: list[str], params: list[Any],
            order: list[tuple[str, str]], names: list[str], cursor: str | None, limit: int) -> tuple[list[dict], str | None]:
    """Rows after ``cursor`` in ``order``; the first order column may be NULL (those rows come last).

    ``names`` are the result columns holding each sort key part. Returns (rows, next cursor).
    """
    _check_limit(limit)
    key = decode_cursor(cursor, len(order))
    first = order[0][0]
    order_sql = ", ".join(f"{e} {d.upper()}" for e, d in order)
    rows: list[dict] = []
    if key is None or key[0] is not None:  # the dated part, then the undated part
        w, p = where + [f"{first} IS NOT NULL"], list(params)
        if key is not None:
            clause, extra = _after(order, key)
            w.append(clause)
            p += extra
        rows = db.query(f"{select} WHERE {' AND '.join(w)} ORDER BY {order_sql} LIMIT ?", p + [limit + 1])
    if len(rows) <= limit:
        w, p = where + [f"{first} IS NULL"], list(params)
        if key is not None and key[0] is None:
            clause, extra = _after(order[1:], key[1:])
            w.append(clause)
            p += extra
        rest_order = ", ".join(f"{e} {d.upper()}" for e, d in order[1:])
        rows += db.query(f"{select} WHERE {' AND '.join(w)} ORDER BY {rest_order} LIMIT ?",
                         p + [limit + 1 - len(rows)])
    if len(rows) > limit:
        last = rows[limit - 1]
        return rows[:limit], encode_cursor([last[n] for n in names])
    return rows, None


# ``lead``: the article's first characters, for naming an article without a title in listings
LEAD_CHARS = 100
_SUMMARY = f"a.id, a.title, substr(a.text, 1, {LEAD_CHARS}) AS lead, a.source, a.published, a.url, a.story_id, a.duplicate_of"
_CONTEXT = (f"a.title AS article_title, substr(a.text, 1, {LEAD_CHARS}) AS article_lead, a.source, a.published, "
            "a.story_id")


def _summaries(db: Database, rows: list[dict]) -> list[dict[str, Any]]:
    """Article summary rows with their counts of quotes, claims and events."""
    ids = [r["id"] for r in rows]
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    if ids:
        for table in ("quotes", "claims", "events"):
            for r in db.query(f"SELECT article_id, COUNT(*) AS n FROM {table} WHERE article_id IN ({_in(ids)}) "
                              f"GROUP BY article_id", ids):
                counts[r["article_id"]][table] = r["n"]
    return [{**r, **{t: counts[r["id"]].get(t, 0) for t in ("quotes", "claims", "events")}} for r in rows]


def latest_published(db: Database) -> str | None:
    """The newest publication date in the knowledge base (the pages' "now": a corpus may be old)."""
    return db.scalar("SELECT MAX(published) AS d FROM articles")


def article_page(db: Database, *, story: str | None = None, source: str | None = None, entity: str | None = None,
                 since: str | None = None, until: str | None = None, cursor: str | None = None,
                 limit: int = 50) -> Page:
    """Article summaries (no text), newest first, with counts of their records."""
    where, params = ["1 = 1"], []
    for column, value in (("a.story_id", story), ("a.source", source)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if entity:
        where.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND {_of_entity('m')})")
        params += [entity, entity]
    w, p = _date_range("a.published", since, until)
    rows, nxt = _keyset(db, f"SELECT {_SUMMARY} FROM articles a", where + w, params + p,
                        [("a.published", "desc"), ("a.id", "desc")], ["published", "id"], cursor, limit)
    return Page(_summaries(db, rows), nxt)


def _record_filters(alias: str, story: str | None, source: str | None, article_id: str | None,
                    entity: str | None, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    where, params = ["1 = 1"], []
    for column, value in (("a.story_id", story), ("a.source", source), (f"{alias}.article_id", article_id)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if entity:  # records whose span contains a mention of the entity
        where.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = {alias}.article_id "
                     f"AND {_of_entity('m')} AND m.start_char >= {alias}.start_char AND m.end_char <= {alias}.end_char)")
        params += [entity, entity]
    w, p = _date_range("a.published", since, until)
    return where + w, params + p


def _about(expr: str, about: str | None, where: list[str], params: list[Any]) -> tuple[list[str], list[Any]]:
    """Keep rows whose ``expr`` contains ``about``, case-insensitively."""
    if about:
        where = where + [f"LOWER({expr}) LIKE ?"]
        params = params + ["%" + about.lower().replace("%", "").replace("_", "") + "%"]
    return where, params


def _order(order: str) -> str:
    if order not in ("asc", "desc"):
        raise ConfigError(f"order must be 'asc' or 'desc', got {order!r}")
    return order


def _who(column_id: str, column_name: str, value: str) -> tuple[str, list[Any]]:
    """Match a canonical entity by id or by canonical name (also where the record names it by another
    spelling or a short form that its article's entity links resolve to it)."""
    alias = column_id.split(".")[0]
    clause = (f"({column_id} = ? OR {column_name} = ? OR EXISTS (SELECT 1 FROM entity_redirects rw JOIN entities ew "
              f"ON ew.id = rw.to_id WHERE rw.article_id = {alias}.article_id AND rw.from_id = {column_id} "
              f"AND (rw.to_id = ? OR ew.name = ?)))")
    return clause, [value, value, value, value]


def quotes(db: Database, *, speaker: str | None = None, story: str | None = None, source: str | None = None,
           article: str | None = None, entity: str | None = None, kind: str | None = None,
           since: str | None = None, until: str | None = None, cursor: str | None = None,
           limit: int = 50, about: str | None = None, order: str = "desc") -> Page:
    """Quotes with their article context, by article date (newest first, or ``order="asc"``) then position.

    ``speaker`` is an entity id or canonical name; ``entity`` keeps quotes whose text mentions it;
    ``about`` keeps quotes whose words contain it (case-insensitive).
    """
    where, params = _record_filters("q", story, source, article, entity, since, until)
    where, params = _about("q.text", about, where, params)
    if speaker:
        clause, extra = _who("q.speaker_id", "q.speaker", speaker)
        where.append(clause)
        params += extra
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    select = (f"SELECT q.article_id, q.idx, q.text, q.start_char AS start, q.end_char AS end, q.kind, q.speaker, "
              f"q.speaker_id, q.speaker_text, q.speaker_start, q.speaker_end, q.cue, {_CONTEXT} "
              f"FROM quotes q JOIN articles a ON a.id = q.article_id")
    rows, nxt = _keyset(db, select, where, params,
                        [("a.published", _order(order)), ("q.article_id", _order(order)), ("q.idx", "asc")],
                        ["published", "article_id", "idx"], cursor, limit)
    for r in rows:
        r["id"] = f"{r['article_id']}:q{r['idx']}"
        start, end = r.pop("speaker_start"), r.pop("speaker_end")
        r["speaker_span"] = [start, end] if start is not None else None
    return Page(_canonical_rows(db, rows, "speaker_id", "speaker"), nxt)


def claims(db: Database, *, claimant: str | None = None, unit: str | None = None, story: str | None = None,
           source: str | None = None, article: str | None = None, entity: str | None = None,
           since: str | None = None, until: str | None = None, cursor: str | None = None,
           limit: int = 50, about: str | None = None, order: str = "desc") -> Page:
    """Numeric claims with their article context, by article date (newest first, or ``order="asc"``)
    then position.

    ``claimant`` is an entity id or canonical name; ``unit`` the counted thing or currency as
    stored ("drone", "EUR") or as written ("drones", "euros", "$": ``numbers.unit_forms``);
    ``about`` keeps claims whose evidence text or unit contains it (case-insensitive).
    """
    where, params = _record_filters("c", story, source, article, entity, since, until)
    where, params = _about("c.text || ' ' || c.unit", about, where, params)
    if claimant:
        clause, extra = _who("c.claimant_id", "c.claimant", claimant)
        where.append(clause)
        params += extra
    if unit:
        forms = unit_forms(unit)  # "euros": EUR, "drones": drone, as the units are stored
        where.append(f"c.unit IN ({_in(forms)})")
        params += forms
    select = (f"SELECT c.article_id, c.idx, c.value, c.value_max, c.unit, c.text, c.start_char AS start, "
              f"c.end_char AS end, c.approx, c.claimant, c.claimant_id, c.event_id, {_CONTEXT} "
              f"FROM claims c JOIN articles a ON a.id = c.article_id")
    rows, nxt = _keyset(db, select, where, params,
                        [("a.published", _order(order)), ("c.article_id", _order(order)), ("c.idx", "asc")],
                        ["published", "article_id", "idx"], cursor, limit)
    for r in rows:
        r["id"] = f"{r['article_id']}:c{r['idx']}"
    return Page(_canonical_rows(db, rows, "claimant_id", "claimant"), nxt)


def events(db: Database, *, type: str | None = None, actor: str | None = None, story: str | None = None,
           source: str | None = None, article: str | None = None, entity: str | None = None,
           location: str | None = None, mode: str | None = None, since: str | None = None,
           until: str | None = None, cursor: str | None = None, limit: int = 50, order: str = "desc") -> Page:
    """Events by their own resolved date (newest first; undated last), with article context.

    ``since``/``until`` apply to the event's date; ``actor`` matches actor or target by name.
    """
    where, params = _record_filters("e", story, source, article, entity, None, None)
    w, p = _date_range("e.date", since, until)
    where, params = where + w, params + p
    for column, value in (("e.type", type), ("e.location", location), ("e.mode", mode)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if actor:
        where.append("(e.actor = ? OR e.target = ?)")
        params += [actor, actor]
    select = (f"SELECT e.article_id, e.idx, e.event_id, e.type, e.mode, e.actor, e.target, e.location, e.date, "
              f"e.date_precision, e.date_basis, e.text, e.start_char AS start, e.end_char AS end, {_CONTEXT} "
              f"FROM events e JOIN articles a ON a.id = e.article_id")
    rows, nxt = _keyset(db, select, where, params,
                        [("e.date", _order(order)), ("e.article_id", _order(order)), ("e.idx", "asc")],
                        ["date", "article_id", "idx"], cursor, limit)
    for r in rows:
        r["id"] = f"{r['article_id']}:e{r['idx']}"
    return Page(rows, nxt)


def entities(db: Database, *, type: str | None = None, q: str | None = None, cursor: str | None = None,
             limit: int = 50) -> Page:
    """Canonical entities by name (then id), each with its mention and article counts.

    ``q`` keeps names containing it (case-insensitive).
    """
    where, params = [_LISTED], []
    if type:
        where.append("e.type = ?")
        params.append(type)
    if q:
        where.append("LOWER(e.name) LIKE ?")
        params.append("%" + q.lower().replace("%", "").replace("_", "") + "%")
    rows, nxt = _keyset(db, "SELECT e.id, e.name, e.type, e.aliases FROM entities e", where, params,
                        [("e.name", "asc"), ("e.id", "asc")], ["name", "id"], cursor, limit)
    ids = [r["id"] for r in rows]
    counts = _entity_counts(db, ids)
    for r in rows:
        r["aliases"] = json.loads(r["aliases"] or "[]")
        r["mentions"] = counts.get(r["id"], {}).get("mentions", 0)
        r["articles"] = counts.get(r["id"], {}).get("articles", 0)
    return Page(rows, nxt)


def entity(db: Database, entity_id: str, *, limit: int = 20) -> dict[str, Any]:
    """One entity: counts, its names in the text, and the first page of what it said and what is said about it.

    NotFound if the id is unknown. Each list holds the newest ``limit`` items; the
    paged endpoints (quotes?speaker=, quotes?entity=, claims?claimant=, ...) give the rest.
    """
    row = db.query_one("SELECT id, name, type, aliases FROM entities WHERE id = ?", (entity_id,))
    if row is None:
        raise NotFound(f"no entity with id {entity_id!r}", hint="list entities with GET /api/entities")
    entity_id = canonical_entity_id(db, entity_id)
    if entity_id != row["id"]:
        row = db.query_one("SELECT id, name, type, aliases FROM entities WHERE id = ?", (entity_id,)) or row
    row["aliases"] = json.loads(row["aliases"] or "[]")
    counts = _entity_counts(db, [entity_id]).get(entity_id, {"mentions": 0, "articles": 0})
    names = db.query(f"SELECT m.text, COUNT(*) AS n FROM mentions m {_REDIRECT_JOIN} WHERE r.to_id = ? OR "
                     f"(r.to_id IS NULL AND m.entity_id = ?) GROUP BY m.text ORDER BY n DESC, m.text LIMIT 20",
                     (entity_id, entity_id))
    return {
        **row, **counts,
        "names": [{"text": r["text"], "count": r["n"]} for r in names],
        "quotes_by": quotes(db, speaker=entity_id, limit=limit).to_dict(),
        "quotes_about": quotes(db, entity=entity_id, limit=limit).to_dict(),
        "claims_by": claims(db, claimant=entity_id, limit=limit).to_dict(),
        "events": events(db, actor=row["name"], limit=limit).to_dict(),
        "recent_articles": article_page(db, entity=entity_id, limit=limit).to_dict(),
    }


def article_spans(art: Article) -> list[dict[str, Any]]:
    """Every highlightable span of an article (entity mentions, quotes, claims, events), by start.

    Each span: start, end, kind ("entity" | "quote" | "claim" | "event"), ref (the record's
    index in its list, or the entity id) and label (speaker, claimant, event type, entity name).
    """
    spans: list[dict[str, Any]] = []
    for e in art.entities:
        spans += [{"start": s, "end": t, "kind": "entity", "ref": e.id, "label": e.name, "type": e.type}
                  for s, t in e.mentions]
    spans += [{"start": q.start, "end": q.end, "kind": "quote", "ref": i, "label": q.speaker,
               "speaker_id": q.speaker_id} for i, q in enumerate(art.quotes)]
    spans += [{"start": c.start, "end": c.end, "kind": "claim", "ref": i, "label": c.claimant}
              for i, c in enumerate(art.claims)]
    spans += [{"start": e.start, "end": e.end, "kind": "event", "ref": i, "label": e.type}
              for i, e in enumerate(art.events)]
    n = len(art.text)
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= n]
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return spans


def _fts5_query(q: str) -> str:
    """A user's words as a safe FTS5 query: every word or "quoted phrase" must match; word* is a prefix."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', q):
        if phrase:
            tokens = re.findall(r"\w+", phrase)
            if tokens:
                parts.append('"' + " ".join(tokens) + '"')
        else:
            prefix = word.endswith("*")
            for token in re.findall(r"\w+", word):
                parts.append(f'"{token}"')
            if prefix and parts and re.findall(r"\w+", word):
                parts[-1] += "*"
    return " ".join(parts)


_HL_OPEN, _HL_CLOSE = "\x02", "\x03"
SEARCH_WINDOW = 2000  # SQLite: relevance ranks the newest this many stored matches (after the filters)


def _segments(snippet: str | None) -> list[list[Any]]:
    """A highlighted snippet as [[text, is_match], ...] (plain text pieces, never markup)."""
    out: list[list[Any]] = []
    for i, piece in enumerate(re.split(f"[{_HL_OPEN}{_HL_CLOSE}]", snippet or "")):
        if piece:
            out.append([piece, i % 2 == 1])
    return out


def search(db: Database, q: str, *, source: str | None = None, story: str | None = None,
           since: str | None = None, until: str | None = None, cursor: str | None = None,
           limit: int = 20) -> Page:
    """Articles matching ``q`` (every word; "quoted phrases"), best first, with a highlighted snippet.

    SQLite uses FTS5 (bm25, title weighted 10x); PostgreSQL its own text search
    (websearch syntax, ts_rank_cd). Items: article summary fields, ``score`` (lower is
    better) and ``snippet`` as [[text, is_match], ...].
    """
    if not q or not q.strip():
        raise ConfigError("search needs a query: q must not be empty")
    _check_limit(limit)
    where, params = [], []
    for column, value in (("a.source", source), ("a.story_id", story)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    w, p = _date_range("a.published", since, until)
    where, params = where + w, params + p
    key = decode_cursor(cursor, 2)
    filters = f" AND {' AND '.join(where)}" if where else ""
    clause, clause_params = filters, list(params)
    if key is not None:
        clause += " AND (h.score > ? OR (h.score = ? AND h.article_id > ?))"
        clause_params += [key[0], key[0], key[1]]
    if db.dialect == "sqlite":
        match = _fts5_query(q)
        if not match:
            raise ConfigError(f"search query {q!r} has no words to look for")
        # bm25 costs one evaluation per match: a common word in 10^5 articles took ~750 ms.
        # Ranking the newest SEARCH_WINDOW stored matches (found in rowid order, which FTS5
        # walks without scoring) keeps every query bounded; snippets only for the page.
        window = (f"SELECT MIN(r) FROM (SELECT f.rowid AS r FROM articles_fts f JOIN articles a ON a.id = f.article_id "
                  f"WHERE articles_fts MATCH ?{filters} ORDER BY f.rowid DESC LIMIT {SEARCH_WINDOW})")
        window_params = [match] + params
        rows = db.query(
            f"SELECT {_SUMMARY}, h.score, h.r FROM (SELECT f.rowid AS r, f.article_id, "
            f"bm25(articles_fts, 0.0, 10.0, 1.0) AS score FROM articles_fts f WHERE articles_fts MATCH ? "
            f"AND f.rowid >= ({window})) h JOIN articles a ON a.id = h.article_id WHERE 1 = 1{clause} "
            f"ORDER BY h.score, h.article_id LIMIT ?", [match] + window_params + clause_params + [limit + 1])
        nxt = encode_cursor([rows[limit - 1]["score"], rows[limit - 1]["id"]]) if len(rows) > limit else None
        rows = rows[:limit]
        if rows:
            rowids = [r["r"] for r in rows]
            snips = {r["r"]: r["snip"] for r in db.query(
                f"SELECT rowid AS r, snippet(articles_fts, 2, '{_HL_OPEN}', '{_HL_CLOSE}', '…', 24) AS snip "
                f"FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({_in(rowids)})", [match, *rowids])}
            for r in rows:
                r["snip"] = snips.get(r.pop("r"))
    else:
        rows = db.query(
            f"SELECT {_SUMMARY}, h.score FROM (SELECT a0.id AS article_id, "
            f"-ts_rank_cd(a0.search, websearch_to_tsquery('english', ?)) AS score FROM articles a0 "
            f"WHERE a0.search @@ websearch_to_tsquery('english', ?)) h JOIN articles a ON a.id = h.article_id "
            f"WHERE 1 = 1{clause} ORDER BY h.score, h.article_id LIMIT ?", [q, q] + clause_params + [limit + 1])
        nxt = encode_cursor([rows[limit - 1]["score"], rows[limit - 1]["id"]]) if len(rows) > limit else None
        rows = rows[:limit]
        ids = [r["id"] for r in rows]
        heads = {r["id"]: r["snip"] for r in db.query(
            f"SELECT id, ts_headline('english', text, websearch_to_tsquery('english', ?), "
            f"'StartSel={_HL_OPEN}, StopSel={_HL_CLOSE}, MaxWords=35, MinWords=15') AS snip "
            f"FROM articles WHERE id IN ({_in(ids)})", [q, *ids])} if ids else {}
        for r in rows:
            r["snip"] = heads.get(r["id"])
    items = _summaries(db, [{k: v for k, v in r.items() if k not in ("score", "snip")} for r in rows])
    for item, r in zip(items, rows):
        item["score"] = r["score"]
        item["snippet"] = _segments(r["snip"])
    return Page(items, nxt)


# Stories as the pages, the API and the brief show them: the story list and the
# claim ledger come from the stories read functions (``stories``/``story``, in the
# stories section) when present; the timeline and quotes by speaker are the paged
# reads above, filtered by story.
STORY_TIMELINE_MAX = 300
STORY_QUOTES_MAX = 300


def stories_available() -> bool:
    """True when the stories stage provides its read functions (``stories``, ``story`` below)."""
    return callable(globals().get("stories")) and callable(globals().get("story"))


def story_list(db: Database, *, since: str | None, limit: int = 50) -> list[dict[str, Any]]:
    """Stories with an article on or after ``since``, most recent first, as the pages show them:
    id, title, size (articles), sources (outlets), origins, first, last, disputes."""
    if not stories_available():
        return []
    return [_story_view(s) for s in globals()["stories"](db, since=since, limit=limit)]


def _story_view(s: dict[str, Any]) -> dict[str, Any]:
    sources = s.get("sources") or []
    return {**s, "size": s.get("articles", 0), "sources": len(sources) if isinstance(sources, list) else sources,
            "source_names": sources if isinstance(sources, list) else [], "first": s.get("first_day"),
            "last": s.get("last_day"), "disputes": s.get("disputes", 0)}


def ledger_view(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim groups as side-by-side figures: each entry has label, status, disputed and figures, each
    figure its value, claimants and the claims (article, offsets, outlet) that state it."""
    out = []
    for g in groups:
        figures: dict[tuple, dict[str, Any]] = {}
        for item in g.get("items", []):
            value = item.get("value") if item.get("kind") == "claim" else None
            key = (item.get("kind"), value, item.get("value_max"), item.get("claimant") or "")
            fig = figures.setdefault(key, {"kind": item.get("kind"), "value": value, "value_max": item.get("value_max"),
                                           "approx": item.get("approx"), "claimant": item.get("claimant"),
                                           "claimant_id": item.get("claimant_id"), "statement": item.get("text")
                                           if value is None else None, "stance": item.get("stance"), "claims": []})
            fig["claims"].append({"article_id": item["article_id"], "start": item["start"], "end": item["end"],
                                  "text": item.get("text"), "source": item.get("outlet"),
                                  "published": item.get("published"), "title": item.get("title")})
        measure = (g.get("measure") or "").replace("_", " ")
        out.append({**{k: v for k, v in g.items() if k != "items"},
                    "label": " ".join(x for x in (measure, g.get("unit") or "") if x) or "figures",
                    "disputed": g.get("status") in ("diverging", "contradicting"),
                    "figures": list(figures.values())})
    return out


def _timeline_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows merged per (date, type, place), in date order: the first report plus how many repeat it."""
    merged: dict[tuple, dict[str, Any]] = {}
    for e in sorted(rows, key=lambda e: (e["date"] is None, e["date"] or "", e["published"] or "",
                                         e["article_id"], e["idx"])):
        key = (e["date"], e["type"], (e["location"] or "").casefold(), e["mode"])
        if key in merged:
            m = merged[key]
            m["reports"] += 1
            if e["source"] and e["source"] not in m["sources"]:
                m["sources"].append(e["source"])
            continue
        merged[key] = {**e, "reports": 1, "sources": [e["source"]] if e["source"] else []}
    return list(merged.values())


def story_detail(db: Database, story_id: str) -> dict[str, Any]:
    """One story: summary, timeline (events by date with precision), quotes by speaker, claim ledger, articles.

    NotFound for an unknown story (a merged-away id answers with the story it went into).
    """
    if stories_available():
        base = _story_view(globals()["story"](db, story_id))
        sid = base["id"]
    else:
        base, sid = {}, story_id
    arts = article_page(db, story=sid, limit=MAX_PAGE).items
    if not arts and not base:
        raise NotFound(f"no story with id {story_id!r}", hint="see the list of stories on / or GET /api/stories")
    said = quotes(db, story=sid, limit=STORY_QUOTES_MAX).items
    dated = [a["published"] for a in arts if a["published"]]
    return {
        **base,
        "id": sid,
        "title": base.get("title") or next((a["title"] for a in reversed(arts) if a["title"]), sid),
        "size": base.get("size") or len(arts),
        "sources": base.get("sources") or len({a["source"] for a in arts if a["source"]}),
        "first": base.get("first") or (min(dated)[:10] if dated else None),
        "last": base.get("last") or (max(dated)[:10] if dated else None),
        "articles": arts,
        "events": _timeline_rows(events(db, story=sid, limit=STORY_TIMELINE_MAX).items),
        "quotes_by_speaker": group_quotes(said),
        "ledger": ledger_view(base.get("ledger") or []),
    }


def group_quotes(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote rows grouped by speaker (most quoted first; unattributed last), each group oldest quote first."""
    groups: dict[str, dict[str, Any]] = {}
    for q in sorted(items, key=lambda q: (q["published"] or "", q["article_id"], q["idx"])):
        key = q["speaker_id"] or q["speaker"] or ""
        group = groups.setdefault(key, {"speaker_key": key, "speaker": q["speaker"], "speaker_id": q["speaker_id"],
                                        "quotes": []})
        group["quotes"].append(q)
    for i, g in enumerate(groups.values()):
        g["colour"] = i % 8 if g["speaker_key"] else None
    return sorted(groups.values(), key=lambda g: (not g["speaker_key"], -len(g["quotes"]), g["speaker"] or ""))


# -- stories ---------------------------------------------------------------

_DISPUTED = ("diverging", "contradicting")


def _live_story(db: Database, story_id: str) -> dict[str, Any]:
    seen: set[str] = set()
    row = db.query_one("SELECT * FROM stories WHERE id = ?", (story_id,))
    while row and row["merged_into"] and row["id"] not in seen:
        seen.add(row["id"])
        row = db.query_one("SELECT * FROM stories WHERE id = ?", (row["merged_into"],))
    if row is None:
        raise NotFound(f"no story with id {story_id!r}", hint="list stories with `storyline stories`")
    return row


def _story_summary(row: dict[str, Any], disputes: int, sources: list[str]) -> dict[str, Any]:
    return {"id": row["id"], "title": row["title"], "first_day": row["first_day"], "last_day": row["last_day"],
            "articles": row["n_articles"], "origins": row["n_origins"], "disputes": disputes, "sources": sources}


def stories(db: Database, *, since: str | None = None, until: str | None = None, limit: int = 200,
            min_articles: int = 1) -> list[dict[str, Any]]:
    """Stories, most recent first: id, title, date span, articles, independent origins, disputes, sources."""
    where, params = ["merged_into IS NULL", "n_articles >= ?"], [min_articles]
    if since:
        where.append("last_day >= ?")
        params.append(since)
    if until:
        where.append("first_day <= ?")
        params.append(until)
    rows = db.query(f"SELECT * FROM stories WHERE {' AND '.join(where)} "
                    f"ORDER BY (last_day IS NULL), last_day DESC, n_articles DESC, id LIMIT ?", params + [limit])
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    disputes = {r["story_id"]: r["n"] for r in db.query(
        f"SELECT story_id, COUNT(*) AS n FROM claim_groups WHERE story_id IN ({_in(ids)}) "
        f"AND status IN ('diverging', 'contradicting') GROUP BY story_id", ids)}
    sources: dict[str, list[str]] = defaultdict(list)
    for r in db.query(f"SELECT DISTINCT story_id, source FROM articles WHERE story_id IN ({_in(ids)}) "
                      f"AND source IS NOT NULL ORDER BY story_id, source", ids):
        sources[r["story_id"]].append(r["source"])
    return [_story_summary(r, disputes.get(r["id"], 0), sources.get(r["id"], [])) for r in rows]


def _ledger(db: Database, where: str, params: list[Any]) -> list[dict[str, Any]]:
    groups = db.query(f"SELECT * FROM claim_groups WHERE {where} ORDER BY story_id, "
                      f"CASE status WHEN 'contradicting' THEN 0 WHEN 'diverging' THEN 1 ELSE 2 END, measure, unit",
                      params)
    if not groups:
        return []
    ids = [g["id"] for g in groups]
    items: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in db.query(
        f"SELECT i.group_id, i.stance, f.*, a.source AS outlet, a.published, a.title, a.url FROM claim_group_items i "
        f"JOIN story_facts f ON f.article_id = i.article_id AND f.kind = i.kind AND f.idx = i.idx "
        f"JOIN articles a ON a.id = i.article_id WHERE i.group_id IN ({_in(ids)}) "
        f"ORDER BY i.group_id, a.published, i.article_id, i.kind, i.idx", ids):
        items[r["group_id"]].append({
            "kind": r["kind"], "stance": r["stance"], "value": r["value"], "value_max": r["value_max"],
            "approx": r["approx"], "unit": r["unit"], "claimant": r["claimant"], "claimant_id": r["claimant_id"],
            "outlet": r["outlet"], "published": r["published"], "day": r["day"], "article_id": r["article_id"],
            "title": r["title"], "url": r["url"], "text": r["text"], "evidence": r["evidence"],
            "start": r["start_char"], "end": r["end_char"], "polarity": r["polarity"]})
    return [{"id": g["id"], "story_id": g["story_id"], "measure": g["measure"], "unit": g["unit"],
             "status": g["status"], "claims": g["n_claims"], "origins": g["n_origins"],
             "claimants": g["n_claimants"], "low": g["low"], "high": g["high"], "note": g["note"],
             "items": items.get(g["id"], [])} for g in groups]


def story(db: Database, story_id: str) -> dict[str, Any]:
    """One story: summary, its articles (with their independent origin), timeline and claim ledger.
    A merged-away id answers with the story it was merged into."""
    from .stories.timeline import build_timeline

    row = _live_story(db, story_id)
    sid = row["id"]
    members = db.query(
        "SELECT a.id, a.title, a.source, a.published, a.url, a.duplicate_of, m.origin_id, m.how, m.day, m.score "
        "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
        "ORDER BY (a.published IS NULL), a.published, a.id", (sid,))
    ids = [m["id"] for m in members]
    by_id = {m["id"]: m for m in members}
    events = db.query(f"SELECT * FROM events WHERE article_id IN ({_in(ids)}) ORDER BY article_id, idx", ids) if ids else []
    claims = db.query(f"SELECT * FROM claims WHERE article_id IN ({_in(ids)}) ORDER BY article_id, idx", ids) if ids else []
    quotes = db.query(f"SELECT * FROM quotes WHERE article_id IN ({_in(ids)}) ORDER BY article_id, idx", ids) if ids else []
    ledger = _ledger(db, "story_id = ?", [sid])
    sources = sorted({m["source"] for m in members if m["source"]})
    out = _story_summary(row, sum(1 for g in ledger if g["status"] in _DISPUTED), sources)
    out["requested_id"] = story_id
    out["articles_list"] = [{"id": m["id"], "title": m["title"], "source": m["source"], "published": m["published"],
                             "url": m["url"], "origin_id": m["origin_id"], "copy": m["origin_id"] != m["id"],
                             "how": m["how"]} for m in members]
    out["timeline"] = build_timeline(events, claims, quotes, by_id, span=(row["first_day"], row["last_day"]))
    out["ledger"] = ledger
    out["decisions"] = db.query("SELECT kind, story_id, other_id, article_ids, at FROM story_decisions "
                                "WHERE story_id = ? OR other_id = ? ORDER BY seq", (sid, sid))
    return out


def disputes(db: Database, story_id: str | None = None) -> list[dict[str, Any]]:
    """Claim groups whose sources diverge or contradict, with who says what (one story or all)."""
    if story_id:
        sid = _live_story(db, story_id)["id"]
        return _ledger(db, "story_id = ? AND status IN ('diverging', 'contradicting')", [sid])
    return _ledger(db, "status IN ('diverging', 'contradicting')", [])
