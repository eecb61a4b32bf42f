"""The shared matching helpers (heuristics/_patterns.py): anchored regexes and the phrase trie."""

from __future__ import annotations

import re

import pytest

from griller.domain.heuristics._patterns import LowerPattern, anchored, find, phrases
from griller.domain.heuristics.story import _PAST_EVENT, _SUBJECTS
from griller.domain.heuristics.voice import _I_WORDS, _WE_WORDS, I_ACTION, WE_ACTION
from griller.domain.text import sanitize

TEXTS = [
    "I, um, rewrote it. We’d then ship. The team, like, decided. I’ve fixed it. i'd go",
    "My lead and I then built it; our team shipped it and the service was back.",
    "It worked. He was happy. x_we did nothing. The-team did. The database was slow.",
    "so um we basically had a lot of meetings and the team kind of figured it out",
    "When I was at Loomly I was the one who owned it. They rolled back; everyone agreed.",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    ("pattern", "starts"), [(I_ACTION, _I_WORDS), (WE_ACTION, _WE_WORDS), (_PAST_EVENT, _SUBJECTS)]
)
def test_anchored_matches_what_a_full_scan_matches(
    text: str, pattern: re.Pattern[str], starts: dict[str, frozenset[str] | None]
) -> None:
    clean = sanitize(text)
    assert [m.span() for m in anchored(pattern, clean, starts)] == [m.span() for m in pattern.finditer(clean)]


@pytest.mark.parametrize("text", ["Whether to SHARD or not.", "İ wonder whether to shard or not."])
def test_a_lower_case_pattern_matches_any_case_and_quotes_the_original(text: str) -> None:
    spans = find(LowerPattern(r"whether(?<=\bwhether)\b[^.?!]{3,60}?\bor\b"), text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == spans[0].text
    assert spans[0].text.lower().startswith("whether")


def test_a_phrase_walks_down_the_trie_to_its_longest_match() -> None:
    matcher = phrases(["as a result", "as a", "a result of the change"])
    assert [s.text for s in matcher.finditer("As a result of the change, as a rule, it held.")] == [
        "As a result",
        "as a",
    ]
