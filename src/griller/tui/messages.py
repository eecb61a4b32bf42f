"""Typed messages that workers post to the screens. Workers never touch widgets; they post these.

Interview messages carry the ``generation`` of the work that produced them, so a screen can drop
messages from work it has since superseded.
"""

from __future__ import annotations

from textual.message import Message

from griller.coach.interviewing import LiveInterview
from griller.domain.interview import Prompt
from griller.domain.models import Evaluation
from griller.domain.summary import SessionSummary


class QuestionToken(Message):
    """A piece of the question as the model writes it."""

    def __init__(self, prompt: Prompt, text: str, generation: int = 0) -> None:
        super().__init__()
        self.prompt, self.text, self.generation = prompt, text, generation


class QuestionShown(Message):
    """The question is committed and complete: the answer timer starts now."""

    def __init__(self, prompt: Prompt, generation: int = 0) -> None:
        super().__init__()
        self.prompt, self.generation = prompt, generation


class AnswerGraded(Message):
    """The judge's final grade, and the prompt that comes next (None when the interview is over)."""

    def __init__(self, evaluation: Evaluation, following: Prompt | None, generation: int = 0) -> None:
        super().__init__()
        self.evaluation, self.following, self.generation = evaluation, following, generation


class InterviewFinished(Message):
    """The interview is over (questions ran out, or it was ended early)."""

    def __init__(self, summary: SessionSummary) -> None:
        super().__init__()
        self.summary = summary


class SessionStarted(Message):
    """The setup screen's choices became a live session."""

    def __init__(self, live: LiveInterview) -> None:
        super().__init__()
        self.live = live


class WorkFailed(Message):
    """A worker failed; ``what`` says which step, ``error`` why. The session is still saved."""

    def __init__(self, what: str, error: str) -> None:
        super().__init__()
        self.what, self.error = what, error


class VisionReady(Message):
    """A ``VisionSession`` started (camera and face model open); the screen owns it from now on."""

    def __init__(self, session: object) -> None:
        super().__init__()
        self.session = session


class VisionFailed(Message):
    """Eye-contact coaching could not start; ``reason`` says why and what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class VoiceReady(Message):
    """The Whisper model is loaded: spoken answers can start."""

    def __init__(self, transcriber: object) -> None:
        super().__init__()
        self.transcriber = transcriber


class VoiceFailed(Message):
    """Voice input cannot work (no model, no PortAudio, no microphone); ``reason`` says why and what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class VoiceEvent(Message):
    """An event (``{"type", "at", "data"}``) from the ``VoiceSession`` ``session``, posted from its threads."""

    def __init__(self, session: object, event: dict[str, object]) -> None:
        super().__init__()
        self.session, self.event = session, event


class VisionEvents(Message):
    """The vision session has new events (hints, look-aways, problems) to drain."""
