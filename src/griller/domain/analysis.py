"""One pass of every analyser over an answer: the evidence the grader scores and quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from griller.domain.heuristics._patterns import tokens as word_tokens
from griller.domain.heuristics.numbers import quantities, vague_quantifiers
from griller.domain.heuristics.relevance import Relevance, relevance
from griller.domain.heuristics.story import Story, analyse_story
from griller.domain.heuristics.style import Style, analyse_style, strip_injections
from griller.domain.heuristics.technical import Technical, analyse_technical
from griller.domain.heuristics.voice import Voice, analyse_voice
from griller.domain.models import Kind
from griller.domain.text import Span, sanitize, split_sentences

_STORY_QUESTION = re.compile(
    r"\b(?:tell me about a (?:time|project|situation|moment|decision|mistake|failure|conflict|bug|incident)|"
    r"(?:describe|share|give me|walk me through) (?:a|an|the|one|your) (?:time|situation|example|project|"
    r"moment|instance|occasion|experience|decision|mistake|failure|conflict|bug|incident|system|feature)|"
    r"have you ever|a time (?:when|where|that|you)|an example of|what(?:'s| is| was) the (?:hardest|biggest|"
    r"most|toughest|best|worst)|tell me about|talk about a|recall a|think of a time|when did you|"
    r"most (?:proud|challenging|difficult))\b",
    re.IGNORECASE,
)
_SITUATIONAL = re.compile(
    r"\b(?:what would you do|how would you (?:handle|deal|respond|approach|react|manage|prioriti[sz]e|tell|"
    r"convince|push|get)|imagine|suppose|let's say|say you|if you (?:were|had|found|discovered|joined|inherited|"
    r"noticed|disagreed)|you (?:join|inherit|discover|notice|find out|are asked)|you've just)\b",
    re.IGNORECASE,
)
_DESIGN = re.compile(
    r"\b(?:design (?:a|an|the)|how would you (?:design|build|architect|scale)|architect (?:a|an)|"
    r"system design|build a system|high-level design|design for)\b",
    re.IGNORECASE,
)
_CHOICE_QUESTION = re.compile(
    r"\b(?:how would you|how do you|how should|design|choose|choice|decid|decision|which|when would you|"
    r"what approach|approach|should (?:you|we|i)|would you use|trade-?offs?|versus|vs\.?|compare|pick|"
    r"architecture|strateg|improve|speed up|reduce|fix|optimi[sz]|scale|migrat|handle|prevent|implement)\w*",
    re.IGNORECASE,
)
_ALTERNATIVES_QUESTION = re.compile(
    r"\b(?:choose|choos|choice|between|which|compare|comparison|vs\.?|versus|decide|decision|when would you use|"
    r"pick|option|alternative|instead|trade-?offs?|pros and cons|over (?:a|an|the))\w*",
    re.IGNORECASE,
)
_LEARNING_QUESTION = re.compile(
    r"\b(?:fail\w*|mistake\w*|wrong|regret\w*|went badly|didn't go|did not go|setback|feedback|criticism|"
    r"differently|lesson\w*|screw\w*|broke|outage)\b",
    re.IGNORECASE,
)
_SECURITY_QUESTION = re.compile(
    r"\b(?:secur\w*|auth\w*|login|log in|password\w*|payment\w*|card\w*|personal data|pii|health|"
    r"medical|patient\w*|api keys?|secret\w*|token\w*|privacy|gdpr|hipaa|pci|credential\w*|access control)\b",
    re.IGNORECASE,
)
_IMPACT_QUESTION = re.compile(
    r"\b(?:impact|improv\w*|optimi[sz]\w*|perform\w*|faster|slow\w*|speed|latency|scale|scaling|metric\w*|"
    r"measur\w*|cost\w*|grow\w*|proud|achiev\w*|success\w*|result\w*|deliver\w*|save\w*|reduc\w*|increas\w*)\b",
    re.IGNORECASE,
)


# Candidates who swap the question for one they prefer usually say so.
_DEFLECTION = re.compile(
    r"\b(?:let me (?:tell you|talk) about (?:the|a|my|another|something)|"
    r"i'd (?:rather|prefer to) (?:talk|focus) on|instead,? let me|"
    r"(?:the|a) (?:project|thing) i'm (?:most )?proud(?:est)? of|"
    r"i don't have (?:a|an) (?:example|story) (?:for|of|like) that,? but|"
    r"not (?:exactly|quite) (?:the same|what you asked)|a different (?:story|example|topic),? but|"
    r"that's not really my area,? but|i've never (?:had|done) that,? but)\b",
    re.IGNORECASE,
)


# Every deflection holds one of these (lower-cased). Case-insensitive matching of ASCII text is plain
# lower-casing, so an ASCII answer with none of them skips the regex.
_DEFLECTION_CUES = ("let me", "i'd ", "proud", "don't have", "exactly", "quite", "different", "my area", "never")


def _deflections(text: str) -> list[Span]:
    if text.isascii():
        lower = text.lower()
        if not any(cue in lower for cue in _DEFLECTION_CUES):
            return []
    return [Span(m.start(), m.end(), m.group()) for m in _DEFLECTION.finditer(text)]


def infer_kind(question: str) -> Kind:
    """Guess the question kind from its wording when the input does not say."""
    if _DESIGN.search(question):
        return "system_design"
    if _STORY_QUESTION.search(question):
        return "behavioral"
    if _SITUATIONAL.search(question):
        return "situational"
    if analyse_technical(question).tech_terms or re.search(
        r"\b(?:how does|what is|what's the difference|explain|why (?:is|does|would))\b", question, re.I
    ):
        return "technical"
    return "behavioral"


@dataclass(frozen=True, slots=True)
class Analysis:
    """The evidence about one answer. ``text`` is what was graded; every span indexes into it."""

    question: str
    kind: Kind
    text: str
    injections: list[Span]
    sentences: list[Span]
    sentence_starts: list[int]  # each sentence's start, to find a span's sentence by binary search
    word_count: int
    quantities: list[Span]
    vague: list[Span]
    voice: Voice
    story: Story
    style: Style
    technical: Technical
    relevance: Relevance
    deflections: list[Span]
    is_story: bool
    asks_choice: bool
    asks_alternatives: bool
    asks_learning: bool
    asks_security: bool
    asks_impact: bool
    options_discussed: int  # how many of the question's named options the answer talks about
    names_missing: bool  # the question names technologies and the answer uses none of them
    is_speech: bool

    def in_first(self, span: Span, share: float) -> bool:
        """Whether a span starts in the first ``share`` of the answer (context comes early)."""
        return span.start <= share * max(len(self.text), 1)

    def in_last(self, span: Span, share: float) -> bool:
        return span.start >= (1 - share) * len(self.text)

    @property
    def filler_rate(self) -> float:
        return 100 * len(self.style.fillers) / max(self.word_count, 1)

    @property
    def hedge_rate(self) -> float:
        return 100 * len(self.style.hedges) / max(self.word_count, 1)


@dataclass(frozen=True, slots=True)
class QuestionTraits:
    """What the question asks for; computed once per distinct question (batches repeat them)."""

    question: str
    kind: Kind
    is_story: bool
    asks_choice: bool
    asks_alternatives: bool
    asks_learning: bool
    asks_security: bool
    asks_impact: bool
    options: tuple[str, ...]  # options the question itself names ("gRPC over REST")
    names: tuple[str, ...]  # technical names in the question (GIL, React, gRPC): the answer should use one


# "choose between A and B", "A over B", "A vs B", "A or B?": the options the question names.
# A name starts only where a run of name characters starts, and runs are possessive: a start inside
# "a.b.c..." would end where the run does anyway, so trying it only costs time (quadratic on long runs).
_OPTIONS = re.compile(
    r"\bbetween (?:an? |the )?([\w.+#-]++(?: [\w.+#-]++)?) (?:and|or) (?:an? |the )?([\w.+#-]++(?: [\w.+#-]++)?)"
    r"|(?<![\w.+#-])\b([\w.+#-]++) (?:over|vs\.?|versus|or|instead of|rather than) (?:an? |the )?([\w.+#-]++)",
    re.IGNORECASE,
)
_NOT_OPTIONS = {"you", "we", "it", "do", "would", "should", "more", "less", "time", "one", "not", "and", "them"}


def _named_options(question: str) -> tuple[str, ...]:
    found: list[str] = []
    for m in _OPTIONS.finditer(question):
        for group in m.groups():
            if group and group.lower() not in _NOT_OPTIONS:
                found.append(group.split()[-1].lower().strip(".?"))
    return tuple(dict.fromkeys(found))


_NAME = re.compile(
    r"(?<![.?!] )(?<!^)\b(?:[A-Z]{2,}[a-z]?s?|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|[A-Z][a-z]{2,}(?:\.js)?)\b"
)
_COMMON_NAMES = {"API", "APIs", "I", "OK", "Tell", "Describe", "Explain", "Walk", "What", "How", "Why", "When", "Which"}


def _technical_names(question: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(m.group().lower().rstrip("s") for m in _NAME.finditer(question) if m.group() not in _COMMON_NAMES)
    )


@lru_cache(maxsize=1024)
def question_traits(raw_question: str, kind: Kind | None) -> QuestionTraits:
    question = sanitize(raw_question)
    kind = kind or infer_kind(question)
    return QuestionTraits(
        question=question,
        kind=kind,
        is_story=kind == "behavioral" or bool(_STORY_QUESTION.search(question)),
        asks_choice=bool(_CHOICE_QUESTION.search(question)),
        asks_alternatives=bool(_ALTERNATIVES_QUESTION.search(question)) or kind == "system_design",
        asks_learning=bool(_LEARNING_QUESTION.search(question)),
        asks_security=bool(_SECURITY_QUESTION.search(question)),
        asks_impact=bool(_IMPACT_QUESTION.search(question)),
        options=_named_options(question)
        + (_technical_names(question) if _ALTERNATIVES_QUESTION.search(question) else ()),
        names=_technical_names(question),
    )


def analyse(question: str, answer: str, kind: Kind | None = None) -> Analysis:
    traits = question_traits(question, kind)
    question, kind = traits.question, traits.kind
    text, injections = strip_injections(sanitize(answer))
    sentences = split_sentences(text)
    # Words are the tokens less the currency and percent signs (each of those is a token of its own).
    word_count = len(word_tokens(text).words) - sum(map(text.count, "$€£%"))
    punctuation = sum(map(text.count, ".!?"))
    return Analysis(
        question=question,
        kind=kind,
        text=text,
        injections=injections,
        sentences=sentences,
        sentence_starts=[s.start for s in sentences],
        word_count=word_count,
        quantities=quantities(text),
        vague=vague_quantifiers(text),
        voice=analyse_voice(text),
        story=analyse_story(text),
        style=analyse_style(text, sentences),
        technical=analyse_technical(text),
        relevance=relevance(question, text),
        deflections=_deflections(text),
        is_story=traits.is_story,
        asks_choice=traits.asks_choice,
        asks_alternatives=traits.asks_alternatives,
        asks_learning=traits.asks_learning,
        asks_security=traits.asks_security,
        asks_impact=traits.asks_impact,
        options_discussed=sum(1 for o in traits.options if o in text.lower()),
        names_missing=bool(traits.names) and not any(n in text.lower() for n in traits.names),
        is_speech=word_count > 40 and punctuation < word_count / 40,
    )
