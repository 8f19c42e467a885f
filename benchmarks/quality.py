"""Faithful and good: every quality bar for the pipeline next to one plain prompt to the same model.

    python benchmarks/quality.py                      # ../shared/corpus (14 articles) -> benchmarks/QUALITY.md
    python benchmarks/quality.py --limit 1 --words 150 --skip-plain --out /tmp/q.md   # a quick look

(a) the pipeline with default settings; (b) what a user without this tool would do: the seeds' own request
("Customize this title in french<TITLE> ... create at least 700 words", then the article) sent once to the same
model (as a user message when the GGUF has a chat template, else as a completion prompt). The plain output is
read as Markdown (a first line without "# " is its title; a line that is all bold is a subheading) and
given the pipeline's keyphrase, so the SEO checks measure where it falls, then checked like the pipeline's.
Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from localrewrite.article import Article, parse_markdown, word_count
from localrewrite.bench import article_files, default_articles, markdown_table
from localrewrite.check import Report, check_article
from localrewrite.errors import LocalRewriteError
from localrewrite.settings import Settings

REQUEST = ("Customize this title in french{title}\n\nMake this article seo compatible, Let there be subheadings "
           "for the article, be in french, create at least {words} words\n\n")
_REQUEST_WORDS = re.compile(r"create at least \d+ words")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*:?$")
_TITLE_LABEL = re.compile(r"^(?:titre|title)\s*:\s*", re.I)


@dataclass
class Run:
    """One article written one way ("pipeline" or "plain")."""

    article: str
    method: str
    report: Report | None = None  # None: the run failed (error says why); it fails every bar
    words: int = 0
    subheadings: int = 0
    seconds: float = 0.0
    generated_tokens: int = 0
    tokens_per_second: float = 0.0
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "method": self.method, "words": self.words,
                "subheadings": self.subheadings, "seconds": round(self.seconds, 2),
                "generated_tokens": self.generated_tokens, "tokens_per_second": round(self.tokens_per_second, 1),
                "error": self.error, "report": self.report.as_dict() if self.report else None}


@dataclass
class BarStat:
    name: str
    bar: str
    passed: int
    total: int
    median: float | None  # of the numeric values; None when there are none
    values: list[Any] = field(default_factory=list)

    @property
    def rate(self) -> str:
        return f"{self.passed}/{self.total}"


# -- the plain prompt ---------------------------------------------------------------------------------


def plain_prompt(raw: str, words: int | None = None) -> str:
    """The request a user would send: a seed as it is, any other article (title line first) wrapped in it."""
    text = raw.replace("\r\n", "\n").strip()
    if text.startswith("Customize this title"):
        return _REQUEST_WORDS.sub(f"create at least {words} words", text) if words else text
    title, _, body = text.partition("\n")
    return REQUEST.format(title=title.strip(), words=words or 700) + body.strip()


def parse_plain(text: str) -> Article:
    """The plain output as an Article: Markdown, with a bare first line as title and bold lines as H2."""
    lines = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        bold = _BOLD_LINE.match(line)
        if bold and word_count(bold.group(1)) <= 15:
            line = f"## {bold.group(1).strip()}"
        lines.append(line)
    article = parse_markdown("\n".join(lines))
    if article.title or not lines:
        return article
    first = next(i for i, line in enumerate(lines) if line)
    title = _TITLE_LABEL.sub("", lines[first].lstrip("#").strip().strip("*").strip())
    rest = parse_markdown("\n".join(lines[first + 1:]))
    rest.title = title
    return rest


# -- aggregation --------------------------------------------------------------------------------------


def aggregate(runs: list[Run]) -> list[BarStat]:
    """Pass count and median value per bar, bars in report order; a failed run fails every bar."""
    stats: dict[str, BarStat] = {}
    for run in runs:
        for check in run.report.checks if run.report else ():
            stat = stats.setdefault(check.name, BarStat(check.name, check.bar, 0, len(runs), None))
            stat.passed += check.passed
            stat.values.append(check.value)
    for stat in stats.values():
        numbers = [v for v in stat.values if isinstance(v, int | float) and not isinstance(v, bool)]
        stat.median = statistics.median(numbers) if numbers else None
    return list(stats.values())


def _median(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def bar_table(pipeline: list[Run], plain: list[Run]) -> str:
    """Per bar: pass rate and median, pipeline and plain side by side; last row: every bar passed."""
    ours, theirs = aggregate(pipeline), {s.name: s for s in aggregate(plain)}
    header = ["check", "bar", "pipeline passed", "pipeline median"]
    if plain:
        header += ["plain passed", "plain median"]
    rows = []
    for stat in ours + [s for s in theirs.values() if s.name not in {o.name for o in ours}]:
        mine = stat if stat in ours else None
        row = [stat.name, stat.bar, mine.rate if mine else f"0/{len(pipeline)}", _median(mine.median if mine else None)]
        if plain:
            other = theirs.get(stat.name)
            row += [other.rate if other else f"0/{len(plain)}", _median(other.median if other else None)]
        rows.append(row)
    every = ["all bars", "", f"{sum(bool(r.report and r.report.passed) for r in pipeline)}/{len(pipeline)}", ""]
    if plain:
        every += [f"{sum(bool(r.report and r.report.passed) for r in plain)}/{len(plain)}", ""]
    return markdown_table(header, [*rows, every])


def article_table(runs: list[Run]) -> str:
    rows = []
    for run in runs:
        if run.report is None:
            rows.append([run.article, "failed", "", run.error[:80], "", ""])
            continue
        rows.append([run.article, str(run.words), str(run.subheadings),
                     f"{run.report.passed_count}/{len(run.report.checks)}", f"{run.seconds:.1f}",
                     f"{run.tokens_per_second:.1f}"])
    return markdown_table(["article", "words", "subheadings", "checks passed", "seconds", "tokens/s"], rows)


def quality_markdown(pipeline: list[Run], plain: list[Run], about: dict[str, Any]) -> str:
    lines = ["# Quality: the pipeline next to one plain prompt", "",
             f"Written by `python benchmarks/quality.py` on {about.get('date', '?')}: model {about.get('model', '?')}, "
             f"{len(pipeline)} articles from `{about.get('articles', '?')}`, settings: {about.get('settings', '?')}.",
             "", "Plain: the seeds' own request sent once to the same model "
             f"({about.get('plain', 'skipped')}); its output is read as Markdown and given the pipeline's keyphrase "
             "for the SEO checks. Median: of each check's value over the articles (see `check.py`).", "",
             "## Pass rate per bar", "", bar_table(pipeline, plain), "", "## Pipeline, per article", "",
             article_table(pipeline)]
    if plain:
        lines += ["", "## Plain prompt, per article", "", article_table(plain)]
    return "\n".join(lines) + "\n"


# -- running ------------------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_pipeline(rewriter: Any, path: Path, outputs: Path | None) -> tuple[Run, Any]:
    from localrewrite.render import render, write_atomic

    start = time.perf_counter()
    try:
        result = rewriter.rewrite(path)
    except LocalRewriteError as exc:
        return Run(path.name, "pipeline", error=exc.message, seconds=time.perf_counter() - start), None
    if outputs:
        write_atomic(outputs / f"{path.stem}.md", render(result.article, "md", result.metadata()), force=True)
    return Run(path.name, "pipeline", result.report, result.words, len(result.article.headings),
               time.perf_counter() - start, result.tokens.generated_tokens, result.tokens_per_second), result


def run_plain(rewriter: Any, path: Path, words: int | None, max_tokens: int, keyphrase: str | None,
              outputs: Path | None) -> Run:
    from localrewrite.ingest import read_source
    from localrewrite.pipeline import DEFAULT_WORDS

    backend, settings = rewriter.backend, rewriter.settings
    try:
        source = read_source(path)
        analysis = rewriter.analyser(source)
    except LocalRewriteError as exc:
        return Run(path.name, "plain", error=exc.message)
    target = words or (source.request.min_words if source.request else None) or DEFAULT_WORDS
    prompt = plain_prompt(path.read_text(encoding="utf-8", errors="replace"), target)
    start = time.perf_counter()
    try:
        completion = backend.complete([{"role": "user", "content": prompt}] if backend.chat else prompt,
                                      max_tokens=max_tokens, seed=settings.seed, temperature=settings.temperature)
    except LocalRewriteError as exc:
        return Run(path.name, "plain", error=exc.message, seconds=time.perf_counter() - start)
    seconds = time.perf_counter() - start
    if outputs:
        (outputs / f"{path.stem}.plain.md").write_text(completion.text, encoding="utf-8")
    article = parse_plain(completion.text)
    article.keyphrase = keyphrase or (analysis.keyphrases[0] if analysis.keyphrases else "")
    report = check_article(article, analysis.facts, target_words=target, source_title=source.title,
                           output_entities=rewriter.analyser.entities(article.body))
    rate = completion.generated_tokens / completion.seconds if completion.seconds else 0.0
    return Run(path.name, "plain", report, word_count(article.body), len(article.headings), seconds,
               completion.generated_tokens, rate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, help="folder of articles (default: ../shared/corpus)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--words", type=int, help="target words (default: the request's, else 700)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/QUALITY.md"), help="the Markdown report")
    parser.add_argument("--json", type=Path, help="every run and check as JSON")
    parser.add_argument("--skip-plain", action="store_true", help="only the pipeline")
    parser.add_argument("--outputs", type=Path, help="save each article here (NAME.md, NAME.plain.md)")
    parser.add_argument("--plain-tokens", type=int, help="max tokens of the plain answer (default: 1200 at 700 words)")
    parser.add_argument("--model", type=Path, help="GGUF file (default: first in models/)")
    parser.add_argument("--threads", type=int, help="CPU threads (default: physical cores)")
    args = parser.parse_args(argv)

    from localrewrite.pipeline import Rewriter

    try:
        settings = Settings.from_env(words=args.words, model=args.model, threads=args.threads)
        folder = args.articles or default_articles()
        paths = article_files(folder)[: args.limit]
        _say(f"{len(paths)} articles from {folder}; loading the model")
        rewriter = Rewriter(settings)
    except LocalRewriteError as exc:
        _say(f"Error: {exc.message}")
        return exc.exit_code
    max_tokens = args.plain_tokens or max(400, 12 * (args.words or 700) // 7)
    if args.outputs:
        args.outputs.mkdir(parents=True, exist_ok=True)
    pipeline: list[Run] = []
    plain: list[Run] = []
    try:
        for number, path in enumerate(paths, 1):
            _say(f"[{number}/{len(paths)}] {path.name}: pipeline")
            run, result = run_pipeline(rewriter, path, args.outputs)
            pipeline.append(run)
            _say(f"    {_summary(run)}")
            if not args.skip_plain:
                _say(f"[{number}/{len(paths)}] {path.name}: plain prompt")
                keyphrase = result.article.keyphrase if result else None
                plain.append(run_plain(rewriter, path, args.words, max_tokens, keyphrase, args.outputs))
                _say(f"    {_summary(plain[-1])}")
    except KeyboardInterrupt:
        _say("Interrupted: writing what is done.")
    finally:
        rewriter.close()
    about = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "model": rewriter.backend.model_name,
             "articles": str(folder), "settings": f"seed {settings.seed}, temperature {settings.temperature}, "
                                                  f"retries {settings.retries}, words {args.words or 'default'}",
             "plain": "skipped" if args.skip_plain else f"max_tokens {max_tokens}, same seed and temperature"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(quality_markdown(pipeline, plain, about), encoding="utf-8")
    if args.json:
        data = {"about": about, "pipeline": [r.as_dict() for r in pipeline], "plain": [r.as_dict() for r in plain]}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    print(bar_table(pipeline, plain))
    _say(f"Wrote {args.out}")
    return 0


def _summary(run: Run) -> str:
    if run.report is None:
        return f"failed: {run.error}"
    return (f"{run.words} words, {run.subheadings} subheadings, {run.report.passed_count}/{len(run.report.checks)} "
            f"checks, {run.seconds:.1f} s, {run.generated_tokens} tokens")


if __name__ == "__main__":
    sys.exit(main())
