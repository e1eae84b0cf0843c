"""Every quote of the part-2 rule files occurs in the section it names, not merely somewhere in the handvat.

The handvat repeats passages across §5.6-§5.10 (the formats copy each other), so a quote can exist in the text
and still belong to another party's section. Section spans run from the body heading to the next listed heading.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checker.legal_basis import normaliseer_citaat

ROOT = Path(__file__).resolve().parents[3]
HANDVAT = ROOT / "corpus" / "004_6e297dca9058e807.txt"
RULES = ROOT / "checker" / "rules"
PART2_FILES = [
    "plichten_zorg",
    "kanalen_derden",
    "zorg",
    "gecertificeerde_instelling",
    "jeugdhulp",
    "reclassering",
    "veilig_thuis",
    "raad_kinderbescherming",
    "maatschappelijk_werk",
    "woningcorporatie",
    "slotbeschouwing",
]
# Body headings in document order; a section's span ends at the next heading that is not one of its subsections.
ORDER = ["4.3.5", "4.4", "5.1", "5.2", "5.5", "5.5.1", "5.5.2", "5.5.3", "5.5.4", "5.5.5", "5.6", "5.7", "5.8",
         "5.9", "5.10", "5.11", "5.12", "6", "7"]  # fmt: skip


def _spans() -> dict[str, str]:
    lines = HANDVAT.read_text(encoding="utf-8").split("\n")
    start: dict[str, int] = {}
    for sec in ORDER:
        pattern = re.compile(rf"^\s*{re.escape(sec)}\s+[A-Z(]")
        hits = [i for i, line in enumerate(lines) if pattern.match(line)]
        assert hits, f"kop van sectie {sec} niet gevonden in het handvat"
        start[sec] = hits[-1]  # the last hit is the body heading, not the table of contents
    spans = {}
    for k, sec in enumerate(ORDER[:-1]):
        end = next(start[s] for s in ORDER[k + 1 :] if not s.startswith(sec + "."))
        spans[sec] = normaliseer_citaat("\n".join(lines[start[sec] : end]))
    return spans


def _rules():
    out = []
    for name in PART2_FILES:
        data = yaml.safe_load((RULES / f"{name}.yaml").read_text(encoding="utf-8"))
        for r in data["regels"]:
            out.append(pytest.param(r, id=f"{name}:{r['id']}{'#' + r['tak'] if r.get('tak') else ''}"))
    return out


SPANS = _spans()


@pytest.mark.parametrize("regel", _rules())
def test_quote_lies_in_its_section(regel: dict) -> None:
    sectie = regel["sectie"]
    assert sectie in SPANS, f"sectie {sectie} heeft geen bekende kop in dit bestand"
    assert normaliseer_citaat(regel["citaat"]) in SPANS[sectie], (
        f"{regel['id']}: het citaat staat niet in §{sectie}: {regel['citaat'][:100]!r}"
    )
