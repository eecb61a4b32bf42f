"""The interview screen: question, answer editor, timer, instant feedback then the graded evaluation.

Submitting commits the answer and shows the instant heuristic check on the spot (a few milliseconds).
Everything that may be slow (the judge's grade, a model writing the question, skipping and ending,
which write to SQLite) runs in thread workers under one lock and reports back with typed messages;
the handlers here are the only code that touches widgets. A generation counter drops messages from
work that was superseded (a skip while a question was still streaming, say).
"""

from __future__ import annotations

import threading
import time
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, TextArea

from griller.coach.interviewing import LiveInterview
from griller.domain.interview import Prompt
from griller.tui.clock import Clock, system_clock
from griller.tui.keys import bind
from griller.tui.messages import (
    AnswerGraded,
    InterviewFinished,
    QuestionShown,
    QuestionToken,
    WorkFailed,
)
from griller.tui.screens.dialogs import ConfirmScreen, PauseScreen
from griller.tui.screens.interview_vision import InterviewVision, VisionPlan
from griller.tui.screens.interview_voice import InterviewSpeaker, InterviewVoice, SpeakerPlan, VoicePlan
from griller.tui.screens.interview_work import InterviewWork, TokenSource
from griller.tui.timing import AnswerTimer
from griller.tui.widgets.feedback import FeedbackPanel
from griller.tui.widgets.question import QuestionPanel
from griller.tui.widgets.timer import TimerLine

Phase = Literal["asking", "answering", "grading", "finished"]


class InterviewScreen(InterviewSpeaker, InterviewVoice, InterviewVision, InterviewWork, Screen[None]):
    """One live interview, from the first question to the summary."""

    DEFAULT_CSS = """
    InterviewScreen #work { height: 1fr; }
    InterviewScreen #answer { width: 3fr; border: round $accent; }
    InterviewScreen #answer:focus { border: round $accent-lighten-2; }
    InterviewScreen FeedbackPanel { width: 2fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("submit", "submit", priority=True),
        bind("skip", "skip", priority=True),
        bind("pause", "pause", priority=True),
        bind("talk", "talk", priority=True),
        bind("repeat_question", "repeat_question", priority=True),
        bind("end_interview", "end", priority=True),
    ]

    def __init__(
        self,
        live: LiveInterview,
        *,
        think_time: float = 5.0,
        clock: Clock = system_clock,
        tokens: TokenSource | None = None,
        greeting: str = "",
        vision: VisionPlan | None = None,
        voice: VoicePlan | None = None,
        speaker: SpeakerPlan | None = None,
    ) -> None:
        """``speaker`` reads the questions aloud; None takes it from the session's options (``--speak``)."""
        super().__init__()
        self._vision_setup(vision)
        self._voice_setup(voice)
        self._speaker_setup(speaker)
        self.live = live
        self.think_time = think_time
        self.clock = clock
        self.tokens = tokens
        self.greeting = greeting
        self.timer = AnswerTimer()
        self.phase: Phase = "asking"
        self.prompt: Prompt | None = None
        self.feedback_ms: float | None = None
        """Milliseconds from pressing submit to the instant feedback on screen (for the benchmark)."""
        self._lock = threading.Lock()
        self._generation = 0
        self._probing = ""
        self._streaming: Prompt | None = None
        self._submitted_at = 0.0
        self._last_answer = ""

    # ----- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield QuestionPanel(id="question")
        yield TimerLine(id="timer")
        with Horizontal(id="work"):
            yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False, placeholder="Type your answer…")
            yield FeedbackPanel(id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.live.options.persona.replace('_', ' ')} · session {self.live.session_id}"
        editor = self.query_one("#answer", TextArea)
        editor.border_title = "Your answer"
        editor.cursor_blink = getattr(self.app, "cursor_blink", True)
        editor.focus()
        feedback = self.query_one(FeedbackPanel)
        if self.greeting:
            feedback.note(self.greeting)
        self.set_interval(0.5, self._tick)
        self._speaker_mount()
        self._start(self._ask)
        self._vision_mount()
        self._voice_mount()

    def on_unmount(self) -> None:
        self._speaker_close()
        self._vision_close()
        self._voice_close()

    def _show_vision_line(self, text: str) -> None:
        self.query_one(FeedbackPanel).vision(text)

    def _show_speech_line(self, text: str) -> None:
        self.query_one(FeedbackPanel).speech(text)

    @property
    def has_draft(self) -> bool:
        """An answer is being typed that has not been submitted."""
        return self.phase in ("asking", "answering") and bool(self.query_one("#answer", TextArea).text.strip())

    # ----- messages from workers ----------------------------------------------------------------
    def _current(self, generation: int) -> bool:
        return generation == self._generation

    def on_question_token(self, message: QuestionToken) -> None:
        if not self._current(message.generation):
            return
        panel = self.query_one(QuestionPanel)
        if self._streaming is not message.prompt:
            self._streaming = message.prompt
            panel.begin(message.prompt, self._probing)
        panel.add_token(message.text)

    def on_question_shown(self, message: QuestionShown) -> None:
        if not self._current(message.generation):
            return
        self._streaming = None
        self.prompt = message.prompt
        self.query_one(QuestionPanel).show(message.prompt, self._probing)
        editor = self.query_one("#answer", TextArea)
        if editor.read_only:
            editor.read_only = False
            editor.clear()
        editor.focus()
        self.timer = AnswerTimer()  # started once the question has been heard (at once when it is not read aloud)
        self.query_one(TimerLine).nudge = False
        self._set_phase("answering")
        self._vision_begin()
        self._present_question(message.prompt)

    def on_answer_graded(self, message: AnswerGraded) -> None:
        if not self._current(message.generation):
            return
        evaluation = message.evaluation
        self.query_one(FeedbackPanel).graded(evaluation, self._last_answer)
        following = message.following
        self._probing = evaluation.gaps[0].title if following and following.is_follow_up and evaluation.gaps else ""
        if following is not None:
            self.query_one(QuestionPanel).begin(following, self._probing)
            self._set_phase("asking")

    def on_interview_finished(self, message: InterviewFinished) -> None:
        self._set_phase("finished")
        self._speaker_close()
        self._vision_close()
        self._voice_close()
        from griller.tui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(message.summary, self.live.db, self.live.rubric, self.live.session_id))

    def on_work_failed(self, message: WorkFailed) -> None:
        self.app.notify(
            f"Something failed while {message.what}: {message.error}. Everything submitted is saved; "
            f"quit and run `griller interview --continue {self.live.session_id}` to go on.",
            title="Problem",
            severity="error",
            timeout=15,
            markup=False,
        )
        if self.phase == "grading":
            self._set_phase("answering")
            self.query_one("#answer", TextArea).read_only = False

    @on(TextArea.Changed, "#answer")
    def _typed(self, event: TextArea.Changed) -> None:
        if self.phase == "answering" and event.text_area.text.strip():
            if not self.timer.running and not self._question_read:
                self.timer.start(self.clock())  # typing while the question is read: no think time
            self.timer.typed(self.clock())

    # ----- actions ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = {
            "submit": self.phase == "answering",
            "skip": self.phase == "answering",
            "pause": self.phase in ("asking", "answering"),
            "end": self.phase != "finished",
        }.get(action, True)
        if action == "talk":
            if self.voice_plan is None:
                return False  # no microphone asked for: the key is not shown
            allowed = self.voice_ready and self.phase == "answering"
        elif action == "repeat_question":
            if self.speaker_plan is None:
                return False  # questions are not read aloud: the key is not shown
            allowed = self._repeat_allowed()
        return True if allowed else None  # None: shown in the footer, dimmed

    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        self.refresh_bindings()
        self._tick()

    def action_submit(self) -> None:
        """Commit the answer and show the instant heuristic check now; the judge grades in a worker."""
        editor = self.query_one("#answer", TextArea)
        answer = editor.text
        if not answer.strip():
            self.app.notify("Type an answer first, or skip the question.", severity="warning", markup=False)
            return
        self._submitted_at = time.perf_counter()
        self._last_answer = answer
        think_ms, answer_ms = self.timer.as_ms(self.clock())
        source = self._voice_source()
        try:
            # The commit and the heuristic check take a few milliseconds: done here, they show at once.
            with self._lock:
                instant = self.live.submit(answer, source=source, think_ms=think_ms, answer_ms=answer_ms)
        except Exception as exc:
            self.on_work_failed(WorkFailed("saving your answer", f"{type(exc).__name__}: {exc}"))
            return
        self.query_one(FeedbackPanel).instant(instant)
        self._reading_dropped()
        self._vision_end(self.live.answered_turn)
        self._voice_end(self.live.answered_turn, source)
        self.timer = AnswerTimer()
        editor.read_only = True
        self.phase = "grading"
        # Paint the feedback first; the footer refresh and the grading worker come right after.
        self.call_after_refresh(self._feedback_painted)

    def _feedback_painted(self) -> None:
        self.feedback_ms = (time.perf_counter() - self._submitted_at) * 1000
        self._set_phase("grading")
        self._start(self._grade)

    def action_skip(self) -> None:
        self.timer = AnswerTimer()
        self._reading_dropped()
        self._vision_end(None)
        self._voice_end(None)
        editor = self.query_one("#answer", TextArea)
        editor.clear()
        self._probing = ""
        self.query_one(FeedbackPanel).note("Skipped. The next question is on its way.")
        self._set_phase("asking")
        self._start(self._skip)

    def action_pause(self) -> None:
        self._reading_interrupted()  # the question is heard once the pause ends
        self.timer.pause(self.clock())
        self._log("paused", {"question": self.prompt.number if self.prompt else None})
        self._tick()
        self.app.push_screen(PauseScreen(), self._resumed)

    def _resumed(self, _: None) -> None:
        if self._question_read:
            self.timer.resume(self.clock())
        else:
            self._question_heard()  # the pause cut the reading short: the clock starts now
        self._log("resumed", {})
        self._tick()

    def action_end(self) -> None:
        if self._reading_interrupted():
            self._question_heard()

        def decided(yes: bool | None) -> None:
            if yes:
                self._set_phase("finished")
                self._start(self._end)

        self.app.push_screen(
            ConfirmScreen(
                "End the interview now?",
                "Answers you submitted are graded and kept; you will see the summary. (y / n)",
            ),
            decided,
        )

    def _tick(self) -> None:
        now = self.clock()
        line = self.query_one(TimerLine)
        if self.phase == "answering" and self.timer.wants_nudge(now, self.think_time):
            line.nudge = True
            if self.voice is None:  # a listening voice session stores its own nudge, with its own timestamp
                self._log("silence_nudge", {"after_s": self.think_time})
        busy = {"asking": "", "grading": "Grading…", "finished": "Finishing…"}.get(self.phase, "")
        if self.phase == "answering" and self.reading:
            busy = "Reading the question aloud…"
        line.show_time(self.timer, now, busy=busy)


__all__ = ["InterviewScreen", "SpeakerPlan", "TokenSource", "VisionPlan", "VoicePlan"]
