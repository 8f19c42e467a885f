"""settings: flag > environment > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from localrewrite.errors import LocalRewriteError
from localrewrite.settings import Settings


def test_environment_then_flags():
    env = {"LOCALREWRITE_MODEL": "/m/a.gguf", "LOCALREWRITE_THREADS": "3", "LOCALREWRITE_BACKEND": "openai"}
    settings = Settings.from_env(env, threads=1, words=None)
    assert settings.model == Path("/m/a.gguf") and settings.backend == "openai"
    assert settings.threads == 1 and settings.words is None


def test_bad_number_in_environment():
    with pytest.raises(LocalRewriteError, match="LOCALREWRITE_GPU_LAYERS='all' is not a whole number."):
        Settings.from_env({"LOCALREWRITE_GPU_LAYERS": "all"})


def test_api_key_is_not_reported():
    assert "api_key" not in Settings(api_key="secret").as_dict()
