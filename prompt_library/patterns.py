"""Prompt patterns: how a template's parts become one or more model calls.

A pattern never calls a model itself. It calls an injected ``generate(stage_name,
rendered, params_override) -> str`` once per stage; the run pipeline implements it
with a real backend and records every stage as a child run. ``rendered`` is the text
(completion mode) or the list of :class:`Message` (chat mode) exactly as it is sent;
``params_override`` holds sampling knobs for that stage only (``temperature``, ``seed``).

The patterns and their sources:

- **zero-shot**: the prompt alone.
- **few-shot** (Brown et al. 2020, "Language Models are Few-Shot Learners"): k
  demonstrations before the input, as prior chat turns or inline text, in the given
  order, shuffled with a seed, or reversed.
- **zero-shot-cot** (Kojima et al. 2022, "Large Language Models are Zero-Shot
  Reasoners"): a trigger such as "Let's think step by step." starts the reasoning;
  a second call appends "Therefore, the answer is" to pull out the final answer.
- **few-shot-cot** (Wei et al. 2022, "Chain-of-Thought Prompting Elicits Reasoning in
  Large Language Models"): demonstrations whose answers give a rationale first.
- **step-back** (Zheng et al. 2023, "Take a Step Back: Evoking Reasoning via
  Abstraction in Large Language Models"): stage 1 asks a step-back question about the
  general concept, stage 2 answers it, stage 3 answers the original question grounded
  on that answer. The ``single-prompt`` variant asks, in one call, for the prerequisite
  questions, their answers and then the final answer.
- **self-consistency** (Wang et al. 2022, "Self-Consistency Improves Chain of Thought
  Reasoning in Language Models"): n CoT samples at temperature > 0, the answer of each
  extracted, majority vote; the result keeps every sample, the winner and the agreement.
- **least-to-most** (Zhou et al. 2022, "Least-to-Most Prompting Enables Complex
  Reasoning in Large Language Models"): decompose into sub-questions, solve them in
  order with the earlier answers in context, then answer the original question.
- **chain-of-verification** (Dhuliawala et al. 2023, "Chain-of-Verification Reduces
  Hallucination in Large Language Models"): a baseline answer; verification questions
  planned from it (a numbered list, at most ``max_questions``); each answered in a fresh
  context that holds neither the baseline nor the other questions (the "factored"
  variant, so the baseline's mistakes are not copied); then a revised final answer.
"""

from __future__ import annotations

from common.i18n import _

import random
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from backends.base import Message
from prompt_library.answers import extract_answer, normalize_answer
from prompt_library.errors import PatternError
from prompt_library.spec import FewShotCoT, SelfConsistency
from prompt_library.wording import extraction_cue, wording

if TYPE_CHECKING:
    from prompt_library.template import PromptTemplate

Rendered = str | list[Message]
Generate = Callable[[str, Rendered, dict[str, Any]], str]


@dataclass(frozen=True)
class StageRecord:
    """One model call of a pattern. ``is_answer``: its output is (or holds) the final answer,
    so an output constraint applies to it."""

    name: str
    sent: Rendered
    output: str
    params_override: dict[str, Any] = field(default_factory=dict)
    is_answer: bool = False


@dataclass
class PatternResult:
    final_answer: str
    stages: list[StageRecord]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PromptParts:
    """A template rendered for one set of values, before a pattern arranges it."""

    mode: str
    system: str | None
    header: str | None
    examples: tuple[tuple[str, str], ...]
    prompt: str
    variables: dict[str, Any]


# --- building blocks ------------------------------------------------------------------
def select_examples(examples: Sequence[Mapping[str, Any]], k: int | None = None,
                    order: str = "given", seed: int = 0) -> list[Mapping[str, Any]]:
    """``given``: the first k; ``shuffled``: k after a seeded shuffle; ``reversed``: the first
    k, last first."""
    rows = list(examples)
    if order == "shuffled":
        random.Random(seed).shuffle(rows)
    rows = rows if k is None else rows[:k]
    if order == "reversed":
        rows.reverse()
    return rows


def build_parts(template: PromptTemplate, values: Mapping[str, Any] | None = None, *,
                examples: Sequence[Mapping[str, Any]] | None = None, cot: bool = False) -> PromptParts:
    """Coerce the values, render system/prompt and the selected few-shot examples."""
    variables = template.coerce(values)
    settings = template.pattern
    words = wording(template.language)
    rows: list[Mapping[str, Any]] = []
    if hasattr(settings, "k"):
        source = template.spec.examples if examples is None else examples
        rows = select_examples(source, settings.k, settings.order, settings.seed)
    rendered: list[tuple[str, str]] = []
    out_default = words["cot_example_output"] if cot else words["example_output"]
    for i, row in enumerate(rows, 1):
        if not isinstance(row, Mapping):
            raise PatternError(_("template '{name}': example {i} is not a mapping of values").format(name=template.name, i=i))
        pair = []
        for key, default in (("example_input", words["example_input"]), ("example_output", out_default)):
            if template.has_field(key):
                pair.append(template.render_field(key, row, where=f"example {i}"))
            else:
                pair.append(template.render_string(default, row, where=f"example {i}"))
        rendered.append((pair[0], pair[1]))
    header = None
    if rendered and template.has_field("examples_header"):
        header = template.render_field("examples_header", variables) or None
    system = template.render_field("system", variables) if template.has_field("system") else None
    return PromptParts(mode=template.mode, system=system or None, header=header,
                       examples=tuple(rendered), prompt=template.render_field("prompt", variables),
                       variables=variables)


def append_cue(text: str, cue: str) -> str:
    """Add a trigger/cue after the prompt: on the same line after ':', else on a new line."""
    text = text.rstrip()
    if not text:
        return cue
    if text.endswith(":"):
        return f"{text} {cue}"
    if text.endswith("："):
        return f"{text}{cue}"
    return f"{text}\n{cue}"


def compose(parts: PromptParts, *, style: str = "turns", separator: str = "\n\n",
            prompt: str | None = None, with_examples: bool = True) -> Rendered:
    """Arrange system, examples and prompt as chat messages or one completion text."""
    text = parts.prompt if prompt is None else prompt
    examples = parts.examples if with_examples else ()
    header = parts.header if examples else None
    blocks = [f"{i}\n{o}" for i, o in examples]
    if parts.mode == "completion":
        return separator.join(p for p in (parts.system, header, *blocks, text) if p)
    messages: list[Message] = []
    if style == "turns":
        system = "\n\n".join(p for p in (parts.system, header) if p)
        if system:
            messages.append(Message("system", system))
        for user, assistant in examples:
            messages += [Message("user", user), Message("assistant", assistant)]
        messages.append(Message("user", text))
    else:
        if parts.system:
            messages.append(Message("system", parts.system))
        messages.append(Message("user", separator.join(p for p in (header, *blocks, text) if p)))
    return messages


def _stage_text(parts: PromptParts, text: str) -> Rendered:
    return compose(parts, prompt=text, with_examples=False)


def _final(output: str, kind: str) -> tuple[str, bool]:
    found = extract_answer(output, kind)  # type: ignore[arg-type]
    return (found, True) if found is not None else (output.strip(), False)


class _Runner:
    """Calls ``generate`` and keeps the stage records."""

    def __init__(self, generate: Generate):
        self.generate = generate
        self.stages: list[StageRecord] = []

    def __call__(self, name: str, sent: Rendered, params: dict[str, Any] | None = None,
                 *, is_answer: bool = False) -> str:
        params = dict(params or {})
        output = self.generate(name, sent, params)
        if not isinstance(output, str):
            raise PatternError(_("stage '{name}' returned {name2}, not text").format(name=name, name2=type(output).__name__))
        self.stages.append(StageRecord(name, sent, output, params, is_answer))
        return output


# --- the patterns -----------------------------------------------------------------------
def _single(t: PromptTemplate, parts: PromptParts, run: _Runner) -> PatternResult:
    s = t.pattern
    style = getattr(s, "style", "turns")
    sent = compose(parts, style=style, separator=getattr(s, "separator", "\n\n"))
    output = run("answer", sent, is_answer=True)
    answer, ok = _final(output, s.answer)
    return PatternResult(answer, run.stages, {"extracted": ok})


def _zero_shot_cot(t: PromptTemplate, parts: PromptParts, run: _Runner) -> PatternResult:
    s = t.pattern
    words = wording(t.language)
    first = compose(parts, prompt=append_cue(parts.prompt, s.trigger or words["trigger"]))
    rationale = run("reasoning", first, is_answer=not s.extract_step)
    extra: dict[str, Any] = {"rationale": rationale}
    if not s.extract_step:
        answer, ok = _final(rationale, s.answer)
        return PatternResult(answer, run.stages, {**extra, "extracted": ok})
    cue = s.extraction or extraction_cue(t.language, s.answer)
    if isinstance(first, str):
        second: Rendered = f"{first} {rationale.strip()}\n{cue}"
    else:
        second = [*first, Message("assistant", rationale.strip()), Message("user", cue)]
    output = run("answer", second, is_answer=True)
    answer, ok = _final(output, s.answer)
    return PatternResult(answer, run.stages, {**extra, "extracted": ok})


def _step_back(t: PromptTemplate, parts: PromptParts, run: _Runner) -> PatternResult:
    s = t.pattern
    words = wording(t.language)
    if s.variant == "single-prompt":
        steps = s.steps or words["steps"]
        header = s.steps_header if s.steps_header is not None else words["steps_header"]
        listed = "\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1))
        text = f"{parts.prompt.rstrip()}\n\n{header}\n{listed}" if header else f"{parts.prompt.rstrip()}\n\n{listed}"
        output = run("answer", _stage_text(parts, text), is_answer=True)
        if s.answer == "text":
            return PatternResult(last_step(output, len(steps)), run.stages, {"steps": list(steps)})
        answer, ok = _final(output, s.answer)
        return PatternResult(answer, run.stages, {"steps": list(steps), "extracted": ok})

    ctx: dict[str, Any] = {**parts.variables, "question": parts.prompt}

    def stage_prompt(key: str, default_key: str) -> str:
        if t.has_field(key):
            return t.render_field(key, ctx)
        return t.render_string(words[default_key], ctx, where=f"pattern {key}")

    ctx["step_back_question"] = run(
        "step-back-question", _stage_text(parts, stage_prompt("step_back_prompt", "step_back_prompt"))).strip()
    ctx["step_back_answer"] = run(
        "step-back-answer", _stage_text(parts, stage_prompt("principles_prompt", "principles_prompt"))).strip()
    output = run("answer", _stage_text(parts, stage_prompt("final_prompt", "final_prompt")), is_answer=True)
    answer, ok = _final(output, s.answer)
    return PatternResult(answer, run.stages, {
        "step_back_question": ctx["step_back_question"], "step_back_answer": ctx["step_back_answer"],
        "extracted": ok})


def _self_consistency(t: PromptTemplate, parts: PromptParts, run: _Runner) -> PatternResult:
    s: SelfConsistency = t.pattern
    if parts.examples:
        sent = compose(parts, style=s.style, separator=s.separator)
    else:
        sent = compose(parts, prompt=append_cue(parts.prompt, s.trigger or wording(t.language)["trigger"]))
    answers: list[str | None] = []
    keys: list[str | None] = []
    for i in range(s.n):
        output = run(f"sample-{i + 1}", sent, {"temperature": s.temperature, "seed": s.seed + i},
                     is_answer=True)
        found = extract_answer(output, s.answer)
        answers.append(found)
        keys.append(normalize_answer(found, s.answer))
    votes = Counter(k for k in keys if k is not None)
    if not votes:
        return PatternResult("", run.stages, {"answers": answers, "votes": {}, "winner": None,
                                              "agreement": 0.0, "n": s.n})
    first_seen = {k: keys.index(k) for k in votes}
    winner = max(votes, key=lambda k: (votes[k], -first_seen[k]))
    shown = answers[first_seen[winner]] or winner
    return PatternResult(shown, run.stages, {
        "answers": answers, "votes": dict(votes.most_common()), "winner": winner,
        "agreement": votes[winner] / s.n, "n": s.n, "temperature": s.temperature})


_LIST_ITEM = re.compile(r"^\s*(?:\d+\s*[.)、．:：]|[-*•]|(?:Q|Sub-question|子问题)\s*\d*\s*[.:：])\s*(.+?)\s*$",
                        re.IGNORECASE)


def parse_subquestions(text: str, limit: int = 5) -> list[str]:
    """Numbered or bulleted lines of a decomposition; else lines ending with '?'."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    found = [m.group(1) for m in map(_LIST_ITEM.match, lines) if m and m.group(1)]
    if not found:
        found = [line.strip() for line in lines if line.strip().endswith(("?", "？"))]
    return found[:limit]


def last_step(text: str, n_steps: int) -> str:
    """The text after the last step's number ("3." / "3、"), else the whole text."""
    matches = list(re.finditer(rf"(?m)^\s*(?:\*\*)?{n_steps}\s*[.)、．:：]", text or ""))
    if not matches:
        return (text or "").strip()
    rest = text[matches[-1].end():].strip().strip("*").strip()
    heading, _, body = rest.partition("\n")
    if body.strip() and heading.rstrip().rstrip("*").endswith((":", "：")):
        return body.strip()  # "3. Based on these, the translation:\n<answer>"
    return rest


def _least_to_most(t: PromptTemplate, parts: PromptParts, run: _Runner) -> PatternResult:
    s = t.pattern
    words = wording(t.language)
    ctx: dict[str, Any] = {**parts.variables, "question": parts.prompt}

    def stage_prompt(key: str, default_key: str) -> str:
        if t.has_field(key):
            return t.render_field(key, ctx)
        return t.render_string(words[default_key], ctx, where=f"pattern {key}")

    plan = run("decompose", _stage_text(parts, stage_prompt("decompose_prompt", "decompose_prompt")))
    subquestions = parse_subquestions(plan, s.max_subquestions)
    solved: list[dict[str, str]] = []
    for i, sub in enumerate(subquestions, 1):
        ctx.update(solved=list(solved), subquestion=sub, index=i)
        answer = run(f"subquestion-{i}", _stage_text(parts, stage_prompt("solve_prompt", "solve_prompt")))
        solved.append({"question": sub, "answer": answer.strip()})
    ctx.update(solved=list(solved))
    ctx.pop("subquestion", None)
    ctx.pop("index", None)
    output = run("answer", _stage_text(parts, stage_prompt("final_prompt", "ltm_final_prompt")), is_answer=True)
    answer, ok = _final(output, s.answer)
    return PatternResult(answer, run.stages, {"subquestions": subquestions, "solved": solved, "extracted": ok})


def _chain_of_verification(t: PromptTemplate, parts: PromptParts, run: _Runner) -> PatternResult:
    s = t.pattern
    words = wording(t.language)

    def stage_prompt(key: str, default_key: str, ctx: dict[str, Any]) -> str:
        if t.has_field(key):
            return t.render_field(key, ctx)
        return t.render_string(words[default_key], ctx, where=f"pattern {key}")

    baseline = run("baseline", _stage_text(parts, parts.prompt)).strip()
    ctx: dict[str, Any] = {**parts.variables, "question": parts.prompt, "baseline": baseline,
                           "max_questions": s.max_questions}
    plan = run("plan-verifications", _stage_text(parts, stage_prompt("plan_prompt", "cove_plan_prompt", ctx)))
    questions = parse_subquestions(plan, s.max_questions)
    verifications: list[dict[str, str]] = []
    for i, question in enumerate(questions, 1):
        alone = {**parts.variables, "verification_question": question, "index": i}  # no baseline, no other question
        answer = run(f"verify-{i}", _stage_text(parts, stage_prompt("verify_prompt", "cove_verify_prompt", alone)))
        verifications.append({"question": question, "answer": answer.strip()})
    ctx["verifications"] = verifications
    output = run("answer", _stage_text(parts, stage_prompt("final_prompt", "cove_final_prompt", ctx)), is_answer=True)
    answer, ok = _final(output, s.answer)
    return PatternResult(answer, run.stages, {"baseline": baseline, "verification_questions": questions,
                                              "verifications": verifications, "extracted": ok})


_PATTERNS: dict[str, Callable[[PromptTemplate, PromptParts, _Runner], PatternResult]] = {
    "zero-shot": _single,
    "few-shot": _single,
    "few-shot-cot": _single,
    "zero-shot-cot": _zero_shot_cot,
    "step-back": _step_back,
    "self-consistency": _self_consistency,
    "least-to-most": _least_to_most,
    "chain-of-verification": _chain_of_verification,
}


def run_pattern(template: PromptTemplate, values: Mapping[str, Any] | None, generate: Generate, *,
                examples: Sequence[Mapping[str, Any]] | None = None) -> PatternResult:
    """Render ``template`` with ``values`` and run its pattern, one ``generate`` call per stage.

    ``examples`` (e.g. dataset rows) replace the template's own few-shot examples.
    Raises TemplateError subclasses for template/value problems; whatever ``generate``
    raises propagates unchanged.
    """
    settings = template.pattern
    cot = isinstance(settings, (FewShotCoT, SelfConsistency))
    parts = build_parts(template, values, examples=examples, cot=cot)
    return _PATTERNS[settings.name](template, parts, _Runner(generate))


class _FirstStage(Exception):
    def __init__(self, rendered: Rendered):
        super().__init__("first stage")
        self.rendered = rendered


def render(template: PromptTemplate, values: Mapping[str, Any] | None = None, *,
           examples: Sequence[Mapping[str, Any]] | None = None) -> Rendered:
    """Exactly what the pattern's first (for single-stage patterns: only) call sends."""

    def stop(name: str, rendered: Rendered, params: dict[str, Any]) -> str:
        raise _FirstStage(rendered)

    try:
        run_pattern(template, values, stop, examples=examples)
    except _FirstStage as first:
        return first.rendered
    raise PatternError(_("template '{name}': its pattern made no model call").format(name=template.name))  # pragma: no cover
