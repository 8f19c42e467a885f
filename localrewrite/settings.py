"""Settings for one run, frozen; precedence: flag > environment > request line > default."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from localrewrite.errors import LocalRewriteError
from localrewrite.ingest import MAX_WORDS

#: Environment variables read by from_env(), by field name.
ENV = {
    "model": "LOCALREWRITE_MODEL",
    "backend": "LOCALREWRITE_BACKEND",
    "base_url": "LOCALREWRITE_BASE_URL",
    "api_key": "LOCALREWRITE_API_KEY",
    "server_model": "LOCALREWRITE_SERVER_MODEL",
    "gpu_layers": "LOCALREWRITE_GPU_LAYERS",
    "threads": "LOCALREWRITE_THREADS",
    "spacy_model": "LOCALREWRITE_SPACY_MODEL",
}


@dataclass(frozen=True)
class Settings:
    words: int | None = None  # minimum body words; None: the request line's, else 700
    keyphrase: str | None = None  # None: chosen from the source
    language: str = "fr"
    seed: int = 42
    temperature: float = 0.5
    retries: int = 2  # extra attempts per sentence after a failed gate
    backend: str = "llamacpp"
    model: Path | None = None  # None: the first GGUF in models/
    base_url: str | None = None
    api_key: str | None = None
    server_model: str | None = None  # model name sent to an OpenAI-compatible server
    gpu_layers: int = 0
    threads: int | None = None  # None: physical cores
    context: int = 8192
    batch: int = 512
    spacy_model: str = "fr_core_news_md"  # word vectors: the paraphraser ranks synonyms with them
    timeout: float = 300.0  # seconds per server request
    max_words: int = MAX_WORDS  # words a source may have
    archive: Path | None = None  # the archive of earlier articles; None: the default one, when it exists
    use_archive: bool = True

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given fields replaced; None values are ignored."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **flags: Any) -> Settings:
        """Defaults, overridden by LOCALREWRITE_* variables, overridden by flags that are not None."""
        environ = dict(os.environ if environ is None else environ)
        types = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, var in ENV.items():
            raw = environ.get(var)
            if raw:
                values[name] = _convert(name, types[name], raw, var)
        return cls().with_overrides(**values).with_overrides(**flags)

    def as_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["model"] = str(self.model) if self.model else None
        out.pop("api_key")
        return out


def _convert(name: str, kind: Any, raw: str, var: str) -> Any:
    kind = str(kind)
    try:
        if "Path" in kind:
            return Path(raw).expanduser()
        if kind.startswith("int"):
            return int(raw)
    except ValueError:
        raise LocalRewriteError(f"{var}={raw!r} is not a whole number.") from None
    return raw
