"""Vocabulary trimming: which tokens are kept, a tokenizer it does not understand refused in one line."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest

from localrewrite.errors import ModelError
from localrewrite.vocabulary import NORMAL, needed, trim

CONTROL, BYTE = 3, 6


def test_kept_tokens_are_the_samples_with_the_pieces_they_are_merged_from() -> None:
    tokens = ["<pad>", "<0x41>", "▁", "a", "b", "ab", "▁ab", "abc", "c", "x", "xy", "y"]
    types = [CONTROL, BYTE, *[NORMAL] * 10]
    ids = {t: i for i, t in enumerate(tokens)}

    def tokenize(text: str) -> list[int]:
        return [ids[piece] for piece in text.split("|")]

    keep = needed(tokens, types, tokenize, ["▁ab|c"])
    kept = {tokens[i] for i in keep}
    # control and byte tokens always; the sample's two tokens; every piece "▁ab" and "c" can be merged from
    assert kept == {"<pad>", "<0x41>", "▁ab", "c", "▁", "a", "b", "ab"}


def _gguf(path: Path, model: str, merges: bool) -> Path:
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_tokenizer_model(model)
    writer.add_token_list(["<unk>", "a", "b", "ab"])
    writer.add_token_types([2, 1, 1, 1])
    if merges:
        writer.add_token_merges(["a b"])
    writer.add_tensor("token_embd.weight", np.zeros((4, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def test_a_bpe_vocabulary_is_refused_in_one_line(tmp_path: Path) -> None:
    source = _gguf(tmp_path / "bpe.gguf", "gpt2", merges=True)
    with pytest.raises(ModelError) as caught:
        trim(source, tmp_path / "out.gguf", sample=["ab"])
    assert caught.value.message == "bpe.gguf: only SentencePiece vocabularies can be trimmed, this one is 'gpt2' " \
                                   "with merges."
    assert not (tmp_path / "out.gguf").exists()


def test_a_file_that_is_not_gguf_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "notes.gguf"
    source.write_text("pas un modèle", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot be read as GGUF"):
        trim(source, tmp_path / "out.gguf", sample=[])
