"""Scoring of checker evaluation cases (spec §7): outcome equal; grondslagen, sections and missing facts contained.

Comparison uses the reference functions of the spec (``evals/reference_validate_cases.py``).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evals.reference_validate_cases import vergelijk_met_uitspraak

UITKOMSTEN = ("verplicht", "toegestaan", "toegestaan_onder_voorwaarden", "afweging", "niet_toegestaan")


class Verwacht(BaseModel):
    model_config = ConfigDict(extra="forbid")

    uitkomst: str
    grondslagen_bevat: list[str] = Field(default_factory=list)
    secties_bevat: list[str] = Field(default_factory=list)
    ontbrekende_feiten_bevat: list[str] = Field(default_factory=list)


class ScenarioCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    titel: str
    scenario: dict[str, Any]
    verwacht: Verwacht
    toelichting: str
    regel: int = 0  # line number in the file (not part of the case format)


class CaseFileError(ValueError):
    """A case file cannot be read; the message names the line."""


class CaseResult(BaseModel):
    id: str
    titel: str
    verstrekker: str
    verwacht: str
    gekregen: str | None  # None when the checker refused the scenario
    fouten: list[str]

    @property
    def geslaagd(self) -> bool:
        return not self.fouten


class ScenarioReport(BaseModel):
    results: list[CaseResult]

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def passed(self) -> int:
        return sum(r.geslaagd for r in self.results)

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def per(self, key: Callable[[CaseResult], str]) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.results:
            out[key(r)][0] += r.geslaagd
            out[key(r)][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}

    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter((r.verwacht, r.gekregen or "fout") for r in self.results)

    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.geslaagd]


def load_cases(path: Path | str) -> list[ScenarioCase]:
    """Read a JSON Lines case file; raises ``CaseFileError`` naming the line of the first bad case."""
    text = Path(path).read_text(encoding="utf-8")
    return parse_case_lines(text.splitlines())


def parse_case_lines(lines: Iterable[str]) -> list[ScenarioCase]:
    cases: list[ScenarioCase] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CaseFileError(f"regel {n}: geen geldige JSON ({exc.msg})") from exc
        if not isinstance(raw, dict):
            raise CaseFileError(f"regel {n}: een case is een JSON-object")
        try:
            cases.append(ScenarioCase.model_validate({**raw, "regel": n}))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise CaseFileError(f"regel {n}: {where}: {first['msg']}") from exc
    return cases


def score_case(case: ScenarioCase, check: Callable[[dict[str, Any]], Any]) -> CaseResult:
    """Run one case through ``check`` (returns a Verdict model or dict) and compare per spec §7.2."""
    from checker.errors import CheckerError

    verstrekker = str(case.scenario.get("verstrekker", "?"))
    try:
        verdict = check(case.scenario)
    except CheckerError as exc:
        return CaseResult(
            id=case.id, titel=case.titel, verstrekker=verstrekker, verwacht=case.verwacht.uitkomst,
            gekregen=None, fouten=[f"scenario geweigerd: {exc}"],
        )  # fmt: skip
    uitspraak = verdict.model_dump(mode="json") if hasattr(verdict, "model_dump") else dict(verdict)
    fouten = vergelijk_met_uitspraak(case.verwacht.model_dump(), uitspraak)
    return CaseResult(
        id=case.id, titel=case.titel, verstrekker=verstrekker, verwacht=case.verwacht.uitkomst,
        gekregen=uitspraak.get("uitkomst"), fouten=fouten,
    )  # fmt: skip


def evaluate(cases: Iterable[ScenarioCase], check: Callable[[dict[str, Any]], Any] | None = None) -> ScenarioReport:
    if check is None:
        from checker import check as default_check

        check = default_check
    return ScenarioReport(results=[score_case(c, check) for c in cases])


_NL = (
    (", expected ", ", verwacht "),
    (" not among ", " staat niet in "),
    (" not covered by ", " niet gedekt door "),
    ("missing fact ", "ontbrekend feit "),
)


def fout_nl(fout: str) -> str:
    """The reference comparison's (English) failure reason in Dutch, for display."""
    for en, nl in _NL:
        fout = fout.replace(en, nl)
    return fout


def format_report(report: ScenarioReport) -> str:
    """A Dutch plain-text report: accuracy overall, per outcome, per verstrekker, confusion matrix, failures."""
    lines = [f"Geslaagd: {report.passed}/{report.total} ({report.accuracy:.1%})", "", "Per verwachte uitkomst:"]
    for k, (ok, n) in report.per(lambda r: r.verwacht).items():
        lines.append(f"  {k:<30} {ok}/{n} ({ok / n:.0%})")
    lines += ["", "Per verstrekker:"]
    for k, (ok, n) in report.per(lambda r: r.verstrekker).items():
        lines.append(f"  {k:<30} {ok}/{n} ({ok / n:.0%})")
    conf = report.confusion()
    cols = [*UITKOMSTEN, "fout"]
    short = {u: u[:12] for u in cols}
    lines += ["", "Verwarringsmatrix (rij = verwacht, kolom = gekregen):"]
    lines.append(" " * 30 + " ".join(f"{short[c]:>12}" for c in cols))
    for row in UITKOMSTEN:
        if any(conf[(row, c)] for c in cols):
            lines.append(f"  {row:<28}" + " ".join(f"{conf[(row, c)]:>12}" for c in cols))
    fails = report.failures()
    if fails:
        lines += ["", f"Mislukt ({len(fails)}):"]
        for r in fails:
            lines.append(
                f"  {r.id} [{r.verstrekker}] verwacht {r.verwacht}, gekregen {r.gekregen or 'fout'}: {r.titel}"
            )
            lines.extend(f"      - {fout_nl(f)}" for f in r.fouten)
    return "\n".join(lines)


def report_json(report: ScenarioReport) -> dict[str, Any]:
    return {
        "geslaagd": report.passed,
        "totaal": report.total,
        "nauwkeurigheid": report.accuracy,
        "per_uitkomst": {k: {"geslaagd": a, "totaal": b} for k, (a, b) in report.per(lambda r: r.verwacht).items()},
        "per_verstrekker": {
            k: {"geslaagd": a, "totaal": b} for k, (a, b) in report.per(lambda r: r.verstrekker).items()
        },
        "verwarring": [{"verwacht": v, "gekregen": g, "aantal": n} for (v, g), n in sorted(report.confusion().items())],
        "mislukt": [r.model_dump() for r in report.failures()],
    }
