"""prompts: the stable few-shot prefix first, completion and chat layouts."""

from __future__ import annotations

from localrewrite.prompts import OUTPUT, task


def test_completion_prompts_share_their_prefix():
    rewrite = task("rewrite")
    a = rewrite.prompt("Première phrase.", chat=False)
    b = rewrite.prompt("Deuxième phrase, plus longue.", chat=False)
    prefix = a[: a.index("Première")]
    assert b.startswith(prefix) and len(prefix) > 200
    assert a.endswith(f"Première phrase.\n{OUTPUT}")


def test_chat_prompts_are_messages_with_examples():
    messages = task("heading").prompt("Un passage.", chat=True)
    assert messages[0]["role"] == "system"
    assert [m["role"] for m in messages[1:3]] == ["user", "assistant"]
    assert messages[-1] == {"role": "user", "content": "Un passage."}


def test_prefill_starts_the_answer():
    prompt = task("title").prompt("Une phrase.", chat=False, prefill="Lyon :")
    assert prompt.endswith(f"{OUTPUT} Lyon :")
