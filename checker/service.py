"""The default engine over the product's rule files, and the ``check`` entry point."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from checker.engine import Engine
from checker.models import Verdict, parse_scenario
from checker.rule_loader import default_rulebase


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    return Engine(default_rulebase())


def check(scenario: Any) -> Verdict:
    return default_engine().check(parse_scenario(scenario))
