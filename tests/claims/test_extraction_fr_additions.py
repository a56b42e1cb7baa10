"""The French verbless-addition cue rules (``claims/extraction/parse_additions.py``), through ``extract``.

Each rule is checked with the rule on and switched off, and on sentences it must leave alone.
"""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.rules import KNOWN, rules_disabled


def _texts(text: str) -> list[str]:
    return [c.text for c in extract(text, language="fr").claims]


@pytest.mark.parametrize(
    ("rule", "text", "pieces"),
    [
        (
            "vote_tally",
            "Le Sénat a adopté mercredi la réforme des retraites, par 195 voix contre 112.",
            ["Le Sénat a adopté mercredi la réforme des retraites", "par 195 voix contre 112."],
        ),
        (
            "earlier_figure",
            "Les ventes ont progressé de 3,2 % au deuxième trimestre, après 1,4 % au premier.",
            ["Les ventes ont progressé de 3,2 % au deuxième trimestre", "après 1,4 % au premier."],
        ),
        (
            "earlier_figure",
            "La dette atteindra 112 % du PIB en 2025, après 110 % attendus cette année.",
            ["La dette atteindra 112 % du PIB en 2025", "après 110 % attendus cette année."],
        ),
        (
            "repeated_preposition_amount",
            "Pour boucler son budget, le club mise sur 12 millions de droits télévisés et sur 4 millions de "
            "billetterie.",
            [
                "Pour boucler son budget, le club mise sur 12 millions de droits télévisés",
                "et sur 4 millions de billetterie.",
            ],
        ),
        (
            "ainsi_que_item",
            "Les députés ont rejeté la suppression de la redevance ainsi que la hausse de la TVA sur les billets "
            "de train.",
            [
                "Les députés ont rejeté la suppression de la redevance",
                "ainsi que la hausse de la TVA sur les billets de train.",
            ],
        ),
        (
            "bare_number_comparison",
            "Les rosés représentent aujourd'hui 35 % de nos volumes contre 15 % il y a dix ans.",
            ["Les rosés représentent aujourd'hui 35 % de nos volumes", "contre 15 % il y a dix ans."],
        ),
        (
            "bare_number_comparison",
            "Le taux de participation a atteint 62 % contre 48 % en 2019.",
            ["Le taux de participation a atteint 62 %", "contre 48 % en 2019."],
        ),
        (
            "cause_tail",
            "Le trafic a été interrompu mardi matin, à cause de la grève des contrôleurs de la SNCF.",
            ["Le trafic a été interrompu mardi matin", "à cause de la grève des contrôleurs de la SNCF."],
        ),
        (
            "cause_tail",
            "Les ventes ont reculé de 4 % en mars, en raison d'une hausse des prix de 12 %.",
            ["Les ventes ont reculé de 4 % en mars", "en raison d'une hausse des prix de 12 %."],
        ),
        (
            "figure_tail",  # a level too short to stand alone by its word count is still a claim of its own
            "Le chômage des jeunes a diminué de 1,1 point, à 18,3 %.",
            ["Le chômage des jeunes a diminué de 1,1 point", "Le chômage des jeunes … à 18,3 %."],
        ),
    ],
)
def test_french_verbless_addition_is_a_claim_of_its_own(rule: str, text: str, pieces: list[str]) -> None:
    assert rule in KNOWN
    assert _texts(text) == pieces
    with rules_disabled(rule):
        assert _texts(text) == [text]


def test_second_verb_tagged_as_an_adverb_is_read_with_the_subject() -> None:
    text = (
        "Née à Lorient en 1941, elle obtient un doctorat de chimie à Nantes en 1967, puis soutient en 1972 une thèse "
        "consacrée aux algues du littoral breton."
    )
    pieces = _texts(text)
    assert pieces[1:] == [
        "elle obtient un doctorat de chimie à Nantes en 1967",
        "elle … soutient en 1972 une thèse consacrée aux algues du littoral breton.",
    ]
    with rules_disabled("mistagged_second_verb"):
        assert not any(p.startswith("elle …") for p in _texts(text))


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("vote_tally", "Le conseil régional a voté le plan de relance, par la voix de son président."),  # no count
        ("earlier_figure", "L'usine a rouvert lundi avec 120 salariés, après trois mois de travaux."),  # a duration
        # no figure in the clause before
        ("earlier_figure", "Le magasin a rouvert lundi, après 5 % de remise consentie aux clients fidèles."),
        ("repeated_preposition_amount", "Les élèves ont travaillé sur 12 exercices et sur la durée du trimestre."),
        ("repeated_preposition_amount", "Les dégâts sont estimés entre 150 et 250 millions d'euros."),
        ("bare_number_comparison", "L'Assemblée a adopté le texte par 289 voix contre 251."),  # a vote count
        ("bare_number_comparison", "Le club se bat contre 3 concurrents pour la montée."),  # no figure before
        ("bare_number_comparison", "Le PSG a battu Lyon 3 buts contre 1 samedi soir."),  # a score, no unit
        ("cause_tail", "Le match a été reporté à dimanche, en raison de la météo."),  # nothing to check alone
        ("cause_tail", "Le vol a été annulé, en raison d'une panne qui a touché 12 appareils."),  # its own verb
        ("mistagged_second_verb", "Il a vécu à Brest jusqu'en 1950, puis Lyon jusqu'en 1960."),  # a name
        ("mistagged_second_verb", "Le club a gagné à Lyon, puis très largement à Nantes."),  # an adverb
        ("ainsi_que_item", "La piscine restera fermée jusqu'en juin ainsi que l'a annoncé le maire."),  # a clause
    ],
)
def test_french_addition_rule_leaves_alone(rule: str, text: str) -> None:
    before = _texts(text)
    with rules_disabled(rule):
        assert _texts(text) == before
    if rule != "ainsi_que_item":  # "ainsi que l'a annoncé le maire" is split by the clause rules, not this one
        assert before == [text]
