"""Benchmark: opening an interview in the editor, side by side with a baseline checkout.

Run: `python tests/benchmarks/bench_editor_open.py [--baseline DIR] [--runs N]`. Each run
starts a fresh `python -m qm_tui` on a pty (110x34) over a database of 50 synthetic
interviews, waits for the list, then times `enter` until the Person step's status line
("Person · steg 1 av …") has been painted (the step, its focus and the status line are
painted in the same frame). Runs alternate between this checkout and the baseline (a
`git worktree` of an older commit, run with its own PYTHONPATH), with QM_TUI_SPELLCHECK=off.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from bench_tui import NEWEST, build_db, qm_argv  # noqa: E402
from terminal import Terminal  # noqa: E402

PAINTED = "Person · steg 1 av"


def open_editor(db: Path, root: Path) -> float:
    """Seconds from `enter` on the list until the Person step is painted, for checkout `root`."""
    env = {"PYTHONPATH": str(root), "QM_TUI_SPELLCHECK": "off"}
    term = Terminal(qm_argv(db), env=env)
    try:
        term.wait_for(NEWEST)
        term.drain(quiet=1.0)  # the list's full read and first paints are over
        return term.key_to_paint("\r", PAINTED)
    finally:
        term.close()


def main() -> None:
    """Print the median and spread of both checkouts as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, default=Path("/tmp/lazy-base"))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    here = HERE.parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        db = build_db(Path(tmp) / "bench.json", 50)
        times: dict[str, list[float]] = {"baseline": [], "this": []}
        for _ in range(args.runs):
            times["baseline"].append(open_editor(db, args.baseline))
            times["this"].append(open_editor(db, here))
    print("| checkout | median ms | min ms | max ms |")
    print("|---|---|---|---|")
    for name, values in times.items():
        ms = [v * 1000 for v in values]
        print(f"| {name} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} |")


if __name__ == "__main__":
    main()
