"""promptfoo's rules as data and small readers, for the importer (``experiments.promptfoo_in``):
its assertion types (which we can run, which not and why), how a CSV ``__expected`` cell
and a ``__metadata:x[]`` cell read, YAML as promptfoo reads it (1.2: ``Yes`` is text), and
chat-message prompts."""

from __future__ import annotations

from common.i18n import _

import json
import re
from typing import Any

import yaml

from common.errors import ExperimentError
from common.yaml_safe import BoundedSafeLoader

# the types we run here (each with its `not-` variant)
PORTABLE = ("equals", "contains", "icontains", "contains-any", "contains-all", "icontains-any", "icontains-all",
            "regex", "starts-with", "is-json")
RUBRIC_TYPES = ("llm-rubric", "model-graded-closedqa", "g-eval", "factuality", "model-graded-factuality")
# types promptfoo knows that we cannot run here: type -> why (one line each in the report)
NOT_PORTABLE = {
    "javascript": "JavaScript code", "python": "Python code", "webhook": "calls a web hook",
    "similar": "needs an embedding model", "levenshtein": "no edit-distance check here yet",
    "answer-relevance": "model-graded (embeddings + a grader)", "context-faithfulness": "model-graded (RAG)",
    "context-recall": "model-graded (RAG)", "context-relevance": "model-graded (RAG)",
    "select-best": "compares cells with a grader model", "moderation": "a moderation API",
    "classifier": "a classifier model", "perplexity": "needs logprobs", "perplexity-score": "needs logprobs",
    "cost": "provider cost", "latency": "provider latency", "bleu": "no BLEU here", "gleu": "no GLEU here",
    "rouge-n": "no ROUGE here", "meteor": "no METEOR here", "contains-json": "no contains-json check here",
    "is-xml": "no XML check here", "contains-xml": "no XML check here", "is-html": "no HTML check here",
    "contains-html": "no HTML check here", "is-sql": "no SQL check here", "contains-sql": "no SQL check here",
    "is-valid-openai-function-call": "OpenAI function calls", "is-valid-openai-tools-call": "OpenAI tool calls",
    "is-valid-function-call": "function calls", "is-refusal": "no refusal assertion here",
    "finish-reason": "provider finish reason", "word-count": "no word-count check here",
    "guardrails": "provider guardrails", "pi": "a hosted scorer", "human": "human rating",
    "max-score": "compares cells", "trace-span-count": "tracing", "trace-span-duration": "tracing",
    "trace-error-spans": "tracing", **{t: "model-graded rubric (ported as our judge when the import names a judge model: import --judge MODEL)"
                                       for t in RUBRIC_TYPES},
}
KNOWN_TYPES = frozenset(PORTABLE) | frozenset(NOT_PORTABLE)
SERVER_PROVIDERS = ("llama", "llama.cpp", "llamacpp", "localai")
PARAM_KEYS = {"temperature": "temperature", "top_p": "top_p", "topP": "top_p", "top_k": "top_k", "topK": "top_k",
               "max_tokens": "max_tokens", "maxTokens": "max_tokens", "n_predict": "max_tokens", "seed": "seed",
               "repeat_penalty": "repeat_penalty", "stop": "stop"}


class _Yaml12Loader(BoundedSafeLoader):
    """promptfoo reads YAML as js-yaml does (YAML 1.2 core): ``Yes``/``No``/``on`` are text."""


_Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in BoundedSafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


def load_yaml(text: str, label: str, path: str | None) -> Any:
    loader = _Yaml12Loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise ExperimentError(_('{label}{where}: not valid YAML ({value})').format(label=label, where=where, value=exc.problem or exc.context), path=path,
                              line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ExperimentError(_('{label}: not valid YAML ({value})').format(label=label, value=str(exc).splitlines()[0]), path=path) from None
    except RecursionError:
        raise ExperimentError(_('{label}: YAML nested too deeply').format(label=label), path=path) from None
    finally:
        loader.dispose()


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:40].strip("-") or "promptfoo"


def scalar(v: Any) -> Any:
    """A var value as promptfoo renders it: text (objects and lists as JSON)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else str(v)


_VAR_RX = re.compile(r"\{\{\s*([A-Za-z_][\w]*)\s*\}\}")


def fill(text: str, variables: dict[str, Any] | None) -> str:
    """``{{ var }}`` in an assertion value replaced by the test's value (when it has one)."""
    if not variables:
        return text
    return _VAR_RX.sub(lambda m: str(variables[m.group(1)]) if m.group(1) in variables else m.group(0), text)


def split_unescaped(text: str) -> list[str]:
    """A ``__metadata:x[]`` cell: split on commas not written ``\\,``."""
    parts = re.split(r"(?<!\\),", text)
    return [p.replace("\\,", ",").strip() for p in parts if p.strip()]


def csv_assertion(cell: str) -> dict[str, Any]:
    """A ``__expected`` cell as promptfoo reads it: ``type:value``, ``grade:`` (llm-rubric),
    ``fn:``/``javascript:``/``eval:``, ``python:``, else ``equals`` the whole text."""
    v = cell.strip()
    for prefix, typ in (("grade:", "llm-rubric"), ("fn:", "javascript"), ("javascript:", "javascript"),
                        ("eval:", "javascript"), ("python:", "python")):
        if v.startswith(prefix):
            return {"type": typ, "value": v[len(prefix):].strip()}
    m = re.match(r"^(not-)?([a-z][a-z-]*)(?:\(([\d.]+)\))?:(.*)$", v, flags=re.S)
    if m and (m.group(2) in KNOWN_TYPES):
        return {"type": (m.group(1) or "") + m.group(2), "value": m.group(4).strip()}
    if m and m.group(2) not in KNOWN_TYPES and "-" in m.group(2):
        return {"type": (m.group(1) or "") + m.group(2), "value": m.group(4).strip()}  # refused as unknown
    return {"type": "equals", "value": v}


def chat_messages(text: str) -> dict[str, Any] | None:
    """A prompt that is a JSON list of chat messages: ``[{role: system}, {role: user}]`` -> system + prompt."""
    if not text.lstrip().startswith("["):
        return None
    try:
        msgs = json.loads(text)
    except ValueError:
        return None
    if not isinstance(msgs, list) or not all(isinstance(m, dict) and isinstance(m.get("content"), str) for m in msgs):
        return None
    out: dict[str, Any] = {}
    if msgs and msgs[0].get("role") == "system":
        out["system"] = msgs.pop(0)["content"]
    roles = [m.get("role") for m in msgs]
    if not roles or roles[-1] != "user" or roles[:-1] != ["user", "assistant"] * ((len(roles) - 1) // 2):
        return None
    out["prompt"] = msgs[-1]["content"]
    pairs = [{"question": msgs[i]["content"], "answer": msgs[i + 1]["content"]} for i in range(0, len(msgs) - 1, 2)]
    if pairs:  # user/assistant turns before the question: our few-shot examples
        out["examples"] = pairs
    return out


def undeclared(source: str) -> list[str] | None:
    """Variable names a prompt uses (Jinja's own parser; promptfoo's nunjucks is close)."""
    import jinja2
    from jinja2 import meta

    try:
        env = jinja2.Environment()
        return sorted(meta.find_undeclared_variables(env.parse(source)))
    except jinja2.TemplateSyntaxError:
        return None


__all__ = ["KNOWN_TYPES", "NOT_PORTABLE", "PARAM_KEYS", "PORTABLE", "RUBRIC_TYPES", "SERVER_PROVIDERS", "chat_messages",
           "csv_assertion", "fill", "load_yaml", "scalar", "slug", "split_unescaped", "undeclared"]
