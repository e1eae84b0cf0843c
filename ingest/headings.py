"""Section headings: numbered (`5.4.7.1 De Gemeentewet`) or, for letters and factsheets, their own headings.

Numbered headings must continue the numbering: the next heading is a first child (`5.4.7` -> `5.4.7.1`) or the
next sibling at some level (`5.4.8`, `5.5`, `6`). That rejects footnote lines (`57 MvT Kst ...`), wrapped body
lines (`3.2.3 is beschreven ...`, `2.1 Jw een taak ...`) and numbered list items. A chapter number alone
(` 5 Overzicht ...`) is only a heading at the start of a page. A title that wraps (`... voor het` /
`Veiligheidshuis?`) is completed from the following short line(s).

Documents without such numbering use markdown headings (`#### Titel`), lines that are entirely emphasised
(`*Titel*`) and, in PDF extractions, short stand-alone lines that introduce body text (`Doelbinding`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.cleaning import collapse
from ingest.lines import Line

_NUMBERED = re.compile(r"^ ?(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?P<title>[(‘'“\"]?[A-ZÀ-Ý].*)$")
_MAX_TITLE = 140
# A title ending in one of these words continues on the next line.
_FUNCTION_WORDS = frozenset(
    (
        *("de", "het", "een", "van", "en", "of", "op", "voor", "aan", "over", "met", "in", "bij", "tot", "uit"),
        *("naar", "als", "inclusief", "door", "om", "te", "the", "and", "for", "to"),
    )
)
_MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*$")
_EMPHASIS = re.compile(r"^(?P<mark>\*{1,2}|_{1,2})(?P<title>[^*_].*?)(?P=mark)$")
_BULLET = re.compile(r"^(?:[•·▪◦●\-–—>*]|\d+[.)]|[a-z][.)])\s")
# Dutch letter formulas and letterhead labels: never section headings.
_LETTER_FORMULAS = (
    *("Aan de ", "Aan het ", "Geachte", "Den Haag", "Hoogachtend", "Met vriendelijke", "Namens "),
    *("Ons kenmerk", "Uw kenmerk", "Kenmerk", "Onderwerp", "Datum", "Bijlage", "Behandeld door", "Telefoon"),
    *("E-mail", "Postadres", "Adres", "Pagina", "Blad", "Retouradres", "Contactpersoon"),
)
MIN_NUMBERED_HEADINGS = 3


@dataclass(frozen=True)
class Heading:
    title: str
    level: int
    number: str | None = None
    page: int | None = None
    marker: int | None = None  # footnote marker that was glued to the title ('regie48' -> 48)


@dataclass
class Section:
    heading: Heading | None
    path: list[Heading] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


_GLUED_MARKER = re.compile(r"(?<=[^\W\d])(\d{1,3})$")


def clean_title(text: str) -> str:
    title = collapse(text).strip("*_ ").strip()
    return _GLUED_MARKER.sub("", title).strip()  # glued footnote marker: 'regie48'


def title_marker(text: str) -> int | None:
    m = _GLUED_MARKER.search(collapse(text).strip("*_ ").strip())
    return int(m.group(1)) if m else None


def _parts(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


def _continues_numbering(current: tuple[int, ...] | None, candidate: tuple[int, ...]) -> bool:
    if current is None:
        return all(p == 1 for p in candidate) or len(candidate) == 1
    if candidate == (*current, 1):
        return True
    return any(candidate == (*current[:j], current[j] + 1) for j in range(len(current)))


def _title_incomplete(title: str) -> bool:
    last = title.rsplit(" ", 1)[-1].lower()
    return last in _FUNCTION_WORDS or title.count("(") > title.count(")")


def _continuation(lines: list[Line], i: int, title: str) -> tuple[str, int]:
    """Append wrapped title lines after line i; return the title and the index of the last line used."""
    last = i
    for _ in range(3):
        j = last + 1
        while j < len(lines) and lines[j].blank and j - last <= 2:
            j += 1
        if j >= len(lines) or lines[j].blank:
            break
        nxt = collapse(lines[j].text)
        ends_block = j + 1 >= len(lines) or lines[j + 1].blank or len(nxt) < 60
        starts_low = nxt[:1].islower() or nxt[:1] == "("
        if len(nxt) > 70 or not ends_block or not (starts_low or _title_incomplete(title)):
            break
        if title.rstrip().endswith((".", "?", "!", ":", ";")):
            break
        title = f"{title} {nxt}"
        last = j
    return title, last


def numbered_headings(lines: list[Line], *, extracted: bool = True) -> dict[int, tuple[Heading, int]]:
    """Stream index of each numbered heading -> (heading, index of its last line)."""
    found: dict[int, tuple[Heading, int]] = {}
    current: tuple[int, ...] | None = None
    for i, line in enumerate(lines):
        m = _NUMBERED.match(line.text.rstrip())
        if not m:
            continue
        parts = _parts(m.group("num"))
        raw_title = collapse(m.group("title"))
        if len(raw_title) > _MAX_TITLE or raw_title.endswith((",", ";")):
            continue
        if len(parts) == 1 and extracted and not (line.text.startswith(" ") or line.page_first):
            continue  # in a PDF extraction a chapter starts a page
        if len(parts) == 1 and (len(raw_title) > 80 or raw_title.endswith((".", ":", "!"))):
            continue  # a numbered sentence, not a chapter title
        if not _continues_numbering(current, parts):
            continue
        title, last = _continuation(lines, i, raw_title)
        heading = Heading(clean_title(title), len(parts), m.group("num"), line.page, title_marker(title))
        found[i] = (heading, last)
        current = parts
    return found


def _body_like(text: str) -> bool:
    return len(text.split()) >= 8 or text.rstrip().endswith((".", "!", "?", ":", ";"))


def _paragraph_after(lines: list[Line], i: int) -> tuple[str, int]:
    """Text of the rest of the block starting after line i (or of the next block), and where it starts."""
    j = i + 1
    if j < len(lines) and not lines[j].blank:
        start = j
    else:
        while j < len(lines) and lines[j].blank:
            j += 1
        start = j
    k = start
    parts = []
    while k < len(lines) and not lines[k].blank:
        parts.append(collapse(lines[k].text))
        k += 1
    return " ".join(parts), start


def _plain_candidate(text: str) -> bool:
    if not text or len(text) > 80 or len(text.split()) > 12 or any(c.isdigit() for c in text):
        return False
    if not text[0].isupper() or text.endswith((".", ",", ";", ":", "!")) or _BULLET.match(text):
        return False
    if text.startswith(_LETTER_FORMULAS) or "@" in text or "://" in text:
        return False
    return sum(c.isalpha() for c in text) >= 3


def _short_for_its_block(lines: list[Line], i: int, text: str) -> bool:
    """A heading is clearly shorter than the wrapped body lines after it (a body paragraph's first line is not)."""
    if all(c.isupper() for c in text if c.isalpha()):
        return True
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    block = []
    while j < len(lines) and not lines[j].blank and len(block) < 3:
        block.append(len(collapse(lines[j].text)))
        j += 1
    if len(block) < 2:  # an unwrapped paragraph (one long line) gives no width to compare with
        return True
    return len(text) <= 0.8 * max(block)


def _introduces_heading(lines: list[Line], start: int) -> bool:
    """The block at `start` opens with a plain heading followed by body text (so the line before groups it)."""
    text = collapse(lines[start].text)
    if not _plain_candidate(text) or all(c.isupper() for c in text if c.isalpha()):
        return False
    after, _ = _paragraph_after(lines, start)
    return _body_like(after) and not after[:1].islower()


def _previous_block_end(lines: list[Line], i: int) -> str:
    j = i - 1
    while j >= 0 and lines[j].blank:
        j -= 1
    return collapse(lines[j].text) if j >= 0 else ""


def _dash_heading(lines: list[Line], i: int, text: str) -> bool:
    """`- Behoefte aan lokaal maatwerk` alone between a punctuated dash list and prose: a heading that the
    extraction rendered as a list item."""
    if not text.startswith(("- ", "– ")) or not _plain_candidate(text[2:].strip()):
        return False
    before = _previous_block_end(lines, i)
    after, _ = _paragraph_after(lines, i)
    return (
        before.startswith(("- ", "– "))
        and before.endswith((".", ";"))
        and not _BULLET.match(after)
        and _body_like(after)
        and not after[:1].islower()
    )


_LABELED = re.compile(
    r"^(?P<label>Hoofdstuk|Deel|Afdeling|Paragraaf|Artikel|Bijlage|Stap|Fase)\s+(?P<num>\d+[a-z]?(?:\.\d+)*)"
    r"(?:[.:]\s*|\s+|$)(?P<rest>.{0,80})$"
)
_LABEL_LEVELS = {
    "hoofdstuk": 1,
    "deel": 1,
    "afdeling": 2,
    "paragraaf": 2,
    "artikel": 3,
    "bijlage": 1,
    "stap": 3,
    "fase": 3,
}


def _labeled_heading(lines: list[Line], i: int, m: re.Match[str]) -> bool:
    """`Artikel 3 Gegevensuitwisseling`, `Hoofdstuk 2`: a labelled number with a title, not a sentence."""
    rest = m.group("rest").strip()
    if rest[:1].islower() or rest.endswith((".", ",", ";", ":")):
        return False
    after, _ = _paragraph_after(lines, i)
    return bool(after) and not after[:1].islower()


def markup_headings(lines: list[Line], *, plain: bool) -> dict[int, tuple[Heading, int]]:
    """Markdown/emphasis headings, plus (when `plain`) stand-alone short lines in extracted text."""
    found: dict[int, tuple[Heading, int]] = {}
    for i, line in enumerate(lines):
        if line.blank or (i > 0 and not lines[i - 1].blank):
            continue
        text = collapse(line.text)
        standalone = i + 1 >= len(lines) or lines[i + 1].blank
        if m := _MARKDOWN.match(text):
            found[i] = (Heading(clean_title(m.group("title")), min(len(m.group("hashes")), 3), None, line.page), i)
        elif standalone and (m := _EMPHASIS.match(text)) and len(text) <= 100:
            found[i] = (Heading(clean_title(m.group("title")), 3, None, line.page), i)
        elif plain and (m := _LABELED.match(text)) and _labeled_heading(lines, i, m):
            found[i] = (Heading(clean_title(text), _LABEL_LEVELS[m.group("label").lower()], None, line.page), i)
        elif plain and standalone and _dash_heading(lines, i, text):
            found[i] = (Heading(clean_title(text[1:]), 3, None, line.page), i)
        elif plain and _plain_candidate(text) and _short_for_its_block(lines, i, text):
            after, start = _paragraph_after(lines, i)
            if after[:1].islower():
                continue
            if all(c.isupper() for c in text if c.isalpha()):
                found[i] = (Heading(clean_title(text), 1, None, line.page), i)
            elif standalone and start < len(lines) and _introduces_heading(lines, start):
                found[i] = (Heading(clean_title(text), 2, None, line.page), i)
            elif _body_like(after):
                found[i] = (Heading(clean_title(text), 3, None, line.page), i)
    return found


def sections(lines: list[Line], *, plain: bool) -> tuple[list[Section], bool]:
    """Cut the stream into sections; returns (sections, numbered?)."""
    heads = numbered_headings(lines, extracted=plain)
    numbered = len(heads) >= MIN_NUMBERED_HEADINGS
    if not numbered:
        heads = markup_headings(lines, plain=plain)
    if not numbered and not heads and not plain:  # authored text without marked headings (a plain docx)
        heads = markup_headings(lines, plain=True)
    result = [Section(heading=None)]
    stack: list[Heading] = []
    skip_until = -1
    for i, line in enumerate(lines):
        if i in heads:
            heading, last = heads[i]
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            result.append(Section(heading=heading, path=list(stack)))
            skip_until = last
            continue
        if i <= skip_until:
            continue
        result[-1].lines.append(line)
    return result, numbered
