"""Folder runs: one model load for many articles; a manifest after every article, so a rerun resumes.

The manifest (OUTPUT_DIR/manifest.json) is a JSON list with one row per input, in input order, rewritten
atomically after every article: a crash or Ctrl-C loses at most the articles in progress. A rerun skips
an article whose row is "done" (or "skipped") with the same key and whose output still exists; the key
is a sha256 of the input bytes and of every setting that changes the output; an article whose key
changed is rewritten in place. An output file that the manifest does not vouch for (not written by this
batch, or edited since) is never overwritten without force: that article fails instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from localrewrite.errors import InputError, LocalRewriteError, OutputError
from localrewrite.render import render, write_atomic

if TYPE_CHECKING:
    from localrewrite.pipeline import Rewriter

INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
OUTPUT_FORMATS = ("md", "html", "json")
MANIFEST = "manifest.json"
#: Backends whose one model in this process serves one request at a time: --jobs > 1 is refused.
SERIAL_BACKENDS = frozenset({"llamacpp"})
KEY_VERSION = 1  # bump when the key's recipe changes, so that old rows no longer match

Status = Literal["done", "skipped", "failed"]


@dataclass(frozen=True)
class Row:
    """One article of the manifest."""

    input: str
    output: str
    status: Status
    words: int = 0
    checks_passed: int = 0
    checks_total: int = 0
    seconds: float = 0.0
    error: str | None = None
    key: str = ""  # sha256 of the input and the settings: the same key, the same article
    digest: str = ""  # sha256 of the output as written: a file that differs was edited since

    @classmethod
    def from_dict(cls, data: dict) -> Row:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class BatchEvent:
    """Progress for the CLI: "start" (total), "begin" (an article starts), "end" (its row), "finish"."""

    kind: Literal["start", "begin", "end", "finish"]
    total: int = 0
    index: int = 0  # position of the article in input order
    input: str = ""
    row: Row | None = None


@dataclass
class BatchSummary:
    rows: list[Row]  # one per input, in input order
    manifest: Path
    seconds: float  # wall time of the articles (loading the models excluded)

    def count(self, status: Status) -> int:
        return sum(row.status == status for row in self.rows)

    @property
    def done(self) -> int:
        return self.count("done")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def words(self) -> int:
        """Body words written in this run (skipped articles not counted)."""
        return sum(row.words for row in self.rows if row.status == "done")

    @property
    def exit_code(self) -> int:
        """The CLI's exit status: 0 when every article is done or skipped, 1 when any failed."""
        return 1 if self.failed else 0


def check_options(input_dir: Path, *, fmt: str, jobs: int, backend: str) -> list[Path]:
    """The articles to rewrite, or a LocalRewriteError before anything is loaded."""
    if fmt not in OUTPUT_FORMATS:
        raise OutputError(f"Unknown output format {fmt!r}: use md, html or json.")
    if jobs < 1:
        raise LocalRewriteError(f"--jobs must be 1 or more, not {jobs}.")
    if jobs > 1 and backend in SERIAL_BACKENDS:
        raise LocalRewriteError(
            "--jobs > 1 needs a server backend (--backend openai --base-url ...): "
            "the in-process llama.cpp model rewrites one article at a time."
        )
    return find_inputs(input_dir)


def find_inputs(input_dir: Path, exclude: Iterable[str] = ()) -> list[Path]:
    """Articles in input_dir (not recursive), sorted by name; hidden files, READMEs, our own outputs
    (NAME.rewrite.md, written by `localrewrite rewrite`) and names in exclude left out."""
    input_dir = Path(input_dir)
    if not input_dir.exists():
        raise InputError(f"{input_dir} not found.")
    if not input_dir.is_dir():
        raise InputError(f"{input_dir} is not a folder.")
    skip = set(exclude)
    paths = sorted(
        path for path in input_dir.iterdir()
        if path.suffix.lower() in INPUT_SUFFIXES and not path.name.startswith((".", "README", "readme"))
        and ".rewrite." not in path.name and path.name not in skip and path.is_file()
    )
    if not paths:
        raise InputError(f"{input_dir} has no articles: no {', '.join(INPUT_SUFFIXES)} file.")
    return paths


def article_key(path: Path, rewriter: Rewriter, fmt: str) -> str:
    """sha256 of the input file's bytes and of the settings, model and format that change the output."""
    settings = rewriter.settings
    recipe = {
        "version": KEY_VERSION,
        "words": settings.words, "keyphrase": settings.keyphrase, "seed": settings.seed,
        "temperature": settings.temperature, "retries": settings.retries, "language": settings.language,
        "spacy_model": settings.spacy_model, "backend": settings.backend,
        "model": rewriter.backend.model_name, "format": fmt,
    }
    return _sha256(path, prefix=json.dumps(recipe, sort_keys=True).encode() + b"\0")


def read_manifest(path: Path) -> list[Row]:
    """The rows of an existing manifest ([] if there is none)."""
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise TypeError("not a list")
        return [Row.from_dict(item) for item in data]
    except (OSError, ValueError, TypeError) as err:
        raise OutputError(f"{path} is not a batch manifest ({err}): move it away or pass --force.") from None


def run_batch(
    input_dir: Path,
    output_dir: Path,
    rewriter: Rewriter,
    *,
    fmt: str = "md",
    force: bool = False,
    jobs: int = 1,
    on_event: Callable[[BatchEvent], None] | None = None,
) -> BatchSummary:
    """Rewrite every article of input_dir into output_dir/STEM.FMT; per-file errors become failed rows.

    A LocalRewriteError about one article (bad input, output in the way) fails its row and the batch
    goes on; any other exception is a bug and propagates, with the rows finished so far on disk.
    """
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    check_options(input_dir, fmt=fmt, jobs=jobs, backend=rewriter.backend.name)
    manifest = output_dir / MANIFEST
    try:
        previous = {Path(row.input).name: row for row in read_manifest(manifest)}
    except OutputError:
        if not force:
            raise
        previous = {}
    same_dir = input_dir.resolve() == output_dir.resolve()
    ours = {Path(row.output).name for row in previous.values() if row.digest and same_dir}
    inputs = find_inputs(input_dir, exclude=ours | {MANIFEST})
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"Cannot create {output_dir}: {err.strerror or err}.") from None

    emit = on_event or (lambda event: None)
    # Until an article is processed its previous row stays, so a run cut short forgets nothing.
    rows: list[Row | None] = [previous.get(path.name) for path in inputs]
    lock = threading.Lock()
    owners: dict[str, Path] = {}  # output name -> the first input that writes it

    def finish(index: int, row: Row) -> None:
        with lock:
            rows[index] = row
            write_atomic(manifest, _manifest_json(rows), force=True)
            emit(BatchEvent("end", total=len(inputs), index=index, input=row.input, row=row))

    def process(index: int) -> None:
        path = inputs[index]
        with lock:
            emit(BatchEvent("begin", total=len(inputs), index=index, input=str(path)))
        output = output_dir / f"{path.stem}.{fmt}"
        clock = time.perf_counter()
        old = previous.get(path.name)
        mine = old if old and old.digest and Path(old.output).name == output.name else None  # we wrote it
        key = ""
        try:
            key = article_key(path, rewriter, fmt)
            _check_output(path, output, owners[output.name])
            if mine and mine.status != "failed" and mine.key == key and output.exists() and not force:
                row = dataclasses.replace(mine, input=str(path), output=str(output), status="skipped")
            else:
                replace = force or (output.exists() and _may_replace(output, mine))
                result = rewriter.rewrite(path)
                text = render(result.article, fmt, result.metadata())
                write_atomic(output, text, force=replace)
                row = Row(str(path), str(output), "done", result.words, result.report.passed_count,
                          len(result.report.checks), round(time.perf_counter() - clock, 2), None, key,
                          hashlib.sha256(text.encode()).hexdigest())
        except LocalRewriteError as exc:
            row = Row(str(path), str(output), "failed", seconds=round(time.perf_counter() - clock, 2),
                      error=exc.message, key=key, digest=mine.digest if mine else "")  # still ours
        finish(index, row)

    for path in inputs:
        owners.setdefault(f"{path.stem}.{fmt}", path)
    _ = rewriter.analyser.nlp  # load spaCy now: before threads race to load it, outside the timings
    start = time.perf_counter()
    emit(BatchEvent("start", total=len(inputs)))
    if jobs == 1:
        for index in range(len(inputs)):
            process(index)
    else:
        pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="localrewrite-batch")
        try:
            for future in [pool.submit(process, index) for index in range(len(inputs))]:
                future.result()  # input order; a bug in any article raises here
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # Ctrl-C or a bug: finish, start nothing new
    emit(BatchEvent("finish", total=len(inputs)))
    return BatchSummary([row for row in rows if row is not None], manifest, time.perf_counter() - start)


def _may_replace(output: Path, old: Row | None) -> bool:
    """True if output is this batch's earlier rewrite, unedited; else OutputError: the user's file stays."""
    if old is None:
        raise OutputError(f"{output} already exists: pass --force to overwrite it.")
    if _sha256(output) != old.digest:
        raise OutputError(f"{output} was edited after the batch wrote it: pass --force to overwrite it.")
    return True


def _sha256(path: Path, prefix: bytes = b"") -> str:
    digest = hashlib.sha256(prefix)
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as err:
        raise InputError(f"{path} cannot be read: {err.strerror or err}.") from None
    return digest.hexdigest()


def _check_output(path: Path, output: Path, owner: Path) -> None:
    """Refuse an output that is the input itself, or that an earlier input of the batch writes."""
    if output.resolve() == path.resolve():
        raise OutputError(f"{path} would be overwritten by its own rewrite: choose another output folder.")
    if owner != path:
        raise OutputError(f"{path} and {owner} would both be written to {output}: rename one of them.")


def _manifest_json(rows: list[Row | None]) -> str:
    return json.dumps([dataclasses.asdict(row) for row in rows if row is not None], indent=2,
                      ensure_ascii=False) + "\n"
