"""Opt-in recordings (``--record``): an answer's audio as a 16 kHz mono WAV, and nowhere else.

Audio is written only when recording was asked for, under ``<recordings root>/<session id>/`` —
the root being ``griller.coach.forgetting.recordings_dir(db_path)``, the folder ``griller forget``
deletes. Folders are created 0700 and files 0600: a recording is as private as the database.
"""

from __future__ import annotations

import os
import re
import threading
import wave
from pathlib import Path
from typing import Any

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def _safe(name: str) -> str:
    cleaned = _SAFE.sub("_", str(name)).strip("._")
    if not cleaned:
        raise ValueError(f"unusable id for a file name: {name!r}")
    return cleaned


def recording_path(recordings_root: Path, session_id: str, turn_id: str) -> Path:
    """Where the recording of one answer goes: ``<root>/<session id>/<turn id>.wav``."""
    return Path(recordings_root) / _safe(session_id) / f"{_safe(turn_id)}.wav"


class WavRecorder:
    """Appends float32 blocks to a 16-bit WAV as they arrive; ``close()`` returns the path."""

    def __init__(self, path: Path, sample_rate: int = 16_000) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.path.parent, 0o700)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self._file = os.fdopen(fd, "wb")
        self._wav = wave.open(self._file, "wb")
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(sample_rate)
        self._lock = threading.Lock()
        self.seconds = 0.0
        self._rate = sample_rate
        self.closed = False

    def write(self, block: Any) -> None:
        import numpy as np

        pcm = (np.clip(np.asarray(block, dtype=np.float32), -1.0, 1.0) * 32767).astype("<i2")
        with self._lock:
            if self.closed:
                return
            self._wav.writeframes(pcm.tobytes())
            self.seconds += pcm.size / self._rate

    def close(self) -> Path:
        with self._lock:
            if not self.closed:
                self.closed = True
                self._wav.close()
                self._file.close()
        return self.path

    def discard(self) -> None:
        """Close and delete (an answer that was cancelled leaves nothing behind)."""
        self.close()
        self.path.unlink(missing_ok=True)


def open_recorder(recordings_root: Path, session_id: str, turn_id: str, *, enabled: bool) -> WavRecorder | None:
    """A recorder for one answer when recording is on (``--record`` or ``speech.record``), else ``None``."""
    if not enabled:
        return None
    return WavRecorder(recording_path(recordings_root, session_id, turn_id))
