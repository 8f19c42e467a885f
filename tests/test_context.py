"""context: the notes' and archive's passages written in under their credit, and the checks against them."""

from __future__ import annotations

import json
from datetime import date

from localrewrite.article import Article, Block
from localrewrite.context import Extract, french_date, read_notes, support_text
from localrewrite.ingest import parse_text
from localrewrite.meaning import MeaningCheck
from localrewrite.pipeline import report_on
from localrewrite.plan import plan
from localrewrite.settings import Settings
from localrewrite.write import Writer
from tests.articles import LYON
from tests.fakes import FakeBackend, echo_last_input

ARCHIVED = ("La mairie de Lyon avait présenté le projet du parc en 2021. Le conseil municipal l'avait adopté "
            "par 52 voix contre 11.")
PRONOUN_FIRST = "Il avait alors promis 300 bancs sur les berges du Rhône."


def reworded(prompt) -> str:
    sentence = echo_last_input(prompt)
    return f"Ainsi, {sentence[0].lower()}{sentence[1:]}"


def extract(text: str = ARCHIVED, id_: str = "a1b2c3d4e5f6#2") -> Extract:
    return Extract(id_, text, "Notre article du 3 mars 2021 : « Un parc pour les berges »", "archive",
                   title="Un parc pour les berges", date=date(2021, 3, 3))


def _writer(analyser, extracts, words=900):
    analysis = analyser(parse_text(LYON))
    writer = Writer(FakeBackend(reply=reworded), analysis, plan(analysis, target_words=words), Settings(words=words),
                    extracts=extracts)
    return analysis, writer


def test_a_short_article_takes_the_archived_passage_under_its_credit(analyser):
    _, writer = _writer(analyser, [extract()])
    draft = writer.write()
    blocks = draft.article.blocks
    at = blocks.index(Block("h2", "Rappel des faits"))
    assert blocks[at + 1] == Block("h3", "Notre article du 3 mars 2021 : « Un parc pour les berges »")
    written = blocks[at + 2].text
    assert "52 voix contre 11" in written and written != ARCHIVED  # its facts, in other words
    assert draft.article.sources == ("a1b2c3d4e5f6#2",) and draft.extracts == [extract()]


def test_an_extract_that_opens_with_a_pronoun_or_a_long_enough_article_takes_none(analyser):
    _, writer = _writer(analyser, [extract(PRONOUN_FIRST)])
    draft = writer.write()
    assert "300 bancs" not in draft.article.body and not draft.article.sources
    _, writer = _writer(analyser, [extract()], words=100)
    draft = writer.write()
    assert "52 voix" not in draft.article.body and not draft.extracts


def test_notes_are_credited_as_our_own_information(analyser, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Notes de terrain\n\nLe chantier a employé 140 ouvriers, selon le maître d'œuvre.\n",
                     encoding="utf-8")
    extracts = read_notes(notes)
    assert [e.id for e in extracts] == ["notes#1"] and extracts[0].credit == "Nos informations"
    _, writer = _writer(analyser, extracts)
    article = writer.write().article
    assert Block("h2", "Nos informations") in article.blocks and "140 ouvriers" in article.body


def test_facts_rows_count_against_the_passages_used_only(analyser):
    analysis = analyser(parse_text(LYON))
    article = Article("Lyon : un parc de 12 hectares sur les berges", blocks=[
        Block("p", "La mairie de Lyon a inauguré samedi un parc de 12 hectares."),
        Block("h3", extract().credit),
        Block("p", "Le conseil municipal avait voté le projet par 52 voix contre 11.")])
    meaning = MeaningCheck(analyser.nlp)
    alone = report_on(article, analysis, 700, [], analyser, meaning)
    assert not alone.get("numbers").passed and "52" in alone.get("numbers").detail  # in no passage used
    used = report_on(article, analysis, 700, [extract()], analyser, meaning)
    assert used.get("numbers").passed and used.get("support").passed  # the credit's date and title are given too
    assert "notes and archive passages used" in used.get("length").detail


def test_support_text_holds_credits_and_french_dates():
    assert french_date(date(2019, 1, 12)) == "12 janvier 2019" and french_date(date(2020, 3, 1)) == "1er mars 2020"
    assert support_text([extract()]).startswith("Notre article du 3 mars 2021")


def test_an_faq_answer_from_a_passage_is_asked_by_its_credit(analyser):
    openings = iter(["Ainsi", "Par ailleurs", "En outre", "De plus"] * 200)

    def varied(prompt) -> str:
        sentence = echo_last_input(prompt)
        return f"{next(openings)}, {sentence[0].lower()}{sentence[1:]}"

    analysis = analyser(parse_text(LYON))
    writer = Writer(FakeBackend(reply=varied), analysis, plan(analysis, target_words=2000), Settings(words=2000),
                    extracts=[extract()])
    article = writer.write().article
    faq = next(f for f in article.faqs if f.question == "Que rapportait notre article du 3 mars 2021 ?")
    body = [b.text for b in article.blocks if b.kind == "p" and b.text != faq.answer]
    assert "52 voix contre 11" in faq.answer and all(faq.answer not in text for text in body)


EARLIER = """---
title: "Lyon dévoile le projet d'un parc sur les berges du Rhône"
date: 2021-03-03
---

La mairie de Lyon a dévoilé mercredi le projet d'un grand parc sur les berges du Rhône. Le maire Grégory Doucet \
a présenté les plans devant le conseil municipal, qui les a adoptés par 52 voix contre 11. Les travaux doivent \
durer trois ans.

Les élus de l'opposition ont dénoncé un coût trop élevé et réclamé une étude sur la circulation dans le quartier. \
La mairie de Lyon a répondu que des réunions publiques seraient organisées avant le début du chantier.
"""


def test_rewrite_with_archive_and_notes_then_check_reproduces_the_report(tmp_path, fake_backend):
    from typer.testing import CliRunner

    from localrewrite.cli import app

    fake_backend.reply = reworded
    runner = CliRunner()
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "parc.md").write_text(EARLIER, encoding="utf-8")
    store = tmp_path / "archive.sqlite"
    assert runner.invoke(app, ["archive", "add", str(tmp_path / "old"), "--archive", str(store)]).exit_code == 0
    source, notes, out = tmp_path / "lyon.txt", tmp_path / "notes.txt", tmp_path / "lyon.json"
    source.write_text(LYON, encoding="utf-8")
    notes.write_text("Le chantier a employé 140 ouvriers, selon le maître d'œuvre.\n", encoding="utf-8")
    result = runner.invoke(app, ["rewrite", str(source), "-o", str(out), "--backend", "fake", "--words", "900",
                                 "--archive", str(store), "--notes", str(notes), "-q"])
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    origins = {e["origin"] for e in data["context"]}
    assert origins == {"archive", "notes"} and data["sources"] == [e["id"] for e in data["context"]]
    headings = [b["text"] for b in data["blocks"] if b["kind"] in ("h2", "h3")]
    assert "Rappel des faits" in headings and "Notre article du 3 mars 2021 : « Lyon dévoile le projet d'un parc " \
        "sur les berges du Rhône »" in headings and "Nos informations" in headings
    assert "Also written from" in result.stderr
    written = {c["name"]: c for c in data["report"]["checks"]}
    assert written["numbers"]["passed"] and written["entities"]["passed"]

    args = ["check", str(out), "--source", str(source), "--words", "900", "--json"]
    again = json.loads(runner.invoke(app, [*args, "--archive", str(store), "--notes", str(notes)]).stdout)
    assert [(c["name"], c["value"]) for c in again["checks"]] == [(c["name"], c["value"])
                                                                  for c in data["report"]["checks"]]
    missing = runner.invoke(app, [*args, "--archive", str(store)])  # the notes it was written from are not given
    assert missing.exit_code == 2 and "notes#1" in missing.stderr and "--notes" in missing.stderr


def test_a_pronoun_that_refers_to_nothing_written_is_left_out(analyser):
    inverted = "« Nous voulons des fontaines », lance-t-il devant la mairie de Lyon, le 3 mars."
    fronted = "À ce titre, il devait donc déposer un dossier complet à la mairie de Lyon."
    passive = "Les élus de la métropole de Lyon ont aussi condamné ces propos lors du conseil de mars."
    _, writer = _writer(analyser, [extract(inverted, "a1b2c3d4e5f6#4"), extract(fronted, "a1b2c3d4e5f6#5"),
                                   extract(passive, "a1b2c3d4e5f6#6")])
    draft = writer.write()
    body = draft.article.body
    assert "fontaines" not in body and "dossier" not in body and "propos" not in body and not draft.extracts
