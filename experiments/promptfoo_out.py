"""Export an experiment as a promptfoo config (``promptfooconfig.yaml`` + ``tests.csv``), and
a stored experiment's results in the shape of promptfoo's JSON output (``--output x.json``:
``{evalId, results: {version: 3, timestamp, prompts, results, stats}, config}``).

The grid keeps its shape: each template variant is one prompt (the first call its pattern
makes, with ``{{ var }}`` left for promptfoo to fill; a chat is a JSON list of messages),
each row one test (a CSV row: its values, and per row assertions as ``__expectedN``
cells), each (model, parameter set) one provider, ``repeats`` promptfoo's
``evaluateOptions.repeat``. Assertions that do not depend on the row go to
``defaultTest``. promptfoo cannot load a .gguf in process, so a local model becomes the
``openai:chat`` provider of a llama.cpp server at localhost:8080 serving that model; an
OpenAI-compatible server stays one. What has no promptfoo form is listed in ``skipped``.
"""

from __future__ import annotations

from common.i18n import _

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common.errors import ExperimentError, TemplateError
from common.files import write_new_folder
from prompt_library import yamlio

_CASE = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass
class ExportFiles:
    """Relative path -> text, written all or nothing by :meth:`write`."""

    files: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def __setitem__(self, rel: str, text: str) -> None:
        self.files[rel] = text

    def __getitem__(self, rel: str) -> str:
        return self.files[rel]

    def names(self) -> list[str]:
        return list(self.files)

    def write(self, out_dir: str | Path) -> Path:
        target = write_new_folder(out_dir, self.files, ExperimentError)
        return target / "promptfooconfig.yaml"


def export_experiment(path_or_exp: Any, *, library: Any) -> ExportFiles:
    """The promptfoo files for an experiment file (or a loaded :class:`Experiment`)."""
    from experiments.loading import Experiment, load_experiment

    exp = path_or_exp if isinstance(path_or_exp, Experiment) else load_experiment(path_or_exp, library=library)
    out = ExportFiles()
    prompts = [{"label": v.label, "raw": _prompt(v.template, out.skipped)} for v in exp.variants]
    providers = [_provider(m, pname, ps, len(exp.params) > 1, out.skipped) for m in exp.models
                 for pname, ps in exp.params]
    globals_, per_row_specs = [], []
    for a in exp.spec.assertions:
        (per_row_specs if _row_dependent(a) else globals_).append(a)
    default_asserts = [d for a in globals_ if (d := _yaml_assert(a, exp.rows[0], out.skipped)) is not None]

    rows = []
    for row in exp.rows:
        cells = {str(k): _cell(v) for k, v in row.values.items()}
        n = 0
        for a in (*per_row_specs, *row.assertions):
            text = _csv_assert(a, row, out.skipped)
            if text is not None:
                n += 1
                cells[f"__expected{n}"] = text
        rows.append(cells)
    cols = list(dict.fromkeys(k for r in rows for k in r))
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)

    cfg: dict[str, Any] = {"description": exp.spec.name, "prompts": prompts, "providers": providers}
    if default_asserts:
        cfg["defaultTest"] = {"assert": default_asserts}
    cfg["tests"] = "file://tests.csv"
    if exp.spec.repeats > 1:
        cfg["evaluateOptions"] = {"repeat": exp.spec.repeats}
    head = ("# yaml-language-server: $schema=https://promptfoo.dev/config-schema.json\n"
            f"# Exported from the workbench experiment {exp.source or exp.spec.name}\n")
    if out.skipped:
        head += "# Not exported:\n" + "".join(f"#   - {s}\n" for s in out.skipped)
    out["promptfooconfig.yaml"] = head + yamlio.dump(cfg)
    out["tests.csv"] = buf.getvalue()
    return out


def _cell(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else str(v)


def _prompt(t: Any, skipped: list[str]) -> str:
    """The first call of the template's pattern with ``{{ var }}`` placeholders left in."""
    from prompt_library.patterns import render

    placeholders = {v.name: "{{" + v.name + "}}" for v in t.variables}
    if t.pattern.name not in ("zero-shot", "few-shot"):
        skipped.append(f"template {t.name}: pattern {t.pattern.name} makes several calls; only its first prompt")
    try:
        rendered = render(t, placeholders)
    except TemplateError as exc:  # a typed variable refuses the placeholder: the raw Jinja field
        skipped.append(f"template {t.name}: exported as its Jinja source ({exc})")
        rendered = t.spec.prompt
    if isinstance(rendered, str):
        return rendered
    if len(rendered) == 1 and rendered[0].role == "user":
        return rendered[0].content
    return json.dumps([{"role": m.role, "content": m.content} for m in rendered], ensure_ascii=False, indent=2)


def _provider(m: Any, pname: str, ps: Any, several: bool, skipped: list[str]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for key in ("temperature", "top_p", "top_k", "max_tokens", "seed", "stop", "repeat_penalty"):
        v = getattr(ps, key)
        if v is not None:
            config[key] = list(v) if key == "stop" else v
    if ps.min_p is not None:
        skipped.append(f"params {pname}: min_p has no promptfoo setting")
    label = f"{m.key} [{pname}]" if several else m.key
    if m.backend == "openai":
        base = (m.base_url or "").rstrip("/")
        if not re.search(r"://[^/]+/.+", base):
            base += "/v1"
        config["apiBaseUrl"] = base
        if m.api_key_env:
            config["apiKeyEnvar"] = m.api_key_env
        return {"id": f"openai:chat:{m.name}", "label": label, "config": config}
    config["apiBaseUrl"] = "http://localhost:8080/v1"
    note = (_('model {key}: promptfoo cannot load it in process; serve it with llama-server at localhost:8080 (OpenAI-compatible chat)').format(key=m.key))
    if note not in skipped:
        skipped.append(note)
    return {"id": f"openai:chat:{m.name}", "label": label, "config": config}


def _row_dependent(a: Any) -> bool:
    if a.kind == "equals":
        return a.expected is None
    if a.kind == "contains":
        return a.values is None
    if a.kind == "numeric":
        return a.expected is None
    if a.kind == "judge":
        return "{expected}" in a.rubric
    if a.kind == "answer-probability":
        return a.expected is None
    return False


def _iregex(text: str) -> str:
    """A case-insensitive literal as a JavaScript-and-Python regex (promptfoo's regex has no flags)."""
    out = []
    for ch in text:
        if _CASE.match(ch) and ch.lower() != ch.upper():
            out.append(f"[{ch.lower()}{ch.upper()}]")
        elif ch.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return re.sub(r"(\\s\+)+", r"\\s+", "".join(out))


def _pf(a: Any, row: Any, skipped: list[str]) -> tuple[str, Any] | None:
    """(promptfoo type, value) for one of our assertions on ``row``, or None (reported)."""
    from experiments.assertions import assertion_config

    try:
        name, c = assertion_config(a, row)
    except ExperimentError as exc:
        skipped.append(f"assertion {a.label or a.kind} on row {row.index + 1}: {exc}")
        return None
    typ: str
    value: Any
    if name == "equals":
        if c["ignore_case"]:
            typ, value = "regex", r"^\s*" + _iregex(" ".join(c["expected"].split())) + r"\s*$"
        else:
            typ, value = "equals", c["expected"]
    elif name == "contains":
        values = c["values"]
        prefix = "i" if c["ignore_case"] else ""
        if len(values) == 1:
            typ, value = f"{prefix}contains", values[0]
        else:
            typ, value = f"{prefix}contains-{c['require']}", values
    elif name == "must_match":
        pattern = c["pattern"]
        if c["ignore_case"]:
            skipped.append(f"assertion {a.label or a.kind}: regex ignore_case has no promptfoo form; case-sensitive")
        typ, value = "regex", (rf"^\s*(?:{pattern})\s*$" if c["full"] else pattern)
    elif name == "numeric":
        pick = "pop()" if c["pick"] == "last" else "shift()"
        tol = max(c["tolerance"], c["rel_tolerance"] * abs(c["expected"]))
        typ, value = "javascript", (
            f"Math.abs(parseFloat(((output.replace(/,/g, '').match(/-?\\d+(?:\\.\\d+)?/g)) || ['NaN']).{pick}) "
            f"- {c['expected']!r}) <= {tol!r}")
    elif name == "json":
        typ, value = "is-json", c["schema"]
    elif name == "judge":
        typ, value = "llm-rubric", c["rubric"]
    elif name == "answer_probability":  # promptfoo scores sampled text, not an answer set's probabilities
        skipped.append(f"assertion {a.label or a.kind}: answer-probability has no promptfoo form; left out")
        return None
    else:  # pragma: no cover - every kind is above
        return None
    if a.negate:
        typ = f"not-{typ}" if typ != "javascript" else typ
        value = f"!({value})" if typ == "javascript" else value
    return typ, value


def _yaml_assert(a: Any, row: Any, skipped: list[str]) -> dict[str, Any] | None:
    got = _pf(a, row, skipped)
    if got is None:
        return None
    typ, value = got
    d: dict[str, Any] = {"type": typ}
    if value is not None:
        d["value"] = value
    if a.label:
        d["metric"] = a.label
    return d


def _csv_assert(a: Any, row: Any, skipped: list[str]) -> str | None:
    got = _pf(a, row, skipped)
    if got is None:
        return None
    typ, value = got
    if typ.endswith("is-json") and value is not None:
        skipped.append(f"row {row.index + 1}: is-json with a schema cannot be a CSV cell; checked without it")
        return typ
    if value is None:
        return typ
    if isinstance(value, list):
        value = ",".join(str(v).replace(",", "\\,") for v in value)
    return f"{typ}:{value}"


# --- results ---------------------------------------------------------------------------------
def results_json(store: Any, experiment_id: str) -> str:
    """A stored experiment's cells as promptfoo's JSON output (version 3)."""
    from experiments.plan import parse_cell_key

    exp = store.get_experiment(experiment_id)
    config = json.loads(exp.get("config_json") or "{}")
    runs = store.cell_runs(exp["id"], ["id", "cell_key", "template_id", "variables_json", "model_name", "output",
                                       "status", "error", "total_ms", "prompt_tokens", "completion_tokens",
                                       "sent_text"])
    checks: dict[str, list[dict[str, Any]]] = {}
    for c in store.experiment_checks(exp["id"]):
        if c["stage"] == "assertion":
            checks.setdefault(c["run_id"], []).append(c)
    labels = {t["id"][:16]: t.get("label") or t.get("name") for t in config.get("templates", [])}
    prompt_ids = list(dict.fromkeys(k["t"] for r in runs if (k := parse_cell_key(r["cell_key"]))))
    out, stats = [], {"successes": 0, "failures": 0, "errors": 0,
                      "tokenUsage": {"total": 0, "prompt": 0, "completion": 0}}
    for r in runs:
        key = parse_cell_key(r["cell_key"]) or {}
        cs = checks.get(r["id"], [])
        ok = r["status"] == "ok"
        passed = ok and all(c["verdict"] != "fail" for c in cs)
        score = (sum(float(c["score"] if c["score"] is not None else (c["verdict"] != "fail")) for c in cs) / len(cs)
                 if cs else (1.0 if passed else 0.0))
        pt, ct = int(r["prompt_tokens"] or 0), int(r["completion_tokens"] or 0)
        stats["tokenUsage"]["prompt"] += pt
        stats["tokenUsage"]["completion"] += ct
        stats["tokenUsage"]["total"] += pt + ct
        stats["errors" if not ok else ("successes" if passed else "failures")] += 1
        provider = key.get("m") or r["model_name"]
        label = labels.get(key.get("t", ""), key.get("t", ""))
        out.append({
            "promptIdx": prompt_ids.index(key["t"]) if key.get("t") in prompt_ids else 0,
            "testIdx": key.get("row", 0),
            "prompt": {"raw": r["sent_text"] or "", "label": label},
            "provider": {"id": provider, "label": provider},
            "vars": json.loads(r["variables_json"] or "{}"),
            "response": {"output": r["output"] or "", "tokenUsage": {"total": pt + ct, "prompt": pt,
                                                                   "completion": ct}},
            "success": passed,
            "score": score,
            "latencyMs": int(r["total_ms"] or 0),
            "failureReason": 0 if passed else (2 if not ok else 1),
            "error": r["error"] if not ok else None,
            "gradingResult": {
                "pass": passed, "score": score,
                "reason": "; ".join(c["message"] or c["name"] for c in cs if c["verdict"] == "fail") or
                          ("All assertions passed" if passed else (r["error"] or "")),
                "componentResults": [{"pass": c["verdict"] != "fail", "score": c["score"],
                                      "reason": c["message"] or "", "assertion": {"type": c["name"]}} for c in cs],
            } if ok else None,
            "namedScores": {},
            "workbenchRunId": r["id"],
        })
    doc = {
        "evalId": f"workbench-{exp['id']}",
        "results": {"version": 3, "timestamp": exp.get("created_utc"),
                    "prompts": [{"raw": "", "label": labels.get(t, t), "provider": ""} for t in prompt_ids],
                    "results": out, "stats": stats},
        "config": {"description": exp.get("name"), **({"workbench": config.get("spec")} if config.get("spec") else {})},
        "shareableUrl": None,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


__all__ = ["ExportFiles", "export_experiment", "results_json"]
