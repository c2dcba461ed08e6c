"""Templates: loading, ids, variables, rendering, and the errors a person can cause."""

from __future__ import annotations

import pydantic
import pytest

from backends.base import Message
from common.errors import TemplateError
from prompt_library import (
    PromptTemplate,
    SandboxViolation,
    TemplateFileError,
    TemplateRenderError,
    TemplateSpec,
    TemplateSyntaxError,
    VariableError,
    format_reference,
    template_id,
)

BASIC = """\
name: greet
title: Greeting
variables:
  - name: who
    default: world
  - name: times
    type: int
    default: 2
system: You are friendly.
prompt: |
  Say hello to {{ who }}
  {{ times }} times.
"""


def test_chat_template_renders_messages():
    t = PromptTemplate.from_yaml(BASIC)
    assert t.render() == [Message("system", "You are friendly."),
                          Message("user", "Say hello to world\n2 times.")]
    assert t.render({"who": "Ann", "times": "3"})[1].content == "Say hello to Ann\n3 times."


def test_completion_template_renders_text():
    t = PromptTemplate.from_yaml("name: c\nmode: completion\nsystem: Preamble.\nprompt: 'Q: 1+1?\n\n  A:'\n")
    assert t.render() == "Preamble.\n\nQ: 1+1?\nA:"


def test_id_is_content_hash_independent_of_layout_and_comments():
    a = PromptTemplate.from_yaml(BASIC)
    b = PromptTemplate.from_yaml("# a comment\n" + BASIC.replace("title: Greeting", "title: 'Greeting'"))
    assert a.id == b.id and len(a.id) == 64
    c = PromptTemplate.from_yaml(BASIC.replace("You are friendly.", "You are kind."))
    assert c.id != a.id


def test_id_ignores_explicit_defaults_and_coerced_defaults():
    a = PromptTemplate.from_yaml(BASIC)
    b = PromptTemplate.from_yaml(BASIC.replace("default: 2", "default: '2'").replace(
        "name: greet\n", "name: greet\nmode: chat\nlanguage: en\npattern: zero-shot\n"))
    assert a.id == b.id
    assert template_id(a.spec) == a.id


def test_pattern_shorthand_equals_mapping():
    a = PromptTemplate.from_yaml("name: x\nprompt: hi\npattern: few-shot\n")
    b = PromptTemplate.from_yaml("name: x\nprompt: hi\npattern:\n  name: few-shot\n")
    assert a.id == b.id


def test_roundtrip_through_dumped_yaml_keeps_id():
    t = PromptTemplate.from_yaml(BASIC)
    again = PromptTemplate(t.spec)
    assert PromptTemplate.from_yaml(again.yaml_text).id == t.id
    assert "prompt: |" in again.yaml_text  # multi-line text stays a readable block


@pytest.mark.parametrize("kind,value,expected", [
    ("int", "42", 42), ("int", " -7 ", -7), ("int", 5.0, 5), ("float", "3.5", 3.5), ("float", 2, 2.0),
    ("bool", "yes", True), ("bool", "FALSE", False), ("bool", 1, True), ("str", 12, "12"),
    ("list", "[1, 2]", [1, 2]), ("list", "a\nb\n", ["a", "b"]), ("list", ("x",), ["x"]),
])
def test_variable_coercion(kind, value, expected):
    t = PromptTemplate.from_yaml(f"name: x\nvariables:\n  - name: v\n    type: {kind}\nprompt: '{{{{ v }}}}'\n")
    assert t.coerce({"v": value})["v"] == expected


@pytest.mark.parametrize("kind,value,message", [
    ("int", "abc", "variable 'n' must be int, got 'abc'"),
    ("int", 2.5, "variable 'n' must be int, got 2.5"),
    ("int", True, "variable 'n' must be int, got True"),
    ("float", "nan", "variable 'n' must be float, got 'nan'"),
    ("bool", "maybe", "variable 'n' must be bool, got 'maybe'"),
    ("list", 3, "variable 'n' must be list, got 3"),
    ("str", ["a"], "variable 'n' must be str, got ['a']"),
])
def test_wrong_type_is_refused(kind, value, message):
    t = PromptTemplate.from_yaml(f"name: x\nvariables:\n  - name: n\n    type: {kind}\nprompt: '{{{{ n }}}}'\n")
    with pytest.raises(VariableError) as err:
        t.render({"n": value})
    assert str(err.value) == f"template 'x': {message}"
    assert err.value.variable == "n"


def test_choice_variable():
    t = PromptTemplate.from_yaml(
        "name: x\nvariables:\n  - name: lang\n    type: choice\n    choices: [en, zh]\n    default: en\n"
        "prompt: '{{ lang }}'\n")
    assert t.render({"lang": "zh"})[0].content == "zh"
    with pytest.raises(VariableError, match="must be one of en, zh; got 'fr'"):
        t.render({"lang": "fr"})


def test_required_and_optional_variables():
    t = PromptTemplate.from_yaml(
        "name: x\nvariables:\n  - name: q\n    description: the question\n  - name: note\n    required: false\n"
        "prompt: '{{ q }}{% if note %} ({{ note }}){% endif %}'\n")
    assert t.required_variables == ["q"]
    with pytest.raises(VariableError, match=r"^template 'x': variable 'q' is required \(the question\)$"):
        t.render({})
    assert t.render({"q": "why?"})[0].content == "why?"
    assert t.render({"q": "why?", "note": "short"})[0].content == "why? (short)"
    assert t.unknown_variables({"q": 1, "expected": 2}) == ["expected"]


def test_syntax_error_points_at_file_line():
    text = "name: x\nsystem: fine\nprompt: |\n  line one\n  {{ who }\n"
    with pytest.raises(TemplateSyntaxError) as err:
        PromptTemplate.from_yaml(text)
    assert str(err.value) == "template 'x' line 5: unexpected '}'"
    assert err.value.line == 5 and err.value.field == "prompt" and err.value.field_line == 2


def test_syntax_error_in_bare_source():
    with pytest.raises(TemplateSyntaxError, match=r"^template 'x' line 3: unexpected '}'$"):
        PromptTemplate.from_source("a\nb\n{{ c }\n", name="x")


def test_unclosed_block_is_a_syntax_error():
    with pytest.raises(TemplateSyntaxError, match="line 2"):
        PromptTemplate.from_yaml("name: x\nprompt: '{% for a in b %}'\n")


def test_undeclared_variable_is_refused_at_load():
    text = "name: x\nvariables:\n  - name: who\nprompt: |\n  Hi {{ who }},\n  {{ name }}\n"
    with pytest.raises(TemplateRenderError) as err:
        PromptTemplate.from_yaml(text)
    assert str(err.value).startswith("template 'x' line 6: variable 'name' is not defined")


def test_undefined_attribute_at_render_points_at_line():
    t = PromptTemplate.from_yaml("name: x\nvariables:\n  - name: who\nprompt: |\n  ok\n  {{ who.missing }}\n")
    with pytest.raises(TemplateRenderError) as err:
        t.render({"who": "Ann"})
    assert str(err.value) == "template 'x' line 6: 'str object' has no attribute 'missing'"


def test_runtime_error_is_a_template_error():
    t = PromptTemplate.from_yaml("name: x\nprompt: |\n  a\n  {{ 1 / 0 }}\n")
    with pytest.raises(TemplateRenderError, match=r"^template 'x' line 4: division by zero$"):
        t.render()


def test_from_source_infers_string_variables():
    t = PromptTemplate.from_source("Translate {{ text }} into {{ language }}.", name="quick")
    assert [v.name for v in t.variables] == ["language", "text"]
    assert t.render({"text": "hi", "language": "French"})[0].content == "Translate hi into French."


@pytest.mark.parametrize("text,message", [
    ("- a\n- b\n", "t.yaml: not a template (it holds a list; expected a mapping with 'name' and 'prompt')"),
    ("just text\n", "t.yaml: not a template (it holds a single text; expected a mapping with 'name' and 'prompt')"),
    ("", "t.yaml: not a template (it holds nothing; expected a mapping with 'name' and 'prompt')"),
    ("name: x\nprompt: hi\npromt: typo\n", "t.yaml line 3: unknown key 'promt'"),
    ("name: x\n", "t.yaml line 1: missing key 'prompt'"),
    ("name: x\nprompt: hi\nvariables:\n  - name: a\n    kind: int\n", "t.yaml line 5: variables[0]: unknown key 'kind'"),
    ("name: x\nprompt: hi\nmode: voice\n", "t.yaml line 3: mode: input should be 'chat' or 'completion'"),
    ("name: x\nprompt: hi\npattern: magic\n",
     "t.yaml line 3: pattern must be one of zero-shot, few-shot, zero-shot-cot, few-shot-cot, step-back, "
     "self-consistency, least-to-most, chain-of-verification"),
    ("name: x\nprompt: hi\npattern: {name: few-shot, k: -1}\n",
     "t.yaml line 3: pattern.k: input should be greater than or equal to 0"),
    ("name: x\nprompt: hi\npattern: {name: zero-shot, shots: 3}\n", "t.yaml line 3: pattern: unknown key 'shots'"),
    ("name: x\nprompt: hi\nname: y\n", "t.yaml line 3: key 'name' appears twice"),
    ("name: x\nprompt: [unclosed\n", "t.yaml line 3, column 1: expected ',' or ']', but got '<stream end>'"),
    ("name: 'bad/name'\nprompt: hi\n", "t.yaml line 1: name: template name 'bad/name' must start with a letter "
     "and hold only letters, digits, '.', '-', '_'"),
    ("name: x\nprompt: hi\nvariables:\n  - name: class\n",
     "t.yaml line 4: variables[0].name: variable name 'class' must be an identifier (letters, digits, _)"),
    ("name: x\nprompt: hi\nvariables:\n  - name: range\n", "t.yaml line 4: variables[0].name: variable name 'range' is reserved"),
    ("name: x\nprompt: hi\nvariables:\n  - name: n\n    type: int\n    default: abc\n",
     "t.yaml line 4: variables[0]: default of variable 'n' must be int, got 'abc'"),
    ("name: x\nprompt: hi\nvariables:\n  - name: c\n    type: choice\n",
     "t.yaml line 4: variables[0]: choice variable 'c' needs a list of choices"),
    ("name: x\nprompt: hi\nvariables:\n  - name: a\n  - name: a\n", "t.yaml line 1: variable 'a' is declared twice"),
])
def test_yaml_that_is_not_a_template(text, message):
    with pytest.raises(TemplateFileError) as err:
        PromptTemplate.from_yaml(text, label="t.yaml")
    assert str(err.value) == message


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: x\nprompt: café\n".encode("latin-1"))
    with pytest.raises(TemplateFileError) as err:
        PromptTemplate.from_file(path)
    assert str(err.value) == "latin.yaml is not UTF-8 text (byte 0xe9 at line 2); save it as UTF-8 and try again"


def test_utf16_file_is_refused(tmp_path):
    path = tmp_path / "u16.yaml"
    path.write_text("name: x\nprompt: hi\n", encoding="utf-16")
    with pytest.raises(TemplateFileError, match="is not UTF-8 text"):
        PromptTemplate.from_file(path)


def test_utf8_file_with_bom_and_chinese(tmp_path):
    path = tmp_path / "zh.yaml"
    path.write_bytes("\ufeffname: 问候\nlanguage: zh\nprompt: 你好，{{ '世界' }}！\n".encode("utf-8"))
    t = PromptTemplate.from_file(path)
    assert t.name == "问候" and t.render()[0].content == "你好，世界！"
    assert t.origin == str(path)


def test_missing_file(tmp_path):
    with pytest.raises(TemplateFileError, match="does not exist"):
        PromptTemplate.from_file(tmp_path / "nope.yaml")


def test_sandbox_refusal_is_a_template_error():
    with pytest.raises(SandboxViolation) as err:
        PromptTemplate.from_yaml("name: x\nprompt: |\n  hello\n  {{ ''.__class__ }}\n")
    assert str(err.value) == "template 'x' line 4: refused: access to attribute '__class__' is not allowed"
    assert isinstance(err.value, TemplateError)


def test_stage_prompts_may_use_stage_names_but_not_unknown_ones():
    ok = "name: x\nprompt: q\npattern:\n  name: step-back\n  final_prompt: '{{ step_back_answer }} {{ question }}'\n"
    PromptTemplate.from_yaml(ok)
    bad = ok.replace("{{ question }}", "{{ mystery }}")
    with pytest.raises(TemplateRenderError, match=r"line 5: variable 'mystery' is not defined"):
        PromptTemplate.from_yaml(bad)


def test_spec_models_forbid_extra_keys():
    with pytest.raises(pydantic.ValidationError):
        TemplateSpec.model_validate({"name": "x", "prompt": "p", "surprise": 1})


def test_format_reference_is_generated_from_the_models():
    ref = format_reference()
    for key in ("`prompt`", "`variables`", "`example_output`", "`constraint`", "`guards`",
                "pattern: few-shot", "pattern: self-consistency", "`temperature`", "`max_subquestions`"):
        assert key in ref
