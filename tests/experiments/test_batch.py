"""Experiments with the fake backend: grid order, recording, assertions, failures, resume."""

from __future__ import annotations

import json
import textwrap
import threading
from pathlib import Path

import pytest

from common.errors import BackendError, WorkbenchError
from prompt_library import TemplateLibrary
from experiments import runner
from common.errors import ExperimentNotFoundError
from experiments.plan import cell_key, parse_cell_key, plan
from experiments.runner import BatchControl, run_batch, start_or_resume
from experiments.fileformat import example_files, format_reference
from experiments.loading import load_experiment
from common.errors import ExperimentError, GridTooLargeError
from tests.fakes import FakeBackend
from tests.store_tools import open_log

TEMPLATE = """\
name: qa
variables:
  - name: question
prompt: "Q: {{ question }}"
"""

ANSWERS = {"What is 2+2?": "4", "Capital of France?": "Paris", "Colour of the sky?": "blue", "Boom?": "!"}


def answer(request) -> list[str]:
    text = request.messages[-1].content if request.messages else request.prompt
    q = text.removeprefix("Q: ")
    if q == "Boom?":
        raise BackendError("the fake model fell over")
    return [ANSWERS.get(q, "unknown")]


def write(tmp_path: Path, body: str, name: str = "exp.yaml") -> Path:
    (tmp_path / "qa.yaml").write_text(TEMPLATE, encoding="utf-8")
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


BASIC = """\
name: basic
templates: [qa.yaml]
rows:
  - {vars: {question: "What is 2+2?"}, expected: "4"}
  - {vars: {question: "Capital of France?"}, expected: "Paris"}
  - {vars: {question: "Colour of the sky?"}, expected: "green"}
models: [smollm2-135m-instruct]
params:
  greedy: {temperature: 0, max_tokens: 8, seed: 5}
  warm: {temperature: 0.7, max_tokens: 8}
assertions:
  - {kind: equals, ignore_case: true}
"""


@pytest.fixture
def engine(fake_engine):
    fake_engine.pool.backend = FakeBackend(responder=answer)
    return fake_engine


def load(engine, path: Path, **kw):
    return load_experiment(path, library=TemplateLibrary(user_dir=engine.home / "templates"),
                           resolve_model=engine.registry.resolve, **kw)


def runs_of(engine, eid: str) -> list[dict]:
    return list(open_log(engine.store).query("SELECT * FROM runs WHERE experiment_id = ? ORDER BY id", [eid]))


def test_plan_orders_by_model_then_template_params_rows_repeats(engine, tmp_path):
    exp = load(engine, write(tmp_path, BASIC.replace("models: [smollm2-135m-instruct]", "repeats: 2")))
    cells = plan(exp)
    assert len(cells) == exp.n_cells == 1 * 3 * 1 * 2 * 2
    order = [(c.params_name, c.row.index, c.repeat) for c in cells]
    assert order == [(p, r, k) for p in ("greedy", "warm") for r in range(3) for k in range(2)]
    keys = [c.key for c in cells]
    assert len(set(keys)) == len(keys)
    assert keys == [c.key for c in plan(load(engine, tmp_path / "exp.yaml"))]  # deterministic
    parts = parse_cell_key(keys[1])
    assert parts == {"t": cells[1].variant.template.id[:16], "row": 0, "m": "smollm2-135m-instruct", "p": "greedy", "r": 1}
    assert parse_cell_key("not a key") is None
    # repeats of a seeded params set get seed + repeat, so they differ reproducibly
    assert cells[0].params.sampling(cells[0].repeat).seed == 5 and cells[1].params.sampling(cells[1].repeat).seed == 6


def test_batch_records_experiment_runs_and_assertions(engine, tmp_path):
    exp = load(engine, write(tmp_path, BASIC))
    eid, resumed = start_or_resume(engine.store, exp)
    assert not resumed
    seen = []
    out = run_batch(engine.pipeline, exp, eid, on_progress=seen.append)
    assert out.status == "done" and out.ran == 6 and out.skipped == 0
    assert [p.done for p in seen] == list(range(7)) and seen[-1].eta_s == 0
    row = engine.store.get_experiment(eid)
    assert row["status"] == "done" and row["total_cells"] == 6 and row["finished_utc"]
    assert json.loads(row["config_json"])["cells"] == 6
    runs = runs_of(engine, eid)
    assert len(runs) == 6 and {r["status"] for r in runs} == {"ok"}
    assert {r["cell_key"] for r in runs} == {c.key for c in plan(exp)}
    verdicts = {}
    for r in runs:
        checks = engine.store.checks_for(r["id"])
        assert [c["stage"] for c in checks] == ["assertion"]
        verdicts[json.loads(r["variables_json"])["question"]] = checks[0]["verdict"]
        assert json.loads(r["extra_json"])["batch"]["answer"] == r["output"]
    assert verdicts == {"What is 2+2?": "pass", "Capital of France?": "pass", "Colour of the sky?": "fail"}
    assert [r.passed for r in out.results].count(True) == 4


def test_a_failing_cell_is_recorded_and_the_batch_goes_on(engine, tmp_path):
    body = BASIC.replace('  - {vars: {question: "Colour of the sky?"}, expected: "green"}',
                         '  - {vars: {question: "Boom?"}, expected: "x"}\n'
                         '  - {vars: {question: "%s"}, expected: "y"}' % ("word " * 3000))
    exp = load(engine, write(tmp_path, body))
    eid, _ = start_or_resume(engine.store, exp)
    out = run_batch(engine.pipeline, exp, eid)
    assert out.status == "done" and out.ran == 8
    by_status = {}
    for r in out.results:
        by_status.setdefault(r.status, []).append(r)
    assert len(by_status["error"]) == 4 and len(by_status["ok"]) == 4
    errors = {r.error for r in by_status["error"]}
    assert any("fell over" in e for e in errors)  # failed while generating
    assert any("over the context size" in e for e in errors)  # failed before generating: still recorded
    for r in by_status["error"]:
        stored = engine.store.get_run(r.run_id)
        assert stored["status"] == "error" and stored["cell_key"] == r.cell.key
        assert engine.store.checks_for(r.run_id)[0]["verdict"] == "fail"


def test_resume_runs_only_unfinished_cells(engine, tmp_path):
    exp = load(engine, write(tmp_path, BASIC))
    eid, _ = start_or_resume(engine.store, exp)
    it = runner.iter_batch(engine.pipeline, exp, eid)
    for p in it:
        if p.done == 3:
            break
    it.close()  # the consumer went away: the experiment is left unfinished
    assert engine.store.get_experiment(eid)["status"] == "cancelled"
    first = {r["cell_key"]: r["id"] for r in runs_of(engine, eid)}
    assert len(first) == 3
    # a cell left `running` by a dead process is run again
    cells = plan(exp)
    open_log(engine.store)["runs"].insert({"id": "01DEAD", "experiment_id": eid, "cell_key": cells[4].key,
                                    "status": "interrupted", "output": "half"})
    exp2 = load(engine, tmp_path / "exp.yaml")  # the same file again: resumed automatically
    eid2, resumed = start_or_resume(engine.store, exp2)
    assert (eid2, resumed) == (eid, True)
    out = run_batch(engine.pipeline, exp2, eid2)
    assert out.status == "done" and out.skipped == 3 and out.ran == 3
    after = runs_of(engine, eid)
    done = [r for r in after if r["status"] == "ok"]
    assert len(done) == 6 and len({r["cell_key"] for r in done}) == 6  # nothing twice
    assert all(any(r["id"] == rid for r in done) for rid in first.values())  # nothing finished lost or redone
    assert engine.store.get_run("01DEAD")["status"] == "interrupted"
    # a finished experiment is not resumed: the same file makes a new one
    eid3, resumed3 = start_or_resume(engine.store, load(engine, tmp_path / "exp.yaml"))
    assert eid3 != eid and not resumed3


def test_resume_by_id_checks_the_config(engine, tmp_path):
    exp = load(engine, write(tmp_path, BASIC))
    eid, _ = start_or_resume(engine.store, exp)
    engine.store.set_experiment_status(eid, "cancelled")
    changed = load(engine, write(tmp_path, BASIC.replace("seed: 5", "seed: 6")))
    with pytest.raises(ExperimentError, match="different config"):
        start_or_resume(engine.store, changed, resume_id=eid)
    with pytest.raises(ExperimentNotFoundError, match="no experiment"):
        start_or_resume(engine.store, exp, resume_id="01NOPE")
    assert start_or_resume(engine.store, exp, resume_id=eid[:10]) == (eid, True)
    assert start_or_resume(engine.store, exp, new=True)[0] != eid


def test_assertions_missing_after_a_crash_are_repaired_on_resume(engine, tmp_path):
    exp = load(engine, write(tmp_path, BASIC))
    eid, _ = start_or_resume(engine.store, exp)
    run_batch(engine.pipeline, exp, eid)
    victim = runs_of(engine, eid)[0]["id"]
    open_log(engine.store).execute("DELETE FROM checks WHERE run_id = ?", [victim])
    engine.store.set_experiment_status(eid, "cancelled")
    out = run_batch(engine.pipeline, exp, start_or_resume(engine.store, exp)[0])
    assert out.ran == 0 and out.skipped == 6
    assert [c["stage"] for c in engine.store.checks_for(victim)] == ["assertion"]


def run_basic(engine, tmp_path, at_two, backend=None):
    """Run BASIC's six cells; ``at_two(control)`` once the second has finished."""
    engine.pool.backend = backend or FakeBackend(responder=answer, delay_s=0.01)
    exp = load(engine, write(tmp_path, BASIC))
    eid, _ = start_or_resume(engine.store, exp)
    control = BatchControl()
    seen = []

    def on_progress(p):
        seen.append(p)
        if p.done == 2 and p.result is not None and p.result.status != "cancelled":
            at_two(control)

    out = run_batch(engine.pipeline, exp, eid, control=control, on_progress=on_progress)
    return out, eid, control, seen


def paused_after_two(engine, tmp_path, then: str, after_s: float):
    """Run BASIC's six cells, pausing after the second; ``then`` (cancel or resume) after ``after_s``."""
    def pause(control):
        control.pause()
        threading.Timer(after_s, getattr(control, then)).start()

    return run_basic(engine, tmp_path, pause)


def test_pause_and_cancel_from_another_thread(engine, tmp_path):
    out, eid, _control, seen = paused_after_two(engine, tmp_path, "cancel", 0.2)  # stays paused, then cancelled
    assert out.status == "cancelled" and seen[-1].done == 2
    assert len(engine.store.finished_cells(eid)) == 2


def test_a_cell_cancelled_while_it_runs_is_not_counted_done(engine, tmp_path):
    """Cancelled in the middle of the third cell: progress and the outcome count two done
    (the third is recorded cancelled and runs again on resume), and the summary and the
    Markdown export count it as stopped, not as an error."""
    from reports.export import build_report, render_markdown

    out, eid, _control, seen = run_basic(  # cancelled while the third cell generates
        engine, tmp_path, lambda control: threading.Timer(0.1, control.cancel).start(),
        FakeBackend(responder=lambda r: ["a"] * 40, delay_s=0.02))
    assert out.status == "cancelled" and [r.status for r in out.results] == ["ok", "ok", "cancelled"]
    assert seen[-1].result.status == "cancelled" and seen[-1].done == 2 and out.ran == 2
    report = build_report(engine.store, [eid])
    (s,) = [s for s in report.summaries if s.runs == 3]
    assert (s.ok, s.errors, s.stopped) == (2, 0, 1)
    md = render_markdown(report)
    assert "| guard failures | errors | stopped | agreement |" in md
    assert "1 cell was stopped (cancelled or interrupted) before finishing: not counted as errors" in md
    # the export says the experiment did not finish, and how much of it the figures cover
    assert f"Experiment basic ({eid}) is cancelled: 2 of 6 cells finished. The figures cover those only" in md
    from reports.export import render_html
    assert "is cancelled: 2 of 6 cells finished" in render_html(report)


def test_the_time_to_go_leaves_out_a_pause(engine, tmp_path):
    out, _eid, control, seen = paused_after_two(engine, tmp_path, "resume", 0.5)
    assert out.status == "done" and control.paused_s >= 0.5
    after = [p for p in seen if p.done > 2]
    assert after and all(p.elapsed_s < 0.5 for p in after)  # six cells of 10 ms, the half-second pause left out
    assert after[-1].eta_s == 0


def test_judge_assertion_uses_a_model(engine, tmp_path):
    def judged(request):
        if request.constraint is not None:  # the judge's constrained verdict
            return ["pass"]
        return answer(request)

    engine.pool.backend = FakeBackend(responder=judged)
    exp = load(engine, write(tmp_path, BASIC.replace("{kind: equals, ignore_case: true}",
                                                      "{kind: judge, rubric: 'Answers {expected}.'}")))
    eid, _ = start_or_resume(engine.store, exp)
    out = run_batch(engine.pipeline, exp, eid)
    assert all(r.passed for r in out.results)
    assert "judge says pass" in out.results[0].assertions[0]["message"]


@pytest.mark.parametrize("change, message", [
    (("templates: [qa.yaml]", "templates: [no-such-template]"), "templates.0: no template named 'no-such-template'"),
    (("models: [smollm2-135m-instruct]", "models: [nope-7b]"), "models.0: unknown model 'nope-7b'"),
    (("name: basic", "name: basic\ncolour: red"), "unknown key 'colour'"),
    (("params:\n  greedy: {temperature: 0, max_tokens: 8, seed: 5}", "params:\n  greedy: {temperature: -1}"),
     "params.greedy: temperature must be >= 0"),
    (("{kind: equals, ignore_case: true}", "{kind: equals, expected_from: answer}"),
     "row 1: assertion 1 (equals): the row has no field 'answer'"),
    (("{kind: equals, ignore_case: true}", "{kind: similar}"), "unknown assertion kind"),
    (('expected: "green"', 'expected: null'), "row 3: assertion 1 (equals): equals needs an expected answer"),
    (("{kind: equals, ignore_case: true}", "{kind: regex, pattern: '('}"), "invalid regex"),
    (('{vars: {question: "What is 2+2?"}, expected: "4"}', '{vars: {q: "What is 2+2?"}, expected: "4"}'),
     "row 1: template 'qa'"),
])
def test_bad_experiment_files_fail_in_one_line_before_running(engine, tmp_path, change, message):
    path = write(tmp_path, BASIC.replace(*change))
    with pytest.raises(WorkbenchError) as err:
        load(engine, path)
    assert message in str(err.value) and "\n" not in str(err.value)
    assert engine.store.count_runs() == 0


def test_dataset_columns_and_empty_or_large_grids(engine, tmp_path):
    (tmp_path / "data.csv").write_text("q,gold\nWhat is 2+2?,4\nCapital of France?,Paris\n", encoding="utf-8")
    body = textwrap.dedent("""\
    name: from a file
    templates: [qa.yaml]
    dataset: {path: data.csv, columns: {question: q}, expected: gold}
    assertions: [{kind: contains}]
    """)
    exp = load(engine, write(tmp_path, body))
    assert [r.values["question"] for r in exp.rows] == ["What is 2+2?", "Capital of France?"]
    assert [r.expected for r in exp.rows] == ["4", "Paris"]
    with pytest.raises(ExperimentError, match="unknown column 'golden'"):
        load(engine, write(tmp_path, body.replace("expected: gold", "expected: golden")))
    with pytest.raises(ExperimentError, match="the grid is empty: no rows"):
        load(engine, write(tmp_path, "name: empty\ntemplates: [qa.yaml]\n"))
    with pytest.raises(ExperimentError, match="the grid is empty: no params"):
        load(engine, write(tmp_path, body + "params: {}\n"))
    big = body + "repeats: 30\nmax_cells: 50\n"
    with pytest.raises(GridTooLargeError, match="60 cells .* over the limit of 50; pass --yes or raise max_cells"):
        load(engine, write(tmp_path, big))
    assert load(engine, tmp_path / "exp.yaml", confirm_large=True).n_cells == 60
    assert load(engine, tmp_path / "exp.yaml", max_cells=100).n_cells == 60


def test_example_experiments_are_valid_and_the_format_is_documented(engine):
    files = example_files()
    assert len(files) >= 3
    for f in files:
        assert load(engine, f).n_cells > 0
    ref = format_reference()
    for key in ("templates", "dataset", "repeats", "max_cells", "expected_from", "rubric"):
        assert f"`{key}`" in ref


def test_cell_key_is_stable():
    assert cell_key("ab" * 32, 3, "m", "p", 1) == "t=abababababababab|row=3|m=m|p=p|r=1"


def test_cli_bad_input_is_one_line_and_runs_nothing(tmp_path, capsys, monkeypatch):
    from cli.app import run_cli

    home = tmp_path / "home"
    home.mkdir()
    path = write(tmp_path, BASIC.replace("templates: [qa.yaml]", "templates: [nope]"))
    assert run_cli(["--home", str(home), "batch", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: exp.yaml: templates.0: no template named 'nope'")
    ok = write(tmp_path, BASIC)
    assert run_cli(["--home", str(home), "batch", str(ok), "--report", str(tmp_path / "missing" / "r.html")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert run_cli(["--home", str(home), "batch", str(ok), "--dry-run"]) == 0
    assert "t=" in capsys.readouterr().out
    from runs.store import Store

    assert Store(home / "runs.db").count_runs() == 0
