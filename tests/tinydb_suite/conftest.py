"""TinyDB's own tests (tinydb 4.8, MIT licence, (c) Markus Siemens), run on our storage too.

The `db` fixture of TinyDB's suite, with one more parameter: `atomic`, a TinyDB on
`AtomicJSONStorage`, the class qm-tui stores its database with. The test files beside this one
are TinyDB's `tests/test_tinydb.py` and `tests/test_tables.py` as they are upstream, but for
one line: `test_table_repr`'s pattern also accepts this storage's class name.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from tinydb import JSONStorage, TinyDB
from tinydb.storages import MemoryStorage

from qm_tui.core.database.json_storage import AtomicJSONStorage


@pytest.fixture(params=["memory", "json", "atomic"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TinyDB]:
    if request.param == "json":
        db_ = TinyDB(tmp_path / "test.db", storage=JSONStorage)
    elif request.param == "atomic":
        db_ = TinyDB(tmp_path / "test.db", storage=AtomicJSONStorage)
    else:
        db_ = TinyDB(storage=MemoryStorage)

    db_.drop_tables()
    db_.insert_multiple({"int": 1, "char": c} for c in "abc")

    yield db_
