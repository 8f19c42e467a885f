"""boxes: who said what (a speaker only when certain) and who is who (roles as the source states them)."""

from __future__ import annotations

import pytest

from localrewrite.analyse import Entity, FactSheet
from localrewrite.boxes import people, profiles, sayings

PEOPLE = ["Bernard-Henri Lévy", "Alain Finkielkraut", "Jean-Luc Mélenchon", "Anne Martin"]


def test_people_are_full_names():
    entities = (Entity("Alain Finkielkraut", "PER"), Entity("Finkielkraut", "PER"), Entity("La Croix", "ORG"),
                Entity("gilets Jaunes", "PER"), Entity("Gilets Jaunes", "PER"))
    text = "Des Gilets Jaunes ont insulté Alain Finkielkraut, selon La Croix. Les gilets jaunes ont défilé."
    assert people(FactSheet(entities, (), (), (), text)) == ["Alain Finkielkraut"]


def test_a_speaker_is_named_next_to_a_reporting_verb_and_pronouns_follow_him():
    text = [
        'La violence est "au coeur" du mouvement, a estimé lundi l\'écrivain Bernard-Henri Lévy.',
        '"On ne peut malheureusement pas dire que le mouvement est apolitique", a-t-il déclaré sur Europe 1.',
        'Il a également critiqué les déclarations de Jean-Luc Mélenchon, "Il faut le dire clairement et fort".',
    ]
    said = sayings(text, PEOPLE)
    assert [s.speaker for s in said] == ["Bernard-Henri Lévy"] * 2  # the first quotation is under 3 words
    assert said[0].whole == ("On ne peut malheureusement pas dire que le mouvement est apolitique",)
    assert said[1].sentence == text[2]  # the pronoun speaks; Mélenchon is spoken of


def test_a_quotation_alone_goes_on_with_the_speaker_before():
    text = [
        "C'est devenu « un défouloir », déplore Anne Martin dans Midi Libre.",
        "« Après les samedis de violences, leur mobilisation moindre laisse plus de place aux parias. »",
        "« Stop, voudrait-on crier, comme devant un chien fou », espère-t-elle également.",
        "Le parquet a ouvert une enquête.",
        "« Nous ne céderons jamais sur ce point. »",
    ]
    said = sayings(text, PEOPLE)
    assert [(s.speaker, s.sentence) for s in said] == [("Anne Martin", text[1]), ("Anne Martin", text[2])]


@pytest.mark.parametrize("text", [
    ['"Nous ne céderons jamais sur ce point", a-t-il déclaré.'],  # no speaker before the pronoun
    ['Le parquet a ouvert une enquête.', '"Nous ne céderons jamais sur ce point", a-t-il déclaré.'],
    ['"Nous ne céderons jamais sur ce point", ont déclaré Anne Martin et Alain Finkielkraut.'],  # two names
    ['Emmanuel Macron "ne parle pas, il fait un monologue", a déclaré Nadine, 55 ans.'],  # Macron is spoken of
    # the name next to the verb is the one spoken of: the speaker stands too far before it
    ['Jean-Luc Mélenchon, mis en cause pour sa réaction jugée trop tardive à l\'agression contre Alain '
     'Finkielkraut, a fustigé lundi une "accusation ignoble" et un "dévoiement politicien irresponsable".'],
])
def test_no_speaker_when_unsure(text):
    assert sayings(text, PEOPLE) == []


def test_only_whole_quotations_stand_alone():
    said = sayings(['Emmanuel Macron "ne parle pas, il fait un monologue", a déclaré Anne Martin.'], PEOPLE)
    assert said[0].quotes and not said[0].whole  # a fragment, lower case first


def test_headlines_are_short_quoted_sentences_with_their_speaker():
    said = sayings(['"Il faut agir. Il n\'y a pas de mais", a déclaré Anne Martin.'], PEOPLE)
    assert said[0].headlines == ["Anne Martin : « Il faut agir »", "Anne Martin : « Il n'y a pas de mais »"]
    said = sayings(['"Agir vite. Il est temps que les gilets jaunes des débuts fassent entendre leur voix", '
                    'a déclaré Anne Martin.'], PEOPLE)
    assert said[0].headlines == []  # 2 words, then 12: neither makes a heading
    said = sayings(['Le projet "déstabiliserait la ville et la région", a déclaré Anne Martin.'], PEOPLE)
    assert said[0].headlines == []  # a fragment of a sentence


@pytest.mark.parametrize("sentence, name, role", [
    ("Il a critiqué les insultes contre le philosophe Alain Finkielkraut.", "Alain Finkielkraut", "philosophe"),
    ("Les injures adressées samedi au philosophe et académicien Alain Finkielkraut.", "Alain Finkielkraut",
     "philosophe et académicien"),
    ("Il a été reçu par le porte-parole de l'exécutif Anne Martin.", "Anne Martin", "porte-parole de l'exécutif"),
    ("Anne Martin, ministre de l'Intérieur, a annoncé la mesure.", "Anne Martin", "ministre de l'Intérieur"),
    ("Selon l'adjoint à l'urbanisme Anne Martin, le parc ouvrira.", "Anne Martin", "adjoint à l'urbanisme"),
    ("Il a salué l'ancien président Anne Martin.", "Anne Martin", "ancien président"),
    ("Selon Anne Martin, une garde d'enfants de 42 ans.", "Anne Martin", "garde d'enfants de 42 ans"),
    ("Il a rencontré Anne Martin, l'une des dirigeantes du mouvement.", "Anne Martin",
     "l'une des dirigeantes du mouvement"),
    ("Selon le dirigeant Anne Martin, tout va bien.", "Anne Martin", "dirigeant"),  # -ant, yet a role
])
def test_roles_as_the_source_states_them(sentence, name, role):
    assert [(p.name, p.role) for p in profiles([sentence], PEOPLE)] == [(name, role)]


@pytest.mark.parametrize("sentence", [
    "Les injures proférées à l'encontre d'Alain Finkielkraut.",  # "encontre" is no role
    "Il a semé la zizanie en rencontrant mardi Anne Martin.",  # a participle and a weekday
    "Dans La Croix, Anne Martin, lui, a retenu une image.",  # a pronoun
    "C'est ce qu'analyse le mari, Anne Martin.",  # a comma: an apposition the rule cannot bound
    "Anne Martin, âgée de 40 ans, a témoigné.",  # a participle
    "Il a rencontré le délégué aux sports Anne Martin.",  # read from the name back: "sports" is no role
    "Le groupe d'élite Anne Martin a annoncé une trêve.",  # a group, not what a person is
    "Il a parlé avec Anne Martin, sur Cnews.",  # a place, no role
    "Selon le ministre de l'Intérieur Anne Martin, la mesure est prête.",  # a capital the role cannot hold
])
def test_no_role_when_unsure(sentence):
    assert profiles([sentence], PEOPLE) == []


def test_the_longest_role_wins():
    text = ["Il a défendu le philosophe Alain Finkielkraut.",
            "Le philosophe et académicien Alain Finkielkraut a porté plainte."]
    assert profiles(text, PEOPLE)[0].role == "philosophe et académicien"
