"""A small terminal mirror for the setup screen: a frame drawn with half blocks, the face box on top.

Each character cell shows two pixels, the upper one as the foreground colour of "▀" and the lower one as
the background, so a 40-column preview of a 4:3 frame is 15 rows tall. Pure function of its inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from griller.domain.gaze import FrameSignals

if TYPE_CHECKING:
    from rich.text import Text

GOOD = (80, 200, 120)  # RGB
FIX = (240, 190, 60)
GUIDE = (170, 170, 170)


def _box_colour(signals: FrameSignals) -> tuple[int, int, int]:
    ok = signals.looking and signals.centered and signals.distance == "ok"
    return GOOD if ok else FIX


def pixels(frame: Any, width: int = 40, signals: FrameSignals | None = None, *, mirror: bool = True) -> Any:
    """The RGB pixel grid a preview shows: ``width`` × an even number of rows, guides and face box drawn in."""
    import numpy as np

    from griller.vision.camera import import_cv2

    cv2 = import_cv2()
    height, src_width = frame.shape[:2]
    rows = max(1, round(width * height / src_width / 2))
    small = cv2.resize(frame, (width, rows * 2), interpolation=cv2.INTER_AREA)
    rgb = np.ascontiguousarray(cv2.cvtColor(small, cv2.COLOR_BGR2RGB)[:, ::-1] if mirror else small[:, :, ::-1])
    h, w = rgb.shape[:2]
    rgb[h // 2, w // 2 - 1 : w // 2 + 1] = GUIDE  # a dot in the middle: where the face should be
    if signals is not None and signals.box is not None:
        left, top, right, bottom = signals.box
        if mirror:
            left, right = 1 - right, 1 - left
        x0, x1 = (int(np.clip(v * w, 0, w - 1)) for v in (left, right))
        y0, y1 = (int(np.clip(v * h, 0, h - 1)) for v in (top, bottom))
        colour = _box_colour(signals)
        rgb[y0, x0 : x1 + 1] = rgb[y1, x0 : x1 + 1] = colour
        rgb[y0 : y1 + 1, x0] = rgb[y0 : y1 + 1, x1] = colour
    return rgb


def render(frame: Any, width: int = 40, signals: FrameSignals | None = None, *, mirror: bool = True) -> list[Text]:
    """Rich ``Text`` lines showing ``frame`` (BGR, any size) ``width`` cells wide, mirrored like a mirror."""
    from rich.color import Color
    from rich.style import Style
    from rich.text import Span, Text

    grid = pixels(frame, width, signals, mirror=mirror)
    lines = []
    for y in range(0, grid.shape[0], 2):
        spans = [
            Span(x, x + 1, Style.from_color(Color.from_rgb(*top), Color.from_rgb(*bottom)))
            for x, (top, bottom) in enumerate(zip(grid[y].tolist(), grid[y + 1].tolist(), strict=True))
        ]
        lines.append(Text("▀" * grid.shape[1], spans=spans))
    return lines


def render_ansi(frame: Any, width: int = 40, signals: FrameSignals | None = None, *, mirror: bool = True) -> list[str]:
    """The same preview as plain strings with 24-bit ANSI colours (for a plain terminal)."""
    grid = pixels(frame, width, signals, mirror=mirror)
    lines = []
    for y in range(0, grid.shape[0], 2):
        cells = [
            f"\x1b[38;2;{t[0]};{t[1]};{t[2]}m\x1b[48;2;{b[0]};{b[1]};{b[2]}m▀"
            for t, b in zip(grid[y].tolist(), grid[y + 1].tolist(), strict=True)
        ]
        lines.append("".join(cells) + "\x1b[0m")
    return lines
