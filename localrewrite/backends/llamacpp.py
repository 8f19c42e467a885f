"""In-process llama.cpp through llama-cpp-python (the default backend), CPU or GPU."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from localrewrite.backends.base import Completion, Prompt, Stats
from localrewrite.errors import BackendError, ModelError
from localrewrite.modelfiles import SETUP_HINT, resolve_model

if TYPE_CHECKING:
    from llama_cpp import Llama

    from localrewrite.settings import Settings


_SILENT_LOG = None  # the ctypes callback must outlive every llama.cpp call


def _silence_llama_log() -> None:
    """llama.cpp prints to stderr even with verbose=False; keep the terminal for our report."""
    global _SILENT_LOG
    if _SILENT_LOG is None and os.environ.get("LOCALREWRITE_DEBUG") != "1":
        import ctypes

        import llama_cpp

        _SILENT_LOG = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)(lambda *args: None)
        llama_cpp.llama_log_set(_SILENT_LOG, ctypes.c_void_p())


def physical_cores() -> int:
    """Physical cores (llama.cpp gains nothing from hyper-threads); falls back to logical count."""
    try:
        import psutil

        return psutil.cpu_count(logical=False) or os.cpu_count() or 1
    except ImportError:
        return os.cpu_count() or 1


class LlamaCppBackend:
    """Wraps a llama_cpp.Llama passed in; from_settings() builds one from a GGUF file."""

    name = "llamacpp"
    can_tokenize = True
    seeded = True

    def __init__(self, llm: Llama, model_name: str = "") -> None:
        self.llm = llm
        meta = llm.metadata
        self.model_name = model_name or meta.get("general.name", "gguf")
        self.chat = "tokenizer.chat_template" in meta
        self.context_length = llm.n_ctx()
        self.stats = Stats()

    @classmethod
    def from_path(cls, path: Path, *, n_ctx: int = 8192, n_threads: int | None = None,
                  n_gpu_layers: int = 0, n_batch: int = 512, seed: int = 42,
                  flash_attn: bool = True) -> LlamaCppBackend:
        """flash_attn: measured +9 % generation and +15-20 % prompt tokens/s on CPU (benchmarks/RESULTS.md)."""
        try:
            from llama_cpp import Llama
        except ImportError:
            raise BackendError("llama-cpp-python is not installed: run `pip install -e .`.") from None
        _silence_llama_log()
        try:
            llm = Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=n_threads or physical_cores(),
                n_gpu_layers=n_gpu_layers,
                n_batch=n_batch,
                n_ubatch=n_batch,
                seed=seed,
                flash_attn=flash_attn,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"llama.cpp cannot load {path} ({exc}): {SETUP_HINT}.") from None
        return cls(llm, model_name=path.name)

    @classmethod
    def from_settings(cls, settings: Settings) -> LlamaCppBackend:
        path = resolve_model(settings.model)
        return cls.from_path(path, n_ctx=settings.context, n_threads=settings.threads,
                             n_gpu_layers=settings.gpu_layers, n_batch=settings.batch, seed=settings.seed)

    def complete(
        self,
        prompt: Prompt,
        *,
        stop: Sequence[str] = (),
        max_tokens: int = 256,
        seed: int | None = None,
        temperature: float = 0.7,
        on_text: Callable[[str], bool | None] | None = None,
    ) -> Completion:
        options: dict[str, Any] = dict(stop=list(stop), max_tokens=max_tokens, temperature=temperature,
                                       seed=seed, stream=True, top_p=0.95, repeat_penalty=1.1)
        ids = self._prompt_ids(prompt)
        before = self._cached_prefix(ids) if isinstance(prompt, str) else 0
        start = time.perf_counter()
        pieces: list[str] = []
        finish = "length"
        try:
            if isinstance(prompt, str):
                chunks = self.llm.create_completion(prompt, **options)
                key = "text"
            else:
                chunks = self.llm.create_chat_completion(messages=list(prompt), **options)
                key = "delta"
            for chunk in chunks:
                choice = chunk["choices"][0]
                piece = choice["text"] if key == "text" else choice["delta"].get("content") or ""
                if piece:
                    pieces.append(piece)
                    if on_text and on_text(piece) is False:
                        finish = "abort"
                        break
                finish = choice.get("finish_reason") or finish
        except (ValueError, RuntimeError) as exc:
            raise BackendError(f"llama.cpp failed while generating: {exc}") from None
        text = "".join(pieces)
        completion = Completion(
            text=text,
            prompt_tokens=max(len(ids) - before, 1),
            generated_tokens=len(self.tokenize(text)) if text else 0,
            seconds=time.perf_counter() - start,
            finish_reason=finish if finish in ("stop", "abort") else "length",
        )
        self.stats.add(completion)
        return completion

    def tokenize(self, text: str) -> list[int]:
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def close(self) -> None:
        self.llm.close()

    def _prompt_ids(self, prompt: Prompt) -> list[int]:
        if isinstance(prompt, str):
            return self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
        return self.tokenize(" ".join(m["content"] for m in prompt))

    def _cached_prefix(self, ids: list[int]) -> int:
        """Tokens of a completion prompt already in llama.cpp's KV cache (llama-cpp-python reuses the
        longest common prefix, and always re-evaluates the last token)."""
        cached = self.llm.input_ids[: self.llm.n_tokens].tolist()
        same = 0
        for a, b in zip(cached, ids, strict=False):
            if a != b:
                break
            same += 1
        return min(same, len(ids) - 1)
