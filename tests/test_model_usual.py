"""`Interview.from_dict`'s one-pass path for stored documents agrees with the full checks."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qm_tui.core import model
from qm_tui.core.model import DocumentError, Interview

from .conftest import sample

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 2)
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(
        [
            "",
            " ",
            "qm-sv",
            "draft",
            "published",
            "2026-02-30",
            "2026-11-27",
            "\ud800",
            "å\udfff",
            "\u201d",
            "x" * 300,
        ]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
KEYS = sorted(model._DOCUMENT_FIELDS | {"unknown"})


def _full(doc: Any) -> Interview | DocumentError:
    """What the full checks alone make of `doc`."""
    usual, model._from_usual_dict = model._from_usual_dict, lambda cls, doc: None
    try:
        return Interview.from_dict(doc)
    except DocumentError as exc:
        return exc
    finally:
        model._from_usual_dict = usual


def _doc() -> dict[str, Any]:
    iv = sample()
    return json.loads(json.dumps({**iv.to_dict(), "notes": "n", "import_warnings": ["w"]}))


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """A stored document with a few of its values (or its answers' and boxes') changed."""
    doc = _doc()
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(["top", "answer", "facts", "contact", "drop", "whole"]))
        value = draw(JSON)
        if where == "top":
            doc[draw(st.sampled_from(KEYS))] = value
        elif where == "drop":
            doc.pop(draw(st.sampled_from(KEYS)), None)
        elif where == "whole":
            return value
        else:
            box = doc.get("answers") if where == "answer" else doc.get(where)
            if isinstance(box, list) and box:
                box = box[draw(st.integers(0, len(box) - 1))]
            if isinstance(box, dict):
                fields = ["question", "answer", "heading", "text", "name", "note", "other"]
                key = draw(st.sampled_from(fields))
                if draw(st.booleans()):
                    box[key] = value
                else:
                    box.pop(key, None)
            elif isinstance(box, list):
                box.append(value)
    return doc


@settings(max_examples=1500, deadline=None)
@given(documents())
def test_the_usual_path_accepts_only_what_the_full_checks_accept_alike(doc: Any) -> None:
    usual = model._from_usual_dict(Interview, doc)
    full = _full(doc)
    if usual is not None:
        assert usual == full
    elif isinstance(full, DocumentError):
        with pytest.raises(DocumentError) as raised:
            Interview.from_dict(doc)
        assert str(raised.value) == str(full)


def test_a_stored_document_takes_the_usual_path() -> None:
    doc = _doc()
    assert model._from_usual_dict(Interview, doc) == _full(doc) == Interview.from_dict(doc)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("name", 5, "'name' must be text, not int"),
        ("date", "igår", "'date' must be YYYY-MM-DD"),
        ("quote", "a\udc80", "lone surrogate"),
        ("status", "sent", "'status' must be one of"),
        ("extra", "", "unknown field 'extra'"),
    ],
)
def test_a_bad_document_still_gets_the_full_message(key: str, value: Any, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        Interview.from_dict({**_doc(), key: value})
