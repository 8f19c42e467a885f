"""rewrite(): ingest -> (translate) -> analyse -> plan -> write -> check; the only place that knows the order."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localrewrite.analyse import Analyser, Analysis, parse, whole_sentences
from localrewrite.archive import Archive, default_archive_path
from localrewrite.article import Article, parse_markdown, word_count
from localrewrite.backends import Backend, Stats, get_backend
from localrewrite.boxes import people
from localrewrite.check import Report, check_article, language_of
from localrewrite.context import NOTES, Extract, from_archive, read_notes, support_text
from localrewrite.errors import InputError
from localrewrite.facts import sentences
from localrewrite.gate import audit
from localrewrite.grammar import Grammar
from localrewrite.ingest import Source, read_source
from localrewrite.meaning import MeaningCheck, Verdict, folded
from localrewrite.paraphrase.engine import Paraphraser
from localrewrite.paraphrase.words import swaps_only, synonymous
from localrewrite.plan import plan
from localrewrite.settings import Settings
from localrewrite.translate import LANGUAGES, Translation, leave_out_foreign, translate
from localrewrite.write import Event, Writer, WriteStats, french_times, full_names

DEFAULT_WORDS = 700
CONTEXT_PASSAGES = 12  # archived passages offered to the writer, best first; it takes them while the article is short


@dataclass
class Result:
    """One rewritten article with everything the report and the JSON output need."""

    article: Article
    report: Report
    source: Source
    settings: Settings
    model: str
    target_words: int
    writing: WriteStats
    tokens: Stats
    timings: dict[str, float] = field(default_factory=dict)
    translation: Translation | None = None  # set when the source was in another language
    left_out: tuple[str, ...] = ()  # sentences of a French source in another language, not rewritten
    extracts: list[Extract] = field(default_factory=list)  # the notes' and archive's passages used

    @property
    def words(self) -> int:
        return word_count(self.article.body)

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())

    @property
    def tokens_per_second(self) -> float:
        return self.tokens.generated_tokens / self.tokens.seconds if self.tokens.seconds else 0.0

    def metadata(self) -> dict[str, Any]:
        """Everything but the article, for the JSON output."""
        return {
            "report": self.report.as_dict(),
            "source": {"path": str(self.source.path) if self.source.path else None, "title": self.source.title,
                       "encoding": self.source.encoding, "format": self.source.format,
                       "attribution": self.source.attribution, "removed": list(self.source.removed),
                       "foreign_left_out": list(self.left_out),
                       "translation": self.translation.as_dict() if self.translation else None},
            "settings": {**self.settings.as_dict(), "words": self.target_words},
            "context": [e.as_dict() for e in self.extracts],
            "model": self.model,
            "writing": self.writing.as_dict(),
            "tokens": {"prompt_evaluated": self.tokens.prompt_tokens, "generated": self.tokens.generated_tokens,
                       "calls": self.tokens.calls, "tokens_per_second": round(self.tokens_per_second, 1)},
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


class Rewriter:
    """Holds the backend, spaCy, the paraphraser and the checks for many articles (batch mode loads each once)."""

    def __init__(self, settings: Settings, *, backend: Backend | None = None,
                 analyser: Analyser | None = None) -> None:
        self.settings = settings
        self.timings: dict[str, float] = {}
        start = time.perf_counter()
        self.analyser = analyser or Analyser(settings.spacy_model)
        self.backend = backend or get_backend(settings)
        self.paraphraser = Paraphraser(self.analyser.nlp, self.backend)
        self.meaning = MeaningCheck(self.analyser.nlp)
        self.grammar = Grammar()
        self.archive = open_archive(settings)
        self.timings["load_model"] = time.perf_counter() - start

    def rewrite(self, source: Source | Path, on_event: Callable[[Event], None] | None = None, *,
                notes: Sequence[Extract] = ()) -> Result:
        """One article; notes: the journalist's own material (context.read_notes), a second source."""
        timings: dict[str, float] = {}
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[name] = now - clock
            clock = now

        if isinstance(source, Path):
            source = read_source(source, max_words=self.settings.max_words)
        lap("ingest")
        translation, left_out = None, ()
        if found := foreign_language(source, self.settings):
            source, translation = self._translate(source, found, on_event)
            lap("translate")
        else:
            source, left_out = leave_out_foreign(source)
        if on_event:
            on_event(Event("stage", label="analysing the source"))
        analysis = self.analyser(source)
        _require_text(analysis)
        lap("analyse")
        target = target_words(self.settings, source)
        outline = plan(analysis, target_words=target, keyphrase=self.settings.keyphrase)
        extracts = list(notes)
        if self.archive is not None:
            extracts += from_archive(self.archive.related(analysis.facts.source_text, names(analysis),
                                                          outline.keyphrase, date=source.date,
                                                          limit=CONTEXT_PASSAGES))
        lap("plan")
        before = self.backend.stats.copy()
        draft = Writer(self.backend, analysis, outline, self.settings, on_event, paraphraser=self.paraphraser,
                       meaning=self.meaning, grammar=self.grammar, extracts=extracts).write()
        tokens = self.backend.stats.since(before)
        lap("write")
        report = report_on(draft.article, analysis, target, draft.extracts, self.analyser, self.meaning)
        if translation:
            report.checks.append(translation.check())
        lap("check")
        return Result(draft.article, report, source, self.settings, self.backend.model_name, target,
                      draft.stats, tokens, timings, translation, left_out, draft.extracts)

    def _translate(self, source: Source, language: str,
                   on_event: Callable[[Event], None] | None) -> tuple[Source, Translation]:
        def on_sentence(done: int, total: int) -> None:
            if on_event:
                on_event(Event("translate", done, total, label=LANGUAGES.get(language, language)))

        return translate(source, language, self.backend, self.settings, on_sentence=on_sentence,
                         entities=lambda text: [e.text for e in self.analyser.entities(text)])

    def close(self) -> None:
        self.backend.close()
        if self.archive is not None:
            self.archive.close()


def _require_text(analysis: Analysis) -> None:
    if not any(p.sentences for p in analysis.paragraphs):
        name = analysis.source.path or "The source"
        raise InputError(f"{name} has no sentences to rewrite.")


def foreign_language(source: Source, settings: Settings) -> str | None:
    """The source's language when lingua finds it is not the target language, else None."""
    found = language_of(source.text[:3000])
    return found if found and found != settings.language else None


def target_words(settings: Settings, source: Source) -> int:
    """--words, else the request line's minimum, else 700 (flag > request line > default)."""
    return settings.words or (source.request.min_words if source.request else None) or DEFAULT_WORDS


def read_article(path: Path) -> Article:
    """An article as render wrote it: Markdown (.md) or JSON (.json); HTML is not read back."""
    if not path.is_file():
        raise InputError(f"{path} not found.")
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise InputError(f"{path} cannot be read: {err.strerror or err}.") from None
    if path.suffix.lower() == ".json":
        try:
            return Article.from_dict(json.loads(text))
        except (ValueError, TypeError) as err:
            raise InputError(f"{path} is not an article written by localrewrite ({err}).") from None
    if path.suffix.lower() in (".html", ".htm"):
        raise InputError(f"{path}: HTML cannot be read back; check the .md or .json output instead.")
    return parse_markdown(text)


def check_file(article_path: Path, source_path: Path, settings: Settings,
               analyser: Analyser | None = None, *, notes: Path | None = None) -> Report:
    """The quality report of an existing article (.md or .json) against its source, and the notes' and
    archive's passages it names as its other sources; no model is loaded."""
    article = read_article(article_path)
    source = read_source(source_path, max_words=settings.max_words)
    if found := foreign_language(source, settings):
        raise InputError(f"{source_path} is in {LANGUAGES.get(found, found)}: an article written from a translation "
                         "cannot be checked against the original (rewrite reports its checks against the translation).")
    extracts = used_extracts(article, settings, notes)
    analyser = analyser or Analyser(settings.spacy_model)
    analysis = analyser(leave_out_foreign(source)[0])
    return report_on(article, analysis, target_words(settings, source), extracts, analyser,
                     MeaningCheck(analyser.nlp))


def used_extracts(article: Article, settings: Settings, notes: Path | None) -> list[Extract]:
    """The passages an article names in its `sources`, from the notes file and the archive."""
    wanted = set(article.sources)
    found = [e for e in read_notes(notes, settings.max_words) if e.id in wanted] if notes else []
    ids = [i for i in article.sources if not i.startswith(f"{NOTES}#")]
    if ids and (archive := open_archive(settings)) is not None:
        try:
            found += from_archive(archive.passages(ids))
        finally:
            archive.close()
    if missing := wanted - {e.id for e in found}:
        raise InputError(f"The article is also written from {len(missing)} passage(s) that "
                         f"{'--notes and ' if any(i.startswith(NOTES) for i in missing) else ''}the archive do not "
                         f"give ({', '.join(sorted(missing)[:3])}): pass the notes (--notes) and archive (--archive) "
                         "it was written with.")
    return found


def report_on(article: Article, analysis: Analysis, target: int, extracts: Sequence[Extract], analyser: Analyser,
              meaning: MeaningCheck) -> Report:
    """The quality report: the facts rows against the source and the extracts used, the others against the
    source."""
    given = analyser.widened(analysis.facts, support_text(extracts))
    spans = [s for e in extracts for s in whole_sentences(sentences(e.text))]
    return check_article(article, analysis.facts, target_words=target, source_title=analysis.source.title,
                         output_entities=analyser.entities(article.body),
                         meaning=meaning_refusals(meaning, article, analysis, spans),
                         unsupported=unsupported_sentences(article, analysis, spans, given.source_text),
                         given=given)


def open_archive(settings: Settings) -> Archive | None:
    """The archive a run reads: --archive PATH (an error if it is missing), else the default one if it exists;
    none with --no-archive."""
    if not settings.use_archive:
        return None
    path = settings.archive or default_archive_path()
    if settings.archive is None and not path.exists():
        return None
    return Archive(path)


def names(analysis: Analysis) -> list[str]:
    """The source's people, places and organisations, for retrieval."""
    return [e.text for e in analysis.facts.entities if e.label in ("PER", "ORG", "LOC")]


def _said(article: Article) -> list[str]:
    """The body's sentences, a quotation of several sentences kept whole."""
    return [s for line in article.body.splitlines() for s in whole_sentences(sentences(line))]


def unsupported_sentences(article: Article, analysis: Analysis, more: Sequence[str] = (),
                          more_text: str = "") -> list[tuple[str, list[str]]]:
    """The article's sentences that the gate's word tests refuse against the whole source and the extracts'
    sentences (more; more_text: all the text they may use), by gate.audit."""
    spans = [analysis.source.title, *(s for p in analysis.paragraphs for s in whole_sentences(list(p.sentences))),
             *more]
    return audit(_said(article), spans, more_text or analysis.facts.source_text)


def meaning_refusals(meaning: MeaningCheck, article: Article, analysis: Analysis,
                     more: Sequence[str] = ()) -> list[tuple[str, Verdict]]:
    """The article's sentences whose claims their source sentences do not make (synonym swaps the
    paraphraser may make count as the same word, a surname as the full name it shortens; times are read as
    the article writes them, "9 h 30" for "09h30"). A refused sentence
    that differs from its aligned source by such swaps alone keeps its claims by construction: its verdict is
    the parser's noise and is dropped; so is one that keeps the claims of its source's key point (the source
    without its asides, faithful by construction), read alone: "L'essentiel" says those."""
    known = people(analysis.facts)  # every surname said whole on both sides: the article cuts names the source
    #                                 gives in full, and the source has its own cut ones ("Qaani")
    sources = [full_names(french_times(s), known) for s in [*analysis.sentences, *more]]  # "09h30" as written
    whole = {full_names(s, known): s for s in _said(article)}

    def same(a: str, b: str) -> bool:
        return folded(a, b) or synonymous(a, b)

    refused = meaning.check_article(list(whole), sources, same=same)
    points = {full_names(french_times(s), known): full_names(french_times(point), known)
              for s, point in analysis.points.items()}

    def cleared(text: str, source: str) -> bool:
        if swaps_only(*parse(meaning.nlp, [text, source])):
            return True
        point = points.get(source)
        return point is not None and (swaps_only(*parse(meaning.nlp, [text, point])) or meaning.compare(
            point, text, same=same).ok)

    return [(whole[text], verdict) for text, verdict in refused if not cleared(text, verdict.source)]


def rewrite(source: Source | Path | str, settings: Settings | None = None, *,
            backend: Backend | None = None, on_event: Callable[[Event], None] | None = None) -> Result:
    """Rewrite one article (a path or a Source) with a fresh Rewriter."""
    rewriter = Rewriter(settings or Settings(), backend=backend)
    try:
        return rewriter.rewrite(Path(source) if isinstance(source, str) else source, on_event)
    finally:
        if backend is None:
            rewriter.close()
