"""OpenAIBackend against a real llama-cpp-python server on 127.0.0.1 serving the default model.

The module starts `python -m llama_cpp.server` once; LOCALREWRITE_TEST_BASE_URL points the tests at a server
already running (llama.cpp's, vLLM) instead. The test that kills a server starts its own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from localrewrite.backends.llama_server import LocalServer, missing_server_deps
from localrewrite.backends.openai_http import OpenAIBackend
from localrewrite.errors import BackendError
from localrewrite.settings import Settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path("models/gemma-3-270m-q4_k_m.gguf")
PROMPT = "Le gouvernement français a annoncé"


def start_server(log: Path) -> LocalServer:
    """llama_cpp.server on the default model, or a skip that says what is missing."""
    if not (ROOT / MODEL).is_file():
        pytest.skip(f"{MODEL} is missing: run scripts/setup_model.py")
    missing = missing_server_deps()
    if missing:
        pytest.skip(f"llama_cpp.server needs {', '.join(missing)}: pip install 'llama-cpp-python[server]'")
    try:
        return LocalServer(MODEL, log, cwd=ROOT).start()
    except BackendError as exc:
        pytest.fail(exc.message)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    url = os.environ.get("LOCALREWRITE_TEST_BASE_URL")
    if url:
        yield url
        return
    server = start_server(tmp_path_factory.mktemp("llama-server") / "server.log")
    yield server.url
    server.stop()


@pytest.fixture
def backend(base_url) -> Iterator[OpenAIBackend]:
    b = OpenAIBackend.from_settings(Settings(backend="openai", base_url=base_url, timeout=60))
    yield b
    b.close()


def test_server_describes_itself(backend):
    assert backend.model_name
    if not os.environ.get("LOCALREWRITE_TEST_BASE_URL"):
        assert backend.model_name == str(MODEL)  # llama-cpp-python serves the model under its path
        assert backend.chat is False  # a base model
        assert backend.can_tokenize  # through /extras/tokenize
        ids = backend.tokenize("Bonjour le monde")
        assert len(ids) == 3 and 2 not in ids  # Gemma's BOS (2) dropped


def test_completion_returns_text_and_token_counts(backend):
    completion = backend.complete(PROMPT, max_tokens=8, seed=1, temperature=0.0, stop=["\n\n"])
    assert completion.text.strip()
    assert 1 <= completion.generated_tokens <= 8
    assert completion.prompt_tokens >= len(PROMPT.split())
    assert completion.finish_reason in ("stop", "length")
    assert completion.seconds > 0
    assert (backend.stats.calls, backend.stats.generated_tokens) == (1, completion.generated_tokens)


def test_streaming_gives_the_same_text(backend):
    whole = backend.complete(PROMPT, max_tokens=8, seed=1, temperature=0.0)
    pieces: list[str] = []
    streamed = backend.complete(PROMPT, max_tokens=8, seed=1, temperature=0.0, on_text=pieces.append)
    assert len(pieces) > 1
    assert "".join(pieces) == streamed.text == whole.text
    assert streamed.prompt_tokens == whole.prompt_tokens
    assert streamed.generated_tokens >= 1


def test_chat_completion(backend):
    completion = backend.complete([{"role": "user", "content": "Bonjour !"}], max_tokens=4, seed=1)
    assert isinstance(completion.text, str)
    assert completion.finish_reason in ("stop", "length")


def test_stopped_server_gives_backend_error_after_bounded_retries(tmp_path):
    if os.environ.get("LOCALREWRITE_TEST_BASE_URL"):
        pytest.skip("does not kill a server it did not start")
    server = start_server(tmp_path / "server.log")
    try:
        settings = Settings(backend="openai", base_url=server.url, timeout=30)
        with closing(OpenAIBackend.from_settings(settings, max_retries=2)) as b:
            pieces: list[str] = []

            def kill_after_first_piece(piece: str) -> None:
                pieces.append(piece)
                if len(pieces) == 1:
                    server.kill()

            with pytest.raises(BackendError) as err:
                b.complete(PROMPT, max_tokens=200, seed=1, temperature=0.0, on_text=kill_after_first_piece)
            assert err.value.message == (
                f"The model server at {server.url} stopped in the middle of a reply: is it still running? "
                "Check its log, restart it and run again.")

            start = time.perf_counter()
            with pytest.raises(BackendError) as err:
                b.complete(PROMPT, max_tokens=8)
            waited = time.perf_counter() - start
            assert err.value.message == (f"Cannot reach the model server at {server.url} (3 attempts): "
                                         "is it running? Start it, or pass the right --base-url.")
            assert waited < 5  # two backoffs of at most 0.5 s and 1 s
            assert b.stats.calls == 0
    finally:
        server.stop()


def test_rewrite_and_a_two_article_batch_through_the_server(base_url, tmp_path):
    """The same pipeline through the server: one rewrite, then a 2-article batch with --jobs 2."""
    from typer.testing import CliRunner

    from localrewrite.cli import app
    from tests.articles import BRIEF

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(BRIEF, encoding="utf-8")
    (inbox / "b.txt").write_text(BRIEF.replace("Rennes", "Nantes"), encoding="utf-8")
    server = ["--backend", "openai", "--base-url", base_url, "--words", "80", "--retries", "0"]
    out = tmp_path / "a.md"
    result = CliRunner().invoke(app, ["rewrite", str(inbox / "a.txt"), "-o", str(out), "-q", *server])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("---\ntitle: ")
    from localrewrite.pipeline import check_file
    from localrewrite.settings import Settings

    report = check_file(out, inbox / "a.txt", Settings(words=80))  # the in-process bars, through the server
    for bar in ("numbers", "quotations", "entities", "coverage", "language", "structure", "repetition"):
        assert report.get(bar).passed, report.get(bar)

    result = CliRunner().invoke(app, ["batch", str(inbox), "-o", str(tmp_path / "outbox"), "--jobs", "2", "-q",
                                      *server])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 done, 0 skipped, 0 failed" in result.stdout
    assert sorted(p.name for p in (tmp_path / "outbox").iterdir()) == ["a.md", "b.md", "manifest.json"]
