"""Small modal dialogs: confirm a step, and the pause screen that hides the question while the timer stops."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from griller.tui.keys import bind

DIALOG_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > Vertical {{
    width: 64; height: auto; padding: 1 2;
    border: thick $primary; background: $surface;
}}
{name} Static {{ width: 1fr; }}
"""


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True on confirm."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmScreen")
    BINDINGS: ClassVar[list[BindingType]] = [bind("confirm", "confirm"), bind("cancel", "cancel")]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question, style="bold"))
            if self.detail:
                yield Static(Text(self.detail, style="dim"))
        yield Footer()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class PauseScreen(ModalScreen[None]):
    """Shown while the interview is paused; the timer does not run."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PauseScreen")
    BINDINGS: ClassVar[list[BindingType]] = [bind("pause", "resume"), bind("close", "resume")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("⏸  Paused", style="bold yellow"))
            yield Static(Text("The timer is stopped and your answer is kept. Resume when you are ready.", style="dim"))
        yield Footer()

    def action_resume(self) -> None:
        self.dismiss(None)
