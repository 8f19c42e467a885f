"""analyse: paragraphs, sentences, entities, numbers, quotations, keyphrases (real spaCy)."""

from __future__ import annotations

from localrewrite.analyse import whole_sentences
from localrewrite.ingest import Source, parse_text
from tests.articles import LYON, ONE_BLOCK


def test_fact_sheet_of_an_article(analyser):
    analysis = analyser(parse_text(LYON))
    facts = analysis.facts
    assert len(analysis.paragraphs) == 5
    assert {"12", "45", "800", "4", "2027", "67"} <= set(facts.numbers)
    assert "un lieu de respiration pour toute la ville" in facts.quotes
    names = {e.text for e in facts.entities}
    assert {"Lyon", "Rhône"} <= names
    assert analysis.keyphrases[0] == "Lyon"


def test_text_without_breaks_is_resegmented(analyser):
    analysis = analyser(Source(title="Écoles", paragraphs=(ONE_BLOCK,)))
    assert len(analysis.paragraphs) >= 2
    assert all(len(p.text.split()) <= 120 for p in analysis.paragraphs)
    assert sum(len(p.sentences) for p in analysis.paragraphs) >= 15


def test_typographic_apostrophe_is_not_a_person(analyser):
    entities = analyser.entities("Il n’a pas quitté l’aéroport de Bagdad, a dit Esmail Qaani.")
    assert [e.text for e in entities if e.label == "PER"] == ["Esmail Qaani"]


def test_a_quotation_is_never_cut_in_two():
    parts = ["« Il n'y a pas de mais.", "Nous le disons », a-t-il dit.", "Fin."]
    assert whole_sentences(parts) == ["« Il n'y a pas de mais. Nous le disons », a-t-il dit.", "Fin."]


def test_noun_phrases_for_headings(analyser):
    analysis = analyser(parse_text(LYON))
    phrases = [p for para in analysis.paragraphs for p in para.phrases]
    assert "La mairie de Lyon" in phrases and all(len(p.split()) <= 8 for p in phrases)


def test_a_noun_phrase_may_end_before_its_clause_never_inside_a_complement(analyser):
    paragraphs = (
        "Le parquet a ouvert une enquête sur les injures antisémites adressées samedi au philosophe.",
        "Le chauffeur routier de 34 ans, qui conteste les faits, sera jugé en mars.",
        "Un haut commandant d'un des groupes armés a confirmé la rencontre.",
        "Les mêmes scènes qui avaient choqué se sont répétées samedi.",
    )
    phrases = [p for paragraph in analyser(Source(title="Essai", paragraphs=paragraphs)).paragraphs
               for p in paragraph.phrases]
    assert {"une enquête sur les injures antisémites", "Le chauffeur routier de 34 ans"} <= set(phrases)
    assert not {"Un haut commandant", "Les mêmes scènes"} & set(phrases)
    both = ("La ministre de la Culture a ouvert une enquête sur les injures antisémites adressées au philosophe.",)
    ranked = analyser(Source(title="Essai", paragraphs=both)).paragraphs[0].phrases
    assert ranked.index("La ministre de la Culture") < ranked.index("une enquête sur les injures antisémites")


def test_no_heading_from_words_that_belong_to_two_phrases(analyser):
    paragraphs = (
        "\"Il faut comprendre qu'on fait aussi de la politique\", affirme à l'AFP Serge, 73 ans.",
        "Ces propos ont été condamnés par le ministre de l'Intérieur Christophe Castaner ou encore le porte-parole "
        "du gouvernement Benjamin Griveaux.",
        "Qaani aurait averti les groupes alliés qu'une attaque contre les États-Unis risquait d'entraîner une réponse "
        "plus dure de leur part.",
        "Les États-Unis ont envahi l'Irak et renversé l'ancien dirigeant Saddam Hussein en 2003, avant de se retirer.",
    )
    phrases = [p for paragraph in analyser(Source(title="Essai", paragraphs=paragraphs)).paragraphs
               for p in paragraph.phrases]
    assert "les groupes alliés" in phrases
    assert not {"l'AFP Serge", "l'Intérieur Christophe Castaner", "une réponse plus dure de leur part",
                "l'ancien dirigeant Saddam Hussein en 2003"} & set(phrases)


def test_no_heading_material_from_inside_a_quotation(analyser):
    text = ("Aux cris de « Castaner aux fers, Macron en prison », la majorité des manifestants ont convergé "
            "vers la place de Jaude dans le centre de Clermont-Ferrand.")
    source = LYON.replace("Les premiers visiteurs", f"{text}\n\nLes premiers visiteurs")
    phrases = [p for par in analyser(parse_text(source)).paragraphs if "Jaude" in par.text for p in par.phrases]
    assert phrases and not any("prison" in p for p in phrases)


def test_key_points_drop_asides_and_keep_attributions(analyser):
    paragraphs = (
        "Une personne a été blessée au pied, selon la préfecture, qui ignorait à ce stade la gravité du choc.",
        "Washington s'est montré peu disposé à négocier un changement, craignant que cela n'enhardisse l'Iran.",
        "Des armes ont été saisies près du palais de justice, qui était fermé au public, ajoute-t-on de même source.",
        "Derrière ces coups, des militants des deux extrêmes, qui profitent du mouvement pour passer leurs idées.",
        "Le maire a inauguré le parc, qui a coûté cher.",
    )
    points = analyser(Source(title="Essai", paragraphs=paragraphs)).points
    assert points[paragraphs[0]] == "Une personne a été blessée au pied, selon la préfecture."
    assert points[paragraphs[1]] == "Washington s'est montré peu disposé à négocier un changement."
    assert points[paragraphs[2]] == "Des armes ont été saisies près du palais de justice, ajoute-t-on de même source."
    assert paragraphs[3] not in points  # no main verb outside the relative clause
    assert paragraphs[4] not in points  # the aside is too short to be worth a key point


def test_no_heading_from_a_torn_noun_phrase(analyser):
    paragraphs = (
        "Le Premier ministre Mohammed Shia al-Sudani a travaillé avec toutes les parties concernées.",
        "Les forces des États-Unis et de l'Iran se font face dans la région, cité par Reuters dimanche 18 février.",
        "La réunion a eu lieu près de l'aéroport de Bagdad, en Irak fin janvier.",
        "Des injures ont été lancées à l'encontre du philosophe, boulevard du Montparnasse au philosophe.",
        "Le mouvement fait face à une « lente décrue », note Jean-Christophe Ploquin dans La Croix.",
        "Ils étaient 37% à croire la même chose un mois plus tôt.",
        "Il préfère répondre par avance aux soupçons, et le président a reçu son ministre de l'Intérieur.",
        "Un manifestant âgé d'une trentaine d'années a été blessé, au prix de sévères remous dans la majorité.",
        "Il arbore un gilet noirci au marqueur de slogans, loin du peuple présent sur les ronds-points.",
        "La tentation du complotisme et un antisionisme virulent n'épargnent pas certaines personnalités.",
        "Des incidents ont eu lieu près du palais de justice, selon la même source.",
        "Cette mère de deux enfants manifeste chaque samedi à quelques mètres de là.",
        "Des armes (boules de pétanque, batte de baseball) ont été saisies par les policiers.",
    )
    phrases = {p for paragraph in analyser(Source(title="Essai", paragraphs=paragraphs)).paragraphs
               for p in paragraph.phrases}
    torn = {"Le Premier ministre Mohammed", "États-Unis et de l'Iran", "cité par Reuters",
            "Reuters dimanche 18 février", "lieu près de l'aéroport de Bagdad", "Irak fin janvier",
            "l'encontre du philosophe", "Montparnasse au philosophe", "note Jean-Christophe Ploquin dans La Croix",
            "la même chose", "avance aux soupçons", "son ministre de l'Intérieur", "une trentaine d'années",
            "prix de sévères remous dans la majorité", "marqueur de slogans", "peuple présent sur les ronds",
            "complotisme et un antisionisme virulent", "la même source", "Cette mère de deux enfants",
            "quelques mètres de là", "boules de pétanque", "batte de baseball"}
    assert phrases and not phrases & torn


def test_key_points_drop_an_aside_after_the_subject(analyser):
    paragraphs = (
        "Jean-Luc Mélenchon, mis en cause pour sa réaction jugée trop tardive, a dénoncé lundi une accusation.",
        "La France Insoumise a signé l'appel de quatorze partis, dont La République en marche, le PS et le PCF.",
    )
    points = analyser(Source(title="Essai", paragraphs=paragraphs)).points
    assert points[paragraphs[0]] == "Jean-Luc Mélenchon a dénoncé lundi une accusation."
    assert paragraphs[1] not in points  # an item of a list is no aside


def test_key_points_drop_asides_until_short(analyser):
    paragraphs = (
        "Qaani et la Force Qods, la branche des Gardiens de la révolution iraniens qui travaille avec des groupes "
        "armés alliés du Liban au Yémen, n'ont pas immédiatement répondu aux demandes de commentaires.",
        "Des incidents ont eu lieu sur le parcours de la manifestation, qui est arrivée vers 16H30 près de la Tour "
        "Eiffel dans une ambiance tendue, et s'est terminée avant 20H00 après dispersion par les forces de l'ordre.",
        "Après l'accalmie des hostilités qui a suivi, le 6 février, les pourparlers ont repris avec les États-Unis "
        "sur la fin de la présence américaine en Irak, selon les sources.",
        # three words, but they make a long sentence short; the parse's second name is a description
        "Le parquet de Paris a ouvert dimanche une enquête sur les injures antisémites adressées samedi à Alain "
        "Finkielkraut, philosophe et académicien, en marge d'une manifestation de \"gilets jaunes\".",
    )
    points = analyser(Source(title="Essai", paragraphs=paragraphs)).points
    assert points[paragraphs[0]] == (
        "Qaani et la Force Qods n'ont pas immédiatement répondu aux demandes de commentaires.")
    assert points[paragraphs[1]] == "Des incidents ont eu lieu sur le parcours de la manifestation."
    assert points[paragraphs[2]] == ("Le 6 février, les pourparlers ont repris avec les États-Unis sur la fin de "
                                     "la présence américaine en Irak, selon les sources.")
    assert points[paragraphs[3]] == ("Le parquet de Paris a ouvert dimanche une enquête sur les injures antisémites "
                                     "adressées samedi à Alain Finkielkraut en marge d'une manifestation de "
                                     "\"gilets jaunes\".")


def test_key_points_keep_what_the_rest_needs(analyser):
    paragraphs = (
        # a time frame: without it, "aucune attaque" would mean never
        "Depuis le 4 février et la visite du commandant à Bagdad, il n'y a eu aucune attaque contre les forces "
        "américaines en Irak et en Syrie.",
        # a condition
        "Sans l'intervention directe du commandant et de ses conseillers, les groupes armés auraient poursuivi "
        "leurs attaques contre les bases.",
        # an aside inside a quotation
        "\"On est tous d'accord, avec une organisation plus stricte et plus claire, on aurait été plus vite\", "
        "a-t-elle expliqué.",
        # the speaker after a quotation
        "\"Il fait d'une petite minorité la majorité des manifestants du samedi\", peste ce Franco-Algérien de 41 ans.",
        # whose view it is
        "Pour Stéphane Siret, de Paris-Normandie, \"le mouvement poursuit sa mue vers une forme évidente de "
        "radicalisation\".",
        # the set a pronoun picks from
        "Parmi les manifestants ayant enfilé un gilet jaune ce samedi, l'un détonne franchement dans la foule.",
        # an item of a list
        "Reuters s'est entretenu avec trois responsables iraniens, un haut responsable de la sécurité irakienne, "
        "quatre sources au sein de groupes armés et quatre diplomates.",
    )
    points = analyser(Source(title="Essai", paragraphs=paragraphs)).points
    assert not set(paragraphs) & set(points), [points[p] for p in paragraphs if p in points]


def test_a_sentence_whose_main_clause_has_no_verb_is_marked(analyser):
    paragraphs = (
        "Une rencontre impromptue, organisée à l'insu de la tête de liste, et qui a provoqué une crise diplomatique.",
        "Coût de l'opération : 300.000 euros, selon la mairie de Clermont-Ferrand.",
        "Le parquet de Paris a ouvert une enquête pour injures publiques.",
        "La préfecture de police est fermée depuis lundi matin.",
    )
    verbless = analyser(Source(title="Essai", paragraphs=paragraphs)).verbless
    assert verbless == frozenset(paragraphs[:2])  # a key point must say who did what: not these two
