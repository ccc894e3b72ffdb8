"""The piece-by-piece reader gives what json.loads gives, or hands the file back to it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qm_tui.core import stream_read
from qm_tui.core.packed import PackedTable
from qm_tui.core.storage import PACKED, AtomicJSONStorage, StoreError

TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False), TEXT
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)
DOC = st.dictionaries(TEXT, VALUE, max_size=4)
TABLE = st.dictionaries(st.sampled_from(["1", "2", "10", "å", ""]) | TEXT, DOC, max_size=4)
TABLES = st.dictionaries(st.sampled_from(["interviews", "meta", "trash", "_default"]), TABLE)


def _plain(tables: dict[str, Any] | None) -> Any:
    """Packed tables as plain dicts, to compare with json.loads."""
    if tables is None:
        return None
    return {k: dict(v.items()) if isinstance(v, PackedTable) else v for k, v in tables.items()}


def _expected(text: str) -> Any:
    """What json.loads makes of the text, or None when it is not TinyDB tables."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict) and all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()
    ):
        return data
    return None


def _read(path: Path, text: str) -> Any:
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return _plain(stream_read.read_tables(path, PACKED)[0])


@pytest.fixture(params=[1, 7, 1 << 20])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Tiny chunks cut every token somewhere; the real size reads small files at once."""
    monkeypatch.setattr(stream_read, "CHUNK", request.param)
    monkeypatch.setattr(stream_read, "AHEAD", min(request.param, stream_read.AHEAD))
    return int(request.param)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables=TABLES, indent=st.sampled_from([None, 0, 2, 4]), ascii_only=st.booleans())
def test_it_reads_what_json_loads_reads(
    tmp_path: Path, chunk: int, tables: dict[str, Any], indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(tables, indent=indent, ensure_ascii=ascii_only)
    assert _read(tmp_path / "db.json", text) == json.loads(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables=TABLES, data=st.data())
def test_on_any_mutation_it_agrees_with_json_loads_or_hands_over(
    tmp_path: Path, chunk: int, tables: dict[str, Any], data: st.DataObject
) -> None:
    text = json.dumps(tables, indent=data.draw(st.sampled_from([None, 2])), ensure_ascii=False)
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 3))
    insert = data.draw(st.sampled_from(['"', "{", "}", ",", ":", "[", " ", "\\", "1", "é", ""]))
    mutated = text[:at] + insert + text[at + cut :]
    got = _read(tmp_path / "db.json", mutated)
    # never a different result: the same tables, or None where json.loads gives no tables
    assert got == _expected(mutated)


@pytest.mark.parametrize(
    "text",
    [
        '{"t": {"1": {"a": 1}, "1": {"a": 2}, "2": {}}, "u": {}, "t": {"3": {"b": 1}}}',
        '{"interviews": {"1": {"a": 1}, "2": {"x": 1}, "1": {"a": 2}}}',
        "{}",
        ' \n{ "t" : { } } \n',
        '{"t": {"1": {"n": 1e400, "m": -0.0, "i": 123456789012345678901234567890}}}',
        '{"t": {"1": {"s": "\\ud800 \\u00e5 \\n"}}}',
    ],
)
def test_edge_cases_match_json_loads(tmp_path: Path, chunk: int, text: str) -> None:
    assert _read(tmp_path / "db.json", text) == json.loads(text)


def test_duplicate_keys_keep_their_first_place_and_last_value(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"interviews": {"1": {"a": 1}, "2": {"x": 1}, "1": {"a": 2}}}', "utf-8")
    tables = stream_read.read_tables(path, PACKED)[0]
    assert tables is not None
    assert list(tables["interviews"].items()) == [("1", {"a": 2}), ("2", {"x": 1})]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "is empty, but a database was expected there"),
        (b" \n\x0b ", "is empty, but a database was expected there"),
        (b'{"t": {"1": {"a": "\xff"}}}', "is not UTF-8"),
        (b'{"t": {"1": {"a": 1}}', "is not valid JSON (Expecting ',' delimiter"),
        (b'\xef\xbb\xbf{"t": {}}', "is not valid JSON (Unexpected UTF-8 BOM"),
        (b'{"t": {"1": {"a": 1}}} x', "is not valid JSON (Extra data: line 1 column 24"),
        (b'{"t": {"1": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}", "nested too deeply"),
        (b'{"t": {"1": {"n": ' + b"9" * 5000 + b"}}}", "is not valid JSON (Exceeds the limit"),
        (b'{"t": {"1": [1]}}', "is JSON but not a TinyDB database"),
        (b'{"t": []}', "is JSON but not a TinyDB database"),
        (b"[]", "is JSON but not a TinyDB database"),
    ],
)
def test_what_it_cannot_read_gets_the_plain_reads_message(
    tmp_path: Path, chunk: int, raw: bytes, message: str
) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(raw)
    with pytest.raises(StoreError, match="^" + str(path).replace(".", r"\.")) as caught:
        AtomicJSONStorage(path).read()
    assert message in str(caught.value)
    assert path.read_bytes() == raw


def test_a_large_file_is_read_in_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No piece of text much larger than a chunk is ever decoded."""
    docs = {str(i): {"answer": "å" * 300, "n": i} for i in range(1, 2001)}
    path = tmp_path / "db.json"
    path.write_text(json.dumps({"interviews": docs}, indent=2, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(stream_read, "CHUNK", 4096)
    monkeypatch.setattr(stream_read, "AHEAD", 1024)
    longest = 0
    real_more = stream_read._Text.more

    def more(self: stream_read._Text) -> bool:
        nonlocal longest
        result = real_more(self)
        longest = max(longest, len(self.buf))
        return result

    monkeypatch.setattr(stream_read._Text, "more", more)
    tables = stream_read.read_tables(path, PACKED)[0]
    assert tables is not None and dict(tables["interviews"].items()) == docs
    assert path.stat().st_size > 100 * 4096 and longest < 3 * 4096
