"""Experiments whose models run on other backends: model entries in the file, and
server cells sent N at a time. Fast tests use a fake server backend that counts the
requests in flight; the real ones use llama-cpp-python's server on the bundled model."""

from __future__ import annotations

import threading
import time

import pytest

from common.errors import BackendError
from experiments import runner
from experiments.plan import plan
from experiments.runner import BatchControl, iter_batch, run_batch, start_or_resume
from common.errors import ExperimentError
from tests.fakes import FakeBackend
from tests.experiments.test_batch import answer, load, runs_of, write

SERVER = "http://127.0.0.1:9"  # nothing listens on the discard port


class FakeServer(FakeBackend):
    """A server-like fake: answers like tests.test_batch.answer, slowly, and counts overlap."""

    name = "openai"
    url = SERVER

    def __init__(self, *, delay_s: float = 0.05, fail_on: str | None = None, stagger: bool = False):
        super().__init__(responder=self._respond, delay_s=delay_s)
        self.fail_on = fail_on
        self.stagger = stagger  # row i answers with 3 more tokens than row i-1
        self._lock = threading.Lock()
        self.inflight = 0
        self.max_inflight = 0

    def _respond(self, request):
        q = request.messages[-1].content.removeprefix("Q: ")
        if q == self.fail_on:
            raise BackendError("HTTP 500 from the server: internal error")
        extra = ["."] * (3 * int(q.removeprefix("q"))) if self.stagger else []
        return [answer(request)[0], " ", "ok", *extra]

    def stream(self, request, cancel=None):
        with self._lock:
            self.inflight += 1
            self.max_inflight = max(self.max_inflight, self.inflight)
        try:
            yield from super().stream(request, cancel)
        finally:
            with self._lock:
                self.inflight -= 1


def grid(n_rows: int, models: str) -> str:
    rows = "\n".join(f'  - {{vars: {{question: "q{i}"}}, expected: "unknown"}}' for i in range(n_rows))
    return f"""\
name: server-grid
templates: [qa.yaml]
rows:
{rows}
models:
{models}
params:
  greedy: {{temperature: 0, max_tokens: 8, seed: 1}}
assertions:
  - {{kind: contains, values: [unknown]}}
"""


SERVER_MODEL = f"  - {{name: big, backend: openai, base_url: '{SERVER}', concurrency: 4}}"


@pytest.fixture
def server(fake_engine):
    fake_engine.pool.backend = FakeServer()
    return fake_engine


def test_server_cells_run_up_to_n_at_once_and_all_are_recorded(server, tmp_path):
    exp = load(server, write(tmp_path, grid(12, SERVER_MODEL)))
    eid, _ = start_or_resume(server.store, exp)
    progress = list(iter_batch(server.pipeline, exp, eid))
    fake = server.pool.backend
    assert fake.max_inflight == 4
    assert [p.done for p in progress] == list(range(13))
    runs = runs_of(server, eid)
    assert len(runs) == 12 and {r["status"] for r in runs} == {"ok"}
    assert {r["cell_key"] for r in runs} == {c.key for c in plan(exp)}
    assert all(r["cell_key"].split("|")[2] == "m=big@127.0.0.1:9" for r in runs)
    assert all(p.result.passed for p in progress[1:])
    assert server.store.get_experiment(eid)["status"] == "done"


def test_the_concurrency_argument_overrides_the_file(server, tmp_path):
    exp = load(server, write(tmp_path, grid(6, SERVER_MODEL)))
    out = run_batch(server.pipeline, exp, start_or_resume(server.store, exp)[0], concurrency=2)
    assert out.status == "done" and out.ran == 6
    assert server.pool.backend.max_inflight == 2
    with pytest.raises(ExperimentError, match="concurrency must be at least 1"):
        next(iter_batch(server.pipeline, exp, "x", concurrency=0))


def test_local_models_run_one_at_a_time_even_when_asked_for_more(server, tmp_path):
    exp = load(server, write(tmp_path, grid(6, "  - smollm2-135m-instruct")))
    run_batch(server.pipeline, exp, start_or_resume(server.store, exp)[0], concurrency=4)
    assert server.pool.backend.max_inflight == 1


def test_a_failing_server_cell_is_recorded_and_the_others_go_on(server, tmp_path):
    server.pool.backend = FakeServer(fail_on="q3")
    exp = load(server, write(tmp_path, grid(8, SERVER_MODEL)))
    eid, _ = start_or_resume(server.store, exp)
    out = run_batch(server.pipeline, exp, eid)
    assert out.status == "done" and out.ran == 8
    by_status = {}
    for r in runs_of(server, eid):
        by_status.setdefault(r["status"], []).append(r)
    assert len(by_status["ok"]) == 7 and len(by_status["error"]) == 1
    assert "HTTP 500" in by_status["error"][0]["error"]


def test_cancel_stops_the_cells_in_flight_and_resume_runs_the_rest(server, tmp_path):
    server.pool.backend = FakeServer(delay_s=0.1, stagger=True)
    exp = load(server, write(tmp_path, grid(12, SERVER_MODEL)))
    eid, _ = start_or_resume(server.store, exp)
    control = BatchControl()

    def on_progress(p):
        if p.done == 1:  # row 0 is done; rows 1-3 are still streaming
            control.cancel()

    out = run_batch(server.pipeline, exp, eid, control=control, on_progress=on_progress)
    assert out.status == "cancelled"
    statuses = [r["status"] for r in runs_of(server, eid)]
    assert sorted(statuses) == ["cancelled", "cancelled", "cancelled", "ok"]  # cells not started were not run
    server.pool.backend = FakeServer(delay_s=0.0)
    out = run_batch(server.pipeline, exp, start_or_resume(server.store, exp)[0])
    assert out.status == "done" and out.skipped + out.ran == 12
    assert len(server.store.finished_cells(eid)) == 12


def test_pause_lets_the_cells_in_flight_finish_and_starts_no_new_ones(server, tmp_path):
    server.pool.backend = FakeServer(delay_s=0.05)
    exp = load(server, write(tmp_path, grid(12, SERVER_MODEL)))
    eid, _ = start_or_resume(server.store, exp)
    control = BatchControl()
    seen: list[int] = []
    started_while_paused: list[int] = []

    def on_progress(p):
        seen.append(p.done)
        if p.done == 1:
            control.pause()
            threading.Timer(0.6, control.resume).start()
        if control.paused:
            started_while_paused.append(len(server.pool.backend.requests))

    out = run_batch(server.pipeline, exp, eid, control=control, on_progress=on_progress)
    assert out.status == "done" and seen[-1] == 12
    # at the pause at most the 3 others in flight finish; nothing new starts until resume
    assert len(set(started_while_paused)) == 1 and started_while_paused[0] <= 4 + 1


def test_leaving_the_iteration_early_cancels_the_cells_in_flight(server, tmp_path):
    server.pool.backend = FakeServer(delay_s=0.2)
    exp = load(server, write(tmp_path, grid(8, SERVER_MODEL)))
    eid, _ = start_or_resume(server.store, exp)
    it = iter_batch(server.pipeline, exp, eid)
    next(it)
    next(it)  # one cell finished
    t0 = time.monotonic()
    it.close()
    assert time.monotonic() - t0 < 2.0  # in-flight cells stop at their next token
    assert "running" not in {r["status"] for r in runs_of(server, eid)}
    assert server.store.get_experiment(eid)["status"] == "cancelled"


def test_model_entries_name_backend_label_and_resolve(server, tmp_path, monkeypatch):
    monkeypatch.setenv("BIG_KEY", "sk-secret-value")
    models = (f"  - smollm2-135m-instruct\n"
              f"  - {{name: smollm2-135m-instruct, backend: transformers}}\n"
              f"  - {{name: big, backend: openai, base_url: '{SERVER}', api_key_env: BIG_KEY, label: Big}}")
    exp = load(server, write(tmp_path, grid(2, models)))
    assert [m.key for m in exp.models] == ["smollm2-135m-instruct", "smollm2-135m-instruct@transformers", "Big"]
    config = exp.config["models"]
    assert config["smollm2-135m-instruct"].endswith(".gguf")  # a plain model is recorded as before
    assert config["smollm2-135m-instruct@transformers"]["backend"] == "transformers"
    assert config["Big"] == {"name": "big", "backend": "openai", "base_url": SERVER}
    assert "sk-secret-value" not in str(exp.config)
    specs = {c.model: runner.base_spec(exp, "e", c) for c in plan(exp)}
    assert specs["Big"].backend == "openai" and specs["Big"].base_url == SERVER and specs["Big"].api_key_env == "BIG_KEY"
    assert specs["smollm2-135m-instruct@transformers"].backend == "transformers"
    assert specs["smollm2-135m-instruct"].backend == "llama.cpp"


def test_a_hugging_face_folder_is_found_next_to_the_experiment_file(server, tmp_path):
    folder = tmp_path / "tiny-model"
    folder.mkdir()
    exp = load(server, write(tmp_path, grid(1, "  - {name: tiny-model, backend: transformers}")))
    assert exp.config["models"]["tiny-model@transformers"]["path"] == str(folder.resolve())
    assert runner.base_spec(exp, "e", plan(exp)[0]).model == str(folder.resolve())


@pytest.mark.parametrize("models, message", [
    ("  - {name: big, backend: openai}", "models.0: an openai model needs base_url"),
    ("  - {name: big, backend: openai, base_url: 'ftp://x'}", "base_url must start with http:// or https://"),
    ("  - {name: smollm2-135m-instruct, base_url: 'http://x'}", "base_url is for openai servers"),
    ("  - {name: smollm2-135m-instruct, concurrency: 4}", "concurrency is for servers; llama.cpp generates one"),
    ("  - {name: big, backend: openai, base_url: 'http://x', concurrency: 0}", "greater than or equal to 1"),
    ("  - {name: big, backend: vllm}", "models.0"),
    ("  - {name: 'a|b'}", "must not contain '|'"),
    ("  - {name: big, backend: openai, base_url: 'http://x', api_key_env: 'not a name'}", "environment variable name"),
    ("  - {name: big, backend: openai, base_url: 'http://x', api_key_env: WB_TEST_UNSET_KEY}",
     "models.0: the environment variable WB_TEST_UNSET_KEY (api_key_env) is not set"),
    ("  - smollm2-135m-instruct\n  - {name: smollm2-135m-instruct}", "'smollm2-135m-instruct' is listed twice"),
    ("  - {name: nope-7b, backend: transformers}", "models.0: unknown model 'nope-7b'"),
    ("  - {name: big, backend: openai, base_url: 'http://x', colour: red}", "unknown key 'colour'"),
])
def test_bad_model_entries_fail_in_one_line_before_running(server, tmp_path, models, message):
    with pytest.raises(ExperimentError) as err:
        load(server, write(tmp_path, grid(1, models)))
    text = str(err.value)
    assert message in text and "\n" not in text
    assert server.store.count_runs() == 0


def test_without_torch_a_transformers_model_is_refused_with_the_install_hint(server, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    with pytest.raises(ExperimentError, match=r"models.0: the transformers backend needs torch: pip install torch==2\.13\.0"):
        load(server, write(tmp_path, grid(1, "  - {name: smollm2-135m-instruct, backend: transformers}")))


def test_cli_concurrency_flag_and_dry_run_plan(tmp_path, capsys):
    from cli.app import run_cli

    home = tmp_path / "home"
    home.mkdir()
    path = write(tmp_path, grid(2, SERVER_MODEL))
    assert run_cli(["--home", str(home), "batch", str(path), "--dry-run", "--concurrency", "8"]) == 0
    err = capsys.readouterr().err
    assert f"model big@127.0.0.1:9: openai ({SERVER}), 8 at a time" in err
    with pytest.raises(SystemExit) as exit_:
        run_cli(["--home", str(home), "batch", str(path), "--concurrency", "0"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: argument --concurrency: must be between 1 and 64, got 0 (see --help)"]


# --- against a real server --------------------------------------------------------------
def real_grid(url: str, n_rows: int, concurrency: int, label: str = "server", name: str = "default") -> str:
    rows = "\n".join(f'  - {{vars: {{question: "Name a colour. ({i})"}}}}' for i in range(n_rows))
    return f"""\
name: real-server
templates: [qa.yaml]
rows:
{rows}
models:
  - {{name: '{name}', backend: openai, base_url: '{url}', concurrency: {concurrency}, label: {label}}}
params:
  greedy: {{temperature: 0, max_tokens: 6, seed: 3}}
"""


@pytest.mark.real
def test_a_batch_through_a_real_server_gives_the_same_answers_at_any_concurrency(real_engine, llama_server, smollm2,
                                                                                tmp_path):
    outputs = {}
    for n in (1, 4):
        exp = load(real_engine, write(tmp_path, real_grid(llama_server, 6, n, label=f"c{n}", name=str(smollm2)), name=f"c{n}.yaml"))
        eid, _ = start_or_resume(real_engine.store, exp)
        out = run_batch(real_engine.pipeline, exp, eid)
        assert out.status == "done" and out.ran == 6
        runs = runs_of(real_engine, eid)
        assert {r["status"] for r in runs} == {"ok"} and {r["backend"] for r in runs} == {"openai-http"}
        assert all(r["completion_tokens"] and r["ttft_ms"] for r in runs)
        outputs[n] = {r["cell_key"].split("|")[1]: r["output"] for r in runs}
    assert outputs[1] == outputs[4] and all(outputs[1].values())


@pytest.mark.real
def test_a_server_that_goes_away_mid_batch_fails_the_remaining_cells_clearly(real_engine, smollm2, tmp_path):
    from backends.local_server import LocalServer

    server = LocalServer.llama_cpp_python(smollm2, threads=1, n_ctx=512).start()
    try:
        exp = load(real_engine, write(tmp_path, real_grid(server.url, 6, 2, name=str(smollm2))))
        eid, _ = start_or_resume(real_engine.store, exp)

        def on_progress(p):
            if p.done == 2:
                server.close()

        out = run_batch(real_engine.pipeline, exp, eid, on_progress=on_progress)
    finally:
        server.close()
    assert out.status == "done" and out.ran == 6  # the batch went on to the end
    runs = runs_of(real_engine, eid)
    ok = [r for r in runs if r["status"] == "ok"]
    failed = [r for r in runs if r["status"] == "error"]
    assert len(ok) >= 2 and len(ok) + len(failed) == 6 and failed
    assert all("127.0.0.1" in r["error"] and "\n" not in r["error"] for r in failed), failed[0]["error"]


@pytest.mark.real
def test_a_server_that_is_down_records_every_cell_as_an_error(real_engine, tmp_path):
    exp = load(real_engine, write(tmp_path, real_grid(SERVER, 3, 2)))
    eid, _ = start_or_resume(real_engine.store, exp)
    out = run_batch(real_engine.pipeline, exp, eid)
    assert out.status == "done"
    runs = runs_of(real_engine, eid)
    assert len(runs) == 3 and {r["status"] for r in runs} == {"error"}
    assert all("refused" in r["error"] or "cannot reach" in r["error"] for r in runs), runs[0]["error"]


def test_cli_batch_summary_reports_agreement_between_models(tmp_path, capsys, monkeypatch):
    import json

    from cli.app import run_cli
    from runs.engine import Engine
    from tests.fakes import FakePool

    pool = FakePool(FakeBackend(responder=answer))
    real_open = Engine.open
    monkeypatch.setattr(Engine, "open", lambda home=None, **kw: real_open(home, pool=pool, search_dirs=[]))
    home = tmp_path / "home"
    home.mkdir()
    models = "  - smollm2-135m-instruct\n  - {name: smollm2-135m-instruct, backend: transformers, label: full}"
    path = write(tmp_path, grid(3, models))
    assert run_cli(["--home", str(home), "batch", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    agreement = out["agreement"]
    assert agreement["reference"] == "smollm2-135m-instruct"
    [full] = agreement["models"]
    assert full["model"] == "full" and full["pairs"] == 3 and full["answer_agreement"] == 1.0
    assert run_cli(["--home", str(home), "batch", str(path), "--new"]) == 0
    text = capsys.readouterr().out
    assert "agreement with smollm2-135m-instruct" in text and "100%" in text
