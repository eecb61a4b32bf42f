"""Drive `griller interview --plain` in a subprocess and SIGKILL it at chosen moments.

Shared by the crash test (a few kill points) and benchmarks/crash_soak.py (twenty).
"""

from __future__ import annotations

import os
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

GRILLER = str(Path(sys.executable).parent / "griller")
ANSWERS = [
    "At my last job I owned the checkout API. Our p99 was 900 ms at peak. I profiled it and rewrote an N+1 query "
    "as a single join. As a result p99 dropped from 900 ms to 120 ms.",
    "We had a disagreement about the database. I built both versions in an afternoon so we could compare real code, "
    "and we picked Postgres. The service shipped two weeks early.",
    "I paired with a junior engineer twice a week for two months, and by the end she was onboarding the next hire.",
    "I would first measure where time goes with a profiler, then fix the slowest query and verify with a load test.",
    "There was an outage at night. I rolled back the release within 10 minutes and wrote a postmortem.",
    "I cut scope by dropping the admin dashboard and shipped the core flow on time; adoption grew 20% that quarter.",
]


@dataclass
class Run:
    """One griller process: what it was sent and what it printed."""

    env: dict[str, str]
    args: list[str]
    proc: subprocess.Popen[bytes] = field(init=False)
    output: bytes = b""

    def __post_init__(self) -> None:
        self.proc = subprocess.Popen(
            [GRILLER, "interview", "--plain", *self.args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, env=self.env,
        )
        os.set_blocking(self.proc.stdout.fileno(), False)  # type: ignore[union-attr]

    def wait_for(self, marker: bytes, timeout: float = 30.0, after: int = 0) -> int:
        """Read output until ``marker`` appears after offset ``after``; return the offset past it."""
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)  # type: ignore[arg-type]
        deadline = time.monotonic() + timeout
        try:
            while True:
                found = self.output.find(marker, after)
                if found >= 0:
                    return found + len(marker)
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no {marker!r} in output:\n{self.output.decode(errors='replace')[-2000:]}")
                for _ in selector.select(max(0.0, deadline - time.monotonic())):
                    chunk = self.proc.stdout.read(65536)  # type: ignore[union-attr]
                    if chunk:
                        self.output += chunk
                    elif self.proc.poll() is not None:  # end of output and the process is gone
                        raise EOFError(f"exited before {marker!r}:\n{self.output.decode(errors='replace')[-2000:]}")
        finally:
            selector.close()

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def finish(self, timeout: float = 60.0) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        code = self.proc.wait(timeout=timeout)
        rest = self.proc.stdout.read()  # type: ignore[union-attr]
        if rest:
            self.output += rest
        return code


def answered(db_path: Path) -> list[tuple[str, str]]:
    """(question, answer) of every submitted answer, in order, straight from SQLite."""
    if not db_path.exists():
        return []
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA busy_timeout = 5000")
        return conn.execute(
            "select question, answer from turns where answer is not null and source != 'skipped' order by ordinal"
        ).fetchall()


def wait_committed(db_path: Path, count: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while len(answered(db_path)) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"answer {count} never reached the database")
        time.sleep(0.005)


def answer_text(n: int) -> str:
    """The n-th answer, unique so every stored row can be traced to one submission."""
    return f"{ANSWERS[n % len(ANSWERS)]} (answer {n + 1})"


def crash_and_resume(env: dict[str, str], db_path: Path, kill_after: int, moment: str, questions: int = 4) -> dict:
    """Answer ``kill_after`` questions, SIGKILL at ``moment``, then ``--continue`` to the end.

    moment: "asked" (question shown, nothing typed), "typing" (half an answer, no newline),
    "grading" (right after the answer reaches the database, before its feedback is printed).
    Returns what was submitted and what the database holds.
    """
    submitted: list[str] = []
    run = Run(env, ["--questions", str(questions), "--type", "behavioral", "--persona", "friendly_mentor"])
    offset = run.wait_for(b"> ")
    for i in range(kill_after):
        answer = answer_text(i)
        run.send(answer + "\n")
        submitted.append(answer)
        offset = run.wait_for(b"> ", after=offset)
    if moment == "typing":
        run.send("This answer was never finis")
    elif moment == "grading":
        answer = answer_text(kill_after)
        run.send(answer + "\n")
        submitted.append(answer)
        wait_committed(db_path, len(submitted))
    run.kill()
    before = answered(db_path)

    resumed = Run(env, ["--continue"])
    offset = resumed.wait_for(b"> ")
    extra = 0
    while True:
        answer = answer_text(len(submitted))
        resumed.send(answer + "\n")
        submitted.append(answer)
        extra += 1
        try:
            offset = resumed.wait_for(b"> ", timeout=20, after=offset)
        except EOFError:
            break
        if extra > 20:
            break
    code = resumed.finish()
    return {"submitted": submitted, "before": before, "after": answered(db_path), "code": code,
            "output": resumed.output.decode(errors="replace")}
