"""How it is said: fillers, hedges, buzzwords, repetition, tangents; and text aimed at the grader."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter

from griller.domain.heuristics._patterns import LowerPattern, find, phrases
from griller.domain.heuristics._patterns import tokens as tokens_of
from griller.domain.text import Span, split_sentences

_START = itemgetter(0)  # a span's start (spans are named tuples)

FILLERS = phrases(
    [
        "um",
        "umm",
        "ummm",
        "uh",
        "uhh",
        "uhm",
        "erm",
        "er",
        "hmm",
        "ah",
        "you know",
        "i mean",
        "kind of",
        "sort of",
        "basically",
        "actually",
        "literally",
    ]
)
# "like" and "so" are fillers only in some positions ("it was, like, slow"; "so, um"). "like" is also a
# verb ("customers like it", "I would like a budget"), so it counts only when a comma follows it, or a
# hesitation sits on either side ("um like", "like uh").
_HESITATIONS = ("um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "hmm")
# Lookbehinds are fixed-width: one per hesitation and separator ("um like", "uh, like").
_AFTER_HESITATION = "|".join(f"(?<=\\b{h}{sep}like)" for h in _HESITATIONS for sep in (" ", ", "))
# Each alternative starts with its word (the boundary is checked behind it), so the scan of the lower-cased
# text skips from one "s" or "l" to the next in C.
_CONTEXT_FILLERS = LowerPattern(
    r"so(?<![\w'’]so)(?=,)(?<=[,.] so)"
    r"|like(?<![\w'’]like)(?:(?=,|\s+(?:um+|uh+|uhm|erm|er|ah|hmm|you know|i mean|basically|actually|literally)\b)"
    rf"|(?:{_AFTER_HESITATION})(?!\w))"
)
HEDGES = phrases(
    [
        "i think",
        "i guess",
        "i suppose",
        "maybe",
        "perhaps",
        "probably",
        "i'm not sure",
        "not sure",
        "i believe",
        "kind of",
        "sort of",
        "more or less",
        "somewhat",
        "i feel like",
        "hopefully",
        "might have",
        "could have been",
        "or something",
        "or whatever",
        "i don't know",
        "i dunno",
    ]
)
BUZZWORDS = phrases(
    [
        "synergy",
        "synergies",
        "synergize",
        "synergistic",
        "leverage",
        "leveraged",
        "leveraging",
        "paradigm",
        "paradigm shift",
        "disrupt*",
        "best-in-class",
        "best in class",
        "world-class",
        "cutting-edge",
        "cutting edge",
        "bleeding edge",
        "game changer",
        "game-changing",
        "move the needle",
        "moved the needle",
        "circle back",
        "low-hanging fruit",
        "think outside the box",
        "holistic",
        "holistically",
        "value-add",
        "value add",
        "thought leadership",
        "next-generation",
        "next-gen",
        "innovative",
        "innovation",
        "data-driven",
        "results-driven",
        "dynamic",
        "passionate",
        "rockstar",
        "ninja",
        "guru",
        "deep dive",
        "bandwidth",
        "empower*",
        "drive alignment",
        "alignment",
        "actionable",
        "actionable insights",
        "digital transformation",
        "ai-powered",
        "mission-critical",
        "seamless",
        "seamlessly",
        "robust",
        "scalable solution*",
        "end-to-end",
        "ecosystem",
        "stakeholder alignment",
        "north star",
        "10x",
        "blue sky",
        "core competenc*",
        "best practice*",
        "value proposition",
        "win-win",
        "proactive*",
        "streamline*",
        "(optimise|optimize) synergies",
        "operational excellence",
        "cross-functional",
        "key learnings",
        "growth mindset",
        "agile transformation",
        "future-proof",
        "impactful",
        "transformational",
        "transformative",
        "revolutionary",
        "state-of-the-art",
        "state of the art",
        "value-driven",
        "customer-centric",
        "visionary",
        "strategic",
        "strategically",
        "drive value",
        "unlock value",
        "unlocked value",
        "supercharge*",
        "turbocharge*",
        "bleeding-edge",
        "move fast",
        "hyper-growth",
        "hypergrowth",
        "disruptive",
        "frictionless",
        "omnichannel",
        # Technical buzzwords: architecture words used as incantations.
        "cloud-native",
        "cloud native",
        "ai-driven",
        "ai driven",
        "ml-powered",
        "ai-first",
        "serverless-first",
        "unlock*",
        "real-time insights",
        "industry standard",
        "future-proof*",
        "data strategy",
        "enterprise-grade",
        "web-scale",
        "hyperscale",
        "at scale",
        "modern stack",
        "next generation",
        "single pane of glass",
        "digital-first",
        "cutting-edge technology",
        "blazing fast",
        "blazingly fast",
    ]
)
TANGENTS = phrases(
    [
        "anyway",
        "anyways",
        "but yeah",
        "so yeah",
        "long story short",
        "where was i",
        "going back to",
        "as i said",
        "like i said",
        "on a side note",
        "by the way",
        "side note",
        "i digress",
        "that reminds me",
        "funny story",
        "another thing",
        "oh and",
        "oh also",
        "but anyway",
        "what else",
        "off topic",
        "to be honest",
        "honestly",
        "tangent",
        "not related but",
        "not really related",
        "i forgot to mention",
        "let me back up",
        "wait",
        "actually no",
        "or was it",
        "i'm rambling",
        "i'm getting off track",
        "i forgot",
        "(like|as) i mentioned",
        "(a|another) whole (other|separate|different)",
        "(a|another) different story",
        "long story",
    ]
)
# Cheap screen before the injection pattern: a sentence aimed at the grader names one of these.
# Cheap screen before the injection pattern: a sentence aimed at the grader names one of these.
_INJECTION_WORDS = phrases(
    [
        "ignore",
        "disregard",
        "override",
        "bypass",
        "instruction",
        "instructions",
        "prompt",
        "prompts",
        "grader",
        "evaluator",
        "judge",
        "assistant",
        "ai",
        "llm",
        "gpt",
        "chatgpt",
        "score",
        "scoring",
        "grade",
        "marks",
        "rubric",
        "system",
        "jailbreak",
        "developer mode",
        "this answer",
        "full",
        "perfect",
        "maximum",
        "out of 10",
        "out of ten",
        "out of 100",
        "10/10",
    ]
)
_INJECTION_SYMBOLS = re.compile(r"\d\s*/\s*10\b|\"\s*\w+\s*\"\s*:|</?\w+>|\[/?INST|<\|", re.IGNORECASE)


def _injection_hint(text: str) -> bool:
    if _INJECTION_WORDS.search(text):
        return True
    # Every symbol the pattern looks for holds one of these characters: most answers hold none.
    return any(c in text for c in '/"<[') and bool(_INJECTION_SYMBOLS.search(text))


# "score this 10/10", "give my answer full marks", "rate it 10.": the object is the answer or the candidate,
# and a bare number is a score only when no unit follows it ("give it a 100 ms timeout" is a setting).
_SCORE_OBJECT = r"(?:(?:this|my|the)\s+(?:answer|response)\s+|this\s+(?:one\s+)?|me\s+|it\s+)?"
_SCORE_WORDS = r"(?:score|grade|rating|marks?|points?|stars?)"
_END = r"(?:$|[.!?,;:)\]\"'”]|(?:out\s+of|please|and|because|for|overall|now)\b)"
# After the score, the sentence or clause ends, or a score word does ("100 points."; not "a 100 point budget").
_SCORE_END = r"(?=\s*(?:" + _END + "|" + _SCORE_WORDS + r"\b\s*" + _END + "))"
_SCORE = (
    r"(?:\d+\s*(?:/|out\s+of)\s*\d+\b"
    r"|(?:10|ten|100|one\s+hundred)\b"
    + _SCORE_END
    + r"|(?:full|top|perfect|maximum|max|highest)\s+"
    + _SCORE_WORDS
    + r"\b"
    r"|(?:perfect|maximum|max|highest)\b" + _SCORE_END + ")"
)
INJECTION = re.compile(
    r"(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+)?(?:previous|prior|above|"
    r"earlier|preceding|other|system|grading|scoring)?\s*(?:instructions?|prompts?|rules?|rubric|criteria|guidelines)"
    r"|\b(?:you are|you're|act as|pretend to be|as an?)\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|grader|evaluator|"
    r"language model|llm|judge|chatgpt|gpt)\b"
    r"|\b(?:score|grade|rate|mark|give|award|assign)\s+"
    + _SCORE_OBJECT
    + r"(?:a\s+|an\s+|with\s+|the\s+)?"
    + _SCORE
    + r"|\b(?:note|message|instruction)s?\s+(?:to|for)\s+(?:the\s+)?(?:ai|grader|evaluator|model|llm|judge|reviewer)"
    r"|\b(?:system prompt|jailbreak|developer mode)\b"
    r"|\bthis answer (?:is|deserves|should get|should receive) (?:a\s+)?(?:perfect|excellent|10|full|the highest)\b"
    r"|\"\s*(?:overall|scores|gaps|strengths|engine|follow_up)\s*\"\s*:"
    r"|</?(?:system|assistant|user|instructions?)>|\[/?INST\]|<\|im_start\|>",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Style:
    fillers: list[Span]
    hedges: list[Span]
    buzzwords: list[Span]
    tangents: list[Span]
    repetition: float  # share of word trigrams that repeat an earlier trigram
    avg_sentence_words: float
    longest_sentence_words: int


def _context_fillers(text: str) -> list[Span]:
    # Case-insensitive matching of ASCII text is plain lower-casing: without "so," or "like" there is none.
    if text.isascii():
        lower = text.lower()
        if "so," not in lower and "like" not in lower:
            return []
    return find(_CONTEXT_FILLERS, text)


def analyse_style(text: str, sentences: list[Span]) -> Style:
    tokens = tokens_of(text).words
    trigrams = list(zip(tokens, tokens[1:], tokens[2:], strict=False))
    counts = Counter(trigrams)
    repeated = sum(c - 1 for c in counts.values() if c > 1)
    lengths = [len(s.text.split()) for s in sentences] or [0]
    return Style(
        fillers=sorted(find(FILLERS, text) + _context_fillers(text), key=_START),
        hedges=find(HEDGES, text),
        buzzwords=find(BUZZWORDS, text),
        tangents=find(TANGENTS, text),
        repetition=repeated / len(trigrams) if trigrams else 0.0,
        avg_sentence_words=sum(lengths) / len(lengths),
        longest_sentence_words=max(lengths),
    )


_AROUND_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
_NEWLINE_RUNS = re.compile(r"\n{3,}")


def strip_injections(text: str) -> tuple[str, list[Span]]:
    """Remove sentences that address the grader instead of the interviewer.

    Returns the remaining text (what gets graded) and the removed sentences (reported as a flag).
    Each removed sentence leaves a line break, so no quote can join the words on either side of it
    into something the candidate never said.
    """
    if not _injection_hint(text):
        return text, []
    removed = [s for s in split_sentences(text) if _injection_hint(s.text) and INJECTION.search(s.text)]
    if not removed:
        return text, []
    kept, last = [], 0
    for span in removed:
        kept.append(text[last : span.start])
        last = span.end
    kept.append(text[last:])
    joined = _AROUND_NEWLINE.sub("\n", "\n".join(kept))
    return _NEWLINE_RUNS.sub("\n\n", joined).strip(), removed
