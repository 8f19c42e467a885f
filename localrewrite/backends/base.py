"""The backend protocol: what the pipeline asks of a language model, and nothing more."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypedDict


class Message(TypedDict):
    role: str  # "system" | "user" | "assistant"
    content: str


#: A completion prompt (base models) or a conversation (chat models).
Prompt = str | Sequence[Message]


@dataclass(frozen=True)
class Completion:
    """One generation: the text and what it cost."""

    text: str
    prompt_tokens: int  # prompt tokens actually evaluated (cache hits excluded where known)
    generated_tokens: int
    seconds: float
    finish_reason: str  # "stop", "length", or "abort" (on_text asked to stop)


@dataclass(frozen=True)
class Score:
    """How likely the model finds a text after a prefix: the sum of its tokens' log-probabilities."""

    logprob: float
    tokens: int

    @property
    def mean(self) -> float:
        return self.logprob / self.tokens if self.tokens else 0.0


@dataclass
class Stats:
    """Running totals over a backend's life; the pipeline reports differences."""

    prompt_tokens: int = 0
    generated_tokens: int = 0
    seconds: float = 0.0
    calls: int = 0
    scored_tokens: int = 0  # tokens read to score wordings (Backend.score)
    scoring_seconds: float = 0.0

    def add(self, completion: Completion) -> None:
        self.prompt_tokens += completion.prompt_tokens
        self.generated_tokens += completion.generated_tokens
        self.seconds += completion.seconds
        self.calls += 1

    def copy(self) -> Stats:
        return Stats(self.prompt_tokens, self.generated_tokens, self.seconds, self.calls, self.scored_tokens,
                     self.scoring_seconds)

    def since(self, before: Stats) -> Stats:
        return Stats(
            self.prompt_tokens - before.prompt_tokens,
            self.generated_tokens - before.generated_tokens,
            self.seconds - before.seconds,
            self.calls - before.calls,
            self.scored_tokens - before.scored_tokens,
            self.scoring_seconds - before.scoring_seconds,
        )


class Backend(Protocol):
    """A text generator. Implementations raise only BackendError."""

    name: str  # registry name: "llamacpp", "openai", "fake"
    model_name: str  # what the report and JSON output call the model
    chat: bool  # True: complete() takes a list of messages; False: a completion string
    can_tokenize: bool  # tokenize() counts real model tokens
    seeded: bool  # the same seed gives the same text
    can_score: bool  # score() works: the model reads a text and says how likely it is
    context_length: int
    stats: Stats

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
        """Generate up to max_tokens; on_text receives each piece as it streams and may return
        False to stop generating at once (an attempt already known to fail costs no more tokens)."""
        ...

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
        """One completion per seed, in order (llama.cpp decodes them together; others call one_by_one);
        on_text(i, piece) as in complete, i the completion's place."""
        ...

    def score(self, prefix: str, texts: Sequence[str]) -> list[Score]:
        """How likely each text is right after prefix (the model's judgement of fluency in context); only
        where can_score."""
        ...

    def tokenize(self, text: str) -> list[int]:
        """Model tokens for text (an estimate where can_tokenize is False)."""
        ...

    def close(self) -> None:
        """Free the model or the connection."""
        ...


def one_by_one(backend: Backend, prompt: Prompt, seeds: Sequence[int], *,
               on_text: Callable[[int, str], bool | None] | None = None, **options: Any) -> list[Completion]:
    """complete_many for a backend that generates one completion at a time."""
    return [backend.complete(prompt, seed=seed, on_text=(lambda piece, i=i: on_text(i, piece)) if on_text else None,
                             **options) for i, seed in enumerate(seeds)]
