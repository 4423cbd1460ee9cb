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


def cost_line(what: str, parse_seconds: float, component_seconds: dict[str, float]) -> str:
    """One line: the plain parse time, each component's time, and their sum as a share of the parse."""
    added = sum(component_seconds.values())
    return (f"Cost, {what}, same run: plain spaCy parse {parse_seconds:.2f} s; "
            + ", ".join(f"{k} {v:.3f} s" for k, v in component_seconds.items())
            + f"; added / parse = {added / parse_seconds:.1%}")
