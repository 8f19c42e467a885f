"""Prompt-lookup (speculative) decoding against plain decoding, on the default model.

    python benchmarks/prompt_lookup.py                    # --draft 0,3 --limit 2 --rounds 2

llama-cpp-python's LlamaPromptLookupDecoding drafts the next tokens by finding the last ones earlier in the
prompt; rewriting repeats the source's names and numbers, so it could pay. Each --draft value runs in its own
process (so peak RSS is its own), rounds alternating, and measures:
- a copy test, the best case: read an article (prompt tok/s), then generate 200 tokens of it again;
- the pipeline: Rewriter.rewrite of the first --limit articles, seconds and generated tokens.
llama-cpp-python needs logits for every token to verify drafts (it sets logits_all), so each prompt token
costs a row of the 262k-word output matrix: the reason the draft can lose on this model.
The table replaces the section "## Prompt-lookup decoding" of --out.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from localrewrite.bench import article_files, default_articles
from localrewrite.modelfiles import resolve_model
from localrewrite.results import markdown_table, write_section
from localrewrite.settings import Settings

SECTION = "prompt-lookup"
COPY_TOKENS = 200


def one(draft: int, limit: int) -> dict[str, float]:
    """Measure one --draft value in this process (0: plain decoding)."""
    from llama_cpp import Llama
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    from localrewrite.backends.llamacpp import LlamaCppBackend, physical_cores
    from localrewrite.pipeline import Rewriter

    settings = Settings()
    options = dict(draft_model=LlamaPromptLookupDecoding(num_pred_tokens=draft), logits_all=True) if draft else {}
    llm = Llama(str(resolve_model(settings.model)), n_ctx=settings.context, n_threads=physical_cores(),
                n_batch=settings.batch, n_ubatch=settings.batch, flash_attn=True, seed=settings.seed,
                verbose=False, **options)
    files = article_files(default_articles())[:limit]
    text = files[0].read_text(encoding="utf-8")[:2500]
    prompt = f"Texte :\n{text}\n\nLe même texte, recopié :\n{text[:200]}"
    start = time.perf_counter()
    llm.create_completion(prompt, max_tokens=1, temperature=0.0)
    read = time.perf_counter() - start
    start = time.perf_counter()
    copy = llm.create_completion(prompt, max_tokens=COPY_TOKENS, temperature=0.0)
    copy_seconds = time.perf_counter() - start
    rewriter = Rewriter(settings, backend=LlamaCppBackend(llm, "default"))
    start = time.perf_counter()
    generated = sum(rewriter.rewrite(path).tokens.generated_tokens for path in files)
    return {"prompt_tok_s": len(llm.tokenize(prompt.encode())) / read,
            "copy_tok_s": copy["usage"]["completion_tokens"] / copy_seconds,
            "pipeline_s": time.perf_counter() - start, "generated": generated,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def summary(runs: dict[int, list[dict[str, float]]], options: str, limit: int) -> str:
    """The RESULTS.md section: per --draft value, the medians of its rounds."""
    rows = []
    for draft, results in runs.items():
        def median(key: str, results: list[dict[str, float]] = results) -> float:
            return statistics.median(result[key] for result in results)

        rows.append([str(draft) if draft else "off", f"{median('prompt_tok_s'):.0f}", f"{median('copy_tok_s'):.1f}",
                     f"{median('pipeline_s'):.1f}", f"{median('generated'):.0f}", f"{median('rss_mb'):.0f}"])
    table = markdown_table(("draft tokens", "prompt tok/s", "copy tok/s", f"pipeline s ({limit} articles)",
                            "generated tokens", "peak RSS MB"), rows)
    return (f"## Prompt-lookup decoding\n\nWritten by `python benchmarks/prompt_lookup.py {options}` on "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; medians over the rounds.\n\n{table}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draft", default="0,3", help="num_pred_tokens values to compare; 0 is plain decoding")
    parser.add_argument("--limit", type=int, default=2, help="articles rewritten per run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS.md"))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.limit)))
        return
    drafts = [int(value) for value in args.draft.split(",")]
    runs: dict[int, list[dict[str, float]]] = {draft: [] for draft in drafts}
    for round_ in range(args.rounds):
        for draft in drafts:
            done = subprocess.run([sys.executable, __file__, "--one", str(draft), "--limit", str(args.limit)],
                                  capture_output=True, text=True, check=True)
            runs[draft].append(json.loads(done.stdout.splitlines()[-1]))
            print(f"round {round_ + 1} draft {draft}: {runs[draft][-1]}", file=sys.stderr)
    text = summary(runs, f"--draft {args.draft} --limit {args.limit} --rounds {args.rounds}", args.limit)
    print(text)
    write_section(args.out, SECTION, text)


if __name__ == "__main__":
    main()
