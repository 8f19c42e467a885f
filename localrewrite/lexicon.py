"""French words: synonyms (mythes-fr thesaurus), morphology and inflection (Grammalecte), frequency (wordfreq).

Everything here is a lookup in data installed by set-up (scripts/setup_resources.py); nothing is downloaded.
Inflection is generate-and-test: suffix rules propose forms and Grammalecte's dictionary must confirm each
one with the wanted lemma, part of speech, gender and number, so a form the dictionary does not know is
never produced.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from localrewrite.errors import ResourceError
from localrewrite.grammar import speller

THESAURUS_ENV = "LOCALREWRITE_THESAURUS"
_POS = {"N": "NOUN", "A": "ADJ", "V": "VERB", "W": "ADV"}
_THESAURUS_POS = {"Nom": "NOUN", "Adjectif": "ADJ", "Verbe": "VERB", "Adverbe": "ADV"}
#: Grammalecte tense tags by spaCy's (Tense, Mood); participles and infinitives apart.
TENSES = {("Pres", "Ind"): ":Ip", ("Imp", "Ind"): ":Iq", ("Past", "Ind"): ":Is", ("Fut", "Ind"): ":If",
          ("Pres", "Cnd"): ":K", ("Pres", "Sub"): ":Sp", ("Imp", "Sub"): ":Sq"}


@dataclass(frozen=True)
class Morph:
    """One reading of a word form in Grammalecte's dictionary."""

    lemma: str
    classes: frozenset[str]  # NOUN, ADJ, VERB, ADV (":N:A" is both a noun and an adjective); empty for others
    gender: str  # "m", "f", "e" (either), ""
    number: str  # "s", "p", "i" (invariable), ""
    tags: str  # Grammalecte's tags, e.g. ":V1_it_q__a:Q:A:m:s"

    @property
    def participle(self) -> bool:
        return ":Q" in self.tags


def thesaurus_path() -> Path:
    """The mythes-fr data file: LOCALREWRITE_THESAURUS, else the one set-up put in the environment, else Debian's."""
    candidates = [os.environ.get(THESAURUS_ENV, ""), Path(sys.prefix) / "share/mythes/thes_fr.dat",
                  "/usr/share/mythes/thes_fr.dat"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ResourceError("The French thesaurus (mythes-fr, thes_fr.dat) is not installed: "
                        f"run `bash scripts/bootstrap.sh` or set {THESAURUS_ENV}.")


@cache
def thesaurus() -> dict[str, tuple[tuple[frozenset[str], tuple[str, ...]], ...]]:
    """Headword -> its senses, each (parts of speech, synonyms); mythes-fr's format: "word|n" then n lines
    "(Nom Verbe)|syn|syn|…"."""
    entries: dict[str, tuple[tuple[frozenset[str], tuple[str, ...]], ...]] = {}
    lines = thesaurus_path().read_text(encoding="utf-8").splitlines()[1:]
    i = 0
    while i < len(lines):
        head, _, count = lines[i].partition("|")
        n = int(count) if count.isdigit() else 0
        senses = []
        for line in lines[i + 1: i + 1 + n]:
            label, *synonyms = line.split("|")
            kinds = frozenset(_THESAURUS_POS[k] for k in label.strip("()").split() if k in _THESAURUS_POS)
            senses.append((kinds, tuple(s for s in synonyms if s)))
        entries[head] = tuple(senses)
        i += 1 + n
    return entries


def synonyms(lemma: str, pos: str) -> list[str]:
    """The thesaurus' single-word synonyms of lemma listed for part of speech pos, in its order."""
    found = [s for kinds, words in thesaurus().get(lemma, ()) if pos in kinds for s in words if " " not in s]
    return list(dict.fromkeys(s for s in found if s != lemma))


def mutual(a: str, b: str, pos: str) -> bool:
    """Whether the thesaurus lists each word among the other's synonyms (one sense shared both ways)."""
    return b in synonyms(a, pos) and a in synonyms(b, pos)


@lru_cache(maxsize=65536)
def analyse(word: str) -> tuple[Morph, ...]:
    """Every reading Grammalecte's dictionary gives word ("" pos for grammatical words)."""
    readings = []
    for raw in speller().getMorph(word.replace("'", "’") if "'" in word else word):
        lemma, _, tags = raw.lstrip(">").partition("/")
        tags = tags.rstrip("/*")
        parts = [re.match(r"\w*", p).group() for p in tags.split(":")]  # "p#G", "s;C": annotations dropped
        classes = frozenset(_POS[p[0]] for p in parts if p[:1] in _POS and (p[0] != "V" or p[1:2].isdigit()))
        gender = next((p for p in parts if p in ("m", "f", "e")), "")
        number = next((p for p in parts if p in ("s", "p", "i")), "")
        readings.append(Morph(lemma, classes, gender, number, ":".join(parts)))
    return tuple(readings)


def known(word: str) -> bool:
    return bool(analyse(word))


def reading(word: str, lemma: str, pos: str) -> Morph | None:
    """word's reading with this lemma and part of speech, if the dictionary has one."""
    return next((m for m in analyse(word) if m.lemma == lemma and pos in m.classes), None)


@lru_cache(maxsize=8192)
def verb_lemma(form: str, lemma: str) -> str:
    """A verb's lemma: spaCy's, or the dictionary's where spaCy's is no verb of this form ("estime" for the verb
    "estime") and the dictionary knows one verb of that form ("estimer")."""
    if reading(form, lemma, "VERB"):
        return lemma
    verbs = {m.lemma for m in analyse(form) if "VERB" in m.classes}
    return verbs.pop() if len(verbs) == 1 else lemma


def _agrees(morph: Morph, gender: str, number: str) -> bool:
    gender_ok = not gender or morph.gender in (gender, "e") or gender == "e"
    number_ok = not number or morph.number in (number, "i")
    return gender_ok and number_ok


_PLURALS = (("al", "aux"), ("au", "aux"), ("eau", "eaux"), ("eu", "eux"), ("ail", "aux"), ("", "s"), ("", "x"),
            ("", ""))
_FEMININES = (("", "e"), ("e", "e"), ("eux", "euse"), ("eur", "euse"), ("teur", "trice"), ("if", "ive"), ("el", "elle"),
              ("en", "enne"), ("on", "onne"), ("et", "ette"), ("er", "ère"), ("c", "que"), ("f", "ve"), ("x", "se"),
              ("al", "ale"), ("eil", "eille"), ("ul", "ulle"), ("s", "sse"), ("ien", "ienne"), ("ier", "ière"),
              ("eau", "elle"), ("ou", "olle"), ("x", "ce"), ("c", "che"), ("g", "gue"))


@lru_cache(maxsize=16384)
def inflect(lemma: str, pos: str, gender: str, number: str) -> str | None:
    """The form of a noun or adjective lemma with this gender and number ("" for either), confirmed by the
    dictionary; None when none is known (the caller drops the candidate)."""
    stems = [lemma] + [lemma[: len(lemma) - len(a)] + b for a, b in _FEMININES
                       if gender == "f" and lemma.endswith(a)]
    for stem in dict.fromkeys(stems):
        for old, new in _PLURALS if number == "p" else (("", ""),):
            if not stem.endswith(old):
                continue
            form = stem[: len(stem) - len(old)] + new
            morph = reading(form, lemma, pos)
            if morph and _agrees(morph, gender, number) and (number != "p" or morph.number in ("p", "i")):
                return form
    return None


_MOODS = {"Ind": (":Ip", ":Iq", ":Is", ":If"), "Sub": (":Sp", ":Sq"), "Cnd": (":K",)}


def finite(form: str, lemma: str, mood: str = "", tense: str = "", person: str = "") -> tuple[str, str] | None:
    """(tense, person) of a finite verb form, e.g. ("manifestaient", "manifester") -> (":Iq", ":3p"), read from
    the dictionary; spaCy's mood and tense ("Ind", "Imp") choose among readings the form shares ("arrive" is
    :Ip and :Sp), and its person (":3s") among the persons a form shares. None when that leaves more than
    one reading, or none."""
    found = set()
    for morph in analyse(form):
        if morph.lemma != lemma or "VERB" not in morph.classes:
            continue
        parts = [f":{p}" for p in morph.tags.split(":") if p]
        tenses = [p for p in parts if p in (":Ip", ":Iq", ":Is", ":If", ":K", ":Sp", ":Sq")]
        persons = [p for p in parts if re.fullmatch(r":[123][sp]", p)]
        found |= {(t, p) for t in tenses for p in persons}
    if mood in _MOODS:
        found = {(t, p) for t, p in found if t in _MOODS[mood]}
    if len({p for _, p in found}) > 1 and person:
        found = {(t, p) for t, p in found if p == person}
    if len({t for t, _ in found}) > 1 and tense:
        found = {(t, p) for t, p in found if t == TENSES.get((tense, mood))}
    return found.pop() if len(found) == 1 else None


def conjugate(infinitive: str, tense: str, person: str) -> str | None:
    """infinitive conjugated: tense a Grammalecte tag (":Ip", ":Iq", ":If", ":K"...), person ":3s", ":3p"…;
    a past participle with tense ":Q" and person ":m:s", ":f:p"…; None if Grammalecte cannot."""
    from grammalecte.fr import conj

    if not conj.isVerb(infinitive):
        return None
    form = conj.getConj(infinitive, tense, person) if conj.hasConj(infinitive, tense, person) else ""
    return form or None


def verb_frame(infinitive: str) -> str:
    """Grammalecte's verb type, e.g. "1_it_q__a": [2] i intransitive, [3] t direct object, [4] n indirect
    object, [5] pronominal, [7] e auxiliary être, [8] a auxiliary avoir."""
    from grammalecte.fr import conj

    return conj.getVtyp(infinitive) if conj.isVerb(infinitive) else ""


@lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    """Zipf frequency of word in French (wordfreq: 3 is once per million words, 6 once per thousand)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "fr")
