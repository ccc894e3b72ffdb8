"""Benchmark: 1,000 articles in every export format, each beside the library's own minimum.

Run: `python tests/benchmarks/bench_export.py [--count N] [--repeat R]`. Prints Markdown tables.

In-process, per format, against a baseline doing the same output with the library alone:
- md and txt: plain string building of the same text (`"\\n\\n".join` of the fields);
- html: markdown-it-py's own `MarkdownIt("commonmark").render` of the same Markdown;
- docx: bare python-docx writing the same paragraphs (no styles, no boxes, no properties).
As whole processes, `qm-tui export --all DIR --format F` against a `python -c` script that imports
the library, reads the same database with `json` and writes the baseline's files.
Every pair is measured alternately in the same run. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from markdown_it import MarkdownIt

from qm_tui.core.export import ExportOptions, render
from qm_tui.core.model import Interview
from qm_tui.core.store import InterviewStore
from tests.benchmarks.corpus import interviews


def paragraphs(iv: Interview) -> list[str]:
    """The article's paragraphs, as the bare baselines write them."""
    out = [iv.name, f"{iv.title} {iv.organisation}", iv.quote]
    for n, a in enumerate(iv.answers, 1):
        out += [f"{n}. {a.question}", *a.answer.split("\n\n")]
    c = iv.contact
    out += [iv.facts.heading, iv.facts.text, c.heading, f"{c.name}\n{c.title}\n{c.email}", c.note]
    return out


def bare_docx(iv: Interview) -> bytes:
    import docx

    doc = docx.Document()
    for text in paragraphs(iv):
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


BASELINE = MarkdownIt("commonmark", {"html": False})

# Whole-process baselines: read the same database and write the same number of files.
PROCESS_BASELINE = """
import json, sys, io
from pathlib import Path
db, out, fmt = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
out.mkdir(parents=True, exist_ok=True)
docs = json.loads(db.read_text(encoding="utf-8"))["interviews"]
def paras(d):
    p = [d["name"], d["title"] + " " + d["organisation"], d["quote"]]
    for n, a in enumerate(d["answers"], 1):
        p += [f"{n}. {a['question']}", *a["answer"].split("\\n\\n")]
    c = d["contact"]
    p += [d["facts"]["heading"], d["facts"]["text"], c["heading"],
          c["name"] + "\\n" + c["title"] + "\\n" + c["email"], c["note"]]
    return p
if fmt == "docx":
    import docx
elif fmt == "html":
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark", {"html": False})
for key, d in docs.items():
    if fmt == "docx":
        doc = docx.Document()
        for t in paras(d):
            doc.add_paragraph(t)
        buf = io.BytesIO(); doc.save(buf); data = buf.getvalue()
    elif fmt == "html":
        data = md.render("\\n\\n".join(paras(d))).encode()
    else:
        data = "\\n\\n".join(paras(d)).encode()
    (out / f"{key}.{fmt}").write_bytes(data)
"""


def timed_pair(
    a: Callable[[], object], b: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """Wall-clock seconds of `repeat` alternating runs of a and b."""
    ta, tb = [], []
    for _ in range(repeat):
        for fn, runs in ((a, ta), (b, tb)):
            start = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - start)
    return ta, tb


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    count, repeat = args.count, args.repeat
    ivs = interviews(count)
    options = ExportOptions(lang="sv")
    markdown = [render(iv, "md", ExportOptions(meta=False)).decode() for iv in ivs]
    for fmt in ("md", "html", "txt", "docx"):
        render(ivs[0], fmt, options)  # build the cached parsers outside the timings
    bare_docx(ivs[0])

    def joined() -> object:
        return ["\n\n".join(paragraphs(iv)).encode() for iv in ivs]

    def markdown_it() -> object:
        return [BASELINE.render(m) for m in markdown]

    def python_docx() -> object:
        return [bare_docx(iv) for iv in ivs]

    baselines: dict[str, tuple[str, Callable[[], object]]] = {
        "md": ("string join of the same paragraphs", joined),
        "txt": ("string join of the same paragraphs", joined),
        "html": ("markdown-it-py `render` of the same Markdown", markdown_it),
        "docx": ("bare python-docx, the same paragraphs", python_docx),
    }
    print(f"{count} interviews, best of {repeat} alternating runs; Python {sys.version.split()[0]}")
    print(f"{os.cpu_count()} CPUs\n")
    print(f"| {count} articles, in-process | qm-tui (s) | baseline | baseline (s) | ratio |")
    print("|---|---:|---|---:|---:|")
    for fmt, (label, base) in baselines.items():

        def ours(fmt: str = fmt) -> object:
            return [render(iv, fmt, options) for iv in ivs]

        mine, theirs = timed_pair(ours, base, repeat)
        print(f"| {fmt} | {min(mine):.3f} | {label} | {min(theirs):.3f} | "
              f"{min(mine) / min(theirs):.2f}x |")  # fmt: skip

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "qm.json"
        InterviewStore(db).add_many(ivs)
        env = {**os.environ, "QM_TUI_CONFIG_DIR": str(Path(tmp) / "config")}

        def run(cmd: list[str]) -> Callable[[], float]:
            def go() -> float:
                before = child_cpu()
                subprocess.run(cmd, check=True, env=env, capture_output=True)
                return child_cpu() - before

            return go

        print(f"\n| {count} articles, whole process | qm-tui export --all (s) | "
              "baseline script (s) | ratio | qm-tui CPU (s) |")  # fmt: skip
        print("|---|---:|---:|---:|---:|")
        for fmt in ("md", "html", "txt", "docx"):
            out = Path(tmp) / f"out-{fmt}"
            ours = [sys.executable, "-m", "qm_tui", "--db", str(db), "export", "--all", str(out)]
            ours += ["--format", fmt]
            base = [sys.executable, "-c", PROCESS_BASELINE, str(db), str(Path(tmp) / f"b-{fmt}")]
            base.append(fmt)
            cpu: list[float] = []

            def ours_cpu(cmd: list[str] = ours, cpu: list[float] = cpu) -> None:
                cpu.append(run(cmd)())

            mine, theirs = timed_pair(ours_cpu, run(base), repeat)
            assert len(list(out.iterdir())) == count
            print(f"| {fmt} | {min(mine):.3f} | {min(theirs):.3f} | "
                  f"{min(mine) / min(theirs):.2f}x | {min(cpu):.3f} |")  # fmt: skip


if __name__ == "__main__":
    main()
