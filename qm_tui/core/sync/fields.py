"""An interview's fields as a merge sees them, and when each last changed.

Every text has a field path, as the history names it: `name`, `facts.text`, `answers.2`.
Answers move when a question is added or removed, so for comparing two versions an answer is
keyed by its question instead (`answer:<n>:<question>`, n counting repeats of one question),
and the list of questions is a field of its own (`questions`). `changed` in the stored document
maps field paths to when their text last changed; the store's save sets it (`stamp_save`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..interview.model import new_uid

__all__ = [
    "QUESTIONS",
    "answer_keys",
    "key_of_path",
    "keyed_texts",
    "keyed_times",
    "path_of_key",
    "stamp_save",
    "times_as_paths",
]

QUESTIONS = "questions"
# top-level texts that are not fields of their own (the store and merges set them)
_NOT_FIELDS = frozenset(("schema", "uid", "created", "updated", "changed"))
_BOXES = ("facts", "contact")


def answer_keys(doc: Mapping[str, Any]) -> list[str]:
    """The key of each answer in `doc`, in order: its question and how many times that question
    came before it."""
    seen: dict[str, int] = {}
    keys = []
    for item in _answers(doc):
        question = str(item.get("question", ""))
        n = seen.get(question, 0)
        seen[question] = n + 1
        keys.append(f"answer:{n}:{question}")
    return keys


def keyed_texts(doc: Mapping[str, Any]) -> dict[str, str]:
    """Field key -> text of every field of a stored document (answers keyed by question, the
    question list as `questions`)."""
    texts: dict[str, str] = {}
    for key, value in doc.items():
        if key in _NOT_FIELDS:
            continue
        if isinstance(value, str):
            texts[key] = value
        elif key in _BOXES and isinstance(value, dict):
            for sub, text in value.items():
                texts[f"{key}.{sub}"] = str(text)
    answers = _answers(doc)
    for key, item in zip(answer_keys(doc), answers, strict=True):
        texts[key] = str(item.get("answer", ""))
    texts[QUESTIONS] = json.dumps([str(a.get("question", "")) for a in answers], ensure_ascii=False)
    return texts


def key_of_path(doc: Mapping[str, Any], path: str) -> str | None:
    """The field key of a field path in `doc` (None for an answer it does not have)."""
    head, _, rest = path.partition(".")
    if head != "answers":
        return path
    keys = answer_keys(doc)
    index = int(rest) - 1 if rest.isdigit() else -1
    return keys[index] if 0 <= index < len(keys) else None


def path_of_key(doc: Mapping[str, Any], key: str) -> str | None:
    """The field path of a field key in `doc` (None for an answer it does not have)."""
    if not key.startswith("answer:"):
        return key
    keys = answer_keys(doc)
    return f"answers.{keys.index(key) + 1}" if key in keys else None


def keyed_times(doc: Mapping[str, Any]) -> dict[str, str]:
    """Field key -> when it last changed, from the document's `changed`."""
    changed = doc.get("changed")
    if not isinstance(changed, dict):
        return {}
    times = {}
    for path, when in changed.items():
        key = key_of_path(doc, str(path))
        if key is not None and isinstance(when, str):
            times[key] = when
    return times


def times_as_paths(doc: Mapping[str, Any], times: Mapping[str, str]) -> dict[str, str]:
    """`changed` for `doc`: field path -> time, for the keys it has, in a stable order."""
    out = {}
    for key in sorted(times):
        path = path_of_key(doc, key)
        if path is not None:
            out[path] = times[key]
    return out


def stamp_save(old: Mapping[str, Any] | None, new: dict[str, Any], now: str) -> dict[str, Any]:
    """The document a save stores: `new` with the stored version's uid (a uid never changes)
    and `changed` carried over from `old` for the fields whose text is the same, `now` for
    the others. `old` None: the text is stored anew (under a new id, with a new uid)."""

    before = keyed_texts(old) if old is not None else {}
    old_times = keyed_times(old) if old is not None else {}
    times = {}
    for key, text in keyed_texts(new).items():
        if key in before and before[key] == text:
            if key in old_times:
                times[key] = old_times[key]
        else:
            times[key] = now
    doc = dict(new)
    doc["uid"] = old.get("uid", new.get("uid")) if old is not None else new_uid()
    if doc["uid"] is None:
        del doc["uid"]
    changed = times_as_paths(doc, times)
    if changed:
        doc["changed"] = changed
    else:
        doc.pop("changed", None)
    return doc


def _answers(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    answers = doc.get("answers")
    if not isinstance(answers, list):
        return []
    return [a for a in answers if isinstance(a, dict)]
