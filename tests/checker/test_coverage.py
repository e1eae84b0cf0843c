"""Coverage: every rule id of the two research notes is encoded in the rule data (``id`` or ``omvat``) or
listed with a reason in a ``checker/COVERAGE*.md`` file (a table row ``| ID | reason |``)."""

from __future__ import annotations

import re
from pathlib import Path

from checker.rule_loader import build_rulebase

ROOT = Path(__file__).resolve().parents[2]
RESEARCH = Path(__file__).parent / "data" / "research"
PREFIXES = "GEN|PROC|POL|OM|GEM|JUS|DUTY|ALG|ZORG|X|GI|JH|RECL|VT|RVDK|MW|WOCO|SLOT|OBL"
# Same pattern as the spec's validator (validate_cases._RULE_ID_RE).
RULE_ID_RE = re.compile(r"(?<![A-Za-z0-9-])(?:" + PREFIXES + r")-[A-Z0-9]+(?:-[A-Z0-9]+)*(?![A-Za-z0-9])")


def research_ids() -> set[str]:
    ids: set[str] = set()
    for name in ("rules-part1.md", "rules-part2.md"):
        ids.update(RULE_ID_RE.findall((RESEARCH / name).read_text(encoding="utf-8")))
    return ids


def coverage_entries() -> dict[str, str]:
    """Rule id -> reason, from every table row of checker/COVERAGE*.md whose first cell names ids."""
    out: dict[str, str] = {}
    for path in sorted((ROOT / "checker").glob("COVERAGE*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else []
            if len(cells) < 2:
                continue
            ids = RULE_ID_RE.findall(cells[0].replace("`", ""))
            reason = " ".join(cells[1:]).strip()
            for rid in ids:
                if reason and not set(reason) <= set("-: "):
                    out[rid] = reason
    return out


def test_research_notes_are_present():
    assert len(research_ids()) > 300


def test_every_research_rule_is_encoded_or_accounted_for():
    encoded = build_rulebase().ids()
    listed = coverage_entries()
    missing = sorted(research_ids() - encoded - set(listed))
    assert not missing, (
        f"{len(missing)} regel-id's uit de onderzoeksnotities zijn niet gecodeerd en staan niet met reden in "
        f"checker/COVERAGE*.md: {', '.join(missing)}"
    )


def test_encoded_ids_exist_in_the_notes():
    unknown = sorted(build_rulebase().ids() - research_ids())
    assert not unknown, f"regel-id's die niet in de onderzoeksnotities voorkomen: {', '.join(unknown)}"
