"""The interview state machine: what to ask next, when to follow up, when to finish.

Pure and deterministic. The state changes only through ``record`` (an evaluated answer), ``skip``
and ``end``, so replaying a session's stored evaluations rebuilds exactly the state a crashed
process had. That is how ``griller interview --continue`` resumes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from griller.domain.models import Difficulty, Evaluation, Kind
from griller.domain.plan import Grounding, PlannedQuestion

LEVELS: tuple[Difficulty, ...] = ("easy", "medium", "hard")
# An answer scoring at least this holds up: move on even if a gap remains.
HOLDS_UP = 75
# Adaptive difficulty: the mean of the last three main answers moves the level.
HARDER_AT = 75
EASIER_AT = 45


@dataclass(frozen=True)
class Prompt:
    """A question to put to the candidate now."""

    text: str
    kind: Kind
    difficulty: Difficulty
    depth: int  # 0 for a main question, 1.. for follow-ups
    planned_id: str
    number: int  # 1-based main question number
    total: int
    grounding: tuple[Grounding, ...] = ()
    reason: str = ""

    @property
    def is_follow_up(self) -> bool:
        return self.depth > 0


@dataclass
class Interview:
    """Where an interview stands. Build it from a plan; feed it evaluations."""

    questions: list[PlannedQuestion]
    max_follow_ups: int = 1
    difficulty: Difficulty = "medium"
    reserve: list[PlannedQuestion] = field(default_factory=list)
    index: int = 0
    depth: int = 0
    pending_follow_up: str | None = None
    main_scores: list[int] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    status: Literal["active", "finished"] = "active"

    @property
    def finished(self) -> bool:
        return self.status == "finished" or self.index >= len(self.questions)

    def current(self) -> Prompt | None:
        """The prompt to show now, or None when the interview is over."""
        if self.finished:
            return None
        planned = self.questions[self.index]
        text = self.pending_follow_up if self.depth and self.pending_follow_up else planned.text
        return Prompt(
            text=text,
            kind=planned.kind,
            difficulty=planned.difficulty,
            depth=self.depth,
            planned_id=planned.id,
            number=self.index + 1,
            total=len(self.questions),
            grounding=tuple(planned.grounding),
            reason=planned.reason,
        )

    def record(self, evaluation: Evaluation, follow_up: str | None = None) -> Prompt | None:
        """Take the evaluation of the current prompt's answer; return the next prompt.

        Follows up on the worst gap while the answer does not hold up and the persona's
        follow-up budget lasts. ``follow_up`` overrides the evaluation's own follow-up (a
        model-written one, or the exact text asked before a crash).
        """
        if self.finished:
            return None
        prompt = self.current()
        if prompt is not None:
            self.asked.append(prompt.text)
        if self.depth == 0:
            self.main_scores.append(evaluation.overall)
        question = follow_up or evaluation.follow_up
        wants_more = (
            question is not None
            and evaluation.gaps
            and evaluation.overall < HOLDS_UP
            and self.depth < self.max_follow_ups
            and question not in self.asked
        )
        if wants_more:
            self.depth += 1
            self.pending_follow_up = question
            return self.current()
        return self._advance()

    def skip(self) -> Prompt | None:
        """Move past the current question without an answer."""
        if self.finished:
            return None
        prompt = self.current()
        if prompt is not None:
            self.asked.append(prompt.text)
        return self._advance()

    def end(self) -> None:
        self.status = "finished"

    def _advance(self) -> Prompt | None:
        self.index += 1
        self.depth = 0
        self.pending_follow_up = None
        self.difficulty = adapt_difficulty(self.difficulty, self.main_scores)
        self._fit_next_to_difficulty()
        if self.index >= len(self.questions):
            self.status = "finished"
            return None
        return self.current()

    def _fit_next_to_difficulty(self) -> None:
        """Swap the next bank question for a reserve one of the same kind at the new level."""
        if self.index >= len(self.questions):
            return
        upcoming = self.questions[self.index]
        if upcoming.difficulty == self.difficulty or upcoming.source != "bank":
            return
        for i, candidate in enumerate(self.reserve):
            if candidate.kind == upcoming.kind and candidate.difficulty == self.difficulty:
                self.reserve[i] = upcoming
                self.questions[self.index] = candidate.model_copy(update={"id": upcoming.id})
                return


def adapt_difficulty(level: Difficulty, scores: list[int]) -> Difficulty:
    """One step harder after three strong answers in a row on average, one step easier after weak ones."""
    recent = scores[-3:]
    if len(recent) < 3:
        return level
    mean = sum(recent) / len(recent)
    index = LEVELS.index(level)
    if mean >= HARDER_AT:
        index = min(index + 1, len(LEVELS) - 1)
    elif mean <= EASIER_AT:
        index = max(index - 1, 0)
    return LEVELS[index]
