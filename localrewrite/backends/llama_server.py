"""llama-cpp-python's own OpenAI-compatible server, `python -m llama_cpp.server`, on a free port of 127.0.0.1.

For benchmarks/jobs.py and the integration tests: start it, wait until GET /v1/models answers, stop it. It
runs with `--interrupt_requests False`: a request that arrives while another is generating waits for it
(the default cuts the streaming one short), which is what `batch --jobs N` needs. Failures raise BackendError
with the end of the server's log.
"""

from __future__ import annotations

import importlib.util
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from localrewrite.errors import BackendError

#: What `pip install 'llama-cpp-python[server]'` adds; without them llama_cpp.server does not start.
SERVER_DEPS = ("fastapi", "uvicorn", "sse_starlette", "starlette_context", "pydantic_settings")


def missing_server_deps() -> list[str]:
    return [name for name in SERVER_DEPS if importlib.util.find_spec(name) is None]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalServer:
    """`python -m llama_cpp.server` serving model; its output goes to log. start() or `with` runs it."""

    def __init__(self, model: Path, log: Path, *, n_ctx: int = 4096, threads: int | None = None,
                 alias: str | None = None, cwd: Path | None = None) -> None:
        self.model = model
        self.log_path = log
        self.n_ctx = n_ctx
        self.threads = threads  # None: the server's default (half the logical cores)
        self.alias = alias  # the model id it lists; None: the model path as given
        self.cwd = cwd
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model), "--host", "127.0.0.1",
                   "--port", str(self.port), "--n_ctx", str(self.n_ctx), "--interrupt_requests", "False"]
        if self.threads:
            command += ["--n_threads", str(self.threads), "--n_threads_batch", str(self.threads)]
        if self.alias:
            command += ["--model_alias", self.alias]
        return command

    def start(self, timeout: float = 120) -> LocalServer:
        missing = missing_server_deps()
        if missing:
            raise BackendError(f"llama_cpp.server needs {', '.join(missing)}: "
                               "pip install 'llama-cpp-python[server]'.")
        self.port = free_port()
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(self.command(), cwd=self.cwd, stdout=self._log, stderr=subprocess.STDOUT)
        try:
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, timeout: float) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BackendError(f"llama_cpp.server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/models", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise BackendError(f"llama_cpp.server did not answer within {timeout:g} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 2000) -> str:
        if self._log is not None and not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")[-chars:]

    def kill(self) -> None:
        """Stop at once, as a crash would: no graceful end to the replies in flight."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._log is not None:
            self._log.close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
