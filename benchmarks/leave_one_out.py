"""The corpus written with the newsroom's archive: each article with the other corpus articles archived.

    python benchmarks/leave_one_out.py                 # ../shared/corpus -> a section of benchmarks/QUALITY.md
    python benchmarks/leave_one_out.py --pick 05,09    # the articles whose names start so

One archive holds every corpus article (`localrewrite archive add`); `localrewrite batch --archive` then
rewrites the corpus and its seeds. An article never draws on itself: retrieval skips a near-duplicate of the
source, and this script checks it (a passage of the article's own file counts as a failure). Read from each
JSON output: words, the facts rows (numbers, quotations, entities, support: counted against the source and
the passages used), the passages used and whether each is credited by a heading, seconds. The seeds, whose
topic the archive does not hold, must draw nothing. Without --no-baseline the same batch runs with
--no-archive too, for the length each article reaches from its source alone (with it, the last such run's).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from localrewrite.article import word_count  # noqa: E402
from localrewrite.ingest import read_source  # noqa: E402
from localrewrite.results import markdown_table  # noqa: E402

SECTION = "## With the archive (leave one out)"
FAITHFUL = ("numbers", "quotations", "entities", "support")


@dataclass
class Row:
    name: str
    words: int
    alone: int | None  # words without the archive
    source_words: int
    passages: int
    documents: int
    credited: bool
    own: bool  # drew on its own file
    faithful: dict[str, float]
    passed: dict[str, bool]
    seconds: float


def batch(folder: Path, out: Path, *flags: str) -> list[dict]:
    command = [sys.executable, "-m", "localrewrite", "batch", str(folder), "-o", str(out), "-f", "json", "-q",
               "--force", *flags]  # --force: a batch skips what it did before with the same settings, whatever the code
    subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    return json.loads((out / "manifest.json").read_text())


def rows(manifest: list[dict], alone: dict[str, int]) -> list[Row]:
    out = []
    for row in manifest:
        if row["status"] != "done":
            print(f"{row['input']}: {row['status']} {row.get('error', '')}", file=sys.stderr)
            continue
        data = json.loads(Path(row["output"]).read_text())
        checks = {c["name"]: c for c in data["report"]["checks"]}
        used = data["context"]
        headings = {b["text"] for b in data["blocks"] if b["kind"] in ("h2", "h3")}
        name = Path(row["input"]).name
        source_words = word_count(read_source(Path(row["input"])).text)
        out.append(Row(name, data["words"], alone.get(name), source_words, len(used),
                       len({e["path"] for e in used}),
                       all(e["credit"] in headings or e["origin"] == "notes" for e in used),
                       any(Path(e["path"]).name == name for e in used),
                       {k: checks[k]["value"] for k in FAITHFUL}, {k: checks[k]["passed"] for k in FAITHFUL},
                       row["seconds"]))
    return out


def markdown(found: list[Row], target: int, archive_line: str) -> str:
    corpus = [r for r in found if r.name[:2].isdigit() and "_" not in r.name[:4]]
    seeds = [r for r in found if r not in corpus]
    header = ["article", "words", "without archive", "passages used (documents)", "credited", "own file",
              "numbers", "quotations", "entities %", "support", "seconds"]
    table = [[r.name[:40], str(r.words), "–" if r.alone is None else str(r.alone), f"{r.passages} ({r.documents})",
              "yes" if r.credited else "NO", "YES" if r.own else "no",
              *(f"{r.faithful[k]:g}" + ("" if r.passed[k] else " ✗") for k in FAITHFUL), f"{r.seconds:.1f}"]
             for r in found]
    reached = sum(r.words >= target for r in corpus)
    faithful = sum(all(r.passed.values()) for r in corpus)
    long_sources = [r for r in found if r.alone is not None and r.source_words >= 450]
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        SECTION, "",
        f"Written by `python benchmarks/leave_one_out.py` on {when}. {archive_line}",
        "",
        f"- corpus articles at ≥ {target} words: **{reached}/{len(corpus)}** (median "
        f"{statistics.median(r.words for r in corpus) if corpus else 0:.0f} words)",
        f"- faithful (numbers, quotations, entities ≤ 5 %, support; counted against the source and the passages "
        f"used): **{faithful}/{len(corpus)}**",
        f"- every passage credited by a heading: {sum(r.credited for r in corpus)}/{len(corpus)}; an article "
        f"drawing on its own file: {sum(r.own for r in found)}",
        "- seeds (topic not in the archive): "
        + ", ".join(f"{r.name[:12]} {r.passages} passages, {r.words} words" for r in seeds),
    ]
    if long_sources:
        lines.append(f"- without the archive, sources of ≥ 450 words reaching {target}: "
                     f"{sum((r.alone or 0) >= target for r in long_sources)}/{len(long_sources)}")
    return "\n".join([*lines, "", markdown_table(header, table), ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pick", default="", help="Only the articles whose names start so (comma-separated).")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "QUALITY.md")
    parser.add_argument("--outputs", type=Path, default=ROOT / "out" / "archive")
    parser.add_argument("--no-baseline", action="store_true",
                        help="Skip the batch without the archive (its last outputs' words are shown, if any).")
    args = parser.parse_args()
    corpus = ROOT.parent / "shared" / "corpus"
    every = sorted(corpus.glob("*.txt"))
    articles = every + sorted((corpus / "seeds").glob("*"))
    if args.pick:
        articles = [a for a in articles if a.name.startswith(tuple(args.pick.split(",")))]
    with tempfile.TemporaryDirectory() as tmp:
        folder, archive = Path(tmp) / "in", Path(tmp) / "archive.sqlite"
        folder.mkdir()
        for article in articles:
            (folder / article.name).symlink_to(article)
        subprocess.run([sys.executable, "-m", "localrewrite", "archive", "add", *map(str, every), "--archive",
                        str(archive)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        if args.no_baseline:  # the last baseline's words, if there is one
            done = args.outputs / "alone" / "manifest.json"
            manifest = json.loads(done.read_text()) if done.is_file() else []
        else:
            print("without the archive…", file=sys.stderr)
            manifest = batch(folder, args.outputs / "alone", "--no-archive")
        alone = {Path(r["input"]).name: r["words"] for r in manifest if r["status"] == "done"}
        print("with the archive…", file=sys.stderr)
        found = rows(batch(folder, args.outputs / "with", "--archive", str(archive)), alone)
    line = (f"One archive of the {len(every)} corpus articles; {len(articles)} articles rewritten by `localrewrite "
            "batch --archive` with default settings (target 700 words); an article's own file is skipped as a "
            "near-duplicate of its source.")
    text = markdown(found, 700, line)
    old = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    if SECTION in old:  # replace the section, keep the rest
        start = old.index(SECTION)
        end = old.find("\n## ", start + len(SECTION))
        old = old[:start] + old[end + 1:] if end >= 0 else old[:start]
    args.out.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
