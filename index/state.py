"""What is built: the generation pointer (`current.json`) and the passages of each generation."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ingest.passage import Passage, TocEntry

INDEX_SCHEMA_VERSION = 1


class IndexConfig(BaseModel):
    """Everything that makes vectors and passages of two builds incompatible."""

    model_config = ConfigDict(frozen=True)

    schema_version: int = INDEX_SCHEMA_VERSION
    embedder: str
    chunk_max_chars: int


class DocumentState(BaseModel):
    fingerprint: str
    passages: int
    title: str
    stale: bool = Field(default=False, description="Kept from an earlier build because the new file failed")


class DocumentFailure(BaseModel):
    """A file that could not be ingested in this exact version; retried only when the file changes."""

    fingerprint: str
    message: str


class IndexState(BaseModel):
    generation: int
    config: IndexConfig
    documents: dict[str, DocumentState]
    failures: dict[str, DocumentFailure] = Field(default_factory=dict)
    built_at: str

    @staticmethod
    def now() -> str:
        return datetime.now(UTC).isoformat(timespec="seconds")


class StateFiles:
    """Files under one state directory. Writes are atomic; the pointer is written last."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def pointer(self) -> Path:
        return self.root / "current.json"

    def generation_dir(self, generation: int) -> Path:
        return self.root / f"g{generation}"

    def read_state(self) -> IndexState | None:
        if not self.pointer.exists():
            return None
        return IndexState.model_validate_json(self.pointer.read_text(encoding="utf-8"))

    def write_generation(self, generation: int, passages: list[Passage], toc: dict[str, list[TocEntry]]) -> None:
        folder = self.generation_dir(generation)
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(folder / "passages.jsonl", "".join(p.model_dump_json() + "\n" for p in passages))
        toc_json = {doc: [e.model_dump() for e in entries] for doc, entries in toc.items()}
        _atomic_write(folder / "toc.json", json.dumps(toc_json, ensure_ascii=False, indent=1))

    def activate(self, state: IndexState) -> None:
        _atomic_write(self.pointer, state.model_dump_json(indent=2))

    def read_passages(self, generation: int) -> list[Passage]:
        path = self.generation_dir(generation) / "passages.jsonl"
        with path.open(encoding="utf-8") as handle:
            return [Passage.model_validate_json(line) for line in handle if line.strip()]

    def read_toc(self, generation: int) -> dict[str, list[TocEntry]]:
        raw = json.loads((self.generation_dir(generation) / "toc.json").read_text(encoding="utf-8"))
        return {doc: [TocEntry.model_validate(e) for e in entries] for doc, entries in raw.items()}

    def stale_generation_dirs(self, keep: int) -> list[Path]:
        if not self.root.exists():
            return []
        return [
            p for p in self.root.iterdir()
            if p.is_dir() and p.name.startswith("g") and p.name[1:].isdigit() and int(p.name[1:]) != keep
        ]


def _atomic_write(path: Path, content: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
