"""How often the meaning gate refuses harmless rewrites of real sentences, per spaCy model.

    python benchmarks/meaning_corpus.py CORPUS_DIR [fr_core_news_sm fr_core_news_md …] [--show N]

Every sentence of CORPUS_DIR/*.txt (first line a title, then paragraphs) is compared with itself and with
its harmless variants (see `variants`): a fronted "Selon X," or complement ("Dimanche,", "Dans la
matinée,") moved to the end, a closing "selon X" moved to the front, "également" added, a reporting verb
swapped. Prints, per kind, the share of variants refused and uncertain; the share of sentences whose parse
has a doubt; parse and compare times.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import spacy

from localrewrite.claims import read
from localrewrite.facts import normalise, sentences
from localrewrite.meaning import MeaningCheck
from localrewrite.tokens import quoted_spans

_SOURCE = re.compile(r"^(Selon|D'après) ([^,«»\"]{2,60}), (.+?)([.!?])$")
_FRONTED = re.compile(r"^((?:Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Hier)(?: [^,«»\"]{0,25})?"
                      r"|(?:Dans|En|À|Après|Avant|Depuis|Lors|Pendant|Durant|Au cours) [^,«»\"]{2,40}), (.+?)([.!?])$")
_CLOSING_SOURCE = re.compile(r"^(.{20,}?), selon ([^,«»\"]{2,60})([.!?])$")
_AUXILIARY = re.compile(r"\b(?:a|ont|avait|avaient|aurait|auraient)( )(?!été\b)\w+(?:é|ée|és|ées|i|is|u|us)\b")
_REPORTING = re.compile(r"\ba (déclaré|indiqué|expliqué|précisé|souligné|ajouté|affirmé|estimé|assuré)\b")
#: How a clause can begin with its subject: a determiner, a pronoun, or a name.
_SUBJECT = re.compile(r"^(?:(?i:le|la|Les|un|une|des|il|elle|ils|elles|on|ce|cet|cette|ces|son|sa|ses|leur|leurs"
                      r"|plusieurs|certains|plus|près|quelque|quelques)\b|(?i:l')|[A-ZÉ][a-zé]+ [A-ZÉ])")


def corpus_sentences(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.txt")):
        body = normalise(path.read_text(encoding="utf-8")).split("\n", 1)[1]
        for paragraph in body.split("\n"):
            found += [s for s in sentences(paragraph) if len(s.split()) >= 4]
    return found


def variants(sentence: str) -> list[tuple[str, str]]:
    """(kind, harmless variant) pairs: a fronted source or complement moved to the end (only where what
    follows begins with a subject and does not end in an aside the move would run into), a closing
    "selon X" moved to the front, "également" after the first auxiliary, a reporting verb swapped."""
    found = []
    m = _SOURCE.match(sentence) or _FRONTED.match(sentence)
    if m is not None:
        fronted, rest, stop = (f"{m.group(1)} {m.group(2)}", m.group(3), m.group(4)) if m.re is _SOURCE else m.groups()
        if _SUBJECT.match(rest) and not re.search(r"[«»\")]$|, (?:selon|a-t-|a |ont |ajoute|indique|explique)", rest) \
                and rest.count('"') % 2 == 0:
            joiner = ", " if m.re is _SOURCE else " "
            found.append(("selon" if m.re is _SOURCE else "complément",
                          f"{rest[0].upper()}{rest[1:]}{joiner}{fronted[0].lower()}{fronted[1:]}{stop}"))
    if (m := _CLOSING_SOURCE.match(sentence)) and '"' not in m.group(1) and "«" not in m.group(1):
        rest = m.group(1)
        found.append(("selon", f"Selon {m.group(2)}, {rest[0].lower() if rest[1:2].islower() else rest[0]}{rest[1:]}"
                               f"{m.group(3)}"))
    quoted = quoted_spans(sentence)
    if (m := _AUXILIARY.search(sentence)) and not any(start <= m.start() < end for start, end in quoted):
        found.append(("également", f"{sentence[: m.start(1)]} également{sentence[m.start(1):]}"))
    if (m := _REPORTING.search(sentence)) and not any(start <= m.start() < end for start, end in quoted):
        other = "affirmé" if m.group(1) != "affirmé" else "déclaré"
        found.append(("verbe de parole", f"{sentence[: m.start(1)]}{other}{sentence[m.end(1):]}"))
    return found


def measure(model: str, texts: list[str], show: int) -> None:
    nlp = spacy.load(model, disable=["lemmatizer"])
    check = MeaningCheck(nlp, cache_size=100_000)
    start = time.perf_counter()
    lemmatizer = nlp.get_pipe("lemmatizer")  # loaded disabled, as the Analyser does; the check runs it
    docs = [lemmatizer(doc) for doc in nlp.pipe(texts)]
    parse_ms = (time.perf_counter() - start) * 1000 / len(texts)
    start = time.perf_counter()
    for doc in docs:
        read(doc)
    read_ms = (time.perf_counter() - start) * 1000 / len(texts)
    check.prepare(texts)
    pairs = [(kind, s, v) for s in texts for kind, v in variants(s)]
    check.prepare(v for _, _, v in pairs)
    start = time.perf_counter()
    selves = [check.compare(s, s) for s in texts]
    verdicts = [check.compare(s, v) for _, s, v in pairs]
    compare_ms = (time.perf_counter() - start) * 1000 / (len(texts) + len(pairs))
    doubtful = sum(bool(check.reading(s).doubts) for s in texts)
    print(f"{model}: {len(texts)} sentences, self-compare refused {sum(not x.ok for x in selves)}; "
          f"parse with a doubt {doubtful} ({100 * doubtful / len(texts):.1f} %); "
          f"parse {parse_ms:.1f} ms and claims {read_ms:.1f} ms per sentence, compare {1000 * compare_ms:.0f} µs "
          "(readings cached)")
    for kind in dict.fromkeys(k for k, _, _ in pairs):
        these = [x for (k, _, _), x in zip(pairs, verdicts, strict=True) if k == kind]
        refused = [x for x in these if not x.ok]
        print(f"  {kind}: {len(these)} variants, refused {len(refused)} ({100 * len(refused) / len(these):.1f} %), "
              f"of which uncertain {sum(x.uncertain for x in refused)}")
    refused = [(s, v, x) for (_, s, v), x in zip(pairs, verdicts, strict=True) if not x.ok]
    for s, v, x in refused[:show]:
        print(f"  - {s}\n    {v}\n    " + "\n    ".join(x.reasons))


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or not Path(args[0]).is_dir():
        sys.exit("usage: python benchmarks/meaning_corpus.py CORPUS_DIR [fr_core_news_sm fr_core_news_md …] [--show N]")
    show = int(args[args.index("--show") + 1]) if "--show" in args else 0
    names = [a for a in args[1:] if a.startswith("fr_")] or ["fr_core_news_sm"]
    texts = corpus_sentences(Path(args[0]))
    for name in names:
        measure(name, texts, show)
