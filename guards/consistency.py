"""``selfcheckgpt``: sample the request again and score each sentence of the answer by
how well the samples support it (SelfCheckGPT, Manakul et al. 2023).

If a model knows a fact, answers sampled again for the same request state it again; if
it made the fact up, the samples disagree. The check asks the run path for ``samples``
more answers to the very request the answer came from (same model, prompt and
settings; ``temperature`` 1.0 unless set; seed *i* derived from the run's effective seed
by :func:`sample_seed`, so a re-run draws the same samples). Each sample is recorded as a
child run of the run it checks (stage ``selfcheckgpt-sample-i``).

Scoring, per sentence (:mod:`guards.sentences` splits English and Chinese):

- ``unigram`` / ``bigram`` (default ``unigram``): the n-gram variant, see
  :mod:`guards.consistency_score`; no model call besides the samples.
- ``judge``: a judge model (the run's own unless ``model`` names one) is asked for each
  (sentence, sample) pair "is this sentence supported by this passage?", its answer
  constrained to yes or no; the risk is the share of "no" (the paper's prompt variant).
  At most ``max_sentences`` sentences are judged; the rest keep their unigram score.

Each sentence gets a hallucination risk from 0 to 1; the check's score is the mean (the
answer's risk). Sentences at or above ``threshold`` are reported as spans (their offsets
in the answer, labelled with the risk), and any such sentence fails the check. The whole
per-sentence table goes into the checked run's ``extra_json`` under ``selfcheckgpt``.

A sample that fails (a backend error, a cancel) is reported in the message and left out;
if every sample fails, the check fails with the first error and scores nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from backends.base import complete
from common.errors import GuardError, WorkbenchError
from common.i18n import _
from guards.checks_base import Check, CheckResult, Span, want_choice, want_int, want_number
from guards.consistency_score import SentenceScore, overall, score_sentences
from guards.constrain import Constraint
from guards.judge import judge_request
from guards.sentences import Sentence, split_sentences

MAX_SAMPLES = 20
MAX_JUDGED = 50
MAX_SCORED = 200  # sentences scored at all; the rest of a very long answer is not
METHODS = ("unigram", "bigram", "judge")
PASSAGE_CHARS = 4000

JUDGE_SYSTEM = "You check whether a sentence is supported by a passage. You answer every question with yes or no only."
JUDGE_ASK = {
    "en": "Passage:\n\"\"\"\n{passage}\n\"\"\"\n\nSentence: {sentence}\n\n"
          "Is the sentence supported by the passage above? Answer yes or no.",
    "zh": "段落：\n\"\"\"\n{passage}\n\"\"\"\n\n句子：{sentence}\n\n上面的段落是否支持这个句子？只回答 yes 或 no。",
}


@dataclass(frozen=True)
class Sample:
    """One extra answer: its text, seed and child run; ``error`` when it did not finish."""

    index: int
    text: str
    seed: int | None
    run_id: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class SampleSource(Protocol):
    """What the run path lends the check: the run's effective seed, one more answer to the
    same request (recorded as a child run), and where the per-sentence report goes."""

    seed: int | None

    def sample(self, index: int, seed: int | None, temperature: float) -> Sample: ...

    def note(self, report: dict[str, Any]) -> None: ...


def sample_seed(seed: int | None, index: int) -> int | None:
    """Seed of sample ``index`` (1-based) for a run drawn with ``seed``: the first 4 bytes of
    BLAKE2b(``selfcheckgpt:{seed}:{index}``), so samples differ from the run and each other."""
    if seed is None:
        return None
    digest = hashlib.blake2b(f"selfcheckgpt:{seed}:{index}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big")


class SampleConsistencyCheck(Check):
    """``selfcheckgpt``: sample the request again and score each sentence by how well the samples
    support it; options ``samples`` (1-20, default 3), ``temperature`` (default 1.0), ``method``
    (unigram | bigram | judge), ``threshold`` (risk that flags a sentence, default 0.5),
    ``max_sentences`` (judged sentences, default 10), ``model`` (the judge), ``backend``."""

    name: ClassVar[str] = "selfcheckgpt"

    def __init__(self, *, samples: Any = 3, temperature: Any = 1.0, method: Any = "unigram", threshold: Any = 0.5,
                 max_sentences: Any = 10, model: Any = None, backend: Any = None) -> None:
        super().__init__(samples=samples, temperature=temperature, method=method, threshold=threshold,
                         max_sentences=max_sentences, model=model)
        if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES:
            raise GuardError(_("{name}: samples must be an integer from 1 to {n}; got {value!r}").format(
                name=self.name, n=MAX_SAMPLES, value=samples))
        self.samples = samples
        self.temperature = want_number(self.name, "temperature", temperature, low=0.0, high=2.0)
        if self.temperature == 0:
            raise GuardError(_("{name}: temperature must be above 0, or every sample is the same answer").format(
                name=self.name))
        self.method = want_choice(self.name, "method", method, METHODS)
        self.threshold = want_number(self.name, "threshold", threshold, low=0.0, high=1.0)
        self.max_sentences = want_int(self.name, "max_sentences", max_sentences, low=1)
        if self.max_sentences > MAX_JUDGED:
            raise GuardError(_("{name}: max_sentences must be at most {n}; got {value!r}").format(
                name=self.name, n=MAX_JUDGED, value=max_sentences))
        if model is not None and not isinstance(model, str):
            raise GuardError(_("{name}: model must be a model name; got {value!r}").format(name=self.name, value=model))
        if self.method == "judge" and backend is None:
            raise GuardError(_("{name}: method judge needs the judge model{model} loaded; load it before "
                               "running checks that use it").format(name=self.name, model=f" {model!r}" if model else ""))
        self.model = model
        self.backend = backend
        self._source: SampleSource | None = None

    def run(self, text: str, *, source: SampleSource | None = None) -> CheckResult:
        """Check ``text``, drawing the samples from ``source`` (the run path gives one)."""
        self._source = source
        try:
            return super().run(text)
        finally:
            self._source = None

    def _check(self, text: str) -> CheckResult:
        sentences = split_sentences(text)[:MAX_SCORED]
        if not sentences:
            return self.result("pass", _("the answer is empty; nothing to score"), score=0.0)
        source = self._source
        if source is None:
            raise GuardError(_("{name}: needs the run's model to sample from; put it under a run's output checks "
                               "(a policy or a template's guards)").format(name=self.name))
        drawn = [self._draw(source, i) for i in range(1, self.samples + 1)]
        good = [s for s in drawn if s.ok]
        failed = [s for s in drawn if not s.ok]
        report: dict[str, Any] = {"method": self.method, "temperature": self.temperature,
                                  "threshold": self.threshold, "seed": source.seed,
                                  "samples": [{"index": s.index, "seed": s.seed, "run_id": s.run_id, "error": s.error}
                                              for s in drawn]}
        if not good:
            source.note({**report, "sentences": [], "overall": None})
            return self.result("fail", _("could not score: all {n} samples failed ({error})").format(
                n=len(drawn), error=failed[0].error))
        texts = [s.text for s in good]
        ngram = score_sentences(sentences, text, texts, n=2 if self.method == "bigram" else 1)
        risks = [s.risk for s in ngram]
        judged: list[dict[str, int] | None] = [None] * len(sentences)
        problem = None
        if self.method == "judge":
            risks, judged, problem = self._judge(sentences, texts, risks)
        total = overall(risks)
        flagged = [(s, r) for s, r in zip(sentences, risks) if r >= self.threshold]
        spans = [Span(s.start, s.end, _("risk {risk:.2f}").format(risk=r), s.text) for s, r in flagged]
        report.update(overall=total, sentences=[_row(sc, r, j) for sc, r, j in zip(ngram, risks, judged)])
        source.note(report)
        message = _("{k} of {m} sentences at risk >= {threshold:g} (highest {top:.2f}); answer risk {total:.2f}; "
                    "{method} over {n} of {all} samples").format(
            k=len(flagged), m=len(sentences), threshold=self.threshold, top=max(risks), total=total,
            method=self.method, n=len(good), all=len(drawn))
        for s in failed:
            message += "; " + _("sample {i} failed: {error}").format(i=s.index, error=s.error)
        if problem:
            message += "; " + problem
        return self.result("fail" if flagged else "pass", message, spans, score=total)

    def _draw(self, source: SampleSource, index: int) -> Sample:
        seed = sample_seed(source.seed, index)
        try:
            return source.sample(index, seed, self.temperature)
        except WorkbenchError as exc:  # the run path reports most failures itself; this is the rest
            return Sample(index, "", seed, None, str(exc))

    def _judge(self, sentences: Sequence[Sentence], passages: Sequence[str],
               fallback: list[float]) -> tuple[list[float], list[dict[str, int] | None], str | None]:
        """Risk = share of "no" over the samples, for the first ``max_sentences`` sentences."""
        risks = list(fallback)
        judged: list[dict[str, int] | None] = [None] * len(sentences)
        if not self.backend.supports_constraints:  # checked here: a policy is validated with a stand-in model
            return risks, judged, _("the judge backend {name} cannot constrain its answer to yes or no, so the "
                                    "unigram scores stand; choose a local judge model").format(name=self.backend.name)
        constraint = Constraint.choice(["yes", "no"])
        for i, sentence in enumerate(sentences[: self.max_sentences]):
            votes = {"yes": 0, "no": 0, "other": 0}  # "other" (an unconstrained slip) counts half, as in the paper
            for passage in passages:
                ask = JUDGE_ASK["zh" if _mostly_cjk(sentence.text) else "en"]
                body = ask.format(passage=passage[:PASSAGE_CHARS], sentence=sentence.text)
                try:
                    answer = complete(self.backend, judge_request(self.backend, JUDGE_SYSTEM, body, constraint))
                except WorkbenchError as exc:
                    return risks, judged, _("the judge failed ({error}), so unigram scores stand from sentence "
                                            "{i} on").format(error=exc, i=i + 1)
                word = answer.text.strip().lower()
                votes[word if word in ("yes", "no") else "other"] += 1
            risks[i] = round((votes["no"] + 0.5 * votes["other"]) / len(passages), 4)
            judged[i] = votes
        left = len(sentences) - self.max_sentences
        note = _("the sentences after the first {k} ({n} more) keep their unigram scores").format(
            n=left, k=self.max_sentences) if left > 0 else None
        return risks, judged, note


def _mostly_cjk(text: str) -> bool:
    cjk = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    return cjk * 2 > len(text.strip())


def _row(score: SentenceScore, risk: float, judged: dict[str, int] | None) -> dict[str, Any]:
    s = score.sentence
    return {"start": s.start, "end": s.end, "text": s.text, "risk": risk, "ngram_risk": score.risk,
            "neg_logp_avg": score.neg_logp_avg, "neg_logp_max": score.neg_logp_max, "judge": judged}
