"""Build the index incrementally and safely.

A build writes a new *generation* (its own Chroma collection and passages file) and only then moves the
pointer `current.json` to it. An ingest killed half-way therefore leaves the previous generation in use;
its leftovers are removed by the next build. Vectors of passages whose id (derived from document, section
and content) is unchanged are copied from the live generation instead of being embedded again.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from handvat.settings import Settings
from index.embedder import Embedder, open_embedder
from index.errors import ConfigMismatch, IndexStoreError
from index.state import DocumentFailure, DocumentState, IndexConfig, IndexState, StateFiles
from index.vectors import VectorStore, open_client, state_dir
from ingest.passage import Passage, TocEntry

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total)"""


class DocumentProblemPublic(BaseModel):
    file: str
    message: str


class BuildReport(BaseModel):
    generation: int
    skipped: bool = Field(description="Nothing changed; the live index was kept as it was")
    added: list[str] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    problems: list[DocumentProblemPublic] = Field(default_factory=list)
    passages: int = 0
    embedded: int = 0
    reused_vectors: int = 0
    seconds: float = 0.0


def models_dir(settings: Settings) -> Path:
    return settings.data_dir / "models"


def index_config(settings: Settings) -> IndexConfig:
    return IndexConfig(embedder=settings.embedder, chunk_max_chars=settings.chunk_max_chars)


def embedding_text(passage: Passage) -> str:
    """What the dense leg embeds: the passage with its heading, so a chunk knows what it is about."""
    head = " ".join(x for x in (passage.section, passage.title) if x)
    return f"{head}. {passage.text}" if head else passage.text


class _BuildLock:
    """One build at a time per state directory (a second `handvat ingest` is told to wait)."""

    def __init__(self, root: Path) -> None:
        self.path = root / "build.lock"

    def __enter__(self) -> _BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            try:
                pid = int(self.path.read_text().strip() or 0)
                os.kill(pid, 0)
                raise IndexStoreError(
                    f"Er loopt al een `handvat ingest` (proces {pid}). Wacht tot die klaar is en probeer opnieuw."
                )
            except (ValueError, ProcessLookupError, PermissionError):
                self.path.unlink(missing_ok=True)  # stale lock of a killed build
        self.path.write_text(str(os.getpid()))
        return self

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)


def build_index(
    settings: Settings,
    *,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Bring the index in line with the corpus folder. Raises IngestError subclasses for a missing corpus."""
    from ingest.errors import IngestError, UnsupportedFileType
    from ingest.manifest import Manifest
    from ingest.pipeline import discover, fingerprint, ingest_document, supported_suffixes, unsupported

    started = time.perf_counter()
    files = StateFiles(state_dir(settings.data_dir, settings.chroma_url))
    with _BuildLock(files.root):
        config = index_config(settings)
        state = files.read_state()
        if state is not None and state.config != config and not rebuild:
            raise ConfigMismatch(state.config.model_dump(), config.model_dump())
        if rebuild:
            state = None if state is None else state.model_copy(update={"documents": {}, "failures": {}})

        paths = discover(settings.corpus_dir)
        manifest = Manifest.load(settings.corpus_dir)
        old_docs = state.documents if state else {}
        report = BuildReport(generation=state.generation if state else 0, skipped=False)
        report.problems = [
            DocumentProblemPublic(file=p.name, message=str(UnsupportedFileType(p, supported_suffixes())))
            for p in unsupported(settings.corpus_dir)
        ]

        prints = {p.name: fingerprint(p) for p in paths}
        old_failures = state.failures if state else {}
        # A file that failed in this exact version is not retried; its problem is reported again.
        known_failures = {n: f for n, f in old_failures.items() if prints.get(n) == f.fingerprint}
        report.problems += [DocumentProblemPublic(file=n, message=f.message) for n, f in sorted(known_failures.items())]
        report.removed = sorted(set(old_docs) - set(prints))
        todo = [
            p for p in paths
            if p.name not in known_failures
            and (old_docs.get(p.name) is None or old_docs[p.name].fingerprint != prints[p.name])
        ]
        report.unchanged = sorted(set(prints) - {p.name for p in todo} - set(known_failures))
        gone_failures = set(old_failures) - set(known_failures)
        if state is not None and not todo and not report.removed and not gone_failures and not rebuild:
            report.skipped = True
            report.passages = sum(d.passages for d in old_docs.values())
            report.seconds = round(time.perf_counter() - started, 3)
            return report

        old_passages: dict[str, list[Passage]] = {}
        old_toc: dict[str, list[TocEntry]] = {}
        if state is not None:
            for passage in files.read_passages(state.generation):
                old_passages.setdefault(passage.document, []).append(passage)
            old_toc = files.read_toc(state.generation)

        documents: dict[str, DocumentState] = {}
        failures = dict(known_failures)
        passages_by_doc: dict[str, list[Passage]] = {}
        toc: dict[str, list[TocEntry]] = {}
        for name in [*report.unchanged, *(n for n in known_failures if n in old_docs)]:
            passages_by_doc[name] = old_passages.get(name, [])
            toc[name] = old_toc.get(name, [])
            documents[name] = old_docs[name].model_copy(update={"stale": name in known_failures})
        for n, path in enumerate(todo):
            if progress:
                progress("lezen", n, len(todo))
            try:
                result = ingest_document(path, manifest, max_chars=settings.chunk_max_chars)
            except IngestError as exc:
                report.problems.append(DocumentProblemPublic(file=path.name, message=str(exc)))
                failures[path.name] = DocumentFailure(fingerprint=prints[path.name], message=str(exc))
                if path.name in old_docs:  # keep the last good version rather than lose it
                    passages_by_doc[path.name] = old_passages.get(path.name, [])
                    toc[path.name] = old_toc.get(path.name, [])
                    documents[path.name] = old_docs[path.name].model_copy(update={"stale": True})
                continue
            (report.changed if path.name in old_docs else report.added).append(path.name)
            passages_by_doc[path.name] = result.passages
            toc[path.name] = result.toc
            title = result.passages[0].document_title if result.passages else path.name
            documents[path.name] = DocumentState(
                fingerprint=result.fingerprint, passages=len(result.passages), title=title
            )
        if progress:
            progress("lezen", len(todo), len(todo))

        all_passages = [p for name in sorted(passages_by_doc) for p in passages_by_doc[name]]
        _check_unique_ids(all_passages)
        generation = (state.generation if state else 0) + 1
        store = VectorStore(open_client(settings.data_dir, settings.chroma_url))
        live = store.get(state.generation) if state is not None and not rebuild else None
        collection = store.create(generation)
        ids = [p.id for p in all_passages]
        reused = VectorStore.existing_vectors(live, ids) if live is not None else {}
        missing = [p for p in all_passages if p.id not in reused]
        vectors = dict(reused)
        if missing:
            embedder = embedder or open_embedder(settings.embedder, models_dir(settings), export=True)
            batch = 16
            for start in range(0, len(missing), batch):
                if progress:
                    progress("embedden", start, len(missing))
                chunk = missing[start : start + batch]
                for passage, vector in zip(
                    chunk, embedder.embed([embedding_text(p) for p in chunk]), strict=True
                ):
                    vectors[passage.id] = vector
            if progress:
                progress("embedden", len(missing), len(missing))
        VectorStore.add(
            collection, ids, [vectors[i] for i in ids], [{"document": p.document} for p in all_passages]
        )
        files.write_generation(generation, all_passages, toc)
        files.activate(
            IndexState(
                generation=generation, config=config, documents=documents, failures=failures, built_at=IndexState.now()
            )
        )
        # Only now is the new generation live: clean up the previous one and leftovers of killed builds.
        for old in store.generations():
            if old != generation:
                store.drop(old)
        for folder in files.stale_generation_dirs(keep=generation):
            shutil.rmtree(folder, ignore_errors=True)

        report.generation = generation
        report.passages = len(all_passages)
        report.embedded = len(missing)
        report.reused_vectors = len(reused)
        report.seconds = round(time.perf_counter() - started, 3)
        return report


def _check_unique_ids(passages: list[Passage]) -> None:
    seen: dict[str, Passage] = {}
    for passage in passages:
        if passage.id in seen:
            raise IndexStoreError(
                f"Passage-id {passage.id} komt twee keer voor ({passage.document} en {seen[passage.id].document}); "
                "dit is een fout in de ingest."
            )
        seen[passage.id] = passage
