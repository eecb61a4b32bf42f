"""Quantities (heuristics/numbers.py): what counts as a number that backs a claim, and what does not."""

from __future__ import annotations

import pytest

from griller.domain.heuristics.numbers import quantities, vague_quantifiers
from griller.domain.text import sanitize


def found(text: str) -> list[str]:
    clean = sanitize(text)
    spans = quantities(clean)
    for span in spans:
        assert clean[span.start : span.end].strip() == span.text
    return [s.text for s in spans]


@pytest.mark.parametrize(
    ("sentence", "must_cover"),
    [
        ("We cut p99 from 900 ms to 120 ms.", "900"),
        ("Checkout latency dropped by 40% after the change.", "40%"),
        ("That saved us $120k a year in hosting.", "$120k"),
        ("We saved about €4,500 a month on the CDN bill.", "€4,500"),
        ("about forty percent of the traffic was bots", "forty percent"),
        ("it went down to a hundred and twenty milliseconds", "a hundred and twenty milliseconds"),
        ("twenty-five percent of requests were retries", "twenty-five percent"),
        ("The new parser was 3x faster.", "3x"),
        ("Throughput doubled once the lock was gone.", "doubled"),
        ("We cut it in half by batching writes.", "half"),
        ("I led 5 engineers on the rewrite.", "5 engineers"),
        ("i mentored fifteen engineers over two years", "fifteen engineers"),
        ("The service handles 10,000 requests per second at peak.", "10,000 requests"),
        ("we served 2 million users during the launch", "2 million users"),
        ("The nightly build took 45 minutes.", "45 minutes"),
        ("I spent 3 days reproducing it.", "3 days"),
        ("We rolled it out to 3 regions.", "3 regions"),
        ("Conversion rose 12 percentage points.", "12 percentage points"),
        ("We went from 4 to 9 nodes.", "4"),
        ("Revenue grew by 1.5 million dollars.", "1.5 million dollars"),
        ("Since 2020 we've had three outages.", "three outages"),
        ("The index is 40 GB now.", "40 GB"),
    ],
)
def test_detects_quantities(sentence: str, must_cover: str) -> None:
    spans = found(sentence)
    assert any(must_cover in s for s in spans), spans


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2019 we moved to Python 3.8.",
        "We upgraded to Python 3.11 last spring.",
        "We switched the gateway to HTTP/2.",
        "We migrated from Java 8 to Java 17.",
        "We moved the build to Node 20 and React 18.",
        "We ran it on Ubuntu 22.04 with Postgres 15.",
        "We stored everything in S3 and ran the workers on EC2.",
        "I looked at the p99 and p95 dashboards first.",
        "We used OAuth 2 and IPv6 everywhere.",
        "The release went out on 2024-03-15.",
        "On March 3, 2021 the site went down.",
        "The incident started at 3pm on a Friday.",
        "The standup was at 10:30.",
        "It was my 2nd project there and the 1st on call rotation.",
        "Two weeks ago a customer reported the bug.",
        "One day the database fell over.",
        "Back in Q3 2022 we had a reorg.",
        "\x1b[38;5;196mThe deploy failed\x1b[0m and I rolled it back.",
        "\x1b]8;;https://ci.example/build/12345\x07the build log\x1b]8;;\x07 was red.",
        "We had a lot of users and it got a lot faster.",
        "I rewrote the parser and it was much better.",
    ],
)
def test_does_not_mistake_names_versions_dates_or_escapes_for_quantities(sentence: str) -> None:
    assert found(sentence) == []


def test_escape_digits_only_vanish_after_sanitising() -> None:
    raw = "\x1b[38;5;196mThe deploy failed\x1b[0m"
    assert "196" in raw
    assert "196" not in sanitize(raw)
    assert found(raw) == []


def test_quantity_next_to_a_year_still_counts() -> None:
    assert any("3 engineers" in s for s in found("In 2019 I hired 3 engineers."))


@pytest.mark.parametrize(
    "sentence",
    [
        "We made it a lot faster.",
        "Performance improved significantly after the rewrite.",
        "It was a huge improvement for customers.",
        "We reduced latency dramatically.",
        "It ran way faster than before.",
    ],
)
def test_vague_improvement_claims_are_found(sentence: str) -> None:
    assert vague_quantifiers(sanitize(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "We cut p99 from 900 ms to 120 ms.",
        "I added an index on orders.customer_id.",
        "The team reviewed the design on Tuesday.",
    ],
)
def test_precise_or_neutral_sentences_are_not_vague(sentence: str) -> None:
    assert vague_quantifiers(sanitize(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "must_cover"),
    [
        ("say 10 million users and about 600 a second at peak", "600 a second"),
        ("let's say five million, and maybe twenty million notifications a day", "five million"),
        ("reads outnumber writes, maybe a hundred to one", "a hundred to one"),
        ("seven characters gets you trillions of links", "trillions of links"),
        ("you don't want five gig files going through your servers", "five gig"),
        ("chunks of ten or twenty megs each", "twenty megs"),
        ("the API handles 10,000 writes per second", "10,000 writes"),
    ],
)
def test_detects_rates_scales_and_spoken_sizes(sentence: str, must_cover: str) -> None:
    assert any(must_cover in s for s in found(sentence)), found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We saw quite a lot of abuse attempts in the first weeks.",
        "We didn't lose much money on them, and conversion held up well.",
    ],
)
def test_unquantified_outcomes_are_vague(sentence: str) -> None:
    assert vague_quantifiers(sanitize(sentence))
