"""Spoken answers on the interview screen: a ``VoiceSession`` per question, the transcript in the editor.

A mixin of ``InterviewScreen``. When the screen mounts, a thread worker loads the Whisper model; if it cannot,
one notification says why and the interview goes on in text. Once a question is on screen, a session listens
(the microphone opens in a worker; a failure is one notification and voice is off for the rest of the
interview). Push-to-talk: the talk key starts and ends the answer; hands-free: silence ends it.

The session reports from its own threads through ``post_message`` (thread-safe) as ``VoiceEvent``; the
handler here is the only code that touches widgets. Partial transcripts replace what the session wrote in
the editor (text typed before talking is kept in front); the final one replaces the partials and stays
editable until submit, which then stores the answer with ``source="voice"`` and the speech metrics as a
"speech_metrics" event for the turn. Live nudges are short notifications, stored with their own timestamps.

``InterviewSpeaker`` reads the questions aloud (``--speak``): a ``Speaker`` per interview, each question
said once it is complete (after streaming). While a question is read, the microphone stays closed and the
think-time clock has not started: both begin once the reading ends, so the microphone never records the
question and the silence nudge never counts the time spent listening to it. Talking, submitting, skipping,
pausing, ending or leaving stops the reading at once; the repeat key reads the question again (the clock is
held meanwhile). No espeak-ng or no output device: one notification, and the interview goes on in text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.widgets import TextArea

from griller.coach.interviewing import LiveInterview
from griller.domain.interview import Prompt
from griller.tui.messages import VoiceEvent, VoiceFailed, VoiceReady
from griller.tui.timing import AnswerTimer

if TYPE_CHECKING:
    from textual.app import App

    from griller.speech.controller import VoiceSession
    from griller.speech.speaker import Speaker

NUDGE_SECONDS = 5.0
COACHING = ("silence_nudge", "pace_alert", "filler_streak")  # griller.domain.live_coach.EVENT_TYPES
FINISHED = ("done", "cancelled", "failed")
STATE_TITLES = {
    "listening": "Your answer · {key} to talk",
    "talking": "Your answer · listening… {key} to end",
    "transcribing": "Your answer · transcribing…",
}


@dataclass
class VoicePlan:
    """How to take spoken answers in one interview: settings (``[speech]``, ``[interview]``), whether to
    record, the answer mode, and for tests an audio source factory and a transcriber to use instead of the
    microphone and the shared Whisper model."""

    settings: Any = None
    record: bool = False
    mode: str = "push_to_talk"
    source: Any = None
    """A callable returning a fresh ``AudioSource`` per answer (tests give ``FileSource``s)."""
    transcriber: Any = None
    options: dict[str, Any] | None = None
    """Extra ``VoiceSession`` keyword arguments (timings)."""


def voice_plan(live: LiveInterview, settings: Any = None) -> VoicePlan | None:
    """The plan for ``live`` when its options turned the microphone on (setup switch or ``--voice``), else None."""
    extra = live.options.extra or {}
    if not extra.get("voice"):
        return None
    speech = getattr(settings, "speech", None)
    return VoicePlan(settings=settings, record=bool(extra.get("record") or getattr(speech, "record", False)),
                     mode=str(getattr(speech, "answer_mode", "push_to_talk")))


@dataclass
class SpeakerPlan:
    """How to read the questions aloud in one interview: espeak-ng's speech rate (words a minute), and for
    tests a ``griller.speech.speaker.Player`` to use instead of the sound card."""

    rate: int = 170
    player: Any = None


def speaker_plan(live: LiveInterview) -> SpeakerPlan | None:
    """The plan for ``live`` when its options turned spoken questions on (``--speak``, the setup switch or
    ``[speech] speak_questions``), else None."""
    return SpeakerPlan() if (live.options.extra or {}).get("speak") else None


class SpeakerEvent(Message):
    """An event (``{"type": "spoken" | "error", "data"}``) from the ``Speaker`` reading the questions."""

    def __init__(self, event: dict[str, Any]) -> None:
        super().__init__()
        self.event = event


class SpeakerFailed(Message):
    """Questions cannot be read aloud (no espeak-ng, no output device); ``reason`` says why and what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def _db_file(live: LiveInterview) -> Path | None:
    for row in live.db.execute("PRAGMA database_list").fetchall():
        if row[1] == "main" and row[2]:
            return Path(row[2])
    return None


def _iso(started_at: float, at: Any) -> str | None:
    """The wall-clock time of an event ``at`` seconds after the session started listening (ISO, UTC)."""
    try:
        moment = datetime.fromtimestamp(started_at + float(at), UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return moment.isoformat(timespec="milliseconds")


class InterviewVoice:
    """Voice for the interview screen. Expects ``live``, ``_lock``, ``phase``, ``app``, ``post_message``."""

    live: LiveInterview
    _lock: threading.Lock
    phase: str
    voice_plan: VoicePlan | None
    voice: VoiceSession | None
    _transcriber: Any
    _voice_off: bool
    _voice_prefix: str
    _voice_text_turn: str | None
    _voice_metrics: dict[str, Any] | None
    _voice_talking: bool
    _question_read: bool
    """The question on screen has been read aloud, or is not read aloud: the microphone may listen."""

    if TYPE_CHECKING:
        app: App[Any]

        def _reading_interrupted(self) -> bool: ...

        def _question_heard(self, listen: bool = True) -> None: ...

        def post_message(self, message: Message) -> bool: ...

        def query_one(self, selector: str, expect_type: type[TextArea]) -> TextArea: ...

        def _show_speech_line(self, text: str) -> None: ...

        def _log_at(self, kind: str, data: dict[str, Any], at: str | None, turn_id: str | None) -> None: ...

    def _voice_setup(self, plan: VoicePlan | None) -> None:
        self.voice_plan = plan
        self.voice = None
        self._transcriber = None
        self._voice_off = plan is None
        self._voice_prefix = ""
        self._voice_text_turn = None
        self._voice_metrics = None
        self._voice_talking = False
        self._voice_db_file: Path | None = None

    @property
    def voice_ready(self) -> bool:
        """Spoken answers can be taken now (the model is loaded and nothing failed)."""
        return not self._voice_off and self._transcriber is not None

    def _voice_mount(self) -> None:
        if self.voice_plan is not None:
            self._load_voice(self.voice_plan)

    @work(thread=True, exit_on_error=False, group="voice")
    def _load_voice(self, plan: VoicePlan) -> None:
        from griller.speech.live import SpeechUnavailable, load_transcriber

        try:
            with self._lock:
                self._voice_db_file = _db_file(self.live)
            transcriber = load_transcriber(plan.settings, plan.transcriber)
        except SpeechUnavailable as exc:
            self.post_message(VoiceFailed(str(exc)))
            return
        except Exception as exc:  # the interview must go on whatever the model does
            self.post_message(VoiceFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(VoiceReady(transcriber))

    def on_voice_ready(self, message: VoiceReady) -> None:
        if self._voice_off:
            return
        self._transcriber = message.transcriber
        self._log_at("voice_started", {"mode": self.voice_plan.mode if self.voice_plan else "",
                                       "record": bool(self.voice_plan and self.voice_plan.record)}, None, None)
        self.refresh_bindings()  # type: ignore[attr-defined]
        if self.phase == "answering" and self._question_read:
            self._voice_begin()

    def on_voice_failed(self, message: VoiceFailed) -> None:
        if self._voice_off:
            return  # one notification per interview
        self._voice_off = True
        self._voice_cancel()
        self.app.notify(f"voice unavailable: {message.reason}; the interview goes on in text", title="Voice",
                        severity="warning", timeout=10, markup=False)
        self._log_at("voice_problem", {"reason": message.reason}, None, None)
        self._voice_title(None)
        self.refresh_bindings()  # type: ignore[attr-defined]

    # ----- one answer -----------------------------------------------------------------------------
    def _voice_begin(self, talk: bool = False) -> None:
        """A question is on screen and has been read (or the talk key was pressed with no session): listen."""
        if not self.voice_ready or self.voice_plan is None or self.live.turn_id is None or not self._question_read:
            return
        self._voice_cancel()
        plan = self.voice_plan
        recorder = None
        if plan.record and self._voice_db_file is not None:  # an in-memory database keeps no recordings
            from griller.coach.forgetting import recordings_dir
            from griller.speech.recording import open_recorder

            recorder = open_recorder(recordings_dir(self._voice_db_file), self.live.session_id, self.live.turn_id,
                                     enabled=True)
        from griller.speech.live import open_session

        holder: dict[str, Any] = {}
        try:
            session = open_session(
                plan.settings, transcriber=self._transcriber, source=plan.source() if plan.source else None,
                mode=plan.mode, recorder=recorder,
                on_event=lambda event: self.post_message(VoiceEvent(holder.get("session"), event)),
                **(plan.options or {}),
            )
        except Exception as exc:
            if recorder is not None:
                recorder.discard()
            self.on_voice_failed(VoiceFailed(f"{type(exc).__name__}: {exc}"))
            return
        holder["session"] = session
        self.voice = session
        self._voice_metrics = None
        self._voice_talking = False
        if talk:
            self._voice_talk_started()
            session.toggle()  # queued: the session acts on it once it listens
        self._start_voice(session)

    @work(thread=True, exit_on_error=False, group="voice")
    def _start_voice(self, session: VoiceSession) -> None:
        from griller.speech.live import SpeechUnavailable

        try:
            session.start()
        except SpeechUnavailable as exc:
            self.post_message(VoiceFailed(str(exc)))
        except RuntimeError:  # cancelled before it started (the question was skipped)
            pass
        except Exception as exc:
            self.post_message(VoiceFailed(f"{type(exc).__name__}: {exc}"))

    def _voice_talk_started(self) -> None:
        """Talking begins: text typed so far stays in front of the transcript. Talking again in the same turn
        replaces what the last take wrote (the prefix from the first take is kept)."""
        self._voice_talking = True
        if self._voice_text_turn != self.live.turn_id:
            self._voice_prefix = self.query_one("#answer", TextArea).text.rstrip()

    def action_talk(self) -> None:
        """Push-to-talk: start or end the spoken answer (hands-free: end it now, or listen again)."""
        if not self.voice_ready or self.phase != "answering":
            return
        if self._reading_interrupted():  # the question was being read: stop, and take the answer at once
            self._question_heard(listen=False)
            self._voice_begin(talk=self.voice_plan is not None and self.voice_plan.mode == "push_to_talk")
            return
        session = self.voice
        if session is None or session.state in FINISHED:
            self._voice_begin(talk=self.voice_plan is not None and self.voice_plan.mode == "push_to_talk")
            return
        if session.state == "transcribing":
            return
        if session.mode == "push_to_talk" and not self._voice_talking:
            self._voice_talk_started()
        self._voice_talking = session.toggle()

    def on_voice_event(self, message: VoiceEvent) -> None:
        session = message.session
        if session is None or session is not self.voice:
            return  # a session that was cancelled or replaced
        event = message.event
        kind, data = str(event.get("type")), dict(event.get("data") or {})  # type: ignore[call-overload]
        turn = self.live.turn_id
        if kind == "state":
            self._voice_title(str(data.get("state")))
        elif kind in ("partial", "final"):
            if self.phase == "answering" and turn is not None:
                self._voice_write(str(data.get("text", "")), turn)
        elif kind == "metrics":
            speech = dict(data.get("speech") or {})
            self._voice_metrics = {**speech, "tips": list(data.get("tips") or [])}
            from griller.speech.live import speech_line

            self._show_speech_line(speech_line(speech, self._voice_metrics["tips"]))
        elif kind in COACHING:
            if kind == "silence_nudge" and not self._voice_talking and self._typing():
                return  # the answer is being typed: no nudge to speak
            self._log_at(kind, data, _iso(session.started_at, event.get("at")), turn)  # type: ignore[attr-defined]
            text = str(data.get("message") or kind.replace("_", " "))
            self.app.notify(text, severity="information", timeout=NUDGE_SECONDS, markup=False)
        elif kind == "error":
            reason = str(data.get("message") or "voice input stopped")
            self._log_at("voice_problem", {"reason": reason}, None, turn)
            self.app.notify(f"voice: {reason}; you can type your answer", title="Voice", severity="warning",
                            timeout=10, markup=False)

    def _typing(self) -> bool:
        return bool(self.query_one("#answer", TextArea).text.strip()) and self._voice_text_turn != self.live.turn_id

    def _voice_write(self, text: str, turn: str) -> None:
        editor = self.query_one("#answer", TextArea)
        if editor.read_only:
            return
        if self._voice_text_turn != turn:
            self._voice_text_turn = turn
        joined = f"{self._voice_prefix} {text}".strip() if self._voice_prefix else text.strip()
        if editor.text != joined:
            editor.text = joined
            editor.move_cursor(editor.document.end)

    def _voice_title(self, state: str | None) -> None:
        editor = self.query_one("#answer", TextArea)
        template = STATE_TITLES.get(state or "")
        from griller.tui.keys import KEYS

        key = dict(getattr(self.app, "keys", {}) or {}).get("talk") or KEYS["talk"].default
        editor.border_title = template.format(key=key) if template and self.voice_ready else "Your answer"

    # ----- the answer is in, skipped, or the screen goes ------------------------------------------
    def _voice_source(self) -> str:
        """How the answer now in the editor was given: "voice" when a transcript landed in it this turn."""
        return "voice" if self._voice_text_turn is not None and self._voice_text_turn == self.live.turn_id else "text"

    def _voice_end(self, turn_id: str | None, source: str = "text") -> None:
        """The answer is in (``turn_id``) or skipped (None): store its speech metrics when it was spoken."""
        session, self.voice = self.voice, None
        if session is not None:
            session.cancel()  # no effect once the answer is done; a typed answer drops its audio
        metrics, self._voice_metrics = self._voice_metrics, None
        self._voice_prefix, self._voice_text_turn, self._voice_talking = "", None, False
        if turn_id is not None and source == "voice" and metrics is not None:
            self._store_speech(turn_id, metrics)
        self._voice_title(None)

    def _voice_cancel(self) -> None:
        """Stop listening at once (skip, unmount, a failure); the audio of an unfinished answer is dropped."""
        session, self.voice = self.voice, None
        if session is not None:
            session.cancel()

    def _voice_close(self) -> None:
        self._voice_off = True
        self._voice_cancel()

    @work(thread=True, exit_on_error=False, group="events")
    def _store_speech(self, turn_id: str, metrics: dict[str, Any]) -> None:
        with self._lock:
            self.live.event("speech_metrics", dict(metrics), turn_id=turn_id)


class InterviewSpeaker:
    """Questions read aloud on the interview screen. Expects ``live``, ``phase``, ``prompt``, ``timer``, ``clock``,
    ``voice`` and ``_voice_begin`` (``InterviewVoice``), ``_log_at``, ``_tick``, ``app`` and ``post_message``."""

    live: LiveInterview
    phase: str
    prompt: Prompt | None
    timer: AnswerTimer
    voice: VoiceSession | None
    speaker_plan: SpeakerPlan | None
    speaker: Speaker | None
    _question_read: bool
    clock: Callable[[], float]

    if TYPE_CHECKING:
        app: App[Any]

        def post_message(self, message: Message) -> bool: ...

        def refresh_bindings(self) -> None: ...

        def _tick(self) -> None: ...

        def _voice_begin(self, talk: bool = False) -> None: ...

        def _voice_cancel(self) -> None: ...

        def _log_at(self, kind: str, data: dict[str, Any], at: str | None, turn_id: str | None) -> None: ...

    def _speaker_setup(self, plan: SpeakerPlan | None) -> None:
        self.speaker_plan = plan
        self.speaker = None
        self._speaker_off = False
        self._utterance: int | None = None
        """The number of the utterance being read now (None: nothing is being read)."""
        self._question_read = True
        self._listen_after = False
        self._repeats = 0

    @property
    def reading(self) -> bool:
        """A question is being read aloud now."""
        return self._utterance is not None

    @property
    def speaker_ready(self) -> bool:
        return self.speaker is not None and not self._speaker_off

    def _speaker_mount(self) -> None:
        if self.speaker_plan is None:
            self.speaker_plan = speaker_plan(self.live)
        plan = self.speaker_plan
        if plan is None:
            return
        from griller.speech.speaker import Speaker

        self.speaker = Speaker(rate=plan.rate, player=plan.player,
                               on_event=lambda event: self.post_message(SpeakerEvent(event)))
        self._prepare_speaker(self.speaker)
        self.refresh_bindings()

    @work(thread=True, exit_on_error=False, group="speaker")
    def _prepare_speaker(self, speaker: Speaker) -> None:
        """Load espeak-ng and look for an output device now, so the first question starts without delay."""
        from griller.speech.errors import SpeechUnavailable

        try:
            speaker.prepare()
        except SpeechUnavailable as exc:
            self.post_message(SpeakerFailed(str(exc)))
        except Exception as exc:  # the interview must go on whatever espeak does
            self.post_message(SpeakerFailed(f"{type(exc).__name__}: {exc}"))

    def _speaker_close(self) -> None:
        self._speaker_off = True
        self._utterance = None
        speaker, self.speaker = self.speaker, None
        if speaker is not None:
            speaker.close(wait=False)  # never block the UI thread on espeak

    # ----- reading a question ---------------------------------------------------------------------
    def _present_question(self, prompt: Prompt) -> None:
        """A complete question is on screen: read it aloud, or, when it is not read, start the clock and listen."""
        self._listen_after, self._repeats, self._question_read = True, 0, False
        if not self._read(prompt):
            self._question_heard()

    def _read(self, prompt: Prompt) -> bool:
        """Start reading ``prompt`` aloud; False when questions are not read aloud."""
        if not self.speaker_ready or self.speaker is None:
            return False
        from griller.domain.text import sanitize

        self.speaker.stop()  # whatever was still being read
        number = self.speaker.say(sanitize(prompt.text))
        if not number:
            return False
        self._utterance, self._question_read = number, False
        self._tick()
        return True

    def _question_heard(self, listen: bool = True) -> None:
        """The question has been read, or its reading was cut short: the think-time clock starts (or goes on
        after a repeat), and the microphone listens when it did before."""
        if self._question_read:
            return
        self._question_read = True
        if self.phase != "answering":
            return
        now = self.clock()
        if not self.timer.running:
            self.timer.start(now)
        elif self.timer.paused_at is not None:
            self.timer.resume(now)  # held while the question was read again
        if listen and self._listen_after:
            self._voice_begin()
        self._listen_after = False
        self._tick()

    def _reading_interrupted(self) -> bool:
        """Stop reading now. True when the question had not been heard to the end (``_question_heard`` is due)."""
        if self._utterance is not None and self.speaker is not None:
            self.speaker.stop()
        self._utterance = None
        return not self._question_read

    def _reading_dropped(self) -> None:
        """The answer is in, skipped, or the interview ends: stop reading, nothing more is due."""
        self._reading_interrupted()
        self._question_read = True
        self._listen_after = False

    def on_speaker_event(self, message: SpeakerEvent) -> None:
        event = message.event
        data = dict(event.get("data") or {})
        if self._utterance is None or data.get("utterance") != self._utterance:
            return  # a reading that was stopped or replaced
        self._utterance = None
        if event.get("type") == "spoken":
            self._log_at("question_spoken", {"seconds": data.get("seconds"), "repeat": self._repeats}, None,
                         self.live.turn_id)
        else:
            self._speaker_failed(str(data.get("message") or "the speaker stopped"))
        self._question_heard()

    def on_speaker_failed(self, message: SpeakerFailed) -> None:
        self._speaker_failed(message.reason)
        if self._reading_interrupted():
            self._question_heard()

    def _speaker_failed(self, reason: str) -> None:
        if self._speaker_off:
            return  # one notification per interview
        self._speaker_off = True
        self.app.notify(f"spoken questions unavailable: {reason}; the interview goes on in text", title="Speaker",
                        severity="warning", timeout=10, markup=False)
        self._log_at("speaker_problem", {"reason": reason}, None, None)
        self.refresh_bindings()

    def _repeat_allowed(self) -> bool:
        talking = self.voice is not None and self.voice.state in ("talking", "transcribing")
        return self.speaker_ready and self.phase == "answering" and self.prompt is not None and not talking

    def action_repeat_question(self) -> None:
        """Read the question aloud again. The think-time clock is held, and a listening microphone closed,
        while it is read."""
        if self.prompt is None or not self._repeat_allowed():
            if self.voice is not None and self.voice.state in ("talking", "transcribing"):
                self.app.notify("Finish your spoken answer first; then the question can be read again.",
                                severity="information", timeout=4, markup=False)
            return
        session = self.voice
        if self._question_read:  # read before: hold the clock, close a microphone that is only listening
            self._listen_after = session is None or session.state in ("idle", "listening")
            if session is not None and self._listen_after:
                self._voice_cancel()
            if self.timer.running and self.timer.paused_at is None:
                self.timer.pause(self.clock())
        if self._read(self.prompt):
            self._repeats += 1
        else:
            self._question_heard()
