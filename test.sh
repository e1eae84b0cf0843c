#!/usr/bin/env bash
# Install everything (with the dev tools) into .venv and run the whole test suite.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
ensure_venv "dev" || exit 1
.venv/bin/ruff check . || exit 1
.venv/bin/python -m pytest "$@"
code=$?
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure for this project" >&2
  exit 1
fi
exit "$code"
