"""Cleaning extracted résumé text into honest lines before parsing.

What real PDFs and word processors leave behind: ligatures ("ﬁ"), soft hyphens, pdfium's
U+FFFE line-break hyphen, words hyphenated across lines, bullets drawn with icon fonts or
private-use glyphs, running headers and footers with page numbers, Markdown decoration.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from griller.domain.text import sanitize

BULLET = "• "
# Glyphs people use as bullets; private-use code points are icon-font bullets (Symbol, Wingdings, FontAwesome).
_BULLET_GLYPHS = "•◦▪▫■□●○◆◇►▸▹‣⁃∙➢➤➔→✓✔✦✧❖⦿⦾·*-–—"
_BULLET = re.compile(rf"^\s*(?:[{re.escape(_BULLET_GLYPHS)}]|[\ue000-\uf8ff]|o(?=\s+[A-Z])|\d{{1,2}}[.)](?=\s))\s*")
_MARKDOWN = re.compile(r"^\s*(#{1,6}\s+|>\s+)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
# Prefixes whose hyphen is real even when it falls at a line end ("multi-\naccount").
_KEEP_HYPHEN = {
    "multi",
    "cross",
    "self",
    "non",
    "co",
    "full",
    "well",
    "high",
    "low",
    "real",
    "end",
    "open",
    "long",
    "short",
    "cloud",
    "event",
    "data",
    "team",
    "front",
    "back",
    "user",
    "on",
    "in",
    "off",
    "pre",
    "post",
    "state",
    "best",
    "world",
    "large",
    "small",
    "fast",
    "cost",
    "test",
    "zero",
    "third",
    "hands",
}
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–(]?\s*\d{1,3}\s*(?:(?:/|of)\s*\d{1,3})?\s*[-–)]?$", re.IGNORECASE)


def clean_pages(pages: list[str]) -> list[str]:
    """Lines of the whole document: headers/footers dropped, glyphs normalised, broken words rejoined."""
    page_lines = [[_normalise_line(line) for line in page.splitlines()] for page in pages]
    page_lines = [[line for line in lines if line.strip()] for lines in page_lines]
    page_lines = _drop_running_lines(page_lines)
    lines = [line for lines in page_lines for line in lines]
    return _join_broken_words(lines)


def clean_text(text: str) -> list[str]:
    """Lines of a plain-text or Markdown document (form feeds separate pages)."""
    return clean_pages(text.split("\f"))


def _normalise_line(line: str) -> str:
    # NFKC folds ligatures (ﬁ → fi) and full-width forms; done before sanitize, which uses NFC.
    line = unicodedata.normalize("NFKC", line).replace("\r", "")
    line = re.sub(r"\u00ad(?!$)", "-", line)  # pdfium reports visible hyphens as soft hyphens
    # Tabs mark a wide gap (a right-aligned field or a column): keep them through sanitize.
    line = "\t".join(part for part in (sanitize(p) for p in line.split("\t")) if part)
    line = _MARKDOWN.sub("", line)
    line = _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", line)
    line = _EMPHASIS.sub(r"\2", line)
    bullet = _BULLET.match(line)
    if bullet and line[bullet.end() :].strip() and not re.match(r"^\s*[-–—]\s*(?:19|20)\d\d\b", line):
        line = BULLET + line[bullet.end() :].strip()
    elif re.fullmatch(r"\s*[-*_=]{3,}\s*", line) or (bullet and not line[bullet.end() :].strip()):
        return ""  # Markdown rules and lone bullet glyphs
    return line.strip()


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and lines repeated at the top or bottom of several pages."""

    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", line.lower())

    edges = Counter()
    for lines in pages:
        for line in {shape(x) for x in lines[:2] + lines[-2:]}:
            edges[line] += 1
    repeated = {s for s, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2 + 1)}
    out = []
    for lines in pages:
        keep = []
        for index, line in enumerate(lines):
            at_edge = index < 2 or index >= len(lines) - 2
            if at_edge and (shape(line) in repeated or _PAGE_NUMBER.match(line.strip())):
                continue
            keep.append(line)
        out.append(keep)
    return out


def _join_broken_words(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        line = _join_inline_breaks(line)
        if out and _ends_with_break(out[-1]) and re.match(r"^[a-z]", line):
            head = out[-1].rstrip("-\u00ad\ufffe")
            fragment = re.findall(r"[A-Za-z]+$", head)
            glue = "-" if fragment and fragment[0].lower() in _KEEP_HYPHEN else ""
            out[-1] = head + glue + line
            continue
        out.append(line.replace("\ufffe", "-"))
    return out


def _ends_with_break(line: str) -> bool:
    return bool(re.search(r"[A-Za-z][-\u00ad\ufffe]$", line))


def _join_inline_breaks(line: str) -> str:
    # pdfium joins a hyphenated line break into one line and marks the break with U+FFFE.
    def glue(match: re.Match[str]) -> str:
        left = match.group(1)
        return left + ("-" if left.lower() in _KEEP_HYPHEN else "")

    line = re.sub(r"([A-Za-z]+)\ufffe\s*(?=[a-z])", glue, line)
    return line.replace("\u00ad", "")
