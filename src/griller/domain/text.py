"""Text hygiene and segmentation: untrusted text in, clean text and exact spans out.

Every quote griller shows is an exact substring of the sanitised answer, so all
analysers work on spans of that one string.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

# ANSI/VT escape sequences: CSI, OSC (BEL or ST terminated), DCS/PM/APC strings, and 2-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# C0/C1 controls except tab and newline; bidi overrides/isolates; zero-width characters; BOM; and Unicode
# tag characters (U+E0000-E007F), invisible text that can smuggle instructions to a model judge.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# Runs of spaces become one space. A lone " " is left alone (matching it would rewrite every word gap).
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]{2,}|[\t\u00a0\u2000-\u200a\u3000]")
_AROUND_NEWLINE = re.compile(r" *\n *")
_NEWLINE_RUNS = re.compile(r"\n{3,}")


def sanitize(text: str) -> str:
    """Remove terminal escapes, control and bidi characters; normalise newlines and spaces."""
    if not text:
        return ""
    # Each step only where it can change something (ASCII text is already NFC): most answers are plain.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    text = _INVISIBLE.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _AROUND_NEWLINE.sub("\n", text)
        if "\n\n\n" in text:
            text = _NEWLINE_RUNS.sub("\n\n", text)
    return text.strip()


def strip_controls(text: str) -> str:
    """Remove escapes, control and bidi characters but keep every space: for streamed fragments."""
    return _INVISIBLE.sub("", _ESCAPES.sub("", text.replace("\r", "")))


class Span(NamedTuple):
    """A piece of the answer, with its character offsets into the sanitised text.

    A named tuple rather than a frozen dataclass: an answer makes hundreds of them, and a tuple is
    built in half the time.
    """

    start: int
    end: int
    text: str


# Abbreviations whose final "." does not end a sentence. Lower-case ones match in any case ("e.g.",
# "E.g."); capitalised ones only as written, so "120 ms." and "said no." still end their sentences.
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "vs", "approx", "est", "cf", "al", "u.s", "a.m", "p.m", "incl", "resp", "viz"}
)
_TITLED_ABBREVIATIONS = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Prof", "Inc", "Ltd", "Co", "Jr", "Sr", "St", "U.S", "Mt", "Corp", "Dept"}
)
# Only abbreviations before a number: "No. 5", "Fig. 3".
_NUMBER_ABBREVIATIONS = frozenset({"No", "Fig", "fig", "Nr", "Vol", "vol"})
_NEVER_UNITS = frozenset({"vs", "e.g", "i.e", "etc", "cf", "viz"})
_ANY_ABBREVIATION = frozenset(
    {a.lower() for a in _ABBREVIATIONS | _TITLED_ABBREVIATIONS | _NUMBER_ABBREVIATIONS | _NEVER_UNITS}
)
_LONGEST_ABBREVIATION = 8
# Only from the first stop of a run, and possessive: a later start or a shorter run ends where the first
# would, so trying them only costs time (quadratic on "!!!!...x").
# Written to start with the stop itself (not a lookbehind), so the scan skips to the next stop in C.
_BOUNDARY = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"')\]]*+(?=\s|$)|\n+")


def split_sentences(text: str) -> list[Span]:
    """Split into sentences, keeping offsets. Robust to abbreviations, decimals and no punctuation."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if text[match.start()] == "." and _is_abbreviation(text, start, match.start(), end):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return [piece for span in spans for piece in _split_run_on(span)]


def _is_abbreviation(text: str, start: int, dot: int, after: int) -> bool:
    """Whether the word before the "." at ``dot`` is an abbreviation (so the sentence goes on).

    Looks only at the last few characters: cost stays linear however many abbreviations follow.
    """
    lo = max(start, dot - _LONGEST_ABBREVIATION - 1)
    head = text[lo:dot]
    if not head or head[-1].isspace():
        return False
    word = head.rsplit(None, 1)[-1]
    if len(word) == len(head) and lo > start:
        return False  # the word goes on before ``lo``: too long to be an abbreviation
    tail = word.rstrip(".")
    if tail.lower() not in _ANY_ABBREVIATION:
        return False  # the usual case: an ordinary word ends the sentence
    nxt = text[after : after + 40].lstrip()[:1]
    before = text[max(start, dot - len(word) - 3) : dot - len(word)].rstrip()
    if before[-1:].isdigit():
        # A word after a number is a unit ("120 ms.", "3 hrs."), so the "." ends the sentence. Only
        # abbreviations that are never units go on: "900 vs. 140", and "at 9 a.m. the pager went off".
        if tail.lower() in ("a.m", "p.m"):
            return not nxt.isupper()
        return tail.lower() in _NEVER_UNITS
    if tail in _NUMBER_ABBREVIATIONS:
        return nxt.isdigit()
    return tail.lower() in _ABBREVIATIONS or tail in _TITLED_ABBREVIATIONS


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if stripped:
        offset = start + raw.index(stripped)
        spans.append(Span(offset, offset + len(stripped), stripped))


_RUN_ON_BREAK = re.compile(
    r"\s(?=(?:and then|and so|so then|but then|after that|and uh|so um|so uh|anyway|but yeah|so yeah)\b)",
    re.IGNORECASE,
)


def _split_run_on(span: Span, limit: int = 45) -> list[Span]:
    """Speech transcripts often have no punctuation: break very long runs at discourse markers."""
    if span.text.count(" ") < limit:
        return [span]
    pieces: list[Span] = []
    last = 0
    for match in _RUN_ON_BREAK.finditer(span.text):
        if span.text.count(" ", last, match.start()) >= 12:
            piece = span.text[last : match.start()].strip()
            if piece:
                pieces.append(Span(span.start + last, span.start + last + len(piece), piece))
            last = match.end()
    rest = span.text[last:].strip()
    if rest:
        offset = span.text.index(rest, last)
        pieces.append(Span(span.start + offset, span.start + offset + len(rest), rest))
    return pieces or [span]


WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_'’+#./-]*[A-Za-z0-9+#]|[A-Za-z0-9]")


def words(text: str) -> list[str]:
    """Word tokens (keeps C++, node.js, p99, 3.5, don't, order_id together)."""
    return WORD.findall(text)


def shorten(text: str, limit: int = 140) -> str:
    """Trim on a word boundary with an ellipsis, for evidence quotes and tables."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


_WINDOW_STOPS = re.compile("[.!?\n;…]")


@lru_cache(maxsize=8)
def _stops(text: str) -> list[int]:
    """Offsets of every character a quote stops at (a text is quoted several times: found once)."""
    return [m.start() for m in _WINDOW_STOPS.finditer(text)]


def window(text: str, start: int, end: int, max_words: int = 14) -> Span:
    """The clause around text[start:end], at most about max_words words, within its sentence.

    Always an exact substring of ``text`` so the quote can be verified. Prefers whole
    sentences, then the clause (between commas) that holds the match. Never crosses a line
    break or an ellipsis: text on either side of one may not have been said together.
    """
    newline = text.find("\n", start, end)
    if newline > start:
        end = newline  # a match over a line break: quote its first line only
    stops = _stops(text)
    k = bisect_left(stops, start)
    lo = stops[k - 1] + 1 if k else 0
    k = bisect_left(stops, end, k)
    hi = stops[k] if k < len(stops) else len(text)
    if len(text[lo:hi].split()) > max_words + 4:
        comma_lo = text.rfind(",", lo, start)
        comma_hi = text.find(",", end, hi)
        if comma_lo >= 0 and len(text[comma_lo + 1 : hi].split()) >= len(text[start:end].split()) + 2:
            lo = comma_lo + 1
        if comma_hi >= 0 and len(text[lo:comma_hi].split()) >= 4:
            hi = comma_hi
    if len(text[lo:hi].split()) > max_words + 4:
        lo, hi = _trim_words(text, lo, hi, start, end, max_words)
    quote = text[lo:hi].strip().strip(",;:-—").strip()
    if not quote:
        return Span(start, end, text[start:end])
    offset = text.find(quote, lo)
    return Span(offset, offset + len(quote), quote)


def _trim_words(text: str, lo: int, hi: int, start: int, end: int, max_words: int) -> tuple[int, int]:
    """Keep max_words words around the match, biased to the words after it."""
    before = [m.start() for m in re.finditer(r"\S+", text[lo:start])]
    after = [m.end() for m in re.finditer(r"\S+", text[end:hi])]
    budget = max(max_words - len(text[start:end].split()), 0)
    take_before = min(len(before), budget // 3)
    take_after = min(len(after), budget - take_before)
    take_before = min(len(before), budget - take_after)
    new_lo = lo + before[-take_before] if take_before else start
    new_hi = end + after[take_after - 1] if take_after else end
    return new_lo, new_hi
