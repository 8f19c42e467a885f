"""Batch mode: manifest rows, resume and skip, no overwrite without force, --jobs, SIGKILL, the CLI."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from localrewrite.batch import MANIFEST, BatchEvent, check_options, run_batch
from localrewrite.cli import app
from localrewrite.errors import LocalRewriteError, OutputError
from localrewrite.pipeline import Rewriter
from localrewrite.settings import Settings
from tests.fakes import FakeBackend, echo_last_input

ROOT = Path(__file__).resolve().parent.parent
JOBS_MESSAGE = ("--jobs > 1 needs a server backend (--backend openai --base-url ...): "
                "the in-process llama.cpp model rewrites one article at a time.")

LYON = """La mairie de Lyon ouvre un nouveau parc au bord du Rhône

La mairie de Lyon a inauguré samedi un parc de 12 hectares sur les berges du Rhône, au terme de \
trois ans de travaux. Le projet a coûté 45 millions d'euros, selon la municipalité.

Le nouveau parc compte 800 arbres, des jardins partagés et une piste cyclable de 4 kilomètres. Les \
habitants du quartier réclamaient depuis longtemps un espace vert à proximité de leurs logements.

Le maire a salué « un lieu de respiration pour toute la ville » lors de la cérémonie d'ouverture. \
Des associations locales ont toutefois regretté le manque de concertation pendant le chantier et \
demandent des bancs supplémentaires.

La ville prévoit d'ouvrir un second parc dans le quartier de Gerland en 2026, avec des aires de jeux \
pour les enfants et un bassin de baignade surveillé pendant l'été.
"""

BREST = """# Le port de Brest accueille un nouveau navire de recherche

Le port de Brest a accueilli mardi le Pourquoi pas II, un navire de recherche océanographique de 90 \
mètres construit pour l'Ifremer. Sa construction a duré quatre ans et a mobilisé 300 ouvriers.

Le navire embarquera jusqu'à 40 scientifiques pour des campagnes de six semaines dans l'Atlantique. \
Il étudiera les courants profonds, la faune des grands fonds et l'effet du réchauffement sur les \
eaux froides.

La directrice de l'institut a évoqué « un outil attendu depuis dix ans » par les chercheurs \
français. Les syndicats de marins saluent les emplois créés mais s'inquiètent du coût de \
l'entretien.

Le premier départ est prévu en septembre, vers les Açores, pour une mission consacrée aux sources \
hydrothermales.
"""

GRENOBLE = """Grenoble teste des bus à hydrogène sur trois lignes

La métropole de Grenoble a mis en service lundi 15 bus à hydrogène sur trois lignes du réseau \
urbain. L'essai doit durer 18 mois avant une décision sur le renouvellement de toute la flotte.

Chaque bus coûte environ 650 000 euros, soit deux fois le prix d'un modèle diesel, selon \
l'opérateur. Une station de recharge a été construite au dépôt de Sassenage pour alimenter les \
véhicules chaque nuit.

Les conducteurs décrivent « une conduite plus douce et silencieuse » après les premières semaines. \
Des élus d'opposition jugent pourtant l'investissement trop lourd pour les finances de la métropole.

Un bilan public sera présenté au conseil métropolitain au printemps, avec les chiffres de \
fréquentation.
"""


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """a.txt, b.txt (empty), c.md, plus what a batch must ignore: a hidden file, a .pdf, a folder."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(LYON, encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")
    (folder / "c.md").write_text(BREST, encoding="utf-8")
    (folder / ".hidden.txt").write_text(GRENOBLE, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "sub.txt").mkdir()
    return folder


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(reply=echo_last_input)


def make_rewriter(backend, analyser, **settings) -> Rewriter:
    settings = Settings(backend="fake", **{"words": 150, **settings})
    return Rewriter(settings, backend=backend, analyser=analyser)


def manifest_rows(folder: Path) -> list[dict]:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def statuses(folder: Path) -> list[tuple[str, str]]:
    return [(Path(row["input"]).name, row["status"]) for row in manifest_rows(folder)]


@pytest.mark.disable_socket  # batch opens no socket at all
def test_batch_rewrites_articles_and_fails_the_empty_one(inbox, tmp_path, backend, analyser):
    outbox = tmp_path / "outbox"
    events: list[BatchEvent] = []
    summary = run_batch(inbox, outbox, make_rewriter(backend, analyser), on_event=events.append)

    assert (summary.done, summary.skipped, summary.failed, summary.exit_code) == (2, 0, 1, 1)
    rows = manifest_rows(outbox)
    assert [row["input"] for row in rows] == [str(inbox / name) for name in ("a.txt", "b.txt", "c.md")]
    assert [row["output"] for row in rows] == [str(outbox / name) for name in ("a.md", "b.md", "c.md")]
    assert [row["status"] for row in rows] == ["done", "failed", "done"]
    assert rows[1]["error"] == f"{inbox / 'b.txt'} is empty."
    assert (rows[1]["words"], rows[1]["checks_total"]) == (0, 0)
    for row in rows[0], rows[2]:
        assert row["error"] is None
        assert row["words"] >= 100 and 0 < row["checks_passed"] <= row["checks_total"]
        assert re.fullmatch(r"[0-9a-f]{64}", row["key"])
    assert summary.words == rows[0]["words"] + rows[2]["words"]
    assert len({row["key"] for row in rows}) == 3
    assert sorted(p.name for p in outbox.iterdir()) == ["a.md", "c.md", MANIFEST]
    assert (outbox / "a.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
    assert "Lyon" in (outbox / "a.md").read_text(encoding="utf-8")
    assert "Brest" in (outbox / "c.md").read_text(encoding="utf-8")
    assert [(e.kind, e.index) for e in events if e.kind != "begin"] == [
        ("start", 0), ("end", 0), ("end", 1), ("end", 2), ("finish", 0)]
    assert events[0].total == 3 and [e.row.status for e in events if e.row] == ["done", "failed", "done"]


def test_rerun_skips_done_articles_and_new_settings_redo_them(inbox, tmp_path, backend, analyser):
    outbox = tmp_path / "outbox"
    run_batch(inbox, outbox, make_rewriter(backend, analyser))
    prompts = len(backend.history)
    first = {row["input"]: row for row in manifest_rows(outbox)}
    stamp = (outbox / "a.md").stat().st_mtime_ns

    again = run_batch(inbox, outbox, make_rewriter(backend, analyser))
    assert len(backend.history) == prompts  # no article went to the model again
    assert (again.done, again.skipped, again.failed, again.words) == (0, 2, 1, 0)
    assert statuses(outbox) == [("a.txt", "skipped"), ("b.txt", "failed"), ("c.md", "skipped")]
    for row in manifest_rows(outbox):  # a skipped row still describes the article on disk
        assert {k: v for k, v in row.items() if k != "status"} == {
            k: v for k, v in first[row["input"]].items() if k != "status"}
    assert (outbox / "a.md").stat().st_mtime_ns == stamp

    third = run_batch(inbox, outbox, make_rewriter(backend, analyser))  # "skipped" rows keep skipping
    assert (third.skipped, len(backend.history)) == (2, prompts)

    longer = run_batch(inbox, outbox, make_rewriter(backend, analyser, words=200))
    assert (longer.done, longer.skipped, longer.failed) == (2, 0, 1)
    assert len(backend.history) > prompts
    rows = manifest_rows(outbox)
    assert rows[0]["key"] != first[str(inbox / "a.txt")]["key"]
    assert rows[2]["key"] != first[str(inbox / "c.md")]["key"]
    assert rows[0]["digest"] == hashlib.sha256((outbox / "a.md").read_bytes()).hexdigest()


def test_edited_output_is_not_replaced_when_settings_change(inbox, tmp_path, backend, analyser):
    outbox = tmp_path / "outbox"
    run_batch(inbox, outbox, make_rewriter(backend, analyser))
    edited = (outbox / "a.md").read_text(encoding="utf-8") + "\nUne correction de la rédaction.\n"
    (outbox / "a.md").write_text(edited, encoding="utf-8")

    run_batch(inbox, outbox, make_rewriter(backend, analyser, words=200))
    rows = manifest_rows(outbox)
    assert [row["status"] for row in rows] == ["failed", "failed", "done"]
    message = f"{outbox / 'a.md'} was edited after the batch wrote it: pass --force to overwrite it."
    assert rows[0]["error"] == message
    assert (outbox / "a.md").read_text(encoding="utf-8") == edited

    (outbox / "a.md").write_text(edited.replace("\nUne correction de la rédaction.\n", ""), encoding="utf-8")
    run_batch(inbox, outbox, make_rewriter(backend, analyser, words=200))  # a failed row still knows a.md
    assert [row["status"] for row in manifest_rows(outbox)] == ["done", "failed", "skipped"]


def test_edited_source_is_rewritten_again(inbox, tmp_path, backend, analyser):
    outbox = tmp_path / "outbox"
    run_batch(inbox, outbox, make_rewriter(backend, analyser))
    (inbox / "c.md").write_text(BREST.replace("Brest", "Lorient"), encoding="utf-8")
    summary = run_batch(inbox, outbox, make_rewriter(backend, analyser))
    assert statuses(outbox) == [("a.txt", "skipped"), ("b.txt", "failed"), ("c.md", "done")]
    assert summary.done == 1
    assert "Lorient" in (outbox / "c.md").read_text(encoding="utf-8")


def test_foreign_output_is_kept_without_force(inbox, tmp_path, backend, analyser):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    (outbox / "a.md").write_text("my own notes\n", encoding="utf-8")

    summary = run_batch(inbox, outbox, make_rewriter(backend, analyser))
    rows = manifest_rows(outbox)
    assert [row["status"] for row in rows] == ["failed", "failed", "done"]
    assert rows[0]["error"] == f"{outbox / 'a.md'} already exists: pass --force to overwrite it."
    assert (outbox / "a.md").read_text(encoding="utf-8") == "my own notes\n"
    assert summary.exit_code == 1

    forced = run_batch(inbox, outbox, make_rewriter(backend, analyser), force=True)
    assert [row["status"] for row in manifest_rows(outbox)] == ["done", "failed", "done"]
    assert (forced.done, forced.skipped) == (2, 0)  # --force redoes c.md too
    assert "Lyon" in (outbox / "a.md").read_text(encoding="utf-8")


def test_same_stem_and_same_folder(tmp_path, backend, analyser):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "lyon.txt").write_text(LYON, encoding="utf-8")
    (folder / "lyon.html").write_text(f"<html><body><p>{LYON}</p></body></html>", encoding="utf-8")
    (folder / "parc.txt").write_text(GRENOBLE, encoding="utf-8")

    run_batch(folder, folder, make_rewriter(backend, analyser), fmt="html")
    rows = manifest_rows(folder)
    assert [(Path(r["input"]).name, r["status"]) for r in rows] == [
        ("lyon.html", "failed"), ("lyon.txt", "failed"), ("parc.txt", "done")]
    assert rows[0]["error"] == (f"{folder / 'lyon.html'} would be overwritten by its own rewrite: "
                                "choose another output folder.")
    assert rows[1]["error"] == (f"{folder / 'lyon.txt'} and {folder / 'lyon.html'} would both be written to "
                                f"{folder / 'lyon.html'}: rename one of them.")
    assert (folder / "parc.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    (folder / "lyon.html").unlink()
    run_batch(folder, folder, make_rewriter(backend, analyser), fmt="html")
    # parc.html is our own output, not an input; lyon.html is now lyon.txt's rewrite
    assert statuses(folder) == [("lyon.txt", "done"), ("parc.txt", "skipped")]


def test_corrupt_manifest_is_not_replaced_without_force(inbox, tmp_path, backend, analyser):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    (outbox / MANIFEST).write_text("{oops", encoding="utf-8")
    with pytest.raises(OutputError, match=r"manifest\.json is not a batch manifest .*: move it away or pass"):
        run_batch(inbox, outbox, make_rewriter(backend, analyser))
    assert backend.history == [] and (outbox / MANIFEST).read_text(encoding="utf-8") == "{oops"
    run_batch(inbox, outbox, make_rewriter(backend, analyser), force=True)
    assert [status for _, status in statuses(outbox)] == ["done", "failed", "done"]


def test_bad_options_are_refused_before_any_work(inbox, tmp_path, backend, analyser):
    with pytest.raises(LocalRewriteError) as info:
        check_options(inbox, fmt="md", jobs=2, backend="llamacpp")
    assert info.value.message == JOBS_MESSAGE
    assert check_options(inbox, fmt="json", jobs=4, backend="openai") == [inbox / "a.txt", inbox / "b.txt",
                                                                          inbox / "c.md"]
    with pytest.raises(OutputError, match=r"^Unknown output format 'pdf': use md, html or json\.$"):
        check_options(inbox, fmt="pdf", jobs=1, backend="openai")
    with pytest.raises(LocalRewriteError, match=r"^--jobs must be 1 or more, not 0\.$"):
        check_options(inbox, fmt="md", jobs=0, backend="openai")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(LocalRewriteError) as info:
        check_options(empty, fmt="md", jobs=1, backend="openai")
    assert info.value.message == f"{empty} has no articles: no .txt, .md, .markdown, .html, .htm file."

    backend.name = "llamacpp"  # what the in-process backend calls itself
    with pytest.raises(LocalRewriteError) as info:
        run_batch(inbox, tmp_path / "outbox", make_rewriter(backend, analyser), jobs=2)
    assert info.value.message == JOBS_MESSAGE
    assert backend.history == [] and not (tmp_path / "outbox").exists()


class ThreadSafeFake(FakeBackend):
    """FakeBackend behind a lock; each worker thread's first call waits for the others (proof of overlap)."""

    def __init__(self, workers: int) -> None:
        super().__init__(reply=echo_last_input)
        self.lock = threading.Lock()
        self.meeting = threading.Barrier(workers, timeout=30)
        self.threads: set[int] = set()

    def complete(self, prompt, **options):
        with self.lock:
            first = threading.get_ident() not in self.threads
            self.threads.add(threading.get_ident())
        if first:
            self.meeting.wait()  # BrokenBarrierError (a bug, so it propagates) unless both articles overlap
        with self.lock:
            return super().complete(prompt, **options)


def test_two_jobs_rewrite_concurrently_and_keep_input_order(inbox, tmp_path, analyser):
    (inbox / "d.txt").write_text(GRENOBLE, encoding="utf-8")
    backend = ThreadSafeFake(workers=2)
    outbox = tmp_path / "outbox"
    ended: list[str] = []
    summary = run_batch(inbox, outbox, make_rewriter(backend, analyser), fmt="json", jobs=2,
                        on_event=lambda e: e.kind == "end" and ended.append(Path(e.input).name))

    assert len(backend.threads) == 2
    assert statuses(outbox) == [("a.txt", "done"), ("b.txt", "failed"), ("c.md", "done"), ("d.txt", "done")]
    assert sorted(ended) == ["a.txt", "b.txt", "c.md", "d.txt"]
    assert (summary.done, summary.failed) == (3, 1)
    assert [row.input for row in summary.rows] == [row["input"] for row in manifest_rows(outbox)]
    data = json.loads((outbox / "d.json").read_text(encoding="utf-8"))
    assert "Grenoble" in data["title"] + data["description"] + json.dumps(data["blocks"], ensure_ascii=False)
    assert data["words"] == manifest_rows(outbox)[3]["words"]


DRIVER = """
import sys
import time
from pathlib import Path

root, inbox, outbox, attempts = sys.argv[1:]
sys.path.insert(0, root)
from localrewrite.backends import BACKENDS
from localrewrite.cli import app
from localrewrite.pipeline import Rewriter
from tests.fakes import FakeBackend, echo_last_input

manifest = Path(outbox) / "manifest.json"


class StallingFake(FakeBackend):
    def complete(self, prompt, **options):
        if manifest.exists():  # the first article is finished: hang in the second until killed
            time.sleep(600)
        return super().complete(prompt, **options)


BACKENDS["fake"] = lambda settings: StallingFake(reply=echo_last_input)
rewrite = Rewriter.rewrite


def counted(self, source, on_event=None):
    with open(attempts, "a", encoding="utf-8") as log:
        log.write(Path(source).name + "\\n")
    return rewrite(self, source, on_event)


Rewriter.rewrite = counted
app(["batch", inbox, "-o", outbox, "--backend", "fake", "--words", "150", "--quiet"])
"""


def test_resume_after_sigkill_loses_nothing_and_repeats_nothing(tmp_path, analyser, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, text in ("a.txt", LYON), ("b.txt", GRENOBLE), ("c.md", BREST):
        (inbox / name).write_text(text, encoding="utf-8")
    outbox, attempts, driver = tmp_path / "outbox", tmp_path / "attempts.log", tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOCALREWRITE_")}
    with (tmp_path / "driver.err").open("w") as err:
        command = [sys.executable, str(driver), str(ROOT), str(inbox), str(outbox), str(attempts)]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
    try:
        deadline = time.monotonic() + 120
        while not (attempts.exists() and len(attempts.read_text().split()) == 2):  # stalled in b.txt
            assert proc.poll() is None, (tmp_path / "driver.err").read_text()
            assert time.monotonic() < deadline, "the driver did not reach the second article"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert statuses(outbox) == [("a.txt", "done")]
    done_text = (outbox / "a.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in outbox.iterdir()) == ["a.md", MANIFEST]  # no half-written b.md

    def counted(self, source, on_event=None, _rewrite=Rewriter.rewrite):
        with attempts.open("a", encoding="utf-8") as log:
            log.write(Path(source).name + "\n")
        return _rewrite(self, source, on_event)

    monkeypatch.setattr(Rewriter, "rewrite", counted)
    rewriter = Rewriter(Settings(backend="fake", words=150), backend=FakeBackend(reply=echo_last_input),
                        analyser=analyser)
    summary = run_batch(inbox, outbox, rewriter)

    assert attempts.read_text().split() == ["a.txt", "b.txt", "b.txt", "c.md"]  # a.txt rewritten once
    assert statuses(outbox) == [("a.txt", "skipped"), ("b.txt", "done"), ("c.md", "done")]
    assert (summary.done, summary.skipped, summary.failed) == (2, 1, 0)
    assert (outbox / "a.md").read_text(encoding="utf-8") == done_text


@pytest.fixture
def cli(fake_backend, analyser, monkeypatch) -> CliRunner:
    """`--backend fake` works; the CLI's Rewriter reuses the session's spaCy instead of loading it again."""
    for name in [k for k in os.environ if k.startswith("LOCALREWRITE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setattr("localrewrite.pipeline.Analyser", lambda model: analyser)
    return CliRunner()


SUMMARY = re.compile(r"^(\d+) done, (\d+) skipped, (\d+) failed: (\d+) words in \d+\.\d s; manifest: (.+)$",
                     re.M)


def test_cli_batch_exit_codes_and_summary(cli, inbox, tmp_path, fake_backend):
    outbox = tmp_path / "outbox"
    result = cli.invoke(app, ["batch", str(inbox), "-o", str(outbox), "--backend", "fake", "--words", "150"])
    assert result.exit_code == 1, result.output
    done, skipped, failed, words, manifest = SUMMARY.search(result.stdout).groups()
    assert (done, skipped, failed, manifest) == ("2", "0", "1", str(outbox / MANIFEST))
    assert int(words) == sum(row["words"] for row in manifest_rows(outbox))
    assert f"{inbox / 'b.txt'}: failed: {inbox / 'b.txt'} is empty.\n" in result.stdout
    assert re.search(rf"^{re.escape(str(outbox / 'a.md'))}: \d+ words, \d+/\d+ checks passed, \d+\.\d s$",
                     result.stdout, re.M)
    assert "articles" in result.stderr  # the tqdm bar
    assert fake_backend.closed

    (inbox / "b.txt").unlink()
    prompts = len(fake_backend.history)
    result = cli.invoke(app, ["batch", str(inbox), "-o", str(outbox), "--backend=fake", "--words=150", "-q"])
    assert result.exit_code == 0, result.output
    assert SUMMARY.search(result.stdout).groups()[:4] == ("0", "2", "0", "0")
    assert f"{outbox / 'c.md'}: skipped, done before with the same source and settings\n" in result.stdout
    assert result.stderr == "" and len(fake_backend.history) == prompts


def test_cli_batch_errors_are_one_line(cli, inbox, tmp_path, fake_backend):
    missing = tmp_path / "nowhere"
    result = cli.invoke(app, ["batch", str(missing), "-o", str(tmp_path / "out"), "--backend", "fake"])
    assert (result.exit_code, result.stderr) == (2, f"Error: {missing} not found.\n")

    result = cli.invoke(app, ["batch", str(inbox), "-o", str(tmp_path / "out"), "--jobs", "2"])  # llamacpp
    assert (result.exit_code, result.stderr) == (1, f"Error: {JOBS_MESSAGE}\n")
    result = cli.invoke(app, ["batch", str(inbox), "-o", str(tmp_path / "out"), "--format", "docx"])
    assert result.exit_code == 5
    assert result.stderr == "Error: Unknown output format 'docx': use md, html or json.\n"
    assert fake_backend.history == [] and not (tmp_path / "out").exists()
