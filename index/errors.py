"""Errors of the index package. The CLI/API translate them; messages are Dutch and say what to do."""

from __future__ import annotations


class IndexStoreError(Exception):
    """Base class for every index error."""


class IndexNotBuilt(IndexStoreError):
    def __init__(self, where: str) -> None:
        super().__init__(f"Er is nog geen index in {where}. Bouw die eerst met `handvat ingest`.")


class ConfigMismatch(IndexStoreError):
    def __init__(self, stored: dict, wanted: dict) -> None:
        diffs = ", ".join(
            f"{key}: index={stored.get(key)!r}, instellingen={wanted.get(key)!r}"
            for key in sorted(set(stored) | set(wanted))
            if stored.get(key) != wanted.get(key)
        )
        super().__init__(
            "De bestaande index is met een andere configuratie gebouwd en wordt niet gemengd "
            f"({diffs}). Bouw hem opnieuw met `handvat ingest --rebuild`, of zet de instellingen terug."
        )


class StoreUnavailable(IndexStoreError):
    def __init__(self, target: str, reason: str) -> None:
        super().__init__(
            f"De vectoropslag ({target}) is niet bereikbaar: {reason}. "
            "Controleer HANDVAT_CHROMA_URL of laat die leeg voor de ingebouwde opslag."
        )


class EmbedderUnavailable(IndexStoreError):
    pass


class QueryError(IndexStoreError):
    """A search request that cannot be answered as asked (empty question, k < 1, ...)."""
