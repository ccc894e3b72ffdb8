"""Benchmark of the TUI: start-up and typing, each measured side by side with a baseline.

Run: `python tests/benchmarks/bench_tui.py [--runs N]`. Prints a Markdown table.

- Start-up: a fresh process from spawning to its first frame (headless; the auto_pilot, which
  runs once the first frame is ready, notes the time and exits),
  QMApp over 1,000 stored interviews against a minimal Textual app (Header, Input, TextArea,
  Footer). Runs alternate; the median counts. "List shown" is QMApp until its rows are on screen.
- Typing: 500 characters pressed through the pilot into an answer, with 10,000 interviews stored
  against a store holding only the interview being edited. Autosave runs as it would for a user.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

TEXT = ("Samverkan i Växjö är stark och vi är stolta över vårt QM. " * 10)[:500]

CHILD = """
import sys, time
mode, db, spawned = sys.argv[1], sys.argv[2], float(sys.argv[3])
from pathlib import Path
if mode == "minimal":
    from textual.app import App
    from textual.widgets import Footer, Header, Input, TextArea

    class Minimal(App[None]):
        def compose(self):
            yield Header()
            yield Input()
            yield TextArea()
            yield Footer()

    app = Minimal()
else:
    from qm_tui.tui.app import QMApp

    app = QMApp(db_path=Path(db), lang="sv")

async def auto_pilot(pilot):
    if mode == "qm-list":
        while not pilot.app.screen.loaded:
            await pilot.pause(0.005)
    print(time.time() - spawned)
    await pilot.pause()  # let the first frame settle, so that exiting is clean
    pilot.app.exit()

app.run(headless=True, auto_pilot=auto_pilot, size=(110, 34))
"""


def make_db(path: Path, count: int) -> Path:
    """A database with `count` synthetic interviews (plus nothing else)."""
    from corpus import interviews

    from qm_tui.core.store import InterviewStore

    store = InterviewStore(path)
    if count:
        store.add_many(interviews(count))
    return path


def startup_seconds(mode: str, db: Path) -> float:
    """Seconds from spawning a fresh process to its first frame (the auto_pilot starting)."""
    spawned = str(time.time())
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(db), spawned],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[0])


async def typing_seconds(db: Path, interview_id: int) -> float:
    """Seconds to press TEXT into the first answer of an interview."""
    from qm_tui.tui.app import QMApp
    from qm_tui.tui.screens.editor import EditorScreen
    from qm_tui.tui.screens.interview_list import InterviewListScreen

    app = QMApp(db_path=db, lang="sv")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = app.screen
        assert isinstance(screen, InterviewListScreen)
        while not screen.loaded:
            await pilot.pause(0.01)
        await screen.open_interview(interview_id)
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press("ctrl+n")
        begin = time.perf_counter()
        await pilot.press(*TEXT)
        elapsed = time.perf_counter() - begin
        assert await editor.flush()
        assert editor.interview.answers[0].answer.endswith(TEXT)
    return elapsed


def median_pair(a: list[float], b: list[float]) -> tuple[float, float, float]:
    """Medians of two series and their ratio."""
    ma, mb = statistics.median(a), statistics.median(b)
    return ma, mb, ma / mb


def main() -> None:
    """Run both benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per app")
    parser.add_argument("--typing-runs", type=int, default=3, help="typing runs per store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("Building databases …", file=sys.stderr)
        db_1k = make_db(folder / "1k.json", 1_000)
        db_10k = make_db(folder / "10k.json", 10_000 if args.typing_runs else 0)
        db_one = make_db(folder / "one.json", 1)
        empty = folder / "none.json"

        qm, mini, shown = [], [], []
        for _ in range(args.runs):
            qm.append(startup_seconds("qm", db_1k))
            mini.append(startup_seconds("minimal", empty))
            shown.append(startup_seconds("qm-list", db_1k))
        print(f"start-up: qm {qm}\n minimal {mini}\n list {shown}", file=sys.stderr)

        big, small = [], []
        for _ in range(args.typing_runs):
            big.append(asyncio.run(typing_seconds(db_10k, 10_000)))
            small.append(asyncio.run(typing_seconds(db_one, 1)))
        print(f"typing: 10k {big}\n one {small}", file=sys.stderr)

    s_qm, s_mini, s_ratio = median_pair(qm, mini)
    l_qm, _, l_ratio = median_pair(shown, mini)
    print("| Measure | qm-tui | Baseline | Ratio | Goal |")
    print("|---|---|---|---|---|")
    print(
        f"| Start-up to first frame, 1,000 interviews vs minimal app "
        f"| {s_qm * 1000:.0f} ms | {s_mini * 1000:.0f} ms | {s_ratio:.2f}x | ≤ 1.15x |"
    )
    print(
        f"| Start-up until the list is shown, 1,000 interviews "
        f"| {l_qm * 1000:.0f} ms | {s_mini * 1000:.0f} ms | {l_ratio:.2f}x | – |"
    )
    if big:
        t_big, t_small, t_ratio = median_pair(big, small)
        print(
            f"| Typing 500 characters, 10,000 interviews vs one "
            f"| {t_big:.2f} s | {t_small:.2f} s | {t_ratio:.2f}x | ≤ 1.2x |"
        )


if __name__ == "__main__":
    main()
