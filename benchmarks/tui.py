"""TUI figures: time to first paint of ``griller interview`` and heuristic feedback after submit.

First paint is measured two ways: the real command in a pseudo-terminal (spawn until the loading
line, the question or the setup form appears in the terminal output) and in-process with
``App.run_test`` (app start until the first question is on screen). In the pty the first frame is the
splash (``griller.tui.splash``, drawn before Typer and Textual are imported); Textual's own first
frame is reported beside it, with the splash off, and against the floor of importing Textual.
Feedback is the time from the submit key to the instant heuristic check being painted, read from the
interview screen. Goals: first paint <= 400 ms, feedback <= 50 ms.

    .venv/bin/python benchmarks/tui.py [--runs 7] [--answers 30]
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine

ROOT = Path(__file__).resolve().parents[1]
TEXTUAL = b"\x1b[?1000h"  # Textual turns mouse reporting on as it starts; the splash never does
ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]")
GRILLER = str(ROOT / ".venv" / "bin" / "griller")
ANSWERS = [
    "We made it faster.",
    "I led the migration of our billing service. p99 dropped from 900 ms to 120 ms after I rewrote the N+1 query.",
    "I think communication is key and I always try to be a team player, so we discussed it and it worked out.",
]


def pty_first_paint(args: list[str], marker: bytes, env: dict[str, str], timeout: float = 20.0,
                    after: bytes = b"") -> float:
    """Milliseconds from spawning ``griller`` in a 110x36 pseudo-terminal until ``marker`` is printed
    (after the raw sequence ``after``, if given: Textual's switching mouse reporting on tells its frames
    from the splash's)."""
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 110, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen([GRILLER, *args], stdin=child_fd, stdout=child_fd, stderr=child_fd, env=env,
                            start_new_session=True)
    os.close(child_fd)
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([main_fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(main_fd, 65536)
                except OSError:
                    break
                if after in seen and marker in ANSI.sub(b"", seen[seen.index(after):]):
                    elapsed = (time.perf_counter() - start) * 1000
                    break
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(main_fd)
    return elapsed


def import_time(statement: str) -> float:
    """Milliseconds for a fresh interpreter to run ``statement`` and exit."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return (time.perf_counter() - start) * 1000


def in_process(runs: int, answers: int) -> tuple[list[float], list[float], list[float]]:
    """(first-paint ms per run, feedback ms per answer, commit+check ms per answer), headless with ``run_test``."""
    from griller.coach.interviewing import LiveInterview
    from griller.coach.judges import HeuristicJudge
    from griller.domain.plan import Grounding, PlannedQuestion
    from griller.domain.rubric import load_rubric
    from griller.paths import resource_dir
    from griller.store.db import open_db
    from griller.tui.app import GrillerApp
    from griller.tui.clock import FrozenClock
    from griller.tui.screens.interview import InterviewScreen

    commit_ms: list[float] = []
    rubric = load_rubric(resource_dir("rubrics"))
    judge = HeuristicJudge(rubric, "general")
    tmp = Path(tempfile.mkdtemp(prefix="griller-bench-"))
    db = open_db(tmp / "bench.db")

    def live(count: int) -> LiveInterview:
        from griller.coach.interviewing import SessionOptions

        questions = [PlannedQuestion(id=f"q{i}", text=f"Question number {i}: tell me about a hard bug you fixed.",
                                     kind="behavioral", difficulty="medium", source="bank",
                                     grounding=[Grounding(type="bank", ref=f"b{i}")]) for i in range(count)]
        return LiveInterview.start(db, rubric, judge, SessionOptions(questions=questions, reserve=[], max_follow_ups=0))

    async def first_paint() -> float:
        session = live(3)
        start = time.perf_counter()
        holder: dict[str, GrillerApp] = {}
        app = holder["app"] = GrillerApp(lambda: holder["app"].interview_screen(session), clock=FrozenClock(),
                                         cursor_blink=False)
        async with app.run_test(size=(110, 36)) as pilot:
            while not (isinstance(app.screen, InterviewScreen) and app.screen.prompt is not None):
                await pilot.pause(0.005)
            return (time.perf_counter() - start) * 1000

    async def feedback() -> list[float]:
        from textual.widgets import TextArea

        session = live(answers)
        submit = session.submit

        def timed_submit(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return submit(*args, **kwargs)  # type: ignore[arg-type]
            finally:
                commit_ms.append((time.perf_counter() - started) * 1000)

        session.submit = timed_submit  # type: ignore[method-assign]
        holder: dict[str, GrillerApp] = {}
        app = holder["app"] = GrillerApp(lambda: holder["app"].interview_screen(session), clock=FrozenClock(),
                                         cursor_blink=False)
        out: list[float] = []
        async with app.run_test(size=(110, 36)) as pilot:
            for i in range(answers):
                screen = app.screen
                assert isinstance(screen, InterviewScreen)
                while screen.phase != "answering":
                    await pilot.pause(0.005)
                screen.query_one("#answer", TextArea).insert(ANSWERS[i % len(ANSWERS)])
                await pilot.pause()
                screen.feedback_ms = None
                await pilot.press("ctrl+s")
                while screen.feedback_ms is None:
                    await pilot.pause(0.002)
                out.append(screen.feedback_ms)
        return out

    paints = [asyncio.run(first_paint()) for _ in range(runs)]
    return paints, asyncio.run(feedback()), commit_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--answers", type=int, default=30)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="griller-bench-"))
    env = {**os.environ, "GRILLER_DB": str(tmp / "pty.db"), "GRILLER_CONFIG": str(tmp / "none.toml"),
           "TERM": "xterm-256color", "COLUMNS": "110", "LINES": "36"}
    subprocess.run([GRILLER, "--version"], capture_output=True, env=env, check=True)  # warm the disk cache
    first = [pty_first_paint(["interview", "--questions", "3"], b"Preparing your interview", env)
             for _ in range(args.runs)]
    textual = [pty_first_paint(["interview", "--questions", "3"], b"Preparing your interview", env, after=TEXTUAL)
               for _ in range(args.runs)]
    unsplashed = [pty_first_paint(["interview", "--questions", "3"], b"Preparing your interview",
                                  {**env, "GRILLER_NO_SPLASH": "1"}) for _ in range(args.runs)]
    textual_import = [import_time("from textual.app import App") for _ in range(args.runs)]
    interview = [pty_first_paint(["interview", "--questions", "3"], b"Question 1 of 3", env) for _ in range(args.runs)]
    setup = [pty_first_paint(["interview"], b"Set up your interview", env) for _ in range(args.runs)]
    version = [pty_first_paint(["--version"], b"griller ", env) for _ in range(args.runs)]
    paints, feedback, commits = in_process(args.runs, args.answers)

    def fmt(values: list[float]) -> str:
        failed = sum(1 for v in values if v != v)
        values = [v for v in values if v == v] or [float("nan")]
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        missed = f", {failed} timed out" if failed else ""
        return f"median {statistics.median(values):.0f} ms, p95 {p95:.0f} ms (n={len(values)}{missed})"

    load = os.getloadavg()[0]
    print(f"machine: {machine()}; load average {load:.1f}; {date.today().isoformat()}")
    print(f"first paint, `griller interview --questions 3` in a pty (spawn -> splash painted): {fmt(first)}")
    print(f"  Textual's own first frame, the same loading line (spawn -> app painted):       {fmt(textual)}")
    print(f"  with GRILLER_NO_SPLASH=1 (spawn -> app painted):                               {fmt(unsplashed)}")
    print(f"  floor: `python -c 'from textual.app import App'` (process start + import):     {fmt(textual_import)}")
    print(f"  then the first question, loaded in a worker (spawn -> question shown):        {fmt(interview)}")
    print(f"first paint, `griller interview` in a pty (spawn -> setup form shown):            {fmt(setup)}")
    print(f"first paint in-process (App start -> first question on screen):                 {fmt(paints)}")
    print(f"heuristic feedback after submit (key -> instant check painted):                 {fmt(feedback)}")
    print(f"  of which commit + heuristic check (LiveInterview.submit):                     {fmt(commits)}")
    print(f"baseline: `griller --version` in a pty (process start + CLI import):            {fmt(version)}")


if __name__ == "__main__":
    main()
