"""The archive at scale: indexing articles/s, database size and related() query time on synthetic archives.

    python benchmarks/archive.py                          # --sizes 1000,10000,100000
    python benchmarks/archive.py --sizes 1000             # a quick run
    python benchmarks/archive.py --sizes 10000 --kill-test

Nothing is downloaded: article i of an archive is corpus article i mod 12 (../shared/corpus/*.txt, as ingest
reads it) with each name (a capitalised word the corpus never writes in lower case) kept with probability
KEEP_NAME, else replaced by a name drawn from a generated pool with Zipf-like frequencies (a few names are
frequent, as in a real archive), every number shifted, each paragraph dropped with probability DROP, a paragraph
of another corpus article added and a "Publié le" date line between 2015 and 2020; the RNG is seeded, so every
run builds the same archives. Sizes up to --files-up-to are written as .txt files into a temporary folder and
indexed by Archive.add, the real path (file reads, ingest, one transaction per file); larger ones are made in
memory as Sources and stored by Archive.add_sources: the same passages, keys and per-document transactions,
without the files and the ingest stage (said in the table; ingest is about two thirds of add's time per file).

Queries: each corpus article through related(): its names are its capitalised word sequences (as above), its
keyphrase its commonest two-word phrase, its date QUERY_DATE (a third of the archive is dated after it); one
warm-up round, then --rounds timed rounds. The table replaces the section "archive" of --out.

--rewrite ARTICLE times `localrewrite rewrite ARTICLE` with each archive and with none.

--kill-test starts `localrewrite archive add` of a --kill-size folder in a subprocess, kills it (SIGKILL)
after --kill-after seconds, checks the database, reruns the command and reports whether the rerun skipped every
document indexed before the kill and finished with every file indexed.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from localrewrite.archive import Archive
from localrewrite.bench import cpu_name, default_articles
from localrewrite.ingest import Source, read_source
from localrewrite.results import markdown_table, write_section

SECTION = "archive"
SEED = 13
KEEP_NAME = 0.2  # a name of the corpus article stays as it is; else a pool name replaces it
POOL = 30_000  # generated names
ZIPF_OFFSET = 20  # weight of the name of rank r: 1 / (r + ZIPF_OFFSET); the commonest in ~1 article in 5
DROP = 0.2  # a paragraph is left out
FIRST_DAY, LAST_DAY = datetime.date(2015, 1, 1), datetime.date(2020, 12, 31)
QUERY_DATE = datetime.date(2019, 3, 1)
_TOKEN = re.compile(r"\b[^\W\d_][\w-]*")
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


class Corpus:
    """The corpus articles as ingest reads them, and the names in them."""

    def __init__(self, folder: Path) -> None:
        self.files = sorted(folder.glob("*.txt"))
        if not self.files:
            raise SystemExit(f"No corpus articles (*.txt) in {folder}.")
        sources = [read_source(path) for path in self.files]
        self.articles = [(source.title, list(source.paragraphs)) for source in sources]  # as ingest cleaned them
        self.lower = {t for title, paragraphs in self.articles for text in [title, *paragraphs]
                      for t in _TOKEN.findall(text) if t[0].islower()}

    def is_name(self, token: str) -> bool:
        return token[0].isupper() and len(token) > 1 and token.lower() not in self.lower

    def names(self, text: str) -> list[str]:
        """The capitalised word sequences of text ("Emmanuel Macron", "Paris")."""
        found: list[str] = []
        previous_end = -2
        for match in _TOKEN.finditer(text):
            if not self.is_name(match.group()):
                continue
            if match.start() == previous_end + 1 and found:
                found[-1] += " " + match.group()
            else:
                found.append(match.group())
            previous_end = match.end()
        return list(dict.fromkeys(found))


def keyphrase(text: str) -> str:
    """The commonest pair of consecutive words of four letters or more."""
    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    pairs = Counter((a, b) for a, b in itertools.pairwise(tokens) if len(a) >= 4 and len(b) >= 4)
    return " ".join(pairs.most_common(1)[0][0]) if pairs else ""


class Generator:
    """Synthetic articles from the corpus, seeded: the same i gives the same article."""

    def __init__(self, corpus: Corpus, seed: int = SEED) -> None:
        self.corpus = corpus
        rng = random.Random(seed)
        pool: dict[str, None] = {}
        while len(pool) < POOL:
            name = "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))) + rng.choice(["", "n", "r", "s", "l", "t"])
            pool.setdefault(name.capitalize())
        self.pool = list(pool)
        self.weights = list(itertools.accumulate(1 / (rank + ZIPF_OFFSET) for rank in range(POOL)))
        self.seed = seed

    def article(self, i: int) -> str:
        """Article i as a .txt file holds it: title, date line, paragraphs."""
        title, day, paragraphs = self.parts(i)
        return "\n\n".join([title, f"Publié le {day:%d/%m/%Y}", *paragraphs]) + "\n"

    def source(self, i: int, path: Path) -> Source:
        """Article i as ingest would read it from its file (ingest-cleaned paragraphs stay as they are)."""
        title, day, paragraphs = self.parts(i)
        return Source(title=title, paragraphs=tuple(paragraphs), path=path, date=day)

    def parts(self, i: int) -> tuple[str, datetime.date, list[str]]:
        rng = random.Random(self.seed * 1_000_003 + i)
        names: dict[str, str] = {}

        def vary(text: str) -> str:
            def name(match: re.Match[str]) -> str:
                token = match.group()
                if not self.corpus.is_name(token):
                    return token
                if token not in names:
                    keep = rng.random() < KEEP_NAME
                    names[token] = token if keep else rng.choices(self.pool, cum_weights=self.weights)[0]
                return names[token]

            def number(match: re.Match[str]) -> str:
                value = int(match.group())
                if len(match.group()) == 4 and 1900 <= value <= 2099:
                    return str(value + rng.randint(-2, 2))
                return str(max(1, round(value * rng.uniform(0.7, 1.3))))

            return re.sub(r"\d+", number, _TOKEN.sub(name, text))

        articles = self.corpus.articles
        title, paragraphs = articles[i % len(articles)]
        kept = [p for p in paragraphs if rng.random() >= DROP] or paragraphs[:3]
        other = articles[(i + rng.randrange(1, len(articles))) % len(articles)][1] if len(articles) > 1 else []
        if other:
            kept.insert(rng.randint(0, len(kept)), other[rng.randrange(len(other))])
        day = FIRST_DAY + datetime.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        return vary(title), day, [vary(p) for p in kept]


def file_path(folder: Path, i: int) -> Path:
    return folder / f"{i // 1000:03d}" / f"{i:06d}.txt"  # a thousand files a subfolder


def write_files(generator: Generator, size: int, folder: Path) -> None:
    for i in range(size):
        path = file_path(folder, i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generator.article(i), encoding="utf-8")


@dataclass(frozen=True)
class Measure:
    size: int
    files: bool
    documents: int
    passages: int
    seconds: float
    megabytes: float
    median_ms: float
    p95_ms: float
    cold_ms: float
    returned: float  # passages per query
    answered: int  # queries with one passage at least
    queries: int
    rewrite: Rewrite | None = None  # --rewrite ARTICLE with this archive


@dataclass(frozen=True)
class Rewrite:
    """One `localrewrite rewrite` of an article, default model and settings, with an archive or none."""

    seconds: float
    words: int
    passages: int


def rewrite(article: Path, db: Path | None) -> Rewrite:
    """Time `localrewrite rewrite article` (a process of its own, model load included) with db or no archive."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.json"
        command = [sys.executable, "-m", "localrewrite", "rewrite", str(article), "-o", str(out),
                   "-q", *(["--archive", str(db)] if db else ["--no-archive"])]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        data = json.loads(out.read_text(encoding="utf-8"))
    return Rewrite(seconds, data["words"], len(data["sources"]))


def build(generator: Generator, size: int, root: Path, files_up_to: int) -> tuple[Path, bool, float]:
    """The archive of size articles under root; seconds of indexing (the files' writing not counted)."""
    db = root / f"archive-{size}.sqlite"
    folder = root / f"articles-{size}"
    files = size <= files_up_to
    if files:
        write_files(generator, size, folder)
    start = time.perf_counter()
    with Archive(db) as archive:
        if files:
            archive.add([folder])
        else:
            archive.add_sources(generator.source(i, file_path(folder, i)) for i in range(size))
    return db, files, time.perf_counter() - start


def measure(generator: Generator, size: int, root: Path, files_up_to: int, rounds: int,
            article: Path | None = None) -> Measure:
    db, files, seconds = build(generator, size, root, files_up_to)
    queries = []
    for path in generator.corpus.files:
        text = read_source(path).text
        queries.append((text, generator.corpus.names(text), keyphrase(text)))
    times: list[float] = []
    cold: list[float] = []
    returned: list[int] = []
    with Archive(db) as archive:
        for round_ in range(rounds + 1):
            for text, names, phrase in queries:
                start = time.perf_counter()
                found = archive.related(text, names, phrase, date=QUERY_DATE)
                (cold if round_ == 0 else times).append(time.perf_counter() - start)
                if round_ == 0:
                    returned.append(len(found))
        stats = archive.stats()
    timed = rewrite(article, db) if article else None
    return Measure(size=size, files=files, documents=stats.documents, passages=stats.passages, seconds=seconds,
                   megabytes=stats.bytes / 1e6, median_ms=1000 * statistics.median(times),
                   p95_ms=1000 * statistics.quantiles(times, n=20)[18], cold_ms=1000 * statistics.median(cold),
                   returned=statistics.mean(returned), answered=sum(n > 0 for n in returned), queries=len(queries),
                   rewrite=timed)


def kill_test(generator: Generator, size: int, root: Path, after: float) -> str:
    """Kill `archive add` of a folder of size files after `after` seconds, rerun it; the report's paragraph."""
    folder = root / f"articles-{size}"
    if not folder.is_dir():
        write_files(generator, size, folder)
    db = root / f"kill-{size}.sqlite"
    command = [sys.executable, "-m", "localrewrite", "archive", "add", str(folder), "--archive", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    if process.poll() is not None:
        return f"Kill test: `archive add` of {size:,} files finished within {after:g} s; pass a shorter --kill-after."
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as check:
        integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
        check.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')")  # raises if broken
    with Archive(db) as archive:
        before = archive.stats().documents
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    summary = rerun.stdout.strip().splitlines()[-1] if rerun.stdout.strip() else rerun.stderr.strip()
    found = re.search(r"(\d+) added, (\d+) updated, (\d+) skipped", summary)
    added, skipped = (int(found.group(1)), int(found.group(3))) if found else (-1, -1)
    with Archive(db) as archive:
        after_count = archive.stats().documents
    verdict = "pass" if skipped == before and after_count == before + added == size else "FAIL"
    return (f"Kill test ({verdict}): `localrewrite archive add` of {size:,} files killed (SIGKILL) after {after:g} s "
            f"with {before:,} documents indexed; integrity check: {integrity}, FTS5 integrity check: ok. The rerun "
            f"(exit {rerun.returncode}) said « {summary} »: it skipped {skipped:,} documents (all {before:,} indexed "
            f"before the kill: {'yes' if skipped == before else 'no'}) and the archive holds {after_count:,} of "
            f"{size:,}.")


def machine() -> str:
    cpu = cpu_name()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} logical cores, load average {load} at start; Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}")


def summary(measures: list[Measure], options: str, host: str, kill: str | None, alone: Rewrite | None = None,
            article: Path | None = None) -> str:
    rows = [[f"{m.size:,}", "files, Archive.add" if m.files else "in memory, Archive.add_sources",
             f"{m.documents:,}", f"{m.passages:,}", f"{m.seconds:.1f}", f"{m.documents / m.seconds:.0f}",
             f"{m.megabytes:.1f}", f"{m.median_ms:.1f}", f"{m.p95_ms:.1f}", f"{m.cold_ms:.1f}",
             f"{m.returned:.1f}", f"{m.answered}/{m.queries}"] for m in measures]
    table = markdown_table(("articles", "indexed from", "documents", "passages", "indexing s", "articles/s",
                            "database MB", "query median ms", "query p95 ms", "first query round, median ms",
                            "passages per query", "queries answered"), rows)
    parts = [f"## Archive: indexing and related() at scale\n\nWritten by `python benchmarks/archive.py {options}`; "
             f"{host}.\n\nQueries: the {measures[0].queries if measures else 12} corpus articles, dated "
             f"{QUERY_DATE.isoformat()}; median and p95 over the timed rounds.", table]
    if alone is not None and article is not None:
        rows = [["none (--no-archive)", f"{alone.seconds:.1f}", str(alone.words), "0"]]
        rows += [[f"{m.size:,} articles", f"{m.rewrite.seconds:.1f}", str(m.rewrite.words), str(m.rewrite.passages)]
                 for m in measures if m.rewrite]
        parts += [f"The rewrite's time with each archive: `localrewrite rewrite {article.name} --archive …` (default "
                  "model and settings, a process each, model and spaCy loads included).",
                  markdown_table(("archive", "rewrite s", "words", "passages used"), rows)]
    if kill:
        parts.append(kill)
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="archive sizes, in articles")
    parser.add_argument("--corpus", type=Path, default=None, help="folder of *.txt articles (default ../shared/corpus)")
    parser.add_argument("--files-up-to", type=int, default=10_000, help="largest size indexed from files")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the 12 queries")
    parser.add_argument("--kill-test", action="store_true", help="kill -9 `archive add`, rerun, check")
    parser.add_argument("--kill-size", type=int, default=10_000, help="files of the kill test")
    parser.add_argument("--kill-after", type=float, default=5.0, help="seconds before the kill")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the archives and files here")
    parser.add_argument("--rewrite", type=Path, default=None,
                        help="an article to rewrite with each archive, and with none (timed)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS.md"))
    args = parser.parse_args()
    generator = Generator(Corpus(args.corpus or default_articles()))
    host = machine()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        measures = []
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            measures.append(measure(generator, size, root, args.files_up_to, args.rounds, args.rewrite))
            print(measures[-1], file=sys.stderr)
        kill = kill_test(generator, args.kill_size, root, args.kill_after) if args.kill_test else None
        alone = rewrite(args.rewrite, None) if args.rewrite else None
    finally:
        if args.workdir is None:
            shutil.rmtree(root, ignore_errors=True)
    options = " ".join(sys.argv[1:]) or "(defaults)"
    text = summary(measures, options, host, kill, alone, args.rewrite)
    print(text)
    write_section(args.out, SECTION, text)


if __name__ == "__main__":
    main()
