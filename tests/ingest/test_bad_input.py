"""Bad input: a clear Dutch error naming the file; one bad file never stops the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import (
    CorpusNotFound,
    CorruptDocument,
    DocumentNotFound,
    EmptyDocument,
    EncodingProblem,
    IngestError,
    ManifestInvalid,
    UnsupportedFileType,
)
from ingest.manifest import Manifest
from ingest.pipeline import discover, ingest_corpus, ingest_document

GOOD = (
    "Inleiding\n\nDit is een korte brief over het delen van gegevens binnen de gemeente, met een paar zinnen tekst.\n"
)

BAD_FILES = [
    ("leeg.txt", b"", EmptyDocument),
    ("spaties.txt", b"  \n\n \t\n", EmptyDocument),
    ("kapot.pdf", b"%PDF-1.4\nthis is not really a pdf", CorruptDocument),
    ("geen-pdf.pdf", b"hello world", CorruptDocument),
    ("kapot.docx", b"PK\x03\x04 not a zip", CorruptDocument),
    ("windows.txt", "Privacy en beroepsgeheim: één regel.".encode("cp1252"), EncodingProblem),
    ("tabel.xlsx", b"PK\x03\x04", UnsupportedFileType),
]


@pytest.mark.parametrize(("name", "data", "error"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gives_dutch_error_naming_it(tmp_path: Path, name: str, data: bytes, error: type[IngestError]):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as info:
        ingest_document(path, Manifest())
    message = str(info.value)
    assert name in message
    assert any(word in message for word in ("bestand", "Bestand"))


def test_missing_file(tmp_path: Path):
    with pytest.raises(DocumentNotFound, match=r"weg\.txt"):
        ingest_document(tmp_path / "weg.txt", Manifest())


def test_missing_corpus_folder(tmp_path: Path):
    with pytest.raises(CorpusNotFound, match="bestaat niet"):
        discover(tmp_path / "bestaat-niet")
    with pytest.raises(CorpusNotFound):
        ingest_corpus(tmp_path / "bestaat-niet")


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path):
    (tmp_path / "a_goed.txt").write_text(GOOD, encoding="utf-8")
    for name, data, _ in BAD_FILES:
        (tmp_path / name).write_bytes(data)
    result = ingest_corpus(tmp_path)
    assert [d.document for d in result.documents] == ["a_goed.txt"]
    assert sorted(p.file for p in result.problems) == sorted(name for name, _, _ in BAD_FILES)
    assert all(p.file in p.message for p in result.problems)


def test_invalid_manifest(tmp_path: Path):
    (tmp_path / "manifest.json").write_text('{"documents": [{"file": "a.txt"}]}', encoding="utf-8")
    with pytest.raises(ManifestInvalid, match="manifest"):
        Manifest.load(tmp_path)
