"""The shape of a story: situation, actions, result, lesson; concrete example versus generalities."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import itemgetter

from griller.domain.heuristics._patterns import anchored, find, phrases, tokens
from griller.domain.text import Span

_START = itemgetter(0)  # a span's start (spans are named tuples)

_ORG = (
    "company|startup|team|bank|agency|firm|retailer|insurer|hospital|clinic|marketplace|platform|shop|store|"
    "lab|org|organization|organisation|business|consultancy|publisher|provider|scale-up|scaleup|enterprise|"
    "nonprofit|non-profit|unicorn|fintech|e-commerce company|saas company|bank"
)
_PROJECT = (
    "project|redesign|migration|rewrite|launch|feature|system|service|integration|rollout|refactor|release|"
    "product|api|pipeline|platform|dashboard|app|tool|portal|initiative|program|programme"
)
_WHEN = "(last|this|that|one|a few|two|three|several) (year|years|quarter|summer|spring|winter|fall|month|months|week|weeks)"
SITUATION = phrases(
    [
        "when i was (at|on|in|working)",
        "while i was",
        "back in",
        "back when",
        "(at|in) my (last|previous|current|old|first|former|second) (job|company|role|team|employer|position|gig|internship)",
        _WHEN,
        _WHEN + " ago",
        "there (was|were)",
        "we had (a|an|this|one|two|three|some|no|to)",
        "we were",
        "our team (was|had)",
        "the team was",
        "i was (working|leading|on|the|asked|tasked|assigned|given)",
        "i joined",
        "i had just",
        "we had just",
        "i inherited",
        "we needed to",
        "i needed to",
        "the (problem|issue|situation|context|project|challenge|goal|task|background|setup|deadline|client|customer|bug|incident) (was|is|were|had)",
        "our (service|system|app|product|platform|company|startup|api|pipeline|site|website|backend|frontend|database|"
        "checkout|team|client|customer|codebase|monolith|release)",
        f"at (a|an|the|my|our) ({_ORG})",
        f"at (a|an|the|my|our) * ({_ORG})",
        f"at (a|an|the|my|our) * * ({_ORG})",
        "the (clearest|best|biggest|hardest|worst|toughest|most recent|first|last|main) (one|example|time|case|project|instance) (was|is)",
        f"(was|is) (a|an|the|our) ({_PROJECT})",
        f"(was|is) (a|an|the|our) * ({_PROJECT})",
        "during (a|an|the|my|our)",
    ]
)
# "at Acme", "at Stripe": a capitalised name after "at" sets the scene too.
# Written to start with a literal (the boundary is checked behind it), so the scan skips ahead in C.
_AT_NAME = re.compile(r"at (?<=\bat )(?:[A-Z][\w&.-]+)")

_RESULT_VERBS = (
    "reduced|increased|improved|cut|saved|grew|dropped|doubled|halved|tripled|boosted|decreased|lowered|raised|"
    "eliminated|prevented|avoided|shrank|shrunk|sped up|went down|went up|fell|rose|recovered|stopped|disappeared|vanished"
)
RESULT = phrases(
    [
        "as a result",
        "result in",
        "resulted in",
        "the result",
        "the outcome",
        "in the end",
        "at the end of the day",
        "ended up (with|shipping|launching|going|choosing|saving|cutting|reducing|hitting|being|getting|delivering|doing)",
        "which (meant|led|cut|reduced|saved|brought|allowed|let|got|gave|dropped|made)",
        "that (cut|reduced|saved|brought|led|dropped|meant)",
        "that got us",
        "led to",
        "leading to",
        "so now",
        "now (we|the|it|our|they|that|everyone|every|new|i)",
        "since then",
        "afterwards",
        "after that",
        "from then on",
        "eventually",
        "finally",
        "now",
        "(days|weeks|months|years|sprints|quarters) later",
        "a (day|week|month|year) later",
        "went from",
        "(dropped|fell|rose|grew|came down|went down|went up) (from|to)",
        "found no (issues|problems|bugs|vulnerabilities)",
        "no (issues|complaints|incidents|outages|regressions) (since|after|in)",
        "(we|it|they|i|the team|the feature|the release|the project|the launch|the migration|the fix|the change) "
        "(shipped|launched|released|delivered|hit|met|made it|finished|completed|closed|landed|won|went live|passed|held|"
        "succeeded|failed|missed|slipped|stabilized|stabilised|recovered|paid off|stuck|turned around)",
        f"({_RESULT_VERBS})",
        "on time",
        "ahead of schedule",
        "behind schedule",
        "never (happened|came back|recurred|broke) again",
        "(was|got) adopted",
        "got promoted",
        "(positive|good|great) feedback",
        "it worked",
        "that worked",
        "(was|were) (successful|a success)",
        "went (well|smoothly|fine|badly)",
        "(was|were|got) (cancelled|canceled|rolled back|shelved|approved|accepted|merged|praised|recognized|rolled out|reverted)",
        "zero (incidents|downtime|complaints|bugs|pages|errors|outages|tickets)",
        "zero * (incidents|outages|errors|tickets|bugs)",
        "no (more|further) (incidents|outages|pages|complaints|issues|bugs)",
        "haven't had",
        "hasn't (happened|broken|failed)",
        "still (use|uses|in use|running|in production)",
        "is now",
        "are now",
        "(was|were|got|had) (it|them|everything)? (resolved|fixed|restored|back up|back online|done|delivered|shipped|live|recovered)",
        "got (it|that|this|them|everything) (done|fixed|working|shipped|out|live|merged|approved)",
        "worked out",
        "turned out",
        "on (her|his|their|my) own",
        "(they|he|she|everyone) (used|loved|liked|adopted|started|agreed|accepted|approved)",
        "delivered",
        "reconciled",
        "(has|have) since",
        "(accepted|approved|adopted|signed off on) (it|the|our|my|that|this)",
        "(a|one|two|three|a few) (business)? (day|days|week|weeks) early",
        "(was|were|are|is) (really|very|so|pretty)? (happy|pleased|thrilled|delighted|relieved)",
        "(it|that|this) (definitely|really)? helped",
        "(got|became|was|is|felt) (a lot|much|way|far|significantly|noticeably)? (faster|quicker|better|cheaper|smaller|simpler|"
        "more reliable|more stable)",
    ]
)

LEARNING = phrases(
    [
        "learn*",
        "learnt",
        "lesson*",
        "takeaway*",
        "taught me",
        "now i",
        "i now",
        "these days",
        "since then",
        "from then on",
        "next time",
        "going forward",
        "in hindsight",
        "looking back",
        "if i (did|had|could do) it (again|over)",
        "(would|i'd) do (it)? differently",
        "changed (how|the way|my)",
        "i always * now",
        "i realized",
        "i realised",
        "made me realize",
        "(the|my) mistake was",
        "i should have",
        "i shouldn't have",
        "i added a (check|test|step|rule|checklist)",
        "what i changed",
        "changed in (how|the way)",
        "(has|have) since",
        "ever since",
        # A change made so it cannot happen again.
        "(prevent|avoid|stop) (it|this|that|a repeat|recurrence|the same)",
        "so (it|this|that|we|nobody|no one) (wouldn't|won't|doesn't|couldn't|can't|never|would never) (happen|recur|depend|repeat)",
    ]
)
# Habits since: "I started writing ...", "every proposal I write now", "so the same bug would never recur".
# Regexes, not phrases: a wildcard after "I", "we" or "so" would send every such word down the slow path
# of the phrase scan.
_LEARNED_HABIT = re.compile(
    r"\bi (?:started|began|always) (?:to )?\w+ing\b|\b(?:i|we) \w+ now\b"
    r"|\bso (?:\w+ ){1,2}(?:wouldn't|won't|never) (?:happen|recur|depend|repeat)\w*",
    re.IGNORECASE,
)
_LEARNED_HABIT_WORDS = ("i started", "i began", "i always", " now", "wouldn't", "won't", "never")

GENERIC = phrases(
    [
        "i always",
        "i usually",
        "i generally",
        "i typically",
        "i tend to",
        "i try to",
        "i like to",
        "i make sure",
        "i would",
        "i'd",
        "i will",
        "in general",
        "generally",
        "typically",
        "usually",
        "whenever",
        "every time",
        "it's important to",
        "it is important to",
        "the key is",
        "the key to",
        "you should",
        "you need to",
        "you have to",
        "you want to",
        "you just",
        "my approach is",
        "my philosophy",
        "as a rule",
        "i believe in",
        "i'm a team player",
        "i am a team player",
        "i'm very",
        "i am very",
        "i'm someone who",
        "i am someone who",
        "i'm the kind of",
        "i'm a big believer",
        "i value",
        "communication is key",
        "at the end of the day",
        "in any team",
        "most of the time",
        "normally",
        "best practices",
        "people skills",
        "hard worker",
        "detail oriented",
        "detail-oriented",
    ]
)

# Concrete anchors: a named thing mid-sentence, a time anchor, a past-tense event.
# Starts with a capital (then looks behind it), so the scan skips ahead in C.
_NAMED = re.compile(r"[A-Z](?<=[a-z,;:] [A-Z])(?:[a-zA-Z0-9]+|[A-Z]+[a-z0-9]*)(?:[ -][A-Z][a-zA-Z0-9]+)*")
_CODEISH_SHAPE = re.compile(r"[a-z][A-Z]|_[a-z]|[a-z]\.[a-z]{2}|[A-Za-z]\d|\d[A-Za-z]|\(\)")


# Where a code shape can sit inside a token: a capital, digit, "_", "." or "(" after a token character, or a
# digit before a letter. Only the tokens holding one are checked, not every word of the answer.
# Written to start with the character itself, so the scan skips to the next candidate in C.
_CODEISH_HINT = re.compile(r"[A-Z0-9_.(](?<=[A-Za-z0-9_'’+#/.()][A-Z0-9_.(])|[0-9](?=[A-Za-z])")


def _codeish(text: str) -> list[Span]:
    """Identifiers and product names shaped like code: camelCase, snake_case, node.js, S3, useMemo()."""
    out = []
    toks = tokens(text)
    spans = toks.spans
    starts = toks.starts
    last = -1
    for hint in _CODEISH_HINT.finditer(text):
        i = bisect_right(starts, hint.start()) - 1
        if i <= last or i < 0 or hint.start() >= spans[i][1]:
            continue
        last = i
        start, end = spans[i]
        word = text[start:end]
        if len(word) > 2 and _CODEISH_SHAPE.search(word):
            out.append(Span(start, end, word))
    return out


_TIME_ANCHOR = phrases(
    [
        "last (year|quarter|month|summer|spring|winter|fall|week|sprint)",
        "(a|one|two|three|few|couple of) (years|months|weeks) ago",
        "a year ago",
        "once",
        "one time",
        "back when",
        "at my (last|previous|current|old|first) (job|company|role)",
        "when i was at",
        "during (the|a|my|our)",
        "on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        "black friday",
        "the night before",
        "that (week|day|night|morning|quarter|sprint)",
    ]
)
_YEAR = re.compile(r"in (?<=\bin )(?:19|20)\d\d\b")
_PAST_EVENT = re.compile(
    r"\b(?i:i|we|he|she|they|it|(?:my|our) (?:manager|lead|teammate|colleague|team|client|customer)|the (?:team|"
    r"service|system|client|customer|build|deploy|release|database|site))\s+(?!(?:think|believe|feel|would|should|"
    r"could|always|usually|generally|tend|try)\b)(?:(?:\w+ly|also|then|just|first|finally|eventually)\s+)?(?:was|were|had|\w{3,}ed|built|wrote|ran|found|made|took|"
    r"led|broke|went|got|saw|told|sent|chose|set|cut|split|shipped|spent|brought|caught|drove|gave|kept|"
    r"left|lost|met|paid|put|sat|sold|spoke|stood|taught|thought|won|began|rewrote|rolled|moved)\b"
)


# The words a past event can start with (its subject): the pattern is tried there only.
_PEOPLE = frozenset({"manager", "lead", "teammate", "colleague", "team", "client", "customer"})
_SUBJECTS: dict[str, frozenset[str] | None] = {
    "i": None,
    "we": None,
    "he": None,
    "she": None,
    "they": None,
    "it": None,
    "my": _PEOPLE,
    "our": _PEOPLE,
    "the": frozenset(
        {"team", "service", "system", "client", "customer", "build", "deploy", "release", "database", "site"}
    ),
}


def _learned_habits(text: str) -> list[Span]:
    # Case-insensitive matching of ASCII text is plain lower-casing: skip the regex when no cue is there.
    if text.isascii():
        lower = text.lower()
        if not any(cue in lower for cue in _LEARNED_HABIT_WORDS):
            return []
    return find(_LEARNED_HABIT, text)


@dataclass(frozen=True, slots=True)
class Story:
    situation: list[Span]
    results: list[Span]
    learning: list[Span]
    generic: list[Span]
    named: list[Span]
    time_anchors: list[Span]
    past_events: int

    @property
    def specific_markers(self) -> int:
        return len(self.named) + 2 * len(self.time_anchors) + min(self.past_events, 6)


def analyse_story(text: str) -> Story:
    named = find(_NAMED, text) + _codeish(text)
    named = [s for s in named if s.text not in {"I", "I'm", "I've", "I'd", "OK", "Okay", "So", "And", "But"}]
    situation = sorted(find(SITUATION, text) + find(_AT_NAME, text), key=_START)
    return Story(
        situation=situation,
        results=find(RESULT, text),
        learning=sorted(find(LEARNING, text) + _learned_habits(text), key=_START),
        generic=find(GENERIC, text),
        named=named,
        time_anchors=find(_TIME_ANCHOR, text) + find(_YEAR, text),
        past_events=len(anchored(_PAST_EVENT, text, _SUBJECTS)),
    )
