"""Syntactic rewrites on spaCy's dependency parse: each rule returns plans (surface.Plan) that say the same
thing in another order or another shape, or none when the parse does not show it can.

- front: a closing complement moved to the front ("… samedi à Paris." -> "Samedi à Paris, …").
- back: a leading complement moved after the verb's group ("Dimanche, la police a…" -> "La police a… dimanche").
- relative: a sentence split at a relative clause in "qui" set off by a comma ("…une enquête, qui a été
  confiée à la brigade." -> "…une enquête. Cette enquête a été confiée à la brigade."); after a noun's
  complement only when the clause's agreement says which noun it is about.
- where: a closing relative clause in "où" after a place split off, "où" made "y" ("…à La Courneuve où un
  adolescent avait été tué." -> "…à La Courneuve. Un adolescent y avait été tué.").
- coordination: two verbs sharing a subject split in two sentences ("X a visité Y et a forcé Z" -> "X a
  visité Y. Il a forcé Z."; "…, mais n'a pas…" -> "… Mais il n'a pas…").
- apposition: a person's apposition made a sentence of its own ("…, a déclaré Lucia Ferrera, une infirmière
  de 33 ans." -> "…, a déclaré Lucia Ferrera. Lucia Ferrera est une infirmière de 33 ans."), after the
  name or before it ("une élue de l'opposition, Claire Dumas, a demandé…").
- aside: what stands between the subject that opens the sentence and its verb (a clause in "qui" or "dont", a
  description) made a sentence after the main one, the subject said again ("Le suspect, un vendeur de 36 ans,
  est…" -> "Le suspect est…. Le suspect est un vendeur de 36 ans.").
- clauses: two main clauses joined by "et", "mais", ";" or a comma, each with its own subject, made two
  sentences.
- colon: two whole clauses joined by a colon made two sentences ("…ont gagné leur pari : aucun incident n'est
  venu…" -> "…ont gagné leur pari. Aucun incident n'est venu…").
- linked: a closing clause in "tandis que", "alors que" or "même si" made a sentence that opens on an adverb
  ("…sur la promesse d'appliquer cette décision, même si cela n'a pas été une priorité." -> "…sur la promesse
  d'appliquer cette décision. Toutefois, cela n'a pas été une priorité.").
- participle: a closing present participle made a verb of its own ("…, recommandant aux riverains…" ->
  "… Elle recommandait aux riverains…", "…, a déclaré un syndicaliste, ajoutant que…" -> "… Il a ajouté
  que…").
- A closing attribution (", a déclaré X", ", selon X") is read apart from the clause the split rules cut,
  and credits both sentences: "…, a indiqué une porte-parole. Il a saisi la brigade, selon elle."
- conjuncts: two coordinated noun phrases in the other order ("de bois et de métal" -> "de métal et de bois").
- complements: two complements after a verb in the other order ("ont convergé vers 15h30 place de Jaude"
  -> "ont convergé place de Jaude vers 15h30").
- reduced: a restrictive relative clause made a participle ("les CRS qui ont tiré" -> "les CRS ayant tiré",
  "des poubelles qui ont été incendiées" -> "des poubelles incendiées").
- speaker_first: a sentence that opens on a quotation and then says who said it, turned round ('« … »,
  déplore X dans Y, en notant que…' -> 'X déplore dans Y : « … », en notant que…').
- said_that: a closing attribution made the main clause ("Le parquet a ouvert une enquête, a indiqué une
  porte-parole." -> "Une porte-parole a indiqué que le parquet a ouvert une enquête.").
- title: a person's title before their name made an apposition after it ("au ministre de l'Intérieur Christophe
  Castaner" -> "à Christophe Castaner, ministre de l'Intérieur,").
- voice: active <-> passive with the participle made to agree ("La police a interpellé trois manifestants"
  <-> "Trois manifestants ont été interpellés par la police").

Rules refuse what they cannot do safely: a subject whose gender is unknown gets no pronoun, a complement
that may belong to a clause other than the main one stays where it is, quotations are never entered.
Every plan is still checked afterwards (gate, meaning, grammar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from localrewrite import lexicon
from localrewrite import tokens as sx
from localrewrite.paraphrase.surface import Item, Plan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECT_PRONOUNS = {("m", "s"): "il", ("f", "s"): "elle", ("m", "p"): "ils", ("f", "p"): "elles"}
_MOVABLE = ("obl:mod", "obl", "advmod")  # complements of the verb that may change place
#: Words that open a complement of time, place or source, which reads as well before the clause as after it.
_SETTING = frozenset("""à a au aux dans en lors pendant depuis après avant vers dès selon d'après durant jusqu'
jusqu'à lundi mardi mercredi jeudi vendredi samedi dimanche hier mardi demain ce cette""".split())
_CLAUSAL = ("acl", "acl:relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "conj")
_ETRE = {":Ip": ("est", "sont"), ":Iq": ("était", "étaient"), ":If": ("sera", "seront"), ":K": ("serait", "seraient"),
         ":Is": ("fut", "furent")}
_AVOIR = {":Ip": ("a", "ont"), ":Iq": ("avait", "avaient"), ":If": ("aura", "auront"), ":K": ("aurait", "auraient")}
_NO_PASSIVE = frozenset("""avoir être faire effectuer mener tenir prendre donner mettre rendre porter passer
compter comporter coûter peser mesurer valoir atteindre représenter concerner regarder constituer""".split())


def plans(doc: Doc, quoted: frozenset[int]) -> list[Plan]:
    """Every plan the rules find for the sentence (none for a sentence they cannot handle)."""
    rules: tuple[Callable[[Doc, frozenset[int]], Iterator[Plan]], ...] = (
        front, back, relative, where, coordination, clauses, colon, linked, participle, apposition, passive, active,
        conjuncts, reduced, complements, speaker_first, said_that, title)
    # read from the words: the parse may have made the subject (or a copula's noun) its root
    found = [*aside(doc, quoted), *closing_setting(doc, quoted)]
    # The other rules need a verb at a root: without one, a fragment (a sentence the parse cut in two has one)
    if any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in doc):
        found += [plan for rule in rules for plan in rule(doc, quoted)]
    return list({plan.sentences: plan for plan in found}.values())


# -- helpers -------------------------------------------------------------------------------------------


def _root(doc: Doc) -> Token | None:
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return roots[0] if len(roots) == 1 and roots[0].pos_ in ("VERB", "AUX") else None


def _span(token: Token) -> range:
    return range(token.left_edge.i, token.right_edge.i + 1)


def _end(doc: Doc) -> int:
    """Index just past the last word (the final stop excluded)."""
    end = len(doc)
    while end and doc[end - 1].is_punct and doc[end - 1].text in ".!?…":
        end -= 1
    return end


def _free(span: Sequence[int] | range, quoted: frozenset[int], doc: Doc) -> bool:
    """No quotation, parenthesis or dash inside the span."""
    return not any(i in quoted or doc[i].text in "()«»\"“”—–" for i in span)


def features(token: Token) -> tuple[str, str] | None:
    """(gender, number) of a noun phrase's head, as "m"/"f" and "s"/"p": coordinated heads make a plural
    (feminine only if all are), where a conjunction joins them (the parse also makes the predicate of "Le
    suspect, un vendeur…, est l'homme…" a conjunct); the dictionary settles the gender of a common noun; None
    when unknown."""
    conjuncts = [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    joined = any(g.dep_ == "cc" for c in conjuncts for g in c.children)
    heads = [token, *(conjuncts if joined else ())]
    genders = [_gender(t) for t in heads]
    if any(g is None for g in genders):
        return None
    if len(heads) > 1:
        return ("f" if all(g == "f" for g in genders) else "m"), "p"
    number = token.morph.get("Number")
    return genders[0], ("p" if number == ["Plur"] else "s")


def _gender(token: Token) -> str | None:
    if token.pos_ == "NOUN":
        genders = {m.gender for m in lexicon.analyse(token.text.lower()) if "NOUN" in m.classes} - {""}
        if genders == {"e"}:  # an epicene noun ("la maire", "un ministre"): its determiner says the gender, or an
            det = next((c for c in token.children if c.dep_ == "det" and c.i < token.i), None)  # adjective
            said = {"Fem": "f", "Masc": "m"}.get(next(iter(det.morph.get("Gender")), "")) if det is not None else None
            if said is None or det.lower_ in ("les", "des", "ces", "leur", "leurs", "l'"):
                shown = {m.gender for c in token.children if c.dep_ == "amod" and c.i > token.i
                         for m in lexicon.analyse(c.text.lower()) if "ADJ" in m.classes} - {""}
                return shown.pop() if len(shown) == 1 and shown != {"e"} else None  # "des responsables iraniens"
            return said
        genders -= {"e"}
        if len(genders) == 1:
            return genders.pop()
    if token.pos_ not in ("NOUN", "PRON"):
        return None  # a name: its gender is not in the parse
    gender = token.morph.get("Gender")
    return {"Masc": "m", "Fem": "f"}.get(gender[0]) if gender else None


def subject_pronoun(subject: Token) -> str | None:
    """"il", "elle", "ils" or "elles" for a subject (a personal pronoun stands for itself)."""
    if subject.pos_ == "PRON":
        return subject.text.lower() if subject.text.lower() in ("il", "elle", "ils", "elles", "on") else None
    found = features(subject)
    return _SUBJECT_PRONOUNS[found] if found else None


def tense_of(verb: Token) -> tuple[str, str] | None:
    """(Grammalecte tense, person) of a finite verb or auxiliary, from the dictionary (spaCy calls some
    imperfects present)."""
    morph = verb.morph
    number = "p" if morph.get("Number") == ["Plur"] else "s"
    return lexicon.finite(verb.lower_, verb.lemma_.lower(), next(iter(morph.get("Mood")), ""),
                          next(iter(morph.get("Tense")), ""), f":{next(iter(morph.get('Person')), '3')}{number}")


_CALENDAR = frozenset("""lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin
juillet août septembre octobre novembre décembre matin soir hier veille lendemain""".split())


def _dated(doc: Doc, span: range) -> bool:
    return any(doc[i].lower_ in _CALENDAR or doc[i].like_num and doc[i].dep_ != "nummod" for i in span)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)


def _without(doc: Doc, end: int, drop: set[int]) -> list[Item]:
    return [i for i in range(end) if i not in drop]


def _first(doc: Doc, items: Sequence[Item]) -> frozenset[int]:
    """The first word of items, which loses its capital when it no longer opens the sentence."""
    first = next((i for i in items if isinstance(i, int) and not doc[i].is_punct), None)
    return frozenset() if first is None else frozenset({first})


#: Verbs that report what someone said: ", a déclaré X" closing a sentence attributes all of it to X.
_SAYING = frozenset("""déclarer indiquer rapporter affirmer ajouter préciser expliquer estimer souligner assurer
confier raconter poursuivre conclure annoncer dire écrire relever observer noter rappeler témoigner dénoncer
lancer constater avancer juger insister répondre commenter détailler raconter résumer reconnaître""".split())
#: What one believes or knows: "X en est convaincu : Q" credits Q to X, as a verb of saying would.
_BELIEF = frozenset("""convaincre persuader croire penser savoir craindre redouter considérer douter certain sûr
convaincu persuadé""".split())
#: Verbs that introduce a quotation after it ("…", déplore X): those of saying and of judging or wishing.
_QUOTING = _SAYING | frozenset("""déplorer recommander espérer demander regretter prévenir interroger inquiéter
ironiser remarquer marteler trancher avertir plaider conseiller souhaiter réclamer accuser promettre exclamer
admettre reprendre enchaîner analyser s'interroger s'inquiéter""".split())
#: Verbs of saying that take "que" and the indicative ("a indiqué que…"; not "déplorer que", subjunctive).
_THAT = frozenset("""déclarer indiquer affirmer ajouter préciser expliquer estimer souligner assurer annoncer dire
écrire relever observer noter rappeler constater juger reconnaître confier raconter avancer prévenir conclure
répondre témoigner espérer penser considérer""".split())
#: Words of the first and second person: a clause with one cannot become indirect speech without changing them.
_OF = frozenset({"de", "d'", "du", "des"})  # what opens a noun's complement
_SPEAKERS_OWN = frozenset("je j' me m' moi mon ma mes nous notre nos tu te t' toi ton ta tes vous votre vos".split())
_STRESSED = {("m", "s"): "lui", ("f", "s"): "elle", ("m", "p"): "eux", ("f", "p"): "elles"}
_STRESSED_OF = {"il": "lui", "elle": "elle", "ils": "eux", "elles": "elles"}


@dataclass(frozen=True)
class Said:
    """A closing attribution (", a déclaré un porte-parole", ", selon la préfecture"): the comma that opens
    it, the main clause's verb, and how a second sentence cut from the clause credits the same source
    ("selon lui", "selon Reuters")."""

    start: int
    root: Token
    credit: tuple[Item, ...]
    speaker: Token | None = None


def attribution(doc: Doc, quoted: frozenset[int]) -> Said | None:
    """The attribution that closes the sentence, if the parse shows one after a comma, outside quotations:
    a verb of saying with its speaker after it, or "selon X"."""
    end = _end(doc)
    commas = [t.i for t in doc[2:end] if t.text == "," and t.i not in quoted]
    for comma in reversed(commas):
        tail = doc[comma + 1: end]
        if not tail or any(t.i in quoted or t.text in "()«»\"“”—–,;:" for t in tail):
            continue
        first = tail[0]
        if sx.names_source(first) and not any(t.pos_ in ("VERB", "AUX") for t in tail) and len(tail) >= 2:
            root = _root_before(doc, comma)
            if root is not None:  # "selon X" or "d'après X": X
                return Said(comma, root, _source_again(doc, range(comma + (2 if first.lower_ == "selon" else 3), end)))
            return None
        verb = first if first.pos_ == "VERB" else tail[1] if len(tail) > 1 and first.pos_ == "AUX" else None
        if verb is None or verb.pos_ != "VERB" or verb.lemma_ not in _SAYING:
            continue
        speaker = _speaker(verb)
        root = _root_before(doc, comma)
        if speaker is None or root is None:
            return None
        credit = _credit(doc, speaker, end)
        return Said(comma, root, credit, speaker) if credit else None
    return None


def _source_again(doc: Doc, span: range) -> tuple[Item, ...]:
    """"selon X" to credit a second sentence: X as the source wrote it, but an indefinite one with a
    demonstrative ("selon une source policière" -> "selon cette source"), which a reader would otherwise take
    for a second source."""
    noun = next((doc[i] for i in span if doc[i].pos_ == "NOUN"), None)
    if noun is not None and not noun.ent_type_ and any(
            c.dep_ == "det" and c.lower_ in ("un", "une", "des") and c.i == span.start for c in noun.children):
        found = features(noun)
        this = _this(noun, found) if found else ()
        if this:
            return "selon", *this
    return "selon", *span


def _root_before(doc: Doc, comma: int) -> Token | None:
    """The verb of the clause before a closing attribution: the sentence's root, or the clause the parse
    hung on the verb of saying (or on the subject: "Le suspect, un vendeur…, est l'homme…, selon X", the
    copula's noun taken for the subject's conjunct)."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return None
    root = roots[0]
    if root.i < comma and root.pos_ in ("VERB", "AUX"):
        return root
    inner = [c for c in root.children if c.i < comma and (c.pos_ in ("VERB", "AUX") or any(
        g.dep_ == "cop" for g in c.children)) and c.dep_ in ("ccomp", "parataxis", "obj", "advcl", "conj")]
    return inner[0] if len(inner) == 1 else None


def _credit(doc: Doc, speaker: Token, end: int) -> tuple[Item, ...]:
    """"selon lui", "selon elles" for a pronoun or a common noun whose gender is known; "selon" and the name
    for a name (its apposition after a comma left out)."""
    if speaker.pos_ == "PRON" and speaker.text.lower().lstrip("-t").lstrip("-") in _STRESSED_OF:
        return "selon", _STRESSED_OF[speaker.text.lower().lstrip("-t").lstrip("-")]
    entity = next((e for e in doc.ents if e.start <= speaker.i < e.end), None)
    if speaker.pos_ == "NOUN" and entity is None:
        found = features(speaker)
        return ("selon", _STRESSED[found]) if found else ()
    if entity is not None:  # a name ("Le Courrier du Nord"), its determiner with it, not a date the NER took in
        start = entity.start - (entity.start > 0 and doc[entity.start - 1].pos_ == "DET")
        stop = entity.end
        while stop > entity.start + 1 and (doc[stop - 1].lower_ in _CALENDAR or doc[stop - 1].like_num):
            stop -= 1
        return "selon", *range(start, stop)
    span = _span(speaker)
    words = []
    for i in range(span.start, min(span.stop, end)):
        if doc[i].text == ",":
            break
        words.append(i)
    return ("selon", *words) if words else ()


def _clause(doc: Doc, quoted: frozenset[int]) -> tuple[Token | None, int, Said | None]:
    """The main clause's verb and end: a closing attribution left out (the split rules cut the clause and
    give both sentences the attribution)."""
    said = attribution(doc, quoted)
    if said is not None:
        return said.root, said.start, said
    return _root(doc), _end(doc), None


def _speaker_span(speaker: Token) -> range:
    """The words that name a speaker: the name the recogniser found, else the noun's phrase, with the number
    that counts it ("cinq des sources", where the parse makes "sources" the speaker)."""
    doc = speaker.doc
    entity = next((e for e in doc.ents if e.start <= speaker.i < e.end), None)
    span = range(entity.start, entity.end) if entity is not None else _span(speaker)
    head = speaker.head
    if speaker.dep_ == "nmod" and head.i < speaker.i and sx.counting(head):
        return range(head.i, span.stop)
    return span


def _said_again(doc: Doc, subject: Token) -> tuple[int, ...]:
    """The subject's words, to say it again: a short noun phrase or name with no comma, verb or quotation."""
    span = _span(subject)
    if subject.pos_ not in ("NOUN", "PROPN") or len(span) > 8 or any(
            doc[i].text in ",;:()«»\"“”" or doc[i].pos_ in ("VERB", "AUX", "PRON") for i in span):
        return ()
    return tuple(span)


def _refers(noun: Token | None, pronoun: str, said: Said | None) -> tuple[tuple[str, str], ...]:
    """What the new pronouns of a split stand for (the meaning check reads them as their nouns): the subject
    said again as "il", the speaker credited again as "selon lui"."""
    pairs = []
    if noun is not None and pronoun and noun.pos_ != "PRON":
        pairs += [(noun.lemma_, pronoun), (noun.text, pronoun)]
    if said is not None and said.speaker is not None and said.speaker.pos_ != "PRON" and len(said.credit) == 2 \
            and isinstance(said.credit[1], str):
        pairs += [(said.speaker.lemma_, said.credit[1]), (said.speaker.text, said.credit[1])]
    return tuple(pairs)


def _credited(doc: Doc, first: Sequence[Item], second: Sequence[Item], said: Said | None
              ) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """The two sentences of a split, the first closing on the source's attribution, the second crediting
    the same source ("…, a déclaré X. Il a ajouté…, selon lui."): what one said, both still say."""
    if said is None:
        return tuple(first), tuple(second)
    return (*first, *range(said.start, _end(doc))), (*second, ",", *said.credit)


def _cuttable(doc: Doc, cut: int, quoted: frozenset[int]) -> bool:
    """Whether a sentence may be cut before token cut: no quotation, parenthesis or dash left open there."""
    if cut in quoted or cut - 1 in quoted and cut in quoted:
        return False
    before = [t.text for t in doc[:cut]]
    return before.count("(") == before.count(")") and (before.count("—") + before.count("–")) % 2 == 0


# -- moving a complement -------------------------------------------------------------------------------


def front(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A complement of the main verb that closes the sentence, moved to the front with a comma (one set off
    by a comma: `closing_setting`)."""
    root, end = _root(doc), _end(doc)
    subject = _subject(root) if root is not None else None
    if subject is None or subject.i > root.i or _span(subject).start != 0 or ":" in doc.text:
        return  # the sentence must open on its subject: a second complement in front reads badly
    for child in root.children:
        span = _span(child)
        if child.i < root.i or child.dep_ not in _MOVABLE or span.stop != end or not 2 <= len(span) <= 8:
            continue
        if not _free(span, quoted, doc) or any(doc[i].pos_ in ("VERB", "AUX") for i in span):
            continue
        if doc[span.start].lower_ not in _SETTING:
            continue
        rest = [i for i in range(span.start) if not (i == span.start - 1 and doc[i].text == ",")]
        yield Plan(((*span, ",", *rest),), ("front",), lowered=_first(doc, rest))


def closing_setting(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """"S V…, dans une vidéo tournée à Lyon." -> "Dans une vidéo tournée à Lyon, S V…", read from the words (the
    parse hangs such a phrase on any noun before it, and makes a copula's noun the root): a phrase of time, place
    or source after the sentence's last comma, opening on a word of _SETTING, with no verb but a participle
    that describes a noun in it (no gerund, no infinitive, no clause), moved before a clause that opens on its
    subject and has its finite verb. The words since the comma before must hold a finite verb: a comma that
    closes an apposition ("…du dirigeant, Abou Baqir al-Saadi, à Bagdad le 7 février") leaves the phrase to the
    noun. One sentence with one source: a wording already cut in two, or one that names a source ("selon X")
    elsewhere, is left as it is."""
    end = _end(doc)
    comma = next((i for i in range(end - 3, 2, -1) if doc[i].text == ","), None)
    if comma is None or ":" in doc.text or doc[comma + 1].lower_ not in _SETTING - {"ce", "cette", "a"}:
        return
    span, rest = range(comma + 1, end), list(range(comma))
    before = next((i for i in range(comma - 1, -1, -1) if doc[i].text == "," and i not in quoted), -1)
    finite = [i for i in rest if doc[i].pos_ in ("VERB", "AUX") and doc[i].morph.get("VerbForm") == ["Fin"]]
    if not any(i > before for i in finite) or any(
            doc[i].text in ".!?" or doc[i].lower_ in ("selon", "d'après") for i in rest):
        return
    if len(span) > 15 or not _free(span, quoted, doc) or not _cuttable(doc, comma, quoted) or any(
            doc[i].pos_ in ("VERB", "AUX") and not (doc[i].dep_ == "acl" and doc[i].morph.get("Tense") == ["Past"])
            or doc[i].lower_ in sx.SUBORDINATORS or doc[i].text in ",;" for i in span):
        return
    opener = doc[0]
    if opener.pos_ in ("ADP", "ADV", "SCONJ", "CCONJ") or opener.lower_ in _SETTING or opener.text in '«"“':
        return
    yield Plan(((*span, ",", *rest),), ("front",), lowered=_first(doc, rest))


def back(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A leading complement set off by a comma, moved to the end when the sentence closes on the main
    verb's own words (not inside a clause it could then seem to belong to); not one that points back to the
    sentence before ("A ce titre, …")."""
    root, end = _root(doc), _end(doc)
    if root is None or end < 2:
        return
    comma = next((t.i for t in doc[:root.i] if t.text == ","), None)
    if comma is None or comma == 0 or not _free(range(comma + 1), quoted, doc) or ":" in doc.text:
        return
    if sum(t.is_alpha for t in doc[comma:end] if t.i in quoted) > 3:
        return  # a short quoted phrase may stand before it ("les "macronistes""), not a quoted clause
    described = doc[comma + 1].pos_ in ("ADJ", "NOUN") and any(t.text == "," for t in doc[comma + 1: root.i])
    if not (doc[0].lower_ in _SETTING or doc[0].pos_ in ("ADP", "ADV") or _dated(doc, range(comma))) or described:
        return  # "À Dijon, autre place forte du mouvement, le cortège…": the description would lose its place
    if any(doc[i].lower_ in sx.DEMONSTRATIVES for i in range(comma)):
        return  # "A ce titre, il devait…", "Dans ce contexte, …": a link to the sentence before stays first
    heads = {doc[i].head.i for i in range(comma) if doc[i].head.i >= comma}
    if heads != {root.i} or not all(doc[i].dep_ in _MOVABLE or doc[i].head.i < comma for i in range(comma)):
        return
    last = doc[end - 1]
    while last.i != root.i:
        if last.dep_ in _CLAUSAL and (last.dep_ != "conj" or last.pos_ in ("VERB", "AUX")):
            return  # a clause, not a second noun ("entre LFI et les macronistes")
        last = last.head
    if any(t.lower_ in ("qui", "que", "qu'", "où", "dont") or t.pos_ in ("VERB", "AUX") and t.i > root.i
           for t in doc[max(root.i + 1, end - 8): end]):
        return  # "…où un adolescent avait été tué en juin 2005": the date would seem the killing's
    lead = list(range(comma))
    rest = list(range(comma + 1, end))
    if not rest or any(doc[i].text == "," and (i > root.i or i >= end - 3) for i in rest):
        return  # after an apposition ("…, professeure de droit… et la démocratie"), the complement would be its
    yield Plan(((*rest, *lead),), ("back",), lowered=_first(doc, lead))


# -- splitting a long sentence -------------------------------------------------------------------------


def relative(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A relative clause in "qui" after a comma becomes a sentence of its own, "qui" a pronoun that agrees
    with the noun before the comma: "il/elle…" when that noun is the subject, "celui-ci/celle-ci…" else.
    After a noun's complement ("le parcours de la manifestation, qui est arrivée"), the clause's own verb
    and participle say which noun it is about; when both could be, it is not split. One without a comma
    that closes the sentence is split only after a singular noun other than the subject, said again ("…ont
    retrouvé une randonneuse qui était portée disparue." -> "… Cette randonneuse était portée disparue."): a
    plural one may pick out some of a group ("les manifestants qui ont été interpellés")."""
    root, end, said = _clause(doc, quoted)
    for qui in doc:
        if qui.lower_ != "qui" or qui.dep_ not in ("nsubj", "nsubj:pass") or qui.i < 2 or qui.i in quoted:
            continue
        comma = doc[qui.i - 1].text == ","
        clause = qui.head
        span = range(min(_span(clause).start, qui.i), min(_span(clause).stop, end))
        if span.start != qui.i or not _cuttable(doc, qui.i - comma, quoted) or not comma and span.stop != end:
            continue
        if span.stop < end and doc[span.stop].text != ",":
            continue
        if not _cuttable(doc, span.stop, quoted) or any(doc[i].text in "()—–" for i in span):
            continue
        between = span.stop < end and root is not None and root.i > span.stop
        antecedent = _antecedent(doc, qui, clause, root if between else None)
        if antecedent is None:
            continue
        found = features(antecedent)
        is_subject = root is not None and antecedent.dep_.startswith("nsubj") and antecedent.head == root
        if not comma and (is_subject or found is None or found[1] != "s" or root is None or root.i > qui.i or any(
                t.lower_ in sx.SUBORDINATORS or t.text in '"«»“”' for t in doc[:qui.i])):
            continue  # in a subordinate clause or a quotation, the noun may not be the main clause's
        if found is None:  # a name, whose gender is not known: said again whole ("La France insoumise")
            again = _named_again(doc, antecedent, qui.i - 1) if is_subject and antecedent.pos_ == "PROPN" else ()
        else:
            again = (_SUBJECT_PRONOUNS[found],) if is_subject else _this(antecedent, found)
        if not again:
            continue
        body = [i for i in span if i != qui.i]
        if span.stop == end:  # the clause closes the sentence
            main = list(range(qui.i - comma))
        elif root is not None and root.i > span.stop:  # between subject and verb
            main = [*range(qui.i - 1), *range(span.stop + 1, end)]
        else:
            continue
        if len(main) < 4 or len(body) < 3:
            continue
        yield Plan(_credited(doc, main, (*again, *body), said), ("split",), frozenset({antecedent.i}),
                   refers=_refers(antecedent, again[0] if is_subject else "", said))


#: Nouns after which "où" is a place, which "y" can stand for ("la cité où…"; not "au moment où", "le jour où").
_PLACES = frozenset("""ville village commune quartier cité région pays département capitale place rue avenue boulevard
lieu endroit site zone secteur salle bâtiment immeuble maison appartement école université usine magasin restaurant
café bar hôtel église mosquée synagogue cimetière prison tribunal palais hôpital stade parc château aéroport gare
port base camp frontière campagne local locaux siège centre parking rond-point carrefour""".split())


def where(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A closing relative clause in "où" after a place made a sentence of its own, "où" made "y" before its
    verb: "…à La Courneuve (Seine-Saint-Denis) où un adolescent avait été tué." -> "…à La Courneuve
    (Seine-Saint-Denis). Un adolescent y avait été tué." Only when the clause opens on its own subject, its
    verb right after it, and the place belongs to the main clause (no "que", "qui", "si"… before it: a place
    in reported speech would lose its speaker). Read from the words, since the parser often hangs "où" on
    the wrong verb."""
    root, end, said = _clause(doc, quoted)
    for ou in doc[3:end]:
        if ou.lower_ != "où" or ou.i in quoted or doc[ou.i - 1].lower_ in ("d'", "par", "jusqu'"):
            continue
        before = ou.i - (doc[ou.i - 1].text == ",")
        place = doc[before - 1]
        if place.text == ")":  # "La Courneuve (Seine-Saint-Denis) où…"
            opening = next((t.i for t in reversed(doc[:before - 1]) if t.text == "("), None)
            place = doc[opening - 1] if opening else place
        if not (place.ent_type_ in ("LOC", "GPE", "FAC", "ORG") or place.pos_ == "NOUN" and place.lemma_ in _PLACES):
            continue
        if any(t.lower_ in sx.SUBORDINATORS for t in doc[:ou.i]) or not any(
                t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in doc[:ou.i]):
            continue
        verb = next((t for t in doc[ou.i + 1: end] if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"]),
                    None)
        subject = range(ou.i + 1, verb.i) if verb is not None else range(0)
        if not subject or doc[subject.start].pos_ not in ("DET", "PROPN", "NUM") or any(
                doc[i].text in ",;:" or doc[i].pos_ == "PRON" or doc[i].lower_ in ("ne", "n'") for i in subject):
            continue  # "où se trouvait X", "où il a", "où ne…": no subject of its own before the verb
        rest = range(verb.i, end)
        clause = range(ou.i, end)
        if len(rest) < 2 or not _cuttable(doc, ou.i, quoted) or any(doc[i].text in ",;:()—–" for i in rest) or any(
                doc[i].text in "()—–" for i in clause) or sum(doc[i].text in '"«»“”' for i in clause) % 2:
            continue
        first = range(before)
        if len(first) < 4:
            continue
        yield Plan(_credited(doc, first, (*subject, "y", *rest), said), ("split",),
                   lowered=_first(doc, list(subject)), refers=(("où", "y"), *_refers(None, "", said)))


def _named_again(doc: Doc, name: Token, comma: int) -> tuple[int, ...]:
    """A name that opens a subject, said again: its words up to the comma, at most six, with no verb,
    pronoun, quotation or other comma in them."""
    words = range(name.left_edge.i, comma)
    if not 0 < len(words) <= 6 or name.i not in words or any(
            doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX", "PRON") for i in words):
        return ()
    return tuple(words)


def _this(noun: Token, found: tuple[str, str]) -> tuple[Item, ...]:
    """The noun said again: after the definite article it had ("la préfecture", "les enquêteurs"), else after a
    demonstrative ("une enquête" -> "cette enquête", "des groupes" -> "ces groupes"); unlike "celle-ci", it
    cannot be read as another noun of the same gender. A name or a singular noun in "h" (aspirated or not:
    "ce héros", "cet homme", "la hausse", "l'histoire") gets none."""
    gender, number = found
    if noun.pos_ != "NOUN":
        return ()
    words = [noun.i, *_bare_complement(noun)]  # "ce père de famille", not "ce père"
    definite = any(c.dep_ == "det" and c.lemma_.lower() in ("le", "la", "les", "l'") for c in noun.children)
    if number == "p":
        return ("les" if definite else "ces"), *words
    first = noun.text[:1].lower()
    if first == "h":
        return ()
    if definite:
        return ("la" if gender == "f" else "le"), *words  # elided by surface before a vowel: "l'enquête"
    if gender == "f":
        return "cette", *words
    return ("cet" if first in "aeiouyéèêàâîôû" else "ce"), *words


def _bare_complement(noun: Token) -> list[int]:
    """A complement without a determiner right after a noun, part of what it names ("père de famille",
    "gilets de sécurité"): said again with it."""
    doc = noun.doc
    nmod = next((c for c in noun.children if c.dep_ == "nmod" and c.i == noun.i + 2), None)
    if nmod is None or doc[noun.i + 1].lower_ not in ("de", "d'") or nmod.pos_ != "NOUN" or any(
            c.dep_ == "det" for c in nmod.children) or nmod.right_edge.i != nmod.i:
        return []
    return [noun.i + 1, nmod.i]


def _antecedent(doc: Doc, qui: Token, clause: Token, root: Token | None = None) -> Token | None:
    """The noun a "qui" after a comma stands for: the noun before the comma, or the noun that one
    completes ("le chef de la force, qui…") when only one of the two agrees with the clause's verb and
    participle, and the two differ in gender or number (so the pronoun can only mean it). Between the main
    verb and its subject (root given: "Le porte-parole du ministère, qui a refusé…, a déclaré"), the clause
    is about that subject when it agrees with it."""
    near = doc[qui.i - 1 - (doc[qui.i - 1].text == ",")]
    while near.pos_ == "ADJ" and near.dep_ == "amod" and near.head.i < near.i or (
            near.dep_ in ("flat:name", "flat") and near.head.i < near.i):
        near = near.head  # "des groupes armés irakiens, qui…", "Marie Durand, qui…"
    if near.pos_ not in ("NOUN", "PROPN"):
        return None
    if not (near.dep_ == "nmod" and near.head.pos_ == "NOUN" and near.head.i < near.i):
        return near
    far = near.head
    if root is not None and far.head == root and far.dep_.startswith("nsubj") and _agrees(clause, features(far)):
        return far
    options = [t for t in (near, far) if features(t) is not None]
    if len(options) != 2 or features(near) == features(far):
        return None
    agreeing = [t for t in options if _agrees(clause, features(t))]
    return agreeing[0] if len(agreeing) == 1 else None


def _agrees(verb: Token, found: tuple[str, str] | None) -> bool:
    """Whether a clause's verb (its auxiliary when it has one) and its participle or attribute fit a
    subject of this gender and number; what the forms do not show fits either."""
    if found is None:
        return False
    gender, number = sx.shown_agreement(verb)
    wanted = ("Fem" if found[0] == "f" else "Masc", "Plur" if found[1] == "p" else "Sing")
    return gender in (None, wanted[0]) and number in (None, wanted[1])


def coordination(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """"S V1… et V2…" -> "S V1…. Pron V2…", V2 sharing S; or two clauses with their own subjects joined by
    ", et" or ";" made two sentences. Nothing after V2's clause may depend on the first verb. A closing
    attribution (", a déclaré X") credits both sentences."""
    root, end, said = _clause(doc, quoted)
    if root is None or any(c.dep_ == "mark" for c in root.children):
        return
    for verb in _conjuncts(root):
        if verb.pos_ not in ("VERB", "AUX") or verb.i < root.i:
            continue
        span = range(_span(verb).start, min(_span(verb).stop, end))
        cc = next((c for c in verb.children if c.dep_ == "cc" and c.i == span.start), None)
        start = span.start
        if cc is not None and cc.lower_ not in ("et", "mais"):
            continue
        but = cc is not None and cc.lower_ == "mais"  # "…, mais S V" -> "… Mais S V": the contrast stays
        if span.stop != end or start < 3 or not _cuttable(doc, start, quoted) or any(
                doc[i].i in quoted for i in (start - 1, start)):
            continue
        own = _subject(verb)
        if doc[start].is_punct or own is None and verb.lemma_ in _SAYING and _speaker(verb) is not None:
            continue  # ", ont constaté des journalistes": an attribution the parse took for a second verb
        first = [i for i in range(start) if not (i == start - 1 and doc[i].text in (",", ";"))]
        second = [i for i in span if cc is None or but or i != cc.i]
        if not second:
            continue
        if own is not None:
            if doc[start - 1].text not in (",", ";") and (cc is None or doc[cc.i + 1].pos_ != "DET") or (
                    own.left_edge.i != start + (cc is not None) or _subject(root) is None or _subject(root).i > root.i):
                continue  # the parse does not show two whole clauses, the second opening on its subject
            if any(verb in doc[i].ancestors for i in first) or any(
                    doc[i] != verb and verb not in doc[i].ancestors for i in second):
                continue
            if not any(verb_child.dep_.startswith("aux") or verb_child.dep_ == "cop" for verb_child in verb.children) \
                    and verb.morph.get("VerbForm") == ["Part"]:
                continue  # "…, et les chantiers protégés": the auxiliary is the first clause's
            yield Plan(_credited(doc, first, second, said), ("split",), refers=_refers(None, "", said))
            continue
        subject = _subject(root)
        if subject is None or subject.i > root.i or subject.i in quoted:
            continue
        pronoun = subject_pronoun(subject)
        named = _said_again(doc, subject) if said is not None else ()
        if named and not but and len(first) >= 4 and len(second) >= 3 and (
                any(c.dep_.startswith("aux") and c.i < verb.i for c in verb.children)
                or verb.morph.get("VerbForm") != ["Part"]):
            # after "…, a indiqué une porte-parole." a pronoun could be read as the speaker: the subject again
            yield Plan(_credited(doc, first, (*named, *second), said), ("split",), frozenset({subject.i}))
        if pronoun is None:
            continue
        shared: tuple[int, ...] = ()
        if not any(c.dep_.startswith("aux") and c.i < verb.i for c in verb.children) and \
                verb.morph.get("VerbForm") == ["Part"]:
            # "X a visité Y et rencontré Z": the first verb's auxiliaries, said again ("Il a rencontré Z")
            shared = tuple(c.i for c in root.children if c.dep_ in ("aux:tense", "aux:pass") and c.i < root.i)
            if not shared or but or root.morph.get("VerbForm") != ["Part"] or any(
                    doc[i].lower_ in ("ne", "n'", "pas", "plus", "jamais") for i in range(shared[0], root.i)):
                continue
        if len(first) < 4 or len(second) < 3 or not _agrees(verb, features(subject) if subject.pos_ != "PRON" else (
                "f" if pronoun.startswith("elle") else "m", "p" if pronoun.endswith("s") else "s")):
            continue  # "…, qui était jugé…, mais a toujours nié": the parse hung the verb on the wrong clause
        again = (cc.i, pronoun, *second[1:]) if but else (pronoun, *shared, *second)  # "… Mais il n'a pas annoncé…"
        yield Plan(_credited(doc, first, again, said), ("split",), frozenset({subject.i}),
                   refers=_refers(subject, pronoun, said))


def _conjuncts(root: Token) -> list[Token]:
    """The verbs coordinated with root: its conjuncts, and a finite verb the parse hung on an infinitive of
    root's clause, which it cannot be coordinated with ("tente d'empêcher le pays de devenir… et a demandé…":
    "a demandé" goes with "tente")."""
    found = [c for c in root.children if c.dep_ == "conj"]
    for verb in root.subtree:
        head = verb.head
        if verb.dep_ == "conj" and head.i != root.i and sx.is_finite(verb) and not sx.is_finite(head) and all(
                a.dep_ == "xcomp" for a in [head, *head.ancestors] if root.is_ancestor(a)):
            found.append(verb)  # only infinitives between it and root: "tente d'empêcher… de devenir… et a demandé"
    return sorted(found, key=lambda t: t.i)


def clauses(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """Two main clauses joined by "et", "mais", ";" or a comma, each with its own subject, made two sentences
    ("…ont été mises en place et le centre opérationnel a été activé…" -> "…ont été mises en place. Le centre
    opérationnel a été activé…"; "mais" opens the second: "… Mais …"). Where the words show them
    (`tokens.clause_join`), whatever the parse hangs the second subject on; the meaning check reads such a
    sentence as the same two."""
    join = sx.clause_join(doc)
    if join is None:
        return
    first = [i for i in range(join) if not (i == join - 1 and doc[i].text == ",")]
    second = range(join if doc[join].lower_ == "mais" else join + 1, _end(doc))
    yield Plan((tuple(first), tuple(second)), ("split",), lowered=frozenset() if doc[join].lower_ == "mais" else (
        _first(doc, list(second))))


def colon(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """"P : Q" -> "P. Q." where P and Q are whole clauses, Q opening on its own subject (or a complement of
    its own) before its verb. Not after a verb of saying ("X a déclaré : Q" reports Q), nor when Q is a
    quotation or a list without a verb. An attribution credits both halves: a closing one ("P : Q, a
    constaté X" -> "P, a constaté X. Q, selon lui."), or a "selon X" just before the colon ("P, selon les
    chiffres de Beauvau : Q" -> "…. Q, selon les chiffres de Beauvau.")."""
    root, end, said = _clause(doc, quoted)
    if root is None or _subject(root) is None:
        return
    marks = [t.i for t in doc[3:end] if t.text == ":" and t.i not in quoted]
    if len(marks) != 1 or root.i > marks[0] or root.lemma_ in _QUOTING | _BELIEF or any(
            c.lower_ in ("en", "le", "l'", "la") and c.pos_ == "PRON" for c in root.children):
        return  # Q is what P says or believes ("il en est convaincu : Q")
    cut = marks[0] + 1
    if end - cut < 4 or not _cuttable(doc, cut, quoted) or cut in quoted or 2 * sum(i in quoted for i in range(
            cut, end)) > end - cut or any(doc[i].text in "()—–" for i in range(cut, end)) or not _whole(doc, cut, end):
        return  # Q no quotation (a quoted term inside it stays whole), no parenthesis or dash
    credit = _selon_before(doc, marks[0], quoted)
    if said is not None and credit or any(sx.names_source(doc[i]) or doc[i].lemma_ in _SAYING
                                          for i in range(marks[0] - len(credit))):
        return  # two sources, or speech the colon opens
    yield Plan(_credited(doc, range(marks[0]), (*range(cut, end), *credit), said), ("split",))


def linked(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """"P tandis que Q." -> "P. Dans le même temps, Q."; "P, même si Q." -> "P. Toutefois, Q.": the closing
    clause `tokens.link_join` finds made a sentence of its own that opens on an adverb (the link's meaning
    kept: simultaneity, contrast or concession), "et que R" in it losing its "que". A closing attribution
    credits both sentences; one the rules cannot say again leaves the sentence as it is."""
    root, end, said = _clause(doc, quoted)
    if root is None or said is None and (sx.report_closing(doc, end) is not None or sx.source_closing(doc, end)
                                         is not None):
        return
    at = sx.link_join(doc, end, quoted)
    if at is None or root.i >= at:
        return
    before = range(at - (doc[at - 1].text == ","))
    second = sx.without_repeated_que(doc, range(at + 2, end))
    yield Plan(_credited(doc, before, (sx.LINKS[doc[at].lower_, doc[at + 1].lower_], *second), said), ("split",),
               refers=_refers(None, "", said))


def _whole(doc: Doc, cut: int, end: int) -> bool:
    """Whether the words from cut to end make a clause of their own: every one hangs on its one verb, or (the
    parse often hangs a date or a number on the verb before) its first finite verb has a subject of its own
    before it, with no subordinating word or other verb in between."""
    verbs = [t for t in doc[cut:end] if t.pos_ in ("VERB", "AUX") and t.head.i < cut]
    if len(verbs) == 1 and all(verbs[0] in doc[i].ancestors or i == verbs[0].i for i in range(cut, end)):
        verb = verbs[0]
    else:
        verb = next((t for t in doc[cut:end] if t.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.morph.get("VerbForm") != ["Fin"] or any(
                t.lower_ in sx.SUBORDINATORS for t in doc[cut:verb.i]):
            return False
        verb = verb.head if verb.dep_ in ("aux", "aux:tense", "aux:pass", "cop") else verb
    subject = _subject(verb)
    return subject is not None and cut <= subject.i < verb.i and not (
        subject.pos_ == "PRON" and subject.lower_ not in ("il", "elle", "ils", "elles", "on"))


def _selon_before(doc: Doc, colon: int, quoted: frozenset[int]) -> tuple[Item, ...]:
    """", selon X" (or "d'après X") closing the clause before a colon, to credit the clause after it too:
    "…, selon les chiffres de Beauvau : le 19 janvier, …" -> "…, selon les chiffres de Beauvau. Le 19 janvier, …,
    selon les chiffres de Beauvau."; () if there is none."""
    start = sx.source_closing(doc, colon)
    if start is None or not _free(range(start, colon), quoted, doc):
        return ()
    return (",", *range(start, colon))


def participle(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """"S V…, recommandant X." -> "S V…. Pron recommandait X.": a closing present participle conjugated in
    the tense and person of the verb it hangs on (its simple tense, or "a/ont" and the past participle after
    a passé composé). After an attribution (", a déclaré un responsable, soulignant que…") the participle is
    the speaker's: "Il a souligné que…". So is a closing gerund of saying (", a estimé X en dénonçant…" ->
    "… Il a dénoncé…"); other gerunds say how or why, which two sentences would lose. A person's name in the
    subject gives a second wording that says it again instead of the pronoun."""
    end = _end(doc)
    for verb in doc[4:end]:
        if verb.morph.get("VerbForm") != ["Part"] or verb.morph.get("Tense") != ["Pres"]:
            continue
        gerund = doc[verb.i - 1].lower_ == "en" and doc[verb.i - 1].head == verb and verb.lemma_ in _QUOTING
        opening = verb.i - gerund
        cut = opening - (doc[opening - 1].text == ",")
        span = _span(verb)
        if cut == opening and not gerund or span.start != opening or span.stop != end or len(span) < 3 + gerund:
            continue
        if any(doc[i].text in "()—–" for i in span) or not _cuttable(doc, cut, quoted):
            continue  # a quotation inside stays whole: the cut is outside it
        host = verb.head
        if host.pos_ not in ("VERB", "AUX"):
            host = _root(doc)  # the parse often hangs a closing participle on the noun before it
        if host is None or host.i > verb.i or host.pos_ not in ("VERB", "AUX"):
            continue
        said = next((t for t in reversed(doc[host.i: verb.i]) if t.pos_ == "VERB" and t.lemma_ in sx.REPORTING),
                    None) if gerund else None  # "P, a estimé X en dénonçant…": whatever verb the parse picks
        host = said or host
        saying = host.lemma_ in _SAYING or said is not None
        opens = min([host.i, *(c.i for c in host.children if c.dep_.startswith("aux"))])
        inverted = saying and doc[opens - 1].text in (",", "»", '"', "”")
        # ", a déclaré un porte-parole, soulignant…": the speaker (not the object of "X a annoncé la fermeture")
        subject = _speaker(host) if inverted else _subject(host)
        if subject is None or subject.i in quoted or (subject.i > host.i and not saying):
            continue
        pronoun = subject_pronoun(subject)
        group = _conjugated(verb, host, pronoun)
        if pronoun is None or not group:
            continue
        rest, aliases = (*group, *range(verb.i + 1, end)), ((group[-1], verb.text),)
        name = next((range(e.start, e.end) for e in doc.ents if e.label_ == "PER" and _span(subject).start <= e.start
                     and e.end <= _span(subject).stop and not set(range(e.start, e.end)) & quoted), None)
        if name is not None:  # "l'écrivain Bernard-Henri Lévy" said again by name: "il" could be another man
            yield Plan((tuple(range(cut)), (*name, *rest)), ("split",), frozenset({subject.i}), aliases=aliases)
        yield Plan((tuple(range(cut)), (pronoun, *rest)), ("split",), frozenset({subject.i}),
                   refers=_refers(subject, pronoun, None), aliases=aliases)


def _speaker(verb: Token) -> Token | None:
    """Who a verb of saying quotes, when it comes after it (", a déclaré un porte-parole"; the noun a number
    counts: ", ont indiqué cinq des sources")."""
    for c in verb.children:
        if c.i > verb.i and sx.counting(c):
            return next(n for n in c.children if n.dep_ == "nmod")
        if c.i > verb.i and c.dep_ in ("nsubj", "obj", "dep", "expl:subj") and c.pos_ in ("NOUN", "PROPN", "PRON") \
                and not any(g.dep_ == "case" for g in c.children):
            return c
    return None


def _conjugated(participle: Token, host: Token, pronoun: str | None) -> tuple[str, ...]:
    """The present participle's verb in the host verb's tense: one word in a simple tense, "a/ont" and the
    past participle in the passé composé (verbs conjugated with avoir only); () when not known."""
    if pronoun is None:
        return ()
    plural = pronoun in ("ils", "elles")
    person = ":3p" if plural else ":3s"
    auxiliaries = [c for c in host.children if c.dep_.startswith("aux")]
    if not auxiliaries and host.morph.get("VerbForm") == ["Fin"]:
        reading = tense_of(host)
        form = lexicon.conjugate(participle.lemma_, reading[0], person) if reading else None
        return (form,) if form else ()
    if [a.lemma_ for a in auxiliaries] != ["avoir"] or (tense_of(auxiliaries[0]) or ("", ""))[0] != ":Ip":
        return ()
    frame = lexicon.verb_frame(participle.lemma_)
    if len(frame) < 9 or frame[7] == "e" or frame[8] not in "az":
        return ()  # a verb conjugated with être ("partant" -> "est parti") or one the dictionary does not say
    form = lexicon.conjugate(participle.lemma_, ":Q", ":m:s")
    return (_AVOIR[":Ip"][plural], form) if form else ()


def apposition(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A person's apposition made a sentence of its own, the name said again (not a pronoun whose gender the
    name does not tell): after the name and closing the sentence ("…, a déclaré Lucia Ferrera, une infirmière
    de 33 ans." -> "Lucia Ferrera est une infirmière de 33 ans."; a bare title too: "…, Mohamad Fahroud,
    secrétaire général de l'association, basée à Mulhouse."), or before it ("Lors des funérailles, un haut
    responsable du mouvement, Abdul Aziz, a promis…"; "…, a déclaré à Reuters le conseiller aux affaires
    étrangères, Farhad Alaadin."). Read from the named entity and the commas, since the parser often takes
    such an apposition for the verb's object."""
    end = _end(doc)
    for entity in doc.ents:
        if entity.label_ != "PER" or not _free(range(entity.start, entity.end), quoted, doc):
            continue
        name = tuple(range(entity.start, entity.end))
        yield from _described_subject(doc, entity, quoted)
        if entity.start < 4:
            continue
        if entity.end + 1 < end and doc[entity.end].text == ",":
            span = range(entity.end + 1, end)
            if _describes(doc, span) and _free(span, quoted, doc):
                yield Plan((tuple(range(entity.end)), (*name, "est", *span)), ("split",))
            yield from _described_inside(doc, entity, quoted)
        described = _description_before(doc, entity.start, quoted)
        if described is None:
            continue
        after = [i for i in range(entity.end, end) if not (i == entity.end and doc[i].text == ",")]
        if entity.end < end and doc[entity.end].text != ",":
            continue
        main = [*range(described.start), *name, *after]
        if len(main) < 4:
            continue
        yield Plan((tuple(main), (*name, "est", *described)), ("split",), lowered=_first(doc, list(described)))


def _described_inside(doc: Doc, entity: Span, quoted: frozenset[int]) -> Iterator[Plan]:
    """"…adressées à X, philosophe et académicien, en marge de…" -> "…adressées à X en marge de…. X est philosophe
    et académicien.": a description between commas after a name that is not the subject of what follows (a
    verb after the second comma: `_described_subject`)."""
    end = _end(doc)
    close = next((i for i in range(entity.end + 1, end) if doc[i].text == ","), None)
    if close is None or close + 1 >= end or doc[close + 1].pos_ in ("VERB", "AUX") or doc[close + 1].text in "«\"“":
        return
    span = range(entity.end + 1, close)
    if not _describes(doc, span) or not _free(span, quoted, doc) or not _cuttable(doc, close, quoted):
        return
    name = tuple(range(entity.start, entity.end))
    yield Plan(((*range(entity.end), *range(close + 1, end)), (*name, "est", *span)), ("split",))


def _described_subject(doc: Doc, entity: Span, quoted: frozenset[int]) -> Iterator[Plan]:
    """"X, description, V…" -> "X V…. X est description." where X, a name, is the subject of V, the main
    verb right after the description's closing comma ("Luigi Di Maio, numéro deux du gouvernement italien, a
    semé la zizanie…"). A quotation inside the description stays whole ("l'une des figures des « gilets
    jaunes »")."""
    end = _end(doc)
    if entity.end >= end - 4 or doc[entity.end].text != "," or entity.start and doc[entity.start - 1].text != ",":
        return
    close = next((i for i in range(entity.end + 1, end) if doc[i].text == "," and i not in quoted), None)
    root = next((t for t in doc[close + 1: end] if t.pos_ == "VERB" or t.pos_ == "AUX" and t.dep_ == "ROOT"),
                None) if close is not None else None
    if root is None or root.dep_ != "ROOT" or _span(root).stop < end or not all(doc[i].pos_ in ("AUX", "ADV") or (
            doc[i].lower_ in ("ne", "n'", "s'", "se")) for i in range(close + 1, root.i)):
        return  # the main verb (its auxiliaries, a negation) follows the description, and the rest hangs on it
    subject = _subject(root)
    if subject is not None and not entity.start <= subject.i < close:
        return  # the parse often hangs the name elsewhere, but must not give the verb another subject
    span = range(entity.end + 1, close)
    if not _describes(doc, span, quotes=True) or not _cuttable(doc, close, quoted):
        return
    name = tuple(range(entity.start, entity.end))
    main = (*range(entity.end), *range(close + 1, end))
    yield Plan((main, (*name, "est", *span)), ("split",))


def _describes(doc: Doc, span: range, *, quotes: bool = False) -> bool:
    """Whether span is a description of a person: a noun phrase (with or without its determiner), no verb but
    a past participle after a comma ("…, basée à Mulhouse"), no pronoun, no parenthesis, no second determiner
    after "et" or "ou" (a list of people); a quoted term in it only if quotes ("l'une des figures des
    « gilets jaunes »")."""
    words = [doc[i] for i in span if not (quotes and doc[i].text in '«»"“”')]
    if len(words) < 3 or words[0].pos_ not in ("DET", "NOUN", "PRON") or words[0].text[:1].isupper():
        return False
    if words[0].pos_ == "PRON" and words[0].lower_ not in ("un", "une"):
        return False
    for k, t in enumerate(words):
        if t.text in ";:()" or t.pos_ == "AUX" or t.pos_ == "PRON" and not (k == 1 and t.lower_ in ("un", "une")):
            return False
        if t.pos_ == "VERB" and not (t.morph.get("VerbForm") == ["Part"] and t.morph.get("Tense") == ["Past"]
                                     and k and words[k - 1].text == ","):
            return False
        if t.text == "," and (k + 1 >= len(words) or words[k + 1].pos_ != "VERB"):
            return False
        if t.pos_ == "CCONJ" and k + 1 < len(words) and words[k + 1].pos_ == "DET":
            return False  # "Paul Martin, le maire et le préfet": three people, not one's two titles
    return True


def _description_before(doc: Doc, start: int, quoted: frozenset[int]) -> range | None:
    """The description of a person that comes just before their name and a comma ("un haut responsable du
    mouvement, Abdul Aziz"), opening on a determiner after a comma or after a verb of saying and its
    complement ("a déclaré à Reuters le conseiller…, Farhad Alaadin")."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    stop = start - 1
    at = stop - 1
    while at > 0 and doc[at].text not in ",;:" and doc[at].pos_ not in ("VERB", "AUX"):
        at -= 1
    first = next((i for i in range(at + 1, stop) if doc[i].pos_ == "DET"), None)
    if first is None:
        return None
    opener = doc[first - 1] if first else None
    comma = opener is None or opener.text == ","
    if not (comma or any(doc[i].lemma_ in _SAYING for i in range(max(0, first - 4), first))):
        return None
    span = range(first, stop)
    if any(doc[i].pos_ in ("PROPN",) for i in span[:1]) or not _describes(doc, span) or not _free(span, quoted, doc):
        return None
    if not comma and any(doc[i].pos_ == "VERB" for i in span):
        return None
    return span


def aside(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """An aside between the subject that opens the sentence and its verb made a sentence of its own, after the
    main clause: a relative clause in "qui" ("La France insoumise, qui a dit…, a annoncé…" -> "La France
    insoumise a annoncé…. La France insoumise a dit…"), in "dont" ("Qaani, dont le prédécesseur a été tué…,
    a déclaré…" -> "Qaani a déclaré…. Le prédécesseur de Qaani a été tué…"), a description ("Le suspect, un
    vendeur de 36 ans, est…" -> "Le suspect est…. Le suspect est un vendeur de 36 ans.") or a past participle
    that agrees with the subject ("X, mis en cause pour…, a dénoncé…" -> "… X a été mis en cause pour…"). Read
    from the commas and the words, since the parser often takes the aside's verb for the main one; the subject
    is said again (a name whole, a noun after its article or a demonstrative), never as a pronoun another noun
    of the aside could claim ("…la visite de Qaani. Il a déclaré")."""
    said = attribution(doc, quoted)
    end = said.start if said is not None else _end(doc)
    commas = [t.i for t in doc[1:end] if t.text == "," and t.i not in quoted]
    if len(commas) < 2:
        return
    first, close = commas[0], commas[1]
    subject = range(first)
    if not 1 <= len(subject) <= 10 or doc[0].pos_ not in ("DET", "PROPN") or any(
            doc[i].pos_ in ("VERB", "AUX", "PRON", "CCONJ", "ADP") and doc[i].lower_ not in ("de", "d'", "du", "des")
            or doc[i].is_punct and doc[i].text not in "-'" or doc[i].lower_ in _CALENDAR for i in subject):
        return  # a plain noun phrase or name, no verb, no second subject, no date ("Samedi, …")
    verb = _verb_after(doc, close, end)
    opened = sum(doc[i].text in '"«»“”' for i in range(first, close)) % 2  # a quotation the aside leaves open
    if verb is None or opened or not _cuttable(doc, close, quoted):
        return
    again, head = _subject_again(doc, subject)
    found = features(head) if head is not None else None
    if not again or head is None or not _agrees_in_number(verb, head, found):
        return
    opener = doc[first + 1]
    inner = range(first + 2, close)
    if opener.lower_ == "qui" and (said_of := _verb_after(doc, first + 1, close)) is not None:
        clause = said_of.head if said_of.dep_.startswith("aux") or said_of.dep_ == "cop" else said_of
        if found is not None and not _agrees(clause, found):
            return  # "Le chef de la police, qui a été critiquée, …": the clause is about another noun
        second: tuple[Item, ...] = (*again, *inner)
    elif opener.lower_ == "dont":
        second = _whose(doc, inner, again)
    elif (agrees := _participle(doc, range(first + 1, close), head, found)) is not None:
        if not agrees:
            return  # "Le maire, mise en cause…": the participle is not the subject's
        second = (*again, *(("ont", "été") if verb.morph.get("Number") == ["Plur"] else ("a", "été")),
                  *range(first + 1, close))
    elif _describes(doc, range(first + 1, close), quotes=True):
        second = (*again, "sont" if verb.morph.get("Number") == ["Plur"] else "est", *range(first + 1, close))
    else:
        return
    main = (*subject, *range(close + 1, end))
    if len(main) < 4 or len(second) < 4:
        return
    yield Plan(_credited(doc, main, second, said), ("split",), frozenset({head.i}), refers=_refers(None, "", said))


def _participle(doc: Doc, span: range, head: Token, found: tuple[str, str] | None) -> bool | None:
    """None unless span opens on a verb's past participle; else whether the phrase can be said of head as a
    passive in the passé composé ("mis en cause pour sa réaction" -> "Jean-Luc Mélenchon a été mis en cause pour
    sa réaction"): no finite verb or quotation in it, and the participle agrees with head, whose gender and
    number are found (the dictionary's forms: "mise" is feminine whatever the tagger says)."""
    lead = doc[span.start]
    forms = [m for m in lexicon.analyse(lead.lower_) if ":Q" in m.tags]
    if not forms or lead.pos_ not in ("VERB", "NOUN", "ADJ"):
        return None
    if lead.pos_ != "VERB" or lexicon.verb_frame(forms[0].lemma)[3:4] != "t" or any(
            doc[i].morph.get("VerbForm") == ["Fin"] or doc[i].text in '«»"“”()' for i in span):
        return False  # a verb without a direct object has no passive ("venus de toute la France")
    if found is None:
        return head.pos_ == "PROPN" and any(m.number in ("s", "i", "") for m in forms)
    return any(m.gender in (found[0], "e", "") and m.number in (found[1], "i", "") for m in forms)


def _verb_after(doc: Doc, comma: int, end: int) -> Token | None:
    """The finite verb that opens what follows a comma, after a negation or a reflexive pronoun at most."""
    for t in doc[comma + 1: min(comma + 4, end)]:
        if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"]:
            return t
        if t.lower_ not in ("ne", "n'", "se", "s'"):
            return None
    return None


def _subject_again(doc: Doc, subject: range) -> tuple[tuple[Item, ...], Token | None]:
    """The subject to say again and its head: a person's name that closes it ("le ministre Christophe
    Castaner" -> "Christophe Castaner"), a short name whole ("La France insoumise"), or the head noun after an
    article or a demonstrative ("Un porte-parole du ministère" -> "ce porte-parole")."""
    name = next((e for e in doc.ents if e.label_ == "PER" and e.end == subject.stop and e.start in subject), None)
    if name is not None:
        return tuple(range(name.start, name.end)), doc[name.start]
    head = next((doc[i] for i in subject if doc[i].pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return (), None
    if head.pos_ == "PROPN" or head.text[:1].isupper():
        return (tuple(subject), head) if len(subject) <= 6 else ((), None)
    found = features(head)
    return (_this(head, found) if found else ()), head


def _agrees_in_number(verb: Token, head: Token, found: tuple[str, str] | None) -> bool:
    """Whether the verb after the aside can be the subject's (head, of gender and number found): same number,
    where the words show it."""
    number = verb.morph.get("Number")
    if not number or found is None:
        return head.pos_ == "PROPN" and number != ["Plur"]
    return number == (["Plur"] if found[1] == "p" else ["Sing"])


def _whose(doc: Doc, inner: range, again: tuple[Item, ...]) -> tuple[Item, ...]:
    """A clause in "dont" about the subject, its own subject made the subject's: "dont le prédécesseur a été
    tué" -> "le prédécesseur de Qaani a été tué"; none when the clause does not open on a definite noun phrase
    and its verb."""
    verb = next((t for t in doc[inner.start: inner.stop] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or not inner or doc[inner.start].lower_ not in ("le", "la", "les", "l'"):
        return ()
    noun = range(inner.start, verb.i)
    if len(noun) < 2 or any(doc[i].pos_ not in ("DET", "NOUN", "ADJ", "ADP") and doc[i].text not in '"«»“”'
                            for i in noun) or verb.morph.get("VerbForm") != ["Fin"]:
        return ()
    return (*noun, "de", *again, *range(verb.i, inner.stop))


# -- voice ---------------------------------------------------------------------------------------------


def passive(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """Active -> passive: "La police a interpellé trois manifestants" -> "Trois manifestants ont été
    interpellés par la police"; simple tenses and the passé composé, a noun subject and a noun object."""
    root, end = _root(doc), _end(doc)
    if root is None or root.pos_ != "VERB" or not _free(range(end), quoted, doc):
        return
    subject, obj = _subject(root), next((c for c in root.children if c.dep_ == "obj"), None)
    if subject is None or obj is None or subject.dep_ != "nsubj" or not subject.i < root.i < obj.i:
        return
    if subject.pos_ not in ("NOUN", "PROPN") or obj.pos_ not in ("NOUN", "PROPN") or root.lemma_ in _NO_PASSIVE:
        return
    if len(_span(obj)) > 6 or any(c.dep_ == "det" and c.morph.get("Poss") == ["Yes"] for c in obj.children):
        return  # a long object makes a heavy subject; "ses 40 ans … par Emmanuel Macron" names him too late
    if any(c.dep_ in ("expl:comp", "expl:pass", "xcomp", "ccomp", "iobj") for c in root.children):
        return
    if "t" not in lexicon.verb_frame(root.lemma_)[3:4]:
        return
    found = features(obj)
    subject_span, object_span = _span(subject), _span(obj)
    if _dated(doc, object_span) or _dated(doc, subject_span):
        return  # "trois manifestants samedi": the parse hung the date on a noun; moving it would be wrong
    if found is None or subject_span.start != 0 or object_span.start != root.i + 1:
        return  # only "S (aux) V O …": anything between the verb and its object would need placing
    gender, number = found
    between = [i for i in range(subject_span.stop, root.i) if doc[i].dep_ not in ("aux", "aux:tense")]
    auxiliaries = [c for c in root.children if c.dep_.startswith("aux")]
    plural = number == "p"
    if not auxiliaries and root.morph.get("VerbForm") == ["Fin"]:
        tense = (tense_of(root) or ("", ""))[0]
        if tense not in _ETRE:
            return
        verb_group: list[Item] = [_ETRE[tense][plural], *between]
    elif [a.lemma_ for a in auxiliaries] == ["avoir"] and auxiliaries[0].morph.get("VerbForm") == ["Fin"]:
        tense = (tense_of(auxiliaries[0]) or ("", ""))[0]
        if tense not in _AVOIR:
            return
        verb_group = [_AVOIR[tense][plural], *between, "été"]
    else:
        return
    form = lexicon.conjugate(root.lemma_, ":Q", f":{gender}:{number}")
    if form is None:
        return
    rest = list(range(object_span.stop, end))
    items = [*object_span, *verb_group, form, "par", *subject_span, *rest]
    yield Plan((tuple(items),), ("voice",), frozenset({obj.i, subject.i}), _first(doc, list(subject_span)))


def active(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """Passive -> active: "Trois manifestants ont été interpellés par la police" -> "La police a interpellé
    trois manifestants"."""
    root, end = _root(doc), _end(doc)
    if root is None or root.pos_ != "VERB" or not _free(range(end), quoted, doc):
        return
    patient = next((c for c in root.children if c.dep_ == "nsubj:pass"), None)
    agent = next((c for c in root.children if c.dep_ == "obl:agent"), None)
    if patient is None or agent is None or not patient.i < root.i < agent.i or agent.pos_ not in ("NOUN", "PROPN"):
        return
    if patient.pos_ not in ("NOUN", "PROPN") or root.lemma_ in _NO_PASSIVE:
        return
    auxiliaries = [c for c in root.children if c.dep_.startswith("aux")]
    passive_aux = [a for a in auxiliaries if a.dep_ == "aux:pass"]
    tense_aux = [a for a in auxiliaries if a.dep_ == "aux:tense"]
    if len(passive_aux) != 1 or len(auxiliaries) > 2 or "a" not in lexicon.verb_frame(root.lemma_)[8:]:
        return
    agent_span, patient_span = _span(agent), _span(patient)
    if doc[agent_span.start].lower_ != "par" or patient_span.start != 0 or _dated(doc, agent_span):
        return
    between = [i for i in range(patient_span.stop, root.i) if doc[i].dep_ not in ("aux", "aux:tense", "aux:pass")]
    found = features(agent)
    if found is None and agent.pos_ == "PROPN":
        found = ("m", "p" if agent.morph.get("Number") == ["Plur"] else "s")
    if found is None:
        return
    plural = found[1] == "p"
    person = ":3p" if plural else ":3s"
    if tense_aux:  # "a été interpellé" -> "a interpellé"
        tense = (tense_of(tense_aux[0]) or ("", ""))[0]
        if tense not in _AVOIR:
            return
        verb_group = [_AVOIR[tense][plural], *between, lexicon.conjugate(root.lemma_, ":Q", ":m:s")]
    else:  # "est interpellé" -> "interpelle"
        tense = (tense_of(passive_aux[0]) or ("", ""))[0]
        verb_group = [lexicon.conjugate(root.lemma_, tense, person) if tense else None, *between]
    if None in verb_group:
        return
    agent_words = [i for i in agent_span if i != agent_span.start]
    others = [i for i in range(root.i + 1, end) if i not in agent_span and not (
        doc[i].text == "," and (i + 1 == agent_span.start or i - 1 == agent_span.stop - 1))]
    items = [*agent_words, *verb_group, *patient_span, *others]
    yield Plan((tuple(items),), ("voice",), frozenset({patient.i, agent.i}), _first(doc, list(patient_span)))


# -- inside a clause -----------------------------------------------------------------------------------


def title(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A person's title before their name made an apposition after it: "le philosophe Alain Finkielkraut a
    dit…" -> "Alain Finkielkraut, philosophe, a dit…"; "au ministre de l'Intérieur Christophe Castaner" ->
    "à Christophe Castaner, ministre de l'Intérieur,". Only a title after a definite article (it names one
    person) and before a name of two words or more, the title made of a noun with its adjectives and
    complements (no verb, comma, quotation or other name), not after a verb of being ("dont a été l'objet
    Alain Finkielkraut") or a relative pronoun ("dont le leader X": whose leader)."""
    end = _end(doc)
    for entity in doc.ents:
        if entity.label_ != "PER" or len(entity) < 2 or entity.start < 2 or any(
                i in quoted for i in range(entity.start, entity.end)) or doc[entity.start - 1].is_punct or (
                doc[entity.start - 1].pos_ in ("ADP", "DET")):
            continue
        det = sx.title_before(doc, entity.start)
        if det is None:
            continue
        words = range(det + 1, entity.start)
        before = doc[det - 1] if det else None
        if before is not None and (before.pos_ == "AUX" or before.lemma_ == "être" or before.lower_ in (
                "dont", "que", "qu'", "qui")):
            continue
        if len(words) < 2 or any(i in quoted or doc[i].ent_type_ == "PER" or doc[i].pos_ in ("VERB", "AUX", "PRON")
                                 for i in words) or doc[words[-1]].pos_ in ("ADP", "DET", "CCONJ"):
            continue  # a bare noun reads oddly after the name ("Jean-Luc Mélenchon, leader,")
        case = sx.TITLE_DETERMINERS[doc[det].lower_]
        after = doc[entity.end] if entity.end < len(doc) else None
        closing = () if after is None or entity.end >= end or after.is_punct and after.text in ",.;:)" else (",",)
        if closing and after.pos_ == "VERB" and after.morph.get("VerbForm") != ["Fin"]:
            continue  # "…représente l'ancien président Nicolas Sarkozy remettant…": the participle is his
        name = tuple(range(entity.start, entity.end))
        rest = tuple(range(entity.end, len(doc)))
        yield Plan(((*range(det), *((case,) if case else ()), *name, ",", *words, *closing, *rest),), ("title",))


def conjuncts(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """"X et Y" -> "Y et X" for two noun phrases; a preposition they share stays in front ("contre les CRS et
    les gendarmes" -> "contre les gendarmes et les CRS")."""
    for second in doc:
        head = second.head
        if second.dep_ != "conj" or head.pos_ not in ("NOUN", "PROPN") or second.pos_ not in ("NOUN", "PROPN"):
            continue
        if sum(c.dep_ == "conj" for c in head.children) != 1:
            continue  # a list of three or more
        cc = next((c for c in second.children if c.dep_ == "cc" and c.i == second.left_edge.i), None)
        if cc is None or cc.lower_ != "et" or head.right_edge.i != second.right_edge.i:
            continue
        start = head.left_edge.i
        while doc[start].pos_ == "ADP" and doc[cc.i + 1].pos_ != "ADP":
            start += 1  # a shared preposition
        end = second.right_edge.i + 1
        first, other = list(range(start, cc.i)), list(range(cc.i + 1, end))
        if not first or not other or not _free(range(start, end), quoted, doc):
            continue
        if start and doc[start - 1].text.endswith("-") or end < len(doc) and doc[end].text.startswith("-"):
            continue  # "grands-parents et petits-enfants", which the tokenizer cut at the hyphen
        if any(doc[i].text in ",;:" for i in first + other) or len(first) > 8 or len(other) > 8:
            continue
        if any(not _noun_phrase(doc, part) for part in (first, other)) or _opening(doc, first) != _opening(doc, other):
            continue  # "du complotisme et un antisionisme": not two phrases of one kind
        items = [*range(start), *other, cc.i, *first, *range(end, len(doc))]
        yield Plan((tuple(items),), ("order",), lowered=_first(doc, first) if start == 0 else frozenset())


def _opening(doc: Doc, items: list[int]) -> str:
    """How a phrase opens: its preposition ("de", "à"), else "DET" or "PROPN"."""
    first = doc[items[0]]
    return first.lower_ if first.pos_ == "ADP" else first.pos_


def _noun_phrase(doc: Doc, items: list[int]) -> bool:
    """A plain noun phrase: an optional preposition, a determiner or a name first, one noun, no verb, no
    adverb, no second preposition ("de bois", "les stations de tramway", not "jusqu'à présent dans le calme")."""
    words = [doc[i] for i in items]
    if words and words[0].pos_ == "ADP":
        words = words[1:]
    if not words or words[0].pos_ not in ("DET", "PROPN", "NOUN"):
        return False
    return (not any(t.pos_ in ("VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ") or "-" in (t.text[:1], t.text[-1:])
                    for t in words) and sum(t.pos_ == "ADP" for t in words) <= 1)


def reduced(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A relative clause in "qui" right after its noun (no comma: it says which ones) made a participle:
    present -> present participle, passé composé -> "ayant" + participle, passive -> the participle alone."""
    for qui in doc:
        if qui.lower_ != "qui" or qui.dep_ not in ("nsubj", "nsubj:pass") or qui.i == 0 or qui.i in quoted:
            continue
        verb, noun = qui.head, doc[qui.i - 1]
        if noun.pos_ not in ("NOUN", "PROPN") or verb.pos_ != "VERB" or verb.i < qui.i:
            continue
        auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
        if any(c.dep_ in ("expl:comp", "expl:pass", "expl") for c in verb.children) or any(
                a.i > verb.i or a.i < qui.i for a in auxiliaries):
            continue
        between = [i for i in range(qui.i + 1, verb.i) if i not in {a.i for a in auxiliaries}]
        if any(doc[i].pos_ not in ("ADV",) for i in between) or any(doc[i].lower_ in ("ne", "n'", "pas") for i in
                                                                    range(qui.i, verb.i)):
            continue
        passive = any(a.dep_ == "aux:pass" for a in auxiliaries)
        if passive and len(auxiliaries) <= 2:
            new: list[Item] = [*between, verb.i]  # "qui ont été incendiées" -> "incendiées"
        elif [a.lemma_ for a in auxiliaries] == ["avoir"] and "a" in lexicon.verb_frame(verb.lemma_)[8:]:
            new = ["ayant", *between, verb.i]
        elif not auxiliaries and (tense_of(verb) or ("", ""))[0] == ":Ip":
            form = lexicon.conjugate(verb.lemma_, ":P", ":P")
            if form is None:
                continue
            new = [form, *between]
        else:
            continue
        skip = {qui.i, *(a.i for a in auxiliaries), verb.i, *between}
        items = [*range(qui.i), *new, *(i for i in range(qui.i + 1, len(doc)) if i not in skip)]
        yield Plan((tuple(items),), ("reduced",))


_AFTER_VERB = ("obj", "obl", "obl:mod", "obl:arg", "advmod")


def complements(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """Two adjacent complements of the same verb, after it and with no comma between, swapped: French lets
    them come in either order. The second may not open with a preposition that would hang it on the first
    ("une visite en Irak": "en Irak" is the visit's, not the verb's, whatever the parse says), so only a
    complement that the parse and its own first word both tie to the verb moves."""
    end = _end(doc)
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        after = [c for c in verb.children if c.i > verb.i and c.dep_ in _AFTER_VERB]
        for a, b in zip(after, after[1:], strict=False):
            first, second = _span(a), _span(b)
            if first.stop != second.start or not _free(range(first.start, second.stop), quoted, doc):
                continue
            if any(doc[i].text in ",;:()" or doc[i].pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "PRON")
                   or "-" in (doc[i].text[:1], doc[i].text[-1:]) for i in (*first, *second)):
                continue
            if any(doc[span.start].pos_ not in ("ADP", "DET", "NUM", "NOUN", "PROPN") for span in (first, second)):
                continue  # a bare adverb or adjective may belong to the words around it
            if any(_set_phrase(doc, span) for span in (first, second)):
                continue  # "placé en garde à vue à Mulhouse", not "placé à Mulhouse en garde à vue"
            if len(first) > 7 or len(second) > 7 or second.stop > end:
                continue
            if a.dep_ == "obj" and doc[second.start].pos_ == "ADP":
                continue  # "une visite de Qaani", "la coalition au pouvoir": the object's, whatever the parse says
            if b.dep_ == "obj" and a.dep_ == "advmod":
                continue  # "a également ouvert une enquête": the adverb stays by the verb
            if a.dep_ == "obj" and len(first) <= len(second) + 2:
                continue  # a short object stays by its verb ("a perdu son oeil dans une manifestation")
            items = [*range(first.start), *second, *first, *range(second.stop, len(doc))]
            yield Plan((tuple(items),), ("order",))


def _set_phrase(doc: Doc, span: range) -> bool:
    """A preposition before a noun without a determiner ("en garde à vue", "en place", "par crainte de", "avec
    sursis"): mostly part of a set phrase with its verb, which nothing may come between."""
    return len(span) >= 2 and doc[span.start].pos_ == "ADP" and doc[span.start + 1].pos_ == "NOUN" and (
        doc[span.start].lower_ not in ("au", "aux", "du", "des"))  # "au jeu des selfies" has its article


# -- who said it, first --------------------------------------------------------------------------------


def speaker_first(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """'« … », déplore X dans Y, en notant que…' -> 'X déplore dans Y : « … », en notant que…': the speaker, then
    the verb with what stood between them ("a déclaré jeudi la ministre") and what followed the speaker up to
    a comma, then the quotation; the rest after it."""
    if len(doc) < 6 or doc[0].text not in "«\"“" or 1 not in quoted:
        return
    close = next((i for i in range(1, len(doc)) if i not in quoted), len(doc))
    if close + 2 >= len(doc) or doc[close].text not in "»\"”" or doc[close + 1].text != ",":
        return
    verb = next((t for t in doc[close + 2: close + 6] if t.pos_ == "VERB"), None)
    if verb is None or verb.lemma_ not in _QUOTING:
        return
    group = list(range(close + 2, verb.i + 1))  # "a déclaré", "se demande", "a-t-elle déclaré"
    inside = [i for i in group if doc[i].pos_ == "PRON" and doc[i].lower_ not in ("se", "s'")]
    end = _end(doc)
    after_verb = [t for t in doc[verb.i + 1: min(verb.i + 3, end)] if t.pos_ == "PRON" and t.text[:1] == "-"]
    inverted = inside or [t.i for t in after_verb]
    pronoun = "".join(doc[i].lower_ for i in inverted).replace("-t-", "-").replace("-t", "").strip("-")
    if inverted and pronoun in _STRESSED_OF:  # "espère-t-il", "a-t-elle déclaré"
        who: tuple[Item, ...] = (pronoun,)
        group = [i for i in group if i not in inside]
        after = verb.i + 1 + (0 if inside else len(after_verb))
    elif inverted:
        return
    else:
        speaker = _speaker(verb)
        if speaker is None or speaker.pos_ == "PRON":
            return
        span = _speaker_span(speaker)
        stop = next((i for i in span if doc[i].text == ","), min(span.stop, end))
        between = range(verb.i + 1, span.start)
        if any(doc[i].text in ",;:«»\"“”" for i in between):
            return
        group += between
        who, after = tuple(range(span.start, stop)), stop
    rest = list(range(after, end))
    comma = next((k for k, i in enumerate(rest) if doc[i].text == ","), len(rest))
    first, last = rest[:comma], rest[comma:]
    if any(i in quoted or doc[i].text in "«»\"“”" for i in first) or first and doc[first[0]].lower_ in _OF:
        return  # "…, a ajouté cette mère de deux enfants": the parse left the speaker's complement behind
    described = len(last) > 1 and not first and not isinstance(who[0], str)  # "Serge, 73 ans,", "Karim, qui…,"
    if described or len(last) > 1 and "Part" in doc[last[1]].morph.get("VerbForm") and "Past" in doc[
            last[1]].morph.get("Tense"):  # "…, interrogée sur la réforme": by the speaker
        who, last = (*who, *last, ","), []
    yield Plan(((*who, *group, *first, ":", *range(close + 1), *last),), ("speaker",))


def said_that(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """'P, a indiqué une porte-parole.' -> 'Une porte-parole a indiqué que p.': a closing attribution with a verb
    that takes "que", made the main clause; never for a clause in the first or second person, a question or
    an exclamation, or one that opens on a quotation (speaker_first's)."""
    said = attribution(doc, quoted)
    if said is None or said.speaker is None or doc[0].text in "«\"“" or doc[0].pos_ in ("CCONJ", "SCONJ"):
        return
    end = _end(doc)
    verb = next((t for t in doc[said.start + 1: end] if t.pos_ == "VERB"), None)
    if verb is None or verb.lemma_ not in _THAT or verb.i > said.start + 3:
        return
    clause = range(0, said.start)
    if any(doc[i].lower_ in _SPEAKERS_OWN and i not in quoted or doc[i].text in "?!;:" for i in clause):
        return
    speaker = said.speaker
    group = list(range(said.start + 1, verb.i + 1))
    if speaker.pos_ == "PRON":
        pronoun = speaker.lower_.replace("-t-", "-").replace("-t", "").strip("-")
        inverted = [t.i for t in doc[said.start + 1: min(verb.i + 3, end)] if t.pos_ == "PRON" and t.text[:1] == "-"]
        if pronoun not in _STRESSED_OF or not inverted:
            return
        who: tuple[Item, ...] = (pronoun,)
        group = [i for i in group if i not in inverted]
        rest = [i for i in range(verb.i + 1, end) if i not in inverted]
    else:
        span = _speaker_span(speaker)
        if span.start <= verb.i or any(doc[i].text in ",;:" for i in range(verb.i + 1, span.start)):
            return
        group += range(verb.i + 1, span.start)
        who, rest = tuple(i for i in span if i < end), list(range(span.stop, end))
    if any(doc[i].text in ",;:()" for i in rest) or rest and doc[rest[0]].lower_ in _OF:
        return
    yield Plan(((*who, *group, *rest, "que", *clause),), ("said",), lowered=frozenset({0}))
