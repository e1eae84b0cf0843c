"""Plain text (`.txt`): usually text extracted from a PDF, so it gets the full cleaning."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import CorruptDocument, EncodingProblem
from ingest.loaders.base import RawDocument, RawPage, TextOrigin


def read_utf8(path: Path) -> str:
    """Decode strictly as UTF-8 (a BOM is dropped). Anything else is reported, never guessed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorruptDocument(path, f"leesfout: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingProblem(path, f"ongeldige byte op positie {exc.start}") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TextLoader:
    suffixes = (".txt",)

    def load(self, path: Path) -> RawDocument:
        return RawDocument(path=path, origin=TextOrigin.pdf_extraction, pages=[RawPage(read_utf8(path))])
