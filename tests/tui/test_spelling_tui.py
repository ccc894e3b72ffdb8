"""The spell-checking field and its F7 list, driven by Pilot in a small app of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from qm_tui.core.spelling import read_user_words
from qm_tui.tui.dialogs.spelling import SpellingDialog
from qm_tui.tui.widgets.spell_text_area import SpellTextArea

from ..conftest import notified, wait_for

WORDS = ["och", "hej", "samverkan", "stad", "stadskärna", "bra"]


@pytest.fixture(autouse=True)
def tiny_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small Swedish dictionary, so that every test loads in milliseconds."""
    folder = tmp_path / "dict"
    folder.mkdir()
    (folder / "sv_SE.aff").write_text("SET UTF-8\nTRY aerndtislogmkpbhfjuväcöåy\n")
    (folder / "sv_SE.dic").write_text(f"{len(WORDS)}\n" + "\n".join(WORDS) + "\n")
    monkeypatch.setenv("QM_TUI_DICTIONARY_DIR", str(folder))
    SpellTextArea._reported.clear()
    return folder


class FieldApp(App[None]):
    """Two spell-checking fields, as an answer step would have."""

    def __init__(self, text: str = "", known: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.text = text
        self.known = known

    def compose(self) -> ComposeResult:
        yield SpellTextArea(self.text, id="answer", known=self.known)
        yield SpellTextArea("", id="quote")


def underlined(area: SpellTextArea, line: int) -> list[str]:
    text = area.get_line(line)
    return [text.plain[s.start : s.end] for s in text.spans if "underline" in str(s.style)]


async def test_misspelt_words_are_marked_as_you_type() -> None:
    app = FieldApp()
    async with app.run_test(size=(80, 20)) as pilot:
        area = app.query_one("#answer", SpellTextArea)
        await wait_for(pilot, lambda: area.checker is not None, timeout=30)
        area.focus()
        await pilot.press(*"hej samvrekan och stad")
        await wait_for(pilot, lambda: bool(area.misspellings), timeout=30)
        assert [(m.word, m.line, m.start, m.end) for m in area.misspellings] == [
            ("samvrekan", 0, 4, 13)
        ]
        assert underlined(area, 0) == ["samvrekan"]
        await pilot.press("end", *"x")  # "stadx"
        await wait_for(pilot, lambda: len(area.misspellings) == 2, timeout=30)
        assert underlined(area, 0) == ["samvrekan", "stadx"]
        assert area.text == "hej samvrekan och stadx"


async def test_a_stale_mark_is_never_drawn_on_other_letters() -> None:
    app = FieldApp("hej samvrekan")
    async with app.run_test(size=(80, 20)) as pilot:
        area = app.query_one("#answer", SpellTextArea)
        await wait_for(pilot, lambda: bool(area.misspellings), timeout=30)
        area.spell_check = False  # no new check: only the old marks remain
        area._marks = {0: [(4, 13, "samvrekan")]}
        area.replace("samverkan", (0, 4), (0, 13))
        await pilot.pause()
        assert underlined(area, 0) == []
        # a check result for an older text is dropped
        generation = area._generation
        area._set_marks(generation - 1, [])
        assert area._marks == {0: [(4, 13, "samvrekan")]}


async def test_known_words_and_checking_off() -> None:
    app = FieldApp("hej Gnarp och Zqx", known=("Gnarp",))
    async with app.run_test(size=(80, 20)) as pilot:
        area = app.query_one("#answer", SpellTextArea)
        await wait_for(pilot, lambda: bool(area.misspellings), timeout=30)
        assert [m.word for m in area.misspellings] == ["Zqx"]
        area.spell_check = False
        await pilot.pause()
        assert underlined(area, 0) == []
        area.focus()
        await pilot.press("end", *" Qwy")
        await pilot.pause(0.5)
        assert [m.word for m in area.misspellings] == []
        area.spell_check = True
        await wait_for(pilot, lambda: len(area.misspellings) == 2, timeout=30)


async def test_f7_lists_the_fields_misspellings_and_enter_replaces() -> None:
    app = FieldApp("hej samvrekan och stadskärrna")
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one("#answer", SpellTextArea)
        await wait_for(pilot, lambda: len(area.misspellings) == 2, timeout=30)
        area.focus()
        await pilot.press("f7")
        dialog = app.screen
        assert isinstance(dialog, SpellingDialog)
        assert [m.word for m in dialog.misspellings] == ["samvrekan", "stadskärrna"]
        await wait_for(pilot, lambda: None not in dialog.suggestions.values(), timeout=30)
        assert dialog.suggestions["samvrekan"] == ["samverkan"]
        await pilot.press("enter")  # the first suggestion of the first word
        await wait_for(pilot, lambda: area.text == "hej samverkan och stadskärrna", timeout=30)
        await wait_for(
            pilot, lambda: [m.word for m in area.misspellings] == ["stadskärrna"], timeout=30
        )
        await pilot.press("f7")
        await wait_for(pilot, lambda: None not in app.screen.suggestions.values())  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: area.text == "hej samverkan och stadskärna", timeout=30)
        await wait_for(pilot, lambda: area.misspellings == [], timeout=30)
        assert underlined(area, 0) == []


async def test_f7_a_adds_the_word_to_the_user_word_list() -> None:
    app = FieldApp("hej Fjöhult")
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one("#answer", SpellTextArea)
        quote = app.query_one("#quote", SpellTextArea)
        await wait_for(pilot, lambda: bool(area.misspellings), timeout=30)
        area.focus()
        await pilot.press("f7")
        assert isinstance(app.screen, SpellingDialog)
        await pilot.press("a")
        await wait_for(pilot, lambda: area.misspellings == [], timeout=30)
        assert read_user_words() == {"Fjöhult"}
        assert area.text == "hej Fjöhult"
        quote.focus()
        await pilot.press(*"Fjöhult")  # the other field knows it too
        await wait_for(
            pilot, lambda: quote.text == "Fjöhult" and quote.misspellings == [], timeout=30
        )


async def test_f7_escape_and_a_field_without_misspellings() -> None:
    app = FieldApp("hej samvrekan")
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one("#answer", SpellTextArea)
        await wait_for(pilot, lambda: bool(area.misspellings), timeout=30)
        area.focus()
        await pilot.press("f7", "escape")
        assert not isinstance(app.screen, SpellingDialog)
        assert area.text == "hej samvrekan"
        app.query_one("#quote", SpellTextArea).focus()
        await pilot.press("f7")
        assert not isinstance(app.screen, SpellingDialog)
        assert [n.message for n in notified(app)] == ["Inga felstavade ord i fältet."]


async def test_a_missing_dictionary_gives_one_message_and_the_fields_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QM_TUI_DICTIONARY_DIR", str(tmp_path / "nowhere"))
    app = FieldApp("hej")
    async with app.run_test(size=(80, 20)) as pilot:
        await wait_for(pilot, lambda: bool(notified(app)), timeout=30)
        await app.workers.wait_for_complete()  # both fields have tried to load the dictionary
        await pilot.pause()
        [note] = notified(app)
        assert note.message.startswith("Stavningskontrollen är avstängd: Swedish spelling")
        assert note.severity == "warning"
        area = app.query_one("#answer", SpellTextArea)
        area.focus()
        await pilot.press("end", *" samvrekan", "f7")
        assert area.text == "hej samvrekan"
        assert not isinstance(app.screen, SpellingDialog)
        assert area.misspellings == []
