"""The knowledge base schema as numbered migrations, applied in order.

Each migration is a list of statements; ``{FLOAT}`` and ``{BIGINT}`` become
the dialect's type; a ``(dialect, sql)`` pair runs on that dialect only.
Never edit a released migration: add the next one.
"""

from __future__ import annotations

from datetime import datetime, timezone

from .db import Database

_TYPES = {
    "sqlite": {"FLOAT": "REAL", "BIGINT": "INTEGER"},
    "postgresql": {"FLOAT": "DOUBLE PRECISION", "BIGINT": "BIGINT"},
}

MIGRATIONS: list[tuple[int, str, list[str | tuple[str, str]]]] = [
    (1, "articles, entities, mentions, quotes, claims, events, timexes, near-duplicate index", [
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            url TEXT,
            source TEXT,
            title TEXT,
            published TEXT,
            text TEXT NOT NULL,
            origin TEXT NOT NULL,
            raw TEXT,
            raw_format TEXT NOT NULL DEFAULT 'text',
            title_confidence {FLOAT},
            source_confidence {FLOAT},
            published_confidence {FLOAT},
            date_window_start TEXT,
            date_window_end TEXT,
            date_window_basis TEXT,
            duplicate_of TEXT,
            duplicate_score {FLOAT},
            story_id TEXT,
            pipeline_version TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_published ON articles (published)",
        "CREATE INDEX articles_source ON articles (source)",
        "CREATE INDEX articles_story ON articles (story_id)",
        "CREATE INDEX articles_url ON articles (url)",
        "CREATE INDEX articles_version ON articles (pipeline_version)",
        """CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'
        )""",
        "CREATE INDEX entities_name ON entities (name)",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL REFERENCES entities (id),
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, start_char, end_char, entity_id)
        )""",
        "CREATE INDEX mentions_entity ON mentions (entity_id)",
        """CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            kind TEXT NOT NULL,
            speaker TEXT,
            speaker_id TEXT,
            speaker_text TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            cue TEXT,
            PRIMARY KEY (article_id, idx)
        )""",
        "CREATE INDEX quotes_speaker ON quotes (speaker_id)",
        """CREATE TABLE claims (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            value {FLOAT} NOT NULL,
            value_max {FLOAT},
            unit TEXT NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            approx TEXT,
            claimant TEXT,
            claimant_id TEXT,
            event_id TEXT,
            PRIMARY KEY (article_id, idx)
        )""",
        "CREATE INDEX claims_claimant ON claims (claimant_id)",
        "CREATE INDEX claims_unit ON claims (unit)",
        """CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            actor TEXT,
            target TEXT,
            location TEXT,
            date TEXT,
            date_precision TEXT,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""",
        "CREATE INDEX events_type ON events (type)",
        "CREATE INDEX events_date ON events (date)",
        """CREATE TABLE timexes (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            value TEXT,
            value_max TEXT,
            precision TEXT,
            resolved INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""",
        """CREATE TABLE minhash (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            signature TEXT NOT NULL
        )""",
        """CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            PRIMARY KEY (band, key, article_id)
        )""",
        """CREATE TABLE ingest_failures (
            origin TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
    ]),
    (3, "full-text search over article title and text; indexes for the API's keyset pages", [
        # SQLite: an FTS5 table holding its own copy (article rowids are not stable across VACUUM
        # when the primary key is TEXT, so an external-content table could drift), kept in step
        # by triggers so every writer path (insert, reprocess, delete) updates it.
        ("sqlite", """CREATE VIRTUAL TABLE articles_fts USING fts5(
            article_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')"""),
        ("sqlite", """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text);
        END"""),
        ("sqlite", """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            DELETE FROM articles_fts WHERE article_id = old.id;
            INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text);
        END"""),
        ("sqlite", """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            DELETE FROM articles_fts WHERE article_id = old.id;
        END"""),
        ("sqlite", "INSERT INTO articles_fts (article_id, title, text) SELECT id, title, text FROM articles"),
        # PostgreSQL: a stored generated tsvector (title weighted above body) and a GIN index.
        ("postgresql", """ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', text), 'B')) STORED"""),
        ("postgresql", "CREATE INDEX articles_search ON articles USING GIN (search)"),
        "CREATE INDEX articles_published_id ON articles (published, id)",
        "CREATE INDEX articles_story_published ON articles (story_id, published, id)",
        "CREATE INDEX articles_source_published ON articles (source, published, id)",
        "CREATE INDEX events_date_key ON events (date, article_id, idx)",
        "CREATE INDEX events_type_date ON events (type, date, article_id, idx)",
        "CREATE INDEX claims_claimant_name ON claims (claimant)",
        "CREATE INDEX quotes_speaker_name ON quotes (speaker)",
    ]),
    (2, "stories: members, decisions, candidate index, shared passages, claim facts, claim groups", [
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            first_day TEXT,
            last_day TEXT,
            n_articles INTEGER NOT NULL DEFAULT 0,
            n_origins INTEGER NOT NULL DEFAULT 0,
            vec_sum TEXT,
            entity_counts TEXT NOT NULL DEFAULT '{}',
            place_counts TEXT NOT NULL DEFAULT '{}',
            type_counts TEXT NOT NULL DEFAULT '{}',
            merged_into TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX stories_last_day ON stories (last_day)",
        # One row per article: its story, its independent origin and the features the story
        # profile is rebuilt from after a merge or split (so no article is re-embedded).
        """CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            story_id TEXT NOT NULL REFERENCES stories (id),
            origin_id TEXT NOT NULL,
            day TEXT,
            vec TEXT,
            entities TEXT NOT NULL DEFAULT '[]',
            places TEXT NOT NULL DEFAULT '[]',
            types TEXT NOT NULL DEFAULT '[]',
            score {FLOAT},
            how TEXT NOT NULL,
            pinned INTEGER NOT NULL DEFAULT 0,
            seq {BIGINT} NOT NULL,
            assigned_at TEXT NOT NULL
        )""",
        "CREATE INDEX story_members_story ON story_members (story_id)",
        "CREATE INDEX story_members_origin ON story_members (origin_id)",
        """CREATE TABLE story_decisions (
            seq {BIGINT} PRIMARY KEY,
            kind TEXT NOT NULL,
            story_id TEXT NOT NULL,
            other_id TEXT,
            article_ids TEXT NOT NULL DEFAULT '[]',
            at TEXT NOT NULL
        )""",
        # The candidate index: entity and embedding-band keys -> stories, with the story's last
        # day under that key, so a lookup is a bounded range scan per key, never a corpus scan.
        """CREATE TABLE story_keys (
            key TEXT NOT NULL,
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            day TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (key, story_id)
        )""",
        "CREATE INDEX story_keys_lookup ON story_keys (key, day)",
        """CREATE TABLE story_passages (
            hash TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            PRIMARY KEY (hash, article_id)
        )""",
        "CREATE INDEX story_passages_article ON story_passages (article_id)",
        """CREATE TABLE story_facts (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            idx INTEGER NOT NULL,
            story_id TEXT NOT NULL,
            measure TEXT NOT NULL,
            unit TEXT NOT NULL,
            value {FLOAT},
            value_max {FLOAT},
            approx TEXT,
            claimant TEXT,
            claimant_id TEXT,
            source TEXT,
            day TEXT,
            polarity TEXT,
            text TEXT NOT NULL,
            evidence TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            origin_key TEXT NOT NULL,
            PRIMARY KEY (article_id, kind, idx)
        )""",
        "CREATE INDEX story_facts_story ON story_facts (story_id)",
        """CREATE TABLE claim_groups (
            id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL,
            measure TEXT NOT NULL,
            unit TEXT NOT NULL,
            status TEXT NOT NULL,
            n_claims INTEGER NOT NULL,
            n_origins INTEGER NOT NULL,
            n_claimants INTEGER NOT NULL,
            low {FLOAT},
            high {FLOAT},
            note TEXT,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX claim_groups_story ON claim_groups (story_id)",
        "CREATE INDEX claim_groups_status ON claim_groups (status)",
        """CREATE TABLE claim_group_items (
            group_id TEXT NOT NULL REFERENCES claim_groups (id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            idx INTEGER NOT NULL,
            stance TEXT NOT NULL,
            PRIMARY KEY (group_id, article_id, kind, idx)
        )""",
    ]),
    (4, "entity links across articles: per-article redirects to canonical entities, entity lookup keys", [
        # One row per (article, local entity) that stands for another, canonical entity: per
        # article because a bare "Smith" may be one person in one article and another elsewhere.
        """CREATE TABLE entity_redirects (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            from_id TEXT NOT NULL,
            to_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            score {FLOAT} NOT NULL,
            PRIMARY KEY (article_id, from_id)
        )""",
        "CREATE INDEX entity_redirects_from ON entity_redirects (from_id)",
        "CREATE INDEX entity_redirects_to ON entity_redirects (to_id)",
        # Name keys (consonant skeleton, surname, organisation head word, acronym letters) ->
        # entities, so candidates are found by index lookups, never by scanning all names.
        """CREATE TABLE entity_keys (
            key TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            PRIMARY KEY (key, entity_id)
        )""",
        "CREATE INDEX entity_keys_entity ON entity_keys (entity_id)",
    ]),
    (5, "events: how each event's date was obtained (date_basis)", [
        # "timex" (a time expression of the text), "article" (the day the article is about),
        # "published" (the publication day); NULL when undated or stored before this migration.
        "ALTER TABLE events ADD COLUMN date_basis TEXT",
    ]),
    (6, "kb_meta: facts about the knowledge base as a whole (the claim ledger's rules version)", [
        # Key -> value, e.g. "ledger_version": the version of the claim-ledger rules that built the
        # stored story facts and claim groups; absent in a knowledge base from before this migration.
        """CREATE TABLE kb_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    ]),
    (7, "stories: each member's proper-name words, and their running document frequencies", [
        # The member's name words (lower-cased words of its named entities' mentions, and the years
        # it names) with their counts, JSON {word: count}; NULL for members stored before this.
        "ALTER TABLE story_members ADD COLUMN names TEXT",
        # word -> how many assigned articles name it (the row '' counts the articles), kept as
        # articles are assigned: the name signal's IDF without a corpus scan.
        """CREATE TABLE story_name_df (
            word TEXT PRIMARY KEY,
            n {BIGINT} NOT NULL
        )""",
    ]),
    (8, "stories: each member's text words (content words of its whole text, with counts)", [
        # JSON {word: count} of the member's most frequent content words (features.text_words);
        # their document frequencies share story_name_df under the prefix "t:". NULL before this.
        "ALTER TABLE story_members ADD COLUMN words TEXT",
    ]),
]

SCHEMA_VERSION = max(m[0] for m in MIGRATIONS)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _typed(statement: str, types: dict[str, str]) -> str:
    for name, sql_type in types.items():
        statement = statement.replace("{" + name + "}", sql_type)
    return statement


def current_version(db: Database) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
               "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)")
    return db.scalar("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations") or 0


def migrate(db: Database) -> list[int]:
    """Apply pending migrations, each in its own transaction; returns the versions applied."""
    applied = []
    types = _TYPES[db.dialect]
    current_version(db)  # creates the bookkeeping table
    done = {r["version"] for r in db.query("SELECT version FROM schema_migrations")}
    # By membership, not "<= max": a version landed later with a lower number still applies.
    for version, description, statements in sorted(MIGRATIONS, key=lambda m: m[0]):
        if version in done:
            continue
        with db.transaction():
            for statement in statements:
                if isinstance(statement, tuple):  # (dialect, sql): only for that dialect
                    dialect, statement = statement
                    if dialect != db.dialect:
                        continue
                db.execute(_typed(statement, types))
            db.execute("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                       (version, description, _now()))
        applied.append(version)
    return applied


def get_meta(db: Database, key: str) -> str | None:
    """A ``kb_meta`` value, or None when never set."""
    row = db.query_one("SELECT value FROM kb_meta WHERE key = ?", (key,))
    return row["value"] if row else None


def set_meta(db: Database, key: str, value: str) -> None:
    """Set a ``kb_meta`` value."""
    with db.transaction():
        db.execute("DELETE FROM kb_meta WHERE key = ?", (key,))
        db.execute("INSERT INTO kb_meta (key, value) VALUES (?, ?)", (key, value))


def has_story_members(db: Database) -> bool:
    """True when any article belongs to a story (a claim ledger may have been built)."""
    return db.query_one("SELECT 1 AS one FROM story_members LIMIT 1") is not None
