"""Hostile model chat templates are refused quickly, within bounded memory, and never
reach Python; the real chat-template conformance suite passes through the same sandbox."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from backends.base import Message
from backends.chat_template import ChatTemplate
from common.errors import ChatTemplateError
from tests.backends.hostile_templates import DOS, MARKER, SSTI

ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE = ROOT.parent / "shared" / "conformance" / "chat_templates"
MESSAGES = [Message("system", "You are helpful."), Message("user", "Hello there")]
PEAK_BYTES = 64 * 2**20


@pytest.mark.parametrize("name", sorted(DOS))
def test_denial_of_service_template_is_refused_fast_and_small(name):
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(ChatTemplateError, match=r"^the model's chat template (was refused|failed to render)"):
            ChatTemplate(DOS[name]).render(MESSAGES)
        elapsed = time.monotonic() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0, f"{name} took {elapsed:.2f} s to refuse"
    assert peak < PEAK_BYTES, f"{name} allocated {peak / 2**20:.0f} MiB before refusing"


def test_refusals_say_what_limit_was_hit():
    cases = {
        "loops-2x10k": "more than 100,000 loop iterations",
        "str-times-1e9": r"str \* 1,000,000,000 would build a value",
        "macro-infinite": "calls nested more than 64 deep",
        "macro-binary": "more than 100,000 calls|rendering took longer than the time limit",  # whichever first
        "doubling-concat": "'~' would build a value of 1,048,576 characters",
        "output-flood": "output longer than 1,000,000 characters",
        "wordwrap-wrapstring": r"wordwrap\(\) would build",
        "lipsum-1e6": "'lipsum' is undefined",
    }
    for name, message in cases.items():
        with pytest.raises(ChatTemplateError) as err:
            ChatTemplate(DOS[name]).render(MESSAGES)
        assert re.search(message, str(err.value)), (name, str(err.value))
        assert "\n" not in str(err.value)


@pytest.mark.parametrize("name", sorted(SSTI))
def test_injection_payload_is_not_executed(name, tmp_path):
    marker = tmp_path / MARKER
    source = SSTI[name].replace("{marker}", str(marker))
    try:
        out = ChatTemplate(source).render(MESSAGES)
    except ChatTemplateError as exc:
        assert str(exc).startswith("the model's chat template")
    else:  # a few payloads end as an empty undefined value: nothing of Python shows
        assert out.strip() in ("", "2"), out[:200]
        assert "owned" not in out
    assert not marker.exists()
    assert MESSAGES[0].content == "You are helpful." and len(MESSAGES) == 2


def test_real_template_features_render():
    # what real chat templates use, each in one line: loop controls, generation, tojson options
    src = ("{% for m in messages %}{% if m.role == 'system' %}{% continue %}{% endif %}"
           "{% generation %}<{{ m.role }}>{{ m.content }}{% endgeneration %}{% break %}{% endfor %}"
           "|{{ tools|tojson(separators=(',', ':'), sort_keys=true) }}|{{ {'é': 1}|tojson(ensure_ascii=true) }}"
           "|{{ documents[0].title }}|{{ tools is none }}")
    out = ChatTemplate(src).render(MESSAGES, tools=[{"b": 1, "a": [1, 2]}], documents=[{"title": "T", "text": "x"}])
    assert out == '<user>Hello there|[{"a":[1,2],"b":1}]|{"\\u00e9": 1}|T|False'
    assert ChatTemplate("{{ tools is none }}{{ documents is none }}").render(MESSAGES) == "TrueTrue"
    with pytest.raises(ChatTemplateError, match="rejected these messages: roles must alternate$"):
        ChatTemplate("{{ raise_exception('roles must alternate') }}").render(MESSAGES)


def test_engine_level_render_is_bounded_too():
    # the compiled template itself (what the conformance runner's --engine mode calls) runs under the budget
    from jinja2.exceptions import SecurityError

    tpl = ChatTemplate(DOS["loops-2x10k"])
    with pytest.raises(SecurityError, match="loop iterations"):
        tpl._tpl.render(messages=[])


def test_conformance_suite_passes():
    if not (CONFORMANCE / "run.py").is_file():
        pytest.skip(f"the shared chat-template conformance suite is not at {CONFORMANCE} (../shared absent)")
    proc = subprocess.run([sys.executable, str(CONFORMANCE / "run.py"), str(ROOT), "--engine", "--show", "5"],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "strict (public API, suite and transformers agree): 192/192 pass" in proc.stdout


@pytest.mark.real
def test_a_hostile_template_inside_a_real_gguf_is_refused_by_the_backend(smollm2, tmp_path):
    from backends.base import GenerationRequest
    from backends.llama_cpp import LlamaCppBackend, LlamaLoadParams
    from tests.gguf_tools import rewrite_string_kv

    evil = rewrite_string_kv(smollm2, tmp_path / "evil.gguf", "tokenizer.chat_template", DOS["dict-items-nested"])
    backend = LlamaCppBackend(LlamaLoadParams(str(evil), 512, 1, 512, 0))
    backend.load()
    try:
        start = time.monotonic()
        with pytest.raises(ChatTemplateError, match="refused by the sandbox"):
            backend.render(GenerationRequest(messages=tuple(MESSAGES)))
        assert time.monotonic() - start < 1.0
    finally:
        backend.close()
