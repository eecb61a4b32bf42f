"""A stored session read back for replay: its turns with their evaluations, and a timeline of events.

Shared by ``griller review SESSION`` (JSON, Markdown) and the TUI's replay screen, so both show
the same thing. Read-only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlite_utils

from griller.domain.models import Evaluation
from griller.store import sessions as store


class ReplayError(LookupError):
    """No session matches the reference; the message says what to try."""


@dataclass
class ReplayTurn:
    row: dict[str, Any]
    evaluation: Evaluation | None

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def question(self) -> str:
        return str(self.row.get("question") or "")

    @property
    def answer(self) -> str | None:
        return self.row.get("answer")

    @property
    def skipped(self) -> bool:
        return self.row.get("source") == "skipped"

    @property
    def depth(self) -> int:
        return int(self.row.get("depth") or 0)

    def public(self) -> dict[str, Any]:
        r = self.row
        return {
            "id": r["id"], "ordinal": r["ordinal"], "question": r["question"], "answer": r["answer"],
            "kind": r["kind"], "difficulty": r["difficulty"], "depth": r["depth"], "source": r["source"],
            "asked_at": r["asked_at"], "answered_at": r["answered_at"], "think_ms": r["think_ms"],
            "answer_ms": r["answer_ms"], "evaluation": self.evaluation.public() if self.evaluation else None,
        }


@dataclass(frozen=True)
class TimelineEntry:
    at: str
    kind: str
    turn_id: str | None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Replay:
    session: dict[str, Any]
    turns: list[ReplayTurn]
    events: list[dict[str, Any]]

    @property
    def id(self) -> str:
        return str(self.session["id"])

    @property
    def settings(self) -> dict[str, Any]:
        return json.loads(self.session.get("settings") or "{}")

    @property
    def summary(self) -> dict[str, Any] | None:
        raw = self.session.get("summary")
        return json.loads(raw) if raw else None

    def timeline(self) -> list[TimelineEntry]:
        """Stored events plus when each question was asked and answered, in time order."""
        entries = [TimelineEntry(e["at"], e["type"], e.get("turn_id"), e.get("data") or {}) for e in self.events]
        for turn in self.turns:
            r = turn.row
            entries.append(TimelineEntry(r["asked_at"], "follow_up_asked" if turn.depth else "asked", turn.id,
                                         {"question": r["ordinal"]}))
            if r.get("answered_at") and not turn.skipped:
                score = turn.evaluation.overall if turn.evaluation else None
                entries.append(TimelineEntry(r["answered_at"], "answered", turn.id,
                                             {"score": score, "think_ms": r.get("think_ms"),
                                              "answer_ms": r.get("answer_ms")}))
        order = {"session_started": 0, "session_resumed": 1, "asked": 2, "follow_up_asked": 2}
        return sorted(entries, key=lambda e: (e.at, order.get(e.kind, 3)))

    def public(self) -> dict[str, Any]:
        """What ``griller review SESSION --json`` prints (schema 1)."""
        s = self.session
        settings = self.settings
        return {
            "schema": 1,
            "session": {
                "id": s["id"], "started_at": s["started_at"], "ended_at": s["ended_at"], "status": s["status"],
                "engine": s["engine"], "resume_id": s["resume_id"], "job_id": s["job_id"],
                "persona": settings.get("persona"), "domain": settings.get("domain"),
                "industry": settings.get("industry"), "difficulty": settings.get("difficulty"),
                "summary": self.summary,
            },
            "turns": [t.public() for t in self.turns],
            "events": [{"at": e["at"], "type": e["type"], "turn_id": e.get("turn_id"), "data": e.get("data")}
                       for e in self.events],
        }


def find(db: sqlite_utils.Database, ref: str) -> dict[str, Any] | None:
    """The session ``ref`` names (an id, a unique id prefix, or ``last``), or None."""
    return store.find_session(db, ref)


def load_replay(db: sqlite_utils.Database, ref: str) -> Replay:
    row = store.find_session(db, ref)
    if row is None:
        raise ReplayError(
            "no sessions yet; start one with `griller interview`" if ref == "last"
            else f"no session matches {ref!r}; `griller stats` lists your sessions"
        )
    evaluations = store.evaluations_by_turn(db, row["id"])
    turns = [ReplayTurn(r, evaluations.get(r["id"])) for r in store.turns(db, row["id"])]
    return Replay(row, turns, store.events(db, row["id"]))


def offset(start: str, at: str) -> str:
    """``+m:ss`` between two stored ISO timestamps ("" if either is unreadable)."""
    try:
        seconds = int((datetime.fromisoformat(at) - datetime.fromisoformat(start)).total_seconds())
    except (TypeError, ValueError):
        return ""
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"
