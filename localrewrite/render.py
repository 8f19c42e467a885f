"""Article -> Markdown, HTML or JSON; atomic writes that never replace a file without --force."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import html
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any

from slugify import slugify as _slugify

from localrewrite.article import Article, word_count
from localrewrite.errors import OutputError

FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}
SLUG_MAX = 60
_META = ("title", "description", "slug", "keyphrase")  # the front matter, in this order

_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # any whitespace run but French no-break spaces
# Paragraph starts that Markdown would read as a heading, list, quote or credit line.
_MARKUP_START = re.compile(r"#{1,6}(?:\s|$)|[-*+](?:\s|$)|>|\d{1,9}[.)](?:\s|$)|_.*_$")


def _line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _md(text: str) -> str:
    """One line of Markdown text: "<" escaped, so that no HTML in the text reaches a Markdown renderer."""
    return _line(text).replace("<", "\\<")


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar: a JSON string is one, and reads back exactly."""
    return json.dumps(_line(value), ensure_ascii=False)


def to_markdown(article: Article) -> str:
    """Front matter (title, description, slug, keyphrase, the passages used if any), "# title", the blocks."""
    lines = ["---", *(f"{key}: {_yaml(getattr(article, key))}" for key in _META)]
    if article.sources:
        lines.append(f"sources: {_yaml(' '.join(article.sources))}")
    lines.append("---")
    if _line(article.title):
        lines += ["", f"# {_md(article.title)}"]
    previous = ""
    for block in article.blocks:
        text = _md(block.text)
        if not text:
            continue
        if not (block.kind == "li" and previous == "li"):
            lines.append("")
        if block.kind == "p" and _MARKUP_START.match(text):
            text = "\\" + text
        prefix = {"h2": "## ", "h3": "### ", "li": "- "}.get(block.kind, "")
        lines.append(f"_{text}_" if block.kind == "credit" else prefix + text)
        previous = block.kind
    return "\n".join(lines) + "\n"


_SCRIPT_SAFE = {ord(char): f"\\u{ord(char):04x}" for char in "<>&\u2028\u2029"}


def _json_in_script(data: Any) -> str:
    """JSON that cannot close or comment out its <script> element: "<", ">", "&" written as \\u003c..."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_SAFE)


def _schema(article: Article, lang: str, date: str | None) -> list[dict[str, Any]]:
    """schema.org NewsArticle, plus FAQPage when the article has an FAQ."""
    news = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.description,
        "keywords": article.keyphrase,
        "articleBody": article.body,
        "inLanguage": lang,
        "datePublished": date,
    }
    graphs: list[dict[str, Any]] = [{key: value for key, value in news.items() if value}]
    if article.faqs:
        questions = [
            {"@type": "Question", "name": f.question, "acceptedAnswer": {"@type": "Answer", "text": f.answer}}
            for f in article.faqs
        ]
        graphs.append({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions})
    return graphs


def to_html(article: Article, *, lang: str = "fr", date: str | None = None) -> str:
    """A complete HTML5 page; every piece of the article is escaped, JSON-LD included."""
    esc = html.escape
    head = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">']
    head.append(f"<title>{esc(_line(article.title))}</title>")
    if article.description:
        head.append(f'<meta name="description" content="{esc(_line(article.description))}">')
    for graph in _schema(article, lang, date):
        head.append(f'<script type="application/ld+json">\n{_json_in_script(graph)}\n</script>')
    body = [f"<h1>{esc(_line(article.title))}</h1>"]
    in_list = False
    for block in article.blocks:
        text = esc(_line(block.text))
        if not text:
            continue
        if in_list and block.kind != "li":
            body.append("</ul>")
        if block.kind == "li" and not in_list:
            body.append("<ul>")
        in_list = block.kind == "li"
        if block.kind in ("h2", "h3", "li"):
            body.append(f"<{block.kind}>{text}</{block.kind}>")
        elif block.kind == "credit":
            body.append(f'<p class="credit"><em>{text}</em></p>')
        else:
            body.append(f"<p>{text}</p>")
    if in_list:
        body.append("</ul>")
    page = ["<!DOCTYPE html>", f'<html lang="{esc(lang)}">', "<head>", *head, "</head>"]
    page += ["<body>", "<article>", *body, "</article>", "</body>", "</html>"]
    return "\n".join(page) + "\n"


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, PurePath):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(article: Article, extra: dict[str, Any]) -> str:
    """All article fields and the body word count, plus `extra` (report, settings, model, timings)."""
    data: dict[str, Any] = {key: getattr(article, key) for key in _META}
    data |= {
        "words": word_count(article.body),
        "blocks": [dataclasses.asdict(block) for block in article.blocks],
        "faqs": [dataclasses.asdict(faq) for faq in article.faqs],
        "sources": list(article.sources),
    }
    clash = data.keys() & extra.keys()
    if clash:
        raise ValueError(f"extra would replace article fields: {sorted(clash)}")
    return json.dumps({**data, **extra}, indent=2, ensure_ascii=False, default=_jsonable) + "\n"


def format_for(path: Path) -> str:
    """ "md", "html" or "json", from the output file's suffix."""
    try:
        return FORMATS[Path(path).suffix.lower()]
    except KeyError:
        raise OutputError(f"Unknown output format for {path}: use .md, .html or .json.") from None


def render(
    article: Article,
    fmt: str,
    extra: dict[str, Any] | None = None,
    *,
    lang: str = "fr",
    date: str | None = None,
) -> str:
    """The article as `fmt` ("md", "html" or "json"); `extra` goes into JSON only."""
    if fmt == "md":
        return to_markdown(article)
    if fmt == "html":
        return to_html(article, lang=lang, date=date)
    if fmt == "json":
        return to_json(article, extra or {})
    raise OutputError(f"Unknown output format {fmt!r}: use md, html or json.")


@contextlib.contextmanager
def claimed(path: Path, source: Path, *, force: bool = False) -> Iterator[list[Path]]:
    """Hold an output path for one run, checked before any work: its folder created if missing (the folders
    made are yielded, and removed again if the run fails) and writable, never the source itself (through a
    link or "..", too), an existing file only with force. A second run that claims the same path while this
    one holds it is refused."""
    path = Path(path)
    made = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()][::-1]
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tempfile.TemporaryFile(dir=path.parent).close()
        except (FileExistsError, NotADirectoryError):
            raise OutputError(f"Cannot write in {path.parent}: a file of that name is in the way.") from None
        except OSError as err:
            raise OutputError(f"Cannot write in {path.parent}: {err.strerror or err}.") from None
        if path.exists() and source.exists() and os.path.samefile(path, source):
            raise OutputError(f"{path} is the source itself: choose another output.")
        if path.exists() and not force:
            raise OutputError(f"{path} already exists: pass --force to overwrite it.")
        key = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
        with open(Path(tempfile.gettempdir()) / f"localrewrite-{key}.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(f"{path} is being written by another localrewrite run.") from None
            yield made
    except BaseException:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        raise


def write_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write UTF-8 text through a temporary file in the same folder; an existing file needs force."""
    path = Path(path)
    if path.exists() and not force:
        raise OutputError(f"{path} already exists: pass --force to overwrite it.")
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for open()
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as err:
        raise OutputError(f"Cannot write {path}: {err.strerror or err}.") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """A URL slug: lower-case ASCII words joined by "-", cut at a word boundary ("" for no words)."""
    text = text.replace("’", "'").replace("ʼ", "'")  # "d’Al-Qods" -> "d-al-qods", as "d'Al-Qods"
    return _slugify(text, max_length=max_length, word_boundary=True, save_order=True)
