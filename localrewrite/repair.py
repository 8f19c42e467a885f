"""Mend the errors spaCy's French parser makes most often on news sentences, on a copy of the Doc.

Only errors with one sure reading are mended, so that a sentence reads the same whatever small change
nearby tipped the parser:
- "avaient évacué": the auxiliary taken for the main verb and the participle hung under it (even tagged
  an adjective) -> the participle heads the clause, the auxiliary is its aux;
- "la porte-parole du collectif, Marie Dupont": an apposition that puts the name under the title -> the
  name heads, the title is its apposition, as in "Marie Dupont, la porte-parole du collectif";
- "Marie Dupont, la porte-parole du collectif, a dénoncé…": the apposition between commas taken for the
  subject -> the noun phrase before it is the subject, the apposition hangs on it;
- "a averti les élus que la réforme risquait…": a "que" clause hung on the object as a relative clause,
  though "que" is no pronoun in it -> the verb's completive;
- "a averti les groupes qu'une attaque … risquait…": the "que" and the subject of a completive hung on
  another word, its verb left without them -> the verb has its subject and its "que", and is the completive
  of the verb before.
A mending that would make the tree a cycle is dropped with all the others.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from localrewrite.tokens import is_finite, verb_group

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PARTICIPLE = re.compile(r"\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|erts|ertes)$")
_FIRST_GROUP = ("é", "ée", "és", "ées")
_NAMES = {"PER", "ORG"}


def repaired(doc: Doc) -> Doc:
    """doc itself if nothing needs mending (or the mending would not make a tree), else a mended copy."""
    heads = {t.i: (t.head.i, t.dep_) for t in doc}
    verbs: dict[int, str] = {}  # participles tagged adjectives -> their lemma
    for t in doc:
        if (p := _participle_under(t)) is not None:
            for c in t.children:
                heads[c.i] = (p.i, heads[c.i][1])
            heads[p.i] = (p.i if t.head.i == t.i else t.head.i, t.dep_)
            heads[t.i] = (p.i, "aux:tense" if t.lemma_ == "avoir" else "aux:pass")
            if p.pos_ == "ADJ":
                verbs[p.i] = re.sub(r"(?:é|ée|és|ées)$", "er", p.text.lower())
    for s in doc:
        if _name_under_title(s):
            _swap(heads, s, s.head)
        elif (x := _subject_before_apposition(s)) is not None:
            _swap(heads, x, s)
        elif _completive_as_relative(s):
            heads[s.i] = (s.head.head.i, "ccomp")
        elif (n := _subject_with_que(s)) is not None:
            mark = next(c for c in n.children if c.dep_ == "mark")
            heads[n.i], heads[mark.i] = (s.i, "nsubj"), (s.i, "mark")
            if s.head.i != s.i and s.head.pos_ == "VERB" and s.head.i < n.i:
                heads[s.i] = (s.head.i, "ccomp")
    if all(heads[t.i] == (t.head.i, t.dep_) for t in doc) or not _tree(heads):
        return doc
    return _rebuilt(doc, heads, verbs)


def _rebuilt(doc: Doc, heads: dict[int, tuple[int, str]], verbs: dict[int, str]) -> Doc:
    import numpy
    from spacy.attrs import DEP, HEAD

    copy = doc.copy()
    offsets = numpy.array([heads[i][0] - i for i in range(len(doc))], dtype="int64").astype("uint64")
    labels = numpy.array([copy.vocab.strings.add(heads[i][1]) for i in range(len(doc))], dtype="uint64")
    copy.from_array([HEAD, DEP], numpy.stack([offsets, labels], axis=1))
    for i, lemma in verbs.items():
        copy[i].pos_, copy[i].lemma_ = "VERB", lemma
    return copy


def _tree(heads: dict[int, tuple[int, str]]) -> bool:
    """Whether every token reaches a root."""
    for start in heads:
        seen, i = set(), start
        while heads[i][0] != i:
            if i in seen:
                return False
            seen.add(i)
            i = heads[i][0]
    return True


def _swap(heads: dict[int, tuple[int, str]], name: Token, title: Token) -> None:
    """Put name where title was, title as its apposition."""
    heads[name.i] = (name.i if title.head.i == title.i else title.head.i, title.dep_)
    heads[title.i] = (name.i, "appos")


def _participle_under(t: Token) -> Token | None:
    """The participle an "avoir" or "être" taken for the main verb governs right after it, if any."""
    if t.lemma_ not in ("avoir", "être") or t.dep_ in ("aux", "aux:tense", "aux:pass", "cop"):
        return None
    for p in t.doc[t.i + 1: t.i + 4]:
        participle = p.morph.get("VerbForm") == ["Part"] or (p.pos_ == "ADJ" and _PARTICIPLE.fullmatch(p.text.lower()))
        if participle and p.head.i == t.i and p.dep_ not in ("nsubj", "nsubj:pass", "amod"):
            return p if p.pos_ == "VERB" or (t.lemma_ == "avoir" and p.text.lower().endswith(_FIRST_GROUP)) else None
        if p.pos_ not in ("ADV", "PART") and p.lemma_ != "être":
            return None
    return None


def _name_under_title(a: Token) -> bool:
    """An apposition that is a name of a person or body, under a title ("la porte-parole, Marie Dupont")."""
    head = a.head
    return (a.dep_ == "appos" and a.ent_type_ in _NAMES and head.pos_ == "NOUN" and not head.ent_type_
            and not any(c.dep_ == "case" for c in head.children))


def _subject_before_apposition(s: Token) -> Token | None:
    """The noun phrase before a subject set between commas ("X, S, a…"), where S is its apposition."""
    doc = s.doc
    left, right = s.left_edge.i, s.right_edge.i
    if s.dep_ not in ("nsubj", "nsubj:pass") or s.pos_ != "NOUN" or left < 2 or right + 2 >= len(doc):
        return None
    if doc[left - 1].text != "," or doc[right + 1].text != "," or doc[right + 2].text == "et":
        return None
    x = doc[left - 2]
    while x.head.i < left - 1 and x.head.i != x.head.head.i and x.head.pos_ in ("NOUN", "PROPN") and x.dep_ in (
            "nmod", "amod", "flat:name", "appos", "nummod"):
        x = x.head
    if x.pos_ not in ("NOUN", "PROPN") or x.left_edge.i != s.sent.start or x.is_ancestor(s) or (
            x.dep_ in ("nsubj", "nsubj:pass") and x.head.i != s.head.i):
        return None
    return x


def _subject_with_que(v: Token) -> Token | None:
    """The noun that ends just before a finite verb without a subject and carries a "que" meant for it."""
    if not is_finite(v) or any(c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") for c in v.children):
        return None
    group = verb_group(v)
    for n in v.doc[v.sent.start: group.i]:
        if n.pos_ in ("NOUN", "PROPN") and group.i - 2 <= n.right_edge.i < group.i and not n.is_ancestor(v) and any(
                c.dep_ == "mark" and c.lemma_ == "que" and c.i < n.i for c in n.children):
            return n
    return None


def _completive_as_relative(c: Token) -> bool:
    return c.dep_ in ("acl:relcl", "acl") and c.head.dep_ in ("obj", "iobj") and c.head.head.pos_ == "VERB" and any(
        d.dep_ == "mark" and d.lemma_ == "que" for d in c.children) and any(
        d.dep_ in ("nsubj", "nsubj:pass") for d in c.children)
