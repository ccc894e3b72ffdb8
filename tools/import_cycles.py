"""List the import cycles among qm_tui's modules, and its function-level imports.

    python tools/import_cycles.py [--package qm_tui] [--functions]

A cycle is a strongly connected group of modules. It is reported twice: counting only the
imports at module level (what Python runs on import), and counting every import, also those
inside functions (what the code depends on). With `--functions`, every function-level import of
a qm_tui module is listed with its verdict: `keep` when moving it to module level would load a
heavy library (HEAVY) that the importing module does not load already, or would close a cycle
of module-level imports; `hoist` when it can move to the top of its module.
"""

from __future__ import annotations

import argparse
import ast
import functools
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# libraries worth keeping off a path that does not need them (import cost, memory)
HEAVY = ("textual", "rich", "docx", "spylls", "markdown_it")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(current: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute module of `from <level dots><target> import …` written in `current`."""
    if level == 0:
        return target or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


@functools.cache
def heavy_module(base: str, name: str) -> str:
    """The module `from base import name` loads: `base.name` if that is a module (or one of
    the widgets `textual.widgets` loads one by one), else `base`."""
    candidate = f"{base}.{name}"
    if base == "textual.widgets":
        return candidate
    try:
        return candidate if importlib.util.find_spec(candidate) is not None else base
    except (ImportError, ValueError):
        return base


def imports(path: Path, modules: set[str]) -> list[tuple[str, bool, int]]:
    """(imported module, at module level?, line) for every import in `path`: a qm_tui module,
    or the top-level name of anything else."""
    current = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool, int]] = []

    def visit(node: ast.AST, top: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for sub in child.body:
                    visit_one(sub, top, True)
                continue
            visit_one(child, top, type_only)

    def visit_one(child: ast.AST, top: bool, type_only: bool) -> None:
        if type_only:
            return  # annotations only: never run
        if isinstance(child, ast.Import):
            for alias in child.names:
                add(alias.name, top, child.lineno)
        elif isinstance(child, ast.ImportFrom):
            base = resolve(current, is_package, child.level, child.module)
            for alias in child.names:
                candidate = f"{base}.{alias.name}"
                if base.split(".")[0] in HEAVY:
                    add(heavy_module(base, alias.name), top, child.lineno)
                else:
                    add(candidate if candidate in modules else base, top, child.lineno)
        else:
            inner = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, top and not inner, False)

    def add(name: str, top: bool, line: int) -> None:
        root = name.split(".")[0]
        if root not in {m.split(".")[0] for m in modules}:
            found.append((name if root in HEAVY else root, top, line))
            return
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name and name != current:
            found.append((name, top, line))

    visit(tree, True, False)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    sys.setrecursionlimit(10_000)

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return sorted(groups)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", default="qm_tui")
    parser.add_argument("--functions", action="store_true", help="list function-level imports")
    parser.add_argument(
        "--depth",
        type=int,
        default=0,
        help="also report cycles between packages, names cut to this many parts "
        "(3: qm_tui.core.interview)",
    )
    args = parser.parse_args()
    paths = sorted((ROOT / args.package).rglob("*.py"))
    modules = {module_name(p) for p in paths}
    top: dict[str, set[str]] = defaultdict(set)
    every: dict[str, set[str]] = defaultdict(set)
    inner: list[tuple[str, int, str]] = []
    outside: list[tuple[str, int, str]] = []  # function-level imports of other libraries
    libraries: dict[str, set[str]] = defaultdict(set)  # module -> libraries at module level
    for path in paths:
        name = module_name(path)
        for target, at_top, line in imports(path, modules):
            if target not in modules:
                if at_top:
                    libraries[name].add(target)
                else:
                    outside.append((name, line, target))
                continue
            every[name].add(target)
            if at_top:
                top[name].add(target)
            else:
                inner.append((name, line, target))
    # a package's __init__ is imported with each of its modules: not a cycle of its own
    for label, graph in (("module-level imports", top), ("all imports", every)):
        found = cycles(graph)
        print(f"Cycles counting {label}: {len(found)}")
        for group in found:
            print("  " + " <-> ".join(group))
    if args.depth:
        cut = {
            m: ".".join(m.split(".")[: args.depth])
            for m in set(every) | {t for v in every.values() for t in v}
        }
        for label, graph in (("module-level imports", top), ("all imports", every)):
            packages: dict[str, set[str]] = defaultdict(set)
            for name, targets in graph.items():
                for target in targets:
                    if cut[name] != cut[target] and not cut[name].startswith(cut[target] + "."):
                        packages[cut[name]].add(cut[target])
            found = cycles(packages)
            print(f"Cycles between packages (depth {args.depth}) counting {label}: {len(found)}")
            for group in found:
                print("  " + " <-> ".join(group))
    print(f"Function-level imports of {args.package} modules: {len(inner)}")
    verdicts = [
        (name, line, target, verdict(name, target, top, libraries)) for name, line, target in inner
    ]
    hoist = sum(1 for *_, v in verdicts if v == "hoist")
    stay = len(inner) - hoist
    print(f"  of which can move to module level: {hoist}; stay (heavy library or cycle): {stay}")
    if args.functions:
        for name, line, target, why in sorted(verdicts):
            print(f"  {name}:{line} -> {target}: {why}")
    heavy = [item for item in outside if item[2].split(".")[0] in HEAVY]
    print(
        f"Function-level imports of other libraries: {len(outside)}; of a heavy one "
        f"({', '.join(HEAVY)}): {len(heavy)}, the others can move to module level"
    )
    if args.functions:
        for name, line, target in sorted(outside):
            why = "keep (heavy)" if (name, line, target) in heavy else "hoist"
            print(f"  {name}:{line} -> {target}: {why}")
    return 0


def loaded(start: str, top: dict[str, set[str]]) -> set[str]:
    """The qm_tui modules importing `start` runs (itself included, and its packages)."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += top.get(name, ())
        parent = name.rpartition(".")[0]
        if parent:
            todo.append(parent)
    return seen


def verdict(
    name: str, target: str, top: dict[str, set[str]], libraries: dict[str, set[str]]
) -> str:
    """`hoist`, or `keep (<why>)` for a function-level import of `target` in `name`."""
    have = {lib for m in loaded(name, top) for lib in libraries.get(m, ())}
    gets = {lib for m in loaded(target, top) for lib in libraries.get(m, ())}
    heavy = sorted(
        lib
        for lib in gets - have
        if lib.split(".")[0] in HEAVY and not any(h.startswith(lib + ".") for h in have)
    )
    if heavy:
        more = f", +{len(heavy) - 3}" if len(heavy) > 3 else ""
        return f"keep ({', '.join(heavy[:3])}{more})"
    if name in loaded(target, top) and not target.startswith(name + "."):
        return "keep (cycle)"
    return "hoist"


if __name__ == "__main__":
    raise SystemExit(main())
