"""Benchmark of the app in a real terminal (a pty): list on screen, search, typing, export, memory.

Run: `python tests/benchmarks/bench_tui.py [--sizes 2000,10000] [--runs N]`. Prints
Markdown tables; every comparison is measured side by side in the same run.

- List on screen: a fresh `python -m qm_tui` process, from fork until the newest interview's
  name has been painted, alternating with a minimal Textual app (Header, Input, TextArea, Footer)
  until its own text (in the TextArea) has been painted. The qm-tui process starts exactly as a
  user's does (the CLI opens the database, then the app).
- Search: 3 s after the list is painted (the app reads the database after its first paint, and
  a key typed meanwhile waits for that read), `/`, then "4242" typed key by key; each key until
  the new "N av M intervjuer" count is
  painted (the count and the rows are painted in the same frame), then backspaces back to all.
- Typing: the newest interview opened, the first answer typed into, one key every 60 ms; each
  key until its character is painted. Autosave runs as for a user (about once a second). The
  baseline is the same on a database of one interview.
- Export: `e` on the list until the "Exporterade" notification is painted.
- Memory: the qm-tui process's peak resident size (after the list, a search and an export)
  against the database file's size. That peak includes the spelling dictionary, which the app
  preloads a second after start and which costs about 200-250 MiB whatever the database's size;
  run with `QM_TUI_SPELLCHECK=off` in the environment for what grows with the data.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from terminal import Terminal  # noqa: E402

SETTLE = 3.0  # seconds after the list is painted before searching (the full read, the dictionary)
NEWEST = "Nyaste Intervjun Åkesson"  # the newest interview's name in every benchmark database
MINIMAL_TEXT = "Minimalappens text är här"
SEARCH = "4242"
TYPED = "ÿ"  # a character no status text contains, so its paint is the key's own
MINIMAL = f"""
from textual.app import App
from textual.widgets import Footer, Header, Input, TextArea

class Minimal(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Avsluta")]

    def compose(self):
        yield Header()
        yield Input()
        yield TextArea({MINIMAL_TEXT!r})
        yield Footer()

Minimal().run()
"""


def build_db(path: Path, count: int) -> Path:
    """A TinyDB file of `count` synthetic interviews; the last (newest) one is named NEWEST."""
    import orjson
    from corpus import interviews

    if path.exists():
        return path
    docs: dict[str, Any] = {}
    for n, iv in enumerate(interviews(count), 1):
        docs[str(n)] = iv.to_dict()
    docs[str(count)].update(name=NEWEST, updated="2027-01-01T00:00:00+01:00")
    tables = {"meta": {"1": {"schema": 1, "next_id": count + 1}}, "interviews": docs}
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(orjson.dumps(tables, option=orjson.OPT_INDENT_2) + b"\n")
    tmp.replace(path)
    return path


def qm_argv(db: Path) -> list[str]:
    """The qm-tui process, started as a user starts it."""
    return [sys.executable, "-m", "qm_tui", "--db", str(db), "--lang", "sv"]


def list_on_screen(db: Path) -> tuple[float, int]:
    """Seconds until NEWEST is painted, and the peak memory (KiB) of that process."""
    term = Terminal(qm_argv(db))
    try:
        seconds = term.wait_for(NEWEST)
    finally:
        rss = term.close()
    return seconds, rss


def minimal_on_screen() -> tuple[float, int]:
    """Seconds until the minimal app's own text is painted, and its peak memory (KiB)."""
    term = Terminal([sys.executable, "-c", MINIMAL])
    try:
        seconds = term.wait_for(MINIMAL_TEXT)
    finally:
        rss = term.close()
    return seconds, rss


def matching(db: Path, query: str) -> int:
    """How many interviews the list shows for `query` (every term in the searchable text)."""
    import orjson

    docs = orjson.loads(db.read_bytes())["interviews"].values()
    terms = query.lower().split()
    count = 0
    for doc in docs:
        texts = [str(doc.get(k, "")) for k in ("name", "organisation", "title")]
        texts += [str(doc.get(k, "")) for k in ("interviewer", "quote")]
        texts += [str(a.get("answer", "")) for a in doc.get("answers", [])]
        haystack = "\n".join(texts).lower()
        count += all(t in haystack for t in terms)
    return count


def count_text(shown: int, total: int) -> str:
    """The list's count line as painted."""
    return f"{shown} av {total} intervjuer"


def search_export_memory(db: Path, total: int, export_dir: Path) -> dict[str, Any]:
    """Search key-to-paint (ms per key), export key-to-notification (ms), peak memory (KiB)."""
    import time

    counts = [matching(db, SEARCH[:i]) for i in range(1, len(SEARCH) + 1)]
    term = Terminal(qm_argv(db), env={"QM_TUI_EXPORT_DIR": str(export_dir)})
    try:
        term.wait_for(NEWEST)
        settled = time.perf_counter() + SETTLE  # the list paints before the file is read
        while (left := settled - time.perf_counter()) > 0:
            term._pump(left)
        term.drain()
        term.send("/")
        term.drain()
        typed = [
            term.key_to_paint(ch, count_text(n, total))
            for ch, n in zip(SEARCH, counts, strict=True)
        ]
        term.drain()
        back = []
        for n in [*counts[-2::-1], total]:
            back.append(term.key_to_paint("\x7f", count_text(n, total)))
        term.drain()
        term.send("\r")  # back to the table, the newest interview selected
        term.drain()
        export = term.key_to_paint("e", "Exporterade till", timeout=120)
        term.drain()
    finally:
        rss = term.close()
    return {"typed": typed, "back": back, "export": export, "rss": rss}


def typing_latencies(db: Path, keys: int, interval: float = 0.06) -> list[float]:
    """Key-to-paint seconds for `keys` characters typed into the newest interview's answer 1.

    Typed into a fresh copy of `db`: the saved text would otherwise pile up in that answer run
    after run (tens of thousands of characters after a few runs, which slowed every key).
    """
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / db.name
        shutil.copyfile(db, copy)
        return _typing_latencies(copy, keys, interval)


def _typing_latencies(db: Path, keys: int, interval: float) -> list[float]:
    import time

    term = Terminal(qm_argv(db))
    try:
        term.wait_for(NEWEST)
        term.drain()
        term.send("\r")  # open the newest interview
        term.wait_for("Person")
        term.drain()
        term.send("\x0e")  # ctrl+n: the first question
        term.wait_for("Fråga 1")
        term.drain()
        latencies = []
        for _ in range(keys):
            sent = time.perf_counter()
            latencies.append(term.key_to_paint(TYPED, TYPED))
            rest = interval - (time.perf_counter() - sent)
            if rest > 0:
                term._pump(rest)
        term.drain(quiet=1.5)  # the last autosave
    finally:
        term.close()
    return latencies


def p99(values: list[float]) -> float:
    """The 99th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * len(ordered)) - 1)]


def main() -> None:
    """Build (or reuse) the databases, measure, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per app and size")
    parser.add_argument("--keys", type=int, default=300, help="keys typed per typing run")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "qm-tui-bench",
        help="where the benchmark databases are kept between runs",
    )
    parser.add_argument("--skip", default="", help="comma-separated: list,search,typing")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    sizes = [int(s) for s in args.sizes.split(",")]
    compileall.compile_dir(HERE.parents[1] / "qm_tui", quiet=1)
    args.cache.mkdir(parents=True, exist_ok=True)
    dbs = {}
    for size in sizes:
        print(f"database of {size:,} …", file=sys.stderr)
        dbs[size] = build_db(args.cache / f"interviews-{size}.json", size)
    one = build_db(args.cache / "interviews-1.json", 1)
    mb = {size: db.stat().st_size / 2**20 for size, db in dbs.items()}
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians\n")

    if "list" not in skip:
        print("| list on screen (from launch) | qm-tui | minimal app | ratio | qm-tui peak MiB |")
        print("|---|---:|---:|---:|---:|")
        for size in sizes:
            ours, base, rss = [], [], []
            runs = args.runs if size <= 10_000 else max(3, args.runs // 2)
            for _ in range(runs):
                seconds, kib = list_on_screen(dbs[size])
                ours.append(seconds)
                rss.append(kib)
                base.append(minimal_on_screen()[0])
            print(f"  {size}: qm {ours}\n  minimal {base}", file=sys.stderr)
            a, b = statistics.median(ours), statistics.median(base)
            print(
                f"| {size:,} interviews ({mb[size]:.0f} MB) | {a * 1000:.0f} ms "
                f"| {b * 1000:.0f} ms | {a / b:.2f}x | {max(rss) / 1024:.0f} |"
            )
        print()

    if "search" not in skip:
        print(
            "| at | search key to paint, median / max | widening (backspace), median / max "
            "| export key to notification | peak memory / file |"
        )
        print("|---|---:|---:|---:|---:|")
        with tempfile.TemporaryDirectory() as out:
            for size in sizes:
                r = search_export_memory(dbs[size], size, Path(out))
                print(f"  {size}: {r}", file=sys.stderr)
                ms = [x * 1000 for x in r["typed"]]
                back = [x * 1000 for x in r["back"]]
                print(
                    f"| {size:,} | {statistics.median(ms):.0f} / {max(ms):.0f} ms "
                    f"| {statistics.median(back):.0f} / {max(back):.0f} ms "
                    f"| {r['export'] * 1000:.0f} ms "
                    f"| {r['rss'] / 1024:.0f} MiB / {mb[size]:.0f} MB "
                    f"= {r['rss'] * 1024 / dbs[size].stat().st_size:.1f}x |"
                )
        print()

    if "typing" not in skip:
        print("| typing, key to paint, autosave running | median | p99 | max |")
        print("|---|---:|---:|---:|")
        for label, db in [("one interview stored", one)] + [
            (f"{size:,} interviews stored", dbs[size]) for size in sizes
        ]:
            ms = [x * 1000 for x in typing_latencies(db, args.keys)]
            print(
                f"| {label} | {statistics.median(ms):.1f} ms | {p99(ms):.1f} ms "
                f"| {max(ms):.1f} ms |"
            )


if __name__ == "__main__":
    main()
