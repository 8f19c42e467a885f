"""modelfiles: finding and verifying GGUF files; clear errors for missing or corrupt ones."""

from __future__ import annotations

import hashlib

import pytest

from localrewrite.errors import ModelError
from localrewrite.modelfiles import DEFAULT_MODEL, find_models, resolve_model, verify


def test_missing_model_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCALREWRITE_MODELS_DIR", str(tmp_path))
    with pytest.raises(ModelError, match=r"No model found in .*: run `python scripts/setup_model.py`"):
        resolve_model(None)
    with pytest.raises(ModelError, match=r"Model file .*nope.gguf not found"):
        resolve_model(tmp_path / "nope.gguf")


def test_not_a_gguf(tmp_path):
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"<html>not a model</html>")
    with pytest.raises(ModelError, match="is not a GGUF model file"):
        verify(bad)


def test_sha256_mismatch_is_corrupt(tmp_path):
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF" + b"\0" * 64)
    (tmp_path / "SHA256SUMS").write_text(f"{hashlib.sha256(b'other').hexdigest()}  m.gguf\n")
    with pytest.raises(ModelError, match=r"is corrupt \(sha256 mismatch\)"):
        verify(model)
    (tmp_path / "SHA256SUMS").write_text(f"{hashlib.sha256(model.read_bytes()).hexdigest()}  m.gguf\n")
    verify(model)


def test_default_model_listed_first(tmp_path):
    for name in ("a.gguf", DEFAULT_MODEL):
        (tmp_path / name).write_bytes(b"GGUF")
    assert [p.name for p in find_models(tmp_path)] == [DEFAULT_MODEL, "a.gguf"]
