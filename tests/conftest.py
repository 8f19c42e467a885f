"""Shared fixtures: the fake backend registered as "fake", spaCy loaded once, no user archive.

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


@pytest.fixture(autouse=True)
def no_user_archive(monkeypatch, tmp_path_factory) -> None:
    """No test reads or writes the user's archive: the default one is a path that does not exist."""
    monkeypatch.setenv("LOCALREWRITE_ARCHIVE", str(tmp_path_factory.getbasetemp() / "no-archive.sqlite"))


@pytest.fixture
def fake_backend(monkeypatch) -> FakeBackend:
    backend = FakeBackend(reply=echo_last_input)
    monkeypatch.setitem(BACKENDS, "fake", lambda settings: backend)
    return backend
