"""Audio sources: the microphone (sounddevice/PortAudio) and files (anything PyAV decodes).

Both deliver 16 kHz mono float32 blocks to a callback on a background thread and return from
``start`` at once. The microphone's PortAudio callback only copies the block into a bounded queue;
a dispatcher thread hands blocks on, so a slow consumer never stalls the audio driver.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from griller.speech.errors import VOICE_EXTRA, AudioFileError, SpeechUnavailable
from griller.speech.portaudio import NO_MIC_FIX, default_input, load_sounddevice

SAMPLE_RATE = 16_000
BLOCK_SECONDS = 0.1
OnBlock = Callable[[Any], None]
OnEnd = Callable[[Exception | None], None]


def resample(samples: Any, src_rate: int, dst_rate: int = SAMPLE_RATE) -> Any:
    """Linear-interpolation resampling of a mono float32 array (averaging first when shrinking by a whole factor)."""
    import numpy as np

    x = np.asarray(samples, dtype=np.float32)
    if src_rate == dst_rate or x.size == 0:
        return x
    factor = src_rate / dst_rate
    if factor.is_integer() and factor > 1:  # 48 kHz -> 16 kHz: a box filter doubles as the anti-alias
        n = int(factor)
        return x[: x.size - x.size % n].reshape(-1, n).mean(axis=1).astype(np.float32)
    positions = np.arange(0, x.size, factor, dtype=np.float64)
    return np.interp(positions, np.arange(x.size), x).astype(np.float32)


def decode(path: Path | str, sample_rate: int = SAMPLE_RATE) -> Iterator[Any]:
    """Decode an audio file to mono float32 chunks at ``sample_rate``, frame by frame."""
    try:
        import av
        import numpy as np
    except ImportError:
        raise SpeechUnavailable("Audio files need PyAV (the av package is missing)", VOICE_EXTRA) from None
    path = Path(path)
    if not path.is_file():
        raise AudioFileError(f"{path}: no such audio file")
    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError) as exc:
        raise AudioFileError(f"{path}: not an audio file PyAV can decode ({exc})") from None
    with container:
        if not container.streams.audio:
            raise AudioFileError(f"{path}: has no audio stream")
        resampler = av.audio.resampler.AudioResampler(format="flt", layout="mono", rate=sample_rate)
        try:
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    yield np.asarray(out.to_ndarray(), dtype=np.float32).reshape(-1)
            for out in resampler.resample(None):
                yield np.asarray(out.to_ndarray(), dtype=np.float32).reshape(-1)
        except av.error.FFmpegError as exc:
            raise AudioFileError(f"{path}: decoding failed ({exc})") from None


def read_audio(path: Path | str, sample_rate: int = SAMPLE_RATE) -> Any:
    """The whole file as one mono float32 array at ``sample_rate``."""
    import numpy as np

    parts = list(decode(path, sample_rate))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)


class FileSource:
    """A file (or an array) played as if it were a microphone: in real time, or as fast as possible.

    ``tail_silence`` appends that many seconds of silence, as a speaker falling quiet would.
    """

    def __init__(
        self,
        audio: Path | str | Any,
        *,
        realtime: bool = False,
        sample_rate: int = SAMPLE_RATE,
        block_seconds: float = BLOCK_SECONDS,
        tail_silence: float = 0.0,
    ) -> None:
        self.audio = audio
        self.realtime = realtime
        self.sample_rate = sample_rate
        self.block = max(1, int(sample_rate * block_seconds))
        self.tail_silence = tail_silence
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _chunks(self) -> Iterator[Any]:
        import numpy as np

        if isinstance(self.audio, str | Path):
            yield from decode(self.audio, self.sample_rate)
        else:
            yield np.asarray(self.audio, dtype=np.float32).reshape(-1)
        if self.tail_silence > 0:
            yield np.zeros(int(self.tail_silence * self.sample_rate), dtype=np.float32)

    def blocks(self) -> Iterator[Any]:
        """Fixed-size blocks (the last may be shorter), with no pacing."""
        import numpy as np

        pending = np.zeros(0, dtype=np.float32)
        for chunk in self._chunks():
            pending = np.concatenate([pending, chunk]) if pending.size else chunk
            while pending.size >= self.block:
                yield pending[: self.block]
                pending = pending[self.block :]
        if pending.size:
            yield pending

    def start(self, on_block: OnBlock, on_end: OnEnd | None = None) -> None:
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(on_block, on_end), name="griller-file-audio", daemon=True
        )
        self._thread.start()

    def _run(self, on_block: OnBlock, on_end: OnEnd | None) -> None:
        error: Exception | None = None
        began, sent = time.monotonic(), 0
        try:
            for block in self.blocks():
                if self._stop.is_set():
                    return
                if self.realtime:  # a deadline per block, so sleeping never drifts
                    delay = began + sent / self.sample_rate - time.monotonic()
                    if delay > 0 and self._stop.wait(delay):
                        return
                on_block(block)
                sent += block.size
        except Exception as exc:  # reported through on_end: the consumer owns error handling
            error = exc
        if on_end is not None and not self._stop.is_set():
            on_end(error)

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)


class MicrophoneSource:
    """The microphone through sounddevice: 16-bit capture handed on as 16 kHz mono float32 blocks.

    The device is opened at 16 kHz; hardware that refuses runs at its own rate and is resampled.

    ``dropped`` counts blocks thrown away because the consumer fell more than ``max_queue_seconds``
    behind (the newest are dropped, so what was queued stays contiguous); ``overflows`` counts
    PortAudio's own input overflows.
    """

    def __init__(
        self,
        device: int | str | None = None,
        *,
        sample_rate: int = SAMPLE_RATE,
        block_seconds: float = BLOCK_SECONDS,
        max_queue_seconds: float = 30.0,
    ) -> None:
        self.device = device
        self.sample_rate = sample_rate
        self.block_seconds = block_seconds
        self.device_rate = sample_rate
        self.device_name = ""
        self.dropped = 0
        self.overflows = 0
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max(1, int(max_queue_seconds / block_seconds)))
        self._stream: Any = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def start(self, on_block: OnBlock, on_end: OnEnd | None = None) -> None:
        """Open the device and start capturing; ``SpeechUnavailable`` when there is no usable microphone."""
        sd = load_sounddevice()
        info = default_input(self.device)
        self.device_name = str(info.get("name", ""))
        self._stopping.clear()
        try:
            self._stream = self._open(sd, self.sample_rate)
        except sd.PortAudioError:
            # Some hardware only runs at its own rate (often 44.1 or 48 kHz): capture there, resample here.
            self.device_rate = int(info.get("default_samplerate") or 48_000)
            try:
                self._stream = self._open(sd, self.device_rate)
            except sd.PortAudioError as exc:
                what = f"The microphone {self.device_name!r} cannot be opened ({exc})"
                raise SpeechUnavailable(what, NO_MIC_FIX) from None
        self._thread = threading.Thread(target=self._dispatch, args=(on_block, on_end), name="griller-mic", daemon=True)
        self._thread.start()
        self._stream.start()

    def _open(self, sd: Any, rate: int) -> Any:
        # int16 is the one sample format every device and ALSA plugin chain gets right; we convert.
        return sd.InputStream(
            samplerate=rate, channels=1, dtype="int16", blocksize=int(rate * self.block_seconds),
            device=self.device, callback=self._callback, finished_callback=self._finished,
        )

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        # Runs on PortAudio's thread: copy and hand over, never block.
        if status and status.input_overflow:
            self.overflows += 1
        try:
            self._queue.put_nowait(indata[:, 0].copy())
        except queue.Full:  # the consumer is far behind: drop the new block, keep what is queued in order
            self.dropped += 1

    def _finished(self) -> None:
        if not self._stopping.is_set():  # the stream died under us (device unplugged)
            self._queue.put(RuntimeError(f"the microphone {self.device_name!r} stopped delivering audio"))

    def _dispatch(self, on_block: OnBlock, on_end: OnEnd | None) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, Exception):
                if on_end is not None and not self._stopping.is_set():
                    on_end(SpeechUnavailable(str(item), NO_MIC_FIX))
                return
            if self._stopping.is_set():
                continue
            item = item.astype("float32") / 32768.0
            if self.device_rate != self.sample_rate:
                item = resample(item, self.device_rate, self.sample_rate)
            on_block(item)

    def stop(self) -> None:
        self._stopping.set()
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception:  # closing a dead stream must not hide why it died
                pass
        self._queue.put(None)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)
