"""Tokens per second: raw llama.cpp next to the pipeline (`localrewrite bench`, benchmarks/bench_tokens.py).

Measures and formats; never prints (cli.py does). Raw llama.cpp: prompt evaluation at fixed lengths and
generation, R repetitions each, as median and min–max. Pipeline: N articles through one Rewriter, with
where the tokens went (kept in the article, discarded by the gate, prompt tokens re-read) and the rewritten
tokens per wall second (article tokens outside every 8-word sequence copied from the source: a figure copying
cannot inflate), next to raw generation. Model-level speed (vocabularies, batched candidates, scoring) is
throughput.py's.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from localrewrite.backends import Backend, get_backend
from localrewrite.errors import LocalRewriteError, ModelError
from localrewrite.settings import Settings

if TYPE_CHECKING:
    from llama_cpp import Llama

PROMPT_LENGTHS = (128, 512, 1024)
GENERATE_TOKENS = 128
#: --tiny: one short article, one repetition, short raw runs (the test mode).
TINY = {"limit": 1, "words": 150, "reps": 1, "prompt_lengths": (128, 512), "generate_tokens": 64,
        "candidates": (1, 4)}
CANDIDATES = (1, 4, 8, 16)  # candidates decoded together
#: Text for the raw runs: French prose that a base model keeps continuing.
FILLER = ("Le gouvernement a présenté mardi à Paris un plan de rénovation des écoles, des hôpitaux et des "
          "gares, financé sur cinq ans. Les maires des grandes villes ont salué l'annonce, mais les syndicats "
          "d'enseignants demandent des moyens supplémentaires pour les zones rurales, où les bâtiments sont "
          "souvent anciens et mal isolés. Dans un communiqué, le ministre a précisé que les premiers chantiers "
          "commenceraient dès la rentrée. ")
GENERATE_PROMPT = "Article de presse en français.\n\n" + FILLER


@dataclass(frozen=True)
class Spread:
    """Median and range of repeated measurements."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            return cls(0.0, 0.0, 0.0, 0)
        return cls(statistics.median(values), min(values), max(values), len(values))

    def __str__(self) -> str:
        if self.n <= 1:
            return f"{self.median:.1f}"
        return f"{self.median:.1f} ({self.low:.1f}–{self.high:.1f})"


@dataclass(frozen=True)
class BenchOptions:
    articles: Path | None = None  # None: default_articles()
    limit: int = 3
    reps: int = 3
    words: int | None = None  # None: the pipeline's default (request line, else 700)
    prompt_lengths: tuple[int, ...] = PROMPT_LENGTHS
    generate_tokens: int = GENERATE_TOKENS
    candidates: tuple[int, ...] = CANDIDATES
    llama_options: dict[str, Any] = field(default_factory=dict)  # extra Llama(...) keywords: flash_attn, ...
    tiny: bool = False

    @classmethod
    def make(cls, *, tiny: bool = False, **values: Any) -> BenchOptions:
        """Options from flags; None means default (or the tiny default with tiny=True)."""
        base = {**TINY, "tiny": True} if tiny else {}
        return cls(**{**base, **{k: v for k, v in values.items() if v is not None}})


@dataclass
class ArticleRun:
    """One article through the pipeline: time, words and where the tokens went."""

    name: str
    seconds: float = 0.0  # wall time of Rewriter.rewrite
    words: int = 0
    target_words: int = 0
    checks_passed: int = 0
    checks_total: int = 0
    article_tokens: int = 0  # tokens of the article body
    rewritten_tokens: int = 0  # article tokens outside every 8-word sequence copied from the source
    generated_tokens: int = 0
    kept_tokens: int = 0
    discarded_tokens: int = 0
    prompt_tokens: int = 0  # evaluated, by the backend's count (KV-cache hits excluded)
    source_tokens: int = 0
    instruction_tokens: int = 0  # the stable prompt prefixes (rewrite, heading, title)
    calls: int = 0
    attempts: int = 0
    generate_seconds: float = 0.0  # inside backend.complete
    llama: dict[str, float] = field(default_factory=dict)  # llama.cpp's own counters for this article
    timings: dict[str, float] = field(default_factory=dict)
    error: str = ""

    @property
    def rewritten_per_second(self) -> float:
        """Rewritten (not copied) article tokens per wall second."""
        return self.rewritten_tokens / self.seconds if self.seconds else 0.0

    @property
    def prompt_per_source(self) -> float:
        return self.prompt_tokens / self.source_tokens if self.source_tokens else 0.0

    @property
    def prompt_vs_minimum(self) -> float:
        """Prompt tokens evaluated / (source + instruction tokens): 1.0 is reading each once."""
        least = self.source_tokens + self.instruction_tokens
        return self.prompt_tokens / least if least else 0.0

    @property
    def discarded_share(self) -> float:
        return 100.0 * self.discarded_tokens / self.generated_tokens if self.generated_tokens else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rewritten_per_second": round(self.rewritten_per_second, 2),
                "prompt_per_source": round(self.prompt_per_source, 2),
                "prompt_vs_minimum": round(self.prompt_vs_minimum, 2),
                "discarded_share": round(self.discarded_share, 1)}


@dataclass
class BenchReport:
    machine: dict[str, Any]
    settings: dict[str, Any]
    loads: dict[str, float]  # seconds: model, rewriter, spacy
    prompt_eval: dict[int, Spread] = field(default_factory=dict)  # tokens/s by prompt length
    generation: Spread | None = None  # tokens/s through create_completion (the pipeline's path)
    generated: list[int] = field(default_factory=list)  # tokens made by each generation call
    decode: Spread | None = None  # tokens/s of Llama.generate alone (no detokenizing, no stop strings)
    articles: list[ArticleRun] = field(default_factory=list)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # after: model, spacy, pipeline
    vocabularies: list[Any] = field(default_factory=list)  # throughput.ModelSpeed: packaged, then trimmed
    candidates: list[Any] = field(default_factory=list)  # throughput.CandidateSpeed
    scored_per_second: float = 0.0  # wordings scored per second (Backend.score)
    seconds: float = 0.0

    @property
    def done(self) -> list[ArticleRun]:
        return [a for a in self.articles if not a.error]

    def totals(self) -> dict[str, float]:
        done = self.done
        seconds = sum(a.seconds for a in done)
        article, generated = sum(a.article_tokens for a in done), sum(a.generated_tokens for a in done)
        rewritten = sum(a.rewritten_tokens for a in done)
        source = sum(a.source_tokens for a in done)
        least = source + sum(a.instruction_tokens for a in done)
        prompt = sum(a.prompt_tokens for a in done)
        raw = self.generation.median if self.generation else 0.0
        per_second = rewritten / seconds if seconds else 0.0
        return {"articles": len(done), "seconds": seconds, "seconds_per_article": seconds / len(done) if done else 0,
                "article_tokens": article, "rewritten_tokens": rewritten, "generated_tokens": generated,
                "discarded_tokens": sum(a.discarded_tokens for a in done),
                "prompt_tokens": prompt, "source_tokens": source,
                "prompt_per_source": prompt / source if source else 0.0,
                "prompt_vs_minimum": prompt / least if least else 0.0,
                "generated_per_second": generated / seconds if seconds else 0.0,
                "rewritten_per_second": per_second, "rewritten_vs_raw": per_second / raw if raw else 0.0}

    def as_dict(self) -> dict[str, Any]:
        return {"machine": self.machine, "settings": self.settings, "loads": self.loads,
                "raw": {"prompt_eval": {str(k): asdict(v) for k, v in self.prompt_eval.items()},
                        "generation": asdict(self.generation) if self.generation else None,
                        "generated_tokens": self.generated,
                        "decode": asdict(self.decode) if self.decode else None},
                "vocabularies": [asdict(v) for v in self.vocabularies],
                "candidates": [asdict(c) for c in self.candidates], "scored_per_second": self.scored_per_second,
                "articles": [a.as_dict() for a in self.articles], "totals": self.totals(),
                "peak_rss_mb": self.peak_rss_mb, "seconds": round(self.seconds, 2)}


# -- set-up ------------------------------------------------------------------------------------------


def default_articles() -> Path:
    """../shared/corpus (from the working directory, else from the project root), else examples/."""
    root = Path(__file__).resolve().parent.parent
    for candidate in (Path("../shared/corpus"), root.parent / "shared" / "corpus", Path("examples"),
                      root / "examples"):
        if candidate.is_dir():
            return candidate
    raise LocalRewriteError("No articles: pass --articles DIR.")


def article_files(folder: Path) -> list[Path]:
    """The articles of folder (as batch finds them), then those of its subfolders (the corpus keeps the
    seeds in seeds/)."""
    from localrewrite.batch import find_inputs

    if not folder.is_dir():
        raise LocalRewriteError(f"{folder} is not a folder of articles.")
    found: list[Path] = []
    for sub in [folder, *sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))]:
        try:
            found += find_inputs(sub)
        except LocalRewriteError:  # a folder without articles
            continue
    return found


def load_backend(settings: Settings, llama_options: dict[str, Any]) -> Backend:
    """The backend as the pipeline builds it; llama_options go to Llama(...) on top of from_path's."""
    if not llama_options:
        return get_backend(settings)
    if settings.backend != "llamacpp":
        raise LocalRewriteError("--no-flash-attn, --n-ubatch and --no-mmap apply to the llamacpp backend only.")
    from llama_cpp import Llama

    from localrewrite.backends.llamacpp import LlamaCppBackend, physical_cores
    from localrewrite.modelfiles import SETUP_HINT, resolve_model

    path = resolve_model(settings.model)
    options = {"model_path": str(path), "n_ctx": settings.context, "n_threads": settings.threads or physical_cores(),
               "n_gpu_layers": settings.gpu_layers, "n_batch": settings.batch, "n_ubatch": settings.batch,
               "seed": settings.seed, "flash_attn": True, "verbose": False, **llama_options}
    try:
        llm = Llama(**options)
    except (ValueError, RuntimeError, OSError) as exc:
        raise ModelError(f"llama.cpp cannot load {path} with {llama_options} ({exc}): {SETUP_HINT}.") from None
    return LlamaCppBackend(llm, model_name=path.name)


def vocabulary_pair() -> list[Path]:
    """The packaged default model and its French-trimmed copy, when set-up made both."""
    from localrewrite.modelfiles import DEFAULT_MODEL, PACKAGED_MODEL, models_dir

    pair = [models_dir() / PACKAGED_MODEL, models_dir() / DEFAULT_MODEL]
    return pair if pair[0] != pair[1] and all(p.is_file() for p in pair) else []


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux, VmHWM: ru_maxrss would count the parent's memory in a
    process started by fork and exec (multiprocessing's spawn), as the kernel keeps it across exec."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) / 2**10
    except (OSError, AttributeError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        import psutil

        return psutil.Process().memory_info().peak_wset / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB on Linux


def cpu_name() -> str:
    """The CPU's model name from /proc/cpuinfo, else what platform says."""
    cpu = platform.processor() or platform.machine()
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        return found.group(1).strip() if found else cpu
    except OSError:
        return cpu


def machine(settings: Settings, backend: Backend) -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    import psutil

    cpu = cpu_name()
    try:
        llama_version = version("llama-cpp-python")
    except PackageNotFoundError:
        llama_version = "not installed"
    llm = getattr(backend, "llm", None)
    model_path = Path(llm.model_path) if llm is not None else None
    return {"cpu": cpu, "cores_logical": os.cpu_count(), "cores_physical": psutil.cpu_count(logical=False),
            "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
            "os": platform.platform(), "python": platform.python_version(), "llama_cpp_python": llama_version,
            "backend": backend.name, "model": backend.model_name,
            "model_mb": round(model_path.stat().st_size / 1e6, 1) if model_path and model_path.is_file() else None,
            "n_threads": getattr(llm, "n_threads", None) if llm is not None else None,
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


# -- raw llama.cpp -----------------------------------------------------------------------------------


def filler_tokens(llm: Llama, n: int) -> list[int]:
    """n tokens of French prose, BOS first."""
    ids = llm.tokenize(FILLER.encode("utf-8"), add_bos=False, special=False)
    while len(ids) < n:
        ids = ids + ids
    return [llm.token_bos(), *ids[: n - 1]]


def measure_prompt_eval(llm: Llama, n: int, reps: int) -> Spread:
    """Prompt tokens/s: llm.eval of n fresh tokens (cache cleared), reps times."""
    tokens = filler_tokens(llm, n)
    rates = []
    for _ in range(reps):
        llm.reset()
        start = time.perf_counter()
        llm.eval(tokens)
        rates.append(n / (time.perf_counter() - start))
    llm.reset()
    return Spread.of(rates)


def measure_generation(llm: Llama, n: int, reps: int, temperature: float) -> tuple[Spread, list[int]]:
    """Generated tokens/s through create_completion with the backend's sampling, and the tokens each call
    made (fewer than n: it met EOS). A first call caches the prompt: each timed call reads one prompt token."""
    options = {"temperature": temperature, "top_p": 0.95, "repeat_penalty": 1.1}
    llm.create_completion(GENERATE_PROMPT, max_tokens=1, **options)
    rates, counts = [], []
    for rep in range(reps):
        start = time.perf_counter()
        out = llm.create_completion(GENERATE_PROMPT, max_tokens=n, seed=rep + 1, **options)
        counts.append(out["usage"]["completion_tokens"])
        rates.append(counts[-1] / (time.perf_counter() - start))
    return Spread.of(rates), counts


def measure_decode(llm: Llama, n: int, reps: int, temperature: float) -> Spread:
    """Tokens/s of Llama.generate alone (sample + eval, EOS ignored) after the prompt is evaluated."""
    prompt = llm.tokenize(GENERATE_PROMPT.encode("utf-8"), add_bos=True, special=False)
    rates = []
    for _ in range(reps):
        llm.reset()
        llm.eval(prompt)
        count = 0
        start = time.perf_counter()
        for _token in llm.generate(prompt, temp=temperature, top_p=0.95, repeat_penalty=1.1):
            count += 1
            if count >= n:
                break
        rates.append(count / (time.perf_counter() - start))
    llm.reset()
    return Spread.of(rates)


def llama_counters(llm: Llama | None) -> dict[str, float]:
    """llama.cpp's own counters (prompt tokens and decode steps, with their milliseconds); {} if unavailable."""
    if llm is None:
        return {}
    try:
        import llama_cpp

        data = llama_cpp.llama_perf_context(llm._ctx.ctx)
    except (AttributeError, TypeError):
        return {}
    return {"prompt_tokens": data.n_p_eval, "prompt_ms": data.t_p_eval_ms,
            "decode_tokens": data.n_eval, "decode_ms": data.t_eval_ms}


# -- the pipeline ------------------------------------------------------------------------------------


def instruction_tokens(backend: Backend) -> int:
    """Tokens of the stable prefixes (instruction and examples, before the input) of every task the
    writer prompts: rewrite, heading and title. Each is read at least once per article."""
    from localrewrite.prompts import INPUT, task

    total = 0
    for name in ("rewrite", "heading", "title"):
        prompt = task(name).prompt("x", chat=backend.chat)
        if isinstance(prompt, str):
            total += len(backend.tokenize(prompt[: prompt.rindex(INPUT)]))
        else:
            total += len(backend.tokenize(" ".join(m["content"] for m in prompt[:-1])))
    return total


def run_article(rewriter: Any, path: Path, instructions: int) -> ArticleRun:
    from localrewrite.check import fresh_share
    from localrewrite.ingest import read_source

    run = ArticleRun(path.name, instruction_tokens=instructions)
    backend = rewriter.backend
    llm = getattr(backend, "llm", None)
    try:
        source = read_source(path)
        before = llama_counters(llm)
        start = time.perf_counter()
        result = rewriter.rewrite(source)
        run.seconds = time.perf_counter() - start
    except LocalRewriteError as exc:
        run.error = exc.message
        return run
    after = llama_counters(llm)
    run.llama = {k: round(after[k] - before[k], 1) for k in after}
    run.words, run.target_words = result.words, result.target_words
    run.checks_passed, run.checks_total = result.report.passed_count, len(result.report.checks)
    run.article_tokens = len(backend.tokenize(result.article.body))
    run.rewritten_tokens = round(run.article_tokens * fresh_share(result.article.body, source.text) / 100)
    run.source_tokens = len(backend.tokenize(f"{source.title}\n\n{source.text}"))
    run.generated_tokens, run.prompt_tokens = result.tokens.generated_tokens, result.tokens.prompt_tokens
    run.calls, run.generate_seconds = result.tokens.calls, round(result.tokens.seconds, 3)
    run.kept_tokens, run.discarded_tokens = result.writing.kept_tokens, result.writing.discarded_tokens
    run.attempts = result.writing.attempts
    run.timings = {k: round(v, 3) for k, v in result.timings.items()}
    return run


def run_bench(settings: Settings, options: BenchOptions, *, backend: Backend | None = None,
              analyser: Any = None, on_progress: Callable[[str], None] | None = None) -> BenchReport:
    """Load the model, measure raw llama.cpp (when the backend has one in process), then the articles."""
    from localrewrite.pipeline import Rewriter
    from localrewrite.throughput import candidate_speeds, model_speeds, scoring_speed

    say = on_progress or (lambda message: None)
    began = time.perf_counter()
    paths = article_files(options.articles or default_articles())
    if options.tiny:  # the shortest article: a quick check, not a sample
        paths = sorted(paths, key=lambda p: p.stat().st_size)
    paths = paths[: options.limit]
    if options.words is not None:
        settings = settings.with_overrides(words=options.words)
    owned = backend is None
    start = time.perf_counter()
    backend = backend or load_backend(settings, options.llama_options)
    loads = {"model": time.perf_counter() - start}
    rss = {"model": peak_rss_mb()}
    start = time.perf_counter()
    rewriter = Rewriter(settings, backend=backend, analyser=analyser)
    loads["rewriter"] = time.perf_counter() - start
    if paths:
        start = time.perf_counter()
        rewriter.analyser.nlp  # noqa: B018 - first access loads spaCy
        loads["spacy"] = time.perf_counter() - start
    rss["spacy"] = peak_rss_mb()
    described = {**settings.as_dict(), **options.llama_options, "reps": options.reps, "tiny": options.tiny}
    report = BenchReport(machine(settings, backend), described, {k: round(v, 3) for k, v in loads.items()})
    try:
        llm = getattr(backend, "llm", None)
        if llm is not None:
            say("raw llama.cpp: warming up")
            llm.reset()
            llm.eval(filler_tokens(llm, 32))
            for n in options.prompt_lengths:
                say(f"raw llama.cpp: prompt of {n} tokens × {options.reps}")
                report.prompt_eval[n] = measure_prompt_eval(llm, n, options.reps)
            say(f"raw llama.cpp: {options.generate_tokens} generated tokens × {options.reps}")
            report.generation, report.generated = measure_generation(llm, options.generate_tokens, options.reps,
                                                                     settings.temperature)
            report.decode = measure_decode(llm, options.generate_tokens, options.reps, settings.temperature)
            say(f"candidates: {', '.join(map(str, options.candidates))} at once, and as many one at a time")
            report.candidates = candidate_speeds(llm, options.candidates)
            pair = vocabulary_pair()
            if pair:
                say(f"vocabularies: {pair[0].name} and {pair[1].name}, each in its own process")
                report.vocabularies = model_speeds(pair, options.reps, options.generate_tokens, llm.n_threads)
        if backend.can_score:
            report.scored_per_second = scoring_speed(backend)
        instructions = instruction_tokens(backend)
        for number, path in enumerate(paths, 1):
            say(f"pipeline: article {number}/{len(paths)}: {path.name}")
            report.articles.append(run_article(rewriter, path, instructions))
    finally:
        if owned:
            rewriter.close()
    rss["pipeline"] = peak_rss_mb()
    report.peak_rss_mb = {k: round(v, 1) for k, v in rss.items()}
    report.seconds = time.perf_counter() - began
    return report
