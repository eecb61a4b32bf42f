"""Paint first, load after: the loading screen hands over to the interview, or reports why it cannot."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import sqlite_utils

from griller.cli.interview_cmd import Ready, Unusable
from griller.config import Settings
from griller.domain.rubric import Rubric
from griller.tui.app import GrillerApp
from griller.tui.launch import LoadingScreen
from griller.tui.screens.interview import InterviewScreen

from .pilot import SIZE
from .support import start


def test_loading_screen_shows_first_then_hands_over_to_the_interview(db: sqlite_utils.Database,
                                                                      rubric: Rubric) -> None:
    release = threading.Event()
    seen: list[str] = []

    def prepare() -> Ready:
        release.wait(5)  # a slow load: the app must already be on screen
        return Ready(Settings(keys={"submit": "ctrl+d"}), live=start(db, rubric))

    async def scenario() -> None:
        app = GrillerApp(lambda: LoadingScreen(prepare), cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            seen.append(type(app.screen).__name__)
            release.set()
            for _ in range(100):
                await pilot.pause(0.05)
                if isinstance(app.screen, InterviewScreen):
                    break
            await pilot.pause(0.3)  # let the interview screen finish mounting before the test ends
            seen.append(type(app.screen).__name__)
            assert app.live is not None and app.keys.get("submit") == "ctrl+d"

    asyncio.run(scenario())
    assert seen == ["LoadingScreen", "InterviewScreen"]


def test_a_failed_load_closes_the_app_with_the_reason() -> None:
    def prepare() -> Any:
        raise Unusable("no interrupted session to continue")

    async def scenario() -> GrillerApp:
        app = GrillerApp(lambda: LoadingScreen(prepare), cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if app.return_code is not None:
                    break
        return app

    app = asyncio.run(scenario())
    assert app.return_code == 2
    assert app.launch_error == "no interrupted session to continue"  # type: ignore[attr-defined]
