"""Read .txt/.md/.html sources into a Source: decoding, Unicode, seed request lines, residue stripped, publication
date."""

from __future__ import annotations

import codecs
import datetime
import json
import math
import re
import stat
import unicodedata
from dataclasses import dataclass
from html import unescape
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from localrewrite.article import word_count, words
from localrewrite.errors import InputError
from localrewrite.facts import sentences

if TYPE_CHECKING:
    from markdown_it.token import Token

MAX_BYTES = 2_000_000  # "huge": a news article is a few kB; more is not an article
MIN_WORDS = 80  # body words (numbers aside) after cleaning; fewer is not worth rewriting
MAX_WORDS = 10_000  # words of a source (--max-words): a long read has a few thousand; more is not an article
MAX_SENTENCE_WORDS = 300  # wire copy's longest sentences have about 80; a longer run has lost its punctuation
MAX_TOKEN_CHARS = 100  # no French word or name is longer; a longer run without a space is residue (or an attack)
TITLE_MAX_WORDS = 25
HEADING_MAX_WORDS = 12
WRAP_WIDTH = 100  # a block whose lines are all this short is hard-wrapped text
MAX_NULS = 4  # stray NUL bytes dropped from text, if also at most one per 1,000 bytes; more is binary
FORMATS = {"": "txt", ".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class Request:
    """What a seed's instruction lines ask for ("Customize this title in french...")."""

    title: str | None = None  # the source title given after "Customize this title in french"
    language: str | None = None  # "fr" for "be in french"
    min_words: int | None = None  # "create at least 700 words"
    subheadings: bool = False
    seo: bool = False


@dataclass(frozen=True)
class Source:
    """A clean source article: title, body paragraphs, attribution; residue removed."""

    title: str
    paragraphs: tuple[str, ...]
    subheadings: tuple[str, ...] = ()  # the source's own intertitles, kept out of paragraphs
    attribution: str | None = None  # "Reuters", "AFP", "Avec la contribution des agences"
    request: Request | None = None
    path: Path | None = None
    encoding: str = "utf-8"
    format: str = "txt"  # "txt" | "md" | "html"
    removed: tuple[str, ...] = ()  # residue lines stripped, for the report
    date: datetime.date | None = None  # publication date read from the file (meta tag, front matter, date line)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def read_source(path: Path, *, max_words: int = MAX_WORDS, min_words: int = MIN_WORDS) -> Source:
    """Read and clean a source file; raises InputError with a one-line message."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path} is a directory, not a file.")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path} is not a regular file.")
        if info.st_size > MAX_BYTES:
            raise InputError(f"{path} is too large ({info.st_size / 1e6:.1f} MB): the limit is 2 MB.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path} not found.") from None
    except OSError as err:
        raise InputError(f"{path} cannot be read: {err.strerror or err}.") from None
    text, encoding = _decode(data, path)
    return parse_text(text, fmt=FORMATS.get(path.suffix.lower(), "txt"), path=path, encoding=encoding,
                      max_words=max_words, min_words=min_words)


def parse_text(text: str, *, fmt: str = "txt", path: Path | None = None, encoding: str = "utf-8",
               max_words: int = MAX_WORDS, min_words: int = MIN_WORDS) -> Source:
    """Clean already-decoded text into a Source (of min_words words or more: an article's notes may be
    shorter than the article)."""
    label = str(path) if path is not None else "The text"
    text = _normalise(text)
    if not text.strip():
        raise InputError(f"{label} is empty.")
    if (n := word_count(text)) > max_words:
        raise InputError(f"{label} has {n:,} words, more than an article ({max_words:,} at most; "
                         "--max-words raises the limit).")
    html_date = _html_date(text) if fmt == "html" else None
    request, text = (None, _html_to_markdown(text)) if fmt == "html" else _split_request(text)
    asked_title = request.title if request and request.title else ""
    markdown = fmt in ("md", "html")
    meta_title, meta_date, text = _split_front_matter(text) if markdown else ("", None, text)
    date = html_date or (meta_date if fmt == "md" else None) or _date_line(text)  # trafilatura's date is a guess
    lines, removed = _strip_residue(text.split("\n"))
    want_title = not (asked_title or meta_title)
    title, units = _markdown_units(lines, want_title) if markdown else _text_units(lines, want_title)
    title = asked_title or title or meta_title
    units, attribution, tags = _attribution(units)
    units, repeats = _dedupe(units, title)
    subheadings, paragraphs = _classify(units)
    count = sum(any(c.isalpha() for c in word) for p in paragraphs for word in words(p))  # numbers aside
    if not count and any(c.isdigit() for p in paragraphs for c in p):
        raise InputError(f"{label} has no French text to rewrite (numbers only).")
    if count < min_words:
        raise InputError(
            f"{label} is too short to rewrite: {count} word{'s' * (count != 1)} of article text, "
            f"at least {min_words} needed."
        )
    if (longest := max(len(s.split()) for p in paragraphs for s in sentences(p))) > MAX_SENTENCE_WORDS:
        raise InputError(f"{label} has a sentence of {longest:,} words: not article text (its punctuation is "
                         f"missing; a sentence has at most {MAX_SENTENCE_WORDS}).")
    return Source(
        title=title,
        paragraphs=paragraphs,
        subheadings=subheadings,
        attribution=attribution,
        request=request,
        path=path,
        encoding=encoding,
        format=fmt,
        removed=tuple(removed + tags + repeats),
        date=date,
    )


# --- decoding and Unicode -------------------------------------------------------------------------

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# The encodings French text comes in. Unrestricted, charset-normalizer can rank cp1250 (Central European)
# level with cp1252 on French text and pick it: "à" then reads "ŕ".
_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "mac_roman", "utf_16"]


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer detects among _ENCODINGS;
    a few stray NUL bytes dropped."""
    if not data.startswith(_UTF16_BOMS):
        if data.count(b"\x00") > min(MAX_NULS, math.ceil(len(data) / 1000)):
            raise InputError(f"{path} is binary, not text.")
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_ENCODINGS).best()
    if best is None:
        raise InputError(f"{path} is not text in a known encoding.")
    return str(best), best.encoding


_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028]")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")  # \t is made a space first
_SPACES = re.compile(r"[ \t]+")


_GLUED = re.compile(r"(?<=[a-zà-ÿ]{3})\.(?=[A-ZÀ-Ý][a-zà-ÿ])")


def _normalise(text: str) -> str:
    """Unix line ends, NFC, no control or invisible characters, no runs of spaces, no trailing spaces, and
    a space after a sentence glued to the next by scraping ("dans un autre tweet.Des membres")."""
    text = _BREAKS.sub("\n", text).replace("\u2029", "\n\n").replace("\t", " ")
    text = _GLUED.sub(". ", _CONTROL.sub("", unicodedata.normalize("NFC", text)))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# --- the seed request lines -----------------------------------------------------------------------

_TITLE_LINE = re.compile(
    r"customi[sz]e\s+(?:this|the)\s+title\s+in\s+(?:french|fran[cç]ais)\s*[:\-–—]?\s*(?P<title>.*)", re.I
)
_ASK_LINE = re.compile(
    r"make\s+(?:this|the)\s+article\b|(?=.*\bwords?\b)(?=.*\b(?:seo|french|sub-?headings?)\b)", re.I
)


def _split_request(text: str) -> tuple[Request | None, str]:
    """The request lines at the top ("Customize this title in french<TITLE>", "Make this article...")."""
    lines = text.split("\n")
    title: str | None = None
    ask: str | None = None
    title_next = False  # "Customize this title in french:" with the title on the next line
    rest = len(lines)
    for i, line in enumerate(lines):
        if not line:
            continue
        if title is None and (match := _TITLE_LINE.match(line)):
            title = match.group("title").strip()
            title_next = not title
        elif ask is None and _ASK_LINE.match(line):
            ask = line
        elif title_next:
            title, title_next = line, False
        else:
            rest = i
            break
    if title is None and ask is None:
        return None, text
    ask = ask or ""
    words = re.search(r"(\d[\d\s.,]*)\s*(?:words?|mots)\b", ask, re.I)
    request = Request(
        title=title or None,
        language="fr" if title is not None or re.search(r"\b(?:french|français)\b", ask, re.I) else None,
        min_words=int(re.sub(r"\D", "", words.group(1))) if words else None,
        subheadings=bool(re.search(r"\bsub-?\s?headings?\b|\bintertitres?\b", ask, re.I)),
        seo=bool(re.search(r"\bseo\b", ask, re.I)),
    )
    return request, "\n".join(lines[rest:])


# --- HTML and Markdown ----------------------------------------------------------------------------


def _html_to_markdown(html: str) -> str:
    """The article of a saved web page as Markdown (title in front matter), by trafilatura, offline."""
    import trafilatura

    text = trafilatura.extract(  # images and links are left out by default
        html, output_format="markdown", include_formatting=True, with_metadata=True, include_comments=False,
        include_tables=False,
    )  # fmt: skip
    return _normalise(text or "")


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---(?:\n|\Z)", re.S)


def _split_front_matter(text: str) -> tuple[str, datetime.date | None, str]:
    """The title and date of a YAML front matter block, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", None, text
    found = re.search(r"^title:(.*)$", match.group(1), re.M)
    title = found.group(1).strip() if found else ""
    try:  # a double-quoted value is a JSON string, as trafilatura and render.to_markdown write it
        title = str(json.loads(title)) if title.startswith('"') else title
    except ValueError:
        title = title.strip('"')
    found = re.search(r"^date:(.*)$", match.group(1), re.M)
    return title, find_date(found.group(1)) if found else None, text[match.end():]


# --- the publication date -------------------------------------------------------------------------

_MONTHS = {name: i for i, names in enumerate(
    ("janvier", "février fevrier", "mars", "avril", "mai", "juin", "juillet", "août aout", "septembre",
     "octobre", "novembre", "décembre decembre"), start=1) for name in names.split()}
_DATE = re.compile(
    r"(?<!\d)(?P<iso>(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2}))(?!\d)"
    r"|(?<!\d)(?P<dn>\d{1,2})[/.](?P<mn>\d{1,2})[/.](?P<yn>\d{4})(?!\d)"
    rf"|(?<!\d)(?P<dt>\d{{1,2}}|1er)\s+(?P<mt>{'|'.join(_MONTHS)})\s+(?P<yt>\d{{4}})(?!\d)",
    re.I,
)
# What a date line may hold besides its date: "Publié le samedi 12/01/2019 à 10h12 - Mis à jour le …"
_DATE_LINE_WORDS = frozenset(
    "publié publiée publie le la mis mise à a jour modifié modifiée actualisé actualisée dernière en ligne et "
    "lundi mardi mercredi jeudi vendredi samedi dimanche h min gmt utc cet cest".split()
)
_TIME = re.compile(r"\b\d{1,2}\s*[h:]\s*(?:\d{2})?\b", re.I)
DATE_LINES = 5  # a date line is among the first non-empty lines


def find_date(text: str) -> datetime.date | None:
    """The first valid date in text: ISO (2019-01-12), French numeric (12/01/2019, 12.01.2019) or written
    out ("12 janvier 2019", "1er mai 2019")."""
    for match in _DATE.finditer(text):
        if match.group("iso"):
            parts = (match.group("y"), match.group("m"), match.group("d"))
        elif match.group("yn"):
            parts = (match.group("yn"), match.group("mn"), match.group("dn"))
        else:
            day = match.group("dt").lower()
            parts = (match.group("yt"), str(_MONTHS[match.group("mt").lower()]), "1" if day == "1er" else day)
        try:
            return datetime.date(*map(int, parts))
        except ValueError:
            continue
    return None


def _date_line(text: str) -> datetime.date | None:
    """The date of a line near the top that holds a date and nothing else but words like "Publié le", a
    weekday or a time ("Publié le 12/01/2019 à 10h12", "Samedi 12 janvier 2019", "2019-01-12"); a title
    or a sentence that mentions a date is no date line."""
    for line in islice((line for line in text.split("\n") if line.strip()), DATE_LINES):
        if (date := find_date(line)) is None:
            continue
        rest = re.findall(r"[^\W\d_]+", _TIME.sub(" ", _DATE.sub(" ", line)).casefold())
        if all(word in _DATE_LINE_WORDS for word in rest):
            return date
    return None


# Meta tags that give a page's publication date, best first; then the first <time datetime="…">.
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "dc.date", "dc.date.issued")
_DATE_TAG = re.compile(r"<(meta|time)\b([^<>]*)>", re.I)  # stops at the next tag: linear on any page
_ATTRIBUTE = re.compile(r"""(?<![\w:.-])([\w:.-]{1,64})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _html_date(page: str) -> datetime.date | None:
    """The publication date of a web page's meta tags, else of its first <time datetime>: tags found by a
    regular expression, which no malformed markup can make fail."""
    meta: dict[str, str] = {}
    times: list[str] = []
    for tag, attributes in _DATE_TAG.findall(page):
        values = {name.casefold(): unescape(a or b or c) for name, a, b, c in _ATTRIBUTE.findall(attributes)}
        if tag.lower() == "time":
            times += [values["datetime"]] if "datetime" in values else []
            continue
        name = (values.get("property") or values.get("name") or values.get("itemprop") or "").casefold()
        if name in _DATE_META:
            meta.setdefault(name, values.get("content", ""))
    values = [meta[name] for name in _DATE_META if name in meta] + times[:1]
    return next((date for value in values if (date := find_date(value)) is not None), None)


_Unit = tuple[str, str]  # (kind, text): "h" a heading, "p" a paragraph, "?" a paragraph or an intertitle


def _markdown_units(lines: list[str], want_title: bool) -> tuple[str, list[_Unit]]:
    """Markdown markup stripped: the first "# " heading is the title (else, as in plain text, a lone short
    first line), other headings are intertitles, list items paragraphs, hard-wrapped lines unwrapped;
    emphasis dropped, links keep their text, images and code dropped."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    has_h1 = any(t.type == "heading_open" and t.tag == "h1" for t in tokens)
    want_title = want_title and not has_h1 and sum(t.type == "inline" for t in tokens) > 1
    title = ""
    units: list[_Unit] = []
    lists = 0
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "inline" and (texts := _inline_lines(token)):
            if previous is not None and previous.type == "heading_open":
                if previous.tag == "h1" and not title:
                    title = " ".join(texts)
                else:
                    units.append(("h", " ".join(texts)))
            elif want_title and not (title or units or lists) and len(texts) == 1 and _is_title(texts[0]):
                title = texts[0]
            else:
                units.extend(("p" if lists else "?", text) for text in _unwrap(texts))
    return title, units


def _inline_lines(token: Token) -> list[str]:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    lines = (re.sub(r" {2,}", " ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


# --- plain text -----------------------------------------------------------------------------------


def _text_units(lines: list[str], want_title: bool) -> tuple[str, list[_Unit]]:
    """Blocks between blank lines; a block of long lines holds one paragraph per line (scraped text),
    a block of short lines is hard-wrapped text. A lone short first line is the title."""
    blocks = [block.split("\n") for block in re.split(r"\n\n+", "\n".join(lines).strip("\n")) if block]
    title = ""
    if want_title and len(blocks) > 1 and len(blocks[0]) == 1 and _is_title(blocks[0][0]):
        title = blocks.pop(0)[0]
    units: list[_Unit] = []
    for block in blocks:
        if max(map(len, block)) <= WRAP_WIDTH:
            units.extend(("?", text) for text in _unwrap(block))
        else:
            units.extend(("?", line) for line in block)
    return title, units


def _unwrap(lines: list[str]) -> list[str]:
    """Hard-wrapped lines joined into paragraphs; an intertitle stands alone: a line shaped as a heading,
    clearly shorter than the wrap width, after a sentence end (or first)."""
    width = max(map(len, lines))
    short = [_is_heading(line) and 3 * len(line) <= 2 * width for line in lines]
    paragraphs = [[lines[0]]]
    for i in range(1, len(lines)):
        if (short[i] and lines[i - 1][-1] in ".!?…»") or (short[i - 1] and len(paragraphs[-1]) == 1):
            paragraphs.append([])
        paragraphs[-1].append(lines[i])
    return [" ".join(paragraph) for paragraph in paragraphs]


def _is_title(line: str) -> bool:
    return word_count(line) <= TITLE_MAX_WORDS and not line.endswith(".") and _tag_credit(line) is None


# --- residue --------------------------------------------------------------------------------------

_RESIDUE_LINE = re.compile(
    r"""[\s>»•*_\[\-–—]*(?:
        source\s*link\b.*                                            # "Source link -57"
      | ©.*                                                          # "© Reuter. PHOTO DE DOSSIER : ..."
      | \(\s*(?:photos?|cr[ée]dits?|illustration)\b[^()]*\)            # "(Photo AFP)"
      | cr[ée]dits?\s+photos?\b.* | cr[ée]dits?\s*:.*                  # "Crédit photo : ..."
      | photos?\s*(?::|d['’]illustration\b|de\s+dossier\b).*           # "Photo : ...", "PHOTO DE DOSSIER"
      | (?:[àa]\s+voir|[àa]\s+lire|lire|voir)(?:\s+(?:aussi|[ée]galement|la\s+suite))?\s*:.*  # "À voir : ..."
      | voir\s+(?:l['’]image|la\s+vid[ée]o|les\s+autres\s+tweets)\b.*  # Twitter embed captions
      | (?:publi[ée]|mis\s+[àa]\s+jour|modifi[ée])\s+le\s+\d.{0,60}   # "Publié le 12/02/2019 à 10h"
      | [^()\n—–]{1,60}\(@\w{1,15}\)[^()\n]{0,30}\d{4}                 # "Name (@handle) 6 janvier 2019"
    )""",
    re.I | re.X,
)
_RESIDUE_INLINE = re.compile(
    r"""\s*(?:https?://)?pic\.twitter\.com/\S+                         # tweet picture links
      | \s*https?://t\.co/\S+                                          # tweet short links
      | \s*[—–-]\s*[^()\n—–]{1,60}\(@\w{1,15}\)[^()\n]{0,40}$           # "— Name (@handle) date"
      | \s*\(\s*(?:photos?|cr[ée]dits?\s+photos?)\b[^()]*\)             # "(Photo ...)" in a sentence
    """,
    re.I | re.X,
)
_NAME_PARTICLES = frozenset("et and avec de du des la le van von der al el ben".split())


_OVERLONG = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


def _strip_residue(lines: list[str]) -> tuple[list[str], list[str]]:
    """Lines without scraping residue, and the residue removed: runs of more than MAX_TOKEN_CHARS characters
    without a space (no word is so long; the parser, the grammar checker and the language detector would
    choke on them), a line repeating the line before (an embedded tweet scraped twice: its text, then the
    embed)."""
    kept: list[str] = []
    removed: list[str] = []
    for line in lines:
        if overlong := _OVERLONG.findall(line):
            removed += [f"{run[:40]}… ({len(run):,} characters without a space)" for run in overlong]
            line = " ".join(_OVERLONG.sub(" ", line).split())
        if line and _tag_credit(line) is None:
            if _RESIDUE_LINE.fullmatch(line) or _is_byline(line):
                removed.append(line)
                continue
            cleaned = _RESIDUE_INLINE.sub("", line).strip()
            if cleaned != line:
                removed.extend(m.group().strip() for m in _RESIDUE_INLINE.finditer(line))
                line = cleaned
            if not any(c.isalnum() for c in line):  # empty, or punctuation only ("***", "—")
                if line:
                    removed.append(line)
                line = ""
            elif kept and kept[-1] and _key(kept[-1]) == _key(line):
                removed.append(line)
                continue
        kept.append(line)
    return kept, removed


def _is_byline(line: str) -> bool:
    """ "Par Ahmed Rasheed, Parisa Hafezi et Timour Azhari": names only, no sentence."""
    match = re.fullmatch(r"par\s+([^.!?:;]+)", line, re.I)
    if not match:
        return False
    words = re.findall(r"[\w’'-]+", match.group(1))
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and words[0][0].isupper()
        and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words)
    )


# --- attribution ----------------------------------------------------------------------------------

_AGENCIES = {w.lower(): w for w in ("AFP", "Reuters", "Belga", "AP", "ATS", "DPA", "ANSA", "EFE")}
_AGENCIES |= {"sda": "ATS", "nxp": "", "agences": "avec agences"}  # "": part of a tag, no credit of its own
_TAG_WORDS = frozenset("avec et la le les l de des du d contribution source sources par".split())
_DATELINE = re.compile(r"(?P<place>[A-ZÀ-Ý][^()\n]{0,40}?)\s*\((?P<tag>[^()]{1,40})\)\s*[-–—]\s*")
_TRAILING_TAG = re.compile(r"\s*\((?P<tag>[^()]{1,40})\)\s*$")


def _tag_credit(text: str) -> str | None:
    """The short credit if `text` is only an agency tag ("(avec AFP)", "(ats/nxp)"), else None."""
    if re.search(r"[^\w\s()/,.:&'’\-–—]|[\d_]", text):
        return None
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if not 0 < len(words) <= 8 or not all(w in _AGENCIES or w in _TAG_WORDS for w in words):
        return None
    names = [_AGENCIES[w] for w in words if w in _AGENCIES]
    return ", ".join(dict.fromkeys(n for n in names if n)) if names else None


def _attribution(units: list[_Unit]) -> tuple[list[_Unit], str | None, list[str]]:
    """Agency tags and datelines moved out of the text into one short credit."""
    credits: list[str] = []
    removed: list[str] = []
    kept: list[_Unit] = []
    for kind, text in units:
        credit = _tag_credit(text)
        if credit is not None:
            credits.append(credit)
            removed.append(text)
            continue
        match = _DATELINE.match(text)
        credit = _tag_credit(match.group("tag")) if match and word_count(match.group("place")) <= 6 else None
        if match and credit is not None:
            credits.append(credit)
            removed.append(match.group().strip())
            text = text[match.end():]
        match = _TRAILING_TAG.search(text)
        if match and (credit := _tag_credit(match.group("tag"))) is not None:
            credits.append(credit)
            removed.append(match.group().strip())
            text = text[: match.start()]
        if text:
            kept.append((kind, text))
    credit_line = ", ".join(dict.fromkeys(c for c in credits if c))
    return kept, credit_line or None, removed


# --- repeats and intertitles ----------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _dedupe(units: list[_Unit], title: str) -> tuple[list[_Unit], list[str]]:
    """Drop the second copy of any paragraph (embedded tweets are scraped twice), or of the title."""
    seen = {_key(title)}
    kept: list[_Unit] = []
    removed: list[str] = []
    for kind, text in units:
        key = _key(text)
        if key in seen:
            removed.append(text)
        else:
            seen.add(key)
            kept.append((kind, text))
    return kept, removed


def _is_heading(text: str) -> bool:
    first_letter = next((c for c in text if c.isalpha()), "")
    return first_letter.isupper() and word_count(text) <= HEADING_MAX_WORDS and text[-1] not in ".!?:»…;,"


def _classify(units: list[_Unit]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Intertitles (Markdown headings, or short lines standing alone between paragraphs) and paragraphs."""
    short = [kind == "?" and _is_heading(text) for kind, text in units]
    subheadings: list[str] = []
    paragraphs: list[str] = []
    for i, (kind, text) in enumerate(units):
        between = 0 < i < len(units) - 1 and not short[i + 1] and units[i + 1][0] != "h"
        if kind == "h" or (short[i] and between):
            subheadings.append(text)
        else:
            paragraphs.append(text)
    return tuple(subheadings), tuple(paragraphs)
