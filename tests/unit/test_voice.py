"""Who did it (heuristics/voice.py): first-person actions versus "we", "the team" and opinions."""

from __future__ import annotations

import pytest

from griller.domain.heuristics.voice import Voice, analyse_voice
from griller.domain.text import sanitize


def voice(text: str) -> Voice:
    clean = sanitize(text)
    result = analyse_voice(clean)
    for span in result.i_actions + result.we_actions + result.ownership_statements:
        assert clean[span.start:span.end] == span.text
    return result


@pytest.mark.parametrize(
    "sentence",
    [
        "I rewrote the retry logic and added a circuit breaker.",
        "I profiled the endpoint with py-spy.",
        "I then benchmarked both options on a copy of production.",
        "I decided to split the service into two workers.",
        "I've rewritten the importer twice since then.",
        # Speech transcripts: lowercase "i", fillers between subject and verb.
        "i rewrote the retry logic and i added alerts",
        "so um i uh wrote a script to replay the traffic",
        "I, um, profiled the endpoint first",
    ],
)
def test_detects_first_person_actions(sentence: str) -> None:
    v = voice(sentence)
    assert v.i_actions
    assert v.concrete_i_actions >= 1


@pytest.mark.parametrize(
    "sentence",
    [
        "We rewrote the retry logic.",
        "The team migrated the database over a weekend.",
        "My team shipped the new checkout.",
        "They decided to roll back the release.",
        "we uh we rewrote the whole thing in go",
    ],
)
def test_team_actions_are_not_first_person(sentence: str) -> None:
    v = voice(sentence)
    assert v.we_actions
    assert v.i_actions == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I think we should use Postgres.",
        "I believe the cache was the problem.",
        "I feel like it went well overall.",
        "I guess it worked out in the end.",
        "i think it was fine",
        "I was on the platform team at the time.",
    ],
)
def test_opinions_and_states_are_not_actions(sentence: str) -> None:
    assert voice(sentence).i_actions == []


def test_a_preference_with_like_is_not_an_action() -> None:
    assert voice("I like clean code and small pull requests.").i_actions == []


@pytest.mark.parametrize(
    "sentence",
    ["I, like, rewrote the retry logic.", "I like, rewrote the retry logic.", "I um like rewrote the retry logic."],
)
def test_like_set_off_as_a_filler_still_leads_to_the_action(sentence: str) -> None:
    assert [s.text.split()[-1] for s in voice(sentence).i_actions] == ["rewrote"]


def test_a_jargon_object_makes_an_action_generic() -> None:
    v = voice("I leveraged synergies across the org. I rewrote the parser in Rust.")
    assert [s.text for s in v.generic_i_actions] == ["I leveraged"]


@pytest.mark.parametrize(
    "sentence",
    [
        "I handled it.",
        "I helped with the project.",
        "I worked on the issue.",
        "I took care of it.",
    ],
)
def test_generic_verbs_are_not_concrete_actions(sentence: str) -> None:
    assert voice(sentence).concrete_i_actions == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "I was responsible for the migration.",
        "My role was to own the rollout plan.",
        "I took ownership of the on-call rotation.",
        "I decided to stop the release.",
    ],
)
def test_detects_ownership_statements(sentence: str) -> None:
    assert voice(sentence).ownership_statements


@pytest.mark.parametrize(
    "sentence",
    ["The team owned the rollout plan.", "We were responsible for the migration.", "It was a group effort."],
)
def test_team_ownership_is_not_personal_ownership(sentence: str) -> None:
    assert voice(sentence).ownership_statements == []
