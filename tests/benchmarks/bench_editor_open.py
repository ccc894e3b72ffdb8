"""Benchmark: opening an interview in the editor, side by side with a baseline checkout.

Run: `python tests/benchmarks/bench_editor_open.py [--baseline DIR] [--runs N]`. Each run
starts a fresh `python -m qm_tui` on a pty (110x34) over a database holding the model
article (tests/data/vaxjo-profile.txt, imported by the baseline), waits for the list,
then times `enter` until the Person step's status line ("Person · steg 1 av …") is painted
(the step, its focus and the status line are
painted in the same frame). Runs alternate between this checkout and the baseline (a
`git worktree` of an older commit, run with its own PYTHONPATH), with QM_TUI_SPELLCHECK=off.

A second table times the same inside the app (headless, Textual's Pilot): `enter` on the list
until the Person step's name field has the focus and the screen is idle, several opens per
process, processes alternating between the checkouts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from bench_tui import qm_argv  # noqa: E402
from terminal import Terminal  # noqa: E402

NAME = "Nils-Petter Nilsson"  # the model article's interviewee, the one interview listed
PROFILE = HERE.parents[1] / "tests" / "data" / "vaxjo-profile.txt"

PAINTED = "Person · steg 1 av"


def isolated(argv: list[str]) -> list[str]:
    """`argv` (a Python command) with `-P`: the checkout comes from PYTHONPATH, never from
    the working directory, which `-m` and `-c` would otherwise put first on the path."""
    return [argv[0], "-P", *argv[1:]]


def open_editor(db: Path, root: Path) -> float:
    """Seconds from `enter` on the list until the Person step is painted, for checkout `root`."""
    env = {"PYTHONPATH": str(root), "QM_TUI_SPELLCHECK": "off"}
    term = Terminal(isolated(qm_argv(db)), env=env)
    try:
        term.wait_for(NAME)
        term.drain(quiet=1.0)  # the list's full read and first paints are over
        return term.key_to_paint("\r", PAINTED)
    finally:
        term.close()


PILOT = """
import asyncio, os, sys, time
from pathlib import Path
from qm_tui.tui.app import QMApp

async def main():
    app = QMApp(db_path=Path(sys.argv[1]), lang="sv")
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause(1.0)
        for _ in range(int(sys.argv[2])):
            start = time.perf_counter()
            await pilot.press("enter")
            while getattr(app.focused, "id", None) != "field-name":
                await asyncio.sleep(0.001)
            await pilot.pause()
            print(time.perf_counter() - start)
            await pilot.press("escape")
            await pilot.pause(0.3)

asyncio.run(main())
"""


def open_in_pilot(db: Path, root: Path, opens: int) -> list[float]:
    """Seconds per open (enter until the name field has the focus), inside the app."""
    env = {**os.environ, "PYTHONPATH": str(root), "QM_TUI_SPELLCHECK": "off"}
    argv = [sys.executable, "-P", "-c", PILOT, str(db), str(opens)]
    done = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    return [float(line) for line in done.stdout.split()]


def table(times: dict[str, list[float]]) -> None:
    """Print median, min and max per checkout in milliseconds."""
    print("| checkout | median ms | min ms | max ms |")
    print("|---|---|---|---|")
    for name, values in times.items():
        ms = [v * 1000 for v in values]
        print(f"| {name} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} |")


def main() -> None:
    """Print the median and spread of both checkouts as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, default=Path("/tmp/lazy-base"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--also", type=Path, nargs="*", default=[], help="more checkouts")
    args = parser.parse_args()
    here = HERE.parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.json"
        argv = [*qm_argv(db)[:-2], "import", str(PROFILE)]
        env = {**os.environ, "PYTHONPATH": str(args.baseline)}
        subprocess.run(isolated(argv), env=env, check=True, capture_output=True)
        roots = {"baseline": args.baseline, **{str(p): p for p in args.also}, "this": here}
        times: dict[str, list[float]] = {name: [] for name in roots}
        for _ in range(args.runs):
            for name, root in roots.items():
                times[name].append(open_editor(db, root))
        print("Terminal: enter until the Person step is painted\n")
        table(times)
        pilot: dict[str, list[float]] = {name: [] for name in roots}
        for _ in range(max(1, args.runs // 4)):
            for name, root in roots.items():
                pilot[name] += open_in_pilot(db, root, 4)
        print("\nPilot: enter until the name field has the focus and the app is idle\n")
        table(pilot)


if __name__ == "__main__":
    main()
