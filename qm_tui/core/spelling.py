"""Spell checking of interview text with Hunspell dictionaries through spylls (pure Python).

Swedish uses the `hunspell-sv` dictionary (SFOL-based, 2026), English spylls' bundled `en_US`
(SCOWL). A dictionary is parsed on first use and kept for the process; the caller decides which
thread pays for it (the app loads it in a worker after its first frame). Words the interview
itself defines (names, organisation, every word of its question set, the set's `words` list), the
trade's own words shipped with qm-tui (`domain_words.txt`) and the user's word list are never
flagged, nor are e-mail and web addresses, anything with a digit, and text in quotation marks
(the way to mark a foreign phrase: ”place branding”).

No Textual import: the CLI and the TUI share this module.
"""

from __future__ import annotations

import copy
import difflib
import gc
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import QMError
from .filesystem.atomic import atomic_write
from .filesystem.reading import read_small_text
from .settings.locations import dictionary_dir, user_words_file

if TYPE_CHECKING:
    from spylls.hunspell import Dictionary

    from .interview.model import Interview
    from .interview.questions import QuestionSet

#: Dictionary file name (without .aff/.dic) per question-set language.
DICTIONARY_NAMES = {"sv": "sv_SE", "en": "en_US"}
LANGUAGE_NAMES = {"sv": "Swedish", "en": "English"}
PROBE_WORDS = {"sv": "och", "en": "the"}  # a dictionary that does not know these is unusable
SUGGESTION_BUDGET = 0.4  # seconds; spylls' own suggest can take seconds on long words
MAX_USER_WORDS_SIZE = 1 << 20  # bytes: about 100,000 words; a user's list holds hundreds
QUICK_PASS_BUDGET = 1.0  # seconds the deletions and swaps may take even when the budget is less
MAX_WORD = 64  # characters: no dictionary word is longer; Hunspell is not asked about longer ones


class SpellingUnavailable(QMError):
    """No usable dictionary: spell checking is off, everything else works."""


@dataclass(frozen=True)
class Misspelling:
    """A word the checker does not know, with where it is (0-based line and columns)."""

    word: str
    line: int
    start: int
    end: int
    field: str = ""


# -- dictionaries ----------------------------------------------------------------------------


def enabled() -> bool:
    """Whether the app checks spelling: on unless `QM_TUI_SPELLCHECK` is off, 0, no or false."""
    value = os.environ.get("QM_TUI_SPELLCHECK", "").strip().lower()
    return value not in ("off", "0", "no", "false")


def dictionary_base(lang: str) -> Path:
    """Path (without `.aff`/`.dic`) of the dictionary used for `lang`.

    `QM_TUI_DICTIONARY_DIR` overrides the packaged files: a folder holding `sv_SE.aff/.dic` or
    `en_US.aff/.dic`. Raises SpellingUnavailable when there is none.
    """
    name = DICTIONARY_NAMES.get(lang)
    if name is None:
        raise SpellingUnavailable(f"no spelling dictionary for language {lang!r}")
    override = dictionary_dir()
    if override is not None:
        return override / name
    if lang == "sv":
        packaged = _hunspell_sv_base()
        if packaged is not None:
            return packaged
    import spylls.hunspell

    folder = "sv" if lang == "sv" else "en"
    return Path(spylls.hunspell.__file__).resolve().parent / "data" / folder / name


def _hunspell_sv_base() -> Path | None:
    """Where pip put hunspell-sv's `share/hunspell/sv_SE.aff`, or None if it is not installed."""
    try:
        files = metadata.distribution("hunspell-sv").files or []
    except metadata.PackageNotFoundError:
        return None
    for item in files:
        if item.name == "sv_SE.aff":
            return Path(str(item.locate())).resolve().with_suffix("")
    return None


_load_lock = threading.Lock()
_loaded: dict[tuple[str, tuple[int, int, int, int]], Dictionary] = {}


def is_loaded(lang: str) -> bool:
    """Whether `lang`'s dictionary is already parsed in this process (loading is then instant)."""
    try:
        base = str(dictionary_base(lang))
    except QMError:
        return False
    return any(key[0] == base for key in _loaded)


def load_dictionary(lang: str) -> Dictionary:
    """The parsed dictionary for `lang`, loaded once per process (about 1 s for Swedish).

    Thread-safe. A dictionary whose files change on disk is parsed again. Raises
    SpellingUnavailable with one line saying what is wrong when the files are missing or broken.
    """
    base = dictionary_base(lang)
    aff, dic = base.with_suffix(".aff"), base.with_suffix(".dic")
    what = f"{LANGUAGE_NAMES.get(lang, lang)} spelling dictionary"
    try:
        st_aff, st_dic = aff.stat(), dic.stat()
    except OSError:
        raise SpellingUnavailable(f"{what} not found ({base}.aff/.dic)") from None
    key = (str(base), (st_aff.st_size, st_aff.st_mtime_ns, st_dic.st_size, st_dic.st_mtime_ns))
    with _load_lock:
        found = _loaded.get(key)
        if found is not None:
            return found
        from spylls.hunspell import Dictionary

        # spylls builds millions of small objects: with the collector paused the parse takes a
        # quarter of the time, and freezing them afterwards keeps full collections (almost 1 s
        # over these objects) from pausing the app while the user types.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            dictionary = Dictionary.from_files(str(base))
            probe = PROBE_WORDS[lang]
            if not dictionary.lookup(probe):
                raise ValueError(f"it does not know the word {probe!r}")
        except Exception as exc:  # any parser error means "unusable file"
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SpellingUnavailable(f"{what} cannot be read ({base}.dic): {reason}") from None
        finally:
            if was_enabled:
                gc.enable()
        gc.freeze()
        _loaded[key] = dictionary
        return dictionary


# -- known words -----------------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:[-.'’]\w+)*")
# Every repetition is bounded (a label of a domain name is at most 63 characters, the part
# before an @ at most 64), so that no line, such as 40 KB of `a.a.a.`, makes a search quadratic.
_SKIP = re.compile(
    r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"  # e-mail addresses
    r"|(?:https?://|www\.)\S+"  # web addresses
    r"|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:se|nu|com|org|net|eu|info|io|fi|no|dk|de|uk)\b"
    r"(?:/\S*)?"
    r"|[\"“”„«»][^\"“”„«»\n]*[\"“”„«»]",  # quoted: the writer's mark for a foreign phrase
    re.IGNORECASE,
)
_PARTS = re.compile(r"[-.'’]")


def words_in(text: str) -> Iterator[str]:
    """Every word of `text`, and each part of a hyphenated word (`QM-certifikat` → QM, …)."""
    for match in _WORD.finditer(text):
        token = match.group()
        yield token
        if _PARTS.search(token):
            yield from (part for part in _PARTS.split(token) if part)


def question_set_words(qs: QuestionSet) -> set[str]:
    """Every word of a set: questions, facts, contact and its `words` list."""
    c = qs.contact
    texts = [*qs.questions, qs.facts.heading, qs.facts.text, c.heading, c.name, c.title, c.note]
    found = {w for text in texts for w in words_in(text)}
    for entry in qs.words:
        found.add(entry)
        found.update(words_in(entry))
    return found


def interview_words(iv: Interview) -> set[str]:
    """The interview's own names: person, title, organisation and interviewer."""
    texts = (iv.name, iv.title, iv.organisation, iv.interviewer)
    return {w for text in texts for w in words_in(text)}


DOMAIN_WORDS_FILE = Path(__file__).with_name("domain_words.txt")


def domain_words() -> set[str]:
    """The town-centre trade's own words, shipped with qm-tui (`domain_words.txt`: one word a
    line, `#` comments), known in every interview beside the user's word list."""
    text = DOMAIN_WORDS_FILE.read_text(encoding="utf-8")
    return {w for line in text.splitlines() if (w := line.strip()) and not w.startswith("#")}


def known_words() -> set[str]:
    """The words known in every interview: the shipped domain list and the user's list."""
    return domain_words() | read_user_words()


def read_user_words(path: Path | None = None) -> set[str]:
    """The words of the user's list, one a line (blank lines and `#` comments skipped).

    A missing file is an empty list; an unreadable one raises SpellingUnavailable's sibling
    QMError with the reason.
    """
    path = path or user_words_file()
    try:
        text = read_small_text(path, MAX_USER_WORDS_SIZE, encoding="utf-8-sig")
    except FileNotFoundError:
        return set()
    except UnicodeDecodeError:
        raise QMError(f"cannot read the word list {path}: not UTF-8 text") from None
    except OSError as exc:
        raise QMError(f"cannot read the word list {path}: {exc.strerror or exc}") from None
    return {w for line in text.splitlines() if (w := line.strip()) and not w.startswith("#")}


def add_user_word(word: str, path: Path | None = None) -> None:
    """Add `word` to the user's word list (atomically: a crash keeps the old list)."""
    word = word.strip()
    if not word or any(ch.isspace() or not ch.isprintable() for ch in word):
        raise QMError(f"not a word: {word!r}")
    path = path or user_words_file()
    if word in read_user_words(path):  # the guarded read: a FIFO or a huge file is refused
        return
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    except OSError as exc:
        raise QMError(f"cannot read the word list {path}: {exc.strerror or exc}") from None
    if old and not old.endswith(b"\n"):
        old += b"\n"
    atomic_write(path, old + word.encode("utf-8") + b"\n")


# -- checking --------------------------------------------------------------------------------


class SpellChecker:
    """Checks text against one dictionary plus a set of known words; safe to share by threads."""

    def __init__(self, dictionary: Dictionary, known: Iterable[str] = ()) -> None:
        self.dictionary = dictionary
        self._known: set[str] = set()
        self._known_lower: set[str] = set()
        self._memo: dict[str, bool] = {}
        self.add_known(known)

    def add_known(self, words: Iterable[str]) -> None:
        """Accept these words from now on (exact, or in lower case, or with a genitive -s)."""
        for word in words:
            self._known.add(word)
            self._known_lower.add(word.lower())

    def _is_known(self, word: str) -> bool:
        lower = word.lower()
        if word in self._known or lower in self._known_lower:
            return True
        return lower.endswith("s") and lower[:-1] in self._known_lower

    def in_dictionary(self, word: str) -> bool:
        """What Hunspell says of `word` (compounds included), memoized. False for a token longer
        than MAX_WORD: Hunspell's compound search grows steeply with the length of a word."""
        if len(word) > MAX_WORD:
            return False
        found = self._memo.get(word)
        if found is None:
            found = bool(self.dictionary.lookup(word))
            self._memo[word] = found
        return found

    def is_correct(self, word: str) -> bool:
        """True for a known word, a dictionary word, or a word with a digit or underscore."""
        if self._is_known(word) or any(ch.isdigit() or ch == "_" for ch in word):
            return True
        return self.in_dictionary(word)

    def check(self, text: str, field: str = "") -> list[Misspelling]:
        """The misspelt words of `text`, in order, with their line and columns."""
        found: list[Misspelling] = []
        for line_no, line in enumerate(text.split("\n")):
            # spans in order, never overlapping: one walk along them with the words (linear)
            skip = [m.span() for m in _SKIP.finditer(line)] if _may_skip(line) else []
            at = 0
            for match in _WORD.finditer(line):
                start, end = match.span()
                while at < len(skip) and skip[at][1] <= start:
                    at += 1
                if at < len(skip) and skip[at][0] < end:
                    continue
                for word, s, e in self._wrong_parts(match.group(), start, line):
                    found.append(Misspelling(word, line_no, s, e, field))
        return found

    def _wrong_parts(self, token: str, start: int, line: str) -> list[tuple[str, int, int]]:
        if len(token) < 2 or self.is_correct(token):
            return []
        end = start + len(token)
        if "." in token and line[end : end + 1] == "." and self.is_correct(token + "."):
            return []  # an abbreviation such as bl.a.
        if not _PARTS.search(token):
            return [(token, start, end)]
        wrong = []
        pos = start
        for part in _PARTS.split(token):
            if len(part) >= 2 and not self.is_correct(part):
                wrong.append((part, pos, pos + len(part)))
            pos += len(part) + 1
        return wrong

    def suggest(self, word: str, limit: int = 5, budget: float = SUGGESTION_BUDGET) -> list[str]:
        """Up to `limit` corrections, best first, found within about `budget` seconds.

        Hunspell's own edits come first, then single deletions and swaps that make a compound
        Hunspell accepts, then close known words, then Hunspell's n-gram guesses. Whatever is
        still running when the budget is spent is cut off, in every pass. A token longer than
        any dictionary word (MAX_WORD) gets none.
        """
        if len(word) > MAX_WORD:
            return []
        started = time.perf_counter()
        deadline = started + budget
        quick_deadline = started + max(budget, QUICK_PASS_BUDGET)  # a few ms for usual words
        edits: list[str] = []
        guesses: list[str] = []
        quick = []
        for candidate in _deletes_and_swaps(word):
            if time.perf_counter() > quick_deadline:
                break
            if self.is_correct(candidate):
                quick.append(candidate)
        close = difflib.get_close_matches(word, self._known, n=limit, cutoff=0.8)
        suggester = copy.copy(self.dictionary.suggester)
        suggester.lookup = _DeadlineLookup(suggester.lookup, deadline)
        suggester.words_for_ngram = _DeadlineWords(suggester.words_for_ngram, deadline)
        try:
            for suggestion in suggester.suggestions(word):
                target = guesses if suggestion.kind in ("ngram", "phonet") else edits
                target.append(suggestion.text)
                if len(edits) >= limit:
                    break
        except _OutOfTime:
            pass
        out: list[str] = []
        for candidate in (*edits, *quick, *close, *guesses):
            if candidate != word and candidate not in out:
                out.append(candidate)
        return out[:limit]


def _may_skip(line: str) -> bool:
    return any(ch in line for ch in '@.:"“”„«»')


def _deletes_and_swaps(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
    for i in range(len(word) - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]


class _OutOfTime(Exception):
    """The suggestion budget is spent."""


class _DeadlineLookup:
    """spylls' Lookup, refusing to start a new lookup once the deadline has passed."""

    def __init__(self, lookup: Any, deadline: float) -> None:
        self._lookup = lookup
        self._deadline = deadline

    def _check(self) -> None:
        if time.perf_counter() > self._deadline:
            raise _OutOfTime

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return self._lookup(*args, **kwargs)

    def good_forms(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return self._lookup.good_forms(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lookup, name)


class _DeadlineWords:
    """The word list of spylls' n-gram pass, ending the pass once the deadline has passed."""

    def __init__(self, words: list[Any], deadline: float) -> None:
        self._words = words
        self._deadline = deadline

    def __iter__(self) -> Iterator[Any]:
        deadline = self._deadline
        for i, word in enumerate(self._words):
            if not i & 1023 and time.perf_counter() > deadline:
                raise _OutOfTime
            yield word


# -- interviews ------------------------------------------------------------------------------


def checker_for(iv: Interview, qs: QuestionSet | None, lang: str = "sv") -> SpellChecker:
    """A checker for one interview: its language's dictionary plus every word it knows.

    Raises SpellingUnavailable when the dictionary cannot be loaded, QMError when the user's
    word list cannot be read.
    """
    known = interview_words(iv) | known_words()
    if qs is not None:
        known |= question_set_words(qs)
        lang = qs.lang
    return SpellChecker(load_dictionary(lang), known)


def article_fields(iv: Interview) -> list[tuple[str, str]]:
    """The checked fields of an article in reading order: (field, text)."""
    fields = [("quote", iv.quote)]
    fields += [(f"answers.{i}", a.answer) for i, a in enumerate(iv.answers, 1)]
    fields += [("facts.text", iv.facts.text), ("contact.note", iv.contact.note)]
    return fields


def check_interview(iv: Interview, checker: SpellChecker) -> list[Misspelling]:
    """Every misspelt word of an interview's article, field by field (for Granska and `check`)."""
    found: list[Misspelling] = []
    for field, text in article_fields(iv):
        found += checker.check(text, field)
    return found
