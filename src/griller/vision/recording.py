"""Opt-in video of answers (``--record-video``). Without it no frame ever reaches the disk.

Recordings go to ``<recordings dir>/<session id>/<answer>.mp4``, the folder ``griller forget`` deletes
(``griller.coach.forgetting.recordings_dir(db_path)``; the caller passes the folder in, since adapters sit
below the services). Folders are private to the user (0700) and files 0600.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def session_folder(recordings_root: Path, session_id: str) -> Path:
    """Where one session's recordings go."""
    return Path(recordings_root) / session_id


def answer_file(folder: Path, label: str) -> Path:
    """The file for one answer; ``label`` (a turn id, "answer-03"...) is made safe for a file name."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-.") or "answer"
    return Path(folder) / f"{safe}.mp4"


class VideoRecorder:
    """One MP4 at a constant frame rate. Frames arrive when the tracker is ready for them, so each is written
    as many times as real time asks (or skipped when they come faster): the video keeps the answer's length."""

    def __init__(self, path: Path, fps: float = 15.0) -> None:
        self.path, self.fps = Path(path), fps
        self.frames = 0
        self._writer: Any = None
        self._start: float | None = None

    def write(self, image: Any, at: float) -> None:
        """Add ``image`` (BGR) seen ``at`` seconds on any clock."""
        if self._writer is None:
            self._open(image)
        if self._start is None:
            self._start = at
        due = int((at - self._start) * self.fps) + 1
        for _ in range(min(due - self.frames, int(self.fps * 2))):  # a long stall is not filled beyond 2 s
            self._writer.write(image)
            self.frames += 1
        self.frames = max(self.frames, due)

    def _open(self, image: Any) -> None:
        from griller.vision.camera import import_cv2

        cv2 = import_cv2()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.parent.chmod(0o700)
        height, width = image.shape[:2]
        self._writer = cv2.VideoWriter(str(self.path), cv2.VideoWriter_fourcc(*"mp4v"), self.fps, (width, height))
        if not self._writer.isOpened():
            self._writer = None
            raise OSError(f"cannot write video to {self.path}")

    def close(self) -> Path | None:
        """Finish the file; returns its path, or None when no frame was written."""
        if self._writer is None:
            return None
        self._writer.release()
        self._writer = None
        self.path.chmod(0o600)
        return self.path
