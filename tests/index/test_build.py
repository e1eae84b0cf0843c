"""Incremental, safe index builds against the real embedded Chroma store and the real embedder."""

import json

import pytest

from index.build import build_index
from index.errors import ConfigMismatch
from index.search import open_searcher
from index.state import StateFiles
from index.vectors import VectorStore, open_client, state_dir

pytestmark = pytest.mark.slow


def _state(settings):
    return StateFiles(state_dir(settings.data_dir, settings.chroma_url)).read_state()


def test_first_build_indexes_every_document(settings, embedder):
    report = build_index(settings, embedder=embedder)
    assert sorted(report.added) == ["politie.md", "zorg.md"]
    assert report.passages >= 4 and report.embedded == report.passages
    hits = open_searcher(settings, embedder=embedder).search("beroepsgeheim van de arts", k=3)
    assert hits[0].passage.document == "zorg.md"


def test_rebuild_with_nothing_changed_is_skipped(settings, embedder):
    first = build_index(settings, embedder=embedder)
    again = build_index(settings, embedder=embedder)
    assert again.skipped and again.generation == first.generation
    assert again.unchanged == ["politie.md", "zorg.md"]


def test_changed_document_is_replaced_and_unchanged_vectors_reused(settings, embedder):
    build_index(settings, embedder=embedder)
    doc = settings.corpus_dir / "zorg.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n# Nieuw\n\nDe huisarts overlegt met de GGD.\n", encoding="utf-8")
    report = build_index(settings, embedder=embedder)
    assert report.changed == ["zorg.md"] and report.unchanged == ["politie.md"]
    assert report.reused_vectors >= 2 and report.embedded >= 1
    hits = open_searcher(settings, "lexical").search("huisarts overlegt met de GGD", k=1)
    assert "huisarts overlegt" in hits[0].passage.text


def test_deleted_document_is_removed(settings, embedder):
    build_index(settings, embedder=embedder)
    (settings.corpus_dir / "zorg.md").unlink()
    report = build_index(settings, embedder=embedder)
    assert report.removed == ["zorg.md"]
    searcher = open_searcher(settings, embedder=embedder)
    assert all(h.passage.document == "politie.md" for h in searcher.search("beroepsgeheim arts", k=5))


def test_old_generation_is_dropped_after_a_build(settings, embedder):
    build_index(settings, embedder=embedder)
    (settings.corpus_dir / "politie.md").write_text("# Kort\n\nAlleen nog dit.\n", encoding="utf-8")
    report = build_index(settings, embedder=embedder)
    store = VectorStore(open_client(settings.data_dir, None))
    assert store.generations() == [report.generation]


def test_index_refuses_to_mix_configurations(settings, embedder):
    build_index(settings, embedder=embedder)
    other = settings.model_copy(update={"chunk_max_chars": 900})
    with pytest.raises(ConfigMismatch, match="--rebuild"):
        build_index(other, embedder=embedder)
    report = build_index(other, embedder=embedder, rebuild=True)
    assert not report.skipped and _state(other).config.chunk_max_chars == 900


def test_bad_documents_are_reported_and_the_rest_indexed(settings, embedder):
    (settings.corpus_dir / "leeg.txt").write_text("", encoding="utf-8")
    (settings.corpus_dir / "kapot.pdf").write_bytes(b"%PDF-1.4 dit is geen pdf")
    (settings.corpus_dir / "latin1.txt").write_bytes("co\xf6rdinatie".encode("latin-1"))
    (settings.corpus_dir / "tabel.xlsx").write_bytes(b"PK")
    report = build_index(settings, embedder=embedder)
    assert sorted(p.file for p in report.problems) == ["kapot.pdf", "latin1.txt", "leeg.txt", "tabel.xlsx"]
    assert all(p.file in p.message for p in report.problems)
    assert sorted(report.added) == ["politie.md", "zorg.md"]


def test_failed_files_are_reported_again_but_not_rebuilt_until_they_change(settings, embedder):
    (settings.corpus_dir / "tabel.xlsx").write_bytes(b"PK")
    (settings.corpus_dir / "leeg.txt").write_text("", encoding="utf-8")
    first = build_index(settings, embedder=embedder)
    again = build_index(settings, embedder=embedder)
    assert again.skipped and again.generation == first.generation
    assert sorted(p.file for p in again.problems) == ["leeg.txt", "tabel.xlsx"]
    (settings.corpus_dir / "leeg.txt").write_text("# Nu met tekst\n\nDe wijkagent en de GGD overleggen.\n", encoding="utf-8")
    fixed = build_index(settings, embedder=embedder)
    assert fixed.added == ["leeg.txt"] and [p.file for p in fixed.problems] == ["tabel.xlsx"]


def test_a_document_that_breaks_keeps_its_last_good_version(settings, embedder):
    build_index(settings, embedder=embedder)
    (settings.corpus_dir / "zorg.md").write_bytes(b"")
    report = build_index(settings, embedder=embedder)
    assert [p.file for p in report.problems] == ["zorg.md"]
    assert _state(settings).documents["zorg.md"].stale
    hits = open_searcher(settings, "lexical").search("beroepsgeheim", k=1)
    assert hits[0].passage.document == "zorg.md"
    again = build_index(settings, embedder=embedder)
    assert again.skipped and [p.file for p in again.problems] == ["zorg.md"]
    assert open_searcher(settings, "lexical").search("beroepsgeheim", k=1)[0].passage.document == "zorg.md"


def test_state_records_configuration(settings, embedder):
    build_index(settings, embedder=embedder)
    pointer = state_dir(settings.data_dir, None) / "current.json"
    stored = json.loads(pointer.read_text())
    assert stored["config"] == {"schema_version": 1, "embedder": settings.embedder, "chunk_max_chars": 600}
