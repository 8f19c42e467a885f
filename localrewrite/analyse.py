"""spaCy French, loaded once -> Analysis: sentences, paragraphs, entities, numbers, quotes, FactSheet."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from localrewrite.errors import ModelError
from localrewrite.facts import find_dates, find_numbers, find_quotes, normalise, unquoted
from localrewrite.facts import sentences as split_sentences
from localrewrite.ingest import Source
from localrewrite.points import key_point
from localrewrite.tokens import DEMONSTRATIVES, REPORTING, has_relative, in_brackets, is_time, lemma

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Entity:
    text: str
    label: str  # spaCy French labels: PER, ORG, LOC, MISC


@dataclass(frozen=True)
class FactSheet:
    """What a rewrite must keep, and the only facts it may use."""

    entities: tuple[Entity, ...]
    numbers: tuple[str, ...]  # as written in the source ("2 500", "46.600")
    dates: tuple[str, ...]  # date expressions ("29 janvier", "dimanche 18 février")
    quotes: tuple[str, ...]  # quotations, without their quote marks
    source_text: str  # the normalised source text (title and body), for verbatim checks


@dataclass(frozen=True)
class Paragraph:
    text: str
    sentences: tuple[str, ...]
    facts: FactSheet
    phrases: tuple[str, ...] = ()  # noun phrases, longest first: material for headings and questions


@dataclass(frozen=True)
class Analysis:
    source: Source
    paragraphs: tuple[Paragraph, ...]
    facts: FactSheet
    keyphrases: tuple[str, ...]  # candidates, best first
    points: dict[str, str] = field(default_factory=dict)  # a sentence -> its key point (main clause), if shorter
    verbless: frozenset[str] = frozenset()  # the sentences without a conjugated verb ("Une rencontre impromptue…")

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p.sentences]


_ENTITY_LABELS = ("PER", "ORG", "LOC", "MISC")
_MAX_PARAGRAPH_WORDS = 120  # a longer unbroken block is re-segmented


class Analyser:
    """spaCy French, loaded once per process; call it on a Source."""

    def __init__(self, model: str = "fr_core_news_md") -> None:
        self.model = model
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            import spacy

            try:
                self._nlp = spacy.load(self.model)
            except OSError:
                raise ModelError(
                    f"spaCy model {self.model!r} is not installed: run `pip install {self.model.replace('_', '-')}`."
                ) from None
        return self._nlp

    def entities(self, text: str) -> list[Entity]:
        """Named entities of any text (the output too), apostrophes normalised first."""
        return _entities(parse(self.nlp, [normalise(text)])[0])

    def widened(self, facts: FactSheet, text: str) -> FactSheet:
        """facts with those of another text added (the notes' and archive's passages an article uses)."""
        if not text.strip():
            return facts
        text = normalise(text)
        return _facts(f"{facts.source_text}\n\n{text}", _unique([*facts.entities, *self.entities(text)]))

    def __call__(self, source: Source) -> Analysis:
        body = [normalise(p) for p in source.paragraphs]
        docs = parse(self.nlp, body)
        paragraphs: list[Paragraph] = []
        for doc in docs:
            sentences = whole_sentences(split_sentences(doc.text))
            for chunk in _segment(sentences):
                text = " ".join(chunk)
                facts = _facts(text, _entities(doc, text))
                paragraphs.append(Paragraph(text, tuple(chunk), facts, tuple(_phrases(doc, text))))
        title = normalise(source.title)
        whole = "\n\n".join([title, *[p.text for p in paragraphs]]).strip()
        title_entities = _entities(parse(self.nlp, [title])[0]) if title else []
        entities = _unique([*title_entities, *(e for p in paragraphs for e in p.facts.entities)])
        facts = _facts(whole, entities)
        analysis = Analysis(source, tuple(paragraphs), facts, tuple(_keyphrases(self.nlp, title, whole, entities)))
        every = analysis.sentences
        docs = parse(self.nlp, every)
        points = {s: point for s, doc in zip(every, docs, strict=True) if (point := key_point(doc))}
        verbless = frozenset(s for s, doc in zip(every, docs, strict=True) if not _main_verb(doc))
        return replace(analysis, points=points, verbless=verbless)


def parse(nlp: Language, texts: Sequence[str]) -> list[Doc]:
    """spaCy's parse of each text with the sentences split_sentences finds, and only those: left to itself the
    parser of fr_core_news_md cuts "Washington s'est montré…" after its first word and parses each piece
    alone, which wrecks the tree every later stage reads."""
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        starts = {0}
        at = 0
        for sentence in split_sentences(text):
            at = text.find(sentence, at)
            starts.add(at)
            at += len(sentence)
        for token in doc:
            token.is_sent_start = token.idx in starts or token.i == 0
        docs.append(doc)
    return list(nlp.pipe(docs))


def _main_verb(doc: Doc) -> bool:
    """Whether a sentence's main clause has a conjugated verb (a relative clause's does not count: "Une
    rencontre impromptue, organisée à l'insu de…, et qui a provoqué une crise")."""
    def relative(t: Token) -> bool:
        clause = t.head if t.dep_.startswith(("aux", "cop")) else t
        return any(a.dep_ == "acl:relcl" or has_relative(a) for a in [clause, *clause.ancestors])

    return any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] and not relative(t) for t in doc)


def _entities(doc: Doc, within: str | None = None) -> list[Entity]:
    found = [
        Entity(ent.text.strip(" '\"«»"), ent.label_)
        for ent in doc.ents
        if ent.label_ in _ENTITY_LABELS and len(ent.text.strip()) > 1
    ]
    if within is not None:
        found = [e for e in found if e.text in within]
    return _unique(found)


def _unique(entities: Iterable[Entity]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.text.lower(), entity)
    return list(seen.values())


def _facts(text: str, entities: Sequence[Entity]) -> FactSheet:
    return FactSheet(
        entities=tuple(entities),
        numbers=tuple(dict.fromkeys(find_numbers(text))),
        dates=tuple(dict.fromkeys(find_dates(text))),
        quotes=tuple(dict.fromkeys(find_quotes(text))),
        source_text=text,
    )


def whole_sentences(sentences: list[str]) -> list[str]:
    """Join sentences that a quotation spans, so no quotation is ever cut in two (analysis and article alike)."""
    joined: list[str] = []
    for sentence in sentences:
        last = joined[-1] if joined else ""
        if last and (last.count("«") > last.count("»") or last.count('"') % 2 or last.count("“") > last.count("”")):
            joined[-1] = f"{last} {sentence}"
        else:
            joined.append(sentence)
    return joined


def _segment(sentences: list[str]) -> list[list[str]]:
    """Split an over-long paragraph (scraped text often has no breaks) into ~3-sentence paragraphs."""
    if sum(len(s.split()) for s in sentences) <= _MAX_PARAGRAPH_WORDS:
        return [sentences] if sentences else []
    chunks: list[list[str]] = [[]]
    for sentence in sentences:
        if chunks[-1] and sum(len(s.split()) for s in chunks[-1]) + len(sentence.split()) > 90:
            chunks.append([])
        chunks[-1].append(sentence)
    return chunks


def _phrases(doc: Doc, within: str) -> list[str]:
    """Verbless noun phrases of 3-8 words ("une visite urgente en Irak"), best first, a phrase cut before
    its clause or aside last ("une enquête sur les injures" of "… adressées samedi à…"); none from inside a
    quotation: "Macron en prison" is a slogan the source quotes, not a heading it supports."""
    within = " ".join(unquoted(within))
    found: dict[str, float] = {}
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        span = doc[token.left_edge.i: token.right_edge.i + 1]
        while len(span) and (span[0].pos_ in ("ADP", "CCONJ", "PUNCT") or span[0].is_punct):
            span = span[1:]
        while len(span) and (span[-1].is_punct or span[-1].pos_ in ("ADP", "CCONJ", "DET")):
            span = span[:-1]
        stop = next((k for k, t in enumerate(span) if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ")
                     or (t.is_punct and t.text not in "-'")), len(span))
        cut = stop < len(span)  # "une enquête sur les injures (adressées samedi…)": the phrase before the clause
        if cut and (stop == 0 or not _clause_open(span[stop]) or span[stop - 1].pos_ in ("ADP", "DET", "CCONJ")):
            continue
        span = span[:stop]
        while len(span) and span[-1].pos_ in ("ADP", "CCONJ", "DET"):
            span = span[:-1]
        if not 3 <= len(span) <= 8 or span.text not in within:
            continue
        if span[0].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM") or _fragment(span):
            continue
        score = -abs(len(span) - 5) + 1.5 * any(t.pos_ == "PROPN" for t in span) - 3 * cut
        found[span.text] = max(score, found.get(span.text, score))
    return sorted(found, key=lambda p: -found[p])


def _clause_open(t: Token) -> bool:
    """Whether t opens what a noun phrase may be cut before: a relative pronoun, a past participle, an aside
    in brackets or after a comma."""
    return t.lower_ in ("qui", "que", "qu'", "dont") or t.text in "(," or (
        t.pos_ == "VERB" and t.morph.get("VerbForm") == ["Part"] and t.morph.get("Tense") == ["Past"])


#: Nouns of idioms or of nothing in particular, no topic: "a eu lieu près de…", "au contraire des…", "à nouveau à
#: Paris", "la même chose".
_IDIOMS = {"lieu", "part", "compte", "place", "fin", "face", "suite", "contraire", "nouveau", "encontre", "chose",
           "fois", "façon", "manière", "prix"}
#: Nouns of a quantity or a length of time: a phrase made of them alone ("une trentaine d'années") has no topic.
_MEASURES = {"dizaine", "vingtaine", "trentaine", "quarantaine", "cinquantaine", "centaine", "millier", "an",
             "année", "mois", "semaine", "jour", "heure", "minute"}


def _fragment(span: Span) -> bool:
    """Whether a noun phrase is a piece torn from a longer one, no heading: a name cut short ("Le Premier
    ministre Mohammed"), the end of a coordination ("États-Unis et de l'Iran", "Irak et 900 autres"), a name
    run into what follows it ("Reuters dimanche 18 février", "Irak fin janvier", "Montparnasse au
    philosophe", "avance aux soupçons"), a reporting verb and its speaker ("note Jean-Christophe Ploquin"), a
    participle with its agent ("cité par Reuters"), the noun of an idiom ("lieu près de l'aéroport",
    "l'encontre du philosophe", "prix de sévères remous"), a possessive's ("son ministre de l'Intérieur"), a
    phrase that points back ("cette mère de deux enfants", "la même source", "à quelques mètres de là"), an
    item of a list in brackets or a measure alone ("une trentaine d'années"), who a speaker told run into the
    speaker ("à l'AFP Serge"), a title's complement run into the name ("l'Intérieur Christophe Castaner"), a
    name run into a date ("Saddam Hussein en 2003")."""
    doc, first = span.doc, span[0]
    if span[-1].text[:1].isupper() and span.end < len(doc) and doc[span.end].text[:1].isupper():
        return True
    pairs = list(zip(span, span[1:], strict=False))
    if (first.pos_ == "PROPN" and any(t.pos_ == "CCONJ" for t in span)) or any(
            a.pos_ == "CCONJ" and b.pos_ == "ADP" for a, b in pairs):
        return True
    if any(a.pos_ == "PROPN" and b.pos_ == "NOUN" and b.text.islower() for a, b in pairs):
        return True
    after_comma = first.i > 0 and doc[first.i - 1].is_punct
    if first.pos_ == "NOUN" and first.text.islower() and span[1].pos_ == "PROPN" and after_comma:
        return True  # an inverted reporting verb read as a noun: "…», note Jean-Christophe Ploquin dans La Croix"
    if span.end < len(doc) and doc[span.end].text.startswith("-"):
        return True  # cut before a hyphen: "le peuple présent sur les ronds" (-points)
    if first.pos_ in ("NOUN", "ADJ") and first.text.islower() and first.i > 0 and doc[first.i - 1].pos_ in (
            "DET", "ADP"):
        return True  # torn from its determiner: "(au) marqueur de slogans", "(du) complotisme et un antisionisme"
    if first.lower_ in _POSSESSIVES | DEMONSTRATIVES or any(t.lower_ in ("même", "mêmes", "là") for t in span):
        return True  # "son ministre", "cette mère", "la même source": whose, which? The sentence before said it
    if in_brackets(doc, first.i):
        return True  # an item of a list in brackets ("boules de pétanque, batte de baseball…")
    word, link = doc[first.i - 2: first.i] if first.i >= 2 else (None, None)
    if link is not None and link.lower_ in ("à", "au") and word.pos_ == "VERB" and lemma(word) in REPORTING:
        return True  # who was told, run into who said it: "(a affirmé à) l'AFP Serge"
    if link is not None and first.pos_ == "DET" and link.lower_ in ("de", "d'") and word.pos_ == "NOUN" and any(
            t.pos_ == "PROPN" for t in span):
        return True  # a title's complement run into the name: "(le ministre de) l'Intérieur Christophe Castaner"
    if any(a.pos_ == "PROPN" and b.pos_ == "ADP" and (c.like_num or is_time(c)) for a, b, c in zip(
            span, span[1:], span[2:], strict=False)):
        return True  # a name run into the date of the clause: "(renversé) l'ancien dirigeant Saddam Hussein en 2003"
    if any(t.lower_ in _POSSESSIVES and t.head.lemma_ in _IDIOMS for t in span):
        return True  # "une réponse plus dure de leur part": whose? The sentence said it
    bare = first.pos_ == "PROPN" or first.pos_ == "NOUN" and first.text.islower()  # "par avance aux soupçons"
    if all(t.lemma_.lower() in _MEASURES for t in span if t.pos_ == "NOUN"):
        return True
    noun = next((t for t in span if t.pos_ in ("NOUN", "PROPN")), first)
    return span[1].text == "par" or noun.text.lower() in _IDIOMS or (bare and span[1].lower_ in ("au", "aux"))


_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
_STOP_HEADS = {"il", "elle", "ils", "elles", "on", "qui", "que", "ce", "cela", "lui", "eux", "nous", "vous"}


def _keyphrases(nlp: Language, title: str, text: str, entities: Sequence[Entity]) -> list[str]:
    """Keyphrase candidates: entities and noun phrases, scored by frequency, title presence and length."""
    lowered = text.lower()
    title_lower = title.lower()
    candidates: dict[str, str] = {e.text.lower(): e.text for e in entities}
    named = set(candidates)
    for chunk in nlp(title).noun_chunks if title else ():
        words = [t for t in chunk if not t.is_stop and not t.is_punct and t.pos_ in ("NOUN", "PROPN", "ADJ")]
        if words and words[0].text.lower() not in _STOP_HEADS:
            phrase = chunk.doc[words[0].i : words[-1].i + 1].text
            if 1 <= len(phrase.split()) <= 3:
                candidates.setdefault(phrase.lower(), phrase)
    scored = []
    for key, phrase in candidates.items():
        count = lowered.count(key)
        if count < 2 or len(key) < 4:
            continue
        score = count * (2.0 if key in title_lower else 1.0) * (1.5 if " " in key else 1.0)
        score *= 1.5 if key in named else 1.0
        scored.append((score, phrase))
    scored.sort(key=lambda pair: -pair[0])
    return [phrase for _, phrase in scored]
