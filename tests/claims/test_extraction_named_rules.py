"""The named splitting rules, one by one, and switching a rule off; the bugs of issue 12, each with a test."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction import reasons as R
from claims.extraction.attribution import clean_speaker, find_attribution
from claims.extraction.checkworthiness import score_claim
from claims.extraction.facts import rule_entities
from claims.extraction.furniture import is_bibliography, is_boilerplate
from claims.extraction.rules import RULES, Context, rules_disabled
from claims.extraction.types import Piece


def _texts(text: str, language: str = "en") -> list[str]:
    return [c.text for c in extract(text, language=language).claims]


def _claims(text: str, language: str = "en"):  # type: ignore[no-untyped-def]
    return extract(text, language=language).claims


def test_every_rule_is_registered_in_order() -> None:
    assert list(RULES) == [
        "with_clause",
        "coordinated_predicate",
        "coordinated_past_predicate",
        "coordinated_present_predicate",
        "reported_and_that",
        "coordinated_finite_predicate",
        "modal_second_verb",
        "shared_modal",
        "measured_apposition",
        "relative_before_list_item",
        "gapped_amounts",
        "elliptical_amount",
        "distributive_list",
        "attach_purpose",
        "participle_antecedent",
        "finite_predicate_subject",
        "person_relative",
        "restore_subject",
    ]


def test_unknown_rule_cannot_be_switched_off() -> None:
    with pytest.raises(KeyError), rules_disabled("no_such_rule"):
        pass


# --- with_clause ------------------------------------------------------------------------------------------------------


def test_with_clause_splits_an_absolute_construction() -> None:
    text = "China launched the drills on April 21, with about 17,000 troops taking part."
    assert _texts(text) == ["China launched the drills on April 21", "China … with about 17,000 troops taking part."]


def test_with_clause_is_read_with_the_sentence_subject() -> None:
    claims = _claims("The bill passed 52-48, with two Republicans voting against it.")
    assert [c.text for c in claims] == ["The bill passed 52-48", "The bill … with two Republicans voting against it."]
    assert claims[1].span_list() == [[0, 8], [23, 62]]


def test_with_clause_splits_french_avec() -> None:
    texts = _texts("La course a réuni 12 000 coureurs le 6 avril, avec 3 000 participants venus de l'étranger.", "fr")
    assert any(t.startswith("avec 3 000 participants") for t in texts)


def test_with_clause_switched_off_keeps_the_sentence_whole() -> None:
    text = "China launched the drills on April 21, with about 17,000 troops taking part."
    with rules_disabled("with_clause"):
        assert _texts(text) == [text]


# --- coordinated_predicate --------------------------------------------------------------------------------------------


def test_coordinated_predicate_gets_its_subject_back() -> None:
    claims = _claims("The minister said the plan would cost 3 billion euros and urged MPs to vote for it.")
    assert [c.text for c in claims] == [
        "The minister said the plan would cost 3 billion euros",
        "The minister … urged MPs to vote for it.",
    ]
    assert claims[1].spans == [(0, 12), (58, 83)]


def test_coordinated_predicate_in_french() -> None:
    texts = _texts("Le ministre a annoncé un plan de 3 milliards et a promis 2 000 postes.", "fr")
    assert texts == ["Le ministre a annoncé un plan de 3 milliards", "Le ministre … a promis 2 000 postes."]


def test_coordinated_objects_are_not_predicates() -> None:
    assert _texts("The lander carries six scientific instruments and a small rover.") == [
        "The lander carries six scientific instruments and a small rover."
    ]


def test_coordinated_predicate_switched_off() -> None:
    text = "The minister said the plan would cost 3 billion euros and urged MPs to vote for it."
    with rules_disabled("coordinated_predicate"):
        assert _texts(text) == [text]


# --- measured_apposition ----------------------------------------------------------------------------------------------


def test_measured_apposition_is_its_own_claim_with_its_antecedent() -> None:
    claims = _claims("The Batanes islands, roughly 200 km from Taiwan, will host the drills.")
    texts = [c.text for c in claims]
    assert "The Batanes islands … roughly 200 km from Taiwan" in texts
    assert "The Batanes islands, roughly 200 km from Taiwan, will host the drills." in texts


def test_measured_apposition_switched_off() -> None:
    with rules_disabled("measured_apposition"):
        assert len(_claims("The Batanes islands, roughly 200 km from Taiwan, will host the drills.")) == 1


# --- relative_before_list_item ----------------------------------------------------------------------------------------


def test_relative_does_not_swallow_the_next_list_item() -> None:
    text = "Two former presidents attended: Barack Obama, who served two terms from 2009 to 2017, and Donald Trump."
    texts = _texts(text)
    assert "Barack Obama, who served two terms from 2009 to 2017" in texts
    assert not any("served" in t and "Donald Trump" in t for t in texts)
    assert any(t.endswith("Donald Trump.") for t in texts)


# --- distributive_list ---------------------------------------------------------------------------------------------


def test_distributive_list_gives_one_claim_per_item() -> None:
    assert _texts("The van carries groceries, snacks and beverages.") == [
        "The van carries groceries",
        "The van carries … snacks",
        "The van carries … beverages",
    ]


def test_distributive_list_after_a_modal_with_a_figure_item() -> None:
    text = "This expansion will add 8,000 square feet, a children's wing and a community room."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [
        "This expansion will add 8,000 square feet",
        "This expansion will add … a children's wing",
        "This expansion will add … a community room",
    ]
    # every item is weighed with the list's first part (its verb and its figure), not with the item before it
    assert all(c.checkworthy for c in claims)
    with rules_disabled("distributive_list"):
        assert [c.text for c in extract(text, language="en").claims] == [text]


def test_a_collective_verb_after_a_modal_is_not_distributive() -> None:
    text = "The plan would combine the police, fire and ambulance services."
    assert _texts(text) == [text]


def test_a_mixture_is_not_distributive() -> None:
    assert _texts("Quicksand is a mixture of sand, clay and salt water.") == [
        "Quicksand is a mixture of sand, clay and salt water."
    ]


def test_distributive_list_switched_off() -> None:
    with rules_disabled("distributive_list"):
        assert len(_claims("The van carries groceries, snacks and beverages.")) == 1


# --- attach_purpose --------------------------------------------------------------------------------------------------


def test_purpose_clause_stays_with_the_claim_it_qualifies() -> None:
    text = (
        "Le Japon a déployé 300 soldats sur l'île en 2024, visant à faire face à d'éventuelles crises liées à Taïwan."
    )
    texts = _texts(text, "fr")
    assert not any(t.startswith("visant à") for t in texts)
    assert any(t.endswith("liées à Taïwan.") and "300 soldats" in t for t in texts)


def test_attach_purpose_merges_a_purpose_piece_into_the_one_before() -> None:
    text = "Tokyo a déployé 300 soldats, pour faciliter les exercices conjoints avec Manille."
    pieces = [Piece(0, 27, 0), Piece(29, len(text), 0, dependent=True, head_text=text[:27])]
    merged = RULES["attach_purpose"](Context(text, 0, len(text), 0), pieces)
    assert [(p.start, p.end) for p in merged] == [(0, len(text))]


# --- restore_subject --------------------------------------------------------------------------------------------------


def test_relative_gets_its_antecedent() -> None:
    texts = _texts("The mayor opened the new bridge, which cost 40 million dollars.")
    assert texts[-1] == "the new bridge, which cost 40 million dollars."


def test_restore_subject_switched_off_leaves_the_fragment() -> None:
    with rules_disabled("restore_subject"):
        texts = _texts("The mayor opened the new bridge, which cost 40 million dollars.")
    assert texts[-1] == "which cost 40 million dollars."


def test_spans_stay_valid_whatever_rules_run() -> None:
    text = (
        "Two former presidents attended: Barack Obama, who served two terms from 2009 to 2017, and Donald Trump. "
        "The van carries groceries, snacks and beverages. The minister said it would cost 3 billion euros and "
        "urged MPs to vote, with 200 MPs present."
    )
    for names in ((), ("restore_subject",), ("distributive_list", "with_clause")):
        with rules_disabled(*names):
            for c in _claims(text):
                spans = c.spans or [(c.start, c.end)]
                assert (spans[0][0], spans[-1][1]) == (c.start, c.end)
                assert c.text == " … ".join(text[s:e] for s, e in spans)


# --- bugs listed in issue 12 -----------------------------------------------------------------------------------------


def test_first_person_contractions_are_not_entities() -> None:
    names = [e["text"] for e in rule_entities("I'm sure I've seen Barack Obama in Paris.")]
    assert names == ["Barack Obama", "Paris"]


def test_nobody_and_clauses_are_not_speakers() -> None:
    assert clean_speaker("Nobody") is None
    assert clean_speaker("It is difficult to") is None
    assert find_attribution("Nobody said the plan would cost 3 million.") is None
    assert clean_speaker("the minister") == "the minister"


@pytest.mark.parametrize(
    "text",
    [
        "La vidéo a été vue 2 millions de fois sur Facebook.",
        "Il a annoncé sa candidature sur Twitter le 3 mai.",
        "Publié le 3 mars, le rapport de la Cour montre que la dette a doublé.",
        "The figures were posted on Instagram on 4 May.",
    ],
)
def test_everyday_wording_is_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text)
    assert any(c.checkworthy for c in _claims(text, "fr" if " le " in text or " a " in text else "en"))


@pytest.mark.parametrize("text", ["Publié le 3 mars 2025 à 10h", "Updated Feb. 2, 2025", "Suivez-nous sur Facebook"])
def test_web_furniture_stays_boilerplate(text: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Physical Review Letters, 105(3), 035502.",
        "Smith, J. and Doe, K. (2019). A study of sand. Nature Physics.",
        "Lee, M. et al. Soil moisture and drought. Science 12, pp. 33-41.",
    ],
)
def test_bibliography_lines_are_not_checkworthy(text: str) -> None:
    assert is_bibliography(text)
    assert not any(c.checkworthy for c in _claims(text))


def test_verifiable_statement_without_name_or_figure_is_checkworthy() -> None:
    scored = score_claim("Quicksand is a mixture of sand and water.", entities=[], dates=[], numbers=[],
                         attribution=None)  # fmt: skip
    assert scored.checkworthy and R.VERIFIABLE in R.codes(scored.reasons)


def test_a_sentence_is_not_lifted_by_the_previous_paragraph() -> None:
    text = "The council approved 12 million euros for Lyon on 3 March 2025.\n\nIt was a long evening."
    claim = _claims(text)[-1]
    assert not claim.checkworthy
    assert R.ADDS_FACT not in R.codes(claim.reasons)
