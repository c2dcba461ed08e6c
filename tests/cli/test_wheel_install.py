"""``pip install .`` (a real wheel, not editable) gives a working command and window.

The wheel is built from this checkout and installed with ``--no-deps`` into a fresh
venv whose only other packages are this test environment's dependencies (added as a
plain path, so the editable install of the checkout is not seen). Everything runs
from a folder outside the checkout, so nothing can be imported from the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    # build from a copy: setuptools writes build/ and *.egg-info next to the sources it builds
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "docs", "__pycache__",
                                                                 "*.egg-info", ".pytest_cache", ".ruff_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                    "-w", str(dist), "-q"], check=True, cwd=tmp, timeout=300,
                   env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    wheel = next(dist.glob("prompt_workbench-*.whl"))
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.check_output([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)],
                   check=True, cwd=tmp, timeout=300)
    work = tmp / "elsewhere"
    work.mkdir()
    return {"py": py, "bin": env_dir / "bin", "work": work, "home": tmp / "home", "site": site}


def _run(installed, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PROMPT_WORKBENCH_HOME": str(installed["home"]), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(installed["bin"] / "prompt-workbench"), *args], capture_output=True, text=True,
                          cwd=installed["work"], env=env, timeout=timeout)


def test_the_wheel_holds_every_room_and_its_data(installed):
    site = installed["site"]
    for room in ("common", "backends", "prompt_library", "guards", "runs", "experiments", "reports", "desktop", "cli"):
        assert (site / room / "__init__.py").is_file(), room
    for data in ("templates/tool-router.yaml", "datasets/sentiment_reviews.csv", "report/report.html.j2",
                 "translations/workbench_zh_CN.qm"):
        assert (site / "resources" / data).is_file(), data
    out = subprocess.check_output([str(installed["py"]), "-c", "import runs, common.resources as r; "
                                   "print(runs.__file__); print(r.resource_dir('templates'))"],
                                  cwd=installed["work"], text=True)
    assert str(ROOT) not in out and str(site) in out


def test_the_console_script_lists_templates_datasets_and_experiments(installed):
    r = _run(installed, "templates", "list")
    assert r.returncode == 0, r.stderr
    assert "tool-router" in r.stdout
    r = _run(installed, "datasets", "list")
    assert r.returncode == 0 and "sentiment_reviews" in r.stdout, r.stderr
    exp = installed["site"] / "resources" / "experiments" / "arithmetic-stability.yaml"
    r = _run(installed, "batch", "--dry-run", str(exp))
    assert r.returncode == 0, r.stderr
    assert "m=smollm2-135m-instruct" in r.stdout


def test_the_console_script_gives_one_line_errors(installed):
    r = _run(installed, "show", "01NOSUCHRUN")
    assert r.returncode != 0 and r.stderr.strip().count("\n") == 0 and "no run" in r.stderr


def test_the_window_opens_from_the_wheel(installed):
    r = _run(installed, "--quit-after-ms", "1500", timeout=180)
    assert r.returncode == 0, r.stderr[-2000:]
