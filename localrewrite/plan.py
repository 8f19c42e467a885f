"""Analysis -> Outline: keyphrase, intro, 4-7 sections with their source paragraphs and word budgets."""

from __future__ import annotations

import math
from dataclasses import dataclass

from localrewrite.analyse import Analysis
from localrewrite.article import word_count
from localrewrite.boxes import Saying, people, sayings
from localrewrite.points import needs_antecedent
from localrewrite.restate import lowered, of

MIN_SECTIONS, MAX_SECTIONS = 4, 7
TITLE_MAX = 60


@dataclass(frozen=True)
class PlannedSection:
    sentences: tuple[str, ...]  # source sentences this section rewrites, in order
    budget: int  # words; the writer stops at a sentence boundary past it
    fallback_heading: str  # a faithful noun phrase of the section, as the source writes it (lower case too)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Outline:
    keyphrase: str
    fallback_title: str
    intro: PlannedSection
    sections: tuple[PlannedSection, ...]
    target_words: int
    sayings: tuple[Saying, ...] = ()  # the source's quotations with a certain speaker: headings, boxes, FAQ


def plan(analysis: Analysis, *, target_words: int, keyphrase: str | None = None) -> Outline:
    """Group the source into an intro and 4-7 sections whose budgets add up above the target."""
    keyphrase = keyphrase or _keyphrase(analysis)
    units = [_Unit(list(p.sentences), p.phrases) for p in analysis.paragraphs if p.sentences]
    while len(units) < MIN_SECTIONS + 1 and any(len(u.sentences) > 1 for u in units):
        i = max(range(len(units)), key=lambda k: len(units[k].sentences))
        units[i:i + 1] = units[i].halves()
    source_words = max(sum(word_count(s) for u in units for s in u.sentences), 1)
    scale = max(1.3, 1.15 * target_words / source_words)
    said = {s.sentence: s for s in sayings(analysis.sentences, people(analysis.facts))}
    title = _title(analysis, keyphrase,
                   [h for s in said.values() if s.speaker.lower() == keyphrase.lower() for h in s.headlines])
    used = {title.lower()}  # no heading repeats the title

    def section(group: list[_Unit]) -> PlannedSection:
        sentences = tuple(s for u in group for s in u.sentences)
        quoted = [h for s in sentences if s in said for h in said[s].headlines]
        speakers = {said[s].speaker for s in sentences if s in said}
        quoted += [f"Les propos {of(speaker)}" for speaker in speakers if len(speakers) == 1]
        heading = _heading([p for u in group for p in u.phrases], used, keyphrase, quoted)
        return PlannedSection(sentences, math.ceil(word_count(" ".join(sentences)) * scale), heading)

    lede = 1  # the intro keeps a paragraph that refers to it, as a section would (see _group)
    while lede < len(units) - 1 and needs_antecedent(units[lede].sentences[0]):
        lede += 1
    intro = section(units[:lede]) if units else PlannedSection((), 0, "")
    sections = tuple(section(g) for g in _group(units[lede:], MAX_SECTIONS))
    return Outline(keyphrase, title, intro, sections, target_words, tuple(said.values()))


@dataclass
class _Unit:
    sentences: list[str]
    phrases: tuple[str, ...]

    def halves(self) -> list[_Unit]:
        half = (len(self.sentences) + 1) // 2
        parts = [self.sentences[:half], self.sentences[half:]]
        return [_Unit(p, tuple(x for x in self.phrases if x in " ".join(p))) for p in parts]


def _keyphrase(analysis: Analysis) -> str:
    if analysis.keyphrases:
        return analysis.keyphrases[0]
    words = [w for w in analysis.source.title.split() if len(w) > 3]
    return " ".join(words[:2]) or "actualité"


def _group(units: list[_Unit], most: int) -> list[list[_Unit]]:
    """Consecutive runs of paragraphs, at most `most` of them, as even as possible; a paragraph that refers to
    what came before ("Ils font partie d'une alliance…") stays with the run before it: under a heading of its
    own, its first words would have nothing to stand for."""
    if not units:
        return []
    count = min(most, len(units))
    size = len(units) / count
    groups = [units[round(k * size): round((k + 1) * size)] for k in range(count)]
    for k in range(len(groups) - 1, 0, -1):
        while groups[k] and needs_antecedent(groups[k][0].sentences[0]):
            groups[k - 1].append(groups[k].pop(0))
    return [g for g in groups if g]


_SPARE_HEADINGS = ("le contexte", "les réactions", "les détails", "la suite", "les enjeux", "les faits", "le point")


def _heading(phrases: list[str], used: set[str], keyphrase: str, quoted: list[str]) -> str:
    """The section's first unused noun phrase (no quotation, no "de …" fragment), else a short quotation
    with its speaker, else whose words it quotes when it quotes one person ("Les propos de Paul Caraci"), else
    the keyphrase with a neutral complement."""
    candidates = [p for p in phrases if len(p) <= 70 and not any(m in p for m in "«»\"“”+")
                  and not p.lower().startswith(("d'", "de ", "du ", "des "))]
    candidates += [q for q in quoted if len(q) <= 70]
    candidates += [f"{keyphrase} : {spare}" for spare in _SPARE_HEADINGS]
    heading = next(p for p in candidates if p.lower() not in used)
    used.add(heading.lower())
    return heading


def _title(analysis: Analysis, keyphrase: str, quoted: list[str]) -> str:
    """A noun phrase of the lede that holds the keyphrase; else a short quotation of the keyphrase, when it
    is a person the source quotes ("Bernard-Henri Lévy : « C'est le coeur du mouvement »"); else the
    keyphrase, then a noun phrase of the lede. In 60 characters. A phrase that only puts a role before the
    keyphrase ("L'écrivain Bernard-Henri Lévy") says too little for a title."""
    head = keyphrase[0].upper() + keyphrase[1:]
    phrases = [p for paragraph in analysis.paragraphs[:2] for p in paragraph.phrases
               if not any(c.isdigit() or c in "«»\"“”" for c in p)]
    candidates = [p[0].upper() + p[1:] for p in phrases
                  if keyphrase.lower() in p.lower() and word_count(p) > word_count(keyphrase) + 2]
    candidates += [*quoted, *(f"{head} : {lowered(p)}" for p in phrases if keyphrase.lower() not in p.lower())]
    return next((c for c in candidates if len(c) <= TITLE_MAX), head[:TITLE_MAX])
