"""Pydantic schema of the rule files ``checker/rules/*.yaml`` (see ``checker/rules/SCHEMA.md``).

The schema is structural: it checks shapes and types. Whether codes exist in the vocabulary, whether
references resolve and whether legal-basis strings are canonical is checked by ``checker.rule_loader``,
which knows the vocabulary and all files at once.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSIE = 1

# Scenario fields a code condition can test, with the vocabulary section their codes come from.
CODE_VELDEN: dict[str, str] = {
    "verstrekker": "partijen",
    "ontvanger": "partijen",
    "doel": "doelen",
    "kader": "kaders",
}
GEGEVENS_VELDEN: dict[str, str] = {"gegevens": "een_van", "gegevens_alleen": "alleen"}


class Soort(StrEnum):
    """What kind of rule an entry is."""

    GROND = "grond"  # permitting rule with outcome verplicht / toegestaan / afweging
    VERBOD = "verbod"  # prohibition: when it holds the verdict is niet_toegestaan
    GEHEIMHOUDING = "geheimhouding"  # sender's default secrecy rule, cited only when no ground exists (step 4)
    TOELICHTING = "toelichting"  # explanatory/classification rule, cited next to a verdict it explains
    PLICHT = "plicht"  # duty (DUTY-*, OBL-*) that accompanies a provision


class GrondUitkomst(StrEnum):
    VERPLICHT = "verplicht"
    TOEGESTAAN = "toegestaan"
    AFWEGING = "afweging"


class VerdictUitkomst(StrEnum):
    VERPLICHT = "verplicht"
    TOEGESTAAN = "toegestaan"
    TOEGESTAAN_ONDER_VOORWAARDEN = "toegestaan_onder_voorwaarden"
    AFWEGING = "afweging"
    NIET_TOEGESTAAN = "niet_toegestaan"


FeitWaarde = bool | str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_list(value: Any) -> Any:
    """Allow a single code where a list of codes is expected."""
    if isinstance(value, str | bool):
        return [value]
    return value


CodeList = Annotated[list[str], BeforeValidator(_as_list), Field(min_length=1)]
WaardeList = Annotated[list[FeitWaarde], BeforeValidator(_as_list), Field(min_length=1)]


# --------------------------------------------------------------------------------------------------
# Conditions
# --------------------------------------------------------------------------------------------------


class CodeConditie(_Strict):
    """``verstrekker`` / ``ontvanger`` / ``doel`` / ``kader`` is one of ``codes``."""

    veld: Literal["verstrekker", "ontvanger", "doel", "kader"]
    codes: CodeList
    uitleg: str | None = None


class GegevensConditie(_Strict):
    """``een_van``: some scenario data code is in ``codes``; ``alleen``: every one is."""

    modus: Literal["een_van", "alleen"]
    codes: CodeList
    uitleg: str | None = None


class BijzonderConditie(_Strict):
    """Whether the scenario contains a special category (``bijzonder`` in the vocabulary)."""

    bijzondere_gegevens: bool
    uitleg: str | None = None


class FeitConditie(_Strict):
    """Fact ``feit`` has one of the values ``is``; unknown when the fact is absent."""

    feit: str
    is_: WaardeList = Field(alias="is")
    uitleg: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class AlleConditie(_Strict):
    alle: list[Conditie] = Field(min_length=1)
    uitleg: str | None = None


class EenVanConditie(_Strict):
    een_van: list[Conditie] = Field(min_length=1)
    uitleg: str | None = None


class NietConditie(_Strict):
    niet: Conditie
    uitleg: str | None = None


def parse_conditie(raw: Any) -> Any:
    """Turn the YAML form of a condition (a one-key mapping, plus ``uitleg``) into its model input."""
    if isinstance(raw, BaseModel):
        return raw
    if not isinstance(raw, dict):
        raise ValueError(f"een voorwaarde moet een mapping zijn, niet {raw!r}")
    keys = set(raw) - {"uitleg"}
    uitleg = raw.get("uitleg")
    if "feit" in keys:
        if keys != {"feit", "is"}:
            raise ValueError(f"een feitvoorwaarde heeft precies 'feit' en 'is' (en eventueel 'uitleg'): {raw!r}")
        return FeitConditie.model_validate(raw)
    if len(keys) != 1:
        raise ValueError(
            f"een voorwaarde heeft precies één sleutel (plus eventueel 'uitleg'), niet {sorted(keys)}: {raw!r}"
        )
    (key,) = keys
    value = raw[key]
    if key in CODE_VELDEN:
        return CodeConditie(veld=key, codes=value, uitleg=uitleg)
    if key in GEGEVENS_VELDEN:
        return GegevensConditie(modus=GEGEVENS_VELDEN[key], codes=value, uitleg=uitleg)
    if key == "bijzondere_gegevens":
        return BijzonderConditie(bijzondere_gegevens=value, uitleg=uitleg)
    if key == "alle":
        return AlleConditie(alle=value, uitleg=uitleg)
    if key == "een_van":
        return EenVanConditie(een_van=value, uitleg=uitleg)
    if key == "niet":
        return NietConditie(niet=value, uitleg=uitleg)
    allowed = [*CODE_VELDEN, *GEGEVENS_VELDEN, "bijzondere_gegevens", "feit", "alle", "een_van", "niet"]
    raise ValueError(f"onbekende voorwaardesoort {key!r}; toegestaan: {', '.join(allowed)}")


Conditie = Annotated[
    CodeConditie | GegevensConditie | BijzonderConditie | FeitConditie | AlleConditie | EenVanConditie | NietConditie,
    BeforeValidator(parse_conditie),
]

AlleConditie.model_rebuild()
EenVanConditie.model_rebuild()
NietConditie.model_rebuild()


# --------------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------------


class Criterium(_Strict):
    """A weighing criterion of an ``afweging`` ground: the fact and the values that favour provision."""

    feit: str
    waarden: WaardeList
    uitleg: str = Field(min_length=1)


class PlichtVerwijzing(_Strict):
    """A reference from a rule to a duty, optionally with an uitleg tailored to this rule."""

    id: str
    uitleg: str | None = None


def _parse_plicht_ref(raw: Any) -> Any:
    return {"id": raw} if isinstance(raw, str) else raw


RULE_ID_PATTERN = (
    r"^(GEN|PROC|POL|OM|GEM|JUS|DUTY|ALG|ZORG|X|GI|JH|RECL|VT|RVDK|MW|WOCO|SLOT|OBL)-[A-Z0-9]+(-[A-Z0-9]+)*$"
)


class Regel(_Strict):
    """One rule (or one branch of a research rule, see ``tak``)."""

    id: str = Field(pattern=RULE_ID_PATTERN)
    tak: str | None = Field(default=None, pattern=r"^[a-z0-9_]+$")
    soort: Soort
    uitkomst: GrondUitkomst | None = None
    sectie: str
    citaat: str = Field(min_length=10)
    uitleg: str = Field(min_length=1)
    grondslagen: list[str] = Field(default_factory=list)
    als: list[Conditie] = Field(default_factory=list)
    criteria: list[Criterium] = Field(default_factory=list)
    plichten: list[Annotated[PlichtVerwijzing, BeforeValidator(_parse_plicht_ref)]] = Field(default_factory=list)
    bij_elke_verstrekking: bool = False
    bij_uitkomsten: list[VerdictUitkomst] = Field(default_factory=list)
    gaat_voor: list[str] = Field(default_factory=list)
    hard: bool = False
    omvat: list[str] = Field(default_factory=list)
    regime: str = "Wbp 2016"
    opvolgers: list[str] | None = None
    geldig_vanaf: dt.date = dt.date(2016, 1, 1)
    geldig_tot: dt.date | None = None

    @property
    def sleutel(self) -> str:
        """Unique key of the entry: the id, plus ``#tak`` for a branch."""
        return f"{self.id}#{self.tak}" if self.tak else self.id

    @field_validator("sectie")
    @classmethod
    def _bare_section(cls, value: str) -> str:
        if value.startswith("§") or not value.replace(".", "").isdigit():
            raise ValueError(f"sectie is een kaal nummer zoals '5.2.2', niet {value!r}")
        return value

    @model_validator(mode="after")
    def _kind_fields(self) -> Regel:
        s = self.soort
        if (s is Soort.GROND) != (self.uitkomst is not None):
            raise ValueError("'uitkomst' is verplicht bij soort 'grond' en niet toegestaan bij andere soorten")
        if s in (Soort.GROND, Soort.VERBOD) and not self.als:
            raise ValueError("een grond of verbod zonder voorwaarden ('als') zou voor elke verstrekking gelden")
        if self.criteria and self.uitkomst is not GrondUitkomst.AFWEGING:
            raise ValueError("'criteria' alleen bij een grond met uitkomst 'afweging'")
        if self.hard and s is not Soort.VERBOD:
            raise ValueError("'hard' alleen bij soort 'verbod'")
        if self.gaat_voor and s not in (Soort.GROND, Soort.VERBOD):
            raise ValueError("'gaat_voor' alleen bij soort 'grond' of 'verbod'")
        if self.bij_elke_verstrekking and s is not Soort.PLICHT:
            raise ValueError("'bij_elke_verstrekking' alleen bij soort 'plicht'")
        if self.bij_uitkomsten and s is not Soort.TOELICHTING:
            raise ValueError("'bij_uitkomsten' alleen bij soort 'toelichting'")
        if s is Soort.TOELICHTING and not self.bij_uitkomsten:
            raise ValueError("een 'toelichting' noemt in 'bij_uitkomsten' bij welke uitkomst(en) zij wordt geciteerd")
        if self.plichten and s not in (Soort.GROND, Soort.TOELICHTING):
            raise ValueError("'plichten' alleen bij soort 'grond' of 'toelichting'")
        return self


class Groep(_Strict):
    """A named set of codes of one vocabulary section, usable as ``@naam`` in code lists."""

    sectie: Literal["partijen", "gegevens", "doelen", "kaders"]
    codes: list[str] = Field(min_length=1)
    uitleg: str | None = None


class RegelBestand(_Strict):
    """One file ``checker/rules/<familie>.yaml``."""

    schema_versie: Literal[1]
    familie: str
    beschrijving: str | None = None
    groepen: dict[str, Groep] = Field(default_factory=dict)
    regels: list[Regel] = Field(default_factory=list)
