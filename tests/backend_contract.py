"""The contract every backend honours. Each backend's test module subclasses
BackendContract and provides a ``backend`` fixture (and may override ``prompt``)."""

from __future__ import annotations

import threading

import pytest

from backends.base import (
    Backend,
    CancelToken,
    GenerationRequest,
    GenerationResult,
    Message,
    SamplingParams,
    TokenEvent,
    complete,
)
from common.errors import BackendError


def chat(text: str, **params) -> GenerationRequest:
    return GenerationRequest(messages=(Message("user", text),), params=SamplingParams(**params))


class BackendContract:
    long_prompt = "Write a long story about a dragon who learns to bake bread."

    def test_speaks_the_interface(self, backend):
        assert isinstance(backend, Backend)
        assert backend.name and backend.can_stream in (True, False)

    def test_streams_text_then_one_result(self, backend):
        events = list(backend.stream(chat("Say hello.", temperature=0, max_tokens=8)))
        assert all(isinstance(e, TokenEvent) for e in events[:-1])
        assert isinstance(events[-1], GenerationResult)
        result = events[-1]
        assert result.text == "".join(e.text for e in events[:-1])
        assert result.text.strip()

    def test_honours_max_tokens(self, backend):
        r = complete(backend, chat(self.long_prompt, temperature=0, max_tokens=5))
        assert r.finish_reason == "length"
        assert r.timings.completion_tokens == 5

    def test_honours_stop_strings(self, backend):
        free = complete(backend, chat(self.long_prompt, temperature=0, max_tokens=24)).text
        words = free.split()
        assert len(words) > 3, free
        stop = words[2]
        r = complete(backend, chat(self.long_prompt, temperature=0, max_tokens=24, stop=(stop,)))
        assert r.finish_reason == "stop"
        assert stop not in r.text
        assert free.startswith(r.text)
        assert r.text == free[: free.index(stop)]

    def test_cancel_from_another_thread_stops_within_one_token(self, backend):
        cancel = CancelToken()
        seen = []
        for ev in backend.stream(chat(self.long_prompt, temperature=0, max_tokens=200), cancel):
            if isinstance(ev, TokenEvent):
                seen.append(ev.text)
                if len(seen) == 3:
                    t = threading.Thread(target=cancel.cancel)
                    t.start()
                    t.join()
            else:
                result = ev
        assert result.finish_reason == "cancelled"
        assert len(seen) <= 4  # the token in flight may still arrive
        assert result.timings.completion_tokens <= 4

    def test_fills_timings(self, backend):
        r = complete(backend, chat("Name a colour.", temperature=0, max_tokens=6))
        t = r.timings
        assert t.prompt_tokens > 0 and t.completion_tokens > 0
        assert t.ttft_ms is not None and t.ttft_ms > 0
        assert t.total_ms >= t.ttft_ms
        assert t.prompt_ms > 0 and t.gen_ms >= 0
        assert r.sent_text and "Name a colour." in r.sent_text

    def test_failures_are_backend_errors(self, backend, failing_request):
        with pytest.raises(BackendError) as err:
            complete(backend, failing_request)
        assert "\n" not in str(err.value)
