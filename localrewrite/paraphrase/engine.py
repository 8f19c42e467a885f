"""The paraphrase engine: candidate wordings of a source sentence, faithful by construction, filtered by the
caller's constraints and ranked.

Shape (after TextAttack): transformations make candidates (syntax.py rewrites the parse, words.py swaps
words and set phrases, the caller adds the model's own attempts); constraints refuse them (the caller's
gate, meaning and grammar checks, given as `accept`); the model judges fluency (Backend.score); selection
prefers the candidate that changes most of the source's wording while reading as well as the source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import TYPE_CHECKING

from localrewrite.analyse import parse
from localrewrite.article import word_count
from localrewrite.backends.base import Backend
from localrewrite.check import LONG_SENTENCE_WORDS
from localrewrite.facts import fold, sentences
from localrewrite.paraphrase import syntax, words
from localrewrite.paraphrase.surface import Plan, render
from localrewrite.tokens import quoted_tokens

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: A word swap must read about as well as the word it replaces: the model's log-probability of the swap and
#: the three words after it may fall at most this far (nats) below the source's, read as it is or against
#: each word's own likelihood out of context (a rare word's handicap taken off).
SWAP_MARGIN = 3.0
NEUTRAL = "Mot :"  # the prefix under which a word's likelihood out of context is measured
#: A whole wording may read this much worse than its source, in mean log-probability per token.
WORDING_MARGIN = 0.35
SCORED = 4  # wordings the model may judge per sentence (the most wanted that pass the constraints)
FLUENT = 2  # judged fluent, after which the rest are kept unjudged (the body's wording and a spare)
COMPOSED = 2  # rounds of syntactic rules: a rule applies to another rule's output once
FRONTIER = 3  # wordings of one round that the next round rewrites again
PARSES = 2048  # parses kept
SHORTER = 0.5  # merit of a wording that cuts a long sentence into shorter ones, on top of its novelty: a
#: faithful split normally wins (wire copy's 30-word sentences fail the long-sentence check), unless it
#: changes half as much of the wording as the best single sentence
CONTEXT_CHARS = 300  # how much of the text before the sentence the model reads as context


@dataclass(frozen=True)
class Candidate:
    """One wording of a source sentence and how it was made."""

    text: str
    kinds: tuple[str, ...]  # "front", "back", "split", "voice", "synonym", "phrase", "rule", "model"
    aliases: tuple[tuple[str, str], ...] = ()  # (written, source's words): the swaps, for the word checks
    lemmas: tuple[tuple[str, str], ...] = ()  # (source lemma, new lemma): the swaps, for the meaning check
    novelty: float = 0.0  # share of the wording's word trigrams that the source sentence lacks
    fluency: float | None = None  # mean log-probability per token minus the source's (None: not scored)


@dataclass
class EngineStats:
    """Running counts: wordings made, those the caller's constraints refused (by first reason), those the
    model found much less fluent than their source, and word swaps judged and refused in context."""

    made: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    swaps_scored: int = 0
    swaps_refused: int = 0

    def since(self, before: EngineStats) -> dict[str, object]:
        return {"made": self.made - before.made, "refused": dict(self.refused - before.refused),
                "swaps_scored": self.swaps_scored - before.swaps_scored,
                "swaps_refused": self.swaps_refused - before.swaps_refused}

    def copy(self) -> EngineStats:
        return EngineStats(self.made, Counter(self.refused), self.swaps_scored, self.swaps_refused)


class Paraphraser:
    """Wordings of source sentences through nlp (a spaCy French pipeline with word vectors) and a backend
    that can score (otherwise swaps are ranked by word vectors alone)."""

    def __init__(self, nlp: Language, backend: Backend | None = None) -> None:
        self.nlp = nlp
        self.backend = backend if backend is not None and backend.can_score else None
        self.stats = EngineStats()
        self._docs: dict[str, Doc] = {}
        self._priors: dict[str, float] = {}

    def parse(self, text: str) -> Doc:
        """spaCy's parse of text, kept for the sentence's other wordings (the cache holds one article's)."""
        if text not in self._docs:
            if len(self._docs) >= PARSES:
                self._docs.clear()
            self._docs[text] = parse(self.nlp, [text])[0]
        return self._docs[text]

    def wordings(self, sentence: str, *, context: str = "", protect: Sequence[str] = (),
                 extra: Sequence[Candidate] = (), accept: Callable[[Candidate], list[str]] | None = None,
                 ) -> list[Candidate]:
        """Wordings of sentence that pass accept, best first: the rule-made ones and extra (the model's, the
        regex restatements), never the sentence itself."""
        doc = self.parse(sentence)
        protected = _protected(doc, protect)
        swaps = self._ranked_swaps(doc, protected, context)
        made = [*self._candidates(doc, swaps), *extra]
        unique = {fold(c.text): c for c in made if fold(c.text) != fold(sentence)}
        ranked = sorted((replace(c, novelty=novelty(c.text, sentence)) for c in unique.values()),
                        key=lambda c: -merit(c, sentence))
        self.stats.made += len(ranked)
        passing = []
        for candidate in ranked:
            failures = accept(candidate) if accept else []
            self.stats.refused.update(failures[:1])
            if not failures and candidate.novelty > 0:
                passing.append(candidate)
        return self.fluent(sentence, passing, context)

    # -- candidates ---------------------------------------------------------------------------------

    def _candidates(self, doc: Doc, swaps: dict[int, words.Swap]) -> list[Candidate]:
        """Word swaps first (all of them, every other one, none), then the syntactic rules on each result's
        own parse, twice over for the most novel: rules of different kinds compose, and each reads the words
        it moves as they now are (a swapped noun's gender decides the participle a passive makes agree)."""
        slots = sorted(swaps)
        lexical = []
        for chosen in (slots, slots[::2], slots[1::2], []):
            usable = [swaps[i] for i in chosen]
            if _overlap(usable):
                usable = _disjoint(usable)
            forms = {i: form for swap in usable for i, form in swap.forms}
            whole = Plan((tuple(range(len(doc))),), ())
            lexical.append(Candidate(render(doc, whole, forms) if usable else doc.text,
                                     tuple(dict.fromkeys(s.kind for s in usable)),
                                     tuple(pair for s in usable for pair in s.aliases(doc)),
                                     tuple(pair for s in usable if (pair := s.lemmas))))
        lexical = list({c.text: c for c in lexical}.values())
        out = [c for c in lexical if c.kinds]
        frontier = lexical
        for _ in range(COMPOSED):
            found = [replace(c, text=render(parsed, plan), kinds=c.kinds + plan.kinds, lemmas=c.lemmas + plan.refers,
                             aliases=c.aliases + plan.aliases)
                     for c in frontier for parsed in (self.parse(c.text),)
                     for plan in syntax.plans(parsed, quoted_tokens(parsed)) if not set(plan.kinds) & set(c.kinds)]
            found = list({c.text: c for c in found}.values())
            out += found
            frontier = sorted(found, key=lambda c: -novelty(c.text, doc.text))[:FRONTIER]
        return out

    def _ranked_swaps(self, doc: Doc, protected: frozenset[int], context: str) -> dict[int, words.Swap]:
        """The best swap of each word that has one, judged by the model in context where it can score."""
        best: dict[int, words.Swap] = {}
        for at, options in words.options(doc, protected).items():
            if doc[at].pos_ == "VERB" and doc[at].morph.get("VerbForm") == ["Fin"]:  # a participle reads as one
                options = [swap for swap in options if self._still_a_verb(doc, swap)]
                if not options:
                    continue
            if self.backend is None or options[0].kind == "phrase":
                best[at] = options[0]
                continue
            chosen = self._judge(doc, at, options, context)
            if chosen is not None:
                best[at] = chosen
        return best

    def _still_a_verb(self, doc: Doc, swap: words.Swap) -> bool:
        """Whether the sentence with a verb swapped still reads with as many verbs: "estime" -> "juge" makes
        "Bourgaux juge que…" read as a noun, by the parser as by a hurried reader."""
        text = render(doc, Plan((tuple(range(len(doc))),), ()), dict(swap.forms))
        return _verbs(self.parse(text)) == _verbs(doc)

    def _judge(self, doc: Doc, at: int, options: list[words.Swap], context: str) -> words.Swap | None:
        """The swap the model finds likeliest at its place (the word and the three after it), if it falls no
        more than SWAP_MARGIN below the source's word, in raw log-probability or in pointwise mutual
        information with the context (log-probability in place minus out of context). Raw probability alone
        refuses every rarer word ("dirigeant" for "chef": -5.0), PMI alone every more common one; a wrong
        sense or a broken set phrase reads badly under both ("endroit de rassemblement": -11.0 and -10.6)."""
        assert self.backend is not None
        prefix = (context[-CONTEXT_CHARS:] + " " + doc[:at].text).strip()
        after = doc[at + 1: at + 4].text
        written = [doc[at].text] + [dict(s.forms)[at] for s in options]
        scores = [s.logprob for s in self.backend.score(prefix, [f"{w} {after}".strip() for w in written])]
        self._learn_priors(written)
        pmi = [score - self._prior(w) for score, w in zip(scores, written, strict=True)]
        self.stats.swaps_scored += len(options)
        fit = [max(scores[i] - scores[0], pmi[i] - pmi[0]) for i in range(1, len(written))]
        ranked = sorted(zip(fit, scores[1:], options, strict=True), key=lambda t: -t[1])
        for margin, _, swap in ranked:
            if margin >= -SWAP_MARGIN:
                return swap
        self.stats.swaps_refused += 1
        return None

    def _handicap(self, candidate: Candidate) -> float:
        """How much less likely out of context the candidate's swapped words are than the source's."""
        return sum(self._prior(old) - self._prior(new) for new, old in candidate.aliases if new)

    def _prior(self, word: str) -> float:
        """The model's log-probability of word out of context (after NEUTRAL), kept for the session."""
        self._learn_priors([word])
        return self._priors[word]

    def _learn_priors(self, words: Sequence[str]) -> None:
        """The priors of words not known yet, scored together."""
        assert self.backend is not None
        new = list(dict.fromkeys(w for w in words if w not in self._priors))
        for word, score in zip(new, self.backend.score(NEUTRAL, new) if new else [], strict=True):
            self._priors[word] = score.logprob

    def fluent(self, sentence: str, passing: list[Candidate], context: str) -> list[Candidate]:
        """The passing wordings, judged by the model in order until FLUENT of them read about as well as the
        source (at most SCORED judged; those after are kept as they rank): one reading much worse than the
        source (mean log-probability per token, as it is or with the swapped words' own rarity taken off,
        as in _judge) is dropped (the model's own attempts too: "Ce n'est qu'après cette visite" garbled
        into "Après ce n'est que cette visite" keeps every word)."""
        if self.backend is None or not passing:
            return passing
        prefix = context[-CONTEXT_CHARS:]
        # One at a time: a wording shares its beginning with the source or the wording before, which the
        # scorer's cache holds (read together, each would be read whole).
        source = self.backend.score(prefix, [sentence])[0].mean
        fluent: list[Candidate] = []
        for scored, candidate in enumerate(passing):
            if len(fluent) >= FLUENT or scored >= SCORED:
                return fluent + passing[scored:]
            score = self.backend.score(prefix, [candidate.text])[0]
            self._learn_priors([word for pair in candidate.aliases for word in pair if word])
            fluency = max(score.mean, (score.logprob + self._handicap(candidate)) / score.tokens) - source
            if fluency >= -WORDING_MARGIN:
                fluent.append(replace(candidate, fluency=fluency))
            else:
                self.stats.refused["fluency"] += 1
        return fluent


def merit(candidate: Candidate, source: str) -> float:
    """How much the writer wants a wording: its novelty, and a bonus when it cuts a long source sentence
    in two (wire copy's 30-word sentences are hard to read in one go)."""
    long = word_count(source) > LONG_SENTENCE_WORDS
    return candidate.novelty + SHORTER * (long and len(sentences(candidate.text)) > len(sentences(source)))


def novelty(text: str, source: str) -> float:
    """Share of the text's word trigrams (quotations aside) that the source does not have (0: a copy); bigrams,
    then words, where the text has too few words outside its quotation ("Il espère : « … »")."""
    from localrewrite.article import words as split
    from localrewrite.facts import unquoted

    def grams(t: str, n: int) -> set[tuple[str, ...]]:
        tokens = split(fold(" ".join(unquoted(t, 1))))
        return {tuple(tokens[i: i + n]) for i in range(len(tokens) - n + 1)}

    for n in (3, 2, 1):
        a = grams(text, n)
        if a:
            return 1 - len(a & grams(source, n)) / len(a)
    return 0.0


def _verbs(doc: Doc) -> int:
    return sum(t.pos_ in ("VERB", "AUX") for t in doc)


def _protected(doc: Doc, protect: Sequence[str]) -> frozenset[int]:
    """Tokens no swap may touch: quotations, names, numbers, and the phrases asked for (the keyphrase)."""
    keep = set(quoted_tokens(doc))
    keep |= {t.i for t in doc if t.ent_type_ or t.like_num or t.pos_ in ("PROPN", "NUM")}
    text = fold(doc.text)
    for phrase in protect:
        key = fold(phrase)
        start = text.find(key)
        while key and start >= 0:
            keep |= {t.i for t in doc if start <= t.idx < start + len(key)}
            start = text.find(key, start + 1)
    return frozenset(keep)


def _overlap(swaps: list[words.Swap]) -> bool:
    return any(a.touched & b.touched for a, b in combinations(swaps, 2))


def _disjoint(swaps: list[words.Swap]) -> list[words.Swap]:
    kept: list[words.Swap] = []
    for swap in swaps:
        if not any(swap.touched & k.touched for k in kept):
            kept.append(swap)
    return kept
