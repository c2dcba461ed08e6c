"""Hostile chat templates: what a model file could carry instead of a real chat template.

``DOS`` are denial-of-service templates (CPU, memory, output, recursion); each must be
refused with a ChatTemplateError quickly and without a large allocation. ``SSTI`` try to
reach Python from the template; none may execute. Used by
``tests/backends/test_chat_template_hostile.py`` and ``benchmarks/bench_chat_template_hostile.py``.
"""

from __future__ import annotations

# id -> template (rendered with a two-message conversation)
DOS: dict[str, str] = {
    # nested loops
    "loops-2x10k": "{% for a in range(10000) %}{% for b in range(10000) %}x{% endfor %}{% endfor %}",
    "loops-3x1k": "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
                  "{% endfor %}{% endfor %}{% endfor %}",
    "loops-4x100-output": "{% for a in range(100) %}{% for b in range(100) %}{% for c in range(100) %}"
                          "{% for d in range(100) %}{{ a }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
    "loops-over-messages": "{% for m in messages %}{% for a in range(10000) %}{% for b in range(10000) %}"
                           "{{ m.content }}{% endfor %}{% endfor %}{% endfor %}",
    "loops-break-continue": "{% for a in range(10000) %}{% for b in range(10000) %}{% if b % 2 %}{% continue %}"
                            "{% endif %}{% endfor %}{% endfor %}",
    "range-huge-list": "{{ range(10**10)|list|length }}",
    "range-2-62": "{% for i in range(2**62) %}{% endfor %}",
    # lipsum
    "lipsum-1e6": "{{ lipsum(10**6) }}",
    "lipsum-loop": "{% for i in range(10000) %}{{ lipsum(100, false, 1000, 1000) }}{% endfor %}",
    # wordwrap
    "wordwrap-width1": "{{ ('a ' * 400000)|wordwrap(1) }}",
    "wordwrap-wrapstring": "{{ ('a ' * 5000)|wordwrap(1, true, 'x' * 100000) }}",
    "wordwrap-loop": "{% for i in range(10000) %}{{ ('ab ' * 3000)|wordwrap(2) }}{% endfor %}",
    # cycler / joiner
    "cycler-huge": "{% set c = cycler(*range(10000)) %}{% for i in range(10**6) %}{{ c.next() }}{% endfor %}",
    "cycler-big-items": "{% set c = cycler('x' * 900000, 'y') %}{% for i in range(1000) %}{{ c.next() }}{% endfor %}",
    "joiner-big": "{% set j = joiner('x' * 900000) %}{% for i in range(1000) %}{{ j() }}{% endfor %}",
    "joiner-loop": "{% set j = joiner(',') %}{% for a in range(10000) %}{% for b in range(10000) %}"
                   "{{ j() }}{% endfor %}{% endfor %}",
    # dict loops
    "dict-fromkeys-nested": "{% set d = dict.fromkeys(range(10000)) %}{% for k in d %}{% for k2 in d %}"
                            "{% endfor %}{% endfor %}",
    "dict-items-nested": "{% set d = dict.fromkeys(range(5000), 'v') %}{% for k, v in d.items() %}"
                         "{% for k2, v2 in d|dictsort %}{% endfor %}{% endfor %}",
    "dict-huge-keys": "{% set d = dict.fromkeys(range(10**8)) %}{{ d|length }}",
    "dict-values-sort-loop": "{% set d = dict.fromkeys(range(10000), 1) %}{% for i in range(100000) %}"
                             "{% set s = d|dictsort %}{% endfor %}",
    # huge repetition
    "str-times-1e9": "{{ 'a' * 10**9 }}",
    "list-times-1e9": "{{ [0] * 10**9 }}",
    "tuple-times": "{{ (1, 2) * 10**9 }}",
    "content-times": "{{ messages[0].content * 10**8 }}",
    "messages-times": "{% set m = messages * 10**8 %}{{ m|length }}",
    "doubling-concat": "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
                       "{% endfor %}{{ ns.s|length }}",
    "doubling-plus": "{% set ns = namespace(s=[1]) %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
                     "{% endfor %}{{ ns.s|length }}",
    "output-flood": "{% for i in range(10000) %}{{ 'a' * 1000 }}{% endfor %}",
    "output-in-set-block": "{% set x %}{% for i in range(9000) %}{{ 'b' * 1000 }}{% endfor %}{% endset %}",
    "power-tower": "{{ 9 ** (9 ** 9) }}",
    "int-multiply": "{% set n = 9 ** 999 %}{{ n * n * n * n * n }}",
    "percent-width": "{{ '%0999999999d' % 1 }}",
    "format-width": "{{ '{:>999999999}'.format(1) }}",
    "center-huge": "{{ 'a'|center(10**9) }}",
    "replace-amplify": "{{ ('a' * 1000)|replace('a', 'b' * 100000) }}",
    "tojson-indent": "{{ messages|tojson(indent=10**9) }}",
    "tojson-separators": "{{ (range(5000)|list)|tojson(separators=(',' * 100000, ':')) }}",
    "join-map-amplify": "{{ ([''] * 10000)|map('default', 'a' * 100000, true)|join }}",
    "sort-in-loop-time": "{% set big = range(10000)|list|reverse|list %}{% for i in range(50000) %}"
                         "{% set s = big|sort %}{% endfor %}",
    # recursion via macros
    "macro-infinite": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "macro-binary": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "macro-mutual": "{% macro a(n) %}{{ b(n) }}{% endmacro %}{% macro b(n) %}{{ a(n) }}{% endmacro %}{{ a(1) }}",
    "macro-caller": "{% macro f() %}{% call f() %}x{% endcall %}{{ caller() }}{% endmacro %}{% call f() %}{% endcall %}",
    "recursive-loop": "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
}

MARKER = "WB_SSTI_MARKER"

# id -> template that tries to reach Python; {marker} is a file path the payload would create
SSTI: dict[str, str] = {
    "cycler-globals-os": "{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}",
    "joiner-globals": "{{ joiner.__init__.__globals__['__builtins__']['open']('{marker}', 'w') }}",
    "namespace-globals": "{{ namespace.__init__.__globals__.os.system('touch {marker}') }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}",
    "mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "attr-filter": "{{ ''|attr('__class__')|attr('__mro__') }}",
    "attr-filter-chain": "{{ (messages|attr('__class__')|attr('__base__')|attr('__subclasses__'))() }}",
    "self-context": "{{ self._TemplateReference__context }}",
    "raise-exception-globals": "{{ raise_exception.__globals__['__builtins__']['__import__']('os')"
                               ".system('touch {marker}') }}",
    "strftime-globals": "{{ strftime_now.__globals__['_dt'] }}",
    "range-globals": "{{ range.__globals__ }}",
    "format-attr": "{{ '{0.__class__.__mro__}'.format('') }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': 1}) }}",
    "getitem-dunder": "{{ messages['__class__'] }}",
    "mutate-messages": "{% set _ = messages.append({'role': 'user', 'content': 'owned'}) %}{{ messages|length }}",
    "mutate-tools": "{% set _ = messages[0].update({'content': 'owned'}) %}{{ messages[0].content }}",
    "include": "{% include '/etc/passwd' %}",
    "import": "{% import 'os' as os %}",
}
