"""The interview line by line: person, the questions, the quote, then a summary.

Every rule comes from the core: the question set gives the questions, `Interview.gaps()` what is
missing, `settled_status()` the status, `quote_candidates` the sentences to pick from, the
spelling module the misspelt words. Each field is written through the store as soon as it is
finished, so a killed process loses at most the field being typed; the end of input and Ctrl-C
save what is typed first.
"""

from __future__ import annotations

import enum
import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from ..core.errors import QMError
from ..core.interview.controls import json_safe
from ..core.interview.model import PERSON_FIELDS, Interview, today_iso
from ..core.interview.quote import quote_candidates
from ..core.interview.rules import is_filled, is_iso_date
from ..core.publish.filenames import article_stem
from ..core.spelling import checker_for, enabled, interview_words, load_dictionary
from .commands import HELP_KEYS, Command, UnknownCommand, read_command
from .prompts import Prompter
from .texts import Texts

if TYPE_CHECKING:
    from ..core.database.store import InterviewStore
    from ..core.interview.questions import QuestionSet, QuestionSets
    from ..core.spelling import SpellChecker

SHORT = 200  # characters of a long current value shown in a prompt (/läs reads it all)
SPELLING_WORDS = 8  # misspelt words of one field given a suggestion (each can take 0.4 s)


class Move(enum.Enum):
    """Where the walk goes after a field."""

    NEXT = "next"
    BACK = "back"
    DONE = "done"


class EndOfInput(Exception):
    """The input ended (a pipe ran dry, or Ctrl-D on a terminal)."""


class InterviewSession:
    """One interview, asked field by field and saved field by field."""

    def __init__(
        self,
        store: InterviewStore,
        interview: Interview,
        interview_id: int | None,
        question_set: QuestionSet | None,
        texts: Texts,
        prompter: Prompter,
        command: str = "qm-tui",
    ) -> None:
        self.store = store
        self.interview = interview
        self.id = interview_id
        self.base: Interview | None = interview if interview_id is not None else None
        self.qs = question_set
        self.t = texts
        self.io = prompter
        self.command = command  # how the user runs qm-tui (with --db when one was given)
        self.continuing = interview_id is not None
        self.dirty = False  # the interview holds text the store does not have
        self._typing: tuple[str, list[str]] | None = None  # an answer's lines not yet finished
        self._checker: SpellChecker | None = None
        self._spelling_on = True  # off when switched off or no dictionary could be loaded

    # -- the walk ---------------------------------------------------------------------------

    def fields(self) -> list[str]:
        """The field paths asked, in order."""
        answers = [f"answers.{n}" for n in range(1, len(self.interview.answers) + 1)]
        return [*PERSON_FIELDS, *answers, "quote"]

    def run(self) -> int:
        """Ask every field, then print the summary; the exit code (130 after Ctrl-C)."""
        self._preload_dictionary()
        if self.continuing:
            self.io.say(self.t("start.continue", id=self.id, who=self._who()))
        else:
            self.io.say(self.t("start"))
        code = 0
        try:
            self._walk()
        except EndOfInput:
            self._finish_typing(check=False)  # nobody is left to read the spelling
            self.io.say(self.t("eof"))
        except KeyboardInterrupt:
            with _no_interrupts():
                self._finish_typing(check=False)
                self.io.say("")
                self.io.say(self.t("interrupted"))
            code = 130
        with _no_interrupts():
            if self.id is not None and self.interview.settled_status() != self.interview.status:
                self.dirty = True  # stored before the status rule ran (an import, a script)
            if not self._save_or_dump():
                return 1
            self._summary()
        return code

    def _walk(self) -> None:
        fields = self.fields()
        index = 0
        while index < len(fields):
            path = fields[index]
            if path == "quote":
                move = self._ask_quote()
            elif path.startswith("answers."):
                move = self._ask_answer(int(path.split(".")[1]))
            else:
                move = self._ask_person(path)
            if move is Move.DONE:
                return
            if move is Move.BACK:
                if index == 0:
                    self.io.say(self.t("cmd.first"))
                    continue
                index -= 1
            else:
                index += 1

    # -- reading lines ----------------------------------------------------------------------

    def _line(self, prompt: str = "") -> Command | str | None:
        """The next line as a command or as text; None after an unknown command (said so)."""
        line = self.io.ask(prompt)
        if line is None:
            raise EndOfInput
        if self.io.removed_controls:
            self.io.say(self.t("controls"))
        try:
            return read_command(line)
        except UnknownCommand as exc:
            self.io.say(self.t("cmd.unknown", line=str(exc)))
            return None

    def _help(self) -> None:
        self.io.say(self.t("help"))
        for key in (*HELP_KEYS, "help.slash"):
            self.io.say(self.t(key))

    def _read_back(self, path: str) -> None:
        label = self._label(path)
        value = self.interview.text_of(path)
        if is_filled(value):
            self.io.say(self.t("read.value", label=label, value=value))
        else:
            self.io.say(self.t("read.empty", label=label))

    def _label(self, path: str) -> str:
        if path.startswith("answers."):
            return self.t("field.answer", n=path.split(".")[1])
        return self.t(f"field.{path}")

    # -- the fields -------------------------------------------------------------------------

    def _ask_person(self, path: str) -> Move:
        label = self._label(path)
        while True:
            current = self.interview.text_of(path)
            if path == "date" and not self.continuing and current == today_iso():
                prompt = self.t("prompt.date.new", label=label, today=current)
            elif is_filled(current):
                prompt = self.t("prompt.keep", label=label, value=_short(current, 80))
            elif self.continuing:
                prompt = self.t("prompt.keep.empty", label=label)
            else:
                prompt = self.t("prompt.new", label=label)
            got = self._line(prompt)
            if got is None:
                continue
            if isinstance(got, Command):
                move = self._common_command(got, path)
                if move is not None:
                    return move
                if got is not Command.CLEAR:
                    continue
                if path == "date":
                    self.io.say(self.t("date.not_empty", value=current))
                    continue
                self._set(path, "")
                return Move.NEXT
            value = got.strip()
            if not value:
                return Move.NEXT  # an empty line keeps what is there
            if path == "date" and not is_iso_date(value):
                self.io.say(self.t("date.bad", value=value, today=today_iso()))
                continue
            self._set(path, value)
            return Move.NEXT

    def _common_command(self, command: Command, path: str) -> Move | None:
        """What read, help, back, skip and done do in any field (None: ask again)."""
        if command is Command.READ:
            self._read_back(path)
        elif command is Command.HELP:
            self._help()
        elif command is Command.BACK:
            return Move.BACK
        elif command is Command.SKIP:
            return Move.NEXT
        elif command is Command.DONE:
            return Move.DONE
        return None

    def _ask_answer(self, n: int) -> Move:
        path = f"answers.{n}"
        answer = self.interview.answers[n - 1]
        if n == 1:
            self.io.say(self.t("answers.intro"))
        count = len(self.interview.answers)
        self.io.say(self.t("question", n=n, count=count, question=answer.question))
        if is_filled(answer.answer):
            self.io.say(self.t("answer.current", value=_short(answer.answer, SHORT)))
            self.io.say(self.t("answer.keep"))
        lines: list[str] = []
        self._typing = (path, lines)  # kept by `_finish_typing`, also at the end of input
        while True:
            got = self._line()
            if got is None:
                continue
            if isinstance(got, str):
                if is_filled(got):
                    lines.append(got)
                    continue
                self._finish_typing()
                return Move.NEXT
            if got is Command.READ:
                self._read_back(path)
                if lines:
                    self.io.say(self.t("cmd.typed"))
                    self.io.say("\n".join(lines))
                continue
            if got is Command.HELP:
                self._help()
                continue
            if got is Command.CLEAR:  # the typed lines go too: that is what was asked
                self._typing = None
                self._set(path, "")
                return Move.NEXT
            self._finish_typing()
            move = self._common_command(got, path)
            assert move is not None
            return move

    def _finish_typing(self, *, check: bool = True) -> None:
        """Keep the lines of the answer being typed (if any), saved and spell-checked."""
        if self._typing is None:
            return
        path, lines = self._typing
        self._typing = None
        if lines:
            text = "\n".join(lines)
            self._set(path, text)
            if check:
                self._check_spelling(text)

    def _ask_quote(self) -> Move:
        candidates = quote_candidates(a.answer for a in self.interview.answers)
        current = self.interview.quote
        if is_filled(current):
            self.io.say(self.t("quote.intro.keep", value=_short(current, SHORT)))
        else:
            self.io.say(self.t("quote.intro"))
        if not candidates:
            self.io.say(self.t("quote.none"))
        for n, sentence in enumerate(candidates, 1):
            self.io.say(self.t("quote.candidate", n=n, sentence=sentence))
        prompt = self.t("prompt.new", label=self.t("field.quote"))
        while True:
            got = self._line(prompt)
            if got is None:
                continue
            if isinstance(got, Command):
                move = self._common_command(got, "quote")
                if move is not None:
                    return move
                if got is Command.CLEAR:
                    self._set("quote", "")
                    return Move.NEXT
                continue
            value = got.strip()
            if not value:
                return Move.NEXT
            if candidates and value.isascii() and value.isdigit():
                if not 1 <= int(value) <= len(candidates):
                    self.io.say(self.t("quote.bad_number", n=value, count=len(candidates)))
                    continue
                self._set("quote", candidates[int(value) - 1])
                return Move.NEXT
            self._set("quote", value)
            self._check_spelling(value)
            return Move.NEXT

    # -- saving -----------------------------------------------------------------------------

    def _set(self, path: str, text: str) -> None:
        """Change one field and save at once."""
        if self.interview.text_of(path) == text:
            return
        self.interview = self.interview.with_text(path, text)
        self.dirty = True
        self._save()

    def _save(self) -> bool:
        """Write the interview if it changed; False (said so) when the store refused."""
        if not self.dirty:
            return True
        snapshot = self.interview.with_status()
        try:
            if self.id is None:
                self.id = self.store.add(snapshot)
                self.io.say(self.t("saved.first", id=self.id))
                saved = snapshot
            else:
                result = self.store.save(self.id, snapshot, self.base, readd=True)
                saved = result.interview
                if result.readded:
                    self.id = result.id
                    self.io.say(self.t("saved.readded", id=self.id))
                elif result.conflict:
                    self.io.say(self.t("saved.conflict", id=self.id))
        except (QMError, OSError) as exc:
            self.io.say(self.t("save.failed", error=exc))
            return False
        self.interview = self.base = saved
        self.dirty = False
        return True

    def _save_or_dump(self) -> bool:
        """The last save; if it fails, the unsaved interview is printed, so nothing is lost."""
        if self._save():
            return True
        self.io.say(self.t("save.lost", error="-"))
        self.io.say(json_safe(json.dumps(self.interview.to_dict(), ensure_ascii=False, indent=2)))
        return False

    # -- spelling ---------------------------------------------------------------------------

    def _lang(self) -> str:
        return self.qs.lang if self.qs is not None else "sv"

    def _preload_dictionary(self) -> None:
        """Parse the dictionary in the background while the person fields are typed."""
        if not enabled():
            self._spelling_on = False
            return

        def load() -> None:
            with suppress(QMError):  # said when the first answer is checked
                load_dictionary(self._lang())

        threading.Thread(target=load, name="dictionary", daemon=True).start()

    def _check_spelling(self, text: str) -> None:
        """Say the misspelt words of a finished text, each with its first suggestion."""
        if not self._spelling_on:
            return

        try:
            if self._checker is None:
                self._checker = checker_for(self.interview, self.qs, self._lang())
            else:  # a name typed since the checker was made is no misspelling
                self._checker.add_known(interview_words(self.interview))
            checker = self._checker
        except QMError as exc:
            self._spelling_on = False
            self.io.say(self.t("spelling.off", error=exc))
            return
        words: list[str] = []
        for miss in checker.check(text):
            if miss.word not in words:
                words.append(miss.word)
        if not words:
            return
        shown = []
        for word in words[:SPELLING_WORDS]:
            first = checker.suggest(word, limit=1)
            shown.append(f"{word} ({first[0]})" if first else word)
        if len(words) > SPELLING_WORDS:
            shown.append(self.t("spelling.more", n=len(words) - SPELLING_WORDS))
        self.io.say(self.t("spelling", words=", ".join(shown)))

    # -- the end ----------------------------------------------------------------------------

    def _who(self) -> str:
        iv = self.interview
        name = iv.name.strip() or self.t("noname")
        return f"{name}, {iv.organisation.strip()}" if is_filled(iv.organisation) else name

    def _summary(self) -> None:
        if self.id is None:
            self.io.say(self.t("summary.nothing"))
            return

        iv = self.interview.with_status()
        status = self.t(f"status.{iv.status}")
        self.io.say(self.t("summary.id", id=self.id, who=_short(self._who(), 80), status=status))
        gaps = [self._gap(gap) for gap in iv.gaps()]
        if gaps:
            self.io.say(self.t("summary.missing", gaps=", ".join(gaps)))
        else:
            self.io.say(self.t("summary.complete"))
        export = f"{self.command} export {self.id} --format docx -o {article_stem(iv)}.docx"
        self.io.say(self.t("summary.export", command=export))
        self.io.say(self.t("summary.continue", command=f"{self.command} interview {self.id}"))

    def _gap(self, gap: str) -> str:
        if gap.startswith("answers."):
            return self.t("gap.answer", n=gap.split(".")[1])
        return self.t(f"gap.{gap}")


def _short(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


@contextmanager
def _no_interrupts() -> Iterator[None]:
    """Ctrl-C waits while the last save and the summary are written (main thread only)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to hold off
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def start_interview(
    store: InterviewStore,
    sets: QuestionSets,
    *,
    interview_id: int | None,
    set_id: str | None,
    lang: str,
    command: str = "qm-tui",
    prompter: Prompter | None = None,
) -> int:
    """Run `qm-tui interview [ID]`: a new interview, or the stored one continued."""
    texts = Texts(lang)
    io = prompter or Prompter()
    if interview_id is None:
        new = sets.for_new_interviews(set_id)
        return InterviewSession(store, new.new_interview(), None, new, texts, io, command).run()
    interview = store.get(interview_id)
    if set_id and set_id != interview.question_set:
        io.say(texts("set.kept", id=interview_id, set=interview.question_set))
    qs = sets.get(interview.question_set)
    return InterviewSession(store, interview, interview_id, qs, texts, io, command).run()
