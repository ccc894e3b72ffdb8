"""Benchmark: 1,000 articles in every export format, each beside the library's own minimum.

Run: `python tests/benchmarks/bench_export.py [--count N] [--repeat R] [--formats md,html]
[--process-only] [--before DIR]`. Prints Markdown tables.

In-process, per format, against a baseline doing the same output with the library alone:
- md: Python alone (md uses no other library): the same paragraphs each escaped with one `re.sub`
  (what CommonMark needs to show typed text literally), joined, under front matter whose values
  are quoted by `json.dumps` (a JSON string is a YAML double-quoted scalar);
- txt: markdown-it-py's typographer (the only library txt uses: Swedish quotes and dashes), its
  own `parseInline` with `replacements` and `smartquotes` on each of the same paragraphs, joined;
- html: markdown-it-py rendering the same Markdown as the export does it, with nothing of ours:
  the commonmark preset with linkify (linkify-it-py) and the typographer with Swedish quotes,
  links restricted to http(s) and mailto by `validateLink`; it links the same addresses as the
  export (which writes `https://` where linkify-it writes `http://` for a bare `www.` address).
  Also with every interview given its own e-mail and web address (no link is ever seen twice).
  The commonmark preset alone (no links, no typography: not the same output) stays as extra rows;
- docx: bare python-docx writing the same paragraphs (no styles, no boxes, no properties).
A plain string join of the paragraphs is printed too, as the floor of any export in Python.
As whole processes, `qm-tui export --all DIR --format F` against a `python -c` script that imports
the library, reads the same database with `json` and writes the baseline's files; `--before DIR`
adds qm-tui from another source tree (`git archive <commit> | tar -x -C DIR`) to the same rounds.
Every side is measured alternately in the same run, each run writing into a new empty folder
(overwriting the files of a previous run is several times cheaper than creating them on ext4, and
the export always creates: it writes a temp file and renames it). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from markdown_it import MarkdownIt

from qm_tui.core.article.write.html import _publishing_renderer
from qm_tui.core.article.write.typography import SWEDISH_QUOTES
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.model import Contact, Interview
from qm_tui.core.publish.export import ExportOptions, render
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


def linkify_renderer() -> MarkdownIt:
    """markdown-it-py as the html export uses it, with nothing of ours: commonmark, linkify
    (linkify-it-py) and the typographer with Swedish quotes; only http(s) and mailto links."""
    md = MarkdownIt(
        "commonmark",
        {"html": False, "linkify": True, "typographer": True, "quotes": SWEDISH_QUOTES},
    )
    md.enable(["linkify", "replacements", "smartquotes"])
    md.validateLink = lambda url: url.startswith(("http:", "https:", "mailto:"))  # type: ignore[method-assign]
    return md


LINKIFY = linkify_renderer()
TYPOGRAPHER = MarkdownIt("zero", {"typographer": True, "quotes": SWEDISH_QUOTES}).enable(
    ["replacements", "smartquotes"]
)
ESCAPE = re.compile(r"([\\`*_\[\]<&#|~])")


def bare_markdown(iv: Interview) -> bytes:
    """The same paragraphs escaped for CommonMark and joined, under JSON-quoted front matter."""
    meta = (iv.name, iv.title, iv.organisation, iv.date, iv.interviewer, iv.question_set, iv.status)
    front = "\n".join(f"k: {json.dumps(v, ensure_ascii=False)}" for v in meta)
    body = "\n\n".join(ESCAPE.sub(r"\\\1", p) for p in paragraphs(iv))
    return f"---\n{front}\n---\n\n{body}\n".encode()


def bare_typography(iv: Interview) -> bytes:
    """The same paragraphs, each set by markdown-it-py's typographer, joined."""
    out = []
    for p in paragraphs(iv):
        tokens = TYPOGRAPHER.parseInline(p)
        out.append("".join(t.content for t in tokens[0].children or ()))
    return "\n\n".join(out).encode()


def forget_links() -> None:
    """Empty the HTML renderers' link memos (`qm_tui.core.article.write.html.build_renderer`)."""
    for typography in (False, True):
        md: Any = _publishing_renderer(typography)
        for memo in (md.linkify.memo, md.link_memo, md.text_memo):
            memo.clear()


def distinct_addresses(ivs: list[Interview]) -> list[Interview]:
    """The interviews, each with its own contact e-mail and web address."""
    out = []
    for n, iv in enumerate(ivs):
        note = f"Du hittar mer information på www.stad{n}.se"
        contact = Contact(iv.contact.heading, iv.contact.name, iv.contact.title,
                          f"kontakt{n}@stad{n}.se", note)  # fmt: skip
        out.append(replace(iv, contact=contact))
    return out


# Whole-process baselines: read the same database and write the same number of files.
PROCESS_BASELINE = """
import json, sys, io
from pathlib import Path
fmt, db, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
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
    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": True,
                                   "quotes": "\u201d\u201d\u2019\u2019"})
    md.enable(["linkify", "replacements", "smartquotes"])
    md.validateLink = lambda url: url.startswith(("http:", "https:", "mailto:"))
elif fmt == "html-commonmark":
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark", {"html": False})
elif fmt == "txt":
    from markdown_it import MarkdownIt
    ty = MarkdownIt("zero", {"typographer": True, "quotes": "\u201d\u201d\u2019\u2019"})
    ty.enable(["replacements", "smartquotes"])
elif fmt == "md":
    import re
    esc = re.compile(r"([\\\\`*_\\[\\]<&#|~])")
for key, d in docs.items():
    if fmt == "docx":
        doc = docx.Document()
        for t in paras(d):
            doc.add_paragraph(t)
        buf = io.BytesIO(); doc.save(buf); data = buf.getvalue()
    elif fmt in ("html", "html-commonmark"):
        data = md.render("\\n\\n".join(paras(d))).encode()
    elif fmt == "txt":
        data = "\\n\\n".join("".join(t.content for t in ty.parseInline(p)[0].children)
                             for p in paras(d)).encode()
    elif fmt == "md":
        meta = [d[k] for k in ("name", "title", "organisation", "date", "interviewer",
                               "question_set", "status")]
        front = "\\n".join("k: " + json.dumps(v, ensure_ascii=False) for v in meta)
        body = "\\n\\n".join(esc.sub(r"\\\\\\1", p) for p in paras(d))
        data = ("---\\n" + front + "\\n---\\n\\n" + body + "\\n").encode()
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
    parser.add_argument("--process-only", action="store_true", help="only the whole-process table")
    parser.add_argument(
        "--formats", default="md,html,txt,docx", help="comma-separated formats (default: all)"
    )
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        help="also time qm-tui from this source tree (e.g. `git archive` of an older commit)",
    )
    args = parser.parse_args()
    count, repeat = args.count, args.repeat
    formats = set(args.formats.split(","))
    ivs = interviews(count)
    distinct = distinct_addresses(ivs)
    print(f"{count} interviews, best of {repeat} alternating runs; Python {sys.version.split()[0]}")
    print(f"{os.cpu_count()} CPUs\n")
    if not args.process_only:
        in_process(ivs, distinct, formats, repeat)
    whole_processes(ivs, distinct, formats, repeat, args.before)


def in_process(
    ivs: list[Interview], distinct: list[Interview], formats: set[str], repeat: int
) -> None:
    """The in-process table: rendering only, no files."""
    count = len(ivs)
    options = ExportOptions(lang="sv")
    markdown = [render(iv, "md", ExportOptions(meta=False)).decode() for iv in ivs]
    markdown_distinct = [render(iv, "md", ExportOptions(meta=False)).decode() for iv in distinct]
    for fmt in ("md", "html", "txt", "docx"):
        render(ivs[0], fmt, options)  # build the cached parsers outside the timings
    bare_docx(ivs[0])
    bare_typography(ivs[0])
    LINKIFY.render(markdown[0])

    def joined() -> object:
        return ["\n\n".join(paragraphs(iv)).encode() for iv in ivs]

    def python_markdown() -> object:
        return [bare_markdown(iv) for iv in ivs]

    def typographer() -> object:
        return [bare_typography(iv) for iv in ivs]

    def markdown_it(md: MarkdownIt, texts: list[str]) -> Callable[[], object]:
        return lambda: [md.render(m) for m in texts]

    def python_docx() -> object:
        return [bare_docx(iv) for iv in ivs]

    linkified = "markdown-it-py `render`, linkify and Swedish typographer, of the same Markdown"
    commonmark = "markdown-it-py `render` (commonmark only: no links) of the same Markdown"
    rows: list[tuple[str, str, list[Interview], str, Callable[[], object]]] = [
        ("md", "md", ivs, "same paragraphs, `re.sub`-escaped, `json.dumps` front matter",
         python_markdown),
        ("txt", "txt", ivs, "markdown-it-py typographer (`parseInline`) on the same paragraphs",
         typographer),
        ("html", "html", ivs, linkified, markdown_it(LINKIFY, markdown)),
        ("html, every address distinct", "html", distinct, linkified,
         markdown_it(LINKIFY, markdown_distinct)),
        ("html (old baseline)", "html", ivs, commonmark, markdown_it(BASELINE, markdown)),
        ("html, every address distinct (old baseline)", "html", distinct, commonmark,
         markdown_it(BASELINE, markdown_distinct)),
        ("docx", "docx", ivs, "bare python-docx, the same paragraphs", python_docx),
        ("md (the issue's baseline)", "md", ivs, commonmark, markdown_it(BASELINE, markdown)),
        ("md (floor)", "md", ivs, "string join of the same paragraphs", joined),
        ("txt (floor)", "txt", ivs, "string join of the same paragraphs", joined),
    ]  # fmt: skip
    print(f"| {count} articles, in-process | qm-tui (s) | baseline | baseline (s) | ratio |")
    print("|---|---:|---|---:|---:|")
    for label, fmt, items, base_label, base in rows:
        if fmt not in formats:
            continue

        def ours(fmt: str = fmt, items: list[Interview] = items) -> object:
            if items is distinct:
                forget_links()  # every run finds every address anew
            return [render(iv, fmt, options) for iv in items]

        mine, theirs = timed_pair(ours, base, repeat)
        print(f"| {label} | {min(mine):.3f} | {base_label} | {min(theirs):.3f} | "
              f"{min(mine) / min(theirs):.2f}x |")  # fmt: skip
    print()


def whole_processes(
    ivs: list[Interview],
    distinct: list[Interview],
    formats: set[str],
    repeat: int,
    before: Path | None = None,
) -> None:
    """The whole-process table: `qm-tui export --all` against a `python -c` baseline."""
    count = len(ivs)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "qm.json"
        InterviewStore(db).add_many(ivs)
        db_distinct = Path(tmp) / "qm-distinct.json"
        InterviewStore(db_distinct).add_many(distinct)
        # qm-tui from this source tree, run from the temp folder: `python -m` puts the current
        # folder first on the path, so a run from the repository would ignore `--before`.
        root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "QM_TUI_CONFIG_DIR": str(Path(tmp) / "config"), "PYTHONPATH": root}
        # Both sides run from bytecode, as an installed program does (each command runs once
        # before it is timed, writing __pycache__ if the environment turned that off).
        env.pop("PYTHONDONTWRITEBYTECODE", None)

        folders = iter(range(1_000_000))

        def run(cmd: list[str], env: dict[str, str] = env) -> float:
            """CPU seconds of `cmd` + [a new empty folder]: no run overwrites another's files."""
            out = Path(tmp) / f"out-{next(folders)}"
            before = child_cpu()
            subprocess.run([*cmd, str(out)], check=True, env=env, capture_output=True, cwd=tmp)
            cpu = child_cpu() - before
            assert len(list(out.iterdir())) == count
            return cpu

        # `--before DIR`: qm-tui from another source tree (an older commit), in the same rounds
        earlier = {**env, "PYTHONPATH": str(before)} if before is not None else None
        head = f"| {count} articles, whole process |"
        rule = "|---|"
        if earlier is not None:
            head += " before (s) | before ratio |"
            rule += "---:|---:|"
        print(f"{head} qm-tui export --all (s) | baseline (s) | ratio | qm-tui CPU (s) "
              "| baseline CPU (s) | CPU ratio |")  # fmt: skip
        print(rule + "---:|---:|---:|---:|---:|---:|")
        processes = [("md", "md", "md", db),
                     ("md (the issue's baseline: markdown-it-py rendering the same Markdown)",
                      "md", "html-commonmark", db),
                     ("html", "html", "html", db),
                     ("html, every address distinct", "html", "html", db_distinct),
                     ("html (old baseline: commonmark only)", "html", "html-commonmark", db),
                     ("html, every address distinct (old baseline)", "html", "html-commonmark",
                      db_distinct),
                     ("txt", "txt", "txt", db), ("docx", "docx", "docx", db)]  # fmt: skip
        for label, fmt, base_fmt, database in processes:
            if fmt not in formats:
                continue
            ours = [sys.executable, "-m", "qm_tui", "--db", str(database), "export"]
            ours += ["--format", fmt, "--all"]
            base = [sys.executable, "-c", PROCESS_BASELINE, base_fmt, str(database)]
            sides: list[tuple[list[str], dict[str, str]]] = [(ours, env), (base, env)]
            if earlier is not None:
                sides.append((ours, earlier))
            for cmd, side_env in sides:  # warm-up: bytecode and the page cache
                run(cmd, side_env)
            wall: list[list[float]] = [[] for _ in sides]
            cpu: list[list[float]] = [[] for _ in sides]
            for _ in range(repeat):  # alternating: each round runs every side once
                for n, (cmd, side_env) in enumerate(sides):
                    start = time.perf_counter()
                    cpu[n].append(run(cmd, side_env))
                    wall[n].append(time.perf_counter() - start)
            mine, theirs = min(wall[0]), min(wall[1])
            row = f"| {label} |"
            if earlier is not None:
                row += f" {min(wall[2]):.3f} | {min(wall[2]) / theirs:.2f}x |"
            print(f"{row} {mine:.3f} | {theirs:.3f} | {mine / theirs:.2f}x | {min(cpu[0]):.3f} | "
                  f"{min(cpu[1]):.3f} | {min(cpu[0]) / min(cpu[1]):.2f}x |")  # fmt: skip


if __name__ == "__main__":
    main()
