"""Markdown (`.md`): authored text whose `#` headings give the structure."""

from __future__ import annotations

from pathlib import Path

from ingest.loaders.base import RawDocument, RawPage, TextOrigin
from ingest.loaders.text import read_utf8


class MarkdownLoader:
    suffixes = (".md", ".markdown")

    def load(self, path: Path) -> RawDocument:
        return RawDocument(path=path, origin=TextOrigin.markup, pages=[RawPage(read_utf8(path))])
