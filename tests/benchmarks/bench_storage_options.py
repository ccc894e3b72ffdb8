"""The storage decision for issue 12, measured: what one save and one start-up read cost.

Run: `python tests/benchmarks/bench_storage_options.py [--sizes 1000,10000,50000]`. Prototypes,
each saving one changed interview (plus its history entry) durably, side by side per size:

- `stock`: stock TinyDB's `table.update` (JSONStorage: re-read the file, rewrite it in place, no
  fsync) — the baseline every option must stay at or below.
- `rewrite`: today's qm-tui save: the whole file through orjson (indented), temp file, fsync,
  rename, fsync of the folder.
- `rewrite-compact`: the same without indentation (the file is still TinyDB JSON).
- `journal`: one JSON line with the changed documents appended to `<db>.journal` and fsynced;
  the TinyDB file is rewritten only when compacting (timed separately: it is `rewrite` once).
- `index`: `rewrite` plus a small list index (one row per interview) rewritten beside it.

It also times what the GIL is held for by each save's serialisation (the typing spikes), and
the start-up reads: the whole file with `json.loads(str)` (today), `orjson.loads(bytes)`, the
journal replayed on top, and the list index alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from bench_tui import build_db  # noqa: E402

from qm_tui.core.storage import atomic_write  # noqa: E402


def ms(fn: Callable[[], object]) -> float:
    """Wall milliseconds of one call."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def row(doc: dict[str, Any], key: str) -> dict[str, Any]:
    """One list-index row."""
    answers = doc.get("answers", [])
    return {
        "id": int(key),
        "date": doc.get("date", ""),
        "name": doc.get("name", ""),
        "organisation": doc.get("organisation", ""),
        "status": doc.get("status", ""),
        "answered": sum(1 for a in answers if str(a.get("answer", "")).strip()),
        "questions": len(answers),
        "updated": doc.get("updated", ""),
    }


class Options:
    """The save prototypes over one database (each on its own copy of the file)."""

    def __init__(self, folder: Path, source: Path) -> None:
        raw = source.read_bytes()
        self.tables: dict[str, Any] = orjson.loads(raw)
        self.paths = {}
        for name in ("stock", "rewrite", "compact", "journal", "index"):
            path = folder / f"{name}.json"
            path.write_bytes(raw)
            self.paths[name] = path
        from tinydb import TinyDB

        self.stock = TinyDB(self.paths["stock"])
        self.journal_fd = os.open(
            f"{self.paths['journal']}.journal", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644
        )
        self.n = 0

    def change(self) -> tuple[str, dict[str, Any], dict[str, Any]]:
        """The next edit of interview 1: its new document and its history."""
        self.n += 1
        doc = dict(self.tables["interviews"]["1"])
        answers = [dict(a) for a in doc["answers"]]
        old = answers[0]["answer"]
        answers[0]["answer"] = f"{old[:200]} ändring {self.n}"
        doc["answers"] = answers
        history = {"answers.1": [{"value": old, "saved": "2026-11-27T14:00:00+01:00"}]}
        self.tables["interviews"]["1"] = doc
        self.tables.setdefault("history", {})["1"] = history
        return "1", doc, history

    def save_stock(self) -> None:
        key, doc, _ = self.change()
        self.stock.table("interviews").update(doc, doc_ids=[int(key)])

    def save_rewrite(self) -> None:
        self.change()
        data = orjson.dumps(self.tables, option=orjson.OPT_INDENT_2) + b"\n"
        atomic_write(self.paths["rewrite"], data)

    def save_compact(self) -> None:
        self.change()
        atomic_write(self.paths["compact"], orjson.dumps(self.tables) + b"\n")

    def save_journal(self) -> None:
        key, doc, history = self.change()
        entry = {"interviews": {key: doc}, "history": {key: history}}
        os.write(self.journal_fd, orjson.dumps(entry) + b"\n")
        os.fsync(self.journal_fd)

    def save_index(self) -> None:
        self.save_rewrite()
        index = [row(doc, k) for k, doc in self.tables["interviews"].items()]
        atomic_write(self.paths["index"].with_suffix(".index"), orjson.dumps(index))

    def compact(self) -> None:
        """Fold the journal into the TinyDB file (what exit/idle would do)."""
        data = orjson.dumps(self.tables, option=orjson.OPT_INDENT_2) + b"\n"
        atomic_write(self.paths["journal"], data)
        os.ftruncate(self.journal_fd, 0)


def gil_held(tables: dict[str, Any]) -> list[float]:
    """Milliseconds one orjson call holds the GIL: indented file, compact file, one entry."""
    return [
        ms(lambda: orjson.dumps(tables, option=orjson.OPT_INDENT_2)),
        ms(lambda: orjson.dumps(tables)),
        ms(lambda: orjson.dumps(tables["interviews"]["1"])),
    ]


def read_costs(source: Path, tables: dict[str, Any], tmp: Path) -> tuple[float, ...]:
    """Start-up reads in ms (json, orjson, orjson + journal, list index) and sizes in MB."""
    raw = source.read_bytes()
    index_path = tmp / "index.json"
    index_path.write_bytes(orjson.dumps([row(d, k) for k, d in tables["interviews"].items()]))
    journal = tmp / "j.journal"
    line = orjson.dumps({"interviews": {"1": tables["interviews"]["1"]}}) + b"\n"
    journal.write_bytes(line * 500)

    def replay() -> None:
        data = orjson.loads(source.read_bytes())
        for entry in journal.read_bytes().splitlines():
            for table, docs in orjson.loads(entry).items():
                data.setdefault(table, {}).update(docs)

    def best(fn: Callable[[], object]) -> float:
        return statistics.median(ms(fn) for _ in range(3))

    return (
        best(lambda: json.loads(raw.decode())),
        best(lambda: orjson.loads(source.read_bytes())),
        best(replay),
        best(lambda: orjson.loads(index_path.read_bytes())),
        len(raw) / 2**20,
        index_path.stat().st_size / 2**20,
    )


def main() -> None:
    """Measure every option at every size and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "qm-tui-bench")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians in ms\n")
    print(
        "| interviews | stock TinyDB | rewrite (today) | rewrite, compact JSON | journal append "
        "| rewrite + list index | compaction (once) | GIL held: indent / compact / journal |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    reads = []
    for size in [int(s) for s in args.sizes.split(",")]:
        source = build_db(args.cache / f"interviews-{size}.json", size)
        runs = args.runs if size <= 10_000 else 3
        with tempfile.TemporaryDirectory() as tmp:
            opts = Options(Path(tmp), source)
            names = ("stock", "rewrite", "compact", "journal", "index")
            times: dict[str, list[float]] = {name: [] for name in names}
            for _ in range(runs):  # alternate, so noise hits every option alike
                for name in names:
                    times[name].append(ms(getattr(opts, f"save_{name}")))
            compaction = ms(opts.compact)
            gil = gil_held(opts.tables)
            med = {name: statistics.median(v) for name, v in times.items()}
            print(
                f"| {size:,} | {med['stock']:.1f} | {med['rewrite']:.1f} | {med['compact']:.1f} "
                f"| {med['journal']:.1f} | {med['index']:.1f} | {compaction:.1f} "
                f"| {gil[0]:.1f} / {gil[1]:.1f} / {gil[2]:.2f} |"
            )
            reads.append((size, *read_costs(source, opts.tables, Path(tmp))))
            opts.stock.close()
    print(
        "\n| interviews | file | json.loads(str) (today) | orjson.loads(bytes) "
        "| orjson + 500 journal lines replayed | list index alone (size) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for size, today, fast, journaled, index, mb, index_mb in reads:
        print(
            f"| {size:,} | {mb:.0f} MB | {today:.0f} | {fast:.0f} | {journaled:.0f} "
            f"| {index:.1f} ({index_mb:.1f} MB) |"
        )


if __name__ == "__main__":
    main()
