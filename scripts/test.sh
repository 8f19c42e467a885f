#!/usr/bin/env bash
# One command from a fresh clone: set up if needed, then run the whole test suite (unit + integration).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/python -m pytest "$@"
