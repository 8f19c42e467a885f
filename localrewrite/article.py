"""The rewritten article as data: what write produces, render prints and check reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, get_args

BlockKind = Literal["h2", "h3", "p", "li", "credit"]
BLOCK_KINDS = get_args(BlockKind)


@dataclass(frozen=True)
class Block:
    """One piece of the body: a subheading, a paragraph, a list item or the credit line."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Faq:
    question: str
    answer: str


@dataclass
class Article:
    """A finished article: SEO metadata plus the body as a flat list of blocks."""

    title: str
    description: str = ""
    slug: str = ""
    keyphrase: str = ""
    blocks: list[Block] = field(default_factory=list)
    faqs: list[Faq] = field(default_factory=list)
    sources: tuple[str, ...] = ()  # ids of the notes' and archive's passages it is also written from

    @classmethod
    def from_dict(cls, data: object) -> Article:
        """The article of render.to_json's output (its other keys ignored); ValueError when data is not one."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        texts = {key: data.get(key, "") for key in ("title", "description", "slug", "keyphrase")}
        blocks, faqs, sources = data.get("blocks", []), data.get("faqs", []), data.get("sources", [])
        if not (all(isinstance(v, str) for v in texts.values()) and isinstance(blocks, list)
                and isinstance(faqs, list)
                and all(isinstance(b, dict) and b.get("kind") in BLOCK_KINDS and isinstance(b.get("text"), str)
                        for b in blocks)
                and all(isinstance(f, dict) and isinstance(f.get("question"), str)
                        and isinstance(f.get("answer"), str) for f in faqs)
                and isinstance(sources, list) and all(isinstance(s, str) for s in sources)):
            raise ValueError("a field of the wrong type")
        return cls(**texts, blocks=[Block(b["kind"], b["text"]) for b in blocks],
                   faqs=[Faq(f["question"], f["answer"]) for f in faqs], sources=tuple(sources))

    def texts(self, *kinds: BlockKind) -> list[str]:
        return [b.text for b in self.blocks if b.kind in kinds]

    @property
    def body(self) -> str:
        """Body prose (paragraphs and list items, no headings or credit), one block per line."""
        return "\n".join(self.texts("p", "li"))

    @property
    def headings(self) -> list[str]:
        return self.texts("h2", "h3")

    @property
    def first_paragraph(self) -> str:
        paragraphs = self.texts("p")
        return paragraphs[0] if paragraphs else ""


_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Words as a reader counts them: "aujourd'hui" and "Clermont-Ferrand" are one word each."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def parse_markdown(text: str) -> Article:
    """Read back an article written by render.to_markdown (or any similar Markdown file)."""
    meta: dict[str, str] = {}
    match = _FRONT.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip()] = value.strip().strip('"').replace('\\"', '"')
        text = text[match.end():]
    title = meta.get("title", "")
    sources = tuple(meta.get("sources", "").split())
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("p", " ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip().replace("\\<", "<")  # render.to_markdown escapes "<"
        if line.startswith("\\"):  # ... and markup at the start of a paragraph
            paragraph.append(line[1:])
        elif not line:
            flush()
        elif line.startswith("# "):
            flush()
            title = line[2:].strip()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("h2", line[3:].strip()))
        elif line.startswith("### "):
            flush()
            blocks.append(Block("h3", line[4:].strip()))
        elif line[:2] in ("- ", "* "):
            flush()
            blocks.append(Block("li", line[2:].strip()))
        elif line.startswith("_") and line.endswith("_") and len(line) > 2:
            flush()
            blocks.append(Block("credit", line.strip("_").strip()))
        else:
            paragraph.append(line)
    flush()
    return Article(
        title=title,
        description=meta.get("description", ""),
        slug=meta.get("slug", ""),
        keyphrase=meta.get("keyphrase", ""),
        blocks=blocks,
        sources=sources,
    )
