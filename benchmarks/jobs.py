"""Throughput of `localrewrite batch --jobs 1, 2, 4` against a local OpenAI-compatible server.

    python benchmarks/jobs.py --limit 4                  # starts llama_cpp.server on the default model
    python benchmarks/jobs.py --base-url http://127.0.0.1:8080/v1 --limit 8 --jobs 1,2,4,8   # a running server

Each --jobs value rewrites the same first --limit articles with run_batch (one Rewriter for all) into a
fresh temporary folder, after an untimed warm-up (every article read, the shortest rewritten: spaCy, lingua's
language models, HTML extraction and the server's first request would otherwise count against the first
row). It reports wall seconds, articles/min, body words/s, generated tokens/s (the server's usage counts)
and the checks each article passed, read from the manifest rows: outputs through the server must meet the
same bars as in process. The table is printed and replaces the section "## batch --jobs against a local
server" of --out; progress goes to stderr.

Without --base-url the script starts `python -m llama_cpp.server --model MODEL --host 127.0.0.1 --port FREE
--n_ctx 4096 --interrupt_requests False` with as many threads as the in-process backend. llama-cpp-python's
server runs its one model behind a lock: it serves one request at a time and queues the others, so --jobs > 1
only overlaps the client's own work (spaCy, the checks, HTTP) with generation and is expected to gain little.
llama.cpp's own `llama-server -np N` (N slots, continuous batching) and vLLM batch concurrent requests: point
--base-url at one of those to see --jobs pay.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from localrewrite.backends.llama_server import LocalServer
from localrewrite.batch import BatchEvent, Row, run_batch
from localrewrite.bench import article_files, default_articles, machine
from localrewrite.errors import LocalRewriteError
from localrewrite.results import markdown_table, write_section
from localrewrite.settings import Settings

TITLE = "## batch --jobs against a local server"
SECTION = "batch-jobs"  # the RESULTS.md markers: <!-- bench: batch-jobs -->
COLUMNS = ("jobs", "articles", "wall s", "speed-up", "articles/min", "words/s", "tokens/s",
           "checks passed (median)", "all bars", "failed")


@dataclass
class JobsRun:
    """One batch of the same articles at one --jobs value."""

    jobs: int
    seconds: float  # wall time of the articles (BatchSummary.seconds)
    generated_tokens: int  # the server's count, over every request of the batch
    rows: list[Row] = field(default_factory=list)

    @property
    def done(self) -> list[Row]:
        return [row for row in self.rows if row.status == "done"]

    @property
    def failed(self) -> int:
        return sum(row.status == "failed" for row in self.rows)

    @property
    def words(self) -> int:
        return sum(row.words for row in self.done)

    @property
    def all_bars(self) -> int:
        return sum(row.checks_passed == row.checks_total for row in self.done)

    @property
    def checks_median(self) -> float | None:
        return statistics.median(row.checks_passed for row in self.done) if self.done else None

    def per_second(self, amount: float) -> float:
        return amount / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"jobs": self.jobs, "articles": len(self.done), "failed": self.failed,
                "seconds": round(self.seconds, 2), "words": self.words, "generated_tokens": self.generated_tokens,
                "articles_per_minute": round(60 * self.per_second(len(self.done)), 2),
                "words_per_second": round(self.per_second(self.words), 2),
                "tokens_per_second": round(self.per_second(self.generated_tokens), 2),
                "checks_passed_median": self.checks_median, "all_bars": self.all_bars,
                "rows": [{**asdict(row), "input": Path(row.input).name, "output": Path(row.output).name}
                         for row in self.rows]}


def parse_jobs(text: str) -> tuple[int, ...]:
    """"1,2,4" -> (1, 2, 4); an argparse type."""
    try:
        values = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        values = ()
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of whole numbers ≥ 1, such as 1,2,4")
    return values


def stage(paths: list[Path], inbox: Path) -> None:
    """Copy the articles into one flat folder for run_batch; a number in front keeps names apart and in order."""
    inbox.mkdir(parents=True)
    for number, path in enumerate(paths, 1):
        shutil.copyfile(path, inbox / f"{number:02d}-{path.name}")


def measure(rewriter: Any, inbox: Path, outbox: Path, jobs: int) -> JobsRun:
    """One batch of inbox into the empty outbox with `jobs` articles at once."""
    def progress(event: BatchEvent) -> None:
        if event.kind == "end" and event.row:
            row = event.row
            result = (f"{row.words} words, {row.checks_passed}/{row.checks_total} checks" if row.status == "done"
                      else f"{row.status}: {row.error}")
            _say(f"[jobs {jobs}] {event.index + 1}/{event.total} {Path(row.input).name}: {result}, {row.seconds} s")

    before = rewriter.backend.stats.copy()
    summary = run_batch(inbox, outbox, rewriter, jobs=jobs, on_event=progress)
    return JobsRun(jobs, summary.seconds, rewriter.backend.stats.since(before).generated_tokens, summary.rows)


def warm_up(rewriter: Any, paths: list[Path]) -> None:
    """Untimed: every article read once (HTML extraction compiles its patterns on first use) and the shortest
    rewritten, which loads what the pipeline loads on first use and opens the server connection."""
    from localrewrite.ingest import read_source

    shortest = min(paths, key=lambda path: path.stat().st_size)
    _say(f"warm-up: {shortest.name}, not timed")
    try:
        for path in paths:
            read_source(path)
        rewriter.rewrite(shortest)
    except LocalRewriteError as exc:
        _say(f"warm-up failed: {exc.message}")


def _checks(run: JobsRun) -> str:
    median, total = run.checks_median, max((row.checks_total for row in run.done), default=0)
    return "–" if median is None else f"{median:g}/{total}"


def jobs_table(runs: list[JobsRun]) -> str:
    base = runs[0].seconds if runs else 0.0
    rows = [[str(r.jobs), str(len(r.done)), f"{r.seconds:.1f}", f"{base / r.seconds:.2f}" if r.seconds else "–",
             f"{60 * r.per_second(len(r.done)):.2f}", f"{r.per_second(r.words):.1f}",
             f"{r.per_second(r.generated_tokens):.1f}", _checks(r), f"{r.all_bars}/{len(r.rows)}", str(r.failed)]
            for r in runs]
    return markdown_table(COLUMNS, rows)


def jobs_markdown(runs: list[JobsRun], about: dict[str, Any]) -> str:
    return "\n\n".join([
        TITLE,
        f"Written by `python benchmarks/jobs.py` on {about['date']}: {about['server']}, model {about['model']}; "
        f"{about['articles']} articles from `{about['folder']}`, words {about['words']}, seed {about['seed']}, "
        f"temperature {about['temperature']}, retries {about['retries']}; client on {about['cpu']} "
        f"({about['cores']} cores), load average at start {about['load_average']}.",
        jobs_table(runs),
        "Wall s: the batch's articles, after an untimed warm-up article; speed-up: wall s of the first row over "
        "this one; tokens/s: generated tokens (the server's usage counts) per wall second; checks passed: median over "
        "the articles done; all bars: articles that passed every check. llama-cpp-python's server "
        "(`python -m llama_cpp.server`) serves one request at a time and queues the others, so --jobs > 1 "
        "gains little there; llama.cpp's `llama-server -np N` and vLLM batch concurrent requests.",
    ])


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="an OpenAI-compatible server already running (default: start "
                                           "llama_cpp.server on 127.0.0.1)")
    parser.add_argument("--model", type=Path, help="GGUF the started server loads (default: first in models/)")
    parser.add_argument("--n-ctx", type=int, default=4096, help="context of the started server (default: 4096)")
    parser.add_argument("--threads", type=int, help="threads of the started server (default: physical cores)")
    parser.add_argument("--articles", type=Path, help="folder of articles (default: ../shared/corpus)")
    parser.add_argument("--limit", type=int, default=2, help="the first N articles (default: 2)")
    parser.add_argument("--jobs", type=parse_jobs, default=(1, 2, 4), help="--jobs values (default: 1,2,4)")
    parser.add_argument("--words", type=int, default=300, help="target words per article (default: 300)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS.md"), help="the Markdown report")
    parser.add_argument("--json", type=Path, help="every batch and manifest row as JSON")
    parser.add_argument("--no-warmup", action="store_true", help="time the first batch cold")
    args = parser.parse_args(argv)

    from localrewrite.pipeline import Rewriter

    runs: list[JobsRun] = []
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="localrewrite-jobs-")))
        try:
            settings = Settings.from_env(words=args.words, model=args.model, context=args.n_ctx,
                                         backend="openai", base_url=args.base_url)
            folder = args.articles or default_articles()
            paths = article_files(folder)[: args.limit]
            stage(paths, work / "inbox")
            if args.base_url:
                server = f"the server at {args.base_url}"
            else:
                started = stack.enter_context(_server(settings, args.threads, work / "server.log"))
                settings = settings.with_overrides(base_url=started.url)
                server = (f"`python -m llama_cpp.server --n_ctx {started.n_ctx} --n_threads {started.threads} "
                          "--interrupt_requests False` (llama-cpp-python) on 127.0.0.1")
            rewriter = Rewriter(settings)
            stack.callback(rewriter.close)
        except LocalRewriteError as exc:
            _say(f"Error: {exc.message}")
            return exc.exit_code
        if len(paths) < max(args.jobs):
            _say(f"Note: {len(paths)} articles: --jobs above {len(paths)} cannot run more at once (raise --limit).")
        host = machine(settings, rewriter.backend)
        try:
            if paths and not args.no_warmup:
                warm_up(rewriter, paths)
            for jobs in args.jobs:
                _say(f"batch --jobs {jobs}: {len(paths)} articles from {folder} through {rewriter.backend.url}")
                runs.append(measure(rewriter, work / "inbox", work / f"out-{jobs}", jobs))
        except KeyboardInterrupt:
            _say("Interrupted: writing what is done.")
        except LocalRewriteError as exc:  # the whole batch failed (a failing article only fails its row)
            _say(f"Error: {exc.message}")
            return exc.exit_code
    about = {"date": host["date"], "server": server, "model": rewriter.backend.model_name,
             "articles": len(paths), "folder": str(folder), "words": args.words, "seed": settings.seed,
             "temperature": settings.temperature, "retries": settings.retries, "cpu": host["cpu"],
             "cores": host["cores_logical"], "load_average": host["load_average"]}
    write_section(args.out, SECTION, jobs_markdown(runs, about))
    if args.json:
        data = {"about": about, "runs": [run.as_dict() for run in runs]}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    print(jobs_table(runs))
    _say(f"Wrote {args.out}")
    return 0


def _server(settings: Settings, threads: int | None, log: Path) -> LocalServer:
    """llama_cpp.server for settings.model, with the in-process backend's threads; `with` starts it."""
    from localrewrite.backends.llamacpp import physical_cores
    from localrewrite.modelfiles import resolve_model

    model = resolve_model(settings.model)
    _say(f"starting llama_cpp.server on {model.name}")
    return LocalServer(model, log, n_ctx=settings.context, threads=threads or settings.threads or physical_cores(),
                       alias=model.name)


if __name__ == "__main__":
    sys.exit(main())
