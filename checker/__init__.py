"""Handvat checker: a deterministic rules engine for data-exchange scenarios (no language model anywhere).

Public API (imported lazily; importing ``checker`` does no work)::

    from checker import Scenario, Verdict, check, load_vocabulary, successor_of, CheckerError
    from checker import render_text, fact_question   # Dutch rendering of a verdict, a fact's question

    verdict = check({"verstrekker": "politie", "ontvanger": "openbaar_ministerie", ...})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.errors import CheckerError, RegelFout, ScenarioError
    from checker.models import Scenario, Uitkomst, Verdict

__all__ = [
    "CheckerError",
    "RegelFout",
    "Scenario",
    "ScenarioError",
    "Uitkomst",
    "Verdict",
    "check",
    "fact_question",
    "get_engine",
    "load_vocabulary",
    "render_text",
    "successor_of",
]

_LAZY = {
    "CheckerError": ("checker.errors", "CheckerError"),
    "ScenarioError": ("checker.errors", "ScenarioError"),
    "RegelFout": ("checker.errors", "RegelFout"),
    "Scenario": ("checker.models", "Scenario"),
    "Verdict": ("checker.models", "Verdict"),
    "Uitkomst": ("checker.models", "Uitkomst"),
    "load_vocabulary": ("checker.vocabulary", "load_vocabulary"),
    "successor_of": ("checker.legal_basis", "successor_of"),
    "render_text": ("checker.render", "render_text"),
    "fact_question": ("checker.render", "fact_question"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")


def get_engine() -> Any:
    """The engine over the product's rules (loaded once, cached)."""
    from checker.service import default_engine

    return default_engine()


def check(scenario: Any) -> Verdict:
    """Adjudicate one scenario (a ``Scenario``, a dict or a JSON string). Raises ``ScenarioError`` on bad input."""
    from checker.service import check as _check

    return _check(scenario)
