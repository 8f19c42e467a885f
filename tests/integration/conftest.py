"""Integration fixtures: the embedded default model, loaded once per session from models/ (never downloaded)."""

from __future__ import annotations

import pytest

from localrewrite.backends.llamacpp import LlamaCppBackend
from localrewrite.modelfiles import resolve_model


def pytest_collection_modifyitems(items):
    for item in items:
        if "integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def gemma() -> LlamaCppBackend:
    backend = LlamaCppBackend.from_path(resolve_model(None), n_ctx=4096)
    yield backend
    backend.close()
