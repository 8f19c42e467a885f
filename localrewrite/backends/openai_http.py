"""An OpenAI-compatible server over HTTP: llama.cpp's server, llama-cpp-python's server, vLLM, Ollama.

Built around an `openai.OpenAI` client passed in; `from_settings()` makes one from `--base-url`, asks the
server which model it serves, how long its context is and whether it can tokenize. The `openai` package is
imported lazily, so `--help` stays instant.

- **Endpoint.** complete() sends a string prompt to /v1/completions and a list of messages to
  /v1/chat/completions. With `on_text` it streams (server-sent events) and asks for the usage in the last
  event (`stream_options={"include_usage": True}`).
- **chat** tells the pipeline which kind of prompt to build. The server does not say whether its model was
  instruction-tuned, so, unless the caller says, a model id containing "instruct", "chat" or "-it"
  (case-insensitive) counts as a chat model and anything else as a base model: llama.cpp's server with the
  default Gemma 3 270M base model gets completion prompts.
- **Token counts** come from the reply's usage, less the prompt tokens the server says it found in its cache
  (`prompt_tokens_details.cached_tokens`, or llama.cpp's `timings.prompt_n`). A stream without usage is
  counted with tokenize().
- **tokenize()** uses the server's tokenizer: POST /tokenize {"content"} (llama.cpp), POST /extras/tokenize
  {"input"} (llama-cpp-python), POST /tokenize {"prompt"} (vLLM); the tokens the server adds to an empty text
  (BOS) are dropped. Without one, `can_tokenize` is False and tokenize() returns one id per word or
  punctuation mark, an estimate.
- **context_length**: llama.cpp's /props (`n_ctx`), vLLM's `max_model_len`, llama.cpp's `meta.n_ctx_train`
  (capped by `settings.context`), else `settings.context`.
- **Errors.** The client retries a refused connection, a timeout and HTTP 408/409/429/5xx `max_retries`
  times with exponential backoff (0.5 s, 1 s, 2 s…, or the server's Retry-After). What still fails becomes
  one BackendError that says what to do.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from localrewrite.backends.base import Completion, Prompt, Score, Stats, one_by_one
from localrewrite.errors import BackendError

if TYPE_CHECKING:
    import openai

    from localrewrite.settings import Settings

#: Extra attempts after a refused connection, a timeout or HTTP 408/409/429/5xx (the openai client's own).
MAX_RETRIES = 2
#: Nucleus sampling, as the in-process backend.
TOP_P = 0.95

#: Tokenizer endpoints at the server root, tried in order: (path, JSON field holding the text).
TOKENIZE_ROUTES = (("tokenize", "content"), ("extras/tokenize", "input"), ("tokenize", "prompt"))

_CHAT_ID = re.compile(r"instruct|chat|-it(?![a-z0-9])", re.IGNORECASE)
_WORDS = re.compile(r"\w+|[^\w\s]")


def looks_like_chat(model_id: str) -> bool:
    """Whether a served model id names an instruction-tuned model: "…-Instruct", "…-chat", "…-it"."""
    return bool(_CHAT_ID.search(model_id))


def estimate_tokens(text: str) -> list[int]:
    """Placeholder ids, one per word or punctuation mark: a token count estimate without a tokenizer."""
    return list(range(len(_WORDS.findall(text))))


def make_client(base_url: str, *, api_key: str | None = None, timeout: float = 300.0,
                max_retries: int = MAX_RETRIES) -> openai.OpenAI:
    """An openai client for base_url (e.g. http://127.0.0.1:8080/v1) with bounded retries."""
    try:
        import openai
    except ImportError:
        raise BackendError("The openai package is not installed: run `pip install openai`.") from None
    return openai.OpenAI(base_url=base_url, api_key=api_key or "none", timeout=timeout,
                         max_retries=max_retries)


@dataclass(frozen=True)
class _Tokenizer:
    url: str
    field: str
    prefix: tuple[int, ...]  # what the server adds to any text (BOS), dropped from the result


class OpenAIBackend:
    """Completions from an OpenAI-compatible server, through an openai.OpenAI client passed in."""

    name = "openai"
    seeded = True
    can_score = False  # an OpenAI-compatible server gives no prompt log-probabilities we can rely on

    def __init__(self, client: openai.OpenAI, model_name: str, *, chat: bool | None = None,
                 context_length: int = 8192, tokenizer: _Tokenizer | None = None) -> None:
        self.client = client
        self.model_name = model_name
        self.chat = looks_like_chat(model_name) if chat is None else chat
        self.context_length = context_length
        self._tokenizer = tokenizer
        self.can_tokenize = tokenizer is not None
        self.stats = Stats()
        self.url = str(client.base_url).rstrip("/")

    @classmethod
    def from_settings(cls, settings: Settings, *, chat: bool | None = None,
                      max_retries: int = MAX_RETRIES) -> OpenAIBackend:
        """Connect to settings.base_url; the model is settings.server_model, else the first one listed."""
        if not settings.base_url:
            raise BackendError("The openai backend needs a server: pass --base-url "
                               "(e.g. http://127.0.0.1:8080/v1) or set LOCALREWRITE_BASE_URL.")
        client = make_client(settings.base_url, api_key=settings.api_key, timeout=settings.timeout,
                             max_retries=max_retries)
        backend = cls(client, settings.server_model or "", chat=chat, context_length=settings.context)
        try:
            backend._connect(settings.server_model, chat, settings.context)
        except BaseException:
            client.close()
            raise
        return backend

    def _connect(self, server_model: str | None, chat: bool | None, context: int) -> None:
        models = self._models()
        if not server_model and not models:
            raise BackendError(f"The server at {self.url} lists no models: "
                               "set LOCALREWRITE_SERVER_MODEL to the name of the one it serves.")
        self.model_name = server_model or models[0]["id"]
        self.chat = looks_like_chat(self.model_name) if chat is None else chat
        entry = next((m for m in models if m["id"] == self.model_name), {})
        self.context_length = self._context_length(entry, context)
        self._tokenizer = self._find_tokenizer()
        self.can_tokenize = self._tokenizer is not None

    # -- generation

    def complete(
        self,
        prompt: Prompt,
        *,
        stop: Sequence[str] = (),
        max_tokens: int = 256,
        seed: int | None = None,
        temperature: float = 0.7,
        on_text: Callable[[str], bool | None] | None = None,
    ) -> Completion:
        from openai import OpenAIError

        options: dict[str, Any] = dict(model=self.model_name, max_tokens=max_tokens, temperature=temperature,
                                       top_p=TOP_P)
        if stop:
            options["stop"] = list(stop)
        if seed is not None:
            options["seed"] = seed
        start = time.perf_counter()
        try:
            if on_text is None:
                text, finish, usage, timings = self._generate(prompt, options)
            else:
                text, finish, usage, timings = self._stream(prompt, options, on_text)
        except (OpenAIError, json.JSONDecodeError) as exc:
            raise self._error(exc) from None
        seconds = time.perf_counter() - start
        prompt_tokens, generated = self._count(prompt, text, usage, timings)
        completion = Completion(text=text, prompt_tokens=prompt_tokens, generated_tokens=generated,
                                seconds=seconds, finish_reason="stop" if finish == "stop" else "length")
        self.stats.add(completion)
        return completion

    def complete_many(self, prompt: Prompt, seeds: Sequence[int], **options: Any) -> list[Completion]:
        """One request per seed: a server's own batching (llama.cpp slots, vLLM) serves concurrent clients."""
        return one_by_one(self, prompt, seeds, **options)

    def _create(self, prompt: Prompt, **options: Any) -> Any:
        if isinstance(prompt, str):
            return self.client.completions.create(prompt=prompt, **options)
        return self.client.chat.completions.create(messages=list(prompt), **options)  # type: ignore[arg-type]

    def _generate(self, prompt: Prompt, options: dict[str, Any]) -> tuple[str, str | None, Any, Any]:
        response = self._create(prompt, **options)
        choice = response.choices[0]
        text = choice.text if isinstance(prompt, str) else choice.message.content
        return text or "", choice.finish_reason, response.usage, _extra(response, "timings")

    def _stream(self, prompt: Prompt, options: dict[str, Any],
                on_text: Callable[[str], bool | None]) -> tuple[str, str | None, Any, Any]:
        from openai import APIConnectionError, APITimeoutError

        stream = self._create(prompt, stream=True, stream_options={"include_usage": True}, **options)
        pieces: list[str] = []
        finish = usage = timings = None
        try:
            with stream:
                for chunk in stream:
                    usage = chunk.usage or usage
                    timings = _extra(chunk, "timings") or timings
                    for choice in chunk.choices[:1]:
                        piece = choice.text if isinstance(prompt, str) else choice.delta.content
                        if piece:
                            pieces.append(piece)
                            if on_text(piece) is False:
                                finish = "abort"
                                break
                        finish = choice.finish_reason or finish
                    if finish == "abort":
                        break
        except APITimeoutError:
            raise
        except APIConnectionError:
            finish = None
        if finish is None:  # the connection broke, or closed before the last event
            raise BackendError(f"The model server at {self.url} stopped in the middle of a reply: "
                               "is it still running? Check its log, restart it and run again.")
        return "".join(pieces), finish, usage, timings

    def _count(self, prompt: Prompt, text: str, usage: Any, timings: Any) -> tuple[int, int]:
        """(prompt tokens evaluated, tokens generated): the server's figures, else tokenize()."""
        if usage is not None:
            details = getattr(usage, "prompt_tokens_details", None)
            prompt_tokens = usage.prompt_tokens - (getattr(details, "cached_tokens", None) or 0)
            generated = usage.completion_tokens
        else:
            words = prompt if isinstance(prompt, str) else "\n".join(m["content"] for m in prompt)
            prefix = len(self._tokenizer.prefix) if self._tokenizer and isinstance(prompt, str) else 0
            prompt_tokens = len(self.tokenize(words)) + prefix
            generated = len(self.tokenize(text)) if text else 0
        if isinstance(timings, dict) and isinstance(timings.get("prompt_n"), int):
            prompt_tokens = timings["prompt_n"]  # llama.cpp: what it evaluated, its cache excluded
        return prompt_tokens, generated

    # -- tokens

    def score(self, prefix: str, texts: Sequence[str]) -> list[Score]:
        raise BackendError("An OpenAI-compatible server cannot score wordings: the paraphraser ranks them "
                           "without the model (can_score is False).")

    def tokenize(self, text: str) -> list[int]:
        """The server's tokens for text (no BOS); an estimate, and can_tokenize False, if that fails."""
        from openai import OpenAIError

        if self._tokenizer is not None:
            try:
                tokens = self._call_tokenizer(self._tokenizer.url, self._tokenizer.field, text)
            except OpenAIError:
                self._tokenizer = None
                self.can_tokenize = False
            else:
                prefix = list(self._tokenizer.prefix)
                return tokens[len(prefix):] if tokens[: len(prefix)] == prefix else tokens
        return estimate_tokens(text)

    def _call_tokenizer(self, url: str, field: str, text: str, **options: Any) -> list[int]:
        from openai import OpenAIError

        data = self.client.post(url, cast_to=object, body={field: text, "model": self.model_name},
                                options=options)  # type: ignore[arg-type]
        tokens = data.get("tokens") if isinstance(data, dict) else None
        if not isinstance(tokens, list) or not all(isinstance(t, int) for t in tokens):
            raise OpenAIError(f"{url} did not answer a list of tokens")
        return tokens

    def _find_tokenizer(self) -> _Tokenizer | None:
        from openai import OpenAIError

        for path, field in TOKENIZE_ROUTES:
            url = f"{self._root()}/{path}"
            try:
                prefix = self._call_tokenizer(url, field, "", max_retries=0)
            except OpenAIError:
                continue
            return _Tokenizer(url, field, tuple(prefix))
        return None

    # -- what the server says about itself

    def _root(self) -> str:
        """The server root, where llama.cpp puts /props and /tokenize: base_url without /v1."""
        return re.sub(r"/v1$", "", self.url)

    def _models(self) -> list[dict[str, Any]]:
        """The models listed at /models; BackendError if the server cannot be asked."""
        from openai import NotFoundError, OpenAIError

        try:
            data = self.client.get("models", cast_to=object)
        except NotFoundError:
            raise BackendError(f"The server at {self.url} has no /models endpoint: is --base-url right? "
                               "It usually ends in /v1.") from None
        except OpenAIError as exc:
            raise self._error(exc) from None
        listed = data.get("data") if isinstance(data, dict) else None
        return [m for m in listed or [] if isinstance(m, dict) and isinstance(m.get("id"), str)]

    def _context_length(self, entry: dict[str, Any], default: int) -> int:
        from openai import OpenAIError

        try:
            props = self.client.get(f"{self._root()}/props", cast_to=object, options={"max_retries": 0})
        except OpenAIError:
            props = None
        if isinstance(props, dict):
            generation = props.get("default_generation_settings")
            n_ctx = (generation or {}).get("n_ctx") if isinstance(generation, dict) else None
            if isinstance(n_ctx, int) and n_ctx > 0:
                return n_ctx
        if isinstance(entry.get("max_model_len"), int):
            return entry["max_model_len"]
        meta = entry.get("meta")
        if isinstance(meta, dict) and isinstance(meta.get("n_ctx_train"), int):
            return min(meta["n_ctx_train"], default)
        return default

    # -- errors

    def _error(self, exc: Exception) -> BackendError:
        """One BackendError, with a sentence that says what to do, for an openai or HTTP failure."""
        import openai

        url, attempts = self.url, _attempts(self.client.max_retries)
        if isinstance(exc, openai.APITimeoutError):
            return BackendError(f"The model server at {url} did not answer within {_seconds(self.client)} "
                                f"({attempts}): it is overloaded or stuck; check its log, or try again "
                                "when it is less busy.")
        if isinstance(exc, openai.APIConnectionError):
            return BackendError(f"Cannot reach the model server at {url} ({attempts}): is it running? "
                                "Start it, or pass the right --base-url.")
        if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
            return BackendError(f"The model server at {url} refused the API key (HTTP {exc.status_code}): "
                                "pass the right one with --api-key or LOCALREWRITE_API_KEY.")
        if isinstance(exc, openai.NotFoundError):
            return self._not_found(exc)
        if isinstance(exc, openai.RateLimitError):
            return BackendError(f"The model server at {url} is overloaded (HTTP 429, {attempts}): "
                                "try again later or send fewer requests at once.")
        if isinstance(exc, openai.APIStatusError):
            detail = _server_message(exc)
            if exc.status_code >= 500:
                return BackendError(f"The model server at {url} failed (HTTP {exc.status_code}, {attempts}): "
                                    f"{detail}; check its log.")
            return BackendError(f"The model server at {url} rejected the request "
                                f"(HTTP {exc.status_code}): {detail}.")
        if isinstance(exc, openai.APIError) and not isinstance(exc, openai.APIResponseValidationError):
            return BackendError(f"The model server at {url} reported an error while it wrote: "
                                f"{_server_message(exc)}; check its log.")  # an error event in a stream
        return BackendError(f"The model server at {url} sent a reply this backend cannot read "
                            f"({_one_line(exc)}): is --base-url an OpenAI-compatible server?")

    def _not_found(self, exc: Exception) -> BackendError:
        from openai import OpenAIError

        try:
            names = [m["id"] for m in self._models()]
        except (BackendError, OpenAIError):
            names = []
        if names and self.model_name not in names:
            return BackendError(f"The server at {self.url} has no model {self.model_name!r}: available: "
                                f"{', '.join(names)}; set LOCALREWRITE_SERVER_MODEL to one of them.")
        return BackendError(f"The server at {self.url} answered 404 (not found) to {_path(exc)}: "
                            "is --base-url right? It usually ends in /v1.")

    def close(self) -> None:
        self.client.close()


def _extra(obj: Any, key: str) -> Any:
    """A field the openai types do not declare (llama.cpp's timings), or None."""
    return (getattr(obj, "model_extra", None) or {}).get(key)


def _attempts(retries: int) -> str:
    return "1 attempt" if retries == 0 else f"{retries + 1} attempts"


def _one_line(value: object, limit: int = 200) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _server_message(exc: Any) -> str:
    """The server's own explanation, from the error body ({"message"}, FastAPI's {"detail"}) or the text."""
    body = getattr(exc, "body", None)
    message = body.get("message") or body.get("detail") if isinstance(body, dict) else body
    if message and not isinstance(message, str):
        message = json.dumps(message, ensure_ascii=False)
    return _one_line(message or exc.message)


def _path(exc: Any) -> str:
    response = getattr(exc, "response", None)
    return response.request.url.path if response is not None else "the request"


def _seconds(client: Any) -> str:
    timeout = client.timeout
    value = timeout if isinstance(timeout, (int, float)) else getattr(timeout, "read", None)
    return f"{value:g} s" if isinstance(value, (int, float)) else "the timeout"
