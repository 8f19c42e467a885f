"""Deterministic restatements: a quoted sentence with its attribution moved to the front.

The small model rarely rewrites a quotation sentence without touching the quotation, so the writer
also offers this rule-based wording, which keeps every quotation whole:
« Q », a déclaré la source.  ->  La source a déclaré : « Q ».
« Q », a-t-il ajouté.        ->  Il a ajouté : « Q ».
"""

from __future__ import annotations

import re

_QUOTE = r'(?:«[^«»]+»|"[^"]+"|“[^“”]+”)'
_SENTENCE = re.compile(
    rf"^(?P<quote>{_QUOTE}(?:\s*,?\s*{_QUOTE})*)\s*,\s*"
    r"(?P<verb>a-t-il|a-t-elle|ont-ils|ont-elles|a|ont)\s+"
    r"(?P<participle>\w+)\b\s*(?P<rest>[^«»\"“”]*?)\s*[.!]?$"
)
_PRONOUNS = {"a-t-il": "Il a", "a-t-elle": "Elle a", "ont-ils": "Ils ont", "ont-elles": "Elles ont"}
_SUBJECT_START = re.compile(r"^(?:le|la|les|l'|un|une|des|cette|ce|ces|[A-ZÀ-Ý])")


def front_attribution(sentence: str) -> str | None:
    """The sentence with its trailing attribution moved before the quotation, or None if it has none."""
    match = _SENTENCE.match(sentence.strip())
    if not match:
        return None
    quote, verb, participle, rest = match.group("quote", "verb", "participle", "rest")
    if verb in _PRONOUNS:
        tail = f" {rest}" if rest else ""
        return f"{_PRONOUNS[verb]} {participle}{tail} : {quote}."
    if not rest or not _SUBJECT_START.match(rest):
        return None
    subject = rest[0].upper() + rest[1:] + ("," if "," in rest else "")
    return f"{subject} {verb} {participle} : {quote}."
