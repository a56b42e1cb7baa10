"""Web furniture pasted with an article (stamps, link bars, chart captions, players), advice to the public and
questions quoted with their speech tag are not check-worthy; the facts beside them still are."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction import reasons as R


def _worthy(text: str, language: str) -> list[str]:
    return [c.text for c in extract(text, language=language).claims if c.checkworthy]


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Published: 14:37 BST, 18 June 2025 | Updated: 18:02 BST, 18 June 2025", "en"),
        ("Explore more on these topics: Housing, Transport, Local government", "en"),
        ("More stories: Council tax | Bin collections | Roadworks", "en"),
        ("Chart 2 – Quarterly change in employment, in % (source: ONS)", "en"),
        ("Graphique 1 – Évolution trimestrielle de l'emploi salarié, en % (source : Insee)", "fr"),
        ("Tableau 3 : Prix moyen au mètre carré par quartier (en euros)", "fr"),
        ("Vidéo ▶ Les images de l'incendie du 14 mars (1 min 32)", "fr"),
        ("Bande-annonce : « Le Dernier Phare », en salles le 12 février", "fr"),
        ("Classement complet des 20 premiers clubs | Tous les résultats de la 12e journée", "fr"),
        ("Hauts-de-France | En bref", "fr"),
    ],
)
def test_web_furniture_is_not_a_claim(line: str, language: str) -> None:
    body = (
        "Le conseil municipal a voté mardi un budget de 48 millions d'euros."
        if language == "fr"
        else "The council approved a budget of £48 million on Tuesday."
    )
    result = extract(f"{line}\n\n{body}", language=language)
    worthy = [c.text for c in result.claims if c.checkworthy]
    assert worthy == [body]
    furniture = [c for c in result.claims if c.text in line]
    assert all(R.BOILERPLATE in R.codes(c.reasons) or R.STAMP in R.codes(c.reasons) for c in furniture)


def test_a_table_row_between_bars_is_still_read_as_figures() -> None:
    row = "Nord | 12 400 | 11 900 | +4,2 %"
    result = extract(f"Les ventes par département.\n\n{row}", language="fr")
    assert not any(R.BOILERPLATE in R.codes(c.reasons) for c in result.claims if c.text in row)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Les consommateurs sont invités à ne pas consommer ce produit et à le rapporter en magasin.", "fr"),
        ("Les automobilistes sont priés d'éviter le secteur jusqu'à 18 heures.", "fr"),
        ("Il est vivement recommandé de faire bouillir l'eau du robinet pendant 48 heures.", "fr"),
        ("Residents are advised to boil tap water for the next 48 hours.", "en"),
        ("Customers who bought the kettle before 1 March should stop using it immediately.", "en"),
        ("Passengers are urged not to travel on Saturday unless their journey is essential.", "en"),
    ],
)
def test_advice_to_the_public_is_a_call_to_action(text: str, language: str) -> None:
    claim = max(extract(text, language=language).claims, key=lambda c: len(c.text))
    assert not claim.checkworthy
    assert R.CALL_TO_ACTION in R.codes(claim.reasons)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Les électeurs sont appelés aux urnes le 12 mars pour le second tour.", "fr"),
        ("Passengers were asked to leave the train at York after a signal failure on Monday.", "en"),
        ("The company said customers should expect refunds of £79 within 14 days.", "en"),
    ],
)
def test_facts_that_share_the_advice_words_stay_checkworthy(text: str, language: str) -> None:
    assert _worthy(text, language)


@pytest.mark.parametrize(
    "text",
    [
        '"How can you justify a 23% rise in bills when your rivers are getting dirtier?" she asked.',
        "« Pourquoi le département a-t-il attendu trois ans pour agir ? » a demandé la conseillère Anne Roy.",
    ],
)
def test_a_quoted_question_with_its_speech_tag_is_a_question(text: str) -> None:
    language = "fr" if "«" in text else "en"
    claims = extract(text, language=language).claims
    assert not any(c.checkworthy for c in claims)
    assert any(R.QUESTION in R.codes(c.reasons) for c in claims)


def test_a_relative_inside_an_english_sentence_is_taken_out_of_the_main_claim() -> None:
    text = "The restrictions, which came into force in July, had banned the use of hosepipes in 12 counties."
    claims = extract(text, language="en").claims
    main = next(c for c in claims if c.text.startswith("The restrictions …"))
    assert main.text == "The restrictions … had banned the use of hosepipes in 12 counties."
    assert [text[s:e] for s, e in main.spans] == ["The restrictions", "had banned the use of hosepipes in 12 counties."]
    relative = next(c for c in claims if "which came into force" in c.text)
    assert "banned" not in relative.text


def test_an_english_apposition_stays_in_the_main_claim() -> None:
    text = "Helen Brackley, the chief executive of Severn Water, appeared before the committee on Wednesday."
    claims = extract(text, language="en").claims
    assert any(c.text == text for c in claims)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("« J'ai paniqué, je ne voulais pas sa mort », a déclaré l'accusé.", "fr"),
        ('"This is a rare chance to build a European champion," she told reporters on Tuesday.', "en"),
        ("« C'est une belle histoire, mais sans jeunes ménages, ça ne durera pas », glisse un retraité.", "fr"),
        ('"The risk is real given the board\'s patchy record on mergers," an analyst said.', "en"),
    ],
)
def test_a_speakers_words_without_a_figure_are_not_checkworthy(text: str, language: str) -> None:
    claim = max(extract(text, language=language).claims, key=lambda c: len(c.text))
    assert not claim.checkworthy
    assert R.QUOTED_WORDS in R.codes(claim.reasons)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("« Nous avons perdu 40 % de la récolte en deux semaines », a déclaré l'exploitante.", "fr"),
        ('"Our Saturday sales dropped by half," said the owner of the bakery.', "en"),
        ("La direction a confirmé « la fermeture du site de Lens », selon un communiqué publié mardi.", "fr"),
        ('"Knife crime in the county has fallen by nearly half in five years," said the chief constable.', "en"),
        ('"It is the first time the club has reached a final since it was founded," the chairman said.', "en"),
        ("« C'est la première fois que la commune dépasse les dix mille habitants », a souligné le maire.", "fr"),
    ],
)
def test_a_quote_with_a_figure_or_a_proportion_stays_checkworthy(text: str, language: str) -> None:
    assert _worthy(text, language)


def test_every_piece_of_advice_to_the_public_is_a_call_to_action() -> None:
    text = "Les consommateurs sont invités à ne pas le consommer et à le rapporter en magasin pour être remboursés."
    claims = extract(text, language="fr").claims
    assert len(claims) >= 2
    assert not any(c.checkworthy for c in claims)


def test_both_pieces_of_a_quotation_split_in_two_are_the_speakers_words() -> None:
    text = "« Le quartier a changé, mais les habitants restent attachés à leur marché », sourit la gérante."
    claims = extract(text, language="fr").claims
    assert not any(c.checkworthy for c in claims)
    assert all(R.QUOTED_WORDS in R.codes(c.reasons) for c in claims if "»" in c.text or "«" in c.text)
