"""Composing an experiment in the window: templates (from the library) or raw prompts,
models with their backend, parameter sets, a dataset with its expected column and a
row limit, repeats and assertions. It shows the number of cells and an estimated time,
and saves the same YAML the CLI runs (``experiments/fileformat.py``); a saved file opens
again into the form.

Raw prompts become small template files written next to the experiment file (the file
format names templates, not prompt text), so ``python main.py batch`` runs them too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from common.errors import ExperimentError, WorkbenchError
from experiments.assertions import ASSERTION_KINDS

BACKENDS = ("llama.cpp", "transformers", "openai")
PARAM_KEYS = ("temperature", "max_tokens", "seed", "top_p", "top_k")
DEFAULT_CELL_S = 2.0  # seconds per cell when the run log knows nothing about the model
# the assertions that need no option beyond the row's expected answer, picked by a tick
SIMPLE_ASSERTIONS = {"equals": {"kind": "equals", "ignore_case": True},
                     "contains": {"kind": "contains", "ignore_case": True},
                     "json": {"kind": "json"},
                     "answer-probability": {"kind": "answer-probability", "value": 0.5}}


def form_cannot_hold(spec: Any, folder: Path) -> list[str]:
    """What of experiment ``spec`` (read from a file in ``folder``) the builder's form has
    no field for, in a few words each; empty when the form can hold all of it."""
    from experiments.fileformat import ExperimentSpec, LoadSettings, TemplateRef

    qt = QCoreApplication
    lost: list[str] = []
    if spec.description:
        lost.append(qt.translate("ExperimentBuilder", "a description"))
    if spec.rows:
        lost.append(qt.translate("ExperimentBuilder", "%1 rows written in the file").replace("%1", str(len(spec.rows))))
    for t in spec.templates:
        if isinstance(t, TemplateRef) and set(t.model_dump(exclude_defaults=True)) - {"ref"}:
            lost.append(qt.translate("ExperimentBuilder", "options of template %1").replace("%1", t.ref))
        ref = t.ref if isinstance(t, TemplateRef) else t
        if ref.endswith((".yaml", ".yml")):
            try:
                body = yaml.safe_load((folder / ref).read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError):
                continue  # open_file says the file cannot be read
            if not isinstance(body, dict) or set(body) - {"name", "prompt", "variables"} or "\n" in str(
                    body.get("prompt", "")):
                lost.append(qt.translate("ExperimentBuilder", "template file %1 (more than a one-line prompt)").replace("%1", ref))
    for m in spec.models:
        if not isinstance(m, str) and set(m.model_dump(exclude_defaults=True)) - {"name", "backend", "base_url"}:
            lost.append(qt.translate("ExperimentBuilder", "options of model %1").replace("%1", m.name))
    for name, ps in spec.params.items():
        extra = set(ps.model_dump(exclude_none=True)) - set(PARAM_KEYS)
        if extra:
            lost.append(qt.translate("ExperimentBuilder", "parameters %1 of set %2").replace("%1", ", ".join(sorted(extra)))
                        .replace("%2", name))
    for a in spec.assertions:
        d = a.model_dump(exclude_defaults=True)
        simple = SIMPLE_ASSERTIONS.get(a.kind)
        if not (simple is not None and {**d, "kind": a.kind} == simple) and not (
                a.kind == "regex" and set(d) <= {"kind", "pattern"}):
            lost.append(qt.translate("ExperimentBuilder", "assertion %1 with its options").replace("%1", a.kind))
    if spec.dataset is not None and set(spec.dataset.model_dump(exclude_defaults=True)) - {"path", "expected", "limit"}:
        lost.append(qt.translate("ExperimentBuilder", "dataset columns"))
    defaults = ExperimentSpec.model_fields
    if spec.load != LoadSettings():
        lost.append(qt.translate("ExperimentBuilder", "load settings"))
    if spec.policy:
        lost.append(qt.translate("ExperimentBuilder", "a guard policy"))
    if spec.max_cells != defaults["max_cells"].default:
        lost.append(qt.translate("ExperimentBuilder", "max_cells"))
    if spec.baseline:
        lost.append(qt.translate("ExperimentBuilder", "a baseline"))
    return list(dict.fromkeys(lost))


def human_duration(seconds: float) -> str:
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s // 60 % 60:02d} min"


def _num(text: str) -> int | float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return float(text)


def _slug(text: str, fallback: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_-]+", "-", text.strip()).strip("-").lower()[:40]
    return s or fallback


def estimate_seconds(store: Any, models: list[str], cells_per_model: int, max_tokens: int | None) -> float:
    """Seconds for the grid: each model's mean run time in the run log (or, where the log
    has none, ``max_tokens`` at its decode speed, else ``DEFAULT_CELL_S``)."""
    total = 0.0
    for m in models:
        rows = []
        try:
            rows = store.list_runs(limit=50, model=m, columns=("id", "total_ms", "decode_tps"),
                                   with_snippets=False)
        except (WorkbenchError, TypeError):
            rows = []
        times = [float(r["total_ms"]) / 1000 for r in rows if r.get("total_ms")]
        speeds = [float(r["decode_tps"]) for r in rows if r.get("decode_tps")]
        if times:
            per = sum(times) / len(times)
        elif speeds and max_tokens:
            per = max_tokens / (sum(speeds) / len(speeds))
        else:
            per = DEFAULT_CELL_S
        total += per * cells_per_model
    return total


class ExperimentBuilder(QDialog):
    """The form; ``spec_data()`` is the experiment as the file holds it."""

    saved = Signal(str)  # the path written
    runRequested = Signal(str)  # the path to run
    checked = Signal(int, float)  # cells, estimated seconds (after a successful check)
    problem = Signal(str)  # the plain-words reason a check failed

    def __init__(self, wb: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New experiment"))
        self.setObjectName("experimentBuilder")
        self.wb = wb
        self.path: Path | None = None
        self.cells = 0
        self._check_timer = QTimer(self)  # edits re-check after a pause, not on every keystroke
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(200)
        self._check_timer.timeout.connect(self.check)

        self.name = QLineEdit(self.tr("my experiment"))
        self.templates = QListWidget()
        self.templates.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.prompts = QPlainTextEdit()
        self.prompts.setPlaceholderText(self.tr("Raw prompts, one per line; {{ question }} takes a dataset column"))
        self.prompts.setMaximumHeight(80)
        self.models = QTableWidget(0, 3)
        self.models.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Backend"), self.tr("Server URL")])
        self.models.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.models.verticalHeader().hide()
        self.add_model_button = QPushButton(self.tr("Add model"))
        self.remove_model_button = QPushButton(self.tr("Remove model"))
        self.params = QTableWidget(0, 1 + len(PARAM_KEYS))
        self.params.setHorizontalHeaderLabels([self.tr("Name"), *PARAM_KEYS])
        self.params.verticalHeader().hide()
        self.params.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_params_button = QPushButton(self.tr("Add parameter set"))
        self.remove_params_button = QPushButton(self.tr("Remove parameter set"))
        self.dataset = QLineEdit()
        self.dataset.setPlaceholderText(self.tr("builtin:NAME.csv or a CSV / JSONL / YAML file"))
        self.browse_dataset = QPushButton(self.tr("Browse…"))
        self.expected = QComboBox()
        self.expected.setEditable(True)
        self.limit = QSpinBox()
        self.limit.setRange(0, 100_000)
        self.limit.setSpecialValueText(self.tr("all rows"))
        self.repeats = QSpinBox()
        self.repeats.setRange(1, 100)
        self.assertions: dict[str, QCheckBox] = {}
        self.regex = QLineEdit()
        self.regex.setPlaceholderText(self.tr("regex the answer must match (empty: none)"))
        self.summary = QLabel()
        self.summary.setObjectName("builderSummary")
        self.summary.setWordWrap(True)

        self.open_button = QPushButton(self.tr("Open…"))
        self.save_button = QPushButton(self.tr("Save…"))
        self.run_button = QPushButton(self.tr("Save and run"))
        self.close_button = QPushButton(self.tr("Close"))

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        tbox = QGroupBox(self.tr("Templates or raw prompts"))
        tl = QVBoxLayout(tbox)
        tl.addWidget(self.templates, 1)
        tl.addWidget(self.prompts)
        mbox = _table_box(self.tr("Models"), self.models, self.add_model_button, self.remove_model_button)
        pbox = _table_box(self.tr("Parameter sets"), self.params, self.add_params_button, self.remove_params_button)
        dbox = QGroupBox(self.tr("Dataset"))
        dl = QFormLayout(dbox)
        row = QHBoxLayout()
        row.addWidget(self.dataset, 1)
        row.addWidget(self.browse_dataset)
        dl.addRow(self.tr("File"), row)
        dl.addRow(self.tr("Expected column"), self.expected)
        dl.addRow(self.tr("Row limit"), self.limit)
        dl.addRow(self.tr("Repeats"), self.repeats)
        abox = QGroupBox(self.tr("Assertions"))
        al = QVBoxLayout(abox)
        for kind in ASSERTION_KINDS:
            if kind in SIMPLE_ASSERTIONS:
                labels = {"json": self.tr("the answer is valid JSON"),
                          "answer-probability": self.tr("P(expected answer) is at least 0.5 (choice constraint)")}
                box = QCheckBox(labels.get(kind) or self.tr("%1 (against the expected column)").replace("%1", kind))
                self.assertions[kind] = box
                al.addWidget(box)
        al.addWidget(self.regex)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(tbox, 1)
        left.addWidget(dbox)
        right = QVBoxLayout()
        right.addWidget(mbox, 1)
        right.addWidget(pbox, 1)
        right.addWidget(abox)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.summary, 1)
        for b in (self.save_button, self.run_button, self.close_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(body, 1)
        lay.addLayout(buttons)
        self.resize(1000, 640)

        self._fill_templates()
        self.add_model()
        self.add_param_set()
        self.add_model_button.clicked.connect(lambda: self.add_model())
        self.remove_model_button.clicked.connect(lambda: self._remove_row(self.models))
        self.add_params_button.clicked.connect(lambda: self.add_param_set())
        self.remove_params_button.clicked.connect(lambda: self._remove_row(self.params))
        self.browse_dataset.clicked.connect(self._pick_dataset)
        self.dataset.editingFinished.connect(self._dataset_changed)
        self.open_button.clicked.connect(self._pick_open)
        self.save_button.clicked.connect(self._pick_save)
        self.run_button.clicked.connect(self._save_and_run)
        self.close_button.clicked.connect(self.close)
        for sig in (self.templates.itemChanged, self.prompts.textChanged, self.models.itemChanged,
                    self.params.itemChanged, self.limit.valueChanged, self.repeats.valueChanged):
            sig.connect(lambda *_: self._check_timer.start())
        self.check()

    # -- the parts ---------------------------------------------------------------
    def library(self) -> Any:
        from prompt_library import TemplateLibrary

        return TemplateLibrary(user_dir=self.wb.engine.home / "templates", labels=self.wb.engine.store)

    def _fill_templates(self) -> None:
        self.templates.clear()
        for info in self.library().list():
            if info.error:
                continue
            item = QListWidgetItem(f"{info.name}  —  {info.title or info.pattern}")
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.templates.addItem(item)

    def set_templates(self, names: list[str]) -> None:
        for i in range(self.templates.count()):
            item = self.templates.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in names
                               else Qt.CheckState.Unchecked)

    def chosen_templates(self) -> list[str]:
        return [self.templates.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.templates.count())
                if self.templates.item(i).checkState() == Qt.CheckState.Checked]

    def raw_prompts(self) -> list[str]:
        return [p.strip() for p in self.prompts.toPlainText().splitlines() if p.strip()]

    def add_model(self, name: str | None = None, backend: str = "llama.cpp", base_url: str = "") -> None:
        r = self.models.rowCount()
        self.models.insertRow(r)
        combo = QComboBox()
        combo.setEditable(True)
        for m in self.wb.models:
            combo.addItem(m.name)
        if name is None:
            name = self.wb.selected or (self.wb.models[0].name if self.wb.models else "")
        combo.setCurrentText(name)
        combo.currentTextChanged.connect(lambda *_: self._check_timer.start())
        be = QComboBox()
        be.addItems(BACKENDS)
        be.setCurrentText(backend)
        be.currentTextChanged.connect(lambda *_: self._check_timer.start())
        self.models.setCellWidget(r, 0, combo)
        self.models.setCellWidget(r, 1, be)
        self.models.setItem(r, 2, QTableWidgetItem(base_url))

    def add_param_set(self, name: str | None = None, values: dict[str, Any] | None = None) -> None:
        values = values if values is not None else {"temperature": 0, "max_tokens": 16, "seed": 1}
        r = self.params.rowCount()
        self.params.blockSignals(True)
        self.params.insertRow(r)
        self.params.setItem(r, 0, QTableWidgetItem(name or ("default" if r == 0 else f"set{r + 1}")))
        for c, key in enumerate(PARAM_KEYS, start=1):
            v = values.get(key)
            self.params.setItem(r, c, QTableWidgetItem("" if v is None else str(v)))
        self.params.blockSignals(False)
        self._check_timer.start()

    def _remove_row(self, table: QTableWidget) -> None:
        r = table.currentRow() if table.currentRow() >= 0 else table.rowCount() - 1
        if r >= 0:
            table.removeRow(r)
            self._check_timer.start()

    def set_dataset(self, path: str, expected: str | None = None, limit: int | None = None) -> None:
        self.dataset.setText(path)
        self._dataset_changed()
        if expected is not None:
            self.expected.setCurrentText(expected)
        self.limit.setValue(limit or 0)
        self._check_timer.start()

    def _dataset_path(self, text: str) -> Path:
        from prompt_library.datasets import BUILTIN_DATASETS

        if text.startswith("builtin:"):
            return BUILTIN_DATASETS / text.removeprefix("builtin:")
        p = Path(text).expanduser()
        return p if p.is_absolute() or self.path is None else self.path.parent / p

    def _dataset_changed(self) -> None:
        from prompt_library import load_dataset

        text = self.dataset.text().strip()
        keep = self.expected.currentText()
        self.expected.clear()
        self.expected.addItem("")
        if text:
            try:
                ds = load_dataset(self._dataset_path(text), limit=1)
                self.expected.addItems(list(ds.columns))
            except WorkbenchError:
                pass  # check() says why
        self.expected.setCurrentText(keep)
        self._check_timer.start()

    def _pick_dataset(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a dataset"), str(Path.home()),
                                              self.tr("Datasets (*.csv *.jsonl *.yaml *.yml)"))
        if path:
            self.set_dataset(path)

    # -- the file ----------------------------------------------------------------
    def spec_data(self, folder: Path | None = None) -> dict[str, Any]:
        """The experiment as the file holds it; raw prompts name the template files
        :meth:`save` writes next to it."""
        data: dict[str, Any] = {"name": self.name.text().strip()}
        templates: list[Any] = list(self.chosen_templates())
        templates += [f"prompt-{i + 1}.yaml" for i in range(len(self.raw_prompts()))]
        data["templates"] = templates
        ds = self.dataset.text().strip()
        if ds:
            d: dict[str, Any] = {"path": ds}
            if self.limit.value():
                d["limit"] = self.limit.value()
            if self.expected.currentText().strip():
                d["expected"] = self.expected.currentText().strip()
            data["dataset"] = d
        models: list[Any] = []
        for r in range(self.models.rowCount()):
            name = self.models.cellWidget(r, 0).currentText().strip()
            backend = self.models.cellWidget(r, 1).currentText()
            url = (self.models.item(r, 2).text() if self.models.item(r, 2) else "").strip()
            if not name:
                continue
            if backend == "llama.cpp" and not url:
                models.append(name)
            else:
                m: dict[str, Any] = {"name": name, "backend": backend}
                if url:
                    m["base_url"] = url
                models.append(m)
        data["models"] = models
        params: dict[str, Any] = {}
        for r in range(self.params.rowCount()):
            name = (self.params.item(r, 0).text() if self.params.item(r, 0) else "").strip() or f"set{r + 1}"
            values: dict[str, Any] = {}
            for c, key in enumerate(PARAM_KEYS, start=1):
                item = self.params.item(r, c)
                try:
                    v = _num(item.text()) if item else None
                except ValueError:
                    raise ExperimentError(self.tr("Parameter set %1: %2 must be a number, got %3")
                                          .replace("%1", name).replace("%2", key)
                                          .replace("%3", repr(item.text()))) from None
                if v is not None:
                    values[key] = v
            params[name] = values
        if params:
            data["params"] = params
        if self.repeats.value() != 1:
            data["repeats"] = self.repeats.value()
        assertions = [dict(SIMPLE_ASSERTIONS[k]) for k, box in self.assertions.items() if box.isChecked()]
        if self.regex.text().strip():
            assertions.append({"kind": "regex", "pattern": self.regex.text().strip()})
        if assertions:
            data["assertions"] = assertions
        return data

    def yaml_text(self) -> str:
        return yaml.safe_dump(self.spec_data(), sort_keys=False, allow_unicode=True)

    def _prompt_files(self, folder: Path) -> dict[Path, str]:
        out = {}
        for i, text in enumerate(self.raw_prompts()):
            body = {"name": f"prompt-{i + 1}", "prompt": text}
            names = sorted(set(re.findall(r"{{\s*([A-Za-z_]\w*)\s*}}", text)))
            if names:
                body["variables"] = [{"name": n} for n in names]
            out[folder / f"prompt-{i + 1}.yaml"] = yaml.safe_dump(body, sort_keys=False, allow_unicode=True)
        return out

    def load_resolved(self, folder: Path | None = None) -> Any:
        """The experiment resolved as ``python main.py batch`` would (raises ExperimentError)."""
        import tempfile

        from experiments.fileformat import parse_experiment
        from experiments.loading import load_experiment

        text = self.yaml_text()
        spec = parse_experiment(text, label=self.name.text().strip() or "experiment")
        folder = folder or (self.path.parent if self.path else None)
        with tempfile.TemporaryDirectory() as tmp:
            where = Path(tmp)
            for p, body in self._prompt_files(where).items():
                p.write_text(body, encoding="utf-8")
            if folder is not None and self.dataset.text().strip() and not self.dataset.text().startswith("builtin:"):
                # a relative dataset path is relative to the experiment file
                ds = self._dataset_path(self.dataset.text().strip())
                spec = spec.model_copy(update={"dataset": spec.dataset.model_copy(update={"path": str(ds)})})
            return load_experiment(spec, library=self.library(), resolve_model=self.wb.engine.registry.resolve,
                                   default_model=self.wb.engine.settings.default_model, base_dir=where)

    def check(self) -> bool:
        """Count the cells and estimate the time; say in plain words what is wrong."""
        self._check_timer.stop()
        try:
            if not self.chosen_templates() and not self.raw_prompts():
                raise ExperimentError(self.tr("Pick at least one template or write a raw prompt."))
            if self.models.rowCount() == 0:
                raise ExperimentError(self.tr("Add at least one model."))
            if self.params.rowCount() == 0:
                raise ExperimentError(self.tr("Add at least one parameter set."))
            exp = self.load_resolved()
        except WorkbenchError as exc:
            self.cells = 0
            msg = str(exc)
            self.summary.setText(self.tr("Cannot run yet: %1").replace("%1", msg))
            self.summary.setToolTip(msg)
            self.run_button.setEnabled(False)
            self.problem.emit(msg)
            return False
        self.cells = exp.n_cells
        per_model = exp.n_cells // max(1, len(exp.models))
        max_tokens = max((ps.max_tokens or 0 for _n, ps in exp.params), default=0) or None
        secs = estimate_seconds(self.wb.engine.store, [m.name for m in exp.models], per_model, max_tokens)
        self.summary.setText(self.tr("%1 cells · about %2").replace("%1", f"{exp.n_cells:,}")
                             .replace("%2", human_duration(secs)))
        self.summary.setToolTip("")
        self.run_button.setEnabled(True)
        self.checked.emit(exp.n_cells, secs)
        return True

    def save(self, path: str | Path) -> Path:
        """Write the experiment (and its raw prompts' template files)."""
        p = Path(path)
        if p.suffix.lower() not in (".yaml", ".yml"):
            p = p.with_suffix(".yaml")
        text = self.yaml_text()
        try:
            for tp, body in self._prompt_files(p.parent).items():
                tp.write_text(body, encoding="utf-8")
            p.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ExperimentError(self.tr("Could not save %1: %2").replace("%1", str(p))
                                  .replace("%2", exc.strerror or str(exc))) from None
        self.path = p
        self.saved.emit(str(p))
        return p

    def open_file(self, path: str | Path) -> None:
        """Fill the form from an experiment file (raises ExperimentError)."""
        from experiments.fileformat import TemplateRef, read_experiment

        p = Path(path)
        spec = read_experiment(p)
        lost = form_cannot_hold(spec, p.parent)
        if lost:  # filling the form would drop them, and Save would write the file without them
            raise ExperimentError(self.tr("%1 has parts this form cannot show (%2); saving it from here would lose "
                                          "them. Run it with Open experiment file…, or edit the file itself.")
                                  .replace("%1", p.name).replace("%2", "; ".join(lost)))
        self.path = p
        self.name.setText(spec.name)
        names, prompts = [], []
        for t in spec.templates:
            ref = t.ref if isinstance(t, TemplateRef) else t
            if ref.endswith((".yaml", ".yml")):
                try:
                    body = yaml.safe_load((p.parent / ref).read_text(encoding="utf-8"))
                    prompts.append(str(body.get("prompt", "")).replace("\n", " "))
                except (OSError, yaml.YAMLError, AttributeError):
                    raise ExperimentError(self.tr("%1: the template file %2 cannot be read")
                                          .replace("%1", p.name).replace("%2", ref)) from None
            else:
                names.append(ref)
        self.set_templates(names)
        self.prompts.setPlainText("\n".join(prompts))
        self.models.setRowCount(0)
        for m in spec.model_refs():
            self.add_model(m.name, m.backend, m.base_url or "")
        self.params.setRowCount(0)
        for name, ps in spec.params.items():
            self.add_param_set(name, ps.model_dump(exclude_none=True))
        self.repeats.setValue(spec.repeats)
        for box in self.assertions.values():
            box.setChecked(False)
        self.regex.clear()
        for a in spec.assertions:
            if a.kind in self.assertions:
                self.assertions[a.kind].setChecked(True)
            elif a.kind == "regex":
                self.regex.setText(a.pattern)
        if spec.dataset is not None:
            self.set_dataset(spec.dataset.path, spec.dataset.expected, spec.dataset.limit)
        else:
            self.set_dataset("")
        self.check()

    def _pick_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open an experiment"), str(Path.home()),
                                              self.tr("Experiment files (*.yaml *.yml)"))
        if path:
            try:
                self.open_file(path)
            except WorkbenchError as exc:
                self.summary.setText(str(exc))
                self.problem.emit(str(exc))

    def _pick_save(self) -> Path | None:
        start = str(self.path or Path.home() / f"{_slug(self.name.text(), 'experiment')}.yaml")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the experiment"), start,
                                              self.tr("Experiment files (*.yaml *.yml)"))
        if not path:
            return None
        try:
            return self.save(path)
        except WorkbenchError as exc:
            self.summary.setText(str(exc))
            self.problem.emit(str(exc))
            return None

    def _save_and_run(self) -> None:
        if not self.check():
            return
        p = self.save(self.path) if self.path else self._pick_save()
        if p is not None:
            self.runRequested.emit(str(p))


def _table_box(title: str, table: QWidget, add: QPushButton, remove: QPushButton) -> QGroupBox:
    """A titled box: the table, and its Add / Remove buttons under it."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(table, 1)
    buttons = QHBoxLayout()
    buttons.addWidget(add)
    buttons.addWidget(remove)
    buttons.addStretch(1)
    layout.addLayout(buttons)
    return box
