"""Phrase matching for the analysers.

Big regex alternations are slow in Python (every alternative is tried at every position), so
lexicons are phrase lists matched on word tokens through a dictionary keyed by the first word.
The text is tokenised once and shared by every matcher.

Phrase syntax: words separated by spaces (a space also matches a hyphen); ``(a|b c)`` picks
one alternative, ``(a|b)?`` is optional; a trailing ``*`` on a word allows any ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import accumulate, product

from griller.domain.text import Span

# Word tokens ("C++", "node.js", "p99", "don't", "order_items", "useMemo()") and currency/percent signs.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_'’+#/.()]*[A-Za-z0-9+#)]|[A-Za-z0-9]|[$€£%]")
_JOINER = re.compile(r"[\s,-]+")
_GROUP = re.compile(r"\(([^()]*)\)(\?)?")

# What may sit between two tokens of one phrase: spaces or hyphens, no punctuation.
_JOINING_GAPS = frozenset({" ", "-", " - ", " -", "- ", "  ", "", "\t"})


# The same tokens, captured, for re.split: gap, token, gap, ..., token, gap.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


class Tokens:
    """Lower-cased word tokens of a text with their offsets, and whether each follows a joiner
    (only spaces or hyphens, no punctuation, between it and the previous token)."""

    __slots__ = ("joined", "lower", "spans", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        # One split (a linear scan, whatever runs of punctuation sit between tokens): the gaps and tokens
        # alternate, and their lengths give every offset. No Python work per character or per match.
        lower: str | None = text.lower()
        if len(lower) != len(text):  # a few characters grow when lower-cased ("İ"): offsets from the original
            lower = None
            parts = _TOKEN_SPLIT.split(text)
            self.words = [token.lower() for token in parts[1::2]]
        else:
            parts = _TOKEN_SPLIT.split(lower)
            self.words = parts[1::2]
        self.lower = lower  # the text lower-cased, with the same offsets (None when they would differ)
        ends = list(accumulate(map(len, parts)))
        self.starts = ends[0:-1:2]
        self.spans = list(zip(self.starts, ends[1::2], strict=True))
        joined = list(map(_JOINING_GAPS.__contains__, parts[0:-1:2]))
        if joined:
            joined[0] = False
        self.joined = joined


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


_Plan = tuple[()] | tuple[tuple[int, ...] | None, tuple[_Node, ...]]


class _Trie:
    """Every lexicon's phrases in one trie, so a text is scanned once for all of them."""

    def __init__(self) -> None:
        self.root = _Node()
        self.lexicons = 0
        self.first_steps: dict[str, _Plan] = {}

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
        self.first_steps.clear()
        return lexicon

    def first(self, word: str) -> _Plan:
        """What a phrase starting with ``word`` leads to (memoised: most words lead nowhere).

        Empty when nothing starts with the word. Otherwise ``(leaf, steps)``: when the word is a whole
        phrase and no phrase goes on from it (the usual case), ``leaf`` holds the lexicons it ends and
        the scan records it without looking further; otherwise ``leaf`` is None and ``steps`` are the nodes.
        """
        plan = self.first_steps.get(word)
        if plan is None:
            steps = _steps(self.root, word, 0)
            if not steps:
                plan = ()
            elif len(steps) == 1 and not (steps[0].children or steps[0].stems or steps[0].wildcard):
                plan = (steps[0].ends, steps)
            else:
                plan = (None, steps)
            if len(self.first_steps) >= _MAX_MEMO:
                self.first_steps.clear()  # bounded: untrusted text brings endless new words
            self.first_steps[word] = plan
        return plan

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


_MAX_MEMO = 50_000


def _steps(node: _Node, word: str, depth: int) -> tuple[_Node, ...]:
    """Where ``word`` leads from ``node``: the exact child, word-prefix children, and (not first) ``*``."""
    found = []
    child = node.children.get(word)
    if child is not None:
        found.append(child)
    if node.stems:
        for key in {word[:3], word[:2], word[:1]}:
            for stem, stem_node in node.stems.get(key, ()):
                if word.startswith(stem):
                    found.append(stem_node)
    if node.wildcard is not None and depth:
        found.append(node.wildcard)
    return tuple(found)


@lru_cache(maxsize=64)
def _scan(text: str) -> dict[int, list[Span]]:
    """One pass over the text: every lexicon's non-overlapping, leftmost-longest matches."""
    toks = tokens(text)
    words, spans, joined = toks.words, toks.spans, toks.joined
    n = len(words)
    first = _TRIE.first_steps.get
    lexicons = _TRIE.lexicons
    hits: list[list[Span] | None] = [None] * lexicons
    covered = [0] * lexicons  # per lexicon, the first token index not yet covered by its last match
    span_of = Span
    for i, word in enumerate(words):
        plan = first(word)
        if plan is None:
            plan = _TRIE.first(word)
        if not plan:
            continue
        leaf, steps = plan
        j = i + 1
        if leaf is not None:
            # The common case, without allocating: the word is a whole phrase and none goes on from it.
            if leaf:
                start, end = spans[i]
                for lexicon in leaf:
                    if i >= covered[lexicon]:
                        found = hits[lexicon]
                        if found is None:
                            found = hits[lexicon] = []
                        found.append(span_of(start, end, text[start:end]))
                        covered[lexicon] = j
            continue
        if len(steps) == 1:
            # One node, and no phrase goes on with the next token: the same, after one look ahead.
            node = steps[0]
            if j >= n or not joined[j] or (not node.stems and node.wildcard is None and words[j] not in node.children):
                ends = node.ends
                if ends:
                    start, end = spans[i]
                    for lexicon in ends:
                        if i >= covered[lexicon]:
                            found = hits[lexicon]
                            if found is None:
                                found = hits[lexicon] = []
                            found.append(span_of(start, end, text[start:end]))
                            covered[lexicon] = j
                continue
        # Per lexicon the longest phrase. One node walks down its children without a stack (deeper is always
        # longer) until a word prefix or a "*" forks the path; from there, depth-first over every path.
        longest: dict[int, int] = {}
        stack: list[tuple[_Node, int]] | None = None
        if len(steps) == 1:
            node, k = steps[0], j
            while True:
                if node.ends:
                    for lexicon in node.ends:
                        longest[lexicon] = k - i
                if k >= n or not joined[k]:
                    break
                if node.stems or node.wildcard is not None:
                    stack = [(nxt, k + 1) for nxt in _steps(node, words[k], 1)]
                    break
                child = node.children.get(words[k])
                if child is None:
                    break
                node, k = child, k + 1
        else:
            stack = [(node, j) for node in steps]
        while stack:
            node, k = stack.pop()
            if node.ends:
                for lexicon in node.ends:
                    if longest.get(lexicon, 0) < k - i:
                        longest[lexicon] = k - i
            if k < n and joined[k]:
                if node.stems or node.wildcard is not None:
                    stack.extend([(nxt, k + 1) for nxt in _steps(node, words[k], 1)])
                else:
                    child = node.children.get(words[k])
                    if child is not None:
                        stack.append((child, k + 1))
        for lexicon, width in longest.items():
            if i < covered[lexicon]:
                continue
            start, end = spans[i][0], spans[i + width - 1][1]
            found = hits[lexicon]
            if found is None:
                found = hits[lexicon] = []
            found.append(span_of(start, end, text[start:end]))
            covered[lexicon] = i + width
    return {lexicon: found for lexicon, found in enumerate(hits) if found is not None}


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


class LowerPattern:
    """A regex written in lower case, matched case-sensitively on the lower-cased text.

    A case-insensitive pattern is tried at every character; a case-sensitive one that starts with a
    literal ("but(?<=\\bbut)...") is found by a fast scan for that literal. Text whose offsets change
    when lower-cased is matched with the case-insensitive twin instead.
    """

    __slots__ = ("folded", "plain")

    def __init__(self, pattern: str) -> None:
        self.plain = re.compile(pattern)
        self.folded = re.compile(pattern, re.IGNORECASE)

    def finditer(self, text: str) -> list[Span]:
        lower = tokens(text).lower
        if lower is None:
            return [Span(m.start(), m.end(), m.group()) for m in self.folded.finditer(text)]
        return [Span(m.start(), m.end(), text[m.start() : m.end()]) for m in self.plain.finditer(lower)]


def find(pattern: re.Pattern[str] | PhraseMatcher | LowerPattern, text: str) -> list[Span]:
    if isinstance(pattern, (PhraseMatcher, LowerPattern)):
        return pattern.finditer(text)
    return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def anchored(pattern: re.Pattern[str], text: str, starts: Mapping[str, frozenset[str] | None]) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can only match at a word in ``starts``: tried at those
    words alone (non-overlapping, left to right), not at every character. A word may name the words that
    can follow it ("the" only before "team" or "service"): elsewhere it is not tried at all."""
    toks = tokens(text)
    words, offsets = toks.words, toks.starts
    last = len(words) - 1
    out = []
    taken = 0
    match = pattern.match
    for i in [i for i, word in enumerate(words) if word in starts]:
        at = offsets[i]
        if at < taken:
            continue
        after = starts[words[i]]
        if after is not None and (i == last or words[i + 1] not in after):
            continue
        m = match(text, at)
        if m:
            out.append(m)
            taken = m.end()
    return out


# Speech fillers that can sit between a subject and its verb ("I, um, rewrote it"). "like" is a verb
# too ("I like clean code"), so it is a filler only when set off by a comma ("I, like, rewrote it") or
# next to a hesitation ("I um like rewrote it", "I like um rewrote it").
_FILLER_WORDS = r"um+|uh+|erm|er|ah|you know|i mean|so|basically|actually|kind of|sort of"
FILLER_GAP = (  # "um like" before "um": the first way that fits wins, and "like" must not be left over
    r"(?:,?\s*(?:um+|uh+|erm|er|ah)\b,?\s+like\b,?"
    rf"|,?\s*(?:{_FILLER_WORDS})\b,?"
    r"|\s*,\s*like\b,?"
    rf"|\s+like\b(?:,|(?=\s+(?:{_FILLER_WORDS})\b)))*"
)
