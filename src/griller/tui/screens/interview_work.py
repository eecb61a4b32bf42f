"""The interview screen's background work: every call into ``LiveInterview`` that may be slow.

A mixin of ``InterviewScreen``. Each worker runs in a thread under the screen's lock and reports
with typed messages; none of it touches a widget. A failure becomes a ``WorkFailed`` message: the
session is saved and resumable whatever happens here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from griller.coach.interviewing import LiveInterview
from griller.domain.interview import Prompt
from griller.domain.summary import SessionSummary
from griller.tui.messages import AnswerGraded, InterviewFinished, QuestionShown, QuestionToken, WorkFailed

TokenSource = Callable[[Prompt], Iterable[str]]
"""Given the prompt about to be shown, the pieces of its text as a model writes them."""


class InterviewWork:
    """Workers for the interview screen. Expects ``live``, ``tokens``, ``_lock`` and ``_generation``."""

    live: LiveInterview
    tokens: TokenSource | None
    _lock: threading.Lock
    _generation: int

    if TYPE_CHECKING:

        def post_message(self, message: Message) -> bool: ...  # provided by the Screen

    def _start(self, launch: Callable[..., Any], *args: Any) -> None:
        self._generation += 1
        launch(self._generation, *args)

    def _present(self, generation: int) -> None:
        """Stream the question if a model writes it, commit the words shown, then announce it.

        ``LiveInterview.question_stream()`` gives a model's tokens for a main question not yet
        shown; ``ask(text)`` then stores exactly what was streamed. Without a model asker, an
        optional ``tokens`` source streams the planned text (tests, demos).
        """
        worker = get_current_worker()
        with self._lock:
            stream = self.live.question_stream()
            upcoming = self.live.machine.current()
        if stream is not None and upcoming is not None:
            for token in stream:
                if worker.is_cancelled:
                    return
                self.post_message(QuestionToken(upcoming, token, generation))
        with self._lock:
            prompt = self.live.ask(stream.text if stream is not None else None)
        if prompt is None:
            self.post_message(InterviewFinished(self._finish()))
            return
        if stream is None and self.tokens is not None:
            for token in self.tokens(prompt):
                if worker.is_cancelled:
                    return
                self.post_message(QuestionToken(prompt, token, generation))
        self.post_message(QuestionShown(prompt, generation))

    def _finish(self) -> SessionSummary:
        with self._lock:
            return self.live.summary() if self.live.machine.finished else self.live.finish()

    @work(thread=True, exclusive=True, exit_on_error=False, group="live")
    def _ask(self, generation: int) -> None:
        self._guard("showing the question", self._present, generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="live")
    def _grade(self, generation: int) -> None:
        def run() -> None:
            with self._lock:
                graded, following = self.live.grade()
            self.post_message(AnswerGraded(graded, following, generation))
            if following is None:
                self.post_message(InterviewFinished(self._finish()))
            else:
                self._present(generation)

        self._guard("grading your answer", run)

    @work(thread=True, exclusive=True, exit_on_error=False, group="live")
    def _skip(self, generation: int) -> None:
        def run() -> None:
            with self._lock:
                following = self.live.skip()
            if following is None:
                self.post_message(InterviewFinished(self._finish()))
            else:
                self._present(generation)

        self._guard("skipping", run)

    @work(thread=True, exclusive=True, exit_on_error=False, group="live")
    def _end(self, generation: int) -> None:
        def run() -> None:
            with self._lock:
                self.live.event("ended_early", {"at_question": self.live.machine.index + 1})
            self.post_message(InterviewFinished(self._finish()))

        self._guard("ending the interview", run)

    @work(thread=True, exit_on_error=False, group="events")
    def _log(self, kind: str, data: dict[str, Any]) -> None:
        """Record a timing or coaching event (never cancelled: events are part of the replay)."""
        with self._lock:
            self.live.event(kind, data)

    def _guard(self, what: str, fn: Callable[..., None], *args: Any) -> None:
        try:
            fn(*args)
        except Exception as exc:  # a failed step must not kill the session: it is saved and resumable
            self.post_message(WorkFailed(what, f"{type(exc).__name__}: {exc}"))

