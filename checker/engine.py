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
        # Immutable verdict parts, built once per rule and shared between verdicts.
        self._citaat: dict[int, RegelCitaat] = {}
        self._gnorm: dict[int, tuple[tuple[str, str], ...]] = {}
        self._opv: dict[int, tuple[Opvolger, ...]] = {}
        for r in rulebase.regels:
            rg = r.regel
            self._citaat[id(r)] = RegelCitaat(id=rg.id, uitleg=rg.uitleg, sectie=rg.sectie, citaat=rg.citaat)
            self._gnorm[id(r)] = tuple((g, normaliseer_grondslag(g)) for g in rg.grondslagen)
            self._opv[id(r)] = tuple(Opvolger(grondslag=g, avg=a) for g, a in r.opvolgers)
        self._plicht: dict[tuple[str, str | None], Plicht] = {}
        for r in rulebase.regels:
            for ref in r.regel.plichten:
                duty = rulebase.plichten.get(ref.id)
                if duty is not None:
                    self._plicht[(ref.id, ref.uitleg)] = Plicht(id=ref.id, uitleg=ref.uitleg or duty.regel.uitleg)
        for duty in rulebase.plichten.values():
            self._plicht[(duty.id, None)] = Plicht(id=duty.id, uitleg=duty.regel.uitleg)
        self._spoor_cache: dict[tuple, SpoorRegel] = {}
        self._open_cache: dict[tuple, tuple[Voorwaarde, ...]] = {}
        autos = [p for p in rulebase.plichten.values() if p.regel.bij_elke_verstrekking]
        self._rules = [r for r in rulebase.regels if r.regel.soort is not Soort.PLICHT] + autos
        # Bit index: for each scenario field and code, the rules whose top-level code conditions accept it.
        self._masks: dict[str, dict[str, int]] = {}
        for veld, section in (("verstrekker", "partijen"), ("ontvanger", "partijen"), ("doel", "doelen"),
                              ("kader", "kaders")):  # fmt: skip
            masks = dict.fromkeys(vocab[section], 0)
            for i, r in enumerate(self._rules):
                allowed = r.code_sets.get(veld)
                for code in masks if allowed is None else allowed:
                    masks[code] |= 1 << i
            self._masks[veld] = masks

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
        m = self._masks
        bits = m["verstrekker"][view.verstrekker] & m["ontvanger"][view.ontvanger] & m["doel"][view.doel]
        bits &= m["kader"][view.kader]
        rules = self._rules
        while bits:
            low = bits & -bits
            bits ^= low
            r = rules[low.bit_length() - 1]
            if all(fn(view) for fn in r.static):
                buckets[r.regel.soort].append(r)
        cand = _Candidates(
            tuple(buckets[Soort.GROND]),
            tuple(buckets[Soort.VERBOD]),
            tuple(buckets[Soort.GEHEIMHOUDING]),
            tuple(buckets[Soort.TOELICHTING]),
            tuple(buckets[Soort.PLICHT]),
        )
        if len(self._cache) < 100_000:
            self._cache[key] = cand
        return cand

    @staticmethod
    def _split(rules, view, status, evaluate) -> tuple[list[CompiledRule], list[CompiledRule]]:
        """The rules that hold and the rules that are open (failing rules drop out)."""
        holds: list[CompiledRule] = []
        open_: list[CompiledRule] = []
        for r in rules:
            st = evaluate(r, view, status) if evaluate else r.evaluate(view)
            if st is True:
                holds.append(r)
            elif st is None:
                open_.append(r)
        return holds, open_

    def check(self, scenario: Scenario) -> Verdict:
        view = self._view(scenario)
        cand = self._candidates(view)
        status: dict[int, tuple] = {}
        evaluate = self._evaluate_traced if self.spoor else None

        xh, xo = self._split(cand.verboden, view, status, evaluate)
        gh, go = self._split(cand.gronden, view, status, evaluate)

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
            for g, n in self._gnorm[id(r)]:
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
                regels.append(self._citaat[id(r)])

        voorwaarden: list[Voorwaarde] = []
        ontbrekend: list[str] = []
        if criteria:
            seen_c: set[tuple[str, str]] = set()
            for r in basis:
                for c in r.regel.criteria:
                    if (c.feit, r.id) not in seen_c:
                        seen_c.add((c.feit, r.id))
                        voorwaarden.append(
                            Voorwaarde.model_construct(
                                feit=c.feit, waarden=list(c.waarden), regel=r.id, uitleg=c.uitleg
                            )
                        )
        seen_v = {(v.feit, v.regel) for v in voorwaarden}
        seen_f: set[str] = set()
        for r in open_rules:
            for vw in self._open_facts_cached(r, view):
                if (vw.feit, vw.regel) not in seen_v:
                    seen_v.add((vw.feit, vw.regel))
                    voorwaarden.append(vw)
                if vw.feit not in seen_f:
                    seen_f.add(vw.feit)
                    ontbrekend.append(vw.feit)

        plichten: list[Plicht] = []
        if uitkomst is not Uitkomst.NIET_TOEGESTAAN:
            plichten = self._duties(duties_of, view, cand)

        uniq_opv = list(dict.fromkeys(o for r in basis for o in self._opv[id(r)]))
        # model_construct: every part was validated when the rules were loaded or built above
        return Verdict.model_construct(
            uitkomst=uitkomst,
            grondslagen=grondslagen,
            voorwaarden=voorwaarden,
            plichten=plichten,
            ontbrekende_feiten=ontbrekend,
            regels=regels,
            opvolgers=uniq_opv,
            spoor=[],
        )

    def _duties(self, rules: list[CompiledRule], view: View, cand: _Candidates) -> list[Plicht]:
        out: dict[str, Plicht] = {}
        plichten = self.rulebase.plichten
        for r in rules:
            for ref in r.regel.plichten:
                duty = plichten.get(ref.id)
                if duty is None or ref.id in out or duty.evaluate(view) is False:
                    continue
                out[ref.id] = self._plicht[(ref.id, ref.uitleg)]
        for duty in cand.auto_plichten:
            if duty.id not in out and duty.evaluate(view) is not False:
                out[duty.id] = self._plicht[(duty.id, None)]
        return list(out.values())

    def _open_facts_cached(self, r: CompiledRule, view: View) -> tuple[Voorwaarde, ...]:
        """``_open_facts`` memoised: it depends only on the rule, the scenario's codes and the rule's facts."""
        feiten = view.feiten
        key = (id(r), view.verstrekker, view.ontvanger, view.doel, view.kader, view.gegevens,
               tuple(feiten.get(f) for f in r.fact_order))  # fmt: skip
        hit = self._open_cache.get(key)
        if hit is None:
            hit = tuple(Voorwaarde(feit=f, waarden=w, regel=r.id, uitleg=u) for f, w, u in self._open_facts(r, view))
            if len(self._open_cache) < 200_000:
                self._open_cache[key] = hit
        return hit

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

    @staticmethod
    def _evaluate_traced(r: CompiledRule, view: View, store: dict[int, tuple]) -> bool | None:
        """Evaluate every condition (no short cut) so the trace can reuse the values; Kleene AND of them."""
        values = tuple(c.evaluate(view) for c in r.conditions)
        over = tuple(o.evaluate(view) for o in r.overriders)
        st: bool | None = True
        for x in values:
            if x is False:
                st = False
                break
            if x is None:
                st = None
        if st is not False:
            for o in over:
                if o is True:
                    st = False
                    break
                if o is None:
                    st = None
        store[id(r)] = (st, values, over)
        return st

    def _trace(self, view: View, cand: _Candidates, status: dict[int, tuple]) -> list[SpoorRegel]:
        """Every candidate rule with its status and each condition's value. Trace items are immutable and
        cached per (rule, condition values), so a trace costs little more than evaluating the conditions."""
        out: list[SpoorRegel] = []
        cache = self._spoor_cache
        for r in (*cand.verboden, *cand.gronden, *cand.geheimhouding, *cand.toelichting):
            if id(r) not in status:
                self._evaluate_traced(r, view, status)
            st, values, over = status[id(r)]
            key = (id(r), st, values, over)
            item = cache.get(key)
            if item is None:
                conds = [
                    SpoorConditie(tekst=_cond_text(c), waarde=_WAARDE[v])
                    for c, v in zip(r.conditions, values, strict=True)
                ]
                conds += [
                    SpoorConditie(
                        tekst=f"niet: specifiekere regel {o.id} van toepassing",
                        waarde=_WAARDE[None if ov is None else not ov],
                    )
                    for o, ov in zip(r.overriders, over, strict=True)
                ]
                item = SpoorRegel(
                    id=r.id, tak=r.regel.tak, soort=r.regel.soort.value, status=_STATUS[st], condities=conds
                )
                if len(cache) < 200_000:
                    cache[key] = item
            out.append(item)
        return out


def _cond_text(c: Compiled) -> str:
    return f"{c.text} — {c.uitleg}" if c.uitleg else c.text
