"""The Textual application and the entry points the CLI calls: interview (with or without setup), replay, stats.

Keys from ``Settings.keys`` are applied as a Textual keymap at start; unknown binding ids and bad
keys are reported as warnings, never crashes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from griller.tui.clock import Clock, system_clock
from griller.tui.keys import bind, check_keymap

if TYPE_CHECKING:
    import sqlite_utils

    from griller.coach.interview_setup import InterviewRequest
    from griller.coach.interviewing import LiveInterview
    from griller.config import Settings
    from griller.domain.rubric import Rubric
    from griller.tui.devices import Capabilities
    from griller.tui.screens.interview import TokenSource
    from griller.tui.starting import SessionStarter

log = logging.getLogger(__name__)


class GrillerApp(App[None], inherit_bindings=False):
    """One app for every screen. ``first`` builds the screen to open with."""

    TITLE = "griller"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        bind("help", "help"),
        bind("quit", "quit", priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="quit_hint", tooltip="Explain how to quit"),
    ]

    def __init__(
        self,
        first: Callable[[], Screen[Any]],
        *,
        keys: Mapping[str, str] | None = None,
        clock: Clock = system_clock,
        cursor_blink: bool = True,
        think_time: float = 5.0,
        tokens: TokenSource | None = None,
    ) -> None:
        super().__init__()
        self._first = first
        self.keys = dict(keys or {})
        self.key_warnings: list[str] = []
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.think_time = think_time
        self.tokens = tokens
        self.live: LiveInterview | None = None
        self.settings: Settings | None = None
        """The loaded settings (``[vision]`` for the camera, ``[speech]`` for the microphone); None in tests."""
        self._clash_reported = False

    def on_mount(self) -> None:
        usable, self.key_warnings = check_keymap(self.keys)
        self.set_keymap(usable)
        for warning in self.key_warnings:
            log.warning(warning)
            self.notify(warning, title="Keys", severity="warning", timeout=10, markup=False)
        self.push_screen(self._first())

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: Any) -> None:
        if self._clash_reported:
            return
        self._clash_reported = True
        ids = ", ".join(sorted(b.id or b.action for b in clashed_bindings))
        self.notify(f"[keys] these bindings now share a key; the remapped one wins: {ids}", title="Keys",
                    severity="warning", timeout=10, markup=False)

    # ----- flow ---------------------------------------------------------------------------------
    def interview_screen(self, live: LiveInterview) -> Screen[Any]:
        from griller.tui.screens.interview import InterviewScreen
        from griller.tui.screens.interview_vision import vision_plan
        from griller.tui.screens.interview_voice import voice_plan

        persona = live.rubric.personas.get(live.options.persona)
        return InterviewScreen(live, think_time=self.think_time, clock=self.clock, tokens=self.tokens,
                               greeting=persona.greeting if persona else "", vision=vision_plan(live, self.settings),
                               voice=voice_plan(live, self.settings))

    def begin_interview(self, live: LiveInterview) -> None:
        """Called by the setup screen once a session exists."""
        self.live = live
        self.switch_screen(self.interview_screen(live))

    # ----- actions ------------------------------------------------------------------------------
    def action_help(self) -> None:
        from griller.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        if not getattr(self.screen, "has_draft", False):
            self.exit()
            return
        from griller.tui.screens.dialogs import ConfirmScreen

        def decided(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(ConfirmScreen("Quit and lose the answer you are typing?",
                                       "Everything you submitted is saved; `griller interview --continue` resumes "
                                       "at this question. (y / n)"), decided)


# ----- entry points used by the CLI --------------------------------------------------------------
def _app(first: Callable[[], Screen[Any]], config: Settings, tokens: TokenSource | None = None) -> GrillerApp:
    app = GrillerApp(first, keys=config.keys, think_time=config.interview.think_time, tokens=tokens)
    app.settings = config
    return app


def _resume_hint(live: LiveInterview | None) -> None:
    if live is not None and not live.machine.finished:
        print(f"Session {live.session_id} saved. Resume with: griller interview --continue {live.session_id}")


def run_interview(live: LiveInterview, config: Settings, *, tokens: TokenSource | None = None) -> None:
    """Straight to the interview screen (``griller interview`` with options, or ``--continue``)."""
    holder: dict[str, GrillerApp] = {}

    def first() -> Screen[Any]:
        return holder["app"].interview_screen(live)

    app = holder["app"] = _app(first, config, tokens)
    app.live = live
    app.run()
    _resume_hint(live)


def run_setup(
    starter: SessionStarter,
    config: Settings,
    defaults: InterviewRequest,
    *,
    documents: Sequence[dict[str, Any]] | None = None,
    capabilities: Capabilities | None = None,
) -> None:
    """The setup screen first, then the interview (``griller interview`` with no options on a terminal)."""
    from griller.store.documents import list_documents
    from griller.tui.devices import detect
    from griller.tui.screens.setup import SetupScreen

    docs = list(documents) if documents is not None else list_documents(starter.db)
    caps = capabilities or detect()
    app = _app(lambda: SetupScreen(starter, starter.rubric, defaults, docs, caps), config)
    app.run()
    _resume_hint(app.live)


def run_review(db: sqlite_utils.Database, session_id: str, rubric: Rubric | None = None,
               config: Settings | None = None) -> None:
    """Replay a stored session (``griller review SESSION``). Raises ``ReplayError`` if there is none.

    ``rubric`` is accepted for symmetry with the other entry points: stored evaluations carry their titles.
    """
    from griller.coach.replay import load_replay
    from griller.tui.screens.review import ReviewScreen

    replay = load_replay(db, session_id)
    GrillerApp(lambda: ReviewScreen(replay), keys=config.keys if config else None).run()


def run_stats(db: sqlite_utils.Database, rubric: Rubric, *, since: str | None = None, today: date | None = None,
              config: Settings | None = None) -> None:
    """Progress stats in the TUI."""
    from griller.coach.progress import load_progress
    from griller.tui.screens.stats import StatsScreen

    progress = load_progress(db, rubric, since=since, today=today)
    GrillerApp(lambda: StatsScreen(progress), keys=config.keys if config else None).run()
