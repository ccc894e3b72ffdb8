# ruff: noqa: E501  (the fixture's Swedish sentences and the messages are compared whole)
"""The interviewee's Word review comes back whole: tracked changes, comments, the right interview.

The review file is built by `tests/data/make_review_docx.py` the way Word writes it (see there).
"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from qm_tui.cli import main
from qm_tui.core.article.read.docx import read_docx
from qm_tui.core.database.store import InterviewStore
from qm_tui.core.errors import DocumentError
from qm_tui.core.intake.importing import parse_article, read_article_file, read_import
from qm_tui.core.intake.update import plan_update_source
from qm_tui.core.interview.model import Answer, Interview, ReviewComment
from qm_tui.core.interview.questions import load_question_sets
from qm_tui.core.interview.summary import Summary
from qm_tui.core.publish.export import ExportOptions, render
from tests.data import make_review_docx as word

SETS = load_question_sets()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str | Path) -> tuple[int, str, str]:
    code = main(["--db", str(db), *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def review(tmp_path: Path) -> Path:
    path = tmp_path / "granskad.docx"
    path.write_bytes(word.review_docx())
    return path


def test_the_fixture_script_writes_the_committed_file() -> None:
    committed = Path(word.__file__).with_name("review-word.docx").read_bytes()
    assert word.review_docx() == committed


# -- reading as Word shows it -------------------------------------------------------------


def test_tracked_changes_are_read_with_author_date_and_text() -> None:
    content = read_docx(word.review_docx())
    changes = [(c.label, c.text, c.author, c.date) for c in content.tracked.changes]
    assert changes == [
        ("deleted", "ytterst positiv", word.AUTHOR, word.DATE),
        ("inserted", "mycket positivt", word.AUTHOR, word.DATE),
        ("inserted", "En helt ny mening.¶", word.AUTHOR, word.DATE),
        ("moved here", "Ger ökad legitimitet både i intern och extern kommunikation.¶", word.AUTHOR, word.DATE),
        ("moved away", "Ger ökad legitimitet både i intern och extern kommunikation.¶", word.AUTHOR, word.DATE),
        ("deleted", "Sedan har Växjö ambitionen att bli årets stadskärna 2022.¶", word.AUTHOR, word.DATE),
    ]  # fmt: skip
    assert content.warnings == []


def test_accepted_and_rejected_text_as_word_shows_them() -> None:
    content = read_docx(word.review_docx())
    accepted, rejected = content.text(), content.text(())
    assert "vilket är mycket positivt för vår samverkan" in accepted
    assert "ytterst positiv" not in accepted and "ytterst positiv" in rejected
    assert "En helt ny mening." in accepted and "En helt ny mening." not in rejected
    assert "Sedan har Växjö" in rejected and "Sedan har Växjö" not in accepted
    assert accepted.index("Ger ökad") < accepted.index(
        "Viktigt att säkerställa att man arbetar på rätt sätt.\n"
    )
    assert rejected.index("Ger ökad") > rejected.index("Viktigt att säkerställa att man arbetar på rätt sätt.\n")  # fmt: skip
    for shown in (accepted, rejected):
        # content controls, smart tags, fields (results only), hyperlinks, the text box
        assert "Växjö Citysamverkan har varit QM-certifierade sedan länge." in shown
        assert (
            "rätt sätt enligt Svenska Stadskärnor, se hemsidan och länken. Inline kontroll."
            in shown
        )
        assert shown.count("Text i en textruta.") == 1  # not again from the VML fallback
        assert "HYPERLINK" not in shown and "DOCPROPERTY" not in shown
        assert "Nils-Petter Nilsson\n" in shown  # rPrChange changes no text


def test_comments_with_replies_and_resolved_state() -> None:
    content = read_docx(word.review_docx())
    got = [(c.author, c.text, c.resolved, c.parent) for c in content.comments]
    assert got == [
        (word.AUTHOR, word.COMMENT_QUOTE, True, ""),
        (word.EDITOR, word.COMMENT_REPLY, True, "0"),  # resolved with its thread
        (word.EDITOR, word.COMMENT_FACTS, False, ""),
    ]


def test_import_accepts_by_default_and_rejects_on_request(review: Path) -> None:
    source = read_article_file(review, SETS)
    [accepted], _, changes = read_import(source, SETS)
    [rejected], _, _ = read_import(source, SETS, "reject")
    assert accepted.answers[0].answer.endswith("vilket är mycket positivt för vår samverkan.")
    assert rejected.answers[0].answer.endswith("vilket är ytterst positiv för vår samverkan.")
    assert accepted.answers[2].answer.endswith("Inline kontroll.\n\nEn helt ny mening.")
    assert accepted.answers[3].answer.startswith("Ger ökad legitimitet")
    assert rejected.answers[3].answer.endswith("Ger ökad legitimitet både i intern och extern kommunikation.")  # fmt: skip
    assert rejected.answers[4].answer.endswith("Sedan har Växjö ambitionen att bli årets stadskärna 2022.")  # fmt: skip
    assert accepted.answers[4].answer == "Först och främst är det en viktig bekräftelse."
    assert [where for where, _ in changes] == [
        "answers.1", "answers.1", "answers.3", "answers.4", "answers.4", "answers.5",
    ]  # fmt: skip
    assert (
        accepted.review
        == rejected.review
        == (
            ReviewComment("quote", word.AUTHOR, word.DATE, word.COMMENT_QUOTE, True),
            ReviewComment(
                "quote", word.EDITOR, word.EDITOR_DATE, word.COMMENT_REPLY, True, reply=True
            ),
            ReviewComment("facts.text", word.EDITOR, word.EDITOR_DATE, word.COMMENT_FACTS, False),
        )
    )


# -- update and import on the command line ------------------------------------------------


def _stored_before_review(db: Path, review: Path, capsys: pytest.CaptureFixture[str]) -> int:
    code, out, _ = cli(capsys, db, "import", "--track-changes", "reject", review)
    assert code == 0
    store = InterviewStore(db)
    iid = int(out.split()[0])
    iv = store.get(iid)
    store.save(iid, dataclasses.replace(iv, review=()))  # as it was before the review came
    return iid


def test_update_accepts_prints_each_change_under_its_field_and_keeps_comments(
    db_path: Path, review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    iid = _stored_before_review(db_path, review, capsys)
    code, out, err = cli(capsys, db_path, "update", str(iid), review)
    assert code == 0, err
    lines = out.splitlines()
    at = lines.index(
        "answers.1: … en stolthet vilket är [-ytterst positiv-] {+mycket positivt+} för vår samverkan."
    )
    assert lines[at + 1] == f"  deleted 'ytterst positiv' — {word.AUTHOR}, {word.DATE} [accepted]"
    assert lines[at + 2] == f"  inserted 'mycket positivt' — {word.AUTHOR}, {word.DATE} [accepted]"
    quote = lines.index("quote:")
    assert lines[quote + 1] == (
        f"  comment — {word.AUTHOR}, {word.DATE}: {word.COMMENT_QUOTE} (resolved)"
    )
    assert lines[quote + 2].startswith(f"  reply — {word.EDITOR}")
    assert "Saved 4 changed field(s) and 3 new comment(s)" in out
    iv = InterviewStore(db_path).get(iid)
    assert iv.answers[0].answer.endswith("vilket är mycket positivt för vår samverkan.")
    assert [c.field for c in iv.review] == ["quote", "quote", "facts.text"]
    # the same file again: nothing new
    code, out, _ = cli(capsys, db_path, "update", str(iid), review)
    assert code == 0 and out.startswith("No changes")


def test_update_dry_run_shows_and_saves_nothing(
    db_path: Path, review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    iid = _stored_before_review(db_path, review, capsys)
    before = db_path.read_bytes()
    code, out, _ = cli(capsys, db_path, "update", str(iid), review, "--dry-run")
    assert code == 0
    assert "mycket positivt" in out and word.COMMENT_FACTS in out
    assert "Dry run: 4 field(s) would change and 3 comment(s) would be kept" in out
    assert db_path.read_bytes() == before


def test_update_rejecting_keeps_the_text_and_takes_the_comments(
    db_path: Path, review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    iid = _stored_before_review(db_path, review, capsys)
    before = InterviewStore(db_path).get(iid)
    code, out, _ = cli(capsys, db_path, "update", str(iid), review, "--track-changes", "reject")
    assert code == 0
    assert f"  inserted 'mycket positivt' — {word.AUTHOR}, {word.DATE} [rejected]" in out
    after = InterviewStore(db_path).get(iid)
    assert after.answers == before.answers and len(after.review) == 3


def test_comments_are_shown_searchable_and_never_exported(
    db_path: Path, review: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, db_path, "import", review)
    iid = out.split()[0]
    assert f"{review}: tracked changes accepted, and comments:\nanswers.1:\n" in err
    assert f"  inserted 'mycket positivt' — {word.AUTHOR}, {word.DATE} [accepted]" in err
    code, out, _ = cli(capsys, db_path, "show", iid)
    assert code == 0
    assert f"quote: comment — {word.AUTHOR}, {word.DATE}: {word.COMMENT_QUOTE} (resolved)" in out
    _code, out, _ = cli(capsys, db_path, "show", iid, "--json")
    doc = json.loads(out)
    assert doc["review"][2] == {
        "field": "facts.text",
        "author": word.EDITOR,
        "date": word.EDITOR_DATE,
        "text": word.COMMENT_FACTS,
        "resolved": False,
    }
    assert Summary.from_document(doc).matches("stammer artalet")
    iv = InterviewStore(db_path).get(int(iid))
    for fmt in ("md", "html", "txt", "docx"):
        data = render(iv, fmt, ExportOptions(interview_id=int(iid)))
        text = read_docx(data).text() if fmt == "docx" else data.decode()
        assert "årtalet" not in text and "citatet" not in text


def test_review_list_is_validated_by_the_model() -> None:
    iv = Interview("qm-sv", review=(ReviewComment("quote", "A", "2026-12-01", "Ok?", True),))
    assert Interview.from_dict(iv.to_dict()) == iv
    doc = iv.to_dict()
    for bad, message in [
        ("nope", "'review' must be a list"),
        ([{"field": "quote", "resolved": "yes"}], "must be true or false"),
        ([{"author": "A"}], "missing field 'field'"),
        ([{"field": "quote", "colour": "red"}], "unknown field 'colour'"),
        ([{"field": 3}], "'field' must be text"),
    ]:
        with pytest.raises(DocumentError, match=message):
            Interview.from_dict({**doc, "review": bad})


# -- the right interview --------------------------------------------------------------------


def _two(db: Path) -> tuple[InterviewStore, int, int]:
    store = InterviewStore(db)
    anna = Interview("qm-sv", name="Anna Berg", answers=(Answer("Fråga?", "Svar om Lund."),))
    karin = Interview("qm-sv", name="Karin Ek", answers=(Answer("Fråga?", "Helt annat svar."),))
    return store, store.add(anna), store.add(karin)


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_update_refuses_a_file_exported_from_another_interview(
    fmt: str, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _store, anna, karin = _two(db_path)
    path = tmp_path / f"anna.{fmt}"
    code, _, _ = cli(capsys, db_path, "export", str(anna), "--format", fmt, "-o", path)
    before = db_path.read_bytes()
    code, out, err = cli(capsys, db_path, "update", str(karin), path)
    assert code == 1 and out == ""
    assert err.strip() == (
        f"qm-tui: error: {path}: the file was exported from interview {anna} (Anna Berg), "
        f"not interview {karin} (Karin Ek); nothing saved (--force applies it anyway)"
    )
    assert db_path.read_bytes() == before
    code, out, err = cli(capsys, db_path, "update", str(karin), path, "--force")
    assert code == 0 and "applied anyway (--force)" in err
    assert InterviewStore(db_path).get(karin).name == "Anna Berg"


def test_update_refuses_a_text_file_about_someone_else(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, anna, karin = _two(db_path)
    path = tmp_path / "anna.txt"
    path.write_bytes(render(store.get(anna), "txt"))
    code, _, err = cli(capsys, db_path, "update", str(karin), path)
    assert code == 1
    assert "the file is about 'Anna Berg' with 1 of 1 answers different" in err
    # a corrected name alone is a correction, not another interview
    text = render(store.get(karin), "txt").decode().replace("Karin Ek", "Karin Eklund")
    path.write_text(text, encoding="utf-8")
    code, out, _ = cli(capsys, db_path, "update", str(karin), path)
    assert code == 0 and "name: Karin {+Eklund+}" in out.replace("[-Ek-] ", "")


def test_uid_decides_when_both_sides_have_one(tmp_path: Path) -> None:
    from qm_tui.core.intake.update import plan_update
    from qm_tui.core.intake.update_checks import other_interview

    iv = Interview("qm-sv", name="Anna", answers=(Answer("F?", "S."),))
    text = render(iv, "md", ExportOptions(interview_id=7)).decode()
    plan = plan_update(iv, text, SETS)
    assert dict(plan.identity)["uid"] == iv.uid
    assert other_interview(7, iv, plan, lambda _: None) is None
    # another id, but the same uid: the same interview (after a merge renumbered it)
    assert other_interview(3, iv, plan, lambda _: None) is None
    other = dataclasses.replace(iv, uid="0f0e0d0c-0b0a-4908-8706-050403020100")
    problem = other_interview(7, other, plan, lambda _: None)
    assert problem is not None and f"uid {iv.uid}" in problem
    # the interview the file names by id, holding the file's uid, is named
    problem = other_interview(3, other, plan, lambda n: iv if n == 7 else None)
    assert problem == "the file was exported from interview 7 (Anna), not interview 3 (Anna)"


def test_update_warns_when_the_file_is_older_than_a_change_it_would_undo(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    store, anna, _ = _two(db_path)
    path = tmp_path / "anna.md"
    cli(capsys, db_path, "export", str(anna), "--format", "md", "-o", path)
    time.sleep(1.1)  # timestamps are to the second
    store.save(anna, store.get(anna).with_answer(0, "Svar om Lund, rättat i appen."))
    code, _, err = cli(capsys, db_path, "update", str(anna), path, "--dry-run")
    assert code == 0
    assert "qm-tui: warning: answers.1 was changed (" in err
    assert "after this file was exported" in err


def test_history_of_one_field_whole_and_as_json(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, anna, _ = _two(db_path)
    long = "Ett mycket långt svar " * 20
    store.save(anna, store.get(anna).with_answer(0, long))
    store.save(anna, store.get(anna).with_answer(0, "Kort."))
    code, out, _ = cli(capsys, db_path, "history", str(anna), "answers.1")
    assert code == 0 and long in out and "Svar om Lund." in out
    code, out, _ = cli(capsys, db_path, "history", str(anna), "--json")
    data = json.loads(out)
    values = [d["value"] for d in data if d["field"] == "answers.1"]
    assert sorted(values) == sorted([long, "Svar om Lund."])  # saved in the same second
    assert set(data[0]) == {"field", "time", "value"}


# -- files that are not .docx ---------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    return word.zip_members(members)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n...", "a PDF cannot be read back: send or save the reviewed article as a Word document (.docx), or copy its text into a .txt file"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
         "an OpenDocument text (.odt) cannot be read back (its tracked changes would be lost): open it in LibreOffice or Word and save it as a Word document (.docx)"),
        (word.package(word.document_xml(""), main_type="application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
         "a Word template (.dotx), not a document; save it as a Word document (.docx)"),
        (word.package(word.document_xml(""), main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
         "a macro-enabled Word document (.docm); save it as a Word document (.docx)"),
    ],
)  # fmt: skip
def test_other_formats_get_one_clear_line(
    data: bytes, message: str, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _store, anna, _ = _two(db_path)
    path = tmp_path / "svar.bin"
    path.write_bytes(data)
    before = db_path.read_bytes()
    for args in (("update", str(anna), path), ("import", path)):
        code, out, err = cli(capsys, db_path, *args)
        assert (code, out) == (1, "")
        assert err == f"qm-tui: error: {path}: {message}\n"
        assert "object at 0x" not in err
    assert db_path.read_bytes() == before


# -- property: random tracked edits, accepted or rejected -----------------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö", min_size=1, max_size=8)
EDIT = st.tuples(
    st.integers(0, 4),  # answer
    st.sampled_from(["replace", "delete", "insert", "paragraph"]),
    st.integers(0, 50),  # word position
    WORDS,
)


def _words_of(n: int, words: list[str]) -> list[str]:
    return [f"svar{n}", *words]


def _tracked_paragraph(words: list[tuple[str, str]], split: int) -> list[etree._Element]:
    """Runs for (kind, word) pairs: kept words plain (a run split mid-word), the others in
    w:ins / w:del as Word writes them."""
    out: list[etree._Element] = []
    for n, (kind, text) in enumerate(words):
        shown = (" " if n else "") + text
        if kind == "keep":
            cut = min(split, len(shown))
            for part in (shown[:cut], shown[cut:]):
                if part:
                    out.append(_run(part))
            continue
        wrapper = etree.Element(f"{{{W}}}{'ins' if kind == 'ins' else 'del'}")
        wrapper.set(f"{{{W}}}id", str(900 + n))
        wrapper.set(f"{{{W}}}author", "Granskare")
        wrapper.set(f"{{{W}}}date", "2026-12-01T10:00:00Z")
        wrapper.append(_run(shown, deleted=kind == "del"))
        out.append(wrapper)
    return out


def _run(text: str, deleted: bool = False) -> etree._Element:
    r = etree.Element(f"{{{W}}}r")
    t = etree.SubElement(r, f"{{{W}}}{'delText' if deleted else 't'}")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=st.lists(st.lists(WORDS, min_size=1, max_size=12), min_size=5, max_size=5),
    edits=st.lists(EDIT, max_size=6),
    split=st.integers(1, 6),
)
def test_random_tracked_edits_accepted_equal_the_edits_rejected_change_nothing(
    answers: list[list[str]], edits: list[tuple[int, str, int, str]], split: int
) -> None:
    base = parse_article(word_reference(), SETS).interview
    texts = [_words_of(n, a) for n, a in enumerate(answers)]
    iv = base
    for n, words in enumerate(texts):
        iv = iv.with_answer(n, " ".join(words))
    data = render(iv, "docx", ExportOptions(typography=False, interview_id=1))
    members = _unzip(data)
    root = etree.fromstring(members["word/document.xml"])
    marked: list[list[tuple[str, str]]] = [[("keep", w) for w in words] for words in texts]
    extra: dict[int, list[str]] = {}
    expected = [list(words) for words in texts]
    for n, kind, at, new in edits:
        pairs, edited = marked[n], expected[n]
        live = [i for i, (k, _) in enumerate(pairs) if k == "keep" and i]  # `svarN` stays
        if not live:
            continue
        i = live[at % len(live)]
        pos = sum(1 for k, _ in pairs[:i] if k != "del")  # its index in the accepted words
        if kind == "paragraph":
            extra.setdefault(n, []).append(new)
            continue
        if kind in ("replace", "delete"):
            pairs[i] = ("del", pairs[i][1])
            del edited[pos]
        if kind in ("replace", "insert"):
            pairs.insert(i + 1 if kind == "replace" else i, ("ins", new))
            edited.insert(pos, new)
    for n, words in enumerate(texts):
        para = next(p for p in root.iter(f"{{{W}}}p") if "".join(p.itertext()) == " ".join(words))
        for r in para.findall(f"{{{W}}}r"):
            para.remove(r)
        for el in _tracked_paragraph(marked[n], split):
            para.append(el)
        for added in reversed(extra.get(n, [])):
            new_p = etree.Element(f"{{{W}}}p")
            ppr = etree.SubElement(new_p, f"{{{W}}}pPr")
            rpr = etree.SubElement(ppr, f"{{{W}}}rPr")
            mark = etree.SubElement(rpr, f"{{{W}}}ins")
            for key, value in (("id", "800"), ("author", "Granskare"), ("date", "2026-12-01")):
                mark.set(f"{{{W}}}{key}", value)
            ins = etree.SubElement(new_p, f"{{{W}}}ins")
            for key, value in (("id", "801"), ("author", "Granskare"), ("date", "2026-12-01")):
                ins.set(f"{{{W}}}{key}", value)
            ins.append(_run(added))
            para.addnext(new_p)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    reviewed = word.zip_members(members)
    source = read_article_file_from(reviewed)
    plan = plan_update_source(iv, source, SETS)
    direct = iv
    for n, words in enumerate(expected):
        direct = direct.with_answer(n, "\n\n".join([" ".join(words), *extra.get(n, [])]))
    assert plan.interview.answers == direct.answers
    rejected = plan_update_source(iv, source, SETS, accepted=())
    assert rejected.changes == () and rejected.interview == iv


def word_reference() -> str:
    from tests.conftest import REFERENCE

    return REFERENCE.read_text(encoding="utf-8")


def _unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def read_article_file_from(data: bytes) -> object:
    from qm_tui.core.article.read.source import ArticleFile

    content = read_docx(data, set(SETS.sets))
    return ArticleFile(Path("review.docx"), dict(content.hints), docx=content)


# -- a file saved by LibreOffice ----------------------------------------------------------


def test_a_review_saved_by_libreoffice_is_read_whole(tmp_path: Path) -> None:
    """`review-word.docx` opened and saved by LibreOffice 7.4 headless
    (`soffice --headless --convert-to 'docx:MS Word 2007 XML'`): its own markup for the same
    review (no paraId on one comment, the text box as a drawing, replies dropped by LibreOffice)."""
    path = Path(word.__file__).with_name("review-libreoffice.docx")
    content = read_docx(path.read_bytes(), set(SETS.sets))
    assert [(c.label, c.text) for c in content.tracked.changes] == [
        (c.label, c.text) for c in read_docx(word.review_docx()).tracked.changes
    ]
    assert {c.author for c in content.tracked.changes} == {word.AUTHOR}
    assert [(c.text, c.resolved, c.parent) for c in content.comments] == [
        (word.COMMENT_QUOTE, True, ""),
        (word.COMMENT_FACTS, False, ""),
    ]
    source = read_article_file(path, SETS)
    [before], _, _ = read_import(source, SETS, "reject")
    plan = plan_update_source(dataclasses.replace(before, review=()), source, SETS)
    assert {c.field for c in plan.changes} == {"answers.1", "answers.3", "answers.4", "answers.5"}
    assert [c.field for c in plan.comments] == ["quote", "facts.text"]


def test_comments_without_paragraph_ids_are_no_replies() -> None:
    from qm_tui.core.article.read.docx_comments import read_comments

    comments = etree.fromstring(
        f'<w:comments xmlns:w="{W}"><w:comment w:id="1" w:author="A"><w:p><w:r><w:t>Ett</w:t>'
        '</w:r></w:p></w:comment><w:comment w:id="2" w:author="B"><w:p><w:r><w:t>Två</w:t>'
        "</w:r></w:p></w:comment></w:comments>"
    )
    extended = etree.fromstring(
        '<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        '<w15:commentEx w15:paraId="01000000" w15:done="1"/></w15:commentsEx>'
    )
    got = [(c.id, c.parent, c.resolved) for c in read_comments(comments, extended)]
    assert got == [("1", "", False), ("2", "", False)]
