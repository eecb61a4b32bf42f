"""Delivery metrics of a spoken answer, from timed words: pace, fillers, pauses, talk time, and tips.

Pure: words with timings in, numbers and plain-language tips out. The audio side (transcription,
the pitch track) lives in ``griller.speech``; pitch variation arrives here as a number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

# Hesitation sounds: always fillers, whatever surrounds them.
HESITATIONS = frozenset({"um", "umm", "ummm", "uh", "uhh", "uhm", "erm", "hmm", "mm"})
# Discourse words the issue lists as fillers wherever they appear.
ALWAYS_FILLERS = frozenset({"actually", "basically"})
# "like" after these is a verb or a preposition ("I like", "would like", "feels like", "things like").
_LIKE_NOT_FILLER_AFTER = frozenset(
    "i you we they he she it i'd you'd we'd they'd would wouldn't do does did don't doesn't didn't to not "
    "really also might feel feels felt look looks looked looking sound sounds sounded seem seems seemed "
    "something anything nothing things stuff more less just much exactly very most".split()
)
# "so" before these is an intensifier or a conjunction, not a filler ("so that", "so much").
_SO_NOT_FILLER_BEFORE = frozenset("that far much many long good bad fast slow few little often".split())
# "you know" followed by these has an object: "you know what happened", "you know the drill".
_YOU_KNOW_OBJECTS = frozenset(
    "what how why where when who whether that the a an it him her them me us this these those about if".split()
)
_YOU_KNOW_NOT_AFTER = frozenset("do did don't didn't if whether as would could to what think".split())
# Words that start a clause: "like" set off before one of them is a filler ("and, like, we...").
_CLAUSE_STARTERS = frozenset("i we you they he she it the just really so and but maybe there this that".split())
_SENTENCE_END = (".", "?", "!")
# The public "speech" object of an evaluation: these keys, in this order.
SPEECH_KEYS = (
    "wpm", "fillers", "filler_rate", "pauses", "long_pauses", "longest_pause", "pitch_variation", "talk_time",
)
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@dataclass(frozen=True)
class Word:
    """One spoken word with its timing in seconds. ``text`` may carry punctuation ("weeks.")."""

    text: str
    start: float
    end: float
    probability: float = 1.0

    @property
    def norm(self) -> str:
        found = _TOKEN.findall(self.text.lower().replace("’", "'"))
        return found[0] if found else ""


@dataclass(frozen=True)
class Transcript:
    """What a transcriber heard: the text, its timed words, and the audio's length in seconds."""

    text: str
    words: list[Word] = field(default_factory=list)
    duration: float = 0.0


@dataclass(frozen=True)
class Thresholds:
    """Where tips start. Built from ``Settings.speech`` so the numbers live in config, not code."""

    pace_min: float = 130.0
    pace_max: float = 160.0
    filler_rate_max: float = 5.0
    pause_seconds: float = 0.3
    long_pause_seconds: float = 2.0
    pitch_variation_min: float = 1.5

    @classmethod
    def from_settings(cls, speech: object | None) -> Thresholds:
        """Read the fields of a ``SpeechSettings`` (or anything with the same attribute names)."""
        if speech is None:
            return cls()
        defaults = cls()
        return cls(**{name: float(getattr(speech, name, getattr(defaults, name))) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class DeliveryMetrics:
    """Delivery of one answer. ``as_dict()`` is the public ``"speech"`` object of an evaluation."""

    words: int
    wpm: float
    fillers: int
    filler_rate: float
    pauses: int
    long_pauses: int
    longest_pause: float
    pitch_variation: float | None
    talk_time: float
    filler_words: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "wpm": round(self.wpm, 1),
            "fillers": self.fillers,
            "filler_rate": round(self.filler_rate, 2),
            "pauses": self.pauses,
            "long_pauses": self.long_pauses,
            "longest_pause": round(self.longest_pause, 2),
            "pitch_variation": round(self.pitch_variation or 0.0, 2),
            "talk_time": round(self.talk_time, 2),
        }


def spoken(words: Sequence[Word]) -> list[Word]:
    """The words that are words: drop empty tokens and bare punctuation."""
    return [w for w in words if w.norm]


def filler_positions(words: Sequence[Word], pause_seconds: float = 0.3) -> list[tuple[int, str]]:
    """Indices of filler words (``you know`` counts once, at "you") with the filler's name."""
    ws = spoken(words)
    norms = [w.norm for w in ws]
    found: list[tuple[int, str]] = []
    skip = False
    for i, norm in enumerate(norms):
        if skip:
            skip = False
            continue
        if norm in HESITATIONS:
            found.append((i, "um" if norm.startswith(("um", "erm", "hmm", "mm")) else "uh"))
        elif norm in ALWAYS_FILLERS:
            found.append((i, norm))
        elif norm == "like" and _like_is_filler(ws, norms, i, pause_seconds):
            found.append((i, "like"))
        elif norm == "so" and _so_is_filler(ws, norms, i, pause_seconds):
            found.append((i, "so"))
        elif norm == "you" and i + 1 < len(norms) and norms[i + 1] == "know" and _you_know_is_filler(ws, norms, i):
            found.append((i, "you know"))
            skip = True
    return found


def _ends_clause(word: Word | None) -> bool:
    return word is None or word.text.rstrip().endswith(_SENTENCE_END)


def _comma_after(word: Word) -> bool:
    return word.text.rstrip().endswith((",", ";", ":", "—", "-", "..."))


def _gap(ws: Sequence[Word], i: int, j: int) -> float:
    """Silence between word i and word j (j = i + 1); 0 when either is missing or untimed."""
    if i < 0 or j >= len(ws):
        return 0.0
    return max(0.0, ws[j].start - ws[i].end)


def _is_hesitation(norms: Sequence[str], i: int) -> bool:
    return 0 <= i < len(norms) and norms[i] in HESITATIONS


def _like_is_filler(ws: Sequence[Word], norms: Sequence[str], i: int, pause: float) -> bool:
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    if not nxt:
        return False  # "...what I'd like." ends a sentence as a verb
    # Followed by a comma or a pause, or next to an "um": "like, we..." / "um like".
    if _comma_after(ws[i]) or _gap(ws, i, i + 1) >= pause:
        return True
    if _is_hesitation(norms, i - 1) or _is_hesitation(norms, i + 1):
        return True
    prev = ws[i - 1] if i else None
    if _ends_clause(prev):
        return True  # opening a sentence: "Like we shipped it on Friday"
    # Set off before and starting a clause: "and, like, we..." but not "queues, like Kafka".
    if (_comma_after(prev) or _gap(ws, i - 1, i) >= pause) and nxt in _CLAUSE_STARTERS:
        return True
    if norms[i - 1] in _LIKE_NOT_FILLER_AFTER:
        return False
    return _is_number(nxt)  # an approximation: "it took like five minutes"


def _so_is_filler(ws: Sequence[Word], norms: Sequence[str], i: int, pause: float) -> bool:
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    if not nxt:
        return False  # "I think so."
    if _comma_after(ws[i]) or _is_hesitation(norms, i + 1) or nxt in {"yeah", "anyway", "basically", "like"}:
        return True  # "so, um", "so yeah"
    if nxt in _SO_NOT_FILLER_BEFORE:
        return False  # "so that", "so much"
    # Opening the answer ("So I led the migration") or hanging before a pause ("and so... we");
    # "so" as a conjunction ("it broke, so I fixed it", "So we shipped it.") is not a filler.
    return i == 0 or _gap(ws, i, i + 1) >= pause


def _you_know_is_filler(ws: Sequence[Word], norms: Sequence[str], i: int) -> bool:
    if i and norms[i - 1] in _YOU_KNOW_NOT_AFTER:
        return False  # "do you know", "if you know", "as you know"
    know = ws[i + 1]
    if _comma_after(know) or _ends_clause(know):
        return True
    nxt = norms[i + 2] if i + 2 < len(norms) else ""
    return nxt not in _YOU_KNOW_OBJECTS


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
    "thousand million half a".split()
)


def _is_number(norm: str) -> bool:
    return norm.isdigit() or norm in _NUMBER_WORDS


def gaps(words: Sequence[Word]) -> list[float]:
    """The silences between consecutive words, in seconds."""
    ws = spoken(words)
    return [max(0.0, b.start - a.end) for a, b in pairwise(ws)]


def measure(
    words: Sequence[Word],
    thresholds: Thresholds | None = None,
    *,
    pitch_variation: float | None = None,
    silences: Sequence[float] | None = None,
) -> DeliveryMetrics:
    """Pace, fillers, pauses and talk time of one answer.

    Talk time runs from the first word's start to the last word's end (the think time before the
    first word and the silence after the last are not talking). Pace is words per minute of talk time.
    ``silences`` are the silent stretches inside the talk time measured in the audio; without them
    the gaps between word timings stand in (Whisper's word times are only good to a few tenths).
    """
    t = thresholds or Thresholds()
    ws = spoken(words)
    if not ws:
        return DeliveryMetrics(0, 0.0, 0, 0.0, 0, 0, 0.0, pitch_variation, 0.0)
    talk_time = max(0.0, ws[-1].end - ws[0].start)
    wpm = len(ws) / talk_time * 60.0 if talk_time >= 1.0 else 0.0
    fillers = filler_positions(ws, t.pause_seconds)
    quiet = list(silences) if silences is not None else gaps(ws)
    return DeliveryMetrics(
        words=len(ws),
        wpm=wpm,
        fillers=len(fillers),
        filler_rate=100.0 * len(fillers) / len(ws),
        pauses=sum(1 for g in quiet if g >= t.pause_seconds),
        long_pauses=sum(1 for g in quiet if g >= t.long_pause_seconds),
        longest_pause=max(quiet, default=0.0),
        pitch_variation=pitch_variation,
        talk_time=talk_time,
        filler_words=dict(Counter(name for _, name in fillers).most_common()),
    )


def tips(m: DeliveryMetrics, thresholds: Thresholds | None = None) -> list[str]:
    """Plain-language advice on delivery, each backed by the number that triggered it."""
    t = thresholds or Thresholds()
    if m.words < 8 or m.talk_time < 3.0:
        return ["Too little speech to judge delivery; answer in a few full sentences."] if m.words else []
    out: list[str] = []
    band = f"{t.pace_min:.0f}–{t.pace_max:.0f}"
    if m.wpm < t.pace_min:
        out.append(f"You spoke at {m.wpm:.0f} words a minute, slower than the {band} most listeners find easy; "
                   "keep your sentences moving and save pauses for the key points.")
    elif m.wpm > t.pace_max:
        out.append(f"You spoke at {m.wpm:.0f} words a minute, faster than the comfortable {band}; "
                   "slow down and pause after each result so it lands.")
    if m.filler_rate > t.filler_rate_max:
        top = ", ".join(f'"{word}" ×{count}' for word, count in list(m.filler_words.items())[:3])
        out.append(f"{m.fillers} filler words ({m.filler_rate:.1f} per 100 words; {top}). "
                   "A silent pause sounds more confident than a filler.")
    if m.long_pauses:
        out.append(f"{m.long_pauses} long pause(s), the longest {m.longest_pause:.1f} s. "
                   "If you need time, say so (\"let me think for a second\") rather than going quiet mid-sentence.")
    if m.pitch_variation is not None and m.pitch_variation < t.pitch_variation_min:
        out.append(f"Your pitch barely moved ({m.pitch_variation:.1f} semitones of variation); "
                   "stress the numbers and outcomes so they stand out.")
    if not out:
        out.append(f"Good delivery: {m.wpm:.0f} words a minute and {m.filler_rate:.1f} fillers per 100 words.")
    return out
