"""Benchmark of the checker: rule loading time and verdicts per second, in-process on one core.

    .venv/bin/python bench/bench_checker.py [--n 20000] [--json]

Targets (issue 3): loading the rules <= 0.5 s; >= 10,000 verdicts per second. Scenarios are the dev suite plus
random valid scenarios generated from the vocabulary (seeded), validated once; the timed loop is
``Engine.check`` on validated ``Scenario`` objects, as the API and the chat call it after parsing. Parsing
cost (JSON dict -> Scenario) is reported separately. "warm" rates cycle over the 2,070 scenarios (the engine's
per-code-combination caches are filled); "koud" rates are one pass with a fresh engine. Rates with and without
the explanation trace (``spoor``) are both reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def random_scenarios(n: int, seed: int = 7) -> list[dict]:
    vocab = json.loads((ROOT / "checker" / "data" / "vocabulary.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    partijen = sorted(vocab["partijen"])
    out = []
    for _ in range(n):
        v = rng.choice(partijen)
        feiten = {}
        for code in rng.sample(sorted(vocab["feiten"]), rng.randint(0, 10)):
            spec = vocab["feiten"][code]
            feiten[code] = rng.choice([True, False] if spec["type"] == "bool" else spec["waarden"])
        out.append(
            {
                "verstrekker": v,
                "ontvanger": rng.choice([p for p in partijen if p != v]),
                "gegevens": rng.sample(sorted(vocab["gegevens"]), rng.randint(1, 3)),
                "doel": rng.choice(sorted(vocab["doelen"])),
                "kader": rng.choice(sorted(vocab["kaders"])),
                "feiten": feiten,
            }
        )
    return out


def dev_scenarios() -> list[dict]:
    out = []
    for path in (
        ROOT / "evals" / "data" / "dev_scenarios.jsonl",
        ROOT / "tests" / "checker" / "data" / "spec_examples.jsonl",
    ):
        if path.is_file():
            out += [json.loads(x)["scenario"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="verdicts per timed run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from checker.engine import Engine
    from checker.models import parse_scenario
    from checker.rule_loader import build_rulebase
    from checker.vocabulary import load_vocabulary

    load_vocabulary()  # vocabulary once (shared by scenario validation)
    loads, loads_nocache = [], []
    for _ in range(5):
        t = time.perf_counter()
        rb = build_rulebase()
        loads.append(time.perf_counter() - t)
    os.environ["HANDVAT_CHECKER_CACHE"] = "off"
    for _ in range(3):
        t = time.perf_counter()
        build_rulebase()
        loads_nocache.append(time.perf_counter() - t)
    del os.environ["HANDVAT_CHECKER_CACHE"]

    raw = dev_scenarios() + random_scenarios(2000)
    t = time.perf_counter()
    parsed = [parse_scenario(s) for s in raw]
    parse_rate = len(raw) / (time.perf_counter() - t)

    results = {}
    for label, spoor in (("zonder_spoor", False), ("met_spoor", True)):
        engine = Engine(rb, spoor=spoor)
        for s in parsed:  # warm the per-code-combination cache
            engine.check(s)
        rates = []
        for _ in range(3):
            t = time.perf_counter()
            for i in range(args.n):
                engine.check(parsed[i % len(parsed)])
            rates.append(args.n / (time.perf_counter() - t))
        results[label] = statistics.median(rates)

    cold_rates = {}
    for label, spoor in (("zonder_spoor", False), ("met_spoor", True)):
        cold = Engine(rb, spoor=spoor)  # fresh engine: every scenario is new to its caches
        t = time.perf_counter()
        for s in parsed:
            cold.check(s)
        cold_rates[label] = len(parsed) / (time.perf_counter() - t)

    report = {
        "regels": len(rb.regels),
        "laden_s_mediaan": round(statistics.median(loads), 4),
        "laden_s_eerste": round(loads[0], 4),
        "laden_s_zonder_parse_cache": round(statistics.median(loads_nocache), 4),
        "uitspraken_per_s_zonder_spoor": round(results["zonder_spoor"]),
        "uitspraken_per_s_met_spoor": round(results["met_spoor"]),
        "uitspraken_per_s_koud_zonder_spoor": round(cold_rates["zonder_spoor"]),
        "uitspraken_per_s_koud_met_spoor": round(cold_rates["met_spoor"]),
        "scenario_validatie_per_s": round(parse_rate),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for k, v in report.items():
            print(f"{k:<34} {v}")
    ok = report["laden_s_mediaan"] <= 0.5 and report["uitspraken_per_s_zonder_spoor"] >= 10_000
    print("doelen gehaald" if ok else "DOELEN NIET GEHAALD", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
