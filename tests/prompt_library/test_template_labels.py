"""Named versions: labels that move with a history (run log, m007), name@label resolution, a
label outliving the template's files, version messages, the diff, and the CLI's one-line errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from common.errors import TemplateError
from prompt_library import TemplateLibrary
from prompt_library.template import PromptTemplate
from runs import migrations
from runs.store import Store

ROOT = Path(__file__).resolve().parents[2]
V1 = "name: greet\nvariables: [{name: who}]\nprompt: 'Hello {{ who }}'\n"
V2 = "name: greet\nvariables: [{name: who}]\nprompt: 'Hi there, {{ who }}!'\n"


@pytest.fixture
def lib_store(tmp_path):
    store = Store(tmp_path / "runs.db")
    lib = TemplateLibrary(user_dir=tmp_path / "templates", labels=store)
    ids = [lib.save(V1), lib.save(V2)]
    yield lib, store, ids
    store.close()


def test_migration_is_applied_and_recorded(tmp_path):
    assert "m007_template_labels" in [m.__name__ for m in migrations.MIGRATIONS]
    s = Store(tmp_path / "r.db")
    assert "m007_template_labels" in s.applied
    s.close()


def test_label_moves_with_history_and_rollback(lib_store):
    lib, store, (id1, id2) = lib_store
    assert store.move_template_label("greet", "production", id1, lib.version("greet", "1").yaml_text) is None
    assert lib.get("greet@production").id == id1
    assert store.move_template_label("greet", "production", id2, lib.version("greet", "2").yaml_text) == id1
    assert lib.get("greet@production").id == id2
    store.move_template_label("greet", "production", id1, lib.version("greet", "1").yaml_text)  # rollback
    assert lib.get("greet@production").id == id1
    moves = store.template_label_moves("greet", "production")
    assert [(m["template_id"], m["previous_id"]) for m in moves] == [(id1, None), (id2, id1), (id1, id2)]
    assert lib.get("greet").id == id2  # the latest is untouched by labels
    assert lib.get(f"greet@{id1[:10]}").id == id1 and lib.version("greet", "2").id == id2


def test_label_on_a_deleted_template_still_resolves(lib_store, tmp_path):
    lib, store, (id1, _) = lib_store
    store.move_template_label("greet", "baseline", id1, lib.version("greet", "1").yaml_text)
    shutil.rmtree(tmp_path / "templates")
    again = TemplateLibrary(user_dir=tmp_path / "templates", labels=store)
    t = again.get("greet@baseline")
    assert isinstance(t, PromptTemplate) and t.id == id1
    with pytest.raises(TemplateError, match="no template named 'greet'"):
        again.get("greet")


def test_a_label_that_points_nowhere(lib_store):
    lib, _store, _ = lib_store
    with pytest.raises(TemplateError, match="^template 'greet' has no label or version 'nope'$"):
        lib.get("greet@nope")
    with pytest.raises(TemplateError, match="^template 'greet' has no version 9$"):
        lib.version("greet", "9")


def test_experiment_refers_to_name_at_label(lib_store, tmp_path):
    from experiments.loading import load_experiment

    lib, store, (id1, _) = lib_store
    store.move_template_label("greet", "candidate", id1, lib.version("greet", "1").yaml_text)
    p = tmp_path / "e.yaml"
    p.write_text("name: e\ntemplates: [greet@candidate, greet]\nrows: [{vars: {who: Ann}}]\n", encoding="utf-8")
    exp = load_experiment(p, library=lib)
    assert [v.template.id for v in exp.variants] == [id1, lib.get("greet").id]


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "templates", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


def test_cli_versions_label_diff(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "g.yaml").write_text(V1, encoding="utf-8")
    assert _cli(home, "import", str(tmp_path / "g.yaml"), "-m", "first try").returncode == 0
    (tmp_path / "g.yaml").write_text(V2, encoding="utf-8")
    assert _cli(home, "import", str(tmp_path / "g.yaml")).returncode == 0
    r = _cli(home, "label", "greet", "1", "production")
    assert r.returncode == 0 and r.stdout.startswith("greet@production -> "), r.stderr
    r = _cli(home, "label", "greet", "2", "production")
    assert "(it was " in r.stdout
    r = _cli(home, "versions", "greet")
    lines = r.stdout.splitlines()
    assert "first try" in lines[0] and "[production]" in lines[1] and len(lines) == 4  # 2 versions + 2 moves
    r = _cli(home, "diff", "greet", "1", "production")
    assert "-prompt: 'Hello {{ who }}'" in r.stdout and "+prompt: 'Hi there, {{ who }}!'" in r.stdout
    r = _cli(home, "diff", "greet", "1", "2", "--var", "who=Ann")
    assert "-[user] Hello Ann\n+[user] Hi there, Ann!\n" in r.stdout
    r = _cli(home, "label", "greet", "7", "production")
    assert r.returncode == 1 and r.stderr == "error: template 'greet' has no version 7\n"
    r = _cli(home, "diff", "greet", "1", "staging")
    assert r.returncode == 1 and r.stderr == "error: template 'greet' has no label or version 'staging'\n"
