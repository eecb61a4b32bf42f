"""Phrase matching for the analysers.

Big regex alternations are slow in Python (every alternative is tried at every position), so
lexicons are phrase lists matched on word tokens through a dictionary keyed by the first word.
The text is tokenised once and shared by every matcher.

Phrase syntax: words separated by spaces (a space also matches a hyphen); ``(a|b c)`` picks
one alternative, ``(a|b)?`` is optional; a trailing ``*`` on a word allows any ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import product

from griller.domain.text import Span

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’+#/.()]*[A-Za-z0-9+#)]|[A-Za-z0-9]|[$€£%]")
_JOINER = re.compile(r"[\s,-]+")
_GROUP = re.compile(r"\(([^()]*)\)(\?)?")


# Each match is (the gap before a token, the token); together they tile the text from the start.
_GAP_TOKEN = re.compile(r"([^A-Za-z0-9$€£%]*)([A-Za-z0-9][A-Za-z0-9'’+#/.()]*[A-Za-z0-9+#)]|[A-Za-z0-9]|[$€£%])")
_JOINING_GAPS = frozenset({" ", "-", " - ", " -", "- ", "  ", "", "\t"})


class Tokens:
    """Lower-cased word tokens of a text with their offsets, and whether each follows a joiner
    (only spaces or hyphens, no punctuation, between it and the previous token)."""

    __slots__ = ("joined", "spans", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        pairs = _GAP_TOKEN.findall(text)
        self.words = [token.lower() for _, token in pairs]
        self.joined = [False] + [gap in _JOINING_GAPS for gap, _ in pairs[1:]]
        spans = self.spans = []
        pos = 0
        for gap, token in pairs:
            pos += len(gap)
            spans.append((pos, pos + len(token)))
            pos += len(token)


@lru_cache(maxsize=64)
def tokens(text: str) -> Tokens:
    return Tokens(text)


def expand(phrase: str) -> list[str]:
    """Expand ``(a|b)`` and ``(a|b)?`` groups into plain phrases."""
    pieces: list[list[str]] = []
    last = 0
    for m in _GROUP.finditer(phrase):
        pieces.append([phrase[last : m.start()]])
        options = m.group(1).split("|")
        pieces.append([*options, ""] if m.group(2) else options)
        last = m.end()
    pieces.append([phrase[last:]])
    return [" ".join("".join(choice).split()) for choice in product(*pieces)]


class _Node:
    __slots__ = ("children", "ends", "stems", "wildcard")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        # Word prefixes ("disrupt*"), bucketed by their first letters for a quick lookup.
        self.stems: dict[str, list[tuple[str, _Node]]] = {}
        self.wildcard: _Node | None = None  # a lone "*"
        self.ends: tuple[int, ...] = ()  # ids of the lexicons a phrase ending here belongs to


class _Trie:
    """Every lexicon's phrases in one trie, so a text is scanned once for all of them."""

    def __init__(self) -> None:
        self.root = _Node()
        self.lexicons = 0

    def add(self, phrases: Iterable[str]) -> int:
        lexicon = self.lexicons
        self.lexicons += 1
        for item in {p for raw in phrases for p in expand(raw.lower())}:
            node = self.root
            for word in (w for w in _JOINER.split(item) if w):
                node = self._step(node, word)
            if node is not self.root and lexicon not in node.ends:
                node.ends = (*node.ends, lexicon)
        _scan.cache_clear()
        return lexicon

    @staticmethod
    def _step(node: _Node, word: str) -> _Node:
        if word == "*":
            node.wildcard = node.wildcard or _Node()
            return node.wildcard
        if word.endswith("*"):
            stem = word[:-1]
            bucket = node.stems.setdefault(stem[:3], [])
            for known, child in bucket:
                if known == stem:
                    return child
            child = _Node()
            bucket.append((stem, child))
            return child
        return node.children.setdefault(word, _Node())


_TRIE = _Trie()


def _walk(toks: Tokens, i: int, node: _Node, depth: int, out: dict[int, int]) -> None:
    """Record, per lexicon, the longest phrase that starts at token ``i - depth``."""
    for lexicon in node.ends:
        if out.get(lexicon, 0) < depth:
            out[lexicon] = depth
    words = toks.words
    if i >= len(words) or (depth and not toks.joined[i]):
        return
    word = words[i]
    child = node.children.get(word)
    if child is not None:
        _walk(toks, i + 1, child, depth + 1, out)
    if node.stems:
        for key in {word[:3], word[:2], word[:1]}:
            for stem, stem_node in node.stems.get(key, ()):
                if word.startswith(stem):
                    _walk(toks, i + 1, stem_node, depth + 1, out)
    if node.wildcard is not None and depth:
        _walk(toks, i + 1, node.wildcard, depth + 1, out)


@lru_cache(maxsize=64)
def _scan(text: str) -> dict[int, list[Span]]:
    """One pass over the text: every lexicon's non-overlapping, leftmost-longest matches."""
    toks = tokens(text)
    root = _TRIE.root
    children, stems = root.children, root.stems
    words, spans = toks.words, toks.spans
    found: dict[int, list[Span]] = {}
    covered: dict[int, int] = {}  # lexicon -> first token index not yet covered by its last match
    for i, word in enumerate(words):
        if word not in children and not (stems and (word[:3] in stems or word[:2] in stems or word[:1] in stems)):
            continue
        longest: dict[int, int] = {}
        _walk(toks, i, root, 0, longest)
        for lexicon, width in longest.items():
            if i < covered.get(lexicon, 0):
                continue
            start, end = spans[i][0], spans[i + width - 1][1]
            found.setdefault(lexicon, []).append(Span(start, end, text[start:end]))
            covered[lexicon] = i + width
    return found


class PhraseMatcher:
    """Finds listed phrases on token boundaries, case-insensitively; leftmost-longest, no overlaps."""

    def __init__(self, items: Iterable[str]) -> None:
        self._id = _TRIE.add(items)

    def finditer(self, text: str) -> list[Span]:
        return list(_scan(text).get(self._id, ()))

    def search(self, text: str) -> bool:
        return self._id in _scan(text)


def phrases(items: Iterable[str]) -> PhraseMatcher:
    return PhraseMatcher(items)


def find(pattern: re.Pattern[str] | PhraseMatcher, text: str) -> list[Span]:
    if isinstance(pattern, PhraseMatcher):
        return pattern.finditer(text)
    return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


# Speech fillers that can sit between a subject and its verb ("I, um, rewrote it").
FILLER_GAP = r"(?:,?\s*(?:um+|uh+|erm|er|ah|like|you know|i mean|so|basically|actually|kind of|sort of)\b,?)*"
