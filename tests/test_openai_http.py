"""OpenAIBackend against the stdlib stub on 127.0.0.1: what it sends, what it counts, how it fails."""

from __future__ import annotations

import subprocess
import sys
import time
from contextlib import closing

import pytest

from localrewrite.backends import get_backend
from localrewrite.backends.openai_http import OpenAIBackend, estimate_tokens, looks_like_chat
from localrewrite.errors import BackendError
from localrewrite.settings import Settings
from tests.stub_server import Reply, StubServer, stub_tokens

FAST = {"retry-after-ms": "1"}  # the server asks for a 1 ms backoff: retries without slowing the tests


@pytest.fixture
def server():
    with StubServer(models=["stub-model", "other-model"]) as stub:
        yield stub


def connect(url: str, max_retries: int = 2, **settings) -> OpenAIBackend:
    values = {"backend": "openai", "base_url": url, "timeout": 5.0} | settings
    return OpenAIBackend.from_settings(Settings(**values), max_retries=max_retries)


@pytest.fixture
def backend(server):
    b = connect(server.url)
    yield b
    b.close()


# -- what it sends


def test_completion_request_carries_prompt_stop_seed_and_max_tokens(server, backend):
    server.enqueue(Reply("Le Premier ministre a parlé.", finish_reason="stop", prompt_tokens=11,
                         completion_tokens=6))
    completion = backend.complete("Phrase : x\nRéécriture :", stop=["\n", "Phrase"], max_tokens=40,
                                  seed=7, temperature=0.3)
    assert server.posts()[-1].body == {
        "model": "stub-model", "prompt": "Phrase : x\nRéécriture :", "stop": ["\n", "Phrase"],
        "max_tokens": 40, "seed": 7, "temperature": 0.3, "top_p": 0.95,
    }
    assert completion.text == "Le Premier ministre a parlé."
    assert (completion.prompt_tokens, completion.generated_tokens) == (11, 6)
    assert completion.finish_reason == "stop"
    assert completion.seconds > 0


def test_chat_messages_go_to_chat_completions(server, backend):
    server.enqueue(Reply("Bonjour."))
    messages = [{"role": "system", "content": "Réécris."}, {"role": "user", "content": "Texte."}]
    completion = backend.complete(messages, stop=["\n\n"], max_tokens=12, seed=3)
    body = server.posts("/v1/chat/completions")[-1].body
    assert body["messages"] == messages
    assert (body["stop"], body["max_tokens"], body["seed"]) == (["\n\n"], 12, 3)
    assert completion.text == "Bonjour."
    assert server.posts() == []


def test_no_stop_and_no_seed_are_left_out(server, backend):
    backend.complete("x", max_tokens=5)
    assert "stop" not in server.posts()[-1].body
    assert "seed" not in server.posts()[-1].body


def test_length_finish_reason(server, backend):
    server.enqueue(Reply("coupé", finish_reason="length"))
    assert backend.complete("x", max_tokens=1).finish_reason == "length"


# -- streaming


def test_streaming_joins_pieces_and_calls_on_text(server, backend):
    server.enqueue(Reply(pieces=["Le ", "chat ", "", "dort."], prompt_tokens=9, completion_tokens=4))
    seen: list[str] = []
    completion = backend.complete("Il était une fois", max_tokens=10, on_text=seen.append)
    assert seen == ["Le ", "chat ", "dort."]
    assert completion.text == "Le chat dort."
    assert (completion.prompt_tokens, completion.generated_tokens) == (9, 4)
    body = server.posts()[-1].body
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}


def test_chat_streaming(server, backend):
    server.enqueue(Reply("Un deux trois"))
    seen: list[str] = []
    completion = backend.complete([{"role": "user", "content": "Compte."}], on_text=seen.append)
    assert seen == ["Un ", "deux ", "trois"]
    assert completion.text == "Un deux trois"
    assert completion.finish_reason == "stop"


def test_stream_without_usage_is_counted_with_the_tokenizer(server, backend):
    server.enqueue(Reply("trois mots ici", prompt_tokens=None))
    completion = backend.complete("un deux", on_text=lambda piece: None)
    assert (completion.prompt_tokens, completion.generated_tokens) == (2, 3)


def test_stream_dropped_mid_reply(server, backend):
    server.enqueue(Reply("un deux trois quatre", drop_after=2))
    seen: list[str] = []
    with pytest.raises(BackendError) as err:
        backend.complete("x", on_text=seen.append)
    assert err.value.message == (
        f"The model server at {server.url} stopped in the middle of a reply: is it still running? "
        "Check its log, restart it and run again.")
    assert seen == ["un ", "deux "]


def test_error_event_in_a_stream(server, backend):
    server.enqueue(Reply("un deux", stream_error="slot unavailable"))
    with pytest.raises(BackendError) as err:
        backend.complete("x", on_text=lambda piece: None)
    assert err.value.message == (f"The model server at {server.url} reported an error while it wrote: "
                                 "slot unavailable; check its log.")


# -- counting


def test_usage_is_added_to_stats_and_cache_hits_are_not_counted(server, backend):
    server.enqueue(Reply("a b", prompt_tokens=100, completion_tokens=2),
                   Reply("c d e", prompt_tokens=120, cached_tokens=90, completion_tokens=3))
    backend.complete("x")
    second = backend.complete("x", on_text=lambda piece: None)
    assert second.prompt_tokens == 30
    stats = backend.stats
    assert (stats.prompt_tokens, stats.generated_tokens, stats.calls) == (130, 5, 2)
    assert stats.seconds > 0


def test_reply_without_usage_is_counted_with_the_tokenizer(server, backend):
    server.enqueue(Reply("quatre mots sont ici", prompt_tokens=None))
    completion = backend.complete("deux mots")
    assert (completion.prompt_tokens, completion.generated_tokens) == (2, 4)


# -- what the server says about itself


def test_model_is_the_first_listed_unless_named(server):
    with closing(connect(server.url)) as b:
        assert b.model_name == "stub-model"
    with closing(connect(server.url, server_model="other-model")) as b:
        b.complete("x")
        assert server.posts()[-1].body["model"] == "other-model"


def test_attributes(backend):
    assert (backend.name, backend.seeded, backend.chat, backend.can_tokenize) == ("openai", True, False, True)
    assert backend.context_length == 8192  # the stub says nothing: settings.context


@pytest.mark.parametrize(("model_id", "chat"), [
    ("models/gemma-3-270m-q4_k_m.gguf", False),
    ("gemma-3-270m-it", True),
    ("google/gemma-3-1b-it-qat-q4_0-gguf", True),
    ("Qwen/Qwen2.5-0.5B-Instruct", True),
    ("mistral-7b-chat.Q4_K_M.gguf", True),
    ("mistral-7b-italian", False),
    ("meta-llama/Llama-3.2-1B", False),
])
def test_chat_is_guessed_from_the_model_id(model_id, chat):
    assert looks_like_chat(model_id) is chat


def test_chat_can_be_forced():
    with StubServer(models=["Qwen2.5-0.5B-Instruct"]) as stub:
        with closing(connect(stub.url)) as b:
            assert b.chat is True
        settings = Settings(backend="openai", base_url=stub.url)
        with closing(OpenAIBackend.from_settings(settings, chat=False)) as b:
            assert b.chat is False


@pytest.mark.parametrize(("server_args", "context"), [
    ({"n_ctx": 4096}, 4096),  # llama.cpp: /props
    ({"model_meta": {"max_model_len": 32768}}, 32768),  # vLLM
    ({"model_meta": {"meta": {"n_ctx_train": 2048}}}, 2048),  # llama.cpp: what the model was trained on
    ({"model_meta": {"meta": {"n_ctx_train": 131072}}}, 8192),  # ... capped by settings.context
    ({}, 8192),
])
def test_context_length(server_args, context):
    with StubServer(**server_args) as stub, closing(connect(stub.url)) as b:
        assert b.context_length == context


def test_tokenize_with_llama_cpp_route(server, backend):
    assert backend.tokenize("Bonjour le monde") == stub_tokens("Bonjour le monde")
    assert server.requests[-1].path == "/tokenize"
    assert server.requests[-1].body == {"content": "Bonjour le monde", "model": "stub-model"}


def test_tokenize_with_llama_cpp_python_route_drops_bos():
    with StubServer(tokenizer="llama-cpp-python") as stub, closing(connect(stub.url)) as b:
        assert b.can_tokenize
        assert b.tokenize("Bonjour le monde") == stub_tokens("Bonjour le monde")
        assert stub.requests[-1].path == "/extras/tokenize"


def test_no_tokenizer_gives_an_estimate():
    with StubServer(tokenizer=None) as stub, closing(connect(stub.url)) as b:
        assert b.can_tokenize is False
        assert len(b.tokenize("Bonjour, le monde !")) == 5
        assert b.tokenize("a b") == estimate_tokens("a b")


def test_tokenizer_failing_later_falls_back_to_an_estimate(server, backend):
    server.tokenizer = None
    assert len(backend.tokenize("un deux trois")) == 3
    assert backend.can_tokenize is False


# -- errors


def test_base_url_is_required():
    with pytest.raises(BackendError) as err:
        get_backend(Settings(backend="openai"))
    assert err.value.message == ("The openai backend needs a server: pass --base-url "
                                 "(e.g. http://127.0.0.1:8080/v1) or set LOCALREWRITE_BASE_URL.")
    assert err.value.exit_code == 4


def test_server_down_at_start():
    stub = StubServer().start()
    stub.stop()
    start = time.perf_counter()
    with pytest.raises(BackendError) as err:
        connect(stub.url, max_retries=1)
    assert err.value.message == (f"Cannot reach the model server at {stub.url} (2 attempts): is it running? "
                                 "Start it, or pass the right --base-url.")
    assert err.value.__cause__ is None and err.value.__suppress_context__
    assert time.perf_counter() - start < 3


def test_server_down_mid_run(server):
    b = connect(server.url, max_retries=1)
    server.stop()
    with pytest.raises(BackendError, match=r"^Cannot reach the model server at http://127\.0\.0\.1:\d+/v1 "):
        b.complete("x")
    b.close()


def test_unknown_model(server):
    with closing(connect(server.url, server_model="mistral")) as b, pytest.raises(BackendError) as err:
        b.complete("x")
    assert err.value.message == (f"The server at {server.url} has no model 'mistral': available: "
                                 "stub-model, other-model; set LOCALREWRITE_SERVER_MODEL to one of them.")


def test_base_url_without_v1(server):
    with pytest.raises(BackendError) as err:
        connect(server.url.removesuffix("/v1"))
    assert err.value.message == (f"The server at {server.url.removesuffix('/v1')} has no /models endpoint: "
                                 "is --base-url right? It usually ends in /v1.")


def test_503_twice_then_success_is_retried(server, backend):
    server.enqueue(Reply(status=503, headers=FAST), Reply(status=503, headers=FAST), Reply("Enfin."))
    assert backend.complete("x").text == "Enfin."
    assert len(server.posts()) == 3


def test_retries_are_bounded(server):
    server.enqueue(*[Reply(status=503, message="Service Unavailable", headers=FAST)] * 5)
    with closing(connect(server.url, max_retries=2)) as b, pytest.raises(BackendError) as err:
        b.complete("x")
    assert len(server.posts()) == 3
    assert err.value.message == (f"The model server at {server.url} failed (HTTP 503, 3 attempts): "
                                 "Service Unavailable; check its log.")


def test_bad_request_is_not_retried(server, backend):
    server.enqueue(Reply(status=400, message="the request exceeds the available context size"))
    with pytest.raises(BackendError) as err:
        backend.complete("x")
    assert err.value.message == (f"The model server at {server.url} rejected the request (HTTP 400): "
                                 "the request exceeds the available context size.")
    assert len(server.posts()) == 1


def test_wrong_api_key():
    with StubServer(api_key="secret") as stub, closing(connect(stub.url, api_key="wrong")) as b:
        with pytest.raises(BackendError) as err:
            b.complete("x")
        assert err.value.message == (f"The model server at {stub.url} refused the API key (HTTP 401): "
                                     "pass the right one with --api-key or LOCALREWRITE_API_KEY.")
        assert stub.posts()[-1].headers["authorization"] == "Bearer wrong"


def test_api_key_is_sent():
    with StubServer(api_key="secret") as stub, closing(connect(stub.url, api_key="secret")) as b:
        assert b.complete("x").text


def test_timeout(server):
    server.enqueue(Reply(delay=1.0))
    with closing(connect(server.url, max_retries=0, timeout=0.2)) as b, pytest.raises(BackendError) as err:
        b.complete("x")
    assert err.value.message == (
        f"The model server at {server.url} did not answer within 0.2 s (1 attempt): "
        "it is overloaded or stuck; check its log, or try again when it is less busy.")


def test_close_closes_the_client(backend):
    backend.close()
    assert backend.client.is_closed()


def test_import_does_not_load_openai():
    code = "import sys, localrewrite.backends.openai_http; print('openai' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

