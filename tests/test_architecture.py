"""Imports point downstream only (docs/pipeline.md): a stage never imports a
stage after it, and only store/ and query.py speak SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "storyline"

# Each stage may import itself, the shared modules, and the stages before it.
ORDER = ["ingest", "clean", "nlp", "link", "stories", "store"]
SHARED = {"models", "errors", "settings", "__version__"}
UPSTREAM_OF = {stage: set(ORDER[:i]) for i, stage in enumerate(ORDER)}
# link/ and stories/ work on the store (cross-article): they write through it
# and read stored articles back through the one read path.
UPSTREAM_OF["link"] |= {"store", "query"}
UPSTREAM_OF["stories"] |= {"store", "query"}
UPSTREAM_OF["store"] = set()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    rel = path.relative_to(PKG).parts
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel[:-1])[: len(rel) - node.level]
                target = base + (node.module.split(".") if node.module else [])
                if not node.module:
                    target += [alias.name for alias in node.names]
            elif node.module and node.module.startswith("storyline."):
                target = node.module.split(".")[1:]
            else:
                continue
            if target:
                found.add(target[0].removesuffix(".py"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("storyline."):
                    found.add(alias.name.split(".")[1])
    return found


def test_stages_import_only_upstream():
    problems = []
    for stage in ORDER:
        for path in (PKG / stage).rglob("*.py"):
            allowed = UPSTREAM_OF[stage] | SHARED | {stage}
            bad = _imports(path) - allowed
            if bad:
                problems.append(f"{path.relative_to(PKG)} imports {sorted(bad)}")
    assert not problems, "\n".join(problems)


SQL = re.compile(r"\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b")


def test_only_store_writes_sql():
    writers = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG)
        if rel.parts[0] == "store" or rel.parts[0] == "bench":
            continue
        if SQL.search(path.read_text(encoding="utf-8")):
            writers.append(str(rel))
    assert not writers, f"SQL writes outside store/: {writers}"
