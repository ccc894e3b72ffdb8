"""Articles as they really come: credits, publication lines, edited questions, PDF text, quotes."""

from __future__ import annotations

import textwrap

import pytest

from qm_tui.core.intake.importing import parse_article
from qm_tui.core.interview.model import Interview
from qm_tui.core.interview.questions import load_question_sets
from tests.conftest import REFERENCE

SETS = load_question_sets()
QUOTE = "Viktigt att säkerställa att man arbetar på rätt sätt, både strategiskt och operativt."


def wrap(paragraph: str, width: int) -> str:
    """A one-line paragraph wrapped at `width`, as a PDF reader copies it out."""
    return textwrap.fill(paragraph, width) if "\n" not in paragraph else paragraph


def reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def clean() -> Interview:
    return parse_article(reference(), SETS).interview


@pytest.mark.parametrize("credit", ["Foto: Anna Andersson", "Bild: Växjö kommun", "FOTO: Per Ek"])
def test_a_photo_credit_under_the_byline_goes_to_the_notes(credit: str) -> None:
    text = reference().replace("Växjö City\n", f"Växjö City\n{credit}\n", 1)
    result = parse_article(text, SETS)
    iv = result.interview
    assert iv.quote == QUOTE and iv.notes == credit
    assert iv.organisation == "Växjö City"
    assert any(credit in w for w in result.warnings)


def test_a_photo_credit_as_its_own_paragraph() -> None:
    text = reference().replace("\n\n\n\nViktigt", "\n\nFoto: Anna Andersson\n\nViktigt", 1)
    iv = parse_article(text, SETS).interview
    assert iv.quote == QUOTE and iv.notes == "Foto: Anna Andersson"


@pytest.mark.parametrize(
    "line", ["Publicerad 2022-03-01", "Publicerad: 1 mars 2022", "Uppdaterad den 4 april 2022"]
)
def test_a_publication_line_at_the_end_goes_to_the_notes(line: str) -> None:
    for sep in ("\n", "\n\n"):
        iv = parse_article(reference() + sep + line + "\n", SETS).interview
        assert iv.contact == clean().contact
        assert iv.notes == line


def test_a_shortened_question_is_matched_by_number_and_keeps_its_wording() -> None:
    text = reference().replace(
        "2. Vilken har varit den största förändringen/förbättringen som QM bidragit till? "
        "Ekonomiskt, organisationsmässigt, övrigt?",
        "2. Vilken har varit den största förändringen som QM bidragit till?",
    )
    result = parse_article(text, SETS)
    iv = result.interview
    assert len(iv.answers) == 5
    shortened = "Vilken har varit den största förändringen som QM bidragit till?"
    assert iv.answers[1].question == shortened
    assert iv.answers[1].answer == clean().answers[1].answer
    assert result.warnings == [] and iv.status == "complete"


def test_a_reworded_question_is_matched_by_number() -> None:
    text = reference().replace("4. Varför är det viktigt att ha ett QM?", "4. Varför QM?")
    iv = parse_article(text, SETS).interview
    assert [a.question for a in iv.answers][3] == "Varför QM?"
    assert iv.answers[3].answer == clean().answers[3].answer and len(iv.answers) == 5


@pytest.mark.parametrize("width", [60, 70, 80])
def test_text_copied_out_of_a_pdf(width: int) -> None:
    """Hard-wrapped paragraphs and soft hyphens come back as the original paragraphs."""
    paragraphs = reference().strip("\n").split("\n\n")
    wrapped = "\n\n".join(wrap(p, width - 6) for p in paragraphs)
    lines = wrapped.split("\n")
    # Hyphenate the first word of each wrapped line that is long enough, as a PDF would.
    for i in range(1, len(lines)):
        word = lines[i].split(" ", 1)[0]
        previous = lines[i - 1]
        if (
            previous
            and not previous.endswith("-")
            and len(previous) > width - 20
            and len(word) >= 7
        ):
            lines[i - 1] += f" {word[:3]}\u00ad"
            lines[i] = lines[i][3:]
    wrapped = "\n".join(lines).replace("certifiering", "certi\u00adfiering", 1)
    assert "\u00ad\n" in wrapped and max(len(line) for line in lines) <= width
    iv = parse_article(wrapped, SETS).interview
    want = clean()
    assert iv.answers == want.answers and iv.facts == want.facts
    assert iv.contact == want.contact and iv.quote == want.quote
    assert (iv.name, iv.title, iv.organisation) == (want.name, want.title, want.organisation)


def test_line_breaks_in_ordinary_text_are_kept() -> None:
    text = reference().replace("Det skapar en gemenskap", "Det skapar\nen gemenskap")
    assert (
        parse_article(text, SETS).interview.answers[0].answer.startswith("Det skapar\nen gemenskap")
    )


@pytest.mark.parametrize(
    "quoted",
    [f"”{QUOTE}”", f'"{QUOTE}"', f"“{QUOTE}”", f"»{QUOTE}»", f"„{QUOTE}“"],
)
def test_quote_marks_around_the_pull_quote(quoted: str) -> None:
    iv = parse_article(reference().replace(QUOTE, quoted, 1), SETS).interview
    assert iv.quote == QUOTE and iv.notes == ""


@pytest.mark.parametrize(
    "attributed",
    [
        f"”{QUOTE}”\n– Nils-Petter Nilsson",
        f'"{QUOTE}"\n- Nils-Petter Nilsson',
        f"”{QUOTE}” – Nils-Petter Nilsson",
        f"{QUOTE}\n\n— Nils-Petter Nilsson",
    ],
)
def test_an_attributed_quote(attributed: str) -> None:
    iv = parse_article(reference().replace(QUOTE, attributed, 1), SETS).interview
    assert iv.quote == QUOTE and iv.notes == ""


def test_a_quote_attributed_to_someone_else_keeps_the_name_in_the_notes() -> None:
    text = reference().replace(QUOTE, f"”{QUOTE}”\n– Pia Sandin", 1)
    iv = parse_article(text, SETS).interview
    assert iv.quote == QUOTE and iv.notes == "– Pia Sandin"


def test_all_at_once_from_a_word_processor() -> None:
    """Credit, curly attributed quote, shortened question, PDF wrapping and a publication line."""
    text = reference().replace("Växjö City\n", "Växjö City\nFoto: Anna Andersson\n", 1)
    text = text.replace(QUOTE, f"”{QUOTE}”\n– Nils-Petter Nilsson", 1)
    text = text.replace(" Ekonomiskt, organisationsmässigt, övrigt?", "")
    paragraphs = text.strip("\n").split("\n\n")
    text = "\n\n".join(wrap(p, 72) for p in paragraphs)
    text += "\n\nPublicerad 2022-03-01\n"
    result = parse_article(text, SETS)
    iv = result.interview
    want = clean()
    assert iv.quote == QUOTE and iv.contact == want.contact and iv.facts == want.facts
    assert [a.answer for a in iv.answers] == [a.answer for a in want.answers]
    assert iv.notes == "Foto: Anna Andersson\n\nPublicerad 2022-03-01"
