"""Can this llama-cpp-python build evaluate a batch here? ``make setup`` asks, in a child process.

A build tuned for the machine it was built on (``-march=native``) can crash on a CPU
whose newest units the sandbox does not let it use: on a Xeon with AMX, batches of more
than one token ended in a segmentation fault inside ``llama_decode``. The check loads
the bundled SmolLM2, evaluates an eight-token batch and one more token, and prints
``ok``; a crash is the process dying, which ``make`` sees as a non-zero exit.

    python -m backends.build_check
"""

from __future__ import annotations

import sys


def main() -> int:
    from backends.registry import smollm2_path

    path = smollm2_path()
    if path is None:
        print("build check skipped: the bundled SmolLM2 is not installed yet")
        return 0
    import llama_cpp

    llm = llama_cpp.Llama(model_path=str(path), n_ctx=64, n_batch=8, verbose=False)
    tokens = llm.tokenize(b"One two three four five six seven eight")[:8]
    llm.eval(tokens)
    llm.eval(llm.tokenize(b" nine", add_bos=False)[:1])
    llm.close()
    print(f"llama.cpp build check: ok ({len(tokens)}-token batch evaluated, "
          f"GPU offload {'available' if llama_cpp.llama_supports_gpu_offload() else 'not built in'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
