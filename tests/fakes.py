"""FakeBackend: scripted replies and a record of every prompt (unit tests only)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence

from localrewrite.backends.base import Completion, Prompt, Score, Stats, one_by_one


class FakeBackend:
    """Replies from a queue (or a function of the prompt); whitespace tokens; records each call."""

    name = "fake"
    model_name = "fake-model"
    can_tokenize = False
    seeded = True
    can_score = False
    context_length = 8192

    def __init__(self, replies: Sequence[str] = (), *, reply: Callable[[Prompt], str] | None = None,
                 chat: bool = False) -> None:
        self.queue: deque[str] = deque(replies)
        self.reply = reply
        self.chat = chat
        self.history: list[dict] = []
        self.stats = Stats()
        self.closed = False

    def enqueue(self, *replies: str) -> None:
        self.queue.extend(replies)

    def complete(self, prompt: Prompt, *, stop: Sequence[str] = (), max_tokens: int = 256,
                 seed: int | None = None, temperature: float = 0.7, on_text=None) -> Completion:
        self.history.append({"prompt": prompt, "stop": tuple(stop), "max_tokens": max_tokens, "seed": seed,
                             "temperature": temperature})
        if self.queue:
            text = self.queue.popleft()
        elif self.reply:
            text = self.reply(prompt)
        else:
            text = ""
        for s in stop:
            if s and s in text:
                text = text[: text.index(s)]
        text = " ".join(text.split()[:max_tokens])
        if on_text and text:
            for piece in text.split():
                on_text(piece + " ")
        prompt_text = prompt if isinstance(prompt, str) else " ".join(m["content"] for m in prompt)
        completion = Completion(text, len(prompt_text.split()), len(text.split()), 0.001, "stop")
        self.stats.add(completion)
        return completion

    def complete_many(self, prompt: Prompt, seeds: Sequence[int], **options) -> list[Completion]:
        return one_by_one(self, prompt, seeds, **options)

    def score(self, prefix: str, texts: Sequence[str]) -> list[Score]:
        raise AssertionError("the fake backend cannot score: can_score is False")

    def tokenize(self, text: str) -> list[int]:
        return list(range(len(text.split())))

    def close(self) -> None:
        self.closed = True


def echo_last_input(prompt: Prompt) -> str:
    """A reply that copies the prompt's last input line (the source sentence): faithful, unoriginal."""
    text = prompt if isinstance(prompt, str) else prompt[-1]["content"]
    line = [ln for ln in text.splitlines() if ln.startswith("Phrase :")][-1] if isinstance(prompt, str) else text
    return line.removeprefix("Phrase :").strip()
