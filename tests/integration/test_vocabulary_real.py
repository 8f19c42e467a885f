"""The French vocabulary that set-up derives, against the packaged model: the same tokens on French text, a
valid (if longer) tokenization of anything else, the same greedy generations; candidates decoded together."""

from __future__ import annotations

import pytest
from llama_cpp import Llama

from localrewrite.backends.llamacpp import LlamaCppBackend
from localrewrite.modelfiles import DEFAULT_MODEL, PACKAGED_MODEL, models_dir, native_stderr_silenced
from localrewrite.throughput import GREEDY_PROMPTS

FRENCH = ("« L’œuvre de Mme Lefèvre‑Dubœuf n’a rien d’un ex‑voto », a‑t‑elle lancé à l’Assemblée, où\u00a0212 "
          "députés — sur 577 — l’ont applaudie : “c’était inespéré” ; coût estimé\u202f: 1,5\u00a0million d’euros "
          "(+12\u00a0%). Æsthétique ? Cœur, sœur, naïveté, Noël, août, ça, déjà-vu… Où ? Ici.")
ELSEWHERE = "东京的天气很好。 Погода в Москве хорошая. Ελληνικά γράμματα."


@pytest.fixture(scope="module")
def vocabularies() -> tuple[Llama, Llama]:
    paths = [models_dir() / name for name in (PACKAGED_MODEL, DEFAULT_MODEL)]
    if not all(p.is_file() for p in paths):
        pytest.skip("set-up has not made both the packaged model and its French copy: run scripts/setup_model.py")
    with native_stderr_silenced():
        pair = tuple(Llama(model_path=str(p), vocab_only=True, verbose=False) for p in paths)
    yield pair
    for llm in pair:
        llm.close()


def pieces(llm: Llama, text: str) -> list[str]:
    return [llm._model.token_get_text(i) for i in llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)]


def test_the_trimmed_vocabulary_is_a_third_of_the_packaged_one(vocabularies) -> None:
    packaged, trimmed = vocabularies
    assert packaged.n_vocab() == 262_144
    assert trimmed.n_vocab() < packaged.n_vocab() / 2.5
    assert (models_dir() / DEFAULT_MODEL).stat().st_size < (models_dir() / PACKAGED_MODEL).stat().st_size * 2 / 3


def test_french_text_is_tokenized_the_same(vocabularies) -> None:
    packaged, trimmed = vocabularies
    assert pieces(trimmed, FRENCH) == pieces(packaged, FRENCH)
    ids = trimmed.tokenize(FRENCH.encode("utf-8"), add_bos=False, special=False)
    assert trimmed.detokenize(ids).decode("utf-8") == FRENCH


def test_other_scripts_get_a_valid_longer_tokenization(vocabularies) -> None:
    packaged, trimmed = vocabularies
    ids = trimmed.tokenize(ELSEWHERE.encode("utf-8"), add_bos=False, special=False)
    assert trimmed.detokenize(ids).decode("utf-8") == ELSEWHERE  # byte fallback: nothing lost
    assert len(ids) > len(packaged.tokenize(ELSEWHERE.encode("utf-8"), add_bos=False, special=False))


def test_greedy_generations_are_the_same() -> None:
    paths = [models_dir() / name for name in (PACKAGED_MODEL, DEFAULT_MODEL)]
    if not all(p.is_file() for p in paths):
        pytest.skip("set-up has not made both the packaged model and its French copy")
    texts = []
    for path in paths:
        backend = LlamaCppBackend.from_path(path, n_ctx=1024)
        texts.append([backend.llm.create_completion(p, max_tokens=32, temperature=0.0)["choices"][0]["text"]
                      for p in GREEDY_PROMPTS])
        backend.close()
    assert texts[0] == texts[1]
    assert all(len(t.split()) > 5 for t in texts[1])


def test_candidates_decoded_together_are_those_made_one_at_a_time(gemma) -> None:
    prompt = ("Réécris la phrase en d'autres mots.\nPhrase : Le maire de Lyon a inauguré samedi une ligne de "
              "tramway.\nRéécriture :")
    seeds = [11, 12, 13]  # the writer's three attempts: 1 + 2 retries
    together = gemma.complete_many(prompt, seeds, stop=["\n"], max_tokens=24, temperature=0.7)
    alone = [gemma.complete_many(prompt, [seed], stop=["\n"], max_tokens=24, temperature=0.7)[0] for seed in seeds]
    assert [c.text for c in together] == [c.text for c in alone]
    assert len({c.text for c in together}) > 1  # the seeds do draw different candidates
    assert all(c.generated_tokens > 0 and "\n" not in c.text for c in together)
    assert together[0].prompt_tokens > 0 and together[1].prompt_tokens == 0  # the prompt was read once


def test_candidates_can_be_stopped_one_by_one(gemma) -> None:
    seen: dict[int, str] = {}

    def watch(i: int, piece: str) -> bool:
        seen[i] = seen.get(i, "") + piece
        return i != 1  # the second candidate is stopped at its first piece

    drawn = gemma.complete_many("Article de presse en français.\n\nLe", [1, 2, 3], max_tokens=16, on_text=watch)
    assert drawn[1].finish_reason == "abort" and "abort" not in (drawn[0].finish_reason, drawn[2].finish_reason)
    assert drawn[1].generated_tokens == 1 and seen[1] == drawn[1].text
