"""A first frame before the heavy imports: ``griller interview`` on a terminal paints at once.

Importing Typer and Textual costs about half a second on a small machine, before Textual can draw
anything. The splash draws the same "Preparing your interview…" frame the app's loading screen
shows (same place, same colours), with plain escape codes and nothing imported, as the very first
thing the process does. The app then takes the screen over without clearing it.

Anything else that writes first (an error, ``--plain`` output, a traceback) leaves the alternate
screen before its text appears, so nothing is ever printed onto the splash and lost with it.
Only the standard library is used here: this module runs before everything else.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Any, TextIO

TEXT = "Preparing your interview…"
ENTER, LEAVE = "\x1b[?1049h", "\x1b[?1049l"
HIDE_CURSOR, SHOW_CURSOR = "\x1b[?25l", "\x1b[?25h"
# Textual's default dark theme: $background and $text-muted on it (read off its first frame).
TRUE_COLOUR = "\x1b[48;2;18;18;18m", "\x1b[38;2;160;160;160m"
COLOUR_256 = "\x1b[48;5;233m", "\x1b[38;5;247m"
_NO_SPLASH_FLAGS = {"--plain", "--help", "-h", "--json"}

_state = "off"  # off -> shown -> left (something else wrote first) | handed (the app took over)
_originals: tuple[TextIO, TextIO] | None = None


def wanted(args: list[str], environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """A full-screen interview on a real terminal that has not asked for plain output."""
    if not args or args[0] != "interview" or _NO_SPLASH_FLAGS.intersection(args):
        return False
    if os.name == "nt" or environ.get("GRILLER_NO_SPLASH") or environ.get("TERM", "dumb") in ("dumb", ""):
        return False
    streams = (sys.stdin, sys.stdout, sys.stderr)
    return all(stream is not None and stream.isatty() for stream in streams)


def frame(columns: int, rows: int, environ: os._Environ[str] | dict[str, str] = os.environ) -> str:
    """The escape codes of the splash: alternate screen, theme background, the centred line."""
    if environ.get("NO_COLOR"):
        background = foreground = ""
    elif environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        background, foreground = TRUE_COLOUR
    else:
        background, foreground = COLOUR_256
    row = (rows - 1) // 2 + 1  # where Textual's `align: center middle` puts one line
    column = max(0, (columns - len(TEXT)) // 2) + 1
    return f"{ENTER}{HIDE_CURSOR}{background}\x1b[2J\x1b[{row};{column}H{foreground}{TEXT}\x1b[0m"


def show() -> None:
    """Paint the splash on the terminal (stderr, where Textual draws) and guard stdout and stderr."""
    global _state, _originals
    if _state != "off":
        return
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
        sys.stderr.write(frame(size.columns, size.lines))
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    _state = "shown"
    _originals = (sys.stdout, sys.stderr)
    sys.stdout, sys.stderr = _LeaveFirst(sys.stdout), _LeaveFirst(sys.stderr)  # type: ignore[assignment]
    atexit.register(leave)


def leave() -> None:
    """Back to the normal screen, if the splash is still up (before an error or plain output)."""
    global _state
    if _state != "shown":
        return
    _state = "left"
    err = _restore()[1]
    err.write(f"\x1b[0m{SHOW_CURSOR}{LEAVE}")
    err.flush()


def hand_over() -> bool:
    """The app is about to draw: it keeps the alternate screen the splash entered. True if one is up."""
    global _state
    if _state != "shown":
        return False
    _state = "handed"
    _restore()
    return True


def _restore() -> tuple[TextIO, TextIO]:
    assert _originals is not None
    sys.stdout, sys.stderr = _originals
    return _originals


class _LeaveFirst:
    """A stream that takes the splash down before the first text reaches the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        leave()
        return self._stream.write(text)

    def writelines(self, lines: Any) -> None:
        leave()
        self._stream.writelines(lines)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def keep_alternate_screen(data: str) -> str:
    """Drop the app's own switch to the alternate screen: entering it again would blank the splash."""
    return data.replace(ENTER, "", 1)
