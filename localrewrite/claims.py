"""Who does what to whom: the claims of French text, read from spaCy's dependency parse.

A claim links a predicate (a verb's lemma, or a noun said of something: "X est un allié", "X, un allié")
to one argument by its role. Roles are meanings, not positions: the passive reads as the active ("X a été
interpellé par Y": Y sujet, X objet of "interpeller"), a relative pronoun stands for the noun its clause
hangs on, a subject pronoun for its antecedent, a coordinated verb without a subject shares its head's.

Choices, made so that harmless rewrites keep their claims:
- prepositional complements, indirect objects and adverbial clauses all have the one role "complément"
  (the preposition is kept in `Claim.via`, not compared): "en raison de X" and "à cause de X" say the same
  of the same verb, but a complement moved to another verb is another claim; the agent of a passive is the
  sujet, never a complément;
- "objet" is what the verb acts on: a direct object, a clitic one ("leur"), an infinitive ("risquait
  d'entraîner"), an attribute ("considéré comme un allié"); a finite "que" clause is a "complétive",
  kept apart from a noun complement;
- dates and times ("dimanche", "le 17 novembre", "18H00") are said of their clause, the nearest finite
  verb or infinitive above them, never of a noun or participle the parse hangs them on ("ont pris place
  devant le château dans la matinée"); inside a phrase set off by commas, of that phrase;
- a noun's complement ("complément du nom") is said of the noun it follows in the text, whatever noun the
  parse hangs it on; a bare participle ("des visiteurs surpris"), of the noun it agrees with;
- a reported claim carries its speaker ("X a déclaré que P", "P, a déclaré X", "X a déclaré : « P »",
  "selon X, P", "d'après X, P", "pour X, « P »"); the reporting verb itself makes no claim, nor do the words
  around it ("« P », a-t-elle dit avant de partir": the author's); a quotation makes one claim, its speaker
  (its words are checked elsewhere, so links inside it make none);
- a pronoun without an antecedent is itself ("il", "lui"); one that follows a noun it could stand for
  differs from one that follows none ("selon lui" after "le suspect");
- determiners, auxiliaries, adverbs, reflexive pronouns, punctuation and the "c'est" of a cleft make none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from localrewrite import tokens as sx
from localrewrite.facts import fold
from localrewrite.facts import sentences as split_sentences
from localrewrite.repair import repaired

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT, OBJECT, COMPLEMENT, COMPLETIVE = "sujet", "objet", "complément", "complétive"
QUOTATION, UNSURE, UNKNOWN, SENTENCE = "citation", "lien incertain", "?", "(phrase)"
MODIFIER = "complément du nom"  # what a noun is said to have or be, whatever verb's argument it is
_SUBORDINATE = {"acl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis"}
_PLACE_WORDS = frozenset("à au aux dans en sur devant chez vers".split())  # what opens a complement of place
_PARTITIVE = {"", "de", "d'", "du", "des"}


@dataclass(frozen=True)
class Claim:
    """One link of a clause: `argument` plays `role` for `predicate`, as `speaker` says ("": the author).

    Predicates and arguments are lemmas ("interpeller", "manifestant") or whole names ("États-Unis",
    "Esmail Qaani"); "?" is an argument (or, for a phrase said of a text the parse finds no clause in, a
    predicate) the parse did not find; "(phrase)" the predicate of a date outside any clause; a speaker
    quoted by another reads "X > Y"."""

    predicate: str
    role: str
    argument: str
    speaker: str = ""
    via: str = field(default="", compare=False)  # a complément's preposition or conjunction, lower-cased


@dataclass(frozen=True)
class Reading:
    """A text's claims; the claims it may also be read to make (`latent`: a noun inside a verb's argument,
    "a interpellé trois manifestants à Paris", is the verb's complément too, as the parse hangs such phrases
    on either; a link the parse left without a function may have any role); its content lemmas (folded,
    for alignment); and the parse's doubts: a folded predicate, argument or "?" -> why ("*": all of it)."""

    claims: tuple[Claim, ...]
    latent: frozenset[Claim]
    lemmas: frozenset[str]
    doubts: dict[str, str]
    #: (predicate, speaker) of the clause a phrase set before the text, or after it, would be said of;
    #: ("", "") where there is none, or where a phrase after it could belong to a subordinate clause.
    opening: tuple[str, str] = ("", "")
    closing: tuple[str, str] = ("", "")
    #: (word, noun) for each prepositional phrase and the noun or verb it follows in the text ("a interpellé
    #: à Paris": interpeller, Paris), for attachments the parse may not make
    follows: frozenset[tuple[str, str]] = frozenset()
    fragments: int = 0  # sentences without a finite verb ("Dont Jérôme Rodrigues ayant perdu son oeil.")


@dataclass(frozen=True)
class Phrase:
    """An adverbial phrase read alone (see `localrewrite.tokens.edge`): the claims inside it, the keys of its
    head, the complements it gives the clause it is said of, whether it names a source ("selon X", "pour
    X"), whether its head is a date, the nouns inside it."""

    reading: Reading
    keys: tuple[str, ...]  # its head's, and those of nouns coordinated with it; none for "en outre"
    links: tuple[tuple[str, str], ...]  # (key, preposition) of each complement it gives the clause
    source: bool
    time: bool
    nested: tuple[str, ...] = ()  # keys of the nouns inside it ("dans un auditoire de l'UMONS": UMONS)


def claims(doc_or_span: Doc | Span) -> list[Claim]:
    """The claims of a parsed text (a Doc, or a Span whose Doc gives pronouns their antecedents)."""
    return list(read(doc_or_span).claims)


def read(doc_or_span: Doc | Span) -> Reading:
    """Claims, latent claims, content lemmas and doubts of a parsed text (see `Reading`), its parse
    mended first (see `localrewrite.repair`)."""
    start = getattr(doc_or_span, "start", None)  # a Span; a Doc has none
    whole = (0, len(doc_or_span.doc)) if start is None else (start, doc_or_span.end)
    return readings(doc_or_span.doc, [whole])[0]


def phrase(doc: Doc) -> Phrase:
    """An adverbial phrase, parsed alone ("dans la matinée", "selon un témoin interrogé par l'AFP")."""
    reader = _Reader(repaired(doc))
    top = next((t for t in reader.doc if t.head.i == t.i), reader.doc[0])
    via, head = sx.through(top, sx.via(top))
    keys = tuple(reader._arguments(head, None)) if head.pos_ in sx.NOMINAL | {"VERB"} else ()
    dated = sx.is_time(head) or (head.pos_ == "NUM" and any(sx.is_time(t) for t in head.subtree))
    links = tuple((key, via) for key in keys) if not dated else tuple(  # "dans la matinée en amont"
        (reader._key(c), sx.via(c)) for c in head.children
        if sx.is_word(c) and not sx.is_time(c) and sx.via(c) not in ("", "de", "d'"))
    person = top.ent_type_ == "PER" or (top.pos_ == "PROPN" and top.ent_type_ in ("", "ORG"))
    source = sx.is_source(top) or (fold(via) == "pour" and person)  # "Pour Bernard-Henri Lévy, « … »"
    return Phrase(reader.reading(reader.doc[:]), keys, links, source, dated,
                  tuple(reader._key(n) for n in sx.nested(head)))


def attach(core: Reading, said: Phrase, *, front: bool) -> Reading | None:
    """The reading of a text made of core and an adverbial phrase before or after it: a "selon X" gives X
    as the outermost speaker of all core says; another phrase is a complement of the clause it borders
    (its first, for a phrase before; its main clause, for one after; "?" where core has none the parse can
    find), and says what it says as that clause's speaker; a date inside the phrase is said of the phrase's
    head ("dans le cadre d'une réunion le 4 février"). None where a phrase after core could belong to a
    subordinate clause before it: the parse of the whole text decides."""
    if said.source:
        return _sourced(core, said)
    predicate, speaker = core.opening if front else core.closing
    if not predicate and (core.opening[0] or core.closing[0]):
        return None
    predicate = predicate or UNKNOWN

    def framed(c: Claim) -> Claim:
        if c.predicate == SENTENCE:
            c = replace(c, predicate=predicate if said.time or not said.keys else said.keys[0])
        return replace(c, speaker=f"{speaker} > {c.speaker}" if speaker and c.speaker else speaker or c.speaker)

    links = tuple(Claim(predicate, COMPLEMENT, key, speaker, via) for key, via in said.links)
    return _joined(core, said, (*core.claims, *links, *map(framed, said.reading.claims)),
                   {*core.latent, *map(framed, said.reading.latent),
                    *(Claim(predicate, COMPLEMENT, key, speaker) for key in said.nested)},
                   {(predicate, key) for key in said.keys})


def _sourced(core: Reading, said: Phrase) -> Reading:
    """core said by the source a "selon X" names."""
    def framed(c: Claim) -> Claim:
        return replace(c, speaker=f"{said.keys[0]} > {c.speaker}" if c.speaker else said.keys[0])

    opening, closing = (framed(Claim(p, "", "", s)) for p, s in (core.opening, core.closing))
    naming = (c for c in said.reading.claims if c.role != MODIFIER)  # the source's words: checked as the speaker
    return replace(_joined(core, said, (*map(framed, core.claims), *naming),
                           {*map(framed, core.latent), *said.reading.latent}),
                   opening=(opening.predicate, opening.speaker), closing=(closing.predicate, closing.speaker))


def _joined(core: Reading, said: Phrase, claims_: tuple[Claim, ...], latent: set[Claim],
            follows: set[tuple[str, str]] | None = None) -> Reading:
    inner = said.reading
    return Reading(tuple(dict.fromkeys(claims_)), frozenset(latent - set(claims_)), core.lemmas | inner.lemmas,
                   {**core.doubts, **inner.doubts}, core.opening, core.closing,
                   core.follows | inner.follows | frozenset(follows or ()), core.fragments)


def joined(parts: Sequence[Reading]) -> Reading:
    """The reading of texts read one after the other (the clauses of a sentence, adjacent sentences)."""
    return Reading(tuple(dict.fromkeys(c for r in parts for c in r.claims)),
                   frozenset().union(*(r.latent for r in parts)), frozenset().union(*(r.lemmas for r in parts)),
                   {k: v for r in parts for k, v in r.doubts.items()}, parts[0].opening, parts[-1].closing,
                   frozenset().union(*(r.follows for r in parts)), sum(r.fragments for r in parts))


def readings(doc: Doc, spans: list[tuple[int, int]]) -> list[Reading]:
    """The reading of each (start, end) token span of one parsed text, mended and gone through once."""
    reader = _Reader(repaired(doc))
    return [reader.reading(reader.doc[start:end]) for start, end in spans]


class _Reader:
    """One pass over a parse; argument keys, implicit subjects and speakers are worked out once per token,
    the claims per span."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        spans = [[t for t in self.doc if start <= t.idx < end] for start, end in sx.quoted_spans(self.doc.text)]
        self.quoted = {t.i for inside in spans for t in inside}
        #: the words of quotations of three words or more, which can be what a verb reports (not "mais")
        self.sayings = {t.i for inside in spans if sum(t.is_alpha for t in inside) >= 3 for t in inside}
        self.doubts: dict[str, str] = {}
        self.keys: dict[int, str] = {}
        self.subjects: dict[int, list[tuple[str, Token | None]]] = {}
        self.reporting = {t.i for t in self.doc if self._reports(t)}
        self.frame: set[int] = set()  # the words around a quotation that is a whole clause ("X a dit : « … »")
        #: clause root -> (speaker, the speaker's token, the reporting verb or "selon X"), in order
        self.said: dict[int, list[tuple[str, int, int]]] = {}
        self.speakers: set[int] = set()  # the speakers' tokens in self.said so far
        for t in self.doc:
            if (said := self._said_by(t)) is not None:
                self._say(said[0].i, said[1:])
        for roots, reporter, colon in list(self._quoted_without_speaker()):
            self.reporting.add(reporter.i)
            said = (*self._speaker_of(reporter, roots[0].sent.start, aside=False, before_verb=colon), reporter.i)
            for root in roots:
                self._say(root.i, said)
        self.speakers_doubts = dict(self.doubts)

    def _say(self, root: int, said: tuple[str, int, int]) -> None:
        self.said.setdefault(root, []).append(said)
        self.speakers.add(said[1])

    def reading(self, span: Span) -> Reading:
        """The claims made by the predicates of span (pronouns may find antecedents before it)."""
        self.doubts = dict(self.speakers_doubts)
        found: dict[Claim, None] = {}
        latent: set[Claim] = set()
        for p in span:
            if p.i in self.reporting or not sx.is_predicate(p):
                continue
            predicate, speaker = sx.lemma(p), self._speaker(p)
            for role, via, argument in self._links(p):
                if argument is None:
                    if p.i not in self.quoted:
                        found[Claim(predicate, role, UNKNOWN, speaker)] = None
                    continue
                if p.i in self.quoted and (argument.i in self.quoted or argument.i in self.frame):
                    continue
                if argument.head.i == p.i and not sx.is_projective(p, argument):
                    self.doubts[fold(predicate)] = (f"« {argument.text} » rattaché à « {p.text} » "
                                                    "par-dessus d'autres mots")
                made = [Claim(predicate, role, key, speaker, via) for key in self._arguments(argument, p)]
                if role == UNSURE:
                    latent.update(made)
                else:
                    found.update(dict.fromkeys(made))
                latent.update(self._complement(predicate, n, speaker) for n in sx.nested(argument))
            latent.update(self._complement(predicate, n, speaker) for a in p.children if a.dep_ == "advmod"
                          for n in sx.nested(a))  # "non loin des Champs-Élysées"
        found.update(dict.fromkeys(self._dates(span)))
        found.update(dict.fromkeys(self._quotations(span)))
        found.update(dict.fromkeys(self._modifiers(span)))
        latent.update(self._modifiers(span, speakers=True))
        roots, expected = sum(t.dep_ == "ROOT" for t in span), len(split_sentences(span.text))
        if roots > max(expected, 1):
            self.doubts["*"] = f"l'analyse coupe en {roots} phrases ce qui en fait {expected}"
        lemmas = frozenset(fold(sx.lemma(t)) for t in span if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
                           and not t.is_stop and sx.lemma(t) not in sx.REPORTING)
        follows = frozenset((self._key(w), self._key(c)) for c in span if c.pos_ in sx.NOMINAL
                            and c.i not in self.quoted and (cases := _prepositions(c))
                            and (w := self._follows(min(cases), verbs=True)) is not None)
        fragments = sum(not any(map(sx.is_finite, sentence)) for sentence in span.sents)
        return Reading(tuple(found), frozenset(latent - set(found)), lemmas, dict(self.doubts),
                       self._opening(span), self._closing(span), follows, fragments)

    def _dates(self, span: Span) -> Iterator[Claim]:
        """A claim per date word, said of its clause (see `_clause`), or of the phrase set off by commas it
        is inside (see `_detached`); not "par mois", a rate."""
        for t in span:
            if sx.is_time(t) and t.i not in self.quoted and sx.via(t) != "par":
                clause = self._clause(t)
                phrase = self._detached(t, clause)
                predicate = self._key(phrase) if phrase is not None else (
                    sx.lemma(clause) if clause is not None else SENTENCE)
                yield Claim(predicate, COMPLEMENT, t.text.lower(), self._speaker(clause or t), sx.via(t))

    def _clause(self, t: Token) -> Token | None:
        """The clause a date says something of, whatever word the parse hangs it on: the nearest finite
        verb, predicate or infinitive above it (past nouns and participles: "le randonneur disparu dimanche"
        is found on Sunday), the first of coordinated ones."""
        clause = next((a for a in t.ancestors if sx.is_predicate(a) and (
            sx.is_finite(a) or a.morph.get("VerbForm") == ["Inf"])), None)
        while clause is not None and clause.dep_ == "conj" and sx.is_predicate(clause.head) and (
                clause.i not in self.reporting):
            clause = clause.head
        return clause

    def _detached(self, t: Token, clause: Token | None) -> Token | None:
        """The noun heading a phrase set off by a comma that a date is inside ("…, dans le cadre d'une
        offensive contre Gaza depuis le 4 février"): the date is that phrase's, not the clause's."""
        found = None
        for a in t.ancestors:
            if clause is not None and a.i == clause.i:
                break
            if a.pos_ in ("NOUN", "PROPN") and a.left_edge.i > 0 and self.doc[a.left_edge.i - 1].text == "," and (
                    clause is None or a.left_edge.i > clause.i):
                found = a
        return found

    def _opening(self, span: Span) -> tuple[str, str]:
        """The first clause of span: its root, or the clause its root reports as an aside ("P, a dit X")."""
        root = next((t for t in span if t.head.i == t.i), None)
        if root is None:
            return "", ""
        if root.i in self.reporting and (aside := self._aside(root)) is not None:
            if aside.i != root.i:
                root = aside
            else:  # the reported words hang on the verb itself: they are the reported clause
                reported = [t for t in span if t.i < sx.verb_group(root).i and t.head.i == root.i and sx.is_word(t)]
                clause = next((t for t in reported if sx.is_predicate(t)), None)
                if clause is None and reported:
                    return sx.lemma(root), self._speaker(reported[0])
                root = clause or root
        return (sx.lemma(root), self._speaker(root)) if sx.is_predicate(root) or root.i in self.reporting else ("", "")

    def _closing(self, span: Span) -> tuple[str, str]:
        """The main clause span ends in: the root reached from its last verb through coordinated verbs,
        participles and infinitives; ("", "") where the way up crosses a finite subordinate clause (a
        relative, a completive), after which a phrase could be said of that clause."""
        verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ not in sx.AUX]
        if not verbs:
            return self._opening(span)
        t = verbs[-1]
        while t.head.i != t.i:
            if sx.is_finite(t) and (t.dep_ in _SUBORDINATE or sx.has_relative(t) or any(
                    c.dep_ == "mark" for c in t.children)):
                return "", ""
            t = t.head
        return (sx.lemma(t), self._speaker(t)) if sx.is_predicate(t) or t.i in self.reporting else ("", "")

    def _modifiers(self, span: Span, *, speakers: bool = False) -> Iterator[Claim]:
        """What each noun of span is said to have or be: the prepositional phrase ("le château aux nombreuses
        tourelles"; not an agent, "par …"), the adjective or the bare participle ("des visiteurs surpris")
        that follows it in the text, whatever noun the parse hangs it on (that varies with words far away;
        one it hangs on a verb is matched in `localrewrite.meaning`); not those of the words naming a
        speaker, checked as the speaker: those alone if speakers (what a rewrite may say of the speaker in a
        sentence of its own: "X est le conseiller soudanais aux affaires étrangères")."""
        naming = {x.i for said in self.said.values() for _, by, _ in said if by >= 0 for x in _phrase(self.doc[by])}
        for c in span:
            if c.i in self.quoted or (c.i in naming) != speakers or sx.is_time(c) or sx.is_source(c):
                continue
            if c.pos_ in ("NOUN", "PROPN", "NUM") and (c.head.pos_ in sx.NOMINAL or sx.is_noun(c.head)) and (
                    sx.via(c) != "par") and (cases := _prepositions(c)):
                n = self._follows(min(cases))
                if n is not None and (n.i in naming) == speakers and not sx.is_compound(n):
                    yield from (Claim(self._key(n), MODIFIER, key, "", sx.via(c)) for key in self._arguments(c, None))
            elif (c.pos_ == "ADJ" and c.dep_ == "amod" and not sx.is_noun(c)) or (
                    c.pos_ == "VERB" and c.morph.get("VerbForm") == ["Part"] and not sx.is_predicate(c)
                    and not any(x.dep_ in sx.AUX for x in c.children)):
                n = self._agreeing(c)
                if n is not None and (n.i in naming) == speakers:
                    yield Claim(self._key(n), MODIFIER, sx.lemma(c))

    def _agreeing(self, participle: Token) -> Token | None:
        """The noun an adjective or a bare participle after it qualifies: of the nouns of the phrase it
        follows, the nearest it agrees with ("des numéros de téléphone soigneusement listés": numéros), else
        the nearest; None before a noun ("un vaste réseau")."""
        chain = [n] if (n := self._follows(participle.i, skip=("ADV", "ADJ"))) is not None else []
        while chain and (cases := _prepositions(chain[-1])) and (k := self._follows(min(cases))) is not None:
            chain.append(k)
        gender, number = (participle.morph.get(f) or [""] for f in ("Gender", "Number"))
        return next((k for k in chain if sx.agrees(k, gender[0], number[0])), n)

    def _follows(self, i: int, skip: tuple[str, ...] = ("ADJ",), verbs: bool = False) -> Token | None:
        """The noun (or, if verbs, the verb) a phrase starting at i follows, past adjectives, a closing
        quotation mark or parenthesis; past the phrase it is coordinated with ("des plaques de bois et de
        métal": plaques)."""
        j = i - 1
        while j >= 0 and ((self.doc[j].pos_ in skip and not sx.is_noun(self.doc[j])) or self.doc[j].text in "»”\")"):
            j -= 1
        if j < 0 or self.doc[j].is_sent_end:
            return None
        t = self.doc[j]
        if t.pos_ == "CCONJ" and j > 0:
            k = self.doc[j - 1]
            while k.i > 0 and k.pos_ in skip:
                k = self.doc[k.i - 1]
            before = _prepositions(k) if k.pos_ in sx.NOMINAL else []
            conjunct = next((x for x in k.children if x.dep_ == "conj" and x.i > j), None)
            return self._follows(min(before), skip, verbs) if before and conjunct is not None else None
        while t.dep_ in ("flat:name", "flat") and t.head.i < t.i:
            t = t.head
        if verbs and t.pos_ in ("VERB", "ADV"):  # "a interpellé à Paris", "a interpellé hier à Paris"
            return t if t.pos_ == "VERB" else next((a for a in t.ancestors if a.pos_ == "VERB"), None)
        return t if sx.is_noun(t) and not sx.is_time(t) and t.i not in self.quoted else None

    def _complement(self, predicate: str, n: Token, speaker: str) -> Claim:
        return Claim(predicate, COMPLEMENT, self._key(n), speaker, sx.via(n))

    # -- links of a predicate ------------------------------------------------------------------------

    def _links(self, p: Token) -> Iterator[tuple[str, str, Token | None]]:
        """(role, via, argument token or None if missing) for each argument of p."""
        passive, nominal = sx.is_passive(p), p.pos_ not in ("VERB", "AUX") and not sx.has_tense(p)
        has_subject = p.dep_ == "appos" or sx.is_cleft(p) or sx.described(p)
        if nominal and (name := sx.titled(p)) is not None:  # "le ministre X": X is the minister
            has_subject = True
            self._key(p)  # the name's words read as the name
            yield SUBJECT, "", name.root
        for c in p.children:
            dep, via = c.dep_, sx.via(c)
            there = fold(c.text) == "y" and c.pos_ == "PRON"
            if (dep in ("nsubj", "nsubj:pass", "expl:subj") and sx.is_word(c)) or (
                    there and sx.lemma(p) == "avoir" and (c.i == 0 or fold(c.nbor(-1).text) in ("il", "n'"))):
                has_subject = True  # "il y a"
            elif there:  # "un adolescent y avait été tué": a place, whatever the dep
                yield COMPLEMENT, "à", c
                continue
            if fold(c.text) == "ou" and dep in ("nsubj", "nsubj:pass", "obj"):
                # "où" is a place, never the subject the parse makes it ("où un manifestant a eu…"); the real
                # subject hangs on it
                yield COMPLEMENT, "à", c
                n = next((n for n in c.children if n.dep_ in ("fixed", "dep", "flat") and n.pos_ in sx.NOMINAL), None)
                if n is not None:
                    has_subject = True
                    yield (OBJECT if passive else SUBJECT), "", n
                continue
            if dep in sx.SILENT or dep.startswith("expl") or not sx.is_word(c) or c.i in self.reporting or (
                    c.morph.get("Reflex") == ["Yes"]) or sx.is_connector(c) or (
                    sx.is_date(c) and dep not in ("nsubj", "nsubj:pass")):
                continue
            if dep != "acl:relcl" and c.pos_ in ("VERB", "AUX") and sx.has_relative(c):
                continue  # a relative clause the parse hung on a verb: it says something of its noun
            if dep in ("advcl", "conj", "dep", "obl", "obl:mod") and _independent(c):
                continue  # "… et à 17H00 les pelouses avaient retrouvé…": a clause of its own, whatever it hangs on
            if dep in ("nsubj", "nsubj:pass"):
                if not sx.is_cleft(p):
                    yield (OBJECT if passive else SUBJECT), "", c
            elif dep == "obl:agent" or (passive and dep.startswith("obl") and via == "par"):
                yield SUBJECT, "par", c
            elif (dep in ("obj", "xcomp") and not (via and c.pos_ in ("NOUN", "PROPN"))) or (
                    dep == "ccomp" and not sx.is_finite(c) and not via.startswith("qu")):
                yield OBJECT, via, c
            elif dep == "iobj":
                yield (OBJECT if fold(c.text) in sx.CLITICS else COMPLEMENT), "à", c
            elif dep.startswith("obl") or dep in ("advcl", "obj") or (nominal and dep == "nmod"):
                if not sx.is_source(c):
                    yield COMPLEMENT, *sx.through(c, via)
            elif dep == "ccomp":
                yield COMPLETIVE, via, c
            elif dep == "dep" and c.pos_ in sx.NOMINAL | {"VERB"}:
                self.doubts[fold(sx.lemma(p))] = f"« {c.text} » rattaché à « {p.text} » sans fonction claire"
                yield UNSURE, "", c
        if p.dep_ == "appos" or sx.described(p):
            yield SUBJECT, "", p.head
        if p.dep_ in ("acl", "acl:relcl", "ccomp") and sx.is_cleft(p.head) and any(
                c.dep_ == "mark" and fold(c.text) in ("que", "qu'") for c in p.children):
            yield COMPLEMENT, sx.via(p.head), p.head  # "c'est à Paris que la police a…"
        if not has_subject:
            for role, token in self._subject(p):
                yield role, "", token

    def _subject(self, p: Token) -> list[tuple[str, Token | None]]:
        """The implicit subject of a predicate without one: shared with the verb it is coordinated with or
        depends on (a participle), the noun a participle qualifies, the object of the verb an infinitive
        completes ("a forcé les groupes à mettre fin") or else its subject ("a dit ne pas avoir été conviée"),
        the noun phrase just before a finite verb whose subject the parse missed; None where there is none."""
        if p.i in self.subjects:
            return self.subjects[p.i]
        self.subjects[p.i] = []
        found: list[tuple[str, Token | None]] = []
        past = p.morph.get("VerbForm") == ["Part"] and p.morph.get("Tense") == ["Past"]
        own_aux = any(c.dep_ in ("aux:tense", "aux:pass") for c in p.children)
        head = p.head
        if p.dep_ == "conj":
            while not sx.is_predicate(head) and head.head.i != head.i:
                head = head.head  # "interpellé dimanche et placé…": the conj may hang on "dimanche"
            if sx.is_predicate(head):
                found = [(_voice(p, role, own_aux, past), t) for role, t in self._subjects_of(head)]
        elif p.dep_ in ("acl", "amod") and head.pos_ in sx.NOMINAL and (verb := _detached(p)) is not None:
            found = [(SUBJECT, t) for _, t in self._subjects_of(verb)]  # "…, recommandant aux riverains…"
        elif p.dep_ in ("acl", "amod") and head.pos_ in sx.NOMINAL:
            found = [(OBJECT if past and not own_aux else SUBJECT, head)]
        elif p.dep_ == "advcl" and p.morph.get("VerbForm") == ["Part"] and head.i in self.reporting and \
                self._aside(head) is not None:  # ", a estimé l'écrivain X en dénonçant…": the speaker denounces
            at = self._speaker_of(head, head.sent.start, aside=True)[1]
            found = [(OBJECT if past and not own_aux else SUBJECT, self.doc[at])] if at >= 0 else []
        elif p.dep_ == "advcl" and p.morph.get("VerbForm") == ["Part"] and sx.is_predicate(head):
            found = [(OBJECT if past and not own_aux else SUBJECT, t) for _, t in self._subjects_of(head)]
        elif p.dep_ == "xcomp" and p.morph.get("VerbForm") == ["Inf"] and head.pos_ == "VERB" and (
                obj := next((c for c in head.children if c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN")), None)):
            found = [(OBJECT if sx.is_passive(p) else SUBJECT, obj)]  # "a forcé les groupes à mettre fin"
        elif p.dep_ in ("xcomp", "ccomp") and _infinitive(p) and head.pos_ == "VERB":
            found = [(OBJECT if sx.is_passive(p) else SUBJECT, t) for _, t in self._subjects_of(head)]
        if not found and sx.is_finite(p) and p.morph.get("Mood") != ["Imp"]:
            before = sx.subject_before(p)
            if before is None:
                self.doubts[fold(sx.lemma(p))] = f"pas de sujet trouvé pour « {p.text} »"
            found = [(OBJECT if sx.is_passive(p) else SUBJECT, before)]
        self.subjects[p.i] = found
        return found

    def _subjects_of(self, p: Token) -> list[tuple[str, Token | None]]:
        explicit = [(OBJECT if sx.is_passive(p) else SUBJECT, c)
                    for c in p.children if c.dep_ in ("nsubj", "nsubj:pass") and sx.is_word(c)]
        return explicit or self._subject(p)

    # -- arguments -----------------------------------------------------------------------------------

    def _arguments(self, t: Token, p: Token) -> list[str]:
        """The keys t stands for: itself and the nouns coordinated with it."""
        coordinated = [c for c in t.children if c.dep_ == "conj" and c.pos_ in sx.NOMINAL and t.pos_ in sx.NOMINAL
                       and not (sx.via(c) not in _PARTITIVE and not sx.via(t))  # "ce rassemblement et à 17H00"
                       and not sx.described(c) and not (c.pos_ == "NOUN" and sx.titled(t) is not None)]
        # "X, philosophe et académicien,": a description; "au philosophe et académicien X": one person
        return [self._key(t, p), *(self._key(c, p) for c in coordinated)]

    def _key(self, t: Token, p: Token | None = None, before: int | None = None) -> str:
        """An argument's key: a pronoun's antecedent (found before `before`), a name whole, else its lemma."""
        if t.i not in self.keys:
            self.keys[t.i] = sx.lemma(t)  # while resolving, against cycles
            self.keys[t.i] = self._resolve(t, p, t.i if before is None else before)
        return self.keys[t.i]

    def _resolve(self, t: Token, p: Token | None, before: int) -> str:
        if (fold(t.text), t.pos_) in (("y", "PRON"), ("ou", "PRON"), ("ou", "ADV")):
            # "y", and "où" whatever noun the parse hangs its clause on: the place before ("du cortège devant
            # l'Assemblée, où…": the Assemblée)
            place = self._place_before(t)
            if place is not None or not sx.is_relative(t):
                return sx.lemma(t) if place is None else self._key(place)
        if sx.is_relative(t):
            return self._antecedent_of_relative(t)
        if (pronoun := sx.pronoun(t)) is not None:
            if p is not None and sx.is_impersonal(t, p):
                return pronoun
            gender, number, _ = sx.PRONOUNS[pronoun]
            antecedent = self._antecedent(t, before, *sx.PRONOUNS[pronoun])
            if antecedent is None:
                self.doubts[pronoun] = f"« {t.text.lstrip('-')} » : on ne sait pas à qui il renvoie"
                rivals = any(n.pos_ in ("NOUN", "PROPN") and n.i not in self.quoted and not sx.is_time(n)
                             and sx.agrees(n, gender, number) for n in self.doc[t.sent.start: t.i])
                return f"{pronoun} (ou un nom avant lui)" if rivals else pronoun  # "…, selon lui": le suspect ?
            return self._key(antecedent)
        if t.pos_ == "NOUN" and (name := sx.titled(t)) is not None:
            for word in name:  # "le ministre de l'Intérieur Christophe Castaner" is Christophe Castaner
                self.keys[word.i] = name.text
            return name.text
        after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else t
        if t.pos_ == "NOUN" and t.text[:1].islower() and after.pos_ == "PROPN" and after.text[:1].isupper() \
                and after.dep_ in ("flat:name", "flat") and after.head.i == t.i:
            # "l'écrivain Lévy" is Lévy, as "l'écrivain Bernard-Henri Lévy" is Bernard-Henri Lévy
            return " ".join(x.text for x in sorted(after.subtree, key=lambda x: x.i) if x.i > t.i)
        ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None) if t.ent_iob_ != "O" else None
        if ent is not None and ent.label_ in ("PER", "ORG", "LOC", "MISC") and not ent.text[:1].islower():
            return re.sub(r"^(?:l'|le |la |les |d'|de |du |des )", "", ent.text.strip(" '\"«»"), flags=re.IGNORECASE)
        if t.pos_ == "PROPN":
            name = [t, *(c for c in t.children if c.dep_ in ("flat:name", "flat"))]
            return " ".join(x.text for x in sorted(name, key=lambda x: x.i))
        counted = next((c for c in t.children if c.dep_ in ("nmod", "obl:arg", "obl")), None)
        if (t.pos_ == "ADV" or sx.counting(t)) and counted is not None:
            return self._key(counted)  # "plus d'un millier de manifestants", "près de 2.000 personnes", "cinq des
            #                            sources"
        return sx.lemma(t)

    def _antecedent_of_relative(self, t: Token) -> str:
        """The noun a relative pronoun stands for: the one its clause hangs on if that is the noun just
        before it or the head of that noun's phrase ("le président de la République, qui") unless only the
        noun before it agrees with the clause's verb ("le parcours de la manifestation, qui est arrivée"); else
        the noun just before it, in doubt where the parse says otherwise. An apposition stands for its noun."""
        clause = next((a for a in [t, *t.ancestors] if a.dep_ in ("acl:relcl", "acl")), None)
        parsed = clause.head if clause is not None and clause.head.pos_ in sx.NOMINAL else None
        near = next((n for n in reversed(self.doc[max(t.i - 5, 0): t.i]) if n.pos_ in sx.NOMINAL), None)
        if parsed is not None and (near is None or near.i == parsed.i or sx.heads_phrase(parsed, near)):
            if near is not None and near.i != parsed.i and _fitting(clause, (parsed, near)) == [near]:
                return self._key(sx.named(near))
            return self._key(sx.named(parsed))
        if near is None:
            return sx.lemma(t)
        if parsed is not None and sx.named(parsed).i != sx.named(near).i:
            self.doubts[fold(sx.lemma(t))] = f"« {t.text} » : renvoie à « {near.text} » ou à « {parsed.text} » ?"
        return self._key(sx.named(near))

    def _place_before(self, t: Token) -> Token | None:
        """The place "y" stands for: the last complement of place before it ("à La Courneuve", "dans une
        ville"), in its sentence or the one before, outside its own verb's phrase (not "un manifestant âgé
        d'une trentaine d'années y a…") and outside brackets ("à Montfermeil (Seine-Saint-Denis)")."""
        start = t.sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        own = set(t.head.subtree) if t.head.i != t.i else set()
        return next((n for n in reversed(self.doc[start: t.i]) if n not in own and n.pos_ in ("NOUN", "PROPN")
                     and n.i not in self.quoted and not sx.is_time(n) and (
                         n.left_edge.i == 0 or self.doc[n.left_edge.i - 1].text != "(") and (
                         sx.via(n) in _PLACE_WORDS or n.ent_type_ in ("LOC", "GPE", "FAC"))), None)

    def _antecedent(self, t: Token, end: int, gender: str, number: str, nearest: bool) -> Token | None:
        """The noun a pronoun stands for, in its sentence before `end` or in the previous sentence (the one
        before a quotation it closes): for "il", "elle"…, the nearest agreeing subject or speaker (in the
        sentence before, a main clause's first), else the only agreeing noun; for "celui-ci", "ce dernier"…,
        the nearest agreeing noun (a noun's complement only if nothing else agrees). Never the "selon X" of its
        own sentence: who says it is not who it is about."""
        start = t.sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        while start > 0 and all(x.i in self.quoted or x.is_punct for x in self.doc[start: t.sent.start]):
            start = self.doc[start - 1].sent.start  # "« P. Q », a-t-il confié": the sentence before P
        before = [n for n in reversed(self.doc[start: min(end, t.i)])  # never the pronoun itself, nor its own
                  if not (n.i >= t.sent.start and sx.is_source(n))]  # sentence's source ("Selon son avocat, il…")
        nouns = [n for n in before if n.pos_ in ("NOUN", "PROPN") and n.i not in self.quoted and not sx.is_time(n)
                 and sx.agrees(n, gender, number)
                 and (n.dep_ not in ("flat:name", "flat", "fixed") or n.i in self.speakers)]
        if nearest:
            return next((n for n in nouns if n.dep_ != "nmod"), nouns[0] if nouns else None)
        agreeing = {n.i for n in nouns}
        subjects = [n for n in before if (n.dep_ in ("nsubj", "nsubj:pass") or n.i in self.speakers)
                    and n.i not in self.quoted and (
            n.i in agreeing or sx.PRONOUNS.get(sx.pronoun(n) or "", ())[:2] == (gender, number))]
        if subjects:  # in the sentence before, its main clause's subject first ("X s'est déplacé pour répéter
            #           que le mouvement…. Il a tenté…": X)
            return next((n for n in subjects if n.i >= t.sent.start or not sx.embedded(n)), subjects[0])
        return nouns[0] if len({fold(sx.lemma(n)) for n in nouns}) == 1 else None

    # -- speakers ------------------------------------------------------------------------------------

    def _reports(self, r: Token) -> bool:
        """Whether r is a reporting verb in use: it introduces a clause, an infinitive or a quotation ("a
        déclaré que P", "a affirmé ne pas…", "a déclaré : « … »"), or follows one as an aside ("P, a
        déclaré X", "« … », a rétorqué X"), however the parse hangs the aside."""
        if r.pos_ != "VERB":
            return False
        if sx.lemma(r) in sx.REPORTING and any(self._reported(c) for c in r.children):
            return True  # a participle too: "…, a précisé X, ajoutant que…"
        if r.dep_ in ("acl", "amod", "acl:relcl") and not sx.has_tense(r):
            return False
        if not sx.is_finite(r) or self._aside(r) is None:
            return False
        before = self.doc[sx.verb_group(r).i - 2]  # the word before the comma
        opens = self.doc[r.sent.start].text in "«“\""  # "« … », a rétorqué X", not "des \"gilets jaunes\", …"
        return sx.lemma(r) in sx.REPORTING or (opens and (before.i in self.quoted or before.text in "\"»”"))

    def _reported(self, c: Token) -> bool:
        """Whether c, a child of a reporting verb, is what it reports: a quotation (however the parse hangs
        it), a clause, an infinitive, simple or compound ("a affirmé ne pas…", "a dit de partir", "a précisé ne
        pas avoir pris connaissance"; not "a expliqué avant de partir")."""
        return c.i in self.sayings or (c.dep_ in ("ccomp", "parataxis") and sx.is_clausal(c)) or (
            c.dep_ in ("xcomp", "ccomp") and _infinitive(c) and sx.via(c) in ("", "de", "d'"))

    def _aside(self, r: Token) -> Token | None:
        """The clause before a verb set after it as an aside ("P, a déclaré X"): r's head; r itself where
        the parse hung the clause's words on r; the root before, where it cut the sentence at the comma. The
        aside follows a comma or a dash, or a closing quotation mark if its subject comes after the verb
        ("« … » a-t-il dit"); a quoted word before a verb ("des \"gilets jaunes\" ont fêté") makes none."""
        first = sx.verb_group(r)
        mark = self.doc[first.i - 1] if first.i else None
        inverted = any(c.text.startswith("-") and c.dep_ in ("nsubj", "nsubj:pass") for c in r.children)
        if first.i < 2 or mark is None or not (mark.text in (",", "—", "–") or (mark.text in "»”\"" and inverted)):
            return None
        if r.head.i < first.i and sx.is_clausal(r.head):
            return r.head
        if r.dep_ != "ROOT":
            return None
        before = next((c for c in r.children if c.right_edge.i < first.i - 1 and sx.is_clausal(c)), None)
        if before is not None:
            return before
        before = self.doc[first.i - 2]
        while before.head.i != before.i:
            before = before.head
        if before.i == r.i:
            return r
        return before if before.i < first.i and sx.is_clausal(before) else None

    def _said_by(self, t: Token) -> tuple[Token, str, int, int] | None:
        """(the clause given a speaker, the speaker, the speaker's token, t) where t is a reporting verb or
        a "selon X"."""
        if t.i in self.reporting:
            reported = [c for c in t.children if self._reported(c)]
            aside = self._aside(t)
            if aside is not None and aside.i != t.i and (aside.i not in self.quoted or any(
                    c.dep_ in ("nsubj", "nsubj:pass") and c.i not in self.quoted for c in aside.children)) and all(
                    c.i in self.quoted and c.i < t.i for c in reported):
                reported = []  # "L'enquête a été ouverte pour "…", a précisé le parquet", "Les injures "sont la
                #                négation…", a déclaré X": the clause speaks, whose quotation the parse hung on
                #                the verb
            elif reported:
                aside = None
            clause = _clause_root(reported[0] if reported else aside or t, self.reporting)
            return clause, *self._speaker_of(t, min(clause.left_edge.i, t.i), aside is not None), t.i
        if (t.dep_.startswith("obl") or t.dep_ == "nmod") and sx.is_source(t):
            clause = _clause_root(t.head, self.reporting)
            if _closing(t) and t.sent.root.i not in self.reporting:
                clause = t.sent.root  # "P et Q, selon lui.": the whole sentence, wherever the parse hangs Q
            speaker = self._speaker_before(t) or self._key(t, before=min(clause.left_edge.i, t.i))
            return clause, speaker, t.i, t.i
        return None

    def _speaker_before(self, t: Token) -> str | None:
        """Whom a pronoun that names a source stands for ("…, a déclaré une source. Qaani a tenu la réunion,
        selon elle"): the last speaker before it that agrees with it, not the nearest subject."""
        pronoun = sx.pronoun(t)
        if pronoun is None:
            return None
        gender, number, _ = sx.PRONOUNS[pronoun]
        earlier = [(i, speaker) for entries in self.said.values() for speaker, i, _ in entries
                   if 0 <= i < t.i and self.doc[i].pos_ != "PRON" and sx.agrees(self.doc[i], gender, number)]
        return max(earlier)[1] if earlier else None

    def _speaker_of(self, r: Token, before: int, aside: bool, before_verb: bool = False) -> tuple[str, int]:
        """The subject of a reporting verb, never quoted; after the verb of an aside (where it is often
        mislabelled: "a indiqué la préfecture"), since what comes before is the clause reported; before the
        verb of one that opens a quotation with a colon ("La retraitée lance : « … »"), however the parse
        hangs it: the noun phrase just before the verb, else the sentence's first noun without a
        preposition."""
        first = sx.verb_group(r)
        after = any(self._reported(c) and c.i > r.i for c in r.children)  # "X, vêtu de…, a dit : « … »"
        aside = not before_verb and (aside or (first.i > 0 and self.doc[first.i - 1].is_punct and not after))
        subject = next((c for c in r.children if (c.dep_ in ("nsubj", "nsubj:pass", "obl:agent") or (
                            c.dep_ == "expl:subj" and sx.counting(c))) and sx.is_word(c)
                        and c.i not in self.quoted and not (aside and c.i < r.i and not c.text.startswith("-"))
                        and not (before_verb and c.i > r.i)), None)
        if before_verb:
            subject = subject or sx.subject_before(r) or next(
                (x for x in self.doc[r.sent.start: first.i] if x.pos_ in ("NOUN", "PROPN", "PRON")
                 and not sx.via(x) and x.i not in self.quoted and x.dep_ not in ("flat:name", "flat")), None)
        else:  # "explique celle qui…", the parse making "celle" an object; else the first noun after the verb
            subject = subject or next((c for c in r.children if c.i > r.i and c.dep_ in ("obj", "nsubj", "appos", "dep")
                                       and (c.pos_ in sx.NOMINAL or sx.counting(c)) and c.i not in self.quoted
                                       and not sx.is_relative(c) and fold(c.text) not in sx.CLITICS), None)
            if subject is None and after and r.dep_ in ("conj", "advcl", "acl"):
                # "…, mais a déclaré que…", "…, a déclaré X, soulignant que…": the verb it follows speaks, or
                # the noun the participle describes
                if r.head.pos_ in ("VERB", "AUX"):
                    return self._speaker_of(r.head, before, self._aside(r.head) is not None)
                subject = r.head if r.dep_ == "acl" and r.head.pos_ in sx.NOMINAL else None
            subject = subject or next(
                (x for x in r.subtree if x.i > r.i and x.pos_ in ("NOUN", "PROPN") and x.i not in self.quoted and (
                    not sx.via(x) or sx.via(x) in ("des", "de", "d'") and any(  # "cinq des sources", the number
                        c.dep_ == "nummod" and c.i < x.i for c in x.children))), None)  # hung on the noun
            after = self.doc[r.i + 1] if r.i + 1 < len(self.doc) else r
            if subject is None and aside and after.is_alpha and after.text[:1].isupper() and after.i not in self.quoted:
                subject = after  # "…, a affirmé Macron sur Twitter", "Macron" mistagged as an adverb
        if subject is None:
            self.doubts[UNKNOWN] = f"qui parle ? pas de sujet trouvé pour « {r.text} »"
            return UNKNOWN, -1
        return self._key(subject, before=before), subject.i

    def _quoted_without_speaker(self) -> Iterator[tuple[list[Token], Token, bool]]:
        """(the roots of its sentences, the reporting verb, whether a colon opens it) for each quoted clause
        the parse gives no speaker: after "X verbe … :" (the verb's subject speaks, however the parse hangs
        it: "X a rétorqué : « … »"), or in a sentence with a single reporting verb ("« … », a-t-il dit", the
        quotation running over several sentences)."""
        for start, end in sx.quoted_spans(self.doc.text):
            inside = [t for t in self.doc if start <= t.idx < end]
            roots = [t for t in inside if t.head.i not in self.quoted or t.head.i == t.i]
            if not roots or any(map(self._speaker, roots)) or sum(t.is_alpha for t in inside) < 3:
                continue
            sentence = self.doc[inside[0].sent.start: inside[-1].sent.end]
            outside = [t for t in sentence if t.i not in self.quoted]
            colon = next((t for t in reversed(outside) if t.i < inside[0].i and t.text not in "«“\""), None)
            if colon is not None and colon.text == ":":
                verbs = [t for t in outside if t.i < colon.i and t.pos_ == "VERB"] or [
                    t for t in outside if t.i < colon.i and t.pos_ == "ADJ"]  # "insiste" taken for an adjective
                reporter = next((t for t in reversed(verbs) if sx.lemma(t) in sx.REPORTING), None) or (
                    verbs[-1] if verbs else None)
                if reporter is not None:
                    self.frame.update(t.i for t in outside if t.i < colon.i)
                    yield roots, reporter, True
                continue
            verbs = [t for t in outside if t.pos_ == "VERB" and sx.lemma(t) in sx.REPORTING and sx.is_finite(t)]
            if len(verbs) == 1 and any(map(sx.is_clausal, roots)):
                if sentence.start == inside[0].i - 1 or self.doc[sentence.start].text in "«“\"":
                    self.frame.update(t.i for t in outside if t.i > inside[-1].i)
                yield roots, verbs[0], False

    def _speaker(self, p: Token) -> str:
        """Who says p's clause, outermost first; not the words that name the speaker ("selon un témoin
        interrogé par l'AFP": the AFP interviewing the witness is the author's), nor those around the
        reporting verb ("« … », a-t-elle expliqué avant de se mêler à la foule", "P, a estimé X en dénonçant…",
        however the parse hangs them: the author's)."""
        chain = [p.i, *(a.i for a in p.ancestors)]
        return " > ".join(reversed([s for k, a in enumerate(chain) for s, by, reporter in self.said.get(a, [])
                                    if by not in chain[:k + 1] and reporter not in chain[:max(k, 1)]
                                    and not (reporter == a and p.i > reporter)]))

    def _quotations(self, span: Span) -> Iterator[Claim]:
        """A claim per quotation of three words or more: its words are checked elsewhere, its speaker here
        (that of any of its sentences)."""
        offset = span[0].idx if len(span) else 0
        for start, end in sx.quoted_spans(span.text):
            inside = [t for t in span if offset + start <= t.idx < offset + end]
            if sum(t.is_alpha for t in inside) < 3:
                continue
            roots = [t for t in inside if t.head.i not in self.quoted or t.head.i == t.i] or inside[:1]
            text = " ".join(t.text for t in inside if not t.is_punct)
            speaker = next((said for said in map(self._speaker, roots) if said), "")
            yield Claim(QUOTATION, QUOTATION, text if len(text) < 60 else text[:57] + "…", speaker)


def _fitting(clause: Token, nouns: Sequence[Token]) -> list[Token]:
    """The nouns a relative clause's verb can have as subject: its finite verb's number, and the gender and
    number of its participle or attribute after "être" ("qui est arrivée": a feminine singular noun)."""
    gender, number = sx.shown_agreement(clause)  # what the verb does not show, any noun fits
    return [n for n in nouns if sx.agrees(n, gender or (n.morph.get("Gender") or ["Masc"])[0],
                                          number or (n.morph.get("Number") or ["Sing"])[0])]


def _detached(p: Token) -> Token | None:
    """The verb of the clause a present participle set off by a comma at its end speaks of, whatever noun the
    parse hangs it on ("la préfecture comptait quinze interpellations, recommandant…": the prefecture
    recommends), as a closing participle is read in French; None for any other participle."""
    if p.morph.get("VerbForm") != ["Part"] or p.morph.get("Tense") != ["Pres"] or not p.i or \
            p.doc[p.i - 1].text != "," or p.right_edge.i < len(p.doc) - 2:
        return None
    verb = next((a for a in p.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb if verb is not None and verb.i < p.i else None


def _infinitive(p: Token) -> bool:
    """An infinitive, simple or compound ("avoir été conviée")."""
    return p.morph.get("VerbForm") == ["Inf"] or any(
        c.dep_ == "aux:tense" and c.morph.get("VerbForm") == ["Inf"] for c in p.children)


def _independent(c: Token) -> bool:
    """A finite clause with its own subject and no conjunction or relative pronoun to make it depend."""
    return sx.is_finite(c) and not sx.has_relative(c) and any(x.dep_ in ("nsubj", "nsubj:pass") for x in c.children) \
        and not any(x.dep_ == "mark" for x in c.children)


def _prepositions(c: Token) -> list[int]:
    """Where the prepositions before a noun are; a "de" the tagger took for an article counts where the noun
    has no other ("des voitures de luxe")."""
    cases = [x.i for x in c.children if x.dep_ == "case" and x.i < c.i]
    dets = [x for x in c.children if x.dep_ == "det"]
    if not cases and len(dets) == 1 and fold(dets[0].text) in ("de", "d'") and dets[0].i == c.left_edge.i:
        return [dets[0].i]
    return cases


def _phrase(t: Token) -> Iterator[Token]:
    """t and the words of its noun phrase, not those of a clause inside it ("celle qui a étudié…")."""
    yield t
    for c in t.children:
        if c.dep_ not in _SUBORDINATE:
            yield from _phrase(c)


def _closing(t: Token) -> bool:
    """Whether t's phrase closes its sentence after a comma ("…, selon lui.")."""
    last = next((w for w in reversed(t.sent) if not w.is_punct), None)
    return last is not None and t.right_edge.i >= last.i and t.left_edge.i > t.sent.start and (
        t.doc[t.left_edge.i - 1].text == ",")


def _clause_root(t: Token, reporting: set[int]) -> Token:
    """The clause a "selon X" or an aside speaks for: up to the sentence's root or a reported clause."""
    while t.head.i != t.i and t.dep_ not in ("ccomp", "parataxis") and t.head.i not in reporting:
        t = t.head
    return t


def _voice(p: Token, head_role: str, own_aux: bool, past: bool) -> str:
    """The role a coordinated verb's shared subject takes: by its own voice, else as in its head."""
    if sx.is_passive(p):
        return OBJECT
    return SUBJECT if own_aux or not past else head_role
