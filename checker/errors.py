"""Exceptions of the checker package. The CLI translates them into Dutch messages and exit codes."""

from __future__ import annotations


class CheckerError(Exception):
    """Base class of every error the checker raises on purpose."""


class ScenarioError(CheckerError, ValueError):
    """A scenario is malformed: bad JSON, a missing field, an unknown code, a wrong fact type."""

    def __init__(self, message: str, veld: str | None = None) -> None:
        super().__init__(message)
        self.veld = veld


class RegelFout(CheckerError):
    """The rule files are invalid. ``fouten`` lists every problem as 'file: regel ID: message'."""

    def __init__(self, fouten: list[str]) -> None:
        self.fouten = list(fouten)
        head = f"{len(self.fouten)} fout(en) in de regelbestanden"
        super().__init__(head + ":\n" + "\n".join(f"  - {f}" for f in self.fouten))


class VocabularyError(CheckerError):
    """The vocabulary file is missing or malformed."""
