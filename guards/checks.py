"""The check registry: ``build_check(name, **config)`` and the ``CHECKS`` mapping.

Every check follows one interface (see :mod:`guards.checks_base`): ``run(text)``
returns a :class:`CheckResult`. Building a check validates its whole configuration,
so a typo or a bad option raises :class:`GuardError` before anything runs.
"""

from __future__ import annotations

from common.i18n import _

import difflib
import inspect
from collections.abc import Iterable, Mapping
from typing import Any

from common.errors import GuardError
from guards.checks_base import VERDICTS, Check, CheckResult, Span
from guards.checks_eval import ContainsCheck, EqualsCheck, NumericCheck
from guards.checks_json import JsonCheck
from guards.checks_tools import ToolCallCheck
from guards.consistency import SampleConsistencyCheck
from guards.checks_text import (
    BlockedTermsCheck,
    LengthCheck,
    MustMatchCheck,
    MustNotMatchCheck,
    RefusalCheck,
)
from guards.injection import InjectionCheck
from guards.language import LanguageCheck
from guards.judge import JudgeCheck
from guards.pii import PiiCheck
from guards.selfcheck import SelfCheck

__all__ = [
    "CHECKS", "DEFAULT_CHECKS", "VERDICTS", "Check", "CheckResult", "Span",
    "build_check", "build_checks", "default_checks", "run_checks",
]

CHECKS: dict[str, type[Check]] = {
    cls.name: cls
    for cls in (
        PiiCheck, InjectionCheck, BlockedTermsCheck, LengthCheck, MustMatchCheck,
        MustNotMatchCheck, JsonCheck, RefusalCheck, LanguageCheck, EqualsCheck,
        ContainsCheck, NumericCheck, JudgeCheck, ToolCallCheck, SelfCheck, SampleConsistencyCheck,
    )
}

# The checks that need no configuration, run when a policy says nothing more specific.
DEFAULT_CHECKS: tuple[str, ...] = ("pii", "injection", "refusal")


def _options(cls: type[Check]) -> list[str]:
    params = inspect.signature(cls.__init__).parameters.values()
    return [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]


def build_check(name: str, **config: Any) -> Check:
    """A configured check; raises GuardError for an unknown name or a bad option."""
    cls = CHECKS.get(name) if isinstance(name, str) else None
    if cls is None:
        hint = difflib.get_close_matches(str(name), CHECKS, n=1)
        maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise GuardError(_('unknown check {name!r}{maybe}; known: {known}').format(name=name, maybe=maybe, known=', '.join(sorted(CHECKS))))
    allowed = _options(cls)
    for key in config:
        if key not in allowed:
            raise GuardError(
                _('{name}: unknown option {key!r}; allowed: {value}').format(name=name, key=key, value=', '.join(allowed) or 'none')
            )
    return cls(**config)


def build_checks(specs: Iterable[str | Mapping[str, Any]]) -> list[Check]:
    """Checks from names or mappings like ``{"name": "pii", "mode": "redact"}``."""
    checks = []
    for spec in specs:
        if isinstance(spec, str):
            checks.append(build_check(spec))
        elif isinstance(spec, Mapping) and isinstance(spec.get("name"), str):
            config = {k: v for k, v in spec.items() if k != "name"}
            checks.append(build_check(spec["name"], **config))
        else:
            raise GuardError(_("a check is a name or a mapping with a 'name'; got {spec!r}").format(spec=spec))
    return checks


def default_checks() -> list[Check]:
    """Fresh instances of the checks in ``DEFAULT_CHECKS``."""
    return [build_check(name) for name in DEFAULT_CHECKS]


def run_checks(checks: Iterable[Check], text: str) -> list[CheckResult]:
    """Run each check on ``text``, in order."""
    return [check.run(text) for check in checks]
