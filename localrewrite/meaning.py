"""The meaning gate: does a rewrite make the claims of its source, no more, no other?

A candidate passes `MeaningCheck.compare` when every claim of the source (see `localrewrite.claims`) is
in it with the same predicate, role, argument and speaker, and it makes no claim the source does not.
Where a difference touches something the parse could not read with confidence (a verb without a subject,
a pronoun without a sure antecedent, a word attached without a clear function), the verdict is uncertain:
not ok, but not a proven change of meaning either.

What the parse of one side does not settle is not held against the other: an argument it could not find
("?") is the other side's; a sentence's edges are read apart (`prepare`), so that a phrase moved to the
front or the end stays the clause's whatever word the parse of the whole hangs it on; a noun's complement
is compared where it stands in the text, not where the parse hangs it (`_attached`). A rewrite that cuts a
sentence into a fragment without a verb is refused.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from localrewrite.analyse import parse
from localrewrite.claims import (
    COMPLEMENT,
    COMPLETIVE,
    MODIFIER,
    OBJECT,
    QUOTATION,
    SENTENCE,
    SUBJECT,
    UNKNOWN,
    UNSURE,
    Claim,
    Phrase,
    Reading,
    attach,
    claims,
    joined,
    phrase,
    read,
    readings,
)
from localrewrite.facts import find_quotes, fold, normalise, unquoted
from localrewrite.tokens import Edge, edge, halves

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Claim", "MeaningCheck", "Verdict", "claims"]

Same = Callable[[str, str], bool]


@dataclass(frozen=True)
class Verdict:
    """ok, or why not: reasons in French for a journalist; uncertain when the parse cannot tell."""

    ok: bool
    reasons: tuple[str, ...] = ()
    uncertain: bool = False
    source: str = ""  # check_article: the source sentence(s) the article sentence was compared with


_normalised = lru_cache(maxsize=16384)(normalise)
_fold = lru_cache(maxsize=16384)(fold)


def folded(a: str, b: str) -> bool:
    """The default lemma equality: case- and accent-insensitive; a name also equals its last words
    ("Emmanuel Macron", "Macron"; "Anne-Emmanuelle Bourgaux", "Emmanuelle Bourgaux")."""
    if a == b:
        return True
    named = a[:1].isupper() and b[:1].isupper()
    a, b = _fold(a).rstrip("."), _fold(b).rstrip(".")  # "à 20 h." closing a sentence is "h."
    short, long = sorted((a, b), key=len)
    return a == b or (named and long.endswith((f" {short}", f"-{short}")))


class MeaningCheck:
    """Compares claims of source and rewrite, with the spaCy pipeline passed in. Each distinct text is
    parsed once (an LRU cache of readings), so the writer may compare hundreds of candidates cheaply."""

    def __init__(self, nlp: Language, cache_size: int = 4096) -> None:
        self.nlp = nlp
        self.cache_size = cache_size
        self._readings: OrderedDict[str, Reading] = OrderedDict()
        self._phrases: OrderedDict[str, Phrase] = OrderedDict()

    def reading(self, text: str) -> Reading:
        """The claims of a text, parsed once."""
        key = _normalised(text)
        if key not in self._readings:
            self.prepare([text])
        self._readings.move_to_end(key)
        return self._readings[key]

    def prepare(self, texts: Iterable[str]) -> None:
        """Parse, in one batch, the texts not read yet (candidates known ahead). A sentence of two clauses
        joined by a colon is read as the two; one that opens or closes with an adverbial phrase ("Dans la
        matinée, P", "P, à Lyon") as the rest of it, parsed alone, and the phrase, parsed alone, said of the
        clause it borders (see `localrewrite.claims.attach`): where the phrase stands then changes nothing the
        parse of the whole may have hung on another word."""
        new = list(dict.fromkeys(t for t in map(_normalised, texts) if t not in self._readings))
        if not new:
            return
        docs = self._parse(new)
        splits = {text: halves(doc) or edge(doc) for text, doc in zip(new, docs, strict=True)}
        for text, doc in zip(new, docs, strict=True):
            self._remember(text, read(doc))
        self.prepare(split.core for split in splits.values() if isinstance(split, Edge))
        phrases = list(dict.fromkeys(s.phrase for s in splits.values() if isinstance(s, Edge)
                                     and s.phrase not in self._phrases))
        for text, doc in zip(phrases, self._parse(phrases) if phrases else [], strict=True):
            self._phrases[text] = phrase(doc)
        for text, split in splits.items():
            if isinstance(split, Edge):
                detached = attach(self.reading(split.core), self._phrases[split.phrase], front=split.front)
                if detached is not None:
                    self._remember(text, detached)
            elif split is not None:  # read as a wording that cuts it in two is: one text, two sentences
                self._remember(text, joined(self._sentences(split)))
        while len(self._phrases) > self.cache_size:
            self._phrases.popitem(last=False)

    def compare(self, source: str, candidate: str, *, same: Same | None = None) -> Verdict:
        """Whether candidate makes exactly the claims of source. `same(a, b)` says whether two lemmas
        (predicates, arguments, speakers, as in `Claim`) are the same word: pass one that knows the synonym
        swaps; the default, `folded`, ignores case and accents and lets a name stand for its last words."""
        self.prepare([source, candidate])
        return _verdict(self.reading(source), self.reading(candidate), same or folded, whole=True)

    def check_article(self, article_sentences: Sequence[str], source_sentences: Sequence[str], *,
                      same: Same | None = None) -> list[tuple[str, Verdict]]:
        """The article sentences whose claims their source contradicts or lacks, each with its verdict.

        Each article sentence is aligned with the source sentence, or two adjacent ones, that share most
        of its content words; a sentence aligned with nothing, or that is only a quotation, is skipped
        (other checks see to those). The article may shorten: a source claim it leaves out is no fault.
        Uncertain verdicts are listed too, marked so. Each side is read as one text, so that a pronoun finds
        its antecedent in the sentence before. A sentence is cleared when, read alone as `compare` reads it
        (its edges and halves apart), it makes only claims of its source span read alone, and either the parse
        has no doubt about it alone or the verdict in context was uncertain: the parse of a whole text hangs
        phrases on other words than the parse of one sentence. One whose pronoun the two contexts give
        different antecedents stays refused."""
        parts = self._clauses(source_sentences)
        article, source = self._sentences(article_sentences), self._sentences([part for part, _ in parts])
        found = []
        for text, reading in zip(article_sentences, article, strict=True):
            if _only_quotation(text):
                continue
            span = _align(reading.lemmas, [r.lemmas for r in source])
            if span is None:
                continue
            verdict = _verdict(joined(source[span]), reading, same or folded, whole=False)
            whole = " ".join(dict.fromkeys(sentence for _, sentence in parts[span]))  # the sentences, not halves
            if not verdict.ok and not self._holds_alone(text, whole, same or folded, verdict.uncertain):
                found.append((text, Verdict(False, verdict.reasons, verdict.uncertain, whole)))
        return found

    def _holds_alone(self, text: str, source: str, same: Same, uncertain: bool) -> bool:
        self.prepare([text, source])
        alone = self.reading(text)
        return (uncertain or not alone.doubts) and _verdict(self.reading(source), alone, same, whole=False).ok

    def _clauses(self, sentences: Sequence[str]) -> list[tuple[str, str]]:
        """(part, its sentence) for the source sentences, one of two clauses joined by "et", "mais", ";", a
        colon or a link ("tandis que") read as the two (`halves`), as `prepare` reads it: the parse of the
        whole often makes the second subject the first clause's noun, or hangs the second clause's date on
        the first verb."""
        docs = self._parse([normalise(s).strip() for s in sentences]) if sentences else []
        return [(part, sentence) for sentence, doc in zip(sentences, docs, strict=True)
                for part in (halves(doc) or (sentence,))]

    def _sentences(self, sentences: Sequence[str]) -> list[Reading]:
        """Each sentence's reading, parsed as one text so that pronouns find antecedents in the sentence
        before."""
        texts = [normalise(s).strip() for s in sentences]
        doc = self._parse([" ".join(texts)])[0]
        spans, start = [], 0
        for text in texts:
            span = doc.char_span(start, start + len(text), alignment_mode="expand")
            spans.append((span.start, span.end) if span is not None else (0, 0))
            start += len(text) + 1
        return readings(doc, spans)

    def _parse(self, texts: list[str]) -> list[Doc]:
        return parse(self.nlp, texts)

    def _remember(self, text: str, reading: Reading) -> None:
        self._readings[text] = reading
        while len(self._readings) > self.cache_size:
            self._readings.popitem(last=False)


def _verdict(source: Reading, candidate: Reading, same: Same, *, whole: bool) -> Verdict:
    """Compare two readings; whole: every source claim must also be in the candidate."""
    lost = _unmatched(source, candidate, same)
    missing = lost if whole else []
    extra = _unmatched(candidate, source, same)
    cut = whole and candidate.fragments > source.fragments
    if not missing and not extra and not cut:
        return Verdict(True)
    reasons = _explain(lost, extra, same, whole=whole)
    if cut:
        reasons = ("phrase sans verbe conjugué : l'article coupe une phrase de la source en un fragment", *reasons)
    doubts = {**source.doubts, **candidate.doubts}
    touched = [why for key, why in doubts.items() if key == "*" or any(
        _touches(c, key) for c in [*missing, *extra])]
    if touched:
        return Verdict(False, tuple(dict.fromkeys(f"analyse incertaine : {why}" for why in touched)) + reasons,
                       uncertain=True)
    return Verdict(False, reasons)


def _touches(claim: Claim, key: str) -> bool:
    return key in (fold(claim.predicate), fold(claim.argument)) or key in fold(claim.speaker).split(" > ") or (
        key == UNKNOWN and UNKNOWN in (claim.argument, *claim.speaker.split(" > ")))


def _unmatched(this: Reading, other: Reading, same: Same) -> list[Claim]:
    """The claims of this reading that other does not make."""
    those = (*other.claims, *other.latent)
    exact = set(those)
    return [c for c in this.claims if c not in exact and not (
        _attached(c, this, other, same) if c.role == MODIFIER else any(_same_claim(c, o, same) for o in those))]


def _attached(c: Claim, this: Reading, other: Reading, same: Same) -> bool:
    """Whether other says c, a noun's complement, too: where the words still follow each other (whatever
    its parse), where it hangs the complement on a noun of the same phrase as this reading has it ("la
    visite du commandant de la force à Bagdad": any), or where it hangs a prepositional one on the verb
    that phrase is an argument of and it follows that verb or that phrase in other's text (the parse hangs
    "à Paris" of "a interpellé trois manifestants à Paris" on either; "a interpellé à Paris trois
    manifestants" says the same). Not where other hangs it on a noun of another phrase ("sur la pelouse
    devant le château aux tourelles": the château's, not the lawn's)."""
    if any(same(n, c.argument) and same(w, c.predicate) for w, n in other.follows):
        return True
    phrase = _phrase_of(c.predicate, this, same)
    governors = {x.predicate for x in this.claims if x.role != MODIFIER and any(same(x.argument, n) for n in phrase)}

    def follows(g: str) -> bool:
        return any(same(n, c.argument) and any(same(w, x) for x in (g, *phrase)) for w, n in other.follows)

    return any(same(o.argument, c.argument) and (
        (o.role in (MODIFIER, COMPLEMENT) and any(same(o.predicate, n) for n in phrase))
        or (o.role == COMPLEMENT and c.via and any(same(o.predicate, g) and follows(g) for g in governors)))
        for o in other.claims)


def _phrase_of(noun: str, reading: Reading, same: Same) -> set[str]:
    """The nouns of noun's phrase in a reading: those linked to it by noun complements, and those it is
    coordinated with."""
    modifiers = [m for m in reading.claims if m.role == MODIFIER]
    phrase, grown = {noun, *_coordinated(noun, reading, same)}, True
    while grown:
        grown = False
        for m in modifiers:
            ends = (m.predicate, m.argument)
            if any(same(end, n) for end in ends for n in phrase) and not all(
                    any(same(end, n) for n in phrase) for end in ends):
                phrase.update(ends)
                grown = True
    return phrase


def _coordinated(noun: str, reading: Reading, same: Same) -> set[str]:
    """The nouns a reading makes subject or object of a verb alongside noun ("les écoles et les crèches de
    la commune"): a complement after the last may be said of all."""
    places = {(c.predicate, c.role) for c in reading.claims if c.role in (SUBJECT, OBJECT) and same(c.argument, noun)}
    return {c.argument for c in reading.claims if (c.predicate, c.role) in places}


def _same_claim(a: Claim, b: Claim, same: Same) -> bool:
    """Same predicate, role, argument and speaker; an argument the parse did not find ("?") is the other's."""
    return (a.role == b.role or b.role == UNSURE) and same(a.predicate, b.predicate) and (
        UNKNOWN in (a.argument, b.argument) or same(a.argument, b.argument)) and _same_speaker(
        a.speaker, b.speaker, same)


def _same_speaker(a: str, b: str, same: Same) -> bool:
    left, right = a.split(" > ") if a else [], b.split(" > ") if b else []
    return len(left) == len(right) and all(same(x, y) for x, y in zip(left, right, strict=True))


# -- reasons ------------------------------------------------------------------------------------------

def _explain(lost: list[Claim], added: list[Claim], same: Same, *, whole: bool) -> tuple[str, ...]:
    """Pair what the candidate lost with what it added, and say each difference in French."""
    reasons: list[str] = []
    lost, added = list(lost), list(added)
    for test, say in _PAIRINGS:
        for new in list(added):
            old = next((o for o in lost if test(o, new, same)), None)
            if old is not None:
                reasons.append(say(old, new))
                added.remove(new)
                lost.remove(old)
    reasons += [f"affirmation ajoutée : {_phrase(c)}, absente de la source" for c in added]
    if whole:
        reasons += [f"complétive perdue : '{c.predicate}' introduit une complétive (que … '{c.argument}') dans la "
                    "source, plus dans l'article" if c.role == COMPLETIVE else
                    f"affirmation perdue : {_phrase(c)} dans la source, absente de l'article" for c in lost]
    return tuple(reasons)


def _phrase(c: Claim, *, said: bool = True) -> str:
    """A claim in words: "'police' sujet de 'interpeller' (selon 'préfecture')"."""
    said = f" (selon {_who(c.speaker)})" if c.speaker and said else ""
    if c.role == QUOTATION:
        return f"la citation « {c.argument} »{said}"
    if c.predicate == SENTENCE:
        return f"{_argument(c)} complément de la phrase{said}"
    return f"{_argument(c)} {_role(c)} de '{c.predicate}'{said}"


def _argument(c: Claim) -> str:
    return "(introuvable)" if c.argument == UNKNOWN else f"'{c.argument}'"


def _role(c: Claim) -> str:
    return f"{c.role} ({c.via})" if c.role == COMPLEMENT and c.via else c.role


def _who(speaker: str) -> str:
    return " rapportant ".join("(locuteur introuvable)" if s == UNKNOWN else f"'{s}'" for s in speaker.split(" > "))


def _role_changed(old: Claim, new: Claim, same: Same) -> bool:
    return old.role != new.role and same(old.predicate, new.predicate) and same(old.argument, new.argument)


def _completive_lost(old: Claim, new: Claim, same: Same) -> bool:
    return old.role == COMPLETIVE and new.role != COMPLETIVE and same(old.predicate, new.predicate)


def _speaker_changed(old: Claim, new: Claim, same: Same) -> bool:
    return old.role == new.role and same(old.predicate, new.predicate) and same(old.argument, new.argument)


def _moved(old: Claim, new: Claim, same: Same) -> bool:
    return old.role == new.role and same(old.argument, new.argument) and old.role != QUOTATION


def _argument_changed(old: Claim, new: Claim, same: Same) -> bool:
    return old.role == new.role and same(old.predicate, new.predicate) and old.role != QUOTATION


def _say_role(old: Claim, new: Claim) -> str:
    return f"rôle changé : {_phrase(old, said=False)} dans la source, {_role(new)} dans l'article"


def _say_completive(old: Claim, new: Claim) -> str:
    return (f"complétive changée : '{old.predicate}' introduit une complétive (que … '{old.argument}') dans la "
            f"source, un {_role(new)} ('{new.argument}') dans l'article")


def _say_speaker(old: Claim, new: Claim) -> str:
    what = _phrase(old, said=False)
    if not new.speaker:
        return f"source perdue : l'article affirme ce que la source attribue à {_who(old.speaker)} : {what}"
    if not old.speaker:
        return f"source ajoutée : l'article attribue à {_who(new.speaker)} ce que la source affirme : {what}"
    return f"source changée : la source l'attribue à {_who(old.speaker)}, l'article à {_who(new.speaker)} : {what}"


def _say_moved(old: Claim, new: Claim) -> str:
    return (f"rattachement changé : {_phrase(old, said=False)} dans la source, de '{new.predicate}' dans "
            "l'article")


def _say_argument(old: Claim, new: Claim) -> str:
    changed = "changée" if old.role == COMPLETIVE else "changé"
    return (f"{old.role} {changed} : '{old.predicate}' a pour {_role(old)} {_argument(old)} dans la source, "
            f"{_argument(new)} dans l'article")


_PAIRINGS: tuple[tuple[Callable[[Claim, Claim, Same], bool], Callable[[Claim, Claim], str]], ...] = (
    (_speaker_changed, _say_speaker),
    (_completive_lost, _say_completive),
    (_role_changed, _say_role),
    (_argument_changed, _say_argument),
    (_moved, _say_moved),
)


# -- alignment ----------------------------------------------------------------------------------------

def _align(lemmas: frozenset[str], source: list[frozenset[str]]) -> slice | None:
    """The source sentence, or two adjacent ones, that the article sentence restates: the one that holds
    most of its content lemmas (at least half of them, and two), the closest match on a tie; a pair only
    when it holds clearly more."""
    best, best_score = None, (0.5, 0.0)
    if len(lemmas) < 2:
        return None
    for i in range(len(source)):
        for width in (1, 2)[: len(source) - i]:
            theirs = frozenset().union(*source[i: i + width])
            shared = len(lemmas & theirs)
            score = (shared / len(lemmas) - (0.15 if width == 2 else 0.0), shared / len(lemmas | theirs))
            if shared >= 2 and score >= best_score and (best is None or score > best_score):
                best, best_score = slice(i, i + width), score
    return best


def _only_quotation(text: str) -> bool:
    """A sentence that is a quotation and at most its attribution ("« … », a-t-il dit")."""
    return bool(find_quotes(text)) and sum(len(piece.split()) for piece in unquoted(text)) <= 6
