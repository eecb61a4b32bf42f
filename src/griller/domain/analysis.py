"""One pass of every analyser over an answer: the evidence the grader scores and quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from griller.domain.heuristics.numbers import quantities, vague_quantifiers
from griller.domain.heuristics.relevance import Relevance, relevance
from griller.domain.heuristics.story import Story, analyse_story
from griller.domain.heuristics.style import Style, analyse_style, strip_injections
from griller.domain.heuristics.technical import Technical, analyse_technical
from griller.domain.heuristics.voice import Voice, analyse_voice
from griller.domain.models import Kind
from griller.domain.text import Span, sanitize, split_sentences, words

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


def infer_kind(question: str) -> Kind:
    """Guess the question kind from its wording when the input does not say."""
    if _DESIGN.search(question):
        return "system_design"
    if _STORY_QUESTION.search(question):
        return "behavioral"
    if _SITUATIONAL.search(question):
        return "situational"
    if analyse_technical(question).tech_terms or re.search(r"\b(?:how does|what is|what's the difference|explain|why (?:is|does|would))\b", question, re.I):
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
    word_count: int
    quantities: list[Span]
    vague: list[Span]
    voice: Voice
    story: Story
    style: Style
    technical: Technical
    relevance: Relevance
    is_story: bool
    asks_choice: bool
    asks_alternatives: bool
    asks_learning: bool
    asks_security: bool
    asks_impact: bool
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


def analyse(question: str, answer: str, kind: Kind | None = None) -> Analysis:
    question = sanitize(question)
    text, injections = strip_injections(sanitize(answer))
    kind = kind or infer_kind(question)
    sentences = split_sentences(text)
    tokens = words(text)
    punctuation = sum(text.count(c) for c in ".!?")
    is_story = kind == "behavioral" or bool(_STORY_QUESTION.search(question))
    return Analysis(
        question=question,
        kind=kind,
        text=text,
        injections=injections,
        sentences=sentences,
        word_count=len(tokens),
        quantities=quantities(text),
        vague=vague_quantifiers(text),
        voice=analyse_voice(text),
        story=analyse_story(text),
        style=analyse_style(text, sentences),
        technical=analyse_technical(text),
        relevance=relevance(question, text),
        is_story=is_story,
        asks_choice=bool(_CHOICE_QUESTION.search(question)),
        asks_alternatives=bool(_ALTERNATIVES_QUESTION.search(question)) or kind == "system_design",
        asks_learning=bool(_LEARNING_QUESTION.search(question)),
        asks_security=bool(_SECURITY_QUESTION.search(question)),
        asks_impact=bool(_IMPACT_QUESTION.search(question)),
        is_speech=len(tokens) > 40 and punctuation < len(tokens) / 40,
    )
