"""Audio and video attached to batch answers: transcripts, delivery metrics and eye contact.

Speech and vision are optional extras, so their modules are imported only when an item carries
a recording. A recording that cannot be analysed is reported for that item, not fatal to the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from griller.config import Settings
from griller.domain.models import AnswerInput, Evaluation
from griller.domain.transcripts import Problem


@dataclass
class Media:
    """What the recordings of one answer yielded."""

    transcript: str | None = None
    speech: dict[str, Any] | None = None
    vision: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def resolve(path: str, base: Path) -> Path:
    candidate = Path(path).expanduser()
    return candidate if candidate.is_absolute() else base / candidate


def analyse_item(item: AnswerInput, base: Path, settings: Settings) -> tuple[AnswerInput, Media]:
    """Transcribe the audio and measure the video of an item; the transcript fills an empty answer."""
    media = Media()
    if item.audio:
        from griller.speech.batch import analyse_audio

        transcript, speech = analyse_audio(resolve(item.audio, base), settings)
        media.transcript, media.speech = transcript, speech
        if not item.answer.strip():
            item = item.model_copy(update={"answer": transcript})
    if item.video:
        from griller.vision.batch import analyse_video

        media.vision = analyse_video(resolve(item.video, base), settings)
    return item, media


def attach(evaluation: Evaluation, media: Media | None) -> Evaluation:
    if media is None:
        return evaluation
    return evaluation.model_copy(
        update={"transcript": media.transcript, "speech": media.speech, "vision": media.vision}
    )


def enrich(items: list[AnswerInput], bases: dict[str, Path], settings: Settings,
           source: str = "") -> tuple[list[AnswerInput], dict[str, Media], list[Problem]]:
    """Analyse every item with a recording. Items whose recording fails are dropped with a problem."""
    kept: list[AnswerInput] = []
    found: dict[str, Media] = {}
    problems: list[Problem] = []
    for item in items:
        if not (item.audio or item.video):
            kept.append(item)
            continue
        try:
            item, media = analyse_item(item, bases.get(item.id, Path.cwd()), settings)
        except ImportError as exc:
            extra = f"{item.id}: recordings need the voice/vision extras ({exc.name})"
            problems.append(Problem(source or item.id, 0, extra))
            continue
        except (OSError, RuntimeError, ValueError) as exc:
            problems.append(Problem(source or item.id, 0, f"{item.id}: cannot analyse recording: {exc}"))
            continue
        if not item.answer.strip():
            problems.append(Problem(source or item.id, 0, f"{item.id}: the recording has no speech to grade"))
            continue
        kept.append(item)
        found[item.id] = media
    return kept, found, problems
