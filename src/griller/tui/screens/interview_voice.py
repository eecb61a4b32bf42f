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
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.widgets import TextArea

from griller.coach.interviewing import LiveInterview
from griller.tui.messages import VoiceEvent, VoiceFailed, VoiceReady

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message

    from griller.speech.controller import VoiceSession

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

    if TYPE_CHECKING:
        app: App[Any]

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
        if self.phase == "answering":
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
        """A question is on screen (or the talk key was pressed with no session): start listening."""
        if not self.voice_ready or self.voice_plan is None or self.live.turn_id is None:
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
