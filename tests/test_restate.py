"""restate: rule-based wordings (attribution moved, "Pour X", a complement moved, a dated fact), facts untouched."""

from __future__ import annotations

import pytest

from localrewrite.restate import dated, front_attribution, lead_to_end, opinion, restatements


@pytest.mark.parametrize("sentence, expected", [
    ("« Nous ne céderons pas », a déclaré la maire.", "La maire a déclaré : « Nous ne céderons pas »."),
    ('"Il n\'y a pas de mais", a-t-il poursuivi.', 'Il a poursuivi : "Il n\'y a pas de mais".'),
    ("« C'est fini », a indiqué un commandant, cité par Reuters.",
     "Un commandant, cité par Reuters, a indiqué : « C'est fini »."),
])
def test_attribution_moved_to_the_front(sentence, expected):
    assert front_attribution(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Le maire a inauguré le parc samedi.",
    '"Il y a du monde", a déclaré à l\'AFP Lucia Ferrera.',  # the subject follows a complement
])
def test_no_restatement_when_unsure(sentence):
    assert front_attribution(sentence) is None


@pytest.mark.parametrize("sentence, expected", [
    ("« Nous ne céderons pas », a déclaré la maire Anne Martin.",
     "Pour la maire Anne Martin, « Nous ne céderons pas »."),
    ('"Il faut agir", a estimé l\'écrivain Bernard-Henri Lévy.',
     'Pour l\'écrivain Bernard-Henri Lévy, "Il faut agir".'),
])
def test_an_opinion_restated_with_pour(sentence, expected):
    assert opinion(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "« C'est faux », a démenti le ministre Jean Dupont.",  # a denial is not an opinion
    "« Nous ne céderons pas », a déclaré la maire Anne Martin samedi.",  # "Pour … samedi" would misplace the date
    '"Il y a du monde", a-t-il déclaré.',  # no name to say "Pour X"
])
def test_no_opinion_restatement_when_unsure(sentence):
    assert opinion(sentence) is None


@pytest.mark.parametrize("sentence, expected", [
    ("Selon la police, 300 personnes ont défilé dans le centre.",
     "300 personnes ont défilé dans le centre, selon la police."),
    ("A 14h00, quelque 300 personnes étaient rassemblées place Bellecour.",
     "Quelque 300 personnes étaient rassemblées place Bellecour, à 14h00."),
])
def test_a_leading_complement_moved_to_the_end(sentence, expected):
    assert lead_to_end(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Le parquet de Paris a ouvert dimanche une enquête sur les injures.",
     "Dimanche : le parquet de Paris a ouvert une enquête sur les injures."),
    ("Le 26 janvier, à Paris le cortège du NPA est attaqué.", "26 janvier : à Paris le cortège du NPA est attaqué."),
    ("La maire a inauguré le parc samedi soir.", "Samedi soir : la maire a inauguré le parc."),
])
def test_a_dated_fact(sentence, expected):
    assert dated(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Le parquet a ouvert dimanche une enquête sur les injures adressées samedi.",  # two dates: which is whose?
    "Retour quelques semaines plus tôt: le 8 décembre, déjà, les mêmes scènes à Paris.",  # between punctuation
    '"En 2019 l\'antisémitisme est inacceptable", a-t-il dit.',  # the date is in the quotation
])
def test_no_dated_fact_when_unsure(sentence):
    assert dated(sentence) is None


def test_restatements_lists_what_applies():
    assert restatements("Le maire a inauguré le parc samedi.") == []
    assert restatements("« Il faut agir », a déclaré la maire Anne Martin.") == [
        "La maire Anne Martin a déclaré : « Il faut agir ».", "Pour la maire Anne Martin, « Il faut agir »."]
