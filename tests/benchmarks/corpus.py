"""Synthetic interviews of about 3 KB of Swedish text each, for the benchmarks."""

from __future__ import annotations

import random

from qm_tui.core.interview.model import Interview
from qm_tui.core.interview.questions import load_question_sets

WORDS = (
    "samverkan stadskärna centrumutveckling fastighetsägare handlare kommunen gemenskap "
    "stolthet kvalitet förnyelse legitimitet kommunikation strategiskt operativt besökare "
    "trygghet tillgänglighet evenemang julhandel parkering cykelväg torget gågatan "
    "näringsliv föreningar arbete säkerställa bekräftelse målbild året stadskärna är och "
    "att det vi har som för med på till av en ett inte också mycket större högsta möjliga"
).split()
TOWNS = "Växjö Örebro Gävle Umeå Jönköping Karlstad Östersund Malmö Luleå Skövde".split()


def sentence(rng: random.Random) -> str:
    """One Swedish-looking sentence."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def interview(rng: random.Random, n: int) -> Interview:
    """An interview with about 3 KB of answer text."""
    qs = load_question_sets().default()
    iv = qs.new_interview(
        name=f"Anna-Karin Öberg {n}",
        title="vd/centrumutvecklare",
        organisation=f"{rng.choice(TOWNS)} City {n}",
        date=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        interviewer="Pia Sandin",
        quote=sentence(rng),
    )
    for i in range(len(iv.answers)):
        text = " ".join(sentence(rng) for _ in range(4))
        iv = iv.with_answer(i, text)
    return iv


def interviews(count: int, seed: int = 1) -> list[Interview]:
    """`count` reproducible interviews."""
    rng = random.Random(seed)
    return [interview(rng, n) for n in range(count)]
