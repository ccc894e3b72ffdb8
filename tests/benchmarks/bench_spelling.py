"""Benchmark of spell checking, each figure side by side with its baseline in one run.

Run: `python tests/benchmarks/bench_spelling.py [--runs N]`. Prints a Markdown table.

- Load: a fresh process parsing the Swedish dictionary (hunspell-sv) the way spylls does by
  default, the way `load_dictionary` does (collector paused), and from a pickle of the parsed
  dictionary (the cache that was considered; collector paused too).
- Check: a 700-word article (the reference article's text twice, plus a few typos) through
  `SpellChecker.check` with an empty memo, against spylls' own `lookup` over the same words.
  The re-check (memo warm, as while typing) is shown too.
- Suggest: one word, `SpellChecker.suggest` against spylls' complete `suggest`.
- Typing: 500 characters pressed through Pilot into a SpellTextArea with checking on, against
  the same field with checking off (both with the dictionary loaded).
"""

from __future__ import annotations

import argparse
import asyncio
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

REFERENCE = HERE.parent / "data" / "vaxjo-profile.txt"
TYPED = ("Samverkan i Växjö är stark och vi är stolta över vårt QM. " * 10)[:500]
SUGGEST_WORDS = ("samvrekan", "stadskärrna", "certifering", "organisationsmässigtt")

LOAD_CHILD = """
import gc, pickle, sys, time
mode, arg = sys.argv[1], sys.argv[2]
begin = time.perf_counter()
if mode == "spylls":
    from spylls.hunspell import Dictionary
    Dictionary.from_files(arg)
elif mode == "qm-tui":
    from qm_tui.core.spelling import load_dictionary
    load_dictionary("sv")
else:
    import spylls.hunspell
    gc.disable()
    with open(arg, "rb") as f:
        pickle.load(f)
    gc.enable()
print(time.perf_counter() - begin)
"""


def article_text() -> str:
    """About 700 words: the reference article twice, with three typos."""
    text = REFERENCE.read_text(encoding="utf-8")
    typos = text.replace("samverkan", "samvrekan", 2).replace("gemenskap", "gemnskap")
    return text + "\n\n" + typos


def load_seconds(mode: str, arg: str) -> float:
    """Seconds for one dictionary load in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", LOAD_CHILD, mode, arg], check=True, capture_output=True, text=True
    )
    return float(done.stdout.split()[-1])


async def typing_seconds(checking: bool) -> float:
    """Seconds to press TYPED into a SpellTextArea (dictionary already loaded)."""
    from textual.app import App, ComposeResult

    from qm_tui.tui.widgets.spell_text_area import SpellTextArea

    class Field(App[None]):
        def compose(self) -> ComposeResult:
            yield SpellTextArea("", id="answer")

    app = Field()
    async with app.run_test(size=(110, 34)) as pilot:
        area = app.query_one(SpellTextArea)
        area.spell_check = checking
        while checking and area.checker is None:
            await pilot.pause(0.01)
        area.focus()
        begin = time.perf_counter()
        await pilot.press(*TYPED)
        elapsed = time.perf_counter() - begin
        await pilot.pause(0.5)
        assert area.text == TYPED
    return elapsed


EDITOR_RUN = """
import asyncio, sys, time
t0 = time.perf_counter()
from qm_tui.tui.app import QMApp
from pathlib import Path

async def main():
    app = QMApp(db_path=Path(sys.argv[1]), lang="sv")
    async with app.run_test(size=(110, 34)) as pilot:
        while not app.screen.query("DataTable") or app.screen.query_one("DataTable").row_count == 0:
            await pilot.pause(0.01)
        await pilot.pause()
        listed = time.perf_counter() - t0
        await pilot.pause(float(sys.argv[2]))  # the user looks at the list
        t1 = time.perf_counter()
        await pilot.press("enter", "ctrl+n")
        while "answer" not in str(getattr(app.focused, "id", "")):
            await pilot.pause(0.01)
        await pilot.pause()
        print(listed, time.perf_counter() - t1)

asyncio.run(main())
"""


def editor_seconds(check: bool, wait: float) -> tuple[float, float]:
    """A fresh process on 1,000 interviews: (start until the list is painted, then after `wait`
    seconds on the list, enter until the first answer is shown and focused)."""
    import os

    from corpus import interviews

    from qm_tui.core.database.store import InterviewStore

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "qm.json"
        InterviewStore(db).add_many(interviews(1000))
        env = {**os.environ, "QM_TUI_SPELLCHECK": "on" if check else "off"}
        out = subprocess.run(
            [sys.executable, "-c", EDITOR_RUN, str(db), str(wait)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        listed, opened = out.stdout.split()[-2:]
        return float(listed), float(opened)


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement")
    args = parser.parse_args()
    runs = args.runs

    from qm_tui.core.spelling import SpellChecker, dictionary_base, load_dictionary

    base = str(dictionary_base("sv"))
    dictionary = load_dictionary("sv")
    rows: list[str] = []

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "sv.pickle"
        begin = time.perf_counter()
        cache.write_bytes(pickle.dumps(dictionary, protocol=pickle.HIGHEST_PROTOCOL))
        dump = time.perf_counter() - begin
        spylls_load, ours_load, cached = [], [], []
        for _ in range(runs):
            spylls_load.append(load_seconds("spylls", base))
            ours_load.append(load_seconds("qm-tui", base))
            cached.append(load_seconds("pickle", str(cache)))
        size = cache.stat().st_size / 1e6
    print(f"load: spylls {spylls_load}\n ours {ours_load}\n pickle {cached}", file=sys.stderr)
    rows.append(
        f"| Load Swedish dictionary (fresh process): `load_dictionary` vs spylls' default "
        f"| {median(ours_load):.2f} s | {median(spylls_load):.2f} s "
        f"| {median(ours_load) / median(spylls_load):.2f}x | off the UI thread |"
    )
    rows.append(
        f"| … from a pickle cache ({size:.0f} MB, {dump:.1f} s to write) vs `load_dictionary` "
        f"| {median(cached):.2f} s | {median(ours_load):.2f} s "
        f"| {median(cached) / median(ours_load):.2f}x | not adopted |"
    )

    text = article_text()
    words = re.findall(r"\w+(?:[-.'’]\w+)*", text)
    ours, theirs, warm = [], [], []
    for _ in range(runs):
        checker = SpellChecker(dictionary, ["QM", "TOCEMA", "Quality", "Town", "Centre", "Advisor"])
        begin = time.perf_counter()
        found = checker.check(text)
        ours.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        checker.check(text)
        warm.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        for word in words:
            dictionary.lookup(word)
        theirs.append(time.perf_counter() - begin)
    assert sorted(m.word for m in found) == ["gemnskap", "samvrekan", "samvrekan"], found
    rows.append(
        f"| Check a {len(words)}-word article, empty memo, vs spylls `lookup` loop "
        f"| {median(ours) * 1000:.0f} ms | {median(theirs) * 1000:.0f} ms "
        f"| {median(ours) / median(theirs):.2f}x | ≤ 1.2x |"
    )
    rows.append(
        f"| Re-check the same article (memo warm, as while typing) "
        f"| {median(warm) * 1000:.1f} ms | {median(theirs) * 1000:.0f} ms "
        f"| {median(warm) / median(theirs):.2f}x | – |"
    )

    checker = SpellChecker(dictionary)
    for word in SUGGEST_WORDS:
        begin = time.perf_counter()
        ours_s = checker.suggest(word)
        t_ours = time.perf_counter() - begin
        begin = time.perf_counter()
        full = list(dictionary.suggest(word))[:5]
        t_full = time.perf_counter() - begin
        rows.append(
            f"| Suggest for “{word}”: {', '.join(ours_s[:3])} vs spylls' {', '.join(full[:3])} "
            f"| {t_ours:.2f} s | {t_full:.2f} s | {t_ours / t_full:.2f}x | < 0.5 s |"
        )

    on, off = [], []
    for _ in range(runs):
        on.append(asyncio.run(typing_seconds(True)))
        off.append(asyncio.run(typing_seconds(False)))
    print(f"typing: on {on}\n off {off}", file=sys.stderr)
    rows.append(
        f"| Typing 500 characters, checking on vs off "
        f"| {median(on):.2f} s | {median(off):.2f} s | {median(on) / median(off):.2f}x | ≤ 1.1x |"
    )

    for wait, what in ((3.0, "after 3 s on the list"), (0.0, "at once")):
        on_runs = [editor_seconds(True, wait) for _ in range(runs)]
        off_runs = [editor_seconds(False, wait) for _ in range(runs)]
        print(f"editor ({what}): on {on_runs}\n off {off_runs}", file=sys.stderr)
        if wait:
            on_list, off_list = median([r[0] for r in on_runs]), median([r[0] for r in off_runs])
            rows.append(
                f"| App start until the list is painted (1,000 stored), checking on vs off "
                f"| {on_list:.2f} s | {off_list:.2f} s | {on_list / off_list:.2f}x | ≤ 1.05x |"
            )
        on_open, off_open = median([r[1] for r in on_runs]), median([r[1] for r in off_runs])
        rows.append(
            f"| Open an interview {what} until its first answer is shown, checking on vs off "
            f"| {on_open:.2f} s | {off_open:.2f} s | {on_open / off_open:.2f}x | – |"
        )

    print("| Measure | qm-tui | Baseline | Ratio | Goal |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
