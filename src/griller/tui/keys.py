"""Every key binding of the TUI, by id: defaults, descriptions, tooltips, and remapping from config.

One registry is the single source of truth: screens build their ``BINDINGS`` from it, the F1 help
lists it, and ``[keys]`` in the config is checked against it without importing any screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """A remappable key: its default key string, footer label, tooltip and the screen it lives on."""

    default: str
    description: str
    tooltip: str
    where: str


KEYS: dict[str, Key] = {
    "help": Key("f1", "Help", "List every key, its binding id and how to remap it", "everywhere"),
    "quit": Key("ctrl+q", "Quit", "Leave griller; an unfinished interview stays resumable", "everywhere"),
    "quit_hint": Key("ctrl+c", "Quit?", "Explain how to quit (ctrl+c copies in the answer editor)", "everywhere"),
    "start": Key("ctrl+s", "Start", "Start the interview with these settings", "setup"),
    "submit": Key("ctrl+s", "Submit", "Send your answer: instant feedback, then the full grade", "interview"),
    "skip": Key("ctrl+n", "Skip", "Skip this question without answering", "interview"),
    "pause": Key("ctrl+p", "Pause", "Pause the timer (press again to resume)", "interview"),
    "talk": Key("ctrl+t", "Talk", "Voice: start your spoken answer, press again to end it (edit, then submit)",
                "interview"),
    "repeat_question": Key("ctrl+r", "Repeat", "Spoken questions: read the question aloud again", "interview"),
    "end_interview": Key("ctrl+f", "End", "End the interview now and see the summary", "interview"),
    "review": Key("r", "Replay", "Replay this session: transcript, scores and timeline", "summary"),
    "next_event": Key("n", "Next event", "Jump to the next event on the timeline", "review"),
    "prev_event": Key("p", "Prev event", "Jump to the previous event on the timeline", "review"),
    "confirm": Key("y", "Yes", "Confirm", "dialogs"),
    "cancel": Key("n,escape", "No", "Cancel and go back", "dialogs"),
    "close": Key("escape", "Close", "Close this screen", "help, summary, review, stats"),
}


def bind(binding_id: str, action: str, *, show: bool = True, priority: bool = False) -> Binding:
    """The Binding for ``binding_id``, with its id and tooltip, so users can remap it."""
    key = KEYS[binding_id]
    return Binding(
        key.default,
        action,
        key.description,
        show=show,
        priority=priority,
        tooltip=key.tooltip,
        id=binding_id,
    )


def check_keymap(keys: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The usable part of a ``[keys]`` table and one warning per entry that is not usable."""
    usable: dict[str, str] = {}
    warnings: list[str] = []
    for binding_id, value in keys.items():
        if binding_id not in KEYS:
            known = ", ".join(sorted(KEYS))
            warnings.append(f"[keys] {binding_id!r} is not a binding id; ignored. Known ids: {known}")
            continue
        if not isinstance(value, str) or not value.strip() or any(not k.strip() for k in value.split(",")):
            warnings.append(f"[keys] {binding_id} = {value!r} is not a key (try e.g. \"ctrl+s\" or \"f5\"); ignored")
            continue
        usable[binding_id] = ",".join(k.strip() for k in value.split(","))
    return usable, warnings
