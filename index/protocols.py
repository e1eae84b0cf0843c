"""Seams of the index package."""

from __future__ import annotations

from typing import Protocol

from index.hits import Hit


class Searcher(Protocol):
    """Anything that ranks passages for a query (hybrid, lexical-only, dense-only, or a test fake)."""

    def search(self, query: str, k: int = 8) -> list[Hit]: ...
