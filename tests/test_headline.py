"""headline: shorter forms of the source's headline that only drop words. Real spaCy md."""

from __future__ import annotations

import pytest

from localrewrite.headline import forms


@pytest.fixture(scope="module")
def parse(analyser):
    return analyser.nlp


def test_a_long_headline_loses_its_second_clause_then_its_closing_complements(parse):
    headline = ("Le chef iranien d'Al-Qods s'est rendu en Irak et a demandé aux milices alliées de mettre fin aux "
                "attaques contre les États-Unis : rapport")
    assert forms(headline, parse, 60) == ["Le chef iranien d'Al-Qods s'est rendu en Irak"]


def test_a_fronted_complement_goes_first(parse):
    found = forms('Entre frites et pizzas, les "gilets jaunes" pique-niquent à Chambord', parse, 60)
    assert found[0] == 'Les "gilets jaunes" pique-niquent à Chambord'


def test_the_clause_after_a_colon_stands_alone(parse):
    found = forms("Injures envers Finkielkraut: la date du jugement est connue", parse, 60)
    assert found == ["Injures envers Finkielkraut: la date du jugement est connue",
                     "La date du jugement est connue"]


def test_a_quoted_noun_may_lose_its_complement(parse):
    found = forms('Antisémitisme: Mélenchon dénonce une "accusation ignoble" des "macronistes"', parse, 60)
    assert found[1:] == ['Antisémitisme: Mélenchon dénonce une "accusation ignoble"',
                         'Mélenchon dénonce une "accusation ignoble"']


def test_a_verb_keeps_its_object_and_a_negation_all_that_follows_it(parse):
    found = forms("Les groupes armés irakiens ralentissent les attaques américaines à la demande du commandant "
                  "iranien", parse, 70)
    assert found == ["Les groupes armés irakiens ralentissent les attaques américaines"]
    # "n'a pas manifesté" says more than "n'a pas manifesté à Paris"
    assert forms("La CGT n'a pas manifesté à Paris contre la réforme des retraites samedi", parse, 40) == []


def test_a_headline_without_a_conjugated_verb_is_cut_after_its_participle(parse):
    found = forms('"Barre-toi, sale sioniste de m...": le philosophe Alain Finkielkraut pris à partie par plusieurs '
                  '"gilets jaunes", une enquête ouverte', parse, 60)
    assert found == ["Le philosophe Alain Finkielkraut pris à partie"]  # not "… Finkielkraut pris"
    found = forms('Un mois de prison avec sursis et amende requis contre la figure des "gilets jaunes" en France '
                  'Éric Drouet', parse, 60)
    assert found == ["Un mois de prison avec sursis et amende requis"]
    assert forms('Mons: Des "Gilets jaunes" en cours de droit pour plancher sur le RIC', parse, 60) == []
