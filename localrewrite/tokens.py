"""Tokens of spaCy's French parse: what one says, read the way `localrewrite.claims` needs it.

Each function answers one question about a token of a (mended) parse: does it head claims, is its verb
passive or finite, which preposition introduces it, which pronoun is it, where are the quotations. The
answers tolerate the tagger's usual slips ("dimanche" tagged an adjective, "a menti" with "menti" an
adjective, "celle-ci" cut in three).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from localrewrite.facts import fold
from localrewrite.lexicon import verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Pronouns that stand for a noun: gender, number, and whether they point at the last noun ("celle-ci")
#: rather than at the last subject ("elle").
PRONOUNS = {
    "il": ("Masc", "Sing", False), "elle": ("Fem", "Sing", False), "ils": ("Masc", "Plur", False),
    "elles": ("Fem", "Plur", False), "lui": ("Masc", "Sing", False), "eux": ("Masc", "Plur", False),
    "celui": ("Masc", "Sing", True), "celle": ("Fem", "Sing", True), "ceux": ("Masc", "Plur", True),
    "celles": ("Fem", "Plur", True), "dernier": ("Masc", "Sing", True), "derniere": ("Fem", "Sing", True),
    "derniers": ("Masc", "Plur", True), "dernieres": ("Fem", "Plur", True),
}
#: Verbs that report what someone says or thinks, as lemmas.
REPORTING = frozenset("""dire déclarer affirmer estimer expliquer ajouter indiquer souligner assurer préciser
annoncer confier insister rappeler raconter témoigner marteler lancer poursuivre écrire tweeter noter observer
répondre commenter résumer relever juger penser croire considérer conclure rétorquer répliquer ironiser
s'exclamer apprendre rapporter confirmer signaler reconnaître constater""".split())
AUX = {"aux", "aux:pass", "aux:tense", "aux:caus", "cop"}
#: Links that make no claim: grammar words, modifiers, the parts of a name.
SILENT = AUX | {"punct", "det", "case", "mark", "cc", "advmod", "amod", "nummod", "fixed", "flat:name", "flat"}
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}
CLITICS = {"le", "la", "l'", "les", "lui", "leur", "se", "s'", "y", "en", "me", "m'", "te", "t'", "nous", "vous"}

_RELATIVES = {"qui", "que", "qu'", "dont", "ou", "lequel", "laquelle", "lesquels", "lesquelles", "auquel",
              "auxquels", "auxquelles", "duquel", "desquels", "desquelles"}
_TIME = set("""lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout
septembre octobre novembre decembre matin matinee soir soiree nuit veille lendemain semaine mois annee jour
journee heure midi minuit hier aujourd'hui demain week-end""".split())
#: Nouns of compound prepositions: "en raison de", "à cause de", "à la suite de", "en marge de"…
_COMPOUND = set("""raison cause suite cours marge encontre alentours lors face propos sujet faveur depit issue
presence grace part lieu instar detriment""".split())
_OWN = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "ccomp", "xcomp"}
_COMPLEMENTS = {"obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "xcomp", "ccomp"}
_HOUR = re.compile(r"\d{1,2}h\d{0,2}")
_PIECES = {"t", "ci", "la"}  # of "a-t-il", "celle-ci", "celui-là"
_MARKS = {"«": "»", "“": "”"}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each quotation in « », “ ” or straight quotes; one the text opens
    without closing runs to its end, one it closes without opening (begun in the sentence before) runs
    from its start."""
    spans: list[tuple[int, int]] = []
    opened: tuple[str, int] | None = None
    for m in re.finditer(r"[«»“”\"]", text):
        mark, at = m.group(), m.start()
        before = text[at - 1] if at else " "
        closing = mark in "»”" or (mark == '"' and opened is not None and opened[0] == '"') or (
            mark == '"' and opened is None and not before.isspace() and before not in "(['")
        if not closing:
            opened = opened or (mark, at + 1)
        elif opened is None:
            spans.append((0, at))
        elif _MARKS.get(opened[0], '"') == mark:
            spans.append((opened[1], at))
            opened = None
    if opened is not None:
        spans.append((opened[1], len(text)))
    return spans


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Tokens inside a quotation, one the text opens without closing or closes without opening too (a
    quotation running over several sentences)."""
    spans = quoted_spans(doc.text)
    return frozenset(t.i for t in doc if any(a <= t.idx < b for a, b in spans))


#: The articles that open a title before a name, and the preposition each leaves once the title follows the name.
TITLE_DETERMINERS = {"le": "", "la": "", "l'": "", "au": "à", "du": "de"}


def title_before(doc: Doc, start: int) -> int | None:
    """The definite article (or "au", "du") that opens a title before the name at start ("le ministre de
    l'Intérieur Christophe Castaner"): walking back over nouns, adjectives and their complements, at most
    eight words, to the article a common noun or adjective follows ("le Premier ministre", not "du Kataib
    Hezbollah"), only adjectives between it and the title's noun."""
    for i in range(start - 1, max(start - 9, -1), -1):
        t = doc[i]
        opens = i + 1 < start and doc[i + 1].pos_ in ("NOUN", "ADJ") and (
            i == 0 or doc[i - 1].lower_ not in ("de", "d'"))
        if t.lower_ in TITLE_DETERMINERS and opens:
            head = next((doc[k] for k in range(i + 1, start) if doc[k].pos_ == "NOUN"), None)
            if head is None or any(doc[k].pos_ != "ADJ" for k in range(i + 1, head.i)):
                return None
            return i
        if t.is_punct or t.pos_ not in ("NOUN", "ADJ", "PROPN", "ADP", "DET", "CCONJ"):
            return None
    return None


def titled(t: Token) -> Span | None:
    """The person's name that the title t stands before, if any ("ministre" in "le ministre de l'Intérieur
    Christophe Castaner"): the title says what "Christophe Castaner, ministre de l'Intérieur," says. The
    name is a person the entity recogniser found, else two capitalised names or more right after a word of
    the title (the recogniser sometimes takes "Le Premier ministre Mohammed Shia al-Sudani" whole)."""
    if t.pos_ != "NOUN":
        return None
    doc = t.doc
    starts = {e.start: e.end for e in doc.ents if e.label_ == "PER"}
    for k in range(t.i + 1, min(t.i + 9, len(doc))):
        if doc[k - 1].is_punct:
            return None
        end = starts.get(k)
        if end is None and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and doc[k - 1].pos_ in ("NOUN", "ADJ"):
            end = k
            while end < len(doc) and doc[end].pos_ == "PROPN" and (not doc[end].is_punct or doc[end].text == "-" and (
                    end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN")):  # "al-Sudani"
                end += 1
        if end is not None and end - k >= 2 and (det := title_before(doc, k)) is not None and next(
                i for i in range(det + 1, k) if doc[i].pos_ == "NOUN") == t.i:
            return doc[k:end]
    return None


def described(t: Token) -> bool:
    """Whether t is a name's description that the parse took for a second name: a noun after a comma, with no
    "et" or "ou" before it, hung on a name as its conjunct ("Alain Finkielkraut, philosophe et académicien,")."""
    if t.dep_ != "conj" or t.pos_ != "NOUN" or t.head.pos_ != "PROPN" or any(c.dep_ == "cc" and c.i < t.i
                                                                            for c in t.children):
        return False
    first = next(w for w in t.subtree if not w.is_punct)  # the parse may hang the comma on t
    return first.i > 0 and t.doc[first.i - 1].text == ","


def is_predicate(t: Token) -> bool:
    """Whether t heads claims: a verb (a bare participle only with complements of its own, else it is an
    adjective), a noun or adjective with a copula ("est un allié"), an apposition between commas or dashes
    ("X, un allié"), a title before a name, with a comma ("l'allié de X, Y") or without ("le ministre de
    l'Intérieur Christophe Castaner"), or a name's description the parse took for a second name."""
    if t.dep_ in AUX or not is_word(t):
        return False
    if t.pos_ in ("VERB", "AUX") or has_tense(t):
        if t.dep_ in ("amod", "acl") and t.morph.get("VerbForm") == ["Part"]:
            return any(c.dep_ in _OWN for c in t.children)
        return True
    if any(c.dep_ == "cop" for c in t.children) or titled(t) is not None or described(t):
        return True
    if t.dep_ != "appos" or t.pos_ not in NOMINAL or is_time(t):
        return False
    after = t.doc[t.right_edge.i: t.right_edge.i + 2].text  # "le conseiller du ministre, Paul Martin"
    return (t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text in (",", "-", "–", "—")) or (
        t.pos_ == "NOUN" and t.i < t.head.i and "," in after)


def has_tense(t: Token) -> bool:
    """A word with a tense auxiliary is a verb, however tagged ("a menti" tagged an adjective)."""
    return any(c.dep_ in ("aux:tense", "aux:pass") for c in t.children)


def is_passive(p: Token) -> bool:
    """A passive has "être" for auxiliary ("a été interpellé"), or none (a participle); the parse says
    nsubj:pass of some clauses with "avoir" ("qu'il a envoyés")."""
    auxiliaries = [c for c in p.children if c.dep_ in ("aux:pass", "aux:tense")]
    return any(c.dep_ == "aux:pass" for c in auxiliaries) or (
        not auxiliaries and any(c.dep_ == "nsubj:pass" for c in p.children))


def is_finite(p: Token) -> bool:
    return (p.pos_ in ("VERB", "AUX") and p.morph.get("VerbForm") == ["Fin"]) or any(
        c.dep_ in ("aux:tense", "aux:pass", "cop") and c.morph.get("VerbForm") == ["Fin"] for c in p.children)


def is_clausal(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") or any(c.dep_ in ("cop", "nsubj", "nsubj:pass") for c in t.children)


def in_brackets(doc: Doc, at: int) -> bool:
    """Whether token `at` stands inside brackets the text before it opens ("(boules de pétanque, batte…")."""
    before = doc[:at].text
    return before.count("(") > before.count(")")


def embedded(subject: Token) -> bool:
    """Whether a subject's clause hangs, through any coordination, on something other than its sentence's
    root ("…pour répéter que le mouvement n'a pas de leader": le mouvement)."""
    verb = subject.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ != "ROOT"


def is_projective(head: Token, child: Token) -> bool:
    low, high = sorted((head.i, child.i))
    return all(head.is_ancestor(head.doc[k]) for k in range(low + 1, high))


def is_date(t: Token) -> bool:
    """A date word, or the number of one ("le 29 mars": 29)."""
    return is_time(t) or (t.pos_ == "NUM" and any(is_time(c) for c in t.children))


DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})  # a phrase with one points back to what was said
#: Phrases that link a sentence to the one before (the split rules open a sentence on one): no claim.
CONNECTORS = frozenset({"dans le meme temps", "au meme moment", "en meme temps"})


def is_connector(t: Token) -> bool:
    """The noun of a linking phrase ("Dans le même temps, …"), which says nothing of the clause."""
    return t.lower_ in ("temps", "moment") and fold(t.doc[t.left_edge.i: t.right_edge.i + 1].text) in CONNECTORS


def is_time(t: Token) -> bool:
    """A date or time word, however tagged ("dimanche" is sometimes an adjective): a day, a month, a part of
    the day, an hour ("18H00"), "fin" or "début" of a month."""
    if t.pos_ in ("VERB", "AUX") or (t.morph.get("Number") == ["Plur"] and any(  # "des années": a duration
            c.dep_ == "nummod" or fold(c.text) in ("des", "plusieurs", "quelques") for c in t.children)):
        return False
    word = fold(t.text)
    return word in _TIME or fold(t.lemma_) in _TIME or bool(_HOUR.fullmatch(word)) or (
        word in ("fin", "debut", "mi") and t.i + 1 < len(t.doc) and fold(t.doc[t.i + 1].text) in _TIME)


def is_noun(t: Token) -> bool:
    """A noun, or a word tagged an adjective that has a determiner ("des automobiles")."""
    return t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ" and any(c.dep_ == "det" for c in t.children))


def shown_agreement(verb: Token) -> tuple[str | None, str | None]:
    """(gender, number) of its subject that a clause's verb shows, as spaCy writes them ("Fem", "Plur"): the
    number of its finite verb or auxiliary, the gender of its participle or attribute after "être"; None for
    what it does not show."""
    finite = [verb, *(c for c in verb.children if c.dep_.startswith("aux") or c.dep_ == "cop")]
    number = next((w.morph.get("Number")[0] for w in finite if w.morph.get("VerbForm") == ["Fin"]
                   and w.morph.get("Number")), None)
    after_etre = any(c.dep_ in ("aux:pass", "cop") or c.lemma_ == "être" for c in verb.children)
    gender = verb.morph.get("Gender")[0] if after_etre and verb.morph.get("Gender") else None
    return gender, number


def counting(t: Token) -> bool:
    """A number that heads the noun it counts ("cinq des sources", however the tagger reads "cinq")."""
    after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return t.like_num and t.pos_ in ("NUM", "PRON") and after is not None and after.lower_ in ("des", "de", "d'") \
        and any(c.dep_ == "nmod" for c in t.children)


def names_source(t: Token) -> bool:
    """Whether t opens a source named as "selon X" or "d'après X" (which the tokenizer cuts after "d'")."""
    return fold(t.text) == "selon" or fold(t.text) == "d'" and t.i + 1 < len(t.doc) and fold(t.nbor(1).text) == "apres"


def is_word(t: Token) -> bool:
    """Not punctuation, nor a piece of "a-t-il" or "celle-ci"."""
    text = t.text.strip("-")
    return any(ch.isalnum() for ch in text) and not (
        fold(text) in _PIECES and (t.text.startswith("-") or (t.i > 0 and t.doc[t.i - 1].text == "-")))


def is_cleft(t: Token) -> bool:
    """Whether t is the focus of "c'est X qui/que…"."""
    return any(c.dep_ == "cop" for c in t.children) and any(
        c.dep_ in ("nsubj", "expl:subj") and fold(c.text) in ("c'", "ce") for c in t.children) and any(
        c.dep_ in ("acl:relcl", "acl", "ccomp") for c in t.children)


def is_relative(t: Token) -> bool:
    return fold(t.text) in _RELATIVES and (t.morph.get("PronType") == ["Rel"] or (
        t.pos_ == "PRON" and any(a.dep_ in ("acl:relcl", "acl") for a in [t.head, *t.head.ancestors][:2])))


def has_relative(c: Token) -> bool:
    """A clause with its own relative pronoun: it says something of a noun, whatever it hangs on."""
    return any(is_relative(x) and x.dep_ not in ("mark", "fixed") for x in c.children)


def is_impersonal(t: Token, p: Token) -> bool:
    """"il faut", "il y a", "il s'agit": an il that stands for nothing."""
    return fold(t.text) == "il" and (lemma(p) in ("falloir", "agir", "sembler", "paraître") or any(
        fold(c.text) == "y" for c in p.children))


def lemma(t: Token) -> str:
    """The lemma claims use: a pronoun's own key, a name as spaCy has it, a verb as the dictionary corrects it,
    anything else lower-cased."""
    own = pronoun(t)
    if own:
        return own
    if t.pos_ == "VERB" and t.lemma_:  # "estime" read as a verb: "estimer"
        return verb_lemma(t.lower_, t.lemma_.lower())
    return t.lemma_ if t.pos_ == "PROPN" and t.lemma_ else (t.lemma_ or t.text).lower()


def pronoun(t: Token) -> str | None:
    """"il", "elle", "celle"…, "dernier"… for a pronoun standing for a noun: "celle-ci", "ce dernier",
    not "celle qui"."""
    low = fold(t.text).lstrip("-")
    if low.startswith("dernier"):
        return low if any(fold(c.text) in ("ce", "cet", "cette", "ces") for c in t.children) else None
    if low.startswith(("celui", "celle", "ceux")):
        after = t.doc[t.i + 1: t.i + 3].text.replace(" ", "")
        return low.split("-")[0] if "-ci" in low or "-la" in low or after.startswith(("-ci", "-là")) else None
    return low if t.pos_ == "PRON" and low in PRONOUNS else None


def agrees(n: Token, gender: str, number: str) -> bool:
    """Whether a noun can be what a pronoun of this gender and number stands for; a person's name, or a
    noun its determiner and its tag disagree on ("la ministre" tagged masculine), agree with either."""
    genders, numbers = n.morph.get("Gender"), n.morph.get("Number")
    genders += [g for d in n.children if d.dep_ == "det" for g in d.morph.get("Gender")]
    numbers = [x for d in n.children if d.dep_ == "det" for x in d.morph.get("Number")] or numbers  # "Les slogans"
    any_gender = n.ent_type_ == "PER" or not genders
    return (any_gender or gender in genders) and (not numbers or number in numbers)


def via(t: Token) -> str:
    """The preposition or conjunction before t, lower-cased, with its fixed parts ("en raison de",
    "d'après")."""
    words = []
    for c in t.children:
        if c.dep_ in ("case", "mark") and c.i < t.i:
            words += [c.text, *(f.text for f in c.children if f.dep_ == "fixed")]
    return " ".join(words).lower().replace("' ", "'")


def is_source(t: Token) -> bool:
    """Whether t is the X of "selon X" or "d'après X"."""
    return fold(via(t)) in ("selon", "d'apres")


def is_compound(t: Token) -> bool:
    """The noun of a compound preposition ("en raison de", "à la suite de")."""
    return fold(t.lemma_) in _COMPOUND and any(c.dep_ == "case" for c in t.children)


def through(c: Token, before: str) -> tuple[str, Token]:
    """(via, argument) of a complement introduced by `before`, through a compound preposition: "en raison
    de la tempête" -> ("en raison de", tempête)."""
    if fold(c.lemma_) in _COMPOUND and before:
        inner = next((n for n in c.children if n.dep_ == "nmod" and via(n) in ("de", "d'", "du", "des", "à", "au")),
                     None)
        if inner is not None:
            return f"{before} {c.text.lower()} {via(inner)}", inner
    return before, c


def nested(t: Token) -> Iterator[Token]:
    """The nouns inside an argument's phrase: its complements and appositions, theirs, and so on."""
    for c in t.children:
        if c.dep_ in ("nmod", "appos", "conj", "obl:mod", "obl:arg", "amod") and c.pos_ in ("NOUN", "PROPN", "NUM") \
                and not is_time(c):
            yield c
            yield from nested(c)


def named(t: Token) -> Token:
    """The one an apposition speaks of ("Nadine, 55 ans, qui…": Nadine)."""
    while t.dep_ == "appos" and t.head.i != t.i:
        t = t.head
    return t


def heads_phrase(head: Token, near: Token) -> bool:
    """Whether head heads the noun phrase near ends: near hangs on it through complements or coordination."""
    while near.dep_ in ("nmod", "conj", "flat:name", "flat", "appos", "nummod", "amod") and near.head.i != near.i:
        near = near.head
        if near.i == head.i:
            return True
    return False


def verb_group(p: Token) -> Token:
    """The first word of p's verb group: its auxiliaries, clitics and adverbs before it, or p."""
    return min([p, *(c for c in p.children if c.i < p.i and (c.dep_ in AUX or c.pos_ in ("ADV", "PART") or (
        c.pos_ == "PRON" and fold(c.text) in CLITICS)))], key=lambda x: x.i)


def subject_before(p: Token) -> Token | None:
    """The noun phrase that ends just before a finite verb's group, if it agrees with the verb and is not
    another verb's complement: French puts the subject there ("Les injures qui lui sont prêtées ont
    suscité…"), where the parse sometimes loses it."""
    group = verb_group(p)
    number = next((x.morph.get("Number") for x in [p, *p.children] if x.morph.get("VerbForm") == ["Fin"]), [])
    found = [h for h in p.doc[p.sent.start: group.i] if h.pos_ in ("NOUN", "PROPN", "PRON") and not via(h)
             and fold(h.text) not in CLITICS and not is_relative(h) and not h.is_ancestor(p)
             and group.i - 2 <= h.right_edge.i < group.i and h.dep_ not in _COMPLEMENTS
             and (not number or not h.morph.get("Number") or h.morph.get("Number") == number)]
    return min(found, key=lambda h: h.left_edge.i, default=None)


@dataclass(frozen=True)
class Edge:
    """A phrase set off by a comma at the start or the end of a one-sentence text ("Dans la matinée, P",
    "P, selon la préfecture"), and the text without it, each written as a text of its own."""

    core: str
    phrase: str
    front: bool


_PARTITIVE = {"de", "d'", "du", "des"}  # "De nombreux contrôles…", "Du mobilier…": a subject, not a phrase
_STOPS = {".", "!", "?", "…"}


def edge(doc: Doc) -> Edge | None:
    """The adverbial phrase a one-sentence text opens or closes with, between its edge and a comma: one
    led by a preposition ("Dans la matinée", "À Lyon", "Selon la police", "Pour protester contre…") or a
    date ("Samedi", "Le 7 février"), with no finite verb but in a relative clause. None where there is
    none, where the words after an opening phrase may be its apposition ("À Dijon, autre place forte du
    mouvement, le cortège…"), or where a closing phrase follows an apposition, whose comma it is ("…, Abou
    Baqir al-Saadi, à Bagdad"), or holds a pronoun, which may stand for a noun of the text ("…, selon
    lui")."""
    quoted = quoted_tokens(doc)
    if sum(s.start not in quoted for s in doc.sents) != 1:  # one sentence, or one and a quotation's others
        return None
    depth, commas = 0, []
    for t in doc:
        depth += (t.text == "(") - (t.text == ")")
        if t.text == "," and not depth and t.i not in quoted:
            commas.append(t.i)
    if not commas:
        return None
    end = len(doc) - 1 if doc[-1].text in _STOPS else len(doc)
    first, last = commas[0], commas[-1]
    if _adverbial(doc[:first]) and _clause(doc[first + 1:]) and not _apposition(doc, first, commas[1:]):
        return Edge(_sentence(doc.text[doc[first + 1].idx:]), _phrase(doc[:first]), front=True)
    before = doc[commas[-2] + 1:last] if len(commas) > 1 else doc[:last]
    named = len(before) <= 6 and not _clause(before) and not _adverbial(before) and not any(
        t.pos_ == "CCONJ" for t in before)  # ", Abou Baqir al-Saadi, à Bagdad": the apposition's comma
    if _adverbial(doc[last + 1:end]) and _clause(doc[:last]) and not named and not any(
            t.i in quoted or pronoun(t) for t in doc[last:end]):
        return Edge(_sentence(doc.text[:doc[last].idx] + doc.text[doc[end - 1].idx + len(doc[end - 1].text):]),
                    _phrase(doc[last + 1:end]), front=False)
    return None


#: Words that open a subordinate clause: a clause after one may belong to it.
SUBORDINATORS = frozenset("que qu' qui dont où si quand lorsque lorsqu' parce puisque puisqu' comme lequel "
                          "laquelle lesquels lesquelles".split())
_SUBJECTS = frozenset("il elle ils elles on".split())


_QUOTE_MARKS = frozenset('"»”')
_TIME_AGO = re.compile(r"(?i)\by (?:a|avait)\b")


def clause_join(doc: Doc) -> int | None:
    """The "et", "mais", ";" or comma that joins two main clauses, each with its own subject ("Des mesures ont
    été mises en place et le centre opérationnel a été activé…"), read from the words since the parse often makes
    the second subject a conjunct of the first clause's last noun. Only where nothing could make the second
    clause part of the first: no subordinating word before the join, nor between the second subject and its
    verb; no attribution or "selon" anywhere (it would credit both); no quotation or bracket left open."""
    quoted = quoted_tokens(doc)
    if any(names_source(t) or (t.pos_ == "VERB" and lemma(t) in REPORTING) for t in doc):
        return None
    end = len(doc) - 1 if doc[-1].text in _STOPS else len(doc)
    for join in doc[3:end - 3]:
        if join.lower_ not in ("et", "mais") and join.text not in (";", ",") or join.i in quoted:
            continue
        left, right = doc[:join.i], doc[join.i + 1:end]
        last = next((t.i + 1 for t in reversed(left) if t.text in ":;"), 0)  # the clause the comma closes
        if join.text == "," and (doc[join.i - 1].text in _QUOTE_MARKS or _TIME_AGO.search(left.text) or not any(
                t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in doc[last:join.i])):
            continue  # "« … », le ministre l'a répété"; "Il y a deux ans, la ville…", "À 20H00, …", "… : le 19
            #           janvier, …": no clause
        opener = right[0]
        if not (opener.pos_ in ("DET", "PROPN", "NUM") or opener.lower_ in _SUBJECTS or (
                opener.pos_ == "NOUN" and join.lower_ == "mais")) or opener.i in quoted:
            continue  # "… mais gendarmes et « gilets jaunes » semblent…": a bare subject after "mais"
        if not _clause(left) or any(t.lower_ in SUBORDINATORS for t in left) or not balanced(left):
            continue
        verb = next((t for t in right if is_finite(t)), None)
        if verb is None or any(t.lower_ in SUBORDINATORS or t.pos_ in ("VERB", "PRON") and t.i != opener.i
                               for t in doc[opener.i: verb.i]) or not balanced(doc[opener.i: verb.i]):
            continue
        return join.i
    return None


def balanced(span: Span) -> bool:
    """No quotation or bracket left open in span."""
    marks = [t.text for t in span]
    return marks.count('"') % 2 == 0 and marks.count("«") == marks.count("»") and (
        marks.count("“") == marks.count("”")) and marks.count("(") == marks.count(")")


def clause_halves(doc: Doc) -> tuple[str, str] | None:
    """The two main clauses `clause_join` finds, each written as a sentence ("… Mais …" keeps its "mais")."""
    join = clause_join(doc) if len(list(doc.sents)) == 1 else None
    if join is None:
        return None
    second = doc[join:] if doc[join].lower_ == "mais" else doc[join + 1:]
    return _sentence(doc[:join].text.rstrip(" ,")) + ".", _sentence(second.text)


#: Conjunctions that open a closing clause of contrast, simultaneity or concession, and the adverb that opens
#: it as a sentence of its own; "alors que" only before a verb in the imperfect (a simultaneity), since it
#: also marks a cause or a concession.
LINKS = {("tandis", "que"): "Dans le même temps,", ("alors", "que"): "Dans le même temps,",
         ("alors", "qu'"): "Dans le même temps,", ("même", "si"): "Toutefois,", ("même", "s'"): "Toutefois,"}
_OPENING_PRONOUNS = frozenset("il elle ils elles on cela ce c' rien personne chacun tous".split())


def link_join(doc: Doc, end: int, quoted: frozenset[int]) -> int | None:
    """Where a clause in "tandis que", "alors que" or "même si" that runs to end starts (its conjunction), read
    from the words, the parse often hanging it on a noun: only after a main clause (a finite verb, no
    subordinating word, verb of saying or "selon" before it: the clause would lose its speaker), the clause
    opening on its own subject, its finite verb after it (in the imperfect after "alors que"), with no
    bracket, dash, colon or quotation left open (quoted: the tokens inside quotations)."""
    for at in range(3, end - 4):
        if (doc[at].lower_, doc[at + 1].lower_) not in LINKS or at in quoted:
            continue
        before, clause = doc[:at], doc[at + 2:end]
        if not _clause(before) or not balanced(before) or not balanced(clause) or any(
                t.lower_ in SUBORDINATORS or names_source(t) or t.pos_ == "VERB" and lemma(t) in REPORTING
                for t in before if t.i not in quoted) or any(t.text in "()—–:;" for t in clause):
            return None
        opener = clause[0]
        verb = next((t for t in clause if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"]), None)
        if verb is None or not (opener.pos_ in ("DET", "PROPN", "NUM", "NOUN") or opener.lower_ in _OPENING_PRONOUNS) \
                or any(t.lower_ in SUBORDINATORS or t.pos_ in ("VERB", "PRON") and t.i != opener.i or t.text == ","
                       for t in doc[opener.i: verb.i]):
            return None  # "alors que résonne la Marseillaise": no subject of its own first
        if doc[at].lower_ == "alors" and verb.morph.get("Tense") != ["Imp"]:
            return None
        return at
    return None


def without_repeated_que(doc: Doc, span: range) -> list[int]:
    """The clause's words but the "que" that repeats its conjunction after "et" or "ou" ("tandis que A et que
    B": the clause as a sentence reads "A et B")."""
    return [i for i in span if not (doc[i].lower_ in ("que", "qu'") and doc[i - 1].lower_ in ("et", "ou"))]


def halves(doc: Doc) -> tuple[str, str] | None:
    """The two clauses of a one-sentence text joined by a colon ("Au final, ils ont gagné leur pari : aucun
    incident n'est venu…"; a "selon X" before the colon credits both) or by "et", "mais", ";" or a comma
    (`clause_join`), each written as a sentence; None where there are no such two, or where the colon opens a
    quotation or what a verb reports ("Il a expliqué : il n'y a pas de solution")."""
    if len(list(doc.sents)) != 1:
        return None
    if (clauses := clause_halves(doc)) is not None:
        return clauses
    if (linked := link_halves(doc)) is not None:
        return linked
    quoted = quoted_tokens(doc)
    colon = next((t for t in doc if t.text == ":" and t.i not in quoted), None)
    if colon is None or colon.i + 1 >= len(doc) or doc[colon.i + 1].text in "«“\"" or doc[colon.i + 1].i in quoted:
        return None
    left, right = doc[:colon.i], doc[colon.i + 1:]
    verbs = [t for t in left if t.pos_ == "VERB"]
    if not _clause(left) or not _clause(right) or (verbs and lemma(verbs[-1]) in REPORTING):
        return None
    second, first = _sentence(right.text), _sentence(left.text) + "."
    if (source := source_closing(doc, colon.i)) is not None:  # "P, selon X : Q": X's figures are Q too
        second = f"{second.rstrip(' .')}, {doc[source: colon.i].text}."
    end = len(doc) - 1 if doc[-1].text in _STOPS else len(doc)
    if (said := report_closing(doc, end)) is not None:  # "P : Q, a constaté X": X saw P too
        first = f"{first.rstrip(' .')}, {doc[said: end].text}."
    return first, second


def link_halves(doc: Doc) -> tuple[str, str] | None:
    """"P tandis que Q" (`link_join`) as the two sentences "P." and "Q.", a closing attribution or "selon X"
    crediting both."""
    end = len(doc) - 1 if doc[-1].text in _STOPS else len(doc)
    closing = report_closing(doc, end)
    closing = source_closing(doc, end) if closing is None else closing
    stop = closing - 1 if closing is not None else end  # the comma before the attribution
    at = link_join(doc, stop, quoted_tokens(doc))
    if at is None:
        return None
    credit = f", {doc[closing:end].text}" if closing is not None else ""
    second = "".join(doc[i].text_with_ws for i in without_repeated_que(doc, range(at + 2, stop))).strip()
    return _sentence(doc[:at].text.rstrip(" ,")) + credit + ".", _sentence(second) + credit + "."


def source_closing(doc: Doc, end: int) -> int | None:
    """Where the "selon X" or "d'après X" that closes the words before end starts, after a comma ("…, selon les
    chiffres de Beauvau"); None if there is none (no verb or quotation in it)."""
    start = _closing_phrase(doc, end)
    if start is None or not names_source(doc[start]) or any(is_finite(t) for t in doc[start: end]):
        return None
    return start


def report_closing(doc: Doc, end: int) -> int | None:
    """Where the attribution that closes the words before end starts, after a comma: a verb of saying and its
    speaker ("…, a constaté un journaliste de l'AFP"); None if there is none."""
    start = _closing_phrase(doc, end)
    verb = next((t for t in doc[start: end] if t.pos_ != "AUX"), None) if start is not None else None
    if verb is None or verb.pos_ != "VERB" or lemma(verb) not in REPORTING or verb.i + 1 >= end or any(
            is_finite(t) for t in doc[verb.i + 1: end]):
        return None
    return start


def _closing_phrase(doc: Doc, end: int) -> int | None:
    """Where the words after the last comma before end start, if they are two or more, hold no quotation or
    bracket, and no ";" or ":" comes after that comma."""
    comma = next((i for i in range(end - 1, -1, -1) if doc[i].text in ",;:"), None)
    if comma is None or doc[comma].text != "," or end - comma < 3 or any(
            t.text in '«»"“”()' for t in doc[comma + 1: end]):
        return None
    return comma + 1


def _adverbial(span: Span) -> bool:
    """A phrase led by a preposition, or a date, with no finite verb but after a relative pronoun."""
    if not len(span) or any(t.text in (":", "«", "»", '"') for t in span):
        return False
    lead = span[0]
    dated = len(span) <= 5 and any(is_time(t) for t in span) and all(
        t.pos_ in ("DET", "NUM", "ADJ", "NOUN", "PROPN") for t in span)
    led = (lead.pos_ == "ADP" and fold(lead.text) not in _PARTITIVE) or fold(lead.text) == "a"
    relative = next((t.i for t in span if is_relative(t)), span.end)
    return (led or dated) and not any(is_finite(t) for t in span if t.i < relative)


def _clause(span: Span) -> bool:
    return any(is_finite(t) for t in span)


def _apposition(doc: Doc, comma: int, commas: list[int]) -> bool:
    """Whether the words after an opening phrase's comma, up to the next comma, may say something of it: a
    noun phrase without a determiner, or a participle ("autre place forte du mouvement", "40 ans", "contestés
    par les manifestants")."""
    if not commas:
        return False
    words = doc[comma + 1: commas[0]]
    return bool(len(words)) and not _clause(words) and (
        words[0].pos_ not in ("DET", "PRON", "PROPN", "ADP") or fold(words[0].text) in _PARTITIVE)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _phrase(span: Span) -> str:
    text = span.text.strip()
    if fold(span[0].text) == "a":
        return "à" + text[1:]
    return text if span[0].pos_ == "PROPN" else text[:1].lower() + text[1:]
