"""The question is data, never instructions.

Before retrieval the question is screened for three things the assistant politely declines:

* instructions aimed at the assistant itself (prompt injection: "negeer je instructies", a fake
  "SYSTEEMUPDATE", "beheerdersmodus", requests to reveal the system prompt or to drop citations);
* requests for a personal or political opinion or for a decision ("vind jij ...", "zou jij ... opzeggen");
* look-ups of a named private person ("is Dennis Kuipers bekend bij Veilig Thuis?").

The checks are deterministic patterns; a name counts as a private person's only if its words do not occur in
the corpus (first names do not; so "Veilig Thuis" or "Raad voor de Kinderbescherming" are never taken for people),
and only together with a look-up cue ("nagaan", "bekend bij", "mijn buurjongen", an age "(17)").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class GuardReason(StrEnum):
    injection = "injection"
    opinion = "opinion"
    person = "person"


class GuardResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    blocked: bool
    reason: GuardReason | None = None
    message: str = ""
    matched: str | None = None


MESSAGES: dict[GuardReason, str] = {
    GuardReason.injection: (
        "Uw bericht bevat tekst die zich richt tot het systeem zelf (bijvoorbeeld een 'systeemupdate', een "
        "andere 'modus', een verzoek om mijn instructies te tonen of om bronvermelding weg te laten). Zulke "
        "aanwijzingen volg ik niet: ik beantwoord alleen vragen uit de bronnen, en altijd met bronvermelding. "
        "Stel uw vraag gerust opnieuw, zonder die tekst."
    ),
    GuardReason.opinion: (
        "Ik geef geen persoonlijke of politieke mening en neem geen besluiten voor u. Wel kan ik met "
        "bronvermelding beschrijven wat de bronnen over dit onderwerp zeggen; stel daarvoor een feitelijke vraag, "
        "bijvoorbeeld: \"Wat is volgens het handvat het doel van een Veiligheidshuis?\""
    ),
    GuardReason.person: (
        "Dat kan en mag ik niet nagaan. Ik heb geen toegang tot gegevens over personen (zoals registraties bij "
        "hulpverlening, politie of justitie), en zulke informatie is vertrouwelijk. Maakt u zich zorgen over de "
        "veiligheid van een kind of volwassene, neem dan contact op met Veilig Thuis (0800-2000) of, bij acuut "
        "gevaar, met 112."
    ),
}

_I = re.IGNORECASE

_INJECTION = [
    re.compile(p, _I)
    for p in (
        r"\b(?:negeer|vergeet|ignore|disregard|forget)\b[^.?!]{0,40}\b(?:instructie|instructies|regels|"
        r"instructions|rules|prompt|opdracht)",
        r"\bsyste(?:em|m)[\s-]?(?:update|prompt|bericht|instructie|instructies|message|override)",
        r"\b(?:beheerders|admin|developer|ontwikkelaars|god|debug|dan)[\s-]?(?:modus|mode)\b",
        r"\bjailbreak",
        r"\b(?:je|jij|u|you)\s+(?:draait|bent|are|zit)\s+(?:nu|now)\b",
        r"\b(?:zonder|without|geen)\s+(?:bron(?:vermelding|nen|verwijzing(?:en)?)?|citat(?:en|ions)|sources)\b"
        r"[^.?!]{0,30}\b(?:antwoord|geef|answer|respond|reply)",
        r"\b(?:geef|antwoord|answer|respond|reply)\w*\b[^.?!]{0,30}\b(?:zonder|without)\s+"
        r"(?:bron(?:vermelding|nen)?|citat(?:en|ions)|sources)",
        r"\b(?:systeemprompt|system\s*prompt|systeeminstructies?|system\s+instructions?)\b",
        r"\b(?:toon|laat\s+\w+\s+zien|geef|herhaal|print|reveal|show|repeat|onthul)\b[^.?!]{0,30}"
        r"\b(?:je|jouw|uw|your)\s+(?:\w+\s+)?(?:instructies|instructions|prompt|regels|rules|opdracht)\b",
        r"\b(?:herhaal|repeat|print)\s+(?:de|alle|the|all)?\s*(?:tekst|text|woorden|words)\s+(?:hierboven|above)",
        r"\bwat\s+(?:zijn|waren)\s+(?:je|jouw|uw)\s+(?:instructies|regels|opdracht)",
        r"\b(?:doe\s+alsof|pretend\s+(?:to\s+be|you)|speel\s+de\s+rol|role-?play)\b",
        r"#{3,}\s*[A-Z]",
        r"<\s*/?\s*(?:system|assistant|instructions?)\s*>",
        r"\bzeg\s+(?:bij\s+twijfel\s+)?(?:gewoon\s+)?(?:altijd\s+)?dat\s+(?:delen|het)\s+mag\b",
    )
]

_OPINION = [
    re.compile(p, _I)
    for p in (
        r"\bvind\s+(?:jij|je|u)\s+(?:persoonlijk|zelf|ervan|het\s+(?:zelf|persoonlijk))\b",
        r"\bwat\s+vind\s+(?:jij|je|u)\s+(?:ervan|daarvan|hiervan|van)\b",
        r"\bvind\s+jij\b",
        r"\b(?:jouw|je)\s+(?:eigen\s+|persoonlijke\s+)?(?:mening|oordeel|opinie|standpunt)\b",
        r"\buw\s+(?:eigen\s+|persoonlijke\s+)?(?:mening|opinie)\b",
        r"\bpersoonlijke?\s+(?:mening|opinie|voorkeur)\b",
        r"\bzou\s+(?:jij|je)\b[^.?!]{0,60}\b(?:doen|kiezen|stemmen|opzeggen|adviseren|besluiten)\b",
        r"\bals\s+(?:jij|je)\s+(?:wethouder|burgemeester|minister|ik|mij)\s+(?:was|zou)\b",
        r"\b(?:eerlijk\s+zeggen|be\s+honest)\b",
        r"\b(?:what\s+do\s+you\s+think|your\s+(?:personal\s+)?(?:opinion|view)|do\s+you\s+(?:think|believe))\b",
    )
]

_PERSON_CUE = re.compile(
    r"\b(?:bekend\s+(?:is\s+)?bij|nagaan|natrekken|opzoeken|zoek\s+\w+\s+op|nazoeken|checken|staat\s+(?:hij|zij|ze)"
    r"|wat\s+(?:weet\s+je|is\s+er\s+bekend)\s+over|dossier\s+van)\b"
    r"|\b(?:look\s+up|check\s+(?:whether|if)|is\s+(?:\w+\s+){1,3}known\s+to)\b"
    r"|\(\s*\d{1,3}\s*(?:jaar|jr)?\s*\)",
    _I,
)
_PARTICLE = r"(?:van|de|der|den|het|ter|ten|te|van\s+der|van\s+den|van\s+de|el|al|da|di|du|le|la)"
_NAME = re.compile(
    rf"(?=\b([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\s+((?:{_PARTICLE}\s+)?[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b)"
)


def _find(patterns: list[re.Pattern[str]], text: str) -> str | None:
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return m.group(0)
    return None


_HONORIFIC_NAME = re.compile(
    r"\b(?:meneer|mevrouw|mevr\.|mw\.|dhr\.|de\s+heer|mr\.|mrs\.|ms\.|(?:mijn|onze|my)\s+(?:buur\w*|collega|ex|"
    r"zoon|dochter|neef|nicht|oom|tante|kennis|vriend\w*|neighbou?r|colleague))\s+((?:{p}\s+)?[A-Z][a-zà-ÿ]+)".format(
        p=r"(?:van|de|der|den|van\s+der|van\s+den|van\s+de)"
    )
)
_ID_NUMBER = re.compile(r"\b(?:bsn|burgerservicenummer|geboortedatum|date\s+of\s+birth)\b", re.IGNORECASE)


def _private_name(question: str, knows: Callable[[str], bool] | None) -> str | None:
    m = _HONORIFIC_NAME.search(question)
    if m:
        return m.group(0)
    for m in _NAME.finditer(question):
        first = m.group(1)
        if knows is None or not knows(first):
            return f"{first} {m.group(2)}"
    return None


def inspect(question: str, knows: Callable[[str], bool] | None = None) -> GuardResult:
    """Screen a question. ``knows(word)`` tells whether a word occurs in the corpus (names do not)."""
    hit = _find(_INJECTION, question)
    if hit:
        return GuardResult(blocked=True, reason=GuardReason.injection, message=MESSAGES[GuardReason.injection],
                           matched=hit)
    hit = _find(_OPINION, question)
    if hit:
        return GuardResult(blocked=True, reason=GuardReason.opinion, message=MESSAGES[GuardReason.opinion],
                           matched=hit)
    name = _private_name(question, knows)
    cue = _PERSON_CUE.search(question)
    if (name and cue) or (_ID_NUMBER.search(question) and re.search(r"\d{6,}", question)):
        return GuardResult(blocked=True, reason=GuardReason.person, message=MESSAGES[GuardReason.person],
                           matched=name or "id-nummer")
    return GuardResult(blocked=False)
