"""``griller interview --plain``: the live interview as lines of text on stdin/stdout.

For screen readers, dumb terminals and scripts. Each answer is one line; ``/end`` ends the
interview, ``/skip`` skips the question. Prompts and feedback go to stdout, nothing else does.

With ``--speak`` each question is also read aloud, in the background: reading starts once the
question is printed and stops as soon as the answer line arrives. That speech is unavailable is
said once, on stderr, and the interview goes on in text.
"""

from __future__ import annotations

import threading
import time
from typing import Any, TextIO

from griller.coach.interviewing import LiveInterview
from griller.domain.interview import Prompt
from griller.domain.models import Evaluation
from griller.domain.summary import SessionSummary
from griller.domain.text import sanitize, shorten, strip_controls


def _say(out: TextIO, text: str = "", indent: str = "") -> None:
    out.write(indent + sanitize(text) + "\n")
    out.flush()


def _prompt_line(prompt: Prompt) -> str:
    where = f"Question {prompt.number} of {prompt.total}"
    if prompt.is_follow_up:
        where += f", follow-up {prompt.depth}"
    return f"[{where} · {prompt.kind.replace('_', ' ')} · {prompt.difficulty}]\n{prompt.text}"


def _feedback(evaluation: Evaluation) -> list[str]:
    lines = [
        f"Score {evaluation.overall}/100 ({evaluation.engine}): "
        + ", ".join(f"{d} {s}" for d, s in evaluation.scores.items())
    ]
    for gap in evaluation.gaps[:3]:
        lines.append(f"- gap: {gap.title or gap.id} — {shorten(gap.evidence, 140)}")
    for strength in evaluation.strengths[:2]:
        lines.append(f"+ strength: {strength.text} — “{shorten(strength.evidence, 120)}”")
    return lines


def _summary_lines(summary: SessionSummary) -> list[str]:
    lines = ["", "Interview finished."]
    if summary.overall is not None:
        lines.append(f"Overall {summary.overall}/100 over {summary.answered} answer(s), {summary.skipped} skipped.")
        lines.append("Dimensions: " + ", ".join(f"{d} {v:g}" for d, v in summary.dimensions.items()))
    for gap in summary.top_gaps[:3]:
        lines.append(f"Recurring gap: {gap.title} ×{gap.count} — {shorten(gap.quote, 120)}")
    for drill in summary.drills:
        lines.append(f"Drill: {drill}")
    return lines


class SpokenQuestions:
    """Questions read aloud in ``--plain``: ``say`` after a question is printed, ``stop`` when the answer arrives.

    ``open`` checks espeak-ng and the output device before the first question, so a notice never lands in
    the middle of a prompt. A failure later (a speaker unplugged) is one more line, and reading stops there.
    """

    def __init__(self, speaker: Any, notices: TextIO) -> None:
        self.speaker = speaker
        self.notices = notices
        self.failed: str | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, notices: TextIO, *, player: Any = None) -> SpokenQuestions | None:
        """A ready reader, or None after one line on ``notices`` saying why questions cannot be read aloud."""
        from griller.speech.errors import SpeechUnavailable
        from griller.speech.speaker import Speaker

        holder: list[SpokenQuestions] = []
        speaker = Speaker(player=player, on_event=lambda event: holder[0]._event(event) if holder else None)
        reader = cls(speaker, notices)
        holder.append(reader)
        try:
            speaker.prepare()
        except SpeechUnavailable as exc:
            speaker.close(wait=False)
            reader._notice(str(exc))
            return None
        return reader

    def say(self, text: str) -> None:
        if self.failed is None:
            self.speaker.say(sanitize(text))

    def stop(self) -> None:
        self.speaker.stop()

    def close(self) -> None:
        self.speaker.close(wait=False)

    def _event(self, event: dict[str, Any]) -> None:
        if event.get("type") != "error":
            return
        with self._lock:
            if self.failed is not None:
                return
            self.failed = str(dict(event.get("data") or {}).get("message") or "the speaker stopped")
        self.speaker.stop()
        self._notice(self.failed)

    def _notice(self, reason: str) -> None:
        self.notices.write(f"griller: spoken questions unavailable: {reason}; the interview goes on in text\n")
        self.notices.flush()


def run_plain(
    live: LiveInterview,
    stdin: TextIO,
    stdout: TextIO,
    *,
    greeting: str = "",
    closing: str = "",
    speaker: SpokenQuestions | None = None,
) -> SessionSummary:
    """Run the interview loop until the questions run out, ``/end``, or end of input.

    ``speaker`` reads each question aloud while the answer is awaited (``--speak``)."""
    if greeting:
        _say(stdout, greeting)
    _say(stdout, f"Session {live.session_id}. One line per answer; /skip to skip, /end to finish.")
    prompt = live.machine.current()
    while prompt is not None:
        _say(stdout)
        stream = live.question_stream()
        if stream is not None:  # a model writes the question: show it as it streams
            _say(stdout, _prompt_line(prompt).split("\n", 1)[0])
            for token in stream:
                stdout.write(strip_controls(token))
                stdout.flush()
            stdout.write("\n")
            prompt = live.ask(stream.text)
            if stream.replaced:
                _say(stdout, f"(rephrased) {stream.text}")
        else:
            prompt = live.ask()
            _say(stdout, _prompt_line(prompt))
        if speaker is not None:
            speaker.say(prompt.text)
        stdout.write("> ")
        stdout.flush()
        started = time.monotonic()
        line = stdin.readline()
        if speaker is not None:
            speaker.stop()  # the answer (or a command, or the end of input) is in: stop reading at once
        if not stdin.isatty():
            stdout.write("\n")  # piped input is not echoed: keep feedback off the prompt line
        if not line:  # end of input: stop cleanly, the session stays resumable
            _say(stdout)
            _say(stdout, f"Input ended. Resume with: griller interview --continue {live.session_id}")
            return live.summary()
        answer = line.rstrip("\n")
        command = answer.strip().lower()
        if command == "/end":
            break
        if command == "/skip":
            prompt = live.skip()
            continue
        if not answer.strip():
            _say(stdout, "(empty answer; type your answer, /skip or /end)")
            continue
        elapsed = int((time.monotonic() - started) * 1000)
        live.submit(answer, source="text", answer_ms=elapsed)
        evaluation, prompt = live.grade()
        for text in _feedback(evaluation):
            _say(stdout, text)
        if prompt is not None and prompt.is_follow_up:
            _say(stdout, "Follow-up:")
    summary = live.finish() if live.machine.status != "finished" else live.summary()
    for text in _summary_lines(summary):
        _say(stdout, text)
    if closing:
        _say(stdout, closing)
    return summary
