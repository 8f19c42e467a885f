"""Model-level speed, for `localrewrite bench`: the packaged and the trimmed vocabulary side by side, candidates
per second one at a time and decoded together, wordings scored per second. Measures; never prints.

Each vocabulary is measured in a process of its own (spawned, one after the other), so that its peak RSS is its
own: the model mapped, its context, a 512-token prompt read and greedy generations made.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from localrewrite.bench import FILLER, GENERATE_PROMPT, Spread, measure_decode, measure_prompt_eval, peak_rss_mb

if TYPE_CHECKING:
    from llama_cpp import Llama

    from localrewrite.backends import Backend

#: French prompts whose greedy continuations both vocabularies must write token for token.
GREEDY_PROMPTS = (
    GENERATE_PROMPT,
    "Réécris la phrase en d'autres mots.\nPhrase : Le maire de Lyon a inauguré samedi une nouvelle ligne de "
    "tramway, attendue depuis dix ans par les habitants des quartiers est.\nRéécriture :",
    "« Nous ne céderons pas », a déclaré jeudi la ministre, interrogée sur l'avenir de la réforme des retraites. "
    "Les syndicats",
    "Titre : Grève à la SNCF : ce qui change pour les voyageurs ce week-end\n\nLes usagers",
)
GREEDY_TOKENS = 48
CANDIDATE_TOKENS = 32
REWRITE_PROMPT = ("Réécris la phrase en d'autres mots, sans rien ajouter.\nPhrase : Le gouvernement a présenté "
                  "mardi à Paris un plan de rénovation des écoles, financé sur cinq ans.\nRéécriture :")


@dataclass(frozen=True)
class ModelSpeed:
    """One GGUF alone in a process: size, speed, memory, and its greedy continuations of GREEDY_PROMPTS."""

    model: str
    file_mb: float
    vocabulary: int
    prompt: Spread  # tokens/s reading a 512-token prompt
    decode: Spread  # tokens/s generating greedily
    peak_rss_mb: float
    greedy: tuple[str, ...]


@dataclass(frozen=True)
class CandidateSpeed:
    """n candidates of one prompt: made one call at a time, then decoded together."""

    n: int
    one_at_a_time: float  # candidates per second
    together: float
    same_texts: int  # candidates whose text is the same both ways (same seed)


def model_speed(path: Path, reps: int, tokens: int, threads: int) -> ModelSpeed:
    """Measure the model at path in this process (model_speeds runs it in a fresh one)."""
    from localrewrite.backends.llamacpp import LlamaCppBackend

    llm = LlamaCppBackend.from_path(path, n_ctx=2048, n_threads=threads).llm
    llm.reset()
    llm.eval(llm.tokenize(FILLER.encode("utf-8"), add_bos=True, special=False)[:32])  # warm-up
    prompt = measure_prompt_eval(llm, 512, reps)
    decode = measure_decode(llm, tokens, reps, temperature=0.0)
    greedy = tuple(llm.create_completion(text, max_tokens=GREEDY_TOKENS, temperature=0.0)["choices"][0]["text"]
                   for text in GREEDY_PROMPTS)
    vocabulary = llm.n_vocab()
    llm.close()
    return ModelSpeed(path.name, path.stat().st_size / 1e6, vocabulary, prompt, decode, peak_rss_mb(), greedy)


def model_speeds(paths: Sequence[Path], reps: int, tokens: int, threads: int) -> list[ModelSpeed]:
    """model_speed of each path, each in a spawned process, one after the other."""
    context = multiprocessing.get_context("spawn")
    speeds = []
    for path in paths:
        with context.Pool(1) as pool:
            speeds.append(pool.apply(model_speed, (path, reps, tokens, threads)))
    return speeds


def candidate_speeds(llm: Llama, sizes: Sequence[int], tokens: int = CANDIDATE_TOKENS,
                     temperature: float = 0.7) -> list[CandidateSpeed]:
    """Candidates of REWRITE_PROMPT per second, n at a time, against n calls of one: the same sampler and
    seeds both ways (Sequences), so only the batching differs."""
    from localrewrite.backends.sequences import Sequences

    sequences = Sequences(llm)
    ids = llm.tokenize(REWRITE_PROMPT.encode("utf-8"), add_bos=True, special=False)
    options = {"max_tokens": tokens, "temperature": temperature}
    try:
        sequences.generate(ids, [0], **options)  # the prompt is read here, and reused by every call below
        results = []
        for n in sizes:
            seeds = list(range(1, n + 1))
            start = time.perf_counter()
            alone = [sequences.generate(ids, [seed], **options)[0] for seed in seeds]
            one_at_a_time = n / (time.perf_counter() - start)
            start = time.perf_counter()
            together = sequences.generate(ids, seeds, **options)
            results.append(CandidateSpeed(n, one_at_a_time, n / (time.perf_counter() - start),
                                          sum(a.text == b.text for a, b in zip(alone, together, strict=True))))
        return results
    finally:
        sequences.close()


def scoring_speed(backend: Backend, wordings: int = 32) -> float:
    """Wordings scored per second: variants of FILLER's sentences (one word left out each), after the same
    prefix, as the paraphrase engine scores a sentence's candidates."""
    sentences = [s.strip() + "." for s in FILLER.split(".") if s.strip()]
    variants = [" ".join(w for j, w in enumerate(s.split()) if j != i) for s in sentences for i in range(1, 9)]
    texts = variants[:wordings]
    start = time.perf_counter()
    backend.score("Article de presse en français.", texts)
    return len(texts) / (time.perf_counter() - start)
