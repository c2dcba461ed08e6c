"""Property tests: any value goes through rendering verbatim, and nothing but a
TemplateError ever comes out of loading or rendering."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.errors import TemplateError
from prompt_library import PromptTemplate, extract_answer, last_number, normalize_answer

STR_T = PromptTemplate.from_yaml(
    "name: p\nvariables:\n  - name: a\n  - name: b\nprompt: '<{{ a }}|{{ b }}>'\n")
COMPLETION_T = PromptTemplate.from_yaml(
    "name: c\nmode: completion\nvariables:\n  - name: a\nprompt: 'Q: {{ a }}\n\n  A:'\n")
TYPED_T = PromptTemplate.from_yaml("""\
name: typed
variables:
  - name: s
  - name: i
    type: int
  - name: f
    type: float
  - name: flag
    type: bool
  - name: items
    type: list
  - name: pick
    type: choice
    choices: [x, y]
prompt: '{{ s }}/{{ i }}/{{ f }}/{{ flag }}/{% for it in items %}{{ it }};{% endfor %}/{{ pick }}'
""")

text = st.text(min_size=0, max_size=200)
# strings that look like template code are the interesting ones
template_like = st.one_of(
    text,
    st.sampled_from(["{{", "}}", "{%", "%}", "{#", "#}", "{{ 7*7 }}", "{% for x in range(9) %}",
                     "{{ ''.__class__ }}", "\\", "\x00", "\r\n", "\u2028", "{{ a }}", "{% raw %}"]),
    st.lists(st.sampled_from(["{{", "}}", "{%", "%}", "a", " ", "__class__", ".", "'", '"', "\n", "中文"]),
             max_size=30).map("".join),
)
anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | text | st.binary(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(text, children, max_size=5),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=template_like, b=template_like)
def test_string_values_appear_verbatim(a, b):
    messages = STR_T.render({"a": a, "b": b})
    assert messages[0].content == f"<{a}|{b}>".strip("\n")


@settings(max_examples=200, deadline=None)
@given(a=template_like)
def test_completion_values_appear_verbatim(a):
    assert COMPLETION_T.render({"a": a}) == f"Q: {a}\nA:".strip("\n")


@settings(max_examples=150, deadline=None)
@given(s=anything, i=anything, f=anything, flag=anything, items=anything, pick=anything)
def test_any_values_only_ever_raise_template_error(s, i, f, flag, items, pick):
    try:
        TYPED_T.render({"s": s, "i": i, "f": f, "flag": flag, "items": items, "pick": pick})
    except TemplateError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=300, deadline=None)
@given(source=template_like)
def test_any_template_source_only_ever_raises_template_error(source):
    try:
        t = PromptTemplate.from_source(source, name="fuzz")
        t.render({v.name: "x" for v in t.variables})
    except TemplateError as exc:
        assert str(exc).startswith("template 'fuzz'")


@settings(max_examples=200, deadline=None)
@given(body=st.text(max_size=300))
def test_any_yaml_text_only_ever_raises_template_error(body):
    try:
        PromptTemplate.from_yaml(body, label="fuzz.yaml")
    except TemplateError:
        pass


@settings(max_examples=300, deadline=None)
@given(out=st.text(max_size=300), kind=st.sampled_from(["text", "number", "choice", "true-false", "auto"]))
def test_answer_extraction_never_raises(out, kind):
    found = extract_answer(out, kind)
    assert found is None or isinstance(found, str)
    normalize_answer(found, kind)


@given(n=st.integers(min_value=-10**12, max_value=10**12))
def test_last_number_reads_back_any_integer(n):
    assert last_number(f"so the total is {n:,}.") == str(n)
