"""Résumé text (clean lines) to a ``Profile``: name, contacts, roles, projects, schools and skills.

Model-free and deterministic. Works on what real layouts give: "Company<TAB>City" over
"Title<TAB>Dates" (Awesome-CV), "COMPANY | TITLE" over "Dates | City" (Deedy), and the
"Title, Company (2019 – Present)" lines people type in Markdown.
"""

from __future__ import annotations

import re

from griller.domain.dates import find_span
from griller.domain.profile import Education, Profile, Project, Role
from griller.domain.resume_sections import Entry, Section, split_entries, split_sections
from griller.domain.skills import canonical, find_skills, key

_TITLE_WORDS = re.compile(
    r"\b(?:engineer(?:ing)?|developer|programmer|manager|lead|director|architect|scientist|analyst|intern"
    r"|consultant|researcher|founder|co-?founder|member|head|officer|designer|administrator|specialist"
    r"|fellow|contributor|vp|president|cto|ceo|cfo|coo|sre|devops|teacher|assistant|associate|coordinator"
    r"|owner|principal|staff|senior|junior|technician|advisor|editor|writer|maintainer|student|tutor"
    r"|instructor|professor|lecturer|postdoc|volunteer|organizer|ambassador|partner|executive)\b",
    re.IGNORECASE,
)
_COMPANY_WORDS = re.compile(
    r"\b(?:inc|ltd|llc|corp|corporation|co|gmbh|ag|sa|plc|company|university|college|institute|school"
    r"|lab|labs|laboratory|technologies|technology|systems|group|bank|agency|studio|command|foundation"
    r"|ministry|department|hospital|ventures|capital)\b\.?",
    re.IGNORECASE,
)
_LOCATION = re.compile(
    r"^(?:remote|hybrid|online|on-?site|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3},\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}"
    r"(?:\s*&\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2},\s*[A-Z][\w.'-]*)?)$",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"\b(?:b\.?\s?s\.?c?|b\.?\s?a|b\.?\s?eng|b\.?\s?tech|m\.?\s?s\.?c?|m\.?\s?a|m\.?\s?eng|meng|m\.?\s?tech|mba"
    r"|ph\.?\s?d|doctorate|bachelor'?s?|master'?s?|associate'?s? degree|diploma|a-levels|high school)\b",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(r"\b(?:university|college|institute|school|academy|polytechnic|universit\w+)\b", re.I)
_CONTACT = re.compile(r"@|https?://|www\.|\.com\b|\.io\b|linkedin|github|\+?\d[\d\s().-]{7,}\d|tel:|mailto:", re.I)
_SHORT_WORDS = {"LAB", "INC", "LTD", "NEW", "THE", "AND", "FOR", "BOT", "BIG", "WEB", "APP", "DEV", "OPS", "NET"}
_SPLIT = re.compile(r"\t|\s+\|\s*|\s*\|\s+|\s+[—–]\s+|\s+-\s+|\s+·\s+|\s+@\s+|\s+at\s+(?=[A-Z])")


def parse_resume(lines: list[str]) -> Profile:
    head, sections = split_sections(lines)
    profile = Profile()
    _read_head(head, profile)
    if not sections:
        profile.warnings.append(
            "no section headings found (Experience, Education, Skills...); treated it all as experience"
        )
        sections = [Section("experience", "", [line for line in head if line not in profile.contacts][2:])]
    listed: list[str] = []
    for section in sections:
        if section.name == "summary":
            profile.summary = " ".join(line.replace("\t", " ") for line in section.lines).strip()
        elif section.name in ("experience", "research"):
            profile.experience += [_role(e, section.name) for e in split_entries(section.lines) if _meaningful(e)]
        elif section.name == "projects":
            profile.projects += [_project(e) for e in split_entries(section.lines) if _meaningful(e)]
        elif section.name == "education":
            profile.education += [_school(e) for e in split_entries(section.lines) if _meaningful(e)]
        elif section.name == "skills":
            listed += _listed_skills(section.lines)
        else:
            lines_ = [line.replace("\t", " · ") for line in section.lines]
            profile.other.setdefault(section.name, []).extend(lines_)
    attach_skills(profile, listed)
    if not profile.experience:
        profile.warnings.append("no roles found in an Experience section")
    return profile


def _meaningful(entry: Entry) -> bool:
    return bool(entry.header or entry.body)


def _read_head(head: list[str], profile: Profile) -> None:
    for line in head:
        text = line.replace("\t", " ").strip()
        if _CONTACT.search(text):
            profile.contacts.append(" ".join(text.split()))
        elif not profile.name and _looks_like_name(text):
            profile.name = _tidy_case(text)
        elif profile.name and not profile.headline and len(text) <= 80 and not re.search(r"\d", text):
            profile.headline = text
    if not profile.name:
        for line in head:
            words = line.split()
            if 1 < len(words) <= 5 and not re.search(r"[\d@|:]", line):
                profile.name = _tidy_case(line.strip())
                break


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 5 and not re.search(r"[\d@|:/]", text) and all(w[:1].isupper() for w in words)


def _fields(entry: Entry) -> tuple[list[str], list[str], tuple[str | None, str | None]]:
    """Header fields without dates, locations found, and (start, end)."""
    dates: tuple[str | None, str | None] = (None, None)
    fields: list[str] = []
    locations: list[str] = []
    for line in entry.header:
        span = find_span(line)
        text = line
        had_date = False
        if span and dates == (None, None):
            dates = (span.start, span.end)
            text = text.replace(span.text, "\t")
            had_date = True
        text = re.sub(r"\(\s*\)|^\s*grad(?:uated|\.)?\s*", "", text, flags=re.I)
        parts = [_strip_unbalanced(p.strip(" ,;")) for p in _SPLIT.split(text)]
        parts = [p for p in parts if p and re.search(r"\w", p)]
        for position, part in enumerate(parts):
            if _LOCATION.match(part) and (position > 0 or had_date) and not _TITLE_WORDS.search(part):
                locations.append(part)
            else:
                fields.append(part)
    return fields, locations, dates


def _role(entry: Entry, section: str) -> Role:
    fields, locations, (start, end) = _fields(entry)
    if len(fields) == 1 and "," in fields[0]:
        left, _, right = fields[0].partition(",")
        if _TITLE_WORDS.search(left) or _TITLE_WORDS.search(right):
            fields = [left.strip(), right.strip()]
    title, company = "", ""
    if fields:
        scores = [len(_TITLE_WORDS.findall(f)) - 2 * len(_COMPANY_WORDS.findall(f)) for f in fields]
        best = max(range(len(fields)), key=lambda i: (scores[i], -i))
        if scores[best] > 0 or len(fields) > 1:
            title = fields[best]
            company = next((f for i, f in enumerate(fields) if i != best), "")
        else:
            company = fields[0]
    return Role(
        title=_tidy_case(title),
        company=_tidy_case(company),
        location=", ".join(locations),
        start=start,
        end=end,
        section=section,
        bullets=[b for b in entry.body if b],
    )


def _project(entry: Entry) -> Project:
    fields, _, (start, end) = _fields(entry)
    name = fields[0] if fields else (entry.body[0][:60] if entry.body else "")
    description = " — ".join(fields[1:])
    bullets = [b for b in entry.body if b]
    if not bullets and description:
        bullets = [description]
    return Project(name=_tidy_case(name), description=description, start=start, end=end, bullets=bullets)


def _school(entry: Entry) -> Education:
    fields, locations, (start, end) = _fields(entry)
    institution = next((f for f in fields if _INSTITUTION.search(f)), fields[0] if fields else "")
    degree = next((f for f in fields if f != institution and _DEGREE.search(f)), "")
    extra = [f for f in fields if f not in (institution, degree)]
    return Education(
        institution=_tidy_case(institution),
        degree=_tidy_case(degree),
        location=", ".join(locations),
        start=start,
        end=end,
        details=extra + [b for b in entry.body if b],
    )


def _listed_skills(lines: list[str]) -> list[str]:
    items: list[str] = []
    for line in lines:
        text = line.replace("\t", ",")
        text = re.sub(r"^[^:,•|]{1,40}:\s*", "", text) if ":" in text[:42] else text
        for part in re.split(r"\s*[•,;|·]\s*|\s{2,}", text):
            part = part.strip(" .()")
            if not part or len(part.split()) > 4 or not re.search(r"[A-Za-z]", part):
                continue
            known = find_skills(part, listing=True)
            if known:
                items += known
            elif not (part.isupper() and len(part) > 4) and not re.search(r"\b(?:over|lines|familiar)\b", part, re.I):
                items.append(canonical(part))
    return items


def attach_skills(profile: Profile, listed: list[str]) -> None:
    """Skills per role and project (from their text), and the profile's skills ranked by mentions."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}

    def note(skill: str, weight: int = 1) -> None:
        counts[key(skill)] = counts.get(key(skill), 0) + weight
        names.setdefault(key(skill), skill)

    for skill in listed:
        note(skill, 2)
    for role in profile.experience:
        role.skills = _merge(role.skills, _skills_in(" ".join([role.title, *role.bullets]), listed))
        for skill in role.skills:
            note(skill)
    for project in profile.projects:
        text = " ".join([project.name, project.description, *project.bullets])
        project.skills = _merge(project.skills, _skills_in(text, listed))
        for skill in project.skills:
            note(skill)
    for skill in find_skills(profile.summary):
        note(skill)
    order = sorted(counts, key=lambda k: -counts[k])
    profile.skills = [names[k] for k in order]


def _merge(first: list[str], second: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for skill in first + second:
        seen.setdefault(key(skill), skill)
    return list(seen.values())


def _skills_in(text: str, listed: list[str]) -> list[str]:
    found = find_skills(text)
    lowered = text.lower()
    for skill in listed:  # skills the vocabulary does not know but the candidate listed
        if skill not in found and len(skill) > 2 and re.search(rf"(?<!\w){re.escape(skill.lower())}(?!\w)", lowered):
            found.append(skill)
    return found


def _strip_unbalanced(text: str) -> str:
    if text.startswith("(") and ")" not in text:
        text = text[1:]
    if text.endswith(")") and "(" not in text:
        text = text[:-1]
    return text.strip()


def _tidy_case(text: str) -> str:
    """ALL-CAPS small-caps headers ("SOFTWARE ENGINEER") read better in title case; acronyms stay."""
    text = " ".join(text.replace("\t", " ").split()).strip(" ,;|")
    if not text or not text.isupper() or len(re.findall(r"[A-Z]", text)) < 4:
        return text

    def word(w: str) -> str:
        letters = re.sub(r"[^A-Z]", "", w)
        if (len(letters) <= 3 and letters not in _SHORT_WORDS) or not re.search(r"[AEIOUY]", letters):
            return w if w not in {"IN", "OF", "AND", "FOR", "THE", "AT", "A"} else w.lower()
        return w.capitalize()

    words = [word(w) for w in text.split()]
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)
