"""Text with tracked changes: pieces of text, each shown or not by which changes are accepted.

A reader (the Word reader) turns a document into `Piece`s in document order: text, line breaks
and paragraph breaks, each tied to the changes it depends on. Inserted text shows when its change
is accepted, deleted text when its change is rejected; a paragraph break can be inserted or
deleted too (a whole paragraph added or removed). `TrackedText.render(accepted)` gives the text
for any choice, so the interviewee's changes can be taken all, none, or one by one.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

__all__ = ["PARAGRAPH_MARK", "Change", "Piece", "TrackedText"]

PARAGRAPH_MARK = "¶"  # how a paragraph break inside a change is shown


@dataclass
class Change:
    """One tracked change as Word lists it: an insertion or a deletion (a move is both)."""

    index: int
    kind: str  # "insert" or "delete"
    author: str
    date: str
    moved: bool = False
    paragraph: int = 0  # the paragraph (in reading order) where it starts
    parts: list[str] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        """What was inserted or deleted, paragraph breaks as ¶."""
        return "".join(self.parts)

    @property
    def label(self) -> str:
        """`inserted`, `deleted`, `moved here` or `moved away`."""
        if self.moved:
            return "moved here" if self.kind == "insert" else "moved away"
        return "inserted" if self.kind == "insert" else "deleted"


@dataclass(frozen=True)
class Piece:
    """Text (or a paragraph break, `text` "\\n\\n") shown when each of its changes says so."""

    text: str
    paragraph: int
    changes: tuple[int, ...] = ()


@dataclass
class TrackedText:
    """A document's text with its tracked changes."""

    pieces: list[Piece] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def shown(self, piece: Piece, accepted: Collection[int]) -> bool:
        """Whether `piece` shows when the changes in `accepted` are accepted, the rest rejected."""
        return all((c in accepted) == (self.changes[c].kind == "insert") for c in piece.changes)

    def render(self, accepted: Collection[int] | None = None) -> str:
        """The text with `accepted` changes accepted, the others rejected (None: all accepted)."""
        chosen = range(len(self.changes)) if accepted is None else accepted
        if not isinstance(chosen, set | frozenset | range):
            chosen = set(chosen)
        return "".join(p.text for p in self.pieces if self.shown(p, chosen))

    def paragraph_texts(self, accept: bool) -> dict[int, str]:
        """Each paragraph's own text with every change accepted (or every one rejected)."""
        chosen: Collection[int] = range(len(self.changes)) if accept else ()
        out: dict[int, list[str]] = {}
        for p in self.pieces:
            if p.text != "\n\n" and self.shown(p, chosen):
                out.setdefault(p.paragraph, []).append(p.text)
        return {k: "".join(v) for k, v in out.items()}

    def add(
        self, text: str, paragraph: int, changes: tuple[tuple[str, str, str, bool], ...]
    ) -> None:
        """Append `text`, depending on `changes` given as (kind, author, date, moved), outermost
        first. Text right after text of alike changes (same kinds, authors and dates, nothing
        between) extends those changes: Word splits one typed correction over many runs and ids.
        """
        if not text:
            return
        shown = PARAGRAPH_MARK if text == "\n\n" else text
        last = self.pieces[-1] if self.pieces else None
        if changes and last is not None and len(last.changes) == len(changes):
            before = [self.changes[c] for c in last.changes]
            if [(c.kind, c.author, c.date, c.moved) for c in before] == list(changes):
                for c in before:
                    c.parts.append(shown)
                self.pieces.append(Piece(text, paragraph, last.changes))
                return
        ids = []
        for kind, author, date, moved in changes:
            ids.append(len(self.changes))
            self.changes.append(
                Change(len(self.changes), kind, author, date, moved, paragraph, [shown])
            )
        self.pieces.append(Piece(text, paragraph, tuple(ids)))
