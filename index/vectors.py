"""The Chroma vector store: embedded (persistent, under the data directory) or a Chroma server."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from index.errors import StoreUnavailable

COLLECTION_PREFIX = "handvat_g"
_BATCH = 500


def _target_slug(url: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_")


def open_client(data_dir: Path, chroma_url: str | None):
    """A real Chroma client: PersistentClient under data_dir, or HttpClient when a URL is configured."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        parsed = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        if not parsed.hostname:
            raise StoreUnavailable(chroma_url, "geen geldige URL (verwacht http://host:poort)")
        try:
            return chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises plain exceptions for connection problems
            raise StoreUnavailable(chroma_url, str(exc)) from exc
    path = data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def state_dir(data_dir: Path, chroma_url: str | None) -> Path:
    """Where the generation pointer and passages live; one per store target."""
    return data_dir / ("index" if not chroma_url else f"index-{_target_slug(chroma_url)}")


class VectorStore:
    """One generation of passage vectors lives in its own collection, so a build never touches the live one."""

    def __init__(self, client) -> None:
        self._client = client

    @staticmethod
    def collection_name(generation: int) -> str:
        return f"{COLLECTION_PREFIX}{generation}"

    def create(self, generation: int):
        name = self.collection_name(generation)
        self.drop(generation)
        return self._client.create_collection(
            name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )

    def get(self, generation: int):
        return self._client.get_collection(self.collection_name(generation), embedding_function=None)

    def drop(self, generation: int) -> None:
        name = self.collection_name(generation)
        if any(c.name == name for c in self._client.list_collections()):
            self._client.delete_collection(name)

    def generations(self) -> list[int]:
        gens = []
        for collection in self._client.list_collections():
            suffix = collection.name.removeprefix(COLLECTION_PREFIX)
            if collection.name.startswith(COLLECTION_PREFIX) and suffix.isdigit():
                gens.append(int(suffix))
        return sorted(gens)

    @staticmethod
    def existing_vectors(collection, ids: list[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        for start in range(0, len(ids), _BATCH):
            got = collection.get(ids=ids[start : start + _BATCH], include=["embeddings"])
            for pid, vector in zip(got["ids"], got["embeddings"], strict=True):
                found[pid] = [float(x) for x in vector]
        return found

    @staticmethod
    def add(collection, ids: list[str], vectors: list[list[float]], metadatas: list[dict]) -> None:
        for start in range(0, len(ids), _BATCH):
            end = start + _BATCH
            collection.add(ids=ids[start:end], embeddings=vectors[start:end], metadatas=metadatas[start:end])

    @staticmethod
    def query(collection, vector: list[float], n: int) -> list[tuple[str, float]]:
        count = collection.count()
        if count == 0:
            return []
        got = collection.query(query_embeddings=[vector], n_results=min(n, count), include=["distances"])
        return [(pid, 1.0 - float(dist)) for pid, dist in zip(got["ids"][0], got["distances"][0], strict=True)]
