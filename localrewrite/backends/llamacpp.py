"""In-process llama.cpp through llama-cpp-python (the default backend), CPU or GPU."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from localrewrite.backends.base import Completion, Prompt, Score, Stats
from localrewrite.backends.sequences import Drawn, Sequences, side_context
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
    can_score = True

    def __init__(self, llm: Llama, model_name: str = "") -> None:
        self.llm = llm
        meta = llm.metadata
        self.model_name = model_name or meta.get("general.name", "gguf")
        self.chat = "tokenizer.chat_template" in meta
        self.context_length = llm.n_ctx()
        self.stats = Stats()
        self._scorer: _Scorer | None = None
        self._sequences: Sequences | None = None

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

    def complete_many(
        self,
        prompt: Prompt,
        seeds: Sequence[int],
        *,
        stop: Sequence[str] = (),
        max_tokens: int = 256,
        temperature: float = 0.7,
        on_text: Callable[[int, str], bool | None] | None = None,
    ) -> list[Completion]:
        """One completion per seed, decoded together (Sequences): the prompt is read once."""
        if self._sequences is None:
            self._sequences = Sequences(self.llm)
        ids, stops = self._batch_prompt(prompt, stop)
        start, before = time.perf_counter(), self._sequences.prompt_read
        drawn: list[Drawn] = []
        try:
            for at in range(0, len(seeds), Sequences.N_SEQ):
                watch = (lambda i, piece, at=at: on_text(at + i, piece)) if on_text else None
                drawn += self._sequences.generate(ids, seeds[at: at + Sequences.N_SEQ], max_tokens=max_tokens,
                                                  temperature=temperature, stop=stops, watch=watch)
        except (ValueError, RuntimeError) as exc:
            raise BackendError(f"llama.cpp failed while generating: {exc}") from None
        seconds = time.perf_counter() - start
        read = self._sequences.prompt_read - before
        completions = [Completion(d.text, read if i == 0 else 0, d.tokens, seconds / len(drawn), d.finish)
                       for i, d in enumerate(drawn)]
        for completion in completions:
            self.stats.add(completion)
        return completions

    def score(self, prefix: str, texts: Sequence[str]) -> list[Score]:
        if self._scorer is None:
            self._scorer = _Scorer(self.llm)
        start = time.perf_counter()
        try:
            scores = [self._scorer.score(prefix, text) for text in texts]
        except (ValueError, RuntimeError) as exc:
            raise BackendError(f"llama.cpp failed while scoring: {exc}") from None
        self.stats.scored_tokens += self._scorer.decoded
        self.stats.scoring_seconds += time.perf_counter() - start
        self._scorer.decoded = 0
        return scores

    def tokenize(self, text: str) -> list[int]:
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def close(self) -> None:
        for helper in (self._scorer, self._sequences):
            if helper is not None:
                helper.close()
        self.llm.close()

    def _prompt_ids(self, prompt: Prompt) -> list[int]:
        if isinstance(prompt, str):
            return self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
        return self.tokenize(" ".join(m["content"] for m in prompt))

    def _batch_prompt(self, prompt: Prompt, stop: Sequence[str]) -> tuple[list[int], list[str]]:
        """Token ids of a prompt for Sequences, and the stop strings: a conversation goes through the chat
        template of the GGUF's metadata, as create_chat_completion does, and adds the template's stops."""
        if isinstance(prompt, str):
            return self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True), list(stop)
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        model = self.llm._model
        eos, bos = model.token_eos(), model.token_bos()
        formatter = Jinja2ChatFormatter(template=self.llm.metadata["tokenizer.chat_template"],
                                        eos_token=model.token_get_text(eos) if eos != -1 else "",
                                        bos_token=model.token_get_text(bos) if bos != -1 else "",
                                        stop_token_ids=[eos])
        result = formatter(messages=list(prompt))
        ids = self.llm.tokenize(result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True)
        extra = [result.stop] if isinstance(result.stop, str) else list(result.stop or [])
        return ids, [*stop, *extra]

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


class _Scorer:
    """Log-likelihood of texts after a prefix, in a llama.cpp context of its own (the generation context's
    cache is left alone). It keeps what it read in its KV cache: wordings that share a beginning (the prefix,
    the start of a sentence) are read once, and logits are computed only for the tokens being scored,
    which matters with a 262k-token output layer."""

    N_CTX = 2048
    N_BATCH = 256

    def __init__(self, llm: Llama) -> None:
        import numpy as np
        self._np, self._llm = np, llm
        self.ctx, self.batch = side_context(llm, self.N_CTX, self.N_BATCH)
        self.n_vocab = llm.n_vocab()
        self.tokens: list[int] = []  # what the KV cache holds, in order
        self.next_logprobs: list[float | None] = []  # log P(tokens[i + 1] | tokens[: i + 1]), where known
        self.decoded = 0

    def score(self, prefix: str, text: str) -> Score:
        llm = self._llm
        head = llm.tokenize(prefix.encode("utf-8"), add_bos=True, special=False)
        tail = llm.tokenize((" " + text if prefix else text).encode("utf-8"), add_bos=False, special=False)
        ids = (head + tail)[-self.N_CTX:]
        start = max(len(ids) - len(tail), 1)
        same = 0
        for a, b in zip(self.tokens, ids, strict=False):
            if a != b:
                break
            same += 1
        # A known log-probability stays right while both its tokens are unchanged; from the first unknown
        # one on, the cache is read again (that token's logits predict the next).
        needed = range(start - 1, len(ids) - 1)
        unknown = next((i for i in needed if i + 1 >= same or self.next_logprobs[i] is None), None)
        if unknown is not None:
            keep = min(unknown, same)  # the cache holds tokens[:same]; reading resumes at the first unknown
            self.ctx.kv_cache_seq_rm(0, keep, -1)
            self.tokens, self.next_logprobs = self.tokens[:keep], self.next_logprobs[:keep]
            self._decode(ids, keep, scored_from=start - 1)
        return Score(float(sum(self.next_logprobs[i] for i in needed)), len(needed))

    def _decode(self, ids: list[int], first: int, scored_from: int) -> None:
        """Read ids[first:] into the cache; keep the next token's log-probability from scored_from on."""
        np, batch = self._np, self.batch.batch
        for at in range(first, len(ids), self.N_BATCH):
            chunk = ids[at: at + self.N_BATCH]
            batch.n_tokens = len(chunk)
            for i, token in enumerate(chunk):
                batch.token[i], batch.pos[i] = token, at + i
                batch.seq_id[i][0], batch.n_seq_id[i] = 0, 1
                batch.logits[i] = scored_from <= at + i < len(ids) - 1
            self.ctx.decode(self.batch)
            self.decoded += len(chunk)
            self.tokens += chunk
            for i in range(len(chunk)):
                position = at + i
                if not batch.logits[i]:
                    self.next_logprobs.append(None)
                    continue
                row = np.ctypeslib.as_array(self.ctx.get_logits_ith(i), shape=(self.n_vocab,))
                top = row.max()
                log_total = top + np.log(np.exp(row - top).sum())
                self.next_logprobs.append(float(row[ids[position + 1]] - log_total))

    def close(self) -> None:
        self.batch.close()
        self.ctx.close()
