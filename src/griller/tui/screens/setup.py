"""The setup screen: pick a résumé and a job (ingested, or a file), the kind of interview, its length and inputs.

Starting runs in a worker (ingesting a file or planning from a résumé can take seconds); the screen
stays responsive and shows what went wrong if it fails.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, Switch

from griller.coach.interview_setup import InterviewRequest
from griller.domain.rubric import Rubric
from griller.domain.text import shorten
from griller.report.terminal import safe
from griller.tui.devices import Capabilities, Capability
from griller.tui.keys import bind
from griller.tui.messages import SessionStarted, VisionFailed, VisionReady, WorkFailed
from griller.tui.starting import SessionStarter, SetupChoice, StartError

TYPES = ("mixed", "behavioral", "technical", "system_design", "situational")
LEVELS = ("easy", "medium", "hard")
LENGTHS = (3, 5, 8, 10, 15)
MIRROR_COLUMNS = 40
MIRROR_PIXELS = 80  # thumbnail width sent by the tracking process; the mirror scales it down


def speak_capability() -> Capability:
    """Whether questions can be read aloud here (cheap: is pyttsx3 installed; espeak-ng and the speaker are
    checked when the interview starts)."""
    if importlib.util.find_spec("pyttsx3") is None:
        return Capability(False, "Reading questions aloud needs the voice extra: pip install 'griller[voice]' "
                                 "(missing pyttsx3).")
    return Capability(True, "Reads each question aloud; the speaker is checked at the start.")


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _document_options(documents: Sequence[dict[str, Any]], kind: str) -> list[tuple[Text, str]]:
    options = []
    for doc in documents:
        if doc.get("kind") != kind:
            continue
        label = safe(shorten(str(doc.get("name") or doc["id"]), 40))
        label.append(f"  {doc['id']}", style="dim")
        options.append((label, str(doc["id"])))
    return options


class SetupScreen(Screen[None]):
    """Choose what to practise, then start."""

    DEFAULT_CSS = """
    SetupScreen #form { padding: 1 2; height: 1fr; }
    SetupScreen .field { height: 3; }
    SetupScreen .field > Label { width: 14; padding: 1 0 0 0; text-style: bold; }
    SetupScreen .field > Select { width: 38; }
    SetupScreen .field > Input { width: 1fr; }
    SetupScreen .field > .or { width: 12; padding: 1 1 0 1; color: $text-muted; }
    SetupScreen .field > Switch { width: 10; }
    SetupScreen .field > .why { width: 1fr; padding: 1 1 0 1; color: $text-muted; }
    SetupScreen #start { margin: 1 0 0 14; }
    SetupScreen #status { padding: 0 2; height: 2; }
    SetupScreen #mirror { display: none; margin: 0 0 0 14; width: 42; height: auto; }
    SetupScreen #mirror.shown { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [bind("start", "start", priority=True)]

    def __init__(
        self,
        starter: SessionStarter,
        rubric: Rubric,
        defaults: InterviewRequest,
        documents: Sequence[dict[str, Any]],
        capabilities: Capabilities,
    ) -> None:
        super().__init__()
        self.starter = starter
        self.rubric = rubric
        self.defaults = defaults
        self.documents = documents
        self.capabilities = capabilities
        self.starting = False
        self.mirror: Any = None
        """The mirror check's ``VisionSession`` while the camera switch is on."""
        self._mirror_wanted = False
        self._mirror_timer: Any = None

    def compose(self) -> ComposeResult:
        d = self.defaults
        personas = [(Text(p.title), p.id) for p in sorted(self.rubric.personas.values(), key=lambda p: p.id)]
        yield Header()
        with Vertical(id="form"):
            yield Static(Text("Set up your interview", style="bold"))
            yield from self._document_row("Résumé", "resume", "None: bank questions")
            yield from self._document_row("Job", "job", "None")
            with Horizontal(classes="field"):
                yield Label("Type")
                yield Select([(Text(_label(t)), t) for t in TYPES], value=d.type, allow_blank=False, id="type")
                yield Label("Difficulty", classes="or")
                yield Select([(Text(_label(x)), x) for x in LEVELS], value=d.difficulty, allow_blank=False,
                             id="difficulty")
            with Horizontal(classes="field"):
                yield Label("Persona")
                yield Select(personas, value=d.persona if d.persona in self.rubric.personas else personas[0][1],
                             allow_blank=False, id="persona")
                yield Label("Length", classes="or")
                lengths = sorted({*LENGTHS, d.questions})
                yield Select([(Text(f"{n} questions (~{n * 3} min)"), n) for n in lengths], value=d.questions,
                             allow_blank=False, id="length")
            yield from self._device_row("Microphone", "voice", self.capabilities.voice)
            yield from self._device_row("Read aloud", "speak", speak_capability(), on=self.defaults.speak)
            yield from self._device_row("Camera", "camera", self.capabilities.camera)
            yield Static(id="mirror")
            yield Button("Start interview", id="start", variant="primary")
        yield Static(id="status")
        yield Footer()

    def _document_row(self, title: str, kind: str, blank: str) -> ComposeResult:
        options = _document_options(self.documents, kind)
        with Horizontal(classes="field"):
            yield Label(title)
            yield Select(options, prompt=blank if options else f"{blank} (none ingested)", id=f"{kind}-pick",
                         disabled=not options)
            yield Label("or a file", classes="or")
            yield Input(placeholder=f"path/to/{kind}.pdf", id=f"{kind}-path")

    def _device_row(self, title: str, name: str, capability: Capability, on: bool | None = None) -> ComposeResult:
        """A switch for an input or output; ``on`` is its first position (default: the starter's option)."""
        with Horizontal(classes="field"):
            yield Label(title)
            on = capability.available and bool(getattr(self.starter, name, False) if on is None else on)
            yield Switch(value=on, disabled=not capability.available, id=name,
                         tooltip=capability.reason or None)
            yield Static(Text(capability.reason), classes="why")

    def on_mount(self) -> None:
        self.sub_title = "setup"
        blink = getattr(self.app, "cursor_blink", True)
        for field in self.query(Input):
            field.cursor_blink = blink
        self.query_one("#start", Button).focus()
        if self.query_one("#camera", Switch).value:
            self._mirror_on()

    # ----- the mirror check ---------------------------------------------------------------------
    @on(Switch.Changed, "#camera")
    def _camera_switched(self, event: Switch.Changed) -> None:
        if event.value:
            self._mirror_on()
        else:
            self._mirror_off()

    def _mirror_on(self) -> None:
        if self._mirror_wanted:
            return
        self._mirror_wanted = True
        mirror = self.query_one("#mirror", Static)
        mirror.update(Text("Opening the camera for a mirror check… look at it for a moment.", style="italic"))
        mirror.add_class("shown")
        self._open_mirror(getattr(self.app, "settings", None))

    def _mirror_off(self) -> None:
        self._mirror_wanted = False
        if self._mirror_timer is not None:
            self._mirror_timer.stop()
            self._mirror_timer = None
        session, self.mirror = self.mirror, None
        if session is not None:
            session.cancel()
        for mirror in self.query("#mirror"):  # none while the screen is being taken down
            mirror.remove_class("shown")

    @work(thread=True, exit_on_error=False, group="mirror")
    def _open_mirror(self, settings: Any) -> None:
        from griller.vision.live import VisionError, open_session

        try:
            session = open_session(settings, preview_width=MIRROR_PIXELS)
        except VisionError as exc:
            self.post_message(VisionFailed(str(exc)))
            return
        except Exception as exc:
            self.post_message(VisionFailed(f"{type(exc).__name__}: {exc}"))
            return
        if not self.post_message(VisionReady(session)):
            session.cancel()

    def on_vision_ready(self, message: VisionReady) -> None:
        if not self._mirror_wanted or self.mirror is not None:
            message.session.cancel()  # type: ignore[attr-defined]
            return
        self.mirror = message.session
        self._mirror_timer = self.set_interval(0.25, self._refresh_mirror)

    def on_vision_failed(self, message: VisionFailed) -> None:
        if self._mirror_wanted:
            self.query_one("#mirror", Static).update(Text.assemble(("Camera unavailable: ", "bold"),
                                                                   safe(message.reason)))

    def _refresh_mirror(self) -> None:
        session = self.mirror
        if session is None:
            return
        from griller.vision.live import preview_lines

        lines = preview_lines(session, MIRROR_COLUMNS)
        if lines is None:
            return
        from griller.domain.gaze_answer import advice

        caption = Text(advice(session.latest), style="italic")
        self.query_one("#mirror", Static).update(Text("\n").join([*lines, caption]))

    def on_unmount(self) -> None:
        self._mirror_off()

    # ----- starting -----------------------------------------------------------------------------
    def choice(self) -> SetupChoice:
        """The current form as a ``SetupChoice`` (a typed path wins over a picked document)."""

        def picked(kind: str) -> str | None:
            path = self.query_one(f"#{kind}-path", Input).value.strip()
            if path:
                return path
            value = self.query_one(f"#{kind}-pick", Select).value
            return value if isinstance(value, str) else None

        d = self.defaults
        request = InterviewRequest(
            type=str(self.query_one("#type", Select).value),
            difficulty=str(self.query_one("#difficulty", Select).value),
            questions=int(self.query_one("#length", Select).value),  # type: ignore[arg-type]
            persona=str(self.query_one("#persona", Select).value),
            domain=d.domain,
            industry=d.industry,
            speak=self.query_one("#speak", Switch).value,
        )
        return SetupChoice(
            request=request,
            resume_ref=picked("resume"),
            job_ref=picked("job"),
            voice=self.query_one("#voice", Switch).value,
            camera=self.query_one("#camera", Switch).value,
        )

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.starting:
            return
        self.starting = True
        self.query_one("#start", Button).disabled = True
        self.query_one("#status", Static).update(Text("Preparing your interview…", style="italic"))
        self._start(self.choice())

    @work(thread=True, exclusive=True, exit_on_error=False, group="setup")
    def _start(self, choice: SetupChoice) -> None:
        try:
            live = self.starter.start(choice)
        except StartError as exc:
            self.post_message(WorkFailed("starting the interview", str(exc)))
            return
        except Exception as exc:  # shown, not raised: the user can change the settings and retry
            self.post_message(WorkFailed("starting the interview", f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(SessionStarted(live))

    def on_session_started(self, message: SessionStarted) -> None:
        self.app.begin_interview(message.live)  # type: ignore[attr-defined]

    def on_work_failed(self, message: WorkFailed) -> None:
        self.starting = False
        self.query_one("#start", Button).disabled = False
        self.query_one("#status", Static).update(Text.assemble(("Could not start: ", "bold red"), safe(message.error)))
