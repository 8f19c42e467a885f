"""Grammalecte, the French grammar and spelling checker: grammar errors and unknown words of a text.

Grammalecte is GPL-3 and not part of localrewrite (MIT): scripts/setup_resources.py installs it from Debian
into .venv, and it is imported here at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from localrewrite.article import word_count
from localrewrite.errors import ResourceError
from localrewrite.facts import normalise

# Grammalecte's options that are grammar: confusions, set phrases, agreement in gender and number, the
# verbs (infinitive, conjugation, participles, imperative, interrogative, mood) and elision ("de le").
# Every other option (typography, spaces, capitals, commas, hyphens, style, OCR, dates) is turned off.
GRAMMAR_OPTIONS = frozenset({"conf", "loc", "gn", "infi", "conj", "ppas", "imp", "inte", "vmode", "eleu"})
_MARKUP_OPTIONS = frozenset({"html", "latex", "md"})  # markup removed before checking: left as they are
_GRAMMAR_RULES = frozenset({"doublon"})  # rules outside any option that are grammar ("les les")
_UNACCENTED_A = "A"  # "A Paris" for "À Paris": wire copy's unaccented capitals are typography, not grammar
_CACHE_LINES = 4096


@dataclass(frozen=True)
class GrammarError:
    """One grammar error: where it is in the normalised text (facts.normalise), Grammalecte's rule and message."""

    start: int
    end: int
    rule: str
    message: str
    text: str


@cache
def _engine() -> tuple[Any, Any, dict[str, bool]]:
    """Grammalecte's engine, spell checker and grammar-only options, loaded once per process (~0.4 s)."""
    try:
        import grammalecte
    except ImportError:
        raise ResourceError("Grammalecte (the French grammar checker) is not installed: "
                            "run `bash scripts/bootstrap.sh`.") from None
    checker = grammalecte.GrammarChecker("fr")
    engine, speller = checker.getGCEngine(), checker.getSpellChecker()
    if speller is None:
        raise ResourceError("Grammalecte's French dictionary did not load: run `bash scripts/bootstrap.sh`.")
    options = engine.getOptions()
    options.update({name: name in GRAMMAR_OPTIONS for name in options if name not in _MARKUP_OPTIONS})
    return engine, speller, options


def speller() -> Any:
    """Grammalecte's spell checker (its dictionary: morphology of French words), shared with lexicon.py."""
    return _engine()[1]


class Grammar:
    """Grammar errors, unknown words and error rate of French text; each line is checked once."""

    def __init__(self) -> None:
        self._line_errors = lru_cache(_CACHE_LINES)(_line_errors)
        self._line_misspellings = lru_cache(_CACHE_LINES)(_line_misspellings)

    def errors(self, text: str) -> list[GrammarError]:
        """Grammar errors of text, start and end indexing normalise(text); typography never counts."""
        found: list[GrammarError] = []
        offset = 0
        for line in normalise(text).splitlines(keepends=True):
            if line.strip():
                found += [replace(e, start=e.start + offset, end=e.end + offset)
                          for e in self._line_errors(line.rstrip())]
            offset += len(line)
        return found

    def misspellings(self, text: str) -> list[str]:
        """Words the dictionary does not know, once each; words with a digit or a capital (names) left out."""
        lines = [line.rstrip() for line in normalise(text).splitlines() if line.strip()]
        return list(dict.fromkeys(word for line in lines for word in self._line_misspellings(line)))

    def per_100_words(self, text: str) -> float:
        """Grammar errors per 100 words (words counted as article.word_count counts them)."""
        n = word_count(text)
        return 100.0 * len(self.errors(text)) / n if n else 0.0


def _line_errors(line: str) -> tuple[GrammarError, ...]:
    engine, _, options = _engine()
    found = []
    for e in sorted(engine.parse(line, "FR", dOptions=options), key=lambda e: e["nStart"]):
        text = line[e["nStart"]:e["nEnd"]]
        if (e["sType"] in GRAMMAR_OPTIONS or e["sRuleId"] in _GRAMMAR_RULES) and text != _UNACCENTED_A:
            found.append(GrammarError(e["nStart"], e["nEnd"], e["sRuleId"], e["sMessage"], text))
    return tuple(found)


def _line_misspellings(line: str) -> tuple[str, ...]:
    _, speller, _ = _engine()
    return tuple(word for token in speller.parseParagraph(line)
                 if not (word := token["sValue"])[0].isupper() and not any(c.isdigit() for c in word))
