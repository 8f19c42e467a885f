"""restate: the attribution of a quotation moved to the front, quotations untouched."""

from __future__ import annotations

import pytest

from localrewrite.restate import front_attribution


@pytest.mark.parametrize("sentence, expected", [
    ("« Nous ne céderons pas », a déclaré la maire.", "La maire a déclaré : « Nous ne céderons pas »."),
    ('"Il n\'y a pas de mais", a-t-il poursuivi.', 'Il a poursuivi : "Il n\'y a pas de mais".'),
    ("« C'est fini », a indiqué un commandant, cité par Reuters.",
     "Un commandant, cité par Reuters, a indiqué : « C'est fini »."),
])
def test_attribution_moved_to_the_front(sentence, expected):
    assert front_attribution(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Le maire a inauguré le parc samedi.",
    '"Il y a du monde", a déclaré à l\'AFP Lucia Ferrera.',  # the subject follows a complement
])
def test_no_restatement_when_unsure(sentence):
    assert front_attribution(sentence) is None
