"""Material beyond the source: the journalist's notes and the archive's related passages, each with its credit.

An extract is the only support of the sentences written from it: the writer rewrites each of its sentences
with the extract as fact sheet, under a heading that credits it, and the checks count its facts as given
only when the article uses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from localrewrite.ingest import MAX_WORDS, Source, read_source

if TYPE_CHECKING:
    from localrewrite.archive import Passage

NOTES = "notes"
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


@dataclass(frozen=True)
class Extract:
    """A passage of another source than the article's: its id (an archive passage's, or "notes#N"), text and
    the credit that the article prints above what it writes from it."""

    id: str
    text: str
    credit: str
    origin: str  # "archive" | NOTES
    title: str = ""
    path: str = ""
    date: date | None = None

    @property
    def number(self) -> int:
        """Its place in its document (ids end in "#N")."""
        number = self.id.rpartition("#")[2]
        return int(number) if number.isdigit() else 0

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "origin": self.origin, "credit": self.credit, "title": self.title,
                "path": self.path, "date": self.date.isoformat() if self.date else None, "text": self.text}


def french_date(day: date) -> str:
    """ "12 janvier 2019", "1er mars 2020"."""
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS[day.month - 1]} {day.year}"


def from_notes(notes: Source) -> list[Extract]:
    """The journalist's notes, a paragraph an extract; a first line that is a sentence is one too."""
    title = notes.title.strip()
    paragraphs = ([title] if title and title[-1] in ".!?»\"" else []) + list(notes.paragraphs)
    return [Extract(f"{NOTES}#{n}", text, "Nos informations", NOTES, title=title, path=str(notes.path or ""))
            for n, text in enumerate(paragraphs, 1)]


def read_notes(path: Path, max_words: int = MAX_WORDS) -> list[Extract]:
    """The extracts of a notes file (.txt, .md), however short."""
    return from_notes(read_source(path, max_words=max_words, min_words=1))


def from_archive(passages: Sequence[Passage]) -> list[Extract]:
    """Archived passages, credited by their article's date and title: "Notre article du 12 janvier 2019 :
    « … »"."""
    out = []
    for p in passages:
        when = f" du {french_date(p.date)}" if p.date else ""
        title = " ".join(p.title.split())
        credit = f"Notre article{when} : « {title} »" if title else f"Notre article{when}"
        out.append(Extract(p.id, p.text, credit, "archive", title=title, path=p.path, date=p.date))
    return out


def asked_of(extract: Extract) -> str:
    """The FAQ question that an answer from the extract answers, its credit in it: "Que rapportait notre
    article du 12 janvier 2019 ?", "Que savons-nous de plus ?" (notes)."""
    if extract.origin == NOTES:
        return "Que savons-nous de plus ?"
    if extract.date:
        return f"Que rapportait notre article du {french_date(extract.date)} ?"
    return f"Que rapportait notre article « {extract.title} » ?" if extract.title else "Que rapportions-nous déjà ?"


def support_text(extracts: Sequence[Extract]) -> str:
    """What the extracts let an article say: their texts and credits (a credit's date and title are facts)."""
    return "\n\n".join(f"{e.credit}\n\n{e.text}" for e in extracts)
