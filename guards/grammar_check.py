"""Checking text against an llguidance grammar without a model.

The grammar generation enforces (``Constraint.to_ll_grammar``) is run over the text's
bytes by llguidance's own matcher, with a tokenizer whose tokens are the 256 bytes:
``validate_tokens`` says how many leading bytes the grammar allows, and the matcher
whether it then accepts. This replaced guidance's Python ``ByteParser``, which drove
the same engine one byte at a time through a thread pool: 13x slower on the JSON-schema
conformance suite (2,445 checks, the same verdicts and offsets in all but one, where it
raised ``TokenParserException: Unexpected stop reason`` on an invalid instance).
"""

from __future__ import annotations

from functools import cache
from typing import Any

END = 256  # the tokenizer's end-of-text token, after the 256 bytes


class _ByteVocabulary:
    """What ``llguidance.TokenizerWrapper`` reads: token i is the byte i."""

    eos_token_id = END
    bos_token_id = None
    tokens = [bytes([i]) for i in range(256)] + [b"<|end|>"]
    special_token_ids = [END]

    def __call__(self, data: bytes) -> list[int]:
        return list(data)


@cache
def byte_tokenizer() -> Any:
    import llguidance

    return llguidance.LLTokenizer(llguidance.TokenizerWrapper(_ByteVocabulary()))


def allowed_prefix(grammar: str, text: str) -> tuple[int, bool]:
    """How many leading bytes of ``text`` (UTF-8) the grammar allows, and whether it
    accepts the whole text as a complete output."""
    import llguidance

    m = llguidance.LLMatcher(byte_tokenizer(), grammar)
    data = list(text.encode("utf-8"))
    n = m.validate_tokens(data)
    if n < len(data):
        return n, False
    return n, bool(m.consume_tokens(data)) and bool(m.is_accepting())
