"""Mend the errors spaCy's French parser makes most often on news sentences, on a copy of the Doc.

Only errors with one sure reading are mended, so that a sentence reads the same whatever small change
nearby tipped the parser:
- verb groups: "avaient évacué", the auxiliary taken for the main verb -> the participle heads the clause;
  "seraient rouvertes", "être" taken for a copula -> an auxiliary (of the passive where the participle is
  one); "est arrivée" read as a passive -> a tense; "a-t-il ajouté", the inverted subject taken for an
  auxiliary -> the subject; "il s'est rendu", "il" taken for the "il" of "il faut" -> the subject;
- subjects and names: "la porte-parole du collectif, Marie Dupont", the name under the title -> the name
  heads; "Marie Dupont, la porte-parole du collectif, a dénoncé…", the apposition taken for the subject ->
  the noun phrase before it (and the predicate of "Le suspect, un vendeur…, est l'homme…", taken for the
  noun's conjunct, heads again); "Le chef de la force d'élite iranienne Quds a…", the name taken for a second
  subject -> the force's name; "contre Éric Drouet, une figure des gilets jaunes, qui…", the apposition
  taken for the verb's argument -> the name's; "ses soutiens, dont Jérôme Rodrigues", "dont X" taken for
  an apposition -> none;
- objects: "ont fêté samedi l'acte 15", a noun without a preposition taken for a complement -> the
  object; "en rencontrant X", X taken for a subject -> the object; "ayant bloqué l'autoroute", the object
  taken for a second subject of the main verb -> the participle's;
- dates and participles: a date right after a verb hung elsewhere -> that verb's; "dans la matinée en
  amont", a complement hung on the date -> the verb's; "Jérôme Rodrigues ayant perdu son oeil", a
  participle right after a noun hung on the verb -> the noun's; "préfèrent les pourparlers … pour mettre
  fin", a "pour" infinitive hung on a noun -> the verb's;
- coordination: a noun coordinated with a verb -> with the verb's object or subject; "les stations de
  tramway et les bâtiments", a conjunct with its own determiner and no "de" hung on a complement with
  "de" -> coordinated with that complement's head (so "des distributeurs de banques et du mobilier");
  "des panneaux de bois et de métal", "de métal" hung on "panneaux" -> coordinated with "de bois";
- completives: "a averti les élus que la réforme risquait…", a "que" clause hung on the object as a
  relative clause, though "que" is no pronoun in it -> the verb's completive; "a averti les groupes qu'une
  attaque … risquait…", the "que" and the subject of a completive hung on another word -> the verb has its
  subject and its "que", and is the completive of the verb before.
Mendings are made in that order; one that would make the tree a cycle is dropped, alone where it moves one
word (see `_misplaced`), else with all the others.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from localrewrite.tokens import is_finite, is_time, verb_group

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PARTICIPLE = re.compile(r"\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ert|erte|erts|ertes)$")
_FIRST_GROUP = ("é", "ée", "és", "ées")
_NAMES = {"PER", "ORG"}
_INVERTED = {"-il", "-elle", "-on", "-ils", "-elles"}  # "a-t-il dit"
#: Verbs whose "il" stands for nothing ("il faut", "il s'agit", "il reste").
_IMPERSONAL = set("""falloir agir sembler paraître rester manquer arriver suffire exister pleuvoir valoir convenir
importer""".split())
#: Verbs whose "être" is a tense, never a passive ("est arrivée", "sont venus").
_UNACCUSATIVE = set("""arriver venir partir aller rester tomber mourir naître entrer sortir monter descendre devenir
revenir retourner décéder parvenir survenir intervenir repartir rentrer""".split())


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
    for c in doc:
        verb = c.head.head if c.head.text == "-t" else c.head  # "-elle" hung on the "-t" of "a-t-elle"
        if c.text.lower() in _INVERTED and c.dep_ not in ("nsubj", "nsubj:pass") and verb.pos_ in ("VERB", "AUX"):
            heads[c.i] = (verb.i, "nsubj")
        if c.dep_ == "cop" and c.lemma_ == "être" and c.head.pos_ == "VERB" and (
                c.head.morph.get("VerbForm") == ["Part"]):
            heads[c.i] = (c.head.i, "aux:pass" if c.head.morph.get("Voice") == ["Pass"] else "aux:tense")
    for x in doc:
        mended = (y.i, "conj") if (y := _coordinated_with_head(x)) is not None else _misplaced(x)
        if mended is not None:
            kept, heads[x.i] = heads[x.i], mended
            if not _tree(heads):
                heads[x.i] = kept  # the parse put x above its new head: leave it
    for s in doc:
        if _name_under_title(s) or _apposition_before(s):
            _swap(heads, s, s.head)
        elif (x := _subject_before_apposition(s)) is not None:
            _swap(heads, x, s)
            if heads[s.head.i] == (x.i, "conj"):  # the predicate was taken for the noun's conjunct: it heads
                heads[s.head.i] = (s.head.i, "ROOT")
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


def _misplaced(t: Token) -> tuple[int, str] | None:
    """(head, function) for a word the parse hangs where French grammar allows only another reading, or
    None where it hangs right."""
    head = t.head
    if t.dep_ == "expl:subj" and t.lemma_ == "il" and head.pos_ == "VERB" and head.lemma_ not in _IMPERSONAL and (
            not any(c.dep_ in ("nsubj", "nsubj:pass", "expl:comp") and c.lemma_ != "se" for c in head.children)):
        return head.i, "nsubj"  # "il s'est rendu à Paris": a subject, not "il faut"
    if t.dep_ == "appos" and any(c.lemma_ == "dont" for c in t.children):
        return head.i, "dep"  # "ses soutiens, dont Jérôme Rodrigues": one of them, not another name for them
    if t.dep_ in ("advcl", "conj") and t.morph.get("VerbForm") == ["Part"] and (
            noun := _noun_before(verb_group(t))) is not None and not noun.is_ancestor(t) and noun.i != head.i:
        return noun.i, "acl"  # "Jérôme Rodrigues ayant perdu son oeil": the participle says it of the noun
    if t.dep_ in ("nsubj", "nsubj:pass") and t.pos_ in ("NOUN", "PROPN") and not any(
            x.text in "-–" for x in t.doc[t.left_edge.i - 1: t.i]) and any(
            c.dep_ in ("nsubj", "nsubj:pass") and c.right_edge.i == t.left_edge.i - 1 for c in head.children):
        before = t.doc[t.left_edge.i - 1]  # a second subject right after the first: part of it
        if before.pos_ == "VERB" and before.morph.get("VerbForm") == ["Part"]:
            return before.i, "obj"  # "Les agriculteurs ayant bloqué l'autoroute ont…"
        if (noun := _noun_before(t.doc[t.left_edge.i])) is not None:
            return noun.i, "appos"  # "Le chef de la force d'élite iranienne Quds a…": Quds its name
    if (noun := _apposed(t)) is not None:
        return noun.i, "appos"  # "contre Éric Drouet, une figure des gilets jaunes, qui…"
    if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and head.pos_ == "VERB":
        nouns = [c for c in head.children if c.i < t.i and c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("obj", "nsubj")]
        return (nouns[-1].i, "conj") if nouns else None  # "a retrouvé leur propreté et leur tranquillité"
    if t.dep_ == "aux:pass" and t.lemma_ == "être" and head.lemma_ in _UNACCUSATIVE:
        return head.i, "aux:tense"  # "est arrivée": no passive
    if t.dep_.startswith("obl") and t.pos_ == "NOUN" and not is_time(t) and head.pos_ == "VERB" and not any(
            c.dep_ in ("case", "mark") for c in t.children) and not any(c.dep_ == "obj" for c in head.children):
        return head.i, "obj"  # "ont fêté samedi l'acte 15": a noun without preposition is the object
    if t.dep_ == "nmod" and is_time(head) and any(c.dep_ == "case" and c.lemma_ != "de" for c in t.children) and (
            head.head.pos_ in ("VERB", "AUX")):
        return head.head.i, "obl:mod"  # "dans la matinée en amont": a date takes no such complement
    if is_time(t) and t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i > 0 and t.doc[t.i - 1].pos_ == "VERB" and (
            head.i != t.i - 1) and not any(c.dep_ == "case" for c in t.children) and t.dep_ not in ("nsubj", "ROOT"):
        return t.i - 1, "obl:mod"  # "a-t-on appris jeudi": the date right after a verb is its
    if t.dep_ in ("nsubj", "nsubj:pass") and t.i > head.i and head.morph.get("VerbForm") == ["Part"] and (
            head.morph.get("Tense") == ["Pres"]):
        return head.i, "obj"  # "en rencontrant Christophe Chalençon": no subject after a gerund
    if t.dep_ == "acl" and t.morph.get("VerbForm") == ["Inf"] and head.pos_ == "NOUN" and any(
            c.dep_ == "mark" and c.lemma_ == "pour" for c in t.children):
        verb = next((a for a in head.ancestors if a.pos_ == "VERB"), None)
        return (verb.i, "advcl") if verb is not None else None  # "préfèrent les pourparlers … pour mettre fin"
    return None


def _noun_before(first: Token) -> Token | None:
    """The noun just before a word, past adjectives and the rest of a name, with no comma between."""
    j = first.i - 1
    while j >= 0 and first.doc[j].pos_ == "ADJ":
        j -= 1
    if j < 0:
        return None
    t = first.doc[j]
    while t.dep_ in ("flat:name", "flat") and t.head.i < t.i:
        t = t.head
    return t if t.pos_ in ("NOUN", "PROPN") else None


def _apposed(x: Token) -> Token | None:
    """The name a noun phrase set between commas right after it describes, where the parse makes that phrase
    an argument of the verb ("requis contre Éric Drouet, une figure des gilets jaunes, qui…"): a phrase with
    a determiner, closed by the sentence's end or by a comma before a relative pronoun or a verb."""
    doc = x.doc
    left, right = x.left_edge.i, x.right_edge.i
    if x.dep_ not in ("obj", "conj", "nsubj", "obl", "obl:mod", "obl:arg") or x.pos_ != "NOUN" or left < 2 or not any(
            c.dep_ == "det" and c.i == left for c in x.children) or doc[left - 1].text != ",":
        return None
    after = doc[right + 1] if right + 1 < len(doc) else None
    closed = after is None or after.is_sent_end or after.text in ".!?" or (
        after.text == "," and right + 2 < len(doc) and (
            doc[right + 2].lemma_ in ("qui", "que", "dont") or doc[right + 2].pos_ in ("VERB", "AUX")))
    name = _noun_before(doc[left - 1])
    return name if closed and name is not None and name.pos_ == "PROPN" and not name.is_ancestor(x) else None


def _coordinated_with_head(x: Token) -> Token | None:
    """The noun a conjunct is coordinated with when the parse hangs it on a complement with "de" but it has
    none ("les stations de tramway et les bâtiments", "l'histoire de ses mécanismes et la Constitution"), or
    has an article where the complement has a bare "de" ("des distributeurs de banques et du mobilier"):
    the complement's head, as "de" would otherwise be repeated, or the article dropped."""
    y = x.head
    if x.dep_ != "conj" or x.pos_ not in ("NOUN", "PROPN"):
        return None
    if y.dep_ != "nmod" or y.head.pos_ not in ("NOUN", "PROPN"):
        return _with_complement(x, y)
    if not any(c.dep_ == "case" and c.lemma_ == "de" for c in y.children):
        return None
    cases = [c.text.lower() for c in x.children if c.dep_ == "case"]
    if not cases:  # "de tramway et les bâtiments"
        return y.head if any(c.dep_ == "det" for c in x.children) else None
    bare = not any(c.dep_ == "det" for c in y.children) and all(
        c.text.lower() in ("de", "d'") for c in y.children if c.dep_ == "case")
    return y.head if bare and cases[0] in ("du", "des") else None  # "des distributeurs de banques et du mobilier"


def _with_complement(x: Token, y: Token) -> Token | None:
    """The "de" complement a conjunct with "de" is coordinated with, where the parse hangs it on that
    complement's noun, which has no "de" ("par des panneaux de bois et de métal": bois, not panneaux)."""
    if not any(c.dep_ == "case" and c.lemma_ == "de" for c in x.children) or y.pos_ not in ("NOUN", "PROPN") or any(
            c.dep_ == "case" and c.lemma_ == "de" for c in y.children):
        return None
    return next((c for c in y.children if c.dep_ == "nmod" and c.i < x.i and any(
        d.dep_ == "case" and d.lemma_ == "de" for d in c.children)), None)


def _name_under_title(a: Token) -> bool:
    """An apposition that is a name of a person or body, under a title ("la porte-parole, Marie Dupont")."""
    head = a.head
    return (a.dep_ == "appos" and a.ent_type_ in _NAMES and head.pos_ == "NOUN" and not head.ent_type_
            and not any(c.dep_ == "case" for c in head.children) and a.left_edge.i > 0
            and a.doc[a.left_edge.i - 1].text == ",")  # not "le chef de la force iranienne Quds"


def _apposition_before(a: Token) -> bool:
    """An apposition before its noun with no comma between ("Le chef de la force iranienne Quds a…",
    the parse making "Quds" the subject): the noun phrase it opens is the one."""
    return a.dep_ == "appos" and a.right_edge.i < a.head.i and not any(
        t.text == "," for t in a.doc[a.right_edge.i + 1: a.head.i]) and a.left_edge.i == a.sent.start


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
    conjunct = x.dep_ == "ROOT" and s.head.dep_ == "conj" and s.head.head.i == x.i and not any(
        c.dep_ == "cc" for c in s.head.children)  # "Le suspect, un vendeur…, est l'homme…": no "et"
    if x.pos_ not in ("NOUN", "PROPN") or x.left_edge.i != s.sent.start or x.is_ancestor(s) and not conjunct or (
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
