"""Prompt injection and jailbreak attempts, in English and Chinese.

Rules are weighted regular expressions in five categories: ``ignore_instructions``,
``reveal_prompt``, ``role_override``, ``delimiter`` and ``encoded_payload`` (base64 or
hex blobs that decode to text the other rules flag). The score combines the strongest
hit of each category as ``1 - prod(1 - w)``; the check fails at ``score >= threshold``.
Fullwidth letters and zero-width characters are normalised first; spans always point
into the original text.
"""

from __future__ import annotations

from common.i18n import _

import base64
import binascii
import re
from typing import Any

from guards.fold import normalize
from guards.checks_base import Check, CheckResult, Span, want_bool, want_number

_F = re.IGNORECASE | re.MULTILINE

# Pieces shared by the English rules.
_DET = r"(?:(?:all|any|every|each|the|your|my|these|those|of|previous|prior|above)\s+)*"
_QUAL = (
    r"(?:previous|prior|preceding|above|earlier|former|initial|original|system|developer"
    r"|existing|old|given|safety|content)"
)
_NOUN = (
    r"(?:instructions?|prompts?|rules?|directives?|directions?|guidelines?|guardrails?|commands?"
    r"|constraints?|restrictions?|policies|policy|context|messages?|programming|training)"
)
_VERB = (
    r"(?:ignore|disregard|forget|skip|override|bypass|drop|abandon|neglect|discard|set\s+aside"
    r"|put\s+aside|throw\s+out|pay\s+no\s+attention\s+to|stop\s+following|no\s+longer\s+follow)"
)
_ZH_VERB = r"(?:忽略|无视|忽视|忘记|忘掉|不要理会|不用理会|不必理会|跳过|抛开|丢弃|放弃|绕过)"
_ZH_QUAL = r"(?:之前|以前|先前|上面|上述|前面|此前|以上|原来|原先|原有|所有|全部|一切|任何|系统|你的|开发者)"
_ZH_NOUN = r"(?:指令|指示|提示词?|规则|设定|要求|限制|约束|命令|规定|准则|安全策略)"

_V_T = ("ignore", "disregard", "forget", "skip", "override", "bypass", "drop", "abandon", "neglect", "discard",
        "aside", "throw", "attention", "follow")

# (category, weight, triggers, pattern): a rule runs only if one trigger (lowercase) is
# a substring of the lowercased text ("a&b": both are), which keeps a clean text cheap.
RULES: tuple[tuple[str, float, tuple[str, ...], str], ...] = (
    # -- ignore previous instructions
    ("ignore_instructions", 0.9, _V_T, rf"\b{_VERB}\s+{_DET}{_QUAL}\s+(?:\w+\s+)?{_NOUN}\b"),
    ("ignore_instructions", 0.8, _V_T, rf"\b{_VERB}\s+(?:all|any|every|your)\s+(?:of\s+)?(?:your\s+)?{_NOUN}\b"),
    ("ignore_instructions", 0.8, _V_T, rf"\b{_VERB}\s+(?:everything|all|anything)\s+(?:that\s+)?(?:above|before|previously|you\s+were\s+told|you\s+have\s+been\s+told)"),
    ("ignore_instructions", 0.7, ("follow",), r"\b(?:do\s+not|don't|never)\s+follow\s+(?:your|the|any)\s+(?:previous\s+|original\s+|system\s+)?(?:instructions|rules|guidelines)"),
    ("ignore_instructions", 0.6, ("instruction",), r"\bnew\s+instructions?\s*:"),
    ("ignore_instructions", 0.9, ("忽略", "无视", "忽视", "忘记", "忘掉", "理会", "跳过", "抛开", "丢弃", "放弃", "绕过"), rf"{_ZH_VERB}[^。！？!?\n]{{0,12}}?{_ZH_QUAL}[^。！？!?\n]{{0,8}}?{_ZH_NOUN}"),
    ("ignore_instructions", 0.8, ("遵守", "遵循", "理会", "服从", "按照", "依照", "根据"), r"(?:不要|别|不再)(?:再)?(?:遵守|遵循|理会|服从|按照|依照|根据)(?:你的|之前的|原来的|系统的?|任何)(?:[^。！？\n]{0,6})?(?:指令|规则|设定|限制|要求)"),
    ("ignore_instructions", 0.8, _V_T, rf"\b{_VERB}\s+{_DET}{_NOUN}\s+(?:you\s+(?:were|have\s+been)\s+given|(?:given\s+)?(?:above|before|earlier|so\s+far))"),
    ("ignore_instructions", 0.7, ("supersede", "override", "replace"), r"\b(?:supersedes?|overrides?|replaces?)\s+(?:all|everything|any)\s+(?:\w+\s+)?(?:previous|prior|before|above|earlier)"),
    ("ignore_instructions", 0.85, ("当作", "视为", "看作", "当成"), r"(?:把|将)(?:之前|前面|上面|以上|原来|原先|所有|你)的?(?:所有|全部)?(?:指令|要求|规则|设定|限制|提示)[^。！？\n]{0,6}?(?:当作|视为|看作|当成)(?:不存在|没有|无效|作废)"),
    ("ignore_instructions", 0.6, ("忽略", "无视", "忽视", "忘记", "忘掉", "理会", "跳过", "抛开"), rf"{_ZH_VERB}(?:掉)?(?:以上|上面|之前|前面|上述)(?:的)?(?:所有|全部)?(?:内容|对话|文字|信息)(?![中里的])"),
    # -- reveal the system prompt
    ("reveal_prompt", 0.85, ("prompt", "instruction", "message"), r"\b(?:reveal|show|print|repeat|output|display|tell|give|leak|dump|share|recite|write\s+out|spell\s+out)\s+(?:me\s+|us\s+)?(?:all\s+)?(?:of\s+)?(?:your|the)\s+(?:(?:full|entire|complete|original|hidden|secret|initial|exact|real|first)\s+)*(?:system\s+(?:prompt|message|instructions?)|(?:initial|hidden|secret|original)\s+(?:prompt|instructions?)|(?:pre-?)?prompt\s+(?:above|you\s+were\s+given)|instructions\s+(?:above|you\s+were\s+given))"),
    ("reveal_prompt", 0.8, ("prompt", "instruction", "message"), r"\bwhat\s+(?:is|are|was|were)\s+your\s+(?:(?:full|exact|original|hidden|secret|initial)\s+)*(?:system\s+(?:prompt|message|instructions?)|(?:initial|hidden|secret|original)\s+(?:prompt|instructions?))"),
    ("reveal_prompt", 0.8, ("above",), r"\brepeat\s+(?:the\s+|all\s+)?(?:words|text|everything)\s+above\b"),
    ("reveal_prompt", 0.7, ("told", "instructed"), r"\b(?:what|which)\s+(?:were\s+you|have\s+you\s+been)\s+(?:told|instructed)\b"),
    ("reveal_prompt", 0.85, ("提示", "指令", "系统"), r"(?:告诉我|输出|打印|显示|泄露|泄漏|重复|复述|透露|给我看|展示|说出|写出|公开)(?:一下)?(?:你的|你|您的|你收到的)?(?:完整的?|全部的?|原始的?|隐藏的?|初始的?|最初的?)?(?:系统提示词?|系统指令|系统消息|提示词|初始指令|隐藏指令|系统设定|原始指令)"),
    ("reveal_prompt", 0.85, ("提示", "指令", "系统"), r"把(?:你的|你|您的|你收到的)?(?:完整的?|全部的?|原始的?|隐藏的?|初始的?|最初的?)?(?:系统提示词?|系统指令|系统消息|初始指令|隐藏指令|系统设定|原始指令)[^。！？\n]{0,8}?(?:输出|告诉|打印|显示|发给|给我|复述|重复|写出|贴出)"),
    ("reveal_prompt", 0.8, ("提示", "指令"), r"(?:你的|你收到的)(?:系统提示词?|系统指令|初始指令|提示词)(?:是什么|内容是什么|原文)"),
    ("reveal_prompt", 0.6, ("your&config",), r"\b(?:reveal|show|print|output|display|dump|leak|share)\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?your\s+(?:full\s+|internal\s+|hidden\s+)?(?:configuration|config)\b"),
    ("reveal_prompt", 0.8, ("提示",), r"(?:告诉我|输出|打印|显示|泄露|泄漏|重复|复述|透露|给我看|展示|说出|写出|公开)(?:一下)?(?:你的|你|您的)?(?:初始|原始|隐藏|系统)提示"),
    # -- role override / jailbreak personas
    ("role_override", 0.9, ("dan", "stan", "dude", "aim", "unrestricted", "unfiltered", "uncensored", "jailbroken", "evil", "amoral"), r"\byou\s+are\s+(?:now\s+)?(?:DAN|STAN|DUDE|AIM|an?\s+(?:unrestricted|unfiltered|uncensored|jailbroken|evil|amoral)\b)"),
    ("role_override", 0.9, ("anything",), r"\bdo\s+anything\s+now\b"),
    ("role_override", 0.8, ("mode",), r"\b(?:developer|god|jailbreak|dan|unrestricted)\s+mode\s+(?:enabled|activated|on)\b|\benable\s+(?:developer|jailbreak|dan)\s+mode\b"),
    ("role_override", 0.8, ("bound", "restricted", "limited"), r"\b(?:no\s+longer|not)\s+(?:bound|restricted|limited)\s+by\s+(?:any\s+)?(?:[\w'’-]+\s+){0,2}(?:rules|restrictions|guidelines|policies|filters|ethics)"),
    ("role_override", 0.8, ("restriction", "filter", "rule", "limit", "guideline", "censorship"), r"\b(?:pretend|act|behave|respond)\s+(?:to\s+be\s+|as\s+if\s+you\s+(?:are|were)\s+|as\s+|like\s+)(?:an?\s+)?(?:\w+\s+)?(?:AI|assistant|model|chatbot|character)?\s*(?:with(?:out)?\s+(?:no\s+|any\s+)?(?:restrictions|filters|rules|limits|guidelines|censorship))"),
    ("role_override", 0.6, ("now",), r"\bfrom\s+now\s+on,?\s+you\s+(?:are|will\s+be|will\s+act|must\s+act|shall\s+be|act)\b"),
    ("role_override", 0.5, ("named", "called"), r"\byou\s+are\s+now\s+(?:an?\s+)?(?:\w+\s+)?(?:named|called)\b"),
    ("role_override", 0.7, ("从现在",), r"从现在(?:开始|起)[，,\s]*你(?:就|将|要)?(?:是|扮演|成为|叫)"),
    ("role_override", 0.8, ("限制", "约束", "审查", "道德", "规则", "过滤"), r"(?:扮演|假装|充当|你是|你现在是|成为)(?:一个|一名)?(?:没有|不受|无|摆脱了?|不再受)(?:任何)?(?:限制|约束|审查|道德|规则|过滤)"),
    ("role_override", 0.8, ("模式", "dan"), r"(?:开发者|越狱|DAN)模式(?:已经?|现已)(?:开启|启用|激活)|(?:开启|启用|激活|进入)(?:了)?(?:越狱|DAN)模式|你现在是\s*DAN|越狱模式"),
    ("role_override", 0.8, ("guideline", "restriction", "limit", "filter", "ethic", "moral", "rule", "boundar"), r"\b(?:AI|assistant|model|chatbot|bot|character)\s+(?:that|who|which)?\s*(?:has|have|with)\s+no\s+(?:ethical\s+|moral\s+|content\s+|safety\s+)?(?:guidelines|restrictions|limits|filters|ethics|morals|rules|boundaries)"),
    ("role_override", 0.8, ("safety", "content", "ethical", "moderation"), r"\b(?:safety|content|ethical|moderation)\s+(?:protocols?|filters?|restrictions?|guidelines?|guardrails?|checks?)\s+(?:are\s+|have\s+been\s+|has\s+been\s+|is\s+|now\s+)*(?:disabled|off|removed|lifted|deactivated|suspended)"),
    ("role_override", 0.6, ("override",), r"\bsystem\s+override\b"),
    ("role_override", 0.6, ("mode",), r"\b(?:enter|activate|enable|switch\s+to)\s+(?:admin|maintenance|debug|god|sudo|root)\s+mode\b"),
    ("role_override", 0.5, ("developer", "creator", "admin", "owner", "operator"), r"\bI\s+am\s+(?:your|the)\s+(?:developer|creator|administrator|admin|owner|operator)\b"),
    ("role_override", 0.8, ("解除", "取消", "关闭", "移除", "失效"), r"(?:安全|内容|道德)?(?:限制|约束|过滤|审查)(?:已经?|都已|已被|均已)?(?:解除|取消|关闭|移除|失效)"),
    # -- chat-template delimiters and fake headers
    ("delimiter", 0.9, ("<|", "<im_"), r"<\|?im_start\|?>\s*(?:system|assistant)|<\|(?:system|start_header_id)\|>\s*(?:system)?|<\|start_header_id\|>\s*system"),
    ("delimiter", 0.4, ("<|", "[inst]", "[/inst]", "<<sys>>", "<</sys>>", "_of_turn>"), r"<\|(?:im_start|im_end|endoftext|eot_id|end_header_id|begin_of_text|end_of_text)\|>|\[/?INST\]|<</?SYS>>|<(?:start|end)_of_turn>"),
    ("delimiter", 0.7, ("##",), r"^\s*#{2,}\s*(?:system|instructions?|new\s+instructions?|assistant|admin)\s*(?:prompt|message)?\s*:"),
    ("delimiter", 0.7, ("<", "["), r"</\s*(?:user|user_input|context|document|input|data)\s*>|<\s*/?\s*system\s*>|\[\s*system\s*(?:message|prompt|note)?\s*\]\s*:?"),
    ("delimiter", 0.6, ("system", "系统"), r"^\s*(?:system|系统)\s*[:：]\s*(?:you|ignore|new|你|忽略|从现在)"),
)

COMPILED: tuple[tuple[str, float, tuple[tuple[str, ...], ...], re.Pattern[str]], ...] = tuple(
    (cat, w, tuple(tuple(t.split("&")) for t in triggers), re.compile(p, _F))
    for cat, w, triggers, p in RULES
)
_TRIGGERS = frozenset(p for _c, _w, triggers, _z in COMPILED for parts in triggers for p in parts)


def _present(lowered: str) -> frozenset[str]:
    """The triggers that occur in ``lowered`` (a trigger's first character is tested first)."""
    chars = set(lowered)
    return frozenset(p for p in _TRIGGERS if p[0] in chars and p in lowered)

# Each scanning pattern starts with a character class and checks what precedes it with a
# lookbehind after that first character: Python's re then skips ahead quickly.
_B64 = re.compile(
    r"[A-Za-z0-9+/_-](?<![A-Za-z0-9+/=_-][A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{19,}={0,2}(?![A-Za-z0-9+/=_-])"
)
_HEX = re.compile(r"[0-9A-Fa-f](?<![0-9A-Fa-f][0-9A-Fa-f])[0-9A-Fa-f]{19,}(?![0-9A-Fa-f])")
_ESCAPED_HEX = re.compile(r"(?:\\x[0-9A-Fa-f]{2}){10,}")
_MAX_BLOB = 8192


def _decode_blob(blob: str) -> str | None:
    """Decode a base64 or hex blob to mostly-printable text, or None."""
    blob = blob[:_MAX_BLOB]
    raw: bytes | None = None
    try:
        if blob.startswith("\\x"):
            raw = bytes.fromhex(blob.replace("\\x", ""))
        elif re.fullmatch(r"[0-9A-Fa-f]+", blob) and len(blob) % 2 == 0:
            raw = bytes.fromhex(blob)
        else:
            padded = blob + "=" * (-len(blob) % 4)
            alt = "-_" if ("-" in blob or "_" in blob) else None
            raw = base64.b64decode(padded, altchars=alt.encode() if alt else None, validate=True)
    except (ValueError, binascii.Error):
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\n\t" for ch in decoded)
    return decoded if decoded and printable / len(decoded) > 0.9 else None


def scan_rules(text: str, prefilter: bool = True) -> list[tuple[str, float, int, int]]:
    """(category, weight, start, end) for every rule hit in ``text`` (already folded)."""
    present = _present(text.lower()) if prefilter else _TRIGGERS
    hits = []
    for cat, weight, triggers, rx in COMPILED:
        if not any(all(p in present for p in parts) for parts in triggers):
            continue
        for m in rx.finditer(text):
            if m.end() > m.start():
                hits.append((cat, weight, m.start(), m.end()))
    return hits


def scan_encoded(text: str) -> list[tuple[str, float, int, int]]:
    """Blobs that decode to text with rule hits, scored by their strongest inner hit."""
    hits = []
    for rx in (_B64, _HEX, _ESCAPED_HEX):
        if rx is _ESCAPED_HEX and "\\x" not in text:
            continue
        for m in rx.finditer(text):
            decoded = _decode_blob(m.group())
            if decoded is None:
                continue
            inner = scan_rules(normalize(decoded)[0])
            if inner:
                hits.append(("encoded_payload", max(0.8, max(h[1] for h in inner)), m.start(), m.end()))
    return hits


def combine(hits: list[tuple[str, float, int, int]]) -> float:
    """1 - prod(1 - w) over the strongest weight of each category."""
    best: dict[str, float] = {}
    for cat, weight, _start, _end in hits:
        best[cat] = max(best.get(cat, 0.0), weight)
    miss = 1.0
    for weight in best.values():
        miss *= 1.0 - weight
    return round(1.0 - miss, 4)


class InjectionCheck(Check):
    """Flags prompt-injection and jailbreak attempts; fails at ``score >= threshold``.

    Two layers: the rules above (fast, precise, with spans) and the learned classifier
    of :mod:`guards.injection_model` (``classifier=True``, the default). The score is the
    larger of the two; the classifier's probability is calibrated so that 0.5 is the
    threshold chosen in training for precision >= 0.95 out of fold.
    """

    name = "injection"

    def __init__(self, *, threshold: Any = 0.5, decode: Any = True, classifier: Any = True) -> None:
        super().__init__(threshold=threshold, decode=decode, classifier=classifier)
        self.threshold = want_number(self.name, "threshold", threshold, low=0.01, high=1.0)
        self.decode = want_bool(self.name, "decode", decode)
        self.classifier = want_bool(self.name, "classifier", classifier)

    def _check(self, text: str) -> CheckResult:
        folded, where = normalize(text)
        hits = scan_rules(folded)
        if self.decode:
            hits += scan_encoded(folded)
        learned = 0.0
        if self.classifier and text.strip():
            from guards.injection_model import load

            learned = load().score(text)
        if not hits:
            if learned >= self.threshold:
                return self.result("fail", _("possible prompt injection: classifier (score {score:.2f})").format(score=learned),
                                   [Span(0, len(text), "classifier", text)], score=learned)
            return self.result("pass", _("no injection patterns found"), score=learned)
        merged: list[list] = []  # overlapping hits of one category become one span
        last: dict[str, list] = {}
        for cat, _rule, start, end in sorted(hits, key=lambda h: (h[2], h[3])):
            same = last.get(cat)
            if same is not None and start < same[2]:
                same[2] = max(same[2], end)
            else:
                last[cat] = [cat, start, end]
                merged.append(last[cat])
        spans = []
        for cat, start, end in merged:
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            spans.append(Span(start, end, cat, text[start:end]))
        score = max(combine(hits), learned)
        cats = ", ".join(dict.fromkeys(s.label for s in spans))
        if learned >= self.threshold:
            cats += f", classifier {learned:.2f}"
        verdict = "fail" if score >= self.threshold else "pass"
        what = _("possible prompt injection") if verdict == "fail" else _("weak injection signals")
        return self.result(verdict, _("{what}: {categories} (score {score:.2f})").format(what=what, categories=cats, score=score), spans, score=score)
