"""Errors of the answer package; the CLI and API translate them into Dutch messages and exit codes."""

from __future__ import annotations


class AnswerError(Exception):
    """Base class: something the user or the operator can fix. The message is Dutch and says what to do."""


class EmptyQuestionError(AnswerError):
    def __init__(self) -> None:
        super().__init__("De vraag is leeg. Typ een vraag, bijvoorbeeld: handvat ask \"Mag de politie ...?\"")


class QuestionTooLongError(AnswerError):
    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"De vraag is te lang ({length} tekens, maximaal {limit}). Maak de vraag korter of verhoog "
            "HANDVAT_MAX_QUESTION_CHARS."
        )
        self.length = length
        self.limit = limit


class IndexUnavailableError(AnswerError):
    """The search index could not be opened (not built yet, or the data folder is wrong)."""
