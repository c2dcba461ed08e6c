"""Tools and documents reaching a model's chat template through the llama.cpp backend,
on the bundled SmolLM2 file (rendering only: no generation)."""

from __future__ import annotations

import pytest

from backends.base import GenerationRequest, Message
from backends.chat_template import ChatTemplate
from backends.gguf_meta import read_gguf
from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams

pytestmark = pytest.mark.real
TOOLS = ({"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}},)
QWEN_LIKE = ("{% if tools %}<tools>{% for t in tools %}{{ t.function.name }};{% endfor %}</tools>{% endif %}"
             "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}"
             "{% if documents %}{% for d in documents %}[{{ d.title }}]{% endfor %}{% endif %}")


def test_a_template_that_reads_tools_gets_them_as_is():
    t = ChatTemplate(QWEN_LIKE)
    assert t.reads_tools and t.reads_documents and t.unread(TOOLS, [{"title": "A"}]) == []
    out = t.render([Message("user", "hi")], tools=TOOLS, documents=[{"title": "A", "text": "x"}])
    assert out == "<tools>get_time;</tools><user>hi[A]"


def test_smollm2_chatml_gets_tools_in_its_system_message_and_a_tool_use_template_wins(smollm2):
    info = read_gguf(smollm2)
    backend = LlamaCppBackend(LlamaLoadParams(str(smollm2), 512, 1, 512, 0), info)
    try:
        request = GenerationRequest(messages=(Message("system", "Be brief."), Message("user", "Time?")), tools=TOOLS)
        sent = backend.render(request)
        assert sent.startswith("<|im_start|>system\nBe brief.\n\nYou can call tools.")
        assert '<tools>\n{"type": "function", "function": {"name": "get_time"' in sent
        assert sent.endswith("<|im_start|>user\nTime?<|im_end|>\n<|im_start|>assistant\n")
        assert backend.notices == [
            "The chat template of Smollm2 135M 8k Lc100K Mix1 Ep2 does not read tools; they were written into "
            "the system message (Hermes format: <tools>, answer with <tool_call>)."]
        # a file with a tokenizer.chat_template.tool_use template: that one renders requests with tools
        info.metadata["tokenizer.chat_template.tool_use"] = QWEN_LIKE
        assert backend.render(request) == "<tools>get_time;</tools><system>Be brief.<user>Time?"
        plain = backend.render(GenerationRequest(messages=request.messages))
        assert plain.startswith("<|im_start|>system\nBe brief.<|im_end|>")
    finally:
        backend.close()
