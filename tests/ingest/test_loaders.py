"""Loaders by file type: PDF (pages from the PDF), Word (heading styles), Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import UnsupportedFileType
from ingest.loaders import loader_for, supported_suffixes
from ingest.manifest import Manifest
from ingest.pipeline import ingest_document


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF with one text line per entry (Helvetica, ASCII)."""
    kids = [4 + 2 * i for i in range(len(pages))]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, lines in enumerate(pages):
        ops = " ".join(f"({_escape(line)}) Tj T*" for line in lines)
        stream = f"BT /F1 11 Tf 14 TL 72 740 Td {ops} ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_registry_covers_the_required_types():
    assert {".txt", ".pdf", ".docx", ".md"} <= set(supported_suffixes())
    with pytest.raises(UnsupportedFileType):
        loader_for(Path("tabel.xlsx"))


def test_pdf_passages_carry_pdf_page_numbers(tmp_path: Path):
    path = tmp_path / "protocol.pdf"
    path.write_bytes(
        make_pdf(
            [
                [
                    "1 Inleiding",
                    "1.1 Doel",
                    "Dit protocol regelt de uitwisseling van gegevens.1",
                    "",
                    "1 Zie de bijlage bij dit protocol.",
                ],
                ["1.2 Werkwijze", "Partners delen alleen wat nodig is voor het doel."],
            ]
        )
    )
    result = ingest_document(path, Manifest())
    by_section = {p.section: p for p in result.passages}
    assert by_section["1.1"].page == 1
    assert by_section["1.2"].page == 2
    assert "Partners delen alleen wat nodig is" in by_section["1.2"].text
    assert by_section["1.1"].footnotes == ["1 Zie de bijlage bij dit protocol."]
    assert "Zie de bijlage" not in by_section["1.1"].text
    assert [t.section for t in result.toc] == ["1", "1.1", "1.2"]


def test_docx_heading_styles_give_sections(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("Convenant Veiligheidshuis", level=1)
    document.add_paragraph("Partijen werken samen in het Veiligheidshuis.")
    document.add_heading("Artikel 3 Gegevensuitwisseling", level=2)
    document.add_paragraph("Gegevens worden alleen gedeeld als dat noodzakelijk is.")
    path = tmp_path / "Convenant_Veiligheidshuis-2024.docx"
    document.save(str(path))
    result = ingest_document(path, Manifest())
    passage = next(p for p in result.passages if "noodzakelijk" in p.text)
    assert passage.title == "Artikel 3 Gegevensuitwisseling"
    assert passage.section_path == ["Convenant Veiligheidshuis", "Artikel 3 Gegevensuitwisseling"]
    assert passage.document_title == "Convenant Veiligheidshuis 2024"
    assert passage.page is None


def test_markdown_headings(tmp_path: Path):
    path = tmp_path / "privacyprotocol.md"
    path.write_text(
        "# Privacyprotocol\n\nInleidende tekst.\n\n## Bewaartermijnen\n\nGegevens worden na twee jaar vernietigd.\n",
        encoding="utf-8",
    )
    result = ingest_document(path, Manifest())
    passage = next(p for p in result.passages if "vernietigd" in p.text)
    assert passage.title == "Bewaartermijnen"
    assert [(t.title, t.level) for t in result.toc] == [("Privacyprotocol", 1), ("Bewaartermijnen", 2)]


def test_pdf_running_header_and_footer_removed(tmp_path: Path):
    body = [
        ["1 Doel", "Dit convenant regelt de samenwerking."],
        ["2 Partijen", "Deelnemers zijn de gemeente en de politie."],
        ["3 Gegevens", "Partijen delen alleen noodzakelijke gegevens."],
    ]
    pages = [
        ["Convenant Veiligheidshuis Regio Noord", *lines, "", f"Pagina {n} van 3"]
        for n, lines in enumerate(body, start=1)
    ]
    path = tmp_path / "convenant.pdf"
    path.write_bytes(make_pdf(pages))
    result = ingest_document(path, Manifest())
    joined = "\n".join(p.text for p in result.passages)
    assert "Regio Noord" not in joined and "Pagina" not in joined
    assert [(t.section, t.title, t.page) for t in result.toc] == [
        ("1", "Doel", 1),
        ("2", "Partijen", 2),
        ("3", "Gegevens", 3),
    ]


@pytest.mark.parametrize(
    ("paragraphs", "toc"),
    [
        (
            [
                "Convenant",
                "Artikel 1 Begripsbepalingen",
                "In dit convenant wordt verstaan onder partijen: de ondertekenaars.",
                "Artikel 8 sub a Wbp is hier niet van toepassing.",
                "Artikel 2 Doel",
                "Partijen werken samen aan veiligheid.",
            ],
            [(None, "Artikel 1 Begripsbepalingen"), (None, "Artikel 2 Doel")],
        ),
        (
            [
                "1. Doel",
                "Dit protocol regelt de uitwisseling.",
                "1.1 Reikwijdte",
                "Het geldt voor alle partners.",
                "2. Partijen",
                "Deelnemers zijn de gemeente en de politie.",
            ],
            [("1", "Doel"), ("1.1", "Reikwijdte"), ("2", "Partijen")],
        ),
    ],
    ids=["labelled articles", "numbered paragraphs"],
)
def test_docx_without_heading_styles(tmp_path: Path, paragraphs, toc):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "protocol.docx"
    document.save(str(path))
    result = ingest_document(path, Manifest())
    assert [(t.section, t.title) for t in result.toc] == toc
