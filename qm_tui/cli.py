"""The `qm-tui` command: starts the TUI, or runs one scriptable command on the database.

Only the domain core is imported here, so commands such as `qm-tui list` never pay for Textual.
Every expected failure ends in one line on stderr and exit code 1; nothing is written then.
Everything printed that may hold stored text or a path goes through `visible_controls`, so no
control character or bidi override from the database reaches the terminal raw.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, cli_sync
from .core.errors import QMError, UsageError
from .core.filesystem.atomic import atomic_write
from .core.interview.controls import interview_has_controls, json_safe, visible_controls
from .core.interview.status import STATUSES
from .core.settings.locations import default_db_path
from .core.settings.ui_language import detect_lang
from .core.sync.uids import uids_for_import

if TYPE_CHECKING:  # loaded by the commands that need them, to keep `list` and `show` fast
    from .core.database.store import InterviewStore
    from .core.interview.model import Interview
    from .core.interview.questions import QuestionSets


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also documents the commands in `--help`)."""
    from .core.publish.export import FORMATS

    parser = argparse.ArgumentParser(
        prog="qm-tui",
        description="Capture Quality Mark (QM) interviews and publish them as articles. "
        "Without a command, the interactive interview editor starts.",
    )
    parser.add_argument("--version", action="version", version=f"qm-tui {__version__}")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="without a command: plain line-by-line mode with a menu, not the full-screen app "
        "(also when $ACCESSIBLE is set)",
    )
    _add_global_options(parser, None)
    common = argparse.ArgumentParser(add_help=False)
    _add_global_options(common, argparse.SUPPRESS)
    sub = _Subcommands(parser.add_subparsers(dest="command", metavar="COMMAND"), common)

    p = sub.add_parser("list", help="list interviews, newest first")
    p.add_argument("--json", action="store_true", help="print a JSON list of documents with id")
    p = sub.add_parser("show", help="show one interview")
    p.add_argument("id", help="interview id")
    p.add_argument("--json", action="store_true", help="print the JSON document with id")
    p = sub.add_parser(
        "import", help="import interviews from JSON documents or articles (txt, md, docx)"
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="a JSON file of interview documents, or an article: "
        ".txt, .md (with or without front matter) or .docx",
    )
    _add_track_changes(p)
    p = sub.add_parser(
        "update", help="apply a corrected article (docx, txt or md) to an existing interview"
    )
    p.add_argument("id", help="interview id")
    p.add_argument(
        "file", type=Path, metavar="FILE", help="the corrected article: .docx, .txt or .md"
    )
    p.add_argument("--dry-run", action="store_true", help="only show what would change")
    _add_track_changes(p)
    p.add_argument(
        "--force",
        action="store_true",
        help="apply the file even if it names or looks like another interview",
    )
    p = sub.add_parser("export", help="export an interview as an article (md, html, txt, docx)")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("id", nargs="?", help="interview id")
    target.add_argument("--all", metavar="DIR", help="export every interview into DIR")
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
    p.add_argument("--no-meta", action="store_true", help="md: leave out the YAML front matter")
    p.add_argument(
        "--no-typography",
        action="store_true",
        help="html, docx, txt: keep quotes and dashes as typed (no Swedish typography)",
    )
    p.add_argument("--fragment", action="store_true", help="html: the <article> element alone")
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
    p.add_argument(
        "field", nargs="?", help="one field (name, quote, answers.2 …): its earlier values whole"
    )
    p.add_argument("--json", action="store_true", help="print a JSON list of {field, time, value}")
    sub.add_parser("questions", help="print the question sets")
    p = sub.add_parser("status", help="set an interview's publishing status")
    p.add_argument("id", help="interview id")
    p.add_argument(
        "status",
        choices=STATUSES,
        help="approved or published; draft and complete follow what is filled in",
    )
    p = sub.add_parser(
        "interview", help="the interview line by line (for screen readers, slow links, scripts)"
    )
    p.add_argument("id", nargs="?", help="interview id to continue (default: a new interview)")
    p = sub.add_parser("check", help="list misspelt words of an interview, with suggestions")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", help="interview id")
    which.add_argument("--all", action="store_true", help="check every interview")
    p.add_argument("--json", action="store_true", help="print a JSON list of misspelt words")
    from .cli_sync import add_parsers

    add_parsers(sub)
    return parser


def _add_track_changes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--track-changes",
        choices=("accept", "reject"),
        default="accept",
        help="a Word file's tracked changes: accept them (default) or keep the text as before",
    )


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
        """A command; its `help` (the line in `qm-tui --help`) is also the description of its
        own `--help`, capitalised as a sentence."""
        summary = kwargs.get("help", "")
        kwargs.setdefault(
            "description", summary[:1].upper() + summary[1:] + "." if summary else None
        )
        parser: argparse.ArgumentParser = self._action.add_parser(
            name, parents=[self._common], **kwargs
        )
        return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `qm-tui` script; returns the exit code."""
    _tolerate_legacy_encodings()
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    args.opened_stores = []
    try:
        if args.command is None:
            if args.plain or os.environ.get("ACCESSIBLE"):
                return _run_plain_menu(args)
            return _run_tui(args)
        code = _COMMANDS[args.command](args)
        _report_skipped(args)
        return code
    except QMError as exc:
        _report_skipped(args)
        _err(f"qm-tui: error: {exc}")
        return 1
    except RecursionError:  # a last guard: every known deep input is caught where it is read
        _err("qm-tui: error: the input is nested too deeply to read")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # stdout closed early (`qm-tui list | head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _tolerate_legacy_encodings() -> None:
    """On a terminal or pipe whose encoding is not UTF-8 (a legacy locale such as
    `sv_SE.ISO-8859-1`, `PYTHONIOENCODING=latin-1`), characters outside that charset are written
    as escapes (`\\u0142`) instead of ending the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            unicode_safe = codecs.lookup(encoding).name.startswith("utf")
        except LookupError:
            unicode_safe = False
        if not unicode_safe and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")  # `_print_json` checks for this


def _db_path(args: argparse.Namespace) -> Path:
    if args.db:
        return Path(args.db).expanduser()

    return default_db_path()


def _store(args: argparse.Namespace) -> InterviewStore:
    from .core.database.store import InterviewStore  # not before: the app paints its list first

    store = InterviewStore(_db_path(args))
    args.opened_stores.append(store)
    return store


def _report_skipped(args: argparse.Namespace) -> None:
    """One warning line per database naming the documents that could not be read."""
    for store in getattr(args, "opened_stores", ()):
        summary = store.skipped_summary()
        if summary:
            _err(f"qm-tui: warning: {summary}")
    args.opened_stores = []


def _say(text: str) -> None:
    """Print a line of stored text to stdout, with control characters made visible."""
    print(visible_controls(text))


def _err(text: str) -> None:
    """Print a line to stderr, with control characters made visible."""
    print(visible_controls(text), file=sys.stderr)


def _id(raw: str) -> int:
    ok = raw.isascii() and raw.isdigit() and len(raw) <= 15
    value = int(raw) if ok else 0
    if value < 1:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise UsageError(f"not an interview id: {shown!r} (ids are numbers, see 'qm-tui list')")
    return value


def _print_json(data: Any) -> None:
    # on a stream that cannot take every character (a legacy locale), JSON's own \\u escapes
    # keep the output valid JSON
    ascii_only = sys.stdout.errors == "backslashreplace"
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=ascii_only, indent=2)) + "\n")


def _cmd_list(args: argparse.Namespace) -> int:
    store = _store(args)
    _note_conflict_copies(store.path)
    if args.json:
        _print_json(store.documents())
        return 0
    summaries = store.summaries()
    if not summaries:
        print("No interviews yet. Start the editor with 'qm-tui', or import with 'qm-tui import'.")
        return 0
    rows = [
        (
            str(s.id),
            s.date,
            s.name or "-",
            s.organisation or "-",
            s.status,
            f"{s.answered}/{s.questions}",
        )
        for s in summaries
    ]
    _print_table(("ID", "DATE", "NAME", "ORGANISATION", "STATUS", "ANSWERED"), rows)
    return 0


def _note_conflict_copies(db: Path) -> None:
    """Name on stderr each sync-folder conflict copy beside the database, with the command
    that joins it."""
    from .core.sync.copies import conflict_copies

    for copy in conflict_copies(db):
        _err(
            f"qm-tui: note: {copy} looks like a sync folder's conflict copy of the database, "
            "with changes made elsewhere; join it with: "
            f"qm-tui --db {shlex.quote(str(db))} merge {shlex.quote(str(copy))}"
        )


def _print_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    cells = [header, *((_one_line(visible_controls(c), 40) for c in row) for row in rows)]
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
    if iv.review:
        from .core.intake.update_report import comment_line

        lines += ["", "Review comments (never exported):"]
        lines += [f"{c.field}: {comment_line(c)}" for c in iv.review]
    _say("\n".join(lines))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .core.intake.importing import duplicate_warnings, read_article_file, read_import
    from .core.intake.update_report import comment_line

    sets = _load_sets()
    interviews: list[Interview] = []
    warnings: list[str] = []
    reports: list[str] = []
    for path in args.files:
        source = read_article_file(path, sets)
        found, warned, tracked = read_import(source, sets, args.track_changes)
        interviews += found
        warnings += warned
        if tracked or any(iv.review for iv in found):
            from .core.intake.update_report import marks_by_field, tracked_line

            reports.append(f"{path}: tracked changes {args.track_changes}ed, and comments:")
            comments = found[0].review if found else ()
            for where, (changes, notes) in marks_by_field(tuple(tracked), comments).items():
                reports.append(f"{where}:")
                reports += [f"  {tracked_line(c, args.track_changes == 'accept')}" for c in changes]
                reports += [f"  {comment_line(c)}" for c in notes]
    store = _store(args)
    interviews, warned = uids_for_import(interviews, store.uids())
    warnings += warned
    ids = store.add_many(interviews)
    warnings += duplicate_warnings([(item.id, item.interview) for item in store.list()], ids)
    for line in warnings:
        _err(f"qm-tui: warning: {line}")
    for line in reports:
        _err(line)
    print("\n".join(str(i) for i in ids))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .core.publish.export import ExportOptions, export_all, render

    store = _store(args)
    sets = _load_sets()

    def options_for(iv: Interview, interview_id: int | None = None) -> ExportOptions:
        return ExportOptions(
            lang=sets.lang_of(iv.question_set),
            meta=not args.no_meta,
            typography=not args.no_typography,
            fragment=args.fragment,
            interview_id=interview_id,
        )

    if args.all is not None:
        if args.output is not None:
            raise UsageError("use either --all DIR or -o FILE, not both")
        from .core.publish.export_folder import ExportFolder

        folder = ExportFolder(args.all).folder  # refuses an empty name before reading anything
        everyone = [(item.id, item.interview) for item in store.list()]

        def wanted(iv: Interview) -> bool:
            return bool(args.include_empty or iv.answered)

        export_all(everyone, folder, args.format, options_for, include=wanted)
        items = [(i, iv) for i, iv in everyone if wanted(iv)]
        for interview_id, interview in items:
            _warn_notes(interview_id, interview)
        _report_skipped(args)
        _err(f"Exported {len(items)} interview(s) to {folder}")
        if len(items) < len(everyone):
            _err(
                f"Skipped {len(everyone) - len(items)} interview(s) with no answers "
                "(--include-empty exports them too)"
            )
        return 0
    interview_id = _id(args.id)
    if args.output is not None and not Path(args.output).parent.is_dir():
        # a mistyped folder is an error: only --all DIR makes its own
        parent = Path(args.output).parent
        raise UsageError(f"no folder {parent} to write {args.output} in (create it first)")
    interview = store.get(interview_id)
    if args.output is None and args.format == "docx" and sys.stdout.isatty():
        raise UsageError("a Word document is binary: write it to a file with -o FILE.docx")
    data = render(interview, args.format, options_for(interview, interview_id))
    _warn_notes(interview_id, interview)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(_for_stdout(data))
        sys.stdout.flush()
        return 0

    atomic_write(Path(args.output), data)
    _err(f"Wrote {args.output}")
    return 0


def _for_stdout(data: bytes) -> bytes:
    """An article as written to stdout: on a terminal, with control characters made visible."""
    if not sys.stdout.isatty():
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("this format is binary and stdout is a terminal; use -o FILE") from None
    return visible_controls(text).encode("utf-8")


def _cmd_update(args: argparse.Namespace) -> int:
    from .core.intake.update import apply_update, plan_update_from_file
    from .core.intake.update_checks import other_interview, stale_warnings
    from .core.intake.update_report import report_lines
    from .core.interview.questions import load_question_sets

    store = _store(args)
    interview_id = _id(args.id)
    current = store.get(interview_id)
    plan = plan_update_from_file(current, Path(args.file), load_question_sets(), args.track_changes)
    problem = other_interview(interview_id, current, plan, _lookup(store))
    if problem is not None and not args.force:
        raise UsageError(f"{args.file}: {problem}; nothing saved (--force applies it anyway)")
    warnings = list(plan.warnings)
    if problem is not None:
        warnings.append(f"{problem}; applied anyway (--force)")
    warnings += stale_warnings(plan, store.history(interview_id))
    for line in warnings:
        _err(f"qm-tui: warning: {line}")
    if not plan.saves:
        _say(f"No changes: interview {interview_id} already matches {args.file}.")
        return 0
    for line in report_lines(plan, args.track_changes == "accept"):
        _say(line)
    fields, comments = len(plan.changes), len(plan.comments)
    if args.dry_run:
        print(
            f"Dry run: {fields} field(s) would change and {comments} comment(s) would be kept; "
            "nothing was saved."
        )
        return 0
    apply_update(store, interview_id, plan, base=current)
    print(
        f"Saved {fields} changed field(s) and {comments} new comment(s) to interview "
        f"{interview_id}; the earlier values are in 'qm-tui history {interview_id}'."
    )
    return 0


def _lookup(store: InterviewStore) -> Callable[[int], Interview | None]:
    def lookup(other: int) -> Interview | None:
        try:
            return store.get(other)
        except QMError:
            return None

    return lookup


def _warn_notes(interview_id: int, iv: Interview) -> None:
    if iv.notes.strip():
        _err(
            f"qm-tui: warning: interview {interview_id} has notes from an import that the "
            f"article does not show (see 'qm-tui show {interview_id}')"
        )
    if interview_has_controls(iv):
        _err(
            f"qm-tui: warning: interview {interview_id} holds control characters; the article "
            "leaves them out"
        )


def _load_sets() -> QuestionSets:
    """The question sets; each file that could not be used gets one warning line."""
    from .core.interview.questions import load_question_sets

    sets = load_question_sets()
    for error in sets.errors:
        _err(f"qm-tui: warning: question set {error}; skipped")
    return sets


def _cmd_delete(args: argparse.Namespace) -> int:
    interview_id = _id(args.id)
    _store(args).delete(interview_id)
    print(f"Moved interview {interview_id} to the trash (undo with: qm-tui restore {interview_id})")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    interview_id = _id(args.id)
    stored = _store(args).restore(interview_id)
    name = stored.interview.name or "no name"
    if stored.id != interview_id:
        _say(f"Restored interview {interview_id} ({name}) as {stored.id}: {interview_id} is in use")
    else:
        _say(f"Restored interview {interview_id} ({name})")
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
    versions = store.history(interview_id, args.field)
    if args.json:
        _print_json([{"field": v.field, "time": v.saved, "value": v.value} for v in versions])
        return 0
    if not versions:
        which = f" of {args.field}" if args.field else ""
        print(f"Interview {interview_id} has no earlier versions{which}.")
        return 0
    if args.field is not None:  # one field: every earlier value whole, newest first
        blocks = [f"-- {args.field} until {v.saved}:\n{v.value or '(empty)'}" for v in versions]
        _say("\n\n".join(blocks))
        return 0
    rows = [(v.saved, v.field, _one_line(v.value, 60) or "(empty)") for v in versions]
    _print_table(("UNTIL", "FIELD", "EARLIER VALUE"), rows)
    print(f"Each value whole: qm-tui history {interview_id} FIELD (or --json)")
    return 0


def _cmd_questions(args: argparse.Namespace) -> int:
    from .core.interview.questions import DEFAULT_SET

    sets = _load_sets()
    blocks = []
    ordered = sorted(sets.sets.values(), key=lambda qs: (qs.id != DEFAULT_SET, qs.id))
    for qs in ordered:
        lines = [f"{qs.id}: {qs.title}"]
        lines += [f"{i}. {q}" for i, q in enumerate(qs.questions, 1)]
        blocks.append("\n".join(lines))
    _say("\n\n".join(blocks))
    return 0 if sets.sets else 1


def _cmd_status(args: argparse.Namespace) -> int:
    store = _store(args)
    interview_id = _id(args.id)
    iv = store.get(interview_id)
    chosen = iv.with_chosen_status(args.status)  # the editor's rule: draft/complete follow text
    if chosen.status != args.status:
        if args.status == "complete":
            why = f"it still lacks {', '.join(iv.gaps())}"
        else:
            why = "every answer, the name and the quote are filled in"
        raise UsageError(
            f"interview {interview_id} cannot be {args.status}: {why} "
            "(draft and complete follow what is filled in)"
        )
    if iv.status != chosen.status:
        store.save(interview_id, chosen)
    print(f"Interview {interview_id} is {args.status} (was {iv.status})")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .core.interview.questions import load_question_sets
    from .core.spelling import check_interview, checker_for
    from .tui.i18n import Texts  # the field names only: no Textual import there

    store = _store(args)
    sets = load_question_sets()
    if args.all:
        items = sorted((item.id, item.interview) for item in store.list())
    else:
        interview_id = _id(args.id)
        items = [(interview_id, store.get(interview_id))]
    found: list[dict[str, Any]] = []
    suggestions: dict[str, list[str]] = {}
    for interview_id, iv in items:
        checker = checker_for(iv, sets.get(iv.question_set), sets.lang_of(iv.question_set))
        for miss in check_interview(iv, checker):
            if miss.word not in suggestions:
                suggestions[miss.word] = checker.suggest(miss.word)
            found.append(
                {
                    "id": interview_id,
                    "word": miss.word,
                    "field": miss.field,
                    "line": miss.line + 1,
                    "column": miss.start + 1,
                    "suggestions": suggestions[miss.word],
                }
            )
    if args.json:
        _print_json(found)
        return 0
    english = Texts("en")
    for f in found:
        where = f"{english.field_label(f['field'])}, line {f['line']}"
        prefix = f"interview {f['id']}, " if args.all else ""
        hints = ", ".join(f["suggestions"]) or "(no suggestions)"
        print(f"{f['word']} ({prefix}{where}): {hints}")
    print(f"{len(found)} misspelt word(s) in {len(items)} interview(s)", file=sys.stderr)
    return 0


def _plain_command(args: argparse.Namespace) -> str:
    """How the user runs qm-tui, for the commands plain mode suggests (`--db` kept)."""
    return f"qm-tui --db {shlex.quote(str(args.db))}" if args.db else "qm-tui"


def _cmd_interview(args: argparse.Namespace) -> int:
    from .plain.session import start_interview

    interview_id = None if args.id is None else _id(args.id)
    sets = _load_sets()
    store = _store(args)
    return start_interview(
        store,
        sets,
        interview_id=interview_id,
        set_id=args.question_set,
        lang=detect_lang(args.lang),
        command=_plain_command(args),
    )


def _run_plain_menu(args: argparse.Namespace) -> int:
    from .plain.menu import run_menu

    sets = _load_sets()
    sets.for_new_interviews(args.question_set)  # an unknown --set stops here, with one line
    return run_menu(
        _store(args),
        sets,
        set_id=args.question_set,
        lang=detect_lang(args.lang),
        command=_plain_command(args),
    )


def _run_tui(args: argparse.Namespace) -> int:
    from .core.settings.config import chosen_set_id

    # An unknown --set, $QM_TUI_SET or config setting stops here, with one line. The default
    # set is always usable, so then the sets are not read here (about 5 ms before the first
    # frame): the app reads them on first use and names a broken file in a notification.
    if chosen_set_id(args.question_set)[1] != "default":
        _load_sets().for_new_interviews(args.question_set)
    # a corrupt or unreadable file stops here, before the screen changes
    store = _store(args)
    from .tui.app import QMApp

    app = QMApp(store=store, lang=args.lang, question_set=args.question_set)
    app.run()
    return app.return_code or 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _cmd_list,
    "show": _cmd_show,
    "import": _cmd_import,
    "update": _cmd_update,
    "export": _cmd_export,
    "delete": _cmd_delete,
    "restore": _cmd_restore,
    "trash": _cmd_trash,
    "purge": _cmd_purge,
    "history": _cmd_history,
    "questions": _cmd_questions,
    "status": _cmd_status,
    "check": _cmd_check,
    "interview": _cmd_interview,
    "merge": lambda args: _sync_command("merge", args),
    "merge-driver": lambda args: _sync_command("merge_driver", args),
    "sync": lambda args: _sync_command("sync", args),
}


def _sync_command(name: str, args: argparse.Namespace) -> int:
    """The sharing commands live in `cli_sync` (loaded only for them)."""
    command: Any = getattr(cli_sync, f"cmd_{name}")
    return int(command(args))
