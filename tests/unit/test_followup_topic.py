"""The topic a follow-up names: a short noun phrase from the question, never a fragment of a clause."""

from __future__ import annotations

import pytest

from griller.domain.followup import topic_of


@pytest.mark.parametrize(
    ("question", "kind", "topic"),
    [
        # résumé-grounded questions quote a bullet: the phrase stops at its preposition
        (
            "You wrote 'Migrated the ledger from MySQL to PostgreSQL with zero downtime'. What exactly did you do?",
            "behavioral",
            "that ledger",
        ),
        ("What's the reasoning behind that choice of queue?", "technical", "the reasoning"),
        # a phrase never runs into the next sentence
        ("Design the streaming pipeline. What does it cost to run?", "system_design", "the streaming pipeline"),
        # verbs, adverbs and participles end a phrase; a verb-like first word may start one
        ("Why might adding the index make things worse?", "technical", "the index"),
        ("What would you do if the web page loads slowly on phones?", "situational", "that web page"),
        ("Tell me about a time the pipeline produced wrong numbers.", "behavioral", "that pipeline"),
        ("How would you structure the shared component library?", "technical", "the shared component library"),
        ("Tell me about a piece of critical feedback you received.", "behavioral", "that piece of critical feedback"),
        # people are never the topic; the fallback is the situation
        ("Tell me about a time you disagreed with a colleague.", "behavioral", "that situation"),
        ("How do you choose?", "technical", "your approach"),
    ],
)
def test_topic_is_a_short_noun_phrase(question: str, kind: str, topic: str) -> None:
    assert topic_of(question, kind) == topic  # type: ignore[arg-type]
