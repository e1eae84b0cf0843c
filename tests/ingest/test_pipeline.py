"""Pipeline: discovery, fingerprints, manifest titles, chunk bounds, stable ids."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from ingest.manifest import Manifest, ManifestEntry
from ingest.pipeline import discover, fingerprint, ingest_corpus, ingest_document

DATA = Path(__file__).parent / "data"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name in ("handvat_excerpt.txt", "kamerstuk.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "README.md").write_text("# Corpus\n\nOver deze map.\n", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        Manifest(
            documents=[ManifestEntry(file="kamerstuk.txt", id="kamerbrief", title="Kamerbrief over X", short="Brief")]
        ).model_dump_json(),
        encoding="utf-8",
    )
    (tmp_path / "notities.md").write_text("# Notities\n\nEen eigen notitie over gegevensdeling.\n", encoding="utf-8")
    (tmp_path / "plaatje.png").write_bytes(b"\x89PNG")
    return tmp_path


def test_discover_skips_folder_files_and_unknown_types(corpus: Path):
    assert [p.name for p in discover(corpus)] == ["handvat_excerpt.txt", "kamerstuk.txt", "notities.md"]


def test_corpus_reports_unknown_types_and_uses_the_manifest(corpus: Path):
    result = ingest_corpus(corpus)
    assert [p.file for p in result.problems] == ["plaatje.png"]
    brief = next(d for d in result.documents if d.document == "kamerstuk.txt")
    assert {(p.doc_id, p.document_title, p.document_short) for p in brief.passages} == {
        ("kamerbrief", "Kamerbrief over X", "Brief")
    }
    excerpt = next(d for d in result.documents if d.document == "handvat_excerpt.txt")
    assert excerpt.passages[0].document_title == "Handvat excerpt"


def test_fingerprint_is_sha256_of_the_bytes(corpus: Path):
    path = corpus / "kamerstuk.txt"
    assert fingerprint(path) == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("max_chars", [200, 400, 1200])
def test_chunks_are_bounded_and_never_cross_sections(corpus: Path, max_chars: int):
    result = ingest_document(corpus / "handvat_excerpt.txt", Manifest(), max_chars=max_chars)
    assert all(len(p.text) <= max_chars for p in result.passages)
    assert [p.order for p in result.passages] == list(range(len(result.passages)))
    sections = [p.section for p in result.passages]
    # each section's passages are contiguous: a section never resumes after another one started
    seen: list[str | None] = []
    for s in sections:
        if not seen or seen[-1] != s:
            assert s not in seen
            seen.append(s)


def test_ids_are_stable_unique_and_content_derived(corpus: Path, tmp_path_factory):
    first = ingest_document(corpus / "handvat_excerpt.txt", Manifest(), max_chars=300)
    again = ingest_document(corpus / "handvat_excerpt.txt", Manifest(), max_chars=300)
    assert [p.id for p in first.passages] == [p.id for p in again.passages]
    assert len({p.id for p in first.passages}) == len(first.passages)

    edited_dir = tmp_path_factory.mktemp("edited")
    text = (corpus / "handvat_excerpt.txt").read_text(encoding="utf-8")
    edited = edited_dir / "handvat_excerpt.txt"
    edited.write_text(
        text.replace("Dit hoofdstuk beschrijft de regels.", "Dit hoofdstuk beschrijft alle regels."), encoding="utf-8"
    )
    changed = ingest_document(edited, Manifest(), max_chars=300)
    old, new = {p.id for p in first.passages}, {p.id for p in changed.passages}
    assert len(old - new) == 1 and len(new - old) == 1


def test_same_text_in_two_documents_gets_different_ids(tmp_path: Path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# Titel\n\nDezelfde tekst in twee documenten.\n", encoding="utf-8")
    result = ingest_corpus(tmp_path)
    ids = [p.id for d in result.documents for p in d.passages]
    assert len(ids) == len(set(ids)) == 2
