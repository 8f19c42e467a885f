"""Rewritten sentences beside their sources, drawn at random, for a French reader to judge.

    python benchmarks/samples.py out/corpus out/seeds            # -> benchmarks/SAMPLES.md
    python benchmarks/samples.py out/corpus --count 30 --seed 12

Reads the JSON outputs of `localrewrite batch … -f json` (their "writing.wordings": each body sentence's
source, the wording chosen and the rules that made it), draws `count` of the rewritten ones (seeded, every
article in the pool) and writes them as a table. The reader's verdicts live in benchmarks/samples_marks.tsv
(one line per judged pair: key, verdict; "same", "same: a note" or "changed: why"); a pair not judged yet is listed as
"to judge" and printed on stderr, so re-drawing never loses a verdict.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKS = HERE / "samples_marks.tsv"


def key(source: str, text: str) -> str:
    return hashlib.sha1(f"{source}\n{text}".encode()).hexdigest()[:12]


def pool(folders: list[Path]) -> list[tuple[str, str, str, list[str]]]:
    """(article, source, wording, kinds) of every rewritten body sentence in the batch outputs."""
    found = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            if path.name == "manifest.json":
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            for w in data.get("writing", {}).get("wordings", []):
                if w["text"] != w["source"]:
                    found.append((path.stem, w["source"], w["text"], w["kinds"]))
    return found


def marks() -> dict[str, str]:
    if not MARKS.is_file():
        return {}
    rows = (line.split("\t", 1) for line in MARKS.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return {k: v.strip() for k, v in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=HERE / "SAMPLES.md")
    args = parser.parse_args(argv)
    everything = pool(args.folders)
    if not everything:
        print("no rewritten sentence in these folders (JSON outputs of `localrewrite batch -f json`)", file=sys.stderr)
        return 1
    drawn = random.Random(args.seed).sample(everything, min(args.count, len(everything)))
    judged = marks()
    rows, same, todo = [], 0, 0
    for number, (article, source, text, kinds) in enumerate(drawn, 1):
        verdict = judged.get(key(source, text), "to judge")
        same += verdict.split(":")[0] == "same"
        todo += verdict == "to judge"
        if verdict == "to judge":
            print(f"{key(source, text)}\t{source}\n\t{text}", file=sys.stderr)
        cells = [str(number), article[:24], ", ".join(kinds), source, text, verdict]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    header = ["# Samples: rewritten sentences beside their sources",
              "",
              f"Drawn by `python benchmarks/samples.py {' '.join(str(f) for f in args.folders)} --count {args.count} "
              f"--seed {args.seed}` from {len(everything)} rewritten body sentences; each judged by a French reader "
              "(benchmarks/samples_marks.tsv).",
              "",
              f"**Same meaning: {same}/{len(drawn)}**" + (f" ({todo} not judged yet)" if todo else ""),
              "",
              "| # | article | made by | source | rewrite | verdict |",
              "| --- | --- | --- | --- | --- | --- |"]
    args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{args.out}: {same}/{len(drawn)} same meaning, {todo} to judge", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
