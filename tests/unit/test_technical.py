"""Technical substance (heuristics/technical.py): trade-offs, alternatives, reasoning, scale, failure, security."""

from __future__ import annotations

import pytest

from griller.domain.heuristics.technical import Technical, analyse_technical
from griller.domain.text import sanitize


def tech(text: str) -> Technical:
    clean = sanitize(text)
    result = analyse_technical(clean)
    for span in result.tradeoffs + result.alternatives + result.tech_terms:
        assert clean[span.start:span.end] == span.text
    return result


PLAIN = "I added a Redis cache in front of the product table."


@pytest.mark.parametrize(
    "sentence",
    [
        "The downside is that writes get slower.",
        "Caching adds complexity and the data can be stale for up to a minute.",
        "It is faster, but it means we lose strict ordering.",
        "The trade-off was more memory for fewer database round trips.",
        "Denormalising would have doubled our write load.",
    ],
)
def test_detects_tradeoffs(sentence: str) -> None:
    assert tech(sentence).tradeoffs


@pytest.mark.parametrize(
    "sentence",
    [
        "We considered Kafka but chose RabbitMQ because nobody had run Kafka in production.",
        "I used a token bucket instead of a fixed window.",
        "Postgres versus DynamoDB came down to the query patterns.",
        "We ruled out sharding because the data fits on one machine.",
    ],
)
def test_detects_alternatives(sentence: str) -> None:
    assert tech(sentence).alternatives


@pytest.mark.parametrize("sentence", [PLAIN, "I wrote the handler and deployed it on Monday."])
def test_a_plain_description_weighs_nothing(sentence: str) -> None:
    t = tech(sentence)
    assert t.tradeoffs == []
    assert t.alternatives == []


def test_detects_reasoning() -> None:
    assert tech("I batched the writes because each insert paid a network round trip.").reasoning
    assert tech(PLAIN).reasoning == []


@pytest.mark.parametrize(
    ("sentence", "attribute"),
    [
        ("It has to handle 50k requests per second, so we shard by customer id.", "scale"),
        ("We retry with exponential backoff and park failures in a dead letter queue.", "failure_handling"),
        ("Passwords are hashed with bcrypt and every call goes over TLS.", "security"),
    ],
)
def test_detects_scale_failure_and_security(sentence: str, attribute: str) -> None:
    assert getattr(tech(sentence), attribute)


@pytest.mark.parametrize("attribute", ["scale", "failure_handling", "security"])
def test_small_talk_has_no_scale_failure_or_security(attribute: str) -> None:
    assert getattr(tech("I really enjoyed working with that team, they were great people."), attribute) == []


def test_a_technical_answer_names_more_distinct_terms_than_small_talk() -> None:
    technical = tech(
        "I put a read replica behind the API, added an index on the join column and moved the "
        "cron job to a queue with idempotent workers."
    )
    small_talk = tech("I really enjoyed working with that team, they were great people.")
    assert technical.distinct_tech_terms >= 5
    assert small_talk.distinct_tech_terms == 0
