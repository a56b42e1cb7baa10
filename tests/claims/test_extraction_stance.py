"""Judgements, demands, orders to the reader and disclaimers are not check-worthy; facts that share their words are."""

from __future__ import annotations

import pytest

from claims.extraction import extract, stance
from claims.extraction import reasons as R
from claims.extraction.furniture import is_boilerplate


def _claim(text: str, language: str):  # type: ignore[no-untyped-def]
    claims = extract(text, language=language).claims
    assert claims
    return max(claims, key=lambda c: len(c.text))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le député Arnaud Lemoine a dénoncé « une fuite en avant coûteuse ».", "fr"),
        ("À Paris, l'Élysée a salué « une avancée historique ».", "fr"),
        ("La ministre s'est félicitée d'un vote qui « donne un cap clair au pays ».", "fr"),
        ("« Ce budget fait payer les collectivités locales », a dénoncé le député Marc Leroy.", "fr"),
        ("Pour le professeur Marc Adinolfi, ces résultats sont « rassurants ».", "fr"),
        ("Son ministre a estimé sur les réseaux sociaux que ce plan « éloigne l'Europe de la paix ».", "fr"),
        ('Professor Mark Ellison called the findings "striking but not surprising."', "en"),
    ],
)
def test_a_quoted_judgement_is_not_checkworthy(text: str, language: str) -> None:
    claim = _claim(text, language)
    assert not claim.checkworthy
    assert R.QUOTED_JUDGEMENT in R.codes(claim.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "« L'Europe doit être capable de se défendre seule », a déclaré la présidente de la Commission.",
        "« Les indemnisations devront intervenir le plus vite possible », a insisté le Premier ministre à Brest.",
        "« Elle avait une exigence redoutable et une générosité immense », se souvient Pierre Le Goff.",
        "« Ce n'est pas l'argent qui compte, c'est que la vérité soit dite », a confié Martine Rioux.",
        "« Nous ne demandons pas la lune », a déclaré à l'AFP Karim Benali, secrétaire fédéral de SUD-Rail.",
    ],
)
def test_a_speakers_demand_or_praise_is_not_checkworthy(text: str) -> None:
    claim = _claim(text, "fr")
    assert not claim.checkworthy
    assert R.QUOTED_JUDGEMENT in R.codes(claim.reasons)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le syndicat a dénoncé « la suppression de 300 postes » à l'usine de Nevers.", "fr"),
        ("« Nous avons perdu un tiers de la récolte », explique Marie Castagné, vigneronne à Cahors.", "fr"),
        ("« Le chômage a reculé de 0,3 point au troisième trimestre », a indiqué l'Insee.", "fr"),
        ("« Le texte doit encore être approuvé par le Sénat », a rappelé le ministre Jean Morel.", "fr"),
        ("Le loup passe de « strictement protégé » à « protégé » dans la convention de Berne.", "fr"),
        ('"The bridge will close for 18 months from 3 March," the council said.', "en"),
        ('The minister said the plan was "fully funded" by a 2% levy on airline tickets.', "en"),
    ],
)
def test_a_quoted_fact_stays_checkworthy(text: str, language: str) -> None:
    assert _claim(text, language).checkworthy


@pytest.mark.parametrize(
    "text",
    [
        "Je reste optimiste pour la suite de la saison.",
        "Nous pensons que cette réforme va dans le bon sens.",
        "Il est devenu de bon ton, dans certains dîners, de ricaner de la voiture électrique.",
        "Voilà la preuve que la demande existe, pour peu qu'on mette le prix à portée de main.",
    ],
)
def test_an_unquoted_opinion_is_not_checkworthy(text: str) -> None:
    claim = _claim(text, "fr")
    assert not claim.checkworthy
    assert R.OPINION in R.codes(claim.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "C'est encourageant, mais l'agriculture reste le premier usage de l'eau dans le département.",
        "La consommation de vin a baissé de moitié depuis les années 1990 dans le Sud-Ouest.",
        "Le rapport juge que le réseau ferré a perdu 4 000 kilomètres de lignes depuis 1980.",
    ],
)
def test_a_fact_next_to_a_judgement_stays_checkworthy(text: str) -> None:
    assert _claim(text, "fr").checkworthy


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Revivez le match en direct commenté sur notre site.", "fr"),
        ("Suivez les résultats du scrutin commune par commune sur notre carte.", "fr"),
        ("If you care about what our town centre will look like in ten years, tell your councillor.", "en"),
        ("Take shorter showers, fix dripping taps and use a water butt.", "en"),
        ("Write to your MP and ask them to back universal free school meals.", "en"),
        ("If you are worried about your hearing, speak to your GP or visit a pharmacy offering free checks.", "en"),
    ],
)
def test_an_order_to_the_reader_is_a_call_to_action(text: str, language: str) -> None:
    claim = _claim(text, language)
    assert not claim.checkworthy
    assert R.CALL_TO_ACTION in R.codes(claim.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Chez Renault, les ventes ont reculé de 4 % en octobre.",
        "Nations unies : le Conseil de sécurité a adopté la résolution 2758 par 13 voix.",
        "Si la pluie continue, la Loire pourrait dépasser 5 mètres à Orléans jeudi.",
    ],
)
def test_words_that_look_like_orders_are_not(text: str) -> None:
    assert not stance.addresses_reader(text)
    assert _claim(text, "fr").checkworthy


@pytest.mark.parametrize(
    "text",
    [
        "Use of force by police rose 12% in 2024.",  # a noun, not an order
        "Visit numbers fell by a third after the museum raised its prices.",
        "Take-up of the scheme reached 41,000 households in March.",
    ],
)
def test_english_nouns_that_look_like_orders_are_not(text: str) -> None:
    assert not stance.addresses_reader(text)


@pytest.mark.parametrize(
    ("text", "worthy"),
    [
        ("« C'est un choc pour toute l'équipe », a réagi le directeur du site.", False),
        ("C'est un investissement indispensable pour nos enfants.", False),
        ("C'est la plus faible production depuis 1983.", True),  # a date: a fact to check
        ("C'est encourageant, mais l'agriculture reste le premier usage de l'eau dans le bassin.", True),
    ],
)
def test_a_french_presentative_without_facts_is_a_verdict(text: str, worthy: bool) -> None:
    claims = extract(text, language="fr").claims
    assert any(c.checkworthy for c in claims) is worthy
    if not worthy:
        assert R.OPINION in R.codes(claims[0].reasons)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Here is what you need to know.", R.BOILERPLATE),
        ("Ce qu'il faut retenir", R.BOILERPLATE),
        ("Published 09:14, 18 March 2025 | Updated 11:02, 18 March 2025", R.STAMP),
    ],
)
def test_web_furniture_lines_are_not_claims(text: str, reason: str) -> None:
    claim = extract(text, language="en").claims[0]
    assert not claim.checkworthy
    assert reason in R.codes(claim.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "The views expressed are his own.",
        "Les opinions exprimées dans cette chronique n'engagent que leur auteure.",
        "The views in this column do not necessarily reflect those of the newspaper.",
    ],
)
def test_an_opinion_page_disclaimer_is_boilerplate(text: str) -> None:
    assert is_boilerplate(text)
    assert not any(c.checkworthy for c in extract(text, language="fr" if "opinions" in text else "en").claims)


def test_an_ordinary_view_is_not_a_disclaimer() -> None:
    text = "Le belvédère offre une vue sur les trois vallées depuis son ouverture en 2019."
    assert not is_boilerplate(text)
    assert _claim(text, "fr").checkworthy


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("PORT ELLERY - Independent candidate Marcus Oyelaran has been elected mayor of Port Ellery.", "PORT ELLERY"),
        ("ATHENS, Aug 14 (Wire) - A wildfire north of the Greek capital has killed two people.", "ATHENS"),
    ],
)
def test_a_dateline_with_a_hyphen_is_not_part_of_the_claim(text: str, dateline: str) -> None:
    claims = [c for c in extract(text, language="en").claims if c.checkworthy]
    assert claims
    assert all(dateline not in c.text for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Quicksand is a mixture of sand and water.",
        "Corals live in partnership with tiny algae called zooxanthellae.",
        "Helen Marsh is a former town planner and chairs the Brackenford Civic Society.",
        "Britons already work some of the longest hours in Western Europe.",
        "and the state is covering a third of the cost of the new library.",
    ],
)
def test_a_plain_statement_is_recognised(text: str) -> None:
    assert stance.plain_statement(text)


@pytest.mark.parametrize(
    "text",
    [
        "It's the hardest decision a president makes.",
        "I think the economy is doing better than anyone expected.",
        "The middle class needs a rescue package right now.",
        "The ambassador went on the Sunday television shows and spoke about how --",
        "With regard to the freedom of the individual, there's one individual nobody considers.",
        "Analysts said the results were solid but quite disappointing overall.",
        "And God bless the United States of America.",
        "But more than that, they are role models for every child.",
    ],
)
def test_talk_is_not_a_plain_statement(text: str) -> None:
    assert not stance.plain_statement(text)


@pytest.mark.usefixtures("debate_model")
def test_a_general_fact_is_checkworthy_with_the_english_model() -> None:
    claim = extract("Quicksand is a mixture of sand and water.", language="en").claims[0]
    assert claim.checkworthy
    assert R.LEARNED_SCORE in R.codes(claim.reasons) and R.KEPT_NEWS_FACTS in R.codes(claim.reasons)


@pytest.mark.usefixtures("debate_model")
def test_a_speakers_wish_with_a_figure_is_not_lifted_by_the_rules() -> None:
    claim = extract("I want to give every American a $5,000 refundable tax credit.", language="en").claims[0]
    assert not claim.checkworthy and R.KEPT_NEWS_FACTS not in R.codes(claim.reasons)


@pytest.mark.parametrize(
    ("text", "language", "worthy"),
    [
        ("Ces résultats ne doivent pas inciter à boire davantage de café chaque jour.", "fr", False),
        ("Le plan doit encore être approuvé par les gouvernements des Vingt-Sept.", "fr", True),
        ("L'entraîneur a regretté « vingt dernières minutes trop relâchées ».", "fr", False),
        ("Le syndicat a regretté « la suppression de 300 postes » à Nevers.", "fr", True),
        ('Analysts at Fenwick Capital described the results as "solid but unspectacular".', "en", False),
        ("This interview has been edited for length and clarity.", "en", False),
    ],
)
def test_duties_judged_quantities_and_edit_notes(text: str, language: str, worthy: bool) -> None:
    assert any(c.checkworthy for c in extract(text, language=language).claims) is worthy


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le gouvernement fera tout pour que chaque famille trouve sa place.", "fr"),
        ("La présidente s'engage à agir pour les territoires ruraux.", "fr"),
        ("The new mayor said the council will do whatever it takes to help local businesses.", "en"),
    ],
)
def test_a_promise_without_content_is_not_checkworthy(text: str, language: str) -> None:
    claim = _claim(text, language)
    assert not claim.checkworthy
    assert R.EMPTY_PROMISE in R.codes(claim.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement fera tout pour ramener le déficit à 3 % du PIB d'ici 2027.",
        "La région va financer la rénovation de douze lycées à partir de septembre.",
    ],
)
def test_a_promise_with_content_stays_checkworthy(text: str) -> None:
    assert _claim(text, "fr").checkworthy


@pytest.mark.parametrize(
    "text",
    [
        "Surtout, ces recettes ne vont pas majoritairement aux collectivités locales du pays.",
        "Les buveurs de café étaient plus actifs, des facteurs que l'équipe a pris en compte dans ses calculs.",
    ],
)
def test_motion_verbs_and_nouns_are_not_plans(text: str) -> None:
    claim = _claim(text, "fr")
    assert claim.checkworthy
    assert R.PLAN not in R.codes(claim.reasons)


def test_a_future_with_an_infinitive_is_a_plan() -> None:
    assert R.PLAN in R.codes(_claim("Le département va fermer trois collèges en Ardèche.", "fr").reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Le juge d'instruction a qualifié les faits d'« assassinat ».",
        "Les élèves doivent porter un masque dans les transports scolaires depuis lundi.",
        "Le gouvernement doit présenter son projet de loi en conseil des ministres.",
        "L'ONG a critiqué le rapport publié mardi par le ministère de l'Intérieur.",
        "Il a été condamné pour « abus de biens sociaux » par le tribunal de Nanterre.",
    ],
)
def test_legal_wording_schedules_and_rules_stay_checkworthy(text: str) -> None:
    assert _claim(text, "fr").checkworthy


@pytest.mark.usefixtures("debate_model")
def test_an_irregular_past_tense_is_a_plain_statement() -> None:
    claims = extract("The river burst its banks overnight, flooding dozens of homes.", language="en").claims
    assert claims[0].checkworthy


@pytest.mark.usefixtures("debate_model")
def test_a_vetoed_claim_does_not_say_it_was_kept() -> None:
    claim = extract('Critics called the plan "a giveaway to developers".', language="en").claims[0]
    assert not claim.checkworthy
    assert R.QUOTED_JUDGEMENT in R.codes(claim.reasons) and R.KEPT_NEWS_FACTS not in R.codes(claim.reasons)


@pytest.mark.usefixtures("debate_model")
def test_a_quoted_commitment_with_a_date_is_kept() -> None:
    text = '"We want to reopen the line by 1 December 2026," said rail minister Anna Cole.'
    assert any(c.checkworthy for c in extract(text, language="en").claims)


@pytest.mark.usefixtures("debate_model")
def test_a_named_subjects_plan_set_for_a_day_is_checkworthy() -> None:
    claim = extract("Mayor Dana Okafor will be sworn in on Monday.", language="en").claims[0]
    assert claim.checkworthy and R.KEPT_NEWS_FACTS in R.codes(claim.reasons)
    # without a day it is set for, or as a speaker's own promise, nothing lifts the model's low score
    for text in ("Mayor Dana Okafor will be sworn in.", "We will fight for every family in Ohio on Monday."):
        assert not extract(text, language="en").claims[0].checkworthy
