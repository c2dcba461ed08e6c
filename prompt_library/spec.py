"""The template file format, as pydantic models (``extra="forbid"`` everywhere).

A template file is YAML holding one :class:`TemplateSpec`. The models are the single
source of truth: loading validates against them, the content hash is taken over their
canonical dump, and :func:`format_reference` generates the format reference from them,
so the docs cannot drift from the code.

String fields documented as *Jinja* are rendered in the sandbox of ``sandbox.py``.
"""

from __future__ import annotations

from common.i18n import _

import keyword
import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

VariableType = Literal["str", "int", "float", "bool", "list", "choice"]
AnswerKind = Literal["text", "number", "choice", "true-false", "auto"]
Order = Literal["given", "shuffled", "reversed"]
Style = Literal["turns", "inline"]

# names the environment or the patterns provide; a variable may not shadow them
RESERVED_NAMES = frozenset({
    "range", "dict", "namespace", "cycler", "joiner", "loop", "self", "super", "caller",
    "varargs", "kwargs", "true", "false", "none", "True", "False", "None",
})
_NAME = re.compile(r"^[^\W\d_][\w.-]{0,79}$")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VariableSpec(_Model):
    """One input the template declares."""

    name: str = Field(description="Identifier used in the Jinja fields, e.g. `question`.")
    type: VariableType = Field("str", description="How a value is checked and converted.")
    description: str = Field("", description="Shown next to the input in the editor and CLI help.")
    default: Any = Field(None, description="Used when no value is given; converted to `type`.")
    required: bool | None = Field(
        None, description="A value must be given. Defaults to true when there is no default.")
    choices: list[str] | None = Field(None, description="The allowed values of a `choice` variable.")

    @field_validator("name")
    @classmethod
    def _identifier(cls, v: str) -> str:
        if not _IDENT.match(v) or keyword.iskeyword(v):
            raise ValueError(_('variable name {v!r} must be an identifier (letters, digits, _)').format(v=v))
        if v in RESERVED_NAMES:
            raise ValueError(_('variable name {v!r} is reserved').format(v=v))
        return v

    @model_validator(mode="after")
    def _choices_and_default(self) -> VariableSpec:
        if self.type == "choice" and not self.choices:
            raise ValueError(_('choice variable {name!r} needs a list of choices').format(name=self.name))
        if self.type != "choice" and self.choices is not None:
            raise ValueError(_('only a choice variable has choices ({name!r} is {type})').format(name=self.name, type=self.type))
        if self.default is not None:
            from common.errors import TemplateError
            from prompt_library.variables import coerce_value

            try:
                object.__setattr__(self, "default", coerce_value(self, self.default))
            except TemplateError as exc:
                raise ValueError(_('default of {exc}').format(exc=exc)) from None
        return self

    @property
    def is_required(self) -> bool:
        return self.required if self.required is not None else self.default is None


# --- pattern settings: one model per pattern, told apart by `name` -------------------
class _FewShotOptions(_Model):
    k: int | None = Field(None, ge=0, description="How many examples to use; all when unset.")
    order: Order = Field("given", description="`given`, `shuffled` (with `seed`) or `reversed`.")
    seed: int = Field(0, description="Seed of the shuffle (and of self-consistency samples).")
    style: Style = Field("turns", description="Examples as prior chat `turns`, or `inline` text.")
    separator: str = Field("\n\n", description="Between inline examples and the prompt.")


class ZeroShot(_Model):
    """The prompt alone."""

    name: Literal["zero-shot"]
    answer: AnswerKind = Field("text", description="How the final answer is read from the output.")


class FewShot(_FewShotOptions):
    """Brown et al. 2020: k demonstrations before the input."""

    name: Literal["few-shot"]
    answer: AnswerKind = "text"


class ZeroShotCoT(_Model):
    """Kojima et al. 2022: a reasoning trigger, then an answer-extraction step."""

    name: Literal["zero-shot-cot"]
    trigger: str | None = Field(None, description="Appended to the prompt; default per language.")
    extraction: str | None = Field(None, description="Answer-extraction cue; default per language.")
    extract_step: bool = Field(True, description="Run the second, answer-extraction call.")
    answer: AnswerKind = "auto"


class FewShotCoT(_FewShotOptions):
    """Wei et al. 2022: demonstrations whose answers give a rationale first."""

    name: Literal["few-shot-cot"]
    answer: AnswerKind = "auto"


class StepBack(_Model):
    """Zheng et al. 2023: abstract to a principle, answer it, then answer grounded on it."""

    name: Literal["step-back"]
    variant: Literal["three-stage", "single-prompt"] = "three-stage"
    step_back_prompt: str | None = Field(None, description="Jinja; stage 1. Gets `question`.")
    principles_prompt: str | None = Field(
        None, description="Jinja; stage 2. Gets `question`, `step_back_question`.")
    final_prompt: str | None = Field(
        None, description="Jinja; stage 3. Gets `question`, `step_back_question`, `step_back_answer`.")
    steps_header: str | None = Field(None, description="single-prompt: line before the steps.")
    steps: list[str] | None = Field(None, description="single-prompt: the numbered steps to follow.")
    answer: AnswerKind = "text"


class SelfConsistency(_FewShotOptions):
    """Wang et al. 2022: sample n reasoning paths at temperature > 0, majority vote."""

    name: Literal["self-consistency"]
    n: int = Field(5, ge=1, le=64, description="Number of samples.")
    temperature: float = Field(0.7, gt=0, le=2, description="Sampling temperature of every sample.")
    trigger: str | None = Field(
        None, description="CoT trigger used when the template has no examples; default per language.")
    answer: AnswerKind = "auto"


class LeastToMost(_Model):
    """Zhou et al. 2022: decompose, solve sub-questions in order, then answer."""

    name: Literal["least-to-most"]
    decompose_prompt: str | None = Field(None, description="Jinja; gets `question`.")
    solve_prompt: str | None = Field(
        None, description="Jinja; gets `question`, `solved` [{question, answer}], `subquestion`, `index`.")
    final_prompt: str | None = Field(None, description="Jinja; gets `question`, `solved`.")
    max_subquestions: int = Field(5, ge=1, le=20)
    answer: AnswerKind = "text"


class ChainOfVerification(_Model):
    """Dhuliawala et al. 2023: a baseline answer, verification questions planned from it, each
    answered on its own without the baseline, then a revised answer."""

    name: Literal["chain-of-verification"]
    plan_prompt: str | None = Field(
        None, description="Jinja; gets `question`, `baseline`, `max_questions`.")
    verify_prompt: str | None = Field(
        None, description="Jinja; gets `verification_question`, `index` (never the baseline).")
    final_prompt: str | None = Field(
        None, description="Jinja; gets `question`, `baseline`, `verifications` [{question, answer}].")
    max_questions: int = Field(5, ge=1, le=10, description="At most this many verification questions are asked.")
    answer: AnswerKind = "text"


PatternSpec = Annotated[
    Union[ZeroShot, FewShot, ZeroShotCoT, FewShotCoT, StepBack, SelfConsistency, LeastToMost, ChainOfVerification],
    Field(discriminator="name"),
]
PATTERN_NAMES = ("zero-shot", "few-shot", "zero-shot-cot", "few-shot-cot", "step-back",
                 "self-consistency", "least-to-most", "chain-of-verification")


class TemplateSpec(_Model):
    """One prompt template file."""

    format: Literal[1] = Field(1, description="Version of this file format.")
    name: str = Field(description="Unique name, e.g. `cot-arithmetic`; the file's identity.")
    title: str = Field("", description="Human title.")
    description: str = Field("", description="What the template is for.")
    language: str = Field("en", description="Language of the prompt (`en`, `zh`...); picks pattern wording.")
    tags: list[str] = Field(default_factory=list, description="Free labels for search and filters.")
    mode: Literal["chat", "completion"] = Field(
        "chat", description="`chat`: a list of messages; `completion`: one text.")
    variables: list[VariableSpec] = Field(default_factory=list, description="The inputs (see below).")
    system: str | None = Field(None, description="Jinja; the system message (chat) or preamble.")
    prompt: str = Field(description="Jinja; the user turn (chat) or the text to complete.")
    examples: list[dict[str, Any]] = Field(
        default_factory=list, description="Few-shot examples: rows of values, e.g. question/answer.")
    example_input: str | None = Field(None, description="Jinja over one example row; default `{{ question }}`.")
    example_output: str | None = Field(
        None, description="Jinja over one example row; default `{{ answer }}` (CoT: rationale + answer).")
    examples_header: str | None = Field(None, description="Jinja; text placed before the examples.")
    pattern: PatternSpec = Field(default_factory=lambda: ZeroShot(name="zero-shot"),
                                 description="How the prompt becomes model calls (default zero-shot).")
    constraint: dict[str, Any] | None = Field(
        None, description="Output constraint (choices, regex, JSON schema, grammar); checked by guards.")
    guards: dict[str, Any] | None = Field(None, description="Guard policy; checked by guards.")
    tools: list[dict[str, Any]] | None = Field(
        None, description="Chat only: tool definitions (JSON-schema functions) passed to the model's chat template "
                          "as `tools`; calls in the answer are parsed and checked (guards).")

    @model_validator(mode="before")
    @classmethod
    def _pattern_shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("pattern"), str):
            data = {**data, "pattern": {"name": data["pattern"]}}
        return data

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _NAME.match(v):
            raise ValueError(
                _("template name {v!r} must start with a letter and hold only letters, digits, '.', '-', '_'").format(v=v))
        return v

    @field_validator("language")
    @classmethod
    def _language(cls, v: str) -> str:
        if not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", v):
            raise ValueError(_("language {v!r} must be a language code such as 'en' or 'zh'").format(v=v))
        return v

    @model_validator(mode="after")
    def _unique_variables(self) -> TemplateSpec:
        seen: set[str] = set()
        for var in self.variables:
            if var.name in seen:
                raise ValueError(_('variable {name!r} is declared twice').format(name=var.name))
            seen.add(var.name)
        if self.tools and self.mode != "chat":
            raise ValueError(_("tools need mode: chat (they go to the model's chat template)"))
        return self


def format_reference() -> str:
    """Markdown reference of the template file format, generated from the models."""
    lines = ["# Template file format", "",
             "A template is one YAML file. Fields marked *Jinja* render in the sandbox.", ""]

    def table(model: type[BaseModel], title: str) -> None:
        lines.extend([f"## {title}", ""])
        if model.__doc__ and model is not TemplateSpec:
            lines.extend([model.__doc__.strip(), ""])
        lines.extend(["| key | type | default | meaning |", "|---|---|---|---|"])
        for key, info in model.model_fields.items():
            if key == "pattern" and model is TemplateSpec:
                ann = "mapping (see the pattern tables) or a pattern name"
            elif isinstance(info.annotation, type):
                ann = info.annotation.__name__
            else:
                ann = str(info.annotation).replace("typing.", "").replace("prompt_library.spec.", "")
            ann = ann.replace("|", "\\|")
            if info.is_required():
                default = "required"
            elif key == "pattern":
                default = "zero-shot"
            elif info.default_factory is not None:
                default = repr(info.default_factory())
            else:
                default = repr(info.default)
            desc = (info.description or "").replace("|", "\\|")
            lines.append(f"| `{key}` | {ann} | {default} | {desc} |")
        lines.append("")

    table(TemplateSpec, "Top level")
    table(VariableSpec, "variables[]")
    for model in (ZeroShot, FewShot, ZeroShotCoT, FewShotCoT, StepBack, SelfConsistency, LeastToMost):
        table(model, f"pattern: {model.model_fields['name'].annotation.__args__[0]}")
    return "\n".join(lines)
