"""Checks on plain text: blocked terms and topics, length, regex, refusals, language."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from common.errors import GuardError
from common.i18n import _
from guards.checks_base import (
    MODES,
    Check,
    CheckResult,
    Span,
    compile_regex,
    redact,
    want_bool,
    want_choice,
    want_int,
    want_number,
    want_strings,
)

_LATIN = "0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_MAX_SPANS = 200


def _term_pattern(term: str) -> str:
    """Case-insensitive pattern: word boundaries where the term ends in Latin, none for CJK."""
    body = r"\s+".join(re.escape(part) for part in term.split())
    head = rf"(?<![{_LATIN}])" if re.match(rf"[{_LATIN}]", term.strip()) else ""
    tail = rf"(?![{_LATIN}])" if re.search(rf"[{_LATIN}]$", term.strip()) else ""
    return head + body + tail


class BlockedTermsCheck(Check):
    """Fails (or redacts) when a blocked term or a term of a blocked topic appears.

    ``terms`` is a list; ``topics`` maps a topic name to its terms, and the topic
    name becomes the span label. Latin terms match whole words, CJK terms anywhere.
    """

    name = "blocked_terms"

    def __init__(
        self, *, terms: Any = None, topics: Any = None, mode: str = "detect",
        placeholder: str = "[BLOCKED]",
    ) -> None:
        super().__init__(terms=terms, topics=topics, mode=mode, placeholder=placeholder)
        self.mode = want_choice(self.name, "mode", mode, MODES)
        if not isinstance(placeholder, str):
            raise GuardError(_('{name}: placeholder must be a string; got {placeholder!r}').format(name=self.name, placeholder=placeholder))
        self.placeholder = placeholder
        groups: dict[str, list[str]] = {}
        if terms is not None:
            groups["blocked_term"] = want_strings(self.name, "terms", terms)
        if topics is not None:
            if not isinstance(topics, dict) or not topics:
                raise GuardError(_('{name}: topics must map topic names to lists of terms').format(name=self.name))
            for topic, words in topics.items():
                if not isinstance(topic, str) or not topic.strip():
                    raise GuardError(_('{name}: topic names must be non-empty strings').format(name=self.name))
                groups[topic] = want_strings(self.name, f"topics[{topic!r}]", words)
        if not groups:
            raise GuardError(_('{name}: give terms or topics (at least one term)').format(name=self.name))
        self.labels = list(groups)
        alternatives = []
        for i, words in enumerate(groups.values()):
            body = "|".join(_term_pattern(w) for w in sorted(words, key=len, reverse=True))
            alternatives.append(f"(?P<g{i}>{body})")
        self.regex = re.compile("|".join(alternatives), re.IGNORECASE)

    def _check(self, text: str) -> CheckResult:
        spans = []
        for m in self.regex.finditer(text):
            if m.end() > m.start():
                label = self.labels[int(m.lastgroup[1:])]
                spans.append(Span(m.start(), m.end(), label, m.group()))
        if not spans:
            return self.result("pass", _('no blocked terms'))
        found = ", ".join(dict.fromkeys(repr(s.text.lower()) for s in spans))
        if self.mode == "redact":
            redacted = redact(text, spans, lambda s: self.placeholder)
            return self.result("redacted", _("redacted {what}").format(what=found), spans, redacted_text=redacted)
        return self.result("fail", _("blocked: {found}").format(found=found), spans)


class LengthCheck(Check):
    """Minimum and maximum length in characters and, with ``count_tokens``, in tokens."""

    name = "length"

    def __init__(
        self, *, max_chars: Any = None, min_chars: Any = None, max_tokens: Any = None,
        min_tokens: Any = None, count_tokens: Callable[[str], int] | None = None,
    ) -> None:
        super().__init__(
            max_chars=max_chars, min_chars=min_chars, max_tokens=max_tokens,
            min_tokens=min_tokens, count_tokens=count_tokens,
        )
        limits = {"max_chars": max_chars, "min_chars": min_chars,
                  "max_tokens": max_tokens, "min_tokens": min_tokens}
        given = {k: want_int(self.name, k, v) for k, v in limits.items() if v is not None}
        if not given:
            raise GuardError(_('{name}: give at least one of {limits}').format(name=self.name, limits=', '.join(limits)))
        for unit in ("chars", "tokens"):
            low, high = given.get(f"min_{unit}"), given.get(f"max_{unit}")
            if low is not None and high is not None and low > high:
                raise GuardError(_('{name}: min_{unit} ({low}) > max_{unit} ({high})').format(name=self.name, unit=unit, low=low, high=high))
        if ("max_tokens" in given or "min_tokens" in given) and not callable(count_tokens):
            raise GuardError(_('{name}: token limits need a count_tokens callable').format(name=self.name))
        self.limits = given
        self.count_tokens = count_tokens

    def _check(self, text: str) -> CheckResult:
        problems, spans = [], []
        n_chars = len(text)
        if n_chars > self.limits.get("max_chars", n_chars):
            limit = self.limits["max_chars"]
            problems.append(_("{n} characters > max {limit}").format(n=n_chars, limit=limit))
            spans.append(Span(limit, n_chars, "over_limit", text[limit:]))
        if n_chars < self.limits.get("min_chars", 0):
            problems.append(_("{n} characters < min {limit}").format(n=n_chars, limit=self.limits["min_chars"]))
        if self.count_tokens is not None and ("max_tokens" in self.limits or "min_tokens" in self.limits):
            try:
                n_tokens = int(self.count_tokens(text))
            except Exception as err:  # a user callable: report it as misconfiguration
                raise GuardError(_('{name}: count_tokens failed: {err}').format(name=self.name, err=err)) from err
            if n_tokens > self.limits.get("max_tokens", n_tokens):
                problems.append(_("{n} tokens > max {limit}").format(n=n_tokens, limit=self.limits["max_tokens"]))
            if n_tokens < self.limits.get("min_tokens", 0):
                problems.append(_("{n} tokens < min {limit}").format(n=n_tokens, limit=self.limits["min_tokens"]))
        if problems:
            return self.result("fail", "; ".join(problems), spans)
        return self.result("pass", _("{n} characters, within limits").format(n=n_chars))


def _regex_flags(check: str, ignore_case: Any, multiline: Any, dotall: Any) -> int:
    flags = re.IGNORECASE if want_bool(check, "ignore_case", ignore_case) else 0
    flags |= re.MULTILINE if want_bool(check, "multiline", multiline) else 0
    return flags | (re.DOTALL if want_bool(check, "dotall", dotall) else 0)


class MustMatchCheck(Check):
    """Passes when ``pattern`` is found (``full=True``: the stripped text matches whole)."""

    name = "must_match"

    def __init__(
        self, *, pattern: Any = None, full: Any = False, ignore_case: Any = False,
        multiline: Any = False, dotall: Any = False,
    ) -> None:
        super().__init__(pattern=pattern, full=full, ignore_case=ignore_case,
                         multiline=multiline, dotall=dotall)
        flags = _regex_flags(self.name, ignore_case, multiline, dotall)
        self.regex = compile_regex(pattern, self.name, flags)
        self.full = want_bool(self.name, "full", full)

    def _check(self, text: str) -> CheckResult:
        if self.full:
            stripped = text.strip()
            offset = len(text) - len(text.lstrip())
            m = self.regex.fullmatch(stripped)
            if m:
                span = Span(offset, offset + len(stripped), "match", stripped)
                return self.result("pass", _('text matches the pattern'), [span])
        else:
            m = self.regex.search(text)
            if m:
                span = Span(m.start(), m.end(), "match", m.group())
                return self.result("pass", _('pattern found'), [span])
        return self.result("fail", _("text does not match /{pattern}/").format(pattern=self.regex.pattern))


class MustNotMatchCheck(Check):
    """Fails when ``pattern`` is found anywhere; every match becomes a span."""

    name = "must_not_match"

    def __init__(
        self, *, pattern: Any = None, ignore_case: Any = False, multiline: Any = False,
        dotall: Any = False,
    ) -> None:
        super().__init__(pattern=pattern, ignore_case=ignore_case, multiline=multiline,
                         dotall=dotall)
        flags = _regex_flags(self.name, ignore_case, multiline, dotall)
        self.regex = compile_regex(pattern, self.name, flags)

    def _check(self, text: str) -> CheckResult:
        spans = []
        for m in self.regex.finditer(text):
            spans.append(Span(m.start(), m.end(), "match", m.group()))
            if len(spans) >= _MAX_SPANS:
                break
        if spans:
            return self.result("fail", _("{n} forbidden match(es) of /{pattern}/").format(n=len(spans), pattern=self.regex.pattern), spans)
        return self.result("pass", _('pattern not found'))


# (weight, triggers, pattern): the phrases models use to decline. A pattern runs only
# if one of its lowercase triggers is a substring of the lowercased text.
_CANT = r"(?:can['’]?t|cannot|can\s+not|won['’]t|will\s+not|am\s+(?:not\s+able|unable)|['’]m\s+(?:not\s+able|unable))"
REFUSALS: tuple[tuple[float, tuple[str, ...], str], ...] = (
    (0.9, ("sorry",), rf"\bI(?:['’]m|\s+am)\s+(?:very\s+|so\s+|really\s+|truly\s+)?sorry,?\s+(?:but\s+)?I(?:\s+|(?=['’])){_CANT}"),
    (0.9, ("apologi", "regret"), rf"\bI\s+(?:apologi[sz]e|regret),?\s+but\s+I(?:\s+|(?=['’])){_CANT}"),
    (0.8, ("can", "won", "will", "unable", "able"), rf"\bI(?:\s+|(?=['’])){_CANT}(?:\s+to)?\s+(?:help|assist|comply|provide|fulfil+|answer|support|do\s+that|create|generate|engage|participate|share|give|write)\b"),
    (0.8, ("decline", "refuse"), r"\bI\s+(?:must|have\s+to|need\s+to)\s+(?:respectfully\s+|politely\s+)?(?:decline|refuse)\b"),
    (0.7, ("guideline", "polic", "programming", "principle"), r"\b(?:against|violates?)\s+(?:my|our|the)\s+(?:content\s+|usage\s+|safety\s+)?(?:guidelines|polic(?:y|ies)|programming|principles)"),
    (0.7, ("rather not",), r"\bI['’]d\s+rather\s+not\s+(?:help|assist|answer|provide|discuss|share|do)"),
    (0.8, ("not something",), r"\bnot\s+something\s+I\s+(?:can|could|am\s+able\s+to|will)\s+(?:help|assist|do|provide|answer|discuss|share)"),
    (0.8, ("超出", "超过"), r"(?:超出|超过)了?我的(?:能力|回答|服务|职责)?范围"),
    (0.6, ("ai", "artificial", "language"), r"\bAs\s+an?\s+(?:AI|artificial\s+intelligence|large\s+language\s+model|language\s+model|AI\s+language\s+model|AI\s+assistant)\b"),
    (0.9, ("抱歉", "对不起", "不好意思"), r"(?:很|非常|十分)?(?:抱歉|对不起|不好意思)[，,。！!\s]*(?:但是?|不过)?[，,\s]*我(?:不能|无法|没办法|不可以|不会)"),
    (0.6, ("作为一",), r"作为一(?:个|名)\s*(?:AI|人工智能|语言模型|AI\s*助手|人工智能助手|大语言模型|AI\s*语言模型)"),
    (0.8, ("我不能", "我无法", "我没办法", "我不可以", "我不会"), r"我(?:不能|无法|没办法|不可以|不会)(?:为你|为您|帮你|帮您|向你|向您|给你|给您)?(?:提供|帮助|协助|回答|满足|完成|生成|参与|透露|支持|执行|编写|创作|处理)"),
    (0.7, ("违反", "违背", "不符合"), r"(?:违反|违背|不符合)(?:了)?(?:我的|我们的|相关的?|使用|内容|安全)*(?:政策|准则|规定|原则|规范|法律法规)"),
)
_REFUSAL_RX = tuple((w, t, re.compile(p, re.IGNORECASE)) for w, t, p in REFUSALS)


class RefusalCheck(Check):
    """Detects a refusal in an answer (EN + ZH); fails when the score reaches ``threshold``.

    The score is the strongest phrase weight, plus 0.1 per further distinct phrase
    (capped at 1.0). ``within`` limits the search to the first N characters (0: all).
    """

    name = "refusal"

    def __init__(self, *, threshold: Any = 0.5, within: Any = 0) -> None:
        super().__init__(threshold=threshold, within=within)
        self.threshold = want_number(self.name, "threshold", threshold, low=0.01, high=1.0)
        self.within = want_int(self.name, "within", within)

    def _check(self, text: str) -> CheckResult:
        scope = text[: self.within] if self.within else text
        spans, weights = [], []
        lowered = scope.lower()
        for weight, triggers, rx in _REFUSAL_RX:
            if not any(t in lowered for t in triggers):
                continue
            for m in rx.finditer(scope):
                spans.append(Span(m.start(), m.end(), "refusal", m.group()))
                weights.append(weight)
        if not spans:
            return self.result("pass", _('no refusal found'), score=0.0)
        spans.sort(key=lambda s: (s.start, s.end))
        score = round(min(1.0, max(weights) + 0.1 * (len(weights) - 1)), 4)
        verdict = "fail" if score >= self.threshold else "pass"
        what = "refusal" if verdict == "fail" else "weak refusal signals"
        return self.result(verdict, _('{what}: {text!r} (score {score:.2f})').format(what=what, text=spans[0].text, score=score), spans, score=score)
