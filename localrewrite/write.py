"""Outline -> Draft: sentence-level rewriting with a gate on every attempt, then SEO blocks to length.

A small model invents readily, so the writer never trusts one generation: each source sentence is
rewritten up to 1 + retries times (a seed each, decoded together); an attempt is kept only if it passes the gate
(no number, quotation or name that the source sentence lacks, words supported by the source, French,
no loop). Among passing attempts the one furthest from the source wording wins; the others are kept as
spares for the SEO blocks. A sentence with no passing attempt is kept as the source wrote it:
nothing invented ever reaches the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from localrewrite import headline
from localrewrite.analyse import Analysis, FactSheet, whole_sentences
from localrewrite.article import Article, Block, Faq, word_count, words
from localrewrite.backends.base import Backend
from localrewrite.boxes import people, profiles
from localrewrite.check import LONG_SENTENCE_WORDS, invented_numbers
from localrewrite.context import NOTES, Extract, asked_of
from localrewrite.facts import (
    find_dates,
    find_quotes,
    fold,
    normalise,
    open_quote,
    sentences,
    unquoted,
)
from localrewrite.gate import (
    copies_start,
    echoes,
    fold_words,
    gate,
    sentence_facts,
    unknown_names,
    unsupported,
)
from localrewrite.meaning import folded
from localrewrite.paraphrase.engine import Candidate, merit, novelty
from localrewrite.plan import TITLE_MAX, Outline, PlannedSection
from localrewrite.points import needs_antecedent
from localrewrite.prompts import STOP, task
from localrewrite.render import slugify
from localrewrite.restate import dated, lowered, named, of, restatements, unlinked
from localrewrite.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from localrewrite.grammar import Grammar
    from localrewrite.meaning import MeaningCheck
    from localrewrite.paraphrase.engine import Paraphraser


#: Neutral sentences that lengthen a too-short meta description without stating any fact.
_FILLERS = ("Ce qu'il faut savoir sur cette actualité.", "Les faits, les acteurs et les enjeux en détail.",
            "Toutes les informations dans notre article.")
GOOD_ENOUGH = 0.35  # novelty at which the writer stops trying for a sentence
#: After PROBATION attempts in an article, the model is asked to better a wording the engine found only while
#: at least USEFUL of its attempts pass the checks (the default model: 14 of 388 on the corpus, 3.6 %, and one
#: chosen for the body, for about 40 % of the writing time); a sentence with no wording still gets one attempt.
PROBATION, USEFUL = 8, 0.1
#: The model writes the section headings while one of its first HEADING_PROBATION passes its checks; else the
#: sections keep their headings from the source (the default model: 70 of 80 refused on the corpus, 0.7 s each).
HEADING_PROBATION = 3
#: "L'essentiel" stays well under check.py's 300 words without a heading (seed 001's seven points made 316).
POINTS_WORDS = 240
WORD_SWAPS = frozenset({"synonym", "phrase"})  # kinds of wording that keep the source's syntax
EXTRA_ROUNDS = 1  # FAQ rounds that ask the model for more wordings while the article is short
MAX_PARAGRAPH_WORDS = 110
BOX, FAQ = "box", "faq"  # a fact is said at most three times: in the body, in one box, in one FAQ answer
QUOTE_USES = 2  # a long quotation in the text and once more (an FAQ answer, a key point); the quote box aside
_TITLE_SLACK = 15  # characters a headline's form may run past the title's: a wording may be that much shorter
_ARTICLES = frozenset("le la les l un une des du de d au aux".split())  # "l'" and "d'" cut from their word
_SAID = ("Qu'a dit {} ?", "Que dit encore {} ?", "Quels sont les propos de {} ?")  # asked of a quotation's speaker
_SOURCES = frozenset({"source", "responsable", "témoin"})  # subjects no question asks after, nor these:
_QUANTITIES = frozenset({"majorité", "plupart", "partie", "nombre", "moitié", "totalité", "ensemble", "reste"})
QUESTIONS = ("que faut-il savoir ?", "que sait-on exactement ?", "quels sont les faits ?",
             "que retenir ?", "où en est-on ?", "quels sont les détails ?", "que s'est-il passé ?")

@dataclass(frozen=True)
class Event:
    """Progress for the CLI: kind is "stage" (label: what is under way before writing), "note" (label: a line
    for the user), "translate", "start", "section", "tokens" or "done"."""

    kind: str
    done: int = 0
    total: int = 0
    tokens: int = 0
    label: str = ""


@dataclass
class WriteStats:
    sentences: int = 0  # source sentences rewritten or kept
    rewritten: int = 0  # written by the model and accepted
    copied: int = 0  # kept as the source wrote them: every attempt failed the gate
    attempts: int = 0
    headings: int = 0  # section headings the model was asked for
    headings_kept: int = 0  # those that passed their checks
    kept_tokens: int = 0
    discarded_tokens: int = 0
    rejections: Counter[str] = field(default_factory=Counter)
    passed_at: Counter[int] = field(default_factory=Counter)  # model attempts that passed, by attempt number
    chosen: Counter[str] = field(default_factory=Counter)  # body sentences by what made their wording ("copy")
    wordings: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # (source, body, kinds)
    paraphraser: dict[str, object] = field(default_factory=dict)  # the engine's counts for this article

    def as_dict(self) -> dict[str, object]:
        listed = ("rejections", "passed_at", "chosen", "wordings")
        return {**{k: v for k, v in self.__dict__.items() if k not in listed},
                "rejections": dict(self.rejections), "passed_at": dict(sorted(self.passed_at.items())),
                "chosen": dict(self.chosen),
                "wordings": [{"source": s, "text": t, "kinds": list(k)} for s, t, k in self.wordings]}


@dataclass
class Draft:
    article: Article
    outline: Outline
    stats: WriteStats
    extracts: list[Extract] = field(default_factory=list)  # the notes' and archive's passages it uses


@dataclass
class _Rewrite:
    source: str
    context: str
    text: str
    spares: list[str]
    barren: bool = False  # the model was asked and no attempt passed: asking again rarely helps
    restated: set[str] = field(default_factory=set)  # where it was said again: once in a box, once in the FAQ


class Writer:
    """Writes one article through a backend; on_event receives progress. The paraphraser makes the
    wordings; each one (the model's too) must pass the gate, the meaning check (who did what to whom) and
    the grammar check (no more Grammalecte errors than its source, no new misspelling); without them those
    checks are skipped (unit tests)."""

    def __init__(self, backend: Backend, analysis: Analysis, outline: Outline, settings: Settings,
                 on_event: Callable[[Event], None] | None = None, *, paraphraser: Paraphraser | None = None,
                 meaning: MeaningCheck | None = None, grammar: Grammar | None = None,
                 extracts: Sequence[Extract] = ()) -> None:
        self.backend = backend
        self.extracts = list(extracts)  # notes first, then archive passages, best first
        self.extracts_used: list[Extract] = []
        self._extract_rewrites: list[tuple[Extract, list[_Rewrite]]] = []  # their sentences, for FAQ answers
        self.paraphraser = paraphraser
        self.meaning = meaning
        self.grammar = grammar
        self._errors: dict[str, int] = {}  # grammar errors by text: a source sentence is checked once
        self._points: dict[str, list[str]] = {}  # the wordings of a sentence's key point, made once
        self.analysis = analysis
        self.outline = outline
        self.settings = settings
        self.emit = on_event or (lambda event: None)
        self.stats = WriteStats()
        self.used: set[str] = set()  # folded sentences already in the article (quoted ones too): none twice
        self.quoted: Counter[str] = Counter()  # its long quotations: each is quoted at most QUOTE_USES times

    def write(self) -> Draft:
        engine = self.paraphraser.stats.copy() if self.paraphraser else None
        outline = self.outline
        sections = [outline.intro, *outline.sections]
        self.emit(Event("start", total=len(sections) + 1))
        written: list[tuple[PlannedSection, list[_Rewrite]]] = []
        for number, section in enumerate(sections, 1):
            keep = outline.keyphrase if number == 1 else None
            written.append((section, self._section(section, keep)))
            self.emit(Event("section", done=number, total=len(sections) + 1, label=section.fallback_heading))
        article = self._assemble(written)
        self.emit(Event("section", done=len(sections) + 1, total=len(sections) + 1, label="SEO"))
        self.emit(Event("done"))
        if self.paraphraser and engine:
            self.stats.paraphraser = self.paraphraser.stats.since(engine)
        return Draft(article, outline, self.stats, self.extracts_used)

    # -- sentences -----------------------------------------------------------------------------

    def _section(self, section: PlannedSection, keyphrase: str | None) -> list[_Rewrite]:
        out: list[_Rewrite] = []
        total = 0
        for sentence in section.sentences:
            if total >= section.budget:
                break
            must = keyphrase if keyphrase and keyphrase.lower() in sentence.lower() else None
            before = " ".join(r.text for r in out[-2:])
            rewrite = self._rewrite(sentence, section.text, must_contain=must, before=before)
            out.append(rewrite)
            total += word_count(rewrite.text)
        return out

    def _rewrite(self, sentence: str, context: str, *, must_contain: str | None = None, before: str = "",
                 extra: int = 0, keep_source: bool = True) -> _Rewrite:
        """Best wording of one source sentence, or the sentence itself if none passes ("" when not
        keep_source): the paraphraser's (rules on the parse, word swaps, the regex restatements), then, while
        none changes enough of the wording and the model's attempts pass often enough, the model's free
        attempts. before: the article's text just before it (the model's context)."""
        self.stats.sentences += extra == 0
        prompt = task("rewrite").prompt(sentence, chat=self.backend.chat)
        budget = len(self.backend.tokenize(sentence)) * 3 // 2 + 8
        facts = sentence_facts(sentence)
        support = f"{sentence} {context}"
        accept = self._acceptor(sentence, facts, context, must_contain)
        found: list[Candidate] = []
        if not extra:
            rules = [Candidate(text, ("rule",)) for text in restatements(sentence)]
            protect = [self.outline.keyphrase]
            if self.paraphraser is not None:
                found = self.paraphraser.wordings(sentence, context=before, protect=protect, extra=rules,
                                                  accept=accept)
            else:
                found = [replace(c, novelty=novelty(c.text, sentence)) for c in rules if not accept(c)]
        enough = bool(found) and (max(c.novelty for c in found) >= GOOD_ENOUGH or not self._model_helps())
        # The model keeps a quotation whole in about 3 % of its attempts (corpus, 3 articles): a sentence with
        # one gets a single attempt, and none when it is mostly quotation. So does every sentence once the
        # model has failed its probation in this article.
        retries = 0 if find_quotes(sentence, 1) or not self._model_helps() else self.settings.retries
        attempts = 0 if enough or _mostly_quoted(sentence) else 1 + retries
        model_passed = 0
        seeds = [self.settings.seed + 7919 * attempt + 104729 * extra + len(sentence) for attempt in range(attempts)]
        watchers = [self._watch(facts, support, sentence) for _ in seeds]
        completions = self.backend.complete_many(prompt, seeds, stop=STOP, max_tokens=budget,
                                                 temperature=self.settings.temperature,
                                                 on_text=lambda i, piece: watchers[i](piece)) if seeds else []
        used = 0
        for attempt, completion in enumerate(completions):
            used += 1
            self.stats.attempts += 1
            candidate = Candidate(_clean(completion.text), ("model",))
            failures = ["copy"] if copies_start(candidate.text, sentence) else accept(candidate)
            if failures:
                self.stats.rejections.update(failures)
                self.stats.discarded_tokens += completion.generated_tokens
                continue
            found.append(replace(candidate, novelty=novelty(candidate.text, sentence)))
            model_passed += 1
            self.stats.passed_at[attempt + 1] += 1
            self.stats.kept_tokens += completion.generated_tokens
            if extra and found[-1].novelty > 0 and self._fresh(candidate.text):
                break
            if found[-1].novelty >= GOOD_ENOUGH:
                break
        self.stats.discarded_tokens += sum(c.generated_tokens for c in completions[used:])  # drawn, not needed
        barren = model_passed == 0 and attempts > 0
        if model_passed and self.paraphraser is not None:
            judged = self.paraphraser.fluent(sentence, [c for c in found if "model" in c.kinds], before)
            self.stats.rejections["fluency"] += model_passed - len(judged)
            found = [c for c in found if "model" not in c.kinds] + judged
        found.sort(key=lambda c: -merit(c, sentence))
        best = {c.text: c for c in reversed(found) if c.novelty > 0}
        texts = list(dict.fromkeys(c.text for c in found if c.novelty > 0))
        if extra or not (texts or keep_source):
            return _Rewrite(sentence, context, texts[0] if texts else "", texts[1:], barren)
        if not texts:
            self.stats.copied += 1
            self.stats.chosen["copy"] += 1
            self.stats.wordings.append((sentence, sentence, ("copy",)))
            return _Rewrite(sentence, context, sentence, [], barren)
        self.stats.rewritten += 1
        self.stats.chosen.update(best[texts[0]].kinds)
        self.stats.wordings.append((sentence, texts[0], best[texts[0]].kinds))
        return _Rewrite(sentence, context, texts[0], texts[1:], barren)

    def _model_helps(self) -> bool:
        attempts = self.stats.attempts
        return attempts < PROBATION or sum(self.stats.passed_at.values()) >= USEFUL * attempts

    def _acceptor(self, sentence: str, facts: FactSheet, context: str,
                  must_contain: str | None) -> Callable[[Candidate], list[str]]:
        """The constraints every wording of sentence must meet, cheapest first: the gate (its word checks
        reading a swapped word as the source's), the keyphrase, grammar, then meaning. A wording made of word
        swaps alone keeps the source's parse tree, so its claims are the source's by construction: parsing it
        again would only measure the parser's noise (`check` does parse the finished article again). Meaning
        reads both with their times as the article prints them ("17 h"), as `check` will."""
        published = french_times(sentence)

        def accept(candidate: Candidate) -> list[str]:
            failures = gate(candidate.text, sentence, facts, context=context, aliases=candidate.aliases,
                            stutter="model" in candidate.kinds)
            if must_contain and must_contain.lower() not in candidate.text.lower():
                failures.append("keyphrase")
            if "model" in candidate.kinds and _articles_only(sentence, candidate.text):
                failures.append("articles")
            if failures:
                return failures
            if self._garbled(candidate.text, sentence):
                return ["grammar"]
            if self.meaning is not None and not set(candidate.kinds) <= WORD_SWAPS:
                pairs = [*candidate.lemmas, *((new, old) for old, new in candidate.lemmas)]
                verdict = self.meaning.compare(  # a pair holds for a name's last words too ("Me André Chamy")
                    published, french_times(candidate.text),  # read as published ("17 h")
                    same=lambda a, b: folded(a, b) or any(folded(a, x) and folded(b, y) for x, y in pairs))
                if not verdict.ok:
                    return ["meaning_uncertain" if verdict.uncertain else "meaning"]
            return []

        return accept

    def _garbled(self, text: str, source: str = "") -> bool:
        """Whether text has more grammar errors than source (than none, for a heading or a title), or a word
        the dictionary does not know that the source does not write."""
        if self.grammar is None:
            return False
        for t in (text, source):
            if t not in self._errors:
                self._errors[t] = len(self.grammar.errors(t)) if t else 0
        if self._errors[text] > self._errors[source]:
            return True
        known = fold(f"{source} {self.analysis.facts.source_text}")
        return any(fold(w) not in known for w in self.grammar.misspellings(text))

    def _watch(self, facts: FactSheet, support: str, sentence: str) -> Callable[[str], bool]:
        """A streaming watcher: counts tokens for the progress bar and stops an attempt as soon as
        its finished words hold a name, a number or a content word that the source lacks (it would
        fail the gate), or copy the first two thirds of the sentence (it could not be new enough)."""
        seen: list[str] = []
        want = fold_words(sentence)

        def on_text(piece: str) -> bool:
            self.emit(Event("tokens", tokens=1))
            seen.append(piece)
            text = "".join(seen)
            done = text[: text.rfind(" ")] if " " in text else ""
            return not (unknown_names(done, support) or invented_numbers(done, facts)
                        or unsupported(done, support) or echoes(fold_words(done), want))

        return on_text

    # -- assembly ----------------------------------------------------------------------------

    def _assemble(self, written: list[tuple[PlannedSection, list[_Rewrite]]]) -> Article:
        outline = self.outline
        (_, intro), body = written[0], written[1:]
        for _, rewrites in body:
            if rewrites:
                rewrites[0].text = self._opening(rewrites[0])
        for _, rewrites in written:
            for r in rewrites:
                self._place(r.text)
        lede = [Block("p", p) for p in _paragraphs([r.text for r in intro])]
        points = [self._key_point(rw) for _, rw in written]
        bullets = _bullets(points)
        sections = [[Block("p", p) for p in _paragraphs([r.text for r in rw])] for _, rw in body]
        length = sum(word_count(b.text) for b in (*lede, *bullets, *(b for s in sections for b in s)))
        context = self._context(length, body[-1][1] if body else intro)
        length += sum(word_count(b.text) for b in context if b.kind == "p")
        dates = [Block("li", d) for d in self._dates(written)] if length < outline.target_words else []
        length += sum(word_count(b.text) for b in dates)
        boxes = self._boxes() if length < outline.target_words else []
        length += sum(word_count(b.text) for b in boxes if b.kind == "li")
        faqs = self._faqs(written, length)
        length += sum(word_count(f.answer) for f in faqs)
        if length < outline.target_words and "" in points:
            # still short: a long key point for each section that had no short one, if that reaches the target
            longer = [point or self._long_point(rw) for point, (_, rw) in zip(points, written, strict=True)]
            length += sum(map(word_count, longer)) - sum(map(word_count, points))
            if length >= outline.target_words:
                points, bullets = longer, _bullets(longer)
        if length < outline.target_words:
            # the source cannot give the target: no long sentence is said again only to pad a shorter article
            faqs = [faq for faq in faqs if not _has_long(faq.answer)]
            dates = [date for date in dates if not _has_long(date.text)]
        # The model writes headings and title last: their prompts differ from the rewrite prompt, whose
        # cached prefix the FAQ rounds above still reuse.
        blocks = lede
        if bullets:
            blocks += [Block("h2", f"L'essentiel sur {self._topic}"), *bullets]
        used_headings = {section.fallback_heading.lower() for section, _ in body}
        for (section, _), paragraphs in zip(body, sections, strict=True):
            blocks += [Block("h2", self._heading(section, used_headings)), *paragraphs]
        blocks += context + boxes
        if dates:
            blocks += [Block("h2", "Les dates à retenir"), *dates]
        _keyphrase_in_a_heading(blocks, outline.keyphrase)
        if faqs:
            blocks.append(Block("h2", f"Questions fréquentes sur {self._topic}"))
            for faq in faqs:
                blocks += [Block("h3", faq.question), Block("p", faq.answer)]
        if self.analysis.source.attribution:
            credit = self.analysis.source.attribution
            blocks.append(Block("credit", credit if credit.lower().startswith("avec") else f"Avec {credit}"))
        blocks, faqs = surnames(blocks, faqs, people(self.analysis.facts))
        title = self._title()
        opening = " ".join(r.text for _, rewrites in written[:2] for r in rewrites)
        return Article(title=title, description=describe(outline.keyphrase, opening), slug=slugify(title),
                       keyphrase=outline.keyphrase, blocks=blocks, faqs=faqs,
                       sources=tuple(e.id for e in self.extracts_used))

    @property
    def _topic(self) -> str:
        """The keyphrase as the source writes it after "sur": with the article it most often has there
        ("l'Irak", "les gilets jaunes"); a name without one stays bare ("Esmail Qaani")."""
        return with_article(self.outline.keyphrase, self.analysis.facts.source_text)

    def _context(self, length: int, before: list[_Rewrite]) -> list[Block]:
        """While the article is short: "Nos informations" from the notes, "Rappel des faits" from the archive,
        under a heading that credits each archived article. Each extract's sentences are rewritten with the
        extract as their only support; a sentence that no wording changes is left out (the newsroom's own
        earlier text is not copied either), and so is one with a subject pronoun or a demonstrative ("il
        devait", "lance-t-il", "ces propos") that does not follow a sentence written from the same extract
        (what it refers to is not there)."""
        taken: dict[str, list[tuple[Extract, list[str]]]] = {NOTES: [], "archive": []}
        text = " ".join(r.text for r in before[-2:])
        for extract in self.extracts:
            if length >= self.outline.target_words:
                break
            said: list[str] = []
            rewrites: list[_Rewrite] = []
            follows = False  # whether the sentence before was written: a pronoun may refer to it
            for sentence in whole_sentences(sentences(extract.text)):
                if not follows and needs_antecedent(sentence):
                    continue
                r = self._rewrite(sentence, extract.text, before=text, keep_source=False)
                follows = bool(r.text) and self._fresh(r.text)
                if follows:
                    self._place(r.text)
                    said.append(r.text)
                    rewrites.append(r)
                    text = r.text
            if said:
                taken[extract.origin].append((extract, said))
                self.extracts_used.append(extract)
                self._extract_rewrites.append((extract, rewrites))
                length += sum(word_count(t) for t in said)
        blocks: list[Block] = []
        for origin, heading in ((NOTES, "Nos informations"), ("archive", "Rappel des faits")):
            by_credit: dict[str, list[tuple[Extract, list[str]]]] = {}  # an archived article's passages together
            for extract, said in taken[origin]:
                by_credit.setdefault(extract.credit, []).append((extract, said))
            if by_credit:
                blocks.append(Block("h2", heading))
            for credit, items in by_credit.items():
                if credit != heading:
                    blocks.append(Block("h3", credit))
                for _, said in sorted(items, key=lambda item: item[0].number):  # in the article's order
                    blocks += [Block("p", p) for p in _paragraphs(said)]
        return blocks

    def _dates(self, written: list[tuple[PlannedSection, list[_Rewrite]]]) -> list[str]:
        """The source's dated facts, in its order ("Dimanche : le parquet a ouvert…"); none if fewer than 2."""
        found: list[tuple[_Rewrite, str]] = []
        for _, rewrites in written:
            for r in rewrites:
                if BOX in r.restated:
                    continue
                text = next((t for t in map(dated, [*r.spares, r.source]) if t and self._fresh(t) and not gate(
                    t, r.source, sentence_facts(r.source), context=r.context)), None)
                if text:
                    found.append((r, text))
        if len(found) < 2:
            return []
        for r, text in found:
            self._place(text)
            r.restated.add(BOX)
        return [text for _, text in found]

    def _boxes(self) -> list[Block]:
        """"Ce qu'ils ont dit" (the source's whole quotations with their speaker, those with no sentence
        already in the article) and "Qui est qui ?" (the roles the source gives its people, two or more)."""
        said = [(s.speaker, q) for s in self.outline.sayings for q in s.whole if not _keys(q) & self.used]
        blocks = []
        if said:
            one = len({speaker for speaker, _ in said}) == 1  # the heading names the one speaker, not the items
            blocks.append(Block("h2", f"Ce qu'a dit {said[0][0]}" if one else "Ce qu'ils ont dit"))
            blocks += [Block("li", f"« {q} »" if one else f"{speaker} : « {q} »") for speaker, q in said]
            self.used |= {key for _, q in said for key in _keys(q)}
        who = profiles(self.analysis.sentences, people(self.analysis.facts))
        if len(who) >= 2:
            blocks += [Block("h2", "Qui est qui ?"), *(Block("li", f"{p.name} : {p.role}") for p in who)]
        return blocks

    def _faqs(self, written: list[tuple[PlannedSection, list[_Rewrite]]], words_so_far: int) -> list[Faq]:
        """Questions on each section, then on each extract used (asked by its credit: "Que rapportait notre
        article du 12 janvier 2019 ?"), answered with other wordings of their sentences, up to the target; an
        answer never opens with a pronoun, whose antecedent the reader of the answer has not seen.

        A first round takes only answers without a long sentence (spare wordings, the first sentence of a
        split, wordings of a key point); then round 0 uses spare attempts, rounds 1 to EXTRA_ROUNDS ask the
        model for more, the last may quote the source.
        """
        faqs: list[Faq] = []
        groups: list[tuple[PlannedSection | Extract, list[_Rewrite]]] = [*written, *self._extract_rewrites]
        for round_, short in ((0, True), *((r, False) for r in range(EXTRA_ROUNDS + 2))):
            for owner, rewrites in groups:
                for start in range(0, len(rewrites), 2):
                    if words_so_far >= self.outline.target_words:
                        return faqs
                    asked = {faq.question for faq in faqs}
                    if isinstance(owner, Extract) and asked_of(owner) in asked:
                        break
                    pieces: list[str] = []
                    for r in rewrites[start:start + 2]:
                        if pieces or not needs_antecedent(r.source):  # "Il a évoqué…" needs what precedes
                            pieces += filter(None, [self._take(r, round_, FAQ, alone=not pieces, short=short)])
                    answer = " ".join(pieces)
                    if answer:
                        question = (asked_of(owner) if isinstance(owner, Extract)
                                    else self._question(answer, owner, asked))
                        faqs.append(Faq(question, answer))
                        words_so_far += word_count(answer)
        return faqs

    def _question(self, answer: str, section: PlannedSection, asked: set[str]) -> str:
        """A question the answer answers, from its own facts: the speaker of a quotation it holds ("Qu'a dit
        Lucia Ferrera ?"), a person it names outside its quotations ("Que sait-on de Lucia Ferrera ?"; with a
        paraphraser to parse it, only the subject of one of its sentences: an answer about the man who
        insulted Alain Finkielkraut tells little of Alain Finkielkraut), a date ("Que s'est-il passé le 26
        janvier ?"), the subject its first sentence is about ("Que sait-on du gouvernement irakien ?"), else
        the keyphrase or the section's topic with a stock question. Never one already asked."""
        quoted = {fold(q) for q in find_quotes(answer, 1)}
        speakers = dict.fromkeys(s.speaker for s in self.outline.sayings if quoted & {fold(q) for q in s.quotes})
        said = " ".join(unquoted(answer, 1))  # a name inside a quotation is not what the answer is about
        parts = sentences(answer)
        subjects = " ".join(_subjects(self.paraphraser.parse(s)) for s in parts) if (
            self.paraphraser is not None) else said
        known = people(self.analysis.facts)
        surnames = _unique_surnames(known)
        named = list(dict.fromkeys(_in_full(name, surnames) for name in known if name in said and name in subjects))
        dates = [d if d[0].islower() or d.split()[0] in ("En", "Dès") else f"le {d}" for d in find_dates(answer)]
        subject = _subject_phrase(self.paraphraser.parse(parts[0])) if self.paraphraser else ""
        candidates = [*(q.format(name) for name in speakers for q in _SAID),
                      *(f"Que sait-on {of(name)} ?" for name in named),
                      *(f"Que s'est-il passé {_lower_first(date)} ?" for date in dates),
                      *([f"Que sait-on {_of_the(subject)} ?"] if subject and fold(subject) in fold(said) else [])]
        for topic in (self.outline.keyphrase, section.fallback_heading):
            candidates += [f"{_capitalised(topic)} : {question}" for question in QUESTIONS]
        return next((q for q in candidates if q not in asked), candidates[-1])

    def _take(self, rewrite: _Rewrite, round_: int, where: str, *, alone: bool = False, short: bool = False
              ) -> str:
        """A wording of rewrite.source not yet in the article for `where` (BOX or FAQ; "" if none, or if the
        sentence was already restated there): a spare (one with no long sentence first, then the first
        sentence of one that cuts the source in two), else in rounds 1 to EXTRA_ROUNDS new model attempts
        (unless the model never managed one), after them a wording of its key point. Never the source's own
        sentence: the article says each of its facts in other words than the agency's. alone: one that
        needs nothing before it (needs_antecedent). short: only a wording without a long sentence (a spare, the
        first sentence of a split, a wording of the key point), the long spares kept for later."""
        if where in rewrite.restated:
            return ""
        if short:
            brief = [t for t in rewrite.spares if not _has_long(t)]
            points = [t for t in self._point_wordings(rewrite) if not _has_long(t)]
            texts = brief + _first_halves(rewrite.spares) + points
            chosen = self._restate(rewrite, texts, where, alone=alone)
            rewrite.spares = [t for t in rewrite.spares if t in texts or t not in brief]
            return chosen
        if not rewrite.spares and not rewrite.barren and 0 < round_ <= EXTRA_ROUNDS:
            more = self._rewrite(rewrite.source, rewrite.context, extra=round_)
            rewrite.spares += [t for t in (more.text, *more.spares) if t]
            rewrite.barren = more.barren
        if round_ > EXTRA_ROUNDS:
            rewrite.spares += self._point_wordings(rewrite)
        long = [t for t in rewrite.spares if _has_long(t)]
        texts = [t for t in rewrite.spares if t not in long] + _first_halves(rewrite.spares) + long
        chosen = self._restate(rewrite, texts, where, alone=alone)
        rewrite.spares = [t for t in rewrite.spares if t in texts]  # _restate took out the one said, the stale
        return chosen

    def _opening(self, rewrite: _Rewrite) -> str:
        """A section's first wording as a reader finds it after a heading and a box: a pronoun that stands
        for the sentence's speaker replaced by the name ("Il a déclaré : « … »" -> "Bernard-Henri Lévy a
        déclaré : « … »"), where the source names the speaker for certain."""
        if not needs_antecedent(rewrite.text):
            return rewrite.text
        speaker = next((s.speaker for s in self.outline.sayings if s.sentence == rewrite.source), None)
        chosen = (speaker and named(rewrite.text, speaker)) or ""
        return chosen if chosen and not needs_antecedent(chosen) else rewrite.text

    def _key_point(self, rewrites: list[_Rewrite]) -> str:
        """The section's key point for "L'essentiel": of its sentences a reader can take alone (no pronoun
        that needs the sentence before, a verb in the main clause), the first that makes a short bullet
        (LONG_SENTENCE_WORDS words or fewer: the sentence, a long one's main clause, or the first sentence of
        a wording that cuts it in two), else the first short wording of any ("" if none: `_long_point`)."""
        alone = self._standalone(rewrites)
        for r in alone:
            if word_count(r.source) <= LONG_SENTENCE_WORDS and (point := self._point(r)):
                return point
            main = self.analysis.points.get(r.source, "")
            if main and word_count(main) <= LONG_SENTENCE_WORDS and (
                    point := self._restate(r, self._point_wordings(r), BOX, alone=True)):
                return point
            if point := self._restate(r, _first_halves(r.spares), BOX, alone=True):
                return point
        return next((point for r in alone if (point := self._take(r, 0, BOX, alone=True, short=True))), "")

    def _long_point(self, rewrites: list[_Rewrite]) -> str:
        """The section's key point where it has no short one and the article is short of its target: the
        first that can join, however long."""
        return next((point for r in self._standalone(rewrites) if (point := self._point(r))), "")

    def _standalone(self, rewrites: list[_Rewrite]) -> list[_Rewrite]:
        """The sentences a reader can take alone: no pronoun that needs the sentence before, a verb in the
        main clause."""
        return [r for r in rewrites if not needs_antecedent(r.source) and r.source not in self.analysis.verbless]

    def _point(self, rewrite: _Rewrite) -> str:
        """A key point for "L'essentiel", which a reader takes alone: a spare wording of the sentence, else a
        wording of its main clause (the source's aside dropped: Analysis.points); "" if neither can join the
        article."""
        point = self._take(rewrite, 0, BOX, alone=True)
        if point or BOX in rewrite.restated:
            return point
        return self._restate(rewrite, self._point_wordings(rewrite), BOX, alone=True)

    def _point_wordings(self, rewrite: _Rewrite) -> list[str]:
        """The paraphraser's wordings of the sentence's key point (none without a paraphraser or a point)."""
        point = self.analysis.points.get(rewrite.source, "")
        if not point or self.paraphraser is None:
            return []
        if point not in self._points:
            accept = self._acceptor(point, sentence_facts(point), rewrite.context, None)
            self._points[point] = [c.text for c in self.paraphraser.wordings(point, accept=accept)]
        return list(self._points[point])

    def _restate(self, rewrite: _Rewrite, texts: list[str], where: str, *, alone: bool = False) -> str:
        """The first of texts that can join the article (and needs nothing before it, if alone: a pronoun
        that stands for the sentence's speaker is replaced by the name, a word that links it to the sentence
        before is dropped), taken out of texts and placed as rewrite's restatement in `where`; "" if none.
        Texts that can no longer join are dropped on the way."""
        for text in list(texts):
            if not text or not self._fresh(text):
                texts.remove(text)
                continue
            chosen = unlinked(text) if alone else text  # "a toutefois avancé X" -> "a avancé X"
            if alone and needs_antecedent(chosen):  # "Il espère : « … »" -> "Paul Caraci espère : « … »"
                speaker = next((s.speaker for s in self.outline.sayings if s.sentence == rewrite.source), None)
                chosen = (speaker and named(chosen, speaker)) or ""
                if not chosen or needs_antecedent(chosen):
                    continue
            texts.remove(text)
            self._place(chosen)
            rewrite.restated.add(where)
            return chosen
        return ""

    def _place(self, text: str) -> None:
        self.used |= _keys(text)
        self.quoted.update(_long_quotes(text))

    def _fresh(self, text: str) -> bool:
        """Whether text can join the article: none of its sentences (a quoted one included) is there
        already, and none of its long quotations is there QUOTE_USES times."""
        return not _keys(text) & self.used and all(self.quoted[q] < QUOTE_USES for q in _long_quotes(text))

    def _heading(self, section: PlannedSection, used: set[str]) -> str:
        """The model's heading for the section while it earns its place (HEADING_PROBATION), else the one from
        the source."""
        asked = self.stats.headings < HEADING_PROBATION or self.stats.headings_kept
        heading = (asked and self._model_heading(section, used)) or _capitalised(section.fallback_heading)
        used.add(heading.lower())
        return heading

    def _model_heading(self, section: PlannedSection, used: set[str]) -> str:
        """A heading the model writes for the section, "" if it fails its checks."""
        self.stats.headings += 1
        support = " ".join(unquoted(section.text))  # a slogan the source quotes is not a heading it supports
        text = " ".join(section.sentences[:2])
        completion = self.backend.complete(task("heading").prompt(text, chat=self.backend.chat), stop=STOP,
                                           max_tokens=24, seed=self.settings.seed,
                                           temperature=self.settings.temperature)
        heading = _clean(completion.text).rstrip(".")
        ok = (2 <= len(words(heading)) <= 10 and not gate(heading, support, sentence_facts(support), 0.0, whole=False)
              and heading.lower() not in used and not self._garbled(heading))
        self._account(completion.generated_tokens, ok, "heading")
        self.stats.headings_kept += ok
        return heading if ok else ""

    def _title(self) -> str:
        """The source's headline in other words (what the story is: who did what), else the model's title,
        else the outline's."""
        return self._headline() or self._model_title()

    def _headline(self) -> str:
        """The fullest form of the source's headline that fits a title (headline.forms), in the paraphraser's
        words or its own, led by the keyphrase where it lacks it; "" if none fits or passes the checks. A
        form a little too long is tried too: a wording of it may be short enough."""
        if self.paraphraser is None:
            return ""
        keyphrase, source = self.outline.keyphrase, self.analysis.source.title
        for form in headline.forms(source, self.paraphraser.parse, TITLE_MAX + _TITLE_SLACK):
            accept = self._acceptor(form, sentence_facts(form), self.analysis.facts.source_text, None)
            wordings = [c.text.rstrip(".") for c in self.paraphraser.wordings(form, protect=[keyphrase], accept=accept)]
            for text in [*wordings, form]:
                if keyphrase.lower() not in text.lower():
                    text = f"{_capitalised(keyphrase)} : {lowered(text)}"
                if len(text) <= TITLE_MAX and fold(text) != fold(source):
                    return text
        return ""

    def _model_title(self) -> str:
        outline = self.outline
        head = _capitalised(outline.keyphrase)
        lede = " ".join(outline.intro.sentences[:1]) or self.analysis.source.title
        prefill = "" if self.backend.chat else f"{head} :"
        completion = self.backend.complete(task("title").prompt(lede, chat=self.backend.chat, prefill=prefill),
                                           stop=STOP, max_tokens=24, seed=self.settings.seed,
                                           temperature=self.settings.temperature)
        title = _clean(f"{prefill} {completion.text}").rstrip(".")
        source_title = normalise(self.analysis.source.title).lower()
        ok = (len(title) <= TITLE_MAX and outline.keyphrase.lower() in title.lower()
              and len(words(title)) >= len(words(head)) + 2 and normalise(title).lower() != source_title
              and title.lower().count(outline.keyphrase.lower()) == 1
              and not gate(title, " ".join(unquoted(self.analysis.facts.source_text)), self.analysis.facts, 0.0,
                           whole=False)
              and not self._garbled(title))
        self._account(completion.generated_tokens, ok, "title")
        return title if ok else outline.fallback_title

    def _account(self, tokens: int, kept: bool, what: str) -> None:
        if kept:
            self.stats.kept_tokens += tokens
        else:
            self.stats.discarded_tokens += tokens
            self.stats.rejections[what] += 1


def describe(keyphrase: str, text: str, low: int = 120, high: int = 156) -> str:
    """Meta description of 120-156 characters: the keyphrase, then the article's opening sentences, whole
    where they fit; cut at a word boundary ("…") only when whole sentences cannot reach 120 characters."""
    head = _capitalised(keyphrase)
    parts = sentences(" ".join(text.split()))
    if parts and keyphrase.lower() not in parts[0][:80].lower():
        parts[0] = lowered(parts[0])
        out = f"{head} :"
    else:
        out = ""
    for part in [*parts, *_FILLERS]:
        longer = f"{out} {part}".strip()
        if len(longer) > high:
            return _cut(longer, high - 1) + "…"
        out = longer
        if len(out) >= low:
            return out
    return out


def _cut(text: str, limit: int) -> str:
    """text cut at a word boundary within limit characters, and before a quotation the cut would open."""
    text = text[:limit].rsplit(" ", 1)[0]
    opened = open_quote(text)
    return (text[:opened] if opened >= 0 else text).rstrip(" ,;:")


def _clean(text: str) -> str:
    text = " ".join(text.replace("Réponse :", " ").split())
    return re.sub(r"^[-–—:•*\s]+", "", text).strip()


def _keyphrase_in_a_heading(blocks: list[Block], keyphrase: str) -> None:
    """SEO wants the keyphrase in a subheading: put it in the first H2 if none has it."""
    if any(b.kind == "h2" and keyphrase.lower() in b.text.lower() for b in blocks):
        return
    first = next((i for i, b in enumerate(blocks) if b.kind == "h2"), None)
    if first is not None:
        head = _capitalised(keyphrase)
        text = blocks[first].text
        if re.match(r"(?:Le|La|Les|L'|Un|Une|Des|Du)\b", text):
            text = text[0].lower() + text[1:]
        blocks[first] = Block("h2", f"{head} : {text}")


#: Words after which a noun's own article cannot show ("en Irak", "d'Irak", "des gilets jaunes").
#: Articles contracted with a preposition, and "des": all show a common noun that takes the article.
_CONTRACTED = {"des": "les", "aux": "les", "du": "le", "au": "le"}
_NO_ARTICLE = frozenset("""en de d à a par pour sur dans vers chez un une ces ses sa son leur leurs ce
cette cet plusieurs quelques""".split())


def surnames(blocks: list[Block], faqs: list[Faq], names: Sequence[str]) -> tuple[list[Block], list[Faq]]:
    """House style on the article's text: after a person's first full mention, the surname alone, as editors
    write it ("Alain Finkielkraut", then "Finkielkraut"): outside quotations, never in a box line that names
    the person ("Alain Finkielkraut : philosophe"), and only for a surname no other person of the source has;
    times as French typography writes them ("15 h 30")."""
    named = _unique_surnames(names)
    seen: set[str] = set()
    out, answers = [], {}
    for block in blocks:
        text = block.text
        if block.kind in ("p", "li") and not re.match(r"^[^:«»\"]+ : ", text):
            for name, surname in named.items():
                text = _shortened(text, name, surname, seen)
            text = french_times(text)
            answers[block.text] = text
        out.append(Block(block.kind, text))
    return out, [Faq(f.question, answers.get(f.answer, f.answer)) for f in faqs]


#: Titles before a surname, which make no other person of it ("M. Mélenchon", "Me Chamy").
_CIVILITIES = frozenset({"M.", "M", "Mme", "Mlle", "Me", "Dr", "Dr.", "Pr", "Mgr"})
_TITLED = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(_CIVILITIES, key=len, reverse=True)))})\s+$")

#: Particles that belong to the surname after them ("Luigi Di Maio": "Di Maio", not "Maio").
_PARTICLES = frozenset("de du des d di da del della dos van von der den le la al el ben bin ibn abou abu mac".split())


def _subjects(doc: Doc) -> str:
    """The subjects of a sentence's main verbs (the root and the verbs joined to it or set beside it: "…, a
    estimé l'écrivain"), as written."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    heads = [*roots, *(c for r in roots for c in r.children if c.dep_ in ("conj", "parataxis"))]
    return " ".join(doc[c.left_edge.i: c.right_edge.i + 1].text
                    for h in heads for c in h.children if c.dep_ in ("nsubj", "nsubj:pass"))


def _subject_phrase(doc: Doc) -> str:
    """The main verb's subject as a question may ask after it ("le gouvernement irakien", "des affrontements"): a
    common noun after a definite article or "des", six words at most, with no verb, pronoun, conjunction or
    punctuation; not a source ("la source a précisé"), which says nothing of itself, nor a quantity ("la
    majorité des commerces"). "" if there is none."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None) if root is not None else None
    if subject is None or subject.pos_ != "NOUN" or subject.lemma_ in _SOURCES | _QUANTITIES:
        return ""
    span = doc[subject.left_edge.i: subject.right_edge.i + 1]
    if not 2 <= len(span) <= 6 or span[0].lower_ not in ("le", "la", "les", "l'", "des") or any(
            t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "CCONJ") for t in span):
        return ""
    return _lower_first(span.text)


def _of_the(phrase: str) -> str:
    """"du gouvernement irakien", "des participants", "de la préfecture", "de l'exécutif", "des affrontements"."""
    for article, joined in (("le ", "du "), ("les ", "des "), ("des ", "des ")):
        if phrase.startswith(article):
            return joined + phrase[len(article):]
    return f"de {phrase}"


def _in_full(name: str, surnames: dict[str, str]) -> str:
    """A name as a question asks after the person: "M. Finkielkraut" as the source's "Alain Finkielkraut"
    where no one else has that surname (surnames: `_unique_surnames`)."""
    if words(name)[0] not in _CIVILITIES:
        return name
    surname = _surname(name)
    return next((full for full, last in surnames.items() if last == surname), name)


def _unique_surnames(names: Sequence[str]) -> dict[str, str]:
    """Each person's surname, where no other person of the source has it ("M. Mélenchon" is Jean-Luc
    Mélenchon, no other person)."""
    last = {name: _surname(name) for name in names if words(name)[0] not in _CIVILITIES}
    shared = Counter(last.values())
    return {name: surname for name, surname in last.items() if shared[surname] == 1}


def _surname(name: str) -> str:
    """The last word of a person's name, with the particles before it ("Di Maio", "de Villepin")."""
    parts = words(name)
    start = len(parts) - 1
    while start > 1 and parts[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(parts[start:])


def full_names(text: str, names: Sequence[str]) -> str:
    """text with each surname that `surnames` may have cut said whole again, outside quotations ("le
    philosophe Finkielkraut" -> "le philosophe Alain Finkielkraut"): the meaning check reads it so, since a
    parse of the name cut short may hang it elsewhere than the parse of its source."""
    for name, surname in _unique_surnames(names).items():
        if surname == name:
            continue
        pieces, start = [], 0
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            before, ahead = text[start: match.start()], text[: match.start()]
            if open_quote(ahead) >= 0 or ahead.endswith(name[: -len(surname)]) or _TITLED.search(ahead):
                pieces += [before, match.group()]
            else:
                pieces += [_elision(before, name), name]
            start = match.end()
        text = "".join(pieces) + text[start:]
    return text


_HOURS = re.compile(r"(?<![\w,.])([01]?\d|2[0-3])[hH]([0-5]\d)?(?![\w])")


def french_times(text: str) -> str:
    """text with its times, outside quotations, as French typography writes them ("18H00" -> "18 h")."""
    return _HOURS.sub(lambda m: m.group() if open_quote(m.string[: m.start()]) >= 0 else _hours(m), text)


def _hours(match: re.Match[str]) -> str:
    """"15h30" -> "15 h 30", "14h00" -> "14 h": the typography of French news for times."""
    minutes = match.group(2)
    return f"{int(match.group(1))} h" + (f" {minutes}" if minutes and minutes != "00" else "")


def _shortened(text: str, name: str, surname: str, seen: set[str]) -> str:
    """text with each mention of name after the first one in the article (seen) cut to surname."""
    pieces, start = [], 0
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        inside = open_quote(text[: match.start()]) >= 0
        # after another name the surname would read as part of it ("à l'AFP Ferrera"): the full name stays
        keep = inside or name not in seen or bool(re.search(r"\b[A-ZÀ-Ý][\w'-]*\s+$", text[: match.start()]))
        if not inside:
            seen.add(name)
        before = text[start: match.start()]
        pieces += [before, match.group()] if keep else [_elision(before, surname), surname]
        start = match.end()
    return "".join(pieces) + text[start:]


_ELIDED = {"d": "de", "qu": "que", "lorsqu": "lorsque", "puisqu": "puisque"}


def _elision(before: str, word: str) -> str:
    """before, its last word elided or not as word's first letter asks: "l'image d'Ingrid Levavasseur" cut to
    the surname reads "l'image de Levavasseur", and "de Jean Aubry" reads "d'Aubry". A word in h is left as
    it is (aspirated or not, only a dictionary knows)."""
    if word[:1].lower() == "h":
        return before
    vowel = word[:1].lower() in "aeiouyàâäéèêëîïôöûüœæ"
    if not vowel and (found := re.search(r"(?i)(?<![\w-])(d|qu|lorsqu|puisqu)['’]$", before)):
        full = _ELIDED[found.group(1).lower()]
        return before[: found.start()] + (full.capitalize() if found.group(1)[0].isupper() else full) + " "
    if vowel and (found := re.search(r"(?i)(?<![\w-])(de|que|lorsque|puisque) $", before)):
        return before[: found.start()] + found.group(1)[:-1] + "'"
    return before


def with_article(phrase: str, text: str) -> str:
    """phrase with the definite article text most often gives it ("le", "la", "les", "l'"), none if it
    mostly has none (a common noun takes one wherever text gives it one: "entre gilets jaunes et casseurs"
    drops it where "sur gilets jaunes" cannot), and as text spells it there: "Irak" -> "l'Irak", "Gilets
    jaunes" -> "les gilets jaunes" ("la majorité des gilets jaunes" counts as "les"). After "en", "de",
    "à"… the article is dropped whatever the noun ("en Irak"), and so it is in a title and after a number,
    so those occurrences tell nothing."""
    found: Counter[str] = Counter()
    spelled: Counter[str] = Counter()
    text = normalise(text)
    for match in re.finditer(rf"(?i)(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
        before = re.search(r"(\w+'|\w+\s)?\W*$", text[max(match.start() - 30, 0): match.start()])
        word = fold(before.group(1) or "").strip() if before else ""
        if not word or word.isdigit():
            continue  # a title or a count ("51.000 gilets jaunes") drops the article
        word = _CONTRACTED.get(word, word)  # "la majorité des gilets jaunes": "de les"
        if word in ("le", "la", "les", "l'"):
            found[word if word == "l'" else word + " "] += 1
        elif word.rstrip("'") not in _NO_ARTICLE:
            found[""] += 1
        spelled[match.group()] += 1
    written = spelled.most_common(1)[0][0] if spelled else phrase
    definite = [(article, n) for article, n in found.most_common() if article]
    article = definite[0][0] if definite and (definite[0][1] >= found[""] or written[:1].islower()) else ""
    return f"{article}{written}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _keys(text: str) -> set[str]:
    """The text's sentences, folded, as check's repetition bar compares them (quoted sentences too)."""
    return {" ".join(fold_words(s)) for s in sentences(text)}


def _bullets(points: list[str]) -> list[Block]:
    """The key points as bullets, in order, while "L'essentiel" has room (POINTS_WORDS)."""
    bullets, room = [], POINTS_WORDS
    for point in points:
        if point and word_count(point) <= room:
            bullets.append(Block("li", point))
            room -= word_count(point)
    return bullets


def _first_halves(texts: list[str]) -> list[str]:
    """The first sentence of each wording cut in two, where it makes a short bullet: what it says holds
    without the second ("X a semé la zizanie…" without "X est numéro deux du gouvernement")."""
    halves = [whole_sentences(sentences(text)) for text in texts]
    return [parts[0] for parts in halves if len(parts) > 1 and word_count(parts[0]) <= LONG_SENTENCE_WORDS]


def _articles_only(source: str, text: str) -> bool:
    """Whether text differs from source by its articles alone ("gilets jaunes contre les gilets jaunes" for
    "gilets jaunes contre gilets jaunes"): no rewrite, and "les" or "des" says who, and how many."""
    def content(t: str) -> list[str]:
        return [part for w in fold_words(t) for part in w.split("'") if part and part not in _ARTICLES]

    return fold_words(source) != fold_words(text) and content(source) == content(text)


def _has_long(text: str) -> bool:
    return any(word_count(s) > LONG_SENTENCE_WORDS for s in sentences(text))


def _mostly_quoted(sentence: str) -> bool:
    """Whether quotations make up most of the sentence: the model cannot reword those (it must not
    touch the quotation and nearly always does), so only the rule-based wordings are tried."""
    quoted = sum(word_count(q) for q in find_quotes(sentence, 1))
    return quoted >= 0.6 * word_count(sentence)


def _long_quotes(text: str) -> set[str]:
    """Quotations of 6 words or more, folded: a reader notices those when they come back."""
    return {fold(q) for q in find_quotes(text, 6)}


def _paragraphs(sentences: list[str]) -> list[str]:
    """Group sentences into paragraphs of at most ~110 words (3 sentences)."""
    paragraphs: list[list[str]] = [[]]
    for sentence in (s for s in sentences if s):
        current = paragraphs[-1]
        if current and (len(current) >= 3 or word_count(" ".join(current + [sentence])) > MAX_PARAGRAPH_WORDS):
            paragraphs.append(current := [])
        current.append(sentence)
    return [" ".join(p) for p in paragraphs if p]
