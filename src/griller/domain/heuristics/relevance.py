"""Does the answer address the question? Lexical overlap with stemming and concept families.

Deliberately model-free: a question's content words, widened with families of related words
(disagree ~ pushback ~ conflict), are looked for in the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from griller.domain.heuristics._patterns import tokens

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own same she should so some such than that
    the their them then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself tell describe explain walk
    give example time times talk share discuss please let know like think thing things way ways something
    someone somebody get got go went make made take took one ones really well much many us via per
    situation approach would handle happened happen doing done kind sort type use used using work worked
    working job role experience experiences specific particular recent recently ever person people
    question answer interview ok okay yeah um uh""".split()
)

# Families of words that answer the same concept. Kept small and general on purpose.
CONCEPTS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "disagree disagreement conflict argument argu pushback push back tension clash object objection debate "
        "friction dispute oppos differ convinc persuad compromis",
        "fail failure mistake wrong error broke break outage miss slip regret lesson screw mess bug incident "
        "setback learn down downtime postmortem revert rollback recover",
        "production prod live outage downtime customer deploy release",
        "teammate colleague coworker peer engineer manager lead team pm designer stakeholder partner",
        "deadline due pressure crunch late ship release launch date timeline schedule",
        "lead leader leadership led ownership own initiative mentor drove organiz champion",
        "feedback criticism review critique critic",
        "priorit priority urgent important backlog roadmap tradeoff trade",
        "customer user client",
        "slow fast latency performance speed throughput optimiz bottleneck p99 p95 profil",
        "scale scal load traffic growth shard replica horizontal capacity",
        "databas db sql postgres mysql query queri index table schema nosql mongo dynamo",
        "cache cach redis memcach cdn ttl invalidat evict",
        "test testing unit integration coverage qa ci flaky",
        "secur auth authent authoriz vulnerab encrypt attack injection xss csrf secret permission password",
        "deploy release rollout rollback canary pipeline ci cd",
        "monitor alert observab metric log trace dashboard on-call oncall pag",
        "legacy refactor rewrite migr technical debt debt cleanup",
        "ambigu unclear vague uncertain unknown requirement spec scope brief ticket clarif",
        "mentor coach teach junior onboard grow",
        "decision decid choos chose choice pick select option",
        "design architect system component service",
        "api endpoint rest grpc graphql http request gateway",
        "queue kafka rabbitmq sqs pubsub message event stream",
        "concurren thread lock race mutex async parallel",
        "model train feature predict accuracy ml machine learn dataset evaluat",
        "data pipeline etl warehouse spark airflow batch",
        "frontend ui ux react component render browser css dom",
        "conflict stakeholder negotiat align expectation",
        "goal target okr kpi metric",
        "rate limit limiter throttl quota bucket sliding window",
        "motivat proud passion enjoy",
        "weak weakness improve improvement grow",
        "hire hiring interview recruit candidate",
        "cost budget spend saving cheap expensive",
        "notif notify email sms push alert messag",
        "shorten short link url redirect alias",
        "chat messag conversation inbox",
    )
)

_SUFFIXES = (
    "ations",
    "ation",
    "ators",
    "ator",
    "ating",
    "ated",
    "ments",
    "ment",
    "ings",
    "ing",
    "ness",
    "ities",
    "ity",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
    "al",
    "ive",
)


# The verb forms of an "-ation" noun lose the same letters as the noun ("migrat-ed", "migrat-ion"), except
# where the "at" belongs to the verb itself ("repe-at-ed"): after an "e" only the plain ending goes.
_VERB_OF_ATION = frozenset({"ators", "ator", "ating", "ated"})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: good enough to match 'migrated'/'migration'/'migrating'."""
    word = word.lower().strip("'’.")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix in _VERB_OF_ATION and word[-len(suffix) - 1] == "e":
                continue
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in tokens(text).words if len(w) > 2 and w not in STOPWORDS}


def _build_concept_index() -> dict[str, set[int]]:
    # Every prefix (5+ letters) of a member points at its concepts, so "disagre" finds "disagree".
    index: dict[str, set[int]] = {}
    for i, group in enumerate(CONCEPTS):
        for member in group:
            for k in range(min(5, len(member)), len(member) + 1):
                index.setdefault(member[:k], set()).add(i)
    return index


_CONCEPT_INDEX = _build_concept_index()
_LONGEST_KEY = max(map(len, _CONCEPT_INDEX))


@lru_cache(maxsize=65536)
def _stem_concepts(s: str) -> frozenset[int]:
    # Only prefixes as long as an index key can match: a 100 kB "word" costs no more than a short one.
    for k in range(min(len(s), _LONGEST_KEY), 3, -1):
        hit = _CONCEPT_INDEX.get(s[:k])
        if hit:
            return frozenset(hit)
    return frozenset(_CONCEPT_INDEX.get(s, ()))


def _concepts(stems: set[str]) -> set[int]:
    found: set[int] = set()
    for s in stems:
        found |= _stem_concepts(s)
    return found


_LEAD_IN = re.compile(
    r"^(?:can you |could you |please |so |ok(?:ay)?,? )*(?:tell me about|describe|walk me through|explain|"
    r"give me an example of|share an example of|talk about|how (?:would|do|did|should) you|what (?:would|do|did) you|"
    r"what is|what are|what's|why (?:would|do|did) you|have you ever)\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Relevance:
    score: float  # 0..1: share of the question's content (words or concepts) the answer touches
    matched: tuple[str, ...]
    question_terms: int


@lru_cache(maxsize=1024)
def _question_stems(question: str) -> frozenset[str]:
    return frozenset(content_stems(_LEAD_IN.sub("", question)))


def relevance(question: str, answer: str) -> Relevance:
    q_stems = set(_question_stems(question))
    if not q_stems:
        return Relevance(1.0, (), 0)
    a_stems = content_stems(answer)
    a_prefixes = {a[:5] for a in a_stems if len(a) >= 5}
    direct = {s for s in q_stems if s in a_stems or (len(s) >= 5 and s[:5] in a_prefixes)}
    q_concepts = _concepts(q_stems)
    shared_concepts = q_concepts & _concepts(a_stems)
    # A question word counts as covered when the answer uses it or a word of the same concept.
    covered = set(direct)
    for s in q_stems - direct:
        if _concepts({s}) & shared_concepts:
            covered.add(s)
    score = len(covered) / len(q_stems)
    return Relevance(min(1.0, score), tuple(sorted(covered)), len(q_stems))


def mentions_stem(text: str, target: str) -> bool:
    """Whether the text uses a word with this stem, or one sharing its first five letters or its concept."""
    stems = content_stems(text)
    if target in stems:
        return True
    if len(target) >= 5 and any(s[:5] == target[:5] for s in stems):
        return True
    wanted = _stem_concepts(target)
    return bool(wanted) and any(_stem_concepts(s) & wanted for s in stems)
