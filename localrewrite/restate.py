"""Deterministic restatements: other wordings of a source sentence that keep every fact and quotation.

The small model rarely rewrites a quotation sentence without touching the quotation, and short sources
need more than one wording of each sentence, so the writer also offers these rule-based ones (each is
still gated like a model attempt):
« Q », a déclaré la source.             ->  La source a déclaré : « Q ».
« Q », a-t-il ajouté.                   ->  Il a ajouté : « Q ».
« Q », souligne X. / « Q », déplore-t-il. ->  X souligne : « Q ». / Il déplore : « Q ».
« Q », a estimé X.                      ->  Pour X, « Q ».
Selon la police, 300 personnes ont…     ->  300 personnes ont…, selon la police.
300 personnes ont…, selon la police.     ->  Selon la police, 300 personnes ont…
Le parquet a ouvert dimanche une enquête ->  Dimanche, le parquet a ouvert une enquête.
Le parquet a ouvert dimanche une enquête ->  Dimanche : le parquet a ouvert une enquête (a dated fact).
Il espère : « Q ». / « Q », avait-il lancé. ->  X espère : « Q ». / « Q », avait lancé X. (named: X known)
"""

from __future__ import annotations

import re

from localrewrite.facts import REPORTING, find_dates, fold, open_quote, unquoted
from localrewrite.tokens import DEMONSTRATIVES, quoted_spans

_QUOTE = r'(?:«[^«»]+»|"[^"]+"|“[^“”]+”)'
_SENTENCE = re.compile(
    rf"^(?P<quote>{_QUOTE}(?:\s*,?\s*{_QUOTE})*)\s*,\s*"
    r"(?P<verb>a-t-il|a-t-elle|ont-ils|ont-elles|a|ont)\s+"
    r"(?P<participle>\w+)\b\s*(?P<rest>[^«»\"“”]*?)\s*[.!]?$"
)
_PRONOUNS = {"a-t-il": "Il a", "a-t-elle": "Elle a", "ont-ils": "Ils ont", "ont-elles": "Elles ont"}
_SUBJECT_START = re.compile(r"^(?:le|la|les|l'|un|une|des|cette|ce|ces|[A-ZÀ-Ý])")
#: Verbs after which "Pour X, « Q »" says the same: X gives an opinion (not "a démenti", "a nié").
_OPINION_VERBS = frozenset("""estimé jugé affirmé déclaré souligné dit assuré martelé insisté expliqué
considéré lancé ajouté poursuivi""".split())
#: A speaker and nothing else: "Anne Martin", "la maire Anne Martin", "l'écrivain Bernard-Henri Lévy".
_NAMED = re.compile(r"^(?:(?:le |la |les |l')[a-zà-ÿ-]+(?: [a-zà-ÿ-]+)? )?[A-ZÀ-Ý][\w'-]*(?: [A-ZÀ-Ý][\w'-]*){0,3}$")
_WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_POINTS_BACK = re.compile(rf"(?i)\b(?:{'|'.join(DEMONSTRATIVES)})\b")  # "A ce titre, …": a link to what was said
#: A short leading complement that can close the sentence instead: "Selon X,", "À Paris,", "Samedi,".
_LEAD = re.compile(
    r"^(?P<lead>(?:Selon|D'après|Pour|À|A|Au|Aux|En|Dans|Lors|Depuis|Après|Avant|Vers|Face|Malgré|Outre|"
    rf"Parmi|Jusqu'|Mi-|Début|Fin|{_WEEKDAYS.title()})\b[^,;:«»\"“”()]{{0,60}}?),\s+"
    r"(?P<rest>[^«»\"“”\s][^;:]*?)\s*(?P<end>[.…]?)$"
)
#: A participle right before a date, with no auxiliary before it: "publié dimanche", "diffusées samedi".
_ATTACHED = re.compile(r"(?<!\ba )(?<!\bont )(?<!\bété )(?<!\best )(?<!\bsont )(?<!\bavait )(?<!\bavaient )"
                       r"\b\w+(?:é|ée|és|ées|is|ise|ises|u|ue|us|ues)\s+(?:(?:le|ce)\s+)?$")
#: A relative or subordinate clause before a date, which the date may belong to.
_SUBORDINATE = re.compile(r"(?i)\b(?:qui|que|qu'|dont|où|quand|lorsque|lorsqu'|si|comme|puisque|parce)(?:\b|(?<='))")
#: A trailing source: "…, selon la préfecture." / "…, d'après le ministère de l'Intérieur."
_TAIL = re.compile(r"^(?P<rest>[^«»\"“”;:]+?),\s+(?P<source>(?:selon|d'après)\s[^,;:«»\"“”()]{2,60}?)\s*(?P<end>[.…])$")
_WEEKDAY = re.compile(rf"(?i)(?:\b(?:ce|le) )?\b(?:{_WEEKDAYS})\b(?: (?:soir|matin|midi|après-midi|dernier|prochain))?")
#: First words that a colon lowers: "Dimanche : le parquet…" (a name keeps its capital).
_LOWERED = re.compile(r"^(?:À|Le|La|Les|L'|Un|Une|Des|Du|De|D'|Il|Elle|Ils|Elles|On|Ce|Cet|Cette|Ces|Cela|Son|Sa|"
                      r"Ses|Leur|Leurs|Selon|Pour|Dans|En|Au|Aux|Après|Avant|Depuis|Plus|Près|Plusieurs|Certains|"
                      r"Certaines|Quelques?|Tous|Toutes|Chaque|Aucun|Aucune|Environ|Entre|Alors|C'est|"
                      rf"{_WEEKDAYS.title()})\b")


_PRESENT = re.compile(
    rf"^(?P<quote>{_QUOTE}(?:\s*,?\s*{_QUOTE})*)\s*,\s*"
    r"(?P<verb>[a-zàâçéèêëîïôûù]+)(?P<pronoun>-t-il|-t-elle|-il|-elle|-ils|-elles)?\b\s*(?P<rest>[^«»\"“”]*?)\s*[.!]?$"
)


def restatements(sentence: str) -> list[str]:
    """Every rule-based wording of the sentence (none may apply)."""
    rules = (front_attribution, present_attribution, opinion, lead_to_end, end_to_lead, date_first)
    return list(dict.fromkeys(text for rule in rules if (text := rule(sentence))))


def front_attribution(sentence: str) -> str | None:
    """The sentence with its trailing attribution moved before the quotation, or None if it has none."""
    match = _SENTENCE.match(sentence.strip())
    if not match:
        return None
    quote, verb, participle, rest = match.group("quote", "verb", "participle", "rest")
    if re.search(r"[.!?]\s*[A-ZÀ-Ý]", rest):
        return None  # another sentence runs on after the attribution: its subject is not the speaker
    if verb in _PRONOUNS:
        tail = f" {rest}" if rest else ""
        return f"{_PRONOUNS[verb]} {participle}{tail} : {quote}."
    if not rest or not _SUBJECT_START.match(rest):
        return None
    subject = rest[0].upper() + rest[1:] + ("," if "," in rest else "")
    return f"{subject} {verb} {participle} : {quote}."


def present_attribution(sentence: str) -> str | None:
    """"« Q », souligne X." -> "X souligne : « Q »."; "« Q », déplore-t-il." -> "Il déplore : « Q »." (a
    reporting verb in the present, as wire copy writes it after a quotation)."""
    match = _PRESENT.match(sentence.strip())
    if not match or match.group("verb") not in REPORTING or match.group("verb") in ("a", "ont"):
        return None
    quote, verb, pronoun, rest = match.group("quote", "verb", "pronoun", "rest")
    if re.search(r"[.!?]\s*[A-ZÀ-Ý]", rest):
        return None  # another sentence runs on after the attribution
    if pronoun:
        if rest and not rest.startswith(("à ", "au ", "aux ", "dans ", "sur ", "devant ", "lors ")):
            return None
        subject = pronoun.replace("-t-", "").strip("-").capitalize()
        return f"{subject} {verb}{' ' + rest if rest else ''} : {quote}."
    if not rest or not _SUBJECT_START.match(rest) or "," in rest:
        return None
    subject = re.split(r"\s(?=(?:dans|sur|à|au|aux|auprès|devant|lors)\s)", rest, maxsplit=1)[0]
    where = rest[len(subject):].strip()  # "regrette Paul Caraci dans Midi Libre": "dans Midi Libre" follows the verb
    return f"{subject[0].upper()}{subject[1:]} {verb}{' ' + where if where else ''} : {quote}."


def opinion(sentence: str) -> str | None:
    """"« Q », a estimé X." -> "Pour X, « Q »." when the verb states an opinion and X is named."""
    match = _SENTENCE.match(sentence.strip())
    if not match or match.group("verb") in _PRONOUNS or match.group("participle") not in _OPINION_VERBS:
        return None
    rest = match.group("rest")
    if not _NAMED.match(rest):
        return None
    return f"Pour {rest}, {match.group('quote')}."


def lead_to_end(sentence: str) -> str | None:
    """"Selon la police, S." -> "S, selon la police.": a short leading complement moved to the end, unless it
    points back to the sentence before."""
    match = _LEAD.match(sentence.strip())
    if not match:
        return None
    lead, rest, end = match.group("lead", "rest", "end")
    if len(lead.split()) > 9 or len(rest.split()) < 5 or rest.count('"') % 2 or _POINTS_BACK.search(lead):
        return None  # "A ce titre, …", "Dans ce contexte, …": a link to the sentence before stays first
    lead = "à" + lead[1:] if lead[:2] in ("A ", "À ") else lead[0].lower() + lead[1:]
    return f"{rest[0].upper()}{rest[1:]}, {lead}{end or '.'}"


def end_to_lead(sentence: str) -> str | None:
    """"S, selon la police." -> "Selon la police, S.": a trailing "selon" / "d'après" moved to the front."""
    match = _TAIL.match(sentence.strip())
    if not match:
        return None
    rest, source, end = match.group("rest", "source", "end")
    if len(rest.split()) < 5 or rest.count('"') % 2 or "," in source or not _LOWERED.match(rest):
        return None  # a first word not known to be common may be a name: it keeps its place and capital
    return f"{source[0].upper()}{source[1:]}, {rest[0].lower()}{rest[1:]}{end}"


def date_first(sentence: str) -> str | None:
    """"Le parquet a ouvert dimanche une enquête." -> "Dimanche, le parquet a ouvert une enquête."."""
    text = dated(sentence, ",")
    if not text or text.split(",")[0].lower() in " ".join(sentence.lower().split()[:4]):
        return None  # the date already leads
    if text.split(", ", 1)[1][:1].isupper() and not re.match(r"\w+, [A-ZÀ-Ý][\w'-]* [A-ZÀ-Ý]", text):
        return None  # a capital that is not a name's: the sentence's first word kept a capital it should lose
    if text[0].isdigit():
        text = f"Le {text}"
    return text if text.endswith((".", "!", "?", "…", "»", '"')) else f"{text}."


def dated(sentence: str, mark: str = " :") -> str | None:
    """"Dimanche : le parquet a ouvert une enquête." for a sentence with one date, outside quotations; mark
    is what follows the date."""
    free = " ".join(unquoted(sentence, 1))
    found = find_dates(free) or [m.group() for m in _WEEKDAY.finditer(free)]
    if len(found) != 1 or len(find_dates(sentence)) + len(_WEEKDAY.findall(sentence)) != 1:
        return None
    date = found[0]
    at = sentence.find(date)
    if at < 0:
        return None
    head = sentence[:at]
    if open_quote(head) >= 0:
        return None  # inside a quotation
    if _ATTACHED.search(head) or _SUBORDINATE.search(head):
        return None  # "un sondage publié dimanche", "le site qui a accueilli en 2018": not the sentence's date
    before = re.sub(r"(?i)\b(?:le|la)\s*$", "", head)
    after = sentence[at + len(date):]
    if before.strip() and (re.search(r"[,;:(«\"“]\s*$", before) or re.match(r"\s*[,;:)]", after)):
        return None  # the date stands between punctuation: taking it out would leave "plus tôt:, déjà,"
    rest = (before + after).strip()
    rest = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", rest)).lstrip(",; ")
    label = re.sub(r"(?i)^(?:ce|le) ", "", date)
    if len(rest.split()) < 4:
        return None
    rest = rest[0].upper() + rest[1:]
    rest = lowered(rest)
    return f"{label[0].upper()}{label[1:]}{mark} {rest}"


#: A subject pronoun: opening the sentence, or inverted after its verb ("espère-t-il", "avait-elle lancé").
_SUBJECT = re.compile(r"^(?:Il|Elle) (?=\w)|(?<=\w)(?:-t)?-(?:il|elle)\b")
_AUXILIARY = re.compile(r"(?i)\b(?:a|ont|avait|avaient|aura|aurait|est|était|sera|serait)$")


def named(text: str, speaker: str) -> str | None:
    """text with its one subject pronoun outside quotations ("Il espère : « … »", "« … », avait-il lancé")
    replaced by the speaker it stands for, so that it can be read alone; None if it has none or several."""
    from localrewrite.tokens import quoted_spans

    spans = quoted_spans(text)
    found = [m for m in _SUBJECT.finditer(text) if not any(a <= m.start() < b for a, b in spans)]
    if len(found) != 1:
        return None
    m = found[0]
    if m.start() == 0:
        return f"{speaker} {text[m.end():]}"
    head, rest = text[:m.start()], text[m.end():]
    participle = re.match(r" \w+", rest) if _AUXILIARY.search(head) else None
    if participle:  # "avait-il lancé à…" -> "avait lancé X à…"
        return f"{head}{participle.group()} {speaker}{rest[participle.end():]}"
    return f"{head} {speaker}{rest}"


#: Words that link a sentence to the one before it ("a toutefois avancé", "Christophe Bonnefoy, lui, a retenu",
#: "se sont également produits"): a key point or an FAQ answer is read alone, without that sentence.
BUT, ALSO = ("toutefois", "cependant", "pourtant", "néanmoins"), ("également", "aussi")
STRESSED = ("lui", "elle", "eux", "elles")
_LINKING = re.compile(rf"(?i)(?<=\w) (?:{'|'.join(BUT)})\b|(?<=\w), (?:{'|'.join(STRESSED)}),(?= )")
_ALSO = re.compile(rf"(?i)\b(a|ont|avait|avaient|est|sont|était|étaient|sera|seront) (?:{'|'.join(ALSO)})\b"
                   r"(?! \w+ qu)")  # "est aussi grand que…" compares
_LINKING_FIRST = re.compile(r"^(?:Toutefois|Cependant|Pourtant|Néanmoins|Par ailleurs|En outre|De plus), (?=\w)")


def unlinked(text: str) -> str:
    """text read alone: without the words that link it to a sentence before (outside quotations)."""
    spans = quoted_spans(text)
    kept, at = [], 0
    for start, end in [*spans, (len(text), len(text))]:
        kept.append(_ALSO.sub(r"\1", _LINKING.sub("", text[at:start])) + text[start:end])
        at = end
    text = "".join(kept)
    first = _LINKING_FIRST.match(text)
    if first is None or any(start < first.end() for start, _ in quoted_spans(text)):
        return text
    return text[first.end()].upper() + text[first.end() + 1:]


def of(name: str) -> str:
    """"de Lucia Ferrera", "d'Éric Drouet": de elided before a vowel (not before h: "de Hollande")."""
    return f"d'{name}" if fold(name)[:1] in "aeiouy" else f"de {name}"


def lowered(text: str) -> str:
    """text with its first word in lower case when it is a common word, as after a colon ("Lyon : le
    parc…", "Lyon : lundi, …"); a name keeps its capital."""
    return text[0].lower() + text[1:] if _LOWERED.match(text) else text
