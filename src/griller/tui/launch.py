"""Paint first, load after: ``griller interview`` on a terminal shows the app at once.

Loading settings, the rubric, the database and planning an interview takes over a second on a
small machine; a ``LoadingScreen`` is up within a few hundred milliseconds while a worker does it,
then hands over to the interview (or the setup form).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from griller.tui import splash
from griller.tui.app import GrillerApp
from griller.tui.keys import check_keymap


class LoadingScreen(Screen[None]):
    """A calm placeholder while the session is prepared off the UI thread."""

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen #loading { width: auto; color: $text-muted; }
    """

    def __init__(self, prepare: Callable[[], Any]) -> None:
        super().__init__()
        self._prepare = prepare

    def compose(self) -> ComposeResult:
        yield Static("Preparing your interview…", id="loading")

    def on_mount(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True, exit_on_error=False)

    def _load(self) -> None:
        app = self.app
        try:
            ready = self._prepare()
            extra: dict[str, Any] = {}
            if ready.starter is not None:  # the setup form also needs the documents and devices
                from griller.store.documents import list_documents
                from griller.tui.devices import detect

                extra = {"documents": list(list_documents(ready.starter.db)), "capabilities": detect()}
        except Exception as exc:  # shown after the app closes, as a one-line error
            app.launch_error = str(exc) or type(exc).__name__  # type: ignore[attr-defined]
            app.call_from_thread(app.exit, None, 2)
            return
        app.call_from_thread(_hand_over, app, ready, extra)


def _hand_over(app: GrillerApp, ready: Any, extra: dict[str, Any]) -> None:
    config = ready.config
    app.settings = config
    app.keys = dict(config.keys)
    app.think_time = config.interview.think_time
    usable, warnings = check_keymap(app.keys)
    app.set_keymap(usable)
    for warning in warnings:
        app.notify(warning, title="Keys", severity="warning", timeout=10, markup=False)
    if ready.live is not None:
        app.live = ready.live
        app.switch_screen(app.interview_screen(ready.live))
        return
    from griller.tui.screens.setup import SetupScreen

    starter = ready.starter
    app.switch_screen(SetupScreen(starter, starter.rubric, ready.defaults, extra["documents"], extra["capabilities"]))


def launch(prepare: Callable[[], Any]) -> None:
    """Run the app with ``prepare`` (returning a ``cli.interview_cmd.Ready``) loading in a worker."""
    app = GrillerApp(lambda: LoadingScreen(prepare))
    if splash.hand_over():
        app.driver_class = _splash_driver(app.driver_class)
    app.run()
    error = getattr(app, "launch_error", None)
    if error:
        sys.stderr.write(f"griller: error: {error}\n")
        raise SystemExit(2)
    live = app.live
    if live is not None and not live.machine.finished:
        print(f"Session {live.session_id} saved. Resume with: griller interview --continue {live.session_id}")


def _splash_driver(base: type[Any]) -> type[Any]:
    """The app's driver, minus its first switch to the alternate screen: the splash is already there."""

    class SplashDriver(base):  # type: ignore[misc, valid-type]
        _kept_splash = False

        def write(self, data: str) -> None:
            if not self._kept_splash and splash.ENTER in data:
                self._kept_splash = True
                data = splash.keep_alternate_screen(data)
            super().write(data)

    return SplashDriver
