"""The F1 help screen: every key of the screen below, its binding id for remapping, and what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from griller.tui.keys import KEYS, bind

REMAP = (
    "Remap any key in the config file (`griller config path`), by binding id:\n"
    '  [keys]\n  submit = "ctrl+enter"\n  skip = "f2"\n'
    "Several keys for one binding: separate them with commas."
)


class HelpScreen(ModalScreen[None]):
    """Lists the active bindings of ``below`` (with the user's remapping applied), then all the others."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > Vertical {
        width: 106; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen DataTable { height: auto; max-height: 20; }
    HelpScreen Static { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [bind("close", "close"), bind("help", "close", show=False)]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Keys", style="bold"))
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static(Text(REMAP, style="dim"))
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("key", "action", "binding id", "what it does")
        active: dict[str, Binding] = {}
        for item in self.below.active_bindings.values():
            if item.binding.id and item.binding.id not in active:
                active[item.binding.id] = item.binding
        order = list(KEYS)
        for binding_id in sorted(active, key=lambda i: order.index(i) if i in order else len(order)):
            binding = active[binding_id]
            table.add_row(Text(self.app.get_key_display(binding)), Text(binding.description),
                          Text(binding_id, style="cyan"), Text(binding.tooltip))
        keymap: dict[str, str] = getattr(self.app, "_keymap", {})
        for binding_id, spec in KEYS.items():
            if binding_id not in active:
                key = keymap.get(binding_id, spec.default)
                table.add_row(Text(key, style="dim"), Text(spec.description, style="dim"),
                              Text(binding_id, style="dim cyan"), Text(f"{spec.tooltip} ({spec.where})", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
