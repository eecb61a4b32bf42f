"""Helpers to drive the app with Textual's Pilot: build it, wait for workers, read what a widget shows."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.widget import Widget

from griller.coach.interviewing import LiveInterview
from griller.tui.app import GrillerApp
from griller.tui.clock import FrozenClock
from griller.tui.screens.interview import InterviewScreen, TokenSource

SIZE = (110, 36)
T = TypeVar("T")


def run(coro: Awaitable[T]) -> T:
    return asyncio.run(coro)  # type: ignore[arg-type]


def interview_app(live: LiveInterview, *, clock: FrozenClock | None = None, tokens: TokenSource | None = None,
                  keys: dict[str, str] | None = None) -> GrillerApp:
    holder: dict[str, GrillerApp] = {}
    app = holder["app"] = GrillerApp(lambda: holder["app"].interview_screen(live), keys=keys,
                                     clock=clock or FrozenClock(), cursor_blink=False, think_time=5.0, tokens=tokens)
    app.live = live
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until no worker runs and every message they posted has been handled."""
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            await pilot.pause()
            return
    raise AssertionError("workers did not settle")


def shown(widget: Widget, width: int = 100) -> str:
    """The plain text a Static shows (what the user reads; markup is never interpreted)."""
    from rich.console import Console

    content = getattr(widget, "content", None)
    if isinstance(content, str):
        return content
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.export_text().rstrip("\n")


def screen(pilot: Pilot[Any]) -> InterviewScreen:
    current = pilot.app.screen
    assert isinstance(current, InterviewScreen), type(current).__name__
    return current


async def answer(pilot: Pilot[Any], text: str, submit: bool = True) -> None:
    from textual.widgets import TextArea

    editor = pilot.app.screen.query_one("#answer", TextArea)
    editor.insert(text)
    await pilot.pause()
    if submit:
        await pilot.press("ctrl+s")
        await settle(pilot)


Scenario = Callable[[Pilot[Any]], Awaitable[None]]


async def until(pilot: Pilot[Any], done: Callable[[], Any], seconds: float = 20.0) -> None:
    """Let the app run until ``done()`` holds; fail after ``seconds`` (a ceiling, not a timing)."""
    for _ in range(int(seconds / 0.05)):
        if done():
            return
        await asyncio.sleep(0.05)
        await pilot.pause()
    raise AssertionError("timed out")
