"""Surface facts of French text: numbers, quotations, dates, sentences."""

from __future__ import annotations

import pytest

from localrewrite.facts import (
    find_dates,
    find_numbers,
    find_quotes,
    fold,
    normalise,
    number_key,
    sentences,
    unquoted,
)


def test_normalise_apostrophes_and_spaces() -> None:
    text = "L’armée a\u00a0dit\u202f: «\u2009aujourd‘hui  c ʼest   fini »\nSuite"
    assert normalise(text) == "L'armée a dit : « aujourd'hui c 'est fini »\nSuite"


def test_normalise_composes_accents() -> None:
    assert normalise("e\u0301te\u0301") == "été"


def test_fold_drops_case_and_accents() -> None:
    assert fold("Élysée’S") == "elysee's"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 500 soldats", ["2 500"]),
        ("le 14 avril 2022", ["14", "2022"]),
        ("46.600 manifestants dont 5.800 à Paris", ["46.600", "5.800"]),
        ("51'000 francs et 2500 euros", ["51'000", "2500"]),
        ("une hausse de 2,5 % en 2020", ["2,5 %", "2020"]),
        ("rendez-vous à 15h30, puis 14H00", ["15h30", "14H00"]),
        ("une infirmière de 33 ans", ["33"]),
        ("un homme et une femme", []),
        ("trois blessés et vingt-deux interpellations", ["trois", "vingt-deux"]),
        ("soixante et onze ans, deux mille trois cents", ["soixante et onze", "deux mille trois cents"]),
        ("quatre pour cent des votants", ["quatre"]),
        ("refait à neuf, neuf soldats", ["neuf"]),
        ("les Deux-Sèvres", []),
        ("le 1er mai et la 2e division", ["1er", "2e"]),
        ("en 2014. 300 personnes", ["2014", "300"]),
    ],
)
def test_find_numbers(text: str, expected: list[str]) -> None:
    assert find_numbers(text) == expected


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("2 500", "2500"),
        ("2500", "2500"),
        ("2.500", "2500"),
        ("2'500", "2500"),
        ("2\u202f500", "2500"),
        ("46.600", "46600"),
        ("46 600", "46600"),
        ("1,000,000", "1000000"),
        ("2,5", "2.5"),
        ("2.5", "2.5"),
        ("2,50", "2.5"),
        ("2,500", "2.5"),  # the comma is the French decimal mark
        ("2 500,5", "2500.5"),
        ("04", "4"),
        ("4 %", "4"),
        ("1er", "1"),
        ("trois", "3"),
        ("vingt et un", "21"),
        ("quatre-vingt-dix", "90"),
        ("quatre-vingts", "80"),
        ("deux mille trois cents", "2300"),
        ("15h30", "15:30"),
        ("15 h 30", "15:30"),
        ("09h30", "9:30"),
        ("15h", "15:00"),
    ],
)
def test_number_key(written: str, key: str) -> None:
    assert number_key(written) == key


def test_number_key_of_a_time_differs_from_a_number() -> None:
    assert number_key("15h30") != number_key("1530")


def test_find_quotes_all_marks() -> None:
    text = ('Il a dit « nous partirons demain matin », puis “ceci est bien faux” et '
            '"Castaner aux fers, Macron en prison".')
    assert find_quotes(text) == ["nous partirons demain matin", "ceci est bien faux",
                                 "Castaner aux fers, Macron en prison"]


def test_find_quotes_skips_short_terms_and_normalises_spaces() -> None:
    text = 'Les "gilets jaunes" ont crié «  non   à la   réforme\u00a0»'
    assert find_quotes(text) == ["non à la réforme"]
    assert find_quotes(text, min_words=1) == ["gilets jaunes", "non à la réforme"]


def test_find_quotes_nested_straight_quotes_do_not_pair_wrongly() -> None:
    text = '"Beaucoup de combats sont similaires avec les "gilets jaunes", notamment le RIC."'
    assert find_quotes(text, min_words=1) == ['Beaucoup de combats sont similaires avec les "gilets jaunes", '
                                              'notamment le RIC.']
    assert unquoted(text) == []
    opened = 'Elle dit : "Beaucoup de combats rappellent les "gilets jaunes", notamment le RIC.'  # closes later
    assert find_quotes(opened, min_words=1) == ["gilets jaunes"]
    assert find_quotes('Les "gilets jaunes" et les "casseurs" se sont opposés.', 1) == ["gilets jaunes", "casseurs"]


def test_unquoted_cuts_out_quotations_only() -> None:
    pieces = unquoted('Il a dit « nous partirons demain matin » et les "gilets jaunes" ont suivi.')
    assert pieces == ["Il a dit ", ' et les "gilets jaunes" ont suivi.']


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il est arrivé le 29 janvier.", ["29 janvier"]),
        ("Réunion le 4 février, puis dimanche 18 février.", ["4 février", "dimanche 18 février"]),
        ("Photo du 14 avril 2022.", ["14 avril 2022"]),
        ("Les combats ont repris en 2014.", ["en 2014"]),
        ("Élu en janvier 2020, en poste depuis mars.", ["en janvier 2020", "depuis mars"]),
        ("Le 1er décembre et le 29/01/2024.", ["1er décembre", "29/01/2024"]),
        ("Il a 2014 raisons et 33 ans.", []),
    ],
)
def test_find_dates(text: str, expected: list[str]) -> None:
    assert find_dates(text) == expected


def test_sentences_abbreviations_and_numbers() -> None:
    text = ("M. Macron a parlé. Le Dr. Martin aussi ! Il y avait 2,5 millions de votants et 46.600 "
            "manifestants en 2014. Puis J. Dupont est venu…")
    assert sentences(text) == [
        "M. Macron a parlé.",
        "Le Dr. Martin aussi !",
        "Il y avait 2,5 millions de votants et 46.600 manifestants en 2014.",
        "Puis J. Dupont est venu…",
    ]


def test_sentences_quotes_and_lines() -> None:
    text = "« Partez ! » a-t-il dit. « C'est fini. » Elle est partie.\nNouvelle ligne sans point"
    assert sentences(text) == ["« Partez ! » a-t-il dit.", "« C'est fini. »", "Elle est partie.",
                               "Nouvelle ligne sans point"]


def test_sentences_lowercase_after_period_does_not_split() -> None:
    assert sentences("Il y avait des pommes, des poires, etc. et des fraises.") == [
        "Il y avait des pommes, des poires, etc. et des fraises."
    ]
