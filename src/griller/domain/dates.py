"""Dates as résumés write them: "Sep. 2023 – Present", "03/2019 - 2021", "2019–Now", "Grad. May 2011"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19|20)\d\d"
DATE = (
    rf"(?:{MONTH}\s*,?\s*{_YEAR}|{_SEASON}\s+{_YEAR}|(?:0?[1-9]|1[0-2])\s*/\s*{_YEAR}"
    rf"|{_YEAR}\s*[-/.]\s*(?:0[1-9]|1[0-2])(?!\d)|{_YEAR})"
)
_PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|to date|date)"
_DASH = r"\s*(?:-|–|—|~|­|to|until|till)\s*"
RANGE = re.compile(rf"(?<![\w/])(?P<start>{DATE}){_DASH}(?P<end>{DATE}|{_PRESENT})(?![\w/])", re.IGNORECASE)
SINCE = re.compile(rf"\bsince\s+(?P<start>{DATE})(?![\w/])", re.IGNORECASE)
SINGLE = re.compile(rf"(?<![\w/])(?P<date>{DATE})(?![\w/])", re.IGNORECASE)
_OPEN_RANGE = re.compile(rf"(?<![\w/])(?P<start>{DATE}){_DASH}(?=\s*(?:\||\t|$))", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    start: str | None
    end: str | None
    text: str
    """The exact text matched, so callers can cut it out of the line."""


def normalise(text: str) -> str | None:
    """``YYYY-MM`` or ``YYYY``; ``present`` for Present/Current/Now; None if it is not a date."""
    raw = text.strip().lower().rstrip(".")
    if re.fullmatch(_PRESENT, raw):
        return "present"
    m = re.fullmatch(rf"({MONTH})\s*,?\s*(\d{{4}})", raw)
    if m:
        return f"{m.group(2)}-{_MONTHS[m.group(1)[:3]]:02d}"
    m = re.fullmatch(rf"{_SEASON}\s+(\d{{4}})", raw)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", raw)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{2})", raw)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    if re.fullmatch(r"\d{4}", raw):
        return raw
    return None


def find_span(line: str) -> DateSpan | None:
    """The first date range in a line ("Jan 2019 - Present"), else "since 2019", else one date."""
    m = RANGE.search(line)
    if m:
        return DateSpan(normalise(m.group("start")), normalise(m.group("end")), m.group())
    m = SINCE.search(line)
    if m:
        return DateSpan(normalise(m.group("start")), "present", m.group())
    m = _OPEN_RANGE.search(line)
    if m:  # "2022 -" in a list of community roles: ongoing
        return DateSpan(normalise(m.group("start")), "present", m.group())
    m = SINGLE.search(line)
    if m:
        return DateSpan(None, normalise(m.group("date")), m.group())
    return None


def has_range(line: str) -> bool:
    return bool(RANGE.search(line) or SINCE.search(line))


def year_of(value: str | None) -> int | None:
    if not value or value == "present":
        return None
    return int(value[:4])


def months_between(start: str | None, end: str | None, today: tuple[int, int]) -> int:
    """Whole months from start to end ("present" is ``today``); 0 when either is unknown."""

    def parse(value: str | None) -> tuple[int, int] | None:
        if value == "present":
            return today
        if not value:
            return None
        return (int(value[:4]), int(value[5:7]) if len(value) >= 7 else 6)

    a, b = parse(start), parse(end)
    if not a or not b:
        return 0
    return max(0, (b[0] - a[0]) * 12 + b[1] - a[1])
