"""The `qm-tui` command: starts the TUI, or runs one scriptable command on the database.

Only the domain core is imported here, so commands such as `qm-tui list` never pay for Textual.
Every expected failure ends in one line on stderr and exit code 1; nothing is written then.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .core.errors import QMError
from .core.export import FORMATS
from .core.status import STATUSES
from .core.store import InterviewStore, default_db_path

if TYPE_CHECKING:  # loaded by the commands that need them, to keep `list` and `show` fast
    from .core.model import Interview


class CLIError(QMError):
    """A usage problem, printed as one line (exit 1)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also documents the commands in `--help`)."""
    parser = argparse.ArgumentParser(
        prog="qm-tui",
        description="Capture Quality Mark (QM) interviews and publish them as articles. "
        "Without a command, the interactive interview editor starts.",
    )
    parser.add_argument("--version", action="version", version=f"qm-tui {__version__}")
    _add_global_options(parser, None)
    common = argparse.ArgumentParser(add_help=False)
    _add_global_options(common, argparse.SUPPRESS)
    sub = _Subcommands(parser.add_subparsers(dest="command", metavar="COMMAND"), common)

    p = sub.add_parser("list", help="list interviews, newest first")
    p.add_argument("--json", action="store_true", help="print a JSON list of documents with id")
    p = sub.add_parser("show", help="show one interview")
    p.add_argument("id", help="interview id")
    p.add_argument("--json", action="store_true", help="print the JSON document with id")
    p = sub.add_parser("import", help="import interviews from JSON documents or articles")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p = sub.add_parser("export", help="export an interview as a Markdown or HTML article")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("id", nargs="?", help="interview id")
    target.add_argument("--all", metavar="DIR", type=Path, help="export every interview into DIR")
    p.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="md",
        help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()),
    )
    p.add_argument("-o", "--output", metavar="FILE", type=Path, help="write here, not to stdout")
    p.add_argument(
        "--include-empty",
        action="store_true",
        help="with --all, export interviews with no answers too (skipped by default)",
    )
    p = sub.add_parser("delete", help="move an interview to the trash")
    p.add_argument("id", help="interview id")
    p = sub.add_parser("restore", help="bring an interview back from the trash")
    p.add_argument("id", help="interview id")
    sub.add_parser("trash", help="list interviews in the trash")
    p = sub.add_parser("purge", help="delete trashed interviews for good")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("id", nargs="?", help="id of a trashed interview")
    who.add_argument("--all", action="store_true", help="empty the whole trash")
    p = sub.add_parser("history", help="earlier versions of an interview's fields")
    p.add_argument("id", help="interview id")
    sub.add_parser("questions", help="print the question sets")
    p = sub.add_parser("status", help="set an interview's publishing status")
    p.add_argument("id", help="interview id")
    p.add_argument("status", choices=STATUSES, help="draft, complete, approved or published")
    return parser


def _add_global_options(parser: argparse.ArgumentParser, default: Any) -> None:
    """`--db`, `--lang` and `--set`, accepted before the command and after it.

    After the command they are parsed with `default` SUPPRESS, so that a value given before
    the command is not overwritten by the subcommand's default.
    """
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=default,
        help="database file (default: $QM_TUI_DB or interviews.json in the user data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("sv", "en"),
        default=default,
        help="interface language only (default: from the locale, else sv)",
    )
    parser.add_argument(
        "--set",
        metavar="ID",
        dest="question_set",
        default=default,
        help="question set of new interviews (default: $QM_TUI_SET, else question_set in "
        "config.toml in the config folder, else qm-sv; see 'qm-tui questions')",
    )


class _Subcommands:
    """The subparsers action, adding the global options to every command."""

    def __init__(self, action: Any, common: argparse.ArgumentParser) -> None:
        self._action = action
        self._common = common

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self._action.add_parser(
            name, parents=[self._common], **kwargs
        )
        return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `qm-tui` script; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return _run_tui(args)
        handler = _COMMANDS[args.command]
        return handler(args)
    except QMError as exc:
        print(f"qm-tui: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # stdout closed early (`qm-tui list | head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else default_db_path()


def _store(args: argparse.Namespace) -> InterviewStore:
    return InterviewStore(_db_path(args))


def _id(raw: str) -> int:
    value = int(raw) if raw.isascii() and raw.isdigit() else 0
    if value < 1:
        raise CLIError(f"not an interview id: {raw!r} (ids are numbers, see 'qm-tui list')")
    return value


def _print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _cmd_list(args: argparse.Namespace) -> int:
    docs = _store(args).documents()
    if args.json:
        _print_json(docs)
        return 0
    if not docs:
        print("No interviews yet. Start the editor with 'qm-tui', or import with 'qm-tui import'.")
        return 0
    rows = []
    for d in docs:
        answers = d.get("answers", [])
        answered = sum(1 for a in answers if a.get("answer", "").strip())
        rows.append(
            (
                str(d["id"]),
                d.get("date", ""),
                d.get("name", "") or "-",
                d.get("organisation", "") or "-",
                d.get("status", ""),
                f"{answered}/{len(answers)}",
            )
        )
    _print_table(("ID", "DATE", "NAME", "ORGANISATION", "STATUS", "ANSWERED"), rows)
    return 0


def _print_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    cells = [header, *((_one_line(c, 40) for c in row) for row in rows)]
    table = [tuple(r) for r in cells]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    out = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]
    sys.stdout.write("\n".join(out) + "\n")


def _one_line(text: str, width: int) -> str:
    if not text.isprintable() or "  " in text:
        text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _cmd_show(args: argparse.Namespace) -> int:
    store = _store(args)
    interview_id = _id(args.id)
    if args.json:
        _print_json({**store.document(interview_id), "id": interview_id})
        return 0
    iv = store.get(interview_id)
    lines = [
        f"Interview {interview_id} ({iv.status}, {iv.answered}/{len(iv.answers)} answered)",
        f"Name:          {iv.name}",
        f"Title:         {iv.title}",
        f"Organisation:  {iv.organisation}",
        f"Date:          {iv.date}",
        f"Interviewer:   {iv.interviewer}",
        f"Question set:  {iv.question_set}",
        f"Updated:       {iv.updated}",
        "",
        f"Quote: {iv.quote}",
    ]
    for i, answer in enumerate(iv.answers, 1):
        lines += ["", f"{i}. {answer.question}", "", answer.answer or "(no answer yet)"]
    lines += ["", iv.facts.heading, "", iv.facts.text, "", iv.contact.heading, ""]
    lines += [x for x in (iv.contact.name, iv.contact.title, iv.contact.email) if x]
    lines += ["", iv.contact.note] if iv.contact.note else []
    if iv.notes:
        lines += ["", "Notes (text an import could not place):", iv.notes]
    print("\n".join(lines))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .core.importing import duplicate_warnings, read_import_file
    from .core.questions import load_question_sets

    sets = load_question_sets()
    interviews: list[Interview] = []
    warnings: list[str] = []
    for path in args.files:
        found, warned = read_import_file(path, sets)
        interviews += found
        warnings += warned
    store = _store(args)
    ids = store.add_many(interviews)
    warnings += duplicate_warnings([(item.id, item.interview) for item in store.list()], ids)
    for line in warnings:
        print(f"qm-tui: warning: {line}", file=sys.stderr)
    print("\n".join(str(i) for i in ids))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .core.export import ExportOptions, export_all, render
    from .core.questions import load_question_sets

    store = _store(args)
    sets = load_question_sets()

    def options_for(iv: Interview) -> ExportOptions:
        return ExportOptions(lang=sets.lang_of(iv.question_set))

    if args.all is not None:
        if args.output is not None:
            raise CLIError("use either --all DIR or -o FILE, not both")
        folder = Path(args.all)
        everyone = [(item.id, item.interview) for item in store.list()]

        def wanted(iv: Interview) -> bool:
            return bool(args.include_empty or iv.answered)

        export_all(everyone, folder, args.format, options_for, include=wanted)
        items = [(i, iv) for i, iv in everyone if wanted(iv)]
        for interview_id, interview in items:
            _warn_notes(interview_id, interview)
        print(f"Exported {len(items)} interview(s) to {folder}", file=sys.stderr)
        if len(items) < len(everyone):
            print(
                f"Skipped {len(everyone) - len(items)} interview(s) with no answers "
                "(--include-empty exports them too)",
                file=sys.stderr,
            )
        return 0
    interview_id = _id(args.id)
    interview = store.get(interview_id)
    data = render(interview, args.format, options_for(interview))
    _warn_notes(interview_id, interview)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from .core.storage import atomic_write

    atomic_write(Path(args.output), data)
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def _warn_notes(interview_id: int, iv: Interview) -> None:
    if iv.notes.strip():
        print(
            f"qm-tui: warning: interview {interview_id} has notes from an import that the "
            f"article does not show (see 'qm-tui show {interview_id}')",
            file=sys.stderr,
        )


def _cmd_delete(args: argparse.Namespace) -> int:
    interview_id = _id(args.id)
    _store(args).delete(interview_id)
    print(f"Moved interview {interview_id} to the trash (undo with: qm-tui restore {interview_id})")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    interview_id = _id(args.id)
    iv = _store(args).restore(interview_id)
    print(f"Restored interview {interview_id} ({iv.name or 'no name'})")
    return 0


def _cmd_trash(args: argparse.Namespace) -> int:
    items = _store(args).trash()
    if not items:
        print("The trash is empty.")
        return 0
    rows = [
        (str(t.id), t.deleted, t.interview.name or "-", t.interview.organisation or "-")
        for t in items
    ]
    _print_table(("ID", "DELETED", "NAME", "ORGANISATION"), rows)
    return 0


def _cmd_purge(args: argparse.Namespace) -> int:
    store = _store(args)
    count = store.purge(None if args.all else _id(args.id))
    print(f"Deleted {count} interview(s) from the trash for good")
    return 0


def _cmd_history(args: argparse.Namespace) -> int:
    store = _store(args)
    interview_id = _id(args.id)
    store.document(interview_id)
    versions = store.history(interview_id)
    if not versions:
        print(f"Interview {interview_id} has no earlier versions.")
        return 0
    rows = [(v.saved, v.field, _one_line(v.value, 60) or "(empty)") for v in versions]
    _print_table(("UNTIL", "FIELD", "EARLIER VALUE"), rows)
    return 0


def _cmd_questions(args: argparse.Namespace) -> int:
    from .core.questions import DEFAULT_SET, load_question_sets

    sets = load_question_sets()
    for error in sets.errors:
        print(f"qm-tui: warning: question set {error}", file=sys.stderr)
    blocks = []
    ordered = sorted(sets.sets.values(), key=lambda qs: (qs.id != DEFAULT_SET, qs.id))
    for qs in ordered:
        lines = [f"{qs.id}: {qs.title}"]
        lines += [f"{i}. {q}" for i, q in enumerate(qs.questions, 1)]
        blocks.append("\n".join(lines))
    print("\n\n".join(blocks))
    return 0 if sets.sets else 1


def _cmd_status(args: argparse.Namespace) -> int:
    store = _store(args)
    interview_id = _id(args.id)
    iv = store.get(interview_id)
    if iv.status != args.status:
        store.save(interview_id, iv.with_workflow_status(args.status))
    print(f"Interview {interview_id} is {args.status} (was {iv.status})")
    return 0


def _run_tui(args: argparse.Namespace) -> int:
    from .core.questions import load_question_sets

    path = _db_path(args)
    InterviewStore(path)  # a corrupt or unreadable file stops here, before the screen changes
    # An unknown --set, $QM_TUI_SET or config setting stops here too, with one line.
    load_question_sets().for_new_interviews(args.question_set)
    from .tui.app import QMApp

    app = QMApp(db_path=path, lang=args.lang)
    app.run()
    return app.return_code or 0


_COMMANDS = {
    "list": _cmd_list,
    "show": _cmd_show,
    "import": _cmd_import,
    "export": _cmd_export,
    "delete": _cmd_delete,
    "restore": _cmd_restore,
    "trash": _cmd_trash,
    "purge": _cmd_purge,
    "history": _cmd_history,
    "questions": _cmd_questions,
    "status": _cmd_status,
}
