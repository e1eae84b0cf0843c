"""Word (`.docx`) via python-docx: heading styles become markdown headings, tables become lines."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import CorruptDocument
from ingest.loaders.base import RawDocument, RawPage, TextOrigin

_HEADING_STYLE = re.compile(r"^(?:Heading|Kop)\s*(\d)$", re.IGNORECASE)


class DocxLoader:
    suffixes = (".docx",)

    def load(self, path: Path) -> RawDocument:
        import docx

        try:
            document = docx.Document(str(path))
        except Exception as exc:  # a parser on untrusted input: any failure means an unreadable file
            raise CorruptDocument(path, f"geen geldig Word-bestand: {type(exc).__name__}") from exc
        blocks: list[str] = []
        for paragraph in document.paragraphs:
            text = paragraph.text.strip()
            if not text:
                continue
            style = paragraph.style.name if paragraph.style is not None else ""
            match = _HEADING_STYLE.match(style or "")
            if match:
                blocks.append("#" * int(match.group(1)) + " " + text)
            elif (style or "").lower() == "title":
                blocks.append("# " + text)
            else:
                blocks.append(text)
        for table in document.tables:
            for row in table.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if cells:
                    blocks.append(" | ".join(cells))
        return RawDocument(path=path, origin=TextOrigin.markup, pages=[RawPage("\n\n".join(blocks))])
