"""Where the evaluation data lives: ``$STORYLINE_SHARED_DATA``, else
``../shared/data`` beside the checkout. Benchmarks read it; the repo never
holds a copy."""

from __future__ import annotations

import os
from pathlib import Path


def shared_data_dir() -> Path:
    """The folder holding the evaluation sets (it may not exist: callers say so clearly)."""
    env = os.environ.get("STORYLINE_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"
