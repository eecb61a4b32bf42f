"""Quantities that count as evidence: numbers with units, percentages, money, durations, counts.

Not quantities: digits inside names (S3, p99, EC2), version numbers (Python 3.11, HTTP/2),
years and dates, times of day, ordinals, list markers. Spelled-out numbers from speech
("about forty percent", "a hundred and twenty milliseconds") count.
"""

from __future__ import annotations

import re

from griller.domain.heuristics._patterns import phrases, tokens
from griller.domain.text import Span

_SMALL = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
_SCALE = ("hundred", "thousand", "million", "billion", "dozen")
# Possessive and atomic where a shorter match can never help, and a capped run of number words: every
# anchor is tried once and must cost about the same whatever follows it, or long runs of digits or
# number words ("twenty twenty twenty ...") take quadratic time.
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(_SMALL) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:a|one|an?)\s+(?:" + "|".join(_SCALE) + r")"
    r"|(?:a\s+)?(?:half|third|quarter)"
    r")"
    r"(?:\s+(?:and\s+)?(?:" + "|".join(_SMALL + list(_SCALE)) + r"|one|two|three|four|five|six|seven|eight|nine)\b)"
    r"{0,8}+"
    r"(?:\s+point\s+\w++)?"
)
_DIGITS = (
    r"(?:(?<![\w.$€£/-])\d{1,3}+(?:,\d{3}){1,8}+(?!,\d)(?:\.\d++)?(?![\w.]*\d)"
    r"|(?<![\w.$€£/:-])\d++(?:\.\d++)?(?!\.\d|[:/]\d|\w*+-\d))"
    r"(?:\s?(?:hundred|thousand|million|billion|k|bn)\b)?"
)
NUMBER = rf"(?:{_DIGITS}|\b{_WORD_NUMBER}\b)"

_TIME_UNITS = (
    r"ns|µs|us|ms|msec|millis(?:econds?)?|milliseconds?|microseconds?|nanoseconds?|s|secs?|seconds?"
    r"|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|quarters?|years?|sprints?|nights?"
)
_SIZE_UNITS = (
    r"[kmgtp]i?b|bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?|petabytes?|gigs?|megs?|gbps|mbps|tps|rps|qps|fps|ops"
    r"|cpus?|cores?|vcpus?"
)
_COUNT_NOUNS = (
    r"users?|customers?|clients?|people|persons?|engineers?|developers?|devs?|designers?|members?|"
    r"reports?|hires?|interns?|teams?|squads?|services?|microservices?|servers?|hosts?|nodes?|machines?|"
    r"instances?|pods?|containers?|clusters?|regions?|countries|markets?|stores?|shops?|sites?|"
    r"tickets?|bugs?|issues?|incidents?|outages?|pages?|alerts?|tests?|lines?|files?|modules?|"
    r"repos?|repositories|prs?|pull requests?|commits?|releases?|deploys?|deployments?|builds?|"
    r"requests?|calls?|queries|query|transactions?|txns?|orders?|payments?|messages?|events?|"
    r"records?|rows?|documents?|jobs?|tasks?|batches|partitions?|shards?|replicas?|tables?|"
    r"accounts?|merchants?|patients?|students?|downloads?|installs?|signups?|sign-ups?|sessions?|"
    r"visits?|views?|clicks?|conversions?|points?|stars?|features?|endpoints?|apis?|models?|"
    r"experiments?|dashboards?|pipelines?|vendors?|partners?|applications?|apps?|steps?|"
    r"stakeholders?|departments?|offices?|locations?|projects?|products?|screens?|components?|"
    r"retries|errors?|failures?|crashes|complaints?|escalations?|languages?|candidates?|interviews?|"
    r"writes?|reads?|notifications?|links?|keys?|connections?|operations?|objects?|items?|images?|videos?|emails?|"
    r"nines|percentage points?|basis points?|bps|dollars?|euros?|pounds?|bucks|grand|k|m|bn|x|times|fold"
)
_MONEY = rf"[$€£]\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|million|billion|thousand)?\b|\b(?:{_DIGITS})\s?(?:usd|eur|gbp)\b"
_PERCENT = rf"(?:{NUMBER})\s?(?:%|percent\b|per\s?cent\b|percentage points?\b|pp\b)"
_MULTIPLIER = (
    rf"(?<![\w.])\d+(?:\.\d+)?\s?x\b|(?:{NUMBER})[\s-]?(?:times|fold)\b"
    r"|\b(?:doubled|tripled|quadrupled|halved|cut (?:it |that |this )?in half|ten-?fold|two-?fold"
    r"|an order of magnitude|orders of magnitude)\b"
)
_UNIT_QUANTITY = (
    rf"(?:{NUMBER})(?:\+)?\s?(?:-\s?)?(?:(?:more|fewer|less|extra|additional|new|active|daily|monthly|"
    r"concurrent|paying|senior|junior|backend|frontend|other|different|separate|flaky|failing|"
    r"critical|open|production|prod|customer|support|legacy|weekly|unique|total|whole|full|straight|"
    r"consecutive|business|working|man|person|engineer|engineering|developer|calendar)\s?){0,2}"
    rf"(?:{_TIME_UNITS}|{_SIZE_UNITS}|{_COUNT_NOUNS})\b"
)
_FROM_TO = rf"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?(?:{NUMBER}|{_MONEY})\S*\s+(?:\w+\s+)?(?:to|down to|up to)\s+(?:about\s+)?(?:{NUMBER}|{_MONEY})"
_P_METRIC = r"\b[pP](?:50|90|95|99|999)\b[^.!?\n]{0,30}?(?:\d|{NUMBER})"
# A rate ("600 a second", "40 messages per user a day") and a ratio ("a hundred to one", "100:1").
_PERIOD = r"(?:second|sec|minute|min|hour|day|week|month|year)"
_RATE = rf"(?:{NUMBER})\s+(?:\w+\s+){{0,3}}?(?:a|an|per|every|each)\s+{_PERIOD}\b|(?:{NUMBER})\s?/\s?{_PERIOD}\b"
_RATIO = rf"(?:{NUMBER})\s?(?:to|:)\s?(?:one|1)\b(?![.,]\d)"
# A scale word is a quantity on its own ("five million", "2 billion", "300k") and so is a plural one
# ("millions of users", "tens of thousands of events").
_SCALED = (
    rf"(?:{NUMBER})(?:(?<=thousand)|(?<=million)|(?<=billion)|(?<=trillion)|(?<=\dk)|(?<=\dbn))\b"
    r"|\b(?:tens of |hundreds of )?(?:hundreds|thousands|millions|billions|trillions) of \w+"
)

QUANTITY = re.compile(
    "|".join(f"(?:{p})" for p in (_MONEY, _PERCENT, _MULTIPLIER, _FROM_TO, _UNIT_QUANTITY, _RATE, _RATIO, _SCALED)),
    re.IGNORECASE,
)

# Digits that are not quantities even when a unit-like word follows.
_NOT_QUANTITY = re.compile(
    r"(?:\b(?:in|since|by|during|until|till|before|after|around|from|of|early|late|mid|summer|spring|"
    r"fall|autumn|winter|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|q[1-4]|fy)\s+(?:19|20)\d\d\b)"
    r"|\b(?:version|v|release|python|java|node|react|angular|vue|postgres|postgresql|mysql|ios|android|"
    r"windows|ubuntu|debian|http|html|css|es|php|rails|django|spring|kafka|scala|go|gcc|llvm|"
    r"kubernetes|k8s|web|ipv|tls|ssl|oauth|python3)\s?\d+(?:\.\d+)*\b"
    r"|\b(?:19|20)\d\d\b(?!\s?(?:users?|customers?|people|requests?|ms|%))"
    r"|\b\d{1,2}:\d\d\b|\b\d{1,2}\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)"
    r"|\b\d+(?:st|nd|rd|th)\b"
    r"|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago\b"
    r"|\b(?:one|a)\s+(?:day|time|week|month|year|morning|night|afternoon|evening)\b",
    re.IGNORECASE,
)

_MORE = (
    "faster|slower|better|quicker|cheaper|smoother|more|less|fewer|easier|happier|higher|lower|bigger|smaller|"
    "nicer|stable|reliable|efficient"
)
_IMPROVED = "improved|reduced|increased|boosted|cut|lowered|sped up|grew|dropped|decreased|raised|saved|helped"
# Claims of change or impact with no number: the evidence for ``no_metrics``. A bare "a lot" is not
# one ("the shape varies a lot"), so intensifiers count only next to an improvement word.
VAGUE = phrases(
    [
        f"a (lot|bit) ({_MORE})",
        f"(much|way|far|so much|really|significantly|dramatically|drastically|massively|greatly|considerably|substantially|noticeably) ({_MORE})",
        f"(significantly|dramatically|drastically|massively|greatly|considerably|substantially|noticeably|hugely|really) ({_IMPROVED})",
        f"({_IMPROVED}) (it|things|performance|latency|cost|costs|speed|efficiency|throughput|load|time|errors|bugs|the load|the time|the errors|it all)? (a lot|quite a bit|a bunch|a ton|massively|significantly|dramatically|drastically|hugely|greatly|considerably|substantially)",
        "(saved|saving|saves) (a lot of|lots of|tons of|a bunch of|a ton of|so much) (time|money|effort|hours|work|pain)",
        "(huge|big|massive|major|great|real|good|nice|serious|measurable|significant|dramatic) "
        "(improvement|win|impact|difference|boost|gain|reduction|increase|saving|savings|speedup|speed-up)",
        "helped a lot",
        "helped (us|them|the team) a lot",
        "made a (big|huge|real) difference",
        "more efficient",
        "faster than before",
        "better performance",
        "much improved",
        "really well",
        "very successful",
        "super successful",
        "way smoother",
        "a lot smoother",
        "quite a (lot|bit)",
        "(didn't|did not|wasn't|weren't) (lose|cost|take|need) (much|many|long)",
        "held up (well|fine)",
        f"(much|way|far) (less|fewer|more) ({_MORE})?",
    ]
)


_NUMBER_WORDS = frozenset(_SMALL) | {
    "half",
    "third",
    "quarter",
    "doubled",
    "tripled",
    "quadrupled",
    "halved",
    "tenfold",
    "ten-fold",
    "twofold",
    "two-fold",
    "orders",
    "order",
    "cut",
    "tens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "trillions",
}
_SCALE_AFTER = frozenset({"hundred", "thousand", "million", "billion", "dozen", "half", "third", "quarter", "order"})


_STARTS_NUMBER = frozenset("0123456789$€£")
_BEFORE_A_NUMBER = frozenset({"a", "an", "one", "from"})
_AFTER_FROM = frozenset({"about", "around", "roughly", "a"})


def _anchors(text: str) -> list[int]:
    """Offsets where a quantity can begin: digits, currency, number and multiplier words, "from N"."""
    toks = tokens(text)
    words, starts = toks.words, toks.starts
    last = len(words) - 1
    out = []
    for i, word in enumerate(words):
        if word[0] in _STARTS_NUMBER or word in _NUMBER_WORDS:
            out.append(starts[i])
        elif word in _BEFORE_A_NUMBER and i < last:
            nxt = words[i + 1]
            if word != "from":
                if nxt in _SCALE_AFTER:
                    out.append(starts[i])
            elif nxt[0] in _STARTS_NUMBER or nxt in _NUMBER_WORDS or nxt in _AFTER_FROM:
                out.append(starts[i])
    return out


def quantities(text: str) -> list[Span]:
    """Every quantity in the text, as spans.

    The big pattern is only tried where a quantity can start, and the exclusions only
    around a candidate: both matter for speed on long answers.
    """
    found: list[Span] = []
    taken = 0
    blocks: dict[int, re.Match[str] | None] = {}
    for pos in _anchors(text):
        if pos < taken:
            continue
        match = QUANTITY.match(text, pos)
        if not match or not match.group().strip():
            continue
        start, end = match.span()
        if _excluded(text, start, end, blocks):
            continue
        found.append(Span(start, end, match.group().strip()))
        taken = end
    return found


# Every exclusion starts with a word boundary before a word character.
_WORD_START = re.compile(r"\b\w")


def _excluded(text: str, start: int, end: int, blocks: dict[int, re.Match[str] | None]) -> bool:
    """A date, version or time reference covers the candidate (money and % always count).

    Exclusions are read left to right from 24 characters before the candidate, without overlaps, and
    only up to its start (one that starts later cannot cover it). Each is tried once per text however
    many candidates look at it (``blocks``), so dense numbers cost linear time.
    """
    after = 0
    for word in _WORD_START.finditer(text, max(0, start - 24), start + 1):
        at = word.start()
        if at < after:
            continue
        if at in blocks:
            block = blocks[at]
        else:
            block = blocks[at] = _NOT_QUANTITY.match(text, at)
        if block is None:
            continue
        b_end = after = block.end()  # it starts at or before the candidate
        if end <= b_end:
            return True
        if start < b_end:
            return not any(ch in text[start : start + 12] for ch in "%$€£")
    return False


def vague_quantifiers(text: str) -> list[Span]:
    """Improvement claims without a number: the evidence for ``no_metrics``."""
    return VAGUE.finditer(text)
