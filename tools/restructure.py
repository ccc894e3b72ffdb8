"""Move qm_tui/core's modules into subpackages and the tests into layers, rewriting every import.

    python tools/restructure.py            # from the repository root: check, move, rewrite
    python tools/restructure.py --check    # only say what would move and what is unmapped

The mappings below say where each module goes ({old module: new module}). The script:

1. refuses, listing them, any module in qm_tui/core and any test file in tests/ that the
   mappings do not name (as an old or a new name), and mappings that would collide;
2. `git mv`s every module whose old file exists to its new place (new packages get an
   `__init__.py` with the docstring from PACKAGES), and each moved test file's snapshot folder;
3. rewrites the imports of the moved modules in qm_tui/, tests/ and tools/: relative and
   absolute, module level and inside functions, `from X import Y` (also when Y is a moved
   module), `import X`, and every other mention of a moved module's dotted name (monkeypatch
   targets such as "qm_tui.core.store.time", lazy `importlib` names, comments) or its path
   (`qm_tui/core/model.py`, `core/model.py`), also in README.md, docs/ and pyproject.toml;
4. runs `ruff check --select I --fix` and `ruff format` on what it changed.

Run twice, it changes nothing the second time: moved files are found at their new places and
their imports already name new modules. It moves modules, never packages: a package keeps its
name (map it to itself). It is meant to be run once on the merged tree, then deleted.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

# -- where everything goes ------------------------------------------------------------------

C = "qm_tui.core"
MAPPING: dict[str, str] = {
    # stays: the package, the failure types every layer shares, the spelling check
    C: C,
    f"{C}.errors": f"{C}.errors",
    f"{C}.spelling": f"{C}.spelling",
    # the file system: reading the user's files safely, atomic writes, OS errors in words
    f"{C}.files": f"{C}.filesystem.reading",
    f"{C}.storage": f"{C}.filesystem.atomic",
    f"{C}.os_errors": f"{C}.filesystem.os_errors",
    # the user's settings: the folders, config.toml, the interface language
    f"{C}.locations": f"{C}.settings.locations",
    f"{C}.config": f"{C}.settings.config",
    f"{C}.ui_language": f"{C}.settings.ui_language",
    # the interview document and its rules
    f"{C}.model": f"{C}.interview.model",
    f"{C}.rules": f"{C}.interview.rules",
    f"{C}.status": f"{C}.interview.status",
    f"{C}.questions": f"{C}.interview.questions",
    f"{C}.quote": f"{C}.interview.quote",
    f"{C}.summary": f"{C}.interview.summary",
    f"{C}.search": f"{C}.interview.search",
    f"{C}.controls": f"{C}.interview.controls",
    # the database: the InterviewStore, its JSON file, the side files of 0.2
    f"{C}.store": f"{C}.database.store",
    f"{C}.json_storage": f"{C}.database.json_storage",
    f"{C}.legacy": f"{C}.database.legacy",
    # the article: writing it, reading it back (frontmatter serves both)
    f"{C}.article": f"{C}.article",
    f"{C}.article.frontmatter": f"{C}.article.frontmatter",
    f"{C}.article.markdown": f"{C}.article.write.markdown",
    f"{C}.article.html": f"{C}.article.write.html",
    f"{C}.article.txt": f"{C}.article.write.txt",
    f"{C}.article.docx": f"{C}.article.write.docx",
    f"{C}.article.typography": f"{C}.article.write.typography",
    f"{C}.article.parse_markdown": f"{C}.article.read.markdown",
    f"{C}.article.parse_plain": f"{C}.article.read.plain",
    f"{C}.article.read_docx": f"{C}.article.read.docx",
    f"{C}.article.found": f"{C}.article.read.found",
    f"{C}.article.titles": f"{C}.article.read.titles",
    f"{C}.article.docx_body": f"{C}.article.read.docx_body",  # issue 20
    f"{C}.article.docx_comments": f"{C}.article.read.docx_comments",  # issue 20
    f"{C}.article.docx_package": f"{C}.article.read.docx_package",  # issue 20
    f"{C}.article.source": f"{C}.article.read.source",  # issue 20
    f"{C}.article.tracked": f"{C}.article.read.tracked",  # issue 20
    # publishing: the table of formats, writing articles into files and folders
    f"{C}.export": f"{C}.publish.export",
    f"{C}.filenames": f"{C}.publish.filenames",
    f"{C}.export_folder": f"{C}.publish.export_folder",  # issue 24
    # what comes back: import, update from a corrected article, a reviewer's marks
    f"{C}.importing": f"{C}.intake.importing",
    f"{C}.update": f"{C}.intake.update",
    f"{C}.review": f"{C}.intake.review",  # issue 20
    f"{C}.update_checks": f"{C}.intake.update_checks",  # issue 20
    f"{C}.update_report": f"{C}.intake.update_report",  # issue 20
    # copies of the database kept in step (issue 21): already a package
    f"{C}.sync": f"{C}.sync",
    f"{C}.sync.fields": f"{C}.sync.fields",
    f"{C}.sync.uids": f"{C}.sync.uids",
    f"{C}.sync.merge": f"{C}.sync.merge",
    f"{C}.sync.source": f"{C}.sync.source",
}

PACKAGES: dict[str, str] = {
    f"{C}.filesystem": "The file system: reading the user's files safely, atomic writes, and "
    "what a failed file operation means in words.",
    f"{C}.settings": "The user's settings: where qm-tui keeps its files, config.toml, and the "
    "interface language.",
    f"{C}.interview": "The interview document and its rules: the model, question sets, "
    "statuses, pull quotes, list rows, search, control characters.",
    f"{C}.database": "The database: the InterviewStore over one TinyDB JSON file, read and "
    "written whole, and the side files of 0.2 folded into it.",
    f"{C}.article.write": "Writing the article: Markdown, HTML, plain text and Word, with "
    "Swedish typography.",
    f"{C}.article.read": "Reading an article back: plain text, our Markdown and Word (with "
    "tracked changes and comments), into what the file holds.",
    f"{C}.publish": "Publishing: the one table of export formats, file names, writing "
    "articles into files and folders.",
    f"{C}.intake": "What comes back: importing interviews and articles, updating an interview "
    "from a corrected article, a reviewer's marks.",
    "tests.core": "Tests of the domain core: no Textual, no command line.",
    "tests.cli": "Tests of the command line, mostly as a user runs it (a subprocess).",
    "tests.tui": "Tests of the Textual app, driven through its pilot.",
}

T = "tests"
TEST_MAPPING: dict[str, str] = {
    T: T,
    f"{T}.conftest": f"{T}.conftest",  # the shared fixtures serve every layer
    f"{T}.test_layers": f"{T}.test_layers",  # the layers' contracts span all three
    **{
        f"{T}.{name}": f"{T}.core.{name}"
        for name in (
            "test_article_html test_article_import test_article_markdown test_export_cheap "
            "test_export_fast_paths test_export_formats test_export_memo test_export_folder "
            "test_folder_writer test_import_real_articles test_locations test_model "
            "test_one_file test_os_errors test_publish_formats test_questions test_review_docx "
            "test_search test_slug test_spelling test_storage test_store test_sync_changes "
            "test_sync_uids test_update"
        ).split()
    },
    **{
        f"{T}.{name}": f"{T}.cli.{name}"
        for name in (
            "test_cli test_cli_export test_hostile test_packaging test_plain test_plain_pty "
            "test_plain_units"
        ).split()
    },
    **{
        f"{T}.{name}": f"{T}.tui.{name}"
        for name in (
            "test_app_flow test_app_list test_app_robust test_app_snapshots test_app_units "
            "test_app_update test_editor_flow test_editor_keys test_editor_lazy "
            "test_editor_steps test_editor_tools test_external_editor test_paged_table "
            "test_spelling_editor test_spelling_tui test_two_windows test_type_ahead"
        ).split()
    },
}

# Where imports and mentions are rewritten (the folders recursively), and text files only
# searched for mentions of a moved module or path.
CODE_ROOTS = ("qm_tui", "tests", "tools")
TEXT_FILES = ("README.md", "pyproject.toml")
TEXT_ROOTS = ("docs",)
SELF = Path(__file__).resolve()

# -- the tree ---------------------------------------------------------------------------------


def module_path(root: Path, module: str, package: bool) -> Path:
    """The file of `module` (its `__init__.py` when it is a package)."""
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if package else path.with_suffix(".py")


def module_of(root: Path, path: Path) -> tuple[str, bool]:
    """The dotted name of the file at `path`, and whether it is a package's `__init__`."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def present(root: Path) -> dict[str, Path]:
    """Every module the mappings govern: all of qm_tui/core, and tests/*.py (top level; the
    layer folders count too, so a second run finds the moved files)."""
    found: dict[str, Path] = {}
    for path in sorted((root / "qm_tui" / "core").rglob("*.py")):
        found[module_of(root, path)[0]] = path
    tests = root / "tests"
    for folder in (tests, *(tests / layer for layer in ("core", "cli", "tui"))):
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else ():
            found[module_of(root, path)[0]] = path
    return found


@dataclass
class Plan:
    moves: list[tuple[str, str]]  # old -> new, to do now
    done: list[tuple[str, str]]  # already at the new place
    absent: list[str]  # named by a mapping, in neither place (another branch's module)
    problems: list[str]


def plan(root: Path, mapping: dict[str, str]) -> Plan:
    """What to move, after checking the mapping against itself and against the tree."""
    problems: list[str] = []
    news: dict[str, str] = {}
    for old, new in mapping.items():
        if new in news and news[new] != old:
            problems.append(f"{old} and {news[new]} both map to {new}")
        news[new] = old
    moving = {old: new for old, new in mapping.items() if old != new}
    for old, new in moving.items():
        # a new name that is, or lies inside, an old module that moves elsewhere would make
        # the old name mean two things (and a second run rewrite the new imports again)
        for other in moving:
            if new == other or new.startswith(other + "."):
                problems.append(f"{old} -> {new} reuses the name of {other}, which moves")
    scope = min(mapping, key=len)  # the mapping's own package: qm_tui.core, tests
    modules = {m: p for m, p in present(root).items() if m == scope or m.startswith(scope + ".")}
    known = set(mapping) | set(mapping.values())
    known |= {new.rsplit(".", n)[0] for new in mapping.values() for n in range(1, new.count("."))}
    unmapped = sorted(m for m in modules if m not in known)
    problems += [f"no mapping for {m} ({modules[m].relative_to(root)})" for m in unmapped]
    moves, done, absent = [], [], []
    for old, new in moving.items():
        old_file, new_file = module_path(root, old, False), module_path(root, new, False)
        if module_path(root, old, True).exists():
            problems.append(f"{old} is a package: packages keep their names")
        elif old_file.exists() and new_file.exists():
            problems.append(f"both {old_file.relative_to(root)} and {new} exist")
        elif old_file.exists():
            moves.append((old, new))
        elif new_file.exists():
            done.append((old, new))
        else:
            absent.append(old)
    return Plan(moves, done, absent, problems)


# -- rewriting imports and mentions -------------------------------------------------------------


def resolve(current: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute module of `from <level dots><target> import …` written in `current`."""
    if level == 0:
        return target or ""
    base = current.split(".") if is_package else current.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def relative(from_package: str, target: str) -> tuple[int, str]:
    """(level, module) of a relative import of `target` written in package `from_package`."""
    here, there = from_package.split("."), target.split(".")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return len(here) - common + 1, ".".join(there[common:])


def _alias(name: str, asname: str | None) -> str:
    return f"{name} as {asname}" if asname and asname != name else name


def rewrite_imports(
    source: str, old_module: str, is_package: bool, new_module: str, moves: dict[str, str]
) -> str:
    """`source` with every import statement that names a moved module (or that is relative,
    in a file that moves) written for the new layout."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    moved_file = old_module != new_module
    new_package = new_module if is_package else new_module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = resolve(old_module, is_package, node.level, node.module)
            groups: dict[str, list[str]] = {}
            changed = moved_file and node.level > 0
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in moves:  # `from package import module`: the module moves
                    parent, _, leaf = moves[full].rpartition(".")
                    groups.setdefault(parent, []).append(
                        _alias(leaf, alias.asname or (alias.name if leaf != alias.name else None))
                    )
                    changed = True
                else:
                    target = moves.get(base, base)
                    changed |= target != base
                    groups.setdefault(target, []).append(_alias(alias.name, alias.asname))
            if not changed:
                continue
            statements = []
            for target, names in groups.items():
                if node.level > 0:
                    level, module = relative(new_package, target)
                    written = "." * level + module
                else:
                    written = target
                statements.append(f"from {written} import {', '.join(names)}")
        elif isinstance(node, ast.Import):
            statements, changed = [], False
            for alias in node.names:
                name = alias.name
                for old, new in moves.items():
                    if name == old or name.startswith(old + "."):
                        name = new + name[len(old) :]
                        changed = True
                        break
                statements.append(f"import {_alias(name, alias.asname)}")
            if not changed:
                continue
        else:
            continue
        assert node.end_lineno is not None and node.end_col_offset is not None
        start = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset
        indent = " " * node.col_offset
        edits.append((start, end, f"\n{indent}".join(statements)))
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source


def mention_patterns(root: Path, moves: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """Dotted names (`qm_tui.core.store`, also followed by `.attribute`) and paths
    (`qm_tui/core/store.py`, `core/store.py`, `article/html.py`) of the moved modules."""
    patterns: list[tuple[re.Pattern[str], str]] = []
    for old, new in sorted(moves.items(), key=lambda item: -len(item[0])):
        patterns.append((re.compile(rf"(?<![\w.]){re.escape(old)}(?!\w)"), new))
        old_parts = old.split(".")
        new_parts = new.split(".")
        for i in range(len(old_parts) - 1):
            if old_parts[i] not in new_parts:
                continue
            old_path = "/".join(old_parts[i:]) + ".py"
            new_path = "/".join(new_parts[new_parts.index(old_parts[i]) :]) + ".py"
            patterns.append((re.compile(rf"(?<![\w/.]){re.escape(old_path)}(?!\w)"), new_path))
    return patterns


def rewrite_mentions(text: str, patterns: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, new in patterns:
        text = pattern.sub(new, text)
    return text


# -- running it -----------------------------------------------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True)


def code_files(root: Path) -> list[Path]:
    files = [p for r in CODE_ROOTS for p in sorted((root / r).rglob("*.py")) if p != SELF]
    return [p for p in files if "__snapshots__" not in p.parts]


def text_files(root: Path) -> list[Path]:
    files = [root / name for name in TEXT_FILES if (root / name).is_file()]
    for folder in TEXT_ROOTS:
        files += sorted(p for p in (root / folder).rglob("*.md") if p.is_file())
    return files


def ensure_package(root: Path, package: str, created: list[Path]) -> None:
    """Create `package` (and its parents) with an `__init__.py` where there is none."""
    parts = package.split(".")
    for n in range(1, len(parts) + 1):
        init = module_path(root, ".".join(parts[:n]), True)
        if not init.exists():
            init.parent.mkdir(parents=True, exist_ok=True)
            doc = textwrap.fill(PACKAGES.get(".".join(parts[:n]), ""), 96)
            init.write_text(f'"""{doc}"""\n' if doc else "", encoding="utf-8")
            created.append(init)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository")
    parser.add_argument("--check", action="store_true", help="report only, change nothing")
    parser.add_argument("--no-ruff", action="store_true", help="skip ruff's import sort/format")
    args = parser.parse_args()
    root = args.root.resolve()
    if not (root / "qm_tui" / "core").is_dir():
        print(f"{root}: not the qm-tui repository (no qm_tui/core)", file=sys.stderr)
        return 2
    plans = [plan(root, MAPPING), plan(root, TEST_MAPPING)]
    problems = [p for each in plans for p in each.problems]
    if problems:
        print("Refused, nothing changed:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    moves = dict(m for each in plans for m in each.moves)
    for each in plans:
        for old in each.absent:
            print(f"not present, skipped: {old}")
    print(f"to move: {len(moves)}; already moved: {sum(len(p.done) for p in plans)}")
    for old, new in moves.items():
        print(f"  {old} -> {new}")
    if args.check or not moves:
        return 0
    # every new text is computed from the tree as it is, before anything moves
    every_move = {o: n for o, n in {**MAPPING, **TEST_MAPPING}.items() if o != n}
    patterns = mention_patterns(root, every_move)
    new_texts: dict[Path, str] = {}
    for path in code_files(root):
        module, is_package = module_of(root, path)
        new_module = moves.get(module, module)
        source = path.read_text(encoding="utf-8")
        text = rewrite_imports(source, module, is_package, new_module, every_move)
        text = rewrite_mentions(text, patterns)
        target = module_path(root, new_module, is_package)
        if text != source or target != path:
            new_texts[path] = text
    for path in text_files(root):
        source = path.read_text(encoding="utf-8")
        text = rewrite_mentions(source, patterns)
        if text != source:
            new_texts[path] = text
    created: list[Path] = []
    for new in moves.values():
        ensure_package(root, new.rpartition(".")[0], created)
    if created:
        git(root, "add", *map(str, created))
    written: list[Path] = []
    for old, new in moves.items():
        src, dst = module_path(root, old, False), module_path(root, new, False)
        git(root, "mv", str(src), str(dst))
        snapshots = src.parent / "__snapshots__" / src.stem
        if snapshots.is_dir():
            (dst.parent / "__snapshots__").mkdir(parents=True, exist_ok=True)
            git(root, "mv", str(snapshots), str(dst.parent / "__snapshots__" / dst.stem))
    for path, text in new_texts.items():
        module, is_package = module_of(root, path) if path.suffix == ".py" else ("", False)
        target = module_path(root, moves[module], is_package) if module in moves else path
        target.write_text(text, encoding="utf-8")
        written.append(target)
    for folder in (root / "qm_tui" / "core", root / "tests"):
        for empty in sorted(folder.rglob("__snapshots__"), reverse=True):
            if empty.is_dir() and not any(empty.iterdir()):
                empty.rmdir()
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    python_files = [str(p) for p in written + created if p.suffix == ".py"]
    if not args.no_ruff and Path(ruff).exists() and python_files:
        subprocess.run([ruff, "check", "-q", "--select", "I", "--fix", *python_files], cwd=root)
        subprocess.run([ruff, "format", "-q", *python_files], cwd=root)
        # a longer module name can push a line of prose past the limit: listed, to rewrap
        subprocess.run([ruff, "check", "-q", "--select", "E501", *python_files], cwd=root)
    print(f"moved {len(moves)} files, rewrote {len(written)}, created {len(created)} packages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
