"""localrewrite.bench (tokens per second) with the fake backend, benchmarks/quality.py's aggregation and its
--from-batch reading, and one real `bench --tiny` (integration)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks import quality, quality_report
from localrewrite.backends import BACKENDS
from localrewrite.batch import run_batch
from localrewrite.bench import BenchOptions, Spread, article_files, load_backend, run_bench
from localrewrite.check import Check, Report
from localrewrite.cli import app
from localrewrite.errors import LocalRewriteError
from localrewrite.pipeline import Rewriter
from localrewrite.results import format_markdown, format_text, tag, update_results
from localrewrite.settings import Settings
from tests.fakes import FakeBackend, echo_last_input

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MODEL = ROOT / "models" / "gemma-3-270m-q4_k_m.gguf"


@pytest.fixture(scope="module")
def fake_report(analyser):
    backend = FakeBackend(reply=echo_last_input)
    report = run_bench(Settings(backend="fake"), BenchOptions.make(tiny=True, articles=EXAMPLES), backend=backend,
                       analyser=analyser)
    return report, backend


# -- localrewrite.bench ------------------------------------------------------------------------------


def test_spread_gives_median_and_range():
    spread = Spread.of([3.0, 1.0, 2.0, 10.0])
    assert (spread.median, spread.low, spread.high, spread.n) == (2.5, 1.0, 10.0, 4)
    assert str(spread) == "2.5 (1.0–10.0)"
    assert str(Spread.of([4.0])) == "4.0"
    assert Spread.of([]).n == 0


def test_tiny_options_and_flags_over_them():
    tiny = BenchOptions.make(tiny=True, limit=None, reps=2)
    assert (tiny.limit, tiny.words, tiny.reps, tiny.tiny) == (1, 150, 2, True)
    assert BenchOptions.make().limit == 3 and BenchOptions.make().prompt_lengths == (128, 512, 1024)


def test_article_files_lists_the_folder_then_its_subfolders(tmp_path):
    for name in ("b.txt", "a.md", "README.md", "notes.json", "seeds/s.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in article_files(tmp_path)] == ["a.md", "b.txt", "seeds/s.txt"]
    with pytest.raises(LocalRewriteError, match="not a folder"):
        article_files(tmp_path / "missing")


def test_llama_options_need_the_llamacpp_backend():
    with pytest.raises(LocalRewriteError, match="llamacpp backend only"):
        load_backend(Settings(backend="fake"), {"flash_attn": False})


def test_pipeline_part_counts_where_the_tokens_went(fake_report):
    report, backend = fake_report
    assert report.prompt_eval == {} and report.generation is None  # no llama.cpp in process: no raw part
    [run] = report.articles
    assert run.name == "seed-qaani.txt" and not run.error
    assert run.words > 0 and run.target_words == 150 and run.checks_total == 19
    assert run.calls == len(backend.history) > 0
    # The fake counts whitespace words: the prompt tokens are exactly the words of every prompt sent.
    assert run.prompt_tokens == sum(len(h["prompt"].split()) for h in backend.history)
    assert run.generated_tokens == run.kept_tokens + run.discarded_tokens  # every generated token accounted for
    assert run.instruction_tokens > 50 and run.source_tokens > 300
    assert run.prompt_vs_minimum == pytest.approx(run.prompt_tokens / (run.source_tokens + run.instruction_tokens))
    assert 0 <= run.rewritten_tokens <= run.article_tokens
    assert run.rewritten_per_second == pytest.approx(run.rewritten_tokens / run.seconds)
    assert set(report.loads) == {"model", "rewriter", "spacy"}
    assert list(report.peak_rss_mb) == ["model", "spacy", "pipeline"] and report.peak_rss_mb["pipeline"] > 0
    totals = report.totals()
    assert totals["articles"] == 1 and totals["rewritten_vs_raw"] == 0.0  # no raw generation to compare with


def test_article_that_fails_is_reported_not_raised(tmp_path, analyser):
    (tmp_path / "empty.txt").write_text("")
    report = run_bench(Settings(backend="fake"), BenchOptions.make(tiny=True, articles=tmp_path),
                       backend=FakeBackend(), analyser=analyser)
    [run] = report.articles
    assert run.error and report.done == []
    assert "failed" in format_text(report)


def test_text_and_markdown_tables(fake_report):
    report, _ = fake_report
    text = format_text(report)
    assert "seed-qaani.txt" in text and "rewritten tokens / wall second" in text
    assert "raw llama.cpp" not in text  # nothing measured, nothing shown
    markdown = format_markdown(report)
    assert markdown.startswith("## Tokens per second: words=150, backend=fake, reps=1, tiny=True")
    assert "| article | s | words |" in markdown and "| CPU |" in markdown


def test_update_results_replaces_only_its_own_section(tmp_path, fake_report):
    report, _ = fake_report
    results = tmp_path / "RESULTS.md"
    results.write_text("# Results\n\nNotes kept by hand.\n")
    update_results(results, report)
    update_results(results, report)
    text = results.read_text()
    assert text.startswith("# Results\n\nNotes kept by hand.") and text.count(f"<!-- bench: {tag(report)} -->") == 1
    other = type(report)(**{**report.__dict__, "settings": {**report.settings, "flash_attn": True}})
    update_results(results, other)
    assert results.read_text().count("<!-- bench: ") == 2


def test_cli_bench_with_the_fake_backend(monkeypatch, fake_backend, tmp_path):
    monkeypatch.setenv("LOCALREWRITE_BACKEND", "fake")
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, ["bench", "--tiny", "--articles", str(EXAMPLES), "--json", str(out),
                                      "--markdown", str(tmp_path / "RESULTS.md")])
    assert result.exit_code == 0, result.output
    assert "pipeline: article 1/1: seed-qaani.txt" in result.output
    data = json.loads(out.read_text())
    assert data["raw"]["prompt_eval"] == {} and data["articles"][0]["words"] > 0
    assert data["settings"]["words"] == 150 and data["totals"]["articles"] == 1
    assert "## Tokens per second" in (tmp_path / "RESULTS.md").read_text()


def test_cli_bench_llama_options_on_another_backend_is_an_error(monkeypatch, fake_backend):
    monkeypatch.setenv("LOCALREWRITE_BACKEND", "fake")
    result = CliRunner().invoke(app, ["bench", "--tiny", "--no-flash-attn", "--articles", str(EXAMPLES)])
    assert result.exit_code == 1
    assert "Error: --no-flash-attn, --n-ubatch and --no-mmap apply to the llamacpp backend only." in result.output


# -- benchmarks/quality.py ---------------------------------------------------------------------------


def _run(name: str, length: int, length_ok: bool, numbers: str = "") -> quality_report.Run:
    report = Report([Check("length", length, "≥ 700 words", length_ok),
                     Check("numbers", numbers, "none invented", not numbers),
                     Check("originality", 20.5, "copied 8-grams ≤ 30 %", True)])
    return quality_report.Run(name, "pipeline", report, words=length, subheadings=4, seconds=12.0,
                              tokens_per_second=40.0)


def test_aggregate_pass_rates_and_medians():
    runs = [_run("a", 800, True), _run("b", 650, False, "12"), _run("c", 900, True),
            quality_report.Run("d", "pipeline", error="empty")]
    stats = {s.name: s for s in quality_report.aggregate(runs)}
    assert list(stats) == ["length", "numbers", "originality"]
    assert (stats["length"].rate, stats["length"].median) == ("2/4", 800)  # the failed run fails every bar
    assert (stats["numbers"].rate, stats["numbers"].median) == ("2/4", None)  # text values have no median
    assert stats["originality"].median == 20.5


def test_bar_table_side_by_side():
    table = quality_report.bar_table([_run("a", 800, True), _run("b", 720, True)], [_run("a", 300, False, "9")])
    lines = table.splitlines()
    assert lines[0] == "| check | bar | pipeline passed | pipeline median | plain passed | plain median |"
    assert "| length | ≥ 700 words | 2/2 | 760 | 0/1 | 300 |" in lines
    assert "| numbers | none invented | 2/2 | – | 0/1 | – |" in lines
    assert lines[-1] == "| all bars |  | 2/2 |  | 0/1 |  |"
    assert "plain" not in quality_report.bar_table([_run("a", 800, True)], []).splitlines()[0]


def test_quality_markdown_has_both_tables():
    runs = [_run("01-a.txt", 800, True), quality_report.Run("02-b.txt", "pipeline", error="boom"),
            quality_report.Run("03-c.txt", "pipeline", _run("c", 800, True).report, 800, 4, 9.0)]
    text = quality_report.quality_markdown(runs, [], {"model": "m.gguf", "date": "today"})
    assert "## Pass rate per bar" in text and "## Plain prompt" not in text
    assert "Pipeline: rewritten by this script." in text
    assert "| 01-a.txt | 800 | 4 | 3/3 | 12.0 | 40.0 |" in text and "| 02-b.txt | failed |  | boom |" in text
    assert "| 03-c.txt | 800 | 4 | 3/3 | 9.0 | – |" in text  # tokens/s unknown


def test_plain_prompt_is_the_seed_request():
    seed = "Customize this title in frenchUn titre\n\nMake this article seo compatible, be in french, " \
           "create at least 700 words\n\nLe texte."
    assert quality.plain_prompt(seed) == seed
    assert "create at least 150 words" in quality.plain_prompt(seed, 150)
    wire = quality.plain_prompt("Un titre\n\nPremier paragraphe.\n\nSecond.", 700)
    assert wire.startswith("Customize this title in frenchUn titre\n\nMake this article seo compatible, Let there be")
    assert wire.endswith("create at least 700 words\n\nPremier paragraphe.\n\nSecond.")


def test_parse_plain_reads_what_a_model_writes():
    article = quality.parse_plain("Titre : Les gilets jaunes à Paris\n\nUn paragraphe.\n\n**Une mobilisation**\n\n"
                                  "Un autre paragraphe.\n\n## Et après\n\nFin.")
    assert article.title == "Les gilets jaunes à Paris"
    assert article.headings == ["Une mobilisation", "Et après"]
    assert article.texts("p") == ["Un paragraphe.", "Un autre paragraphe.", "Fin."]
    assert quality.parse_plain("# Titre\n\nTexte.").title == "Titre"
    assert quality.parse_plain("").title == ""


def test_quality_main_with_the_fake_backend(monkeypatch, tmp_path):
    def reply(prompt):
        if "Phrase :" in prompt:
            return echo_last_input(prompt)
        return "Le chef de la force Quds en Irak"  # the fake keeps no line breaks: a title, no body

    backend = FakeBackend(reply=reply)
    monkeypatch.setitem(BACKENDS, "fake", lambda settings: backend)
    monkeypatch.setenv("LOCALREWRITE_BACKEND", "fake")
    out, data = tmp_path / "QUALITY.md", tmp_path / "q.json"
    assert quality.main(["--articles", str(EXAMPLES), "--words", "150", "--out", str(out), "--json", str(data),
                         "--outputs", str(tmp_path / "articles")]) == 0
    plain = [h for h in backend.history if h["prompt"].startswith("Customize this title")]
    assert len(plain) == 1 and plain[0]["max_tokens"] == 400 and "create at least 150 words" in plain[0]["prompt"]
    runs = json.loads(data.read_text())
    [plain_run] = runs["plain"]
    assert (plain_run["words"], plain_run["subheadings"], len(plain_run["report"]["checks"])) == (0, 0, 19)
    assert {c["name"]: c["value"] for c in plain_run["report"]["checks"]}["seo_title"] == 32
    assert "| all bars |" in out.read_text()
    assert (tmp_path / "articles" / "seed-qaani.md").is_file()
    assert (tmp_path / "articles" / "seed-qaani.plain.md").read_text() == "Le chef de la force Quds en Irak"


def _batch(tmp_path: Path, analyser, fmt: str):
    """A real batch with the fake backend: examples/seed-qaani.txt done, an empty article failed."""
    articles, output = tmp_path / "articles", tmp_path / "batch"
    articles.mkdir()
    shutil.copy(EXAMPLES / "seed-qaani.txt", articles)
    (articles / "empty.txt").write_text("", encoding="utf-8")
    rewriter = Rewriter(Settings(backend="fake", words=150), backend=FakeBackend(reply=echo_last_input),
                        analyser=analyser)
    summary = run_batch(articles, output, rewriter, fmt=fmt)
    (articles / "late.txt").write_text("Un article arrivé après le batch.\n", encoding="utf-8")
    return articles, output, summary.rows


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_quality_from_a_batch_checks_its_outputs_again(monkeypatch, tmp_path, analyser, fmt):
    articles, output, [failed, done] = _batch(tmp_path, analyser, fmt)
    assert (failed.status, done.status) == ("failed", "done")
    monkeypatch.setenv("LOCALREWRITE_BACKEND", "fake")
    monkeypatch.setitem(BACKENDS, "fake", lambda settings: pytest.fail("no model may be loaded"))
    out, data = tmp_path / "QUALITY.md", tmp_path / "q.json"
    words = ["--words", "150"] if fmt == "md" else []  # a JSON output records the target it was written for
    assert quality.main(["--articles", str(articles), "--from-batch", str(output), "--skip-plain", *words,
                         "--out", str(out), "--json", str(data)]) == 0

    runs = json.loads(data.read_text())
    assert runs["plain"] == [] and [r["article"] for r in runs["pipeline"]] == ["empty.txt", "seed-qaani.txt"]
    empty, seed = runs["pipeline"]  # late.txt is not in the batch: left out
    assert (empty["report"], empty["error"], empty["seconds"]) == (None, failed.error, failed.seconds)
    checks = seed["report"]["checks"]
    assert (sum(c["passed"] for c in checks), len(checks)) == (done.checks_passed, done.checks_total)
    assert (seed["words"], seed["seconds"]) == (done.words, done.seconds) and seed["subheadings"] >= 3
    if fmt == "json":
        written = json.loads((output / "seed-qaani.json").read_text())
        assert seed["report"] == written["report"]  # the same checks, value for value
        assert seed["generated_tokens"] == written["tokens"]["generated"] > 0
        rate = f"{written['tokens']['tokens_per_second']:.1f}"
    else:
        assert seed["generated_tokens"] == 0
        rate = "–"
    text = out.read_text()
    assert (f"| seed-qaani.txt | {done.words} | {seed['subheadings']} | {done.checks_passed}/{done.checks_total} "
            f"| {done.seconds:.1f} | {rate} |") in text
    assert f"| empty.txt | failed |  | {failed.error[:80]} |" in text
    assert f"Pipeline: the outputs of `localrewrite batch` in `{output}`, each checked again" in text
    assert ("model fake-model," in text) == (fmt == "json")


def test_quality_from_a_batch_sends_only_the_plain_prompt(monkeypatch, tmp_path, analyser):
    articles, output, _ = _batch(tmp_path, analyser, "md")
    backend = FakeBackend(reply=lambda prompt: "Le chef de la force Quds en Irak")
    monkeypatch.setitem(BACKENDS, "fake", lambda settings: backend)
    monkeypatch.setenv("LOCALREWRITE_BACKEND", "fake")
    data = tmp_path / "q.json"
    assert quality.main(["--articles", str(articles), "--from-batch", str(output), "--words", "150",
                         "--out", str(tmp_path / "QUALITY.md"), "--json", str(data)]) == 0
    assert len(backend.history) == 1 and backend.history[0]["prompt"].startswith("Customize this title")
    plain = json.loads(data.read_text())["plain"]
    assert [(r["article"], r["report"] is None) for r in plain] == [("empty.txt", True), ("seed-qaani.txt", False)]


def test_quality_from_a_missing_batch_is_an_error(tmp_path, capsys):
    assert quality.main(["--articles", str(EXAMPLES), "--from-batch", str(tmp_path), "--skip-plain",
                         "--out", str(tmp_path / "QUALITY.md")]) == 1
    assert f"{tmp_path / 'manifest.json'} not found" in capsys.readouterr().err


# -- the real model ----------------------------------------------------------------------------------


@pytest.mark.integration
def test_bench_tiny_with_the_default_model(tmp_path, monkeypatch):
    if not MODEL.is_file():
        pytest.skip(f"{MODEL} is missing: run scripts/setup_model.py")
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("LOCALREWRITE_BACKEND", raising=False)
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, ["bench", "--tiny", "--articles", str(EXAMPLES), "--model", str(MODEL),
                                      "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert set(data["raw"]["prompt_eval"]) == {"128", "512"}
    assert all(s["median"] > 0 for s in data["raw"]["prompt_eval"].values())
    assert data["raw"]["generation"]["median"] > 0 and data["raw"]["decode"]["median"] > 0
    [article] = data["articles"]
    assert not article["error"] and article["article_tokens"] > 0 and article["rewritten_per_second"] > 0
    assert article["llama"]["decode_tokens"] > 0  # llama.cpp's own counters were read
    assert data["machine"]["model"] == MODEL.name and data["loads"]["model"] > 0
    assert "prompt eval, 128 tokens" in result.output
