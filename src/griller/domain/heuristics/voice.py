"""Who did it: first-person actions versus "we", "the team" and passive voice."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from griller.domain.heuristics._patterns import FILLER_GAP, anchored, phrases
from griller.domain.heuristics.style import BUZZWORDS
from griller.domain.text import Span

# Verbs after "I" that are opinions, states or hedges, not actions.
_NOT_ACTIONS = {
    "think",
    "thought",
    "believe",
    "believed",
    "feel",
    "felt",
    "guess",
    "mean",
    "know",
    "knew",
    "suppose",
    "hope",
    "wish",
    "like",
    "liked",
    "love",
    "loved",
    "remember",
    "recall",
    "agree",
    "understand",
    "see",
    "saw",
    "am",
    "was",
    "were",
    "be",
    "been",
    "have",
    "had",
    "do",
    "did",
    "don't",
    "didn't",
    "dont",
    "didnt",
    "can't",
    "cant",
    "couldn't",
    "won't",
    "wouldn't",
    "not",
    "never",
    "would",
    "could",
    "should",
    "might",
    "may",
    "must",
    "want",
    "wanted",
    "need",
    "needed",
    "got",
    "get",
    "really",
    "just",
    "always",
    "usually",
    "also",
    "then",
    "personally",
    "kind",
    "sort",
    "say",
    "said",
    "wonder",
    "imagine",
    "probably",
    "definitely",
    "noticed",
    "heard",
    "realize",
    "hear",
    "try",
    "tend",
    "enjoy",
    "prefer",
    "'m",
    "’m",
    "m",
    "s",
    "is",
    "will",
    "ll",
    "learned",
    "learnt",
    "realized",
    "realised",
    "appreciated",
    "enjoyed",
    "reckon",
    "figured",
    "kinda",
    "sorta",
    "um",
    "uh",
    "you",
    "actually",
    "basically",
    "honestly",
    "agreed",
    "mostly",
    "disagreed",
    "hoped",
    "expected",
    "assumed",
    "supposed",
    # Function words: the regex captured something that is not a verb.
    "this",
    "that",
    "these",
    "those",
    "the",
    "a",
    "an",
    "some",
    "no",
    "any",
    "to",
    "it",
    "its",
    "them",
    "both",
    "lots",
    "one",
    "two",
    "so",
    "pretty",
    "very",
    "before",
    "after",
    "when",
    "while",
    "and",
    "but",
    "or",
    "if",
    "because",
    "with",
    "on",
    "in",
    "at",
    "for",
    "of",
    "from",
    "as",
    "about",
}
# Verbs that do not reveal what was done (evidence for ``no_action_detail``).
GENERIC_VERBS = {
    "handled",
    "handle",
    "helped",
    "help",
    "managed",
    "manage",
    "dealt",
    "deal",
    "worked",
    "work",
    "took",
    "take",
    "did",
    "do",
    "fixed",
    "fix",
    "sorted",
    "addressed",
    "address",
    "resolved",
    "resolve",
    "supported",
    "support",
    "assisted",
    "contributed",
    "participated",
    "involved",
    "looked",
    "look",
    "made",
    "make",
    "tried",
    "try",
    "went",
    "go",
    "got",
    "get",
    "solved",
    "solve",
    "focused",
    "focus",
    "ensured",
    "ensure",
    "made sure",
    "was",
    "tackled",
    "tackle",
    "jumped",
    "stepped",
    "pitched",
    "chipped",
    "used",
    "use",
    "leveraged",
    "leverage",
    "drove",
    "owned",
    "own",
    "facilitated",
    "coordinated",
    "communicated",
    "communicate",
    "collaborated",
    "collaborate",
    "aligned",
    "align",
    "talked",
    "talk",
    "spoke",
    # Verbs that name an activity, not what it consisted of ("I'd investigate the issue", "I looked into it").
    "investigate",
    "investigated",
    "inform",
    "informed",
    "figure",
    "figured",
    "dove",
    "dive",
    "dived",
    "read",
    "analyze",
    "analyzed",
    "analyse",
    "analysed",
    "iterate",
    "iterated",
    "escalate",
    "escalated",
}

_I = (
    r"(?<![\w'’])[Ii](?:'ve|’ve|'d|’d|'ll|’ll)?(?![\w'’])"
    + FILLER_GAP
    + r"(?:\s+(?:then|also|first|eventually|finally|quickly|immediately|personally|just|actually|ultimately|"
    r"basically|had to|have|had|would|will|decided to|went and|ended up|started|began|offered to|"
    r"volunteered to|proposed to|chose to|took it on to|was able to|managed to|helped|needed to|got to))*"
    + FILLER_GAP
    + r"\s+([a-z][a-z'’-]+)(?:\s+(up|out|on|through|in|down|over|with|together|back))?"
)
I_ACTION = re.compile(_I)
I_OWNERSHIP = phrases(
    [
        "i was (the one|responsible|accountable|in charge)",
        "i was the (lead|owner|tech lead|point person|driver|on-call|on call)",
        "my (role|job|part|responsibility|task|contribution) (was|there was|in that)",
        "i took (ownership|the lead|charge|it on)",
        "on my own",
        "myself",
        "i personally",
        "me personally",
        "i was tasked",
        "i owned",
        "i led",
        "i drove",
        "what i did (was|first)",
        "the first thing i did",
        "i decided",
        "i proposed",
        "i suggested",
        "i volunteered",
        "i offered",
    ]
)
WE_ACTION = re.compile(
    r"\b(?:we|we've|we'd|our team|the team|my team|the company|they|everyone|everybody|the group|"
    r"management|the devs|the engineers)"
    + FILLER_GAP
    + r"(?:\s+(?:then|also|eventually|finally|just|all|basically|had to|have|had|would|decided to|ended up|"
    r"started|were able to|managed to|needed to))*" + FILLER_GAP + r"\s+([a-z][a-z'’-]+)",
    re.IGNORECASE,
)
_WE_NOT_ACTIONS = _NOT_ACTIONS | {"are", "were", "was", "all", "the", "a", "an", "it", "that"}


@dataclass(frozen=True, slots=True)
class Voice:
    """First-person actions, team actions, and "I"-sentences that are only opinions."""

    i_actions: list[Span]
    generic_i_actions: list[Span]
    we_actions: list[Span]
    ownership_statements: list[Span]

    @property
    def concrete_i_actions(self) -> int:
        return len(self.i_actions) - len(self.generic_i_actions)


# Where the two patterns can start, and (for "the", "our", "my") the words that must follow.
_I_WORDS: dict[str, frozenset[str] | None] = dict.fromkeys(("i", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll"))
_TEAMS = frozenset({"team", "company", "group", "devs", "engineers"})
_WE_WORDS: dict[str, frozenset[str] | None] = {
    "we": None,
    "we've": None,
    "we'd": None,
    "they": None,
    "everyone": None,
    "everybody": None,
    "management": None,
    "our": frozenset({"team"}),
    "my": frozenset({"team"}),
    "the": _TEAMS,
}


def analyse_voice(text: str) -> Voice:
    i_actions: list[Span] = []
    generic: list[Span] = []
    buzzwords: list[Span] | None = None
    for match in anchored(I_ACTION, text, _I_WORDS):
        verb = match.group(1).lower()
        if verb in _NOT_ACTIONS:
            continue
        span = Span(match.start(), match.end(), match.group())
        i_actions.append(span)
        if verb in GENERIC_VERBS and _is_vague_object(text, match.end()):
            generic.append(span)
            continue
        if buzzwords is None:
            buzzwords = BUZZWORDS.finditer(text)
        if _buzzy(text, match.end(), buzzwords):
            generic.append(span)
    we_actions = [
        Span(m.start(), m.end(), m.group())
        for m in anchored(WE_ACTION, text, _WE_WORDS)
        if m.group(1).lower() not in _WE_NOT_ACTIONS
    ]
    ownership = I_OWNERSHIP.finditer(text)
    return Voice(i_actions, generic, we_actions, ownership)


_VAGUE_OBJECT = re.compile(
    r"\s*(?:it|that|this|things|them|the (?:issue|problem|situation|task|work|project|thing|stuff|rest)|"
    r"stuff|on (?:it|that|this|the (?:issue|problem|project))|with (?:it|that|this|the (?:issue|team|problem))|"
    r"care of (?:it|that|things|everything)|my best|what (?:was|i) (?:needed|could)|everything|a lot|hard|"
    r"out|through it|on the|to (?:fix|solve|help)|sure|it done|it fixed|it working|it sorted|it resolved|"
    r"it all|on it|the hours|long hours|late|overtime|weekends?|hard|really hard|my best|everything I could|"
    r"as (?:quickly|fast|best) as I could|in|in(?:to)? (?:it|that|this|the (?:issue|problem|code|codebase|logs?))|"
    r"where (?:I|we) could|wherever|the (?:root cause|cause|relevant people|right people|people involved|stakeholders)|"
    r"everyone|everybody|people|a lot of (?:the )?(?:code|things|stuff))\b",
    re.IGNORECASE,
)


def _is_vague_object(text: str, end: int) -> bool:
    return bool(_VAGUE_OBJECT.match(text, end))


def _buzzy(text: str, end: int, buzzwords: list[Span]) -> bool:
    """An action whose object is jargon ("fostering synergy") says nothing concrete.

    ``buzzwords`` are the answer's own (in order, not overlapping): one must sit wholly in the 60
    characters after the verb, before any full stop.
    """
    limit = end + 60
    stop = text.find(".", end, limit)
    if stop >= 0:
        limit = stop
    k = bisect_left(buzzwords, end, key=_start)
    return k < len(buzzwords) and buzzwords[k].end <= limit


def _start(span: Span) -> int:
    return span.start
