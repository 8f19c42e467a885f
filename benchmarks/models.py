"""The corpus with each installed model, same settings: what the model adds, what it costs.

    python benchmarks/models.py                              # every GGUF in models/ -> benchmarks/MODELS.md
    python benchmarks/models.py --limit 4 --out /tmp/m.md    # the first 4 articles only
    python benchmarks/models.py --pick 05,09,10               # the articles whose names start so

Each model rewrites the articles of ../shared/corpus and its seeds (`localrewrite batch -f json`, default
settings, one process per model, nothing else running) into out/models/MODEL/. Read from each JSON output:
the model's free attempts and how many passed the gate, the body sentences whose chosen wording is the
model's, the gate's refusals of invented facts (numbers, quotations, names, unsupported words, dates), the
report's copied 8-gram share, grammar errors per 100 words and faithfulness rows; seconds per article from
the manifest; peak RSS of the batch process, polled every half second. The section of MODELS.md from
"## The default" on is written by hand and kept.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from localrewrite.modelfiles import describe, find_models  # noqa: E402
from localrewrite.results import markdown_table  # noqa: E402

INVENTED = ("numbers", "quotations", "names", "support", "dates")  # gate refusals that are invented facts
FAITHFUL = ("numbers", "quotations", "entities", "support")
CHOICE = "## The default"  # MODELS.md's hand-written section, kept when the table is written again


@dataclass
class ModelRun:
    model: str
    chat: bool
    size_mb: float
    articles: int = 0
    failed: int = 0
    seconds: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    attempts: int = 0
    passed: int = 0
    sentences: int = 0
    from_model: int = 0
    invented_refused: int = 0
    copied: list[float] = field(default_factory=list)
    grammar: list[float] = field(default_factory=list)
    grammar_passed: int = 0
    faithful: int = 0  # articles passing every faithfulness row
    peak_rss_mb: float = 0.0
    wall: float = 0.0


def inbox(limit: int | None, pick: str) -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.txt")) + sorted((corpus / "seeds").glob("*"))
    if pick:
        files = [f for f in files if f.name.startswith(tuple(pick.split(",")))]
    return files[:limit] if limit else files


def run_model(path: Path, articles: list[Path], out: Path) -> ModelRun:
    info = describe(path)
    result = ModelRun(path.name, info.chat_template, info.size_bytes / 1e6)
    with tempfile.TemporaryDirectory() as folder:
        for article in articles:
            (Path(folder) / article.name).symlink_to(article)
        command = [sys.executable, "-m", "localrewrite", "batch", folder, "-o", str(out), "-f", "json", "-q",
                   "--model", str(path)]
        start = time.perf_counter()
        process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while process.poll() is None:
            try:
                result.peak_rss_mb = max(result.peak_rss_mb, process.memory_info().rss / 1e6)
            except psutil.NoSuchProcess:
                break
            time.sleep(0.5)
        result.wall = time.perf_counter() - start
    rows = json.loads((out / "manifest.json").read_text())
    for row in rows:
        if row["status"] != "done":
            result.failed += 1
            continue
        data = json.loads(Path(row["output"]).read_text())
        checks = {c["name"]: c for c in data["report"]["checks"]}
        writing = data["writing"]
        result.articles += 1
        result.seconds.append(row["seconds"])
        result.words.append(row["words"])
        result.attempts += writing["attempts"]
        result.passed += sum(writing["passed_at"].values())
        result.sentences += writing["sentences"]
        result.from_model += writing["chosen"].get("model", 0)
        result.invented_refused += sum(writing["rejections"].get(name, 0) for name in INVENTED)
        result.copied.append(checks["originality"]["value"])
        result.grammar.append(checks["grammar"]["value"])
        result.grammar_passed += checks["grammar"]["passed"]
        result.faithful += all(checks[name]["passed"] for name in FAITHFUL)
    return result


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}" if values else "–"


def markdown(runs: list[ModelRun], articles: list[Path]) -> str:
    header = ["model", "chat", "size MB", "articles", "model attempts passed", "body sentences from the model",
              "invented facts refused", "copied 8-grams (median %)", "grammar /100 words (median, passed)",
              "faithful articles", "words (median)", "s/article (median)", "peak RSS MB"]
    rows = [[r.model, "yes" if r.chat else "no", f"{r.size_mb:.0f}", f"{r.articles} (+{r.failed} failed)",
             f"{r.passed}/{r.attempts} ({100 * r.passed / r.attempts:.1f} %)" if r.attempts else "0/0",
             f"{r.from_model}/{r.sentences}", str(r.invented_refused), median(r.copied),
             f"{median(r.grammar)} ({r.grammar_passed}/{r.articles})", f"{r.faithful}/{r.articles}",
             median(r.words), median(r.seconds), f"{r.peak_rss_mb:.0f}"] for r in runs]
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    names = ", ".join(a.name[:12] for a in articles)
    return (f"# Models on the corpus\n\nWritten by `python benchmarks/models.py` on {when}: {len(articles)} "
            f"articles of ../shared/corpus ({names}), default settings, `localrewrite batch -f json`, one "
            f"model at a time on this machine.\n\n{markdown_table(header, rows)}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="Only the first N articles.")
    parser.add_argument("--pick", default="", help="Only the articles whose names start so (comma-separated).")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "MODELS.md")
    parser.add_argument("--outputs", type=Path, default=ROOT / "out" / "models")
    args = parser.parse_args()
    articles = inbox(args.limit, args.pick)
    runs = []
    for path in find_models():
        print(f"{path.name}: {len(articles)} articles…", file=sys.stderr)
        runs.append(run_model(path, articles, args.outputs / path.stem))
        print(markdown([runs[-1]], articles).splitlines()[-1], file=sys.stderr)
    text = markdown(runs, articles)
    old = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    if CHOICE in old:  # the reasoning written by hand below the table stays
        text += "\n" + old[old.index(CHOICE):]
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
