"""Currency: a Wbp article the answer rests on gets its AVG/UAVG successor from the checker, in one line."""

from __future__ import annotations

import pytest

from answer.currency import default_successor, note, wbp_articles
from answer.models import Citation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("noodzakelijk voor een publiekrechtelijke taak (artikel 8 sub e Wbp)", ["art. 8 sub e Wbp"]),
        ("op grond van artikel 23 lid 1 sub a Wbp", ["art. 23 lid 1 sub a Wbp"]),
        ("zie artikel 8, onder a, Wbp en art. 16 WBP", ["art. 8 sub a Wbp", "art. 16 Wbp"]),
        ("artikel 1 sub d van de Wbp", ["art. 1 sub d Wbp"]),
        ("artikel 20 Wpg voor samenwerkingsverbanden", []),
        ("alleen op grond van artikel 8b Wbp en artikel 8 a Wbp", ["art. 8b Wbp", "art. 8 sub a Wbp"]),
    ],
)
def test_wbp_articles(text, expected):
    assert wbp_articles(text) == expected


def _citation(quote: str) -> Citation:
    return Citation(n=1, passage_id="p", document="d", document_title="t", section="4.2", title=None, page=1,
                    label="Handvat §4.2", quote=quote)


def test_note_names_the_successor_from_the_checker():
    successor = default_successor()
    assert successor is not None
    line = note([_citation("taak (artikel 8 sub e \nWbp)")], successor)
    assert line is not None and "\n" not in line
    assert "art. 8 sub e Wbp" in line and successor("art. 8 sub e Wbp") in line


def test_letter_article_is_read_as_sub():
    line = note([_citation("op grond van artikel 8b Wbp (overeenkomst)")], default_successor())
    assert line and "art. 8b Wbp is thans art. 6 lid 1 sub b AVG" in line
    assert "art. 34a Wbp is thans art. 33 AVG" in note([_citation("artikel 34a Wbp")], default_successor())


def test_no_line_without_a_confident_successor():
    successor = default_successor()
    assert note([_citation("blokkeren (artikel 9 lid 4 Wbp)")], successor) is None
    assert note([_citation("artikel 20 Wpg")], successor) is None
    assert note([_citation("artikel 8 sub e Wbp")], None) is None


def test_answer_resting_on_a_wbp_article_carries_the_note(assistant):
    answer = assistant.ask("Op welke grond mag een bestuursorgaan persoonsgegevens verwerken voor een publiekrechtelijke taak?")
    assert any("Wbp" in c.quote for c in answer.citations)
    assert any(n.startswith("Let op:") and "AVG" in n for n in answer.notes)
