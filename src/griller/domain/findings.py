"""Gap and strength rules: which weaknesses an answer shows, each with the evidence that proves it.

Rules read the analysis only. A gap carries a quote from the answer when one exists, otherwise a
plain statement of what is missing. A strength always carries a quote: no praise without one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from griller.domain.analysis import Analysis
from griller.domain.text import Span, shorten, window

MIN_WORDS = {"behavioral": 35, "situational": 30, "system_design": 35, "technical": 18}


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    evidence: str
    quoted: bool


@dataclass(frozen=True, slots=True)
class Praise:
    text: str
    evidence: str


def quote(a: Analysis, span: Span, max_words: int = 14) -> str:
    return shorten(window(a.text, span.start, span.end, max_words).text, 160)


def _quoted(gap: str, a: Analysis, spans: list[Span]) -> Finding:
    return Finding(gap, quote(a, spans[0]), True)


def _absent(gap: str, statement: str) -> Finding:
    return Finding(gap, statement, False)


def detect_gaps(a: Analysis) -> list[Finding]:
    """Every gap the heuristics can prove, in a stable order."""
    n = a.word_count
    if n < MIN_WORDS[a.kind] or not a.text:
        return _short_answer_gaps(a)

    found: list[Finding] = []
    # Lexical overlap is weak evidence: real answers often share no word with the question. Only an
    # explicit swap of the question, or a technical answer sharing nothing with a technical question, counts.
    off_topic = (
        bool(a.deflections)
        or (a.kind in ("technical", "system_design") and a.relevance.score == 0 and a.relevance.question_terms >= 4)
        or (a.kind == "technical" and a.names_missing)
        or a.focus_missing
    )
    if off_topic:
        found.append(
            _quoted("off_topic", a, a.deflections)
            if a.deflections
            else _absent("off_topic", "The answer never touches what the question asked about.")
        )
    found += _style_gaps(a)
    if off_topic:
        return found
    if a.is_story or a.kind == "situational":
        found += _story_gaps(a)
    if a.kind in ("technical", "system_design"):
        found += _technical_gaps(a)
    if _metrics_missing(a):
        found.append(
            _quoted("no_metrics", a, a.vague)
            if a.vague
            else _absent("no_metrics", "No numbers anywhere: no scale, time, money, percentage or count.")
        )
    return found


def _style_gaps(a: Analysis) -> list[Finding]:
    found = []
    n = a.word_count
    tangents = len(a.style.tangents)
    long_limit = 600 if a.kind == "system_design" else 450
    meandering = (
        tangents >= 2
        or a.style.repetition > 0.12
        or a.filler_rate > 8
        or (not a.is_speech and a.style.avg_sentence_words > 40)
    )
    if (n > 300 and meandering) or n > long_limit:
        evidence = quote(a, a.style.tangents[0], 10) if a.style.tangents else f"{n} words without getting to the point."
        found.append(Finding("rambling", evidence, bool(a.style.tangents)))
    buzz = len(a.style.buzzwords)
    density = 100 * buzz / max(n, 1)
    if (buzz >= 4 and density >= 2.0) or (buzz >= 3 and density >= 3.0):
        found.append(Finding("buzzwords", _densest(a, a.style.buzzwords), True))
    return found


def _densest(a: Analysis, spans: list[Span], max_words: int = 10) -> str:
    """The quote that shows the most of these spans (the first such): the evidence speaks for itself."""
    starts = [span.start for span in spans]
    best, best_count = "", 0
    covered = -1
    for span in spans[:40]:
        if span.start < covered:
            continue  # inside the last window tried: its own window would show much the same
        w = window(a.text, span.start, span.end, max_words)
        covered = w.end
        count = bisect_left(starts, w.end) - bisect_left(starts, w.start)
        if count > best_count:
            best, best_count = shorten(w.text, 160), count
    return best


def _short_answer_gaps(a: Analysis) -> list[Finding]:
    """A too-short answer: that is the gap to fix (plus jargon or a plain miss of the question)."""
    n = a.word_count
    found = [_absent("too_short", f"Only {n} word{'s' if n != 1 else ''}: too short to show how you work.")]
    found += [f for f in _style_gaps(a) if f.id == "buzzwords"]
    return found


def _metrics_missing(a: Analysis) -> bool:
    """Numbers were warranted and are absent (or only decorate the context, not the result)."""
    if not a.is_story:
        # A design is sized with numbers; an explanation or a plan of action need not be. The question's
        # own figures ("10,000 writes per second") repeated back do not size anything.
        asked = a.question.lower()
        return a.kind == "system_design" and not any(q.text.lower() not in asked for q in a.quantities)
    if _not_a_story(a):
        return False
    if a.vague:
        quantified = _sentences_of(a, a.quantities)
        return not (_sentences_of(a, a.vague) & quantified) and not (_sentences_of(a, a.story.results) & quantified)
    improved = any(s.text.lower().split()[0] in _IMPROVEMENT_VERBS for s in a.story.results if s.text.split())
    return not a.quantities and (improved or a.asks_impact or bool(a.story.results))


def sentence_of(a: Analysis, span: Span) -> int | None:
    """Index of the sentence a span starts in, or None between sentences. Binary search: linear overall."""
    i = bisect_right(a.sentence_starts, span.start) - 1
    return i if i >= 0 and span.start < a.sentences[i].end else None


def _sentences_of(a: Analysis, spans: list[Span]) -> set[int]:
    """The sentences these spans start in (compare sets, not every pair)."""
    return {i for span in spans if (i := sentence_of(a, span)) is not None}


def _not_a_story(a: Analysis) -> bool:
    s = a.story
    hypothetical = [g for g in s.generic if g.text.lower() in ("i would", "i'd", "i will")]
    generic_weight = len(s.generic) + len(hypothetical)
    # Opinions instead of events: "I think mentoring matters ... I believe they appreciated it".
    opinions = len(a.style.hedges) >= 5 and a.voice.concrete_i_actions == 0 and not a.quantities
    # Jargon with no figure in it ("drove alignment across stakeholders to unlock value") names no real occasion.
    jargon = len(a.style.buzzwords) >= 4 and not a.quantities
    specific = s.specific_markers + len(a.quantities)  # figures anchor a story too
    return jargon or opinions or (generic_weight >= 2 and specific < 5) or (specific < 2 and s.past_events < 2)


_IMPROVEMENT_VERBS = {
    "reduced",
    "increased",
    "improved",
    "cut",
    "saved",
    "grew",
    "dropped",
    "doubled",
    "halved",
    "tripled",
    "boosted",
    "decreased",
    "lowered",
    "raised",
    "sped",
    "shrank",
    "shrunk",
}


def _story_gaps(a: Analysis) -> list[Finding]:
    found = []
    v, s = a.voice, a.story
    not_a_story = a.is_story and _not_a_story(a)
    i_score = v.concrete_i_actions + 0.5 * len(v.generic_i_actions) + len(v.ownership_statements)
    we = len(v.we_actions)
    # Without a real occasion there is no role to miss: the missing example is the gap.
    if not_a_story:
        pass
    elif (i_score < 1 and we >= 1) or (i_score <= 1.5 and we >= 4):
        found.append(_quoted("no_personal_role", a, v.we_actions))
    elif i_score == 0 and we == 0 and s.past_events > 0:
        found.append(_absent("no_personal_role", "No sentence says what you yourself did."))

    if a.is_story:
        if not_a_story:
            found.append(
                _quoted("no_specific_example", a, s.generic)
                if s.generic
                else _absent("no_specific_example", "No concrete project, system or moment is named.")
            )
        # Without a story there is no situation or result to miss: the missing example is the gap.
        if not not_a_story and not any(a.in_first(x, 0.4) for x in s.situation) and _opens_with_action(a):
            found.append(
                _absent("no_situation", "The answer starts with actions and never sets out the context or stakes.")
            )
        # A long story must end on its outcome: one mentioned in passing halfway through is not how it ended.
        ending = 0.6 if a.word_count <= 250 else 0.35
        if not not_a_story and not any(a.in_last(r, ending) for r in s.results):
            found.append(_absent("no_result", "The story never says how it ended or what changed."))
        if a.asks_learning and not s.learning:
            found.append(_absent("no_learning", "Nothing about what you learned or do differently now."))

    concrete = v.concrete_i_actions + sum(1 for w in v.we_actions if not _generic_we(w))
    generic = v.generic_i_actions
    if (generic and v.concrete_i_actions <= 1 and concrete < 3) or concrete < 1:
        found.append(
            _quoted("no_action_detail", a, generic)
            if generic
            else _absent("no_action_detail", "No concrete steps: what exactly was done is never said.")
        )
    return found


_GENERIC_WE_VERBS = {
    "handled",
    "worked",
    "dealt",
    "managed",
    "did",
    "fixed",
    "helped",
    "took",
    "tried",
    "made",
    "got",
    "iterated",
    "went",
    "figured",
    "discussed",
    "talked",
    "met",
    "aligned",
    "collaborated",
    "communicated",
    "had",
}


def _generic_we(span: Span) -> bool:
    return span.text.split()[-1].lower() in _GENERIC_WE_VERBS


def _technical_gaps(a: Analysis) -> list[Finding]:
    found = []
    t = a.technical
    if a.kind in ("technical", "system_design") and t.distinct_tech_terms < 2 and len(t.reasoning) < 1:
        found.append(_absent("no_tech_depth", "No technical mechanism, component or reasoning is named."))
    makes_choice = a.asks_choice or a.kind == "system_design" or bool(t.prescriptions)
    if makes_choice and not t.tradeoffs:
        found.append(_absent("no_tradeoffs", "No downside, cost or limit of the chosen approach is mentioned."))
    if a.asks_alternatives and not t.alternatives and a.options_discussed < 2:
        found.append(_absent("no_alternatives", "No other option is mentioned or ruled out."))
    if a.kind == "system_design":
        if not t.scale:
            found.append(_absent("no_scalability", "Nothing about load, growth or how the design scales."))
        if not t.failure_handling:
            found.append(_absent("no_error_handling", "Nothing about what happens when a part fails."))
    if a.asks_security and not t.security:
        found.append(
            _absent("no_security", "The question touches sensitive data or access, but security never comes up.")
        )
    return found


def detect_strengths(a: Analysis, gaps: set[str]) -> list[Praise]:
    """What the answer does well, each with the quote that shows it (at most four)."""
    if "too_short" in gaps or "off_topic" in gaps:
        return []
    out: list[Praise] = []
    v, s, t = a.voice, a.story, a.technical
    if a.quantities:
        out.append(Praise("Backs claims with numbers", quote(a, a.quantities[0], 12)))
    generic = set(v.generic_i_actions)
    concrete = [span for span in v.i_actions if span not in generic]
    if len(concrete) >= 2 and "no_personal_role" not in gaps:
        out.append(Praise("Clear first-person actions", quote(a, concrete[0], 10)))
    if s.results and "no_result" not in gaps and a.is_story:
        quantified = _sentences_of(a, a.quantities)
        best = max(s.results, key=lambda r: _result_rank(a, r, quantified))
        out.append(Praise("States the outcome", quote(a, best, 12)))
    if t.tradeoffs and (a.kind in ("technical", "system_design") or a.asks_choice):
        out.append(Praise("Weighs trade-offs", quote(a, t.tradeoffs[0], 12)))
    if t.alternatives and (a.kind in ("technical", "system_design") or a.asks_choice):
        out.append(Praise("Considers alternatives", quote(a, t.alternatives[0], 12)))
    if s.learning and a.asks_learning:
        out.append(Praise("Reflects on the lesson", quote(a, s.learning[0], 12)))
    if a.is_story and s.situation and "no_situation" not in gaps:
        out.append(Praise("Sets the scene", quote(a, s.situation[0], 12)))
    if len(t.reasoning) >= 2 and len(out) < 4:
        out.append(Praise("Explains why, not just what", quote(a, t.reasoning[0], 12)))
    return out[:4]


def _result_rank(a: Analysis, r: Span, quantified: set[int]) -> tuple[bool, bool, int]:
    """Prefer outcomes stated with a number in the same sentence, then explicit markers, then later ones."""
    with_number = sentence_of(a, r) in quantified
    explicit = r.text.lower().startswith(
        ("as a result", "result", "the result", "the outcome", "in the end", "which", "that", "so now", "now")
    )
    return (with_number, explicit, r.start)


def _opens_with_action(a: Analysis) -> bool:
    """The story's first sentence is already about doing things: it jumped past the context."""
    if not a.sentences:
        return False
    first = a.sentences[0]
    actions = a.voice.i_actions + a.voice.we_actions
    return any(first.start <= x.start < first.end for x in actions)
