"""The interface language: English (the source strings) or Simplified Chinese.

Chosen from ``--lang``, then the settings file (``language``), then the system
locale. ``python -m desktop.i18n`` re-extracts the strings (pyside6-lupdate) and
compiles the translations (pyside6-lrelease)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from common.resources import resource_dir

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
TRANSLATIONS = resource_dir("translations")
TS_FILE = TRANSLATIONS / "workbench_zh_CN.ts"


def choose_language(explicit: str | None, configured: str | None, system: str | None = None) -> str:
    for lang in (explicit, configured):
        if lang:
            return normalize(lang)
    system = system or QLocale.system().name()
    return "zh_CN" if system.lower().startswith("zh") else "en"


def normalize(lang: str) -> str:
    low = lang.replace("-", "_").lower()
    if low.startswith("zh"):
        return "zh_CN"
    return "en"


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Install ours and Qt's own (standard buttons, dialogs); return them (keep a reference)."""
    if lang == "en":
        return []
    out: list[QTranslator] = []
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        out.append(qt)
    ours = QTranslator(app)
    if ours.load(f"workbench_{lang}", str(TRANSLATIONS)):
        app.installTranslator(ours)
        out.append(ours)
    return out


def update_translations() -> int:
    """Extract strings from desktop/*.py (and the engine's marked messages, context
    ``engine``) into the .ts file, then compile the .qm."""
    from desktop.engine_i18n import write_engine_strings

    write_engine_strings()  # the engine's _("...") marks, as strings lupdate reads
    bin_dir = Path(sys.executable).parent
    sources = sorted(str(p) for p in Path(__file__).parent.glob("*.py"))
    subprocess.run([str(bin_dir / "pyside6-lupdate"), *sources, "-ts", str(TS_FILE), "-no-obsolete"], check=True)
    subprocess.run([str(bin_dir / "pyside6-lrelease"), str(TS_FILE)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(update_translations())
