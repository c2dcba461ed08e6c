"""Stated bounds of the CLI's numeric options, and arguments that are not text.

Each check raises InvalidParamsError with one line naming the option and its bound, before
any model is loaded (except the prompt-length check, which needs the model's tokenizer).
"""

from __future__ import annotations

import argparse
from typing import Any

from common.errors import ContextOverflowError, InvalidParamsError

MAX_THREADS = 1024
MAX_CTX = 1 << 20


def non_utf8(argv: list[str]) -> str | None:
    """The line for the first argument that is not UTF-8 (Python keeps its bytes as surrogates), or None."""
    for i, arg in enumerate(argv, 1):
        for j, ch in enumerate(arg):
            if 0xDC80 <= ord(ch) <= 0xDCFF:
                return (f"argument {i} is not valid UTF-8 text (byte 0x{ord(ch) - 0xDC00:02x} at character {j + 1}); "
                        "pass text in UTF-8")
            if 0xD800 <= ord(ch) <= 0xDFFF:
                return f"argument {i} is not valid UTF-8 text (a lone surrogate at character {j + 1})"
    return None


def check_run_numbers(args: argparse.Namespace) -> None:
    """`run`: --ctx in [1, 2**20], --max-tokens at most --ctx, --threads in [1, 1024], --gpu-layers >= -1."""
    if args.ctx is not None and not 0 < args.ctx <= MAX_CTX:
        raise InvalidParamsError(f"--ctx must be > 0 and at most {MAX_CTX:,}, got {args.ctx}")
    if args.ctx is not None and args.max_tokens > args.ctx:
        raise InvalidParamsError(f"--max-tokens {args.max_tokens:,} is more than the context size --ctx {args.ctx:,}; "
                                 "it can be at most the context")
    if args.threads is not None and not 1 <= args.threads <= MAX_THREADS:
        raise InvalidParamsError(f"--threads must be between 1 and {MAX_THREADS}, got {args.threads}")
    if args.gpu_layers < -1:
        raise InvalidParamsError(f"--gpu-layers must be -1 (all) or more, got {args.gpu_layers}")


def check_prompt_fits(engine: Any, spec: Any, ctx: int | None) -> None:
    """--ctx at least the prompt's token count. llama.cpp rounds a context up to 256 tokens and
    transformers ignores it, so the backend alone would accept `--ctx 1`; the asked size is the bound."""
    if ctx is None or spec.backend not in ("llama.cpp", "transformers"):
        return
    n, _ = engine.pipeline.count_tokens(spec)
    if n >= ctx:
        raise ContextOverflowError(
            f"the prompt is {n} tokens, {n - ctx + 1} over the context size of {ctx} (leaving no room to answer); "
            "shorten it or raise the context size (--ctx)", prompt_tokens=n, n_ctx=ctx)
