"""``griller review SESSION|last``: replay a stored session in the TUI, or print it as JSON or Markdown.

``griller review`` calls ``review_session`` when its only argument names a session rather than a
file. Without ``--json``/``--markdown`` a terminal gets the TUI replay; a pipe gets Markdown.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from griller.cli.common import fail, rubric, settings

if TYPE_CHECKING:
    from griller.coach.replay import Replay


def looks_like_session(ref: str, db: Path | None = None) -> bool:
    """True when ``ref`` is ``last`` or matches a stored session (and is not a file)."""
    if ref == "-" or Path(ref).exists():
        return False
    if ref == "last":
        return True
    from griller.coach.replay import find
    from griller.store.db import StoreError, open_db

    try:
        database = open_db(settings().db_path(db), create=False)
    except StoreError:
        return False
    return find(database, ref) is not None


def review_session(ref: str, *, json_out: bool = False, markdown: str | None = None, db: Path | None = None) -> None:
    """Replay session ``ref`` (an id, a unique prefix, or ``last``)."""
    from griller.coach.replay import ReplayError, load_replay
    from griller.store.db import StoreError, open_db

    config = settings()
    try:
        database = open_db(config.db_path(db), create=False)
    except StoreError:
        fail("no sessions yet; start one with `griller interview`")
    try:
        replay = load_replay(database, ref)
    except ReplayError as exc:
        fail(str(exc))
    if json_out:
        sys.stdout.write(json.dumps(replay.public(), indent=2, ensure_ascii=False) + "\n")
        return
    if markdown is not None or not (sys.stdin.isatty() and sys.stdout.isatty()):
        text = render_markdown(replay)
        if markdown in (None, "-"):
            sys.stdout.write(text)
        else:
            Path(markdown).expanduser().write_text(text, encoding="utf-8")
            sys.stderr.write(f"wrote {markdown}\n")
        return
    from griller.tui.app import run_review

    run_review(database, replay.id, rubric(config), config)


def _md(text: str | None, limit: int | None = None) -> str:
    """User or model text made safe for a Markdown line: no control characters, no table breaks."""
    from griller.domain.text import sanitize, shorten

    clean = sanitize(text or "")
    clean = shorten(clean, limit) if limit else clean
    return clean.replace("|", "\\|")


def _quote(text: str | None) -> str:
    return "\n".join("> " + line for line in _md(text).splitlines()) or "> (empty)"


def render_markdown(replay: Replay) -> str:
    """A readable report of one session: scores, each question and answer with its evaluation, the timeline."""
    from griller.coach.replay import offset
    from griller.domain.models import DIMENSIONS

    s = replay.session
    settings_ = replay.settings
    summary = replay.summary or {}
    out = [f"# Interview session {s['id']}", ""]
    started = s["started_at"][:16].replace("T", " ")
    out.append(f"- Started: {started} UTC · status: {s['status']} · engine: {s['engine']}")
    out.append(f"- Persona: {settings_.get('persona', '')} · domain: {settings_.get('domain', '')} · "
               f"industry: {settings_.get('industry', '')}")
    if summary.get("overall") is not None:
        out.append(f"- Overall: **{summary['overall']}/100** ({summary.get('answered', 0)} answered, "
                   f"{summary.get('skipped', 0)} skipped, {summary.get('follow_ups', 0)} follow-ups)")
        out += ["", "| Dimension | Score |", "|---|---|"]
        out += [f"| {d} | {summary.get('dimensions', {}).get(d, 0):g} |" for d in DIMENSIONS]
    for turn in replay.turns:
        r = turn.row
        label = f"Follow-up {turn.depth}" if turn.depth else f"Question {r['ordinal']}"
        out += ["", f"## {label} · {r['kind']} · {r['difficulty']}", "", f"**Q:** {_md(turn.question)}", ""]
        if turn.skipped:
            out.append("_Skipped._")
            continue
        if turn.answer is None:
            out.append("_Not answered: the session stopped here._")
            continue
        out += [_quote(turn.answer), ""]
        e = turn.evaluation
        if e is None:
            out.append("_Not graded yet._")
            continue
        scores = ", ".join(f"{d} {e.scores.get(d, 0)}" for d in DIMENSIONS)
        out.append(f"**Score {e.overall}/100** ({e.engine}): {scores}")
        out += [f"- ✗ {_md(g.title or g.id)} — “{_md(g.evidence, 200)}”" for g in e.gaps]
        out += [f"- ✓ {_md(st.text)} — “{_md(st.evidence, 200)}”" for st in e.strengths]
    if summary.get("top_gaps"):
        out += ["", "## Top gaps", ""]
        out += [f"- **{_md(g['title'])}** ×{g['count']} — “{_md(g['quote'], 200)}”" for g in summary["top_gaps"]]
    if summary.get("drills"):
        out += ["", "## Next drills", ""] + [f"{i}. {_md(d)}" for i, d in enumerate(summary["drills"], 1)]
    out += ["", "## Timeline", "", "| time | event | detail |", "|---|---|---|"]
    for entry in replay.timeline():
        detail = ", ".join(f"{k} {v}" for k, v in entry.detail.items() if v is not None)
        out.append(f"| {offset(s['started_at'], entry.at)} | {entry.kind.replace('_', ' ')} | {_md(detail, 80)} |")
    return "\n".join(out) + "\n"
