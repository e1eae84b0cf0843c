#!/usr/bin/env bash
# Main job: install into .venv if needed, build the index if needed, start the assistant.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
ensure_venv ""
.venv/bin/handvat ingest
exec .venv/bin/handvat start "$@"
