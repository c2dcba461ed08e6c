"""Scoring an answer's sentences by how well sampled answers support them (no model).

The n-gram variant of SelfCheckGPT (Manakul et al. 2023, "SelfCheckGPT: Zero-Resource
Black-Box Hallucination Detection for Generative Large Language Models"): if the model
knows a fact, answers sampled again for the same request repeat it; a sentence whose
words the samples do not repeat is likely made up.

For each sentence, ``risk`` (0..1) is one minus the mean *support* of its n-grams (n = 1
or 2), where the support of an n-gram is the share of samples that contain it. Unigrams
leave out function words (``sentences.STOPWORDS``); bigrams leave out those made of two
function words; a sentence with nothing else left is scored on all its n-grams. So a
sentence every sample repeats scores 0, one no sample shares a content word with scores 1.

The paper's own quantities are kept beside it for comparison: under an n-gram language
model trained on the samples and the answer (add-one smoothing), the mean and the maximum
of ``-log p`` over the sentence's tokens (``neg_logp_avg``, ``neg_logp_max``; unbounded,
higher is riskier).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from guards.sentences import STOPWORDS, Sentence, tokens

NGram = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SentenceScore:
    sentence: Sentence
    risk: float  # 0 (every sample repeats it) .. 1 (no sample shares a content n-gram)
    neg_logp_avg: float
    neg_logp_max: float
    ngrams: int  # how many n-grams the risk was averaged over


def ngrams(toks: Sequence[str], n: int) -> list[NGram]:
    return [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def _content(grams: list[NGram]) -> list[NGram]:
    kept = [g for g in grams if not all(t in STOPWORDS for t in g)]
    return kept or grams


def score_sentences(sentences: Sequence[Sentence], answer: str, samples: Sequence[str], n: int = 1) -> list[SentenceScore]:
    """Risk per sentence of ``answer`` given ``samples`` (at least one); ``n`` is 1 or 2."""
    if n not in (1, 2):
        raise ValueError(f"n must be 1 or 2, got {n}")
    if not samples:
        raise ValueError("no samples to score against")
    sample_tokens = [tokens(s) for s in samples]
    sample_sets = [set(ngrams(t, n)) | set(ngrams(t, 1)) for t in sample_tokens]
    lm = _NGramModel([*sample_tokens, tokens(answer)], n)
    out = []
    for sentence in sentences:
        toks = tokens(sentence.text)
        grams = _content(ngrams(toks, n)) if len(toks) >= n else []
        if not grams:  # a one-word sentence under bigrams: its word alone
            grams = _content(ngrams(toks, 1))
        if grams:
            support = [sum(g in s for s in sample_sets) / len(sample_sets) for g in grams]
            risk = 1.0 - sum(support) / len(support)
        else:
            risk = 0.0
        avg, mx = lm.neg_logp(toks)
        out.append(SentenceScore(sentence, round(risk, 4), round(avg, 4), round(mx, 4), len(grams)))
    return out


class _NGramModel:
    """Add-one smoothed unigram or bigram counts over the training texts."""

    def __init__(self, texts: Sequence[Sequence[str]], n: int):
        self.n = n
        self.unigrams: Counter[str] = Counter(t for toks in texts for t in toks)
        self.bigrams: Counter[NGram] = Counter(g for toks in texts for g in ngrams(toks, 2)) if n == 2 else Counter()
        self.total = sum(self.unigrams.values())
        self.vocab = len(self.unigrams) + 1  # + 1 for a word never seen

    def neg_logp(self, toks: Sequence[str]) -> tuple[float, float]:
        if not toks:
            return 0.0, 0.0
        values = []
        for i, t in enumerate(toks):
            if self.n == 2 and i > 0:
                p = (self.bigrams[(toks[i - 1], t)] + 1) / (self.unigrams[toks[i - 1]] + self.vocab)
            else:
                p = (self.unigrams[t] + 1) / (self.total + self.vocab)
            values.append(-math.log(p))
        return sum(values) / len(values), max(values)


def overall(scores: Sequence[float]) -> float:
    """The answer's risk: the mean of its sentences' risks (the paper's passage score)."""
    return round(sum(scores) / len(scores), 4) if scores else 0.0
