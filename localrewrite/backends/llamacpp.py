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
        self._scorers: list[_Scorer] = []  # most recently used last
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
        if not texts:
            return []
        start = time.perf_counter()
        head = self.llm.tokenize(prefix.encode("utf-8"), add_bos=True, special=False)
        items = []
        for text in texts:
            tail = self.tokenize(" " + text if prefix else text)
            ids = (head + tail)[-_Scorer.LONGEST:]
            items.append((ids, max(len(ids) - len(tail), 1)))
        scorer = self._scorer_for(items[0][0])
        try:
            scores = scorer.score_many(items)
        except (ValueError, RuntimeError) as exc:
            raise BackendError(f"llama.cpp failed while scoring: {exc}") from None
        self.stats.scored_tokens += scorer.decoded
        scorer.decoded = 0
        self.stats.scoring_seconds += time.perf_counter() - start
        return scores

    def _scorer_for(self, ids: list[int]) -> _Scorer:
        """The scorer whose cache holds the longest beginning of ids; a new one while there are fewer than
        SCORERS, else the least recently used. Two keep the article's context cached while the paraphraser
        asks for words' likelihoods out of context (measured: those calls made the context be read again
        18 times an article, 1,218 of its 2,500 scored tokens)."""
        best = max(self._scorers, key=lambda s: s.shared(ids), default=None)
        if best is None or best.shared(ids) <= 1:
            if len(self._scorers) < SCORERS:
                best = _Scorer(self.llm)
            else:
                best = self._scorers[0]
        if best in self._scorers:
            self._scorers.remove(best)
        self._scorers.append(best)
        return best

    def tokenize(self, text: str) -> list[int]:
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def close(self) -> None:
        for helper in (*self._scorers, self._sequences):
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
        return min(_common(self.llm.input_ids[: self.llm.n_tokens].tolist(), ids), len(ids) - 1)


def _common(a: Sequence[int], b: Sequence[int]) -> int:
    """Length of the longest common beginning of a and b."""
    same = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        same += 1
    return same


SCORERS = 2  # scoring contexts, each with its own cache


class _Scorer:
    """Log-likelihood of texts after a prefix, in a llama.cpp context of its own (the generation context's
    cache is left alone), with logits computed only for the tokens being scored, which matters with a large
    output layer.

    Sequence 0 keeps in its KV cache what the texts of the last call shared (the prefix, the start of a
    sentence), so the next call reads only what is new. Each text's own part is read in a sequence of its own
    that shares sequence 0's cache, all of them in one decode: several short texts in one batch instead of one
    batch each (measured: 6 ms a token for batches of up to 5 tokens, 3 ms for 160)."""

    N_CTX = 2048
    N_BATCH = 256
    N_SEQ = 8  # sequence 0 and up to 7 texts read together
    LONGEST = N_CTX // 4  # tokens of prefix and text kept (the end), so that a group of texts fits the cache

    def __init__(self, llm: Llama) -> None:
        import numpy as np
        self._np = np
        self.ctx, self.batch = side_context(llm, self.N_CTX, self.N_BATCH, self.N_SEQ)
        self.n_vocab = llm.n_vocab()
        self.tokens: list[int] = []  # what sequence 0 holds, in order
        self.known: list[tuple[int, float] | None] = []  # (tokens[i + 1] when read, its log-probability)
        self.decoded = 0

    def shared(self, ids: list[int]) -> int:
        """How many of ids, from the first, sequence 0 holds."""
        return _common(self.tokens, ids)

    def score_many(self, items: Sequence[tuple[list[int], int]]) -> list[Score]:
        """For each (ids, start): the log-likelihood of ids[start:] after ids[:start]."""
        scores = []
        for at in range(0, len(items), self.N_SEQ - 1):
            scores += self._group(items[at: at + self.N_SEQ - 1])
        return scores

    def _group(self, items: Sequence[tuple[list[int], int]]) -> list[Score]:
        first = items[0][0]
        # Sequence 0 reads what all share but the last shared token, so that each text's first own logits row
        # (the last shared token's) is read in its own sequence; each text keeps at least one token of its own.
        shared = max(min(min(_common(first, ids) for ids, _ in items), min(len(ids) for ids, _ in items)) - 1, 0)
        self._hold(first, shared, min(start for _, start in items) - 1)
        logprobs: list[dict[int, float]] = [{} for _ in items]
        jobs = []  # (sequence, position, token, whose next log-probability is needed: item index or -1)
        for k, (ids, start) in enumerate(items):
            self.ctx.kv_cache_seq_rm(k + 1, -1, -1)
            self.ctx.kv_cache_seq_cp(0, k + 1, -1, -1)
            jobs += [(k + 1, i, ids[i], k if start - 1 <= i < len(ids) - 1 else -1) for i in range(shared, len(ids))]
        batch = self.batch.batch
        for at in range(0, len(jobs), self.N_BATCH):
            chunk = jobs[at: at + self.N_BATCH]
            batch.n_tokens = len(chunk)
            for row, (seq, position, token, whose) in enumerate(chunk):
                batch.token[row], batch.pos[row] = token, position
                batch.seq_id[row][0], batch.n_seq_id[row] = seq, 1
                batch.logits[row] = whose >= 0
            self.ctx.decode(self.batch)
            self.decoded += len(chunk)
            for row, (_, position, _, whose) in enumerate(chunk):
                if whose >= 0:
                    logprobs[whose][position] = self._logprob(row, items[whose][0][position + 1])
        for k in range(len(items)):
            self.ctx.kv_cache_seq_rm(k + 1, -1, -1)
        scores = []
        for k, (ids, start) in enumerate(items):
            needed = range(start - 1, len(ids) - 1)
            total = sum(logprobs[k][i] if i >= shared else self.known[i][1] for i in needed)  # type: ignore[index]
            scores.append(Score(float(total), len(needed)))
        return scores

    def _hold(self, ids: list[int], length: int, scored_from: int) -> None:
        """Make sequence 0 hold ids[:length], with the log-probability of each next token known from
        scored_from on (that of ids[length] included: it is the same for every text of the group)."""
        same = self.shared(ids[:length])
        needed = range(max(scored_from, 0), length)
        unknown = next((i for i in needed if i >= same or self.known[i] is None or self.known[i][0] != ids[i + 1]),
                       None)
        keep = same if unknown is None else min(unknown, same)
        self.ctx.kv_cache_seq_rm(0, keep, -1)
        self.tokens, self.known = self.tokens[:keep], self.known[:keep]
        batch = self.batch.batch
        for at in range(keep, length, self.N_BATCH):
            chunk = ids[at: min(at + self.N_BATCH, length)]
            batch.n_tokens = len(chunk)
            for i, token in enumerate(chunk):
                batch.token[i], batch.pos[i] = token, at + i
                batch.seq_id[i][0], batch.n_seq_id[i] = 0, 1
                batch.logits[i] = at + i >= scored_from
            self.ctx.decode(self.batch)
            self.decoded += len(chunk)
            self.tokens += chunk
            self.known += [(ids[at + i + 1], self._logprob(i, ids[at + i + 1])) if batch.logits[i] else None
                           for i in range(len(chunk))]

    def _logprob(self, row: int, token: int) -> float:
        """log P(token) by the logits of the batch's row."""
        np = self._np
        logits = np.ctypeslib.as_array(self.ctx.get_logits_ith(row), shape=(self.n_vocab,))
        top = logits.max()
        return float(logits[token] - top - np.log(np.exp(logits - top).sum()))

    def close(self) -> None:
        self.batch.close()
        self.ctx.close()
