"""PDF (`.pdf`) via pypdf: one raw page per PDF page, numbered from the PDF itself."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import CorruptDocument
from ingest.loaders.base import RawDocument, RawPage, TextOrigin


class PdfLoader:
    suffixes = (".pdf",)

    def load(self, path: Path) -> RawDocument:
        from pypdf import PdfReader

        try:
            reader = PdfReader(path)
            if reader.is_encrypted:
                raise CorruptDocument(path, "de PDF is versleuteld")
            pages = [
                RawPage(text=(page.extract_text() or ""), number=n) for n, page in enumerate(reader.pages, start=1)
            ]
        except CorruptDocument:
            raise
        except Exception as exc:  # a parser on untrusted input: any failure means an unreadable file
            raise CorruptDocument(path, f"geen geldige PDF: {type(exc).__name__}") from exc
        return RawDocument(path=path, origin=TextOrigin.pdf_extraction, pages=pages, paged=True)
