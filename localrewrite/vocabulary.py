"""A French-sized vocabulary: the packaged GGUF without the tokens French text never needs.

Vocabulary trimming (Ushio et al., EMNLP 2023 Findings). Gemma 3's 262,144 tokens cover 140 languages, and its
tied embedding/output matrix is two thirds of the 270M model: every generated or scored token pays a pass over
it. The trimmed file keeps the control, user-defined, unknown and byte-fallback tokens, every token that a
large French sample needs (spaCy's French vocabulary, wordfreq's French word list, punctuation runs), and every
token that is a substring of a kept one: SentencePiece merges a word through such intermediate pieces, so with
them the kept tokens are reached by the same merges, in the same order (same scores), as in the full
vocabulary. Ids are remapped in order; the embedding rows, token list, scores and types follow.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from localrewrite.errors import ModelError

SPACY_WORDS = 200_000  # the French model's most frequent vector keys, as cased in running text
WORDFREQ_WORDS = 50_000
PUNCTUATION = (*" .,;:!?()[]«»\"'’“”-–—…%/+*=&#@\n\u00a0\u202f", "...", "(...)")
NORMAL = 1  # llama.cpp's token types: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte

_TOKENS, _SCORES, _TYPES = "tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type"


@dataclass(frozen=True)
class Trimmed:
    """What trimming kept: sizes before and after."""

    path: Path
    tokens_before: int
    tokens_after: int
    bytes_before: int
    bytes_after: int


def french_sample() -> Iterator[str]:
    """Strings whose tokens a French vocabulary keeps: words at the start of a text and after a space,
    punctuation runs of one to three marks."""
    import spacy
    import wordfreq

    vocab = spacy.load("fr_core_news_md", exclude=["parser", "ner", "tagger", "morphologizer", "lemmatizer",
                                                   "attribute_ruler", "senter"]).vocab
    words = [vocab.strings[key] for key in itertools.islice(vocab.vectors.key2row, SPACY_WORDS)]
    listed = wordfreq.top_n_list("fr", WORDFREQ_WORDS)
    for word in itertools.chain(words, listed, (w.capitalize() for w in listed)):
        yield word
        yield " " + word
    for size in (1, 2, 3):
        for marks in itertools.product(PUNCTUATION, repeat=size):
            yield "".join(marks)


def trim(source: Path, target: Path, sample: Iterable[str] | None = None) -> Trimmed:
    """Write target: source with a vocabulary cut to what sample needs. ModelError if the tokenizer is not one
    this understands (SentencePiece, no merges, embedding rows = tokens)."""
    import gguf
    import numpy as np

    try:
        reader = gguf.GGUFReader(source)
    except (ValueError, OSError) as exc:
        raise ModelError(f"{source} cannot be read as GGUF ({exc}).") from None
    fields = reader.fields
    arch = _text(fields, "general.architecture")
    model = _text(fields, "tokenizer.ggml.model")
    if model != "llama" or "tokenizer.ggml.merges" in fields or _TYPES not in fields:
        raise ModelError(f"{source.name}: only SentencePiece vocabularies can be trimmed, this one is "
                         f"{model!r}{' with merges' if 'tokenizer.ggml.merges' in fields else ''}.")
    tokens = [bytes(fields[_TOKENS].parts[i]).decode("utf-8") for i in fields[_TOKENS].data]
    types = [int(fields[_TYPES].parts[i][0]) for i in fields[_TYPES].data]
    matrices = {t.name: t for t in reader.tensors if t.name in ("token_embd.weight", "output.weight")}
    if "token_embd.weight" not in matrices or any(int(t.shape[-1]) != len(tokens) for t in matrices.values()):
        raise ModelError(f"{source.name}: the embedding matrix does not have one row per token; not trimmed.")

    keep = needed(tokens, types, _tokenizer(source), sample if sample is not None else french_sample())
    keep.update(int(f.contents()) for name, f in fields.items() if name.endswith("_token_id"))
    kept = np.array(sorted(keep))
    new_id = {old: new for new, old in enumerate(kept.tolist())}

    partial = target.with_name(f".{target.name}.partial")
    writer = gguf.GGUFWriter(partial, arch, endianess=reader.endianess)
    for name, field in fields.items():
        if name.startswith("GGUF.") or name == "general.architecture":
            continue
        kind = field.types[0]
        sub = field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None
        value = field.contents()
        if name in (_TOKENS, _SCORES, _TYPES):
            value = [value[i] for i in kept.tolist()]
        elif name.endswith("_token_id"):
            value = new_id[int(value)]
        elif name == f"{arch}.vocab_size":
            value = len(kept)
        writer.add_key_value(name, value, kind, sub_type=sub)
    data = {t.name: (t.data[kept] if t.name in matrices else t.data) for t in reader.tensors}
    for tensor in reader.tensors:
        array = data[tensor.name]
        writer.add_tensor_info(tensor.name, array.shape, array.dtype, array.nbytes, tensor.tensor_type)
    try:
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for tensor in reader.tensors:
            writer.write_tensor_data(np.ascontiguousarray(data[tensor.name]), tensor_endianess=reader.endianess)
        writer.close()
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return Trimmed(target, len(tokens), len(kept), source.stat().st_size, target.stat().st_size)


def needed(tokens: list[str], types: list[int], tokenize: Callable[[str], list[int]],
           sample: Iterable[str]) -> set[int]:
    """Ids to keep: every token that is not a normal one, the sample's tokens, and the normal tokens that are
    substrings of a kept token (the pieces SentencePiece merges it from)."""
    keep = {i for i, kind in enumerate(types) if kind != NORMAL}
    for text in sample:
        keep.update(tokenize(text))
    normal = {token: i for i, (token, kind) in enumerate(zip(tokens, types, strict=True)) if kind == NORMAL}
    for i in [i for i in keep if types[i] == NORMAL]:
        piece = tokens[i]
        keep.update(normal[sub] for start in range(len(piece)) for end in range(start + 1, len(piece) + 1)
                    if (sub := piece[start:end]) in normal)
    return keep


def same_tokens(original: Path, trimmed: Path, texts: Iterable[str]) -> tuple[int, int]:
    """(texts tokenized identically, texts) by the two vocabularies, compared as token strings."""
    first, second = _tokenizer(original, pieces=True), _tokenizer(trimmed, pieces=True)
    results = [first(text) == second(text) for text in texts]
    return sum(results), len(results)


def _tokenizer(path: Path, pieces: bool = False) -> Callable[[str], list]:
    from llama_cpp import Llama

    from localrewrite.modelfiles import native_stderr_silenced

    with native_stderr_silenced():
        llm = Llama(model_path=str(path), vocab_only=True, verbose=False)

    def tokenize(text: str) -> list:
        ids = llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        return [llm._model.token_get_text(i) for i in ids] if pieces else ids

    return tokenize


def _text(fields: dict, name: str) -> str:
    field = fields.get(name)
    return str(field.contents()) if field is not None else ""
