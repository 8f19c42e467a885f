"""Word swaps: a noun, verb, adjective or adverb replaced by a synonym, inflected like it, with what agrees
with it (articles, adjectives) made to agree; set phrases replaced by equivalent ones ("lors de" -> "au
cours de"); reporting verbs within their class where they report.

Synonyms come only from synonyms.tsv, the thesaurus' (mythes-fr) candidates that a French editor kept
because they state the same facts in most news sentences, with the set phrases where they do not fit
(scripts/synonym_candidates.py made the candidates). Word vectors rank a word's synonyms; the model then
judges the best in context (engine.py). Names, numbers, dates, quotations, negations, hedges, the keyphrase
and light verbs are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from localrewrite import lexicon
from localrewrite import tokens as sx
from localrewrite.article import words
from localrewrite.facts import fold
from localrewrite.restate import ALSO, BUT, STRESSED

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PER_WORD = 3  # synonyms kept per word, best first

#: Auxiliaries, light and modal verbs: their meaning lives in the phrase around them ("avoir lieu").
_NEVER = frozenset("""être avoir faire aller venir pouvoir devoir falloir vouloir savoir mettre prendre donner
tenir rester sembler paraître devenir laisser passer""".split())
_HEDGE_STEMS = ("eventuel", "possibl", "presum", "suppos", "probabl", "potentiel", "sembl", "apparem", "soupcon",
                "presque", "environ", "pres")
_NEGATIVE = frozenset("ne n' pas jamais aucun aucune rien personne ni sans non guère nullement plus".split())
_KEEPS_DE = (("de", " de"), ("d'", " d'"), ("du", " du"), ("des", " des"))  # (form of "de", what follows)
_DROPS_DE = (("de", ""), ("d'", ""), ("du", " le"), ("des", " les"))
#: Set phrases with an equivalent, matched on lower-case tokens; the first form replaces the whole phrase.
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("également",): ("aussi",), ("aussi",): ("également",), ("notamment",): ("en particulier",),
    ("toutefois",): ("cependant",), ("cependant",): ("toutefois",), ("néanmoins",): ("toutefois",),
    ("ensuite",): ("puis",), ("désormais",): ("dorénavant",), ("enfin",): ("finalement",),
    ("récemment",): ("dernièrement",), ("immédiatement",): ("aussitôt",), ("principalement",): ("surtout",),
    ("lors", "de"): ("au cours de", "pendant"), ("lors", "du"): ("au cours du", "pendant le"),
    ("lors", "des"): ("au cours des", "pendant les"), ("afin", "de"): ("pour",), ("afin", "d'"): ("pour",),
    ("afin", "que"): ("pour que",), ("afin", "qu'"): ("pour qu'",), ("en", "raison", "de"): ("à cause de",),
    ("en", "raison", "du"): ("à cause du",), ("en", "raison", "des"): ("à cause des",),
    ("à", "cause", "de"): ("en raison de",), ("à", "cause", "du"): ("en raison du",),
    ("malgré",): ("en dépit de",), ("selon",): ("d'après",), ("d'après",): ("selon",),
    ("à", "la", "suite", "de"): ("après",), ("à", "la", "suite", "du"): ("après le",), ("suite", "à"): ("après",),
    ("lorsque",): ("quand",), ("lorsqu'",): ("quand",), ("quand",): ("lorsque",),
    ("concernant",): ("au sujet de",), ("car",): ("parce que",), ("puis",): ("ensuite",),
    ("par", "ailleurs"): ("en outre",), ("en", "outre"): ("par ailleurs",), ("de", "plus"): ("en outre",),
    ("à", "nouveau"): ("de nouveau",), ("de", "nouveau"): ("à nouveau",), ("en", "effet"): ("de fait",),
    ("aujourd'hui",): ("ce jour",), ("actuellement",): ("à l'heure actuelle",),
    ("à", "l'", "heure", "actuelle"): ("actuellement",), ("plus", "particulièrement"): ("en particulier",),
    ("en", "particulier"): ("notamment",), ("c'", "est", "pourquoi"): ("voilà pourquoi",),
    ("dans", "le", "but", "de"): ("afin de",), ("dans", "le", "but", "d'"): ("afin d'",),
    ("à", "propos", "de"): ("au sujet de",), ("à", "propos", "du"): ("au sujet du",),
    ("à", "propos", "des"): ("au sujet des",), ("au", "sujet", "de"): ("à propos de",),
    ("au", "sujet", "du"): ("à propos du",), ("au", "sujet", "des"): ("à propos des",),
    ("une", "nouvelle", "fois"): ("de nouveau",), ("tout", "de", "suite"): ("immédiatement",),
    ("peu", "à", "peu"): ("progressivement",), ("face", "à"): ("devant",), ("face", "au"): ("devant le",),
    ("face", "aux"): ("devant les",), ("alors", "que"): ("tandis que",), ("alors", "qu'"): ("tandis qu'",),
    ("en", "revanche"): ("par contre",), ("par", "contre"): ("en revanche",),
    ("depuis", "longtemps"): ("de longue date",), ("à", "plusieurs", "reprises"): ("plusieurs fois",),
    ("plusieurs", "fois"): ("à plusieurs reprises",), ("de", "son", "côté"): ("pour sa part",),
    ("de", "leur", "côté"): ("pour leur part",), ("pour", "sa", "part"): ("de son côté",),
    ("pour", "leur", "part"): ("de leur côté",), ("à", "l'", "origine"): ("au départ",),
    ("en", "direction", "de"): ("vers",), ("en", "vue", "de"): ("pour",), ("en", "vue", "d'"): ("pour",),
    ("jusqu'", "à", "présent"): ("jusqu'ici",), ("jusqu'", "ici"): ("jusqu'à présent",),
    ("à", "l'", "instar", "de"): ("comme",), ("d'", "ailleurs"): ("du reste",),
    ("au", "cours", "de"): ("pendant",), ("au", "cours", "du"): ("pendant le",),
    ("au", "cours", "des"): ("pendant les",), ("durant",): ("pendant",), ("pendant",): ("durant",),
    ("pourtant",): ("cependant",), ("aussitôt",): ("immédiatement",),
    ("au", "sein", "de"): ("dans",), ("au", "sein", "d'"): ("dans",), ("au", "sein", "du"): ("dans le",),
    ("au", "sein", "des"): ("dans les",), ("à", "l'", "issue", "de"): ("au terme de",),
    ("à", "l'", "issue", "d'"): ("au terme d'",), ("à", "l'", "issue", "du"): ("au terme du",),
    ("à", "l'", "issue", "des"): ("au terme des",), ("en", "dépit", "de"): ("malgré",),
    ("en", "dépit", "du"): ("malgré le",), ("en", "dépit", "des"): ("malgré les",),
    ("à", "l'", "encontre", "de"): ("contre",), ("à", "l'", "encontre", "d'"): ("contre",),
    ("à", "l'", "encontre", "du"): ("contre le",), ("à", "l'", "encontre", "des"): ("contre les",),
    ("vis-à-vis", "de"): ("à l'égard de",), ("vis-à-vis", "d'"): ("à l'égard d'",),
    ("vis-à-vis", "du"): ("à l'égard du",), ("vis-à-vis", "des"): ("à l'égard des",),
    ("à", "l'", "égard", "de"): ("envers",), ("à", "l'", "égard", "d'"): ("envers",),
    ("à", "l'", "égard", "du"): ("envers le",), ("à", "l'", "égard", "des"): ("envers les",),
    ("peu", "après"): ("peu de temps après",), ("pour", "l'", "instant"): ("pour le moment",),
    ("pour", "le", "moment"): ("pour l'instant",), ("pour", "l'", "heure"): ("pour le moment",),
    ("au", "total"): ("en tout",), ("en", "tant", "que"): ("comme",), ("en", "tant", "qu'"): ("comme",),
    ("étant", "donné", "que"): ("puisque",), ("étant", "donné", "qu'"): ("puisqu'",),
    ("puisque",): ("étant donné que",), ("puisqu'",): ("étant donné qu'",), ("dès", "que"): ("aussitôt que",),
    ("dès", "qu'"): ("aussitôt qu'",), ("jusque-là",): ("jusqu'alors",), ("jusqu'", "alors"): ("jusque-là",),
    ("en", "réalité"): ("en fait",), ("de", "manière"): ("de façon",), ("de", "façon"): ("de manière",),
    ("en", "soirée"): ("dans la soirée",), ("en", "matinée"): ("dans la matinée",),
    ("dans", "le", "même", "temps"): ("parallèlement",), ("un", "certain", "nombre", "de"): ("plusieurs",),
    ("un", "certain", "nombre", "d'"): ("plusieurs",), ("la", "plupart", "des"): ("la majorité des",),
    ("au", "moins"): ("au minimum",), ("tout", "d'", "abord"): ("en premier lieu",),
    ("à", "cet", "égard"): ("sur ce point",), ("en", "conséquence"): ("par conséquent",),
    ("par", "conséquent"): ("en conséquence",), ("de", "surcroît"): ("en outre",),
    ("d'", "ores", "et", "déjà"): ("dès à présent",), ("simultanément",): ("en même temps",),
    ("dorénavant",): ("désormais",), ("dernièrement",): ("récemment",), ("au", "préalable"): ("préalablement",),
    ("préalablement",): ("au préalable",), ("en", "masse"): ("massivement",), ("massivement",): ("en masse",),
    ("mutuellement",): ("réciproquement",), ("initialement",): ("au départ",),
    ("au", "fil", "de"): ("au cours de",), ("au", "fil", "d'"): ("au cours d'",), ("au", "fil", "du"): ("au cours du",),
    ("au", "fil", "des"): ("au cours des",), ("sur", "place"): ("sur les lieux",),
    ("sur", "les", "lieux"): ("sur place",),
    ("dans", "l'", "immédiat"): ("pour l'instant",), ("par", "la", "suite"): ("ensuite",),
    ("à", "ce", "jour"): ("jusqu'à présent",), ("de", "plus", "en", "plus"): ("toujours plus",),
    ("la", "semaine", "dernière"): ("la semaine passée",), ("le", "mois", "dernier"): ("le mois passé",),
    ("l'", "an", "dernier"): ("l'année dernière",), ("l'", "année", "dernière"): ("l'an dernier",),
    ("l'", "an", "prochain"): ("l'année prochaine",), ("l'", "année", "prochaine"): ("l'an prochain",),
    ("tout", "de", "même"): ("quand même",), ("quand", "même"): ("tout de même",),
    ("en", "grande", "partie"): ("largement",), ("en", "majorité"): ("majoritairement",),
    ("majoritairement",): ("en majorité",), ("peu", "avant"): ("peu de temps avant",),
    ("dans", "un", "premier", "temps"): ("d'abord",), ("dans", "un", "second", "temps"): ("ensuite",),
    ("dans", "la", "foulée"): ("aussitôt après",),
    # a phrase in "de" with each form of it: the new one keeps "de" ("à proximité du" -> "près du") or takes
    # the article it held ("en compagnie du" -> "avec le")
    **{(*lead, end): (f"{new}{tail}",) for lead, new, tails in (
        (("à", "proximité"), "près", _KEEPS_DE), (("aux", "abords"), "près", _KEEPS_DE),
        (("à", "l'", "extérieur"), "hors", _KEEPS_DE), (("en", "compagnie"), "avec", _DROPS_DE),
        (("à", "l'", "intérieur"), "dans", _DROPS_DE), (("à", "l'", "image"), "comme", _DROPS_DE),
        (("compte", "tenu"), "étant donné", _DROPS_DE), (("dans", "la", "foulée"), "aussitôt après", _DROPS_DE))
       for end, tail in tails},
    **{(verb, "fin"): (f"{verb} un terme",) for verb in  # the light verb kept as it is conjugated
       "mettre met mettent mis mettait mettaient mettra mettront mettrait mettraient mettant".split()},
}
#: Verbs that introduce what someone said, in classes whose members say the same of the speaker; swapped only
#: where the verb reports (a clause, a quotation, or inverted after one: "…», déplore-t-il").
REPORTING_CLASSES = (("affirmer", "assurer", "déclarer", "dire"), ("indiquer", "préciser", "expliquer"),
                     ("estimer", "juger", "considérer"), ("regretter", "déplorer"), ("remarquer", "noter", "relever",
                     "observer"), ("ajouter", "poursuivre"), ("raconter", "relater", "confier"),
                     ("souligner", "insister"), ("espérer", "souhaiter"), ("dénoncer", "fustiger"),
                     ("lancer", "asséner"), ("penser", "croire"),
                     ("reconnaître", "admettre"), ("avertir", "prévenir"), ("répondre", "rétorquer", "répliquer"))
#: Reporting verbs that do not take "que" and the indicative ("poursuivre", "insister"), or take the subjunctive
#: ("souhaiter que"): swapped only where no "que" clause follows.
_NOT_WITH_QUE = frozenset({"poursuivre", "insister", "fustiger", "asséner", "souhaiter", "espérer"})
_MASC_TO_FEM = {"le": "la", "un": "une", "ce": "cette", "cet": "cette", "mon": "ma", "ton": "ta", "son": "sa",
                "quel": "quelle", "aucun": "aucune", "certain": "certaine", "tout": "toute", "du": "de la",
                "au": "à la", "nul": "nulle"}
_FEM_TO_MASC = {"la": "le", "une": "un", "cette": "ce", "ma": "mon", "ta": "ton", "sa": "son", "quelle": "quel",
                "aucune": "aucun", "certaine": "certain", "toute": "tout", "nulle": "nul"}
_VOWELS = "aeiouyéèêëàâîïôûœh"
_DE = ("de", "d'")
_FUNCTION = frozenset("un une le la les l' de d' du des à au aux en".split())
_DETERMINERS = frozenset({"plusieurs"})
#: A conjunction and an adverb that say the same only where they open a clause ("Puis, …", "…, ensuite il…").
_CLAUSE_OPENERS = frozenset({("puis",), ("ensuite",)})
#: (word before a verb, whether the new verb opens on a vowel) -> the word that goes with it (None: unknown)
_CLITIC = {("ne", True): "n'", ("n'", False): "ne", ("se", True): "s'", ("s'", False): "se", ("je", True): "j'",
           ("j'", False): "je", ("me", True): "m'", ("m'", False): "me", ("te", True): "t'", ("t'", False): "te",
           ("que", True): "qu'", ("qu'", False): "que", ("le", True): "l'", ("la", True): "l'", ("l'", False): None,
           ("de", True): "d'", ("d'", False): "de"}  # "risquait d'entraîner" -> "risquait de causer"
#: (word before a noun, whether the new noun opens on a vowel) -> the word that goes with it
_ELIDED = {("le", True): "l'", ("la", True): "l'", ("ce", True): "cet", ("cet", False): "ce", ("au", True): "à l'",
           ("du", True): "de l'", ("de", True): "d'", ("d'", False): "de", ("sa", True): "son", ("ma", True): "mon",
           ("ta", True): "ton"}


@dataclass(frozen=True)
class Swap:
    """One replacement: the forms it writes (the word and what agrees with it), and what it stands for."""

    at: int  # the token replaced (the first of a set phrase)
    forms: tuple[tuple[int, str], ...]  # token index -> new written form ("" removes a token)
    old: str  # lemma (or phrase) replaced
    new: str  # lemma (or phrase) written instead
    kind: str  # "synonym" or "phrase"

    @property
    def touched(self) -> frozenset[int]:
        return frozenset(i for i, _ in self.forms)

    @property
    def lemmas(self) -> tuple[str, str] | None:
        """(source lemma, new lemma) for the meaning check: the synonym, or the one content word a set phrase
        changes ("mettre fin" -> "mettre un terme": the object "fin" is now "terme"); None if none."""
        if self.kind == "synonym":
            return self.old, self.new
        before, after = set(self.old.split()), set(self.new.split())
        old, new = before - after - _FUNCTION, after - before - _FUNCTION
        return (old.pop(), new.pop()) if len(old) == len(new) == 1 else None

    def aliases(self, doc: Doc) -> list[tuple[str, str]]:
        """(what the rewrite writes, what the source wrote) for the gate's word checks: the set phrase whole,
        else each word the swap changed (the noun and the article and adjectives that agree with it)."""
        if self.kind == "phrase":
            return [(" ".join(f for _, f in self.forms if f), " ".join(doc[i].text for i, _ in self.forms))]
        return [(form, doc[i].text) for i, form in self.forms if form and form != doc[i].text]


def options(doc: Doc, protected: frozenset[int], vectors: bool = True) -> dict[int, list[Swap]]:
    """The swaps each word of the sentence admits, best first (by word-vector similarity for synonyms)."""
    found: dict[int, list[Swap]] = {}
    for swap in _phrases(doc, protected):
        found.setdefault(swap.at, []).append(swap)
    for token in doc:
        if token.i in found or not _swappable(token, protected):
            continue
        swaps = list(_synonyms(token, vectors))
        if swaps:
            found[token.i] = swaps[:PER_WORD]
    return found


def _phrases(doc: Doc, protected: frozenset[int]) -> Iterable[Swap]:
    lowered = [t.lower_ for t in doc]
    for start in range(len(doc)):
        for size in (4, 3, 2, 1):
            key = tuple(lowered[start: start + size])
            if key[:1] in (("face",), ("suite",)) and start and doc[start - 1].lemma_ == "faire":
                break  # "fait face à" is no "fait devant", "faisait suite à" no "faisait après"
            if key in _CLAUSE_OPENERS and start and doc[start - 1].text not in ".!?,;:":
                break  # "69.000 le 26 janvier puis 58.600" is no "… ensuite 58.600", "est ensuite parti" no "puis"
            if len(key) == size and key in PHRASES and not protected & set(range(start, start + size)):
                after = doc[start + size] if start + size < len(doc) else None
                for new in PHRASES[key]:
                    if not _fits(key, new, after):
                        continue
                    if start == 0 or doc[start - 1].text in ".!?":
                        new = new[:1].upper() + new[1:]
                    forms = ((start, new), *((i, "") for i in range(start + 1, start + size)))
                    yield Swap(start, forms, " ".join(key), new.lower(), "phrase")
                break


def _fits(key: tuple[str, ...], new: str, after: Token | None) -> bool:
    """Whether a set phrase's replacement fits the word after it: a "de" that the phrase ends on also stands
    for an article ("au sein de groupes armés" is no "dans groupes armés", "un certain nombre de ces élus" no
    "plusieurs ces élus"), and a "de" the replacement ends on takes none ("malgré des appels" is no "en dépit
    de des appels")."""
    last = new.split()[-1]
    if after is None or (key[-1] in _DE) == (last in _DE):
        return True
    if last in _DE:
        return after.lower_ not in (*_DE, "des", "du")
    if last in _DETERMINERS:
        return after.pos_ != "DET"
    return after.lower_ not in _DE and after.pos_ in ("DET", "PROPN", "PRON", "VERB", "AUX")


def _swappable(token: Token, protected: frozenset[int]) -> bool:
    if token.i in protected or token.pos_ not in ("NOUN", "VERB", "ADJ", "ADV") or token.ent_type_:
        return False
    lemma, text = sx.lemma(token), token.text
    if lemma in _NEVER or len(lemma) < 4 or any(c.isdigit() for c in text) or "-" in text:
        return False
    if text[:1].isupper() and token.i > 0 or fold(lemma).startswith(_HEDGE_STEMS) or lemma in _NEGATIVE:
        return False
    if token.dep_ in ("fixed", "flat:name", "compound") or any(c.dep_ == "fixed" for c in token.children):
        return False
    if token.pos_ == "NOUN" and not any(c.dep_ == "det" for c in token.children) and (
            token.dep_ == "obj" or any(c.dep_ == "cop" for c in token.children)):
        return False  # "mettre fin", "prendre place", "avoir lieu": a set phrase; "sont partis": a participle
    return not (token.pos_ == "VERB" and any(c.dep_ in ("expl:comp", "expl:pass", "expl") for c in token.children))


@dataclass(frozen=True)
class Entry:
    """A reviewed thesaurus entry: the synonyms kept, and the set phrases in which none of them may be used."""

    synonyms: tuple[str, ...]
    blocked: tuple[str, ...]  # as _stems writes them


@cache
def reviewed() -> dict[tuple[str, str], Entry]:
    """(part of speech, lemma) -> the synonyms a French reader kept from the thesaurus' candidates, and the set
    phrases where they do not fit (synonyms.tsv: POS, lemma, synonyms, blocked phrases)."""
    table = {}
    for line in (Path(__file__).parent / "synonyms.tsv").read_text(encoding="utf-8").splitlines():
        pos, lemma, found, *blocked = line.split("\t")
        phrases = tuple(_stems(p) for p in blocked[0].split("; ")) if blocked else ()
        table[(pos, lemma)] = Entry(tuple(found.split(", ")), phrases)
    return table


@cache
def _pairs() -> frozenset[frozenset[str]]:
    pairs = {frozenset((lemma, s)) for (_, lemma), entry in reviewed().items() for s in entry.synonyms}
    pairs |= {frozenset((a, b)) for group in REPORTING_CLASSES for a in group for b in group if a != b}
    return frozenset(pairs)


def synonymous(a: str, b: str) -> bool:
    """Whether two lemmas are the same word or one of the swaps the paraphraser may make (for checks that do
    not know which swaps an article made: `check`)."""
    return a == b or fold(a) == fold(b) or frozenset((a, b)) in _pairs()


def substitutes(source: str) -> frozenset[str]:
    """Every word the swaps of this module may write in place of source's words (folded): the synonyms of
    its words' lemmas (an elided article cut off: "l'altercation"), and the words of the set phrases that
    replace its own (apostrophes and hyphens cut: "jusqu'ici" gives "jusqu" and "ici")."""
    parts = {part for w in set(words(source)) for part in re.split(r"['’]", w) if part}  # "l'altercation"
    lemmas = {m.lemma for part in parts for m in lexicon.analyse(part)}
    found = {b for pair in _pairs() if len(pair) == 2 and pair & lemmas for b in pair - lemmas}
    text = f" {' '.join(words(fold(source)))} "
    found |= {word for key, values in PHRASES.items() if " " + fold(" ".join(key)).replace("' ", "'") + " " in text
              for value in values for word in re.split(r"[\s'’-]+", value) if word}
    return frozenset(map(fold, found))


def swaps_only(text: Doc, source: Doc) -> bool:
    """Whether text is source with nothing changed but the swaps this module makes: synonyms and reporting
    verbs of the table, set phrases, the articles and prepositions that agree with them, first names dropped
    (house style) and the words that tie a sentence to the one before, dropped where it is read alone
    ("toutefois", "également", ", lui,"). Such a text keeps
    the source's parse by construction, so its claims are the source's (a parse of each would only differ
    by the parser's noise)."""
    a, b = [t.lower_ for t in text], [t.lower_ for t in source]
    for op, i, j, k, m in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        new, old = text[i:j], source[k:m]
        if op == "insert" and all(t.pos_ == "PROPN" for t in old):
            continue  # a first name dropped after the first mention ("Christophe Castaner", then "Castaner")
        if op == "insert" and _unlinking(old):
            continue  # a word that tied it to the sentence before, dropped where it is read alone (restate.unlinked)
        if op == "replace" and any(  # the phrase's first or last words may be the same in both ("lors de",
                " ".join(a[i - back:j + n]).replace("' ", "'") in PHRASES.get(tuple(b[k - back:m + n]), ())
                for back in range(min(i, k, 2) + 1) for n in range(3)):  # "au cours de"; "jusqu'à présent")
            continue
        function = all(t.pos_ in ("DET", "ADP") for t in (*new, *old))
        if op != "replace" or not (function or len(new) == len(old) and all(
                synonymous(x.lemma_.lower(), y.lemma_.lower()) or x.pos_ == y.pos_ and x.pos_ in ("DET", "ADP")
                for x, y in zip(new, old, strict=True))):
            return False
    return True


def _unlinking(dropped: Span) -> bool:
    """Whether the words a text lacks are what restate.unlinked drops: linking adverbs, or ", lui,"."""
    found = [t.lower_ for t in dropped if t.text != ","]
    return bool(found) and (all(w in (*BUT, *ALSO) for w in found) or (
        len(found) == 1 and found[0] in STRESSED and len(found) < len(dropped)))


def _synonyms(token: Token, vectors: bool) -> Iterable[Swap]:
    lemma = sx.lemma(token)
    pos = token.pos_
    if not lexicon.reading(token.text.lower(), lemma, pos):
        return  # spaCy's lemma and the dictionary disagree: the inflection could not be trusted
    if _nickname(token):
        return
    entry = reviewed().get((pos, lemma))
    if pos == "VERB" and _reports(token):
        entry = Entry(next((tuple(v for v in c if v != lemma) for c in REPORTING_CLASSES if lemma in c), ()), ())
        if any(c.dep_ == "ccomp" for c in token.children):  # "a ajouté que…" is no "a poursuivi que…"
            entry = Entry(() if lemma in _NOT_WITH_QUE else tuple(v for v in entry.synonyms if v not in _NOT_WITH_QUE),
                          ())
    sentence = _stems(token.doc.text)
    if entry is None or any(phrase in sentence for phrase in entry.blocked):
        return
    ranked = []
    for synonym in entry.synonyms:
        similarity = (_similarity(token, lemma, synonym) or 0.0) if vectors else 1.0
        forms = _inflected(token, synonym)
        if forms:
            ranked.append((similarity, Swap(token.i, forms, lemma, synonym, "synonym")))
    ranked.sort(key=lambda pair: -pair[0])
    yield from (swap for _, swap in ranked)


def _stems(text: str) -> str:
    """text folded, each word cut to 5 letters and an elided one cut from the next ("d'un": "d'", "un"): a set
    phrase is found in any of its inflections ("gardes à vue" holds "garde à vue")."""
    return " " + " ".join(w[:5] for w in re.findall(r"\w+'?", fold(text))) + " "


def _nickname(verb: Token) -> bool:
    """"dit" between a name and another ("Maxime Nicolle dit "Fly Rider""): known as, not says."""
    doc = verb.doc
    return verb.lower_ in ("dit", "dite", "dits", "dites") and 0 < verb.i < len(doc) - 1 and \
        doc[verb.i - 1].pos_ == "PROPN" and (doc[verb.i + 1].text in '"«“' or doc[verb.i + 1].pos_ == "PROPN")


def _reports(verb: Token) -> bool:
    """Whether a verb introduces what someone said: a "que" clause, or inverted after a quotation or a comma
    ("…», déplore-t-il", "…, estime le ministre")."""
    if any(c.dep_ == "ccomp" for c in verb.children):
        return True
    before = verb.doc[verb.i - 1] if verb.i else None
    auxiliary = before is not None and before.lemma_ == "avoir" and verb.doc[before.i - 1: before.i].text in (",",)
    return before is not None and (before.text in (",", "»", '"', "”") or auxiliary)


def _similarity(token: Token, a: str, b: str) -> float | None:
    vocab = token.vocab
    if not (vocab.has_vector(a) and vocab.has_vector(b)):
        return None
    return float(vocab[a].similarity(vocab[b]))


def _inflected(token: Token, synonym: str) -> tuple[tuple[int, str], ...] | None:
    """The synonym written as the token is (and the words that agree with it), or None if it cannot be."""
    form = _like(token, synonym)
    if form is None:
        return None
    if token.text[:1].isupper():
        form = form[:1].upper() + form[1:]
    forms = [(token.i, form)]
    if token.pos_ == "VERB":
        elided = _elided(token, form, "")
        if elided is None:
            return None
        forms += elided
    if token.pos_ == "NOUN":
        old, new = _noun_gender(token.lower_, sx.lemma(token)), _noun_gender(form.lower(), synonym)
        if old is None or new is None:
            return None
        epicene = old == "e"
        if epicene:  # "le leader", "la prof": the gender is the referent's, as its determiner shows
            shown = {"m" if c.lower_ in _MASC_TO_FEM else "f" for c in token.children
                     if c.dep_ == "det" and (c.lower_ in _MASC_TO_FEM or c.lower_ in _FEM_TO_MASC)}
            old = shown.pop() if len(shown) == 1 else "e"
        if new not in (old, "e"):
            if epicene:
                return None  # "la prof" is a woman: "le professeur" would change who she is
            agreeing = _agreement(token, new, form)
            if agreeing is None:
                return None
            forms += agreeing
        else:
            elided = _elided(token, form, old)
            if elided is None:
                return None
            forms += elided
    return tuple(forms)


def _elided(token: Token, form: str, gender: str) -> list[tuple[int, str]] | None:
    """The word right before a swapped verb, or a swapped noun of the same gender, made to fit the new
    word's first letter: "ne déclare" -> "n'affirme", "au moment" -> "à l'instant", "l'accord" -> "le
    pacte", "ce moment" -> "cet instant"; None where the gender it needs is not known ("l'indique" ->
    "le/la précise", "l'" of an epicene noun)."""
    before = token.doc[token.i - 1] if token.i else None
    verb = token.pos_ == "VERB"
    if before is None or not verb and (before.head != token or before.dep_ not in ("det", "case")):
        return []
    vowel = form[:1].lower() in _VOWELS
    word = before.lower_
    if verb:
        new = _CLITIC.get((word, vowel), word)
    elif word == "l'" and not vowel:
        new = {"m": "le", "f": "la"}.get(gender)
    elif word in ("son", "mon", "ton") and not vowel and gender == "f":
        new = {"son": "sa", "mon": "ma", "ton": "ta"}[word]
    else:
        new = _ELIDED.get((word, vowel), word)
    if new is None:
        return None
    if new == word:
        return []
    return [(before.i, new[:1].upper() + new[1:] if before.text[:1].isupper() else new)]


def _like(token: Token, synonym: str) -> str | None:
    """synonym inflected as token: same number (nouns), gender and number (adjectives), tense and person."""
    morph = token.morph
    number = "p" if morph.get("Number") == ["Plur"] else "s"
    if token.pos_ == "ADV":
        return synonym if " " not in synonym else None
    if token.pos_ == "NOUN":
        gender = _noun_gender_of_lemma(synonym)
        return lexicon.inflect(synonym, "NOUN", gender or "", number) if gender else None
    if token.pos_ == "ADJ":
        reading = lexicon.reading(token.lower_, sx.lemma(token), "ADJ")
        gender = reading.gender if reading and reading.gender in ("m", "f") else (
            {"Masc": "m", "Fem": "f"}.get(next(iter(morph.get("Gender")), ""), ""))
        return lexicon.inflect(synonym, "ADJ", gender, number)
    return _conjugated(token, synonym, number)


def _conjugated(token: Token, synonym: str, number: str) -> str | None:
    old_frame, new_frame = lexicon.verb_frame(sx.lemma(token)), lexicon.verb_frame(synonym)
    if not old_frame or not new_frame or len(new_frame) < 9:
        return None
    has_object = any(c.dep_ == "obj" for c in token.children)
    if has_object and new_frame[3] != "t" or not _same_auxiliary(token, old_frame, new_frame):
        return None  # another construction or another auxiliary
    form = token.morph.get("VerbForm")
    if form == ["Inf"]:
        return synonym
    if form == ["Part"] and token.morph.get("Tense") == ["Pres"]:
        return lexicon.conjugate(synonym, ":P", ":P")
    if form == ["Part"]:
        if not any(m.participle for m in lexicon.analyse(token.lower_)):
            return None  # "déplore" tagged a participle: its form would be wrong ("regretté lundi la presse")
        gender = {"Masc": "m", "Fem": "f"}.get(next(iter(token.morph.get("Gender")), ""), "m")
        return lexicon.conjugate(synonym, ":Q", f":{gender}:{number}")
    morph = token.morph
    person = f":{next(iter(morph.get('Person')), '3')}{number}"
    reading = lexicon.finite(token.lower_, sx.lemma(token), next(iter(morph.get("Mood")), ""),
                             next(iter(morph.get("Tense")), ""), person)
    return lexicon.conjugate(synonym, *reading) if reading else None


def _same_auxiliary(verb: Token, old_frame: str, new_frame: str) -> bool:
    """Whether the synonym takes the auxiliary the verb is written with ("a précisé" -> "a indiqué"); frames
    say "z" where the dictionary does not know (Grammalecte's "préciser": 1_it_q_zz). A simple tense has no
    auxiliary to keep, but then both verbs must take the same ones (a later tense could need one)."""
    tense_aux = [c.lemma_ for c in verb.children if c.dep_ == "aux"]
    if not tense_aux:
        return new_frame[7:9] == old_frame[7:9] or "z" in old_frame[7:9] + new_frame[7:9]
    at, mark = (8, "a") if tense_aux[0] == "avoir" else (7, "e")
    return new_frame[at] in (mark, "z")


def _noun_gender(form: str, lemma: str) -> str | None:
    genders = {m.gender for m in lexicon.analyse(form) if m.lemma == lemma and "NOUN" in m.classes}
    return genders.pop() if len(genders) == 1 and genders <= {"m", "f"} else (
        "e" if genders == {"e"} else None)


def _noun_gender_of_lemma(lemma: str) -> str | None:
    return _noun_gender(lemma, lemma)


def _agreement(noun: Token, gender: str, form: str) -> list[tuple[int, str]] | None:
    """The forms of the words that agree with a noun whose gender changes: its determiners and adjectives,
    and a participle or adjective it is the subject of; None when one cannot be made to agree (or when a
    subject changes gender: a pronoun further on may still refer to it)."""
    if noun.dep_.startswith("nsubj") or gender == "e":
        return None
    number = "p" if noun.morph.get("Number") == ["Plur"] else "s"
    forms = []
    vowel = form[:1].lower() in _VOWELS
    for child in noun.children:
        if child.dep_ == "det":
            det = _determiner(child.lower_, gender, vowel)
            if det is None:
                return None
            forms.append((child.i, det))
        elif child.dep_ == "amod" and child.pos_ in ("ADJ", "VERB") and child.i > noun.i - 3:
            lemma = child.lemma_.lower()
            new = (lexicon.inflect(lemma, "ADJ", gender, number) if child.pos_ == "ADJ"
                   else lexicon.conjugate(lemma, ":Q", f":{gender}:{number}"))
            if new is None:
                return None
            forms.append((child.i, new))
        elif child.dep_ in ("acl", "acl:relcl", "nmod") and child.pos_ in ("ADJ", "VERB") and child.morph.get("Gender"):
            return None  # a participle further on agrees with it: not handled
    case = next((c for c in noun.children if c.dep_ == "case" and c.lower_ in ("du", "au")), None)
    if case is not None:
        det = _determiner(case.lower_, gender, vowel)
        if det is None:
            return None
        forms.append((case.i, det))
    return forms


def _determiner(word: str, gender: str, vowel: bool) -> str | None:
    """A determiner for a noun of the other gender ("la" -> "le", "l'" kept before a vowel)."""
    if word in ("l'", "les", "des", "aux", "leur", "leurs", "ses", "ces", "mes", "tes", "plusieurs", "quelques",
                "d'", "de", "chaque"):
        return word if word != "l'" or vowel else ("le" if gender == "m" else "la")
    table = _MASC_TO_FEM if gender == "f" else _FEM_TO_MASC
    if word in table:
        new = table[word]
        if gender == "m" and new == "ce" and vowel:
            return "cet"
        if gender == "f" and new in ("sa", "ma", "ta") and vowel:
            return word  # "son offensive"
        if gender == "m" and word in ("sa", "ma", "ta", "la") and vowel:
            return {"sa": "son", "ma": "mon", "ta": "ton", "la": "l'"}[word]
        return new
    if word in _MASC_TO_FEM.values() or word in _FEM_TO_MASC.values():
        return None
    return word
