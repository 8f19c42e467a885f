"""The archive of earlier articles: an SQLite store with FTS5, filled incrementally through the ingest stage, and
the passages related to a new source.

A document is one archived article (its key: the sha256 of its cleaned title and text); its passages are its
paragraphs, a short one joined to the next. Every file is indexed in its own transaction, so an interrupted
`add` leaves a consistent database and a rerun resumes where it stopped.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import os
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from localrewrite.article import word_count
from localrewrite.errors import ArchiveError, InputError
from localrewrite.facts import sentences
from localrewrite.ingest import MAX_WORDS, Source, read_source
from localrewrite.retrieval import CANDIDATES, MATCH_BUDGET, Passage, choose, fold, match_query

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4C524131  # "LRA1" in the database header: this file is a localrewrite archive
SUFFIXES = (".txt", ".md", ".html", ".htm")
MIN_PASSAGE_WORDS = 40  # a shorter paragraph is joined to the next: a passage needs some substance
MAX_PASSAGE_WORDS = 150  # a longer paragraph (scraped text without breaks) is cut between sentences

FileStatus = Literal["added", "updated", "skipped", "duplicate", "failed"]
_Method = TypeVar("_Method", bound=Callable[..., Any])

_SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- sha256 of the cleaned title and text
    path TEXT NOT NULL UNIQUE,         -- absolute path of the file
    file_sha256 TEXT NOT NULL,         -- of the file's bytes: an unchanged file is skipped without ingesting it
    title TEXT NOT NULL,
    date TEXT,                         -- ISO date read from the file, or NULL
    words INTEGER NOT NULL,
    added TEXT NOT NULL                -- ISO timestamp, UTC
);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL,           -- 1, 2, ... in the document
    text TEXT NOT NULL,
    UNIQUE (document, number)
);
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER passages_insert AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_delete AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""

# How many passages an FTS5 phrase matches, counting no further than a limit.
_COUNT_SQL = "SELECT count(*) FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)"
# The best CANDIDATES passages by bm25 first (FTS5 sorts by rank itself), then their documents.
_RELATED_SQL = """
SELECT f.rank, p.number, p.text, d.id, d.key, d.title, d.path, d.date
FROM (SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH :query ORDER BY rank LIMIT :limit) AS f
JOIN passages AS p ON p.id = f.rowid
JOIN documents AS d ON d.id = p.document
WHERE :date IS NULL OR d.date IS NULL OR d.date <= :date
"""


@dataclass(frozen=True)
class Document:
    """An archived article."""

    key: str
    path: str
    title: str
    date: datetime.date | None
    words: int
    passages: int
    added: str


@dataclass(frozen=True)
class ArchiveStats:
    """What the archive holds; bytes: the database's size."""

    documents: int
    passages: int
    words: int
    bytes: int
    oldest: datetime.date | None
    newest: datetime.date | None


@dataclass(frozen=True)
class AddReport:
    """What an `add` did: files added, re-indexed (changed since), skipped (unchanged, or a duplicate of
    another file's content) and refused by ingest, with the one-line reason."""

    added: int
    updated: int
    skipped: int
    duplicates: int  # of the skipped
    failed: tuple[tuple[Path, str], ...]


def default_archive_path() -> Path:
    """$LOCALREWRITE_ARCHIVE, else $XDG_DATA_HOME/localrewrite/archive.sqlite (~/.local/share by default)."""
    if path := os.environ.get("LOCALREWRITE_ARCHIVE"):
        return Path(path).expanduser()
    return Path(os.environ.get("XDG_DATA_HOME") or "~/.local/share").expanduser() / "localrewrite" / "archive.sqlite"


def find_files(paths: Iterable[Path]) -> list[Path]:
    """The files to archive: files as given, and the .txt/.md/.html/.htm files under folders (recursive;
    hidden names, READMEs and our own NAME.rewrite.* outputs left out); each once, in order."""
    found: dict[Path, None] = {}
    for path in map(Path, paths):
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if (name.lower().endswith(SUFFIXES) and not name.startswith((".", "README", "readme"))
                            and ".rewrite." not in name):
                        found.setdefault(Path(folder, name).resolve())
        elif path.exists():
            found.setdefault(path.resolve())
        else:
            raise InputError(f"{path} not found.")
    return list(found)


def passages_of(source: Source) -> list[str]:
    """The source's paragraphs as passages: one under MIN_PASSAGE_WORDS joined to the next (the last to the one
    before), one over MAX_PASSAGE_WORDS cut between sentences."""
    pieces = [piece for paragraph in source.paragraphs for piece in
              (_runs(sentences(paragraph), " ") if word_count(paragraph) > MAX_PASSAGE_WORDS else [paragraph])]
    return _runs(pieces, "\n\n")


def _runs(parts: Sequence[str], sep: str) -> list[str]:
    """parts joined into runs of at least MIN_PASSAGE_WORDS words; a short remainder goes to the last run."""
    runs: list[list[str]] = []
    pending: list[str] = []
    for part in parts:
        pending.append(part)
        if sum(map(word_count, pending)) >= MIN_PASSAGE_WORDS:
            runs.append(pending)
            pending = []
    if pending:
        if runs:
            runs[-1] += pending
        else:
            runs.append(pending)
    return [sep.join(run) for run in runs]


def source_key(source: Source) -> str:
    """The document key: sha256 of the cleaned title and text, so a re-saved or re-encoded file is the same."""
    return hashlib.sha256(f"{source.title}\n\n{source.text}".encode()).hexdigest()


def _locked(method: _Method) -> _Method:
    """The method run under the archive's lock: its one connection serves the threads of `batch --jobs`."""

    @functools.wraps(method)
    def locked(self: Archive, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return cast(_Method, locked)


class Archive:
    """The archive at path (default_archive_path() by default). Reading a missing archive is an error; `add`
    creates it and its folder. Use as a context manager, or call close(); safe to share between threads."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_archive_path()
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_locked
    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # --- writing ----------------------------------------------------------------------------------

    @_locked
    def add(self, paths: Iterable[Path], on_file: Callable[[Path, FileStatus], None] | None = None, *,
            max_words: int = MAX_WORDS) -> AddReport:
        """Index files and folders (see find_files) through the ingest stage, one transaction per file: a file
        known with the same content is skipped, a known file with new content re-indexed, the content of
        another file skipped as a duplicate; a file that ingest refuses is listed in failed."""
        files = find_files(paths)
        db = self._connect(create=True)
        counts: Counter[str] = Counter()
        failed: list[tuple[Path, str]] = []
        for path in files:
            try:
                status = self._add_file(db, path, max_words)
            except InputError as err:
                failed.append((path, err.message))
                status = "failed"
            counts[status] += 1
            if on_file is not None:
                on_file(path, status)
        return _report(counts, failed)

    @_locked
    def add_sources(self, sources: Iterable[Source]) -> AddReport:
        """Store sources already ingested (made in memory; each under its path, which need not exist), with
        add's rules and one transaction each: the lower-level insert under add, without the files."""
        db = self._connect(create=True)
        counts: Counter[str] = Counter()
        for source in sources:
            if source.path is None:
                raise ArchiveError(f"The source « {source.title[:60]} » has no path to archive it under.")
            path = str(source.path.resolve())
            counts[self._store(db, source, path, "", _known(db, path))] += 1
        return _report(counts, [])

    def _add_file(self, db: sqlite3.Connection, path: Path, max_words: int) -> FileStatus:
        try:
            file_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            file_sha256 = ""  # read_source says why
        known = _known(db, str(path))
        if known and known[2] == file_sha256:
            return "skipped"
        source = read_source(path, max_words=max_words, min_words=MIN_PASSAGE_WORDS)  # a brief is context too
        return self._store(db, source, str(path), file_sha256, known)

    @staticmethod
    def _store(db: sqlite3.Connection, source: Source, path: str, file_sha256: str,
               known: tuple[int, str, str] | None) -> FileStatus:
        """Index source under path in one transaction; known: the document already at path (id, key, file hash)."""
        key = source_key(source)
        if known and known[1] == key:  # the same text in other bytes (encoding, residue)
            with _transaction(db):
                db.execute("UPDATE documents SET file_sha256 = ? WHERE id = ?", (file_sha256, known[0]))
            return "skipped"
        duplicate = db.execute("SELECT 1 FROM documents WHERE key = ?", (key,)).fetchone()
        with _transaction(db):
            if known:
                _delete(db, known[0])
            if duplicate:
                return "duplicate"
            added = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
            cursor = db.execute(
                "INSERT INTO documents (key, path, file_sha256, title, date, words, added) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, path, file_sha256, source.title, source.date.isoformat() if source.date else None,
                 word_count(source.text), added))
            db.executemany("INSERT INTO passages (document, number, text) VALUES (?, ?, ?)",
                           [(cursor.lastrowid, n, text) for n, text in enumerate(passages_of(source), 1)])
        return "updated" if known else "added"

    @_locked
    def remove(self, selectors: Iterable[str]) -> int:
        """Remove documents by key prefix (4 hex digits at least), file path or folder path; returns how many.
        A selector that matches nothing, or a key prefix that matches several documents, is an error and
        nothing is removed."""
        db = self._connect()
        ids: set[int] = set()
        for selector in selectors:
            ids |= self._select(db, selector)
        with _transaction(db):
            for document in ids:
                _delete(db, document)
        return len(ids)

    def _select(self, db: sqlite3.Connection, selector: str) -> set[int]:
        if re.fullmatch(r"[0-9a-f]{4,64}", key := selector.lower()):
            found = {row[0] for row in db.execute("SELECT id FROM documents WHERE key >= ? AND key < ?",
                                                  (key, key + "g"))}
            if len(found) > 1:
                raise ArchiveError(f"{selector} is the start of {len(found)} keys: give more of the key.")
            if found:
                return found
        path = str(Path(selector).expanduser().resolve())
        found = {row[0] for row in db.execute(
            "SELECT id FROM documents WHERE path = ? OR substr(path, 1, ?) = ?",
            (path, len(path) + 1, path.rstrip(os.sep) + os.sep))}
        if not found:
            raise ArchiveError(f"{selector}: no document of {self.path} has this key or path.")
        return found

    # --- reading ----------------------------------------------------------------------------------

    @_locked
    def documents(self) -> list[Document]:
        """Every archived article, by path."""
        rows = self._connect().execute(
            "SELECT key, path, title, date, words, (SELECT COUNT(*) FROM passages WHERE document = d.id), added "
            "FROM documents AS d ORDER BY path")
        return [Document(key, path, title, _date(date), words, passages, added)
                for key, path, title, date, words, passages, added in rows]

    @_locked
    def stats(self) -> ArchiveStats:
        db = self._connect()
        documents, words, oldest, newest = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(words), 0), MIN(date), MAX(date) FROM documents").fetchone()
        pages = db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
        return ArchiveStats(documents=documents, passages=db.execute("SELECT COUNT(*) FROM passages").fetchone()[0],
                            words=words, bytes=pages, oldest=_date(oldest), newest=_date(newest))

    @_locked
    def passages(self, ids: Iterable[str]) -> list[Passage]:
        """The passages of these ids, in their order; unknown ids are left out."""
        db = self._connect()
        found = []
        for passage_id in ids:
            match = re.fullmatch(r"([0-9a-f]{12})#(\d+)", passage_id)
            row = match and db.execute(
                "SELECT p.text, d.title, d.path, d.date FROM documents AS d JOIN passages AS p ON p.document = d.id "
                "WHERE d.key >= ? AND d.key < ? AND p.number = ?",
                (match.group(1), match.group(1) + "g", int(match.group(2)))).fetchone()
            if row:
                found.append(Passage(passage_id, row[0], row[1], row[2], _date(row[3])))
        return found

    @_locked
    def related(self, source_text: str, names: Sequence[str], keyphrase: str, *,
                date: datetime.date | None = None, limit: int = 6) -> list[Passage]:
        """The archived passages most related to a source, best first: found by FTS5 on its names (people,
        places, organisations) and keyphrase, the best CANDIDATES by bm25 re-ranked by how many of the names
        they share (one at least, their document two). Never a passage of a document dated after `date`, of
        a near-duplicate of the source, or mostly in the source itself; two per document at most, one per
        document first (see retrieval.choose)."""
        names = [name for name in names if len(fold(name)) > 1]  # no initials
        if not names or limit < 1:
            return []
        db = self._connect()
        query = match_query([*names, keyphrase], lambda fts_phrase: db.execute(
            _COUNT_SQL, (fts_phrase, MATCH_BUDGET + 1)).fetchone()[0])
        if not query:
            return []
        rows = db.execute(_RELATED_SQL, {"query": query, "limit": CANDIDATES,
                                         "date": date.isoformat() if date else None}).fetchall()
        return choose(rows, names, source_text, lambda document: " ".join(row[0] for row in db.execute(
            "SELECT text FROM passages WHERE document = ? ORDER BY number", (document,))), limit)

    # --- the database -----------------------------------------------------------------------------

    def _connect(self, create: bool = False) -> sqlite3.Connection:
        """The open database; a missing one is created (with its folder) if create, else an error."""
        if self._db is not None:
            return self._db
        if self.path.is_dir():
            raise ArchiveError(f"{self.path} is a folder, not an archive.")
        if not self.path.exists():
            if not create:
                raise ArchiveError(f"No archive at {self.path}: create it with `localrewrite archive add DIR`.")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise ArchiveError(f"Cannot create the folder of {self.path}: {err.strerror or err}.") from None
        try:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)  # see _locked
        except sqlite3.Error as err:
            raise ArchiveError(f"Cannot open the archive {self.path}: {err}.") from None
        try:
            self._check_schema(db, create)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")  # with WAL: consistent after a crash, no fsync per file
        except sqlite3.DatabaseError as err:
            db.close()
            raise ArchiveError(f"{self.path} is not a localrewrite archive ({err}).") from None
        except ArchiveError:
            db.close()
            raise
        self._db = db
        return db

    def _check_schema(self, db: sqlite3.Connection, create: bool) -> None:
        application = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        empty = not db.execute("SELECT 1 FROM sqlite_master").fetchone()
        if empty and create and (application, version) == (0, 0):
            db.execute("PRAGMA journal_mode = WAL")
            db.executescript(f"BEGIN;\n{_SCHEMA}\nCOMMIT;")
        elif application != APPLICATION_ID:
            raise ArchiveError(f"{self.path} is not a localrewrite archive (another SQLite database).")
        elif version != SCHEMA_VERSION:
            raise ArchiveError(f"{self.path} is an archive of schema version {version}; this localrewrite reads "
                               f"version {SCHEMA_VERSION}.")


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN … COMMIT, or ROLLBACK on any exception (KeyboardInterrupt included)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _known(db: sqlite3.Connection, path: str) -> tuple[int, str, str] | None:
    """The document archived under path: id, key, file hash."""
    return db.execute("SELECT id, key, file_sha256 FROM documents WHERE path = ?", (path,)).fetchone()


def _report(counts: Counter[str], failed: list[tuple[Path, str]]) -> AddReport:
    return AddReport(added=counts["added"], updated=counts["updated"],
                     skipped=counts["skipped"] + counts["duplicate"], duplicates=counts["duplicate"],
                     failed=tuple(failed))


def _delete(db: sqlite3.Connection, document: int) -> None:
    db.execute("DELETE FROM passages WHERE document = ?", (document,))  # the trigger keeps passages_fts in step
    db.execute("DELETE FROM documents WHERE id = ?", (document,))


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None
