"""Structure: numbered headings of the handvat (with footnote and list traps), letters' own headings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.headings import sections
from ingest.lines import Line
from ingest.manifest import Manifest
from ingest.pipeline import ingest_document

DATA = Path(__file__).parent / "data"


def load_json(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _lines(texts: list[str]) -> list[Line]:
    return [Line(t if t.strip() else "", 1, i, page_first=i == 0) for i, t in enumerate(texts)]


def test_handvat_excerpt_toc(ingest_fixture):
    expected = load_json("handvat_excerpt.expected.json")["toc"]
    result = ingest_fixture("handvat_excerpt.txt")
    got = [[t.section, t.title, t.level, t.page] for t in result.toc]
    assert got == expected


def test_passages_know_their_section_path(ingest_fixture):
    result = ingest_fixture("handvat_excerpt.txt")
    (passage,) = [p for p in result.passages if p.section == "2.1.1"]
    assert passage.title == "Doelstelling"
    assert passage.section_path == [
        "2 Veiligheidshuizen algemeen",
        "2.1 Wettelijk kader, organisatie en doelstelling",
        "2.1.1 Doelstelling",
    ]
    assert not passage.text.startswith("2.1.1")


@pytest.mark.parametrize(
    "trap",
    [
        "57 MvT Kst 30327 nr 3. pag 74",  # footnote line: does not continue the numbering
        "3.2.3 is beschreven, betreffen bijzondere persoonsgegevens",  # wrapped reference, lower case
        "2.1 Jw een taak op het gebied van preventie",  # a number that does not continue 5.2
        "6 Landelijk kader Veiligheidshuizen, p. 17",  # would continue the numbering, but not at a page start
        "5.2.2 Wet op de jeugdzorg",  # skips 5.2.1
        "1. Wat is de naam en vestigingsplaats van de deelnemer?",  # numbered list item
    ],
)
def test_numbered_heading_traps(trap):
    text = [
        " 5 Overzicht samenwerkende partijen",
        "",
        "5.1 Algemeen",
        "Tekst van de paragraaf.",
        "5.2 Politie",
        "Tekst van de paragraaf.",
        trap,
        "Meer tekst.",
        "5.2.1 Politiewet",
        "Tekst.",
        "5.3 Openbaar Ministerie",
        "Tekst.",
    ]
    parts, numbered = sections(_lines(text), plain=True)
    assert numbered
    assert [p.heading.number for p in parts if p.heading] == ["5", "5.1", "5.2", "5.2.1", "5.3"]
    assert any(trap in line.text for p in parts for line in p.lines)


def test_letter_and_factsheet_headings():
    text = [
        "Den Haag, 20 februari 2020",
        "",
        "In het kader van de aanpak van ondermijning heeft uw Kamer gevraagd naar de mogelijkheden",
        "van binnengemeentelijke informatiedeling. Ik heb toegezegd die in kaart te brengen.",
        "",
        "INFORMATIE DELEN",
        "",
        "Een paar zorgvuldigheidseisen van de AVG",
        "",
        "Doelbinding ",
        "De allereerste vraag die je je daarom moet stellen is: wat is het doel van het delen? ",
        "Dat moet vooraf duidelijk zijn voor iedereen die in het overleg deelneemt. ",
        "",
        "#### *Resultaten inventarisatie*",
        "",
        "De resultaten van de inventarisatie per regio zijn in de bijlage opgenomen.",
    ]
    parts, numbered = sections(_lines(text), plain=True)
    assert not numbered
    heads = [(p.heading.title, p.heading.level) for p in parts if p.heading]
    assert heads == [
        ("INFORMATIE DELEN", 1),
        ("Een paar zorgvuldigheidseisen van de AVG", 2),
        ("Doelbinding", 3),
        ("Resultaten inventarisatie", 3),
    ]
    doelbinding = next(p for p in parts if p.heading and p.heading.title == "Doelbinding")
    assert [h.title for h in doelbinding.path] == [
        "INFORMATIE DELEN",
        "Een paar zorgvuldigheidseisen van de AVG",
        "Doelbinding",
    ]


HANDVAT = Path(__file__).resolve().parents[2] / "corpus" / "004_6e297dca9058e807.txt"


@pytest.mark.skipif(not HANDVAT.is_file(), reason="project corpus not present")
def test_real_handvat_numbering_is_complete_and_monotonic():
    result = ingest_document(HANDVAT, Manifest.load(HANDVAT.parent))
    numbers = [tuple(int(x) for x in t.section.split(".")) for t in result.toc]
    assert numbers == sorted(numbers)
    assert [n for n in numbers if len(n) == 1] == [(i,) for i in range(1, 8)]
    assert len(numbers) >= 100
    pages = [t.page for t in result.toc]
    assert all(p is not None for p in pages) and pages == sorted(pages)


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("- wekelijkse incidentrapportages op lokaal niveau;", ["Behoefte aan lokaal maatwerk"]),
        ("- wekelijkse incidentrapportages op lokaal niveau", []),  # an unpunctuated list: just its last item
    ],
)
def test_dash_item_heading_after_a_punctuated_list(before, expected):
    text = [
        "Voorbeelden zijn:",
        "",
        "- maandelijks verstrekken van politiecijfers;",
        before,
        "",
        "- Behoefte aan lokaal maatwerk",
        "",
        "Uit de inventarisatie komt naar voren dat burgemeesters lokaal maatwerk van wezenlijk belang vinden.",
    ]
    parts, _ = sections(_lines(text), plain=True)
    assert [p.heading.title for p in parts if p.heading] == expected
