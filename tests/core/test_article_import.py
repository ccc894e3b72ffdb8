"""Reading articles back: the reference layout and variants, our own export, non-articles."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qm_tui.core.article.write.markdown import normalised, render_markdown
from qm_tui.core.intake.importing import ArticleError, parse_article, split_title_line
from qm_tui.core.interview.model import Answer, Contact, Facts, Interview
from qm_tui.core.interview.questions import QuestionSets, load_question_sets
from tests.core.test_article_markdown import HOSTILE_TEXT, REFERENCE

SETS = load_question_sets()
QS = SETS.default()


def reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def content(iv: Interview) -> dict[str, object]:
    """Every field except the timestamps."""
    doc = iv.to_dict()
    del doc["created"], doc["updated"]
    return doc


def check_reference(iv: Interview) -> None:
    assert iv.name == "Nils-Petter Nilsson"
    assert iv.title == "vd/centrumutvecklare"
    assert iv.organisation == "Växjö City"
    assert iv.quote == (
        "Viktigt att säkerställa att man arbetar på rätt sätt, både strategiskt och operativt."
    )
    assert [a.question for a in iv.answers] == list(QS.questions)
    assert iv.answers[0].answer.startswith("Det skapar en gemenskap och en stolthet")
    assert iv.answers[4].answer.endswith("och då är QM certifiering ett krav.")
    assert all(a.answer for a in iv.answers)
    assert iv.facts == QS.facts
    assert iv.contact == QS.contact
    assert iv.question_set == "qm-sv"
    assert iv.status == "complete"
    assert iv.notes == ""


def test_reference_profile() -> None:
    result = parse_article(reference(), SETS)
    check_reference(result.interview)
    assert result.warnings == []


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("\n", "\r"),
        lambda t: "\ufeff" + t + "\n\n\n",
        lambda t: t.replace("\n\n", "\n\n\n\n"),
        lambda t: t.replace("\n\n", "\n \u00a0\t\n"),
        lambda t: (
            t.replace(" ", "\u00a0", 3).replace("1. ", "1.\u00a0").replace("?\n", "?\u00a0\n")
        ),
        lambda t: "\n".join("  " + line for line in t.split("\n")),
    ],
    ids=["crlf", "cr", "bom", "extra-blank-lines", "blank-lines-with-spaces", "nbsp", "indented"],
)
def test_reference_variants(variant) -> None:  # type: ignore[no-untyped-def]
    result = parse_article(variant(reference()), SETS)
    check_reference(result.interview)
    assert result.warnings == []


def test_own_export_round_trip_of_the_reference() -> None:
    first = parse_article(reference(), SETS).interview
    again = parse_article(render_markdown(first), SETS)
    assert content(again.interview) == content(first)
    assert again.warnings == []


def test_markdown_export_with_windows_line_endings() -> None:
    first = parse_article(reference(), SETS).interview
    again = parse_article(render_markdown(first).replace("\n", "\r\n"), SETS).interview
    assert content(again) == content(first)


def test_wrapped_question_and_answer_without_blank_lines() -> None:
    text = (
        "Anna Öberg\ncentrumledare Gävle City\n\nEtt citat.\n\n"
        "1. På vilket sätt har samverkan i er stad förändrats/utvecklats\n"
        "i ert arbete att få ett QM-certifikat?\nSvar ett\npå två rader.\n"
        "2. Vilken har varit den största förändringen/förbättringen som QM bidragit till? "
        "Ekonomiskt, organisationsmässigt, övrigt?\nSvar två.\n"
    )
    result = parse_article(text, SETS)
    iv = result.interview
    assert (iv.name, iv.title, iv.organisation) == ("Anna Öberg", "centrumledare", "Gävle City")
    assert iv.answers[0] == Answer(QS.questions[0], "Svar ett\npå två rader.")
    assert iv.answers[1] == Answer(QS.questions[1], "Svar två.")
    # The questions the article lacks are added unanswered, the boxes come from the set.
    assert [a.question for a in iv.answers] == list(QS.questions)
    assert iv.status == "draft" and iv.facts == QS.facts and iv.contact == QS.contact
    assert any("question 3 of qm-sv" in w for w in result.warnings)
    assert any("facts" in w for w in result.warnings)


def test_question_matching_none_is_kept_as_written() -> None:
    text = (
        reference()
        .replace(
            "4. Varför är det viktigt att ha ett QM?",
            "4. Hur firade ni certifikatet?\n\nMed tårta.\n\n"
            "5. Varför är det viktigt att ha ett QM?",
        )
        .replace("5. Vad har varit", "6. Vad har varit")
    )
    result = parse_article(text, SETS)
    questions = [a.question for a in result.interview.answers]
    assert "Hur firade ni certifikatet?" in questions
    assert QS.questions[3] in questions  # the set's own question 4, left unanswered
    assert any("matches no question" in w for w in result.warnings)
    answer = next(a for a in result.interview.answers if a.question.startswith("Hur firade"))
    assert answer.answer == "Med tårta."


def test_slightly_different_wording_still_matches_and_is_kept() -> None:
    text = reference().replace("ert godkända QM?", "ert godkända QM-certifikat?")
    iv = parse_article(text, SETS).interview
    assert (
        iv.answers[2].question
        == "På vilket sätt kommer ni att dra nytta av ert godkända QM-certifikat?"
    )
    assert len(iv.answers) == 5


def test_english_article_picks_the_english_set() -> None:
    qs = SETS.get("qm-en")
    assert qs is not None
    lines = ["Jane Smith", "CEO Gävle City", "", "A quote.", ""]
    for i, q in enumerate(qs.questions, 1):
        lines += [f"{i}. {q}", "", f"Answer {i}.", ""]
    iv = parse_article("\n".join(lines), SETS).interview
    assert iv.question_set == "qm-en"
    assert (iv.title, iv.organisation) == ("CEO", "Gävle City")


def test_unplaced_text_goes_to_notes_with_a_warning() -> None:
    text = reference().replace("operativt.\n\n1.", "operativt.\n\nFoto: Per Persson\n\n1.")
    result = parse_article(text, SETS)
    assert result.interview.notes == "Foto: Per Persson"
    assert any("notes" in w and "Foto" in w for w in result.warnings)
    # and the notes survive our own export
    again = parse_article(render_markdown(result.interview), SETS).interview
    assert again.notes == "Foto: Per Persson"


def test_unsure_title_line_is_kept_whole_with_a_warning() -> None:
    text = reference().replace("vd/centrumutvecklare Växjö City", "Växjö City AB")
    result = parse_article(text, SETS)
    assert (result.interview.title, result.interview.organisation) == ("Växjö City AB", "")
    assert any("title" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("line", "title", "organisation", "sure"),
    [
        ("vd/centrumutvecklare Växjö City", "vd/centrumutvecklare", "Växjö City", True),
        ("vd Örebro City", "vd", "Örebro City", True),
        ("Centrumledare Gävle Centrum", "Centrumledare", "Gävle Centrum", True),
        (
            "tf vd och verksamhetsledare Umeå Centrum",
            "tf vd och verksamhetsledare",
            "Umeå Centrum",
            True,
        ),
        ("Näringslivschef, Karlstads kommun", "Näringslivschef", "Karlstads kommun", True),
        ("City manager Malmö City", "City manager", "Malmö City", True),
        ("Projektledare Destination Skövde", "Projektledare", "Destination Skövde", True),
        ("Ordförande Luleå Citysamverkan", "Ordförande", "Luleå Citysamverkan", True),
        ("verkställande direktör Jönköping City", "verkställande direktör", "Jönköping City", True),
        ("Östersund centrum", "Östersund centrum", "", False),
        ("vd", "vd", "", False),
    ],
)
def test_split_title_line(line: str, title: str, organisation: str, sure: bool) -> None:
    assert split_title_line(line) == (title, organisation, sure)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\n\t\n", "empty"),
        ("Det var en gång en stad.\n\nDen hade ett torg och en gågata.\n", "not an article"),
        ("id,name,organisation\n1,Anna,Växjö City\n2,Per,Gävle\n", "not an article"),
        ("# Rubrik\n\nBara text, inga frågor.\n", "not an article"),
        ("1. Köp mjölk\n2. Köp bröd\n", "not an article"),
        ("PK\x03\x04\x00\x00binary\x00data", "binary"),
        ("\x01\x02\x03\x04\x05\x06 text", "binary"),
    ],
)
def test_not_an_article(text: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse_article(text, SETS)


def test_article_without_any_known_set_keeps_its_questions() -> None:
    empty = QuestionSets(
        sets={"x": dataclasses.replace(QS, id="x", questions=("Annat?",))}, errors=[]
    )
    iv = parse_article(reference(), empty).interview
    assert [a.question for a in iv.answers][:5] == list(QS.questions)
    assert iv.question_set == "x"


# -- round trip ------------------------------------------------------------------------

LINE = HOSTILE_TEXT
QUESTIONS = st.lists(HOSTILE_TEXT, min_size=1, max_size=3) | st.just(list(QS.questions))


@st.composite
def interviews(draw: st.DrawFn) -> Interview:
    questions = draw(QUESTIONS)
    answers = tuple(Answer(q, draw(HOSTILE_TEXT)) for q in questions)
    facts = draw(st.just(QS.facts) | st.builds(Facts, LINE, HOSTILE_TEXT))
    contact = draw(st.just(QS.contact) | st.builds(Contact, LINE, LINE, LINE, LINE, HOSTILE_TEXT))
    return Interview(
        question_set=draw(st.sampled_from(["qm-sv", "qm-en", "egen"])),
        name=draw(LINE),
        title=draw(LINE),
        organisation=draw(LINE),
        date=draw(st.dates().map(lambda d: d.isoformat())),
        interviewer=draw(LINE),
        quote=draw(HOSTILE_TEXT),
        answers=answers,
        facts=facts,
        contact=contact,
        status=draw(st.sampled_from(["draft", "complete"])),
        notes=draw(HOSTILE_TEXT),
    )


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(iv=interviews())
def test_import_of_own_export_gives_back_the_interview(iv: Interview) -> None:
    back = parse_article(render_markdown(iv), SETS).interview
    assert content(back) == content(normalised(iv).with_status())  # the status as the rule gives it


def test_round_trip_is_exact_for_ordinary_interviews() -> None:
    iv = QS.new_interview(
        name="Anna-Karin Öberg",
        title="centrumledare",
        organisation="Gävle City",
        date="2026-03-01",
        interviewer="Pia Sandin",
    )
    iv = dataclasses.replace(iv, quote="Vi är stolta.", notes="Ej placerat:\n\nFoto  Per")
    iv = iv.with_answer(0, "Första stycket\nmed radbrytning.\n\nAndra stycket: 100 % *viktigt*.")
    back = parse_article(render_markdown(iv), SETS)
    assert content(back.interview) == content(iv)


def test_hand_edited_markdown_without_metadata() -> None:
    """An editor's copy of the export, hidden lines removed: read by layout and heuristics."""
    first = parse_article(reference(), SETS).interview
    stripped = render_markdown(first, meta=False)
    stripped = stripped.replace("Det skapar en gemenskap", "Det *skapar* en gemenskap")
    result = parse_article(stripped, SETS)
    iv = result.interview
    assert (iv.name, iv.title, iv.organisation) == (first.name, first.title, first.organisation)
    assert iv.contact == first.contact and iv.facts == first.facts
    assert iv.answers[0].answer == first.answers[0].answer  # emphasis read as its text
    assert iv.status == "complete" and result.warnings == []
