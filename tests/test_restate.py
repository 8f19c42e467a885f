"""restate: rule-based wordings (attribution moved, "Pour X", a complement moved, a dated fact), facts untouched."""

from __future__ import annotations

import pytest

from localrewrite.restate import (
    date_first,
    dated,
    end_to_lead,
    front_attribution,
    lead_to_end,
    named,
    opinion,
    restatements,
    unlinked,
)


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
    '"Il est temps", a-t-il ajouté.Des ministres ont condamné ces propos.',  # another sentence runs on
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


def test_a_leading_phrase_that_points_back_stays_first():
    assert lead_to_end("A ce titre, il devait donc faire une déclaration préalable de manifestation.") is None


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
    "Sébastien Georges remarque qu'\"une partie n'a rien à voir avec les ronds-points le 17 novembre\".",  # qu'"…"
    "Selon un sondage Ifop pour le JDD publié dimanche, les Français veulent la fin du mouvement.",  # publié's date
    "Les avions survolent ce site qui a accueilli en 2018 plus d'un million de visiteurs.",  # the clause's date
])
def test_no_dated_fact_when_unsure(sentence):
    assert dated(sentence) is None


@pytest.mark.parametrize("sentence, expected", [
    ("Il y avait 21 personnes en garde à vue, selon le parquet de Paris.",
     "Selon le parquet de Paris, il y avait 21 personnes en garde à vue."),
    ("Plusieurs incidents se sont produits aux alentours du palais de justice, selon la même source.",
     "Selon la même source, plusieurs incidents se sont produits aux alentours du palais de justice."),
    ("Castaner a été hué pendant toute la manifestation, selon la préfecture.", None),  # "Castaner" may be a name
    ("Les manifestants étaient 300, selon la police, 500 selon les organisateurs.", None),
])
def test_a_trailing_source_moved_to_the_front(sentence, expected):
    assert end_to_lead(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Le tribunal rendra son jugement le 29 mars.", "Le 29 mars, le tribunal rendra son jugement."),
    ("Ils étaient une quarantaine ce mercredi à retourner sur les bancs de l'école.",
     "Mercredi, ils étaient une quarantaine à retourner sur les bancs de l'école."),
    ("Jean-Luc Mélenchon a dénoncé lundi une accusation ignoble.",
     "Lundi, Jean-Luc Mélenchon a dénoncé une accusation ignoble."),
    ("Le 26 janvier, à Paris le cortège du NPA est attaqué.", None),  # the date already leads
    ("Castaner a été hué samedi pendant toute la manifestation.", None),  # a capital that may be a name's
])
def test_a_date_moved_to_the_front(sentence, expected):
    assert date_first(sentence) == expected


def test_restatements_lists_what_applies():
    assert restatements("Le maire a inauguré le parc samedi.") == ["Samedi, le maire a inauguré le parc."]
    assert restatements("« Il faut agir », a déclaré la maire Anne Martin.") == [
        "La maire Anne Martin a déclaré : « Il faut agir ».", "Pour la maire Anne Martin, « Il faut agir »."]


@pytest.mark.parametrize(("text", "expected"), [
    ("Il espère aussi : « Stop, voudrait-on crier ».", "Paul Caraci espère aussi : « Stop, voudrait-on crier »."),
    ("« Dès demain, on va nettoyer la cité », avait-il lancé aux habitants.",
     "« Dès demain, on va nettoyer la cité », avait lancé Paul Caraci aux habitants."),
    ("« Quel gâchis », soupire-t-elle.", "« Quel gâchis », soupire Paul Caraci."),
    ("« Stop », espère-t-il également.", "« Stop », espère Paul Caraci également."),
    ("Il a dit : « Il viendra ».", "Paul Caraci a dit : « Il viendra »."),  # the quotation is left alone
    ("Il le savait, répète-t-il.", None),  # two pronouns: which one is the speaker?
    ("Le maire a parlé.", None),
])
def test_a_pronoun_replaced_by_its_speaker(text, expected):
    assert named(text, "Paul Caraci") == expected


@pytest.mark.parametrize("text, alone", [
    ('"C\'est une phrase que tout le monde utilise", a toutefois avancé Me André Chamy.',
     '"C\'est une phrase que tout le monde utilise", a avancé Me André Chamy.'),
    ("Christophe Bonnefoy, lui, a retenu l'image de la manifestante insultée.",
     "Christophe Bonnefoy a retenu l'image de la manifestante insultée."),
    ("Toutefois, la préfecture avait demandé son report.", "La préfecture avait demandé son report."),
    ("Il a dit : « Nous avons toutefois refusé ».", "Il a dit : « Nous avons toutefois refusé »."),  # quoted: as said
    ("Plusieurs incidents se sont également produits près du palais.", "Plusieurs incidents se sont produits près "
     "du palais."),
    ("Le parc est aussi grand que le centre-ville.", "Le parc est aussi grand que le centre-ville."),  # a comparison
])
def test_a_text_read_alone_loses_the_words_that_link_it_to_the_sentence_before(text, alone):
    assert unlinked(text) == alone
