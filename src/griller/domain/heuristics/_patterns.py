"""Small helpers for building phrase patterns from word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable

from griller.domain.text import Span


def phrases(items: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled alternation of phrases, longest first, matched on word boundaries.

    A space in a phrase matches any run of spaces or hyphens; a trailing ``*`` allows any word ending.
    """
    parts = []
    for item in sorted(set(items), key=len, reverse=True):
        stem = item.endswith("*")
        body = re.escape(item.rstrip("*")).replace(r"\ ", r"[\s-]+")
        parts.append(body + (r"\w*" if stem else ""))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", flags)


def find(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


# Speech fillers that can sit between a subject and its verb ("I, um, rewrote it").
FILLER_GAP = r"(?:,?\s*(?:um+|uh+|erm|er|ah|like|you know|i mean|so|basically|actually|kind of|sort of)\b,?)*"
