"""Shorter forms of the source's headline, for the article's title: the headline carries the story's main fact
(who did what), but wire headlines often run past a title's 60 characters. Each form only drops words (the
part of a colon that is a label, a fronted complement set off by a comma, then closing complements or a second
clause from the end), so what is left the headline said, in less detail; a headline with a negation is never
cut after it ("n'a pas attaqué à Paris" is no "n'a pas attaqué"). The writer then puts a form in other words
(paraphrase engine) and checks it like any sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from localrewrite.tokens import balanced, is_finite

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Words a closing complement or a second clause may open on: the cut falls before them.
_OPENERS = frozenset("""à au aux dans en contre pour par sur sous avec après avant depuis selon pendant vers chez
devant derrière entre et mais""".split())
#: A noun's complement may be cut after a quotation it follows ('une "accusation ignoble" | des "macronistes"').
_OF = frozenset("de du des d'".split())
_CLOSING = ('"', "»", "”", ")")
#: Words a verbless headline may be cut before right after its participle: who it is against, by whom.
_AFTER_PARTICIPLE = frozenset("contre par selon".split())
_NEGATIONS = frozenset("ne n' pas jamais aucun aucune rien personne ni sans guère seulement".split())


def forms(headline: str, parse: Callable[[str], Doc], limit: int) -> list[str]:
    """The headline's forms within limit characters, longest first: the headline itself, or the part after
    its colon when that part has four words or more ("Injures envers Finkielkraut: la date du jugement est
    connue"), or before it when what follows is a label (": rapport"); each whole, without a fronted
    complement ("Entre frites et pizzas, …"), then cut before a closing complement or clause after its verb
    and a noun (or before the complement of a quoted noun: 'une "accusation ignoble" | des "macronistes"'),
    as long as what is left still reads with a verb. A headline without a conjugated verb is
    cut in the same way after its past participle ("… pris à partie | par …"), or right after it before
    whom the act was against or by ("… et amende requis | contre …")."""
    headline = " ".join(headline.split()).rstrip(" .")
    before, colon, after = (part.strip() for part in headline.rpartition(":"))
    if colon and len(after.split()) < 4 and len(before.split()) >= 4:
        parts = [before]  # "…contre les États-Unis : rapport"
    else:
        parts = [headline, *([after] if colon and len(after.split()) >= 4 else [])]
    found: list[str] = []
    for part in parts:
        found += [text for text in _shorter(parse(part), parse) if len(text) <= limit and text not in found]
    return sorted(found, key=len, reverse=True)


def _shorter(doc: Doc, parse: Callable[[str], Doc]) -> list[str]:
    out = [_text(doc, 0, len(doc))]
    start = 0
    comma = next((t.i for t in doc if t.text == ","), None)
    if comma is not None and 0 < comma < len(doc) - 3 and doc[0].pos_ == "ADP" and not any(
            t.pos_ in ("VERB", "AUX") for t in doc[:comma]) and balanced(doc[:comma]):
        start = comma + 1  # "Entre frites et pizzas, les « gilets jaunes » pique-niquent…"
        out.append(_text(doc, start, len(doc)))
    verb = next((t for t in doc[start:] if is_finite(t)), None)
    finite = verb is not None
    if verb is None:  # a headline without a conjugated verb is cut after its participle's complements
        verb = next((t for t in doc[start + 1:] if _participle(t)), None)
        if verb is None:
            return out  # "Des "Gilets jaunes" en cours de droit…" has no clause to keep
    negated = [t.i for t in doc if t.lower_ in _NEGATIONS]
    for cut in range(len(doc) - 1, verb.i, -1):
        if cut == verb.i + 1:  # "… et amende requis | contre la figure …": the participle says what was done
            if finite or doc[cut].lower_ not in _AFTER_PARTICIPLE or any(i < cut for i in negated):
                continue
        else:
            opens = doc[cut].lower_ in _OPENERS or (doc[cut].lower_ in _OF and doc[cut - 1].text in _CLOSING)
            if not opens or any(i < cut for i in negated) or not any(
                    t.pos_ in ("NOUN", "PROPN") for t in doc[verb.i + 1: cut]):
                continue
            if doc[cut - 1].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") and doc[cut - 1].text not in _CLOSING:
                continue  # "…et a demandé" would leave a verb without what it asked
        text = _text(doc, start, cut)
        if not balanced(doc[start:cut]) or not any(is_finite(t) if finite else _participle(t) for t in parse(text)):
            continue  # the parse of what is left no longer finds the verb
        out.append(text)
    return out


def _participle(t: Token) -> bool:
    return t.pos_ == "VERB" and t.morph.get("VerbForm") == ["Part"] and t.morph.get("Tense") != ["Pres"]


def _text(doc: Doc, start: int, end: int) -> str:
    text = doc[start:end].text.strip(" ,;:")
    return text[:1].upper() + text[1:]
