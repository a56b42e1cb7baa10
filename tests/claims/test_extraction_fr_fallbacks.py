"""The last-resort cue rules of the French parse engine (``claims/extraction/parse_leads.py``) and the English
share-tail cue (``cue_share_tail``), through ``extract``.

Each sentence below is one the small French model misparses (a participle tagged as a noun, a verb as an
adjective): each rule is checked with the rule on and switched off, and on sentences it must leave alone.
"""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.rules import KNOWN, rules_disabled


def _claims(text: str, language: str = "fr") -> list[tuple[str, bool]]:
    return [(c.text, c.needs_context) for c in extract(text, language=language).claims]


def _texts(text: str, language: str = "fr") -> list[str]:
    return [c.text for c in extract(text, language=language).claims]


@pytest.mark.parametrize(
    ("text", "adjunct", "main"),
    [
        (
            "Auteur de 14 points, Casaubon a réussi quatre pénalités sur cinq tentées.",
            "Auteur de 14 points … Casaubon",
            "Casaubon a réussi quatre pénalités sur cinq tentées.",
        ),
        (
            "Menés 13-21 à l'heure de jeu, les Béarnais ont inscrit onze points dans le dernier quart d'heure.",
            "Menés 13-21 à l'heure de jeu … les Béarnais",
            "les Béarnais ont inscrit onze points dans le dernier quart d'heure.",
        ),
        (
            "Exploité par la société Métalis Revêtements, le site emploie 210 personnes.",
            "Exploité par la société Métalis Revêtements … le site",
            "le site emploie 210 personnes.",
        ),
        (
            "D'un montant total de 58,4 millions d'euros, le budget est en hausse de 3,1 % sur un an.",
            "D'un montant total de 58,4 millions d'euros … le budget",
            "le budget est en hausse de 3,1 % sur un an.",
        ),
        (
            "Venu pour dérober la caisse, l'accusé avait porté trois coups de couteau à la victime.",
            "Venu pour dérober la caisse … l'accusé",
            "l'accusé avait porté trois coups de couteau à la victime.",
        ),
    ],
)
def test_leading_adjunct_is_read_with_the_subject_after_it(text: str, adjunct: str, main: str) -> None:
    claims = _claims(text)
    assert claims == [(adjunct, True), (main, False)]
    start, end = extract(text, language="fr").claims[0].spans[1]
    assert text[start:end] == adjunct.split(" … ")[1]  # the subject's own span, after the adjunct's
    with rules_disabled("leading_adjunct"):
        assert adjunct not in _texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Selon la préfecture, le feu a détruit 40 hectares.",  # an attribution, not an adjunct
        "Mardi 14 mars, le conseil a voté le budget.",  # a date
        "Dans la nuit de samedi, les pompiers sont intervenus à 12 reprises.",  # a place and time
        "Comité de quartier, association et mairie ont signé la charte.",  # a list of subjects
    ],
)
def test_leading_adjunct_leaves_introductions_alone(text: str) -> None:
    before = _texts(text)
    with rules_disabled("leading_adjunct"):
        assert _texts(text) == before


def test_tandis_que_clause_stands_alone_when_its_verb_is_tagged_as_a_noun() -> None:
    text = "Le site emploie 210 personnes, tandis que l'usine voisine en compte 80."
    assert _texts(text) == ["Le site emploie 210 personnes", "tandis que l'usine voisine en compte 80."]
    with rules_disabled("contrast_after_comma"):
        assert _texts(text) == [text]


def test_inserted_relative_is_given_when_the_parser_hung_it_elsewhere() -> None:
    text = "Nantes, qui avait perdu 9 % en 2023, remonte à 3 860 euros."
    assert _texts(text) == ["Nantes … remonte à 3 860 euros.", "Nantes, qui avait perdu 9 % en 2023"]
    with rules_disabled("inserted_relative_cue"):
        assert _texts(text) == [text]


def test_inserted_relative_cue_needs_a_verb_and_a_main_clause_after_it() -> None:
    for text in (
        "Les Lyonnais, qui jouaient à domicile.",  # nothing after the relative
        "Le maire a signé, qui l'eût cru, le décret de 2024 sur les 12 communes.",  # not after the opening noun
    ):
        before = _texts(text)
        with rules_disabled("inserted_relative_cue"):
            assert _texts(text) == before


def test_short_present_participle_is_a_consequence_of_its_own() -> None:
    text = "Une explosion s'est produite jeudi dans une usine de Saint-Fons, blessant quatre salariés."
    assert _texts(text) == [
        "Une explosion s'est produite jeudi dans une usine de Saint-Fons",
        "blessant quatre salariés.",
    ]
    with rules_disabled("short_participle"):
        assert _texts(text) == [text]
    # "…, cependant" is no participle; a participle with a long object is the general rule's
    assert _texts("Le chantier a repris lundi, cependant très lentement.") == [
        "Le chantier a repris lundi, cependant très lentement."
    ]


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("The company lost 241 million litres a day in 2024, about 22% of its supply.", "about 22% of its supply."),
        (
            "The result lifts Somerset to second in Division One, 11 points behind leaders Essex.",
            "11 points behind leaders Essex.",
        ),
        (
            "Hessler will pay 38.50 euros per share, a premium of 27% to Monday's closing price.",
            "Hessler … a premium of 27% to Monday's closing price.",
        ),
    ],
)
def test_english_share_tail_is_a_claim_of_its_own(text: str, tail: str) -> None:
    assert "cue_share_tail" in KNOWN
    assert _texts(text, "en")[-1] == tail
    with rules_disabled("cue_share_tail"):
        assert _texts(text, "en") == [text]


def test_english_share_tail_leaves_an_opening_figure_alone() -> None:
    text = "In England, around 2.1 million pupils are eligible for free school meals."
    assert _texts(text, "en") == [text]


def test_the_parts_of_a_figure_after_dont_are_claims_of_their_own() -> None:
    text = "Le plan prévoit 1 150 postes menacés, dont 620 à Sochaux et 530 à Vénissieux."
    claims = extract(text, language="fr").claims
    assert [c.text.endswith(("620 à Sochaux", "530 à Vénissieux.")) for c in claims[1:]] == [True, True]
    assert all(c.needs_context for c in claims[1:])
    with rules_disabled("elliptical_amount"):
        assert extract(text, language="fr").claims[-1].text.endswith("dont 620 à Sochaux et 530 à Vénissieux.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La Hongrie a d'ores et déjà fait part de ses réserves sur le plan de 40 milliards.", "fr"),
        ("Le tribunal a bel et bien condamné la société à 2 millions d'euros d'amende.", "fr"),
        ("The new line is up and running between the 4 stations of the first section.", "en"),
    ],
)
def test_a_set_phrase_with_et_or_and_is_never_cut(text: str, language: str) -> None:
    assert [c.text for c in extract(text, language=language).claims] == [text]
