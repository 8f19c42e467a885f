"""docs/cli.md is generated from --help and must match it (run scripts/gen_cli_help.py to update)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_cli_doc_matches_help():
    spec = importlib.util.spec_from_file_location("gen_cli_help", ROOT / "scripts" / "gen_cli_help.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == module.cli_help()
