"""Load the spaCy model named by the ``model`` setting and add Storyline's
components after its NER. Each component is a registered spaCy factory, so
users can add them to their own pipelines (``nlp.add_pipe("storyline_quotes")``).
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelNotFound
from .extensions import ensure_extensions

# (factory name, module that registers it, version). Order matters: later
# components read what earlier ones wrote on the Doc. Bump a version when a
# component's output changes: `storyline reprocess` redoes those articles.
COMPONENTS: list[tuple[str, str, str]] = [
    ("storyline_entities", "storyline.nlp.entities", "1"),
    ("storyline_quotes", "storyline.nlp.quotes", "5"),
    ("storyline_timexes", "storyline.nlp.dates", "5"),
    ("storyline_events", "storyline.nlp.events", "3"),
    ("storyline_claims", "storyline.nlp.claims", "11"),
]

CLEAN_VERSION = "2"  # bumped by clean/ when cleaning output changes


def pipeline_version(options=None) -> str:
    """A string naming every stage's version; stored with each article. With ``options``, a
    model other than the default, a trained event typer and the extra office-holder tables are
    named too (the files by a digest), so that changing any makes ``storyline reprocess`` redo
    the articles (speakers and the ledger's sides read the tables)."""
    parts = [f"clean{CLEAN_VERSION}"] + [f"{name.removeprefix('storyline_')}{v}" for name, _, v in COMPONENTS]
    if options is not None:
        from ..settings import SETTINGS

        default_model = next(s.default for s in SETTINGS if s.name == "model")
        if options.model != default_model:
            parts.append(f"model-{options.model}")
        if getattr(options, "event_model", ""):
            parts.append(f"typer-{_file_digest(options.event_model)}")
        tables = officeholder_tables(getattr(options, "officeholder_tables", "") or "")
        if tables:
            parts.append("tables-" + "-".join(_file_digest(t) for t in tables))
    return ".".join(parts)


def _file_digest(path: str) -> str:
    import hashlib

    try:
        return hashlib.sha256(open(path, "rb").read()).hexdigest()[:10]
    except OSError:
        return "missing"  # the events component reports the unreadable file itself


def register_components() -> None:
    ensure_extensions()
    for _, module, _ in COMPONENTS:
        importlib.import_module(module)


def officeholder_tables(setting: str) -> tuple[str, ...]:
    """The extra office-holder tables named by the ``officeholder_tables`` setting."""
    return tuple(p for p in setting.split(os.pathsep) if p.strip())


def pipeline_for(options) -> Language:
    """The pipeline an ``Options`` asks for (model, extra office-holder tables, event typer)."""
    return load_nlp(options.model, officeholder_tables(options.officeholder_tables),
                    getattr(options, "event_model", ""))


@lru_cache(maxsize=4)
def load_nlp(model: str, extra_officeholder_tables: tuple[str, ...] = (), event_model: str = "") -> Language:
    """The model with Storyline's components added (cached per process); ``event_model`` names
    a trained event typer file (see ``event_typer``)."""
    register_components()
    try:
        nlp = spacy.load(model, disable=[])
    except OSError as err:
        raise ModelNotFound(
            f"spaCy model '{model}' is not installed ({err.__class__.__name__})",
            hint="install the pinned default with `make setup`, or set STORYLINE_MODEL / --model "
            "to an installed package such as en_core_web_sm",
        ) from None
    for name, _, _ in COMPONENTS:
        if name not in nlp.pipe_names:
            config = {"officeholder_tables": list(extra_officeholder_tables)} if name == "storyline_quotes" else {}
            if name == "storyline_events" and event_model:
                config = {"model_path": event_model}
            nlp.add_pipe(name, last=True, config=config)
    return nlp
