"""Combining rankings. Reciprocal rank fusion (Cormack et al. 2009) with per-leg weights."""

from __future__ import annotations

RRF_K = 10


def reciprocal_rank_fusion(
    rankings: list[list[str]], weights: list[float] | None = None, k: int = RRF_K
) -> list[tuple[str, float]]:
    """Fuse ranked id lists; ties are broken by the first ranking's order, then by id, so output is stable."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    first_seen: dict[str, tuple[int, int]] = {}
    for leg, (ranking, weight) in enumerate(zip(rankings, weights, strict=True)):
        for rank, pid in enumerate(ranking):
            scores[pid] = scores.get(pid, 0.0) + weight / (k + rank + 1)
            first_seen.setdefault(pid, (leg, rank))
    return sorted(scores.items(), key=lambda item: (-item[1], first_seen[item[0]], item[0]))
