"""promptfoo in: the eight real configs of ../shared/conformance/promptfoo import to their grid
shapes; the mapping of tests, assertions and providers; bad input gives one line, writes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from common.errors import ExperimentError
from experiments.assertions import ContainsAssertion
from experiments.loading import Row, load_experiment
from experiments.plan import plan
from experiments.promptfoo_in import import_promptfoo
from experiments.promptfoo_rules import split_unescaped
from prompt_library import TemplateLibrary
from prompt_library.patterns import render

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT.parent / "shared" / "conformance" / "promptfoo"
needs_conf = pytest.mark.skipif(not (CONF / "expected.json").is_file(),
                                reason=f"the promptfoo conformance configs are not at {CONF}")
NAMES = ("assistant-cli", "csv-metadata", "eval-self-grading", "getting-started", "json-output", "llama-cpp",
         "simple-csv", "simple-test")


def _loaded(imp, tmp_path):
    path = imp.write(tmp_path / "out")
    return load_experiment(path, library=TemplateLibrary(None))


@needs_conf
@pytest.mark.parametrize("name", NAMES)
def test_each_conformance_config_imports_to_its_grid_shape(name, tmp_path):
    expected = json.loads((CONF / "expected.json").read_text(encoding="utf-8"))[name]
    imp = import_promptfoo(CONF / name / "promptfooconfig.yaml", model="smollm2-135m-instruct")
    assert (len(imp.prompts), len(imp.tests), len(imp.providers)) == (
        expected["prompts"], expected["tests"], expected["providers"])
    exp = _loaded(imp, tmp_path)
    cells = plan(exp)
    assert len(cells) // len(exp.models) == expected["cells_per_provider"]
    assert sorted({k for r in exp.rows for k in r.values if not k.startswith("__")}) == expected["vars"]
    # every non-portable assertion type is reported, one line each, none silently dropped
    for typ in set(expected["assert_types"]) - set(expected["portable"]):
        assert any(f": {typ}" in line for line in imp.skipped), (typ, imp.skipped)
    kinds = {a.kind for r in exp.rows for a in r.assertions} | {a.kind for a in exp.spec.assertions}
    want = {"contains": "contains", "icontains": "contains", "contains-any": "contains", "equals": "equals",
            "is-json": "json"}
    assert kinds == {want[t] for t in expected["portable"]}


@needs_conf
def test_simple_test_keeps_yes_as_text_and_resolves_ref(tmp_path):
    imp = import_promptfoo(CONF / "simple-test" / "promptfooconfig.yaml")
    exp = _loaded(imp, tmp_path)
    assert exp.rows[0].values["body"] == "Yes"  # YAML 1.2, as promptfoo reads it
    assert exp.rows[0].values["__description"] == "Check for exact match"
    last = exp.rows[4].assertions
    assert [(a.kind, a.values, a.ignore_case) for a in last] == [("contains", ["arrr"], True)]  # the $ref
    assert exp.rows[0].assertions[0].expected == "Yarr"
    assert "outputPath: left out" in imp.skipped


@needs_conf
def test_csv_metadata_lists_and_spaced_prefix(tmp_path):
    imp = import_promptfoo(CONF / "csv-metadata" / "promptfooconfig.yaml")
    exp = _loaded(imp, tmp_path)
    r = exp.rows[1]
    assert r.values["__metadata:tags"] == ["physics", "advanced,theory", "quantum"]
    assert r.values["__metadata:category"] == "science"
    assert [a.values for a in r.assertions] == [["quantum"]]
    assert exp.spec.params["default"].temperature == 0.7
    assert split_unescaped(r"a\,b,c") == ["a,b", "c"]


@needs_conf
def test_rubrics_become_judge_assertions_when_asked(tmp_path):
    imp = import_promptfoo(CONF / "csv-metadata" / "promptfooconfig.yaml", judge="smollm2-135m-instruct")
    exp = _loaded(imp, tmp_path)
    judge = [a for a in exp.rows[0].assertions if a.kind == "judge"]
    assert judge[0].rubric == "Does this describe machine learning accurately?"  # {{topic}} filled
    assert judge[0].model == "smollm2-135m-instruct"


@needs_conf
def test_load_filter_renders_through_fromjson(tmp_path):
    imp = import_promptfoo(CONF / "simple-csv" / "promptfooconfig.yaml")
    exp = _loaded(imp, tmp_path)
    text = render(exp.variants[0].template, exp.rows[0].values)[-1].content
    assert "- Tone: formal\n- Length: brief" in text


@needs_conf
def test_llama_server_provider_maps_to_openai_backend_and_raw_prompts(tmp_path):
    imp = import_promptfoo(CONF / "llama-cpp" / "promptfooconfig.yaml")
    exp = _loaded(imp, tmp_path)
    (m,) = exp.models
    assert (m.backend, m.base_url, m.key) == ("openai", "http://localhost:8080", "llama3-8b")
    assert {v.template.mode for v in exp.variants} == {"completion"}
    assert exp.variants[7].template.spec.prompt.startswith("<s>[INST] <<SYS>>")


@needs_conf
def test_the_conformance_runner_passes():
    r = subprocess.run([sys.executable, str(CONF / "run.py"), str(ROOT), "--importer",
                        "experiments.promptfoo_in:import_promptfoo"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "RAISED" not in r.stdout and r.stdout.count(" imported: ") == 8


def test_not_assertions_turn_the_verdict_round():
    from experiments.assertions import build_assertion

    row = Row(0, {})
    a = ContainsAssertion(kind="contains", values=["sorry"], ignore_case=True, negate=True)
    assert build_assertion(a, row).run("Sure, here it is").verdict == "pass"
    assert build_assertion(a, row).run("SORRY, no").verdict == "fail"


def _cfg(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "promptfooconfig.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_inline_mapping_of_portable_types_and_list_vars(tmp_path):
    p = _cfg(tmp_path, """\
prompts: ['Say {{word}} in {{lang}}']
providers: [openai:gpt-4.1]
defaultTest:
  vars: {lang: French}
  assert: [{type: not-icontains, value: sorry}]
tests:
  - vars: {word: [hello, goodbye]}
    assert:
      - {type: starts-with, value: 'Bon'}
      - {type: regex, value: '\\w+'}
      - {type: contains-all, value: 'a,b'}
      - {type: is-json, value: {type: object}}
      - {type: levenshtein, value: bonjour}
""")
    imp = import_promptfoo(p)
    exp = _loaded(imp, tmp_path)
    assert [r.values["word"] for r in exp.rows] == ["hello", "goodbye"] and exp.rows[1].values["lang"] == "French"
    (g,) = exp.spec.assertions
    assert (g.kind, g.negate, g.ignore_case) == ("contains", True, True)
    kinds = [(a.kind, getattr(a, "pattern", None) or getattr(a, "values", None)) for a in exp.rows[0].assertions]
    assert kinds[:3] == [("regex", r"\ABon"), ("regex", r"\w+"), ("contains", ["a", "b"])]
    assert exp.rows[0].assertions[3].json_schema == {"type": "object"}
    assert any("levenshtein" in s for s in imp.skipped)


# --- bad input: one clear line, nothing written ----------------------------------------------
def test_not_yaml(tmp_path):
    p = _cfg(tmp_path, "prompts: [a\ntests: {")
    with pytest.raises(ExperimentError, match=r"^promptfooconfig.yaml line \d+: not valid YAML"):
        import_promptfoo(p)


def test_missing_prompt_file(tmp_path):
    p = _cfg(tmp_path, "prompts: [file://nope.txt]\ntests: [{vars: {a: 1}}]\n")
    with pytest.raises(ExperimentError, match=r"prompts.0: file not found: .*nope.txt"):
        import_promptfoo(p)


def test_csv_with_bom_and_crlf(tmp_path):
    (tmp_path / "tests.csv").write_bytes("\ufefftopic,__expected\r\ncats,icontains:cat\r\ndogs,dog\r\n".encode())
    p = _cfg(tmp_path, "prompts: ['About {{topic}}']\ntests: file://tests.csv\n")
    exp = _loaded(import_promptfoo(p), tmp_path)
    assert [r.values for r in exp.rows] == [{"topic": "cats"}, {"topic": "dogs"}]
    assert [(a.kind, a.ignore_case) for r in exp.rows for a in r.assertions] == [("contains", True), ("equals", False)]
    assert [r.expected for r in exp.rows] == [None, "dog"]  # a plain __expected value is an equals


def test_one_equals_is_the_rows_expected_answer(tmp_path):
    """The grid's Expected column (and calibration) read the row's expected answer: a test
    with one positive equals has it; two, a negated one or none leave it unset."""
    p = _cfg(tmp_path, """prompts: ['Capital of {{country}}?']
tests:
  - vars: {country: France}
    assert: [{type: equals, value: Paris}, {type: icontains, value: par}]
  - vars: {country: Spain}
    assert: [{type: not-equals, value: Paris}]
  - vars: {country: Peru}
    assert: [{type: equals, value: Lima}, {type: equals, value: LIMA}]
  - vars: {country: Chad}
""")
    exp = _loaded(import_promptfoo(p), tmp_path)
    assert [r.expected for r in exp.rows] == ["Paris", None, None, None]


def test_unknown_assertion_type(tmp_path):
    p = _cfg(tmp_path, "prompts: [hi]\ntests: [{assert: [{type: containz, value: x}]}]\n")
    with pytest.raises(ExperimentError, match=r"tests.0.assert.0: unknown assertion type 'containz'$"):
        import_promptfoo(p)


def test_ref_cycle(tmp_path):
    p = _cfg(tmp_path, """\
prompts: [hi]
assertionTemplates:
  a: {$ref: '#/assertionTemplates/b'}
  b: {$ref: '#/assertionTemplates/a'}
tests: [{assert: [{$ref: '#/assertionTemplates/a'}]}]
""")
    with pytest.raises(ExperimentError, match=r"\$ref cycle: #/assertionTemplates/a -> #/assertionTemplates/b -> "
                                              r"#/assertionTemplates/a"):
        import_promptfoo(p)


def test_ref_that_points_nowhere(tmp_path):
    p = _cfg(tmp_path, "prompts: [hi]\ntests: [{assert: [{$ref: '#/assertionTemplates/x'}]}]\n")
    with pytest.raises(ExperimentError, match="points nowhere"):
        import_promptfoo(p)


def test_cli_one_line_and_nothing_half_written(tmp_path):
    bad = _cfg(tmp_path, "prompts: [file://missing.txt]\ntests: [{vars: {a: 1}}]\n")
    out = tmp_path / "out"
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(tmp_path / "home")}
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "promptfoo", str(bad), "-o", str(out)],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "file not found" in r.stderr
    assert not out.exists() and not list(tmp_path.glob(".promptfoo-*"))
    good = _cfg(tmp_path, "prompts: ['{{a}}']\ntests: [{vars: {a: 1}}]\n")
    out.mkdir()
    (out / "keep.txt").write_text("x")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "promptfoo", str(good), "-o", str(out)],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert r.returncode == 1 and "not an empty folder" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


@pytest.mark.real
def test_imported_config_runs_as_a_batch_on_the_real_model(tmp_path, smollm2):
    p = _cfg(tmp_path, """\
prompts: ['Answer in one word: {{q}}']
providers: [{id: openai:gpt-4.1, config: {temperature: 0, max_tokens: 6, seed: 1}}]
tests:
  - vars: {q: 'What colour is the sky?'}
    assert: [{type: regex, value: '\\w'}, {type: not-contains, value: 'zzzz'}]
""")
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(tmp_path / "home")}
    main = [sys.executable, str(ROOT / "main.py")]
    r = subprocess.run([*main, "import", "promptfoo", str(p), "-o", str(tmp_path / "out"),
                        "--model", str(smollm2)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*main, "batch", str(tmp_path / "out" / "experiment.yaml")],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=240)
    assert r.returncode == 0, r.stderr
    from runs.store import Store
    from tests.store_tools import open_log

    store = Store(tmp_path / "home" / "runs.db")
    checks = open_log(store).execute("SELECT verdict FROM checks WHERE stage = 'assertion'").fetchall()
    (eid,) = [e["id"] for e in store.list_experiments()]
    store.close()
    assert [v for (v,) in checks] == ["pass"] * 2  # 1 prompt x 1 test x 2 assertions
    # and back out: the config plus the results in promptfoo's JSON output shape
    r = subprocess.run([*main, "export-promptfoo", str(tmp_path / "out" / "experiment.yaml"), "-o",
                        str(tmp_path / "pf"), "--results", eid], capture_output=True, text=True, cwd=ROOT, env=env,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    doc = json.loads((tmp_path / "pf" / "results.json").read_text(encoding="utf-8"))
    assert doc["results"]["version"] == 3 and doc["results"]["stats"]["successes"] == 1
    (res,) = doc["results"]["results"]
    assert res["success"] is True and res["vars"] == {"q": "What colour is the sky?"} and res["response"]["output"]
    assert [c["pass"] for c in res["gradingResult"]["componentResults"]] == [True, True]
    import yaml

    cfg = yaml.safe_load((tmp_path / "pf" / "promptfooconfig.yaml").read_text(encoding="utf-8"))
    assert cfg["prompts"][0]["raw"] == "Answer in one word: {{q}}"
    assert "__expected2" in (tmp_path / "pf" / "tests.csv").read_text(encoding="utf-8").splitlines()[0]


@needs_conf
def test_a_tests_description_names_its_row_in_the_grid_and_the_reports(fake_engine, tmp_path):
    from experiments import runner
    from reports.export import build_report, render_html, render_markdown
    from reports.grid import load_grid
    from tests.fakes import FakeBackend

    fake_engine.pool.backend = FakeBackend(responder=lambda r: ["Yarr"])
    imp = import_promptfoo(CONF / "simple-test" / "promptfooconfig.yaml", model="smollm2-135m-instruct")
    exp = load_experiment(imp.write(tmp_path / "out"), library=TemplateLibrary(None),
                          resolve_model=fake_engine.registry.resolve)
    eid = runner.create_experiment(fake_engine.store, exp)
    runner.run_batch(fake_engine.pipeline, exp, eid)
    row = load_grid(fake_engine.store, [eid]).rows[0]
    assert row.description == "Check for exact match"
    assert not row.label.startswith("Check") and row.label.strip()  # the input itself, not the file's field
    assert row.title == f"Check for exact match — {row.label}"
    report = build_report(fake_engine.store, [eid])
    assert f"| 1 | Check for exact match — {row.label}" in render_markdown(report)
    assert "<b>Check for exact match</b>" in render_html(report)
