"""A real chat model (Qwen2.5-Coder 0.5B Instruct) through the chat-template path: in process and through
llama_cpp.server with --backend openai, with the same faithfulness checks as the default model.

`scripts/test.sh` fetches the model before the suite (`scripts/setup_model.py --model qwen2.5-coder-0.5b`,
about 10 s here); where it is not installed (offline set-up) these tests are skipped with one line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from localrewrite.backends.llama_server import LocalServer, missing_server_deps
from localrewrite.backends.llamacpp import LlamaCppBackend
from localrewrite.cli import app
from localrewrite.modelfiles import catalogued, models_dir
from tests.articles import BRIEF

pytestmark = pytest.mark.integration

KEY = "qwen2.5-coder-0.5b"
FAITHFUL = ("numbers", "quotations", "entities", "support", "language")


@pytest.fixture(scope="module")
def qwen() -> Path:
    path = models_dir() / catalogued(KEY).file
    if not path.is_file():
        pytest.skip(f"{KEY} is not installed: python scripts/setup_model.py --model {KEY}")
    return path


def rewritten(tmp_path: Path, *options: str) -> dict:
    source = tmp_path / "rennes.txt"
    source.write_text(BRIEF, encoding="utf-8")
    out = tmp_path / "rennes.json"
    result = CliRunner().invoke(app, ["rewrite", str(source), "-o", str(out), "--words", "80", "--retries", "0",
                                      "-q", *options])
    assert result.exit_code == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def faithful(data: dict) -> dict[str, bool]:
    return {c["name"]: c["passed"] for c in data["report"]["checks"] if c["name"] in FAITHFUL}


def test_the_chat_template_comes_from_the_gguf(qwen):
    backend = LlamaCppBackend.from_path(qwen, n_ctx=1024)
    try:
        assert backend.chat  # tokenizer.chat_template in its metadata
        reply = backend.complete([{"role": "user", "content": "Réponds par un seul mot : bonjour."}],
                                 max_tokens=8, seed=1, temperature=0.0)
        assert reply.text.strip() and "<|im_end|>" not in reply.text and reply.finish_reason in ("stop", "length")
    finally:
        backend.close()


@pytest.mark.disable_socket
def test_rewrite_through_the_chat_path_keeps_every_fact(qwen, tmp_path):
    data = rewritten(tmp_path, "--model", KEY)
    assert data["model"] == qwen.name
    assert faithful(data) == dict.fromkeys(FAITHFUL, True)
    assert data["writing"]["attempts"] > 0  # the model was asked, through its template, and the gate judged it


def test_rewrite_through_llama_cpp_server(qwen, tmp_path):
    missing = missing_server_deps()
    if missing:
        pytest.skip(f"llama_cpp.server needs {', '.join(missing)}: pip install 'llama-cpp-python[server]'")
    with LocalServer(qwen, tmp_path / "server.log", n_ctx=4096) as server:
        data = rewritten(tmp_path, "--backend", "openai", "--base-url", server.url)
    assert faithful(data) == dict.fromkeys(FAITHFUL, True)
