"""A source in another language than the target: translated sentence by sentence before analysis.

Each translation must keep the sentence's numbers and names, be in the target language and keep its length;
a sentence no attempt translates faithfully is left out of the translated source and named in the report.
The rest of the pipeline then rewrites the translation as if it were the source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from localrewrite.article import word_count, words
from localrewrite.backends import Backend
from localrewrite.check import Check, foreign, language_of
from localrewrite.facts import find_numbers, fold, normalise, number_key, sentences
from localrewrite.ingest import Source
from localrewrite.prompts import STOP, task
from localrewrite.settings import Settings

LANGUAGES = {"fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian",
             "pt": "Portuguese", "nl": "Dutch"}
LENGTH_RATIO = (0.7, 2.0)  # words of the translation per word of the original
NAME_SIMILARITY = 0.7  # "Baghdad" / "Bagdad" 0.92, "Brussels" / "Bruxelles" 0.71; "London" / "Londres" 0.62
#: English number words find_numbers does not read ("six" it does).
_ENGLISH_NUMBERS = dict(zip(
    "two three four five seven eight nine ten eleven twelve twenty thirty forty fifty hundred".split(),
    "deux trois quatre cinq sept huit neuf dix onze douze vingt trente quarante cinquante cent".split(),
    strict=True))
_CALENDAR = dict(zip(
    ("monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
     "september october november december").split(),
    ("lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août "
     "septembre octobre novembre décembre").split(), strict=True))
#: English approximations ("around 2,500") and the French words that keep them; a translation may not
#: make a figure exact, nor add "au moins" / "plus de" the original lacks.
_APPROXIMATE = (re.compile(r"\b(?:around|about|nearly|almost|roughly|some|approximately|up to)\s+\d", re.I),
                re.compile(r"\b(?:environ|près|presque|quelque|quelques|autour|jusqu'à|approximativement)\b", re.I))
_BOUND = (re.compile(r"\b(?:at least|more than|over|less than|fewer than|under|at most)\s+\d", re.I),
          re.compile(r"\b(?:au moins|plus de|moins de|au plus|au maximum|au minimum)\b", re.I))
#: Negation in each source language and in French: a translation keeps a negation or adds none ("criticised
#: the cost" is not "de ne pas payer les coûts").
_NEGATION = {language: re.compile(pattern, re.I) for language, pattern in {
    "en": r"\b(?:not|no|never|nothing|nobody|none|neither|nor|without)\b|n't\b",
    "de": r"\b(?:nicht|kein\w*|nie|niemals|nichts|niemand|weder|ohne)\b",
    "es": r"\b(?:no|nunca|jamás|nada|nadie|ningun\w*|ni|sin)\b",
    "it": r"\b(?:non|mai|niente|nulla|nessun\w*|né|senza)\b",
    "pt": r"\b(?:não|nunca|jamais|nada|ninguém|nenhum\w*|nem|sem)\b",
    "nl": r"\b(?:niet|geen|nooit|niets|niemand|zonder)\b",
    "fr": r"\b(?:ne|n'|pas|jamais|aucun\w*|rien|personne|ni|sans|non|nul\w*)\b|\bn['’]"}.items()}
_INSTITUTIONS = frozenset("""I Ministry Minister House States Kingdom Nations Union Party Council Court Department
Office Police Army Government Parliament Senate Congress Republic Mayor President Secretary General Prime Chancellor
Governor City Hall University Agency Bank Committee Commission Assembly Street Square Forces Guard Service""".split())
_CURRENCIES = {"euro": r"euros?|€", "dollar": r"dollars?|\$", "livre": r"pounds?|livres?|£", "franc": r"francs?",
               "yen": r"yens?|¥"}
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:,\d{3})+)(?![\d,]|\.\d)")
_DECIMAL = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d.,])")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))? ?([ap])\.? ?m(?:\.(?!$)|\b)", re.IGNORECASE)
_PERCENT = re.compile(r" ?\bper ?cent\b|(?<=\d)%", re.IGNORECASE)


@dataclass(frozen=True)
class Translation:
    """What translation did to a source, for the report."""

    language: str  # the source's ISO 639-1 code
    sentences: int
    left_out: tuple[str, ...] = ()  # original sentences no attempt translated faithfully

    @property
    def translated(self) -> int:
        return self.sentences - len(self.left_out)

    def check(self) -> Check:
        """The report's row: the article was written from a translation, and what it left out."""
        language = LANGUAGES.get(self.language, self.language)
        detail = f"left out: {self.left_out[0][:80]}" if self.left_out else ""
        return Check("translation", f"{self.translated}/{self.sentences} sentences from {language}",
                     "every sentence translated", not self.left_out, detail)

    def as_dict(self) -> dict[str, object]:
        return {"from": self.language, "sentences": self.sentences, "translated": self.translated,
                "left_out": list(self.left_out)}


def leave_out_foreign(source: Source) -> tuple[Source, tuple[str, ...]]:
    """A French source without its sentences in another language (an instruction slipped into the page, an
    untranslated passage): the writer would copy them as they are. The sentences left out are returned."""
    kept, left_out = [], []
    for paragraph in source.paragraphs:
        said = sentences(paragraph)
        strange = [s for s in said if foreign(s)]
        left_out += strange
        if rest := " ".join(s for s in said if s not in strange):
            kept.append(rest)
    if not left_out:
        return source, ()
    return replace(source, paragraphs=tuple(kept)), tuple(left_out)


def translate(source: Source, language: str, backend: Backend, settings: Settings, *,
              entities: Callable[[str], list[str]] | None = None,
              on_sentence: Callable[[int, int], None] | None = None) -> tuple[Source, Translation]:
    """source (in language) as a source in settings.language; title and paragraphs translated. entities
    (e.g. from spaCy) names the entities of a translation: each must be in the original; on_sentence gets
    (sentences done, sentences in all)."""
    split = [sentences(paragraph) for paragraph in source.paragraphs] + [[source.title] if source.title else []]
    total = sum(map(len, split))
    translated: list[list[str]] = []
    left_out: list[str] = []
    for group in split:
        translated.append([])
        for sentence in group:
            text = _sentence(sentence, language, backend, settings, entities)
            if text:
                translated[-1].append(text)
            else:
                left_out.append(sentence)
            if on_sentence:
                on_sentence(sum(map(len, translated)) + len(left_out), total)
    *paragraphs, title = [" ".join(group) for group in translated]
    french = replace(source, title=title, paragraphs=tuple(p for p in paragraphs if p), subheadings=())
    return french, Translation(language, total, tuple(left_out))


def _sentence(sentence: str, language: str, backend: Backend, settings: Settings,
              entities: Callable[[str], list[str]] | None) -> str | None:
    """The first attempt that passes faithful(), or None."""
    original = french_numbers(normalise(sentence)) if language == "en" else normalise(sentence)
    prompt = task("translate").prompt(original, chat=backend.chat)
    for attempt in range(settings.retries + 1):
        completion = backend.complete(prompt, stop=STOP, max_tokens=4 * len(original.split()) + 24,
                                      seed=settings.seed + attempt, temperature=0.2 + 0.25 * attempt)
        text = " ".join(completion.text.split())
        if text and faithful(text, original, language, settings.language, entities) is None:
            return text
    return None


def faithful(text: str, original: str, language: str, target: str = "fr",
             entities: Callable[[str], list[str]] | None = None) -> str | None:
    """Why text is not a faithful translation of original (numbers, currencies, approximations, negation,
    names, days and months, length, language), or None.
    Names: capitalised words after the first (a translation seldom starts with the original's first word)
    and the entities found in text must be in the original."""
    if Counter(_numbers(text)) != Counter(_numbers(original, language)):
        return "numbers"
    if _currencies(text) != _currencies(original):
        return "currency"
    if any(bool(english.search(original)) != bool(french.search(text)) for english, french in (_APPROXIMATE, _BOUND)):
        return "approximation"
    if language in _NEGATION and target in _NEGATION and (
            bool(_NEGATION[language].search(original)) != bool(_NEGATION[target].search(text))):
        return "negation"
    new = [w for w in words(text)[1:] if w[0].isupper()]
    new += [w for entity in (entities(text) if entities else ()) for w in words(entity) if w[0].isupper()]
    if not all(_matches(word, original) for word in new):
        return "names"
    kept = _names(original) if language != "de" else []  # German capitalises every noun
    if not all(_matches(name, text) for name in kept) or any(
            french not in text.lower() for english, french in _CALENDAR.items()
            if re.search(rf"\b{english.title()}\b", original)):
        return "dropped"
    ratio = word_count(text) / max(word_count(original), 1)
    if not LENGTH_RATIO[0] <= ratio <= LENGTH_RATIO[1]:
        return "length"
    if word_count(text) >= 4 and language_of(text) != target:
        return "language"
    return None


def french_numbers(text: str) -> str:
    """English number formats as French ones, before the model sees them: "2,500" -> "2 500" (a French
    reader would read "2,500" as two and a half), "3.5" -> "3,5", "10 p.m." -> "22 h", "5 per cent" -> "5 %"."""
    text = _THOUSANDS.sub(lambda m: m[1] + m[2].replace(",", "\u00a0"), text)
    text = _DECIMAL.sub(r"\1,\2", text)
    text = _CLOCK.sub(_clock, text)
    return _PERCENT.sub("\u00a0%", text)


def _clock(match: re.Match[str]) -> str:
    hour = int(match[1]) % 12 + (12 if match[3].lower() == "p" else 0)
    return f"{hour} h {match[2]}" if match[2] else f"{hour} h"


def _matches(name: str, text: str) -> bool:
    """Whether text has name, or its spelling in the other language ("Baghdad" / "Bagdad", "Quds" / "Qods",
    "Brussels" / "Bruxelles"): a similar word with the same first and last letters that is not the same
    letters in another order. "Martin" / "Martine" and "Macron" / "Marcon" are other names; "Moscow" /
    "Moscou" is refused with them."""
    name = fold(name)
    return any(word == name or (word[0] == name[0] and word[-1] == name[-1] and sorted(word) != sorted(name)
                                and SequenceMatcher(None, word, name).ratio() >= NAME_SIMILARITY)
               for word in map(fold, words(text)))


def _names(original: str) -> list[str]:
    """The names a translation must keep as they are: the last word of each run of capitalised words after
    the first word ("Mayor Anne Martin" -> "Martin"), unless it is a weekday, a month or an institution word
    that French translates ("Interior Ministry", "White House")."""
    runs = re.findall(r"(?<!^)(?<![\w'-])((?:[A-Z][\w'-]*\s+)*[A-Z][\w'-]*)", original.strip().lstrip("\"“«‘'(— "))
    return [last for run in runs if (last := run.split()[-1]).lower() not in _CALENDAR and last not in _INSTITUTIONS]


def _currencies(text: str) -> set[str]:
    return {name for name, pattern in _CURRENCIES.items() if re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.I)}


def _numbers(text: str, language: str = "fr") -> list[str]:
    keys = [number_key(n) for n in find_numbers(text)]
    if language == "en":
        keys += [number_key(_ENGLISH_NUMBERS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _ENGLISH_NUMBERS]
    return keys
