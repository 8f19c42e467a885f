"""Backend registry: every backend, the default one too, is built through get_backend()."""

from __future__ import annotations

from collections.abc import Callable

from localrewrite.backends.base import Backend, Completion, Message, Prompt, Stats
from localrewrite.errors import BackendError
from localrewrite.settings import Settings


def _llamacpp(settings: Settings) -> Backend:
    from localrewrite.backends.llamacpp import LlamaCppBackend

    return LlamaCppBackend.from_settings(settings)


def _openai(settings: Settings) -> Backend:
    from localrewrite.backends.openai_http import OpenAIBackend

    return OpenAIBackend.from_settings(settings)


#: name -> factory(settings); tests register "fake" here.
BACKENDS: dict[str, Callable[[Settings], Backend]] = {"llamacpp": _llamacpp, "openai": _openai}


def get_backend(settings: Settings) -> Backend:
    try:
        factory = BACKENDS[settings.backend]
    except KeyError:
        names = ", ".join(sorted(BACKENDS))
        raise BackendError(f"Unknown backend {settings.backend!r}: choose one of {names}.") from None
    return factory(settings)


__all__ = ["BACKENDS", "Backend", "Completion", "Message", "Prompt", "Stats", "get_backend"]
