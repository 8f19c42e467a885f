"""Surface facts of French text: numbers, quotations, dates, sentences. Pure regex, no spaCy."""

from __future__ import annotations

import re
import unicodedata

from localrewrite.article import words

_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
                              "\u2007": " ", "\u200a": " ", "\t": " "})
_SPACES = re.compile(r" {2,}")


def normalise(text: str) -> str:
    """NFC, typographic apostrophes to ', non-breaking and narrow spaces to ' ', runs of spaces collapsed.

    Newlines are kept: they separate paragraphs.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY))


def fold(text: str) -> str:
    """normalise, then lower case without accents: the form for case- and accent-insensitive matching."""
    decomposed = unicodedata.normalize("NFKD", normalise(text).lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# -- numbers -----------------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "cent": 100, "cents": 100, "mille": 1000,
}
_WORD = (r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
         r"|vingts?|trente|quarante|cinquante|soixante|cents?|mille)")
_WORDS = rf"(?<![\w-]){_WORD}(?:(?:-| +){_WORD}|(?:-et-| +et +)(?:une?|onze))*(?![\w-])"
_TIME = r"(?<!\d)(?:[01]?\d|2[0-3])(?: ?h ?(?:[0-5]\d)?|:[0-5]\d)(?!\w)"
_GROUP = r"[ '\u00a0\u202f\u2009’]"
_DIGITS = (r"(?<!\d)(?<!\d[.,])"
           rf"(?:\d{{1,3}}(?:{_GROUP}\d{{3}})+(?!\d)|\d{{1,3}}(?:\.\d{{3}})+(?!\d)|\d{{1,3}}(?:,\d{{3}}){{2,}}(?!\d)"
           r"|\d+)(?:[.,]\d+)?(?:(?:er|re|ère|ème|eme|nde?|e)(?!\w))?(?:\s?%)?")
_NUMBER = re.compile(rf"{_TIME}|{_DIGITS}|{_WORDS}", re.IGNORECASE)
_TIME_KEY = re.compile(r"(\d{1,2}) ?[h:] ?(\d{2})?", re.IGNORECASE)
_NOT_NINE = {"de", "du", "à", "a", "flambant", "tout", "rien", "comme"}  # "à neuf", "du neuf": new


def find_numbers(text: str) -> list[str]:
    """Numbers as written, in order: digits ("2 500", "46.600", "2,5", "4 %", "15h30", "1er") and
    French number words from deux upward ("trois", "vingt-deux", "deux mille"); "un"/"une" are
    articles and count only inside a compound ("vingt et un"). "pour cent" and "neuf" meaning new
    are left out. A space groups thousands only when exactly three digits follow ("2 500 soldats" is
    one number, "le 14 avril 2022" two).
    """
    found = []
    for match in _NUMBER.finditer(text):
        written = match.group().strip()
        before = text[max(match.start() - 24, 0): match.start()].split()[-1:]
        previous = before[0].lower() if before else ""
        lowered = written.lower()
        percent = lowered in ("cent", "cents") and previous == "pour"
        if percent or (lowered == "neuf" and previous in _NOT_NINE):
            continue
        found.append(written)
    return found


def number_key(s: str) -> str:
    """The canonical value of a number as written, so that equal numbers compare equal.

    - Times: "15h30", "15 h 30", "15:30" -> "15:30"; "15h" -> "15:00".
    - Units dropped: "4 %" -> "4"; ordinals "1er", "2e" -> "1", "2".
    - Number words: "trois" -> "3", "quatre-vingt-dix" -> "90", "deux mille" -> "2000".
    - Thousands: a space, apostrophe or dot followed by exactly three digits groups thousands:
      "2 500" == "2500" == "2.500" == "2'500" -> "2500"; "46.600" -> "46600". A comma groups only
      when repeated ("1,000,000"); otherwise it is the French decimal mark.
    - Decimals: "2,5" == "2.5" -> "2.5"; trailing zeros and leading zeros dropped ("2,50" -> "2.5",
      "04" -> "4").
    Anything else comes back lower-cased with its spaces collapsed.
    """
    text = " ".join(normalise(s).lower().split())
    time = _TIME_KEY.fullmatch(text)
    if time:
        return f"{int(time.group(1))}:{time.group(2) or '00'}"
    text = re.sub(r"(?<=\d)(?:er|re|ère|ème|eme|nde?|e)$", "", re.sub(r"\s?%$", "", text))
    if text and re.fullmatch(r"[a-zé -]+", text):
        value = _word_value(text)
        return str(value) if value is not None else text
    if re.fullmatch(r"\d{1,3}(?:[ ']\d{3})+(?:[.,]\d+)?", text):
        text = re.sub(r"[ ']", "", text)
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", text):
        text = text.replace(",", "")
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return text
    whole, _, fraction = text.replace(",", ".").partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _word_value(text: str) -> int | None:
    """Value of French number words ("soixante et onze" -> 71), None if a word is not a number."""
    total = current = 0
    previous = ""
    for word in re.split(r"[ -]+", text):
        if word == "et":
            continue
        value = _NUMBER_WORDS.get(word)
        if value is None:
            return None
        if value == 1000:
            total, current = total + (current or 1) * 1000, 0
        elif value == 100:
            current = (current or 1) * 100
        elif value == 20 and previous == "quatre":
            current += 80 - 4
        else:
            current += value
        previous = word
    return total + current


# -- quotations --------------------------------------------------------------------------------------

#: A quotation in « », “ ” or straight quotes. A straight quote opens after a space or "(" and before a
#: non-space, and closes the other way round; a straight quotation may hold a quoted term of its own
#: ("Beaucoup de combats sont similaires avec les "gilets jaunes", notamment le RIC.") when both close on the
#: line, and quotes that pair neither way are left alone rather than paired wrongly.
_QUOTE = re.compile(r"«([^«»\n]*)»|“([^“”\n]*)”"
                    r"|(?<![^\s(\[])\"(\S(?:[^\"\n]|(?<=[\s(\[])\"\S[^\"\n]*?(?<=\S)\"(?!\w))*?(?<=\S))\"(?!\w)")


def find_quotes(text: str, min_words: int = 3) -> list[str]:
    """Quotations in « », “ ” or straight quotes, marks stripped and whitespace normalised.

    Quotations under min_words words are left out: they are mostly terms ("gilets jaunes").
    """
    found = []
    for match in _QUOTE.finditer(text):
        inner = " ".join(next(g for g in match.groups() if g is not None).split())
        if len(words(inner)) >= min_words:
            found.append(inner)
    return found


def unquoted(text: str, min_words: int = 3) -> list[str]:
    """The stretches of text outside quotations of at least min_words words."""
    pieces, start = [], 0
    for match in _QUOTE.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        if len(words(inner)) >= min_words:
            pieces.append(text[start: match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def open_quote(text: str) -> int:
    """Where the quotation that text leaves open begins (its last unclosed «, “ or "), -1 if none: counts
    marks, so it also sees quotations the pattern above does not (qu'"…")."""
    at = [text.rfind("«") if text.count("«") > text.count("»") else -1,
          text.rfind("“") if text.count("“") > text.count("”") else -1,
          text.rfind('"') if text.count('"') % 2 else -1]
    return max(at)


# -- reporting verbs ---------------------------------------------------------------------------------

_FIRST_GROUP = """déclar estim affirm soulign ajout expliqu assur indiqu lanc martel dénonc confi précis tweet jug
insist rappel comment racont témoign regrett fustig déplor critiqu annonc protest plaid observ résum ironis menac
accus assén lâch tranch analys not interrog souhait"""
#: A subject pronoun inverted after its verb, as reporting goes: "a-t-il ajouté", "déplore-t-elle", "avait-il".
INVERTED_PRONOUN = r"(?<=\w)(?:-t)?-(?:il|elle)s?\b"
#: Reporting verbs as the source conjugates them next to a speaker: "a estimé", "insiste", "note".
REPORTING = frozenset([f"{stem}{end}" for stem in _FIRST_GROUP.split() for end in ("é", "e", "ent", "ait")]
                       + """dit dis poursuivi poursuit écrit écrivait averti avertit prévenu prévient répondu
                       répond reconnu reconnaît admis promis réagi réagit soutenu soutient espère espèrent espéré
                       espérait""".split())


# -- dates -------------------------------------------------------------------------------------------

_MONTH = (r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre"
          r"|d[ée]cembre)")
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DATE = re.compile(
    rf"\b(?:{_WEEKDAY} +)?(?:1er|premier|[0-3]?\d) +{_MONTH}(?: +{_YEAR})?(?!\w)"
    rf"|\b{_MONTH} +{_YEAR}(?!\w)"
    rf"|\b(?:en|depuis|dès|fin|début|mi-|jusqu'en|d'ici) *(?:{_MONTH}(?: +{_YEAR})?|{_YEAR})(?!\w)"
    r"|(?<![\d/])[0-3]?\d/[01]?\d/(?:\d\d)?\d\d(?![\d/])",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[str]:
    """French date expressions as written: "29 janvier", "dimanche 18 février", "14 avril 2022",
    "janvier 2020", "29/01/2024". A leading "le" is not part of the date; a bare year or month
    keeps the word that makes it a date ("en 2014", "depuis janvier").
    """
    return [m.group() for m in _DATE.finditer(text)]


# -- sentences ---------------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?…]+(?: ?[»”\"')\]])*(?=\s+[«“\"(\[—–-]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_LAST_WORD = re.compile(r"(\w+)$")
_ABBREVIATIONS = {
    "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "drs", "pr", "me", "mgr", "st", "ste", "cf", "av",
    "bd", "env", "ex", "fig", "art", "vol", "p", "pp", "n", "no", "gal", "gén", "col", "cdt", "lt", "sgt",
}


def sentences(text: str) -> list[str]:
    """A cheap French sentence splitter: lines, then terminal punctuation followed by a capital,
    a digit or an opening quote or dash. Closing quotes stay with the sentence they end
    (« Partez ! » a-t-il dit: one sentence); "M.", "Dr.", initials and "2,5" or "46.600" do not end one.
    """
    found = []
    for line in text.splitlines():
        start = 0
        for match in _BOUNDARY.finditer(line):
            last = _LAST_WORD.search(line[max(match.start() - 12, 0): match.start()])
            word = last.group(1) if last else ""
            if match.group().startswith(".") and not match.group().startswith("..") and (
                word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
            ):
                continue
            found.append(line[start: match.end()].strip())
            start = match.end()
        found.append(line[start:].strip())
    return [s for s in found if s]
