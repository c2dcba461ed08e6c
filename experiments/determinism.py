"""Determinism check: run one logged run (or an experiment cell's run) again N times
with its recorded seed, optionally under other thread counts and batch sizes, and say
how many distinct outputs came back and where the first one differs (the first
differing token, by the model's own tokenizer).

The re-runs go straight to the backend (the run's model, prompt, params and seed, as
stored) and are not logged as runs of their own: what is kept is the result, in the
original run's extra (``determinism``, one entry per model configuration, through
:meth:`runs.store.Store.record_determinism`). Qt-free.
"""

from __future__ import annotations

from common.i18n import _

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from common.errors import WorkbenchError

MAX_REPEATS = 100
MAX_CONFIGS = 8


class DeterminismError(WorkbenchError):
    """A determinism check cannot run as asked."""


@dataclass
class ConfigResult:
    config: str  # "threads=2 batch=512"
    n_threads: int | None
    n_batch: int
    runs: int
    distinct: int
    counts: list[int]  # how often each distinct output came back, most common first
    same_as_logged: int  # re-runs whose output equals the logged run's
    first_difference: dict[str, Any] | None  # token index and the differing tokens, None: all identical
    seed: int | None
    ms: float
    checked_utc: str = ""
    outputs: list[str] = field(default_factory=list)  # the distinct outputs (first 500 characters)

    @property
    def deterministic(self) -> bool:
        return self.distinct == 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DeterminismReport:
    run_id: str
    model: str | None
    n: int
    configs: list[ConfigResult]

    @property
    def distinct_overall(self) -> int:
        return len({o for c in self.configs for o in c.outputs})

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "model": self.model, "n": self.n,
                "distinct_overall": self.distinct_overall, "configs": [c.to_dict() for c in self.configs]}


def check_bounds(n: int, threads: Sequence[int] | None, batches: Sequence[int] | None) -> None:
    if not 1 <= n <= MAX_REPEATS:
        raise DeterminismError(_('-n must be from 1 to {MAX_REPEATS} re-runs, not {n}').format(MAX_REPEATS=MAX_REPEATS, n=n))
    for name, values, top in (("--threads", threads, 256), ("--batch", batches, 8192)):
        for v in values or ():
            if not 1 <= v <= top:
                raise DeterminismError(_('{name} values must be from 1 to {top}, not {v}').format(name=name, top=top, v=v))
    if len(threads or [None]) * len(batches or [None]) > MAX_CONFIGS:
        raise DeterminismError(_('at most {MAX_CONFIGS} configurations (threads x batch sizes) in one check').format(MAX_CONFIGS=MAX_CONFIGS))


def first_difference(outputs: Sequence[str], tokenize: Callable[[str], list[int]] | None,
                     piece: Callable[[int], str] | None = None) -> dict[str, Any] | None:
    """Where the distinct outputs first part: the token index (outputs re-tokenized) and
    each output's token there; the character offset too. None when all are the same."""
    distinct = list(dict.fromkeys(outputs))
    if len(distinct) < 2:
        return None
    char = 0
    shortest = min(len(o) for o in distinct)
    while char < shortest and len({o[char] for o in distinct}) == 1:
        char += 1
    out: dict[str, Any] = {"char": char}
    if tokenize is not None:
        toks = [tokenize(o) if o else [] for o in distinct]
        i = 0
        while all(i < len(t) for t in toks) and len({t[i] for t in toks}) == 1:
            i += 1
        out["token"] = i
        out["tokens"] = [(piece(t[i]) if piece else t[i]) if i < len(t) else "<end>" for t in toks]
    else:
        out["tokens"] = [o[char:char + 12] or "<end>" for o in distinct]
    return out


def check_run(engine: Any, run_id: str, n: int = 5, *, threads: Sequence[int] | None = None,
              batches: Sequence[int] | None = None, on_progress: Callable[[str, int], None] | None = None,
              record: bool = True) -> DeterminismReport:
    """Re-run ``run_id`` ``n`` times under each configuration (the run's own threads
    and batch size when none are given), compare the outputs, record the result."""
    from backends.base import CancelToken, GenerationResult
    from runs.pipeline import spec_from_row
    from runs.store import utcnow

    check_bounds(n, threads, batches)
    row = engine.store.get_run(run_id)
    if row.get("status") != "ok":
        raise DeterminismError(f"run {row['id']} ended {row.get('status')!r}: only a run that ended ok can be "
                               f"checked for determinism")
    spec = spec_from_row(row)
    if spec.backend != "llama.cpp":
        raise DeterminismError(f"run {row['id']} used the {spec.backend} backend; the determinism check re-runs "
                               f"llama.cpp models in this process")
    if spec.params.seed is None:
        raise DeterminismError(f"run {row['id']} has no recorded seed to repeat")
    logged = row.get("output") or ""
    thread_opts = list(threads) if threads else [spec.n_threads]
    batch_opts = list(batches) if batches else [spec.n_batch]
    results = []
    for t in thread_opts:
        for b in batch_opts:
            cfg_spec = replace(spec, n_threads=t, n_batch=b)
            _, backend = engine.pipeline.backend_for(cfg_spec)
            request = engine.pipeline.request_for(cfg_spec, backend)
            load = getattr(backend, "params", None)
            label = f"threads={getattr(load, 'n_threads', None) or t or 'auto'} batch={b}"
            outs = []
            t0 = time.perf_counter()
            for k in range(n):
                text = None
                for ev in backend.stream(request, CancelToken()):
                    if isinstance(ev, GenerationResult):
                        text = ev.text
                outs.append(text or "")
                if on_progress is not None:
                    on_progress(label, k + 1)
            ms = (time.perf_counter() - t0) * 1000
            counts = Counter(outs)
            distinct = [o for o, _ in counts.most_common()]
            diff = first_difference(distinct, _tokenizer(backend), _piece_of(backend)) if len(distinct) > 1 else None
            results.append(ConfigResult(label, t, b, n, len(distinct), [c for _, c in counts.most_common()],
                                        sum(1 for o in outs if o == logged), diff, spec.params.seed, round(ms, 1),
                                        utcnow(), [o[:500] for o in distinct]))
    report = DeterminismReport(row["id"], row.get("model_name"), n, results)
    if record:
        engine.store.record_determinism(row["id"], report.to_dict())
    return report


def _tokenizer(backend: Any) -> Callable[[str], list[int]] | None:
    """The model's tokenizer on output text (no BOS, no special tokens), if it has one."""
    llm = getattr(backend, "llm", None)
    if llm is None or not hasattr(llm, "tokenize"):
        return None

    def tok(text: str) -> list[int]:
        return list(llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    return tok


def _piece_of(backend: Any) -> Callable[[int], str] | None:
    piece = getattr(backend, "_piece", None)
    if piece is None:
        return None
    return lambda t: piece(t).decode("utf-8", "replace")


def summary_line(c: dict[str, Any] | ConfigResult) -> str:
    """ "threads=2 batch=512: 5 runs, 1 distinct output (reproducible here)" and so on."""
    d = c.to_dict() if isinstance(c, ConfigResult) else c
    if d["distinct"] == 1:
        head = _("{config}: {runs} runs, 1 distinct output").format(config=d["config"], runs=d["runs"])
        return head + " " + (_("(reproducible here)") if d["runs"] > 1 else _("(one run: nothing to compare)"))
    head = _("{config}: {runs} runs, {distinct} distinct outputs").format(config=d["config"], runs=d["runs"],
                                                                          distinct=d["distinct"])
    fd = d.get("first_difference") or {}
    where = f"token {fd['token']}" if "token" in fd else f"character {fd.get('char')}"
    toks = " vs ".join(repr(t) for t in fd.get("tokens", [])[:4])
    return head + _("; first difference at {where}: {tokens} (counts {counts})").format(
        where=where, tokens=toks, counts=d["counts"])
