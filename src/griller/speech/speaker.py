"""Questions read aloud: pyttsx3 on espeak-ng in one background thread, played through PortAudio.

pyttsx3's espeak driver has quirks we work around here rather than let them reach the user:
- it ``print()``s "Audio saved to ..." on stdout after every save, which would scribble over the TUI;
- ``save_to_file`` leaves the file name set on the driver, so a later ``say()`` silently overwrites
  that file instead of speaking; we only ever synthesise to a fresh temporary file and clear it;
- its own ``say()`` playback shells out to ``aplay`` (stderr noise, no way to stop it), so we play
  the synthesised WAV ourselves with sounddevice, which ``stop()`` can interrupt;
- espeak initialises once per process and must be driven from one thread at a time: all synthesis
  happens under a process-wide lock;
- ``runAndWait()`` can return before the audio is written: espeak-ng synthesises on its own thread
  and calls back into Python, which waits for the GIL, while pyttsx3's loop has already ended. So
  we wait for the driver to finish the utterance before reading the file (or clearing its name);
- each pyttsx3 engine registers its driver as espeak's one process-wide callback, and a driver
  outlives its engine (the callback keeps it alive). Engines that come and go (one per ``Speaker``)
  send audio to a stale driver: no file, or pyttsx3 playing through ``aplay``. So the process has
  one engine, made on first use and kept; the rate and voice are set before each synthesis.

Each ``say()`` gets a number, and every event names the utterance it is about, so a caller that
stopped one utterance and started another can tell their events apart. ``stop()`` is race-free:
it cancels every utterance numbered so far, whether it is queued, being synthesised or playing.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import queue
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from griller.speech.errors import VOICE_EXTRA, SpeechUnavailable

log = logging.getLogger(__name__)
_ESPEAK_LOCK = threading.RLock()
_ENGINE: Any = None  # the process's one pyttsx3 engine (see the module docstring)
NO_ESPEAK_FIX = "sudo apt-get install espeak-ng (macOS: brew install espeak-ng), then run `griller doctor`"
NO_SPEAKER_FIX = "connect headphones or speakers, or turn spoken questions off (--no-speak)"
Player = Callable[[Any, int, threading.Event], None]
"""Plays (samples, sample rate, stop event) and returns when done or stopped. A player may also have a
``check()`` method that raises ``SpeechUnavailable`` when it cannot play at all (``Speaker.prepare`` calls it)."""


def _quiet_print(*args: Any, **kwargs: Any) -> None:
    log.debug("pyttsx3: %s", " ".join(str(a) for a in args))


def shared_engine() -> Any:
    """The process's pyttsx3 espeak engine, started on first use; ``SpeechUnavailable`` if it cannot start."""
    global _ENGINE
    with _ESPEAK_LOCK:
        if _ENGINE is None:
            _ENGINE = load_engine()
            atexit.register(_release_engine)
        return _ENGINE


def _release_engine() -> None:
    """Take the engine down while the interpreter still works.

    Left to itself, pyttsx3's ``DriverProxy.__del__`` runs during interpreter shutdown, after the
    modules it uses are gone, and prints a traceback on the way out of every session that spoke.
    """
    global _ENGINE
    engine, _ENGINE = _ENGINE, None
    if engine is None:
        return
    with contextlib.suppress(Exception):
        engine.proxy._driver.destroy()  # what that __del__ would do: unhook espeak's callback
    with contextlib.suppress(Exception):
        import pyttsx3.driver

        pyttsx3.driver.DriverProxy.__del__ = lambda self: None  # type: ignore[method-assign]


def load_engine(rate: int = 170, voice: str | None = None) -> Any:
    """pyttsx3's espeak engine with its stdout prints silenced; ``SpeechUnavailable`` if it cannot start.

    pyttsx3 hands out the engine that is still alive, if any: use ``shared_engine()`` rather than this."""
    try:
        import pyttsx3
        import pyttsx3.drivers.espeak as espeak_driver
    except ImportError:
        missing = "Text to speech is not installed (the pyttsx3 package is missing)"
        raise SpeechUnavailable(missing, VOICE_EXTRA) from None
    except (OSError, RuntimeError) as exc:  # pyttsx3 raises RuntimeError when libespeak-ng is not found
        raise SpeechUnavailable(f"espeak-ng is not installed ({exc})", NO_ESPEAK_FIX) from None
    espeak_driver.print = _quiet_print  # type: ignore[attr-defined]  # shadows the builtin in that module only
    try:
        engine = pyttsx3.init("espeak")
    except (OSError, RuntimeError) as exc:
        raise SpeechUnavailable(f"espeak-ng does not start ({exc})", NO_ESPEAK_FIX) from None
    engine.setProperty("rate", rate)
    if voice:
        engine.setProperty("voice", voice)
    return engine


def synthesize(
    engine: Any, text: str, path: Path, *, rate: int | None = None, voice: str | None = None, timeout: float = 10.0
) -> Path:
    """Render ``text`` to a WAV at ``path`` (blocking; call on the speaker thread), at ``rate`` words a minute.

    A synthesis espeak-ng never finishes (rare, seen once in a full test run) is abandoned after
    ``timeout`` seconds and tried once more, rather than holding every later question.
    """
    for _attempt in range(2):
        path.unlink(missing_ok=True)  # a stale file from the last utterance must not pass for this one
        with _ESPEAK_LOCK:
            if rate:
                engine.setProperty("rate", rate)
            if voice:
                engine.setProperty("voice", voice)
            engine.save_to_file(text, str(path))
            engine.runAndWait()
            driver = getattr(getattr(engine, "proxy", None), "_driver", None)
            deadline = time.monotonic() + timeout
            while getattr(driver, "_speaking", False) and time.monotonic() < deadline:
                time.sleep(0.005)  # espeak-ng's thread is still writing the file (see the module docstring)
            if driver is not None and hasattr(driver, "_save_file"):
                driver._save_file = None  # otherwise the next say() would overwrite this file
            if getattr(driver, "_speaking", False):
                log.warning("espeak-ng did not finish %r in %.0f s; trying again", text[:40], timeout)
                driver._speaking = driver._looping = False  # type: ignore[union-attr]  # let the next one start clean
                continue
        if path.is_file() and path.stat().st_size > 44:
            return path
    raise RuntimeError(f"espeak-ng produced no audio for {text[:40]!r}")


def read_wav(path: Path) -> tuple[Any, int]:
    import numpy as np

    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm.astype(np.float32) / 32768.0, rate


def output_device() -> dict[str, Any]:
    """The device ``play_portaudio`` would play through, or ``SpeechUnavailable`` when there is none."""
    from griller.speech.portaudio import load_sounddevice

    sd = load_sounddevice()
    try:
        info = sd.query_devices(kind="output")
    except (sd.PortAudioError, ValueError) as exc:
        raise SpeechUnavailable(f"No speaker: PortAudio finds no output device ({exc})", NO_SPEAKER_FIX) from None
    if int(info.get("max_output_channels", 0)) < 1:
        raise SpeechUnavailable(f"No speaker: {info['name']!r} has no output channels", NO_SPEAKER_FIX)
    return dict(info)


def play_portaudio(samples: Any, rate: int, stop: threading.Event) -> None:
    """Play through the default output device in 50 ms writes, so ``stop`` takes effect at once."""
    import numpy as np

    from griller.speech.audio import resample
    from griller.speech.portaudio import load_sounddevice

    sd = load_sounddevice()
    info = output_device()
    try:
        stream = sd.OutputStream(samplerate=rate, channels=1, dtype="int16")
    except sd.PortAudioError:
        device_rate = int(info.get("default_samplerate") or 48_000)
        samples, rate = resample(samples, rate, device_rate), device_rate
        stream = sd.OutputStream(samplerate=rate, channels=1, dtype="int16")
    # int16 is what every device chain gets right; x * 32768 undoes read_wav's scaling exactly.
    pcm = np.clip(np.round(np.asarray(samples) * 32768.0), -32768, 32767).astype(np.int16)
    step = max(1, rate // 20)
    with stream:
        for i in range(0, len(pcm), step):
            if stop.is_set():
                stream.abort()
                return
            stream.write(pcm[i : i + step].reshape(-1, 1))


class PortAudioPlayer:
    """The default ``Player``: the default output device through PortAudio."""

    def __call__(self, samples: Any, rate: int, stop: threading.Event) -> None:
        play_portaudio(samples, rate, stop)

    def check(self) -> None:
        output_device()


def default_player() -> Player:
    return PortAudioPlayer()


class Speaker:
    """Non-blocking text to speech: ``say()`` queues, ``stop()`` interrupts, ``close()`` ends the thread.

    ``on_event`` gets ``{"type": "spoken" | "error", "data": {...}}`` dicts from the speaker thread. Both
    carry ``utterance`` (the number ``say()`` returned); "spoken" also has ``text``, ``seconds`` (the audio's
    length) and ``stopped`` (True when ``stop()`` cut it short); "error" has ``message``. An utterance stopped
    before it was synthesised reports nothing.
    ``player`` plays (samples, rate, stop_event); the default plays through PortAudio.
    """

    def __init__(
        self,
        *,
        rate: int = 170,
        voice: str | None = None,
        player: Player | None = None,
        on_event: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self.rate, self.voice = rate, voice
        self.player = player or default_player()
        self.on_event = on_event
        self._queue: queue.Queue[tuple[str, int, Any] | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._thread_lock = threading.Lock()
        self._lock = threading.Lock()
        self._pending = 0  # submitted and not yet finished: wait() returns when it reaches 0
        self._said = 0  # the number of the last utterance handed out
        self._cancelled = 0  # every utterance numbered up to this one is stopped
        self._playing: threading.Event | None = None  # the stop event of the utterance in hand

    def say(self, text: str) -> int:
        """Speak ``text`` after anything already queued; returns at once with the utterance's number (0: nothing
        to say)."""
        if not text.strip():
            return 0
        with self._lock:
            self._said += 1
            number = self._said
        self._submit(("say", number, text))
        return number

    def prepare(self, timeout: float = 30.0) -> None:
        """Load espeak-ng and check the player can play (blocks). Raises ``SpeechUnavailable`` saying what is
        missing; afterwards the first ``say()`` starts without the engine's start-up delay."""
        done: queue.Queue[Exception | None] = queue.Queue()
        self._submit(("prepare", 0, done))
        try:
            result = done.get(timeout=timeout)
        except queue.Empty:
            raise SpeechUnavailable("espeak-ng did not start in time", NO_ESPEAK_FIX) from None
        if result is not None:
            raise result

    def save(self, text: str, path: Path, timeout: float = 30.0) -> Path:
        """Write ``text`` as speech to a WAV file (blocks until written)."""
        done: queue.Queue[Path | Exception] = queue.Queue()
        self._submit(("save", 0, (text, Path(path), done)))
        result = done.get(timeout=timeout)
        if isinstance(result, Exception):
            raise result
        return result

    def stop(self) -> None:
        """Stop speaking now and forget anything queued to be said or saved."""
        with self._lock:
            self._cancelled = self._said
            if self._playing is not None:
                self._playing.set()
        kept: list[tuple[str, int, Any] | None] = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None or item[0] == "prepare":
                kept.append(item)  # a check someone waits for, or close() asking the thread to end
                continue
            if item[0] == "save":
                item[2][2].put(RuntimeError("stopped before the speech was saved"))
            self._finished()
        for item in kept:
            self._queue.put(item)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until everything queued has been spoken; False on time-out."""
        return self._idle.wait(timeout)

    def close(self, wait: bool = True) -> None:
        """Stop and end the thread; ``wait=False`` returns at once (the thread is a daemon and ends by itself)."""
        self.stop()
        self._queue.put(None)
        if wait and self._thread is not None:
            self._thread.join(5.0)

    def _submit(self, item: tuple[str, int, Any]) -> None:
        self._ensure_thread()
        with self._lock:
            self._pending += 1
            self._idle.clear()
        self._queue.put(item)

    def _finished(self) -> None:
        with self._lock:
            self._pending -= 1
            if self._pending <= 0:
                self._pending = 0
                self._idle.set()

    def _ensure_thread(self) -> None:
        with self._thread_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="griller-tts", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        with tempfile.TemporaryDirectory(prefix="griller-tts-") as tmp:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                kind, number, payload = item
                try:
                    if kind == "say":
                        self._speak(number, payload, Path(tmp) / "say.wav")
                    elif kind == "prepare":
                        try:
                            self._load()
                            check = getattr(self.player, "check", None)
                            if callable(check):
                                check()
                            payload.put(None)
                        except Exception as exc:
                            payload.put(exc)
                    elif kind == "save":
                        text, target, done = payload
                        try:
                            done.put(synthesize(self._load(), text, target, rate=self.rate, voice=self.voice))
                        except Exception as exc:
                            done.put(exc)
                except Exception as exc:  # report and keep serving: a missing speaker must not kill questions
                    self._tell("error", message=str(exc), utterance=number)
                finally:
                    with self._lock:
                        self._playing = None
                    self._finished()

    def _load(self) -> Any:
        return shared_engine()

    def _speak(self, number: int, text: str, path: Path) -> None:
        with self._lock:
            stop = threading.Event()
            if number <= self._cancelled:
                return  # stopped before it was synthesised
            self._playing = stop
        wav = synthesize(self._load(), text, path, rate=self.rate, voice=self.voice)
        samples, rate = read_wav(wav)
        if not stop.is_set():
            self.player(samples, rate, stop)
        self._tell("spoken", text=text, seconds=round(len(samples) / rate, 2), utterance=number,
                   stopped=stop.is_set())

    def _tell(self, kind: str, **data: Any) -> None:
        if self.on_event is not None:
            try:
                self.on_event({"type": kind, "data": data})
            except Exception:
                log.exception("speaker on_event failed")
