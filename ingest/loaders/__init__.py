"""Loaders by file type: a small registry keyed by suffix. Add a format by adding a `Loader` here."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import UnsupportedFileType
from ingest.loaders.base import Loader, RawDocument, RawPage, TextOrigin
from ingest.loaders.docx import DocxLoader
from ingest.loaders.markdown import MarkdownLoader
from ingest.loaders.pdf import PdfLoader
from ingest.loaders.text import TextLoader

__all__ = ["Loader", "RawDocument", "RawPage", "TextOrigin", "loader_for", "supported_suffixes"]

_LOADERS: tuple[Loader, ...] = (TextLoader(), PdfLoader(), DocxLoader(), MarkdownLoader())


def _registry() -> dict[str, Loader]:
    return {suffix: loader for loader in _LOADERS for suffix in loader.suffixes}


def supported_suffixes() -> list[str]:
    return sorted(_registry())


def loader_for(path: Path) -> Loader:
    loader = _registry().get(path.suffix.lower())
    if loader is None:
        raise UnsupportedFileType(path, supported_suffixes())
    return loader
