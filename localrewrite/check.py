"""Every quality bar as data: pure functions from text + FactSheet to Checks. Never loads spaCy (lingua and
Grammalecte are loaded lazily, once, by the checks that need them)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from textwrap import shorten
from typing import TYPE_CHECKING, Any

from localrewrite.analyse import Entity, FactSheet
from localrewrite.article import Article, word_count, words
from localrewrite.facts import find_numbers, find_quotes, fold, normalise, number_key, sentences, unquoted
from localrewrite.grammar import Grammar

if TYPE_CHECKING:
    from lingua import LanguageDetector

    from localrewrite.meaning import Verdict


@dataclass(frozen=True)
class Check:
    name: str
    value: float | int | str
    bar: str  # human-readable bar, e.g. "≥ 700 words"
    passed: bool
    detail: str = ""  # what failed, short


@dataclass
class Report:
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    @property
    def passed_count(self) -> int:
        return sum(c.passed for c in self.checks)

    def get(self, name: str) -> Check:
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(name)

    def as_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "passed_count": self.passed_count,
                "checks": [asdict(c) for c in self.checks]}


# Bars (DESIGN.md, "Quality bars").
SEO_TITLE_MAX = 60
SEO_DESCRIPTION = (120, 156)
DENSITY = (0.5, 3.0)  # percent
READABILITY_MIN = 40.0
LONG_SENTENCE_WORDS, LONG_SENTENCE_SHARE = 25, 25.0
PARAGRAPH_MAX = 150
HEADING_RUN_MAX = 300
MIN_SUBHEADINGS = 3
ENTITY_SHARE_MAX = 5.0
COVERAGE_MIN = 80.0
ORIGINALITY_MAX, ORIGINALITY_N = 30.0, 8
LOOP_N, LOOP_COUNT, LOOP_WINDOW = 4, 3, 80  # the same 4-gram 3 times within 80 words is a loop
TOKEN_RUN = 3  # the same word 3 times in a row
GRAMMAR_MARGIN = 0.5  # Grammalecte's grammar errors per 100 words above the source's

_LANGUAGE_MIN_WORDS = 3  # shorter text carries no signal
_LANGUAGE_SURE_WORDS = 12  # below this, text with some French likelihood is given the benefit of the doubt
_FRENCH_DOUBT = 0.15
_NAME_LABELS = ("PER", "ORG", "LOC")
_FUNCTION_TOKENS = {"de", "du", "des", "la", "le", "les", "l", "d", "et"}


# -- facts: numbers and quotations -------------------------------------------------------------------


def invented_numbers(text: str, facts: FactSheet) -> list[str]:
    """Numbers in text (as written) whose value the source does not have.

    A time is accepted when the source has it as a time or as its hour and minutes ("15 heures 30").
    """
    keys = {number_key(n) for n in (*facts.numbers, *find_numbers(facts.source_text))}
    keys |= {part.lstrip("0") or "0" for key in keys if ":" in key for part in key.split(":")}
    invented = []
    for written in find_numbers(normalise(text)):
        key = number_key(written)
        hour, _, minutes = key.partition(":")
        if key in keys or (minutes and hour in keys and (minutes == "00" or minutes.lstrip("0") in keys)):
            continue
        invented.append(written)
    return list(dict.fromkeys(invented))


def invented_quotes(text: str, facts: FactSheet) -> list[str]:
    """Quotations in text that are not verbatim in the source (case, spacing and quote marks aside;
    a quotation may drop its closing punctuation)."""
    source = _quote_fold(facts.source_text)
    quotes = dict.fromkeys(find_quotes(normalise(text)))
    return [q for q in quotes if _quote_fold(q).strip(" .,;:!?…") not in source]


def _quote_fold(text: str) -> str:
    return " ".join(re.sub(r"[«»“”\"]", " ", normalise(text).lower().replace("...", "…")).split())


# -- language ----------------------------------------------------------------------------------------


@cache
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    languages = (Language.FRENCH, Language.ENGLISH, Language.GERMAN, Language.SPANISH, Language.ITALIAN,
                 Language.PORTUGUESE, Language.DUTCH)
    return LanguageDetectorBuilder.from_languages(*languages).build()


def language_of(text: str) -> str | None:
    """ISO 639-1 code ("fr", "en", ...) of text among seven European languages; None if undecided."""
    language = _detector().detect_language_of(text)
    return language.iso_code_639_1.name.lower() if language else None


def foreign(text: str) -> str | None:
    """The language of text if it is clearly not French, else None (short text gets the benefit of doubt)."""
    n = word_count(text)
    if n < _LANGUAGE_MIN_WORDS:
        return None
    confidences = _detector().compute_language_confidence_values(text)
    if not confidences:
        return None
    top = confidences[0].language.iso_code_639_1.name.lower()
    if top == "fr":
        return None
    if n < _LANGUAGE_SURE_WORDS:
        french = next(c.value for c in confidences if c.language.iso_code_639_1.name == "FR")
        if french >= _FRENCH_DOUBT:
            return None
    return top


def _language_check(texts: Sequence[tuple[str, str]], what: str = "paragraph") -> Check:
    """Share (%) of French texts among those long enough to judge; texts come labelled."""
    judged = sum(word_count(text) >= _LANGUAGE_MIN_WORDS for _, text in texts)
    found = [(label, lang) for label, text in texts if (lang := foreign(text))]
    share = 100.0 * (judged - len(found)) / judged if judged else 100.0
    detail = ", ".join(f"{label}: {lang}" for label, lang in found[:5])
    return Check("language", round(share, 1), f"every {what} French", not found, detail)


def _article_language(article: Article) -> Check:
    """Every sentence of the body, the title and the description judged alone (one foreign sentence in a
    French paragraph is foreign text published); the subheadings together, as they are too short alone."""
    said = [s for line in article.body.splitlines() for s in sentences(line)]
    texts = [("title", article.title), ("description", article.description),
             ("subheadings", " ".join(article.headings)),
             *((f"« {shorten(s, 50, placeholder='…')} »", s) for s in said)]
    return _language_check(texts, "sentence")


# -- repetition --------------------------------------------------------------------------------------


def _repetitions(text: str) -> list[str]:
    """Repeated sentences (4 words or more) and loops: a word run, a 4-gram recurring in a short window,
    or a short chunk repeated six times without a space."""
    problems = []
    counts = Counter(key for s in sentences(text) if len(key := tuple(words(fold(s)))) >= 4)
    problems += [f"repeated: {' '.join(s)[:60]}" for s, n in counts.items() if n > 1]
    tokens = words(fold(text))
    for i in range(len(tokens) - TOKEN_RUN + 1):
        if len(set(tokens[i: i + TOKEN_RUN])) == 1:
            problems.append(f"word run: {tokens[i]}")
            break
    problems += _loops(text)
    chunk = re.search(r"([^\s\d]{1,12}?)\1{5,}", text)
    if chunk:
        problems.append(f"loop: {chunk.group()[:30]}")
    return problems


def _loops(text: str) -> list[str]:
    """A 4-gram recurring in a short window of one block (a paragraph, a list item: one line of the body).
    Across blocks it is no loop: a name with its role in the lede, a key point and a section."""
    for line in text.splitlines():
        tokens = words(fold(line))
        positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in range(len(tokens) - LOOP_N + 1):
            gram = tuple(tokens[i: i + LOOP_N])
            seen = positions[gram]
            seen.append(i)
            if len(seen) >= LOOP_COUNT and seen[-1] - seen[-LOOP_COUNT] <= LOOP_WINDOW:
                return [f"loop: {' '.join(gram)}"]
    return []


def _repetition_check(text: str) -> Check:
    problems = _repetitions(text)
    return Check("repetition", len(problems), "no repeated sentence or loop", not problems,
                 "; ".join(problems[:3]))


# -- grammar and spelling ---------------------------------------------------------------------------


@cache
def _grammar() -> Grammar:
    return Grammar()


def new_misspellings(text: str, source: str) -> list[str]:
    """Words of text that Grammalecte's dictionary does not know and the source does not write either."""
    known = normalise(source).lower()
    return [w for w in _grammar().misspellings(text)
            if not re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", known)]


def _grammar_check(body: str, source: str) -> Check:
    """Grammalecte's grammar errors per 100 words against the source's (wire copy has a few of its own: "un
    ambiance", "les les"), and no misspelled word that the source does not have."""
    grammar = _grammar()
    rate, source_rate = grammar.per_100_words(body), grammar.per_100_words(source)
    misspelled = new_misspellings(body, source)
    too_many = rate > source_rate + GRAMMAR_MARGIN
    problems = [f"source {source_rate:.2f}"]
    if too_many:
        problems += [f"« {e.text} »: {shorten(e.message, 60, placeholder='…')}" for e in grammar.errors(body)[:3]]
    if misspelled:
        problems.append(f"misspelled: {', '.join(misspelled[:6])}")
    return Check("grammar", round(rate, 2), f"≤ source + {GRAMMAR_MARGIN:g} per 100 words, no new misspelling",
                 not too_many and not misspelled, "; ".join(problems))


# -- per section -------------------------------------------------------------------------------------


def _numbers_check(text: str, facts: FactSheet) -> Check:
    invented = invented_numbers(text, facts)
    return Check("numbers", len(invented), "0 invented numbers", not invented, ", ".join(invented[:8]))


def _quotes_check(text: str, facts: FactSheet) -> Check:
    invented = invented_quotes(text, facts)
    return Check("quotations", len(invented), "0 invented quotations", not invented,
                 "; ".join(f"« {q[:50]} »" for q in invented[:3]))


def check_section(text: str, facts: FactSheet, *, min_words: int = 0) -> list[Check]:
    """The fast gate after each model attempt: numbers, quotations, language, repetition, length."""
    paragraphs = [p for p in text.splitlines() if p.strip()]
    n = word_count(text)
    return [
        _numbers_check(text, facts),
        _quotes_check(text, facts),
        _language_check([(f"paragraph {i}", p) for i, p in enumerate(paragraphs, 1)]),
        _repetition_check(text),
        Check("length", n, f"≥ {min_words} words", n >= min_words),
    ]


# -- the whole article -------------------------------------------------------------------------------


def check_article(article: Article, facts: FactSheet, *, target_words: int, source_title: str,
                  output_entities: Sequence[Entity],
                  meaning: Sequence[tuple[str, Verdict]] | None = None,
                  unsupported: Sequence[tuple[str, list[str]]] | None = None,
                  given: FactSheet | None = None) -> Report:
    """All bars of DESIGN.md's "Quality bars" table, in order; meaning, when given, is what MeaningCheck's
    check_article found against the source (the article sentences whose claims it does not make), and
    unsupported what gate.audit found (the sentences the gate's word tests refuse, with why). given: the
    facts the article may use when it is also written from notes or archived passages (facts widened with
    theirs); the numbers, quotations, entities and grammar rows count against it (a word the passages spell
    so is no misspelling), length, coverage and originality against the source alone."""
    given = given or facts
    body = article.body
    everything = "\n".join([article.title, article.description, *(b.text for b in article.blocks)])
    n = word_count(body)
    return Report([
        _length(n, target_words, facts, given),
        _article_language(article),
        _structure(article, source_title),
        Check("seo_title", len(article.title), f"1–{SEO_TITLE_MAX} chars",
              0 < len(article.title) <= SEO_TITLE_MAX),
        Check("seo_description", len(article.description), "{}–{} chars".format(*SEO_DESCRIPTION),
              SEO_DESCRIPTION[0] <= len(article.description) <= SEO_DESCRIPTION[1]),
        _keyphrase(article),
        _density(article),
        _readability(body),
        _long_sentences(body),
        _long_paragraphs(article),
        _numbers_check(everything, given),
        _quotes_check(everything, given),
        _entities(output_entities, given),
        _coverage(everything, facts),
        _originality(body, facts.source_text),
        _repetition_check(body),
        _grammar_check(body, given.source_text),
        *([] if unsupported is None else [_support(unsupported)]),
        *([] if meaning is None else [_meaning(meaning)]),
    ])


def _support(refused: Sequence[tuple[str, list[str]]]) -> Check:
    """Sentences with a word, a name, a date, a negation or a hedge the source does not give them."""
    detail = [f"« {shorten(sentence, 70, placeholder='…')} » : {'; '.join(reasons)}"
              for sentence, reasons in refused[:2]]
    return Check("support", len(refused), "every sentence supported by the source", not refused, "; ".join(detail))


def _meaning(refused: Sequence[tuple[str, Verdict]]) -> Check:
    """Sentences whose claims the source does not make (a role changed, a claim moved to another verb, a
    speaker lost or gained), and those the parse could not judge, named with the first reason."""
    uncertain = sum(v.uncertain for _, v in refused)
    detail = [f"{len(refused) - uncertain} changed, {uncertain} uncertain"] if refused else []
    for sentence, verdict in refused[:3]:
        reason = verdict.reasons[0] if verdict.reasons else "parse uncertain"
        detail.append(f"« {shorten(sentence, 70, placeholder='…')} » : {reason}")
    return Check("meaning", len(refused), "no sentence changes who did what to whom", not refused,
                 "; ".join(detail))


def _length(n: int, target: int, facts: FactSheet, given: FactSheet) -> Check:
    """Body words against the target; a short article says how long its source (and the passages of notes
    and archive it used) are: a short source cannot be stretched far without saying its facts again."""
    source, more = word_count(facts.source_text), word_count(given.source_text) - word_count(facts.source_text)
    detail = "" if n >= target else f"the source has {source} words" + (
        f", the notes and archive passages used {more}" if more > 0 else "")
    return Check("length", n, f"≥ {target} words", n >= target, detail)


def _structure(article: Article, source_title: str) -> Check:
    """A title that is not the source's, ≥ 3 subheadings (H2 or H3), no run over 300 words without one."""
    problems = []
    title = " ".join(words(fold(article.title)))
    if not title:
        problems.append("no title")
    elif title == " ".join(words(fold(source_title))):
        problems.append("title is the source title")
    headings = len(article.headings)
    if headings < MIN_SUBHEADINGS:
        problems.append(f"{headings} subheadings")
    run = longest = 0
    for block in article.blocks:
        if block.kind in ("h2", "h3"):
            run = 0
        elif block.kind in ("p", "li"):
            run += word_count(block.text)
        longest = max(longest, run)
    if longest > HEADING_RUN_MAX:
        problems.append(f"{longest} words without a heading")
    return Check("structure", headings, f"new title, ≥ {MIN_SUBHEADINGS} H2/H3, runs ≤ {HEADING_RUN_MAX}",
                 not problems, "; ".join(problems))


def _occurrences(phrase: str, text: str) -> int:
    """Whole-word occurrences of phrase in text, case- and accent-insensitive ("Lyon" is not in
    "Lyon-Saint-Exupéry", "aviation" is in "l'aviation")."""
    key = " ".join(words(fold(phrase)))
    return len(re.findall(rf"(?<![\w-]){re.escape(key)}(?![\w-])", " ".join(words(fold(text))))) if key else 0


def _keyphrase(article: Article) -> Check:
    places = {"title": [article.title], "first paragraph": [article.first_paragraph],
              "subheading": article.headings, "description": [article.description]}
    if not article.keyphrase.strip():
        return Check("seo_keyphrase", 0, "in title, lede, H2, meta", False, "no keyphrase")
    missing = [place for place, texts in places.items()
               if not any(_occurrences(article.keyphrase, t) for t in texts)]
    return Check("seo_keyphrase", len(places) - len(missing), "in title, lede, H2, meta", not missing,
                 f"missing from: {', '.join(missing)}" if missing else "")


def _density(article: Article) -> Check:
    """Density (%) = occurrences in the body × words in the keyphrase / body words × 100."""
    n = word_count(article.body)
    hits = _occurrences(article.keyphrase, article.body)
    density = 100.0 * hits * len(words(article.keyphrase)) / n if n else 0.0
    low, high = DENSITY
    return Check("seo_density", round(density, 2), f"{low}–{high} %", low <= density <= high,
                 f"{hits}× in {n} words")


_VOWEL_GROUP = re.compile(r"[ïüëÿ]|[aeiouyàâäéèêîôöùûœæ]+")


def syllables(word: str) -> int:
    """French spoken syllables, roughly: vowel groups ("eau", "oi" count once; a tréma starts a new one),
    less a mute final -e/-es after a consonant ("table" 1, "numéro" 3); at least 1."""
    w = word.lower()
    count = len(_VOWEL_GROUP.findall(w))
    if count > 1 and re.search(r"[^aeiouyàâäéèêëîïôöùûœæ]es?$", w):
        count -= 1
    return max(count, 1)


def readability(text: str) -> float:
    """Kandel–Moles reading ease (Flesch adapted to French, 1958):
    207 − 1.015 × words per sentence − 73.6 × syllables per word. About 60–70 is standard prose,
    under 30 very difficult."""
    found = words(text)
    if not found:
        return 0.0
    n_sentences = max(len(sentences(text)), 1)
    return 207 - 1.015 * len(found) / n_sentences - 73.6 * sum(syllables(w) for w in found) / len(found)


def _readability(body: str) -> Check:
    """≥ 40: the 14 French wire stories of the development corpus score 49–67 with this syllable count;
    text under 40 is harder than any of them (30–50 is "difficult", under 30 academic)."""
    score = readability(body)
    return Check("readability", round(score, 1), f"Kandel–Moles ≥ {READABILITY_MIN:g}",
                 score >= READABILITY_MIN)


def _long_sentences(body: str) -> Check:
    found = [word_count(s) for s in sentences(body)]
    long = sum(n > LONG_SENTENCE_WORDS for n in found)
    share = 100.0 * long / len(found) if found else 0.0
    bar = f"> {LONG_SENTENCE_WORDS} words ≤ {LONG_SENTENCE_SHARE:g} %"
    return Check("long_sentences", round(share, 1), bar, share <= LONG_SENTENCE_SHARE,
                 f"{long} of {len(found)} sentences")


def _long_paragraphs(article: Article) -> Check:
    counts = [word_count(p) for p in article.texts("p")]
    over = sum(n > PARAGRAPH_MAX for n in counts)
    return Check("long_paragraphs", max(counts, default=0), f"≤ {PARAGRAPH_MAX} words a paragraph", not over,
                 f"{over} paragraphs over {PARAGRAPH_MAX} words" if over else "")


def _tokens(text: str) -> list[str]:
    """Significant tokens of a name: folded words split on hyphens and apostrophes, articles dropped."""
    return [t for t in re.split(r"[\W_]+", fold(text)) if t and t not in _FUNCTION_TOKENS]


def _known(name: str, folded_source: str, source_names: Iterable[set[str]]) -> bool:
    """Whether the source names it: the name itself, or without a last lower-case word the tagger ran on
    into ("l'Ecole de droit insiste" where the source wrote "insiste la prof de l'Ecole de droit")."""
    words = name.split()
    trimmed = " ".join(words[:-1]) if len(words) > 1 and words[-1][:1].islower() else name
    return _named(name, folded_source, source_names) or _named(trimmed, folded_source, source_names)


def _named(name: str, folded_source: str, source_names: Iterable[set[str]]) -> bool:
    tokens = _tokens(name)
    if not tokens or re.search(rf"(?<!\w){re.escape(' '.join(tokens))}(?!\w)", folded_source):
        return True
    return any(set(tokens) <= known for known in source_names)


def _entities(output_entities: Sequence[Entity], facts: FactSheet) -> Check:
    """Share (%) of the output's people, organisations and places that the source does not name."""
    names = list(dict.fromkeys(e.text for e in output_entities
                               if e.label in _NAME_LABELS and _tokens(e.text)))
    folded_source = " ".join(_tokens(facts.source_text))
    source_names = [set(_tokens(e.text)) for e in facts.entities]
    unknown = [name for name in names if not _known(name, folded_source, source_names)]
    share = 100.0 * len(unknown) / len(names) if names else 0.0
    return Check("entities", round(share, 1), f"not in source ≤ {ENTITY_SHARE_MAX:g} %",
                 share <= ENTITY_SHARE_MAX, ", ".join(unknown[:6]))


def key_facts(facts: FactSheet) -> tuple[list[Entity], list[str]]:
    """The source's key entities and numbers.

    Key entities: people, organisations and places named at least twice in the source text, or once in
    its title or first paragraph (the first two blank-line blocks). Key numbers: every number the source
    writes with digits (number words are often incidental: "les deux pays").
    """
    blocks = [b for b in re.split(r"\n\s*\n", facts.source_text) if b.strip()]
    lede = " ".join(blocks[:2])
    entities = [e for e in facts.entities if e.label in _NAME_LABELS and _tokens(e.text)
                and (_occurrences(e.text, facts.source_text) >= 2 or _occurrences(e.text, lede) >= 1)]
    numbers = [n for n in facts.numbers if any(c.isdigit() for c in n)]
    return list(dict.fromkeys(entities)), list(dict.fromkeys(numbers))


def _coverage(text: str, facts: FactSheet) -> Check:
    """Share (%) of key facts in the article: an entity by its full name (a person also by the last word
    of it: "Qaani" for "Esmail Qaani"), a number by its value."""
    entities, numbers = key_facts(facts)
    keys = {number_key(n) for n in find_numbers(normalise(text))}
    missing = [e.text for e in entities if not (
        _occurrences(e.text, text) or (e.label == "PER" and _occurrences(_tokens(e.text)[-1], text)))]
    missing += [n for n in numbers if number_key(n) not in keys]
    total = len(entities) + len(numbers)
    share = 100.0 * (total - len(missing)) / total if total else 100.0
    return Check("coverage", round(share, 1), f"key facts kept ≥ {COVERAGE_MIN:g} %", share >= COVERAGE_MIN,
                 f"missing: {', '.join(missing[:8])}" if missing else "")


def _ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i: i + n]) for i in range(len(tokens) - n + 1)]


def copied_share(text: str, source: str, n: int = ORIGINALITY_N) -> float:
    """Share (%) of the text's word n-grams (folded) that also occur in the source. Quotations of three
    words or more are cut out of the text first, so quoting verbatim never counts as copying."""
    grams = [g for piece in unquoted(text) for g in _ngrams(words(fold(piece)), n)]
    if not grams:
        return 0.0
    known = set(_ngrams(words(fold(source)), n))
    return 100.0 * sum(g in known for g in grams) / len(grams)


def fresh_share(text: str, source: str, n: int = ORIGINALITY_N) -> float:
    """Share (%) of the text's words outside every word n-gram that also occurs in the source (quotations
    count as copied: they are the source's words)."""
    tokens = words(fold(text))
    known = set(_ngrams(words(fold(source)), n))
    copied = [False] * len(tokens)
    for i, gram in enumerate(_ngrams(tokens, n)):
        if gram in known:
            copied[i: i + n] = [True] * n
    return 100.0 * copied.count(False) / len(tokens) if tokens else 0.0


def _originality(body: str, source: str) -> Check:
    share = copied_share(body, source)
    return Check("originality", round(share, 1), f"copied 8-grams ≤ {ORIGINALITY_MAX:g} %",
                 share <= ORIGINALITY_MAX)
