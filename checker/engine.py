"""The decision procedure of spec §5: three-valued rule evaluation, then steps 1-4, then filling the verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.conditions import Compiled, View
from checker.legal_basis import normaliseer_grondslag
from checker.models import (
    Opvolger,
    Plicht,
    RegelCitaat,
    Scenario,
    SpoorConditie,
    SpoorRegel,
    Uitkomst,
    Verdict,
    Voorwaarde,
)
from checker.rule_loader import CompiledRule, RuleBase
from checker.rule_schema import GrondUitkomst, Soort
from checker.vocabulary import fact_values, load_vocabulary

_STRENGTH = {GrondUitkomst.VERPLICHT: 3, GrondUitkomst.TOEGESTAAN: 2, GrondUitkomst.AFWEGING: 1}
_WAARDE = {True: "waar", False: "onwaar", None: "onbekend"}
_STATUS = {True: "geldt", False: "faalt", None: "open"}


@dataclass(frozen=True, slots=True)
class _Candidates:
    """Rules whose fact-free top-level conditions are true for a scenario's codes, by kind."""

    gronden: tuple[CompiledRule, ...]
    verboden: tuple[CompiledRule, ...]
    geheimhouding: tuple[CompiledRule, ...]
    toelichting: tuple[CompiledRule, ...]
    auto_plichten: tuple[CompiledRule, ...]


class Engine:
    """Applies a ``RuleBase`` to scenarios. Stateless apart from a cache of per-code-combination candidates."""

    def __init__(self, rulebase: RuleBase, *, spoor: bool = True) -> None:
        self.rulebase = rulebase
        self.spoor = spoor
        self._cache: dict[tuple, _Candidates] = {}
        vocab = load_vocabulary()
        self._bijzonder = frozenset(c for c, e in vocab["gegevens"].items() if e.get("bijzonder"))
        self._questions = {c: e["nl"] for c, e in vocab["feiten"].items()}
        self._rules = [r for r in rulebase.regels if r.regel.soort is not Soort.PLICHT]

    # ------------------------------------------------------------------ evaluation

    def _view(self, s: Scenario) -> View:
        gegevens = frozenset(s.gegevens)
        return View(
            verstrekker=s.verstrekker,
            ontvanger=s.ontvanger,
            doel=s.doel,
            kader=s.kader,
            gegevens=gegevens,
            bijzonder=not gegevens.isdisjoint(self._bijzonder),
            feiten=s.feiten,
        )

    def _candidates(self, view: View) -> _Candidates:
        key = (view.verstrekker, view.ontvanger, view.doel, view.kader, view.gegevens)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        buckets: dict[Soort, list[CompiledRule]] = {s: [] for s in Soort}
        for r in self._rules:
            if r.static_ok(view):
                buckets[r.regel.soort].append(r)
        autos = tuple(p for p in self.rulebase.plichten.values() if p.regel.bij_elke_verstrekking and p.static_ok(view))
        cand = _Candidates(
            tuple(buckets[Soort.GROND]),
            tuple(buckets[Soort.VERBOD]),
            tuple(buckets[Soort.GEHEIMHOUDING]),
            tuple(buckets[Soort.TOELICHTING]),
            autos,
        )
        if len(self._cache) < 100_000:
            self._cache[key] = cand
        return cand

    def check(self, scenario: Scenario) -> Verdict:
        view = self._view(scenario)
        cand = self._candidates(view)
        status: dict[int, bool | None] = {}
        xh: list[CompiledRule] = []
        xo: list[CompiledRule] = []
        for r in cand.verboden:
            st = r.evaluate(view)
            status[id(r)] = st
            if st is True:
                xh.append(r)
            elif st is None:
                xo.append(r)
        gh: list[CompiledRule] = []
        go: list[CompiledRule] = []
        for r in cand.gronden:
            st = r.evaluate(view)
            status[id(r)] = st
            if st is True:
                gh.append(r)
            elif st is None:
                go.append(r)

        if xh:  # step 1
            verdict = self._fill(Uitkomst.NIET_TOEGESTAAN, view, cand, basis=xh)
        elif gh and not xo:  # step 2
            best = max(_STRENGTH[r.regel.uitkomst] for r in gh)
            chosen = [r for r in gh if _STRENGTH[r.regel.uitkomst] == best]
            uitkomst = Uitkomst(chosen[0].regel.uitkomst.value)
            criteria = uitkomst is Uitkomst.AFWEGING
            verdict = self._fill(uitkomst, view, cand, basis=chosen, duties_of=chosen, criteria=criteria)
        elif gh or go:  # step 3
            if gh:
                best = max(_STRENGTH[r.regel.uitkomst] for r in gh)
                grounds = [r for r in gh if _STRENGTH[r.regel.uitkomst] == best]
                open_rules = xo
            else:
                grounds = go
                open_rules = [*go, *xo]
            verdict = self._fill(
                Uitkomst.TOEGESTAAN_ONDER_VOORWAARDEN,
                view,
                cand,
                basis=grounds,
                extra_regels=xo,
                duties_of=grounds,
                open_rules=open_rules,
            )
        else:  # step 4
            secrecy = [r for r in cand.geheimhouding if r.evaluate(view) is not False]
            verdict = self._fill(Uitkomst.NIET_TOEGESTAAN, view, cand, basis=secrecy)
        if self.spoor:
            verdict.spoor = self._trace(view, cand, status)
        return verdict

    # ------------------------------------------------------------------ filling the verdict (spec §5.3)

    def _fill(
        self,
        uitkomst: Uitkomst,
        view: View,
        cand: _Candidates,
        *,
        basis: list[CompiledRule],
        extra_regels: list[CompiledRule] = (),  # type: ignore[assignment]
        duties_of: list[CompiledRule] = (),  # type: ignore[assignment]
        open_rules: list[CompiledRule] = (),  # type: ignore[assignment]
        criteria: bool = False,
    ) -> Verdict:
        grondslagen: list[str] = []
        seen_g: set[str] = set()
        for r in basis:
            for g in r.regel.grondslagen:
                n = normaliseer_grondslag(g)
                if n not in seen_g:
                    seen_g.add(n)
                    grondslagen.append(g)

        cited = [*basis, *extra_regels]
        for t in cand.toelichting:
            if uitkomst in t.regel.bij_uitkomsten and t.evaluate(view) is True:
                cited.append(t)
        regels: list[RegelCitaat] = []
        seen_r: set[str] = set()
        for r in cited:
            if r.id not in seen_r:
                seen_r.add(r.id)
                rg = r.regel
                regels.append(RegelCitaat(id=rg.id, uitleg=rg.uitleg, sectie=rg.sectie, citaat=rg.citaat))

        voorwaarden: list[Voorwaarde] = []
        ontbrekend: list[str] = []
        if criteria:
            seen_c: set[tuple[str, str]] = set()
            for r in basis:
                for c in r.regel.criteria:
                    if (c.feit, r.id) not in seen_c:
                        seen_c.add((c.feit, r.id))
                        voorwaarden.append(
                            Voorwaarde(feit=c.feit, waarden=list(c.waarden), regel=r.id, uitleg=c.uitleg)
                        )
        for r in open_rules:
            for feit, waarden, uitleg in self._open_facts(r, view):
                if not any(v.feit == feit and v.regel == r.id for v in voorwaarden):
                    voorwaarden.append(Voorwaarde(feit=feit, waarden=waarden, regel=r.id, uitleg=uitleg))
                if feit not in ontbrekend:
                    ontbrekend.append(feit)

        plichten: list[Plicht] = []
        if uitkomst is not Uitkomst.NIET_TOEGESTAAN:
            plichten = self._duties(duties_of, view, cand)

        opvolgers = [Opvolger(grondslag=g, avg=s) for r in basis for g, s in r.opvolgers if g in grondslagen or not g]
        uniq_opv = list({(o.grondslag, o.avg): o for o in opvolgers}.values())
        return Verdict(
            uitkomst=uitkomst,
            grondslagen=grondslagen,
            voorwaarden=voorwaarden,
            plichten=plichten,
            ontbrekende_feiten=ontbrekend,
            regels=regels,
            opvolgers=uniq_opv,
        )

    def _duties(self, rules: list[CompiledRule], view: View, cand: _Candidates) -> list[Plicht]:
        out: dict[str, Plicht] = {}
        plichten = self.rulebase.plichten
        for r in rules:
            for ref in r.regel.plichten:
                duty = plichten.get(ref.id)
                if duty is None or ref.id in out or duty.evaluate(view) is False:
                    continue
                out[ref.id] = Plicht(id=ref.id, uitleg=ref.uitleg or duty.regel.uitleg)
        for duty in cand.auto_plichten:
            if duty.id not in out and duty.evaluate(view) is not False:
                out[duty.id] = Plicht(id=duty.id, uitleg=duty.regel.uitleg)
        return list(out.values())

    def _open_facts(self, r: CompiledRule, view: View) -> list[tuple[str, list[Any], str]]:
        """For each unknown condition of an open rule, its unknown facts with the values that keep the rule
        possible: not false for a ground, not true for a prohibition (spec §5.3)."""
        ground = r.regel.soort is Soort.GROND
        parts: list[tuple[Any, frozenset[str], str | None]] = [(c.evaluate, c.facts, c.uitleg) for c in r.conditions]
        for o in r.overriders:
            inner = o.evaluate
            parts.append((lambda v, _fn=inner: None if (x := _fn(v)) is None else not x, o.facts, None))
        out: list[tuple[str, list[Any], str]] = []
        feiten = view.feiten
        for fn, facts, uitleg in parts:
            if fn(view) is not None:
                continue
            for feit in sorted(facts):
                if feit in feiten:
                    continue
                waarden = []
                for value in fact_values(feit):
                    probe = View(
                        view.verstrekker, view.ontvanger, view.doel, view.kader, view.gegevens, view.bijzonder,
                        {**feiten, feit: value},
                    )  # fmt: skip
                    res = fn(probe)
                    if (res is not False) if ground else (res is not True):
                        waarden.append(value)
                out.append((feit, waarden, uitleg or self._question(feit, waarden)))
        return out

    def _question(self, feit: str, waarden: list[Any]) -> str:
        shown = ", ".join("ja" if w is True else "nee" if w is False else str(w) for w in waarden)
        return f"{self._questions.get(feit, feit)} (vereist: {shown})"

    # ------------------------------------------------------------------ trace

    def _trace(self, view: View, cand: _Candidates, status: dict[int, bool | None]) -> list[SpoorRegel]:
        out: list[SpoorRegel] = []
        for r in (*cand.verboden, *cand.gronden, *cand.geheimhouding, *cand.toelichting):
            st = status.get(id(r))
            if id(r) not in status:
                st = r.evaluate(view)
            conds = [SpoorConditie(tekst=_cond_text(c), waarde=_WAARDE[c.evaluate(view)]) for c in r.conditions]
            for o in r.overriders:
                ov = o.evaluate(view)
                conds.append(
                    SpoorConditie(
                        tekst=f"niet: specifiekere regel {o.id} van toepassing",
                        waarde=_WAARDE[None if ov is None else not ov],
                    )
                )
            out.append(
                SpoorRegel(id=r.id, tak=r.regel.tak, soort=r.regel.soort.value, status=_STATUS[st], condities=conds)
            )
        return out


def _cond_text(c: Compiled) -> str:
    return f"{c.text} — {c.uitleg}" if c.uitleg else c.text
