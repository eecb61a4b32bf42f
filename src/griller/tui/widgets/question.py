"""The question panel: where the interview is, and the question, streamed token by token when a model writes it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from griller.domain.interview import Prompt
from griller.domain.text import sanitize
from griller.report.terminal import safe
from griller.tui.render import prompt_title


class QuestionPanel(Static):
    """Shows ``Question i of n · follow-up d`` and the question text. Only ever renders Text, never markup."""

    DEFAULT_CSS = """
    QuestionPanel {
        border: round $primary;
        padding: 0 1;
        height: auto;
        min-height: 5;
        max-height: 12;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Preparing the first question…", style="dim italic"), id=id)
        self._title = Text()
        self._streamed = ""

    def begin(self, prompt: Prompt, probing: str = "") -> None:
        """A new question is on its way: show where we are, clear the old text."""
        self._title = prompt_title(prompt, probing)
        self._streamed = ""
        self.update(Text.assemble(self._title, "\n", ("…", "dim")))

    def add_token(self, token: str) -> None:
        """Append a streamed piece of the question."""
        self._streamed += token
        self.update(Text.assemble(self._title, "\n", Text(sanitize(self._streamed) + " ▍")))

    def show(self, prompt: Prompt, probing: str = "") -> None:
        """The complete question: exactly the committed text."""
        self._title = prompt_title(prompt, probing)
        self.update(Text.assemble(self._title, "\n", safe(prompt.text)))

    def message(self, text: Text) -> None:
        self.update(text)
