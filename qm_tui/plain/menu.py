"""The start menu of plain mode (`ACCESSIBLE=1 qm-tui`, `qm-tui --plain`): new, continue,
export, quit, one numbered line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.errors import QMError
from ..core.interview.controls import interview_has_controls
from ..core.interview.status import STATUSES
from ..core.publish.export import APP_FORMATS, FORMATS, export_article
from ..core.settings.locations import export_dir
from .prompts import Prompter
from .session import start_interview
from .texts import Texts

LISTED = 20  # the newest interviews read out; any stored id can be typed

if TYPE_CHECKING:
    from ..core.database.store import InterviewStore
    from ..core.interview.questions import QuestionSets


def run_menu(
    store: InterviewStore,
    sets: QuestionSets,
    *,
    set_id: str | None,
    lang: str,
    command: str = "qm-tui",
    prompter: Prompter | None = None,
) -> int:
    """Offer the menu until quit or the end of input; the exit code (130 after Ctrl-C)."""
    t = Texts(lang)
    io = prompter or Prompter()
    try:
        while True:
            for key in ("menu", "menu.new", "menu.continue", "menu.export", "menu.quit"):
                io.say(t(key))
            choice = io.ask(t("menu.prompt"))
            if choice is None or choice.strip() == "4":
                io.say(t("menu.bye"))
                return 0
            choice = choice.strip()
            if choice == "1":
                code = start_interview(
                    store, sets, interview_id=None, set_id=set_id, lang=lang,
                    command=command, prompter=io,
                )  # fmt: skip
            elif choice == "2":
                interview_id = _pick(store, t, io)
                if interview_id is None:
                    continue
                code = start_interview(
                    store, sets, interview_id=interview_id, set_id=None, lang=lang,
                    command=command, prompter=io,
                )  # fmt: skip
            elif choice == "3":
                code = _export(store, sets, t, io)
            else:
                io.say(t("menu.bad"))
                continue
            if code == 130:
                return code
            io.say("")
    except KeyboardInterrupt:
        io.say("")
        return 130


def _pick(store: InterviewStore, t: Texts, io: Prompter) -> int | None:
    """An interview id chosen from the list; None to go back to the menu."""
    summaries = store.summaries()
    if not summaries:
        io.say(t("menu.empty"))
        return None
    for s in summaries[:LISTED]:
        who = s.name.strip() or t("noname")
        if s.organisation.strip():
            who = f"{who}, {s.organisation.strip()}"
        status = t(f"status.{s.status}") if s.status in STATUSES else s.status
        io.say(
            t(
                "menu.row", id=s.id, who=" ".join(who.split()), date=s.date,
                answered=s.answered, questions=s.questions, status=status,
            )
        )  # fmt: skip
    if len(summaries) > LISTED:
        io.say(t("menu.more", n=len(summaries) - LISTED))
    known = {s.id for s in summaries}
    while True:
        line = io.ask(t("menu.id"))
        if line is None or not line.strip():
            return None
        value = line.strip()
        if value.isascii() and value.isdigit() and int(value) in known:
            return int(value)
        io.say(t("menu.bad_id", value=value))


def _export(store: InterviewStore, sets: QuestionSets, t: Texts, io: Prompter) -> int:
    """Export one interview into the export folder, as the app does; 0, or 1 on failure."""
    interview_id = _pick(store, t, io)
    if interview_id is None:
        return 0
    names = ", ".join(FORMATS)
    default = " + ".join(APP_FORMATS)
    while True:
        line = io.ask(t("menu.formats", formats=names, default=default))
        if line is None:
            return 0
        chosen = tuple(line.replace(",", " ").lower().split()) or APP_FORMATS
        unknown = [f for f in chosen if f not in FORMATS]
        if not unknown:
            break
        io.say(t("menu.bad_format", value=unknown[0], formats=names))
    try:
        interview = store.get(interview_id)
        lang = sets.lang_of(interview.question_set)
        paths = export_article(store, interview_id, interview, chosen, export_dir(), lang)
    except (QMError, OSError) as exc:
        io.say(f"qm-tui: error: {exc}")
        return 1
    for path in paths:
        io.say(t("menu.exported", path=str(path)))
    if interview_has_controls(interview):
        io.say(t("menu.controls"))
    return 0
