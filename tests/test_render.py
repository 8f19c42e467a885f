"""render: Markdown round trip, escaped HTML with JSON-LD, JSON, formats, atomic writes, slugs."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from localrewrite import render as render_module
from localrewrite.article import Article, Block, Faq, parse_markdown, word_count
from localrewrite.errors import OutputError
from localrewrite.render import format_for, render, slugify, to_html, to_json, to_markdown, write_atomic

ARTICLE = Article(
    title='Esmail Qaani à Bagdad : une visite "discrète"',
    description=(
        "Le chef de la force Al-Qods a demandé « une pause » aux milices irakiennes : ce que l’on sait de "
        "sa visite éclair à Bagdad."
    ),
    slug="esmail-qaani-bagdad",
    keyphrase="Esmail Qaani",
    blocks=[
        Block("p", "Esmail Qaani s’est rendu à Bagdad fin janvier, selon des sources citées par Reuters."),
        Block("h2", "Une visite à l’aéroport"),
        Block("p", "Il n’a pas quitté l’aéroport « pour des raisons strictes de sécurité »."),
        Block("li", "29 janvier : réunion à l’aéroport"),
        Block("li", "4 février : plus aucune attaque"),
        Block("h3", "Ce que demande Bagdad"),
        Block("p", "Le gouvernement irakien veut éviter que le pays devienne un champ de bataille."),
        Block("credit", "Avec Reuters"),
    ],
    faqs=[Faq("Qui est Esmail Qaani ?", "Le chef de la force Al-Qods des Gardiens de la révolution.")],
)
SCRIPT = "<script>alert('x')</script>"


def test_markdown_layout() -> None:
    article = Article(
        title="Titre",
        description="Résumé",
        slug="titre",
        keyphrase="mot clé",
        blocks=[Block("p", "Un."), Block("h2", "Deux"), Block("li", "a"), Block("li", "b")]
        + [Block("credit", "AFP")],
    )
    assert to_markdown(article) == (
        '---\ntitle: "Titre"\ndescription: "Résumé"\nslug: "titre"\nkeyphrase: "mot clé"\n---\n\n'
        "# Titre\n\nUn.\n\n## Deux\n\n- a\n- b\n\n_AFP_\n"
    )


def test_markdown_round_trips_through_parse_markdown() -> None:
    assert parse_markdown(to_markdown(ARTICLE)) == dataclasses.replace(ARTICLE, faqs=[])
    escaped = Article("a < b", blocks=[Block("h2", "x <y>"), Block("p", "1. premier"), Block("p", "- tiret <i>")])
    assert parse_markdown(to_markdown(escaped)) == escaped


def test_json_round_trips_through_from_dict() -> None:
    assert Article.from_dict(json.loads(to_json(ARTICLE, {"report": {}}))) == ARTICLE


def test_front_matter_is_valid_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    tricky = {"title": "- yes: # no list", "description": 'Il dit : "non" \\ # fin', "slug": ""}
    tricky["keyphrase"] = "no"
    markdown = to_markdown(Article(**tricky))
    front = markdown.split("---\n")[1]
    assert yaml.safe_load(front) == tricky


def test_markdown_escapes_what_would_become_markup() -> None:
    article = Article(title="T", blocks=[Block("p", "- pas une liste"), Block("p", f"Texte {SCRIPT} brut")])
    lines = to_markdown(article).splitlines()
    assert "\\- pas une liste" in lines
    assert "Texte \\<script>alert('x')\\</script> brut" in lines


class _Page(HTMLParser):
    """Collects the tags, the text of each element and the contents of each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.scripts: list[tuple[str, str]] = []
        self._open: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in ("meta", "br"):
            self._open.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self._open or not data.strip():
            return
        tag, attrs = self._open[-1]
        if tag == "script":
            self.scripts.append((attrs.get("type") or "", data))
        else:
            self.texts.setdefault(tag, []).append(data)


def page(article: Article, **kwargs: str) -> tuple[str, _Page]:
    text = to_html(article, **kwargs)
    parser = _Page()
    parser.feed(text)
    return text, parser


def json_ld(parser: _Page) -> dict[str, dict]:
    assert all(kind == "application/ld+json" for kind, _ in parser.scripts)
    return {data["@type"]: data for data in (json.loads(body) for _, body in parser.scripts)}


def test_html_is_a_complete_document() -> None:
    text, parsed = page(ARTICLE)
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
    assert text.rstrip().endswith("</html>")
    assert parsed.texts["title"] == [ARTICLE.title]
    assert f'<meta name="description" content="{ARTICLE.description}">' in text
    assert parsed.texts["h1"] == [ARTICLE.title]
    assert parsed.texts["h2"] == ["Une visite à l’aéroport"]
    assert parsed.texts["h3"] == ["Ce que demande Bagdad"]
    assert parsed.texts["li"] == ["29 janvier : réunion à l’aéroport", "4 février : plus aucune attaque"]
    assert parsed.texts["em"] == ["Avec Reuters"]
    assert parsed.tags.count("ul") == 1


def test_html_escapes_everything_from_the_article() -> None:
    evil = Article(
        title=f"Titre {SCRIPT}",
        description='Résumé "> <img src=x onerror=alert(1)>',
        keyphrase="</script><script>alert(2)</script>",
        blocks=[Block("p", f"Le texte cite {SCRIPT} & c'est tout."), Block("h2", "<b>Gras</b>")],
        faqs=[Faq(f"Question {SCRIPT} ?", "</script><script>alert(3)</script>")],
    )
    text, parsed = page(evil)
    assert parsed.tags.count("script") == 2  # the two JSON-LD blocks, nothing from the article
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert parsed.texts["p"] == [f"Le texte cite {SCRIPT} & c'est tout."]
    assert parsed.texts["h2"] == ["<b>Gras</b>"]
    for _, body in parsed.scripts:
        assert not {"<", ">", "&"} & set(body)
    graphs = json_ld(parsed)
    assert graphs["NewsArticle"]["keywords"] == evil.keyphrase
    assert graphs["FAQPage"]["mainEntity"][0]["acceptedAnswer"]["text"] == evil.faqs[0].answer


def test_json_ld_news_article_and_faq_page() -> None:
    _, parsed = page(ARTICLE, date="2024-02-18")
    graphs = json_ld(parsed)
    assert graphs["NewsArticle"] == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": ARTICLE.title,
        "description": ARTICLE.description,
        "keywords": "Esmail Qaani",
        "articleBody": ARTICLE.body,
        "inLanguage": "fr",
        "datePublished": "2024-02-18",
    }
    assert graphs["FAQPage"]["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Qui est Esmail Qaani ?",
            "acceptedAnswer": {"@type": "Answer", "text": ARTICLE.faqs[0].answer},
        }
    ]


def test_no_faq_page_without_faqs_and_no_date_without_date() -> None:
    _, parsed = page(dataclasses.replace(ARTICLE, faqs=[]), lang="en")
    graphs = json_ld(parsed)
    assert list(graphs) == ["NewsArticle"]
    assert "datePublished" not in graphs["NewsArticle"]
    assert graphs["NewsArticle"]["inLanguage"] == "en"


def test_json_has_every_field_and_the_extra() -> None:
    extra = {"report": {"passed": 3}, "settings": {"model": Path("models/m.gguf")}, "timings": {"total": 1.5}}
    data = json.loads(to_json(ARTICLE, extra))
    assert data["title"] == ARTICLE.title
    assert (data["description"], data["slug"], data["keyphrase"]) == (
        ARTICLE.description,
        ARTICLE.slug,
        ARTICLE.keyphrase,
    )
    assert data["words"] == word_count(ARTICLE.body) == 48
    assert data["blocks"][1] == {"kind": "h2", "text": "Une visite à l’aéroport"}
    assert data["faqs"] == [{"question": ARTICLE.faqs[0].question, "answer": ARTICLE.faqs[0].answer}]
    assert data["settings"] == {"model": "models/m.gguf"}
    assert data["report"] == {"passed": 3} and data["timings"] == {"total": 1.5}
    assert "« une pause »" in to_json(ARTICLE, {})  # ensure_ascii=False


def test_json_extra_cannot_replace_article_fields() -> None:
    with pytest.raises(ValueError, match="title"):
        to_json(ARTICLE, {"title": "autre"})


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.md", "md"), ("a.markdown", "md"), ("a.HTML", "html"), ("a.htm", "html"), ("out/a.json", "json")],
)
def test_format_for(name: str, fmt: str) -> None:
    assert format_for(Path(name)) == fmt


@pytest.mark.parametrize("name", ["out.txt", "out"])
def test_format_for_unknown_suffix(name: str) -> None:
    with pytest.raises(OutputError) as err:
        format_for(Path(name))
    assert err.value.message == f"Unknown output format for {name}: use .md, .html or .json."
    assert err.value.exit_code == 5


def test_render_dispatches() -> None:
    assert render(ARTICLE, "md") == to_markdown(ARTICLE)
    assert render(ARTICLE, "html", lang="fr", date="2024-02-18") == to_html(ARTICLE, date="2024-02-18")
    assert render(ARTICLE, "json", {"model": "gemma"}) == to_json(ARTICLE, {"model": "gemma"})
    with pytest.raises(OutputError, match="Unknown output format 'pdf'"):
        render(ARTICLE, "pdf", {})


# --- atomic writes --------------------------------------------------------------------------------


def test_write_creates_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "out" / "deep" / "article.md"
    write_atomic(path, "« texte »\r\n")
    assert path.read_bytes() == "« texte »\r\n".encode()
    assert os.listdir(path.parent) == ["article.md"]


def test_write_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("original")
    with pytest.raises(OutputError) as err:
        write_atomic(path, "nouveau")
    assert err.value.message == f"{path} already exists: pass --force to overwrite it."
    assert path.read_text() == "original"
    write_atomic(path, "nouveau", force=True)
    assert path.read_text() == "nouveau"
    assert os.listdir(tmp_path) == ["article.md"]


def test_failed_write_leaves_the_original_and_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "article.md"
    path.write_text("original")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(render_module.os, "replace", full_disk)
    with pytest.raises(OutputError) as err:
        write_atomic(path, "nouveau", force=True)
    assert err.value.message == f"Cannot write {path}: No space left on device."
    assert path.read_text() == "original"
    assert os.listdir(tmp_path) == ["article.md"]


def test_write_under_a_file_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match=r"^Cannot write .*file/article\.md: "):
        write_atomic(tmp_path / "file" / "article.md", "texte")


# --- slugs ----------------------------------------------------------------------------------------


def test_slugify_french_title() -> None:
    assert slugify("Le chef iranien d’Al-Qods s’est rendu") == "le-chef-iranien-d-al-qods-s-est-rendu"
    assert slugify("« Gilets jaunes » : 46.600 manifestants, l'œuvre d'été") == (
        "gilets-jaunes-46-600-manifestants-l-oeuvre-d-ete"
    )
    assert slugify("« … »") == ""


def test_slugify_cuts_long_titles_at_a_word_boundary() -> None:
    title = (
        "Le chef iranien d’Al-Qods s’est rendu en Irak et a demandé aux milices alliées de mettre fin aux "
        "attaques contre les États-Unis : rapport"
    )
    slug = slugify(title)
    full = slugify(title, max_length=500)
    assert 40 < len(slug) <= 60
    assert full.startswith(slug + "-")
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
