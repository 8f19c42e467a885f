#!/usr/bin/env bash
# Create .venv, install localrewrite with its test extras, Grammalecte and the French thesaurus, assemble the
# default model. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    # llama-cpp-python compiles llama.cpp (about 4-8 minutes on 2 cores); set CMAKE_ARGS for CUDA.
    .venv/bin/python -m pip install --quiet -e '.[test]'
    touch "$stamp"
fi
.venv/bin/python scripts/setup_resources.py  # Grammalecte and the French thesaurus, from Debian
.venv/bin/python scripts/setup_model.py
