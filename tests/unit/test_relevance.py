"""Does the answer address the question (heuristics/relevance.py)? Overlap widened by concept families."""

from __future__ import annotations

import pytest

from griller.domain.heuristics.relevance import relevance, stem


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "Tell me about a time you disagreed with a teammate.",
            "My colleague and I had a real conflict about the schema and we argued about it for a week.",
        ),
        (
            "How would you design a rate limiter for a public API?",
            "I'd put a token bucket per API key in Redis, in the gateway, and throttle when the bucket is empty.",
        ),
        (
            "Tell me about a deployment that went wrong.",
            "We deployed on a Friday and the release broke checkout, so I rolled it back.",
        ),
        (
            "Walk me through an optimization you made.",
            "I optimized the slow report query by adding a covering index.",
        ),
    ],
)
def test_on_topic_answers_touch_the_question(question: str, answer: str) -> None:
    result = relevance(question, answer)
    assert result.score > 0
    assert result.matched


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "How would you design a rate limiter for a public API?",
            "I enjoy hiking and cooking pasta on weekends with my family.",
        ),
        (
            "Tell me about a time you disagreed with a teammate.",
            "My favourite programming language is Haskell because of its elegant syntax.",
        ),
    ],
)
def test_off_topic_answers_touch_nothing(question: str, answer: str) -> None:
    result = relevance(question, answer)
    assert result.score == 0
    assert result.matched == ()


def test_on_topic_scores_higher_than_off_topic() -> None:
    question = "How do you handle database schema migrations without downtime?"
    on = relevance(question, "I add the column first, backfill the table in batches, then move queries behind a flag.")
    off = relevance(question, "I like to keep my desk tidy and take a walk after lunch.")
    assert on.score > off.score


def test_a_question_of_only_filler_words_cannot_be_missed() -> None:
    assert relevance("Tell me about it.", "Anything at all.").score == 1.0


@pytest.mark.parametrize(("a", "b"), [("deployed", "deployment"), ("optimized", "optimization"), ("tests", "testing")])
def test_stem_joins_inflections(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("validated", "validation"), ("operator", "operation"), ("repeated", "repeat"), ("generating", "generation")],
)
def test_verb_forms_of_ation_nouns_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_migration_and_migrated_are_the_same_topic() -> None:
    assert stem("migrated") == stem("migration") == stem("migrating")
    assert relevance(
        "Tell me about a migration you ran.", "I migrated the billing service from MySQL to Postgres in one weekend."
    ).score > 0
