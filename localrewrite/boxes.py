"""SEO boxes drawn from the source alone: who said what ("Ce qu'ils ont dit") and who is who.

Both only rearrange what the source states: a quotation with the person the source attributes it to,
a name with the role the source gives it ("le philosophe et académicien Alain Finkielkraut"). A
quotation whose speaker is not certain is left out: a wrong attribution is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from localrewrite.analyse import FactSheet
from localrewrite.article import words
from localrewrite.facts import INVERTED_PRONOUN, REPORTING, find_quotes, unquoted
from localrewrite.facts import sentences as split_sentences

MIN_QUOTE_WORDS = 6  # shorter quotations are mostly terms or fragments ("au coeur"), not sayings
_PRONOUN = re.compile(rf"(?i){INVERTED_PRONOUN}|^\W*(?:il|elle)s? |\bselon (?:lui|elle)\b")
_DETERMINERS = {"le", "la", "l'", "au", "aux", "du", "des", "un", "une"}
_CONNECTORS = {"de", "du", "des", "d'", "et", "la", "l'"}
#: Words for what a person is or does: a role must start with one (after "ancien", "ex-").
_ROLES = frozenset("""ministre maire président présidente premier philosophe écrivain écrivaine essayiste
académicien académicienne intellectuel intellectuelle historien historienne sociologue politologue économiste
journaliste éditorialiste chroniqueur chroniqueuse avocat avocate procureur procureure juge magistrat député
députée sénateur sénatrice élu élue conseiller conseillère adjoint adjointe porte-parole secrétaire directeur
directrice dirigeant dirigeante chef cheffe leader fondateur fondatrice patron patronne responsable commandant
général militant militante syndicaliste candidat candidate chercheur chercheuse professeur professeure
médecin préfet préfète ambassadeur ambassadrice délégué déléguée coordinateur coordinatrice figure membre
représentant représentante animateur animatrice chanteur chanteuse acteur actrice artiste réalisateur
réalisatrice auteur autrice entraîneur joueur joueuse président-directeur tête infirmier infirmière garde
employé employée ouvrier ouvrière retraité retraitée étudiant étudiante habitant habitante commerçant commerçante
agriculteur agricultrice enseignant enseignante policier policière gendarme pompier vendeur vendeuse""".split())
_FORMER = {"ancien", "ancienne", "ex", "futur", "future", "nouveau", "nouvelle"}
_NOT_ROLES = set("""qui que dont où a est était sont ont avait selon lors dans sur pour par avec sans contre
après avant depuis pendant le la les un une des ce cet cette ces son sa ses leur lui elle eux elles""".split())
#: Words that cannot be part of a role: a present participle, a weekday ("en rencontrant mardi NAME").
_VERBAL = re.compile(r"(?:ant|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)$")
_WINDOW = 8  # words between a reporting verb and the speaker's name
#: Prepositions that make the name after them the one spoken of or to, never the speaker ("a fustigé une
#: accusation contre Alain Finkielkraut"); "par", "selon" and "pour" may introduce a speaker.
_SPOKEN_OF = {"à", "au", "aux", "contre", "envers", "vers", "avec", "chez", "sur", "de", "du", "des", "sans"}


@dataclass(frozen=True)
class Saying:
    speaker: str
    sentence: str  # the source sentence that quotes the speaker
    quotes: tuple[str, ...]  # its quotations of three words or more, marks stripped

    @property
    def whole(self) -> tuple[str, ...]:
        """The quotations that stand alone in a box: a capital first, MIN_QUOTE_WORDS words or more."""
        return tuple(q for q in self.quotes if len(words(q)) >= MIN_QUOTE_WORDS and q[0].isupper())

    @property
    def headlines(self) -> list[str]:
        """Headings from its quotations: a quoted sentence of 3 to 9 words, a capital first (no fragment
        such as "déstabiliserait l'Irak"), with the speaker ("Bernard-Henri Lévy : « Il n'y a pas de mais »")."""
        pieces = [p.rstrip(".") for q in self.quotes for p in split_sentences(q) if 3 <= len(words(p)) <= 9]
        return [f"{self.speaker} : « {p} »" for p in pieces if p[0].isupper()]


@dataclass(frozen=True)
class Profile:
    name: str
    role: str  # as the source words it: "philosophe et académicien"


def people(facts: FactSheet) -> list[str]:
    """Full names among the source's entities: PER of two capitalised words or more ("Alain Finkielkraut"),
    not words the source also writes in lower case ("Gilets Jaunes", which spaCy may take for a name)."""
    return [e.text for e in facts.entities
            if e.label == "PER" and len(words(e.text)) >= 2 and all(w[0].isupper() for w in words(e.text))
            and e.text.lower() not in facts.source_text]


def sayings(sentences: Sequence[str], people: Sequence[str]) -> list[Saying]:
    """The sentences that quote someone, with the speaker, in source order.

    The speaker is the one person named next to a reporting verb outside the quotations ("a estimé
    l'écrivain Bernard-Henri Lévy"), not after a preposition that makes him the one spoken of ("contre
    Alain Finkielkraut"); a pronoun ("a-t-il ajouté", "espère-t-il", "selon lui") refers to the
    speaker of the sentence just before, and only when that sentence had one. A sentence that is a quotation
    and nothing else goes on with the words of that speaker.
    """
    found: list[Saying] = []
    last: str | None = None
    for sentence in sentences:
        own = unquoted(sentence, 1)
        speaker = _speaker(" … ".join(own), people, last)
        if speaker is None and not any(len(words(piece)) >= 2 for piece in own):
            speaker = last  # a quotation alone goes on with the words of the speaker before
        last = speaker
        quotes = tuple(find_quotes(sentence))
        if speaker and quotes:
            found.append(Saying(speaker, sentence, quotes))
    return found


def _speaker(text: str, people: Sequence[str], last: str | None) -> str | None:
    tokens = words(text)
    reporting = [i for i, w in enumerate(tokens) if w.lower().split("-")[0] in REPORTING]  # "déplore-t-il"
    if reporting and last and _PRONOUN.search(text):
        return last  # "Il a également critiqué … Jean-Luc Mélenchon": the pronoun speaks, the name is spoken of
    firsts = {words(name)[0] for name in people}
    if any(r + 1 < len(tokens) and tokens[r + 1][:1].isupper() and tokens[r + 1] not in firsts for r in reporting):
        return None  # "a déclaré Nadine, 55 ans": someone the source does not name in full speaks
    named = set()
    for name in people:
        parts = words(name)
        size = len(parts)
        for i in range(len(tokens) - size + 1):
            if tokens[i:i + size] == parts and any(-_WINDOW <= i - r <= _WINDOW + size for r in reporting) and not (
                    i and tokens[i - 1].lower() in _SPOKEN_OF):
                named.add(name)
    return named.pop() if len(named) == 1 else None


def profiles(sentences: Sequence[str], people: Sequence[str]) -> list[Profile]:
    """Each person's role as the source states it, before the name ("l'écrivain Bernard-Henri Lévy") or
    in apposition after it ("Christophe Castaner, ministre de l'Intérieur,"); the longest role found wins."""
    found: dict[str, str] = {}
    for sentence in sentences:
        text = " ".join(unquoted(sentence, 1))
        for name in people:
            role = _role_before(text, name) or _role_after(text, name)
            if role and len(role) > len(found.get(name, "")):
                found[name] = role
    return [Profile(name, found[name]) for name in people if name in found]


def _role_before(text: str, name: str) -> str | None:
    """"au philosophe et académicien NAME" -> "philosophe et académicien": lowercase words back to a
    determiner, and on through "de la", "à l'" ("un leader de l'ultra-droite NAME")."""
    at = text.find(name)
    before = re.findall(r"\w+'|[\w-]+|[^\w\s]", text[:at])[-10:] if at > 0 else []
    role: list[str] = []
    while before:
        word = before.pop()
        low = word.lower()
        if low in _DETERMINERS and role:
            if low in ("la", "l'") and before and before[-1].lower() in ("de", "à"):
                role.insert(0, word)  # "de l'ultra-droite", "à l'urbanisme": go on to the noun they complete
                continue
            return _joined(role)
        if not word.islower() or (low in _NOT_ROLES and low not in _CONNECTORS) or (
                _VERBAL.search(low) and low not in _ROLES):
            return None  # punctuation, a name, a preposition or a verb: no role stands right before the name
        role.insert(0, word)
    return None


def _role_after(text: str, name: str) -> str | None:
    """"NAME, ministre de l'Intérieur," -> "ministre de l'Intérieur"; "NAME, une infirmière de 33 ans." ->
    "infirmière de 33 ans"."""
    match = re.search(rf"{re.escape(name)}, ((?:[\w'-]+ ?){{1,9}})[,.]", text)
    if not match:
        return None
    role = match.group(1).split()
    role = role[1:] if role[0] in ("un", "une") and len(role) > 1 else role
    for previous, word in zip(role, role[1:], strict=False):
        if word[:1].isupper() and previous.lower() not in _CONNECTORS and not previous.endswith("'"):
            return None  # a capital that no "de" introduces: another name, not this one's role
    return _joined(role, capitals=True)


def _joined(role: list[str], capitals: bool = False) -> str | None:
    """The role's words as a phrase, or None if they cannot be one: too long, or not starting with a word
    for what a person is or does ("urbanisme" in "l'adjoint à l'urbanisme NAME" read from its end)."""
    low = [w.lower() for w in role]
    start = 2 if low[:2] in (["l'un", "des"], ["l'une", "des"]) else 0  # "l'une des figures du mouvement"
    nouns = [w.removeprefix("ex-") for w in low[start:] if w not in _FORMER]
    head = nouns[0] if nouns else ""
    if (len(role) > 8 or (head not in _ROLES and head.removesuffix("s") not in _ROLES) or low[-1] in _CONNECTORS
            or (not capitals and not all(w.islower() for w in role))):
        return None
    return " ".join(role).replace("' ", "'")
