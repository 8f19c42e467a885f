"""pipeline: the stages in order through the fake backend; the library API; no network."""

from __future__ import annotations

import pytest

from localrewrite import Settings, rewrite
from localrewrite.errors import InputError
from localrewrite.pipeline import Rewriter
from tests.articles import LYON
from tests.fakes import FakeBackend, echo_last_input


@pytest.mark.disable_socket
def test_rewrite_a_file_end_to_end(tmp_path, analyser):
    source = tmp_path / "lyon.txt"
    source.write_text(LYON, encoding="utf-8")
    events = []
    backend = FakeBackend(reply=echo_last_input)
    result = Rewriter(Settings(words=200), backend=backend, analyser=analyser).rewrite(source, events.append)
    assert result.article.title and result.article.title != result.source.title
    assert result.report.get("numbers").passed and result.report.get("quotations").passed
    assert result.target_words == 200
    assert [e.kind for e in events][:2] == ["stage", "start"] and events[-1].kind == "done"
    meta = result.metadata()
    assert meta["model"] == "fake-model" and meta["settings"]["words"] == 200
    assert meta["tokens"]["generated"] == backend.stats.generated_tokens > 0
    assert set(meta["timings"]) == {"ingest", "analyse", "plan", "write", "check"}


def test_request_line_sets_the_target(tmp_path, analyser):
    source = tmp_path / "seed.txt"
    source.write_text("Customize this title in frenchUn parc à Lyon\n\nMake this article seo compatible, "
                      "be in french, create at least 450 words\n\n" + LYON.split("\n\n", 1)[1], encoding="utf-8")
    rewriter = Rewriter(Settings(), backend=FakeBackend(reply=echo_last_input), analyser=analyser)
    assert rewriter.rewrite(source).target_words == 450
    rewriter.settings = Settings(words=300)
    assert rewriter.rewrite(source).target_words == 300


def test_library_rewrite_with_a_backend_passed_in(tmp_path):
    source = tmp_path / "lyon.txt"
    source.write_text(LYON, encoding="utf-8")
    backend = FakeBackend(reply=echo_last_input)
    result = rewrite(str(source), Settings(words=150), backend=backend)
    assert result.words >= 150 and not backend.closed


def test_missing_input(tmp_path, analyser):
    rewriter = Rewriter(Settings(), backend=FakeBackend(), analyser=analyser)
    with pytest.raises(InputError, match="not found"):
        rewriter.rewrite(tmp_path / "absent.txt")


def test_the_meaning_row_reads_a_key_point_against_the_point(analyser):
    """A bullet that says the source's key point (its asides dropped) in other words keeps that point's claims:
    the parse of the whole source sentence, asides and all, is no measure of it."""
    from localrewrite.article import Article, Block
    from localrewrite.ingest import Source
    from localrewrite.meaning import MeaningCheck
    from localrewrite.pipeline import meaning_refusals

    sentence = ("M. Finkielkraut a par ailleurs justifié l'évolution de sa position à propos des \"gilets jaunes\", "
                "mouvement qu'il avait accueilli avec bienveillance, avant de critiquer ce qu'il est devenu.")
    analysis = analyser(Source(title="Essai", paragraphs=(sentence,)))
    assert analysis.points[sentence].endswith("avec bienveillance.")
    bullet = ("M. Finkielkraut a en outre justifié l'évolution de sa position au sujet des \"gilets jaunes\", "
              "mouvement qu'il avait accueilli avec bienveillance.")
    assert meaning_refusals(MeaningCheck(analyser.nlp), Article("Essai", blocks=[Block("li", bullet)]), analysis) == []
    wrong = bullet.replace("M. Finkielkraut a en outre justifié", "Le ministre a en outre justifié")
    assert meaning_refusals(MeaningCheck(analyser.nlp), Article("Essai", blocks=[Block("li", wrong)]), analysis)


def test_the_meaning_row_reads_names_as_the_house_style_cuts_them(analyser):
    from localrewrite.article import Article, Block
    from localrewrite.ingest import Source
    from localrewrite.meaning import MeaningCheck
    from localrewrite.pipeline import meaning_refusals

    source = Source(title="Essai", paragraphs=(
        "Esmail Qaani a rencontré des représentants de plusieurs groupes armés à l'aéroport de Bagdad.",
        "Qaani a effectué une visite rapide et a tenu la réunion à l'aéroport de Bagdad uniquement « pour des "
        "raisons strictes de sécurité et craignant pour sa sécurité », a déclaré une source de sécurité irakienne "
        "citée par Reuters.",
        'Les injures antisémites proférées samedi à l\'encontre du philosophe et académicien Alain Finkielkraut en '
        'marge de la manifestation des "gilets jaunes", "sont la négation absolue de ce que nous sommes", a déclaré '
        "Emmanuel Macron sur Twitter."))
    article = Article("Essai", blocks=[Block("p", text) for text in (
        "Esmail Qaani a rencontré des représentants de plusieurs groupes armés à l'aéroport de Bagdad.",
        "Qaani a réalisé une visite rapide et a tenu la réunion à l'aéroport de Bagdad exclusivement « pour des "
        "raisons strictes de sécurité et craignant pour sa sécurité », a affirmé une source de sécurité irakienne "
        "citée par Reuters.",
        'Les insultes antisémites proférées samedi contre le philosophe et académicien Finkielkraut en marge de la '
        'manifestation des "gilets jaunes", "sont la négation absolue de ce que nous sommes", a affirmé Macron sur '
        "Twitter.")])
    # the article cuts "Alain Finkielkraut" and the source "Esmail Qaani": both read whole on both sides
    assert meaning_refusals(MeaningCheck(analyser.nlp), article, analyser(source)) == []
