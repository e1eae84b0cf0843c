"""The fast ONNX query encoder must give the same vectors as the sentence-transformers reference."""

import numpy as np
import pytest

from index.embedder import OnnxEmbedder, SentenceTransformerEmbedder, export_onnx, open_embedder, resolve_model_dir
from index.errors import EmbedderUnavailable

pytestmark = pytest.mark.slow

TEXTS = [
    "Mag de politie gegevens delen met de burgemeester?",
    "Het beroepsgeheim van de arts (artikel 7:457 BW) " * 40,  # longer than the model's 256 tokens
    "kort",
]


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory):
    return export_onnx("packaged:all-MiniLM-L6-v2", tmp_path_factory.mktemp("models"))


def test_onnx_export_matches_reference(export_dir, embedder):
    onnx = np.array(OnnxEmbedder("packaged:all-MiniLM-L6-v2", export_dir).embed(TEXTS, batch_size=2))
    reference = np.array(embedder.embed(TEXTS))
    cosine = (onnx * reference).sum(axis=1)
    assert np.all(cosine > 0.9999), cosine
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)


def test_open_embedder_prefers_existing_export(export_dir):
    assert isinstance(open_embedder("packaged:all-MiniLM-L6-v2", export_dir.parent), OnnxEmbedder)


def test_open_embedder_without_export_uses_reference(tmp_path):
    assert isinstance(open_embedder("packaged:all-MiniLM-L6-v2", tmp_path), SentenceTransformerEmbedder)


def test_unknown_model_directory_is_a_clear_error(tmp_path):
    with pytest.raises(EmbedderUnavailable, match="HANDVAT_EMBEDDER"):
        resolve_model_dir(str(tmp_path / "geen-model"))
