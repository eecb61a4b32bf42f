"""Text hygiene and segmentation: untrusted text in, clean text and exact spans out.

Every quote griller shows is an exact substring of the sanitised answer, so all
analysers work on spans of that one string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# ANSI/VT escape sequences: CSI, OSC (BEL or ST terminated), DCS/PM/APC strings, and 2-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# C0/C1 controls except tab and newline; bidi overrides/isolates; zero-width characters; BOM.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")


def sanitize(text: str) -> str:
    """Remove terminal escapes, control and bidi characters; normalise newlines and spaces."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def strip_controls(text: str) -> str:
    """Remove escapes, control and bidi characters but keep every space: for streamed fragments."""
    return _INVISIBLE.sub("", _ESCAPES.sub("", text.replace("\r", "")))


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the answer, with its character offsets into the sanitised text."""

    start: int
    end: int
    text: str


_ABBREVIATIONS = (
    "e.g",
    "i.e",
    "etc",
    "vs",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "inc",
    "ltd",
    "co",
    "jr",
    "sr",
    "approx",
    "est",
    "no",
    "fig",
    "u.s",
    "a.m",
    "p.m",
    "cf",
    "al",
)
_BOUNDARY = re.compile(r"[.!?…]+[\"')\]]*(?=\s+|$)|\n+")


def split_sentences(text: str) -> list[Span]:
    """Split into sentences, keeping offsets. Robust to abbreviations, decimals and no punctuation."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        chunk = text[start : match.start()]
        tail = chunk.rsplit(None, 1)[-1].lower().rstrip(".") if chunk.strip() else ""
        if match.group().startswith(".") and tail in _ABBREVIATIONS:
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return [piece for span in spans for piece in _split_run_on(span)]


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


WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’+#./-]*[A-Za-z0-9+#]|[A-Za-z0-9]")


def words(text: str) -> list[str]:
    """Word tokens (keeps C++, node.js, p99, 3.5, don't together)."""
    return WORD.findall(text)


def shorten(text: str, limit: int = 140) -> str:
    """Trim on a word boundary with an ellipsis, for evidence quotes and tables."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def window(text: str, start: int, end: int, max_words: int = 14) -> Span:
    """The clause around text[start:end], at most about max_words words, within its sentence.

    Always an exact substring of ``text`` so the quote can be verified. Prefers whole
    sentences, then the clause (between commas) that holds the match.
    """
    lo = max(text.rfind(c, 0, start) for c in ".!?\n;")
    lo = 0 if lo < 0 else lo + 1
    ends = [i for i in (text.find(c, end) for c in ".!?\n;") if i >= 0]
    hi = min(ends) if ends else len(text)
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
