"""The archive (localrewrite.archive, localrewrite.retrieval): indexing, incremental adds, dates, related passages,
resuming after an interruption, errors, and the `archive` commands."""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from localrewrite import archive as archive_module
from localrewrite.archive import Archive, default_archive_path, passages_of
from localrewrite.cli import app
from localrewrite.errors import ArchiveError
from localrewrite.ingest import Source, find_date, parse_text
from localrewrite.retrieval import MATCH_BUDGET, match_query

# The source being rewritten, and what an archive may hold about it.
S1 = ("Plusieurs milliers de personnes ont défilé mardi à Lyon contre la réforme des retraites, à l'appel de "
      "l'intersyndicale. Selon la préfecture du Rhône, 18 000 manifestants ont parcouru le centre-ville, tandis que "
      "la CGT en a compté plus de 40 000 entre la place Bellecour et la place Jean-Macé.")
S2 = ("Le maire écologiste Grégory Doucet a rejoint le cortège en début d'après-midi. « Cette réforme est injuste et "
      "brutale pour celles et ceux qui travaillent dur », a-t-il déclaré devant les journalistes, en appelant le "
      "gouvernement à retirer son texte avant le vote du Parlement.")
S3 = ("Quelques incidents ont éclaté en fin de journée près du pont de la Guillotière, où des vitrines ont été "
      "brisées. Les forces de l'ordre ont procédé à douze interpellations, a indiqué la préfecture, qui a salué le "
      "calme de la très grande majorité des manifestants.")
SOURCE = f"{S1}\n\n{S2}\n\n{S3}"
SOURCE_DATE = datetime.date(2023, 3, 7)
NAMES = ["Lyon", "Grégory Doucet", "CGT", "Rhône", "Bellecour", "Parlement"]
KEYPHRASE = "réforme des retraites"

BIKE = """---
title: "Grégory Doucet présente son plan vélo"
date: 2020-09-10
---

Le nouveau maire de Lyon, Grégory Doucet, a présenté jeudi un plan ambitieux pour doubler la place du vélo dans \
la ville d'ici la fin du mandat. Cent kilomètres de pistes cyclables supplémentaires doivent être aménagés, \
notamment sur les quais du Rhône et dans les arrondissements de l'est.

L'opposition municipale dénonce un projet coûteux et mal concerté avec les commerçants. Grégory Doucet assure au \
contraire que la concertation durera plusieurs mois et que chaque quartier pourra donner son avis sur le tracé des \
nouvelles voies avant le début des travaux prévu au printemps.
"""
STRIKE = """<html><head><title>La CGT du Rhône appelle à la grève</title>
<meta property="article:published_time" content="2023-01-10T08:30:00+01:00"></head>
<body><article><h1>La CGT du Rhône appelle à la grève</h1>
<p>La CGT du Rhône a appelé mardi les salariés de la métropole de Lyon à se mettre en grève le 19 janvier contre la \
réforme des retraites présentée par le gouvernement. Le syndicat espère une mobilisation massive dans les transports, \
les hôpitaux et les écoles de l'agglomération.</p>
<p>Les responsables syndicaux prévoient un rassemblement devant la Bourse du travail avant un défilé jusqu'à la place \
Bellecour. Ils dénoncent le recul de l'âge légal de départ à 64 ans et réclament une meilleure prise en compte de la \
pénibilité des métiers les plus exposés.</p>
</article></body></html>
"""
TRAM = """Marseille inaugure son nouveau tramway

La ville de Marseille a inauguré samedi une nouvelle ligne de tramway reliant le centre aux quartiers nord. Le maire \
Benoît Payan a salué un investissement attendu depuis des années par les habitants, qui disposeront désormais d'une \
rame toutes les six minutes aux heures de pointe.

Interrogé sur la réforme des retraites, l'élu a refusé de commenter le calendrier des débats et a préféré insister \
sur les embauches de conducteurs. La régie des transports prévoit de recruter une centaine de personnes d'ici l'été \
pour assurer le service sur la nouvelle ligne.
"""
LATER = """Grégory Doucet candidat à sa réélection

Publié le 12/06/2024 à 10h15

Grégory Doucet a annoncé mercredi qu'il briguerait un second mandat à la tête de Lyon lors des prochaines élections \
municipales. Le maire écologiste entend défendre son bilan sur les transports, les écoles et la végétalisation des \
rues, malgré les critiques répétées de l'opposition de droite.

Dans un entretien accordé à la presse régionale, il a reconnu des erreurs de méthode au début de son mandat, \
notamment sur la concertation avec les commerçants du centre. Il promet de consacrer la prochaine période à la \
rénovation des logements et à la lutte contre les îlots de chaleur.
"""
FESTIVAL = """Un festival de musique s'ouvre sur la colline

Le festival des Nuits de Fourvière a ouvert ses portes vendredi à Lyon avec une programmation éclectique mêlant rock, \
théâtre et danse contemporaine. Les organisateurs attendent plus de cent cinquante mille spectateurs sur l'ensemble \
de l'été dans le théâtre antique de la colline.

Les billets des concerts les plus attendus se sont arrachés en quelques minutes, obligeant la direction à ouvrir des \
dates supplémentaires. Le festival mise aussi sur des spectacles gratuits dans les parcs de la métropole pour attirer \
un public plus jeune et plus familial.
"""
X = ("Dans le cortège, de nombreux enseignants et soignants de la métropole de Lyon ont dit leur inquiétude. Beaucoup "
     "craignent de devoir travailler deux années de plus dans des métiers déjà éprouvants, et plusieurs sections de "
     "la CGT ont annoncé des grèves reconductibles dans les prochains jours.")
Y = ("Les organisations syndicales du Rhône se retrouveront jeudi pour fixer la date d'une nouvelle journée d'action. "
     "Elles espèrent peser sur les débats au Parlement, où le texte du gouvernement doit être examiné dans les "
     "prochaines semaines malgré l'opposition de la gauche.")
Z = ("La préfecture du Rhône a de son côté annoncé un dispositif de sécurité renforcé pour les prochains défilés, "
     "après les dégradations constatées la veille. Les commerçants du quartier réclament des indemnisations et une "
     "meilleure protection de leurs vitrines lors des cortèges.")
LONGER = f"Retraites : à Lyon, la mobilisation ne faiblit pas\n\n{S1}\n\n{X}\n\n{S2}\n\n{Y}\n\n{S3}\n"  # the same story
QUOTING = f"Retraites : les syndicats lyonnais préparent la suite\n\n{S1}\n\n{X}\n\n{Z}\n"  # quotes one paragraph
SAME_WIRE = ("Lyon : forte mobilisation contre la réforme des retraites\n\n"
             + SOURCE.replace("mardi", "ce mardi").replace("Quelques incidents", "Des incidents") + "\n")
ARCHIVE = {"bike.md": BIKE, "strike.html": STRIKE, "tram.txt": TRAM, "later.txt": LATER, "festival.txt": FESTIVAL,
           "longer.txt": LONGER, "quoting.txt": QUOTING, "same-wire.txt": SAME_WIRE}


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def article(topic: str, n: int) -> str:
    """A small article of its own words (no shingle shared with another topic)."""
    return f"{topic} numéro {n}\n\n" + " ".join(f"Le fait {topic.lower()} {n}-{i} concerne Lyon et la CGT."
                                               for i in range(20)) + "\n"


@pytest.fixture
def archived(tmp_path) -> Archive:
    store = Archive(tmp_path / "data" / "archive.sqlite")
    report = store.add([write(tmp_path / "articles", ARCHIVE)])
    assert (report.added, report.failed) == (len(ARCHIVE), ())
    yield store
    store.close()


def by_path(store: Archive) -> dict[str, str]:
    """Passage id -> file name, for every passage of the archive."""
    return {f"{doc.key[:12]}#{n}": Path(doc.path).name for doc in store.documents() for n in range(1, doc.passages + 1)}


# --- storing --------------------------------------------------------------------------------------


def test_add_indexes_documents_and_passages(archived, tmp_path):
    stats = archived.stats()
    assert (stats.documents, stats.passages) == (8, 21)  # every paragraph has 40 words or more
    assert stats.words > 600 and stats.bytes > 0
    assert (stats.oldest, stats.newest) == (datetime.date(2020, 9, 10), datetime.date(2024, 6, 12))
    docs = {Path(doc.path).name: doc for doc in archived.documents()}
    assert docs["tram.txt"].title == "Marseille inaugure son nouveau tramway"
    assert docs["tram.txt"].path == str((tmp_path / "articles" / "tram.txt").resolve())
    assert docs["strike.html"].title == "La CGT du Rhône appelle à la grève" and docs["strike.html"].passages == 2
    first = archived.passages([f"{docs['tram.txt'].key[:12]}#1", "000000000000#1", "nonsense"])
    assert [p.text[:21] for p in first] == ["La ville de Marseille"]
    assert first[0].title == docs["tram.txt"].title and first[0].date is None


def test_passages_join_short_paragraphs_and_cut_long_ones():
    short = "Une phrase courte de Lyon."
    long_paragraph = " ".join(f"La phrase numéro {i} parle longuement de Lyon et de ses habitants." for i in range(20))
    passages = passages_of(Source(title="T", paragraphs=(short, S1, short, long_paragraph, short)))
    assert passages[0] == f"{short}\n\n{S1}"  # a short paragraph goes with the next
    assert all(40 <= len(p.split()) <= 150 for p in passages)
    assert passages[-1].endswith(f"habitants.\n\n{short}")  # the last, short, goes with the one before
    assert "\n\n".join(passages).replace("\n\n", " ") == " ".join([short, S1, short, long_paragraph, short])


def test_readding_skips_changed_file_is_reindexed_copy_is_a_duplicate(archived, tmp_path):
    folder = tmp_path / "articles"
    again = archived.add([folder])
    assert (again.added, again.updated, again.skipped, again.duplicates) == (0, 0, 8, 0)
    old = {Path(d.path).name: d.key for d in archived.documents()}["tram.txt"]
    (folder / "tram.txt").write_text(TRAM.replace("samedi", "dimanche"), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "copy.txt").write_text(FESTIVAL, encoding="utf-8")
    seen: list[tuple[str, str]] = []
    report = archived.add([folder, tmp_path / "elsewhere"], on_file=lambda path, status: seen.append((path.name,
                                                                                                      status)))
    assert (report.added, report.updated, report.skipped, report.duplicates) == (0, 1, 8, 1)
    assert ("tram.txt", "updated") in seen and ("copy.txt", "duplicate") in seen
    assert archived.passages([f"{old[:12]}#1"]) == []  # the old version's passages are gone
    new = {Path(d.path).name: d.key for d in archived.documents()}["tram.txt"]
    assert "dimanche" in archived.passages([f"{new[:12]}#1"])[0].text
    assert archived.stats().documents == 8


def test_a_file_ingest_refuses_is_reported_and_the_rest_indexed(tmp_path):
    folder = write(tmp_path / "in", {"short.txt": "Trop court.\n", "tram.txt": TRAM, "notes.csv": "a,b\n"})
    with Archive(tmp_path / "a.sqlite") as store:
        report = store.add([folder])
        assert report.added == 1
        assert report.failed == ((folder.resolve() / "short.txt", f"{folder.resolve() / 'short.txt'} is too short "
                                  "to rewrite: 2 words of article text, at least 40 needed."),)


def test_remove_by_key_prefix_and_by_path(archived, tmp_path):
    docs = {Path(doc.path).name: doc for doc in archived.documents()}
    assert archived.remove([docs["tram.txt"].key[:8], str(tmp_path / "articles" / "bike.md")]) == 2
    assert set(Path(d.path).name for d in archived.documents()) == set(ARCHIVE) - {"tram.txt", "bike.md"}
    with pytest.raises(ArchiveError, match="no document of .* has this key or path"):
        archived.remove(["festival.txt", "ffff0000"])  # a relative path that is not in the archive
    assert archived.remove([str(tmp_path / "articles")]) == 6
    assert archived.stats().passages == 0


# --- dates ----------------------------------------------------------------------------------------


def test_dates_from_front_matter_html_meta_and_a_date_line(archived):
    dates = {Path(doc.path).name: doc.date for doc in archived.documents()}
    assert dates["bike.md"] == datetime.date(2020, 9, 10)  # front matter
    assert dates["strike.html"] == datetime.date(2023, 1, 10)  # <meta property="article:published_time">
    assert dates["later.txt"] == datetime.date(2024, 6, 12)  # "Publié le 12/06/2024 à 10h15"
    assert dates["tram.txt"] is None


@pytest.mark.parametrize(("line", "expected"), [
    ("12 janvier 2019", datetime.date(2019, 1, 12)),
    ("Samedi 1er juin 2019 à 18h30", datetime.date(2019, 6, 1)),
    ("2019-01-12", datetime.date(2019, 1, 12)),
    ("Mis à jour le 03.02.2021", datetime.date(2021, 2, 3)),
    ("Attentat du 12 janvier 2019 : le procès s'ouvre", None),  # a title that mentions a date
    ("Le 12 janvier 2019, les manifestants ont défilé.", None),  # a sentence
])
def test_a_date_line_holds_a_date_and_nothing_else(line, expected):
    source = parse_text(f"Un titre\n\n{line}\n\n{S1}\n\n{S2}")
    assert source.date == expected
    assert source.paragraphs[-2:] == (S1, S2)
    assert line in source.paragraphs + source.subheadings + source.removed  # read, not consumed: ingest's as before


def test_html_dates_other_meta_tags_and_time_element():
    body = f"<article><h1>Titre</h1><p>{S1}</p><p>{S2}</p></article>"
    meta = parse_text(f'<html><head><meta name="DC.date" content="2018-05-04"></head><body>{body}</body></html>',
                      fmt="html")
    time = parse_text(f'<html><body><time datetime="2017-11-30T10:00">hier</time>{body}</body></html>', fmt="html")
    assert (meta.date, time.date) == (datetime.date(2018, 5, 4), datetime.date(2017, 11, 30))
    broken = parse_text(f"<![foo <meta name=date content=2016-02-03>{body}", fmt="html")  # html.parser would raise
    assert broken.date == datetime.date(2016, 2, 3)
    assert find_date("31/02/2019 puis 28/02/2019") == datetime.date(2019, 2, 28)  # an impossible date is skipped


# --- related passages -----------------------------------------------------------------------------


def test_related_passages_share_names_two_per_document_diverse_first(archived):
    found = archived.related(SOURCE, NAMES, KEYPHRASE, date=SOURCE_DATE)
    files = by_path(archived)
    names = [files[p.id] for p in found]
    assert sorted(names) == ["bike.md", "bike.md", "quoting.txt", "quoting.txt", "strike.html", "strike.html"]
    assert len(set(names[:3])) == 3  # one passage of each document first
    assert [p.score for p in found[:3]] == sorted((p.score for p in found[:3]), reverse=True)
    assert all(p.score >= 1 for p in found)
    assert found == archived.related(SOURCE, NAMES, KEYPHRASE, date=SOURCE_DATE)  # deterministic
    strike = next(p for p in found if files[p.id] == "strike.html")
    assert (strike.title, strike.date) == ("La CGT du Rhône appelle à la grève", datetime.date(2023, 1, 10))
    assert len(archived.related(SOURCE, NAMES, KEYPHRASE, date=SOURCE_DATE, limit=2)) == 2


def test_no_document_dated_after_the_source(archived):
    files = by_path(archived)
    undated = {files[p.id] for p in archived.related(SOURCE, NAMES, KEYPHRASE)}
    dated = {files[p.id] for p in archived.related(SOURCE, NAMES, KEYPHRASE, date=SOURCE_DATE)}
    assert "later.txt" in undated and "later.txt" not in dated


def test_the_same_story_again_is_never_context(archived):
    files = by_path(archived)
    found = archived.related(SOURCE, NAMES, KEYPHRASE, limit=20)
    names = {files[p.id] for p in found}
    assert not names & {"longer.txt", "same-wire.txt"}  # near-duplicates: a longer version, another wire's copy
    assert "quoting.txt" in names and all(S1 not in p.text for p in found)  # the paragraph it quotes is left out


def test_a_shared_name_is_required_and_one_is_not_enough_for_a_document(archived):
    files = by_path(archived)
    assert all(files[p.id] not in ("tram.txt", "festival.txt")  # the keyphrase alone; "Lyon" alone
               for p in archived.related(SOURCE, NAMES, KEYPHRASE, limit=20))
    iraq = ("Une attaque de drones a visé dimanche une base américaine près de Bagdad, en Irak. " * 8).strip()
    assert archived.related(iraq, ["Bagdad", "Irak", "Esmail Qaani"], KEYPHRASE) == []
    assert archived.related(iraq, [], KEYPHRASE) == []


def test_threads_share_one_archive(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    write(tmp_path / "articles", ARCHIVE)
    with Archive(tmp_path / "a.sqlite") as store:  # opened by a worker thread, used by the others (batch --jobs)
        with ThreadPoolExecutor(max_workers=4) as pool:
            pool.submit(store.add, [tmp_path / "articles"]).result()
            found = list(pool.map(lambda _: store.related(SOURCE, NAMES, KEYPHRASE, date=SOURCE_DATE), range(8)))
    assert len(found[0]) == 6 and all(result == found[0] for result in found)


def test_names_with_quotes_and_fts_syntax_are_phrases(archived):
    odd = ['Jean "Le Roi" Dupont', "Lyon OR", "NEAR(", "*", "M", "Grégory Doucet", "Lyon"]
    found = archived.related(SOURCE, odd, 'retraites" OR "x')
    assert found and all("Grégory Doucet" in p.text or "Lyon" in p.text for p in found)


def test_the_commonest_names_are_left_out_of_the_query():
    counts = {'"Paris"': MATCH_BUDGET + 1, '"France"': MATCH_BUDGET // 2, '"Lucia Ferrera"': 3, '"Jaude"': 0,
              '"Castaner"': MATCH_BUDGET // 2, '"Jean ""Le Roi"" Dupont"': 1}
    asked: list[str] = []

    def count(phrase: str) -> int:
        asked.append(phrase)
        return counts[phrase]

    names = ["Paris", "France", "Lucia Ferrera", "Jaude", "Castaner", "castaner", "", "…", 'Jean "Le Roi" Dupont']
    assert match_query(names, count) == '"Jean ""Le Roi"" Dupont" OR "Lucia Ferrera" OR "France"'
    assert asked == list(counts)  # each name once, case and accents aside; nothing for what has no word
    assert match_query(["Paris"], count) == '"Paris"'  # the rarest is kept, however common


# --- interruptions and errors ---------------------------------------------------------------------


def test_an_interrupted_add_leaves_a_consistent_archive_and_a_rerun_resumes(tmp_path, monkeypatch):
    folder = write(tmp_path / "in", {f"{i}.txt": article(topic, i) for i, topic in
                                     enumerate(["Grève", "Marché", "Musée", "Stade", "Fleuve"])})
    real = passages_of
    calls = []

    def failing(source: Source) -> list[str]:
        calls.append(source.title)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as Ctrl-C inside the third file's transaction, its document row written
        return real(source)

    monkeypatch.setattr(archive_module, "passages_of", failing)
    db = tmp_path / "a.sqlite"
    with pytest.raises(KeyboardInterrupt), Archive(db) as store:
        store.add([folder])
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')")  # raises if broken
        assert check.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
        assert check.execute("SELECT COUNT(*) FROM passages WHERE document NOT IN (SELECT id FROM documents)"
                             ).fetchone()[0] == 0
    monkeypatch.setattr(archive_module, "passages_of", real)
    with Archive(db) as store:
        report = store.add([folder])
        assert (report.added, report.skipped) == (3, 2)
        assert store.stats().documents == 5
        assert store.related("texte", ["Musée", "Lyon"], "")  # the FTS index holds the resumed documents


def test_what_is_not_an_archive_is_an_archive_error(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("Pas une base de données.\n" * 100, encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"notes.txt is not a localrewrite archive \(file is not a database\)"):
        Archive(text).stats()
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(ArchiveError, match=r"other.sqlite is not a localrewrite archive \(another SQLite database\)"):
        Archive(other).add([])
    with pytest.raises(ArchiveError, match=r"No archive at .*missing.sqlite: create it with"):
        Archive(tmp_path / "missing.sqlite").documents()
    assert not (tmp_path / "missing.sqlite").exists()
    assert ArchiveError("x").exit_code == 2


def test_default_path_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("LOCALREWRITE_ARCHIVE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_archive_path() == tmp_path / "xdg" / "localrewrite" / "archive.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_archive_path() == Path.home() / ".local" / "share" / "localrewrite" / "archive.sqlite"
    monkeypatch.setenv("LOCALREWRITE_ARCHIVE", str(tmp_path / "mine.sqlite"))
    assert default_archive_path() == tmp_path / "mine.sqlite"


# --- the commands ---------------------------------------------------------------------------------


def test_archive_commands(tmp_path):
    runner = CliRunner()
    db = tmp_path / "new" / "archive.sqlite"
    env = {"LOCALREWRITE_ARCHIVE": str(db)}
    folder = write(tmp_path / "in", {"tram.txt": TRAM, "later.txt": LATER})
    added = runner.invoke(app, ["archive", "add", str(folder)], env=env)
    assert added.exit_code == 0, added.stderr
    assert added.stdout == f"2 added, 0 updated, 0 skipped (0 duplicates), 0 failed: {db}\n"
    again = runner.invoke(app, ["archive", "add", str(folder / "tram.txt"), str(folder)], env=env)
    assert again.stdout == f"0 added, 0 updated, 2 skipped (0 duplicates), 0 failed: {db}\n"
    listed = runner.invoke(app, ["archive", "list"], env=env).stdout.splitlines()
    assert len(listed) == 2 and listed[0].split()[1:3] == ["2024-06-12", "95"]
    assert listed[1].split()[1] == "-" and listed[1].endswith(str(folder.resolve() / "tram.txt"))
    stats = runner.invoke(app, ["archive", "stats"], env=env).stdout
    assert "documents  2\n" in stats and "dates      2024-06-12 to 2024-06-12" in stats
    removed = runner.invoke(app, ["archive", "remove", listed[0][:6]], env=env)
    assert removed.stdout == f"Removed 1 document from {db}.\n"


def test_archive_commands_exit_2_on_bad_input(tmp_path):
    runner = CliRunner()
    short = write(tmp_path / "in", {"short.txt": "Trop court.\n"}) / "short.txt"
    failed = runner.invoke(app, ["archive", "add", str(short), "--archive", str(tmp_path / "a.sqlite")])
    assert failed.exit_code == 2
    assert failed.stderr == (f"Failed: {short} is too short to rewrite: 2 words of article text, at least 40 "
                             "needed.\n")
    assert failed.stdout.startswith("0 added, 0 updated, 0 skipped (0 duplicates), 1 failed")
    missing = runner.invoke(app, ["archive", "add", str(tmp_path / "absent")], env={"LOCALREWRITE_ARCHIVE": "x"})
    assert (missing.exit_code, missing.stderr) == (2, f"Error: {tmp_path / 'absent'} not found.\n")
    text = tmp_path / "notes.txt"
    text.write_text("Pas une archive.\n", encoding="utf-8")
    wrong = runner.invoke(app, ["archive", "stats", "--archive", str(text)])
    assert (wrong.exit_code, wrong.stderr) == (2, f"Error: {text} is not a localrewrite archive (file is not a "
                                                  "database).\n")
    unknown = runner.invoke(app, ["archive", "remove", "abcdef", "--archive", str(tmp_path / "a.sqlite")])
    assert (unknown.exit_code, unknown.stderr) == (2, f"Error: abcdef: no document of {tmp_path / 'a.sqlite'} has "
                                                      "this key or path.\n")


# --- the benchmark --------------------------------------------------------------------------------


def test_benchmark_builds_varied_archives_and_measures_them(tmp_path):
    from benchmarks import archive as bench

    corpus = bench.Corpus(write(tmp_path / "corpus", {"a.txt": TRAM, "b.txt": QUOTING, "c.txt": FESTIVAL}))
    generator = bench.Generator(corpus)
    assert {"Marseille", "Benoît Payan"} <= set(corpus.names(TRAM))
    texts = [generator.article(i) for i in range(30)]
    assert texts[4] == bench.Generator(corpus).article(4)  # seeded
    assert len(set(texts)) == 30 and all(t.split("\n\n")[1].startswith("Publié le ") for t in texts)
    kept = sum("Marseille" in t for t in texts[0::3])  # TRAM's variants: its name kept in about one in five
    assert 0 < kept < 10
    files = bench.measure(generator, 30, tmp_path / "work", files_up_to=30, rounds=1)
    memory = bench.measure(generator, 30, tmp_path / "work", files_up_to=0, rounds=1)
    assert (files.files, memory.files) == (True, False)
    assert files.documents == memory.documents == 30 and files.passages == memory.passages
    assert files.queries == 3 and files.median_ms > 0
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\nkept\n", encoding="utf-8")
    for _ in range(2):  # the section is replaced, the rest kept
        bench.write_section(results, bench.SECTION, bench.summary([files, memory], "--sizes 30", "host", None))
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nkept\n") and text.count("## Archive: indexing") == 1
    assert "| 30 | files, Archive.add | 30 |" in text and "| 30 | in memory, Archive.add_sources | 30 |" in text
