"""Delivery metrics (domain/delivery.py) on synthetic word timings: fillers, pace, pauses, tips."""

from __future__ import annotations

import pytest

from griller.config import Settings
from griller.domain.delivery import SPEECH_KEYS, Thresholds, Word, filler_positions, measure, tips


def timed(text: str, *, word: float = 0.3, gap: float = 0.1, start: float = 0.0) -> list[Word]:
    """Words with regular timings; a ``|`` in the text is a 1 s pause, ``||`` a 2.5 s pause."""
    words, t = [], start
    for token in text.split():
        if set(token) == {"|"}:
            t += 1.0 if token == "|" else 2.5
            continue
        words.append(Word(token, t, t + word))
        t += word + gap
    return words


def fillers(text: str) -> list[str]:
    ws = timed(text)
    return [name for _, name in filler_positions(ws)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("um I rewrote the retry logic", ["um"]),
        ("I uh rewrote it and umm shipped it", ["uh", "um"]),
        ("Basically we actually cut the cost", ["basically", "actually"]),
        # "like" as a filler: set off by commas, opening a sentence, before a number, next to "um"
        ("and, like, we moved forty services", ["like"]),
        ("Like we shipped it on Friday", ["like"]),
        ("it took like five minutes", ["like"]),
        ("um like the queue was full", ["um", "like"]),
        # "like" as a verb or a preposition
        ("I like working with data", []),
        ("I would like to lead the project", []),
        ("it looks like a memory leak", []),
        ("we used queues like Kafka and SQS", []),
        ("tools, like Kafka, were new to us", []),
        ("that is what I'd like.", []),
        # "so" as a filler: opening the answer, followed by a comma or an um
        ("So I led the migration", ["so"]),
        ("so, we had a problem", ["so"]),
        ("we were stuck so um we paged the owner", ["so", "um"]),
        # "so" as a conjunction or an intensifier
        ("it broke so I fixed it", []),
        ("I did it so that we could ship", []),
        ("it was so slow that users left", []),
        ("I think so.", []),
        ("We missed the date. So we cut scope.", []),
        # "you know" counts once, only as a filler
        ("the cache was, you know, cold", ["you know"]),
        ("you know we never tested it", ["you know"]),
        ("do you know what happened", []),
        ("you know the drill", []),
        ("as you know the team was small", []),
    ],
)
def test_filler_words(text: str, expected: list[str]) -> None:
    assert fillers(text) == expected


def test_pauses_make_like_and_so_fillers() -> None:
    ws = [Word("queues", 0.0, 0.4), Word("like", 1.0, 1.3), Word("we", 1.4, 1.6), Word("tried", 1.7, 2.0)]
    assert [n for _, n in filler_positions(ws)] == ["like"]
    ws = [Word("and", 0.0, 0.2), Word("so", 0.3, 0.5), Word("we", 1.2, 1.4), Word("waited", 1.5, 1.9)]
    assert [n for _, n in filler_positions(ws)] == ["so"]


def test_metrics_on_regular_speech() -> None:
    # 40 words at 0.4 s each (0.3 word + 0.1 gap): 16 s of talk, 150 words a minute.
    words = timed(" ".join(["word"] * 40), start=3.0)
    m = measure(words)
    assert m.words == 40
    assert m.talk_time == pytest.approx(39 * 0.4 + 0.3)
    assert m.wpm == pytest.approx(40 / m.talk_time * 60)
    assert 145 < m.wpm < 160
    assert (m.pauses, m.long_pauses, m.longest_pause, m.fillers) == (0, 0, pytest.approx(0.1), 0)


def test_pauses_long_pauses_and_longest() -> None:
    words = timed("I led it | then we shipped || and it worked | fine")
    m = measure(words)
    assert m.pauses == 3
    assert m.long_pauses == 1
    assert m.longest_pause == pytest.approx(2.6)
    assert m.talk_time == pytest.approx(words[-1].end)


def test_thresholds_decide_what_counts_as_a_pause() -> None:
    words = timed("one two | three four")
    assert measure(words, Thresholds(pause_seconds=1.5)).pauses == 0
    assert measure(words, Thresholds(pause_seconds=0.3, long_pause_seconds=1.0)).long_pauses == 1


def test_filler_rate_is_per_hundred_words() -> None:
    text = " ".join(["um"] * 3 + ["word"] * 17)
    m = measure(timed(text))
    assert (m.fillers, m.filler_rate) == (3, pytest.approx(15.0))
    assert m.filler_words == {"um": 3}


def test_public_dict_has_exactly_the_speech_keys() -> None:
    m = measure(timed("um I rewrote the retry logic and cut errors by half"), pitch_variation=2.345)
    d = m.as_dict()
    assert tuple(d) == SPEECH_KEYS
    assert all(isinstance(v, int | float) for v in d.values())
    assert d["pitch_variation"] == 2.35


def test_no_words_means_zeros() -> None:
    m = measure([Word("", 0, 0), Word("...", 1, 2)])
    assert m.as_dict() == dict.fromkeys(SPEECH_KEYS, 0) | {"wpm": 0.0}
    assert tips(m) == []


def test_tips_follow_the_thresholds_in_config() -> None:
    slow = measure(timed(" ".join(["word"] * 30), word=0.4, gap=0.2))  # 100 wpm
    assert "slower than the 130–160" in tips(slow)[0]
    settings = Settings(speech={"pace_min": 90, "pace_max": 120})
    relaxed = Thresholds.from_settings(settings.speech)
    assert relaxed.pace_min == 90 and relaxed.filler_rate_max == 5.0
    assert tips(slow, relaxed)[0].startswith("Good delivery")

    fast = measure(timed(" ".join(["word"] * 60), word=0.2, gap=0.05))  # 240 wpm
    assert "faster than the comfortable" in tips(fast)[0]


def test_filler_tip_starts_above_five_per_hundred() -> None:
    at_limit = measure(timed(" ".join(["um"] * 2 + ["word"] * 38)))
    assert at_limit.filler_rate == pytest.approx(5.0)
    assert not any("filler words (" in t for t in tips(at_limit))
    above = measure(timed(" ".join(["um", "uh", "like,"] + ["word"] * 37)))
    tip = next(t for t in tips(above) if "filler words (" in t)
    assert '"um" ×1' in tip and "7.5 per 100 words" in tip


def test_long_pause_and_monotone_tips() -> None:
    words = timed(" ".join(["word"] * 20) + " || " + " ".join(["word"] * 20))
    advice = tips(measure(words, pitch_variation=0.6))
    assert any("1 long pause(s), the longest 2.6 s" in t for t in advice)
    assert any("pitch barely moved" in t for t in advice)
    assert not any("pitch" in t for t in tips(measure(words, pitch_variation=3.0)))
    assert not any("pitch" in t for t in tips(measure(words)))  # unknown pitch: no claim about it


def test_too_little_speech_gets_one_honest_tip() -> None:
    assert tips(measure(timed("yes I did"))) == ["Too little speech to judge delivery; answer in a few full sentences."]
