"""Few-shot prompts from prompts/*.txt, laid out so the stable part comes first (KV-cache reuse).

Each file holds an instruction paragraph, then examples as "Phrase : …" / "Réponse : …" pairs.
Base models get one completion string ending in "Réponse :"; chat models get the instruction as
system message and the examples as user/assistant turns (the GGUF's chat template formats them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from localrewrite.backends.base import Message, Prompt

INPUT = "Phrase :"
OUTPUT = "Réponse :"
#: Stop strings for one answer of a completion prompt.
STOP = ("\n", INPUT)


@dataclass(frozen=True)
class Task:
    instruction: str
    examples: tuple[tuple[str, str], ...]

    def prompt(self, text: str, *, chat: bool, prefill: str = "") -> Prompt:
        """The prompt for one input; prefill starts the answer (completion prompts only)."""
        text = " ".join(text.split())
        if chat:
            messages: list[Message] = [{"role": "system", "content": self.instruction}]
            for given, answer in self.examples:
                messages += [{"role": "user", "content": given}, {"role": "assistant", "content": answer}]
            messages.append({"role": "user", "content": text})
            return messages
        shots = "".join(f"{INPUT} {given}\n{OUTPUT} {answer}\n\n" for given, answer in self.examples)
        answer = f" {prefill}" if prefill else ""
        return f"{self.instruction}\n\n{shots}{INPUT} {text}\n{OUTPUT}{answer}"


@cache
def task(name: str) -> Task:
    """Load prompts/<name>.txt once."""
    raw = files("localrewrite").joinpath("prompts", f"{name}.txt").read_text(encoding="utf-8")
    instruction, *blocks = [b.strip() for b in raw.strip().split("\n\n")]
    examples = []
    for block in blocks:
        given, answer = block.split(f"\n{OUTPUT}")
        examples.append((given.removeprefix(INPUT).strip(), answer.strip()))
    return Task(instruction, tuple(examples))
