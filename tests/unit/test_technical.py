"""Technical substance (heuristics/technical.py): trade-offs, alternatives, reasoning, scale, failure, security."""

from __future__ import annotations

import pytest

from griller.domain.heuristics.technical import Technical, analyse_technical
from griller.domain.text import sanitize


def tech(text: str) -> Technical:
    clean = sanitize(text)
    result = analyse_technical(clean)
    for span in result.tradeoffs + result.alternatives + result.tech_terms:
        assert clean[span.start : span.end] == span.text
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


@pytest.mark.parametrize(
    "sentence",
    [
        "The costs are different on each side: with DynamoDB you design the tables around the queries.",
        "Kafka's cost is operations: brokers, partitions and consumer-lag monitoring.",
        "These all trade variance for bias, so too much regularisation gives you an underfit model.",
        "A sliding log is exact but stores a timestamp per request.",
        "Every index has to be updated on every insert, so it slows writes down.",
        "I'd fail open, accepting that a client could get more than its limit for a while.",
        "If the data must always be fresh, like balances, I wouldn't cache it at all.",
        "It only works if CI is fast and you have feature flags.",
    ],
)
def test_detects_costs_named_in_plain_words(sentence: str) -> None:
    assert tech(sentence).tradeoffs


@pytest.mark.parametrize(
    "sentence",
    [
        "There's no real downside except a bit of disk space.",
        "It scales without any overhead.",
        "Redis is fast, but I love it.",
    ],
)
def test_a_denied_or_empty_contrast_is_not_a_cost(sentence: str) -> None:
    assert tech(sentence).tradeoffs == []


@pytest.mark.parametrize(
    "sentence",
    [
        "There was a discussion about whether we should move to Kong or to the AWS gateway.",
        "I'd lean Postgres by default, with JSON columns for the flexible bits.",
        "You don't want five gig files going through your own servers.",
        "If it's orders and users that reference each other and need transactions, I'd go with Postgres.",
    ],
)
def test_detects_weighed_or_ruled_out_options(sentence: str) -> None:
    assert tech(sentence).alternatives


def test_a_conditional_step_is_not_an_alternative() -> None:
    assert tech("If it's there I just return it, and if not then insert it.").alternatives == []


def test_matches_on_text_whose_offsets_change_when_lower_cased() -> None:
    # "İ" grows when lower-cased: the case-insensitive twin of the pattern runs on the original text.
    t = tech("İt is exact, but it stores a timestamp per request. İf it's small, I'd use a list, or a set.")
    assert [s.text for s in t.tradeoffs] == ["but"]
    assert len(t.alternatives) == 2
