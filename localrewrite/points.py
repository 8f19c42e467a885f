"""Key points: a sentence without the asides that only add to it, for "L'essentiel" and short answers.

An aside is a whole subtree of the parse set off by commas (an apposition, a relative or participial clause,
a complement of time, place or purpose): what is left stays true without it. Never an attribution ("selon X",
"ajoute-t-on"), a condition ("si…", "sans…", "sauf…") or an item of a list ("dont X, Y et Z"), whose loss
would change what the rest says; never a piece of a quotation. Asides go one after another, the one that
closes the sentence first, until the point is short enough to read at a glance (LONG_SENTENCE_WORDS).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from localrewrite.article import word_count
from localrewrite.facts import INVERTED_PRONOUN, REPORTING, open_quote, unquoted
from localrewrite.tokens import described, in_brackets, is_relative, quoted_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SHORT = 25  # words: a point this long or shorter reads at a glance (check.LONG_SENTENCE_WORDS)
ASIDE_WORDS = 3  # an aside shorter than this is not worth the cut
DROPPED_WORDS = 5  # nor a point that drops fewer words in all, unless that makes a long sentence short
POINT_WORDS = 7  # a point keeps at least this many words
_ASIDES = ("appos", "acl", "acl:relcl", "advcl", "obl", "obl:mod", "advmod")
#: Words that open a condition or an exception: without it, the rest says something else ("Sans
#: l'intervention de Qaani, il aurait été impossible…").
_CONDITIONS = frozenset("""si s' sans sauf hormis excepté faute moins pourvu condition cas défaut
contrairement""".split())
#: Words that open a time frame or a set: without it, what the rest says holds at all times ("il n'y a eu aucune
#: attaque") or of everyone ("l'un détonne").
_FRAMES = frozenset("depuis jusqu' jusque pendant durant dès parmi".split())
_NOUNS = ("NOUN", "PROPN", "PRON")
_QUOTE_MARKS = ('"', "»", "”")


@dataclass(frozen=True)
class _Aside:
    start: int  # first token dropped (the comma before, unless the aside opens the sentence)
    end: int  # one past the last token dropped (the comma after, for an aside that opens the sentence)
    place: str  # "close", "inner" or "open"
    commas: tuple[int, ...]  # the commas the cut relies on

    @property
    def span(self) -> range:
        return range(self.start, self.end)


def key_point(doc: Doc) -> str | None:
    """The sentence without its asides (see the module), or None when none can go, when they are too short
    to be worth it or when what is left would be."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    order = {"close": 0, "inner": 1, "open": 2}
    asides = sorted(_asides(doc, root), key=lambda a: (order[a.place], a.start - a.end))
    dropped: set[int] = set()
    for aside in asides:
        if dropped and word_count(_render(doc, [i for i in range(len(doc)) if i not in dropped])) <= SHORT:
            break
        if dropped & {*aside.span, *aside.commas}:
            continue
        keep_comma = aside.place == "inner" and (_set_off(doc, aside.start) or _credits(doc, aside.end))
        dropped |= set(aside.span) - ({aside.end - 1} if keep_comma else set())
    text = _render(doc, [i for i in range(len(doc)) if i not in dropped])
    shortened = word_count(doc.text) > SHORT >= word_count(text)
    if _words(doc, dropped) < DROPPED_WORDS and not shortened or word_count(text) < POINT_WORDS:
        return None
    if open_quote(text) >= 0 or text.count("(") != text.count(")"):
        return None
    return text


def _asides(doc: Doc, root: Token) -> list[_Aside]:
    found = []
    quoted = quoted_tokens(doc)
    last = len(doc) - 1 if doc[-1].is_punct else len(doc)  # the final stop
    for token in doc:
        if not (token.dep_ in _ASIDES or described(token)) or token.dep_ in ("appos", "acl", "acl:relcl") and (
                token.head.pos_ not in _NOUNS):
            continue  # an apposition to a verb is the parser's mistake (an object cut off by a comma)
        left, right = token.left_edge.i, token.right_edge.i
        while left < right and doc[left].is_punct:
            left += 1
        while right > left and doc[right].is_punct:
            right -= 1
        inside = range(left, right + 1)
        if root.i in inside or not _closed(doc, token, inside) or not _plain(doc, inside) or not _shaped(token, left):
            continue
        if _words(doc, inside) < ASIDE_WORDS:
            continue
        before = left - 1 if left and doc[left - 1].text == "," else None
        after = right + 1 if right + 1 < len(doc) and doc[right + 1].text == "," else None
        if {before, after} & quoted or in_brackets(doc, left) or before and doc[before - 1].text in _QUOTE_MARKS:
            continue  # after a quotation, what follows the comma credits it
        if before is not None and right + 1 == last:
            found.append(_Aside(before, right + 1, "close", (before,)))
        elif before is not None and after is not None and after + 1 < len(doc) and (
                doc[after + 1].pos_ in ("VERB", "AUX", "PRON", "ADV") or _set_off(doc, before)
                or _describes_name(token) and doc[after + 1].pos_ == "ADP"):
            found.append(_Aside(before, after + 1, "inner", (before, after)))
        elif left == 0 and after is not None and token.dep_ != "appos" and doc[after + 1].pos_ not in (
                "VERB", "AUX", "SCONJ", "PUNCT") and not is_relative(doc[after + 1]) and not _opinion(doc):
            found.append(_Aside(0, after + 1, "open", (after,)))
    return found


def _opinion(doc: Doc) -> bool:
    """Whether the sentence opens on whose view it gives ("Pour Stéphane Siret, …"), not on a purpose ("Pour
    éviter tout débordement, …")."""
    return doc[0].lower_ == "pour" and len(doc) > 1 and doc[1].pos_ != "VERB"


def _describes_name(token: Token) -> bool:
    """Whether the aside says who a name is ("à Alain Finkielkraut, philosophe et académicien, en marge…")."""
    return (token.dep_ == "appos" or described(token)) and token.head.pos_ == "PROPN"


def _closed(doc: Doc, head: Token, inside: range) -> bool:
    """Whether the words make the head's whole subtree and nothing else: every word inside hangs on another
    inside but the head, none outside hangs on one inside (punctuation aside); the first is no "dont" that
    a list hangs on."""
    if doc[inside.start].lower_ == "dont":
        return False
    return all(t.is_punct or (t.i in inside) == (t.head.i in inside or t.i == head.i) for t in doc)


def _shaped(token: Token, left: int) -> bool:
    """Whether the aside reads as one: it opens on a preposition, a conjunction, a relative pronoun, an adverb
    or a participle; or it is an apposition to a noun phrase, with no list in it or around it (the parser
    reads "quatorze partis, dont X, Y et Z" or "trois responsables, quatre sources et quatre diplomates" as
    asides, and "ont mis en place, un vaste réseau…" as one to "place")."""
    first = token.doc[left]
    commas = [c.i for c in token.children if c.text == ","]
    if commas and any(c.dep_ in ("obj", "nsubj") and c.i > commas[0] for c in token.children):
        return False  # the parser ran the aside on past a comma of its own ("pour éviter tout débordement, un…")
    if described(token):
        return True  # "Alain Finkielkraut, philosophe et académicien,": the parse's second name is a description
    if first.pos_ in ("ADP", "SCONJ", "ADV") or is_relative(first) or first.pos_ == "VERB" and first == token:
        return True
    head = token.head
    return token.dep_ == "appos" and head.pos_ in _NOUNS and head.dep_ != "appos" and not any(
        c.dep_ == "conj" for c in token.children) and sum(c.dep_ == "appos" for c in head.children) == 1 and (
        head.pos_ != "NOUN" or any(c.dep_ == "det" for c in head.children))


def _plain(doc: Doc, inside: range) -> bool:
    """No attribution, condition, time frame or finite main clause in the aside (dropping a "depuis le
    4 février" makes "il n'y a eu aucune attaque" say never), and no quotation left open."""
    words = [doc[i] for i in inside]
    if words[0].lower_ in _CONDITIONS | _FRAMES or any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in words):
        return False
    if any(_attributes(t.lower_) for t in words):
        return False
    head = next(t for t in words if t.head.i not in inside or t.head == t)
    finite = [t for t in (head, *(c for c in head.children if c.dep_.startswith(("aux", "cop"))))
              if t.morph.get("VerbForm") == ["Fin"]]
    if finite and not any(c.dep_ == "mark" or is_relative(c) for c in head.children):
        return False  # "…, ils étaient 69.000": a clause of its own, not an aside
    text = doc[inside.start: inside.stop].text
    return open_quote(text) < 0 and text.count("(") == text.count(")")


def _attributes(word: str) -> bool:
    return word in REPORTING or word in ("selon", "d'après") or "-t-" in word or word.split("-")[0] in REPORTING


def _set_off(doc: Doc, comma: int) -> bool:
    """Whether the words before an inner aside's comma are a complement that opens the sentence ("Samedi,
    entre baraques…, plus d'un millier…"): the comma after it stays; a subject before it ("Buzyn, la
    ministre…, avait") takes none."""
    end = comma - 1
    return any(t.left_edge.i == 0 and t.right_edge.i in (end, comma) and t.dep_ in _ASIDES[3:]
               for t in doc[: comma])


def _credits(doc: Doc, at: int) -> bool:
    """Whether the words at `at` credit what comes before: "selon X", "ajoute-t-on", "précise la préfecture"
    (a reporting verb with its subject after it); the comma before them stays."""
    word = doc[at]
    verb = doc[at + 1] if word.pos_ == "AUX" and at + 1 < len(doc) else word
    inverted = "-t-" in verb.text or verb.i + 1 < len(doc) and doc[verb.i + 1].text.startswith("-")
    return word.lower_ in ("selon", "d'après") or inverted or _attributes(verb.lower_) and any(
        c.dep_.startswith("nsubj") and c.i > verb.i for c in verb.children)


def _words(doc: Doc, indices: Iterable[int]) -> int:
    return sum(1 for i in indices if not doc[i].is_punct)


def _render(doc: Doc, kept: list[int]) -> str:
    """The kept tokens as written, a gap taking the space that followed its last word; a sentence that
    loses its opening starts with a capital."""
    pieces: list[str] = []
    for i in kept:
        if pieces and i - 1 not in kept:
            pieces[-1] = pieces[-1].rstrip() + doc[i - 1].whitespace_
        pieces.append(doc[i].text_with_ws)
    text = "".join(pieces).strip()
    return text[:1].upper() + text[1:]


# What refers to what came before, outside quotations: a subject pronoun ("il devait"; an impersonal "il y a",
# "il faut" refers to nothing), a demonstrative ("ces propos"), an inverted pronoun ("lance-t-il"), "selon lui"
_IMPERSONAL = r"(?! y a| faut| s'agit| semble)"
_ANAPHORA = re.compile(rf"(?i)(?:^|\s)(?:il{_IMPERSONAL}|ils|elle|elles)\b")
_DEMONSTRATIVE = re.compile(r"(?i)(?:^|\s)(?:ces|cette|cet)\b|\b(?:la|de) même source\b")
_INVERTED = re.compile(rf"(?i){INVERTED_PRONOUN}|\b(?:selon|pour|contre|avec|chez|sans) (?:lui|eux)\b")
_PRONOUN_START = re.compile(rf"(?i)^(il{_IMPERSONAL}|ils|elle|elles|ce|cet|cette|ces|cela|c'|on|lui|leur)\b")
_NAMED = re.compile(r"(?<=\s)[A-ZÀ-Ý][\w'-]+")  # a capitalised word after the first: a name the pronoun may stand for


def needs_antecedent(text: str) -> bool:
    """Whether text refers to something said before it, so that it cannot be read alone (a key point, an FAQ
    answer, a passage from an archived article): it opens on a pronoun or a demonstrative ("Il a évoqué…"),
    inverts a subject pronoun ("« Dès demain… », avait-il lancé"), has a demonstrative ("ces propos", "d'après
    la même source"), or a
    subject pronoun with no name before it ("Quelques heures avant, il affirmait…"; not "Drouet avait signé…,
    mais il s'est rendu…"). Quotations aside."""
    free = " … ".join(unquoted(text, 1))
    if _PRONOUN_START.match(text) or _INVERTED.search(free) or _DEMONSTRATIVE.search(free):
        return True
    found = _ANAPHORA.search(free)
    return bool(found) and not _NAMED.search(free[:found.start()])
