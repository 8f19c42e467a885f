"""Which archived passages are context for a source: names matched as FTS5's tokenizer sees them, the FTS5
query, the re-ranking by shared names, and the tests that keep the same story told again out.

Pure functions: the archive (archive.py) runs the queries and hands over their rows.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

CANDIDATES = 300  # passages taken by bm25 before the re-ranking
MATCH_BUDGET = 10_000  # passages the FTS5 query may match (see match_query)
PER_DOCUMENT = 2  # passages of one document at most
DOCUMENT_NAMES = 2  # distinct names of the source that a related document shares, at least
MAX_DOCUMENTS = 60  # documents tested per query at most (about half a millisecond each): an archive holding the
# same story many times over would otherwise test all of them
SHINGLE = 5  # words per shingle of the near-duplicate tests
NEAR_DUPLICATE = 0.5  # containment of shingles from which two texts tell the same story

# A candidate as the archive's query gives it: bm25 rank (negative, lower is better), passage number, text,
# document id, key, title, path, ISO date or None.
Row = tuple[float, int, str, int, str, str, str, "str | None"]


@dataclass(frozen=True)
class Passage:
    """A passage of an archived article, with its document's title, path and date; score: how related it is
    to the source of a `related` call (0 from `passages`)."""

    id: str  # f"{document key[:12]}#{number}": stable across runs and archives
    text: str
    title: str
    path: str
    date: datetime.date | None
    score: float = 0.0


_COMBINING = re.compile(r"[\u0300-\u036f]")  # the accents NFKD splits off Latin letters
_WORDS = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, accents off, words between single spaces: how names are matched (as FTS5's tokenizer
    `unicode61 remove_diacritics 2` reads them)."""
    return " ".join(_WORDS.findall(_COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))))


def phrase(text: str) -> str:
    """An FTS5 phrase: in double quotes, a double quote doubled."""
    return '"' + text.replace('"', '""') + '"'


def match_query(phrases: Sequence[str], count: Callable[[str], int]) -> str:
    """The FTS5 query: the phrases that occur (count(fts5 phrase): passages matched, at most MATCH_BUDGET + 1),
    OR'ed, rarest first; the commonest left out while together they would match more than MATCH_BUDGET
    passages. bm25 costs a few microseconds a passage matched, and a name found in every other article says
    least about relatedness (bm25 weighs it least too)."""
    unique: dict[str, str] = {}
    for text in phrases:
        if key := fold(text):
            unique.setdefault(key, text.strip())
    counts = []
    for text in unique.values():
        if found := count(phrase(text)):
            counts.append((found, text))
    chosen: list[str] = []
    total = 0
    for found, text in sorted(counts, key=lambda item: item[0]):
        if chosen and total + found > MATCH_BUDGET:
            break
        chosen.append(phrase(text))
        total += found
    return " OR ".join(chosen)


def choose(rows: Sequence[Row], names: Sequence[str], source_text: str, document_text: Callable[[int], str],
           limit: int) -> list[Passage]:
    """The related passages among the candidate rows, best first. A passage must share one of the names at
    least (case and accents aside); its score is how many plus its bm25 relative to the best. Then one passage
    per document in score order, then second ones; left out: passages mostly in the source, and documents
    (their whole text from document_text; MAX_DOCUMENTS at most) that retell it or share fewer than
    DOCUMENT_NAMES of its names. Ties: by id."""
    names = list(dict.fromkeys(key for name in names if (key := fold(name))))
    if not rows or not names:
        return []
    best = min(row[0] for row in rows)
    scored = []
    for rank, number, text, document, key, title, path, day in rows:
        padded = f" {fold(text)} "
        if shared := sum(f" {name} " in padded for name in names):
            score = round(shared + rank / best, 6)
            passage = Passage(f"{key[:12]}#{number}", text, title, path,
                              datetime.date.fromisoformat(day) if day else None, score)
            scored.append((-score, passage.id, document, padded, passage))
    scored.sort(key=lambda item: item[:2])
    source = shingles(fold(source_text))
    first: list[Passage] = []
    more: list[Passage] = []
    taken: dict[int, int] = {}
    unrelated: dict[int, bool] = {}
    for _, _, document, folded, passage in scored:
        if len(first) >= limit:
            break
        if taken.get(document, 0) >= PER_DOCUMENT or containment(shingles(folded), source) >= NEAR_DUPLICATE:
            continue
        if document not in unrelated:  # tested as documents are reached: the costly part
            if len(unrelated) >= MAX_DOCUMENTS:
                break
            unrelated[document] = _unrelated(fold(document_text(document)), source, names)
        if not unrelated[document]:
            taken[document] = taken.get(document, 0) + 1
            (first if taken[document] == 1 else more).append(passage)
    return (first + more)[:limit]


def _unrelated(folded: str, source: set[tuple[str, ...]], names: Sequence[str]) -> bool:
    """Whether a document is no context for the source: a near-duplicate of it (half the shingles of one in
    the other: the same story again, as another wire's copy), or sharing fewer than DOCUMENT_NAMES of its
    names (one may be a passing mention: "Liban" in a list of countries, "l'État")."""
    document = shingles(folded)
    if max(containment(document, source), containment(source, document)) >= NEAR_DUPLICATE:
        return True
    padded = f" {folded} "
    return sum(f" {name} " in padded for name in names) < min(DOCUMENT_NAMES, len(names))


def shingles(folded: str) -> set[tuple[str, ...]]:
    """The SHINGLE-word sequences of a folded text (the whole text when shorter)."""
    words = folded.split()
    return set(zip(*(words[i:] for i in range(SHINGLE)), strict=False)) or ({tuple(words)} if words else set())


def containment(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    """The share of part's shingles that are in whole."""
    return len(part & whole) / len(part) if part else 0.0
