"""Scoring with the real default model: texts read together (one batch, one sequence each) score as read one
at a time and as the model's own log-likelihood, up to the CPU kernels' noise between batch shapes."""

from __future__ import annotations

import numpy as np

from localrewrite.modelfiles import resolve_model

PREFIX = "Le parquet de Paris a ouvert dimanche une enquête après les injures proférées samedi."
TEXTS = [
    "Le suspect a été placé en garde à vue mardi à Mulhouse.",
    "Le suspect a été placé en garde à vue mardi soir à Mulhouse.",
    "Mardi, le suspect a été placé en garde à vue à Mulhouse.",
    "Un homme a été placé en garde à vue mardi à Mulhouse.",
    "Garde à le vue suspect placé mardi a été Mulhouse à.",
]
NOISE = 0.15  # nats a token: measured up to 0.08 between batch shapes (quantized matrix kernels)


def test_texts_scored_together_score_as_one_at_a_time(gemma):
    together = gemma.score(PREFIX, TEXTS)
    alone = [gemma.score(PREFIX, [text])[0] for text in TEXTS]
    assert [s.tokens for s in together] == [s.tokens for s in alone]
    for a, b in zip(together, alone, strict=True):
        assert abs(a.logprob - b.logprob) <= NOISE * a.tokens
    assert max(s.mean for s in together[:4]) - together[4].mean > 1.0  # the garbled one reads far worse


def test_a_score_is_the_models_log_likelihood(gemma):
    from llama_cpp import Llama

    llm = Llama(model_path=str(resolve_model(None)), logits_all=True, n_ctx=512, verbose=False)
    try:
        for text, score in zip(TEXTS[:2], gemma.score(PREFIX, TEXTS[:2]), strict=True):
            head = llm.tokenize(PREFIX.encode(), add_bos=True, special=False)
            ids = head + llm.tokenize(f" {text}".encode(), add_bos=False, special=False)
            llm.reset()
            llm.eval(ids)
            expected = 0.0
            for i in range(len(head) - 1, len(ids) - 1):
                row = np.array(llm.scores[i])
                top = row.max()
                expected += row[ids[i + 1]] - top - np.log(np.exp(row - top).sum())
            assert score.tokens == len(ids) - len(head)
            assert abs(score.logprob - expected) <= NOISE * score.tokens
    finally:
        llm.close()
