"""Dutch plain-text rendering of a verdict, and fact questions (used by the CLI and by the chat)."""

from __future__ import annotations

from typing import Any

from checker.models import Uitkomst, Verdict
from checker.vocabulary import load_vocabulary

_UITKOMST_KOP = {
    Uitkomst.VERPLICHT: "VERPLICHT — de verstrekking moet plaatsvinden",
    Uitkomst.TOEGESTAAN: "TOEGESTAAN — de verstrekking mag",
    Uitkomst.TOEGESTAAN_ONDER_VOORWAARDEN: "TOEGESTAAN ONDER VOORWAARDEN — het hangt af van feiten die nog onbekend zijn",
    Uitkomst.AFWEGING: "AFWEGING — het handvat laat de beslissing aan uw afweging over",
    Uitkomst.NIET_TOEGESTAAN: "NIET TOEGESTAAN",
}


def waarde_nl(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    return str(value)


def fact_question(feit: str) -> str:
    """The Dutch question for a fact, with its possible answers."""
    spec = load_vocabulary()["feiten"].get(feit)
    if spec is None:
        return feit
    answers = "ja / nee" if spec["type"] == "bool" else " / ".join(spec["waarden"])
    return f"{spec['nl']} [{answers}]"


def render_text(verdict: Verdict, *, spoor: bool = False) -> str:
    """A readable Dutch rendering: outcome, grondslagen, voorwaarden, plichten, open questions, quotes."""
    out = [f"Uitkomst: {_UITKOMST_KOP[verdict.uitkomst]}"]
    if verdict.uitkomst is Uitkomst.NIET_TOEGESTAAN and not verdict.regels:
        out.append("  Geen enkele regel van het handvat biedt een grondslag voor deze verstrekking.")
    if verdict.grondslagen:
        kop = "Grondslagen:"
        if verdict.uitkomst is Uitkomst.NIET_TOEGESTAAN:
            kop = "Artikelen waarop het verbod of de geheimhoudingsplicht berust:"
        out += ["", kop]
        successors = {o.grondslag: o.avg for o in verdict.opvolgers}
        for g in verdict.grondslagen:
            extra = f" — thans {successors[g]}" if g in successors else ""
            out.append(f"  - {g}{extra}")
        if any(g.endswith("Wbp") for g in verdict.grondslagen):
            out.append("  (Het handvat is van 2016 en citeert de Wbp; sinds 25 mei 2018 gelden de AVG en de UAVG.)")
    if verdict.voorwaarden:
        out += ["", *_render_voorwaarden(verdict)]
    if verdict.plichten:
        out += ["", "Plichten bij deze verstrekking:"]
        out += [f"  - {p.uitleg} ({p.id})" for p in verdict.plichten]
    if verdict.ontbrekende_feiten:
        out += ["", "Nog te beantwoorden:"]
        out += [f"  - {fact_question(f)} ({f})" for f in verdict.ontbrekende_feiten]
    if verdict.regels:
        out += ["", "Waarop dit berust (handvat):"]
        for r in verdict.regels:
            out.append(f"  {r.id} (§{r.sectie}): {r.uitleg}")
            out.append(f"    “{r.citaat}”")
    if spoor and verdict.spoor:
        out += ["", "Spoor (gewogen regels):"]
        for s in verdict.spoor:
            out.append(f"  {s.id}{'#' + s.tak if s.tak else ''} [{s.soort}] {s.status}")
            out += [f"      {c.waarde:<8} {c.tekst}" for c in s.condities]
    return "\n".join(out)


def _render_voorwaarden(verdict: Verdict) -> list[str]:
    """Voorwaarden grouped per rule: for a ground all of its conditions must be met (the grounds are
    alternatives); for a prohibition, what lifts it."""
    if verdict.uitkomst is Uitkomst.AFWEGING:
        lines = ["Af te wegen criteria:"]
        for v in verdict.voorwaarden:
            lines.append(f"  - {v.uitleg} ({v.feit} = {' of '.join(waarde_nl(w) for w in v.waarden)}; {v.regel})")
        return lines
    soort = {t.id: t.soort for t in verdict.spoor}
    groups: dict[str, list] = {}
    for v in verdict.voorwaarden:
        groups.setdefault(v.regel, []).append(v)
    grounds = [r for r in groups if soort.get(r) != "verbod"]
    lines = ["Voorwaarden:"]
    if len(grounds) > 1:
        lines.append(
            "  (Elk van deze gronden kan de verstrekking dragen; per grond moet aan al haar voorwaarden zijn voldaan.)"
        )
    for regel, items in groups.items():
        kop = f"  Om verbod {regel} niet te laten gelden:" if soort.get(regel) == "verbod" else f"  Grond {regel}:"
        lines.append(kop)
        for v in items:
            lines.append(f"    - {v.uitleg} ({v.feit} = {' of '.join(waarde_nl(w) for w in v.waarden)})")
    return lines
