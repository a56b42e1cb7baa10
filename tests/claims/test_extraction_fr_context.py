"""A French demonstrative (« ces bases ») is resolved to the noun phrase of the previous sentence it names again."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction import reasons as R
from claims.extraction.build import demonstrative_antecedent


def test_ces_bases_is_resolved_from_the_previous_sentence() -> None:
    text = "L'armée a ouvert deux nouvelles bases en Lorraine. Ces bases accueilleront 2 000 soldats en 2025."
    claim = extract(text, language="fr").claims[1]
    assert claim.needs_context
    assert claim.context == "deux nouvelles bases en Lorraine"
    reason = next(r for r in claim.reasons if r["code"] == R.REFERS_OUTSIDE)
    assert reason["params"] == {"ref": "Ces bases", "antecedent": "deux nouvelles bases en Lorraine"}


@pytest.mark.parametrize(
    ("ref", "previous", "antecedent"),
    [
        ("Ce navire", "Le port de Cherbourg a reçu un nouveau navire.", "un nouveau navire"),
        ("Cette étude", "La commune a lancé l'étude du projet.", "l'étude"),
        ("Ces bases", "L'armée a ouvert une base à Metz.", "une base à Metz"),  # singular named, plural again
        ("Ces mesures", "Le gouvernement a présenté son plan.", None),  # not named before: no guess
    ],
)
def test_demonstrative_antecedent(ref: str, previous: str, antecedent: str | None) -> None:
    assert demonstrative_antecedent(ref, previous) == antecedent


def test_unresolved_demonstrative_keeps_the_previous_sentence_as_context() -> None:
    text = "Le gouvernement a présenté son plan mardi. Ces mesures coûteront 3 milliards d'euros en 2025."
    claim = extract(text, language="fr").claims[1]
    assert claim.needs_context and claim.context == "Le gouvernement a présenté son plan mardi."
