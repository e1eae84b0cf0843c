"""Choose the fusion of lexical and dense retrieval by measurement on a question set.

Ranks every answerable question once per leg, then scores fusion variants offline with the same
evidence-recall and MRR definitions as `handvat eval questions`. Prints a table; the chosen default
(`index.search.HYBRID_WEIGHTS`, `index.fusion.RRF_K`) is recorded in docs/retrieval.md.

    python bench/tune_fusion.py evals/data/dev_questions.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

from evals.questions import evidence_found, first_relevant_rank, load_questions
from index.fusion import reciprocal_rank_fusion
from index.search import CANDIDATES, open_searcher


def main(path: str) -> None:
    items = [i for i in load_questions(Path(path)) if i.answerable]
    hybrid = open_searcher(mode="rrf")
    by_id = {p.id: p for p in hybrid.lexical.passages}
    legs = {
        i.id: (
            [pid for pid, _ in hybrid.lexical.rank(i.question, CANDIDATES)],
            [pid for pid, _ in hybrid.dense.rank(i.question, CANDIDATES)],
        )
        for i in items
    }

    def score(ranked_ids):
        recall = mrr = 0.0
        for item in items:
            texts = [by_id[pid].text_with_footnotes for pid in ranked_ids(item)[:20]]
            recall += evidence_found(item, texts)
            rank = first_relevant_rank(item, texts)
            mrr += 1 / rank if rank else 0
        return recall / len(items), mrr / len(items)

    rows = [("lexical only", *score(lambda i: legs[i.id][0])), ("dense only", *score(lambda i: legs[i.id][1]))]
    for k in (10, 30, 60):
        for w_dense in (1.0, 0.7, 0.5, 0.3, 0.2):
            rows.append(
                (
                    f"rrf k={k} dense={w_dense}",
                    *score(
                        lambda i, k=k, w=w_dense: [
                            pid for pid, _ in reciprocal_rank_fusion(list(legs[i.id]), [1.0, w], k)
                        ]
                    ),
                )
            )
    print(f"{'fusion':<26}{'evidence recall':>16}{'MRR':>8}")
    for name, recall, mrr in rows:
        print(f"{name:<26}{recall:>16.3f}{mrr:>8.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "evals/data/dev_questions.jsonl")
