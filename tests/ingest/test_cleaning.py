"""Cleaning: hyphenated line breaks, running headers/footers, footnotes separated and attached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.cleaning import Vocabulary, join_lines

DATA = Path(__file__).parent / "data"


def load_json(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


HYPHEN_CASES = load_json("hyphenation.json")


DATA = Path(__file__).parent / "data"


def load_json(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", HYPHEN_CASES, ids=[c["why"] for c in HYPHEN_CASES])
def test_join_lines(case):
    vocab = Vocabulary(case["doc"] + "\n" + "\n".join(case["lines"]))
    assert join_lines(case["lines"], vocab) == case["expected"]


def test_unhyphenated_break_joined_only_when_the_document_knows_the_word():
    body = "\n".join(["Een regel die eindigt op een spatie "] * 30)
    vocab = Vocabulary(body + "\nwe willen samenwerken \n")
    assert join_lines(["partijen moeten samen", "werken en delen"], vocab) == "partijen moeten samenwerken en delen"
    assert join_lines(["dat is uitgevoerd", "door een team"], vocab) == "dat is uitgevoerd door een team"


def test_kamerstuk_running_lines_removed_and_footnotes_attached(ingest_fixture):
    expected = load_json("kamerstuk.expected.json")
    result = ingest_fixture("kamerstuk.txt")
    texts = [p.text for p in result.passages]
    joined = "\n".join(texts)
    for snippet in expected["text_contains"]:
        assert any(snippet in t for t in texts), snippet
    for banned in expected["never_in_text"]:
        assert banned not in joined, banned
    for marker, note in expected["footnotes"]:
        owners = [p for p in result.passages if note in p.footnotes]
        assert len(owners) == 1, note
        assert marker in owners[0].text
    for snippet, page in expected["pages"]:
        (owner,) = [p for p in result.passages if snippet in p.text]
        assert owner.page <= page <= (owner.page_end or owner.page)


def test_handvat_excerpt_footnotes_and_boilerplate(ingest_fixture):
    expected = load_json("handvat_excerpt.expected.json")
    result = ingest_fixture("handvat_excerpt.txt")
    joined = "\n".join(p.text for p in result.passages)
    for banned in expected["never_in_text"]:
        assert banned not in joined, banned
    for section, snippet in expected["text_contains"]:
        assert any(p.section == section and snippet in p.text for p in result.passages), snippet
    for section, note in expected["footnotes"]:
        owners = [p.section for p in result.passages if note in p.footnotes]
        assert owners == [section], note


@pytest.mark.parametrize(
    ("lines", "body_kept", "notes"),
    [
        # a wrapped body line that starts with the due number, no blank line, no marker above: body text
        (["Dit is geregeld in artikel", "1 Ambtenarenwet en verder in de wet.", "Meer tekst."], 3, []),
        # the same number after a blank line at the page bottom: a footnote
        (["Dit is geregeld in de wet.", "", "1 Ambtenarenwet 1929."], 2, [(1, "Ambtenarenwet 1929.")]),
        # no blank line, but the marker is in the body above (PDF text without blank lines)
        (["Dit is geregeld in de wet.1", "1 Ambtenarenwet 1929."], 1, [(1, "Ambtenarenwet 1929.")]),
    ],
)
def test_footnote_block_needs_evidence(lines, body_kept, notes):
    from ingest.footnotes import split_footnotes
    from ingest.pages import PageText

    pages, found = split_footnotes([PageText(lines=lines, number=1)])
    assert len(pages[0].lines) == body_kept
    assert [(f.number, " ".join(f.lines)) for f in found] == notes
