"""The asker: main questions and follow-ups written by a model and streamed token by token.

The live interview calls ``stream_question(context)`` and ``follow_up(question, answer, evaluation,
history)``; both return a ``QuestionStream`` to iterate for tokens. Nothing asked earlier in the
session is asked again (fuzzy match): text that still looks like a repeat is held back, and a repeat
or a failed model is replaced by a bank question or the heuristic follow-up. Without a model the
stream simply yields the bank question or the heuristic follow-up.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from griller.coach.prompts import Prompts, untrusted
from griller.domain.models import Difficulty, Evaluation, Kind
from griller.domain.rubric import Rubric
from griller.llm.base import ModelError

SIMILARITY = 0.85  # a question this close to an earlier one counts as a repeat
HOLD = 0.75  # while a prefix is this close to an earlier question's start, keep it back
GENERIC = "What would you do differently if you faced the same situation again?"
_PREFIX = re.compile(
    r"^\s*(?:\*\*)?(?:question|q|follow[- ]up)\s*(?:\d+)?\s*[:.)-]\s*(?:\*\*)?\s*|^\s*\d+[.)]\s+",
    re.I,
)
log = logging.getLogger(__name__)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _norm(a), _norm(b)).ratio()


def is_repeat(question: str, previous: list[str], threshold: float = SIMILARITY) -> bool:
    return any(similarity(question, q) >= threshold for q in previous)


def _may_become_repeat(prefix: str, previous: list[str]) -> bool:
    p = _norm(prefix)
    return any(SequenceMatcher(None, p, _norm(q)[: len(p)]).ratio() >= HOLD for q in previous if q)


def clean_question(text: str) -> str:
    """One question: no "Question:" label or numbering, no quotes, first paragraph, bounded."""
    text = text.strip().split("\n\n")[0].strip()
    text = _PREFIX.sub("", text).strip().strip("\"“”'").strip()
    return " ".join(text.split())[:300]


@dataclass
class QuestionContext:
    """What the next main question should be about."""

    kind: Kind = "behavioral"
    difficulty: Difficulty = "medium"
    role: str = ""
    topics: list[str] = field(default_factory=list)
    resume: str = ""
    job: str = ""
    previous: list[str] = field(default_factory=list)
    persona: str = "professional_hr"
    seed: str = ""


class QuestionStream:
    """Tokens of one question. After iteration ``text`` is the question asked and ``source`` says who
    wrote it (``model``, ``bank``, ``heuristic``). If ``replaced`` is true, a repeat or failure was
    caught after text was shown: display ``text`` instead of what streamed.
    """

    def __init__(
        self,
        tokens: Iterator[str] | None,
        previous: list[str],
        fallback: Callable[[], tuple[str, str]],
    ):
        self._previous = previous
        self._fallback = fallback
        self.text = ""
        self.source = "model"
        self.replaced = False
        self._iter = self._run(tokens)

    def __iter__(self) -> Iterator[str]:
        return self._iter

    def __next__(self) -> str:
        return next(self._iter)

    def read(self) -> str:
        """Consume the stream and return the final question."""
        for _ in self:
            pass
        return self.text

    def _use_fallback(self, shown: bool) -> Iterator[str]:
        self.text, self.source = self._fallback()
        self.replaced = shown
        if not shown:
            yield self.text

    def _run(self, tokens: Iterator[str] | None) -> Iterator[str]:
        if tokens is None:
            yield from self._use_fallback(False)
            return
        text, shown = "", False
        try:
            for token in tokens:
                text += token
                if shown:
                    yield token
                elif not _may_become_repeat(clean_question(text), self._previous):
                    shown = True
                    yield text.lstrip()
        except ModelError as exc:
            log.warning("asker model failed: %s", exc)
            yield from self._use_fallback(shown)
            return
        question = clean_question(text)
        if len(question.split()) < 3 or is_repeat(question, self._previous):
            yield from self._use_fallback(shown)
            return
        if not shown:
            yield question
        self.text = question


class Asker:
    """Writes questions with a model when one is configured, else takes them from the bank."""

    def __init__(self, model: object | None, rubric: Rubric, prompts: Prompts, *, max_tokens: int = 96) -> None:
        self.model = model
        self.rubric = rubric
        self.prompts = prompts
        self.max_tokens = max_tokens

    def bank_question(self, ctx: QuestionContext) -> str:
        """A bank question of the right kind (and difficulty when possible) not asked before."""
        pool = [q for q in self.rubric.questions if q.kind == ctx.kind] or list(self.rubric.questions)
        fresh = [q for q in pool if not is_repeat(q.text, ctx.previous)]
        preferred = [q for q in fresh if q.difficulty == ctx.difficulty] or fresh
        if not preferred:
            return GENERIC if not is_repeat(GENERIC, ctx.previous) else "Tell me about the work you are proudest of."
        pick = zlib.crc32(f"{ctx.seed}:{len(ctx.previous)}".encode()) % len(preferred)
        return preferred[pick].text

    def stream_question(self, ctx: QuestionContext, example: str | None = None) -> QuestionStream:
        """A model-written question streamed token by token; ``example`` (a planned question) anchors it."""
        example = example or self.bank_question(ctx)
        fallback = lambda: (example, "bank")  # noqa: E731
        if self.model is None:
            return QuestionStream(None, ctx.previous, fallback)
        persona = self.rubric.personas.get(ctx.persona) or next(iter(self.rubric.personas.values()), None)
        messages = self.prompts.messages(
            "question",
            persona=persona,
            kind=ctx.kind,
            difficulty=ctx.difficulty,
            role=ctx.role,
            topics=ctx.topics,
            resume=untrusted(ctx.resume, 1500),
            job=untrusted(ctx.job, 1500),
            previous=ctx.previous[-8:],
            example=example,
        )
        return QuestionStream(self._tokens(messages), ctx.previous, fallback)

    def follow_up(
        self,
        question: str,
        answer: str,
        evaluation: Evaluation | None,
        history: list[str],
        persona: str = "professional_hr",
    ) -> QuestionStream:
        """A follow-up on the answer's weakest point; never one already asked in ``history``."""
        previous = [*history, question]

        def fallback() -> tuple[str, str]:
            planned = evaluation.follow_up if evaluation and evaluation.follow_up else ""
            if planned and not is_repeat(planned, previous):
                return planned, "heuristic"
            return (
                GENERIC if not is_repeat(GENERIC, previous) else "Is there anything you would add to that answer?"
            ), "heuristic"

        if self.model is None:
            return QuestionStream(None, previous, fallback)
        chosen = self.rubric.personas.get(persona) or next(iter(self.rubric.personas.values()), None)
        gaps = evaluation.gaps[:3] if evaluation else []
        messages = self.prompts.messages(
            "follow_up",
            persona=chosen,
            question=untrusted(question, 1000),
            answer=untrusted(answer, 4000),
            gaps=gaps,
            previous=previous[-8:],
        )
        return QuestionStream(self._tokens(messages), previous, fallback)

    def _tokens(self, messages: list[dict[str, str]]) -> Iterator[str] | None:
        try:
            return iter(self.model.stream(messages, max_tokens=self.max_tokens))  # type: ignore[union-attr]
        except ModelError as exc:
            log.warning("asker model failed: %s", exc)
            return None


def make_asker(config: object, rubric: Rubric, *, spec: str | None = None, api_base: str | None = None) -> Asker:
    """The asker for ``spec`` (default: ``[models] asker``); a bank-only asker for ``heuristic``.

    Raises ``SpecError`` for a spec that cannot be understood, so the caller can say so plainly.
    """
    from griller.llm.registry import BuildOptions, build_from

    models = config.models  # type: ignore[attr-defined]
    options = BuildOptions(timeout=models.timeout, retries=models.retries)
    base = api_base if api_base is not None else models.api_base
    model = build_from(spec or models.asker, api_base=base, options=options)
    return Asker(model, rubric, Prompts(config.prompts_path()))  # type: ignore[attr-defined]
