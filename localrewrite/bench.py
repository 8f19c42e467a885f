"""Tokens per second: raw llama.cpp next to the pipeline (`localrewrite bench`, benchmarks/bench_tokens.py).

Measures and formats; never prints (cli.py does). Raw llama.cpp: prompt evaluation at fixed lengths and
generation, R repetitions each, as median and min–max. Pipeline: N articles through one Rewriter, with
where the tokens went (kept in the article, discarded by the gate, prompt tokens re-read) and the goodput,
article tokens per wall second, next to raw generation.
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
TINY = {"limit": 1, "words": 150, "reps": 1, "prompt_lengths": (128, 512), "generate_tokens": 64}
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
    def goodput(self) -> float:
        """Article tokens per wall second."""
        return self.article_tokens / self.seconds if self.seconds else 0.0

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
        return {**asdict(self), "goodput": round(self.goodput, 2),
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
    seconds: float = 0.0

    @property
    def done(self) -> list[ArticleRun]:
        return [a for a in self.articles if not a.error]

    def totals(self) -> dict[str, float]:
        done = self.done
        seconds = sum(a.seconds for a in done)
        article, generated = sum(a.article_tokens for a in done), sum(a.generated_tokens for a in done)
        source = sum(a.source_tokens for a in done)
        least = source + sum(a.instruction_tokens for a in done)
        prompt = sum(a.prompt_tokens for a in done)
        raw = self.generation.median if self.generation else 0.0
        goodput = article / seconds if seconds else 0.0
        return {"articles": len(done), "seconds": seconds, "seconds_per_article": seconds / len(done) if done else 0,
                "article_tokens": article, "generated_tokens": generated,
                "discarded_tokens": sum(a.discarded_tokens for a in done),
                "prompt_tokens": prompt, "source_tokens": source,
                "prompt_per_source": prompt / source if source else 0.0,
                "prompt_vs_minimum": prompt / least if least else 0.0,
                "generated_per_second": generated / seconds if seconds else 0.0,
                "goodput": goodput, "goodput_vs_raw": goodput / raw if raw else 0.0}

    def as_dict(self) -> dict[str, Any]:
        return {"machine": self.machine, "settings": self.settings, "loads": self.loads,
                "raw": {"prompt_eval": {str(k): asdict(v) for k, v in self.prompt_eval.items()},
                        "generation": asdict(self.generation) if self.generation else None,
                        "generated_tokens": self.generated,
                        "decode": asdict(self.decode) if self.decode else None},
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


def peak_rss_mb() -> float:
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


# -- output ------------------------------------------------------------------------------------------

ARTICLE_COLUMNS = ("article", "s", "words", "checks", "article tok", "generated", "kept", "discarded",
                   "prompt tok", "src+instr", "prompt/src", "goodput tok/s", "× raw")


def _article_row(run: ArticleRun, raw: float) -> list[str]:
    if run.error:
        return [run.name[:32], "failed", run.error[:60], *[""] * (len(ARTICLE_COLUMNS) - 3)]
    return [run.name[:32], f"{run.seconds:.1f}", str(run.words), f"{run.checks_passed}/{run.checks_total}",
            str(run.article_tokens), str(run.generated_tokens), str(run.kept_tokens), str(run.discarded_tokens),
            str(run.prompt_tokens), f"{run.source_tokens}+{run.instruction_tokens}",
            f"{run.prompt_per_source:.2f}", f"{run.goodput:.1f}", f"{run.goodput / raw:.2f}" if raw else "–"]


def _total_row(report: BenchReport) -> list[str]:
    t = report.totals()
    done = report.done
    return ["all", f"{t['seconds']:.1f}", str(sum(a.words for a in done)),
            f"{sum(a.checks_passed for a in done)}/{sum(a.checks_total for a in done)}",
            str(t["article_tokens"]), str(t["generated_tokens"]), str(sum(a.kept_tokens for a in done)),
            str(t["discarded_tokens"]), str(t["prompt_tokens"]),
            f"{t['source_tokens']}+{sum(a.instruction_tokens for a in done)}", f"{t['prompt_per_source']:.2f}",
            f"{t['goodput']:.1f}", f"{t['goodput_vs_raw']:.2f}" if t["goodput_vs_raw"] else "–"]


def raw_rows(report: BenchReport) -> list[list[str]]:
    rows = [[f"prompt eval, {n} tokens", str(s)] for n, s in report.prompt_eval.items()]
    if report.generation:
        made = f"{min(report.generated)}–{max(report.generated)}" if report.generated else "?"
        rows.append([f"generation, create_completion ({made} tokens, temperature {report.settings.get('temperature')})",
                     str(report.generation)])
    if report.decode:
        rows.append(["generation, Llama.generate loop", str(report.decode)])
    return rows


def summary_rows(report: BenchReport) -> list[list[str]]:
    t = report.totals()
    llama = {k: sum(a.llama.get(k, 0) for a in report.done) for k in ("prompt_tokens", "prompt_ms",
                                                                     "decode_tokens", "decode_ms")}
    rows = [[f"{name} load", f"{report.loads[key]:.2f} s"] for key, name in (("model", "model"), ("spacy", "spaCy"))
            if key in report.loads]
    if not report.done:
        return rows + [["peak RSS (after model)", f"{report.peak_rss_mb['model']:.0f} MB"]]
    rows += [["seconds per article", f"{t['seconds_per_article']:.1f}"],
             ["generated tokens/s in the pipeline (wall)", f"{t['generated_per_second']:.1f}"],
             ["goodput: article tokens / wall second", f"{t['goodput']:.1f}"],
             ["goodput / raw generation", f"{t['goodput_vs_raw']:.2f}" if t["goodput_vs_raw"] else "–"],
             ["discarded / generated tokens", f"{t['discarded_tokens']}/{t['generated_tokens']}"],
             ["prompt tokens evaluated per source token", f"{t['prompt_per_source']:.2f}"],
             ["prompt tokens / (source + instruction tokens)", f"{t['prompt_vs_minimum']:.2f}"]]
    if llama["prompt_ms"] or llama["decode_ms"]:
        rows += [["llama.cpp prompt tokens evaluated (its own count)", f"{llama['prompt_tokens']:.0f}"],
                 ["llama.cpp time in prompt eval / decode",
                  f"{llama['prompt_ms'] / 1000:.1f} s / {llama['decode_ms'] / 1000:.1f} s"]]
    rows.append(["peak RSS (after model, spaCy, pipeline)",
                 " / ".join(f"{v:.0f}" for v in report.peak_rss_mb.values()) + " MB"])
    return rows


def _plain_table(header: Sequence[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [list(header), *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = (c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        return "  ".join(padded).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)])


def markdown_table(header: Sequence[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(out + ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows])


def _tables(report: BenchReport, table: Callable[[Sequence[str], list[list[str]]], str]) -> list[str]:
    raw = report.generation.median if report.generation else 0.0
    articles = [_article_row(a, raw) for a in report.articles]
    if len(report.done) > 1:
        articles.append(_total_row(report))
    parts = []
    if report.prompt_eval or report.generation:
        parts.append(table(["raw llama.cpp", "tokens/s: median (min–max)"], raw_rows(report)))
    if articles:
        parts.append(table(ARTICLE_COLUMNS, articles))
    parts.append(table(["pipeline", "value"], summary_rows(report)))
    return parts


def format_text(report: BenchReport) -> str:
    m = report.machine
    head = (f"{m['model']} on {m['cpu']}, {m['n_threads'] or '?'} threads, load average {m['load_average']}; "
            f"{report.seconds:.0f} s in all")
    return "\n\n".join([head, *_tables(report, _plain_table)])


def tag(report: BenchReport) -> str:
    """Which configuration a RESULTS.md section holds: the settings that differ from the defaults."""
    defaults = {**Settings().as_dict(), "reps": 3, "tiny": False}
    changed = [f"{k}={v}" for k, v in report.settings.items() if k not in defaults or defaults[k] != v]
    return ", ".join(changed) or "defaults"


def format_markdown(report: BenchReport) -> str:
    m = report.machine
    s = report.settings
    machine_rows = [["CPU", f"{m['cpu']} ({m['cores_physical']} physical / {m['cores_logical']} logical cores)"],
                    ["RAM", f"{m['ram_gb']} GB"], ["load average at start", str(m["load_average"])],
                    ["OS / Python", f"{m['os']} / {m['python']}"], ["llama-cpp-python", m["llama_cpp_python"]],
                    ["model", f"{m['model']} ({m['model_mb']} MB)"],
                    ["settings", f"threads {m['n_threads']}, context {s['context']}, batch {s['batch']}, "
                                 f"GPU layers {s['gpu_layers']}, seed {s['seed']}, temperature {s['temperature']}, "
                                 f"retries {s['retries']}, words {s['words'] or 'default'}, reps {s['reps']}"
                                 + "".join(f", {k} {s[k]}" for k in ("flash_attn", "n_ubatch", "use_mmap") if k in s)],
                    ["date", m["date"]]]
    parts = [f"## Tokens per second: {tag(report)}", markdown_table(["machine", ""], machine_rows),
             *_tables(report, markdown_table)]
    return "\n\n".join(parts)


RESULTS_HEAD = """# Benchmark results

Written by `localrewrite bench --markdown benchmarks/RESULTS.md` (or `python benchmarks/bench_tokens.py
--markdown benchmarks/RESULTS.md`); each configuration has its own section, replaced when measured again.
"""


def update_results(path: Path, report: BenchReport) -> None:
    """Write report's section into path (a RESULTS.md), replacing the section of the same configuration."""
    write_section(path, tag(report), format_markdown(report))


def write_section(path: Path, name: str, markdown: str) -> None:
    """Put markdown into path (a RESULTS.md) between `<!-- bench: name -->` markers: an earlier section of
    that name is replaced, any other text kept; a new file starts with RESULTS_HEAD."""
    from localrewrite.render import write_atomic

    begin, end = f"<!-- bench: {name} -->", f"<!-- /bench: {name} -->"
    section = f"{begin}\n{markdown}\n{end}"
    text = path.read_text(encoding="utf-8") if path.is_file() else RESULTS_HEAD
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    write_atomic(path, text, force=True)
