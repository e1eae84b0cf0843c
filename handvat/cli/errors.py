"""Translate package errors into Dutch CLI messages and exit codes (only here, at the edge)."""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator
from enum import IntEnum

import typer


class ExitCode(IntEnum):
    ok = 0
    user_error = 1  # bad input, missing index, unreachable store
    partial = 3  # done, but some documents could not be read


def fail(message: str, code: ExitCode = ExitCode.user_error) -> typer.Exit:
    typer.secho(f"Fout: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(int(code))


# Base error of each package; their messages are written for users.
_ERROR_BASES = (
    ("ingest.errors", "IngestError"),
    ("index.errors", "IndexStoreError"),
    ("checker.errors", "CheckerError"),
    ("answer.errors", "AnswerError"),
)


def _bases() -> tuple[type[BaseException], ...]:
    found = []
    for module, name in _ERROR_BASES:
        with contextlib.suppress(ImportError, AttributeError):
            found.append(getattr(importlib.import_module(module), name))
    return tuple(found)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Show a package error as one clear line and exit non-zero, without a traceback."""
    bases = _bases()
    try:
        yield
    except bases as exc:  # type: ignore[misc]
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        typer.echo("Afgebroken.", err=True)
        sys.exit(130)
