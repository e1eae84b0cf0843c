"""Run the answer metrics on a question file: `python -m evals.run_answers [FILE] [--json]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from evals.answers import AnswerReport, evaluate_answers, format_report

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "dev_questions.jsonl"


def load_items(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run(path: Path = DEFAULT_FILE, settings=None, assistant=None) -> AnswerReport:
    """Build the assistant once (unless given) and evaluate every question of ``path``."""
    if assistant is None:
        from answer.service import build_assistant

        assistant = build_assistant(settings)
    return evaluate_answers(load_items(path), assistant)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    report = run(Path(args[0]) if args else DEFAULT_FILE)
    print(report.model_dump_json(indent=2) if as_json else format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
