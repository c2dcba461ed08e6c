"""The HTML report in a real browser (headless Chromium): it renders offline, and model
output holding <script> or an onerror attribute runs nothing.

Chromium is required, not optional: if it is missing this test fails and says how to
install it (``apt-get update && apt-get install -y chromium``)."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from experiments import runner
from reports.export import export
from tests.fakes import FakeBackend
from tests.experiments.test_batch import BASIC, load, write

MARKER = "PWNED"
PAYLOADS = [
    f'<script>document.title="{MARKER}";document.body.setAttribute("data-pwned","1")</script>',
    f'<img src=x onerror="document.title=\'{MARKER}\';document.body.setAttribute(\'data-pwned\',\'2\')">',
    f'<svg onload="document.title=\'{MARKER}\'"></svg>',
]
INSTALL = "apt-get update && apt-get install -y chromium"


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"headless Chromium is needed to check the HTML report and was not found; install it with: {INSTALL}")


def browse(html: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}",
           "--virtual-time-budget=2000", *extra, html.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


class Dom(HTMLParser):
    """The rendered DOM as Chromium dumped it: elements, attributes, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data


def test_report_renders_in_chromium_and_runs_no_injected_code(fake_engine, tmp_path):
    def hostile(request):
        q = request.messages[-1].content
        return [PAYLOADS[0] if "2+2" in q else PAYLOADS[1] if "France" in q else PAYLOADS[2]]

    fake_engine.pool.backend = FakeBackend(responder=hostile)
    body = BASIC.replace('"Colour of the sky?"', '"Colour? <img src=y onerror=document.title=1>"')
    exp = load(fake_engine, write(tmp_path, body))
    eid = runner.create_experiment(fake_engine.store, exp)
    runner.run_batch(fake_engine.pipeline, exp, eid)
    _, path = export(fake_engine.store, [eid], "html", tmp_path / "report.html")

    dom = Dom()
    dom.feed(browse(path, tmp_path, "--dump-dom").stdout)
    assert MARKER not in dom.title and dom.title.startswith("basic")
    body_attrs = next(a for t, a in dom.tags if t == "body")
    assert "data-pwned" not in body_attrs
    assert not [t for t, _ in dom.tags if t in ("script", "img", "iframe", "object", "embed")]
    assert not [a for _, a in dom.tags if any(k.startswith("on") for k in a)]
    svgs = [a for t, a in dom.tags if t == "svg"]
    assert svgs and all("onload" not in a for a in svgs)
    text = "".join(dom.text)
    for payload in PAYLOADS:  # shown as text, exactly
        assert payload in text
    # what is rendered: the summary, the grid and its cells
    assert "Summary per variant" in text and "qa · greedy" in text and "qa · warm" in text
    assert sum(1 for t, a in dom.tags if t == "tr" and "data-row" in a) == 3
    assert sum(1 for t, a in dom.tags if t == "span" and a.get("class") == "badge fail") == 6

    shot = tmp_path / "report.png"
    browse(path, tmp_path, "--screenshot=" + str(shot), "--window-size=1200,900")
    assert shot.stat().st_size > 10_000


def test_agreement_section_renders_and_runs_no_injected_code(fake_engine, tmp_path):
    """Two models whose outputs hold the payloads: the agreement table, its notes and the
    word diffs of the differing rows show them as text."""
    from tests.agreement_data import F16, OUTPUTS, Q4, make_experiment

    outputs = {Q4: list(OUTPUTS[Q4]), F16: list(OUTPUTS[F16])}
    outputs[F16][0] = (PAYLOADS[0], PAYLOADS[0], "ok")
    outputs[F16][1] = (f"Paris {PAYLOADS[1]}", "Paris", "ok")
    outputs[Q4][2] = (PAYLOADS[2], PAYLOADS[2], "ok")
    eid = make_experiment(fake_engine, tmp_path, outputs=outputs)
    _, path = export(fake_engine.store, [eid], "html", tmp_path / "agreement.html")

    dom = Dom()
    dom.feed(browse(path, tmp_path, "--dump-dom").stdout)
    assert MARKER not in dom.title
    assert "data-pwned" not in next(a for t, a in dom.tags if t == "body")
    assert not [t for t, _ in dom.tags if t in ("script", "img", "iframe", "object", "embed")]
    assert not [a for _, a in dom.tags if any(k.startswith("on") for k in a)]
    text = "".join(dom.text)
    assert "Agreement between models" in text
    assert [a.get("data-model") for t, a in dom.tags if t == "tr" and "data-model" in a] == [F16]
    assert sum(1 for t, a in dom.tags if t == "tr" and (a.get("class") or "").startswith("kind-")) == 4
    for payload in PAYLOADS:  # shown as text in the differing rows and their word diffs
        assert payload in text
    assert "1 cell left out of the agreement" in text
