"""Questions read aloud: pyttsx3 on espeak-ng in one background thread, played through PortAudio.

pyttsx3's espeak driver has quirks we work around here rather than let them reach the user:
- it ``print()``s "Audio saved to ..." on stdout after every save, which would scribble over the TUI;
- ``save_to_file`` leaves the file name set on the driver, so a later ``say()`` silently overwrites
  that file instead of speaking; we only ever synthesise to a fresh temporary file and clear it;
- its own ``say()`` playback shells out to ``aplay`` (stderr noise, no way to stop it), so we play
  the synthesised WAV ourselves with sounddevice, which ``stop()`` can interrupt;
- espeak initialises once per process and must be driven from one thread: all synthesis happens
  on the speaker's thread, under a process-wide lock.
"""

from __future__ import annotations

import logging
import queue
import tempfile
import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from griller.speech.errors import VOICE_EXTRA, SpeechUnavailable

log = logging.getLogger(__name__)
_ESPEAK_LOCK = threading.Lock()
NO_ESPEAK_FIX = "sudo apt-get install espeak-ng (macOS: brew install espeak-ng), then run `griller doctor`"
Player = Callable[[Any, int, threading.Event], None]


def _quiet_print(*args: Any, **kwargs: Any) -> None:
    log.debug("pyttsx3: %s", " ".join(str(a) for a in args))


def load_engine(rate: int = 170, voice: str | None = None) -> Any:
    """pyttsx3's espeak engine with its stdout prints silenced; ``SpeechUnavailable`` if it cannot start."""
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


def synthesize(engine: Any, text: str, path: Path) -> Path:
    """Render ``text`` to a WAV at ``path`` (blocking; call on the speaker thread)."""
    with _ESPEAK_LOCK:
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        driver = getattr(getattr(engine, "proxy", None), "_driver", None)
        if driver is not None and hasattr(driver, "_save_file"):
            driver._save_file = None  # otherwise the next say() would overwrite this file
    if not path.is_file() or path.stat().st_size <= 44:
        raise RuntimeError(f"espeak-ng produced no audio for {text[:40]!r}")
    return path


def read_wav(path: Path) -> tuple[Any, int]:
    import numpy as np

    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm.astype(np.float32) / 32768.0, rate


def play_portaudio(samples: Any, rate: int, stop: threading.Event) -> None:
    """Play through the default output device in 50 ms writes, so ``stop`` takes effect at once."""
    import numpy as np

    from griller.speech.audio import resample
    from griller.speech.portaudio import load_sounddevice

    sd = load_sounddevice()
    try:
        info = sd.query_devices(kind="output")
    except (sd.PortAudioError, ValueError) as exc:
        raise SpeechUnavailable(f"No speaker: PortAudio finds no output device ({exc})",
                                "connect headphones or speakers, or turn spoken questions off") from None
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


class Speaker:
    """Non-blocking text to speech: ``say()`` queues, ``stop()`` interrupts, ``close()`` ends the thread.

    ``on_event`` gets ``{"type": "spoken" | "error", "data": {...}}`` dicts from the speaker thread.
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
        self.player = player or play_portaudio
        self.on_event = on_event
        self._queue: queue.Queue[tuple[str, Any] | None] = queue.Queue()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._thread_lock = threading.Lock()
        self._lock = threading.Lock()
        self._pending = 0  # submitted and not yet finished: wait() returns when it reaches 0

    def say(self, text: str) -> None:
        """Speak ``text`` after anything already queued; returns at once."""
        if not text.strip():
            return
        self._submit(("say", text))

    def save(self, text: str, path: Path, timeout: float = 30.0) -> Path:
        """Write ``text`` as speech to a WAV file (blocks until written)."""
        done: queue.Queue[Path | Exception] = queue.Queue()
        self._submit(("save", (text, Path(path), done)))
        result = done.get(timeout=timeout)
        if isinstance(result, Exception):
            raise result
        return result

    def stop(self) -> None:
        """Stop speaking now and forget anything queued."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                if item[0] == "save":
                    item[1][2].put(RuntimeError("stopped before the speech was saved"))
                self._finished()
        self._stop.set()
        self._submit(("noop", None))

    def wait(self, timeout: float | None = None) -> bool:
        """Block until everything queued has been spoken; False on time-out."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        self.stop()
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(5.0)

    def _submit(self, item: tuple[str, Any]) -> None:
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
        engine = None
        with tempfile.TemporaryDirectory(prefix="griller-tts-") as tmp:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                kind, payload = item
                self._stop.clear()
                try:
                    if kind != "noop":
                        engine = engine or load_engine(self.rate, self.voice)
                    if kind == "say":
                        path = synthesize(engine, payload, Path(tmp) / "say.wav")
                        samples, rate = read_wav(path)
                        if not self._stop.is_set():
                            self.player(samples, rate, self._stop)
                        self._tell("spoken", text=payload, seconds=round(len(samples) / rate, 2))
                    elif kind == "save":
                        text, target, done = payload
                        try:
                            done.put(synthesize(engine, text, target))
                        except Exception as exc:
                            done.put(exc)
                except Exception as exc:  # report and keep serving: a missing speaker must not kill questions
                    if kind == "save":
                        payload[2].put(exc)
                    self._tell("error", message=str(exc))
                self._finished()

    def _tell(self, kind: str, **data: Any) -> None:
        if self.on_event is not None:
            try:
                self.on_event({"type": kind, "data": data})
            except Exception:
                log.exception("speaker on_event failed")
