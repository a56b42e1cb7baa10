"""The function-word shortcut of ``claims.extraction.language`` never decides a sample lingua would decide otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claims.extraction import language as L

EVAL_DIR = Path(__file__).resolve().parents[2] / "bench" / "eval"
# The development and style sets; the blind set is never read by tests.
EVAL_SETS = ["", "heldout", "heldout-2", "heldout-3", "heldout-4", "styles"]
EVAL_TEXTS = [p.read_text(encoding="utf-8") for name in EVAL_SETS for p in sorted((EVAL_DIR / name).glob("*.txt"))]


def _samples() -> list[str]:
    """Every eval text, and every one of them read from each of its paragraphs on (a sample per opening)."""
    samples = []
    for text in EVAL_TEXTS:
        for start in [0, *(m.end() for m in re.finditer(r"\n\s*", text))]:
            sample = L.language_sample(text[start:])
            if len(sample) >= L._MIN_CHARS and len(sample.split()) >= L._MIN_WORDS:
                samples.append(sample)
    return samples


def test_the_vote_agrees_with_lingua_wherever_it_decides():
    decided = [(sample, L._plain_language(sample)) for sample in _samples()]
    decided = [(sample, vote) for sample, vote in decided if vote]
    assert len(decided) > 300  # the shortcut is taken for most articles
    assert [vote for _sample, vote in decided] == [L._lingua(sample) for sample, _vote in decided]


@pytest.mark.parametrize(
    "sample",
    [
        # English quoted in French, French quoted in English: both languages' words, lingua weighs them.
        "Le ministre a déclaré dans un entretien que les prix sont stables et que « the market is not ready for "
        "this », ajoutant que les taxes ont baissé depuis mars pour les ménages qui vivent dans les villes.",
        "The minister said that prices were stable, adding that « les prix sont stables depuis mars » and that "
        "taxes had fallen for the households who live in the cities, which the opposition denied on Tuesday.",
        # Another language's words or letters next to French ones.
        "Il sindaco ha detto che la città è pronta, mais les habitants sont inquiets depuis que les pluies ont "
        "commencé dans la vallée et que les routes sont coupées par les eaux pour la troisième fois cette année.",
        "Le conseil a voté le budget dans la soirée et les élus ont salué cette décision pour leur commune, "
        "während die Opposition sagte: Kaupunginvaltuusto hyväksyi talousarvion, och ingen protesterade.",
    ],
)
def test_a_mixed_sample_is_left_to_lingua(sample):
    assert L._plain_language(sample) == ""


def test_plain_samples_are_decided_without_lingua():
    french = (
        "Le conseil municipal a approuvé le budget mardi après un long débat, selon les élus. Cette décision est "
        "la troisième de l'année, et les habitants, qui sont inquiets, ont demandé une réunion avec le maire. "
    ) * 2
    english = (
        "The city council approved the budget on Tuesday after a long debate, officials said. It was the third "
        "vote this year, and the mayor, who had opposed the plan, said that their concerns were not heard. "
    ) * 2
    assert L._plain_language(french) == "fr"
    assert L._plain_language(english) == "en"
    assert L.detect_language(french) == "fr" and L.detect_language(english) == "en"
