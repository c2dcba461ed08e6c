"""The stored form of token probabilities: compact, lossless to 5 decimals, hostile blobs refused."""

import math
import zlib

import pytest

from backends.base import GenerationRequest
from backends.logprobs import MAX_TOP_K, Alternative, TokenStep, TokenTrace, check_top_k, entropy_of
from common.errors import InvalidParamsError, StoreError
from runs.store import Store


def _trace(n: int = 300, k: int = 10) -> TokenTrace:
    steps = []
    for i in range(n):
        top = tuple(Alternative(1000 + j, f" w{j}", math.log(0.5 / (j + 1))) for j in range(k))
        steps.append(TokenStep(i, f" t{i}", math.log(0.9 if i % 7 else 0.2), 1.25, top, forced=(i == 3)))
    return TokenTrace(k=k, steps=steps, temperature=0.7)


def test_round_trip_keeps_every_step():
    t = _trace()
    back = TokenTrace.from_bytes(t.to_bytes())
    assert len(back) == 300 and back.k == 10 and back.temperature == 0.7
    assert back.steps[3].forced and not back.steps[4].forced
    assert back.steps[7].top[2].text == " w2"
    assert back.steps[7].logprob == pytest.approx(math.log(0.2), abs=1e-5)
    assert TokenTrace.from_dict(t.to_dict()).steps[10] == back.steps[10]


def test_compact_not_a_row_per_token():
    # 300 tokens x 10 alternatives in a few kilobytes
    assert len(_trace().to_bytes()) < 12_000


def test_summary_and_low_confidence():
    t = _trace(14)
    assert t.perplexity == pytest.approx(math.exp(-t.mean_logprob))
    assert t.low_confidence(0.5) == [(0, 1), (7, 8)]
    assert t.char_offsets()[1] == (3, 6)
    assert TokenTrace(k=5).perplexity is None


def test_entropy_of_uniform():
    assert entropy_of([math.log(0.25)] * 4) == pytest.approx(math.log(4))


@pytest.mark.parametrize("k", [0, -1, MAX_TOP_K + 1, 10_000, 2.5, True, "10"])
def test_bad_k_is_refused(k):
    with pytest.raises(InvalidParamsError, match="logprobs"):
        check_top_k(k)


def test_request_checks_k():
    assert GenerationRequest(prompt="x", logprobs=50).logprobs == 50
    with pytest.raises(InvalidParamsError, match="from 1 to 50"):
        GenerationRequest(prompt="x", logprobs=10_000)


@pytest.mark.parametrize("blob", [b"", b"not zlib", zlib.compress(b"[1,2]"), zlib.compress(b'{"k": 1}'),
                                  zlib.compress(b"\xff\xfe")])
def test_malformed_blob_is_a_store_error(blob):
    with pytest.raises(StoreError, match="malformed"):
        TokenTrace.from_bytes(blob)


def test_decompression_bomb_is_bounded(monkeypatch):
    import backends.logprobs as lp

    monkeypatch.setattr(lp, "MAX_TRACE_BYTES", 1000)
    with pytest.raises(StoreError, match="larger"):
        TokenTrace.from_bytes(zlib.compress(b" " * 100_000))


def test_store_keeps_tokens_with_the_run(tmp_path):
    store = Store(tmp_path / "runs.db")
    rid = store.start_run({"model_name": "m", "sent_text": "hi"})
    assert store.tokens(rid) is None
    store.save_tokens(rid, _trace(20))
    assert len(store.tokens(rid)) == 20
    assert store.runs_with_tokens([rid, "nope"]) == {rid}
    store.close()
    again = Store(tmp_path / "runs.db")
    assert again.tokens(rid).steps[5].text == " t5"
