"""Tokens per second: raw llama.cpp next to the pipeline; the same command as `localrewrite bench`.

    python benchmarks/bench_tokens.py                       # 3 articles of ../shared/corpus, 3 repetitions
    python benchmarks/bench_tokens.py --tiny                # 1 article, 150 words, 1 repetition
    python benchmarks/bench_tokens.py --markdown benchmarks/RESULTS.md --json /tmp/bench.json
    python benchmarks/bench_tokens.py --flash-attn --n-ubatch 256 --no-mmap --threads 1

The measuring code is localrewrite/bench.py; `--help` lists every option.
"""

import sys

from localrewrite.cli import app

if __name__ == "__main__":
    app(["bench", *sys.argv[1:]], prog_name="bench_tokens.py")
