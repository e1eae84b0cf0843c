"""Scenario and verdict models (spec §3 and §4), with Dutch field names and Dutch validation messages."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from checker.errors import ScenarioError
from checker.vocabulary import load_vocabulary, note_code_replacement, suggest, unknown_code_message

SCENARIO_VELDEN = ("verstrekker", "ontvanger", "gegevens", "doel", "kader", "feiten")

# Party codes that stand for a class of separate professionals or organisations (two GGZ workers, two
# schools): one of them may provide to another. Every other code is one legal actor (politie, OM, the Raad,
# a burgemeester, the samenwerkingsverband), and a provision from it to itself is refused as bad input.
MEERVOUDIGE_PARTIJEN = frozenset(
    {
        "zorgprofessional",
        "jeugdhulpaanbieder",
        "forensische_zorgaanbieder",
        "maatschappelijk_werk",
        "gedragsdeskundige",
        "gecertificeerde_instelling",
        "woningcorporatie",
        "school",
        "slachtofferhulp",
        "overige_opsporingsdienst",
        "klacht_of_toezichtinstantie",
        "wetenschappelijk_onderzoeker",
        "suwi_partij",
        "derde",
    }
)


class Uitkomst(StrEnum):
    VERPLICHT = "verplicht"
    TOEGESTAAN = "toegestaan"
    TOEGESTAAN_ONDER_VOORWAARDEN = "toegestaan_onder_voorwaarden"
    AFWEGING = "afweging"
    NIET_TOEGESTAAN = "niet_toegestaan"


def _code(value: Any, section: str, veld: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{veld}: verwacht een code (tekst), niet {value!r}")
    if value not in load_vocabulary()[section]:
        raise ValueError(unknown_code_message(value, section, veld))
    return value


class Scenario(BaseModel):
    """One intended provision of personal data (spec §3). Unknown facts are absent from ``feiten``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    verstrekker: str
    ontvanger: str
    gegevens: list[str]
    doel: str
    kader: str
    feiten: dict[str, bool | str]

    @field_validator("verstrekker", "ontvanger", mode="before")
    @classmethod
    def _partij(cls, value: Any, info: Any) -> str:
        return _code(value, "partijen", info.field_name)

    @field_validator("doel", mode="before")
    @classmethod
    def _doel(cls, value: Any) -> str:
        return _code(value, "doelen", "doel")

    @field_validator("kader", mode="before")
    @classmethod
    def _kader(cls, value: Any) -> str:
        return _code(value, "kaders", "kader")

    @field_validator("gegevens", mode="before")
    @classmethod
    def _gegevens(cls, value: Any) -> list[str]:
        if not isinstance(value, list):
            raise ValueError('gegevens: verwacht een lijst van gegevenscategorieën, bijv. ["gewone_persoonsgegevens"]')
        if not value:
            raise ValueError("gegevens: de lijst is leeg; noem minstens één gegevenscategorie")
        codes = [_code(v, "gegevens", f"gegevens[{i}]") for i, v in enumerate(value)]
        dubbel = sorted({c for c in codes if codes.count(c) > 1})
        if dubbel:
            raise ValueError(f"gegevens: {', '.join(dubbel)} staat er meer dan eens in")
        return codes

    @field_validator("feiten", mode="before")
    @classmethod
    def _feiten(cls, value: Any) -> dict[str, bool | str]:
        if not isinstance(value, dict):
            raise ValueError("feiten: verwacht een object van feit → waarde ({} als niets bekend is)")
        known = load_vocabulary()["feiten"]
        for code, v in value.items():
            spec = known.get(code)
            if spec is None:
                replacement = [c for c in note_code_replacement(code, "feiten") if c in known and c != code]
                hint = suggest(code, list(known))
                if replacement:
                    extra = "; dat is een code uit de onderzoeksnotities, gebruik " + " of ".join(
                        map(repr, replacement)
                    )
                else:
                    extra = f"; bedoelde u {hint!r}?" if hint else f"; toegestaan: {', '.join(known)}"
                raise ValueError(f"feiten.{code}: onbekend feit {code!r}{extra}")
            if v is None:
                raise ValueError(f"feiten.{code}: null is niet toegestaan; laat een onbekend feit weg")
            if spec["type"] == "bool":
                if not isinstance(v, bool):
                    raise ValueError(f"feiten.{code}: verwacht true of false (ja/nee-feit), niet {v!r}")
            elif not isinstance(v, str) or v not in spec["waarden"]:
                raise ValueError(f"feiten.{code}: waarde {v!r} onbekend; toegestaan: {', '.join(spec['waarden'])}")
        return dict(value)

    @model_validator(mode="after")
    def _different_parties(self) -> Scenario:
        if self.verstrekker == self.ontvanger and self.verstrekker not in MEERVOUDIGE_PARTIJEN:
            raise ValueError(
                f"ontvanger: verstrekker en ontvanger zijn beide {self.verstrekker!r}; "
                "een verstrekking gaat naar een andere partij"
            )
        return self


_PYDANTIC_NL = {
    "missing": "ontbreekt (verplicht veld)",
    "extra_forbidden": "is geen toegestaan veld (toegestaan: " + ", ".join(SCENARIO_VELDEN) + ")",
    "string_type": "verwacht tekst",
    "list_type": "verwacht een lijst",
    "dict_type": "verwacht een object",
    "bool_type": "verwacht true of false",
}


def scenario_error(exc: ValidationError) -> ScenarioError:
    """Translate a pydantic validation error of ``Scenario`` into one Dutch ``ScenarioError``."""
    messages = []
    first_field = None
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        veld = ".".join(loc) if loc else None
        first_field = first_field or (loc[0] if loc else None)
        if err["type"] in ("value_error", "assertion_error"):
            msg = str(err.get("ctx", {}).get("error", err["msg"]))
            messages.append(msg)
        else:
            text = _PYDANTIC_NL.get(err["type"], err["msg"])
            messages.append(f"{veld}: {text}" if veld else text)
    return ScenarioError("; ".join(messages), veld=first_field)


def parse_scenario(data: Any) -> Scenario:
    """Validate a scenario given as a dict, a JSON string or a ``Scenario``; raises ``ScenarioError``."""
    if isinstance(data, Scenario):
        return data
    if isinstance(data, str | bytes):
        import json

        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ScenarioError(f"geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})") from exc
    if not isinstance(data, dict):
        raise ScenarioError("een scenario is een JSON-object met " + ", ".join(SCENARIO_VELDEN))
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise scenario_error(exc) from exc


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Voorwaarde(_Out):
    model_config = ConfigDict(extra="forbid", frozen=True)  # memoised and shared between verdicts by the engine
    feit: str
    waarden: list[bool | str]
    regel: str
    uitleg: str


class Plicht(_Out):
    model_config = ConfigDict(extra="forbid", frozen=True)  # shared between verdicts by the engine
    id: str
    uitleg: str


class RegelCitaat(_Out):
    model_config = ConfigDict(extra="forbid", frozen=True)  # shared between verdicts by the engine
    id: str
    uitleg: str
    sectie: str
    citaat: str


class Opvolger(_Out):
    model_config = ConfigDict(extra="forbid", frozen=True)  # shared between verdicts by the engine
    """The AVG/UAVG successor of a Wbp article in ``grondslagen`` (spec §9)."""

    grondslag: str
    avg: str


class SpoorConditie(_Out):
    model_config = ConfigDict(extra="forbid", frozen=True)  # cached and shared between verdicts by the engine
    tekst: str
    waarde: str  # "waar" | "onwaar" | "onbekend"


class SpoorRegel(_Out):
    model_config = ConfigDict(extra="forbid", frozen=True)  # cached and shared between verdicts by the engine
    """Explanation trace: one rule the engine weighed, its status and each condition's value."""

    id: str
    tak: str | None = None
    soort: str
    status: str  # "geldt" | "faalt" | "open"
    condities: list[SpoorConditie] = Field(default_factory=list)


class Verdict(_Out):
    """The checker's answer (spec §4). ``opvolgers`` and ``spoor`` are additions beyond the spec's fields."""

    uitkomst: Uitkomst
    grondslagen: list[str] = Field(default_factory=list)
    voorwaarden: list[Voorwaarde] = Field(default_factory=list)
    plichten: list[Plicht] = Field(default_factory=list)
    ontbrekende_feiten: list[str] = Field(default_factory=list)
    regels: list[RegelCitaat] = Field(default_factory=list)
    opvolgers: list[Opvolger] = Field(default_factory=list)
    spoor: list[SpoorRegel] = Field(default_factory=list)
