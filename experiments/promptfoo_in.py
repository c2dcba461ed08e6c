"""Import a promptfoo config (``promptfooconfig.yaml``) as an experiment file, its
templates and, where the tests carry no assertions of their own, a dataset file.

What maps: inline and ``file://`` prompts (a prompts file holds several prompts
separated by a line ``---``), inline tests and ``file://`` CSV / YAML / JSON tests
(``__expected``, ``__expected1..n``, ``__description``, ``__metadata:*`` with
``[]`` lists), ``defaultTest`` (its assertions run on every cell, its vars are
defaults), vars that hold lists (promptfoo runs every combination), ``$ref`` into
the config (``assertionTemplates``), and the assertion types we can run locally
(:data:`PORTABLE`), their ``not-`` variants included. promptfoo's nunjucks ``load``
filter becomes our sandbox's ``fromjson``.

A provider that is a llama.cpp or OpenAI-compatible server becomes an ``openai``
model entry at its URL; any other provider becomes the model the person picks
(``model=``, else the default model). What cannot be ported (JavaScript, Python,
embeddings, model-graded rubrics, transforms) is left out and reported one line
each in :attr:`PromptfooImport.skipped`; with ``judge=MODEL`` the rubric types become
our ``judge`` assertion. Everything is built and validated in memory; files are
written only by :meth:`PromptfooImport.write`, all or nothing.

Longer than ~400 lines: the config walk (prompts, tests, defaultTest, vars, $ref, providers)
is one pass whose parts share its state; the assertion mapping is in promptfoo_rules.py.
"""

from __future__ import annotations

from common.i18n import _

import csv
import io
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common.errors import ExperimentError, WorkbenchError
from common.files import write_new_folder
from experiments.promptfoo_rules import (
    KNOWN_TYPES, NOT_PORTABLE, PARAM_KEYS, PORTABLE, RUBRIC_TYPES, SERVER_PROVIDERS, chat_messages, csv_assertion, fill,
    load_yaml, scalar, slug, split_unescaped, undeclared,
)
from prompt_library import yamlio

MAX_CONFIG_BYTES = 5_000_000
MAX_TESTS = 10_000



@dataclass
class PromptfooImport:
    """A converted config, nothing written yet. ``prompts`` and ``tests`` are promptfoo's
    (one template per prompt, one grid row per test); ``experiment`` is our file's data."""

    source: Path
    name: str
    prompts: list[str]
    templates: dict[str, dict[str, Any]]  # file name under templates/ -> template data
    tests: list[dict[str, Any]]  # each {vars, assertions}
    providers: list[str]
    experiment: dict[str, Any]
    dataset: list[dict[str, Any]] | None = None  # rows of tests.csv, when the tests carry no assertions
    skipped: list[str] = field(default_factory=list)  # one line per part left out or approximated

    @property
    def cells_per_model(self) -> int:
        return len(self.prompts) * len(self.tests)

    def files(self) -> dict[str, str]:
        """Relative path -> text of every file :meth:`write` creates."""
        out = {"experiment.yaml": _header(self) + yamlio.dump(self.experiment)}
        for fname, data in self.templates.items():
            out[f"templates/{fname}"] = yamlio.dump(data)
        if self.dataset is not None:
            buf = io.StringIO(newline="")
            cols = list(dict.fromkeys(k for row in self.dataset for k in row))
            w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            w.writerows(self.dataset)
            out["tests.csv"] = buf.getvalue()
        return out

    def write(self, out_dir: str | Path) -> Path:
        """Write every file into ``out_dir`` (created; refused if it holds files), all or nothing."""
        target = write_new_folder(out_dir, self.files(), ExperimentError)
        return target / "experiment.yaml"


def import_promptfoo(path: str | Path, *, model: str | None = None, judge: str | None = None,
                     config: Any = None) -> PromptfooImport:
    """Convert the promptfoo config at ``path``; raise ExperimentError (one line) for bad input.

    ``model``: the model for providers that are not a local server; ``judge``: a model for
    the rubric assertions (without it they are left out and reported); ``config``: the file
    already read (:func:`promptfoo_config`), so it is not read again."""
    src = Path(path).expanduser().resolve()
    cfg = config if config is not None else _read_config(src)
    if not isinstance(cfg, dict):
        raise ExperimentError(_('{name}: not a promptfoo config (expected a mapping with prompts and tests)').format(name=src.name),
                              path=str(src))
    return _Importer(cfg, src, model=model, judge=judge).run()


def _read_config(src: Path) -> Any:
    return load_yaml(yamlio.read_utf8(src, ExperimentError, max_bytes=MAX_CONFIG_BYTES), src.name, str(src))


def promptfoo_config(path: str | Path) -> dict[str, Any] | None:
    """The YAML file at ``path`` read, when it is a promptfoo config rather than an
    experiment file (a mapping with promptfoo's ``prompts`` and not our ``templates``);
    None otherwise, or when it cannot be read (the experiment loader then says why)."""
    try:
        cfg = _read_config(Path(path).expanduser().resolve())
    except WorkbenchError:
        return None
    return cfg if isinstance(cfg, dict) and "prompts" in cfg and "templates" not in cfg else None


def _header(imp: PromptfooImport) -> str:
    lines = [f"# Imported from the promptfoo config {imp.source}",
             f"# {len(imp.prompts)} prompts x {len(imp.tests)} tests per model."]
    if imp.skipped:
        lines.append("# Not ported (left out or approximated):")
        lines += [f"#   - {s}" for s in imp.skipped]
    return "\n".join(lines) + "\n"


class _Importer:
    def __init__(self, cfg: dict[str, Any], src: Path, *, model: str | None, judge: str | None):
        self.cfg, self.src, self.base = cfg, src, src.parent
        self.label = src.name
        self.model, self.judge = model, judge
        self.skipped: list[str] = []

    def fail(self, msg: str) -> ExperimentError:
        return ExperimentError(f"{self.label}: {msg}", path=str(self.src))

    def note(self, msg: str) -> None:
        if msg not in self.skipped:
            self.skipped.append(msg)

    # --- files -----------------------------------------------------------------------
    def _file(self, ref: str, what: str) -> Path:
        rel = ref[len("file://"):] if ref.startswith("file://") else ref
        if ":" in Path(rel).name and Path(rel).suffix.split(":")[0] in (".js", ".py", ".ts", ".mjs", ".cjs"):
            raise self.fail(f"{what} {ref} is code (a function in a .js/.py file); not portable")
        p = (self.base / rel).expanduser()
        if any(ch in rel for ch in "*?["):
            raise self.fail(f"{what} {ref}: globs are not supported; list the files")
        if not p.is_file():
            raise self.fail(f"{what} file not found: {p}")
        return p

    def _read(self, p: Path) -> str:
        return yamlio.read_utf8(p, ExperimentError, max_bytes=MAX_CONFIG_BYTES)

    # --- the whole config ------------------------------------------------------------
    def run(self) -> PromptfooImport:
        cfg = self.cfg
        for key in ("scenarios", "nunjucksFilters", "derivedMetrics", "extensions", "outputPath"):
            if cfg.get(key):
                self.note(f"{key}: left out")
        prompts = self.prompts()
        if not prompts:
            raise self.fail("no prompts")
        default = cfg.get("defaultTest") or {}
        if isinstance(default, str):
            raise self.fail("defaultTest from a file is not supported; write it in the config")
        if not isinstance(default, dict):
            raise self.fail("defaultTest must be a mapping")
        tests = self.tests(default)
        if not tests:
            raise self.fail("no tests (promptfoo would run each prompt once with no vars; add a test)")
        if len(tests) > MAX_TESTS:
            raise self.fail(f"{len(tests):,} tests is over the limit of {MAX_TESTS:,}")
        global_asserts = self.assertions(default.get("assert") or [], "defaultTest", None)
        if (default.get("options") or {}).get("transform"):
            self.note("defaultTest.options.transform: JavaScript; not ported")

        name = str(cfg.get("description") or self.src.parent.name or "promptfoo").strip().splitlines()[0]
        base = slug(self.src.parent.name if self.src.parent.name else name)
        models, params, providers = self.providers()
        mode = "completion" if any(isinstance(m, dict) and m.get("_raw") for m in models) else "chat"
        models = [{k: v for k, v in m.items() if k != "_raw"} if isinstance(m, dict) else m for m in models]

        all_vars = list(dict.fromkeys(k for t in tests for k in t["vars"] if not k.startswith("__")))
        templates: dict[str, dict[str, Any]] = {}
        refs = []
        for i, text in enumerate(prompts):
            body = re.sub(r"\|\s*load\b", "| fromjson", text)
            if body != text:
                self.note(f"prompt {i + 1}: nunjucks filter 'load' became our 'fromjson'")
            parsed = undeclared(body)
            used = parsed if parsed is not None else [
                v for v in all_vars if re.search(r"\{\{[^}]*\b" + re.escape(v) + r"\b", body)]
            fname = f"{base}-p{i + 1}.yaml"
            data: dict[str, Any] = {"name": f"{base}-p{i + 1}", "description": f"promptfoo prompt {i + 1} of "
                                    f"{self.src.parent.name}/{self.src.name}"}
            if mode == "completion":
                data["mode"] = "completion"
            if used:
                data["variables"] = [{"name": v, "default": ""} for v in used]
            chat = chat_messages(body)
            if chat is not None:
                if chat.get("system") is not None:
                    data["system"] = chat["system"]
                if chat.get("examples"):
                    data["examples"] = chat["examples"]
                    data["pattern"] = "few-shot"
                body = chat["prompt"]
            data["prompt"] = body
            templates[fname] = data
            plabel = self.prompt_labels[i]
            refs.append({"ref": f"templates/{fname}", "label": plabel} if plabel else f"templates/{fname}")

        exp: dict[str, Any] = {"name": name}
        if cfg.get("description") and str(cfg["description"]).strip() != name:
            exp["description"] = str(cfg["description"]).strip()
        exp["templates"] = refs
        dataset = None
        if any(t["assertions"] for t in tests):
            exp["rows"] = [{"vars": t["vars"], **({"expected": t["expected"]} if t["expected"] is not None else {}),
                            **({"assertions": t["assertions"]} if t["assertions"] else {})} for t in tests]
        else:
            dataset = [t["vars"] for t in tests]
            exp["dataset"] = {"path": "tests.csv"}
        if models:
            exp["models"] = models
        exp["params"] = params
        if global_asserts:
            exp["assertions"] = global_asserts
        eo = cfg.get("evaluateOptions") or {}
        repeat = eo.get("repeat") if isinstance(eo, dict) else None
        if isinstance(repeat, int) and not isinstance(repeat, bool) and 1 <= repeat <= 100:
            exp["repeats"] = repeat
        elif repeat is not None:
            self.note(f"evaluateOptions.repeat {repeat!r}: not a whole number 1-100; not ported")
        n = len(prompts) * len(tests) * max(1, len(models)) * int(exp.get("repeats", 1))
        if n > 500:
            exp["max_cells"] = n
        imp = PromptfooImport(self.src, name, prompts, templates, tests, providers, exp, dataset, self.skipped)
        self.validate(imp)
        return imp

    def validate(self, imp: PromptfooImport) -> None:
        """The experiment must load: templates compile, rows fit, assertions build."""
        from experiments.fileformat import parse_experiment
        from prompt_library.template import PromptTemplate

        for fname, data in imp.templates.items():
            try:
                PromptTemplate.from_yaml(yamlio.dump(data), label=fname)
            except WorkbenchError as exc:
                raise self.fail(f"prompt {fname}: {exc}") from None
        parse_experiment(imp.files()["experiment.yaml"], label=f"{self.label} (converted)")

    # --- prompts ---------------------------------------------------------------------
    def prompts(self) -> list[str]:
        raw = self.cfg.get("prompts")
        if raw is None:
            raise self.fail("no 'prompts'")
        items = raw if isinstance(raw, list) else [raw]
        if isinstance(raw, dict):  # {file://x: label} (old form)
            items = list(raw)
        out: list[str] = []
        self.prompt_labels: list[str | None] = []
        for i, p in enumerate(items):
            label = None
            if isinstance(p, dict):
                label = p.get("label")
                p = p.get("raw") or p.get("id")
            if not isinstance(p, str):
                raise self.fail(f"prompts.{i}: not a text or file:// reference")
            if p.startswith("file://"):
                f = self._file(p, f"prompts.{i}:")
                text = self._read(f)
                if f.suffix in (".json", ".jsonl", ".yaml", ".yml"):
                    raise self.fail(f"prompts.{i}: chat-message prompt files ({f.suffix}) are not supported yet")
                parts = [s.strip("\n") for s in re.split(r"^---$", text.replace("\r\n", "\n"), flags=re.M)]
                chunks = [s for s in parts if s.strip()]
                out += chunks
                self.prompt_labels += [None] * len(chunks)
            else:
                out.append(p)
                self.prompt_labels.append(str(label) if label else None)
        return out

    # --- providers -------------------------------------------------------------------
    def providers(self) -> tuple[list[Any], dict[str, dict[str, Any]], list[str]]:
        """(model entries, named parameter sets, provider ids). Providers that are one model
        under several settings (every model x every setting) become parameter sets."""
        raw = self.cfg.get("providers", self.cfg.get("targets")) or []
        items = raw if isinstance(raw, list) else [raw]
        pairs: list[tuple[Any, dict[str, Any], str | None]] = []
        names: list[str] = []
        for i, p in enumerate(items):
            if isinstance(p, str):
                pid, conf, plabel = p, {}, None
            elif isinstance(p, dict):
                pid, conf, plabel = str(p.get("id") or ""), p.get("config") or {}, p.get("label")
            else:
                raise self.fail(f"providers.{i}: not a provider id or mapping")
            if not isinstance(conf, dict):
                raise self.fail(f"providers.{i}: config must be a mapping")
            names.append(pid)
            params = {PARAM_KEYS[k]: (list(v) if isinstance(v, list) else v) for k, v in conf.items()
                      if k in PARAM_KEYS}
            setting = None
            if plabel and (m := re.fullmatch(r"(.+) \[([\w.-]{1,40})\]", str(plabel))):
                plabel, setting = m.group(1), m.group(2)
            pairs.append((self._model(pid, conf, plabel), params, setting))
        models = list(dict.fromkeys(json.dumps(m, sort_keys=True) for m, _, _ in pairs))
        settings = list(dict.fromkeys(json.dumps(ps, sort_keys=True) for _, ps, _ in pairs))
        grid = {(json.dumps(m, sort_keys=True), json.dumps(ps, sort_keys=True)) for m, ps, _ in pairs}
        if pairs and len(grid) == len(pairs) == len(models) * len(settings):
            named: dict[str, dict[str, Any]] = {}
            for k in settings:
                label = next((st for _, ps, st in pairs if json.dumps(ps, sort_keys=True) == k and st), None)
                named[label if label and label not in named else ("default" if len(settings) == 1
                                                                    else f"p{len(named) + 1}")] = json.loads(k)
        else:
            first = pairs[0][1] if pairs else {}
            if any(ps != first for _, ps, _ in pairs):
                self.note("providers: their sampling settings differ and are not every model x every setting; "
                          "the first provider's are used for every model")
            named = {"default": first}
        entries = [json.loads(m) for m in models]
        if "null" in models and len(models) > 1:
            self.note("providers without a local model share the default model")
        return [m for m in entries if m is not None], named, names

    def _model(self, pid: str, conf: dict[str, Any], plabel: Any) -> Any:
        """Our model entry for one provider (None: the default model)."""
        url = conf.get("baseUrl") or conf.get("apiBaseUrl") or conf.get("apiHost")
        head = pid.split(":")[0]
        if head in SERVER_PROVIDERS or (head == "openai" and url):
            base = str(url or "http://localhost:8080")
            if not base.startswith(("http://", "https://")):
                base = "http://" + base
            entry: dict[str, Any] = {"name": pid.split(":")[-1] if ":" in pid else str(plabel or head),
                                     "backend": "openai", "base_url": base}
            if plabel:
                entry["label"] = str(plabel)
            if conf.get("apiKeyEnvar"):
                entry["api_key_env"] = str(conf["apiKeyEnvar"])
            entry["_raw"] = head in SERVER_PROVIDERS  # llama.cpp's /completion: raw prompts
            return entry
        if head == "ollama":
            return {"name": pid.split(":")[-1], "backend": "openai", "base_url": str(url or "http://localhost:11434")
                    + "/v1", **({"label": str(plabel)} if plabel else {})}
        self.note(f"provider {pid}: not a local server; runs on "
                  + (f"{self.model}" if self.model else "the default model (choose one with --model)"))
        return self.model

    # --- tests -----------------------------------------------------------------------
    def tests(self, default: dict[str, Any]) -> list[dict[str, Any]]:
        raw = self.cfg.get("tests")
        if raw is None:
            return []
        items = raw if isinstance(raw, list) else [raw]
        tests: list[dict[str, Any]] = []
        for i, t in enumerate(items):
            if isinstance(t, str):
                tests += self._test_file(t, f"tests.{i}" if isinstance(raw, list) else "tests")
            elif isinstance(t, dict):
                tests.append(t)
            else:
                raise self.fail(f"tests.{i}: not a test mapping or file:// reference")
        dvars = default.get("vars") or {}
        if not isinstance(dvars, dict):
            raise self.fail("defaultTest.vars must be a mapping")
        out: list[dict[str, Any]] = []
        for i, t in enumerate(tests):
            where = f"tests.{i}" + (f" ({t['description']})" if t.get("description") else "")
            tv = t.get("vars") or {}
            if isinstance(tv, str):
                raise self.fail(f"{where}: vars from a file are not supported")
            if not isinstance(tv, dict):
                raise self.fail(f"{where}: vars must be a mapping")
            merged = {**dvars, **tv}
            keys = list(merged)
            lists = [merged[k] if isinstance(merged[k], list) else [merged[k]] for k in keys]
            meta = dict(t.get("metadata") or {})
            if (t.get("options") or {}).get("transform"):
                self.note(f"{where}: options.transform ({str(t['options']['transform']).strip()}): JavaScript; "
                          "assertions run on the raw output")
            for combo in itertools.product(*lists):
                values = {k: scalar(v) for k, v in zip(keys, combo)}
                row = dict(values)
                if t.get("description"):
                    row["__description"] = str(t["description"])
                for mk, mv in meta.items():
                    row[f"__metadata:{mk}"] = mv if isinstance(mv, list) else scalar(mv)
                asserts = self.assertions(t.get("assert") or [], where, values)
                equals = [a["expected"] for a in asserts if a["kind"] == "equals" and not a.get("negate")]
                # one positive equals is the row's expected answer (the grid's Expected column, calibration)
                out.append({"vars": row, "assertions": asserts, "expected": equals[0] if len(equals) == 1 else None})
        return out

    def _test_file(self, ref: str, where: str) -> list[dict[str, Any]]:
        p = self._file(ref, f"{where}:")
        text = self._read(p)
        if p.suffix.lower() == ".csv":
            return self._csv_tests(text, p.name)
        if p.suffix.lower() in (".yaml", ".yml", ".json"):
            data = load_yaml(text, p.name, str(p))
            if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
                raise self.fail(f"{p.name}: expected a list of tests")
            return data
        if p.suffix.lower() == ".jsonl":
            rows = []
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except ValueError:
                        raise self.fail(f"{p.name} line {n}: not JSON") from None
            return rows
        raise self.fail(f"{where}: tests file {p.name}: only .csv, .yaml, .json and .jsonl are supported")

    def _csv_tests(self, text: str, fname: str) -> list[dict[str, Any]]:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            rows = list(reader)
        except csv.Error as exc:
            raise self.fail(f"{fname}: not valid CSV ({exc})") from None
        if not rows:
            raise self.fail(f"{fname}: empty")
        header = [h.strip() for h in rows[0]]
        tests = []
        for n, cells in enumerate(rows[1:], 2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise self.fail(f"{fname} line {n}: {len(cells)} cells but {len(header)} columns")
            test: dict[str, Any] = {"vars": {}, "assert": [], "metadata": {}}
            for col, cell in zip(header, cells):
                if col.startswith("__expected"):
                    if cell.strip():
                        test["assert"].append(csv_assertion(cell))
                elif col.startswith("__metadata:"):
                    key = col[len("__metadata:"):]
                    if key.endswith("[]"):
                        test["metadata"][key[:-2]] = split_unescaped(cell)
                    elif cell:
                        test["metadata"][key] = cell
                elif col == "__description":
                    test["description"] = cell
                elif col.startswith("__"):
                    self.note(f"{fname}: column {col}: not ported")
                else:
                    test["vars"][col] = cell
            tests.append(test)
        return tests

    # --- assertions ------------------------------------------------------------------
    def _deref(self, a: dict[str, Any], where: str) -> dict[str, Any]:
        seen: list[str] = []
        while isinstance(a, dict) and "$ref" in a:
            ref = str(a["$ref"])
            if ref in seen:
                raise self.fail(f"{where}: $ref cycle: {' -> '.join(seen + [ref])}")
            seen.append(ref)
            if not ref.startswith("#/"):
                raise self.fail(f"{where}: $ref {ref!r}: only references into this config (#/...) are supported")
            node: Any = self.cfg
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if isinstance(node, dict) and part in node:
                    node = node[part]
                elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                    node = node[int(part)]
                else:
                    raise self.fail(f"{where}: $ref {ref!r} points nowhere")
            a = node
        if not isinstance(a, dict):
            raise self.fail(f"{where}: an assertion must be a mapping with a type")
        return a

    def assertions(self, items: Any, where: str, variables: dict[str, Any] | None) -> list[dict[str, Any]]:
        if not isinstance(items, list):
            raise self.fail(f"{where}: assert must be a list")
        out = []
        for j, a in enumerate(items):
            a = self._deref(a, f"{where}.assert.{j}")
            mapped = self.assertion(a, f"{where}.assert.{j}", variables)
            if mapped is not None:
                out.append(mapped)
        return out

    def assertion(self, a: dict[str, Any], where: str, variables: dict[str, Any] | None) -> dict[str, Any] | None:
        typ = str(a.get("type") or "")
        if typ == "assert-set":
            self.note(f"{where}: assert-set: not ported")
            return None
        negate = typ.startswith("not-")
        base = typ[4:] if negate else typ
        if base not in KNOWN_TYPES:
            raise self.fail(f"{where}: unknown assertion type {typ!r}")
        value = a.get("value")
        if isinstance(value, str) and value.startswith("file://") and base == "is-json":
            value = load_yaml(self._read(self._file(value, f"{where}:")), value, None)
        if a.get("transform"):
            tr = str(a["transform"]).strip()
            if base in PORTABLE and re.fullmatch(r"output(\.\w+)+", tr):
                self.note(f"{where}: {typ} transform {tr}: JavaScript; checked on the whole output instead")
            else:
                self.note(f"{where}: {typ} with transform {tr}: JavaScript; left out")
                return None
        label = a.get("metric")
        out: dict[str, Any] = {}
        if base in RUBRIC_TYPES:
            if not self.judge:
                self.note(f"{where}: {typ}: {NOT_PORTABLE[base]}; left out")
                return None
            out = {"kind": "judge", "rubric": fill(str(value or ""), variables), "model": self.judge,
                   "text": "output"}
        elif base not in PORTABLE:
            shown = (str(value).strip().splitlines() or [""])[0][:60] if value is not None else ""
            self.note(f"{where}: {typ}" + (f" ({shown})" if shown else "") + f": {NOT_PORTABLE[base]}; left out")
            return None
        elif base == "equals":
            exp = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            out = {"kind": "equals", "expected": fill(exp, variables), "text": "output"}
        elif base in ("contains", "icontains", "contains-any", "contains-all", "icontains-any", "icontains-all"):
            if isinstance(value, list):
                values = [fill(str(v), variables) for v in value]
            elif base.endswith(("-any", "-all")) and isinstance(value, str):
                values = [fill(v, variables) for v in split_unescaped(value)]
            else:
                values = [fill(scalar(value), variables)]
            out = {"kind": "contains", "values": values, "text": "output"}
            if base.startswith("i"):
                out["ignore_case"] = True
            if base.endswith("-any"):
                out["require"] = "any"
        elif base == "regex":
            out = {"kind": "regex", "pattern": fill(str(value), variables), "text": "output"}
        elif base == "starts-with":
            out = {"kind": "regex", "pattern": r"\A" + re.escape(fill(str(value), variables)), "text": "output"}
        elif base == "is-json":
            out = {"kind": "json", "text": "output"}
            if isinstance(value, dict):
                out["schema"] = value
        if negate:
            out["negate"] = True
        out["label"] = str(label) if label else typ
        return out


__all__ = ["PromptfooImport", "import_promptfoo"]
