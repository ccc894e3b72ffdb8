"""Store benchmark: InterviewStore against stock TinyDB (default JSONStorage), side by side.

Run: `python tests/benchmarks/bench_store.py [--sizes 2000,10000]` (a minute or two). Prints a
Markdown table of medians; each pair is measured alternately in the same run, on the same
interviews (about 3 KB of Swedish text each), so machine noise hits both sides alike.

- Save one answer: `InterviewStore.save` (a locked, atomic, fsynced rewrite of the whole file,
  starting from the file as it is on disk) against stock TinyDB's `Table.update` of the same
  document (which also reads and rewrites the whole file, in place, fsynced).
- Open and list: a fresh store's list rows against stock TinyDB's `all()`.
- Peak memory: a fresh process that opens the database, lists it and saves one answer; its
  peak resident size (VmHWM) less that of the same process on a database of one interview (the
  interpreter and the code, whatever the data), against the file's size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tinydb import TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.model import Interview
from tests.benchmarks.corpus import interviews

PEAK = """
import sys
from pathlib import Path
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.model import Interview
store = InterviewStore(sys.argv[1])
rows = store.summaries()
iv = store.get(rows[0].id)
store.save(rows[0].id, iv.with_answer(0, "ändrat"), base=iv)
for line in Path("/proc/self/status").read_text().splitlines():
    if line.startswith("VmHWM:"):
        print(int(line.split()[1]) * 1024)
"""


def ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def paired(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians of `a` and `b`, run alternately."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(ms(a))
        tb.append(ms(b))
    return statistics.median(ta), statistics.median(tb)


def peak(db: Path) -> int:
    out = subprocess.run(
        [sys.executable, "-c", PEAK, str(db)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1])


def main() -> None:
    """Build the databases, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="qm-bench-"))
    data = interviews(max(sizes))
    one_path = folder / "one.json"
    InterviewStore(one_path).add_many(data[:1])
    rows: list[tuple[str, float, float, str]] = []
    for count in sizes:
        ours_path, stock_path = folder / f"ours-{count}.json", folder / f"stock-{count}.json"
        store = InterviewStore(ours_path)
        store.add_many(data[:count])
        stock = TinyDB(stock_path)
        stock.table("interviews").insert_multiple(iv.to_dict() for iv in data[:count])
        base = store.get(1)
        edits = iter(range(10**6))

        def save_ours(
            store: InterviewStore = store, base: Interview = base, n: Iterator[int] = edits
        ) -> None:
            store.save(1, base.with_answer(0, f"ändrat svar {next(n)}"))

        def save_stock(
            stock: TinyDB = stock, base: Interview = base, n: Iterator[int] = edits
        ) -> None:
            doc = base.with_answer(0, f"ändrat svar {next(n)}").to_dict()
            stock.table("interviews").update(doc, doc_ids=[1])

        size = ours_path.stat().st_size
        ours, theirs = paired(save_ours, save_stock, args.runs)
        rows.append((f"save one answer, {count:,} stored", ours, theirs, "stock TinyDB update"))
        ours, theirs = paired(
            lambda p=ours_path: InterviewStore(p).summaries(),
            lambda p=stock_path: TinyDB(p).table("interviews").all(),
            max(5, args.runs // 3),
        )
        rows.append((f"open and list, {count:,} stored", ours, theirs, "stock TinyDB all()"))
        stock.close()
        grown = peak(ours_path) - peak(one_path)
        rows.append(
            (
                f"peak memory of open, list and save, {count:,} stored (MB)",
                grown / 1e6,
                size / 1e6,
                "the file's size",
            )
        )

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians in ms\n")
    print("| measurement | qm-tui | baseline | baseline is | ratio |")
    print("|---|---:|---:|---|---:|")
    for name, a, b, what in rows:
        print(f"| {name} | {a:.1f} | {b:.1f} | {what} | {a / b:.2f}x |")


if __name__ == "__main__":
    main()
