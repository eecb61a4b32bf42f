"""The shape of a story (heuristics/story.py): situation, result, lesson, and concrete versus generic."""

from __future__ import annotations

import pytest

from griller.domain.heuristics.story import Story, analyse_story
from griller.domain.text import sanitize


def story(text: str) -> Story:
    clean = sanitize(text)
    result = analyse_story(clean)
    for span in result.situation + result.results + result.learning + result.generic + result.named:
        assert clean[span.start : span.end] == span.text
    return result


@pytest.mark.parametrize(
    "sentence",
    [
        "At my last job I owned the checkout API for an online retailer.",
        "Last year our payments service kept timing out under load.",
        "When I was at Loomly, the orders team had no on-call rotation.",
        "The problem was that every cart lookup ran one query per item.",
        "so um back in my previous job we had this really flaky build",
    ],
)
def test_detects_a_situation(sentence: str) -> None:
    assert story(sentence).situation


@pytest.mark.parametrize(
    "sentence",
    [
        "I rewrote the parser and added tests.",
        "Profile first, then optimise.",
        "Communication is key.",
    ],
)
def test_bare_actions_or_platitudes_set_no_scene(sentence: str) -> None:
    assert story(sentence).situation == []


@pytest.mark.parametrize(
    "sentence",
    [
        "As a result p99 dropped from 900 ms to 140 ms.",
        "In the end we shipped two weeks early.",
        "The migration went live without downtime and we haven't had an outage since.",
        "That cut our AWS bill by a third.",
    ],
)
def test_detects_a_result(sentence: str) -> None:
    assert story(sentence).results


@pytest.mark.parametrize(
    "sentence",
    [
        "I think communication is important.",
        "I opened the profiler and looked at the flame graph.",
    ],
)
def test_no_result_where_nothing_happened(sentence: str) -> None:
    assert story(sentence).results == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I learned to profile before guessing.",
        "In hindsight I should have asked for help sooner.",
        "Next time I would write the rollback plan first.",
        "The lesson for me was to agree on metrics up front.",
    ],
)
def test_detects_a_lesson(sentence: str) -> None:
    assert story(sentence).learning


@pytest.mark.parametrize(
    "sentence",
    ["We deployed the fix on Friday afternoon.", "I added an index on the orders table."],
)
def test_plain_events_are_not_lessons(sentence: str) -> None:
    assert story(sentence).learning == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I always make sure to communicate clearly with my team.",
        "In general you should write tests before refactoring.",
        "I'm a team player and I value honest feedback.",
        "Usually I try to understand the root cause.",
    ],
)
def test_detects_generic_statements(sentence: str) -> None:
    assert story(sentence).generic


@pytest.mark.parametrize(
    "sentence",
    [
        "Last year I rewrote the billing job in Go.",
        "At Loomly I moved order updates to an outbox table.",
    ],
)
def test_concrete_stories_are_not_generic(sentence: str) -> None:
    assert story(sentence).generic == []


def test_a_concrete_story_has_more_specific_markers_than_a_platitude() -> None:
    concrete = story(
        "Last year at Loomly I rewrote the billing job in Go. The nightly run went from 40 minutes to 6, "
        "and on Black Friday it handled twice the usual orders."
    )
    platitude = story("I always try to communicate clearly and I believe teamwork is the key to success.")
    assert concrete.specific_markers > platitude.specific_markers
    assert concrete.named and concrete.time_anchors
    assert platitude.named == [] and platitude.time_anchors == []


def test_code_shaped_names_count_as_named_things() -> None:
    named = {s.text for s in story("we traced it to getUserById in the node.js worker on S3").named}
    assert {"getUserById", "node.js", "S3"} <= named


def test_snake_case_names_count_as_named_things() -> None:
    assert "order_items" in {s.text for s in story("we traced it to the order_items table").named}


@pytest.mark.parametrize(
    "sentence",
    [
        "What I changed in how I work: every proposal I write now has a section on reversing it.",
        "Afterwards I added a uniqueness test so we wouldn't depend on someone spotting a weird chart.",
        "The anomaly check has since caught two upstream issues.",
        "I added a lint rule to prevent it from happening again.",
    ],
)
def test_detects_a_change_made_since(sentence: str) -> None:
    assert story(sentence).learning


@pytest.mark.parametrize(
    "sentence",
    [
        "I delivered it on Friday, a business day early, and the auditors accepted it.",
        "Everything reconciled after the reload.",
        "The page got a lot faster.",
    ],
)
def test_detects_an_outcome_with_any_subject(sentence: str) -> None:
    assert story(sentence).results


def test_past_events_count_sentence_initial_subjects() -> None:
    assert story("We went through every alert. We also wrote runbooks. Our team then tuned the rest.").past_events == 3
