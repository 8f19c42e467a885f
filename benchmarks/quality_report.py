"""What benchmarks/quality.py measured (one Run per article and method) and the tables of QUALITY.md."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from localrewrite.check import Report
from localrewrite.results import markdown_table


@dataclass
class Run:
    """One article written one way ("pipeline" or "plain")."""

    article: str
    method: str
    report: Report | None = None  # None: the run failed (error says why); it fails every bar
    words: int = 0
    subheadings: int = 0
    seconds: float = 0.0
    generated_tokens: int = 0
    tokens_per_second: float = 0.0
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.article, "method": self.method, "words": self.words,
                "subheadings": self.subheadings, "seconds": round(self.seconds, 2),
                "generated_tokens": self.generated_tokens, "tokens_per_second": round(self.tokens_per_second, 1),
                "error": self.error, "report": self.report.as_dict() if self.report else None}


@dataclass
class BarStat:
    name: str
    bar: str
    passed: int
    total: int
    median: float | None  # of the numeric values; None when there are none
    values: list[Any] = field(default_factory=list)

    @property
    def rate(self) -> str:
        return f"{self.passed}/{self.total}"


# -- aggregation --------------------------------------------------------------------------------------


def aggregate(runs: list[Run]) -> list[BarStat]:
    """Pass count and median value per bar, bars in report order; a failed run fails every bar."""
    stats: dict[str, BarStat] = {}
    for run in runs:
        for check in run.report.checks if run.report else ():
            stat = stats.setdefault(check.name, BarStat(check.name, check.bar, 0, len(runs), None))
            stat.passed += check.passed
            stat.values.append(check.value)
    for stat in stats.values():
        numbers = [v for v in stat.values if isinstance(v, int | float) and not isinstance(v, bool)]
        stat.median = statistics.median(numbers) if numbers else None
    return list(stats.values())


def _median(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def bar_table(pipeline: list[Run], plain: list[Run]) -> str:
    """Per bar: pass rate and median, pipeline and plain side by side; last row: every bar passed."""
    ours, theirs = aggregate(pipeline), {s.name: s for s in aggregate(plain)}
    header = ["check", "bar", "pipeline passed", "pipeline median"]
    if plain:
        header += ["plain passed", "plain median"]
    rows = []
    for stat in ours + [s for s in theirs.values() if s.name not in {o.name for o in ours}]:
        mine = stat if stat in ours else None
        row = [stat.name, stat.bar, mine.rate if mine else f"0/{len(pipeline)}", _median(mine.median if mine else None)]
        if plain:
            other = theirs.get(stat.name)
            row += [other.rate if other else f"0/{len(plain)}", _median(other.median if other else None)]
        rows.append(row)
    every = ["all bars", "", f"{sum(bool(r.report and r.report.passed) for r in pipeline)}/{len(pipeline)}", ""]
    if plain:
        every += [f"{sum(bool(r.report and r.report.passed) for r in plain)}/{len(plain)}", ""]
    return markdown_table(header, [*rows, every])


def article_table(runs: list[Run]) -> str:
    rows = []
    for run in runs:
        if run.report is None:
            rows.append([run.article, "failed", "", run.error[:80], "", ""])
            continue
        rows.append([run.article, str(run.words), str(run.subheadings),
                     f"{run.report.passed_count}/{len(run.report.checks)}", f"{run.seconds:.1f}",
                     f"{run.tokens_per_second:.1f}" if run.tokens_per_second else "–"])
    return markdown_table(["article", "words", "subheadings", "checks passed", "seconds", "tokens/s"], rows)


def quality_markdown(pipeline: list[Run], plain: list[Run], about: dict[str, Any]) -> str:
    lines = ["# Quality: the pipeline next to one plain prompt", "",
             f"Written by `python benchmarks/quality.py` on {about.get('date', '?')}: model {about.get('model', '?')}, "
             f"{len(pipeline)} articles from `{about.get('articles', '?')}`, settings: {about.get('settings', '?')}.",
             "", f"Pipeline: {about.get('pipeline', 'rewritten by this script')}.",
             "", "Plain: the seeds' own request sent once to the same model "
             f"({about.get('plain', 'skipped')}); its output is read as Markdown and given the pipeline's keyphrase "
             "for the SEO checks. Median: of each check's value over the articles (see `check.py`).", "",
             "## Pass rate per bar", "", bar_table(pipeline, plain), "", "## Pipeline, per article", "",
             article_table(pipeline)]
    if plain:
        lines += ["", "## Plain prompt, per article", "", article_table(plain)]
    return "\n".join(lines) + "\n"
