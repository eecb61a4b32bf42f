"""Finding a résumé's sections and splitting a section into entries (a role, a school, a project).

Headings are recognised by vocabulary, not by capitals: Deedy-style résumés set company names
and degrees in small caps too. Entries are found from their shape: short header lines carrying a
date (or followed by one), then bullets or prose; wrapped lines are joined back to their bullet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from griller.domain.dates import SINGLE, find_span
from griller.domain.resume_text import BULLET

HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "profile",
        "about",
        "about me",
        "objective",
        "career objective",
        "overview",
        "introduction",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "industry experience",
        "experience & leadership",
        "professional background",
        "jobs",
    ),
    "research": ("research", "research experience", "research positions"),
    "projects": (
        "projects",
        "personal projects",
        "selected projects",
        "side projects",
        "key projects",
        "open source",
        "open-source",
        "open source projects",
        "portfolio",
    ),
    "skills": (
        "skills",
        "technical skills",
        "skills & tools",
        "skills and tools",
        "technologies",
        "tools",
        "tech stack",
        "core competencies",
        "competencies",
        "expertise",
        "skill set",
        "skills & abilities",
        "programming languages",
        "languages & tools",
        "toolbox",
    ),
    "education": ("education", "academic background", "education & training", "qualifications"),
    "awards": (
        "awards",
        "honors",
        "honours",
        "honors & awards",
        "awards & honors",
        "achievements",
        "awards & achievements",
        "accomplishments",
    ),
    "certificates": (
        "certificates",
        "certifications",
        "licenses",
        "licenses & certifications",
        "certificates & licenses",
    ),
    "publications": ("publications", "papers", "patents", "talks", "presentations"),
    "links": ("links", "contact", "profiles", "online", "social"),
    "coursework": ("coursework", "relevant coursework", "courses"),
    "community": (
        "community",
        "volunteering",
        "volunteer experience",
        "activities",
        "leadership",
        "extracurricular activities",
        "extracurriculars",
        "service",
    ),
    "languages": ("languages", "spoken languages"),
    "interests": ("interests", "hobbies", "hobbies & interests"),
    "references": ("references",),
}
_LOOKUP = {name: section for section, names in HEADINGS.items() for name in names}
ENTRY_SECTIONS = {"experience", "research", "projects", "education"}


def heading_of(line: str) -> str | None:
    """The canonical section a heading line opens, or None if the line is not a heading."""
    text = line.strip().strip(":").strip()
    if not text or len(text) > 40 or text.startswith(BULLET.strip()):
        return None
    text = re.sub(r"^([A-Z]) (?=[A-Z]{2})", r"\1", text)  # small caps split as "E XPERIENCE"
    key = re.sub(r"\s+", " ", text.lower().replace(" and ", " & ")).strip()
    return _LOOKUP.get(key)


@dataclass
class Section:
    name: str
    heading: str
    lines: list[str] = field(default_factory=list)


def split_sections(lines: list[str]) -> tuple[list[str], list[Section]]:
    """The lines before the first heading (name, contacts) and the sections after it."""
    head: list[str] = []
    sections: list[Section] = []
    for line in lines:
        name = heading_of(line)
        if name:
            sections.append(Section(name, line.strip()))
        elif sections:
            sections[-1].lines.append(line)
        else:
            head.append(line)
    return head, sections


@dataclass
class Entry:
    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    """Bullets and prose paragraphs, each one item, wrapped lines joined."""
    bulleted: list[bool] = field(default_factory=list)

    @property
    def has_date(self) -> bool:
        return any(find_span(line) for line in self.header)


def _is_bullet(line: str) -> bool:
    return line.startswith(BULLET)


def _has_date(line: str) -> bool:
    return bool(SINGLE.search(line))


def _headerish(line: str) -> bool:
    """Short, starts with a capital or digit, does not end like a sentence."""
    text = line.strip()
    return (
        not _is_bullet(text)
        and len(text) <= 110
        and bool(re.match(r"^[A-Z0-9(]", text))
        and not re.search(r"[.,;]$", text.replace("\t", " ").rstrip().removesuffix("Inc.").removesuffix("Ltd."))
    ) or (("\t" in text or " | " in text) and not _is_bullet(text))


def _continues(previous: str, line: str) -> bool:
    """A wrapped line of the previous bullet or paragraph."""
    if _is_bullet(line) or "\t" in line:
        return False
    if re.match(r"^[a-z(&%]", line):
        return True
    return not re.search(r"[.!?:]$", previous) and len(previous) >= 55


def split_entries(lines: list[str]) -> list[Entry]:
    """Group a section's lines into entries: header lines, then bullets/paragraphs."""
    entries: list[Entry] = []
    for index, line in enumerate(lines):
        current = entries[-1] if entries else None
        upcoming = lines[index + 1 : index + 3]
        headerish = _headerish(line)
        # A strong start: the line carries a date or a tab/pipe field separator, or the next line
        # is a date line ("Company" over "Jan 2020 - Present"). A weak start looks two lines ahead.
        strong = headerish and (
            _has_date(line)
            or "\t" in line
            or " | " in line
            or any(_has_date(nxt) and not _is_bullet(nxt) and len(nxt) <= 110 for nxt in upcoming[:1])
        )
        weak = (
            headerish
            and not re.search(r"\d", line)
            and (
                len(upcoming) == 2
                and not any(map(_is_bullet, upcoming))
                and _has_date(upcoming[1])
                and _headerish(upcoming[0])
            )
        )
        if current is None:
            entries.append(Entry(header=[] if _is_bullet(line) else [line]))
            if _is_bullet(line):
                _add_body(entries[-1], line)
            continue
        if _is_bullet(line):
            _add_body(current, line)
        elif not current.body and not current.has_date and current.header and re.match(r"^[a-z]", line):
            current.header[-1] = f"{current.header[-1]} {line.strip()}"  # a wrapped header line
        elif not current.body and not current.has_date and headerish:
            current.header.append(line)
        elif not current.body and current.has_date and _header_only_dates(current) and headerish:
            current.header.append(line)
        elif strong and (current.body or current.has_date):
            entries.append(Entry(header=[line]))
        elif current.body and _continues(current.body[-1], line):
            current.body[-1] = _join(current.body[-1], line)
        elif weak or (current.body and headerish and not current.has_date and len(line) <= 70):
            entries.append(Entry(header=[line]))
        else:
            _add_body(current, line)
    return entries


def _header_only_dates(entry: Entry) -> bool:
    rest = " ".join(entry.header)
    for line in entry.header:
        span = find_span(line)
        if span:
            rest = rest.replace(span.text, "")
    return not re.sub(r"[\s|,\-–—\t]+", "", rest)


def _add_body(entry: Entry, line: str) -> None:
    bulleted = _is_bullet(line)
    entry.body.append(line[len(BULLET) :].strip() if bulleted else line.strip())
    entry.bulleted.append(bulleted)


def _join(previous: str, line: str) -> str:
    if previous.endswith("-") and re.match(r"^[a-z]", line) and re.search(r"[a-z]-$", previous):
        return previous + line  # a hyphen we could not resolve earlier stays as written
    return f"{previous} {line.strip()}"
