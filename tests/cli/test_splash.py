"""The splash: ``griller interview`` on a real pseudo-terminal paints before Typer and Textual load.

Each test spawns the installed ``griller`` in a pty, as a user's terminal would run it, and reads
the bytes it writes.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from griller.tui import splash

GRILLER = Path(sys.executable).with_name("griller")
ROWS, COLUMNS = 36, 110
ANSI = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07]*\x07")


class Terminal:
    """``griller`` running in a 110x36 pseudo-terminal; ``read_until`` collects what it draws."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.fd, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.proc = subprocess.Popen(
            [str(GRILLER), *args], stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
        )
        os.close(child)
        self.output = b""

    def read_until(self, marker: bytes, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker in ANSI.sub(b"", self.output):
                return True
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:  # the child closed the terminal
                    return marker in ANSI.sub(b"", self.output)
        return False

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def finish(self, timeout: float = 20.0) -> int:
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            code = self.proc.wait()
        self.read_until(b"\x00never\x00", timeout=0.3)  # drain what is left
        os.close(self.fd)
        return code


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "COLORTERM", "GRILLER_NO_SPLASH", "COLUMNS", "LINES")
    }
    return {
        **environ,
        "TERM": "xterm-256color",
        "GRILLER_DATA_DIR": str(tmp_path / "data"),
        "GRILLER_CONFIG_DIR": str(tmp_path / "config"),
    }


def test_the_splash_is_the_first_thing_drawn_and_the_app_takes_it_over(env: dict[str, str]) -> None:
    term = Terminal(["interview", "--questions", "2"], env)
    try:
        assert term.read_until(b"Question 1 of 2"), term.output[-2000:]
        first = term.output.index(b"Preparing your interview")
        assert term.output.startswith(splash.ENTER.encode())  # nothing precedes the splash
        assert term.output[:first].count(b"\x1b[") < 8  # drawn with a handful of codes, not by Textual
        # Textual does not switch to the alternate screen again: that would blank the splash.
        assert term.output.count(splash.ENTER.encode()) == 1
        assert b"\x1b[?1000h" in term.output[first:]  # ...but it did start (mouse reporting on)
        for _ in range(10):  # keys sent while the interview screen is still mounting can be dropped
            term.send(b"\x11")  # ctrl+q
            if term.read_until(b"saved", timeout=2):
                break
    finally:
        code = term.finish()
    assert code == 0, term.output[-2000:]
    tail = term.output[term.output.rindex(splash.LEAVE.encode()) :]
    assert b"Session " in tail and b"saved" in tail  # printed after leaving, on the normal screen


def test_an_error_before_the_app_starts_leaves_the_splash_first(env: dict[str, str]) -> None:
    term = Terminal(["interview", "--no-such-option"], env)
    code = term.finish()
    assert code == 2
    assert term.output.startswith(splash.ENTER.encode())
    leave = term.output.index(splash.LEAVE.encode())
    assert b"No such option" in term.output[leave:]  # the message is not drawn onto the splash
    assert b"No such option" not in term.output[:leave]


def test_plain_mode_and_opting_out_get_no_splash(env: dict[str, str]) -> None:
    term = Terminal(["interview", "--plain", "--questions", "1"], env)
    try:
        assert term.read_until(b"Question 1 of 1"), term.output[-2000:]
        term.send(b"/end\n")
    finally:
        term.finish()
    assert splash.ENTER.encode() not in term.output

    term = Terminal(["interview", "--no-such-option"], {**env, "GRILLER_NO_SPLASH": "1"})
    term.finish()
    assert splash.ENTER.encode() not in term.output and b"No such option" in term.output


def test_the_frame_matches_the_loading_screen() -> None:
    colour = splash.frame(110, 36, {"COLORTERM": "truecolor"})
    # Where and how Textual's LoadingScreen draws the same line (read off its first frame at 110x36).
    assert "\x1b[18;43H\x1b[38;2;160;160;160mPreparing your interview…" in colour
    assert "\x1b[48;2;18;18;18m" in colour
    assert "\x1b[38;5;247m" in splash.frame(110, 36, {})
    assert "\x1b[38" not in splash.frame(110, 36, {"NO_COLOR": "1"})
    assert "\x1b[1;1H" in splash.frame(10, 1, {})  # a tiny terminal: clamped, never negative


def test_only_a_full_screen_interview_wants_the_splash() -> None:
    # Under pytest stdin is not a terminal, so even `interview` is refused: the tty check is real.
    assert not splash.wanted(["interview"], {"TERM": "xterm"})
    for args in (["interview", "--plain"], ["interview", "--help"], ["review", "x"], []):
        assert not splash.wanted(args, {"TERM": "xterm"})
