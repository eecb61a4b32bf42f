"""The live interview as a use case: ask, commit, grade, decide, resume after a crash.

The TUI and ``--plain`` both drive this class, so they behave identically. The order of writes is
the contract that makes sessions crash-proof: a question is committed when it is asked, an answer
before it is graded, an evaluation as soon as it exists. Resuming replays the stored evaluations
through the pure state machine, which rebuilds follow-up depth and difficulty exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

from griller.domain.grader import grade as heuristic_grade
from griller.domain.interview import HOLDS_UP, Interview, Prompt
from griller.domain.models import AnswerInput, Evaluation
from griller.domain.plan import PlannedQuestion
from griller.domain.ports import Judge
from griller.domain.rubric import Rubric
from griller.domain.summary import SessionSummary, summarize
from griller.store import sessions as store


class SessionError(RuntimeError):
    """A session cannot be started or resumed; the message says why."""


@dataclass
class SessionOptions:
    """How an interview was set up; stored with the session so it can be resumed."""

    questions: list[PlannedQuestion]
    reserve: list[PlannedQuestion]
    persona: str = "professional_hr"
    domain: str = "general"
    industry: str = "general"
    difficulty: str = "medium"
    max_follow_ups: int = 1
    resume_id: str | None = None
    job_id: str | None = None
    extra: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "questions": [q.model_dump(mode="json") for q in self.questions],
            "reserve": [q.model_dump(mode="json") for q in self.reserve],
            "persona": self.persona,
            "domain": self.domain,
            "industry": self.industry,
            "difficulty": self.difficulty,
            "max_follow_ups": self.max_follow_ups,
            "resume_id": self.resume_id,
            "job_id": self.job_id,
            "extra": self.extra or {},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionOptions:
        return cls(
            questions=[PlannedQuestion.model_validate(q) for q in data.get("questions", [])],
            reserve=[PlannedQuestion.model_validate(q) for q in data.get("reserve", [])],
            persona=data.get("persona", "professional_hr"),
            domain=data.get("domain", "general"),
            industry=data.get("industry", "general"),
            difficulty=data.get("difficulty", "medium"),
            max_follow_ups=int(data.get("max_follow_ups", 1)),
            resume_id=data.get("resume_id"),
            job_id=data.get("job_id"),
            extra=data.get("extra") or {},
        )


class LiveInterview:
    """One interview session bound to a database, a rubric and a judge."""

    def __init__(
        self, db: sqlite_utils.Database, rubric: Rubric, judge: Judge, session_id: str, options: SessionOptions
    ) -> None:
        self.db, self.rubric, self.judge = db, rubric, judge
        self.session_id = session_id
        self.options = options
        self.machine = Interview(
            questions=[q.model_copy() for q in options.questions],
            reserve=[q.model_copy() for q in options.reserve],
            max_follow_ups=options.max_follow_ups,
            difficulty=options.difficulty,  # type: ignore[arg-type]
        )
        self.asker: Any = None  # coach.asker.Asker: model-written questions when it has a model
        self.turn_id: str | None = None  # the asked, unanswered turn
        self._asked_text: str | None = None  # its words as shown (a model may have rewritten them)
        self.answered_turn: str | None = None  # answered, awaiting its final grade
        self._ordinal = 0
        self._main_turn: str | None = None

    # ----- lifecycle -------------------------------------------------------------------------
    @classmethod
    def start(cls, db: sqlite_utils.Database, rubric: Rubric, judge: Judge, options: SessionOptions) -> LiveInterview:
        if not options.questions:
            raise SessionError("no questions to ask: the plan is empty")
        session_id = store.create_session(
            db,
            options.to_json(),
            resume_id=options.resume_id,
            job_id=options.job_id,
            engine=judge.name,
        )
        live = cls(db, rubric, judge, session_id, options)
        store.add_event(db, session_id, "session_started", {"questions": len(options.questions)})
        return live

    @classmethod
    def resume(
        cls, db: sqlite_utils.Database, rubric: Rubric, judge: Judge, session_ref: str = "last"
    ) -> LiveInterview:
        """Continue an interrupted session where it stopped, losing nothing that was submitted."""
        row = store.last_unfinished(db) if session_ref == "last" else store.find_session(db, session_ref)
        if row is None:
            raise SessionError(
                "no interrupted session to continue" if session_ref == "last" else f"no session matches {session_ref!r}"
            )
        if row["status"] != "active":
            raise SessionError(f"session {row['id']} is already {row['status']}; start a new one")
        options = SessionOptions.from_json(json.loads(row["settings"] or "{}"))
        live = cls(db, rubric, judge, row["id"], options)
        live._replay()
        store.add_event(db, row["id"], "session_resumed", {"at_question": live.machine.index + 1})
        return live

    def _replay(self) -> None:
        evaluations = store.evaluations_by_turn(self.db, self.session_id)
        rows = store.turns(self.db, self.session_id)
        for position, row in enumerate(rows):
            self._ordinal = row["ordinal"]
            if row["depth"] == 0:
                self._main_turn = row["id"]
            if row["source"] == "skipped":
                self.machine.skip()
                continue
            if row["answer"] is None:
                self.turn_id = row["id"]  # asked when the process died: ask it again
                self._asked_text = row["question"]
                break
            evaluation = evaluations.get(row["id"])
            if evaluation is None:  # died while grading: grade now, then go on
                evaluation = self._grade_row(row)
                store.record_evaluation(self.db, row["id"], evaluation)
            nxt = rows[position + 1] if position + 1 < len(rows) else None
            asked_next = nxt["question"] if nxt and nxt["depth"] == row["depth"] + 1 else None
            self.machine.record(evaluation, follow_up=asked_next)

    # ----- the loop ----------------------------------------------------------------------------
    def question_stream(self) -> Any:
        """For a main question not shown yet, a model-written version as a token stream; else None.

        Consume it, then call ``ask(stream.text)`` so the words actually shown are what is stored.
        """
        prompt = self.machine.current()
        if prompt is None or prompt.depth or self.turn_id is not None or not self._model_asker():
            return None
        from griller.coach.asker import QuestionContext

        planned = self.machine.questions[self.machine.index]
        context = QuestionContext(
            kind=prompt.kind,
            difficulty=prompt.difficulty,
            topics=list(planned.topics),
            resume=" ".join(g.quote for g in planned.grounding if g.quote),
            previous=list(self.machine.asked),
            persona=self.options.persona,
            seed=planned.id,
        )
        return self.asker.stream_question(context, example=prompt.text)

    def ask(self, text: str | None = None) -> Prompt | None:
        """The current prompt; commits it as asked the first time it is shown (as ``text`` when given)."""
        prompt = self.machine.current()
        if prompt is None:
            return None
        if self.turn_id is not None and self._asked_text:
            return replace(prompt, text=self._asked_text)
        if text and text.strip():
            prompt = replace(prompt, text=text.strip())
        self._ordinal += 1
        self.turn_id = store.add_turn(
            self.db,
            self.session_id,
            ordinal=self._ordinal,
            question=prompt.text,
            kind=prompt.kind,
            difficulty=prompt.difficulty,
            depth=prompt.depth,
            planned_id=prompt.planned_id,
            grounding=[g.model_dump(mode="json") for g in prompt.grounding],
            parent_id=self._main_turn if prompt.depth else None,
        )
        if prompt.depth == 0:
            self._main_turn = self.turn_id
        self._asked_text = prompt.text
        return prompt

    def submit(
        self, answer: str, *, source: str = "text", think_ms: int | None = None, answer_ms: int | None = None
    ) -> Evaluation:
        """Commit the answer, then return instant heuristic feedback (not yet the final grade)."""
        prompt = self.ask()
        if prompt is None or self.turn_id is None:
            raise SessionError("the interview is over; there is no question to answer")
        store.record_answer(self.db, self.turn_id, answer, source=source, think_ms=think_ms, answer_ms=answer_ms)
        self.answered_turn, self.turn_id = self.turn_id, None
        return heuristic_grade(self._item(prompt, answer), self.rubric, self.options.domain)

    def grade(self) -> tuple[Evaluation, Prompt | None]:
        """The judge's final grade of the submitted answer; commits it and decides what comes next."""
        if self.answered_turn is None:
            raise SessionError("nothing has been submitted to grade")
        prompt = self.machine.current()
        assert prompt is not None
        row = next(r for r in store.turns(self.db, self.session_id) if r["id"] == self.answered_turn)
        evaluation = self._grade_row(row)
        store.record_evaluation(self.db, self.answered_turn, evaluation)
        self.answered_turn = None
        following = self.machine.record(evaluation, follow_up=self._model_follow_up(row, evaluation))
        if following is None:
            self.finish()
        return evaluation, following

    def skip(self) -> Prompt | None:
        self.ask()
        if self.turn_id is not None:
            store.mark_skipped(self.db, self.turn_id)
            store.add_event(self.db, self.session_id, "skipped", turn_id=self.turn_id)
        self.turn_id = None
        following = self.machine.skip()
        if following is None:
            self.finish()
        return following

    def event(self, kind: str, data: dict[str, Any] | None = None, *, at: str | None = None,
              turn_id: str | None = None) -> None:
        """Store a timing or coaching event; ``at`` (ISO, UTC) when it happened earlier than now, ``turn_id`` when
        it belongs to a turn other than the current one."""
        store.add_event(self.db, self.session_id, kind, data, turn_id=turn_id or self.turn_id or self.answered_turn,
                        at=at)

    def vision_metrics(self, turn_id: str, metrics: dict[str, Any]) -> None:
        """One answer's eye-contact metrics (``VisionSession.end_answer()``), as a "vision_metrics" event."""
        store.add_event(self.db, self.session_id, "vision_metrics", dict(metrics), turn_id=turn_id)

    def finish(self, status: str = "finished") -> SessionSummary:
        self.machine.end()
        summary = self.summary()
        store.finish_session(self.db, self.session_id, summary.model_dump(mode="json"), status=status)
        store.add_event(self.db, self.session_id, "session_finished", {"status": status})
        return summary

    def summary(self) -> SessionSummary:
        return summarize(self.db_turns(), self.rubric)

    def db_turns(self) -> list[tuple[dict[str, Any], Evaluation | None]]:
        evaluations = store.evaluations_by_turn(self.db, self.session_id)
        return [(row, evaluations.get(row["id"])) for row in store.turns(self.db, self.session_id)]

    # ----- helpers -----------------------------------------------------------------------------
    def _model_asker(self) -> bool:
        return self.asker is not None and getattr(self.asker, "model", None) is not None

    def _model_follow_up(self, row: dict[str, Any], evaluation: Evaluation) -> str | None:
        """A model-written follow-up when the machine will follow up and a model asker exists."""
        machine = self.machine
        wants = evaluation.gaps and evaluation.overall < HOLDS_UP and machine.depth < machine.max_follow_ups
        if not wants or not self._model_asker():
            return None
        stream = self.asker.follow_up(row["question"], row["answer"] or "", evaluation, list(machine.asked),
                                      persona=self.options.persona)
        return stream.read() or None

    def _item(self, prompt: Prompt, answer: str) -> AnswerInput:
        return AnswerInput(
            id=f"{self.session_id}:{self._ordinal}", question=prompt.text, answer=answer, kind=prompt.kind
        )

    def _grade_row(self, row: dict[str, Any]) -> Evaluation:
        item = AnswerInput(id=row["id"], question=row["question"], answer=row["answer"] or "", kind=row["kind"])
        return self.judge.grade(item)
