"""Packed tables: the same file bytes as plain dicts, copies outside a write, live inside one;
the file written in pieces."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qm_tui.core.packed import PackedTable, load
from qm_tui.core.pieces import file_pieces
from qm_tui.core.storage import AtomicJSONStorage, StoreError, atomic_write, serialize

TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=10)
VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
DOCS = st.dictionaries(TEXT, st.dictionaries(TEXT, VALUE, max_size=4), max_size=5)


@settings(max_examples=200)
@given(docs=DOCS, meta=st.dictionaries(TEXT, st.dictionaries(TEXT, TEXT), max_size=2))
def test_a_packed_table_writes_the_bytes_a_plain_one_writes(
    docs: dict[str, Any], meta: dict[str, Any]
) -> None:
    plain = serialize({"meta": meta, "interviews": docs})
    assert serialize({"meta": meta, "interviews": PackedTable(docs)}) == plain
    # and what it hands out is what it was given (NaN aside, which is never equal)
    if "nan" not in repr(docs):
        assert dict(PackedTable(docs).items()) == docs


def test_what_orjson_cannot_write_is_kept_as_it_is() -> None:
    table = PackedTable()
    for doc in ({"n": 2**70}, {"s": "\ud800"}, {"f": math.inf}, {"f": math.nan}):
        assert table.pack(doc) is doc
        table["1"] = doc
        assert table["1"] is doc
    assert type(table.pack({"n": None})) is bytes
    assert orjson.loads(serialize({"t": PackedTable({"1": {"n": 2**63}})})) == {
        "t": {"1": {"n": 2**63}}
    }


def test_documents_are_packed_against_the_first_one() -> None:
    """What every interview repeats (field names, question texts) costs nearly nothing."""
    question = "På vilket sätt har samverkan i er stad förändrats? " * 4
    docs = {str(i): {"name": f"Åsa {i}", "answers": [{"question": question}]} for i in range(9)}
    table = PackedTable(docs)
    sizes = [len(packed) for _, packed in table.packed_items()]
    assert sizes[1] < len(orjson.dumps(docs["1"])) / 4
    del table["0"]  # the dictionary is a copy: the others still read
    assert table.dictionary and dict(table.items()) == {k: docs[k] for k in list(docs)[1:]}
    assert all(load(p, table.dictionary) == docs[k] for k, p in table.packed_items())


def test_outside_a_write_each_read_is_a_fresh_copy() -> None:
    table = PackedTable({"1": {"a": "å"}})
    table["1"]["a"] = "changed"
    assert table["1"] == {"a": "å"}
    table["2"] = {"b": 1}
    del table["1"]
    assert list(table) == ["2"] and len(table) == 1 and "2" in table and "1" not in table


def test_inside_a_transaction_documents_are_live_until_the_end() -> None:
    table = PackedTable({"1": {"a": 1}, "2": {"b": 2}})
    table.begin()
    table["1"]["a"] = 10
    new = {"c": 3}
    table["3"] = new
    new["c"] = 30  # changed after it was put: still stored as it is at the end
    table["2"] = {"b": 20}
    assert table["1"] == {"a": 10} and table["3"] is new
    assert orjson.loads(serialize({"t": table})) == {
        "t": {"1": {"a": 10}, "2": {"b": 20}, "3": {"c": 30}}
    }
    table.end()
    assert dict(table.items()) == {"1": {"a": 10}, "2": {"b": 20}, "3": {"c": 30}}
    assert all(type(packed) is bytes for _, packed in table.packed_items())
    table["1"]["a"] = 99
    assert table["1"] == {"a": 10}


def test_a_packed_document_keeps_its_bytes_until_it_is_replaced() -> None:
    table = PackedTable({"1": {"a": 1}, "2": {"b": 2}})
    before = dict(table.packed_items())
    table["2"] = {"b": 3}
    after = dict(table.packed_items())
    assert after["1"] is before["1"] and after["2"] is not before["2"]


def test_the_storage_reads_interviews_packed_and_writes_the_same_file(tmp_path: Path) -> None:
    from tinydb import TinyDB

    path = tmp_path / "db.json"
    docs = {str(i): {"name": f"Åsa {i}", "answers": [{"answer": "ö\n" * i}]} for i in range(1, 6)}
    tables = {"meta": {"1": {"schema": 1, "next_id": 6}}, "interviews": docs}
    path.write_bytes(serialize(tables))
    storage = AtomicJSONStorage(path)
    read = storage.read()
    assert read is not None and isinstance(read["interviews"], PackedTable)
    with storage.transaction() as live:
        live["interviews"]["2"]["name"] = "Örjan"
    written = json.loads(path.read_text("utf-8"))
    assert written["interviews"]["2"]["name"] == "Örjan"
    written["interviews"]["2"]["name"] = "Åsa 2"
    assert written["interviews"] == docs
    # stock TinyDB reads it, and the layout stays the indented one
    assert TinyDB(path).table("interviews").get(doc_id=5)["name"] == "Åsa 5"  # type: ignore[index]
    assert (
        path.read_bytes()
        == orjson.dumps(json.loads(path.read_bytes()), option=orjson.OPT_INDENT_2) + b"\n"
    )


@settings(max_examples=200)
@given(
    tables=st.dictionaries(TEXT, DOCS, max_size=4),
    packed=st.sets(TEXT),
    nan=st.booleans(),
)
def test_the_file_in_pieces_is_the_file_serialize_writes(
    tables: dict[str, Any], packed: set[str], nan: bool
) -> None:
    if nan and tables:
        next(iter(tables.values()))["x"] = {"f": math.nan}  # kept unpacked, written as null
    mixed = {k: PackedTable(v) if k in packed else v for k, v in tables.items()}
    assert b"".join(file_pieces(mixed)) == serialize(tables)


def test_what_cannot_be_written_is_refused_before_any_piece() -> None:
    for bad in ({"n": 2**70}, {"s": "\ud800"}):
        for table in (PackedTable({"1": {"a": 1}, "2": bad}), {"1": bad}):
            with pytest.raises(StoreError, match="cannot be written as JSON"):
                file_pieces({"meta": {}, "interviews": table})


def test_a_piece_that_fails_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"old")

    def pieces() -> Iterator[bytes]:
        yield b"new" * 1_000_000
        raise RuntimeError("mid-write")

    with pytest.raises(RuntimeError):
        atomic_write(path, pieces())
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["db.json"]
    atomic_write(path, iter([b"a" * (3 << 20), b"b"]))
    assert path.read_bytes() == b"a" * (3 << 20) + b"b"
