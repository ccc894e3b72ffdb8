"""Store benchmark: InterviewStore against stock TinyDB (default JSONStorage), side by side.

Run: `python tests/benchmarks/bench_store.py` (about a minute). Prints a Markdown table of
medians; each pair is measured alternately in the same run, on the same interviews (about
3 KB of Swedish text each), so machine noise hits both sides alike.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import qm_tui
from qm_tui.core.model import Interview
from qm_tui.core.store import InterviewStore
from tests.benchmarks.corpus import interviews


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of `fn` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def paired(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians of `a` and `b`, run alternately."""
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(runs):
        ta.append(median_ms(a, 1))
        tb.append(median_ms(b, 1))
    return statistics.median(ta), statistics.median(tb)


def main() -> None:
    """Build the databases, measure, print the table."""
    # an installed package has compiled bytecode; make the editable checkout match
    compileall.compile_dir(Path(qm_tui.__file__).parent, quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="qm-bench-"))
    data = interviews(10_000)
    rows: list[tuple[str, float, float]] = []
    for count, runs in ((1_000, 15), (10_000, 7)):
        ours_path, stock_path = folder / f"ours-{count}.json", folder / f"stock-{count}.json"
        store = InterviewStore(ours_path)
        store.add_many(data[:count])
        stock = TinyDB(stock_path)
        stock.table("interviews").insert_multiple(iv.to_dict() for iv in data[:count])
        base = store.get(1)
        edits = iter(range(10**6))

        def save_ours(
            store: InterviewStore = store, base: Interview = base, n: Any = edits
        ) -> None:
            store.save(1, base.with_answer(0, f"ändrat svar {next(n)}"))

        def save_stock(stock: TinyDB = stock, base: Interview = base, n: Any = edits) -> None:
            doc = base.with_answer(0, f"ändrat svar {next(n)}").to_dict()
            stock.table("interviews").update(doc, doc_ids=[1])

        ours, theirs = paired(save_ours, save_stock, runs)
        rows.append((f"save one interview, {count:,} stored", ours, theirs))
        stock.close()

    path10k, stock10k = folder / "ours-10000.json", folder / "stock-10000.json"
    ours, theirs = paired(
        lambda: InterviewStore(path10k).list(),
        lambda: TinyDB(stock10k).table("interviews").all(),
        5,
    )
    rows.append(("open and list 10,000 (as Interview objects)", ours, theirs))
    ours, theirs = paired(
        lambda: InterviewStore(path10k).documents(),
        lambda: TinyDB(stock10k).table("interviews").all(),
        5,
    )
    rows.append(("open and list 10,000 (raw documents, sorted)", ours, theirs))
    # the CLI's one-shot commands keep documents parsed instead of packed (see InterviewStore)
    ours, theirs = paired(
        lambda: InterviewStore(path10k, packed=False).list(),
        lambda: TinyDB(stock10k).table("interviews").all(),
        5,
    )
    rows.append(("open and list 10,000 (as Interview objects), packed=False", ours, theirs))
    ours, theirs = paired(
        lambda: InterviewStore(path10k, packed=False).documents(),
        lambda: TinyDB(stock10k).table("interviews").all(),
        5,
    )
    rows.append(("open and list 10,000 (raw documents, sorted), packed=False", ours, theirs))

    db1k, stock1k = folder / "ours-1000.json", folder / "stock-1000.json"
    env = {**os.environ, "QM_TUI_DB": str(db1k)}
    qm_tui_bin = Path(sys.executable).with_name("qm-tui")
    cli = [str(qm_tui_bin)] if qm_tui_bin.exists() else [sys.executable, "-m", "qm_tui"]

    def run(cmd: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)

    read_stock = f"from tinydb import TinyDB; TinyDB({str(stock1k)!r}).table('interviews').all()"
    list_ms, read_ms = paired(run([*cli, "list"]), run([sys.executable, "-c", read_stock]), 21)
    import_ms = median_ms(run([sys.executable, "-c", "import tinydb"]), 21)
    rows.append(("`qm-tui list`, 1,000 stored vs python + TinyDB reading them", list_ms, read_ms))
    rows.append(("`qm-tui list`, 1,000 stored vs `python -c 'import tinydb'`", list_ms, import_ms))

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians in ms\n")
    print("| measurement | qm-tui | baseline | ratio |")
    print("|---|---:|---:|---:|")
    for name, a, b in rows:
        print(f"| {name} | {a:.1f} | {b:.1f} | {a / b:.2f}x |")


if __name__ == "__main__":
    main()
