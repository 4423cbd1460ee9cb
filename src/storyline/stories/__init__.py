"""Stories: incremental clustering of articles into real-world events, timelines,
and the claim ledger (corroboration, divergence and contradiction across sources)."""

from .assign import Assignment, assign_stories, config_from
from .decisions import (
    ledger_version,
    mark_new_stories,
    merge_stories,
    rebuild_outdated_ledgers,
    rebuild_outdated_stories,
    rebuild_stories,
    refresh_ledgers,
    split_story,
    stories_outdated,
    stories_version,
)
from .embed import DEFAULT_MODEL, load_embedder
from .score import StoryConfig

__all__ = ["Assignment", "StoryConfig", "assign_stories", "config_from", "merge_stories", "split_story",
           "rebuild_stories", "refresh_ledgers", "rebuild_outdated_ledgers", "ledger_version", "mark_new_stories",
           "rebuild_outdated_stories", "stories_outdated", "stories_version",
           "load_embedder", "DEFAULT_MODEL"]
