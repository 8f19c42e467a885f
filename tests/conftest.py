"""Shared fixtures: the fake backend registered as "fake", spaCy loaded once.

Network: pyproject's addopts run pytest-socket with --allow-hosts=127.0.0.1,::1, so any connection
beyond loopback fails the test.
"""

from __future__ import annotations

import pytest

from localrewrite.analyse import Analyser
from localrewrite.backends import BACKENDS
from tests.fakes import FakeBackend, echo_last_input


@pytest.fixture(scope="session")
def analyser() -> Analyser:
    return Analyser("fr_core_news_md")


@pytest.fixture
def fake_backend(monkeypatch) -> FakeBackend:
    backend = FakeBackend(reply=echo_last_input)
    monkeypatch.setitem(BACKENDS, "fake", lambda settings: backend)
    return backend
