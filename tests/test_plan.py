"""plan: keyphrase, title, 4-7 sections with budgets above the target."""

from __future__ import annotations

from localrewrite.ingest import Source, parse_text
from localrewrite.plan import MAX_SECTIONS, MIN_SECTIONS, TITLE_MAX, plan
from localrewrite.restate import lowered
from tests.articles import LYON, ONE_BLOCK


def test_outline_of_an_article(analyser):
    source = parse_text(LYON)
    outline = plan(analyser(source), target_words=700)
    assert MIN_SECTIONS <= len(outline.sections) <= MAX_SECTIONS
    assert outline.intro.sentences and outline.keyphrase == "Lyon"
    assert sum(s.budget for s in (outline.intro, *outline.sections)) > 700 * 0.9
    assert len(outline.fallback_title) <= TITLE_MAX and outline.fallback_title != source.title
    headings = [s.fallback_heading.lower() for s in outline.sections]
    assert len(set(headings)) == len(headings)


def test_every_source_sentence_is_planned_once(analyser):
    analysis = analyser(Source(title="Écoles à Nantes", paragraphs=(ONE_BLOCK,)))
    outline = plan(analysis, target_words=500)
    planned = [s for section in (outline.intro, *outline.sections) for s in section.sentences]
    assert planned == [s for p in analysis.paragraphs for s in p.sentences]
    assert len(outline.sections) >= MIN_SECTIONS


def test_no_section_opens_on_a_paragraph_that_refers_to_the_one_before(analyser):
    facts = ["Le Premier ministre a reçu les chefs des partis à Bagdad.",
             "Le Parlement a voté une résolution sur le départ des troupes étrangères.",
             "Les groupes armés ont suspendu leurs attaques depuis le 4 février.",
             "Washington a salué une accalmie dans la région.",
             "Téhéran n'a pas répondu aux demandes de commentaires."]
    pair = ["Les États-Unis ont près de 2 500 militaires stationnés en Irak.",
            "Ils font partie d'une coalition internationale déployée en 2014."]
    for paragraphs in (facts[:3] + pair + facts[3:], pair + facts):  # in a section, after the intro
        outline = plan(analyser(Source(title="Irak", paragraphs=tuple(paragraphs))), target_words=300)
        assert all(not s.sentences[0].startswith("Ils ") for s in outline.sections)
        together = [s.sentences for s in (outline.intro, *outline.sections) if pair[1] in s.sentences]
        assert together and pair[0] in together[0]


def test_a_section_that_only_quotes_someone_is_headed_by_whose_words_they_are(analyser):
    paragraphs = ("Le conseil municipal de Lyon a voté lundi la création d'un grand parc urbain au bord du Rhône.",
                  "Les travaux de terrassement commenceront au printemps sur les anciens terrains de la SNCF.",
                  "\"Nous voulons que chaque habitant puisse profiter de la nature à moins de dix minutes de chez "
                  "lui\", a déclaré Paul Caraci.",
                  "Le budget de l'opération atteint 40 millions d'euros selon la métropole de Lyon.",
                  "Les associations de riverains réclament une concertation sur l'éclairage du futur parc.",
                  "La mairie a promis une réunion publique avant la fin de l'été dans le quartier de Gerland.")
    outline = plan(analyser(Source(title="Lyon", paragraphs=paragraphs)), target_words=300)
    quoted = next(s for s in outline.sections if s.sentences[0].startswith('"Nous voulons'))
    assert quoted.fallback_heading == "Les propos de Paul Caraci"
    # two people quoted: neither's name heads the section
    two = (*paragraphs[:2], paragraphs[2] + " \"Ce parc ne profitera qu'aux quartiers déjà les mieux dotés de la "
           "ville\", a répondu Marie Dupont.", *paragraphs[3:])
    outline = plan(analyser(Source(title="Lyon", paragraphs=two)), target_words=300)
    quoted = next(s for s in outline.sections if s.sentences[0].startswith('"Nous voulons'))
    assert "propos" not in quoted.fallback_heading


def test_keyphrase_from_the_user_wins(analyser):
    outline = plan(analyser(parse_text(LYON)), target_words=700, keyphrase="parc du Rhône")
    assert outline.keyphrase == "parc du Rhône"


def test_a_quoted_person_gets_a_quotation_title_that_no_heading_repeats(analyser):
    from tests.articles import QUOTED

    outline = plan(analyser(parse_text(QUOTED)), target_words=700, keyphrase="Anne Martin")
    assert outline.fallback_title == "Anne Martin : « Il n'y a pas de retour en arrière »"  # "la maire Anne
    # Martin" says too little; "Nous avons écouté les riverains pendant trois ans" makes a title over 60
    assert outline.fallback_title not in [s.fallback_heading for s in outline.sections]


def test_a_phrase_after_the_colon_of_a_title_loses_its_sentence_capital(analyser):
    from tests.articles import QUOTED

    analysis = analyser(parse_text(QUOTED))
    outline = plan(analysis, target_words=700, keyphrase="Lyon")
    head, _, phrase = outline.fallback_title.partition(" : ")
    assert head == "Lyon" and phrase[:1].islower()
    assert lowered("La maire Anne Martin") == "la maire Anne Martin" and lowered("Anne Martin") == "Anne Martin"
