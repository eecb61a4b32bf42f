"""``griller interview``: the live grilling loop, in the TUI or as plain lines of text."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from griller.cli.common import fail

KINDS = "behavioral|technical|system_design|situational|mixed"


def interview(
    resume: Annotated[
        str | None,
        typer.Option("--resume", "-r", help="Your résumé: a file (ingested on the fly), an ingested id, or `sample`."),
    ] = None,
    job: Annotated[str | None, typer.Option("--job", "-j", help="A job description: a file or an ingested id.")] = None,
    kind: Annotated[str | None, typer.Option("--type", "-t", help=f"Question kind: {KINDS}.", metavar="KIND")] = None,
    difficulty: Annotated[
        str | None, typer.Option("--difficulty", help="Starting difficulty: easy|medium|hard (it adapts).")
    ] = None,
    questions: Annotated[
        int | None, typer.Option("--questions", "-n", min=1, max=50, help="Main questions to ask.")
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", min=1, max=240, help="Time box: about 3 minutes per question.")
    ] = None,
    persona: Annotated[
        str | None, typer.Option("--persona", help="friendly_mentor, professional_hr, challenging_lead, curious_peer.")
    ] = None,
    domain: Annotated[
        str | None, typer.Option("--domain", "-d", help="backend, frontend, ml, data, sre, manager, general.")
    ] = None,
    industry: Annotated[
        str | None, typer.Option("--industry", help="fintech, healthcare, ecommerce, startup, general.")
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", "-m", help="Model for asking and grading (default: built-in, model-free).")
    ] = None,
    resume_session: Annotated[
        str | None,
        typer.Option(
            "--continue",
            "-c",
            help="Resume an interrupted session: the last one (the default), or the id given.",
            metavar="[SESSION]",
        ),
    ] = None,
    voice: Annotated[
        bool, typer.Option("--voice", help="Answer by voice: push-to-talk or hands-free (needs griller[voice]).")
    ] = False,
    record: Annotated[
        bool, typer.Option("--record", help="With --voice: keep the audio of each answer (off: no audio is stored).")
    ] = False,
    speak: Annotated[
        bool | None,
        typer.Option("--speak/--no-speak", help="Read each question aloud (needs espeak-ng and a speaker; "
                                                "default: [speech] speak_questions)."),
    ] = None,
    camera: Annotated[
        bool, typer.Option("--camera", help="Eye-contact coaching from your webcam (needs griller[vision]).")
    ] = False,
    record_video: Annotated[
        bool, typer.Option("--record-video", help="With --camera: keep video of each answer (off: no frame is stored).")
    ] = False,
    plain: Annotated[bool, typer.Option("--plain", help="Line-based text on stdin/stdout instead of the TUI.")] = False,
    db: Annotated[
        Path | None, typer.Option("--db", help="Database file (default: GRILLER_DB or the data dir).")
    ] = None,
) -> None:
    """Start a mock interview: questions grounded in your résumé, graded as you answer.

    With no résumé it uses the built-in question bank. Everything is saved as you go: if the
    process dies, `griller interview --continue` picks up at the first unanswered question.

    \b
    Examples:
      griller interview --resume cv.pdf --job jd.txt
      griller interview --type technical --questions 3 --persona challenging_lead
      griller interview --voice --type behavioral
      griller interview --voice --speak
      griller interview --camera --type behavioral
      griller interview --plain < answers.txt
      griller interview --continue
    """
    if kind is not None and kind not in KINDS.split("|"):
        fail(f"--type must be one of {KINDS.replace('|', ', ')}")
    if difficulty is not None and difficulty not in ("easy", "medium", "hard"):
        fail("--difficulty must be easy, medium or hard")
    choices = Choices(resume, job, kind, difficulty, questions, minutes, persona, domain, industry, model,
                      resume_session, db, camera=camera, record_video=record_video, voice=voice, record=record,
                      speak=speak)
    if not plain and sys.stdin.isatty() and sys.stdout.isatty():
        # Paint first, load after: the TUI shows at once and everything below runs in its worker.
        from griller.tui.launch import launch

        launch(lambda: prepare(choices))
        return
    try:
        ready = prepare(choices, allow_setup=False)
    except Unusable as exc:
        fail(str(exc))
    from griller.cli.plain import SpokenQuestions, run_plain

    live = ready.live
    assert live is not None
    persona_rules = live.rubric.personas.get(live.options.persona)
    speaker = SpokenQuestions.open(sys.stderr) if (live.options.extra or {}).get("speak") else None
    try:
        run_plain(
            live,
            sys.stdin,
            sys.stdout,
            greeting=persona_rules.greeting if persona_rules else "",
            closing=persona_rules.closing if persona_rules else "",
            speaker=speaker,
        )
    finally:
        if speaker is not None:
            speaker.close()


class Unusable(ValueError):
    """The interview cannot start as asked; the message says what to change."""


@dataclass
class Choices:
    """What the command line asked for, as given (None: not given)."""

    resume: str | None = None
    job: str | None = None
    kind: str | None = None
    difficulty: str | None = None
    questions: int | None = None
    minutes: int | None = None
    persona: str | None = None
    domain: str | None = None
    industry: str | None = None
    model: str | None = None
    resume_session: str | None = None
    db: Path | None = None
    camera: bool = False
    """Eye-contact coaching in the TUI (``--camera``); ignored by ``--plain``."""
    record_video: bool = False
    voice: bool = False
    """Spoken answers in the TUI (``--voice``); ignored by ``--plain``."""
    record: bool = False
    """``--record``: keep the audio of spoken answers."""
    speak: bool | None = None
    """``--speak`` / ``--no-speak``: read the questions aloud (None: ``[speech] speak_questions``)."""

    @property
    def chose_setup(self) -> bool:
        given = (self.resume, self.job, self.kind, self.difficulty, self.questions, self.minutes, self.persona,
                 self.domain, self.industry)
        return self.resume_session is not None or any(option is not None for option in given)


@dataclass
class Ready:
    """A started (or resumed) session, or what the setup screen needs to start one."""

    config: Any
    live: Any = None
    starter: Any = None
    defaults: Any = None


def prepare(choices: Choices, *, allow_setup: bool = True) -> Ready:
    """Load settings, rubric and database; resume, start, or hand over to the setup screen.

    Raises ``Unusable`` with a one-line message rather than printing: the TUI runs this in a worker.
    """
    from griller.coach.interview_setup import InterviewRequest, SetupError, options_for, plan_for
    from griller.coach.interviewing import LiveInterview, SessionError
    from griller.config import ConfigError, load_settings
    from griller.domain.rubric import RubricError, load_rubric
    from griller.store.db import StoreError, open_db

    try:
        config = load_settings()
        rules = load_rubric(config.rubric_path())
        path = config.db_path(choices.db)
        database = open_db(path)
    except (ConfigError, RubricError, StoreError) as exc:
        raise Unusable(str(exc)) from None
    domain = choices.domain or config.interview.domain
    speak = config.speech.speak_questions if choices.speak is None else choices.speak
    judge = _judge(config, rules, domain, choices.model)
    asker = _asker(config, rules, choices.model)
    if allow_setup and not choices.chose_setup:
        from griller.tui.starting import SessionStarter

        defaults = InterviewRequest(
            type=config.interview.type, difficulty=config.interview.difficulty, questions=config.interview.questions,
            persona=config.interview.persona, domain=config.interview.domain, industry=config.interview.industry,
            speak=speak,
        )
        starter = SessionStarter(database, path, rules, judge, asker, camera=choices.camera,
                                 record_video=choices.record_video, voice=choices.voice, record=choices.record)
        return Ready(config, starter=starter, defaults=defaults)
    try:
        if choices.resume_session:
            live = LiveInterview.resume(database, rules, judge, choices.resume_session)
            # for this sitting only; the stored options keep what the session began with
            live.options.extra = {**(live.options.extra or {}), **_devices(choices), "speak": speak}
        else:
            minutes = choices.minutes
            request = InterviewRequest(
                type=choices.kind or config.interview.type,
                difficulty=choices.difficulty or config.interview.difficulty,
                questions=choices.questions or (max(1, minutes // 3) if minutes else config.interview.questions),
                persona=choices.persona or config.interview.persona,
                domain=domain,
                industry=choices.industry or config.interview.industry,
                speak=speak,
            )
            request.resume_id = _document(database, path, choices.resume, "resume") if choices.resume else None
            request.job_id = _document(database, path, choices.job, "job") if choices.job else None
            plan = plan_for(request, rules, database, path)
            options = options_for(request, rules, plan)
            options.extra = {**(options.extra or {}), **_devices(choices)}
            live = LiveInterview.start(database, rules, judge, options)
    except (SetupError, SessionError) as exc:
        raise Unusable(str(exc)) from None
    live.asker = asker
    return Ready(config, live=live)


def _devices(choices: Choices) -> dict[str, bool]:
    """The camera and microphone options the command line turned on (``--camera``, ``--voice``, recording)."""
    devices: dict[str, bool] = {}
    if choices.camera:
        devices.update(camera=True, record_video=choices.record_video)
    if choices.voice:
        devices.update(voice=True, record=choices.record)
    return devices


def _judge(config, rules, domain, model):  # type: ignore[no-untyped-def]
    from griller.coach.judges import HeuristicJudge, build_judge

    spec = model or config.models.judge
    if spec in ("", "heuristic"):
        return HeuristicJudge(rules, domain)
    from griller.llm.spec import SpecError

    try:
        return build_judge(spec, config, rules, domain)
    except SpecError as exc:
        raise Unusable(str(exc)) from None


def _asker(config, rules, model):  # type: ignore[no-untyped-def]
    """A model asker when `-m` or `[models] asker` names a model; None keeps planned questions as they are."""
    spec = model or config.models.asker
    if spec in ("", "heuristic"):
        return None
    from griller.coach.asker import make_asker
    from griller.llm.spec import SpecError

    try:
        return make_asker(config, rules, spec=spec)
    except SpecError as exc:
        raise Unusable(str(exc)) from None


def _document(database, db_path: Path, ref: str, kind: str) -> str:  # type: ignore[no-untyped-def]
    """An ingested document id for a path (ingested now if needed) or an id."""
    from griller.coach.library import LibraryError, resolve
    from griller.samples import sample_path

    candidate = sample_path(ref) or Path(ref).expanduser()
    if candidate.is_file():
        from griller.coach.ingesting import Ingestor
        from griller.ingest.errors import IngestError

        try:
            return Ingestor(database, db_path).ingest(candidate, kind).document_id  # type: ignore[arg-type]
        except IngestError as exc:
            raise Unusable(str(exc)) from None
    try:
        return resolve(database, ref, kind)
    except LibraryError as exc:
        raise Unusable(str(exc)) from None
