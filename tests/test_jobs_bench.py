"""benchmarks/jobs.py (batch --jobs throughput) against the stdlib stub server, and LocalServer's command line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from benchmarks import jobs
from localrewrite.backends.llama_server import LocalServer
from tests.articles import LYON
from tests.stub_server import StubServer

OLD = "<!-- bench: batch-jobs -->\n## batch --jobs against a local server\n\nold numbers\n<!-- /bench: batch-jobs -->"


def test_jobs_main_against_the_stub_server(tmp_path, capsys):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "lyon.txt").write_text(LYON, encoding="utf-8")
    (articles / "rennes.txt").write_text(LYON.replace("Lyon", "Rennes"), encoding="utf-8")  # beyond --limit 1
    out, data = tmp_path / "RESULTS.md", tmp_path / "jobs.json"
    out.write_text(f"# Benchmark results\n\nNotes kept by hand.\n\n{OLD}\n\n## Later section\n", encoding="utf-8")
    with StubServer(n_ctx=4096) as server:
        code = jobs.main(["--base-url", server.url, "--articles", str(articles), "--limit", "1", "--jobs", "1,2",
                          "--words", "150", "--out", str(out), "--json", str(data)])
    assert code == 0
    assert server.posts()  # the articles went through the server

    runs = json.loads(data.read_text(encoding="utf-8"))["runs"]
    assert [r["jobs"] for r in runs] == [1, 2]
    for run in runs:
        assert (run["articles"], run["failed"]) == (1, 0)
        assert run["words"] > 0 and run["seconds"] > 0 and run["generated_tokens"] > 0
        assert run["words_per_second"] == pytest.approx(run["words"] / run["seconds"], rel=0.02)
        [row] = run["rows"]
        assert (row["input"], row["output"], row["status"]) == ("01-lyon.txt", "01-lyon.md", "done")
        assert row["checks_total"] == 19 and run["checks_passed_median"] == row["checks_passed"]

    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nNotes kept by hand.") and text.endswith("## Later section\n")
    assert "old numbers" not in text and text.count("## batch --jobs against a local server") == 1
    lines = text.splitlines()
    assert ("| jobs | articles | wall s | speed-up | articles/min | words/s | tokens/s | checks passed (median) "
            "| all bars | failed |") in lines
    table = [line for line in lines if line.startswith(("| 1 |", "| 2 |"))]
    assert [line.split(" | ")[1] for line in table] == ["1", "1"]
    assert table[0].split(" | ")[3] == "1.00"  # the first row is the speed-up's reference
    for line, run in zip(table, runs, strict=True):
        assert line.endswith(f"| {run['checks_passed_median']:g}/19 | {run['all_bars']}/1 | 0 |")
    assert "stub-model" in text and "serves one request at a time" in text
    assert capsys.readouterr().out.startswith("| jobs | articles |")  # the table on the terminal too


def test_parse_jobs():
    assert jobs.parse_jobs("1,2,4") == (1, 2, 4) and jobs.parse_jobs("3") == (3,)
    for bad in ("0,2", "a", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            jobs.parse_jobs(bad)


def test_missing_model_is_an_error_before_any_server_starts(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(LYON, encoding="utf-8")
    code = jobs.main(["--model", str(tmp_path / "none.gguf"), "--articles", str(tmp_path), "--out",
                      str(tmp_path / "RESULTS.md")])
    assert code == 3
    assert "Error: Model file" in capsys.readouterr().err and not (tmp_path / "RESULTS.md").exists()


def test_local_server_queues_concurrent_requests(tmp_path):
    server = LocalServer(Path("models/m.gguf"), tmp_path / "log", threads=2, alias="m.gguf")
    command = server.command()
    assert command[1:3] == ["-m", "llama_cpp.server"]
    assert " ".join(command[3:]).startswith("--model models/m.gguf --host 127.0.0.1 --port 0 --n_ctx 4096 "
                                            "--interrupt_requests False --n_threads 2 --n_threads_batch 2")
    assert command[-2:] == ["--model_alias", "m.gguf"]


def test_prompt_lookup_summary_takes_medians_per_draft():
    from benchmarks.prompt_lookup import summary

    run = {"prompt_tok_s": 220.0, "copy_tok_s": 30.0, "pipeline_s": 100.0, "generated": 2000, "rss_mb": 1000.0}
    runs = {0: [run, {**run, "pipeline_s": 120.0}, {**run, "pipeline_s": 90.0}],
            3: [{**run, "prompt_tok_s": 80.0, "pipeline_s": 95.0, "rss_mb": 2900.0}]}
    text = summary(runs, "--draft 0,3", limit=2)
    assert text.startswith("## Prompt-lookup decoding\n\nWritten by `python benchmarks/prompt_lookup.py --draft 0,3`")
    assert "| off | 220 | 30.0 | 100.0 | 2000 | 1000 |" in text
    assert "| 3 | 80 | 30.0 | 95.0 | 2000 | 2900 |" in text and "pipeline s (2 articles)" in text
