"""gate.audit: the gate's word tests on a finished article, sentence by sentence (what `check` runs)."""

from __future__ import annotations

from localrewrite.gate import audit, negations

SOURCE = ["Le conseil municipal de Lyon a voté jeudi le budget des écoles.",
          "Les travaux commenceront en mars, a précisé le maire.",
          "Le chantier ne sera pas terminé avant la rentrée.",
          "« Nous ne céderons pas », a lancé une mère d'élève."]
TEXT = " ".join(SOURCE)


def refused(*said: str) -> dict[str, list[str]]:
    return dict(audit(list(said), SOURCE, TEXT))


def test_a_faithful_restatement_passes_swaps_and_connectors_included() -> None:
    assert refused("Jeudi, le budget des écoles a été voté par le conseil municipal de Lyon.",
                   "Selon le maire, les travaux commenceront en mars.",
                   "Les travaux commenceront en mars, a indiqué le maire.",  # a reporting verb of the same class
                   "Le chantier ne sera pas terminé avant la rentrée.",
                   "« Nous ne céderons pas », a lancé une mère d'élève.") == {}


def test_an_added_claim_is_refused_with_its_words() -> None:
    assert refused("Le maire a ensuite démissionné.") == {
        "Le maire a ensuite démissionné.": ["not in the source: démissionné"]}


def test_a_name_and_a_day_the_source_lacks_are_refused() -> None:
    assert refused("Jeudi, Martine Aubry a voté le budget des écoles.") == {
        "Jeudi, Martine Aubry a voté le budget des écoles.": ["names: Martine, Aubry"]}
    assert refused("Le conseil municipal a voté mardi le budget des écoles.") == {
        "Le conseil municipal a voté mardi le budget des écoles.": ["dates: mardi"]}


def test_a_negation_added_or_dropped_is_refused() -> None:
    assert refused("Les travaux ne commenceront pas en mars, a précisé le maire.") == {
        "Les travaux ne commenceront pas en mars, a précisé le maire.": ["negation added: ne, pas"]}
    assert refused("Le chantier sera terminé avant la rentrée.") == {
        "Le chantier sera terminé avant la rentrée.": ["negation dropped: ne, pas"]}


def test_a_negation_that_agrees_with_a_new_noun_is_the_same_negation() -> None:
    assert negations("il n'y a eu aucun assaut") == negations("il n'y a eu aucune attaque")
    assert negations("il n'y a eu aucun assaut") != negations("il y a eu un assaut")


def test_a_quotation_keeps_its_own_negation() -> None:
    assert refused("Une mère d'élève a lancé : « Nous ne céderons pas ».") == {}


def test_a_hedge_added_is_refused() -> None:
    assert refused("Les travaux pourraient commencer en mars, a précisé le maire.") == {
        "Les travaux pourraient commencer en mars, a précisé le maire.": ["not in the source: pourraient",
                                                                          "hedge added: pourrai"]}


def test_a_reviewed_synonym_of_an_elided_word_is_supported() -> None:
    source = ["Le suspect est l'homme le plus visible sur les vidéos de l'altercation, selon la police."]
    said = ["Le suspect est l'homme le plus visible sur les vidéos de la querelle, selon la police."]
    assert audit(said, source, source[0]) == []  # "querelle" stands for "altercation" in synonyms.tsv
