import json
from pathlib import Path

import pytest

from index.analyzer import analyze

CASES = json.loads((Path(__file__).parent / "data" / "analyzer_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_analyzer(case):
    terms = analyze(case["text"])
    if "contains" in case:
        missing = [t for t in case["contains"] if t not in terms]
        assert not missing, f"{case['why']}: {missing} ontbreekt in {terms}"
    if "equals" in case:
        assert terms == case["equals"], case["why"]
    if "same_as" in case:
        assert terms == analyze(case["same_as"]), case["why"]
