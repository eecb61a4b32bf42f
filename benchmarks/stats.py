"""`griller stats` on a generated history of 10,000 sessions and 100,000 graded turns (goal ≤ 200 ms)."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import machine

from griller.coach.progress import load_progress
from griller.domain.models import DIMENSIONS
from griller.domain.rubric import load_rubric
from griller.paths import resource_dir
from griller.store.db import open_db

SESSIONS, TURNS_EACH = 10_000, 10
GAPS = ["no_metrics", "no_result", "no_personal_role", "too_short", "no_tradeoffs", "rambling", "buzzwords"]


def build(path: Path) -> None:
    db = open_db(path)
    rng = random.Random(1)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    sessions, turns, evaluations, gaps = [], [], [], []
    for s in range(SESSIONS):
        sid = f"s{s:05}"
        at = (start + timedelta(hours=2 * s)).isoformat()
        sessions.append((sid, at, "finished", "{}"))
        for t in range(TURNS_EACH):
            tid, eid = f"{sid}t{t}", f"{sid}e{t}"
            turns.append((tid, sid, t + 1, 0, "Q?", "behavioral", "A.", at))
            scores = {d: rng.randint(2, 10) for d in DIMENSIONS}
            overall = sum(scores.values()) * 10 // len(scores)
            evaluations.append((eid, tid, sid, "heuristic", overall, json.dumps(scores), "[]", "{}", *scores.values()))
            for g in rng.sample(GAPS, rng.randint(0, 2)):
                gaps.append((eid, sid, g))
    with db.conn:
        db.conn.executemany("insert into sessions (id, started_at, status, settings) values (?,?,?,?)", sessions)
        db.conn.executemany(
            "insert into turns (id, session_id, ordinal, depth, question, kind, answer, answered_at) "
            "values (?,?,?,?,?,?,?,?)",
            turns,
        )
        db.conn.executemany(
            f"insert into evaluations (id, turn_id, session_id, engine, overall, scores, gaps, payload, "
            f"{', '.join(DIMENSIONS)}) values ({','.join('?' * (8 + len(DIMENSIONS)))})",
            evaluations,
        )
        db.conn.executemany("insert into evaluation_gaps (evaluation_id, session_id, gap_id) values (?,?,?)", gaps)
    db.conn.close()


def main() -> None:
    rubric = load_rubric(resource_dir("rubrics"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.db"
        t0 = time.perf_counter()
        build(path)
        print(f"machine: {machine()}")
        print(f"built {SESSIONS} sessions / {SESSIONS * TURNS_EACH} turns in {time.perf_counter() - t0:.1f} s")
        db = open_db(path)
        times = []
        for _ in range(7):
            t = time.perf_counter()
            load_progress(db, rubric)
            times.append((time.perf_counter() - t) * 1000)
        print(f"load_progress (in process)   median {statistics.median(times):6.1f} ms")
        griller = str(Path(sys.executable).parent / "griller")
        env = os.environ | {"GRILLER_DB": str(path)}
        cli = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([griller, "stats", "--json"], env=env, check=True, capture_output=True)
            cli.append((time.perf_counter() - t) * 1000)
        print(f"griller stats --json (whole process) median {statistics.median(cli):6.1f} ms")
        ok = statistics.median(times) <= 200
        print(f"goal ≤ 200 ms for the stats query: {'meets' if ok else 'MISSES'}")


if __name__ == "__main__":
    main()
