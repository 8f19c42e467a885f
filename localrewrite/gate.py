"""The gate: why a wording is not a faithful rewrite of its source sentence (pure functions on text).

The writer runs it on every wording with the source sentence and its section; `audit` runs its word tests on
a finished article, sentence by sentence, for `check`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from localrewrite import lexicon
from localrewrite.analyse import FactSheet
from localrewrite.article import word_count, words
from localrewrite.check import check_section
from localrewrite.facts import find_dates, find_numbers, find_quotes, fold, normalise, number_key, sentences, unquoted
from localrewrite.paraphrase.words import substitutes


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


FUNCTION_WORDS = _folded("""le la les l un une des du de d à au aux en et ou mais donc or ni car que qu qui
dont où ce cet cette ces son sa ses leur leurs il elle ils elles on se s y ne n pas plus moins très aussi
ainsi alors selon après avant depuis pendant lors contre pour par avec sans sous sur dans entre vers chez
a ont est sont été être avoir avait avaient fait faire cela ceci celui celle ceux tout tous toute toutes
même autre autres déjà encore comme si quand afin cependant toutefois également notamment enfin puis
ensuite lui eux c j m t leur cette""")
#: Words a rewrite may bring that its source lacks: reporting verbs and connectors, which restate
#: without adding facts. Any other content word must be supported by the source section.
SAFE_WORDS = FUNCTION_WORDS | _folded("""selon d'après affirme affirmé affirmait affirmant déclare déclaré
déclarait déclarant indique indiqué indiquait explique expliqué expliquait précise précisé précisait ajoute
ajouté ajoutait souligne souligné rapporte rapporté rapportait estime estimé assure assuré confie confié
annonce annoncé évoque évoqué raconte raconté fait savoir part ainsi alors donc aussi également
notamment toutefois cependant néanmoins pourtant désormais ailleurs outre encore enfin lors tandis
moment cours suite cadre sujet côté source sources celui celle ceux celles ci ayant étant était étaient sera
seront serait seraient fut furent aura auront aurait auraient""")
_NEGATIONS = _folded("ne n pas jamais aucun aucune rien personne ni sans non guère nullement")
_HEDGES = ("eventuel", "possibl", "presum", "suppos", "probabl", "potentiel", "aurai", "serai", "pourrai",
           "semble", "apparem", "soupcon", "presque")  # stems
_APPROXIMATELY = frozenset({"pres", "environ", "quelque"})  # whole words: "près de 2 500", "quelque 46.600"
_CALENDAR = _folded("""lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin
juillet août septembre octobre novembre décembre hier aujourd'hui demain veille lendemain""")

def gate(text: str, source: str, facts: FactSheet, min_ratio: float = 0.5, context: str = "",
         whole: bool = True, aliases: Sequence[tuple[str, str]] = (), stutter: bool = True) -> list[str]:
    """Why text is not a faithful French rewrite of source (empty list: it passes).

    Numbers and quotations must come from source itself; names and content words may also come
    from context (the section the sentence belongs to), which holds what pronouns refer to. A whole
    rewrite (not a heading or a title) must also keep every name, number, date, negation and
    quotation of its source: dropping one changes who did what, how many, when or what was said.
    aliases are the paraphraser's swaps, (what text writes, what the source wrote): the word checks read
    the source's words in their place, so a synonym counts as the word it replaces and nothing more.
    stutter: look for a word said more often than in the source, the model's stutter (a rule that splits
    a sentence says a name again on purpose).
    """
    if not text:
        return ["empty"]
    words_of = _unswapped(text, aliases) if aliases else text
    n, m = word_count(text), max(word_count(source), 1)
    failures = []
    if n < min_ratio * m or n > 1.8 * m + 6:
        failures.append("length")
    failures += [c.name for c in check_section(text, facts) if not c.passed]
    if whole and not _quotes_kept(text, source):
        failures.append("quote_marks")
    support = f"{source} {context}"
    if unknown_names(words_of, support) or (whole and unknown_names(source, words_of)):
        failures.append("names")
    if unsupported(words_of, support):
        failures.append("support")
    if _calendar(words_of) - _calendar(source):
        failures.append("dates")
    if whole and _dropped_facts(words_of, source):
        failures.append("dropped")
    if whole and negations(words_of) != negations(source):
        failures.append("negation")
    if whole and hedges(words_of) != hedges(source):
        failures.append("hedge")
    if whole and stutter and _said_more_often(words_of, source):
        failures.append("doubled")
    return failures


def _unswapped(text: str, aliases: Sequence[tuple[str, str]]) -> str:
    """text with each swap's words put back as the source wrote them (longest first, whole words)."""
    for written, original in sorted(aliases, key=lambda pair: -len(pair[0])):
        if written:
            text = re.sub(rf"(?<![\w'-]){re.escape(written)}(?![\w'-])", original, text, flags=re.IGNORECASE)
    return text


def _dropped_facts(text: str, source: str) -> bool:
    """Whether text lacks a number or a date word of source, or more than a few of its content words:
    "un leader de l'ultra-droite a été agressé" is not "l'ultra-droite a été agressée"."""
    kept = {number_key(n) for n in find_numbers(text)}
    if any(number_key(n) not in kept for n in find_numbers(source)) or _calendar(source) - _calendar(text):
        return True
    content = {w[:6] for w in parts(source) if len(w) > 3 and w not in FUNCTION_WORDS}
    have = {w[:6] for w in parts(text)}
    return len(content - have) > len(content) // 8


def hedges(text: str) -> Counter[str]:
    """Words that make a fact uncertain: "d'éventuelles représailles" are not "des représailles", and
    "Qaani aurait averti" is not "Qaani a averti"."""
    found = parts(text)
    return Counter([stem for w in found for stem in _HEDGES if w.startswith(stem)]
                   + [w for w in found if w in _APPROXIMATELY])


def _said_more_often(text: str, source: str) -> bool:
    """Whether a word of 4 letters or more comes back more often than in the source ("Après ce n'est
    qu'après cette visite"): a stutter of the model, not a rewrite."""
    have, had = Counter(w for w in parts(text) if len(w) > 3), Counter(parts(source))
    return any(n > had[w] and n > 1 for w, n in have.items())


def negations(text: str) -> Counter[str]:
    """Negation and restriction words: "ne sont reconnaissables qu'à" is not "ne sont pas reconnaissables".
    "aucune attaque" and "aucun assaut" (a swap's agreement) hold the same negation."""
    return Counter("aucun" if w == "aucune" else w for w in parts(text) if w in _NEGATIONS)


def copies_start(text: str, source: str) -> bool:
    """Whether text begins with the first two thirds (at least 6 words) of source, word for word: the
    model is echoing the sentence, and whatever it writes next cannot make a new wording of it."""
    return echoes(fold_words(text), fold_words(source))


def echoes(got: list[str], want: list[str]) -> bool:
    """copies_start on folded words (the watcher folds its sentence once)."""
    return len(got) >= max(6, 2 * len(want) // 3) and got == want[: len(got)]


def sentence_facts(sentence: str) -> FactSheet:
    return FactSheet((), tuple(find_numbers(sentence)), tuple(find_dates(sentence)),
                     tuple(find_quotes(sentence)), normalise(sentence))


def fold_words(text: str) -> list[str]:
    return words(fold(text))


def unknown_names(text: str, source: str) -> list[str]:
    """Capitalised words (names) absent from the source, sentence-initial function words aside (a split
    sentence's second half opens with one: "Il a obligé")."""
    known = set(fold_words(source))
    unknown = []
    for sentence in sentences(normalise(text)):
        for i, word in enumerate(words(sentence)):
            if word[0].isupper() or any(c.isdigit() for c in word):
                folded = fold_words(word)
                if folded and not all(f in known or (i == 0 and f in FUNCTION_WORDS) for f in folded):
                    unknown.append(word)
    return unknown


def unsupported(text: str, source: str) -> list[str]:
    """Words (hyphenated parts apart) that neither the source nor the list of safe restating words
    supports: a rewrite may reorder and restate, not add. A long word may change its ending (same first
    6 letters); a short one must be the source's own ("sur fond de ès" is not "sur fond de sono")."""
    known = parts(source)
    stems, short = {w[:6] for w in known}, set(known)
    return [w for w in parts(text)
            if w not in SAFE_WORDS and (w[:6] not in stems if len(w) > 3 else w not in short)]


_MARKS = ("«", "»", '"', "“", "”")


def _quotes_kept(text: str, source: str) -> bool:
    """Every quotation of the source kept whole, marks included, and no quote mark added."""
    text, source = normalise(text), normalise(source)
    if [text.count(m) for m in _MARKS] != [source.count(m) for m in _MARKS]:
        return False
    kept = {fold(q) for q in find_quotes(text, 1)}
    return all(fold(q) in kept for q in find_quotes(source, 1))


def parts(text: str) -> list[str]:
    return [part for w in fold_words(text) for part in re.split(r"[-']", w) if part]


def _calendar(text: str) -> set[str]:
    return {w for w in parts(text) if w in _CALENDAR}


# -- the gate's word tests on a finished article -------------------------------------------------------

#: A sentence restates its source span whole when it keeps this share of the span's content words: a
#: negation or a hedge of the span it lacks is then lost, not left with a part it does not restate.
WHOLE = 0.75
_NUMBER = re.compile(r"\d[\d\s.,:]*(?:h\b|\w*)")  # numbers, hours, ordinals ("15e") are the numbers check's


def audit(said: Sequence[str], source_sentences: Sequence[str], source: str) -> list[tuple[str, list[str]]]:
    """The gate's word tests on an article's sentences, for `check`: names and content words that the whole
    source does not support (the paraphraser's swaps count as the words they replace), days and months it
    does not give, and negations or hedges that the source sentences each one restates do not have (or have,
    when it restates them whole). Each refused sentence with its reasons."""
    allowed = substitutes(source) | {fold(m.lemma) for w in set(words(source)) for m in lexicon.analyse(w)}
    quotes = find_quotes(source)
    spans = [_content(s) for s in source_sentences]
    refused = []
    for sentence in said:
        text = _NUMBER.sub(" ", sentence)
        reasons = []
        if names := [w for w in unknown_names(text, source) if not _supported_start(w, text, source, allowed)]:
            reasons.append(f"names: {', '.join(names[:4])}")
        extra = [w for w in _unsupported_words(text, source, allowed) if w not in names and fold(w) not in _CALENDAR]
        if extra:
            reasons.append(f"not in the source: {', '.join(extra[:4])}")
        if days := _calendar(text) - _calendar(source):
            reasons.append(f"dates: {', '.join(sorted(days))}")
        span = _restated(_content(sentence), spans)
        if span is not None:
            reasons += _claims_changed(_outside(sentence, quotes), _outside(" ".join(source_sentences[span]), quotes),
                                       _content(sentence), frozenset().union(*spans[span]))
        if reasons:
            refused.append((sentence, reasons))
    return refused


def _content(text: str) -> frozenset[str]:
    return frozenset(w[:6] for w in parts(text) if len(w) > 3 and w not in FUNCTION_WORDS)


def _restated(stems: frozenset[str], spans: Sequence[frozenset[str]]) -> slice | None:
    """The source sentence, or two adjacent ones, holding most of the sentence's content words (at least
    half of them, and two)."""
    best, score = None, 0.5
    for i in range(len(spans)):
        for width in (1, 2)[: len(spans) - i]:
            shared = len(stems & frozenset().union(*spans[i: i + width]))
            share = shared / len(stems) if stems else 0.0
            if shared >= 2 and share - 0.1 * (width - 1) > score:
                best, score = slice(i, i + width), share - 0.1 * (width - 1)
    return best


def _outside(text: str, quotes: Sequence[str]) -> str:
    """text less its quotations and the source's (a quotation may open in one sentence and close in the next)."""
    for quote in sorted(quotes, key=len, reverse=True):
        text = text.replace(quote, " ")
    return " ".join(unquoted(text))


def _claims_changed(said: str, had: str, stems: frozenset[str], span_stems: frozenset[str]) -> list[str]:
    """Negations and hedges (outside quotations) that a sentence adds to its span, or drops from it when it
    restates the span whole."""
    whole = len(stems & span_stems) >= WHOLE * len(span_stems)
    reasons = []
    for name, count in (("negation", negations), ("hedge", hedges)):
        added, dropped = count(said) - count(had), count(had) - count(said)
        if added:
            reasons.append(f"{name} added: {', '.join(added)}")
        elif whole and dropped:
            reasons.append(f"{name} dropped: {', '.join(dropped)}")
    return reasons


def _unsupported_words(text: str, source: str, allowed: frozenset[str]) -> list[str]:
    """unsupported() less the swaps' words, as written."""
    written = {fold(p): p for w in words(text) for p in re.split(r"[-'’]", w) if p}
    return [written.get(w, w) for w in dict.fromkeys(unsupported(text, source))
            if w not in allowed and not any(fold(m.lemma) in allowed for m in lexicon.analyse(written.get(w, w)))]


def _supported_start(word: str, text: str, source: str, allowed: frozenset[str]) -> bool:
    """A capitalised first word that is a common word the source supports ("Surtout", "D'après")."""
    return normalise(text).lstrip(" «\"“(-—").startswith(word) and not _unsupported_words(word.lower(), source,
                                                                                          allowed)
