"""Benchmark tables: plain text for the terminal, Markdown for benchmarks/RESULTS.md, whose sections are
replaced one configuration at a time. Formats; never measures (bench.py, throughput.py) nor prints (cli.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from localrewrite.bench import ArticleRun, BenchReport
from localrewrite.settings import Settings

ARTICLE_COLUMNS = ("article", "s", "words", "checks", "article tok", "generated", "kept", "discarded",
                   "prompt tok", "src+instr", "prompt/src", "rewritten tok/s", "× raw")


def _article_row(run: ArticleRun, raw: float) -> list[str]:
    if run.error:
        return [run.name[:32], "failed", run.error[:60], *[""] * (len(ARTICLE_COLUMNS) - 3)]
    return [run.name[:32], f"{run.seconds:.1f}", str(run.words), f"{run.checks_passed}/{run.checks_total}",
            str(run.article_tokens), str(run.generated_tokens), str(run.kept_tokens), str(run.discarded_tokens),
            str(run.prompt_tokens), f"{run.source_tokens}+{run.instruction_tokens}",
            f"{run.prompt_per_source:.2f}", f"{run.rewritten_per_second:.1f}",
            f"{run.rewritten_per_second / raw:.2f}" if raw else "–"]


def _total_row(report: BenchReport) -> list[str]:
    t = report.totals()
    done = report.done
    return ["all", f"{t['seconds']:.1f}", str(sum(a.words for a in done)),
            f"{sum(a.checks_passed for a in done)}/{sum(a.checks_total for a in done)}",
            str(t["article_tokens"]), str(t["generated_tokens"]), str(sum(a.kept_tokens for a in done)),
            str(t["discarded_tokens"]), str(t["prompt_tokens"]),
            f"{t['source_tokens']}+{sum(a.instruction_tokens for a in done)}", f"{t['prompt_per_source']:.2f}",
            f"{t['rewritten_per_second']:.1f}", f"{t['rewritten_vs_raw']:.2f}" if t["rewritten_vs_raw"] else "–"]


def raw_rows(report: BenchReport) -> list[list[str]]:
    rows = [[f"prompt eval, {n} tokens", str(s)] for n, s in report.prompt_eval.items()]
    if report.generation:
        made = f"{min(report.generated)}–{max(report.generated)}" if report.generated else "?"
        rows.append([f"generation, create_completion ({made} tokens, temperature {report.settings.get('temperature')})",
                     str(report.generation)])
    if report.decode:
        rows.append(["generation, Llama.generate loop", str(report.decode)])
    return rows


VOCABULARY_COLUMNS = ("model, alone in a process", "tokens", "file MB", "prompt tok/s (512)", "decode tok/s (greedy)",
                      "peak RSS MB", "greedy texts as the first")
CANDIDATE_COLUMNS = ("candidates", "one at a time /s", "decoded together /s", "×", "same text both ways")


def vocabulary_rows(report: BenchReport) -> list[list[str]]:
    first = report.vocabularies[0]
    return [[v.model, str(v.vocabulary), f"{v.file_mb:.0f}", str(v.prompt), str(v.decode), f"{v.peak_rss_mb:.0f}",
             f"{sum(a == b for a, b in zip(v.greedy, first.greedy, strict=True))}/{len(v.greedy)}"]
            for v in report.vocabularies]


def summary_rows(report: BenchReport) -> list[list[str]]:
    t = report.totals()
    llama = {k: sum(a.llama.get(k, 0) for a in report.done) for k in ("prompt_tokens", "prompt_ms",
                                                                     "decode_tokens", "decode_ms")}
    rows = [[f"{name} load", f"{report.loads[key]:.2f} s"] for key, name in (("model", "model"), ("spacy", "spaCy"))
            if key in report.loads]
    if report.scored_per_second:
        rows.append(["wordings scored per second (Backend.score)", f"{report.scored_per_second:.1f}"])
    if not report.done:
        return rows + [["peak RSS (after model)", f"{report.peak_rss_mb['model']:.0f} MB"]]
    rows += [["seconds per article", f"{t['seconds_per_article']:.1f}"],
             ["generated tokens/s in the pipeline (wall)", f"{t['generated_per_second']:.1f}"],
             ["rewritten tokens / wall second (article tokens not copied from the source)",
              f"{t['rewritten_per_second']:.1f}"],
             ["rewritten tokens/s / raw generation", f"{t['rewritten_vs_raw']:.2f}" if t["rewritten_vs_raw"] else "–"],
             ["discarded / generated tokens", f"{t['discarded_tokens']}/{t['generated_tokens']}"],
             ["prompt tokens evaluated per source token", f"{t['prompt_per_source']:.2f}"],
             ["prompt tokens / (source + instruction tokens)", f"{t['prompt_vs_minimum']:.2f}"]]
    if llama["prompt_ms"] or llama["decode_ms"]:
        rows += [["llama.cpp prompt tokens evaluated (its own count)", f"{llama['prompt_tokens']:.0f}"],
                 ["llama.cpp time in prompt eval / decode",
                  f"{llama['prompt_ms'] / 1000:.1f} s / {llama['decode_ms'] / 1000:.1f} s"]]
    rows.append(["peak RSS (after model, spaCy, pipeline)",
                 " / ".join(f"{v:.0f}" for v in report.peak_rss_mb.values()) + " MB"])
    return rows


def _plain_table(header: Sequence[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [list(header), *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = (c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        return "  ".join(padded).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)])


def markdown_table(header: Sequence[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(out + ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows])


def _tables(report: BenchReport, table: Callable[[Sequence[str], list[list[str]]], str]) -> list[str]:
    raw = report.generation.median if report.generation else 0.0
    articles = [_article_row(a, raw) for a in report.articles]
    if len(report.done) > 1:
        articles.append(_total_row(report))
    parts = []
    if report.prompt_eval or report.generation:
        parts.append(table(["raw llama.cpp", "tokens/s: median (min–max)"], raw_rows(report)))
    if report.vocabularies:
        parts.append(table(VOCABULARY_COLUMNS, vocabulary_rows(report)))
    if report.candidates:
        parts.append(table(CANDIDATE_COLUMNS, [[str(c.n), f"{c.one_at_a_time:.2f}", f"{c.together:.2f}",
                                                f"{c.together / c.one_at_a_time:.2f}", f"{c.same_texts}/{c.n}"]
                                               for c in report.candidates]))
    if articles:
        parts.append(table(ARTICLE_COLUMNS, articles))
    parts.append(table(["pipeline", "value"], summary_rows(report)))
    return parts


def format_text(report: BenchReport) -> str:
    m = report.machine
    head = (f"{m['model']} on {m['cpu']}, {m['n_threads'] or '?'} threads, load average {m['load_average']}; "
            f"{report.seconds:.0f} s in all")
    return "\n\n".join([head, *_tables(report, _plain_table)])


def tag(report: BenchReport) -> str:
    """Which configuration a RESULTS.md section holds: the settings that differ from the defaults."""
    defaults = {**Settings().as_dict(), "reps": 3, "tiny": False}
    changed = [f"{k}={v}" for k, v in report.settings.items() if k not in defaults or defaults[k] != v]
    return ", ".join(changed) or "defaults"


def format_markdown(report: BenchReport) -> str:
    m = report.machine
    s = report.settings
    machine_rows = [["CPU", f"{m['cpu']} ({m['cores_physical']} physical / {m['cores_logical']} logical cores)"],
                    ["RAM", f"{m['ram_gb']} GB"], ["load average at start", str(m["load_average"])],
                    ["OS / Python", f"{m['os']} / {m['python']}"], ["llama-cpp-python", m["llama_cpp_python"]],
                    ["model", f"{m['model']} ({m['model_mb']} MB)"],
                    ["settings", f"threads {m['n_threads']}, context {s['context']}, batch {s['batch']}, "
                                 f"GPU layers {s['gpu_layers']}, seed {s['seed']}, temperature {s['temperature']}, "
                                 f"retries {s['retries']}, words {s['words'] or 'default'}, reps {s['reps']}"
                                 + "".join(f", {k} {s[k]}" for k in ("flash_attn", "n_ubatch", "use_mmap") if k in s)],
                    ["date", m["date"]]]
    parts = [f"## Tokens per second: {tag(report)}", markdown_table(["machine", ""], machine_rows),
             *_tables(report, markdown_table)]
    return "\n\n".join(parts)


RESULTS_HEAD = """# Benchmark results

Written by `localrewrite bench --markdown benchmarks/RESULTS.md` (or `python benchmarks/bench_tokens.py
--markdown benchmarks/RESULTS.md`); each configuration has its own section, replaced when measured again.
"""


def update_results(path: Path, report: BenchReport) -> None:
    """Write report's section into path (a RESULTS.md), replacing the section of the same configuration."""
    write_section(path, tag(report), format_markdown(report))


def write_section(path: Path, name: str, markdown: str) -> None:
    """Put markdown into path (a RESULTS.md) between `<!-- bench: name -->` markers: an earlier section of
    that name is replaced, any other text kept; a new file starts with RESULTS_HEAD."""
    from localrewrite.render import write_atomic

    begin, end = f"<!-- bench: {name} -->", f"<!-- /bench: {name} -->"
    section = f"{begin}\n{markdown}\n{end}"
    text = path.read_text(encoding="utf-8") if path.is_file() else RESULTS_HEAD
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    write_atomic(path, text, force=True)
