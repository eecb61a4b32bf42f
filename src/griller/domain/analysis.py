"""One pass of every analyser over an answer: the evidence the grader scores and quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from griller.domain.heuristics._patterns import tokens as word_tokens
from griller.domain.heuristics.numbers import quantities, vague_quantifiers
from griller.domain.heuristics.relevance import Relevance, mentions_stem, relevance, stem
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
# A technical question about how you would build or fix something has more than one answer to weigh.
_HOW_TO_BUILD = re.compile(
    r"\bhow (?:would|do|should|could|can) you (?:\w+ )?(?:implement|build|design|approach|solve|fix|handle|structure|"
    r"model|store|scale|speed up|make)\b",
    re.IGNORECASE,
)
_NOT_CHOOSING = re.compile(r"\b(?:choose|decide|pick|opt) not to\b", re.IGNORECASE)
_LEARNING_QUESTION = re.compile(
    r"\b(?:fail\w*|mistake\w*|wrong|regret\w*|went badly|didn't go|did not go|setback|feedback|criticism|"
    r"differently|lesson\w*|learn\w*|screw\w*|broke|outage|what changed|changed afterwards|next time)\b",
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


# Candidates who swap the question for one they prefer usually say so: they deny its premise ("I don't
# really have one", "most of my decisions work out") and then tell another story.
_DEFLECTION = re.compile(
    r"\b(?:let me (?:tell you|talk) about (?:the|a|my|another|something)|"
    r"i'd (?:rather|prefer to) (?:talk|focus) on|instead,? let me|"
    r"(?:the|a|one) (?:project|thing|one|decision|story) i'm (?:most |really |pretty |quite )?proud(?:est)? of|"
    r"i don't (?:really |actually )?have (?:one|an? (?:good |great |specific |real )?(?:example|story|case))\b"
    r"[^.?!;]{0,40}?,? but|"
    r"i (?:can't|cannot) (?:really )?think of (?:one|an? (?:good |specific )?(?:example|story|case))\b"
    r"[^.?!;]{0,40}?,? but|"
    r"i wouldn't say (?:that )?i've (?:ever |really )?(?:had|made|been|done)|"
    r"(?:most|all|nearly all) of my (?:decisions|projects|calls|launches|choices) (?:work|worked|turn|turned|go|went)|"
    r"not (?:exactly|quite) (?:the same|what you asked)|a different (?:story|example|topic),? but|"
    r"that's not really my area,? but|"
    r"i've never (?:really )?(?:had|done|made) (?:that|one|a|an)\b[^.?!;]{0,30}?,? but)\b",
    re.IGNORECASE,
)


# Every deflection holds one of these (lower-cased). Case-insensitive matching of ASCII text is plain
# lower-casing, so an ASCII answer with none of them skips the regex.
_DEFLECTION_CUES = (
    "let me",
    "i'd rather",
    "i'd prefer",
    "proud",
    "don't have",
    "don't really have",
    "don't actually have",
    "think of",
    "not exactly",
    "not quite",
    "a different",
    "my area",
    "i've never",
    "wouldn't say",
    "most of my",
    "all of my",
)


def _deflections(text: str, question: str) -> list[Span]:
    if text.isascii():
        lower = text.lower()
        if not any(cue in lower for cue in _DEFLECTION_CUES):
            return []
    # A swap names something the question did not ask for: "the project I'm proudest of" answers
    # "what are you proudest of?".
    asked = question.lower()
    return [
        Span(m.start(), m.end(), m.group())
        for m in _DEFLECTION.finditer(text)
        if not ("proud" in asked and "proud" in m.group().lower())
    ]


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
    focus_missing: bool  # a design question's subject ("upload", "shortener") never comes up in the answer
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
    focus: str  # the stem of what a design question asks to build ("upload" in "a file upload service"), or ""


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
# Capitalised words that name no technology: question words, roles, units, days, and acronyms of
# generic categories (an answer about "the ORM" may name Django or Rails instead).
_COMMON_NAMES = frozenset(
    """API APIs I OK Tell Describe Explain Walk What How Why When Which ORM ORMs URL URLs UI UX CEO CTO VP PM PMs
    QA SMS GB MB KB TB CPU CPUs GPU GPUs RAM DB OS SDK CLI IDE PR PRs CI CD ID IDs SLA SLAs KPI KPIs OKR OKRs
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)


def _name_key(name: str) -> str:
    # "APIs" -> "api", but "SQS" and "Postgres" keep their final "s".
    if len(name) > 2 and name.endswith("s") and name[:-1].isupper():
        name = name[:-1]
    return name.lower()


def _technical_names(question: str) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(_name_key(m.group()) for m in _NAME.finditer(question) if m.group() not in _COMMON_NAMES)
    )


def _spelled_out(text: str, name: str) -> bool:
    """Whether an acronym ("gil") is spelled out in the answer ("the global interpreter lock")."""
    if not (3 <= len(name) <= 6 and name.isalpha()):
        return False
    initials = "".join(word[0] for word in word_tokens(text).words if word[0].isalpha())
    return name in initials


_WORD_HEAD = re.compile(r"[.'’/()-]")


# "Design a URL shortener that ...": the thing to build runs from the article to the first clause word.
_DESIGN_OBJECT = re.compile(
    r"\bdesign (?:(?:a|an|the|our) (?:backend|back-end|back end|api|service|system|architecture) for )?"
    r"(?:a|an|the|our)\s+(.+?)"
    r"(?=\s+(?:that|which|who|for|used|like|with|to|where|so|in|on|at|able)\b|[,.;:?!(]|$)",
    re.IGNORECASE,
)
# Words that name the kind of thing, not the thing ("service" in "a file upload service").
_GENERIC_HEADS = frozenset(
    """service services system systems app apps application applications backend back-end platform api apis tool
    product simple scalable distributed new web mobile large real-time realtime global public internal basic
    highly available reliable secure small big multi-tenant online""".split()
)


def _design_focus(question: str) -> str:
    """The stem of the head of what a design question asks for: "upload" for "a file upload service"."""
    m = _DESIGN_OBJECT.search(question)
    if not m:
        return ""
    heads = [w for w in re.split(r"[\s-]+", m.group(1).lower()) if w and w not in _GENERIC_HEADS and w.isalpha()]
    return stem(heads[-1]) if heads else ""


def _word_set(text: str) -> frozenset[str]:
    """The answer's words, plus the head of each compound ("react.memo" -> "react", "gRPC-Web" -> "grpc")."""
    words = word_tokens(text).words
    return frozenset(words).union(_WORD_HEAD.split(w, 1)[0] for w in words if _WORD_HEAD.search(w))


def _mentions(words: frozenset[str], name: str) -> bool:
    """Whether the answer's words include the name (or its plural or possessive): whole words only."""
    if name in words or name + "s" in words or name + "'s" in words or name + "’s" in words:
        return True
    # "PostgreSQL" and "Postgres", "Kafka" and "Kafka-based": a long name's first five letters are enough.
    return len(name) >= 5 and any(w[:5] == name[:5] for w in words)


@lru_cache(maxsize=1024)
def question_traits(raw_question: str, kind: Kind | None) -> QuestionTraits:
    question = sanitize(raw_question)
    kind = kind or infer_kind(question)
    # "when would you choose not to add one" asks when an option is wrong, not which option is better.
    weighs_options = bool(_ALTERNATIVES_QUESTION.search(_NOT_CHOOSING.sub(" ", question))) or (
        kind == "technical" and bool(_HOW_TO_BUILD.search(question))
    )
    options = tuple(dict.fromkeys(_named_options(question) + (_technical_names(question) if weighs_options else ())))
    return QuestionTraits(
        question=question,
        kind=kind,
        is_story=kind == "behavioral" or bool(_STORY_QUESTION.search(question)),
        asks_choice=bool(_CHOICE_QUESTION.search(question)),
        asks_alternatives=weighs_options or kind == "system_design",
        asks_learning=bool(_LEARNING_QUESTION.search(question)),
        asks_security=bool(_SECURITY_QUESTION.search(question)),
        asks_impact=bool(_IMPACT_QUESTION.search(question)),
        options=options,
        names=_technical_names(question),
        focus=_design_focus(question) if kind == "system_design" else "",
    )


def analyse(question: str, answer: str, kind: Kind | None = None) -> Analysis:
    traits = question_traits(question, kind)
    question, kind = traits.question, traits.kind
    text, injections = strip_injections(sanitize(answer))
    sentences = split_sentences(text)
    technical = analyse_technical(text)
    if technical.tradeoffs and len(kept := _not_the_topic(technical.tradeoffs, question)) < len(technical.tradeoffs):
        technical = replace(technical, tradeoffs=kept)
    story = analyse_story(text)
    if story.results and len(kept := _not_the_topic(story.results, question)) < len(story.results):
        story = replace(story, results=kept)
    answer_words = _word_set(text) if traits.options or traits.names else frozenset()
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
        story=story,
        style=analyse_style(text, sentences),
        technical=technical,
        relevance=relevance(question, text),
        deflections=_deflections(text, question),
        is_story=traits.is_story,
        asks_choice=traits.asks_choice,
        asks_alternatives=traits.asks_alternatives,
        asks_learning=traits.asks_learning,
        asks_security=traits.asks_security,
        asks_impact=traits.asks_impact,
        options_discussed=sum(1 for o in traits.options if _mentions(answer_words, o)),
        names_missing=bool(traits.names)
        and not any(_mentions(answer_words, n) for n in traits.names)
        and not any(_spelled_out(text, n) for n in traits.names),
        focus_missing=bool(traits.focus) and not mentions_stem(text, traits.focus),
        is_speech=word_count > 40 and punctuation < word_count / 40,
    )


def _not_the_topic(spans: list[Span], question: str) -> list[Span]:
    """Evidence words the question itself uses are its topic, not evidence: "eventual consistency" answering
    "what is eventual consistency?" weighs no cost, and "we cut" answering "a time you cut scope" is no outcome."""
    asked = _question_words(question)
    return [s for s in spans if s.text.lower() == "but" or f" {' '.join(_WORDS.findall(s.text.lower()))} " not in asked]


_WORDS = re.compile(r"[a-z0-9'’+#]+")


@lru_cache(maxsize=1024)
def _question_words(question: str) -> str:
    """The question's words, lower-cased and space-separated, with a space at either end."""
    return f" {' '.join(_WORDS.findall(question.lower()))} "
