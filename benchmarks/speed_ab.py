"""Seconds per article: this checkout against another one (an earlier commit), in one run, turn by turn.

    git worktree add /tmp/base df5624a
    python benchmarks/speed_ab.py /tmp/base ../shared/corpus/01-*.txt ../shared/corpus/12-*.txt --rounds 2

Each article is rewritten by `python -m localrewrite rewrite ARTICLE -o OUT.json` in a fresh process, once with
the other checkout's code first on PYTHONPATH, once with this one, alternating (A B, then B A) so that the
machine's drift during the run falls on both alike; the same GGUF for both (--model, default: models/'s).
Reported: wall seconds of the process, the pipeline's own seconds (ingest to check, from the JSON timings),
body words and the copied 8-gram share. Nothing else may run on the machine meanwhile (2 cores: a second
llama.cpp process stalls both).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(code: Path, article: Path, model: Path, out: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "localrewrite", "rewrite", str(article), "-o", str(out), "--force",
                           "-q", "--model", str(model)], cwd=code, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some quality bar failed, the article is written
        raise SystemExit(f"{code}: {article.name} failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    timings = data.get("timings", {})
    checks = {c["name"]: c for c in data.get("report", {}).get("checks", [])}
    return {"wall": wall, "pipeline": sum(v for k, v in timings.items() if k != "load_model"),
            "words": checks.get("length", {}).get("value", 0), "copied": checks.get("originality", {}).get("value", 0)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("baseline", type=Path, help="the other checkout (a git worktree)")
    parser.add_argument("articles", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--model", type=Path, default=next(iter(sorted((ROOT / "models").glob("*.gguf"))), None))
    args = parser.parse_args(argv)
    if args.model is None:
        raise SystemExit("no GGUF in models/: run scripts/setup_model.py or pass --model")
    results: dict[str, dict[str, list[dict[str, float]]]] = {"baseline": {}, "current": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(args.rounds):
            for article in args.articles:
                order = [("baseline", args.baseline), ("current", ROOT)]
                for name, code in order if number % 2 == 0 else order[::-1]:
                    found = run(code.resolve(), article.resolve(), args.model.resolve(), Path(tmp) / "out.json")
                    results[name].setdefault(article.name, []).append(found)
                    print(f"{name:8} {article.name[:40]:40} {found['wall']:6.1f} s wall, {found['pipeline']:6.1f} s "
                          f"pipeline, {found['words']} words, {found['copied']} % copied", file=sys.stderr)
    print("| article | baseline s | current s | × | baseline words | current words | baseline copied % | "
          "current copied % |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    ratios = []
    for article in args.articles:
        a, b = results["baseline"][article.name], results["current"][article.name]
        sa, sb = (statistics.median(r["pipeline"] for r in runs) for runs in (a, b))
        ratios.append(sb / sa)
        print(f"| {article.name[:32]} | {sa:.1f} | {sb:.1f} | {sb / sa:.2f} | {a[-1]['words']} | {b[-1]['words']} | "
              f"{a[-1]['copied']} | {b[-1]['copied']} |")
    print(f"\nmedian ratio current / baseline: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
