"""ingest: decoding, formats, the seed request, residue, attribution, intertitles, errors."""

from __future__ import annotations

import codecs
import os
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localrewrite.errors import InputError
from localrewrite.ingest import Request, parse_text, read_source

FIXTURES = Path(__file__).parent / "fixtures"

# Hand-made paragraphs: 29 + 26 + 27 + 27 words.
P1 = (
    "Le conseil municipal a voté mardi soir le budget de la commune pour l'année prochaine, après un long "
    "débat sur le prix des cantines scolaires et l'entretien des routes."
)
P2 = (
    "L'opposition a dénoncé une hausse des impôts locaux jugée trop forte, tandis que la majorité a défendu "
    "des investissements nécessaires à la rénovation de l'école primaire."
)
P3 = (
    "Le maire a promis une réunion publique au printemps afin de présenter le calendrier des travaux aux "
    "habitants, qui pourront poser leurs questions et proposer des changements."
)
P4 = (
    "Le vote final a eu lieu peu avant minuit, en présence d'une trentaine d'habitants venus assister à la "
    "séance depuis les bancs réservés au public de la salle."
)
BODY = (P1, P2, P3, P4)


def article(*parts: str, title: str = "Le budget de la commune adopté") -> str:
    """A corpus-style text: title, blank line, then the parts separated by blank lines."""
    return "\n\n".join([title, *parts]) + "\n"


# --- the seed request -----------------------------------------------------------------------------


def test_seed_excerpt_request_title_intertitles_and_residue() -> None:
    source = read_source(FIXTURES / "seed_000_excerpt.txt")
    title = (
        "Le chef iranien d’Al-Qods s’est rendu en Irak et a demandé aux milices alliées de mettre fin aux "
        "attaques contre les États-Unis : rapport"
    )
    assert source.request == Request(title=title, language="fr", min_words=700, subheadings=True, seo=True)
    assert source.title == title
    assert source.subheadings == (
        "Qaani n’a pas quitté l’aéroport de Bagdad",
        "Position du gouvernement irakien",
    )
    assert source.attribution == "avec agences"
    assert source.paragraphs[0].startswith("Le chef de la force d’élite iranienne Quds a effectué")
    assert source.paragraphs[-1].endswith("le conseiller soudanais aux affaires étrangères, Farhad Alaadin.")
    assert len(source.paragraphs) == 5
    assert "Source link -57" in source.removed
    assert "(Avec la contribution des agences)" in source.removed
    assert any(r.startswith("À voir\u00a0: Le ministre iranien") for r in source.removed)
    text = source.text
    for residue in ("Customize", "Make this article", "Source link", "À voir", "contribution des agences"):
        assert residue not in text
    # typography is kept as it is: ’ and « » with their no-break spaces
    assert "«\u00a0pour des raisons strictes de sécurité et craignant pour sa sécurité\u00a0»" in text
    assert (source.encoding, source.format) == ("utf-8", "txt")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "Customize this title in French: Le titre voulu\n\nmake this article SEO compatible, "
            "let there be subheadings for the article, be in French, create at least 900 words",
            Request(title="Le titre voulu", language="fr", min_words=900, subheadings=True, seo=True),
        ),
        (
            "CUSTOMIZE THIS TITLE IN FRENCH - Le titre voulu\nMake this article seo compatible ,  "
            "be in french , create at least 1 000 words",
            Request(title="Le titre voulu", language="fr", min_words=1000, subheadings=False, seo=True),
        ),
        (
            "Customize this title in french:\nLe titre voulu\n\nMake this article seo compatible,"
            "Let there be subheadings for the article, be in french, create at least 700 words",
            Request(title="Le titre voulu", language="fr", min_words=700, subheadings=True, seo=True),
        ),
        (
            "Make this article seo compatible, Let there be subheadings for the article, be in french, "
            "create at least 700 words",
            Request(title=None, language="fr", min_words=700, subheadings=True, seo=True),
        ),
    ],
)
def test_request_line_variants(lines: str, expected: Request) -> None:
    source = parse_text(lines + "\n\n" + "\n\n".join(BODY))
    assert source.request == expected
    assert source.title == (expected.title or "")
    assert source.paragraphs == BODY


def test_no_request_lines_means_no_request() -> None:
    assert parse_text(article(*BODY)).request is None


# --- title, paragraphs, intertitles ---------------------------------------------------------------


def test_corpus_style_first_line_is_the_title() -> None:
    source = parse_text(article(*BODY, title="Le budget de la commune adopté"))
    assert source.title == "Le budget de la commune adopté"
    assert source.paragraphs == BODY


@pytest.mark.parametrize(
    "first",
    [
        "Le budget de la commune a été adopté.",  # a final period: a sentence, not a title
        " ".join(["mot"] * 26),  # more than 25 words
    ],
)
def test_first_line_that_is_no_title_stays_in_the_body(first: str) -> None:
    source = parse_text(article(*BODY, title=first))
    assert source.title == ""
    assert source.paragraphs == (first, *BODY)


def test_first_line_without_blank_line_after_it_is_no_title() -> None:
    source = parse_text("Le budget adopté\n" + "\n".join(BODY))
    assert source.title == ""
    assert source.paragraphs == ("Le budget adopté", *BODY)


def test_short_lines_between_paragraphs_are_intertitles() -> None:
    parts = (P1, "Un vote serré", P2, "Il a refusé.", "« Pas question »", P3, "Des travaux au printemps", P4)
    source = parse_text(article(*parts))
    assert source.subheadings == ("Un vote serré", "Des travaux au printemps")
    assert source.paragraphs == (P1, P2, "Il a refusé.", "« Pas question »", P3, P4)


def test_short_line_at_the_end_is_not_an_intertitle() -> None:
    source = parse_text(article(*BODY, "Fin du direct"))
    assert source.subheadings == ()
    assert source.paragraphs[-1] == "Fin du direct"


def test_text_without_paragraph_breaks_stays_one_paragraph() -> None:
    source = parse_text(" ".join(BODY))
    assert source.title == ""
    assert source.paragraphs == (" ".join(BODY),)


def test_hard_wrapped_paragraph_is_joined() -> None:
    wrapped = textwrap.fill(P1 + " " + P2, width=72)
    source = parse_text(article(wrapped, P3, P4))
    assert source.paragraphs == (P1 + " " + P2, P3, P4)


def test_one_paragraph_per_line_is_split() -> None:
    source = parse_text("Le budget adopté\n\n" + "\n".join(BODY))
    assert source.paragraphs == BODY


# --- residue --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "residue",
    [
        "Source link -57",
        "Source link",
        "© Reuter. PHOTO DE DOSSIER : Le maire lors d'une séance du conseil, le 14 avril 2022. Jean Dupont",
        "© AFP / Thomas Martin",
        "(Photo Belga)",
        "Crédit photo : Jean Dupont",
        "À voir : Le maire présente ses vœux aux habitants",
        "A voir aussi : les images de la séance",
        "Lire aussi : Le budget de l'an dernier",
        "Par Jeanne Martin, Paul Durand et Ahmed Rasheed",
        "***",
        "— —",
        "— Jean Dupont (@jdupont) 9 février 2019",
        "Voir l'image sur Twitter",
        "Publié le 12/02/2019 à 10h32",
    ],
)
def test_residue_lines_are_stripped_and_listed(residue: str) -> None:
    source = parse_text(article(P1, residue, P2, P3, P4))
    assert source.paragraphs == BODY
    assert source.subheadings == ()
    assert residue in source.removed


@pytest.mark.parametrize(
    ("dirty", "residue"),
    [
        (P1 + " pic.twitter.com/AbCdEf123", "pic.twitter.com/AbCdEf123"),
        (P1 + " https://t.co/xYz987", "https://t.co/xYz987"),
        (P1 + " (Photo AFP)", "(Photo AFP)"),
        (P1 + " — Jean Dupont (@jdupont) February 9, 2019", "— Jean Dupont (@jdupont) February 9, 2019"),
    ],
)
def test_residue_inside_a_paragraph_is_stripped(dirty: str, residue: str) -> None:
    source = parse_text(article(dirty, P2, P3, P4))
    assert source.paragraphs == BODY
    assert residue in source.removed


def test_embedded_tweet_repeated_twice_is_kept_once() -> None:
    tweet = "« Une pensée pour nos gendarmes, mobilisés tout le week-end. »"
    text = article(
        P1,
        f"{tweet} pic.twitter.com/XyZ123\n— Jean Dupont (@jdupont) 9 février 2019",
        tweet,
        P2,
        P3,
        P4,
    )
    source = parse_text(text)
    assert source.paragraphs == (P1, tweet, P2, P3, P4)
    assert "pic.twitter.com/XyZ123" in source.removed
    assert "— Jean Dupont (@jdupont) 9 février 2019" in source.removed
    assert tweet in source.removed  # the second copy


def test_paragraph_repeating_the_title_is_dropped() -> None:
    source = parse_text(article("Le budget de la commune adopté", *BODY))
    assert source.paragraphs == BODY


# --- attribution ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "credit", "tag"),
    [
        ((*BODY, "(avec AFP)"), "AFP", "(avec AFP)"),
        ((*BODY, "AFP"), "AFP", "AFP"),
        ((*BODY, "(Belga)"), "Belga", "(Belga)"),
        ((*BODY, "(Avec la contribution des agences)"), "avec agences", "(Avec la contribution des agences)"),
        ((P1, P2, P3, P4 + " (ats/nxp)"), "ATS", "(ats/nxp)"),
        (("BAGDAD (Reuters) – " + P1, P2, P3, P4), "Reuters", "BAGDAD (Reuters) –"),
        (("PARIS, 18 février (AFP) - " + P1, P2, P3, P4), "AFP", "PARIS, 18 février (AFP) -"),
    ],
)
def test_agency_tags_become_the_attribution(parts: tuple[str, ...], credit: str, tag: str) -> None:
    source = parse_text(article(*parts))
    assert source.attribution == credit
    assert source.paragraphs == BODY
    assert tag in source.removed


def test_several_tags_make_one_credit() -> None:
    source = parse_text(article("BAGDAD (Reuters) – " + P1, P2, P3, P4, "(Avec la contribution des agences)"))
    assert source.attribution == "Reuters, avec agences"


def test_no_tag_means_no_attribution() -> None:
    source = parse_text(article(*BODY, "Les agences de voyage et l'AFP ont été consultées par la mairie."))
    assert source.attribution is None


# --- Markdown and HTML ----------------------------------------------------------------------------


def test_markdown_markup_is_stripped() -> None:
    text = "\n\n".join(
        [
            "# Le budget de la commune adopté",
            "Le **conseil municipal** a voté mardi soir le [budget](https://exemple.fr/budget) de la "
            "commune pour l'année prochaine, après un _long débat_ sur le prix des cantines scolaires et "
            "l'entretien des routes.",
            "![Le conseil en séance](conseil.jpg)",
            "## Un vote serré",
            P2,
            "- Première mesure\n- Deuxième mesure",
            "### Des travaux au printemps",
            P3,
            P4,
        ]
    )
    source = parse_text(text, fmt="md")
    assert source.title == "Le budget de la commune adopté"
    assert source.subheadings == ("Un vote serré", "Des travaux au printemps")
    assert source.paragraphs == (P1, P2, "Première mesure", "Deuxième mesure", P3, P4)
    assert source.format == "md"


def test_markdown_without_heading_takes_the_front_matter_title(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    front = '---\ntitle: "Le budget \\"serré\\" de la commune"\nslug: budget\n---\n\n'
    path.write_text(front + "\n\n".join(BODY))
    source = read_source(path)
    assert source.title == 'Le budget "serré" de la commune'
    assert source.paragraphs == BODY


@pytest.mark.disable_socket  # extraction is offline: any network access fails the test
def test_saved_web_page_gives_the_article_without_boilerplate() -> None:
    source = read_source(FIXTURES / "page.html")
    assert source.format == "html"
    assert source.title == "Les gilets jaunes pique-niquent à Chambord"
    assert source.subheadings == ("Un service d'ordre improvisé",)
    assert source.attribution == "Belga"
    assert len(source.paragraphs) == 6  # paragraph breaks kept; list items are paragraphs
    assert source.paragraphs[0].startswith("Plus d'un millier de manifestants se sont retrouvés samedi")
    assert source.paragraphs[3] == "Aucun incident signalé"
    text = source.text
    for boilerplate in ("Accueil", "cookies", "Partager", "Les plus lus", "Tous droits", "Mentions"):
        assert boilerplate not in text
    assert "Par Jeanne" not in text  # the byline


def test_web_page_without_article_is_too_short(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Accueil</a></nav></body></html>")
    with pytest.raises(InputError) as err:
        read_source(path)
    assert err.value.message == f"{path} is too short to rewrite: 1 word of article text, at least 80 needed."


@pytest.mark.parametrize("name", ["article.dat", "article", "ARTICLE.TXT"])
def test_other_suffixes_are_read_as_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(article(*BODY))
    source = read_source(path)
    assert (source.format, source.paragraphs, source.path) == ("txt", BODY, path)


# --- encodings and Unicode ------------------------------------------------------------------------

ACCENTED = article(
    "Élu en 2020, le maire a présenté « un budget de rigueur » à l’assemblée communale : la cantine coûtera "
    "12 € de plus par trimestre, et l’œuvre du sculpteur prévue sur la place attendra.",
    P2,
    P3,
    P4,
    title="Le budget de la commune adopté à Besançon",
)
LATIN1 = ACCENTED.replace("’", "'").replace("œ", "oe").replace("€", "euros")


@pytest.mark.parametrize(
    ("text", "data", "encodings"),
    [
        (ACCENTED, ACCENTED.encode("cp1252"), {"cp1252"}),
        (LATIN1, LATIN1.encode("latin-1"), {"cp1252", "latin_1", "iso8859_15"}),
        (ACCENTED, codecs.BOM_UTF8 + ACCENTED.encode(), {"utf-8-sig"}),
        (ACCENTED, ACCENTED.replace("\n", "\r\n").encode(), {"utf-8"}),
        (ACCENTED, ACCENTED.replace("\n", "\r").encode(), {"utf-8"}),
        (ACCENTED, ACCENTED.encode("utf-16"), {"utf_16"}),
        (ACCENTED, ACCENTED.encode("mac_roman"), {"mac_roman"}),
    ],
    ids=["cp1252", "latin-1", "utf-8-sig", "crlf", "cr", "utf-16", "mac-roman"],
)
def test_encodings_and_line_endings_read_back_the_same_text(
    tmp_path: Path, text: str, data: bytes, encodings: set[str]
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    source = read_source(path)
    expected = parse_text(text)
    assert (source.title, source.paragraphs) == (expected.title, expected.paragraphs)
    assert source.paragraphs[0].startswith("Élu en 2020, le maire a présenté « un budget de rigueur »")
    assert source.encoding in encodings


def test_unicode_is_normalised() -> None:
    nfd = unicodedata.normalize("NFD", P1)
    dirty = f"\t{nfd}   \n\n{P2}\x07\u200b  \n\n{P3}\u00ad\n\n{P4}\x0c"
    source = parse_text(article(dirty))
    assert source.paragraphs == BODY
    assert unicodedata.is_normalized("NFC", source.text)


# --- errors ---------------------------------------------------------------------------------------


def error(path: Path) -> str:
    with pytest.raises(InputError) as err:
        read_source(path)
    assert err.value.exit_code == 2
    return err.value.message


def test_missing_file(tmp_path: Path) -> None:
    assert error(tmp_path / "nope.txt") == f"{tmp_path / 'nope.txt'} not found."


def test_directory(tmp_path: Path) -> None:
    assert error(tmp_path) == f"{tmp_path} is a directory, not a file."


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert error(fifo) == f"{fifo} is not a regular file."


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  ", codecs.BOM_UTF8, "\u200b\n".encode()])
def test_empty(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    assert error(path) == f"{path} is empty."


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert error(path) == f"{path} is binary, not text."


def test_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 256)) * 10)
    assert error(path) == f"{path} is not text in a known encoding."


def test_too_short(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(article(P1, P2, "(AFP)", "Source link -57"))
    assert error(path) == f"{path} is too short to rewrite: 55 words of article text, at least 80 needed."


def test_huge(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"mot " * 500_001)
    assert error(path) == f"{path} is too large (2.0 MB): the limit is 2 MB."


def test_parse_text_errors_name_the_text() -> None:
    with pytest.raises(InputError) as err:
        parse_text(" \n ")
    assert err.value.message == "The text is empty."


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_text_gives_a_clean_source_or_an_input_error(junk: str) -> None:
    try:
        source = parse_text("\n\n".join([P1, junk, P2, P3]))
    except InputError as err:
        assert "\n" not in err.message
        return
    for paragraph in source.paragraphs:
        assert paragraph and paragraph == paragraph.strip()
        assert "\n" not in paragraph and "\r" not in paragraph
        assert not any(unicodedata.category(c) == "Cc" for c in paragraph)
        assert unicodedata.is_normalized("NFC", paragraph)


def test_sentences_glued_by_scraping_are_separated() -> None:
    filler = " ".join(["Le mouvement a rassemblé des milliers de personnes dans plusieurs villes du pays."] * 6)
    source = parse_text(f"Titre de l'article\n\n{filler}\n\n\"Il est temps\", a-t-il ajouté dans un autre "
                        "tweet.Des ministres ont condamné ces propos, selon Franceinfo.fr et M. Dupont.\n")
    assert source.paragraphs[-1] == ("\"Il est temps\", a-t-il ajouté dans un autre tweet. Des ministres ont "
                                     "condamné ces propos, selon Franceinfo.fr et M. Dupont.")


# --- first lines, stray bytes, numbers, scraped embeds and intertitles ------------------------------


def wrap(text: str) -> str:
    return textwrap.fill(text, width=72)


def page(body: str) -> str:
    """A saved web page titled "Le budget de la commune adopté" with `body` as its article."""
    return (
        "<html><head><title>Le budget de la commune adopté</title></head><body><article>"
        f"<h1>Le budget de la commune adopté</h1>{body}</article></body></html>"
    )


TWEET = "Les élèves ont manifesté devant le lycée ce matin."
TWEET_BYLINE = "— Le Progrès Jura (@JuraProgres) 6 janvier 2019"


def test_markdown_first_line_without_heading_is_the_title() -> None:
    source = parse_text("Marseille rénove ses écoles\n\n" + "\n\n".join(BODY), fmt="md")
    assert source.title == "Marseille rénove ses écoles"
    assert source.paragraphs == BODY


@pytest.mark.parametrize(
    "text",
    [
        "Marseille rénove ses écoles\n" + "\n\n".join(BODY),  # no blank line after it
        '---\ntitle: "Le vrai titre"\n---\nMarseille rénove ses écoles\n\n' + "\n\n".join(BODY),
    ],
    ids=["no-blank-line", "front-matter-title"],
)
def test_markdown_first_line_that_is_no_title_stays_in_the_body(text: str) -> None:
    source = parse_text(text, fmt="md")
    assert source.title in ("", "Le vrai titre")
    assert source.text.startswith("Marseille rénove ses écoles")


@pytest.mark.parametrize(
    "data",
    [
        article(*BODY).replace("hausse des", "hausse\x00 des").encode(),
        article(*BODY).encode() + b"\x00",
        article(*BODY).encode("cp1252").replace(b"routes.", b"routes.\x00"),
    ],
    ids=["inside", "at-the-end", "cp1252"],
)
def test_a_stray_nul_byte_is_dropped(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert (source.title, source.paragraphs) == ("Le budget de la commune adopté", BODY)


def test_text_with_many_nul_bytes_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(article(*BODY).encode().replace(b" ", b" \x00"))
    assert error(path) == f"{path} is binary, not text."


@pytest.mark.parametrize(
    "text",
    [
        "12 345 678\n3.14 2020 17\n" * 40,
        "\n".join(",".join(str(n * k) for k in range(1, 8)) for n in range(40)),
        "2019\n\n" + "\n\n".join("1 000 000 ; 2 500 ; 3,5 % ; 12/02/2019" for _ in range(30)),
    ],
    ids=["numbers", "csv", "numbers-with-a-title"],
)
def test_numbers_only_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "numbers.txt"
    path.write_text(text)
    assert error(path) == f"{path} has no French text to rewrite (numbers only)."


def test_numbers_do_not_count_as_article_words(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(article(P1, P2, " ".join(str(n) for n in range(40))))
    assert error(path) == f"{path} is too short to rewrite: 55 words of article text, at least 80 needed."


@pytest.mark.parametrize(
    "block",
    [
        f"{TWEET}\n{TWEET} pic.twitter.com/abc\n{TWEET_BYLINE}",
        f"{TWEET}\n{TWEET} pic.twitter.com/abc {TWEET_BYLINE}",
        f"{TWEET}\n\n{TWEET} pic.twitter.com/abc {TWEET_BYLINE}",
    ],
    ids=["byline-below", "byline-after", "blank-line"],
)
def test_embedded_tweet_text_then_embed_is_kept_once(block: str) -> None:
    source = parse_text(article(P1, block, P2, P3, P4))
    assert source.paragraphs == (P1, TWEET, P2, P3, P4)
    assert TWEET_BYLINE in source.removed
    assert "pic.twitter.com/abc" in source.removed
    assert TWEET in source.removed  # the copy


@pytest.mark.disable_socket
def test_embedded_tweet_in_a_web_page_is_kept_once() -> None:
    embed = (
        f"<blockquote class='twitter-tweet'><p lang='fr'>{TWEET} <a href='https://t.co/abc'>pic.twitter.com/abc"
        "</a></p>&mdash; Le Progrès Jura (@JuraProgres) <a href='https://twitter.com/x'>6 janvier 2019</a>"
        "</blockquote>"
    )
    source = parse_text(page(f"<p>{P1}</p><p>{TWEET}</p>{embed}<p>{P2}</p><p>{P3}</p><p>{P4}</p>"), fmt="html")
    assert source.paragraphs == (P1, TWEET, P2, P3, P4)
    assert TWEET_BYLINE in source.removed


@pytest.mark.parametrize("byline", [TWEET_BYLINE, TWEET_BYLINE.lstrip("— "), "Jean Dupont (@jdupont) February 9, 2019"])
def test_tweet_byline_alone_is_residue(byline: str) -> None:
    source = parse_text(article(P1, byline, P2, P3, P4))
    assert (source.paragraphs, source.subheadings) == (BODY, ())
    assert byline in source.removed


@pytest.mark.disable_socket
def test_tweet_byline_alone_in_a_web_page_is_residue() -> None:
    byline = TWEET_BYLINE.lstrip("— ")
    source = parse_text(page(f"<p>{P1}</p><p>{byline}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p>"), fmt="html")
    assert (source.paragraphs, source.subheadings) == (BODY, ())
    assert byline in source.removed


@pytest.mark.parametrize(
    "text",
    [
        f"{wrap(P1)}\nUn vote serré\n{wrap(P2)}\nDes travaux au printemps\n{wrap(P3 + ' ' + P4)}",
        f"{wrap(P1)}\nUn vote serré\n\n{wrap(P2)}\nDes travaux au printemps\n\n{wrap(P3 + ' ' + P4)}",
    ],
    ids=["no-blank-lines", "at-the-end-of-blocks"],
)
def test_intertitle_in_hard_wrapped_text_is_kept_apart(text: str) -> None:
    source = parse_text(article(text))
    assert source.title == "Le budget de la commune adopté"
    assert source.subheadings == ("Un vote serré", "Des travaux au printemps")
    assert source.paragraphs == (P1, P2, P3 + " " + P4)


def test_wrapped_line_starting_a_sentence_is_no_intertitle() -> None:
    wrapped = (  # balanced, as `fmt` wraps: a break after a sentence, then a line a little short
        "Le conseil municipal a voté mardi soir le budget de la commune\n"
        "pour l'année prochaine, après un long débat sur les cantines.\n"
        "Le maire a promis une réunion publique au printemps afin\n"
        "de présenter le calendrier des travaux aux habitants."
    )
    source = parse_text(article(wrapped, P2, P3, P4))
    assert source.subheadings == ()
    assert source.paragraphs == (wrapped.replace("\n", " "), P2, P3, P4)


def test_intertitle_in_hard_wrapped_markdown_is_kept_apart() -> None:
    text = "\n".join(["# Le budget de la commune adopté", "", wrap(P1), "Un vote serré", wrap(P2), "", P3, "", P4])
    source = parse_text(text, fmt="md")
    assert source.title == "Le budget de la commune adopté"
    assert source.subheadings == ("Un vote serré",)
    assert source.paragraphs == BODY


@pytest.mark.disable_socket
@pytest.mark.parametrize(
    "intertitle",
    ["<h2>Un vote serré</h2>", "<h3>Un vote serré</h3>", "<p><strong>Un vote serré</strong></p>"],
)
def test_intertitle_in_a_hard_wrapped_web_page_is_kept_apart(intertitle: str) -> None:
    body = f"<p>{wrap(P1)}</p>\n{intertitle}\n<p>{wrap(P2)}</p>\n<p>{wrap(P3)}</p>\n<p>{wrap(P4)}</p>"
    source = parse_text(page(body), fmt="html")
    assert source.title == "Le budget de la commune adopté"
    assert source.subheadings == ("Un vote serré",)
    assert source.paragraphs == BODY


@pytest.mark.disable_socket
def test_intertitle_in_preformatted_web_page_text_is_kept_apart() -> None:
    body = f"<pre>{wrap(P1)}\nUn vote serré\n{wrap(P2)}</pre><p>{P3}</p><p>{P4}</p>"
    source = parse_text(page(body), fmt="html")
    assert source.subheadings == ("Un vote serré",)
    assert source.paragraphs == BODY


def test_a_run_of_characters_without_a_space_is_residue() -> None:
    source = parse_text(article(P1 + " " + "x" * 1_000_001, *BODY))
    assert source.paragraphs[0] == P1
    assert "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1,000,001 characters without a space)" in source.removed


def test_a_sentence_of_glyphs_without_words_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cats.txt"
    path.write_text(article(P1 + " " + " ".join(["🐈"] * 400), *BODY[1:]))  # glued: one 400-glyph run
    assert error(path) == (f"{path} has a sentence of {len(P1.split('. ')[-1].split()) + 400} words: not article "
                           "text (its punctuation is missing; a sentence has at most 300).")
