"""CLI: `templates versions NAME`, `templates label NAME VERSION LABEL`, `templates diff NAME A B`."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from typing import Any

from prompt_library.library import check_label


def run_versions_action(args: argparse.Namespace, engine: Any, lib: Any) -> int:
    store = engine.store
    if args.templates_command == "versions":
        rows = versions_table(lib, store, args.name)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        for r in rows:
            labels = f"  [{', '.join(r['labels'])}]" if r["labels"] else ""
            msg = f"  {r['message']}" if r["message"] else ""
            print(f"{r['version']:>4}  {r['id'][:12]}  {r['saved_utc']}{labels}{msg}")
        for m in store.template_label_moves(args.name):
            prev = f" (was {m['previous_id'][:12]})" if m["previous_id"] else ""
            print(f"      {m['moved_utc']}  {m['label']} -> {m['template_id'][:12]}{prev}")
        return 0
    if args.templates_command == "label":
        label = check_label(args.label)
        t = lib.version(args.name, args.version)
        previous = store.move_template_label(t.name, label, t.id, t.yaml_text)
        was = f" (it was {previous[:12]})" if previous and previous != t.id else ""
        print(f"{t.name}@{label} -> {t.id[:12]}{was}")
        return 0
    a, b = lib.version(args.name, args.a), lib.version(args.name, args.b)
    diff = difflib.unified_diff(a.yaml_text.splitlines(keepends=True), b.yaml_text.splitlines(keepends=True),
                                fromfile=f"{args.name}@{args.a} ({a.id[:12]})", tofile=f"{args.name}@{args.b} ({b.id[:12]})")
    text = "".join(diff)
    sys.stdout.write(text if text else f"{args.a} and {args.b} are the same version ({a.id[:12]})\n")
    if args.var or args.vars_file:
        from cli.variables import parse_vars

        values = parse_vars(args.var, args.vars_file)
        ra, rb = rendered_text(a, values), rendered_text(b, values)
        rdiff = "".join(difflib.unified_diff(ra.splitlines(keepends=True), rb.splitlines(keepends=True),
                                             fromfile=f"rendered {args.a}", tofile=f"rendered {args.b}"))
        sys.stdout.write(rdiff if rdiff else "both render the same prompt for these values\n")
    return 0


def rendered_text(t: Any, values: dict[str, Any]) -> str:
    """The first call's prompt as text (chat: one ``[role] content`` block per message)."""
    from prompt_library import render

    r = render(t, t.coerce(values))
    if isinstance(r, str):
        return r if r.endswith("\n") else r + "\n"
    return "".join(f"[{m.role}] {m.content}\n" for m in r)


def versions_table(lib: Any, store: Any, name: str) -> list[dict[str, Any]]:
    """Every saved version, oldest first, with its message and the labels on it."""
    versions = lib.versions(name)
    if not versions:
        lib.get(name)  # unknown name: one clear line
    messages = store.template_messages(name)
    labels: dict[str, list[str]] = {}
    for row in store.template_labels(name):
        labels.setdefault(row["template_id"], []).append(row["label"])
    return [{"version": v.version, "id": v.id, "saved_utc": v.saved_utc, "message": messages.get(v.id, ""),
             "labels": labels.get(v.id, [])} for v in versions]
