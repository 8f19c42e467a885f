#!/usr/bin/env bash
# One command from a fresh clone: set up, then rewrite the sample article with the embedded model.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/localrewrite rewrite examples/seed-qaani.txt -o examples/seed-qaani.rewrite.md --force "$@"
