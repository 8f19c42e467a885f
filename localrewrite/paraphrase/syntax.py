"""Syntactic rewrites on spaCy's dependency parse: each rule returns plans (surface.Plan) that say the same
thing in another order or another shape, or none when the parse does not show it can.

- front: a closing complement moved to the front ("… samedi à Paris." -> "Samedi à Paris, …").
- back: a leading complement moved after the verb's group ("Dimanche, la police a…" -> "La police a… dimanche").
- relative: a sentence split at a relative clause in "qui" set off by a comma ("…une enquête, qui a été
  confiée à la brigade." -> "…une enquête. Celle-ci a été confiée à la brigade.").
- coordination: two verbs sharing a subject split in two sentences ("X a visité Y et a forcé Z" -> "X a
  visité Y. Il a forcé Z.").
- apposition: a person's apposition made a sentence of its own ("…, a déclaré Lucia Ferrera, une infirmière
  de 33 ans." -> "…, a déclaré Lucia Ferrera. Lucia Ferrera est une infirmière de 33 ans.").
- participle: a closing present participle made a verb of its own ("…, recommandant aux riverains…" ->
  "… Elle recommandait aux riverains…").
- conjuncts: two coordinated noun phrases in the other order ("de bois et de métal" -> "de métal et de bois").
- complements: two complements after a verb in the other order ("ont convergé vers 15h30 place de Jaude"
  -> "ont convergé place de Jaude vers 15h30").
- reduced: a restrictive relative clause made a participle ("les CRS qui ont tiré" -> "les CRS ayant tiré",
  "des poubelles qui ont été incendiées" -> "des poubelles incendiées").
- voice: active <-> passive with the participle made to agree ("La police a interpellé trois manifestants"
  <-> "Trois manifestants ont été interpellés par la police").

Rules refuse what they cannot do safely: a subject whose gender is unknown gets no pronoun, a complement
that may belong to a clause other than the main one stays where it is, quotations are never entered.
Every plan is still checked afterwards (gate, meaning, grammar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from localrewrite import lexicon
from localrewrite.paraphrase.surface import Item, Plan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECT_PRONOUNS = {("m", "s"): "il", ("f", "s"): "elle", ("m", "p"): "ils", ("f", "p"): "elles"}
_DEMONSTRATIVES = {("m", "s"): "celui-ci", ("f", "s"): "celle-ci", ("m", "p"): "ceux-ci", ("f", "p"): "celles-ci"}
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
        front, back, relative, coordination, participle, apposition, passive, active, conjuncts, reduced,
        complements)
    root = _root(doc)
    if root is None:
        return []
    found = [plan for rule in rules for plan in rule(doc, quoted)]
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
    (feminine only if all are); the dictionary settles the gender of a common noun; None when unknown."""
    heads = [token, *(c for c in token.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))]
    genders = [_gender(t) for t in heads]
    if any(g is None for g in genders):
        return None
    if len(heads) > 1:
        return ("f" if all(g == "f" for g in genders) else "m"), "p"
    number = token.morph.get("Number")
    return genders[0], ("p" if number == ["Plur"] else "s")


def _gender(token: Token) -> str | None:
    if token.pos_ == "NOUN":
        genders = {m.gender for m in lexicon.analyse(token.text.lower()) if "NOUN" in m.classes} - {"", "e"}
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


# -- moving a complement -------------------------------------------------------------------------------


def front(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A complement of the main verb that closes the sentence, moved to the front with a comma."""
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


def back(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A leading complement set off by a comma, moved to the end when the sentence closes on the main
    verb's own words (not inside a clause it could then seem to belong to)."""
    root, end = _root(doc), _end(doc)
    if root is None or end < 2:
        return
    comma = next((t.i for t in doc[:root.i] if t.text == ","), None)
    if comma is None or comma == 0 or not _free(range(end), quoted, doc) or ":" in doc.text:
        return
    heads = {doc[i].head.i for i in range(comma) if doc[i].head.i >= comma}
    if heads != {root.i} or not all(doc[i].dep_ in _MOVABLE or doc[i].head.i < comma for i in range(comma)):
        return
    last = doc[end - 1]
    while last.i != root.i:
        if last.dep_ in _CLAUSAL:
            return
        last = last.head
    if any(t.lower_ in ("qui", "que", "qu'", "où", "dont") or t.pos_ in ("VERB", "AUX") and t.i > root.i
           for t in doc[max(root.i + 1, end - 8): end]):
        return  # "…où un adolescent avait été tué en juin 2005": the date would seem the killing's
    lead = list(range(comma))
    rest = list(range(comma + 1, end))
    if not rest or any(doc[i].text == "," for i in rest[-3:]):
        return
    yield Plan(((*rest, *lead),), ("back",), lowered=_first(doc, lead))


# -- splitting a long sentence -------------------------------------------------------------------------


def relative(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A relative clause in "qui" after a comma becomes a sentence of its own, "qui" a pronoun that agrees
    with the noun before the comma: "il/elle…" when that noun is the subject, "celui-ci/celle-ci…" else."""
    end = _end(doc)
    root = _root(doc)
    for qui in doc:
        if qui.lower_ != "qui" or qui.dep_ not in ("nsubj", "nsubj:pass") or qui.i < 2 or doc[qui.i - 1].text != ",":
            continue
        antecedent = doc[qui.i - 2]
        if antecedent.pos_ not in ("NOUN", "PROPN") or antecedent.dep_ == "nmod" and antecedent.head.pos_ == "NOUN":
            continue  # "le chef de la force, qui…": which of the two is meant is not certain
        clause = qui.head
        span = range(min(_span(clause).start, qui.i), _span(clause).stop)
        if span.start != qui.i or not _free(span, quoted, doc):
            continue
        found = features(antecedent)
        if found is None:
            continue
        is_subject = root is not None and antecedent.dep_.startswith("nsubj") and antecedent.head == root
        pronoun = (_SUBJECT_PRONOUNS if is_subject else _DEMONSTRATIVES)[found]
        body = [i for i in span if i != qui.i]
        if span.stop == end:  # the clause closes the sentence
            main = list(range(qui.i - 1))
        elif doc[span.stop].text == "," and root is not None and root.i > span.stop:  # between subject and verb
            main = [*range(qui.i - 1), *range(span.stop + 1, end)]
        else:
            continue
        if len(main) < 4 or len(body) < 3:
            continue
        yield Plan((tuple(main), (pronoun, *body)), ("split",), frozenset({antecedent.i}))


def coordination(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """"S V1… et V2…" -> "S V1…. Pron V2…", V2 sharing S; or two clauses with their own subjects joined by
    ", et" or ";" made two sentences. Nothing after V2's clause may depend on the first verb."""
    root, end = _root(doc), _end(doc)
    if root is None or any(c.dep_ == "mark" for c in root.children):
        return
    for verb in root.children:
        if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX") or verb.i < root.i:
            continue
        span = _span(verb)
        cc = next((c for c in verb.children if c.dep_ == "cc" and c.i == span.start), None)
        start = span.start
        if cc is not None and cc.lower_ not in ("et", "mais"):
            continue
        but = cc is not None and cc.lower_ == "mais"  # "…, mais S V" -> "… Mais S V": the contrast stays
        if span.stop != end or not _free(range(end), quoted, doc) or start < 3:
            continue
        own = _subject(verb)
        first = [i for i in range(start) if not (i == start - 1 and doc[i].text in (",", ";"))]
        second = [i for i in span if cc is None or but or i != cc.i]
        if own is not None:
            if doc[start - 1].text not in (",", ";") or own.left_edge.i != start + (cc is not None) or (
                    _subject(root) is None or _subject(root).i > root.i):
                continue  # the parse does not show two whole clauses, the second opening on its subject
            if any(verb in doc[i].ancestors for i in first) or any(
                    doc[i] != verb and verb not in doc[i].ancestors for i in second):
                continue
            if not any(verb_child.dep_.startswith("aux") or verb_child.dep_ == "cop" for verb_child in verb.children) \
                    and verb.morph.get("VerbForm") == ["Part"]:
                continue  # "…, et les chantiers protégés": the auxiliary is the first clause's
            yield Plan((tuple(first), tuple(second)), ("split",))
            continue
        subject = _subject(root)
        if subject is None or subject.i > root.i or but:
            continue
        pronoun = subject_pronoun(subject)
        if pronoun is None or doc[second[0]].dep_ not in ("aux", "aux:tense", "aux:pass") and verb.morph.get(
                "VerbForm") == ["Part"]:
            continue  # "X a visité Y et rencontré Z": the auxiliary would be missing
        if len(first) < 4 or len(second) < 3:
            continue
        yield Plan((tuple(first), (pronoun, *second)), ("split",), frozenset({subject.i}))


def participle(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """"S V…, recommandant X." -> "S V…. Pron recommandait X.": a closing present participle conjugated in
    the main verb's simple tense and person."""
    root, end = _root(doc), _end(doc)
    if root is None or root.morph.get("VerbForm") != ["Fin"]:
        return
    subject, reading = _subject(root), tense_of(root)
    if subject is None or reading is None or subject.i > root.i:
        return
    tense = reading[0]
    pronoun = subject_pronoun(subject)
    if pronoun is None:
        return
    person = ":3p" if pronoun in ("ils", "elles") else ":3s"
    for verb in doc[root.i + 1: end]:
        if verb.morph.get("VerbForm") != ["Part"] or verb.morph.get("Tense") != ["Pres"] or doc[verb.i - 1].text != ",":
            continue
        span = _span(verb)
        if span.start != verb.i or span.stop != end or not _free(span, quoted, doc):
            continue
        form = lexicon.conjugate(verb.lemma_, tense, person)
        if form is None or len(span) < 3 or verb.i - 1 < 4:
            continue
        yield Plan((tuple(range(verb.i - 1)), (pronoun, form, *span[1:])), ("split",), frozenset({subject.i}))


def apposition(doc: Doc, quoted: frozenset[int]) -> Iterator[Plan]:
    """A person's apposition that closes the sentence ("…, a déclaré Lucia Ferrera, une infirmière de 33
    ans.") becomes "Lucia Ferrera est une infirmière de 33 ans.": the name said again, not a pronoun whose
    gender the name does not tell. Read from the named entity and the commas, since the parser often takes
    such an apposition for the verb's object."""
    end = _end(doc)
    for entity in doc.ents:
        if entity.label_ != "PER" or entity.end >= end or doc[entity.end].text != "," or entity.end + 1 >= end:
            continue
        span = range(entity.end + 1, end)
        words = [doc[i] for i in span]
        if words[0].pos_ != "DET" or len(words) < 3 or any(t.pos_ in ("VERB", "AUX", "PRON") or t.text in ",;:()"
                                                           for t in words):
            continue
        if not _free(range(entity.start, end), quoted, doc) or entity.start < 4:
            continue
        yield Plan((tuple(range(entity.end)), (*range(entity.start, entity.end), "est", *span)), ("split",))


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
        first, other = list(range(start, cc.i)), list(range(cc.i + 1, second.right_edge.i + 1))
        if not first or not other or not _free(range(start, second.right_edge.i + 1), quoted, doc):
            continue
        if any(doc[i].text in ",;:" for i in first + other) or len(first) > 8 or len(other) > 8:
            continue
        if any(not _noun_phrase(doc, part) for part in (first, other)) or _opening(doc, first) != _opening(doc, other):
            continue  # "du complotisme et un antisionisme": not two phrases of one kind
        items = [*range(start), *other, cc.i, *first, *range(second.right_edge.i + 1, len(doc))]
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
