"""Splitting long sentences (issue 12): attributions that credit both halves, relative clauses after a noun's
complement, present participles after a passé composé or an attribution, "mais" with a shared subject,
appositions with or without a determiner, before or after the name, two clauses joined by a colon, a closing
gerund of saying, a closing restrictive relative, a clause in "tandis que" or "même si". Real spaCy md and
Grammalecte; every sentence is invented news."""

from __future__ import annotations

import pytest

from localrewrite.gate import gate, sentence_facts
from localrewrite.grammar import Grammar
from localrewrite.meaning import MeaningCheck
from localrewrite.paraphrase import syntax
from localrewrite.paraphrase.engine import Paraphraser
from localrewrite.paraphrase.surface import Plan, render
from localrewrite.tokens import quoted_tokens
from tests.fakes import FakeBackend


@pytest.fixture(scope="module")
def nlp(analyser):
    return analyser.nlp


@pytest.fixture(scope="module")
def grammar():
    return Grammar()


@pytest.fixture(scope="module")
def check(nlp):
    return MeaningCheck(nlp)


def wordings(nlp, rule, sentence: str) -> list[str]:
    doc = nlp(sentence)
    return [render(doc, plan) for plan in rule(doc, quoted_tokens(doc))]


def faults(grammar, source: str, text: str, aliases: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """What keeps a rule's wording from being faithful: the gate's problems as write.py runs it (same names,
    numbers, quotations, negations; a name said again on purpose), and more grammar errors than its source."""
    found = list(gate(text, source, sentence_facts(source), aliases=aliases, stutter=False))
    added, before = len(grammar.errors(text)), len(grammar.errors(source))
    return found + ([f"{added} grammar errors, {before} in the source"] if added > before else [])


def test_a_closing_attribution_credits_both_halves(nlp, grammar):
    source = ("Le parquet a ouvert une enquête pour violences et a saisi la brigade de répression, a indiqué "
              "une porte-parole.")
    found = wordings(nlp, syntax.coordination, source)
    # the subject said again (a pronoun after "une porte-parole" could be read as her), and the pronoun
    assert found == ["Le parquet a ouvert une enquête pour violences, a indiqué une porte-parole. Le parquet a saisi "
                     "la brigade de répression, selon elle.",
                     "Le parquet a ouvert une enquête pour violences, a indiqué une porte-parole. Il a saisi la "
                     "brigade de répression, selon elle."]
    for text in found:
        assert not faults(grammar, source, text)


def test_a_finite_verb_hung_on_an_infinitive_is_coordinated_with_the_main_verb(nlp, grammar):
    # the parse makes "a demandé" a conjunct of "empêcher"; a finite verb goes with "tente"
    source = ("Le maire tente d'empêcher la ville de devenir un chantier permanent et a demandé à l'État d'aider les "
              "commerçants du centre.")
    expected = ("Le maire tente d'empêcher la ville de devenir un chantier permanent. Il a demandé à l'État d'aider "
                "les commerçants du centre.")
    assert wordings(nlp, syntax.coordination, source) == [expected]
    assert not faults(grammar, source, expected)


def test_a_named_source_is_named_again(nlp, grammar):
    source = ("La société a fermé son usine de Roubaix en mars et a licencié 240 salariés, a rapporté Le "
              "Courrier du Nord lundi.")
    found = wordings(nlp, syntax.coordination, source)
    assert found[-1] == ("La société a fermé son usine de Roubaix en mars, a rapporté Le Courrier du Nord lundi. "
                         "Elle a licencié 240 salariés, selon Le Courrier du Nord.")
    assert not faults(grammar, source, found[-1])


def test_the_attribution_is_read_apart_from_the_clause(nlp):
    doc = nlp("La police a bouclé le quartier et a évacué trois immeubles, ont indiqué les pompiers.")
    said = syntax.attribution(doc, quoted_tokens(doc))
    assert said is not None and said.root.text == "bouclé" and said.credit == ("selon", "eux")
    doc = nlp("La police a bouclé le quartier et a évacué trois immeubles.")
    assert syntax.attribution(doc, quoted_tokens(doc)) is None


def test_a_relative_after_a_noun_complement_follows_the_agreement(nlp, grammar):
    source = ("Des heurts ont éclaté sur le parcours de la manifestation, qui est arrivée vers 16 heures place "
              "Bellecour.")
    found = wordings(nlp, syntax.relative, source)
    assert found == ["Des heurts ont éclaté sur le parcours de la manifestation. La manifestation est arrivée "
                     "vers 16 heures place Bellecour."]
    assert not faults(grammar, source, found[0])


def test_the_noun_said_again_keeps_its_bare_complement(nlp):
    found = wordings(nlp, syntax.relative, "Le maire a reçu samedi des pères de famille, qui réclamaient un "
                                           "logement depuis deux ans.")
    assert found == ["Le maire a reçu samedi des pères de famille. Ces pères de famille réclamaient un logement "
                     "depuis deux ans."]  # the plural verb says which noun: "pères", not "famille"
    # one man and one family: "réclamait" fits either, so it is not split
    assert wordings(nlp, syntax.relative, "Le maire a reçu samedi un père de famille, qui réclamait un logement "
                                          "depuis deux ans.") == []


def test_a_relative_between_subject_and_verb_is_the_subjects(nlp, grammar):
    source = "Le porte-parole du ministère, qui a refusé de commenter l'enquête, a annoncé un plan de recrutement."
    found = wordings(nlp, syntax.relative, source)
    assert found == ["Le porte-parole du ministère a annoncé un plan de recrutement. Il a refusé de commenter "
                     "l'enquête."]
    assert not faults(grammar, source, found[0])


def test_a_participle_after_a_passe_compose_and_an_epicene_subject(nlp, grammar):
    source = ("La maire a inauguré la nouvelle piscine municipale dimanche, promettant un second bassin avant la "
              "fin de l'année.")
    found = wordings(nlp, syntax.participle, source)
    assert found == ["La maire a inauguré la nouvelle piscine municipale dimanche. Elle a promis un second bassin "
                     "avant la fin de l'année."]
    doc = nlp(source)
    plan = next(syntax.participle(doc, quoted_tokens(doc)))
    assert plan.aliases == (("promis", "promettant"),)  # the gate reads the new form as the source's word
    assert not faults(grammar, source, found[0], plan.aliases)


def test_a_participle_after_an_attribution_is_the_speakers(nlp, grammar):
    source = ('"Nous attendons des mesures concrètes", a déclaré un syndicaliste, ajoutant que la grève '
              "continuerait jusqu'à lundi.")
    found = wordings(nlp, syntax.participle, source)
    assert found == ['"Nous attendons des mesures concrètes", a déclaré un syndicaliste. Il a ajouté que la grève '
                     "continuerait jusqu'à lundi."]
    assert not faults(grammar, source, found[0], (("ajouté", "ajoutant"),))


def test_a_participle_of_a_verb_with_etre_is_left_alone(nlp):
    assert wordings(nlp, syntax.participle, "Le cortège a quitté la place vers midi, partant ensuite vers la "
                                            "gare centrale.") == []


def test_mais_with_a_shared_subject_keeps_the_contrast(nlp, grammar):
    source = "Le maire a promis de réagir rapidement, mais n'a pas annoncé de date pour la réunion."
    found = wordings(nlp, syntax.coordination, source)
    assert found == ["Le maire a promis de réagir rapidement. Mais il n'a pas annoncé de date pour la réunion."]
    assert not faults(grammar, source, found[0])


def test_the_pronoun_agrees_with_the_verb_it_opens(nlp):
    # the second verb is the relative clause's (a singular man), not the plural subject's
    found = wordings(nlp, syntax.coordination, "Deux ans de prison ont été requis contre Paul Durand, qui était "
                                               "jugé pour fraude mais a toujours nié les faits.")
    assert not any("ils a" in text.lower() for text in found)


def test_a_bare_title_after_the_name(nlp, grammar):
    source = ('"Nous resterons mobilisés", a indiqué Karim Benali, secrétaire général du syndicat des cheminots, '
              "basé à Lille.")
    found = wordings(nlp, syntax.apposition, source)
    assert found == ['"Nous resterons mobilisés", a indiqué Karim Benali. Karim Benali est secrétaire général du '
                     "syndicat des cheminots, basé à Lille."]


def test_a_description_before_the_name(nlp, grammar):
    source = ("Lors du conseil municipal, une élue de l'opposition, Claire Dumas, a demandé la démission du "
              "maire.")
    found = wordings(nlp, syntax.apposition, source)
    assert found == ["Lors du conseil municipal, Claire Dumas a demandé la démission du maire. Claire Dumas est une "
                     "élue de l'opposition."]
    assert not faults(grammar, source, found[0])


def test_a_half_that_closes_on_a_quotation_gets_its_stop(nlp):
    doc = nlp('Il était jugé pour "fraude fiscale" et il a fait appel.')
    end = next(t.i for t in doc if t.text == "et")
    assert render(doc, Plan((tuple(range(end)), tuple(range(end + 1, len(doc) - 1))), ())) == (
        'Il était jugé pour "fraude fiscale". Il a fait appel.')


def test_a_faithful_split_of_a_long_sentence_is_chosen_first(nlp):
    sentence = ("Le conseil régional a voté jeudi une aide exceptionnelle de deux millions d'euros pour les "
                "agriculteurs sinistrés et a demandé à l'État de reconnaître l'état de catastrophe naturelle, a "
                "indiqué son président.")
    backend = FakeBackend()
    backend.can_score = False
    found = Paraphraser(nlp, backend).wordings(sentence)
    assert found and "split" in found[0].kinds
    assert found[0].text.count(".") == 2


def test_an_inverted_attribution_is_no_second_verb(nlp):
    # the parse may make ", ont constaté des journalistes" a verb coordinated with the first: never "Ils ont
    # constaté", which would make the subject of the first clause the witnesses
    sentence = ('Des heurts ont eu lieu dans une rue commerçante entre des "gilets jaunes" et les CRS ayant tiré au '
                "LBD, ont constaté des journalistes de l'AFP.")
    assert not any(". Ils" in text or "Ils," in text for text in wordings(nlp, syntax.coordination, sentence))


def test_a_split_with_an_attribution_passes_the_meaning_check(nlp, check):
    source = ("Le parquet a ouvert une enquête pour violences et a saisi la brigade de répression, a indiqué "
              "une porte-parole.")
    found = wordings(nlp, syntax.coordination, source)
    assert check.compare(source, found[0]).ok


def test_a_second_participle_gets_the_first_verbs_auxiliary(nlp, grammar):
    source = "La police a interpellé trois manifestants samedi soir et saisi plusieurs barres de fer dans leur voiture."
    found = wordings(nlp, syntax.coordination, source)
    assert found == ["La police a interpellé trois manifestants samedi soir. Elle a saisi plusieurs barres de fer "
                     "dans leur voiture."]
    assert not faults(grammar, source, found[0])
    # a negation would have to be said again too: not split
    assert wordings(nlp, syntax.coordination, "Le parquet n'a pas ouvert d'enquête et classé la plainte sans "
                                              "suite.") == []


@pytest.mark.parametrize(("source", "expected"), [
    ("Le parquet a ouvert une enquête, qui a été confiée à la brigade criminelle de la ville.",
     "Le parquet a ouvert une enquête. Cette enquête a été confiée à la brigade criminelle de la ville."),
    ("Le parquet a ouvert l'enquête, qui a été confiée à la brigade criminelle de la ville.",
     "Le parquet a ouvert l'enquête. L'enquête a été confiée à la brigade criminelle de la ville."),
])
def test_the_noun_said_again_keeps_a_definite_article_and_elides_it(nlp, grammar, source, expected):
    found = wordings(nlp, syntax.relative, source)
    assert found == [expected]
    assert not faults(grammar, source, found[0])


@pytest.mark.parametrize(("source", "expected"), [
    ("« Nous ne céderons pas sur l'essentiel », a déclaré jeudi la ministre, interrogée sur la réforme.",
     "La ministre, interrogée sur la réforme, a déclaré jeudi : « Nous ne céderons pas sur l'essentiel »."),
    ('"Il est temps que les militants des débuts fassent entendre leur voix", insiste l\'éditorialiste.',
     'L\'éditorialiste insiste : "Il est temps que les militants des débuts fassent entendre leur voix".'),
    ('"On attendrait des vrais militants qu\'ils condamnent fermement ce poison", espère-t-il.',
     'Il espère : "On attendrait des vrais militants qu\'ils condamnent fermement ce poison".'),
    ("« Le ménage, voilà le moyen de stopper la spirale », recommande Alexandra Schwartzbord dans Libération, en "
     "notant que le mouvement est divisé.",
     "Alexandra Schwartzbord recommande dans Libération : « Le ménage, voilà le moyen de stopper la spirale », en "
     "notant que le mouvement est divisé."),
    ('"Je devais aller à Bruxelles, mais je suis venue à Chambord", a-t-elle déclaré.',
     'Elle a déclaré : "Je devais aller à Bruxelles, mais je suis venue à Chambord".'),
    ('"Il faut partir", ont déclaré trois des manifestants.', 'Trois des manifestants ont déclaré : "Il faut partir".'),
    ('"Le mouvement n\'est pas gangrené, mais c\'est difficile", souligne le mari, Jean-Louis Bertocci.',
     'Le mari, Jean-Louis Bertocci, souligne : "Le mouvement n\'est pas gangrené, mais c\'est difficile".'),
])
def test_the_speaker_comes_before_the_quotation(nlp, grammar, source, expected):
    assert wordings(nlp, syntax.speaker_first, source) == [expected]
    assert not faults(grammar, source, expected)


def test_a_speakers_complement_the_parse_hangs_on_the_verb_stays_with_the_speaker(nlp):
    # "a ajouté cette mère de deux enfants": the parse hangs "de deux enfants" on the verb; moved, the speaker
    # would lose it ("Cette mère a ajouté de deux enfants : …")
    for source in ('"On vient tous les samedis", a ajouté cette mère de deux enfants.',
                   "La police a évacué la place, a ajouté cette mère de deux enfants."):
        assert not any("a ajouté de" in w for rule in (syntax.speaker_first, syntax.said_that)
                       for w in wordings(nlp, rule, source)), source


def test_a_quotation_without_its_speaker_after_it_stays(nlp):
    assert wordings(nlp, syntax.speaker_first, "« Nous ne céderons pas », dit-on, mais la réforme passera.") == []
    assert wordings(nlp, syntax.speaker_first, "La ministre a déclaré : « Nous ne céderons pas ».") == []


@pytest.mark.parametrize(("source", "expected"), [
    ("Le parquet a ouvert une enquête pour violences, a indiqué une porte-parole.",
     "Une porte-parole a indiqué que le parquet a ouvert une enquête pour violences."),
    ('Le mouvement fait face à une "lente décrue", a estimé Jean-Christophe Ploquin dans La Croix.',
     'Jean-Christophe Ploquin a estimé dans La Croix que le mouvement fait face à une "lente décrue".'),
    ("Le gouvernement tente d'empêcher le pays de devenir un champ de bataille, ont indiqué cinq des sources.",
     "Cinq des sources ont indiqué que le gouvernement tente d'empêcher le pays de devenir un champ de bataille."),
])
def test_a_closing_attribution_becomes_the_main_clause(nlp, grammar, source, expected):
    assert wordings(nlp, syntax.said_that, source) == [expected]
    assert not faults(grammar, source, expected)


def test_speech_in_the_first_person_is_not_made_indirect(nlp):
    assert wordings(nlp, syntax.said_that, "Nous avons ouvert une enquête, a indiqué une porte-parole.") == []
    assert wordings(nlp, syntax.said_that, "Le parquet a ouvert une enquête, a déploré une porte-parole.") == []


def test_two_clauses_joined_by_a_colon_make_two_sentences(nlp, grammar):
    source = ("La police a interpellé dix personnes samedi à Lyon : les manifestants avaient incendié des voitures "
              "près de la gare.")
    found = wordings(nlp, syntax.colon, source)
    assert found == ["La police a interpellé dix personnes samedi à Lyon. Les manifestants avaient incendié des "
                     "voitures près de la gare."]
    assert not faults(grammar, source, found[0])


@pytest.mark.parametrize(("source", "expected"), [
    # the source named before the colon, or after the clause that closes the sentence, credits both halves
    ("La mobilisation diminue chaque samedi, selon les chiffres du ministère : le 19 janvier, le nombre de "
     "manifestants atteignait 84.000.",
     "La mobilisation diminue chaque samedi, selon les chiffres du ministère. Le 19 janvier, le nombre de "
     "manifestants atteignait 84.000, selon les chiffres du ministère."),
    ("Les organisateurs ont gagné leur pari samedi : aucun incident n'est venu perturber le rassemblement, a "
     "constaté un journaliste de l'AFP.",
     "Les organisateurs ont gagné leur pari samedi, a constaté un journaliste de l'AFP. Aucun incident n'est "
     "venu perturber le rassemblement, selon lui."),
])
def test_a_colon_split_keeps_the_source_on_both_halves(nlp, grammar, source, expected):
    assert wordings(nlp, syntax.colon, source) == [expected]
    assert not faults(grammar, source, expected)


def test_the_meaning_check_reads_a_selon_before_a_colon_as_the_source_of_both_clauses(check):
    source = ("La mobilisation diminue chaque samedi, selon les chiffres du ministère : le 19 janvier, le nombre de "
              "manifestants atteignait 84.000.")
    credited = ("La mobilisation diminue chaque samedi, selon les chiffres du ministère. Le 19 janvier, le nombre de "
                "manifestants atteignait 84.000, selon les chiffres du ministère.")
    uncredited = ("La mobilisation diminue chaque samedi, selon les chiffres du ministère. Le 19 janvier, le nombre "
                  "de manifestants atteignait 84.000.")
    assert check.compare(source, credited).ok
    assert not check.compare(source, uncredited).ok  # the figures would become the article's own


def test_the_meaning_check_reads_a_closing_attribution_after_a_colon_as_the_source_of_both_clauses(check):
    """"P : Q, a constaté X" reads as X saying P and Q (the colon's halves read apart, the attribution on both),
    as the colon rule writes it; "constater" reports like "déclarer"."""
    source = ("Les organisateurs ont gagné leur pari samedi : aucun incident n'est venu perturber le rassemblement "
              "et les pelouses avaient retrouvé leur propreté, a constaté un journaliste de l'AFP.")
    credited = ("Les organisateurs ont gagné leur pari samedi, a constaté un journaliste de l'AFP. Aucun incident "
                "n'est venu perturber le rassemblement et les pelouses avaient retrouvé leur propreté, selon lui.")
    assert check.compare(source, credited).ok
    assert not check.compare(source, "Les organisateurs ont gagné leur pari samedi. Aucun incident n'est venu "
                                     "perturber le rassemblement et les pelouses avaient retrouvé leur propreté, "
                                     "selon lui.").ok  # the journalist's observation made the article's own


@pytest.mark.parametrize("sentence", [
    # what follows the colon is what was said or believed
    "Le ministre a déclaré : les manifestants avaient incendié des voitures près de la gare.",
    "Or il en est convaincu : la haine n'est le fait que d'une petite minorité de manifestants.",
    # a list, not a clause
    "Le bilan est lourd : trois morts et douze blessés dans la nuit de samedi.",
])
def test_a_colon_that_reports_or_lists_is_not_cut(nlp, sentence):
    assert wordings(nlp, syntax.colon, sentence) == []


def test_a_closing_gerund_of_saying_becomes_the_speakers_sentence(nlp, grammar):
    source = ('La violence est "au coeur" du mouvement, a estimé lundi l\'écrivain Bernard-Henri Lévy en dénonçant '
              'trop de "mais" dans les condamnations des insultes.')
    found = wordings(nlp, syntax.participle, source)
    # the name said again, and the pronoun
    assert found == ['La violence est "au coeur" du mouvement, a estimé lundi l\'écrivain Bernard-Henri Lévy. '
                     'Bernard-Henri Lévy a dénoncé trop de "mais" dans les condamnations des insultes.',
                     'La violence est "au coeur" du mouvement, a estimé lundi l\'écrivain Bernard-Henri Lévy. Il a '
                     'dénoncé trop de "mais" dans les condamnations des insultes.']
    for text in found:
        assert not faults(grammar, source, text, aliases=(("dénoncé", "dénonçant"),))


def test_a_closing_gerund_follows_the_verb_of_saying_whatever_the_parse(nlp, check):
    """The parse hangs the gerund on the root the verb of saying "considérer" (not a verb the rule knows
    otherwise) is: the speaker denounces, not "la violence et l'antisémitisme" ("Ils ont dénoncé…"), in the
    source's reading as in the split's."""
    source = ('La violence et l\'antisémitisme sont "au coeur" du mouvement des "gilets jaunes", a considéré lundi '
              'l\'écrivain Bernard-Henri Lévy en dénonçant trop de "mais" dans les condamnations des injures '
              "antisémites contre le philosophe Alain Finkielkraut.")
    found = wordings(nlp, syntax.participle, source)
    assert [text.split(". ")[1].split(" a dénoncé")[0] for text in found] == ["Bernard-Henri Lévy", "Il"]
    assert check.compare(source, found[0]).ok


def test_the_object_of_a_verb_of_saying_is_not_its_speaker(nlp):
    # "a annoncé la fermeture…, en précisant": the mayor specified, not the closure ("Elle a précisé")
    source = ("Le maire a annoncé la fermeture de trois écoles de la commune lundi, en précisant que les élèves "
              "seraient accueillis ailleurs.")
    assert wordings(nlp, syntax.participle, source) == [
        "Le maire a annoncé la fermeture de trois écoles de la commune lundi. Il a précisé que les élèves seraient "
        "accueillis ailleurs."]


def test_a_gerund_of_manner_stays(nlp):
    # "en trichant" says how he won: two sentences would lose it
    assert wordings(nlp, syntax.participle, "Le coureur a gagné la course de dimanche en trichant sur le parcours "
                                            "officiel du marathon.") == []


@pytest.mark.parametrize(("source", "expected"), [
    ("Jean Dupont, maire de la commune depuis 2008, n'a pas souhaité commenter la décision du tribunal.",
     "Jean Dupont n'a pas souhaité commenter la décision du tribunal. Jean Dupont est maire de la commune depuis "
     "2008."),
    # a fronted complement stays in front; a quoted term inside the description stays whole
    ('Pour protester contre toute instrumentalisation, Maxime Nicolle, l\'une des figures historiques des "gilets '
     'jaunes", s\'est déplacé vendredi à la frontière italienne.',
     "Pour protester contre toute instrumentalisation, Maxime Nicolle s'est déplacé vendredi à la frontière "
     'italienne. Maxime Nicolle est l\'une des figures historiques des "gilets jaunes".'),
])
def test_a_subjects_description_becomes_a_sentence(nlp, grammar, source, expected):
    assert expected in wordings(nlp, syntax.apposition, source)
    assert not faults(grammar, source, expected)


def test_a_description_between_commas_inside_the_sentence(nlp, check, grammar):
    source = "Le maire a remis une médaille à Paul Martin, journaliste et écrivain, lors d'une cérémonie à Lyon."
    expected = ("Le maire a remis une médaille à Paul Martin lors d'une cérémonie à Lyon. Paul Martin est journaliste "
                "et écrivain.")
    assert expected in wordings(nlp, syntax.apposition, source)
    assert not faults(grammar, source, expected)
    assert check.compare(source, expected).ok
    # where the comma held a complement apart from the name, the meaning check sees it hang elsewhere
    source = ("Le parquet a ouvert une enquête sur les injures adressées samedi à Paul Martin, journaliste et "
              "écrivain, en marge d'une manifestation devant la mairie.")
    found = [t for t in wordings(nlp, syntax.apposition, source) if " est " in t]
    assert found and not check.compare(source, found[0]).ok
    # a list of people is no description: "Paul Martin est le maire et le préfet" would be false
    assert not any(" est " in text for text in wordings(
        nlp, syntax.apposition, "Le ministre a reçu Paul Martin, le maire et le préfet, à la mairie de Lyon."))


def test_a_relative_clause_is_no_description(nlp):
    source = "Marie Durand, qui dirige l'usine depuis dix ans, a refusé de commenter la décision du tribunal."
    assert wordings(nlp, syntax.apposition, source) == []


def test_a_named_subjects_relative_clause_says_the_name_again(nlp, check, grammar):
    source = "Marie Durand, qui dirige l'usine depuis dix ans, a refusé de commenter la décision du tribunal."
    found = wordings(nlp, syntax.relative, source)
    # no pronoun: the name does not tell "il" from "elle"
    assert found == ["Marie Durand a refusé de commenter la décision du tribunal. Marie Durand dirige l'usine "
                     "depuis dix ans."]
    assert not faults(grammar, source, found[0])
    assert check.compare(source, found[0]).ok


@pytest.mark.parametrize(("source", "expected"), [
    ("En juin 2005, le ministre s'était rendu à Montfermeil (Seine-Saint-Denis) où un adolescent avait été tué "
     "par des balles perdues.",
     "En juin 2005, le ministre s'était rendu à Montfermeil (Seine-Saint-Denis). Un adolescent y avait été tué "
     "par des balles perdues."),
    ("Le maire s'est rendu dans une ville où les manifestations ont eu lieu dans le calme.",
     "Le maire s'est rendu dans une ville. Les manifestations y ont eu lieu dans le calme."),
])
def test_a_closing_clause_in_ou_after_a_place_says_y(nlp, check, grammar, source, expected):
    found = wordings(nlp, syntax.where, source)
    assert found == [expected]
    assert not faults(grammar, source, expected)
    assert check.compare(source, expected, same=lambda a, b: {a, b} == {"où", "y"} or a == b).ok


@pytest.mark.parametrize("source", [
    "Il se souvient du moment où la police est arrivée dans la salle.",  # a time, not a place
    "Il a dit qu'il était allé à Lyon, où sa soeur habite depuis dix ans.",  # the place is in reported speech
    "Le cortège a rejoint la place où se trouvait la préfecture.",  # no subject before the verb
])
def test_ou_after_a_time_in_reported_speech_or_before_its_verb_stays(nlp, source):
    assert wordings(nlp, syntax.where, source) == []


def test_y_stands_for_the_place_before_it(nlp, check):
    source = "Le maire s'est rendu dans une ville où les manifestations ont eu lieu dans le calme."
    # "y" there is the town, not the calm: the claim moved to another place is refused
    other = "Le maire s'est rendu dans une ville. Les manifestations ont eu lieu dans le calme, à Paris."
    assert not check.compare(source, other).ok


@pytest.mark.parametrize(("source", "expected"), [
    ("Le ministre de l'Intérieur Christophe Castaner a dénoncé sur Twitter des attaques intolérables.",
     "Christophe Castaner, ministre de l'Intérieur, a dénoncé sur Twitter des attaques intolérables."),
    ("Le parquet a ouvert une enquête sur les injures adressées au philosophe et académicien Alain Finkielkraut "
     "samedi.",
     "Le parquet a ouvert une enquête sur les injures adressées à Alain Finkielkraut, philosophe et académicien, "
     "samedi."),
])
def test_a_title_before_a_name_follows_it(nlp, grammar, source, expected):
    assert wordings(nlp, syntax.title, source) == [expected]
    assert not faults(grammar, source, expected)


def test_a_title_read_as_the_name_it_stands_before(nlp, check):
    source = "Le ministre de l'Intérieur Christophe Castaner a dénoncé sur Twitter des attaques intolérables."
    assert check.compare(source, "Christophe Castaner, ministre de l'Intérieur, a dénoncé sur Twitter des attaques "
                                 "intolérables.").ok
    # the minister is not his spokesman
    assert not check.compare(source, "Christophe Castaner, porte-parole de l'Intérieur, a dénoncé sur Twitter des "
                                     "attaques intolérables.").ok
    # two titles of one person; after the name, a description the parse takes for a second name
    source = "Le parquet a ouvert une enquête sur les injures adressées samedi au philosophe et académicien Alain " \
             "Finkielkraut."
    assert check.compare(source, "Le parquet a ouvert une enquête sur les injures adressées samedi à Alain "
                                 "Finkielkraut, philosophe et académicien.").ok


@pytest.mark.parametrize("source", [
    "Le leader Jean-Luc Mélenchon a exprimé son admiration.",  # a bare noun reads oddly after the name
    "Le dessinateur représente l'ancien président Nicolas Sarkozy remettant un nettoyeur à un manifestant.",
    "Que retient-on si ce n'est l'agression dont a été l'objet Alain Finkielkraut ?",
])
def test_a_title_that_would_read_oddly_after_the_name_stays(nlp, source):
    assert wordings(nlp, syntax.title, source) == []


@pytest.mark.parametrize(("source", "expected"), [
    ("Des mesures exceptionnelles de sécurité ont été mises en place et le centre opérationnel départemental (COD) "
     "a été activé par la préfète dès 09h30.",
     "Des mesures exceptionnelles de sécurité ont été mises en place. Le centre opérationnel départemental (COD) a "
     "été activé par la préfète dès 09h30."),
    ("Les 5.500 hectares du parc rendent la sécurisation impossible mais gendarmes et manifestants semblent s'être "
     "entendus sur l'interdiction de l'accès au château.",
     "Les 5.500 hectares du parc rendent la sécurisation impossible. Mais gendarmes et manifestants semblent s'être "
     "entendus sur l'interdiction de l'accès au château."),
    ("Les écoles de la vallée ont été fermées par précaution, les habitants des quartiers bas ont été évacués vers "
     "le gymnase municipal.",
     "Les écoles de la vallée ont été fermées par précaution. Les habitants des quartiers bas ont été évacués vers "
     "le gymnase municipal."),
])
def test_two_main_clauses_joined_by_et_mais_or_a_comma_make_two_sentences(nlp, check, grammar, source, expected):
    assert wordings(nlp, syntax.clauses, source) == [expected]
    assert not faults(grammar, source, expected)
    assert check.compare(source, expected).ok


@pytest.mark.parametrize("source", [
    "Il a dit que les prix augmentent et les salaires baissent.",  # the second clause is what he said
    "Il a vu les manifestants et les policiers qui chargeaient.",  # two objects, one relative clause
    "Les prix ont augmenté de 5 % et les salaires de 2 %.",  # no verb of its own
    "La police a interpellé trois manifestants et le parquet a ouvert une enquête, a indiqué la préfecture.",
    "Il y a deux ans, la commune a fermé sa dernière école.",  # a time, no clause
    "« Nous resterons mobilisés », les syndicats l'ont répété devant la mairie.",  # the quotation is the object
    "Dimanche, les manifestants ont défilé dans le calme.",  # a fronted complement
])
def test_et_or_a_comma_inside_a_clause_or_under_an_attribution_is_not_cut(nlp, source):
    assert wordings(nlp, syntax.clauses, source) == []


@pytest.mark.parametrize(("source", "expected"), [
    # a relative clause the parse takes for the main one: read from the commas
    ("Un porte-parole du ministère de la Santé, qui a refusé de commenter la visite du ministre à Lyon, a "
     "annoncé que le plan serait présenté en mars.",
     "Un porte-parole du ministère de la Santé a annoncé que le plan serait présenté en mars. Ce porte-parole a "
     "refusé de commenter la visite du ministre à Lyon."),
    # a description of a common noun: said again after its article
    ("Le suspect, un vendeur de voitures de 42 ans, est l'homme le plus visible sur les images de la "
     "bagarre à Nantes.",
     "Le suspect est l'homme le plus visible sur les images de la bagarre à Nantes. Le suspect est un vendeur "
     "de voitures de 42 ans."),
    # the same with the participle that fits the chief
    ("Le chef de la police municipale, qui a été critiqué par les habitants, a promis une enquête sur la nuit.",
     "Le chef de la police municipale a promis une enquête sur la nuit. Le chef a été critiqué par les habitants."),
    # a past participle that agrees with the subject
    ("Le maire de Rennes, mis en cause pour sa gestion du chantier, a défendu lundi son projet devant le conseil.",
     "Le maire de Rennes a défendu lundi son projet devant le conseil. Le maire a été mis en cause pour sa "
     "gestion du chantier."),
    # a plural subject: "sont"
    ("Les enquêteurs, des policiers de la brigade criminelle de Lyon, ont interrogé le suspect pendant six heures.",
     "Les enquêteurs ont interrogé le suspect pendant six heures. Les enquêteurs sont des policiers de la brigade "
     "criminelle de Lyon."),
    # "dont": the noun it completes gets the subject as its complement
    ("Le maire de Lille Paul Martin, dont la proposition de budget a été rejetée par le conseil municipal, a "
     "convoqué une réunion pour jeudi.",
     "Le maire de Lille Paul Martin a convoqué une réunion pour jeudi. La proposition de budget de Paul Martin a "
     "été rejetée par le conseil municipal."),
])
def test_an_aside_between_subject_and_verb_becomes_a_sentence(nlp, grammar, source, expected):
    assert wordings(nlp, syntax.aside, source) == [expected]
    assert not faults(grammar, source, expected)


@pytest.mark.parametrize("source", [
    "Samedi, un vendeur de voitures de 42 ans, a été interpellé à Nantes après la bagarre.",  # a date opens it
    "Le maire et la préfète, une ancienne magistrate de Rennes, ont visité le chantier du nouveau pont.",  # whose?
    "Le maire, le préfet, et le procureur ont visité le chantier du nouveau pont samedi matin.",  # a list
    # the participle says the clause is about the police, not its chief (the parse makes "chef" the root)
    "Le chef de la police municipale, qui a été critiquée par les habitants, a promis une enquête sur la nuit.",
    # nor does this participle, which is not the mayor's ("mise": the tagger's noun, or a participle that disagrees)
    "Le maire de Rennes, mise en cause pour sa gestion du chantier, a défendu lundi son projet.",
    "La présidente de la région, mis en cause pour sa gestion du chantier, a défendu lundi son projet.",
    # a verb without a direct object has no passive: not "ont été venus"
    "Les manifestants, venus de toute la région, ont défilé samedi dans le centre de Rennes.",
    "Les enquêteurs, qui ont saisi trois ordinateurs, a annoncé le parquet de Nantes dans la soirée.",  # no verb
])
def test_an_aside_is_left_where_the_subject_or_its_verb_is_unclear(nlp, source):
    assert wordings(nlp, syntax.aside, source) == []


def test_a_counted_speaker_is_credited_again(nlp):
    doc = nlp("Le gouvernement a fermé la frontière et a rappelé son ambassadeur, ont indiqué cinq des sources.")
    said = syntax.attribution(doc, quoted_tokens(doc))
    assert said is not None and said.credit == ("selon", "elles")


def test_who_says_an_infinitive_is_its_subject(check):
    # "a dit ne pas avoir été conviée": the party says it was not invited, the claim is the party's
    reading = check.reading("La France Insoumise a dit ne pas avoir été conviée officiellement.")
    assert [(c.predicate, c.role, c.argument, c.speaker) for c in reading.claims] == [
        ("convier", "objet", "France Insoumise", "France Insoumise")]


def test_an_indefinite_source_credits_the_second_half_with_a_demonstrative(nlp, check):
    """"…, selon une source policière." credits both halves, the second as "selon cette source" (a second "une
    source" would read as another source), also where the parse takes the copula's noun for the subject's
    conjunct ("Le suspect, un vendeur…, est l'homme…")."""
    source = ("Le suspect, un vendeur de téléphones de 36 ans de la région alsacienne, est l'homme le plus visible "
              "sur les vidéos de l'altercation à Paris diffusées samedi, selon une source policière.")
    doc = Paraphraser(nlp).parse(source)
    split = [render(doc, plan) for plan in syntax.aside(doc, quoted_tokens(doc))]
    assert split == ["Le suspect est l'homme le plus visible sur les vidéos de l'altercation à Paris diffusées "
                     "samedi, selon une source policière. Le suspect est un vendeur de téléphones de 36 ans de la "
                     "région alsacienne, selon cette source."]
    assert check.compare(source, split[0]).ok
    # a definite source is named again as it is
    assert wordings(nlp, syntax.aside, "Le maire, qui a été réélu en mars, a inauguré le parc, selon la "
                                       "préfecture.") == [
        "Le maire a inauguré le parc, selon la préfecture. Le maire a été réélu en mars, selon la préfecture."]


def test_a_closing_restrictive_relative_after_a_singular_noun_becomes_a_sentence(nlp):
    assert wordings(nlp, syntax.relative, "Les secouristes ont retrouvé dimanche une randonneuse qui était portée "
                                          "disparue depuis trois jours.") == [
        "Les secouristes ont retrouvé dimanche une randonneuse. Cette randonneuse était portée disparue depuis trois "
        "jours."]
    # plural: "the demonstrators who had blocked the motorway" may be some of them; in reported speech the noun
    # is the speaker's; a relative between subject and verb defines the subject
    for sentence in ("Les gendarmes ont interpellé les manifestants qui avaient bloqué l'autoroute.",
                     "Il a dit que la police avait retrouvé une randonneuse qui était portée disparue depuis trois "
                     "jours.",
                     "La randonneuse qui était portée disparue a été retrouvée dimanche par les secouristes."):
        assert wordings(nlp, syntax.relative, sentence) == [], sentence


def test_a_closing_clause_of_simultaneity_or_concession_opens_a_sentence_on_an_adverb(nlp):
    assert wordings(nlp, syntax.linked, "Les policiers ont dispersé le cortège vers 17 heures, alors que des "
                                        "manifestants lançaient des projectiles sur les forces de l'ordre.") == [
        "Les policiers ont dispersé le cortège vers 17 heures. Dans le même temps, des manifestants lançaient des "
        "projectiles sur les forces de l'ordre."]
    assert wordings(nlp, syntax.linked, "Les élèves sont restés en classe tandis que les parents attendaient devant "
                                        "l'école et que les policiers bouclaient le quartier.") == [
        "Les élèves sont restés en classe. Dans le même temps, les parents attendaient devant l'école et les "
        "policiers bouclaient le quartier."]
    assert wordings(nlp, syntax.linked, "Le maire a maintenu la fête, même si la préfecture avait demandé son "
                                        "report, selon Le Parisien.") == [
        "Le maire a maintenu la fête, selon Le Parisien. Toutefois, la préfecture avait demandé son report, selon "
        "Le Parisien."]
    # "alors que" before a past tense may be a contrast or a cause; a clause in reported speech keeps its speaker
    for sentence in ("Le maire a maintenu la fête, alors que la préfecture a demandé son report.",
                     "Il a dit que la police était intervenue tandis que les manifestants se dispersaient dans le "
                     "calme."):
        assert wordings(nlp, syntax.linked, sentence) == [], sentence
