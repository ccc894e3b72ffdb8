"""Every interview's uid: made at creation, given to old databases on their next write, shown
by the CLI, carried by exports and kept by import when the database does not have it yet."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from qm_tui.cli import main
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.model import DocumentError, Interview, is_uid
from qm_tui.core.interview.questions import QuestionSets
from qm_tui.core.sync.uids import legacy_uid


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def _interview(sets: QuestionSets, name: str = "Åsa Öberg") -> Interview:
    iv = sets.default().new_interview(name=name, title="vd", organisation="Växjö City")
    return iv.with_answer(0, "Det skapar en *gemenskap*.")


def _legacy_db(path: Path, sets: QuestionSets) -> dict[str, Any]:
    """A database as qm-tui wrote it before uids: two interviews, one of them trashed."""
    docs = []
    for name in ("Åsa", "Örjan"):
        doc = _interview(sets, name).to_dict()
        del doc["uid"]
        docs.append(doc)
    tables = {
        "meta": {"1": {"schema": 1, "next_id": 3}},
        "interviews": {"1": docs[0]},
        "trash": {"2": {"deleted": "2026-01-02T10:00:00+01:00", "interview": docs[1]}},
    }
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    return tables


def test_a_new_interview_has_its_own_uid(sets: QuestionSets) -> None:
    one, two = _interview(sets), _interview(sets)
    assert is_uid(one.uid) and is_uid(two.uid) and one.uid != two.uid
    assert one.to_dict()["uid"] == one.uid
    assert Interview.from_dict(one.to_dict()).uid == one.uid


@pytest.mark.parametrize("bad", ["", "not-a-uid", 42, "1B4E28BA-2FA1-11D2-883F-0016D3CCA427"])
def test_a_document_with_a_bad_uid_is_refused(sets: QuestionSets, bad: object) -> None:
    doc = {**_interview(sets).to_dict(), "uid": bad}
    with pytest.raises(DocumentError, match="'uid' must be a UUID"):
        Interview.from_dict(doc)


def test_an_old_database_gets_uids_on_its_next_write(db_path: Path, sets: QuestionSets) -> None:
    _legacy_db(db_path, sets)
    store = InterviewStore(db_path)
    shown = store.get(1).uid
    assert shown == legacy_uid(1, store.get(1).created)
    assert "uid" not in json.loads(db_path.read_text(encoding="utf-8"))["interviews"]["1"]
    new_id = store.add(_interview(sets, "Ny"))
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    assert stored["interviews"]["1"]["uid"] == shown  # what was shown before is what is kept
    trashed = stored["trash"]["2"]["interview"]
    assert trashed["uid"] == legacy_uid(2, trashed["created"])
    assert is_uid(stored["interviews"][str(new_id)]["uid"])


def test_two_copies_of_an_old_database_name_its_interviews_alike(
    tmp_path: Path, sets: QuestionSets
) -> None:
    tables = _legacy_db(tmp_path / "a.json", sets)
    (tmp_path / "b.json").write_text(json.dumps(tables), encoding="utf-8")
    uids = []
    for name in ("a.json", "b.json"):
        store = InterviewStore(tmp_path / name)
        store.delete(1)
        uids.append({t.interview.uid for t in store.trash()})
    assert uids[0] == uids[1] and len(uids[0]) == 2


def test_the_first_save_after_the_upgrade_is_no_conflict(db_path: Path, sets: QuestionSets) -> None:
    _legacy_db(db_path, sets)
    store = InterviewStore(db_path)
    base = store.get(1)
    result = store.save(1, base.with_text("name", "Åsa Berg"), base)
    assert not result.conflict
    assert result.interview.uid == base.uid
    assert store.document(1) == result.interview.to_dict()
    second = store.save(1, result.interview.with_text("name", "Åsa B."), result.interview)
    assert not second.conflict


def test_show_and_list_json_carry_the_uid(
    db_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    iv = _interview(sets)
    InterviewStore(db_path).add(iv)
    assert run(db_path, "show", "1", "--json") == 0
    assert json.loads(capsys.readouterr().out)["uid"] == iv.uid
    assert run(db_path, "list", "--json") == 0
    assert [d["uid"] for d in json.loads(capsys.readouterr().out)] == [iv.uid]


def test_every_export_that_can_carries_the_uid(sets: QuestionSets) -> None:
    import docx

    from qm_tui.core.article.write.docx import render_docx
    from qm_tui.core.article.write.html import render_html
    from qm_tui.core.article.write.markdown import render_markdown

    iv = _interview(sets)
    assert f'\nuid: "{iv.uid}"\n' in render_markdown(iv)
    assert f'<meta name="qm-tui-uid" content="{iv.uid}">' in render_html(iv)
    assert docx.Document(io.BytesIO(render_docx(iv))).core_properties.identifier == iv.uid


@pytest.mark.parametrize("fmt", ["md", "docx", "json"])
def test_import_keeps_the_uid_unless_the_database_has_it(
    tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    source = tmp_path / "source.json"
    iv = _interview(sets)
    InterviewStore(source).add(iv)
    exported = tmp_path / f"article.{fmt}"
    if fmt == "json":
        assert run(source, "show", "1", "--json") == 0
        exported.write_text(capsys.readouterr().out, encoding="utf-8")
    else:
        assert run(source, "export", "1", "--format", fmt, "-o", str(exported)) == 0
    other = tmp_path / "other.json"
    capsys.readouterr()
    assert run(other, "import", str(exported)) == 0
    assert "has uid" not in capsys.readouterr().err
    assert InterviewStore(other).get(1).uid == iv.uid
    # again: the database holds that uid now, so the copy gets a new one, and a warning
    assert run(other, "import", str(exported)) == 0
    err = capsys.readouterr().err
    assert f"has uid {iv.uid}, which the database holds (or held)" in err
    again = InterviewStore(other).get(2).uid
    assert is_uid(again) and again != iv.uid


def test_one_import_of_two_equal_uids_keeps_the_first(
    tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _interview(sets).to_dict()
    path = tmp_path / "two.json"
    path.write_text(json.dumps([doc, doc]), encoding="utf-8")
    assert run(tmp_path / "db.json", "import", str(path)) == 0
    assert "imported interview 2 has uid" in capsys.readouterr().err
    store = InterviewStore(tmp_path / "db.json")
    assert store.get(1).uid == doc["uid"] and store.get(2).uid != doc["uid"]


def test_a_json_document_without_a_uid_gets_one_on_import(
    tmp_path: Path, sets: QuestionSets
) -> None:
    doc = _interview(sets).to_dict()
    del doc["uid"]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert run(tmp_path / "db.json", "import", str(path)) == 0
    stored = json.loads((tmp_path / "db.json").read_text(encoding="utf-8"))
    assert is_uid(stored["interviews"]["1"]["uid"])


def test_a_bad_uid_in_front_matter_is_named_and_replaced(
    tmp_path: Path, sets: QuestionSets
) -> None:
    from qm_tui.core.article.write.markdown import render_markdown
    from qm_tui.core.intake.importing import parse_article

    iv = replace(_interview(sets), uid="d1f0c6a4-0000-4000-8000-000000000001")
    text = render_markdown(iv).replace(iv.uid, "nonsense\u202e")
    result = parse_article(text, sets)
    assert is_uid(result.interview.uid) and result.interview.uid != iv.uid
    assert any("ignored an invalid uid" in w for w in result.warnings)


def test_importing_a_purged_interview_gives_it_a_new_uid(
    tmp_path: Path, sets: QuestionSets, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    iv = _interview(sets)
    store = InterviewStore(db)
    store.add(iv)
    exported = tmp_path / "article.md"
    assert run(db, "export", "1", "-o", str(exported)) == 0
    store = InterviewStore(db)
    store.delete(1)
    store.purge(1)
    capsys.readouterr()
    assert run(db, "import", str(exported)) == 0  # a merge would never bring a tombstone back
    assert "which the database holds (or held)" in capsys.readouterr().err
    assert InterviewStore(db).get(2).uid != iv.uid
