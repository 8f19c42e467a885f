"""The real default model and real spaCy: one article end to end, the CLI, the models listing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from localrewrite.article import word_count
from localrewrite.cli import app
from localrewrite.pipeline import Rewriter
from localrewrite.settings import Settings
from tests.articles import LYON

#: Copied 8-gram share (%) the seed's rewrite stays under. The design before the paraphrase engine copied 93 %
#: of this seed; the engine gets 51 % on this machine (benchmarks/QUALITY.md). Issue 12's bar for any article
#: (50 %) is not met yet: this ceiling guards what the engine gained, with room for another CPU's rounding.
ORIGINALITY_CEILING = 60.0


@pytest.mark.disable_socket
def test_one_article_end_to_end(gemma, analyser, tmp_path):
    source = tmp_path / "lyon.txt"
    source.write_text(LYON, encoding="utf-8")
    result = Rewriter(Settings(words=250, retries=1), backend=gemma, analyser=analyser).rewrite(source)
    report = {c.name: c for c in result.report.checks}
    assert result.article.title and result.article.title != result.source.title
    assert len(result.article.headings) >= 3
    for bar in ("language", "structure", "numbers", "quotations", "seo_title", "seo_description"):
        assert report[bar].passed, report[bar]
    source_words = word_count(" ".join(result.source.paragraphs))
    assert source_words <= result.words <= 2 * source_words + 50  # all of it said once, none of it a third time
    assert report["length"].passed or report["length"].detail.startswith("the source has ")
    assert result.tokens.generated_tokens > 0 and result.tokens_per_second > 0
    assert result.writing.rewritten + result.writing.copied == result.writing.sentences


def test_cli_rewrite_with_the_default_model(tmp_path):
    source = tmp_path / "lyon.txt"
    source.write_text(LYON, encoding="utf-8")
    out = tmp_path / "lyon.html"
    result = CliRunner().invoke(app, ["rewrite", str(source), "-o", str(out), "--words", "150", "--retries", "0",
                                      "-q"])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "NewsArticle" in html
    assert "tokens/s" in result.stdout


def test_models_lists_the_embedded_model(capfd):
    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0
    assert capfd.readouterr().err == ""  # llama.cpp's context warning for a vocabulary-only load is silenced
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("gemma-3-270m-q4_k_m.gguf"))
    assert "Q4_K_M" in line and "32768" in line and "no (base model)" in line


@pytest.mark.disable_socket
def test_an_english_article_is_translated_then_rewritten(gemma, analyser, tmp_path):
    source = tmp_path / "en.txt"
    source.write_text((Path(__file__).parent.parent / "fixtures" / "en_wire.txt").read_text(encoding="utf-8"),
                      encoding="utf-8")
    result = Rewriter(Settings(words=150, retries=1), backend=gemma, analyser=analyser).rewrite(source)
    report = {c.name: c for c in result.report.checks}
    assert result.translation is not None and result.translation.language == "en"
    assert result.translation.translated >= 3  # the model's faithful translations; the rest is named
    assert report["translation"].value.endswith("sentences from English")
    for bar in ("language", "numbers", "quotations"):
        assert report[bar].passed, report[bar]
    assert "2019" in result.article.body or "2021" in result.article.body


@pytest.mark.disable_socket
def test_a_wire_story_is_rewritten_in_other_words(gemma, analyser):
    """Seed 000 (examples/seed-qaani.txt, Reuters copy) with the default settings: the paraphrase engine and
    the model change most of its wording, every fact kept, no new grammar error."""
    example = Path(__file__).parent.parent.parent / "examples" / "seed-qaani.txt"
    result = Rewriter(Settings(), backend=gemma, analyser=analyser).rewrite(example)
    report = {c.name: c for c in result.report.checks}
    for bar in ("numbers", "quotations", "entities", "coverage", "grammar", "repetition"):
        assert report[bar].passed, report[bar]
    assert report["originality"].value <= ORIGINALITY_CEILING, report["originality"]
    assert result.writing.copied <= result.writing.sentences // 3  # most sentences said in other words
    assert sum(result.writing.chosen[k] for k in ("synonym", "phrase", "order", "split", "voice")) >= 4
