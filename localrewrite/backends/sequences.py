"""Several completions of one prompt in one llama.cpp batch.

The prompt is read once into sequence 0 and its KV cache is shared with sequences 1…n-1; from then on every
decode reads one token of each live sequence, so the weights are read once per step for all of them instead of
once per candidate. Each sequence samples with its own llama.cpp sampler chain (repeat penalty, top-k, top-p,
temperature, then a draw seeded by its own seed), so a candidate's text depends on its seed alone: the same seed gives
the same text whether it is generated with others or by itself (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from llama_cpp import Llama


TOP_K = 40  # llama-cpp-python's default


def side_context(llm: Llama, n_ctx: int, n_batch: int, n_seq: int = 1) -> tuple[Any, Any]:
    """A llama.cpp context of its own on llm's model (its threads and attention settings; the generation
    context's cache left alone), and a batch for it: (LlamaContext, LlamaBatch). Several sequences share one
    KV buffer, so that a prompt read once serves them all."""
    from llama_cpp import _internals, llama_cpp

    params = llama_cpp.llama_context_default_params()
    for name in ("n_threads", "n_threads_batch", "flash_attn_type", "offload_kqv"):
        setattr(params, name, getattr(llm.context_params, name))
    params.n_ctx, params.n_batch, params.n_ubatch = n_ctx, n_batch, n_batch
    if n_seq > 1:
        params.n_seq_max, params.kv_unified, params.swa_full = n_seq, True, True
    context = _internals.LlamaContext(model=llm._model, params=params, verbose=False)
    return context, _internals.LlamaBatch(n_tokens=n_batch, embd=0, n_seq_max=n_seq, verbose=False)


@dataclass(frozen=True)
class Drawn:
    """One sequence's text, its token count and why it ended: "stop", "length" or "abort"."""

    text: str
    tokens: int
    finish: str


class Sequences:
    """A llama.cpp context of its own (the generation context's cache is left alone) for up to N_SEQ
    sequences that share a prompt."""

    N_SEQ = 16
    N_CTX = 4096
    N_BATCH = 512

    def __init__(self, llm: Llama) -> None:
        from llama_cpp import _internals, llama_cpp

        self._internals, self._llama_cpp, self._llm = _internals, llama_cpp, llm
        self.ctx, self.batch = side_context(llm, self.N_CTX, self.N_BATCH, self.N_SEQ)
        self.vocab = llama_cpp.llama_model_get_vocab(llm._model.model)
        self.prompt_read = 0  # prompt tokens read (what the cache held already is not read again)
        self.prompt: list[int] = []  # what sequence 0 holds of the last prompt

    def generate(self, prompt: Sequence[int], seeds: Sequence[int], *, max_tokens: int, temperature: float,
                 top_p: float = 0.95, repeat_penalty: float = 1.1, stop: Sequence[str] = (),
                 watch: Callable[[int, str], bool | None] | None = None) -> list[Drawn]:
        """One completion of prompt (token ids, BOS included) per seed, at most N_SEQ at once. watch(i, piece)
        sees each new piece of sequence i's text and ends it with "abort" by returning False."""
        n = len(seeds)
        if not 0 < n <= self.N_SEQ:
            raise ValueError(f"between 1 and {self.N_SEQ} seeds, not {n}")
        prompt = list(prompt)[-(self.N_CTX - n * max_tokens - 1):]
        same = 0  # the prompt's beginning that sequence 0 still holds from the last call is not read again
        for a, b in zip(self.prompt, prompt, strict=False):
            if a != b:
                break
            same += 1
        same = min(same, len(prompt) - 1)
        for seq in range(1, self.N_SEQ):
            self.ctx.kv_cache_seq_rm(seq, -1, -1)
        self.ctx.kv_cache_seq_rm(0, same, -1)
        self.prompt = prompt
        logits_at = self._read(prompt, same)
        for seq in range(1, n):
            self.ctx.kv_cache_seq_cp(0, seq, -1, -1)
        samplers = [self._sampler(seed, temperature, top_p, repeat_penalty) for seed in seeds]
        tokens: list[list[int]] = [[] for _ in seeds]
        texts = [""] * n
        finish: list[str | None] = [None] * n
        rows = dict.fromkeys(range(n), logits_at)  # where each live sequence's next-token logits are
        position = len(prompt)
        try:
            for _ in range(max_tokens):
                for seq, row in rows.items():
                    token = samplers[seq].sample(self.ctx, row)
                    if self._llama_cpp.llama_vocab_is_eog(self.vocab, token):
                        finish[seq] = "stop"
                        continue
                    tokens[seq].append(token)
                    text = self._llm.detokenize(tokens[seq]).decode("utf-8", errors="ignore")
                    piece, texts[seq] = text[len(texts[seq]):], text
                    if any(s in text for s in stop):
                        finish[seq] = "stop"
                    elif piece and watch is not None and watch(seq, piece) is False:
                        finish[seq] = "abort"
                live = [seq for seq in rows if finish[seq] is None]
                if not live:
                    break
                rows = self._step([(seq, tokens[seq][-1]) for seq in live], position)
                position += 1
        finally:
            for sampler in samplers:
                sampler.close()
        results = []
        for seq, text in enumerate(texts):
            cut = min((text.index(s) for s in stop if s in text), default=len(text))
            results.append(Drawn(text[:cut], len(tokens[seq]), finish[seq] or "length"))
        return results

    def close(self) -> None:
        self.batch.close()
        self.ctx.close()

    def _sampler(self, seed: int, temperature: float, top_p: float, repeat_penalty: float):
        sampler = self._internals.LlamaSampler()
        sampler.add_penalties(self._llm.n_vocab(), 64, repeat_penalty, 0.0, 0.0)
        if temperature <= 0:
            sampler.add_greedy()
        else:
            sampler.add_top_k(TOP_K)  # as create_completion does; and top-p then sorts 40 tokens, not the vocabulary
            sampler.add_top_p(top_p, 1)
            sampler.add_temp(temperature)
            sampler.add_dist(seed)
        return sampler

    def _read(self, prompt: list[int], first: int) -> int:
        """Read prompt[first:] into sequence 0; the batch row of the last token's logits."""
        batch = self.batch.batch
        for at in range(first, len(prompt), self.N_BATCH):
            chunk = prompt[at: at + self.N_BATCH]
            batch.n_tokens = len(chunk)
            for i, token in enumerate(chunk):
                batch.token[i], batch.pos[i] = token, at + i
                batch.seq_id[i][0], batch.n_seq_id[i] = 0, 1
                batch.logits[i] = at + i == len(prompt) - 1
            self.ctx.decode(self.batch)
            self.prompt_read += len(chunk)
        return len(chunk) - 1

    def _step(self, next_tokens: list[tuple[int, int]], position: int) -> dict[int, int]:
        """Read one token of each (sequence, token) at position; each sequence's batch row."""
        batch = self.batch.batch
        batch.n_tokens = len(next_tokens)
        for i, (seq, token) in enumerate(next_tokens):
            batch.token[i], batch.pos[i] = token, position
            batch.seq_id[i][0], batch.n_seq_id[i], batch.logits[i] = seq, 1, True
        self.ctx.decode(self.batch)
        return {seq: i for i, (seq, _) in enumerate(next_tokens)}
