"""Finding skills in text: the vocabulary in ``skill_vocab`` matched on word boundaries."""

from __future__ import annotations

import re
from functools import cache

from griller.domain.skill_vocab import CASE_SENSITIVE, SKILLS

# Boundaries that work for "C++", "Node.js", "CI/CD" and ".NET": no word character (or +#./)
# glued on the left, and on the right no word character, no "+"/"#", and no ".x" continuation.
_LEFT = r"(?<![\w+#/.@-])"
_RIGHT = r"(?![\w+#]|\.\w|-\w)"
_SINGLE_LETTER = {"C", "R"}


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    out = []
    for name, aliases in SKILLS.items():
        insensitive = list(aliases)
        if name not in CASE_SENSITIVE:
            insensitive.append(name)
        pattern_i = _compile(insensitive, re.IGNORECASE) if insensitive else None
        pattern_s = _compile(list(CASE_SENSITIVE.get(name, ())), 0)
        out.append((name, pattern_i or pattern_s, pattern_s if pattern_i else None))
    for name, spellings in CASE_SENSITIVE.items():
        if name not in SKILLS:
            out.append((name, _compile(list(spellings), 0), None))
    return out


def _compile(spellings: list[str], flags: int) -> re.Pattern[str]:
    if not spellings:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(s).replace(r"\ ", r"[\s-]+") for s in sorted(spellings, key=len, reverse=True))
    return re.compile(f"{_LEFT}(?:{alternatives}){_RIGHT}", flags)


def find_skills(text: str, *, listing: bool = False) -> list[str]:
    """Canonical skill names mentioned in ``text``, in order of first mention.

    ``listing`` is for skills sections, where single letters ("C", "R") are languages, not initials.
    """
    found: list[tuple[int, str]] = []
    for name, first, second in _patterns():
        if name in _SINGLE_LETTER and not listing:
            continue
        positions = [m.start() for p in (first, second) if p is not None for m in [p.search(text)] if m]
        if positions:
            found.append((min(positions), name))
    return [name for _, name in sorted(found)]


def canonical(skill: str) -> str:
    """The vocabulary's name for a skill if it knows it, else the text tidied up."""
    text = " ".join(skill.split()).strip(" .:;,-")
    known = find_skills(text, listing=True)
    if len(known) == 1 and len(text) <= len(known[0]) + 12:
        return known[0]
    return text


def key(skill: str) -> str:
    return " ".join(skill.lower().split())
