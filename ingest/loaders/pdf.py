"""PDF (`.pdf`) via pypdf: one raw page per PDF page, numbered from the PDF itself."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import CorruptDocument
from ingest.loaders.base import RawDocument, RawPage, TextOrigin


class PdfLoader:
    suffixes = (".pdf",)

    def load(self, path: Path) -> RawDocument:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(path)
            if reader.is_encrypted:
                raise CorruptDocument(path, "de PDF is versleuteld")
            pages = [
                RawPage(text=(page.extract_text() or ""), number=n) for n, page in enumerate(reader.pages, start=1)
            ]
        except CorruptDocument:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
            raise CorruptDocument(path, f"geen geldige PDF: {exc}") from exc
        return RawDocument(path=path, origin=TextOrigin.pdf_extraction, pages=pages, paged=True)
