#!/usr/bin/env bash
# Create .venv, install localrewrite with its test extras, Grammalecte and the French thesaurus, assemble the
# default model. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# llama.cpp builds for this CPU; its AMX kernels crash (SIGILL) where the kernel does not hand AMX state to
# worker threads (seen on this project's VMs), so they are left out: AVX-512 and AVX2 kernels are used.
if [ -z "${CMAKE_ARGS:-}" ] && grep -qw amx_tile /proc/cpuinfo 2>/dev/null; then
    no_amx="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
    export CMAKE_ARGS="-DCMAKE_C_FLAGS='$no_amx' -DCMAKE_CXX_FLAGS='$no_amx'"
fi
stamp=.venv/.installed-$( (cat pyproject.toml; echo "${CMAKE_ARGS:-}") | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    # llama-cpp-python compiles llama.cpp (about 4-8 minutes on 2 cores); set CMAKE_ARGS for CUDA.
    .venv/bin/python -m pip install --quiet -e '.[test]'
    touch "$stamp"
fi
.venv/bin/python scripts/setup_resources.py  # Grammalecte and the French thesaurus, from Debian
.venv/bin/python scripts/setup_model.py
