"""The one error voice features raise when they cannot work here, naming what is missing and the fix."""

from __future__ import annotations


class SpeechUnavailable(RuntimeError):
    """Voice cannot work on this machine right now. ``what`` is the problem, ``fix`` the remedy.

    Callers show ``str(error)`` and carry on in text: nothing in griller requires a microphone.
    """

    def __init__(self, what: str, fix: str) -> None:
        self.what = what
        self.fix = fix
        super().__init__(f"{what}. Fix: {fix}")


class AudioFileError(ValueError):
    """An audio file is missing or cannot be decoded; the message names the file."""


VOICE_EXTRA = "pip install 'griller[voice]'"
