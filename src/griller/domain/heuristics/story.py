"""The shape of a story: situation, actions, result, lesson; concrete example versus generalities."""

from __future__ import annotations

import re
from dataclasses import dataclass

from griller.domain.heuristics._patterns import find, phrases
from griller.domain.text import Span

SITUATION = re.compile(
    r"\b(?:when I was (?:at|on|in|working)|while I was|at my (?:last|previous|current|old|first|former) "
    r"(?:job|company|role|team|employer|position|gig|internship)|in my (?:last|previous|current|old|first|former) "
    r"(?:job|role|team|company|position|internship)|(?:last|this|that|one|a few|two|three|several) "
    r"(?:years?|quarters?|summers?|months?|springs?|winters?|falls?|weeks?)(?: ago)?|back in|in (?:19|20)\d\d|"
    r"(?:there was|there were|we had (?:a|an|this|one|two|three|some|no|to)|we were|our team was|our team had|the team was|i was (?:working|leading|on|the)|"
    r"i joined|i had just|we'd just|we had just)|the (?:problem|issue|situation|context|project|challenge|goal|"
    r"task|background|setup|deadline|client|customer|bug|incident) (?:was|is|were|had)|our (?:service|system|app|"
    r"product|platform|company|startup|api|pipeline|site|website|backend|frontend|database|checkout|team|"
    r"client|customer|codebase|monolith|release)|at (?:a|an|the) (?:startup|company|fintech|bank|agency|"
    r"retailer|hospital|firm|scale-?up)|at (?:a|an|the|my|our) (?:[\w-]+ ){0,3}(?:company|startup|team|bank|agency|"
    r"firm|retailer|insurer|hospital|clinic|marketplace|platform|shop|store|lab|org|organi[sz]ation|business|"
    r"consultancy|publisher|provider|scale-?up|enterprise|nonprofit|non-profit|unicorn)|"
    r"the (?:clearest|best|biggest|hardest|worst|toughest|most recent|first|last|main|one) (?:one|example|time|case|"
    r"project|instance) (?:was|is|that comes to mind)|(?:was|is) (?:an?|the|our) (?:[\w-]+ ){0,2}(?:project|"
    r"redesign|migration|rewrite|launch|feature|system|service|integration|rollout|refactor|release)|"
    r"(?-i:at [A-Z][\w&.-]+)|during (?:a|an|the|my|our)|"
    r"we were (?:building|migrating|launching|running|about|trying|getting|seeing)|we needed to|"
    r"i needed to|i was asked|i was tasked|i was assigned|i was given|i inherited)\b",
    re.IGNORECASE,
)

RESULT = re.compile(
    r"\b(?:as a result|result(?:ed)? in|the result|the outcome|in the end|at the end of the day|ended up|"
    r"which (?:meant|led|cut|reduced|saved|brought|allowed|let|got|gave|dropped|made)|that (?:cut|reduced|"
    r"saved|brought|led|dropped|got us|meant)|led to|leading to|so now|now (?:we|the|it|our|they|that|"
    r"everyone|every|new|i)|since then|after that|afterwards|from then on|eventually|finally|"
    r"(?:we|it|they|i|the (?:team|feature|release|project|launch|migration|fix|change)) (?:shipped|launched|"
    r"released|delivered|hit|met|made it|finished|completed|closed|landed|won|went live|passed|worked|"
    r"held|succeeded|failed|missed|slipped|stabili[sz]ed|recovered|paid off|stuck|turned around)|"
    r"(?:reduced|increased|improved|cut|saved|grew|dropped|doubled|halved|tripled|boosted|decreased|lowered|"
    r"raised|eliminated|prevented|avoided|shrank|shrunk|sped up|went down|went up|fell|rose|recovered|"
    r"stopped|disappeared|vanished)|(?:was|were|got|had) (?:it |them |everything )?(?:resolved|fixed|restored|"
    r"back up|back online|done|delivered|shipped|live|recovered)|got (?:it|that|this|them|everything) (?:done|fixed|"
    r"working|shipped|out|live|merged|approved)|worked out|turned out|paid off|on (?:her|his|their|my) own|"
    r"(?:they|he|she|everyone) (?:used|loved|liked|adopted|started|agreed|accepted|approved)|on time|ahead of schedule|behind schedule|never (?:happened|came back|"
    r"recurred|broke) again|was adopted|got adopted|got promoted|(?:positive|good|great) feedback|"
    r"(?:the )?feedback was|it worked|that worked|was successful|were successful|was a success|"
    r"went (?:well|smoothly|fine|badly)|(?:was|were|got) (?:cancelled|canceled|rolled back|shelved|approved|"
    r"accepted|merged|praised|recognized|rolled out|reverted)|zero (?:incidents|downtime|complaints|bugs|pages)|"
    r"no (?:more|further) (?:incidents|outages|pages|complaints|issues|bugs)|haven't had|hasn't (?:happened|"
    r"broken|failed)|still (?:use|uses|in use|running|in production)|is now|are now)\b",
    re.IGNORECASE,
)

LEARNING = re.compile(
    r"\b(?:learn(?:ed|t|ing)?|lessons?|takeaways?|taught me|now i|i now|these days|since then|from then on|"
    r"next time|going forward|in hindsight|looking back|if i (?:did|had|could do) it (?:again|over)|"
    r"(?:would|'d) do (?:it )?differently|changed (?:how|the way|my)|i (?:started|began|always) (?:to )?\w+ing|"
    r"i always \w+ now|i realized|i realised|made me realize|the mistake was|my mistake was|"
    r"i should have|i shouldn't have|i added a (?:check|test|step|rule|checklist)|post-?mortem|retro(?:spective)?)\b",
    re.IGNORECASE,
)

GENERIC = phrases([
    "i always", "i usually", "i generally", "i typically", "i tend to", "i try to", "i like to",
    "i make sure", "i would", "i'd", "i will", "in general", "generally", "typically", "usually",
    "whenever", "every time", "it's important to", "it is important to", "the key is", "the key to",
    "you should", "you need to", "you have to", "you want to", "you just", "my approach is", "my philosophy",
    "as a rule", "i believe in", "i'm a team player", "i am a team player", "i'm very", "i am very",
    "i'm someone who", "i am someone who", "i'm the kind of", "i'm a big believer", "i value",
    "communication is key", "at the end of the day", "in any team", "most of the time", "normally",
    "best practices", "people skills", "hard worker", "detail oriented", "detail-oriented",
])

# Concrete anchors: a named thing mid-sentence, a time anchor, a past-tense event.
_NAMED = re.compile(r"(?<=[a-z,;:] )(?:[A-Z][a-zA-Z0-9]+|[A-Z]{2,}[a-z0-9]*)(?:[ -][A-Z][a-zA-Z0-9]+)*")
_CODEISH = re.compile(r"\b(?:[a-z]+[A-Z][a-zA-Z]+|[a-z]+_[a-z_]+|[a-z]+\.[a-z]{2,}|[A-Za-z]+\d+[A-Za-z]*|\w+\(\))\b")
_TIME_ANCHOR = re.compile(
    r"\b(?:last (?:year|quarter|month|summer|spring|winter|fall|week|sprint)|in (?:19|20)\d\d|"
    r"(?:a|one|two|three|few|couple of) (?:years?|months?|weeks?) ago|once|one time|back when|"
    r"at my (?:last|previous|current|old|first) (?:job|company|role)|when i was at|during (?:the|a|my|our)|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|black friday|the night before|"
    r"that (?:week|day|night|morning|quarter|sprint))\b",
    re.IGNORECASE,
)
_PAST_EVENT = re.compile(
    r"\b(?:(?i:i)|we|he|she|they|it|my (?:manager|lead|teammate|colleague)|the (?:team|service|system|client|"
    r"customer|build|deploy|release|database|site))\s+(?!(?:think|believe|feel|would|should|could|always|"
    r"usually|generally|tend|try)\b)(?:\w+ly\s+)?(?:was|were|had|\w{3,}ed|built|wrote|ran|found|made|took|"
    r"led|broke|went|got|saw|told|sent|chose|set|cut|split|shipped|spent|brought|caught|drove|gave|kept|"
    r"left|lost|met|paid|put|sat|sold|spoke|stood|taught|thought|won|began|rewrote|rolled|moved)\b"
)


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
    named = find(_NAMED, text) + find(_CODEISH, text)
    named = [s for s in named if s.text not in {"I", "I'm", "I've", "I'd", "OK", "Okay", "So", "And", "But"}]
    return Story(
        situation=find(SITUATION, text),
        results=find(RESULT, text),
        learning=find(LEARNING, text),
        generic=find(GENERIC, text),
        named=named,
        time_anchors=find(_TIME_ANCHOR, text),
        past_events=len(_PAST_EVENT.findall(text)),
    )
