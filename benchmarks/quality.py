"""Faithful and good: every quality bar for the pipeline next to one plain prompt to the same model.

    python benchmarks/quality.py                      # ../shared/corpus (14 articles) -> benchmarks/QUALITY.md
    python benchmarks/quality.py --limit 1 --words 150 --skip-plain --out /tmp/q.md   # a quick look
    python benchmarks/quality.py --from-batch out/corpus --from-batch out/seeds   # the pipeline as batched

(a) the pipeline with default settings; (b) what a user without this tool would do: the seeds' own request
("Customize this title in french<TITLE> ... create at least 700 words", then the article) sent once to the same
model (as a user message when the GGUF has a chat template, else as a completion prompt). The plain output is
read as Markdown (a first line without "# " is its title; a line that is all bold is a subheading) and
given the pipeline's keyphrase, so the SEO checks measure where it falls, then checked like the pipeline's.
With --from-batch the pipeline is not run again: each article's output in the batch folder (named by its
manifest.json row) is checked again against its source, with the seconds of its row; tokens are known from
JSON outputs only. With --skip-plain as well, no model is loaded. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from localrewrite.analyse import Analyser
from localrewrite.article import Article, parse_markdown, word_count
from localrewrite.batch import MANIFEST, Row, read_manifest
from localrewrite.bench import article_files, default_articles
from localrewrite.errors import LocalRewriteError
from localrewrite.settings import Settings

try:
    from benchmarks.quality_report import Run, bar_table, quality_markdown
except ModuleNotFoundError:  # run as `python benchmarks/quality.py`: this folder, not the root, is on sys.path
    from quality_report import Run, bar_table, quality_markdown  # type: ignore[no-redef]

REQUEST = ("Customize this title in french{title}\n\nMake this article seo compatible, Let there be subheadings "
           "for the article, be in french, create at least {words} words\n\n")
_REQUEST_WORDS = re.compile(r"create at least \d+ words")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*:?$")
_TITLE_LABEL = re.compile(r"^(?:titre|title)\s*:\s*", re.I)


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


# -- running ------------------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_pipeline(rewriter: Any, path: Path, outputs: Path | None) -> tuple[Run, Article | None]:
    from localrewrite.render import render, write_atomic

    start = time.perf_counter()
    try:
        result = rewriter.rewrite(path)
    except LocalRewriteError as exc:
        return Run(path.name, "pipeline", error=exc.message, seconds=time.perf_counter() - start), None
    if outputs:
        write_atomic(outputs / f"{path.stem}.md", render(result.article, "md", result.metadata()), force=True)
    return Run(path.name, "pipeline", result.report, result.words, len(result.article.headings),
               time.perf_counter() - start, result.tokens.generated_tokens, result.tokens_per_second), result.article


def batch_rows(folders: list[Path], paths: list[Path]) -> dict[Path, tuple[Path, Row]]:
    """Each listed article's batch folder and manifest row: the row whose input is that file, else its name."""
    by_path: dict[Path, tuple[Path, Row]] = {}
    by_name: dict[str, list[tuple[Path, Row]]] = {}
    for folder in folders:
        rows = read_manifest(folder / MANIFEST)
        if not rows:
            raise LocalRewriteError(f"{folder / MANIFEST} not found: run `localrewrite batch ARTICLES -o {folder}`.")
        for row in rows:
            by_path[Path(row.input).resolve()] = (folder, row)
            by_name.setdefault(Path(row.input).name, []).append((folder, row))
    found = {}
    for path in paths:
        named = by_name.get(path.name, [])
        if hit := by_path.get(path.resolve()) or (named[0] if len(named) == 1 else None):
            found[path] = hit
    return found


def batch_run(path: Path, folder: Path, row: Row, settings: Settings,
              analyser: Analyser) -> tuple[Run, Article | None, dict[str, Any]]:
    """The Run of one batch row, its output checked again; also what a JSON output records (model, settings)."""
    from localrewrite.pipeline import check_file, read_article

    if row.status == "failed":
        return Run(path.name, "pipeline", error=row.error or "failed in the batch", seconds=row.seconds), None, {}
    output = folder / Path(row.output).name
    try:
        article = read_article(output)
        recorded = json.loads(output.read_text(encoding="utf-8")) if output.suffix == ".json" else {}
        words = recorded.get("settings", {}).get("words")  # the target the batch used
        report = check_file(output, path, settings.with_overrides(words=words), analyser)
    except LocalRewriteError as exc:
        return Run(path.name, "pipeline", error=exc.message, seconds=row.seconds), None, {}
    tokens = recorded.get("tokens", {})
    return Run(path.name, "pipeline", report, word_count(article.body), len(article.headings), row.seconds,
               tokens.get("generated", 0), tokens.get("tokens_per_second", 0.0)), article, recorded


def run_plain(rewriter: Any, path: Path, words: int | None, max_tokens: int, keyphrase: str | None,
              outputs: Path | None) -> Run:
    from localrewrite.ingest import read_source
    from localrewrite.pipeline import DEFAULT_WORDS, report_on

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
    report = report_on(article, analysis, target, [], rewriter.analyser, rewriter.meaning)
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
    parser.add_argument("--from-batch", type=Path, action="append", metavar="OUTPUT_DIR",
                        help="the pipeline's outputs of `localrewrite batch` (repeatable): no rewriting")
    parser.add_argument("--outputs", type=Path, help="save each article here (NAME.md, NAME.plain.md)")
    parser.add_argument("--plain-tokens", type=int, help="max tokens of the plain answer (default: 1200 at 700 words)")
    parser.add_argument("--model", type=Path, help="GGUF file (default: first in models/)")
    parser.add_argument("--threads", type=int, help="CPU threads (default: physical cores)")
    args = parser.parse_args(argv)

    from localrewrite.pipeline import Rewriter

    rewriter = None
    try:
        settings = Settings.from_env(words=args.words, model=args.model, threads=args.threads)
        folder = args.articles or default_articles()
        paths = article_files(folder)[: args.limit]
        batches = batch_rows(args.from_batch, paths) if args.from_batch else {}
        if args.from_batch:
            if missing := [p.name for p in paths if p not in batches]:
                _say(f"Not in the batch, left out: {', '.join(missing)}")
            paths = [p for p in paths if p in batches]
            if not paths:
                raise LocalRewriteError(f"No article of {folder} is in the batch: check --articles.")
        analyser = Analyser(settings.spacy_model)
        _say(f"{len(paths)} articles from {folder}" + ("" if batches and args.skip_plain else "; loading the model"))
        if not (batches and args.skip_plain):
            rewriter = Rewriter(settings, analyser=analyser)
    except LocalRewriteError as exc:
        _say(f"Error: {exc.message}")
        return exc.exit_code
    max_tokens = args.plain_tokens or max(400, 12 * (args.words or 700) // 7)
    if args.outputs:
        args.outputs.mkdir(parents=True, exist_ok=True)
    pipeline: list[Run] = []
    plain: list[Run] = []
    recorded: dict[str, Any] = {}  # a JSON batch output's model and settings
    try:
        for number, path in enumerate(paths, 1):
            _say(f"[{number}/{len(paths)}] {path.name}: pipeline" + (" (from the batch)" if batches else ""))
            if batches:
                batch_folder, row = batches[path]
                run, article, output = batch_run(path, batch_folder, row, settings, analyser)
                recorded = recorded or output
                if run.report and (run.report.passed_count, len(run.report.checks)) != (row.checks_passed,
                                                                                         row.checks_total):
                    _say(f"    the batch counted {row.checks_passed}/{row.checks_total} checks: other --words?")
            else:
                run, article = run_pipeline(rewriter, path, args.outputs)
            pipeline.append(run)
            _say(f"    {_summary(run)}")
            if not args.skip_plain:
                _say(f"[{number}/{len(paths)}] {path.name}: plain prompt")
                keyphrase = article.keyphrase if article else None
                plain.append(run_plain(rewriter, path, args.words, max_tokens, keyphrase, args.outputs))
                _say(f"    {_summary(plain[-1])}")
    except KeyboardInterrupt:
        _say("Interrupted: writing what is done.")
    finally:
        if rewriter:
            rewriter.close()
    about = _about(args, settings, folder, recorded, rewriter.backend.model_name if rewriter else None, max_tokens)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(quality_markdown(pipeline, plain, about), encoding="utf-8")
    if args.json:
        data = {"about": about, "pipeline": [r.as_dict() for r in pipeline], "plain": [r.as_dict() for r in plain]}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    print(bar_table(pipeline, plain))
    _say(f"Wrote {args.out}")
    return 0


def _about(args: argparse.Namespace, settings: Settings, folder: Path, recorded: dict[str, Any],
           model: str | None, max_tokens: int) -> dict[str, Any]:
    """The report's header: when, which model and settings, where the pipeline's figures come from."""
    used = recorded.get("settings") or {"seed": settings.seed, "temperature": settings.temperature,
                                        "retries": settings.retries, "words": args.words or "default"}
    about = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "articles": str(folder),
             "model": recorded.get("model") or model or "not recorded in Markdown outputs",
             "settings": f"seed {used['seed']}, temperature {used['temperature']}, retries {used['retries']}, "
                         f"words {used['words']}",
             "plain": "skipped" if args.skip_plain else f"{model}, max_tokens {max_tokens}, same seed and temperature"}
    if args.from_batch:
        folders = ", ".join(f"`{f}`" for f in args.from_batch)
        about["pipeline"] = (f"the outputs of `localrewrite batch` in {folders}, each checked again against its "
                             f"source; seconds from {MANIFEST}, tokens/s from JSON outputs only")
        if not recorded.get("settings"):
            about["settings"] = f"the batch's (not recorded in Markdown outputs); checked at words {used['words']}"
    return about


def _summary(run: Run) -> str:
    if run.report is None:
        return f"failed: {run.error}"
    return (f"{run.words} words, {run.subheadings} subheadings, {run.report.passed_count}/{len(run.report.checks)} "
            f"checks, {run.seconds:.1f} s, {run.generated_tokens} tokens")


if __name__ == "__main__":
    sys.exit(main())
