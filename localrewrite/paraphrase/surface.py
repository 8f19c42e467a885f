"""From a rewrite plan back to French text: tokens of the source parse and new words, joined as French is
written (elision, "de le" -> "du", capitals, spacing, the final stop)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A plan item: a token of the source parse (its index) or a literal word.
Item = int | str

_NO_SPACE_BEFORE = (",", ".", ")", "…", "-t-", "-")
_NO_SPACE_AFTER = ("'", "(", "’")
_VOWEL = "aeiouyéèêëàâäîïôöûüœæAEIOUYÉÈÊÀÂÎÔÛŒ"
_ELIDED = re.compile(rf"\b(le|la|de|que|ne|se|lorsque|puisque|quoique|jusque|Le|La|De|Que|Ne|Se|Lorsque|Puisque) "
                     rf"(?=[{_VOWEL}])")
_CONTRACTED = (("de le ", "du "), ("De le ", "Du "), ("de les ", "des "), ("De les ", "Des "), ("à le ", "au "),
               ("À le ", "Au "), ("à les ", "aux "), ("À les ", "Aux "))
_END = (".", "!", "?", "…", "»", '"', "”")
_NO_T = re.compile(r"(?<=[^\W\d_])([dt])-t-(il|elle|on|ils|elles)\b")
_EUPHONIC_T = re.compile(r"(?<=[^\W\d_])([aeé])-(il|elle|on)\b")


@dataclass(frozen=True)
class Plan:
    """A wording of one source sentence: one or more output sentences, each a list of items."""

    sentences: tuple[tuple[Item, ...], ...]
    kinds: tuple[str, ...]  # the rules that made it: "front", "split", "voice"…
    pinned: frozenset[int] = field(default_factory=frozenset)  # tokens whose agreement the rule relies on
    lowered: frozenset[int] = field(default_factory=frozenset)  # tokens that lose a sentence's capital
    #: (the noun's lemma, the pronoun that now stands for it): a split's "il" is its subject, by construction
    refers: tuple[tuple[str, str], ...] = ()
    #: (what the plan writes, the source's word): a verb conjugated anew ("a promis" for "promettant"), read by
    #: the gate's word checks as the word it stands for, like a swap
    aliases: tuple[tuple[str, str], ...] = ()


def render(doc: Doc, plan: Plan, forms: Mapping[int, str] | None = None) -> str:
    """The plan as text; forms replaces the written form of some tokens ("" removes one)."""
    forms = forms or {}
    out = []
    for items in plan.sentences:
        text = _join(doc, items, forms, plan.lowered)
        if text:
            out.append(_finish(text))
    return " ".join(out)


def _join(doc: Doc, items: Sequence[Item], forms: Mapping[int, str], lower: frozenset[int]) -> str:
    text = ""
    previous: Item | None = None
    for item in items:
        word = item if isinstance(item, str) else forms.get(item, doc[item].text)
        if isinstance(item, int) and item in lower:
            word = lowered(word, doc[item].pos_ == "PROPN" or bool(doc[item].ent_type_))
        if not word:
            continue
        if not text:
            text = word
        elif isinstance(previous, int) and isinstance(item, int) and item == previous + 1:
            glued = not doc[previous].whitespace_ and not (doc[previous].text.endswith("'") and
                                                           not text.endswith("'")) or text.endswith(("'", "’"))
            text += ("" if glued else " ") + word  # "l'" made "le" needs its space, "au" made "à l'" none
        elif word.startswith(_NO_SPACE_BEFORE) or text.endswith(_NO_SPACE_AFTER):
            text += word
        else:
            text += " " + word
        previous = item
    text = " ".join(text.split())
    for old, new in _CONTRACTED:  # whole words: "voilà le" is no "à le"
        text = re.sub(rf"(?<![\w-]){old}", new, text)
    text = _ELIDED.sub(lambda m: m.group(1)[:-1] + "'", text)
    text = _EUPHONIC_T.sub(r"\1-t-\2", _NO_T.sub(r"\1-\2", text))  # "poursuit-il", "ajoute-t-il"
    return re.sub(r"\s+([,.])", r"\1", re.sub(r",\s*,", ",", text)).strip(" ,;")


def _finish(text: str) -> str:
    """A capital at the start (after an opening quote) and a final stop."""
    at = next((i for i, c in enumerate(text) if c.isalpha()), 0)
    text = text[:at] + text[at].upper() + text[at + 1:] if text else text
    if text.endswith(("»", '"', "”")) and not text.rstrip("»\"” ").endswith((".", "!", "?", "…")):
        return text + "."  # a half that closes on a quotation ('…pour "organisation"') still needs its stop
    return text if text.endswith(_END) else text + "."


def lowered(token_text: str, proper: bool) -> str:
    """A word that no longer starts its sentence: lower case unless a name or an acronym."""
    if proper or len(token_text) > 1 and token_text[1:2].isupper():
        return token_text
    return token_text[:1].lower() + token_text[1:]
