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
- dates and times ("dimanche", "le 17 novembre") are said of the whole sentence, not of one verb;
- a reported claim carries its speaker ("X a déclaré que P", "P, a déclaré X", "selon X, P", "d'après X,
  P"); the reporting verb itself makes no claim; a quotation makes one claim, its speaker (its words are
  checked elsewhere, so links inside it make none);
- determiners, auxiliaries, adverbs, punctuation and the "c'est" of a cleft make none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from localrewrite import tokens as sx
from localrewrite.facts import fold
from localrewrite.facts import sentences as split_sentences
from localrewrite.repair import repaired

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT, OBJECT, COMPLEMENT, COMPLETIVE = "sujet", "objet", "complément", "complétive"
QUOTATION, UNSURE, UNKNOWN, SENTENCE = "citation", "lien incertain", "?", "(phrase)"
REPORTING = frozenset("""dire déclarer affirmer estimer expliquer ajouter indiquer souligner assurer préciser
annoncer confier insister rappeler raconter témoigner marteler lancer poursuivre écrire tweeter noter observer
répondre commenter résumer relever juger penser croire considérer conclure""".split())


@dataclass(frozen=True)
class Claim:
    """One link of a clause: `argument` plays `role` for `predicate`, as `speaker` says ("": the author).

    Predicates and arguments are lemmas ("interpeller", "manifestant") or whole names ("États-Unis",
    "Esmail Qaani"); "?" is an argument the parse did not find; "(phrase)" the predicate of a date; a
    speaker quoted by another reads "X > Y"."""

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


def claims(doc_or_span: Doc | Span) -> list[Claim]:
    """The claims of a parsed text (a Doc, or a Span whose Doc gives pronouns their antecedents)."""
    return list(read(doc_or_span).claims)


def read(doc_or_span: Doc | Span) -> Reading:
    """Claims, latent claims, content lemmas and doubts of a parsed text (see `Reading`), its parse
    mended first (see `localrewrite.repair`)."""
    start = getattr(doc_or_span, "start", None)  # a Span; a Doc has none
    whole = (0, len(doc_or_span.doc)) if start is None else (start, doc_or_span.end)
    return readings(doc_or_span.doc, [whole])[0]


def readings(doc: Doc, spans: list[tuple[int, int]]) -> list[Reading]:
    """The reading of each (start, end) token span of one parsed text, mended and gone through once."""
    reader = _Reader(repaired(doc))
    return [reader.reading(reader.doc[start:end]) for start, end in spans]


class _Reader:
    """One pass over a parse; argument keys, implicit subjects and speakers are worked out once per token,
    the claims per span."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.quoted = {t.i for start, end in sx.quoted_spans(self.doc.text) for t in self.doc
                       if start <= t.idx < end}
        self.doubts: dict[str, str] = {}
        self.keys: dict[int, str] = {}
        self.subjects: dict[int, list[tuple[str, Token | None]]] = {}
        self.reporting = {t.i for t in self.doc if self._reports(t)}
        self.said: dict[int, list[tuple[str, int]]] = {}  # clause root -> (speaker, its token), in order
        for t in self.doc:
            if (said := self._said_by(t)) is not None:
                self.said.setdefault(said[0].i, []).append(said[1:])
        for root, reporter in list(self._quoted_without_speaker()):
            self.reporting.add(reporter.i)
            self.said.setdefault(root.i, []).append(self._speaker_of(reporter, root.sent.start, aside=False))
        self.speakers_doubts = dict(self.doubts)

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
                    found[Claim(predicate, role, UNKNOWN, speaker)] = None
                    continue
                if p.i in self.quoted and argument.i in self.quoted:
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
        for t in span:
            if sx.is_time(t) and t.i not in self.quoted:
                clause = next((a for a in t.ancestors if sx.is_predicate(a)), t)
                found[Claim(SENTENCE, COMPLEMENT, t.text.lower(), self._speaker(clause), sx.via(t))] = None
        found.update(dict.fromkeys(self._quotations(span)))
        roots, expected = sum(t.dep_ == "ROOT" for t in span), len(split_sentences(span.text))
        if roots > max(expected, 1):
            self.doubts["*"] = f"l'analyse coupe en {roots} phrases ce qui en fait {expected}"
        lemmas = frozenset(fold(sx.lemma(t)) for t in span if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
                           and not t.is_stop and sx.lemma(t) not in REPORTING)
        return Reading(tuple(found), frozenset(latent - set(found)), lemmas, dict(self.doubts))

    def _complement(self, predicate: str, n: Token, speaker: str) -> Claim:
        return Claim(predicate, COMPLEMENT, self._key(n), speaker, sx.via(n))

    # -- links of a predicate ------------------------------------------------------------------------

    def _links(self, p: Token) -> Iterator[tuple[str, str, Token | None]]:
        """(role, via, argument token or None if missing) for each argument of p."""
        passive, nominal = sx.is_passive(p), p.pos_ not in ("VERB", "AUX") and not sx.has_tense(p)
        has_subject = p.dep_ == "appos" or sx.is_cleft(p)
        for c in p.children:
            dep, via = c.dep_, sx.via(c)
            if (dep in ("nsubj", "nsubj:pass", "expl:subj") and sx.is_word(c)) or (
                    fold(c.text) == "y" and sx.lemma(p) == "avoir"):  # "il y a"
                has_subject = True
            if dep in sx.SILENT or dep.startswith("expl") or not sx.is_word(c) or c.i in self.reporting or (
                    sx.is_time(c) and dep not in ("nsubj", "nsubj:pass")):
                continue
            if dep != "acl:relcl" and c.pos_ in ("VERB", "AUX") and sx.has_relative(c):
                continue  # a relative clause the parse hung on a verb: it says something of its noun
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
        if p.dep_ == "appos":
            yield SUBJECT, "", p.head
        if p.dep_ in ("acl", "acl:relcl", "ccomp") and sx.is_cleft(p.head) and any(
                c.dep_ == "mark" and fold(c.text) in ("que", "qu'") for c in p.children):
            yield COMPLEMENT, sx.via(p.head), p.head  # "c'est à Paris que la police a…"
        if not has_subject:
            for role, token in self._subject(p):
                yield role, "", token

    def _subject(self, p: Token) -> list[tuple[str, Token | None]]:
        """The implicit subject of a predicate without one: shared with the verb it is coordinated with or
        depends on (a participle), the noun a participle qualifies, the noun phrase just before a finite
        verb whose subject the parse missed; None where there is none."""
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
        elif p.dep_ in ("acl", "amod") and head.pos_ in sx.NOMINAL:
            found = [(OBJECT if past and not own_aux else SUBJECT, head)]
        elif p.dep_ == "advcl" and p.morph.get("VerbForm") == ["Part"] and sx.is_predicate(head):
            found = [(OBJECT if past and not own_aux else SUBJECT, t) for _, t in self._subjects_of(head)]
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
        coordinated = [c for c in t.children if c.dep_ == "conj" and c.pos_ in sx.NOMINAL and t.pos_ in sx.NOMINAL]
        return [self._key(t, p), *(self._key(c, p) for c in coordinated)]

    def _key(self, t: Token, p: Token | None = None, before: int | None = None) -> str:
        """An argument's key: a pronoun's antecedent (found before `before`), a name whole, else its lemma."""
        if t.i not in self.keys:
            self.keys[t.i] = sx.lemma(t)  # while resolving, against cycles
            self.keys[t.i] = self._resolve(t, p, t.i if before is None else before)
        return self.keys[t.i]

    def _resolve(self, t: Token, p: Token | None, before: int) -> str:
        if sx.is_relative(t):
            return self._antecedent_of_relative(t)
        if (pronoun := sx.pronoun(t)) is not None:
            if p is not None and sx.is_impersonal(t, p):
                return pronoun
            antecedent = self._antecedent(t, before, *sx.PRONOUNS[pronoun])
            if antecedent is None:
                self.doubts[pronoun] = f"« {t.text.lstrip('-')} » : on ne sait pas à qui il renvoie"
                return pronoun
            return self._key(antecedent)
        if t.ent_iob_ != "O" and t.ent_type_ in ("PER", "ORG", "LOC", "MISC"):
            ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
            return re.sub(r"^(?:l'|le |la |les |d'|de |du |des )", "", ent.text.strip(" '\"«»"), flags=re.IGNORECASE)
        if t.pos_ == "PROPN":
            name = [t, *(c for c in t.children if c.dep_ in ("flat:name", "flat"))]
            return " ".join(x.text for x in sorted(name, key=lambda x: x.i))
        counted = next((c for c in t.children if c.dep_ in ("nmod", "obl:arg", "obl")), None)
        if t.pos_ == "ADV" and counted is not None:
            return self._key(counted)  # "plus d'un millier de manifestants", "près de 2.000 personnes"
        return sx.lemma(t)

    def _antecedent_of_relative(self, t: Token) -> str:
        """The noun a relative pronoun stands for: the one its clause hangs on if that is the noun just
        before it or the head of that noun's phrase ("le président de la République, qui"); else the noun
        just before it, in doubt where the parse says otherwise. An apposition stands for its noun."""
        clause = next((a for a in [t, *t.ancestors] if a.dep_ in ("acl:relcl", "acl")), None)
        parsed = clause.head if clause is not None and clause.head.pos_ in sx.NOMINAL else None
        near = next((n for n in reversed(self.doc[max(t.i - 5, 0): t.i]) if n.pos_ in sx.NOMINAL), None)
        if parsed is not None and (near is None or near.i == parsed.i or sx.heads_phrase(parsed, near)):
            return self._key(sx.named(parsed))
        if near is None:
            return sx.lemma(t)
        if parsed is not None and sx.named(parsed).i != sx.named(near).i:
            self.doubts[fold(sx.lemma(t))] = f"« {t.text} » : renvoie à « {near.text} » ou à « {parsed.text} » ?"
        return self._key(sx.named(near))

    def _antecedent(self, t: Token, end: int, gender: str, number: str, nearest: bool) -> Token | None:
        """The noun a pronoun stands for, in its sentence before `end` or in the previous sentence: for
        "il", "elle"…, the nearest agreeing subject, else the only agreeing noun; for "celui-ci",
        "ce dernier"…, the nearest agreeing noun (a noun's complement only if nothing else agrees)."""
        start = t.sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        before = list(reversed(self.doc[start: end]))
        nouns = [n for n in before if n.pos_ in ("NOUN", "PROPN") and n.i not in self.quoted and not sx.is_time(n)
                 and sx.agrees(n, gender, number) and n.dep_ not in ("flat:name", "flat", "fixed")]
        if nearest:
            return next((n for n in nouns if n.dep_ != "nmod"), nouns[0] if nouns else None)
        agreeing = {n.i for n in nouns}
        subjects = [n for n in before if n.dep_ in ("nsubj", "nsubj:pass") and n.i not in self.quoted and (
            n.i in agreeing or sx.PRONOUNS.get(sx.pronoun(n) or "", ())[:2] == (gender, number))]
        if subjects:
            return subjects[0]
        return nouns[0] if len({fold(sx.lemma(n)) for n in nouns}) == 1 else None

    # -- speakers ------------------------------------------------------------------------------------

    def _reports(self, r: Token) -> bool:
        """Whether r is a reporting verb in use: it introduces a clause, an infinitive or a quotation ("a
        déclaré que P", "a affirmé ne pas…", "a déclaré : « … »"), or follows one as an aside ("P, a
        déclaré X", "« … », a rétorqué X"), however the parse hangs the aside."""
        if r.pos_ != "VERB" or (r.dep_ in ("acl", "amod", "acl:relcl") and not sx.has_tense(r)):
            return False
        if sx.lemma(r) in REPORTING and any(self._reported(c) for c in r.children):
            return True
        if not sx.is_finite(r) or self._aside(r) is None:
            return False
        before = self.doc[sx.verb_group(r).i - 2]  # the word before the comma
        return sx.lemma(r) in REPORTING or before.i in self.quoted or before.text in "\"»”"

    def _reported(self, c: Token) -> bool:
        """Whether c, a child of a reporting verb, is what it reports: a quotation (however the parse hangs
        it), a clause, an infinitive."""
        return c.i in self.quoted or (c.dep_ in ("ccomp", "parataxis") and sx.is_clausal(c)) or (
            c.dep_ in ("xcomp", "ccomp") and c.morph.get("VerbForm") == ["Inf"])

    def _aside(self, r: Token) -> Token | None:
        """The clause before a verb set after it as an aside ("P, a déclaré X"): r's head; r itself where
        the parse hung the clause's words on r; the root before, where it cut the sentence at the comma."""
        first = sx.verb_group(r)
        if first.i < 2 or not self.doc[first.i - 1].is_punct:
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

    def _said_by(self, t: Token) -> tuple[Token, str, int] | None:
        """(the clause given a speaker, the speaker, the speaker's token) where t is a reporting verb or
        a "selon X"."""
        if t.i in self.reporting:
            reported = [c for c in t.children if self._reported(c)]
            aside = None if reported else self._aside(t)
            clause = _clause_root(reported[0] if reported else aside or t, self.reporting)
            return clause, *self._speaker_of(t, min(clause.left_edge.i, t.i), aside is not None)
        if (t.dep_.startswith("obl") or t.dep_ == "nmod") and sx.is_source(t):
            clause = _clause_root(t.head, self.reporting)
            return clause, self._key(t, before=min(clause.left_edge.i, t.i)), t.i
        return None

    def _speaker_of(self, r: Token, before: int, aside: bool) -> tuple[str, int]:
        """The subject of a reporting verb, never quoted; after the verb of an aside (where it is often
        mislabelled: "a indiqué la préfecture"), since what comes before is the clause reported."""
        first = sx.verb_group(r)
        aside = aside or (first.i > 0 and self.doc[first.i - 1].is_punct)
        subject = next((c for c in r.children if c.dep_ in ("nsubj", "nsubj:pass", "obl:agent") and sx.is_word(c)
                        and c.i not in self.quoted and not (aside and c.i < r.i and not c.text.startswith("-"))), None)
        subject = subject or next((x for x in r.subtree if x.i > r.i and x.pos_ in ("NOUN", "PROPN")
                                   and not sx.via(x) and x.i not in self.quoted), None)
        if subject is None:
            self.doubts[UNKNOWN] = f"qui parle ? pas de sujet trouvé pour « {r.text} »"
            return UNKNOWN, -1
        return self._key(subject, before=before), subject.i

    def _quoted_without_speaker(self) -> Iterator[tuple[Token, Token]]:
        """(quotation root, reporting verb) for each quoted clause the parse gives no speaker, in a sentence
        with a single reporting verb ("M. X a répondu dimanche : « … »", however the parse hangs it)."""
        for start, end in sx.quoted_spans(self.doc.text):
            inside = [t for t in self.doc if start <= t.idx < end]
            root = next((t for t in inside if t.head.i not in self.quoted or t.head.i == t.i), None)
            if root is None or self._speaker(root) or sum(t.is_alpha for t in inside) < 3 or not sx.is_clausal(root):
                continue
            verbs = [t for t in root.sent if t.i not in self.quoted and t.pos_ == "VERB"
                     and sx.lemma(t) in REPORTING and sx.is_finite(t)]
            if len(verbs) == 1:
                yield root, verbs[0]

    def _speaker(self, p: Token) -> str:
        """Who says p's clause, outermost first; not the words that name the speaker ("selon un témoin
        interrogé par l'AFP": the AFP interviewing the witness is the author's)."""
        chain = [p.i, *(a.i for a in p.ancestors)]
        return " > ".join(reversed([s for a in chain for s, by in self.said.get(a, []) if by not in chain]))

    def _quotations(self, span: Span) -> Iterator[Claim]:
        """A claim per quotation of three words or more: its words are checked elsewhere, its speaker here."""
        offset = span[0].idx if len(span) else 0
        for start, end in sx.quoted_spans(span.text):
            inside = [t for t in span if offset + start <= t.idx < offset + end]
            if sum(t.is_alpha for t in inside) < 3:
                continue
            root = next((t for t in inside if t.head.i not in self.quoted or t.head.i == t.i), inside[0])
            text = " ".join(t.text for t in inside if not t.is_punct)
            yield Claim(QUOTATION, QUOTATION, text if len(text) < 60 else text[:57] + "…", self._speaker(root))


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
