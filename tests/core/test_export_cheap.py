"""One export from the app names its file from summaries, never validating every interview."""

from __future__ import annotations

from pathlib import Path

import pytest

from qm_tui.core.database.store import InterviewStore
from qm_tui.core.interview.questions import QuestionSets
from qm_tui.core.publish.export import export_article


def test_an_export_takes_its_name_without_validating_the_others(
    db_path: Path, tmp_path: Path, sets: QuestionSets, monkeypatch: pytest.MonkeyPatch
) -> None:
    namesake = sets.default().new_interview(
        name="Åsa Öberg", organisation="Växjö City", date="2026-11-27"
    )
    store = InterviewStore(db_path)
    ids = store.add_many([namesake, namesake, namesake])

    def no_validation() -> None:
        raise AssertionError("every interview validated")

    monkeypatch.setattr(store, "list", no_validation)
    paths = export_article(store, ids[1], store.get(ids[1]), ["md"], tmp_path / "ut")
    assert [p.name for p in paths] == ["2026-11-27-asa-oberg-vaxjo-city-2.md"]
