"""The agreement between models in the reports (``reports.agreement``): the Markdown
section, the CSV table (one row per model against the reference) and the JSON object.
The HTML section is in ``resources/report/report.html.j2``."""

from __future__ import annotations

import dataclasses
from typing import Any

from reports.agreement import Agreement, ModelAgreement
from reports.stats_text import interval_text, kappa_text
from reports.text import md, num, pct, ratio

AGREEMENT_CSV_FIELDS = (
    "reference_model", "reference_backend", "model", "backend", "variants", "matched_cells", "pairs",
    "errors_reference", "errors_model", "unmatched_reference", "unmatched_model", "answer_agreement",
    "output_agreement", "word_similarity", "first_difference_word", "pass_rate_reference", "pass_rate_model",
    "decode_tps_reference", "decode_tps_model", "speed_ratio", "ttft_ms_reference", "ttft_ms_model",
    "weights_mb_reference", "weights_mb_model", "load_rss_mb_reference", "load_rss_mb_model", "rows_differing",
    "answer_agreement_low", "answer_agreement_high", "kappa", "kappa_low", "kappa_high")
MAX_LISTED = 100  # differing pairs listed per model in HTML and Markdown (JSON has them all)
KIND_TEXT = {"same": "same", "output": "same answer, other words", "answer": "other answer",
             "error": "a run failed"}


def first_difference_text(m: ModelAgreement) -> str:
    """The mean first differing word of a model pair, as a reader wants it."""
    if not m.pairs:
        return "–"
    return "identical" if m.first_difference is None else f"word {m.first_difference:.1f}"


def _arrow(a: Any, b: Any, fmt: Any) -> str:
    return f"{fmt(a)} → {fmt(b)}"


def _num1(v: Any) -> str:
    return num(v, 1)


def agreement_markdown(ag: Agreement) -> list[str]:
    """The "Agreement between models" section, as Markdown lines."""
    lines = ["", "## Agreement between models", "",
             f"Each model against the reference {md(ag.reference)} on the same cells (same row, template, params "
             "set and repeat); runs that did not end ok are left out of the agreement. Figures are "
             "reference → model.", "",
             "| model | backend | pairs | answers agree (95% CI) | Cohen's kappa (95% CI) | outputs identical "
             "| word similarity | first difference "
             "| pass rate | decode tok/s | speed | TTFT median ms | weights MB | load RSS MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for m in ag.comparisons:
        a, b = m.reference, m.other
        lines.append(
            f"| {md(b.model)} | {md(a.backend or '–')} → {md(b.backend or '–')} | {m.pairs} | "
            f"{interval_text(m.agreement_interval) if m.agreement_interval else pct(m.answer_agreement)} | "
            f"{kappa_text(m.kappa)} | {pct(m.output_agreement)} | {num(m.similarity, 2)} | "
            f"{first_difference_text(m)} | {_arrow(a.pass_rate, b.pass_rate, pct)} | "
            f"{_arrow(a.decode_tps_median, b.decode_tps_median, _num1)} | {ratio(m.speed_ratio)} | "
            f"{_arrow(a.ttft_median_ms, b.ttft_median_ms, num)} | {_arrow(a.weights_mb, b.weights_mb, num)} | "
            f"{_arrow(a.load_rss_mb, b.load_rss_mb, num)} |")
    notes = [f"- {md(n, 300)}" for m in ag.comparisons for n in m.notes()]
    notes += [f"- {md(m.other.model)}: kappa {md(m.kappa.statement, 300)}" for m in ag.comparisons
              if m.kappa is not None and m.kappa.statement]
    if notes:
        lines += ["", *notes]
    for m in ag.comparisons:
        diffs = m.differences
        if not diffs:
            continue
        lines += ["", f"### Rows that differ: {md(m.other.model)} against {md(ag.reference)}", "",
                  "| row | variant | repeat | difference | reference answer | answer | similarity "
                  "| first differing word |",
                  "|---|---|---|---|---|---|---|---|"]
        for d in diffs[:MAX_LISTED]:
            lines.append(f"| {d.row_index + 1}. {md(d.row_label, 50)} | {md(d.variant, 40)} | {d.repeat + 1} | "
                         f"{KIND_TEXT[d.kind]} | {md(d.reference_answer, 40)} | {md(d.answer, 40)} | "
                         f"{num(d.similarity, 2)} | {num(d.first_difference)} |")
        if len(diffs) > MAX_LISTED:
            lines += ["", f"{len(diffs) - MAX_LISTED} more in the JSON and CSV exports."]
    return lines


def agreement_records(ag: Agreement | None) -> list[dict[str, Any]]:
    """One flat record per model against the reference (none with fewer than two models)."""
    out = []
    for m in ag.comparisons if ag else []:
        a, b = m.reference, m.other
        out.append({
            "reference_model": a.model, "reference_backend": a.backend, "model": b.model, "backend": b.backend,
            "variants": m.variants, "matched_cells": m.matched, "pairs": m.pairs,
            "errors_reference": m.errors_reference, "errors_model": m.errors_other,
            "unmatched_reference": m.unmatched_reference, "unmatched_model": m.unmatched_other,
            "answer_agreement": m.answer_agreement, "output_agreement": m.output_agreement,
            "word_similarity": m.similarity, "first_difference_word": m.first_difference,
            "pass_rate_reference": a.pass_rate, "pass_rate_model": b.pass_rate,
            "decode_tps_reference": a.decode_tps_median, "decode_tps_model": b.decode_tps_median,
            "speed_ratio": m.speed_ratio, "ttft_ms_reference": a.ttft_median_ms, "ttft_ms_model": b.ttft_median_ms,
            "weights_mb_reference": a.weights_mb, "weights_mb_model": b.weights_mb,
            "load_rss_mb_reference": a.load_rss_mb, "load_rss_mb_model": b.load_rss_mb,
            "rows_differing": len({d.row_index for d in m.differences}),
            "answer_agreement_low": m.agreement_interval.low if m.agreement_interval else None,
            "answer_agreement_high": m.agreement_interval.high if m.agreement_interval else None,
            "kappa": m.kappa.kappa if m.kappa else None, "kappa_low": m.kappa.low if m.kappa else None,
            "kappa_high": m.kappa.high if m.kappa else None,
        })
    return out


def agreement_json(ag: Agreement | None) -> dict[str, Any] | None:
    """The agreement as JSON data: every figure, the notes and the pairs that differ."""
    if ag is None:
        return None
    comparisons = []
    for m in ag.comparisons:
        d = {k: v for k, v in dataclasses.asdict(m).items() if k != "cells"}
        d.update(excluded=m.excluded, identical=m.identical, notes=m.notes(),
                 differences=[dataclasses.asdict(p) for p in m.differences])
        comparisons.append(d)
    return {"reference": ag.reference, "models": ag.models, "comparisons": comparisons}


__all__ = ["AGREEMENT_CSV_FIELDS", "KIND_TEXT", "MAX_LISTED", "agreement_json", "agreement_markdown",
           "agreement_records", "first_difference_text"]
