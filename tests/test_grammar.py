"""Grammalecte through localrewrite.grammar, and the report's grammar row, on hand-made French."""

from __future__ import annotations

import sys

import pytest

from localrewrite.analyse import FactSheet
from localrewrite.article import Article, Block
from localrewrite.check import check_article, new_misspellings
from localrewrite.errors import ResourceError
from localrewrite.facts import normalise
from localrewrite.grammar import Grammar, _engine

CLEAN = [
    "La police a interpellé trois manifestants.",
    "Les manifestants se sont dispersés dans le calme en fin d'après-midi, selon la préfecture.",
    "Le ministre de l'Intérieur, qui s'était rendu sur place mardi, a salué le travail des secours.",
    "Elle a été condamnée à un mois de prison avec sursis et à 500 euros d'amende.",
    "A Lyon, les contrôleurs aériens ont cessé le travail.",  # wire copy's unaccented capital
]


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return Grammar()


def test_agreement_errors_are_found(grammar):
    leurs = grammar.errors("Ils ont pris de leurs part.")
    assert [e.text for e in leurs] == ["leurs", "part"]
    assert all(e.rule.startswith("g3__gn_") and "Accord de nombre" in e.message for e in leurs)
    arrested = grammar.errors("Les manifestants a été arrêtés.")
    assert [(e.start, e.end, e.text) for e in arrested] == [(17, 18, "a"), (23, 30, "arrêtés")]
    assert grammar.per_100_words("Les manifestants a été arrêtés.") == pytest.approx(40.0)


@pytest.mark.parametrize("sentence", CLEAN)
def test_clean_sentences_have_no_error(grammar, sentence):
    assert grammar.errors(sentence) == []


def test_typography_never_counts(grammar):
    typographic = "L’armée a prévenu\u00a0: «\u00a0Nous resterons là\u00a0»… Il était 10h, 1.200 soldats."
    plain = 'L\'armée a prévenu: "Nous resterons là"... Il était 10h, 1.200 soldats.'
    assert grammar.errors(typographic) == grammar.errors(plain) == []
    assert grammar.misspellings(typographic) == grammar.misspellings(plain) == []


def test_doubled_word_counts_and_offsets_index_the_normalised_text(grammar):
    text = "Le vol est annulé.\n\nLa grève   touche les les voyageurs."
    [error] = [e for e in grammar.errors(text) if e.rule == "doublon"]
    assert error.text == normalise(text)[error.start:error.end] == "les les"


def test_misspellings_leave_out_names_and_digits(grammar):
    text = "Les manifestans sont arivés mardi. Finkielkraut et Castaner ont parlé du 3e acte, des arivés."
    assert grammar.misspellings(text) == ["manifestans", "arivés"]


def test_missing_grammalecte_says_to_run_set_up(monkeypatch):
    _engine.cache_clear()
    monkeypatch.setitem(sys.modules, "grammalecte", None)  # import grammalecte now raises ImportError
    try:
        with pytest.raises(ResourceError) as caught:
            Grammar().errors("Une phrase.")
    finally:
        _engine.cache_clear()
    assert caught.value.message == ("Grammalecte (the French grammar checker) is not installed: "
                                    "run `bash scripts/bootstrap.sh`.")
    assert caught.value.exit_code == 3


# -- the report's grammar row ------------------------------------------------------------------------

SOURCE = """Grève à Lyon : les vols annulés

La grève des contrôleurs aériens a entraîné l'annulation de nombreux vols mardi à Lyon. Les voyageurs \
ont été invités à reporter leur départ. Le syndicat a promis de poursuivre le mouvement jusqu'à la fin \
de la semaine, selon un communiqué. Le gouvernement a appelé au dialogue."""
FACTS = FactSheet((), (), (), (), normalise(SOURCE))
GOOD = ("Mardi, les contrôleurs aériens ont cessé le travail à Lyon et de nombreux vols ont été annulés. "
        "Invités à reporter leur départ, les voyageurs attendent. Le syndicat veut poursuivre le mouvement "
        "jusqu'à la fin de la semaine, tandis que le gouvernement appelle au dialogue.")


def grammar_row(body: str, facts: FactSheet = FACTS):
    article = Article("Lyon privée de vols", blocks=[Block("p", body), Block("h2", "La suite")])
    return check_article(article, facts, target_words=10, source_title="Grève à Lyon",
                         output_entities=[]).get("grammar")


def test_grammar_row_passes_a_clean_article():
    row = grammar_row(GOOD)
    assert (row.passed, row.value, row.detail) == (True, 0.0, "source 0.00")
    assert row.bar == "≤ source + 0.5 per 100 words, no new misspelling"


def test_grammar_row_fails_new_agreement_errors():
    row = grammar_row(GOOD.replace("les voyageurs attendent", "les voyageurs attend"))
    assert not row.passed and row.value > 0.5
    assert row.detail.startswith("source 0.00; « attend »: ")


def test_grammar_row_fails_a_new_misspelling_but_not_one_of_the_source():
    row = grammar_row(GOOD.replace("le travail", "le travial"))
    assert (row.passed, row.value, row.detail) == (False, 0.0, "source 0.00; misspelled: travial")
    facts = FactSheet((), (), (), (), FACTS.source_text + " Le travial a cessé.")
    assert grammar_row(GOOD.replace("le travail", "le travial"), facts).passed


def test_source_errors_raise_the_allowance():
    sloppy = FactSheet((), (), (), (), FACTS.source_text + " Les voyageurs a été prévenus.")
    body = GOOD.replace("les voyageurs attendent", "les voyageurs attend")
    assert not grammar_row(body).passed
    assert grammar_row(body, sloppy).passed


def test_new_misspellings_compare_whole_words_of_the_source():
    assert new_misspellings("Un coeur et un oeil.", "Le Coeur du sujet.") == ["oeil"]
