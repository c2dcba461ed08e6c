"""Models: the registry's models with their metadata, load settings (context, threads,
GPU layers) with the CPU-only notice or the VRAM estimate, load/unload, and adding a
GGUF file or a folder of them."""

from __future__ import annotations

from typing import Any

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backends.gguf_info import estimate_memory
from backends.gguf_meta import estimate_gpu_layers
from backends.llama_cpp import physical_cores
from backends.catalog import LoadSettings
from desktop.controller import Workbench
from desktop.textfmt import human_count, human_size


def _esc(text: str) -> str:
    import html

    return html.escape(text)


class ModelsView(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None):
        super().__init__(parent)
        self.wb = workbench
        self.gpu: Any = None
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Architecture"), self.tr("Parameters"), self.tr("Size"),
            self.tr("Quantization"), self.tr("Context"), self.tr("Chat template"), self.tr("Source"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.n_ctx = QSpinBox()
        self.n_ctx.setRange(256, 1_048_576)
        self.n_ctx.setSingleStep(1024)
        self.threads = QSpinBox()
        self.threads.setRange(0, 256)
        self.threads.setSpecialValueText(self.tr("auto (%1 cores)").replace("%1", str(physical_cores())))
        self.gpu_layers = QSpinBox()
        self.gpu_layers.setRange(-1, 999)
        self.gpu_layers.setSpecialValueText(self.tr("all"))
        self.gpu_note = QLabel()
        self.gpu_note.setWordWrap(True)
        self.flash_attn = QCheckBox(self.tr("Flash attention"))
        self.flash_attn.setToolTip(self.tr(
            "llama.cpp's flash attention: on this kind of CPU about 10% faster decoding while the context holds "
            "under 256 tokens, but slower past that (0.78x at 256, 0.71x at 512), and other text for the same "
            "prompt and seed. Every run records it; a rerun loads the model the same way."))
        self.set_settings(self.wb.load_settings)

        self.load_button = QPushButton(self.tr("Load"))
        self.unload_button = QPushButton(self.tr("Unload"))
        self.add_file_button = QPushButton(self.tr("Add GGUF file…"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Take this model off the list (the file stays where it is)"))
        self.reveal_button = QPushButton(self.tr("Reveal"))
        self.reveal_button.setToolTip(self.tr("Show the model file in the file manager"))
        self.cancel_load_button = QPushButton(self.tr("Cancel"))
        self.cancel_load_button.setToolTip(self.tr("Stop loading the model"))
        self.load_bar = QProgressBar()
        self.load_bar.setRange(0, 100)
        self.load_bar.setFormat(self.tr("Loading %p%"))
        self.load_bar.setMaximumWidth(220)
        self.load_bar.hide()
        self.cancel_load_button.hide()
        self.memory = QLabel()
        self.memory.setObjectName("memoryEstimate")
        self.memory.setWordWrap(True)

        settings_box = QGroupBox(self.tr("Load settings"))
        form = QFormLayout(settings_box)
        form.addRow(self.tr("Context size (tokens)"), self.n_ctx)
        form.addRow(self.tr("Threads"), self.threads)
        form.addRow(self.tr("GPU layers"), self.gpu_layers)
        form.addRow("", self.flash_attn)
        form.addRow(self.memory)
        form.addRow(self.gpu_note)
        buttons = QHBoxLayout()
        for b in (self.load_button, self.load_bar, self.cancel_load_button, self.unload_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.add_file_button, self.add_folder_button, self.remove_button, self.reveal_button,
                  self.refresh_button):
            buttons.addWidget(b)

        lower = QWidget()
        low = QHBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        low.addWidget(self.details, 1)
        low.addWidget(settings_box, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("modelsSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([300, 220])
        lay = QVBoxLayout(self)
        lay.addWidget(self.splitter, 1)
        lay.addLayout(buttons)

        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda *_: self.load_selected())
        self.load_button.clicked.connect(self.load_selected)
        self.unload_button.clicked.connect(self.wb.unload)
        self.add_file_button.clicked.connect(self._pick_file)
        self.add_folder_button.clicked.connect(self._pick_folder)
        self.refresh_button.clicked.connect(self.wb.refresh_models)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reveal_button.clicked.connect(self.reveal_selected)
        self.cancel_load_button.clicked.connect(self.wb.cancel_load)
        self.wb.loadProgress.connect(self._load_progress)
        self.wb.loadedChanged.connect(self._loaded_changed)
        for w in (self.n_ctx, self.threads, self.gpu_layers):
            w.valueChanged.connect(self._settings_changed)
        self.flash_attn.toggled.connect(self._settings_changed)
        self.wb.modelsChanged.connect(self._fill)
        self.wb.loadedChanged.connect(self._update_buttons)
        self.wb.gpuProbed.connect(self._gpu_probed)
        self._update_buttons()

    # -- table -------------------------------------------------------------------
    def _fill(self, models: list[Any]) -> None:
        self.table.setRowCount(0)
        yes, no = self.tr("yes"), self.tr("no")
        for m in models:
            i, s = m.info, m.summary()
            r = self.table.rowCount()
            self.table.insertRow(r)
            missing = self.tr("not installed yet") if m.path is None else self.tr("unreadable")
            loaded = self.wb.loaded is not None and self.wb.loaded.name == m.name
            badge = self.tr("loaded")  # outside the f-string, where lupdate finds it
            cells = [
                f"{m.name}  ● {badge}" if loaded else m.name,
                s["architecture"] or missing,
                human_count(s["parameters"]) if i else "—",
                human_size(s["size_bytes"]) if i else "—",
                s["quantization"] or "—",
                str(s["context_length"] or "—"),
                (yes if s["chat_template"] else no) if i else "—",
                self.tr("bundled") if m.source == "bundled" else self.tr("added"),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m.name)
                item.setToolTip(str(m.path or m.description) + (f"\n{m.error}" if m.error else ""))
                self.table.setItem(r, c, item)
            if m.name == self.wb.selected:
                self.table.selectRow(r)
        self._selection_changed()

    def selected_name(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select(self, name: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == name:
                self.table.selectRow(r)
                return

    def _selection_changed(self) -> None:
        m = self.wb.entry(self.selected_name())
        if m is None:
            self.details.setText(self.tr("Select a model."))
        else:
            lines = [f"<b>{m.name}</b>", m.description or "", str(m.path or "")]
            if m.error:
                lines.append(f"<span style='color:#c0392b'>{_esc(m.error)}</span>")
            if m.info is not None:
                lines.append(self.tr("Layers: %1 · GGUF v%2").replace("%1", str(m.info.block_count or "?"))
                             .replace("%2", str(m.info.version)))
            self.details.setText("<br>".join(x for x in lines if x))
        self._update_gpu_note()
        self._update_buttons()

    # -- settings ----------------------------------------------------------------
    def settings(self) -> LoadSettings:
        return LoadSettings(n_ctx=self.n_ctx.value(), n_threads=self.threads.value() or None,
                            gpu_layers=self.gpu_layers.value(), flash_attn=self.flash_attn.isChecked())

    def set_settings(self, s: LoadSettings) -> None:
        self.n_ctx.setValue(s.n_ctx)
        self.threads.setValue(s.n_threads or 0)
        self.gpu_layers.setValue(s.gpu_layers)
        self.flash_attn.setChecked(s.flash_attn)

    def _settings_changed(self) -> None:
        self.wb.load_settings = self.settings()
        self._update_memory()
        self._update_gpu_note()
        self.wb.loadedChanged.emit()

    def _gpu_probed(self, probe: Any) -> None:
        self.gpu = probe
        self._update_gpu_note()

    def memory_estimate(self) -> dict[str, Any] | None:
        m = self.wb.entry(self.selected_name())
        if m is None or m.info is None:
            return None
        gpu = self.gpu is not None and self.gpu.offload_supported
        return estimate_memory(m.info, self.n_ctx.value(), self.gpu_layers.value() if gpu else 0)

    def _update_memory(self) -> None:
        est = self.memory_estimate()
        if est is None:
            self.memory.setText("")
            return
        kv = human_size(est["kv"]) if est["kv"] is not None else self.tr("unknown")
        text = (self.tr("Estimated memory at %1 tokens: RAM %2 (weights %3, KV cache %4)")
                .replace("%1", f"{self.n_ctx.value():,}").replace("%2", human_size(est["ram"]))
                .replace("%3", human_size(est["weights"])).replace("%4", kv))
        if self.gpu is not None and self.gpu.offload_supported:
            text += " · " + self.tr("VRAM %1").replace("%1", human_size(est["vram"]))
        self.memory.setText(text)

    def _update_gpu_note(self) -> None:
        self._update_memory()
        p = self.gpu
        if p is None:
            self.gpu_note.setText(self.tr("Checking for a GPU…"))
            return
        if not p.offload_supported:
            self.gpu_note.setText(self.tr("This llama-cpp-python build is CPU-only: GPU layers are not applied and "
                                          "the model runs on the CPU. Rebuild with `make setup CUDA=1` to use a "
                                          "CUDA GPU."))
            return
        if p.free_vram_bytes is None:
            self.gpu_note.setText(self.tr("GPU offload is available, but the free VRAM is unknown."))
            return
        m = self.wb.entry(self.selected_name())
        text = self.tr("%1: %2 free.").replace("%1", p.name or "GPU").replace("%2", human_size(p.free_vram_bytes))
        if m is not None and m.info is not None:
            fit = estimate_gpu_layers(m.info, p.free_vram_bytes, n_ctx=self.n_ctx.value())
            total = m.info.block_count or 0
            text += " " + self.tr("Estimate: %1 of %2 layers fit.").replace("%1", str(fit)).replace("%2", str(total))
        self.gpu_note.setText(text)

    def _update_buttons(self) -> None:
        busy = self.wb.busy
        m = self.wb.entry(self.selected_name())
        self.load_button.setEnabled(not busy and self.selected_name() is not None)
        self.unload_button.setEnabled(not busy and self.wb.loaded is not None)
        self.remove_button.setEnabled(not busy and m is not None and m.source != "bundled")
        self.reveal_button.setEnabled(m is not None and m.path is not None)

    def _load_progress(self, fraction: float) -> None:
        self.load_bar.setValue(int(round(fraction * 100)))

    def _loaded_changed(self) -> None:
        loading = self.wb.loading
        if loading and self.load_bar.isHidden():
            self.load_bar.setValue(0)
        self.load_bar.setVisible(loading)
        self.cancel_load_button.setVisible(loading)
        if not loading:
            self._mark_loaded()

    def _mark_loaded(self) -> None:
        """The loaded badge follows the loaded model without re-reading the list."""
        name = self.wb.loaded.name if self.wb.loaded is not None else None
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is None:
                continue
            n = item.data(Qt.ItemDataRole.UserRole)
            loaded = self.tr("loaded")  # outside the f-string, where lupdate finds it
            item.setText(f"{n}  ● {loaded}" if n == name else n)

    # -- actions -----------------------------------------------------------------
    def load_selected(self) -> None:
        name = self.selected_name()
        if name:
            self.wb.load(name, self.settings())

    def add_path(self, path: str) -> None:
        self.wb.add_path(path)

    def remove_selected(self) -> None:
        name = self.selected_name()
        if name:
            self.wb.remove_model(name)

    def reveal_selected(self) -> None:
        m = self.wb.entry(self.selected_name())
        if m is not None and m.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(m.path).parent)))

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a GGUF model"), "", self.tr("GGUF models (*.gguf)"))
        if path:
            self.add_path(path)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of GGUF models"))
        if path:
            self.add_path(path)
