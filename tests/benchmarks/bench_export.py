"""Benchmark: 1,000 articles to Markdown and HTML, in-process and as `qm-tui export --all`.

Run: `python tests/benchmarks/bench_export.py [--count N] [--repeat R]`. Prints a Markdown table.
The baseline is markdown-it-py rendering the same Markdown text itself (`MarkdownIt().render`),
measured in the same run, so the per-article cost of `render_html` can be compared with it.
Not collected by pytest (the file name does not start with `test_`).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from markdown_it import MarkdownIt

from qm_tui.core.article.markdown import render_html, render_markdown
from qm_tui.core.store import InterviewStore
from tests.benchmarks.corpus import interviews


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` runs of fn."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs


def child_cpu() -> float:
    """User + system CPU seconds used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    count, repeat = args.count, args.repeat

    ivs = interviews(count)
    markdown = [render_markdown(iv) for iv in ivs]
    size = sum(len(m.encode()) for m in markdown) / count
    render_html(ivs[0])  # build the shared MarkdownIt instance outside the timings
    baseline = MarkdownIt("commonmark", {"html": False})

    # (label, wall-clock seconds per run, CPU seconds per run or None when in-process)
    rows: list[tuple[str, list[float], list[float] | None]] = [
        ("render_markdown", timed(lambda: [render_markdown(iv) for iv in ivs], repeat), None),
        ("render_html", timed(lambda: [render_html(iv) for iv in ivs], repeat), None),
        (
            "markdown-it-py commonmark `render` of the same Markdown (baseline)",
            timed(lambda: [baseline.render(m) for m in markdown], repeat),
            None,
        ),
    ]

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "qm.json"
        InterviewStore(db).add_many(ivs)
        env = {**os.environ, "QM_TUI_CONFIG_DIR": str(Path(tmp) / "config")}

        def process(label: str, *argv: str) -> None:
            """Wall time and CPU time (user + sys) of `qm-tui ARGV` as a subprocess."""
            cmd = [sys.executable, "-m", "qm_tui", "--db", str(db), *argv]
            walls, cpus = [], []
            for _ in range(repeat):
                before, start = child_cpu(), time.perf_counter()
                subprocess.run(cmd, check=True, env=env, capture_output=True)
                walls.append(time.perf_counter() - start)
                cpus.append(child_cpu() - before)
            rows.append((f"process: {label}", walls, cpus))

        process("`qm-tui --version` (start-up only)", "--version")
        process("`qm-tui list` (start-up + reading the db)", "list")
        for fmt in ("md", "html"):
            out = Path(tmp) / f"out-{fmt}"
            process(
                f"`qm-tui export --all DIR --format {fmt}`",
                "export",
                "--all",
                str(out),
                "--format",
                fmt,
            )
            assert len(list(out.iterdir())) == count

    print(
        f"{count} interviews, {size / 1024:.1f} KB of Markdown each, best/median of {repeat} runs"
    )
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    print(f"| {count} articles | best (s) | median (s) | CPU, best (s) | per article (µs) |")
    print("|---|---:|---:|---:|---:|")
    for label, walls, cpus in rows:
        best, median = min(walls), statistics.median(walls)
        cpu = f"{min(cpus):.3f}" if cpus else "–"
        print(f"| {label} | {best:.3f} | {median:.3f} | {cpu} | {best / count * 1e6:.0f} |")
    html_best, base_best = min(rows[1][1]), min(rows[2][1])
    print(f"\nrender_html / markdown-it-py render: {html_best / base_best:.2f}x")


if __name__ == "__main__":
    main()
