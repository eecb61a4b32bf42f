"""The feedback panel: instant heuristic feedback on submit, then the graded evaluation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from griller.domain.models import Evaluation
from griller.tui.render import evaluation_view

PLACEHOLDER = (
    "Answer in the editor, then submit.\n\n"
    "You get instant feedback first, then the full grade on seven dimensions, each gap with the "
    "words from your answer that justify it."
)


class FeedbackPanel(VerticalScroll):
    """Scrollable feedback on the latest answer."""

    DEFAULT_CSS = """
    FeedbackPanel {
        border: round $secondary;
        padding: 0 1;
    }
    FeedbackPanel > Static { width: 1fr; }
    FeedbackPanel > #feedback-vision { display: none; color: $text-muted; margin: 1 0 0 0; }
    FeedbackPanel > #feedback-vision.shown { display: block; }
    FeedbackPanel > #feedback-speech { display: none; color: $text-muted; margin: 1 0 0 0; }
    FeedbackPanel > #feedback-speech.shown { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text(PLACEHOLDER, style="dim"), id="feedback-body")
        yield Static(id="feedback-speech")
        yield Static(id="feedback-vision")

    def on_mount(self) -> None:
        self.border_title = "Feedback"

    @property
    def body(self) -> Static:
        return self.query_one("#feedback-body", Static)

    def instant(self, evaluation: Evaluation) -> None:
        self.body.update(evaluation_view(evaluation, pending=True))
        self.scroll_home(animate=False)

    def graded(self, evaluation: Evaluation, answer: str = "", label: str = "Your last answer") -> None:
        self.body.update(evaluation_view(evaluation, label=label, answer=answer))
        self.scroll_home(animate=False)

    def vision(self, text: str) -> None:
        """The eye-contact line for the last answer, under the feedback (hidden until there is one)."""
        line = self.query_one("#feedback-vision", Static)
        line.update(Text(text))
        line.add_class("shown")

    def speech(self, text: str) -> None:
        """The delivery line (pace, fillers, pauses) for the spoken answer (hidden until there is one)."""
        line = self.query_one("#feedback-speech", Static)
        line.update(Text(text))
        line.add_class("shown")

    def note(self, text: str) -> None:
        self.body.update(Text(text, style="dim"))
