"""Voice figures: griller's transcription ÷ raw faster-whisper, end-of-answer latency, idle listening CPU.

Clips are espeak-ng speech (known sentences with fillers and pauses), 16 kHz mono. Both paths use
the same ``WhisperModel`` instance (the bundled tiny.en, int8) with the same options, alternate,
and are timed in wall time and in process CPU time (CTranslate2's threads included); medians.
Goal: real-time factor ratio griller ÷ raw ≤ 1.1.

``--windows N`` compares griller's transcriber with the same transcriber letting faster-whisper decode the
window it starts after the last word heard (what griller did before): push-to-talk latency, live CPU, word
error, alternating over N rounds.

    python benchmarks/speech.py [--threads 1] [--rounds 3] [--latency-only] [--windows 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine  # noqa: E402
from speech_support import RATE, compose, wer  # noqa: E402

CLIPS = [
    ("So, um, I talked to each customer and wrote down what they needed.", 0.8,
     "My manager asked me to fix the slow search page."),
    ("Uh, I wrote a script that checks every order before it ships.", 1.5,
     "The test suite runs in five minutes on every change."),
    ("I spent a week reading the logs.", 0.5, "Then I wrote down what they needed.", 2.0,
     "The new page loads in half the time."),
]


def clock(fn: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def rtf_rows(transcriber: Any, clips: list[Any], paths: list[Path], rounds: int) -> None:
    from griller.config import Settings
    from griller.speech.batch import analyse

    model, options = transcriber.load(), transcriber.options()
    settings = Settings()

    def raw(clip: Any) -> str:
        segments, _ = model.transcribe(clip.samples, **options)
        return " ".join(s.text.strip() for s in segments)

    paths_run = {
        "raw faster-whisper `WhisperModel.transcribe`": lambda i: raw(clips[i]),
        "griller `WhisperTranscriber.transcribe`": lambda i: transcriber.transcribe(clips[i].samples).text,
        "griller `analyse` (decode file + transcribe + metrics)": lambda i: analyse(
            paths[i], settings, transcriber=transcriber).transcript.text,
    }
    audio = sum(c.duration for c in clips)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in paths_run}
    errors: dict[str, list[float]] = {name: [] for name in paths_run}
    for _ in range(rounds):
        for name, run in paths_run.items():  # alternate, so no path gains from the other's warm state
            wall = cpu = 0.0
            for i, clip in enumerate(clips):
                w, c, text = clock(lambda i=i, run=run: run(i))
                wall, cpu = wall + w, cpu + c
                errors[name].append(wer(clip.text, text))
            results[name].append((wall / audio, cpu / audio))
    print(f"\n### Real-time factor on {len(clips)} clips, {audio:.1f} s of audio, {rounds} rounds (medians)\n")
    print("| path | RTF (wall) | RTF (CPU) | WER |")
    print("|---|---|---|---|")
    medians = {}
    for name, rows in results.items():
        w, c = statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)
        medians[name] = (w, c)
        print(f"| {name} | {w:.3f} | {c:.3f} | {statistics.mean(errors[name]):.1%} |")
    raw_w, raw_c = medians["raw faster-whisper `WhisperModel.transcribe`"]
    for name in list(paths_run)[1:]:
        w, c = medians[name]
        print(f"\n{name} ÷ raw: **{c / raw_c:.3f}** on CPU time, {w / raw_w:.3f} on wall time (goal ≤ 1.1)")


class Pressing:
    """Pushes the push-to-talk key at given audio times (a real-time file source standing in for a mic)."""

    def __init__(self, samples: Any, presses: list[float]) -> None:
        from griller.speech.audio import FileSource

        self.source = FileSource(samples, realtime=True)
        self.sample_rate = RATE
        self.presses, self.session = presses, None

    def start(self, on_block: Any, on_end: Any = None) -> None:
        heard = [0]

        def block(samples: Any) -> None:
            on_block(samples)
            heard[0] += samples.size
            while self.presses and heard[0] >= self.presses[0] * RATE:
                self.presses.pop(0)
                self.session.toggle()  # type: ignore[union-attr]

        self.source.start(block, on_end)

    def stop(self) -> None:
        self.source.stop()


def latency_rows(transcriber: Any, clips: list[Any]) -> None:
    from griller.speech.audio import FileSource
    from griller.speech.controller import VoiceSession

    print("\n### Latency: end of the answer to the final transcript (real-time file input)\n")
    print("The answer ends when the key is released (0.5 s after the last word) or after 3 s of silence "
          "(hands-free). Live CPU is the session's process CPU (capture, drafts, chunk transcripts, "
          "metrics) ÷ audio length.\n")
    print("| mode | clip | end of answer → final | last word → final | live CPU ÷ audio |")
    print("|---|---|---|---|---|")
    for i, clip in enumerate(clips):
        source = Pressing(clip.samples, [0.05, clip.duration])  # clips end with 0.5 s of silence
        session = VoiceSession(source, transcriber, mode="push_to_talk")  # type: ignore[arg-type]
        source.session = session
        cpu = time.process_time()
        session.start()
        answer = session.wait(120)
        cpu = time.process_time() - cpu
        print(f"| push-to-talk | {i + 1} ({clip.duration:.1f} s) | {answer.latency * 1000:.0f} ms | "
              f"{(answer.latency + 0.5) * 1000:.0f} ms | {cpu / clip.duration:.3f} |")
    for i, clip in enumerate(clips):
        session = VoiceSession(FileSource(clip.samples, realtime=True, tail_silence=4.0), transcriber, end_silence=3.0)
        cpu = time.process_time()
        session.start()
        answer = session.wait(120)
        cpu = time.process_time() - cpu
        print(f"| hands-free | {i + 1} ({clip.duration:.1f} s) | {answer.latency * 1000:.0f} ms | "
              f"{(answer.latency + 3.0) * 1000:.0f} ms | {cpu / clip.duration:.3f} |")


def window_rows(transcriber: Any, clips: list[Any], rounds: int) -> None:
    from griller.speech.controller import VoiceSession
    from griller.speech.transcriber import WhisperTranscriber

    class EveryWindow(WhisperTranscriber):
        """Lets faster-whisper decode every window it starts, as griller did before."""

        def _more_to_hear(self, voiced: Any, last_word_end: float) -> bool:
            return True

    every = EveryWindow(transcriber.model_dir, cpu_threads=transcriber.cpu_threads)
    every._model = transcriber.load()  # the same loaded model
    variants = {"every window (before)": every, "griller (stops after the last word)": transcriber}
    rows: dict[str, dict[str, list[float]]] = {n: {"lat": [], "cpu": [], "wer": [], "rtf": [], "bwer": []}
                                               for n in variants}
    for r in range(rounds):
        for name in list(variants)[:: 1 if r % 2 == 0 else -1]:  # alternate which goes first
            tr, row = variants[name], rows[name]
            for clip in clips:
                _, cpu, text = clock(lambda tr=tr, clip=clip: tr.transcribe(clip.samples).text)
                row["rtf"].append(cpu / clip.duration)
                row["bwer"].append(wer(clip.text, text))
                source = Pressing(clip.samples, [0.05, clip.duration])
                session = VoiceSession(source, tr, mode="push_to_talk")  # type: ignore[arg-type]
                source.session = session
                used = time.process_time()
                session.start()
                answer = session.wait(120)
                row["cpu"].append((time.process_time() - used) / clip.duration)
                row["lat"].append(answer.latency)
                row["wer"].append(wer(clip.text, answer.transcript))
    print(f"\n### The window after the last word ({rounds} rounds × {len(clips)} clips, alternating; medians)\n")
    print("| transcriber | push-to-talk: key released → final | live CPU ÷ audio | session WER | batch CPU RTF "
          "| batch WER |")
    print("|---|---|---|---|---|---|")
    for name, row in rows.items():
        print(f"| {name} | {statistics.median(row['lat']) * 1000:.0f} ms "
              f"({min(row['lat']) * 1000:.0f}–{max(row['lat']) * 1000:.0f}) | {statistics.median(row['cpu']):.3f} | "
              f"{statistics.mean(row['wer']):.1%} | {statistics.median(row['rtf']):.3f} | "
              f"{statistics.mean(row['bwer']):.1%} |")


def idle_row(transcriber: Any, seconds: float = 5.0) -> None:
    import numpy as np

    from griller.speech.audio import FileSource
    from griller.speech.controller import VoiceSession

    wall, cpu = time.perf_counter(), time.process_time()
    time.sleep(seconds)
    baseline = (time.process_time() - cpu) / (time.perf_counter() - wall)
    silence = np.zeros(int((seconds + 1) * RATE), dtype=np.float32)
    session = VoiceSession(FileSource(silence, realtime=True), transcriber, max_wait=600)
    session.start()
    time.sleep(0.5)
    wall, cpu = time.perf_counter(), time.process_time()
    time.sleep(seconds)
    listening = (time.process_time() - cpu) / (time.perf_counter() - wall)
    session.cancel()
    print(f"\n### Idle listening\n\nProcess CPU while a hands-free session listens to {seconds:.0f} s of silence "
          f"(100 ms blocks in real time): **{listening:.2%}** of one core (process asleep: {baseline:.2%}).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency-only", action="store_true", help="skip the real-time factor rounds")
    parser.add_argument("--windows", type=int, default=0, metavar="N",
                        help="only compare with decoding every Whisper window, over N rounds")
    args = parser.parse_args()

    from griller.speech.audio import read_audio
    from griller.speech.transcriber import WhisperTranscriber

    clips = [compose(*parts, wpm=130) for parts in CLIPS]
    tmp = Path(tempfile.mkdtemp(prefix="griller-bench-"))
    paths = [clip.write(tmp / f"clip{i}.wav") for i, clip in enumerate(clips)]
    assert all(abs(read_audio(p).size - c.samples.size) < 2 for p, c in zip(paths, clips, strict=True))
    transcriber = WhisperTranscriber(cpu_threads=args.threads)
    load_wall, load_cpu, _ = clock(transcriber.load)
    print(f"## Voice (`benchmarks/speech.py --threads {args.threads}`)\n")
    print(f"{time.strftime('%Y-%m-%d')}, {machine()}; {transcriber.name} (int8, cpu_threads={args.threads}); "
          f"model load {load_wall:.2f} s wall, {load_cpu:.2f} s CPU.")
    if args.windows:
        window_rows(transcriber, clips, args.windows)
        return
    if not args.latency_only:
        rtf_rows(transcriber, clips, paths, args.rounds)
    latency_rows(transcriber, clips)
    idle_row(transcriber)


if __name__ == "__main__":
    main()
