"""The checker imports nothing from ingest/index/answer/api/ui and no ML or LangChain code; import is lazy."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("ingest", "index", "answer", "api", "ui", "langchain", "langchain_core", "torch", "sentence_transformers",
             "transformers", "chromadb", "bm25s", "evals")  # fmt: skip

PROBE = """
import json, sys
import checker
lazy = sorted(m for m in sys.modules if m.startswith("checker."))
v = checker.check({"verstrekker": "politie", "ontvanger": "openbaar_ministerie", "gegevens": ["geanonimiseerd"],
                   "doel": "strafrechtspleging", "kader": "bilateraal", "feiten": {}})
print(json.dumps({"lazy": lazy, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_checker_imports_no_other_package_and_is_lazy():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["lazy"] == [], f"importing checker already loaded {data['lazy']}"
    bad = sorted(set(FORBIDDEN) & set(data["modules"]))
    assert not bad, f"checker loaded {bad}"
