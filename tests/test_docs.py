"""Docs kept in step with the code: generated references are current, and
every command, setting and spaCy component is documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _gen():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_docs_are_current():
    gen = _gen()
    for rel, make in gen.GENERATED.items():
        assert (ROOT / rel).read_text(encoding="utf-8") == make(), f"{rel} is stale: run python scripts/gen_docs.py"


def test_every_component_is_documented():
    from storyline.nlp.pipeline import COMPONENTS

    pipeline_doc = (ROOT / "docs" / "pipeline.md").read_text(encoding="utf-8")
    for name, _, _ in COMPONENTS:
        assert f"`{name}`" in pipeline_doc, f"{name} missing from docs/pipeline.md"


def test_readme_names_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in ci
