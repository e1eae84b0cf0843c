"""Speed benchmark for ingestion and search (numbers for the README; not a test).

    python bench/bench_retrieval.py [--questions evals/data/dev_questions.jsonl]

Measures, on the project's corpus, in a fresh temporary data directory:
  1. first full ingest (embeddings included): wall time and peak memory of the `handvat ingest` process;
  2. re-ingest with nothing changed;
  3. warm search latency (model loaded) over the question set, hybrid default, p50/p95;
  4. a cold `handvat search` process (start, load, answer), median of 3.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `handvat` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "handvat", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT / "evals/data/dev_questions.jsonl"))
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="handvat-bench-"))
    env = {**os.environ, "HANDVAT_DATA_DIR": str(data_dir)}

    first_s, first_mb = run_cli(["ingest", "--quiet"], env)
    again_s, _ = run_cli(["ingest", "--quiet"], env)

    os.environ["HANDVAT_DATA_DIR"] = str(data_dir)
    from evals.questions import load_questions
    from handvat.settings import get_settings
    from index.search import open_searcher

    searcher = open_searcher(get_settings())
    questions = [q.question for q in load_questions(Path(args.questions))]
    searcher.search(questions[0], 5)
    latencies = []
    for _ in range(3):
        for question in questions:
            started = time.perf_counter()
            searcher.search(question, 5)
            latencies.append((time.perf_counter() - started) * 1000)
    cold = sorted(
        run_cli(["search", "Mag de politie gegevens delen met de burgemeester?", "-k", "5"], env)[0] for _ in range(3)
    )
    figures = {
        "first_ingest_s": round(first_s, 1),
        "first_ingest_peak_mb": round(first_mb),
        "reingest_unchanged_s": round(again_s, 2),
        "search_warm_p50_ms": round(statistics.median(latencies), 1),
        "search_warm_p95_ms": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1),
        "search_cold_process_s": round(cold[1], 2),
        "cpu_cores": os.cpu_count(),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
