"""The labelled corpus: well-formed, big enough, and classified as labelled."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.bench_checks import CORPUS, HOLDOUT, load_corpus, score_corpus
from guards.checks import CHECKS
from guards.pii import PII_KINDS

LABELS = {"EMAIL", "PHONE", "CARD", "IBAN", "CN_ID", "IP", "SECRET", "PRIVATE_KEY"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def holdout():
    return load_corpus(HOLDOUT)


@pytest.mark.parametrize("path", [CORPUS, HOLDOUT], ids=["corpus", "holdout"])
def test_items_are_well_formed(path):
    items = load_corpus(path)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    for item in items:
        assert set(item) <= {"id", "check", "lang", "text", "expect", "labels", "note", "config"}, item["id"]
        assert item["check"] in CHECKS, item["id"]
        assert item["expect"] in ("pass", "fail"), item["id"]
        assert item["text"], item["id"]
        assert set(item["labels"]) <= LABELS, item["id"]
        if item["check"] == "pii" and item["expect"] == "fail":
            assert item["labels"], item["id"]


def test_corpus_size_languages_and_balance(corpus):
    assert len(corpus) >= 150
    langs = Counter(item["lang"] for item in corpus)
    assert langs["en"] >= 100 and langs["zh"] >= 60
    for check in ("pii", "injection", "refusal", "language", "blocked_terms", "json"):
        expects = Counter(item["expect"] for item in corpus if item["check"] == check)
        assert expects["fail"] >= 3 and expects["pass"] >= 3, check
    pii_labels = {label for item in corpus if item["check"] == "pii" for label in item["labels"]}
    assert pii_labels == LABELS
    assert set(PII_KINDS) == {"secret", "email", "iban", "cn_id", "card", "ip", "phone"}


def test_every_corpus_item_is_classified_as_labelled(corpus):
    per_check, per_label, wrong = score_corpus(corpus)
    assert wrong == []
    assert all(t.recall == 1.0 for t in per_label.values())
    assert sum(t.tp + t.fp + t.fn + t.tn for t in per_check.values()) == len(corpus)


def test_holdout_stays_above_its_first_measurement(holdout):
    # The held-out items were written after the rules were frozen and are never tuned on;
    # these floors are the first measurement, so a regression shows up here.
    per_check, _, _ = score_corpus(holdout)
    floors = {"pii": (0.93, 0.88), "injection": (0.75, 0.46), "refusal": (1.0, 0.6), "language": (1.0, 1.0)}
    for check, (precision, recall) in floors.items():
        assert per_check[check].precision >= precision, check
        assert per_check[check].recall >= recall, check
