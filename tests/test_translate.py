"""translate: a source in another language, translated sentence by sentence under a gate, then rewritten."""

from __future__ import annotations

import pytest

from localrewrite import Settings
from localrewrite.ingest import Source
from localrewrite.pipeline import Rewriter
from localrewrite.translate import faithful, french_numbers, translate
from tests.fakes import FakeBackend, echo_last_input

FRENCH = {
    "Lyon opens a riverside park": "Lyon ouvre un parc au bord du fleuve",
    "The city of Lyon opened a new park on the banks of the Rhône on Saturday after three years of work.":
        "La ville de Lyon a ouvert samedi un nouveau parc sur les bords du Rhône après trois ans de travaux.",
    "The park covers 12 hectares and cost 45 million euros, according to the city.":
        "Le parc couvre 12 hectares et a coûté 45 millions d'euros, selon la ville.",
    "Around 2 500 people attended the opening on Saturday afternoon.":
        "Environ 2 500 personnes ont assisté à l'inauguration samedi après-midi.",
    '"This park belongs to everyone," Mayor Anne Martin told reporters during the ceremony.':
        "« Ce parc appartient à tout le monde », a déclaré la maire Anne Martin aux journalistes pendant la "
        "cérémonie.",
    "Residents had long complained about the lack of green spaces in the district.":
        "Les habitants se plaignaient depuis longtemps du manque d'espaces verts dans le quartier.",
    "The park will be open every day from 7 h to 22 h, the city said.":
        "Le parc sera ouvert tous les jours de 8 h à 22 h, a précisé la ville.",  # an hour changed: refused
}
ENGLISH = Source(title="Lyon opens a riverside park", paragraphs=(
    "The city of Lyon opened a new park on the banks of the Rhône on Saturday after three years of work. "
    "The park covers 12 hectares and cost 45 million euros, according to the city.",
    "Around 2,500 people attended the opening on Saturday afternoon. "
    '"This park belongs to everyone," Mayor Anne Martin told reporters during the ceremony.',
    "Residents had long complained about the lack of green spaces in the district. "
    "The park will be open every day from 7 a.m. to 10 p.m., the city said."))


def translator(prompt) -> str:
    """The French of the prompt's last sentence when it is one of FRENCH's, else the sentence itself."""
    line = echo_last_input(prompt)
    return FRENCH.get(line, line)


@pytest.mark.parametrize(("english", "french"), [
    ("Around 2,500 people", "Around 2\u00a0500 people"),
    ("a 1,234,567 vote margin", "a 1\u00a0234\u00a0567 vote margin"),
    ("it cost 3.5 million", "it cost 3,5 million"),
    ("from 7 a.m. to 10 p.m., the city said.", "from 7 h to 22 h, the city said."),
    ("at 9:30 pm today", "at 21 h 30 today"),
    ("prices rose 5 per cent", "prices rose 5\u00a0%"),
    ("in 2019, up 4%", "in 2019, up 4\u00a0%"),
])
def test_english_number_formats_become_french(english, french):
    assert french_numbers(english) == french


ORIGINAL = "The park covers 12 hectares and cost 45 million euros, according to the city."


@pytest.mark.parametrize(("translation", "reason"), [
    ("Le parc couvre 12 hectares et a coûté 45 millions d'euros, selon la ville.", None),
    ("Le parc couvre 12 hectares et a coûté 54 millions d'euros, selon la ville.", "numbers"),
    ("Le parc couvre 12 hectares et a coûté 45 millions de dollars, selon la ville.", "currency"),
    ("Le parc couvre 12 hectares, selon la ville.", "numbers"),
    ("Le parc de Gerland couvre 12 hectares et a coûté 45 millions d'euros, selon la ville.", "names"),
    ("The park covers 12 hectares and cost 45 million euros, the city said.", "language"),
    ("Parc de 12 hectares, 45 millions d'euros.", "length"),
])
def test_faithful_refuses_changed_numbers_names_language_and_cuts(translation, reason):
    assert faithful(translation, ORIGINAL, "en") == reason


@pytest.mark.parametrize(("translation", "reason"), [
    ("Le commandant de la Force Qods, Esmail Qaani, s'est rendu dimanche à Bagdad.", None),  # Baghdad's French
    ("Le commandant de la Force Qods, Esmail Qaani, s'est rendu à Bagdad.", "dropped"),  # Sunday lost
    ("Le commandant de la Force Qods s'est rendu dimanche à Bagdad, en Irak.", "names"),  # Irak added
    ("Le commandant de la Force Qods, Esmail, s'est rendu dimanche à Bagdad.", "dropped"),  # Qaani lost
])
def test_names_and_days_are_kept_in_their_french_spelling(translation, reason):
    assert faithful(translation, '"Quds Force commander Esmail Qaani visited Baghdad on Sunday.', "en") == reason


@pytest.mark.parametrize(("translation", "reason"), [
    ("Environ 2 500 personnes ont assisté à l'inauguration.", None),
    ("Au moins 2 500 personnes ont assisté à l'inauguration.", "approximation"),
    ("Quelque 2 500 personnes ont assisté à l'inauguration.", None),
])
def test_an_approximate_figure_stays_approximate(translation, reason):
    assert faithful(translation, "Around 2 500 people attended the opening.", "en") == reason
    assert faithful("2 500 personnes ont assisté à l'inauguration.", "At least 2 500 people attended the opening.",
                    "en") == "approximation"


@pytest.mark.parametrize(("translation", "original", "language", "reason"), [
    ("Le parti d'opposition a accusé le gouvernement de ne pas payer le coût du projet.",
     "The opposition party criticised the cost of the project.", "en", "negation"),
    ("Le parti d'opposition a critiqué le coût du projet.",
     "The opposition party criticised the cost of the project.", "en", None),
    ("Le maire n'a pas commenté le projet.", "The mayor did not comment on the project.", "en", None),
    ("Le maire a commenté le projet.", "The mayor didn't comment on the project.", "en", "negation"),
    ("Le maire a commenté le projet.", "Der Bürgermeister hat das Projekt nicht kommentiert.", "de", "negation"),
])
def test_a_negation_is_kept_and_none_is_added(translation, original, language, reason):
    assert faithful(translation, original, language) == reason


def test_an_entity_at_the_start_must_be_in_the_original():
    sentence = "Gerland a été arrêté dimanche à Berlin par la police."
    assert faithful(sentence, "Police arrested a man in Berlin on Sunday.", "en") is None  # the first word is free
    assert faithful(sentence, "Police arrested a man in Berlin on Sunday.", "en",
                    entities=lambda text: ["Gerland", "Berlin"]) == "names"


@pytest.mark.parametrize(("original", "translation", "kept"), [
    ("Baghdad", "Bagdad", True), ("Brussels", "Bruxelles", True), ("Martin", "Martine", False),
    ("Macron", "Marcon", False), ("London", "Londres", False),
])
def test_a_name_may_take_its_french_spelling_not_another_name(original, translation, kept):
    assert (faithful(f"Le ministre a parlé à {translation} dimanche soir devant la presse.",
                     f"The minister spoke in {original} on Sunday evening to the press.", "en") is None) is kept


def test_may_the_verb_is_not_may_the_month_and_six_is_counted_once():
    original = "The six ministers may meet again in Brussels."
    assert faithful("Les six ministres pourraient se réunir à nouveau à Bruxelles.", original, "en") is None


def test_english_number_words_may_become_french_ones():
    assert faithful("Deux hommes ont été arrêtés dimanche à Berlin par la police.",
                    "Police arrested two men in Berlin on Sunday.", "en") is None
    assert faithful("Trois hommes ont été arrêtés dimanche à Berlin par la police.",
                    "Police arrested two men in Berlin on Sunday.", "en") == "numbers"


def test_translate_keeps_faithful_sentences_and_names_the_rest():
    backend = FakeBackend(reply=translator)
    french, translation = translate(ENGLISH, "en", backend, Settings(retries=1))
    assert french.title == "Lyon ouvre un parc au bord du fleuve"
    assert french.paragraphs[1].startswith("Environ 2 500 personnes")
    assert "« Ce parc appartient à tout le monde »" in french.text
    assert "22 h" not in french.text  # the sentence whose hour changed is left out, after every attempt
    assert translation.left_out == ("The park will be open every day from 7 a.m. to 10 p.m., the city said.",)
    assert (translation.sentences, translation.translated) == (7, 6)
    assert len([h for h in backend.history if "7 h to 22 h" in str(h["prompt"])]) == 2  # 1 + retries
    assert "Exercice de traduction" in backend.history[0]["prompt"]


def test_an_english_source_is_translated_then_rewritten(tmp_path, analyser):
    path = tmp_path / "en.txt"
    path.write_text(f"{ENGLISH.title}\n\n" + "\n\n".join(ENGLISH.paragraphs), encoding="utf-8")
    events = []
    result = Rewriter(Settings(words=150), backend=FakeBackend(reply=translator), analyser=analyser).rewrite(
        path, events.append)
    assert result.translation is not None and result.translation.translated == 6
    assert "Anne Martin" in result.article.body and "appartient à tout le monde" in result.article.body
    assert result.report.get("language").passed and result.report.get("numbers").passed
    check = result.report.get("translation")
    assert (check.value, check.passed) == ("6/7 sentences from English", False)
    assert check.detail.startswith("left out: The park will be open")
    assert result.metadata()["source"]["translation"]["from"] == "en"
    assert "translate" in result.timings
    assert events[0].kind == "translate" and events[0].total == 7
