"""A headless spoken answer: capture, live partial transcripts, coaching nudges, the final transcript.

``VoiceSession`` is what the TUI drives. Push-to-talk: ``toggle()`` starts and ends the answer.
Hands-free: the answer ends after ``end_silence`` seconds of quiet once speech has begun. Two
threads do the work — one reads audio blocks (energy gate, live coach, chunking at pauses), one
transcribes the chunks — and report through ``on_event(dict)`` with ``{"type", "at", "data"}``:

``state`` (listening, talking, transcribing, done, cancelled, failed) · ``partial`` (text so far) ·
``final`` (text) · ``metrics`` (speech metrics and tips) · ``error`` (message) · and the coaching
events ``silence_nudge``, ``pace_alert``, ``filler_streak`` to show and to store.

``on_event`` runs on those background threads: a Textual app forwards with ``call_from_thread``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Literal

from griller.domain.delivery import Thresholds, Word, tips
from griller.domain.live_coach import EVENT_TYPES, LiveCoach, LiveRules
from griller.domain.ports import AudioSource, Transcriber
from griller.speech.answer import AudioBuffer, VoiceAnswer
from griller.speech.voicing import VoiceActivity

Mode = Literal["hands_free", "push_to_talk"]
log = logging.getLogger(__name__)


class VoiceSession:
    """One spoken answer, from ``start()`` to a ``VoiceAnswer`` (``wait()``) or ``cancel()``."""

    def __init__(
        self,
        source: AudioSource,
        transcriber: Transcriber,
        *,
        mode: Mode = "hands_free",
        end_silence: float = 3.0,
        thresholds: Thresholds | None = None,
        rules: LiveRules | None = None,
        on_event: Callable[[dict[str, Any]], None] | None = None,
        recorder: Any = None,
        partial_every: float = 2.0,
        partial_budget: float = 0.25,
        commit_silence: float = 0.6,
        sure_silence: float = 1.2,
        min_chunk: float = 10.0,
        max_chunk: float = 25.0,
        max_wait: float = 120.0,
        min_level: float = 0.01,
    ) -> None:
        self.source, self.transcriber, self.mode = source, transcriber, mode
        self.end_silence, self.partial_every, self.partial_budget = end_silence, partial_every, partial_budget
        self.commit_silence, self.sure_silence = commit_silence, sure_silence
        self.min_chunk, self.max_chunk, self.max_wait = min_chunk, max_chunk, max_wait
        self._partial_gap = partial_every
        self.thresholds = thresholds or Thresholds()
        self.coach = LiveCoach(rules or LiveRules())
        self.on_event, self.recorder = on_event, recorder
        self.sr = int(getattr(source, "sample_rate", 16_000))
        self.state = "idle"
        self.level = 0.0
        self.started_at = 0.0
        self._activity = VoiceActivity(min_level=min_level)
        self._buffer = AudioBuffer(self.sr)
        self._inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._jobs: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._done, self._cancelled = threading.Event(), threading.Event()
        self._result: VoiceAnswer | None = None
        self._events: list[dict[str, Any]] = []
        self._clock = 0  # samples heard since start
        self._buf_t0: float | None = None  # session time of the buffer's first sample
        self._ptt_on = self._talking = self._heard = self._ended = self._chunk_voiced = self._busy = False
        self._voiced_samples = self._last_voiced = self._chunk_start = self._partial_pos = 0
        self._levels: deque[tuple[int, float]] = deque(maxlen=30)
        self._words: list[Word] = []  # the transcription thread's: committed words and chunk texts
        self._texts: list[str] = []
        self._draft_cache: tuple[int, int, Any] | None = None
        self._ended_by, self._ended_wall = "", 0.0

    @classmethod
    def from_settings(
        cls, settings: Any, *, source: AudioSource | None = None, transcriber: Transcriber | None = None, **options: Any
    ) -> VoiceSession:
        """The microphone and the shared Whisper model, with thresholds and timings from config.

        Raises ``SpeechUnavailable`` when the model is missing; ``start()`` raises it when the microphone is.
        """
        from griller.speech.audio import MicrophoneSource
        from griller.speech.transcriber import shared_transcriber

        options.setdefault("end_silence", settings.speech.end_of_answer_silence)
        return cls(
            source or MicrophoneSource(),
            transcriber or shared_transcriber(settings.speech.whisper_model),
            thresholds=Thresholds.from_settings(settings.speech),
            rules=LiveRules.from_settings(settings),
            **options,
        )

    # ----- the caller's side ---------------------------------------------------------------------
    def start(self) -> None:
        """Open the audio source and start listening. Raises ``SpeechUnavailable`` if it cannot."""
        if self.state != "idle":
            raise RuntimeError("a VoiceSession starts once")
        self.started_at = time.time()
        # Before the threads start: a toggle() queued before start() ("talking") must not be overwritten.
        self._set_state("listening")
        for target, name in ((self._work, "griller-voice"), (self._transcribe_loop, "griller-transcribe")):
            threading.Thread(target=target, name=name, daemon=True).start()
        try:
            self.source.start(self._on_block, self._on_source_end)
        except BaseException:
            self._cancelled.set()
            self._inbox.put(("cancel",))
            self._jobs.put(("cancel",))
            self._set_state("failed")
            self._done.set()
            raise

    def toggle(self) -> bool:
        """Push-to-talk: start talking, or end the answer. Returns True when now talking.

        Hands-free, the key simply ends the answer now.
        """
        if self.mode == "hands_free":
            self.finish()
            return False
        self._ptt_on = not self._ptt_on
        self._inbox.put(("talk",) if self._ptt_on else ("finish", "toggle"))
        return self._ptt_on

    def finish(self) -> None:
        """End the answer now and transcribe what was said."""
        self._inbox.put(("finish", "finish"))

    def cancel(self) -> None:
        """Drop the answer: stop listening, discard audio, no final event. No effect once it is done."""
        if self._done.is_set():
            return
        self._cancelled.set()
        self.source.stop()
        self._inbox.put(("cancel",))
        self._jobs.put(("cancel",))
        if self.recorder is not None:
            self.recorder.discard()
        self._set_state("cancelled")
        self._done.set()

    def wait(self, timeout: float | None = None) -> VoiceAnswer | None:
        """Block until the final transcript (for scripts and tests; the TUI listens to events instead)."""
        self._done.wait(timeout)
        return self._result

    # ----- audio thread ----------------------------------------------------------------------------
    def _on_block(self, block: Any) -> None:
        if not self._ended and not self._cancelled.is_set():
            self._inbox.put(("audio", block))

    def _on_source_end(self, error: Exception | None) -> None:
        self._inbox.put(("source_end", error))

    def _work(self) -> None:
        while not self._ended:
            item = self._inbox.get()
            kind = item[0]
            if kind == "cancel":
                return
            try:
                if kind == "audio":
                    self._hear(item[1])
                elif kind == "words":
                    self._publish(self.coach.words(self._clock / self.sr, item[1]))
                elif kind == "talk":
                    self._talking = True
                    self._set_state("talking")
                elif kind == "finish":
                    self._end(item[1])
                elif kind == "source_end":
                    if item[1] is not None:
                        self._emit("error", message=str(item[1]))
                    self._end("source_end")
            except Exception as exc:  # a bug here must end the answer, not hang it
                log.exception("voice session worker failed")
                self._emit("error", message=f"voice input failed: {exc}")
                self._end("error")

    def _hear(self, block: Any) -> None:
        self._clock += len(block)
        now = self._clock / self.sr
        voiced = self._activity.update(block)
        self.level = self._activity.level
        capturing = self.mode == "hands_free" or self._talking
        if capturing:
            if self._buf_t0 is None:
                self._buf_t0 = now - len(block) / self.sr
            pos = self._buffer.append(block)
            if self.recorder is not None:
                self.recorder.write(block)
            self._levels.append((pos, self.level))
            if voiced:
                self._voiced_samples += len(block)
                self._last_voiced, self._chunk_voiced = pos, True
                if not self._heard and self._voiced_samples >= 0.3 * self.sr:  # a click is not an answer
                    self._heard = True
                    if self.mode == "hands_free":
                        self._set_state("talking")
            self._chunk(pos)
        self._publish(self.coach.hear(now, voiced and capturing))
        quiet = (len(self._buffer) - self._last_voiced) / self.sr
        if self.mode == "hands_free" and self._heard and quiet >= self.end_silence:
            self._end("silence")
        elif self.mode == "hands_free" and not self._heard and now >= self.max_wait:
            self._end("no_speech")

    def _chunk(self, pos: int) -> None:
        """Send audio to the transcriber in long chunks cut at pauses, with drafts of the open chunk between.

        Each Whisper call costs a full 30 s encoder pass, so chunks are cut at a pause once they hold
        ``min_chunk`` seconds, or at any pause of ``sure_silence`` (the answer may be over), and
        drafts are spaced so they use at most ``partial_budget`` of the transcriber's time. A draft
        also starts when a pause begins: if nothing is said after it, it becomes the final
        transcript of the chunk, so ending the answer then costs no further Whisper call.
        """
        if not self._chunk_voiced:
            self._chunk_start = max(self._chunk_start, pos - int(0.3 * self.sr))  # keep a little lead-in
            return
        quiet, length = (pos - self._last_voiced) / self.sr, (pos - self._chunk_start) / self.sr
        since_draft = (pos - self._partial_pos) / self.sr
        if quiet >= self.sure_silence or (quiet >= self.commit_silence and length >= self.min_chunk):
            self._commit(min(pos, self._last_voiced + int(0.25 * self.sr)))
        elif length >= self.max_chunk:
            self._commit(min(self._levels, key=lambda pl: pl[1])[0])  # cut at the quietest recent block
        elif self._jobs.empty() and not self._busy and (
            since_draft >= self._partial_gap
            # a pause just began: a draft now covers everything said, and can stand in for the final
            or (quiet >= 0.25 and self._partial_pos < self._last_voiced and since_draft >= 1.0)
        ):
            self._partial_pos = pos
            self._jobs.put(("partial", self._chunk_start, pos))

    def _commit(self, end: int) -> None:
        if end > self._chunk_start:
            self._jobs.put(("final", self._chunk_start, end, min(self._last_voiced, end)))
        self._chunk_start = self._partial_pos = end
        self._chunk_voiced = self._last_voiced > end

    def _end(self, reason: str) -> None:
        if self._ended:
            return
        self._ended, self._ended_by, self._ended_wall = True, reason, time.monotonic()
        self.source.stop()
        if self._chunk_voiced:
            self._commit(min(len(self._buffer), self._last_voiced + int(0.25 * self.sr)))
        if self.recorder is not None:
            self.recorder.close()
        self._set_state("transcribing")
        self._jobs.put(("done",))

    # ----- transcription thread --------------------------------------------------------------------
    def _transcribe_loop(self) -> None:
        while True:
            job = self._jobs.get()
            if self._cancelled.is_set() or job[0] == "cancel":
                return
            try:
                if job[0] == "done":
                    self._finish_answer()
                    return
                self._busy = True
                self._draft(*job[1:]) if job[0] == "partial" else self._final(*job[1:])
            except Exception as exc:
                log.exception("transcription failed")
                self._emit("error", message=str(exc))
                if job[0] != "partial":
                    self._set_state("failed")
                    self._done.set()
                    return
            finally:
                self._busy = False

    def _draft(self, start: int, end: int) -> None:
        if not self._jobs.empty():
            return  # stale: newer audio is already queued
        began = time.monotonic()
        heard = self.transcriber.transcribe(self._buffer.slice(start, end), offset=self._time(start))
        self._partial_gap = max(self.partial_every, (time.monotonic() - began) / max(self.partial_budget, 0.01))
        self._draft_cache = (start, end, heard)
        self._emit("partial", text=" ".join([*self._texts, heard.text]).strip(), final=False)

    def _final(self, start: int, end: int, spoken_until: int) -> None:
        from griller.speech.voicing import tighten, voiced_frames

        cached, self._draft_cache = self._draft_cache, None
        if cached is not None and cached[0] == start and cached[1] >= spoken_until:
            end, heard = cached[1], cached[2]  # the last draft already heard every word of this chunk
            audio = self._buffer.slice(start, end)
        else:
            audio = self._buffer.slice(start, end)
            heard = self.transcriber.transcribe(audio, offset=self._time(start))
        self._words += tighten(heard.words, voiced_frames(audio, self.sr), offset=self._time(start))
        self._texts.append(heard.text)
        self._inbox.put(("words", list(self._words)))
        self._emit("partial", text=" ".join(self._texts).strip(), final=True)

    def _time(self, sample: int) -> float:
        """Session time of a buffer position."""
        return (self._buf_t0 or 0.0) + sample / self.sr

    def _finish_answer(self) -> None:
        from griller.speech.metrics import measure_audio

        audio = self._buffer.slice(0)
        offset = self._buf_t0 or 0.0
        delivery, words = measure_audio(self._words, audio, self.thresholds, sample_rate=self.sr, offset=offset)
        advice = tips(delivery, self.thresholds) if words else []
        text = " ".join(t for t in self._texts if t).strip()
        self._result = VoiceAnswer(
            transcript=text, words=words, speech=delivery.as_dict(), delivery=delivery, tips=advice,
            events=[e for e in self._events if e["type"] in EVENT_TYPES], duration=len(audio) / self.sr,
            started_at=self.started_at, ended_by=self._ended_by, latency=time.monotonic() - self._ended_wall,
            audio_path=getattr(self.recorder, "path", None),
        )
        self._emit("final", text=text, ended_by=self._ended_by)
        self._emit("metrics", speech=delivery.as_dict(), tips=advice)
        self._set_state("done")
        self._done.set()

    # ----- events ----------------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        if self.state in {"done", "cancelled", "failed"}:
            return
        self.state = state
        self._emit("state", state=state)

    def _emit(self, kind: str, **data: Any) -> None:
        self._publish([{"type": kind, "at": round(self._clock / self.sr, 2), "data": data}])

    def _publish(self, events: list[dict[str, Any]]) -> None:
        for e in events:
            self._events.append(e)
            if self.on_event is not None:
                try:
                    self.on_event(e)
                except Exception:  # the caller's bug must not stop the answer
                    log.exception("on_event callback failed")
