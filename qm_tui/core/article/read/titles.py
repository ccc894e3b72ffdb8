"""Telling a person's title from their organisation in a byline such as "vd Växjö City"."""

from __future__ import annotations

import re

__all__ = ["split_title_line"]

_TITLE_WORDS = {
    # Swedish
    "vd", "ordförande", "styrelseordförande", "direktör", "chef", "ledare", "ledamot",
    "styrelseledamot", "samordnare", "koordinator", "kommunikatör", "strateg", "sekreterare",
    "kassör", "rådgivare", "handläggare", "utvecklare", "ansvarig", "konsult", "assistent",
    "ombudsman", "grundare", "ägare", "delägare", "kommunalråd", "controller", "ekonom",
    "generalsekreterare", "talesperson", "projektledare", "centrumledare", "centrumutvecklare",
    "verksamhetsledare", "näringslivschef", "citychef", "centrumchef",
    # English
    "ceo", "coo", "cfo", "chair", "chairman", "chairperson", "chairwoman", "president",
    "director", "manager", "coordinator", "officer", "advisor", "adviser", "consultant",
    "secretary", "treasurer", "founder", "owner", "head", "lead", "strategist",
}  # fmt: skip
_TITLE_SUFFIXES = (
    "chef", "ledare", "utvecklare", "ansvarig", "ordförande", "samordnare", "koordinator",
    "strateg", "direktör", "sekreterare", "handläggare", "rådgivare", "kommunikatör",
    "assistent", "konsult", "ombudsman", "ledamot", "manager", "director", "officer",
)  # fmt: skip
_TITLE_MODIFIERS = {
    "tf", "tf.", "t.f.", "vice", "bitr.", "biträdande", "ställföreträdande", "senior", "interim",
    "och", "samt", "&", "and", "/", "-", "verkställande", "vik.", "vikarierande", "deputy",
    "acting", "executive", "general", "managing",
}  # fmt: skip
_TITLE_PHRASES = ("city manager", "town centre manager", "town center manager", "place manager")


def _title_part(word: str) -> bool:
    w = word.casefold().strip(",")
    return w in _TITLE_WORDS or (len(w) > 6 and w.endswith(_TITLE_SUFFIXES))


def split_title_line(line: str) -> tuple[str, str, bool]:
    """Split "vd/centrumutvecklare Växjö City" into (title, organisation, sure).

    The title is the longest run of known titles at the start (`vd`, `centrumutvecklare`,
    compounds with `/`, `och`, `tf`, …). When no title is recognised the whole line is the
    title and `sure` is False.
    """
    words = line.split()
    end = 0
    i = 0
    while i < len(words):
        phrase = next(
            (p for p in _TITLE_PHRASES if " ".join(words[i : i + len(p.split())]).casefold() == p),
            None,
        )
        if phrase:
            i += len(phrase.split())
            end = i
            if words[i - 1].endswith(","):
                break
            continue
        word = words[i]
        parts = [p for p in re.split(r"[/&]", word.strip(",")) if p]
        if parts and all(_title_part(p) or p.casefold() in _TITLE_MODIFIERS for p in parts):
            if any(_title_part(p) for p in parts):
                end = i + 1
            i += 1
            if word.endswith(","):
                break
            continue
        if word.casefold() in _TITLE_MODIFIERS:
            i += 1
            continue
        break
    if end == 0:
        return line.strip(), "", False
    title = " ".join(words[:end]).rstrip(",")
    organisation = " ".join(words[end:])
    return title, organisation, bool(organisation)
