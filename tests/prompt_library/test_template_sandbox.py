"""Server-side template injection and resource abuse: refused, or rendered inert.

Each payload is tried three ways: as a template file's prompt (no variables declared),
as a bare template whose names become variables, and as a *value* of a variable. An
audit hook watches for process, shell, eval and file-system access while they render,
and a sentinel file must never appear.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager

import jinja2
import pytest

from common.errors import TemplateError
from prompt_library import PromptTemplate, SandboxViolation

SENTINEL = "wb_ssti_sentinel"
_SUSPICIOUS = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "subprocess.Popen",
               "os.remove", "os.rename", "shutil.rmtree", "ctypes.dlopen", "socket.connect", "exec", "compile")
_seen: list[tuple[str, tuple]] = []
_watching = False


_JINJA_DIR = os.path.dirname(jinja2.__file__)


def _benign(event: str, args: tuple) -> bool:
    """Jinja compiles fake frames (named after the template field) to rewrite tracebacks."""
    if event == "compile":
        filename = str(args[1]) if len(args) > 1 else ""
    elif event == "exec":
        filename = getattr(args[0], "co_filename", "") if args else ""
    else:
        return False
    return filename.startswith(_JINJA_DIR) or (
        filename.startswith("<") and filename not in ("<string>", "<stdin>", "<unknown>"))


def _audit(event: str, args: tuple) -> None:
    if not _watching or _benign(event, args):
        return
    if event.startswith(_SUSPICIOUS) or (event == "open" and SENTINEL in str(args[:1])) or (
            event == "open" and str(args[:1]).startswith("('/etc")):
        _seen.append((event, args))


sys.addaudithook(_audit)


@contextmanager
def watch():
    """Record suspicious audit events while rendering (compiling happens before)."""
    global _watching
    _seen.clear()
    _watching = True
    try:
        yield _seen
    finally:
        _watching = False


S = SENTINEL
# refused: loading or rendering raises a TemplateError
REFUSED = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__[2].__subclasses__()[40]('/etc/passwd').read() }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{{ dict.__base__.__subclasses__() }}",
    "{{ config.items() }}",
    "{{ config.__class__.__init__.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self.__init__.__globals__.__builtins__ }}",
    f"{{{{ cycler.__init__.__globals__.os.popen('touch {S}').read() }}}}",
    f"{{{{ joiner.__init__.__globals__.os.popen('touch {S}').read() }}}}",
    f"{{{{ namespace.__init__.__globals__.os.popen('touch {S}').read() }}}}",
    f"{{{{ lipsum.__globals__['os'].popen('touch {S}').read() }}}}",
    "{{ range.__globals__ }}",
    "{{ request.application.__globals__.__builtins__.__import__('os').popen('id').read() }}",
    "{{ url_for.__globals__.os.environ }}",
    "{{ get_flashed_messages.__globals__['current_app'].config }}",
    "{{ ''['__class__'] }}",
    "{{ ''|attr('__class__') }}",
    "{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f')|attr('\\x5f\\x5fbase\\x5f\\x5f') }}",
    "{{ ''['\\x5f\\x5fclass\\x5f\\x5f'] }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
    "{{ '{0.__class__}'.format_map({'0': 1}) }}",
    "{{ ('{0.__class__.__init__.__globals__}'|attr('format'))(cycler) }}",
    f"{{% for c in [].__class__.__base__.__subclasses__() %}}{{% if c.__name__ == 'catch_warnings' %}}"
    f"{{{{ c.__init__.__globals__['__builtins__'].eval(\"__import__('os').system('touch {S}')\") }}}}"
    f"{{% endif %}}{{% endfor %}}",
    f"{{{{ ''.__class__.__mro__[1].__subclasses__()[396]('touch {S}', shell=True, stdout=-1).communicate() }}}}",
    "{{ x.__init__.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}{{ os.system('id') }}",
    "{% extends '/etc/passwd' %}",
    "{% from 'os' import system %}{{ system('id') }}",
    "{{ [1, 2].pop() }}",
    "{{ {'a': 1}.update({'b': 2}) }}",
    "{{ {'a': 1}.clear() }}",
    "{% set ns = namespace() %}{% set ns.__class__ = 1 %}",
    "{{ cycler.__doc__ }}",
    "{{ (1).__add__(1) }}",
]
# inert: these render, as literal text or as harmless values
INERT = {
    "${7*7}": "${7*7}",
    "<%= 7*7 %>": "<%= 7*7 %>",
    "#{7*7}": "#{7*7}",
    "*{7*7}": "*{7*7}",
    "{{ 7*7 }}": "49",
    "{{ 7*'7' }}": "7777777",
    "{% raw %}{{ ''.__class__ }}{% endraw %}": "{{ ''.__class__ }}",
    "{{ '{{ config }}' }}": "{{ config }}",
}


def _load(payload: str, name: str = "ssti") -> PromptTemplate:
    """The payload as the prompt of a template file (a YAML block, so no escaping)."""
    return PromptTemplate.from_yaml(f"name: {name}\nprompt: |\n  {payload}\n")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_there_are_at_least_fifteen_payloads():
    assert len(REFUSED) >= 15 and len(set(REFUSED)) == len(REFUSED)


@pytest.mark.parametrize("payload", REFUSED)
def test_payload_as_template_is_refused(payload, workdir):
    seen: list = []
    with pytest.raises(TemplateError) as err:
        t = _load(payload)  # most are refused here, before anything runs
        with watch() as seen:
            t.render()
    assert str(err.value).startswith("template 'ssti' line 3: ")
    assert "\n" not in str(err.value)
    assert seen == [], seen
    assert not (workdir / SENTINEL).exists()


@pytest.mark.parametrize("payload", REFUSED)
def test_payload_as_bare_source_with_values_is_refused(payload, workdir):
    try:
        t = PromptTemplate.from_source(payload, name="ssti")
    except TemplateError:
        return  # refused at load: nothing ran
    values = {v.name: "x" for v in t.variables}
    with watch() as seen, pytest.raises(TemplateError):
        t.render(values)
    assert seen == [], seen
    assert not (workdir / SENTINEL).exists()


@pytest.mark.parametrize("payload", [*REFUSED, *INERT])
def test_payload_as_a_value_is_rendered_verbatim(payload, workdir):
    t = PromptTemplate.from_yaml("name: v\nvariables:\n  - name: v\nprompt: '[{{ v }}]'\n")
    with watch() as seen:
        assert t.render({"v": payload})[0].content == f"[{payload}]"
    assert seen == []
    assert not (workdir / SENTINEL).exists()


@pytest.mark.parametrize("payload,expected", INERT.items())
def test_inert_payloads_render_harmlessly(payload, expected, workdir):
    t = _load(payload)
    with watch() as seen:
        assert t.render()[0].content == expected
    assert seen == []


def test_refusal_messages_are_clear():
    with pytest.raises(SandboxViolation, match=r"^template 'ssti' line 3: refused: access to attribute "
                                                 r"'__globals__' is not allowed$"):
        PromptTemplate.from_yaml("name: ssti\nprompt: |\n  {{ cycler.__init__.__globals__ }}\n")
    with pytest.raises(SandboxViolation, match=r"refused: \{% include %\} is not allowed in a prompt template"):
        PromptTemplate.from_yaml("name: ssti\nprompt: \"{% include 'x' %}\"\n")
    t = PromptTemplate.from_yaml("name: ssti\nprompt: |\n  {{ ''|attr('__class__') }}\n")
    with pytest.raises(SandboxViolation, match=r"^template 'ssti' line 3: refused: access to attribute "
                                                 r"'__class__' of 'str' object is unsafe$"):
        t.render()


RESOURCE_ABUSE = {
    "{{ range(10**9)|list }}": "refused range() of 1,000,000,000 items",
    "{% for i in range(10**9) %}x{% endfor %}": "refused range()",
    "{{ 'a' * 10**9 }}": "str * 1,000,000,000 would build a value",
    "{{ 'a' * 1000000000 }}": "would build a value",
    "{{ [1] * 10**8 }}": "list * 100,000,000 would build a value",
    "{{ 2 ** 1000000 }}": "exceed 4096 bits",
    "{{ (2 ** 10) ** 100000 }}": "exceed 4096 bits",
    "{% set n = 9 ** 999 %}{{ n * n * n * n * n }}": "exceed 4096 bits",
    "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}": "more than 100,000 loop iterations",
    "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
    "{% endfor %}{% endfor %}{% endfor %}": "loop iterations",
    # the call count or the 0.5 s time limit, whichever a loaded machine reaches first
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}": "refused: ",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}": "refused",
    "{{ 'a'|center(10**9) }}": "center() would build",
    "{{ 'a'|indent(10**9, true) }}": "indent() would build",
    "{{ 'x'.ljust(10**9) }}": "ljust() would build",
    "{{ 'x'.zfill(10**9) }}": "zfill() would build",
    "{{ '\\t'.expandtabs(10**9) }}": "expandtabs() would build",
    "{{ '%1000000000d' % 1 }}": "%-format width",
    "{{ '%*d' % (10**9, 1) }}": "%-format width",
    "{{ '{:>1000000000}'.format(1) }}": "format width",
    "{{ '{:{w}}'.format(1, w=10**9) }}": "nested fields",
    "{{ '%1000000000s'|format('a') }}": "%-format width",
    "{{ ('a' * 900000)|replace('', 'bb') }}": "replace() would build",
    "{{ ('a' * 1000)|replace('a', 'b' * 10000) }}": "replace() would build",
    "{{ ([''] * 10000)|map('default', 'a' * 100000, true)|join }}": "'join' filter would build",
    "{{ ''.join(([''] * 10000)|map('default', 'a' * 100000, true)) }}": "join() would build",
    "{{ [1]|batch(10**9, 'x')|list }}": "refused a count",
    "{{ [1, 2]|slice(10**9)|list }}": "refused a count",
    "{{ [1]|tojson(indent=10**9) }}": "tojson indent",
    "{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}": "'~' would build",
    "{% for i in range(10000) %}{{ 'a' * 1000 }}{% endfor %}": "output longer than 1,000,000 characters",
    "{% filter upper %}{% for i in range(10000) %}{{ 'a' * 1000 }}{% endfor %}{% endfilter %}": "output longer",
    "{% set x %}{% for i in range(5000) %}{{ 'b' * 1000 }}{% endfor %}{% endset %}": "output longer",
    "{{ lipsum(10**6) }}": "variable 'lipsum' is not defined",
    "{{ [1]|random }}": "line 3: No filter named 'random'",
}


@pytest.mark.parametrize("payload,message", RESOURCE_ABUSE.items())
def test_resource_abuse_is_refused_quickly(payload, message):
    start = time.monotonic()
    with pytest.raises(TemplateError) as err:
        _load(payload, "dos").render()
    assert message in str(err.value)
    assert time.monotonic() - start < 5


def test_reasonable_work_still_renders():
    src = ("{% for i in range(200) %}{{ i }},{% endfor %}|{{ ('ab' * 1000)|length }}|"
           "{{ [3, 1, 2]|sort|join('-') }}|{{ '{:>5}'.format(7) }}|{{ '%05.1f' % 3.14159 }}|"
           "{% set ns = namespace(n=0) %}{% for i in range(100) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}")
    out = PromptTemplate.from_source(src, name="ok").render()[0].content
    assert out.endswith("|2000|1-2-3|    7|003.1|4950")
    big = PromptTemplate.from_source("{{ 'x' * 600000 }}", name="big").render()[0].content
    assert len(big) == 600000


def test_values_are_never_executed_as_template_code():
    t = PromptTemplate.from_yaml("name: v\nvariables:\n  - name: v\nprompt: '{{ v }}{{ v|upper }}'\n")
    out = t.render({"v": "{{ 7*7 }}{% for x in range(3) %}!{% endfor %}"})[0].content
    assert out == "{{ 7*7 }}{% for x in range(3) %}!{% endfor %}{{ 7*7 }}{% FOR X IN RANGE(3) %}!{% ENDFOR %}"


def test_an_oversized_value_is_refused_not_rendered():
    t = PromptTemplate.from_yaml("name: v\nvariables:\n  - name: v\nprompt: '{{ v }}'\n")
    with pytest.raises(SandboxViolation, match="output longer than 1,000,000 characters"):
        t.render({"v": "x" * 1_500_000})


def test_sandbox_does_not_leak_between_renders(tmp_path):
    t = PromptTemplate.from_source("{% for i in range(9000) %}{% endfor %}ok", name="loop")
    for _ in range(20):  # 20 x 9,000 iterations: the budget is per render
        assert t.render()[0].content == "ok"
    assert os.path.exists(tmp_path)
