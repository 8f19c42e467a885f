"""The command line: arguments -> Settings, tqdm bars, the closing report; errors -> one line + exit code."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from localrewrite.errors import LocalRewriteError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Rewrite French news articles offline with a local language model.")

Model = Annotated[Path | None, typer.Option(
    "--model", "-m", help="GGUF file (default: first in models/; env LOCALREWRITE_MODEL).")]
Backend = Annotated[str | None, typer.Option(help="llamacpp (in process, default) or openai (a server).")]
BaseUrl = Annotated[str | None, typer.Option(help="OpenAI-compatible server URL, e.g. http://127.0.0.1:8080/v1.")]
ApiKey = Annotated[str | None, typer.Option(help="API key for the server (env LOCALREWRITE_API_KEY).")]
GpuLayers = Annotated[int | None, typer.Option(help="Layers to offload to the GPU (-1: all).")]
Threads = Annotated[int | None, typer.Option(help="CPU threads (default: physical cores).")]
MaxWords = Annotated[int | None, typer.Option(help="Longest source accepted, in words (default 10,000).")]
ArchivePath = Annotated[Path | None, typer.Option(
    "--archive", help="Archive of earlier articles (default: env LOCALREWRITE_ARCHIVE, else the user's data folder).")]
NoArchive = Annotated[bool, typer.Option("--no-archive", help="Write from the source (and notes) alone.")]


@contextmanager
def _errors() -> Iterator[None]:
    """LocalRewriteError -> 'Error: …' on stderr and its exit code; anything else is a bug and raises."""
    try:
        yield
    except LocalRewriteError as exc:
        if os.environ.get("LOCALREWRITE_DEBUG") == "1":
            raise
        typer.echo(f"Error: {exc.message}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        raise typer.Exit(130) from None


def _settings(**flags: Any):
    from localrewrite.settings import Settings

    return Settings.from_env(**flags)


@app.command()
def rewrite(
    source: Annotated[Path, typer.Argument(help="Article: .txt, .md or .html (a seed request too).")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Output .md, .html or .json (default: SOURCE.rewrite.md).")] = None,
    words: Annotated[int | None, typer.Option(help="Minimum body words (default: the request's, else 700).")] = None,
    keyphrase: Annotated[str | None, typer.Option(help="Focus keyphrase (default: chosen from the source).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output.")] = False,
    seed: Annotated[int | None, typer.Option(help="Random seed: the same seed gives the same article.")] = None,
    retries: Annotated[int | None, typer.Option(help="Extra attempts per sentence that fails its check.")] = None,
    model: Model = None,
    backend: Backend = None,
    base_url: BaseUrl = None,
    api_key: ApiKey = None,
    gpu_layers: GpuLayers = None,
    threads: Threads = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    max_words: MaxWords = None,
    notes: Annotated[Path | None, typer.Option(
        help="The journalist's own material (.txt, .md): a second source, credited as « Nos informations ».")] = None,
    archive: ArchivePath = None,
    no_archive: NoArchive = False,
) -> None:
    """Rewrite one article into a new SEO-ready French article."""
    from localrewrite.context import read_notes
    from localrewrite.ingest import read_source
    from localrewrite.pipeline import Event, Rewriter
    from localrewrite.render import claimed, format_for, render, write_atomic

    with _errors():
        output = output or source.with_name(f"{source.stem}.rewrite.md")
        fmt = format_for(output)
        settings = _settings(words=words, keyphrase=keyphrase, seed=seed, retries=retries, model=model,
                             backend=backend, base_url=base_url, api_key=api_key, gpu_layers=gpu_layers,
                             threads=threads, max_words=max_words, archive=archive, use_archive=not no_archive)
        with _progress(quiet) as on_event:
            on_event(Event("stage", label="reading the source"))
            src = read_source(source, max_words=settings.max_words)
            material = read_notes(notes, settings.max_words) if notes else []
            with claimed(output, source, force=force) as made:
                if made:
                    on_event(Event("note", label=f"Created the folder {made[-1]} for the output."))
                on_event(Event("stage", label="loading the models"))
                rewriter = Rewriter(settings)
                try:
                    result = rewriter.rewrite(src, on_event, notes=material)
                finally:
                    rewriter.close()
                write_atomic(output, render(result.article, fmt, result.metadata()), force=force)
        _print_report(result.report)
        if result.extracts:
            typer.echo(f"Also written from {len(result.extracts)} passage(s) of the notes and archive: "
                       f"{', '.join(dict.fromkeys(e.credit for e in result.extracts))}.", err=True)
        if result.left_out:
            typer.echo(f"Left out {len(result.left_out)} sentence(s) in another language than French: "
                       f"« {result.left_out[0][:80]} »", err=True)
        typer.echo(f"{output}: {result.words} words, {len(result.article.headings)} subheadings, "
                   f"{result.report.passed_count}/{len(result.report.checks)} checks passed, "
                   f"{result.tokens.generated_tokens} tokens at {result.tokens_per_second:.1f} tokens/s, "
                   f"{result.seconds:.1f} s")


@app.command()
def check(
    article: Annotated[Path, typer.Argument(help="A rewritten article (.md or .json, as rewrite wrote it).")],
    source: Annotated[Path, typer.Option("--source", "-s", help="The source it was rewritten from.")],
    words: Annotated[int | None, typer.Option(help="Target words (default: the request's, else 700).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    max_words: MaxWords = None,
    notes: Annotated[Path | None, typer.Option(help="The notes the article was written with.")] = None,
    archive: ArchivePath = None,
) -> None:
    """Print the quality report of an article against its source (and the notes' and archive's passages it
    names as its other sources)."""
    from localrewrite.pipeline import check_file

    with _errors():
        report = check_file(article, source, _settings(words=words, max_words=max_words, archive=archive),
                            notes=notes)
        if as_json:
            typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            _print_report(report)
        if not report.passed:
            raise typer.Exit(1)


@app.command()
def models(
    model: Model = None,
) -> None:
    """List the GGUF models installed (size, quantization, context, chat template) and those set-up can add."""
    from localrewrite.modelfiles import CATALOG, describe, find_models, models_dir, resolve_model

    with _errors():
        paths = [resolve_model(model)] if model else find_models()
        if not paths:
            typer.echo(f"No GGUF model in {models_dir()}: run `python scripts/setup_model.py`.")
            raise typer.Exit(1)
        typer.echo(f"{'file':<42} {'size':>9} {'quant':<8} {'context':>8}  chat template")
        for path in paths:
            info = describe(path)
            typer.echo(f"{path.name:<42} {info.size_bytes / 1e6:>7.0f}MB {info.quantization:<8} "
                       f"{info.context_length:>8}  {'yes' if info.chat_template else 'no (base model)'}")
        missing = [entry for entry in CATALOG if not model and not (models_dir() / entry.file).is_file()]
        if missing:
            typer.echo("\nNot installed (`python scripts/setup_model.py --model KEY`, then `--model KEY`):")
        for entry in missing:
            typer.echo(f"  {entry.key:<22} {entry.size_bytes / 1e6:>5.0f}MB  {entry.origin}")


@app.command()
def batch(
    input_dir: Annotated[Path, typer.Argument(help="Folder of .txt, .md, .html articles (not recursive).")],
    output_dir: Annotated[Path, typer.Option("--output", "-o", help="Folder for rewrites + manifest.json.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: md, html or json.")] = "md",
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Articles at once (> 1: --backend openai).")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Redo every article; overwrite outputs.")] = False,
    words: Annotated[int | None, typer.Option(help="Minimum body words (default: request's or 700).")] = None,
    keyphrase: Annotated[str | None, typer.Option(help="Focus keyphrase (default: per article).")] = None,
    seed: Annotated[int | None, typer.Option(help="Random seed: the same seed, the same article.")] = None,
    retries: Annotated[int | None, typer.Option(help="Extra attempts per failing sentence.")] = None,
    model: Model = None,
    backend: Backend = None,
    base_url: BaseUrl = None,
    api_key: ApiKey = None,
    gpu_layers: GpuLayers = None,
    threads: Threads = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    max_words: MaxWords = None,
    archive: ArchivePath = None,
    no_archive: NoArchive = False,
) -> None:
    """Rewrite every article of a folder with one model load; a rerun skips the finished ones.

    Exit status: 0 when every article is done or skipped, 1 when any failed (see OUTPUT_DIR/manifest.json).
    """
    from tqdm import tqdm

    from localrewrite.batch import check_options, run_batch
    from localrewrite.pipeline import Rewriter

    with _errors():
        settings = _settings(words=words, keyphrase=keyphrase, seed=seed, retries=retries, model=model,
                             backend=backend, base_url=base_url, api_key=api_key, gpu_layers=gpu_layers,
                             threads=threads, max_words=max_words, archive=archive, use_archive=not no_archive)
        check_options(input_dir, fmt=fmt, jobs=jobs, backend=settings.backend)  # before the model loads
        bars: list[tqdm] = []

        def on_event(event: Any) -> None:
            if event.kind == "start" and not quiet:
                bars.append(tqdm(total=event.total, desc="articles", unit="art", file=sys.stderr))
            elif event.kind == "begin" and bars:
                bars[0].set_postfix_str(Path(event.input).name[:30])
            elif event.kind == "end":
                row = event.row
                line = {"done": f"{row.output}: {row.words} words, {row.checks_passed}/{row.checks_total} "
                                f"checks passed, {row.seconds:.1f} s",
                        "skipped": f"{row.output}: skipped, done before with the same source and settings",
                        }.get(row.status, f"{row.input}: failed: {row.error}")
                (bars[0].write if bars else typer.echo)(line)
                if bars:
                    bars[0].update()

        rewriter = Rewriter(settings)
        try:
            summary = run_batch(input_dir, output_dir, rewriter, fmt=fmt, force=force, jobs=jobs,
                                on_event=on_event)
        finally:
            for bar in bars:
                bar.close()
            rewriter.close()
        typer.echo(f"{summary.done} done, {summary.skipped} skipped, {summary.failed} failed: "
                   f"{summary.words} words in {summary.seconds:.1f} s; manifest: {summary.manifest}")
        if summary.exit_code:
            raise typer.Exit(summary.exit_code)


@app.command()
def bench(
    articles: Annotated[Path | None, typer.Option(help="Articles (default: ../shared/corpus, else examples/).")] = None,
    limit: Annotated[int | None, typer.Option(help="Articles through the pipeline (default 3).")] = None,
    reps: Annotated[int | None, typer.Option(help="Repetitions of each raw llama.cpp measurement (default 3).")] = None,
    words: Annotated[int | None, typer.Option(help="Minimum body words (default: the request's, else 700).")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write every number here as JSON.")] = None,
    markdown: Annotated[Path | None, typer.Option(help="Write this configuration's section of a RESULTS.md.")] = None,
    tiny: Annotated[bool, typer.Option("--tiny", help="1 article, --words 150, 1 repetition: a quick check.")] = False,
    flash_attn: Annotated[bool, typer.Option("--flash-attn/--no-flash-attn",
                                             help="llama.cpp flash attention (the backend's default).")] = True,
    n_ubatch: Annotated[int | None, typer.Option(help="llama.cpp physical batch (default: --batch).")] = None,
    no_mmap: Annotated[bool, typer.Option("--no-mmap", help="Read the model into memory, not mapped.")] = False,
    batch: Annotated[int | None, typer.Option(help="llama.cpp batch size (default 512).")] = None,
    model: Model = None,
    gpu_layers: GpuLayers = None,
    threads: Threads = None,
) -> None:
    """Tokens per second of raw llama.cpp next to the pipeline's, and where the pipeline's tokens go."""
    from localrewrite.bench import BenchOptions, run_bench
    from localrewrite.render import write_atomic
    from localrewrite.results import format_text, update_results

    with _errors():
        llama = {"flash_attn": None if flash_attn else False, "n_ubatch": n_ubatch,
                 "use_mmap": False if no_mmap else None}
        options = BenchOptions.make(tiny=tiny, articles=articles, limit=limit, reps=reps, words=words,
                                    llama_options={k: v for k, v in llama.items() if v is not None})
        settings = _settings(model=model, gpu_layers=gpu_layers, threads=threads, batch=batch)
        report = run_bench(settings, options, on_progress=lambda message: typer.echo(message, err=True))
        typer.echo(format_text(report))
        if json_path:
            write_atomic(json_path, json.dumps(report.as_dict(), ensure_ascii=False, indent=2), force=True)
        if markdown:
            update_results(markdown, report)


def _print_report(report: Any) -> None:
    typer.echo(f"{'check':<18} {'value':>10}  {'bar':<28} result", err=True)
    for c in report.checks:
        value = f"{c.value:.2f}" if isinstance(c.value, float) else str(c.value)
        mark = "pass" if c.passed else "FAIL"
        detail = f"  {c.detail}" if c.detail and not c.passed else ""
        typer.echo(f"{c.name:<18} {value:>10}  {c.bar:<28} {mark}{detail}"[:160], err=True)


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[Any], None]]:
    """tqdm bars for the stages before writing, then sections and tokens, fed by the pipeline's events; notes
    printed even when quiet."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def on_event(event: Any) -> None:
        if event.kind == "note":
            (bars["stage"].write if "stage" in bars else typer.echo)(event.label, file=sys.stderr)
        if quiet:
            return
        if event.kind == "stage":
            if "stage" not in bars:  # on a terminal only: no trace left in a log
                bars["stage"] = tqdm(desc=event.label, bar_format="{desc}… {elapsed}", file=sys.stderr,
                                     leave=False, disable=None)
            bars["stage"].set_description_str(event.label)
        elif event.kind == "translate":
            if "translate" not in bars:
                bars["translate"] = tqdm(total=event.total, desc=f"translating from {event.label}", unit="sentence",
                                         file=sys.stderr)
            bars["translate"].update(event.done - bars["translate"].n)
        elif event.kind == "start":
            if "stage" in bars:
                bars.pop("stage").close()
            bars["sections"] = tqdm(total=event.total, desc="sections", unit="sec", position=0, file=sys.stderr)
            bars["tokens"] = tqdm(desc="tokens", unit="tok", position=1, file=sys.stderr)
        elif event.kind == "section" and "sections" in bars:
            bars["sections"].set_postfix_str(event.label[:30])
            bars["sections"].update(event.done - bars["sections"].n)
        elif event.kind == "tokens" and "tokens" in bars:
            bars["tokens"].update(event.tokens)

    try:
        yield on_event
    finally:
        for bar in bars.values():
            bar.close()


def main() -> None:
    app()


archive_app = typer.Typer(no_args_is_help=True, help="The archive of earlier articles that rewrites take context from.")
app.add_typer(archive_app, name="archive")


@archive_app.command("add")
def archive_add(
    paths: Annotated[list[Path], typer.Argument(help="Articles (.txt, .md, .html) and folders of them (recursive).")],
    archive: ArchivePath = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    max_words: MaxWords = None,
) -> None:
    """Index articles into the archive (created if missing); a rerun skips what is there and re-indexes changed files.

    Exit status: 0 when every file is indexed or skipped, 2 when any is refused (each listed) or on a bad archive.
    """
    from tqdm import tqdm

    from localrewrite.archive import Archive, find_files
    from localrewrite.ingest import MAX_WORDS

    with _errors():
        files = find_files(paths)
        with Archive(archive) as store, tqdm(total=len(files), desc="articles", unit="art", file=sys.stderr,
                                             disable=True if quiet else None) as bar:
            report = store.add(files, on_file=lambda path, status: bar.update(), max_words=max_words or MAX_WORDS)
        for _, reason in report.failed:
            typer.echo(f"Failed: {reason}", err=True)
        typer.echo(f"{report.added} added, {report.updated} updated, {report.skipped} skipped "
                   f"({report.duplicates} duplicates), {len(report.failed)} failed: {store.path}")
        if report.failed:
            raise typer.Exit(2)


@archive_app.command("list")
def archive_list(archive: ArchivePath = None) -> None:
    """List the archived articles: key (its start), date, words, title, path."""
    from localrewrite.archive import Archive

    with _errors(), Archive(archive) as store:
        for doc in store.documents():
            typer.echo(f"{doc.key[:12]}  {doc.date.isoformat() if doc.date else '-':<10}  {doc.words:>6}  "
                       f"{doc.title[:60]:<60}  {doc.path}")


@archive_app.command("stats")
def archive_stats(archive: ArchivePath = None) -> None:
    """How many articles, passages and words the archive holds, its size and its dates."""
    from localrewrite.archive import Archive

    with _errors(), Archive(archive) as store:
        stats = store.stats()
        dates = f"{stats.oldest} to {stats.newest}" if stats.oldest else "none known"
        typer.echo(f"archive    {store.path}\ndocuments  {stats.documents:,}\npassages   {stats.passages:,}\n"
                   f"words      {stats.words:,}\nsize       {stats.bytes / 1e6:.1f} MB\ndates      {dates}")


@archive_app.command("remove")
def archive_remove(
    selectors: Annotated[list[str], typer.Argument(help="Key (its first 4+ characters), file or folder path.")],
    archive: ArchivePath = None,
) -> None:
    """Remove articles from the archive (nothing is removed if one selector matches nothing)."""
    from localrewrite.archive import Archive

    with _errors(), Archive(archive) as store:
        removed = store.remove(selectors)
        typer.echo(f"Removed {removed} document{'s' * (removed != 1)} from {store.path}.")
