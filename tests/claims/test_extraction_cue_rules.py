"""The named rules of the punctuation-and-connective engine (``claims/extraction/cue_rules.py``), one by one.

English goes through this engine (there is no English parse), so each rule is tested on an English sentence,
with the rule on and switched off.
"""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.atomic import split_rules
from claims.extraction.cue_split import CUE_SPLIT_RULES
from claims.extraction.rules import KNOWN, rules_disabled


def _texts(text: str) -> list[str]:
    return [c.text for c in extract(text, language="en").claims]


def _pieces(text: str) -> list[str]:
    return [text[p.start : p.end] for p in split_rules(text, 0, len(text), 0)]


def test_cue_rules_are_declared_in_order_and_can_be_switched_off() -> None:
    assert list(CUE_SPLIT_RULES) == [
        "cue_semicolon",
        "cue_coordinated_clause",
        "cue_coordinated_predicate",
        "cue_inserted_clause",
        "cue_inserted_apposition",
        "cue_trailing_clause",
        "cue_purpose",
        "cue_age_apposition",
        "cue_speaker_apposition",
        "cue_subordinate_clause",
        "cue_when_clause",
        "cue_participle_close",
        "cue_and_auxiliary",
        "cue_share_tail",
        "cue_as_clause",
        "cue_leading_participle",
        "cue_figure_participle",
        "cue_gapped_clause",
        "cue_and_clause",
        "cue_change_from",
        "cue_comma_splice",
    ]
    assert set(CUE_SPLIT_RULES) <= KNOWN


def test_semicolon_separates_independent_clauses() -> None:
    text = "Exports fell 3% in May; imports rose 2% over the same month."
    assert _pieces(text) == ["Exports fell 3% in May", "imports rose 2% over the same month."]
    with rules_disabled("cue_semicolon"):
        assert _pieces(text) == [text]


def test_coordinated_clause_with_its_own_subject_stands_alone() -> None:
    text = "Prices rose 4% in March, while wages fell 1% over the year."
    assert _texts(text) == ["Prices rose 4% in March", "while wages fell 1% over the year."]
    with rules_disabled("cue_coordinated_clause"):
        assert _texts(text) == [text]


def test_inserted_clause_is_kept_in_its_sentence_and_given_as_well() -> None:
    text = "The bridge, which cost $40 million, opened to traffic in 2019."
    assert _pieces(text) == [text, "which cost $40 million"]
    with rules_disabled("cue_inserted_clause"):
        assert _pieces(text) == [text]


def test_inserted_relative_is_given_with_its_antecedent() -> None:
    text = "The bridge, which cost $40 million, opened to traffic in 2019."
    claim = extract(text, language="en").claims[-1]
    assert (claim.text, claim.span_list()) == ("The bridge, which cost $40 million", [[0, 34]])
    text = "He said the bridge, which cost $40 million, would open in May."
    assert _texts(text)[-1] == "the bridge, which cost $40 million"


def test_inserted_apposition_after_the_subject_is_given_as_well() -> None:
    text = "The company, based in Seattle, reported revenue of $5 billion in 2023."
    # A participle adds its own fact: the main claim is built around it; a noun apposition names the subject.
    assert _texts(text) == ["The company … reported revenue of $5 billion in 2023.", "The company, based in Seattle"]
    with rules_disabled("inserted_out_of_main"):
        assert _texts(text) == [text, "The company, based in Seattle"]
    text = "Jane Doe, the city's mayor, said the budget would rise by 4%."
    assert _texts(text) == [text, "Jane Doe, the city's mayor"]
    with rules_disabled("cue_inserted_apposition"):
        assert _texts(text) == [text]


def test_an_introduction_is_not_taken_for_a_subject_with_an_apposition() -> None:
    text = "According to the agency, the mission cost about $75 million in total."
    assert _texts(text) == [text]


def test_inserted_clause_switched_off_is_not_cut_as_a_trailing_clause() -> None:
    text = "The bridge, which cost $40 million, opened to traffic in 2019."
    with rules_disabled("cue_inserted_clause", "cue_trailing_clause"):
        assert _pieces(text) == [text]


def test_trailing_clause_after_a_comma_is_its_own_claim() -> None:
    text = "The hospital treated 1,200 patients last year, up from 900 in 2022."
    assert _texts(text) == ["The hospital treated 1,200 patients last year", "up from 900 in 2022."]
    with rules_disabled("cue_trailing_clause"):
        assert _texts(text) == [text]


def test_purpose_clause_is_cut_then_kept_with_its_claim() -> None:
    text = "The city raised bus fares by 10% in order to fund two new tram lines."
    with rules_disabled("attach_purpose"):
        assert _pieces(text) == ["The city raised bus fares by 10%", "in order to fund two new tram lines."]
        with rules_disabled("cue_purpose"):
            assert _pieces(text) == [text]
    assert _pieces(text) == [text]


def test_coordinated_predicate_after_a_comma_is_read_with_the_first_clause() -> None:
    text = "The mayor spoke for an hour on Monday, and spent the afternoon touring 12 new schools."
    pieces = split_rules(text, 0, len(text), 0)
    assert [text[p.start : p.end] for p in pieces] == [
        "The mayor spoke for an hour on Monday",
        "spent the afternoon touring 12 new schools.",
    ]
    assert pieces[1].dependent and pieces[1].head_text == "The mayor spoke for an hour on Monday"
    with rules_disabled("cue_coordinated_predicate"):
        assert _pieces(text) == [text]


def test_coordinated_predicate_after_a_comma_is_built_from_the_subject() -> None:
    text = "The mayor spoke for an hour on Monday, and said the plan would cost $12 million."
    claim = extract(text, language="en").claims[-1]
    assert claim.text == "The mayor … said the plan would cost $12 million."
    assert claim.span_list() == [[0, 9], [text.index("said"), len(text)]]
    assert claim.attribution == "The mayor"


# --- coordinated_past_predicate (rules_en) ----------------------------------------------------------------------------


def test_past_predicate_after_and_gets_the_subject_back() -> None:
    text = "The army launched the drills on April 21 and deployed 17,000 troops near the coast."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [
        "The army launched the drills on April 21",
        "The army … deployed 17,000 troops near the coast.",
    ]
    assert claims[1].span_list() == [[0, 8], [text.index("deployed"), len(text)]]
    with rules_disabled("coordinated_past_predicate", "coordinated_finite_predicate"):
        assert _texts(text) == [text]


def test_past_predicate_with_an_irregular_verb_and_a_pronoun_object() -> None:
    text = "The court fined the firm $2 million and ordered it to repay customers."
    assert _texts(text)[1] == "The court … ordered it to repay customers."
    text = "The river rose by two metres overnight and flooded 40 homes in the town."
    assert _texts(text)[1] == "The river … flooded 40 homes in the town."


def test_each_reported_predicate_keeps_the_speaker() -> None:
    text = "Officials said the fire destroyed 50 homes and warned residents to stay away."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == ["Officials said the fire destroyed 50 homes",
                                        "Officials … warned residents to stay away."]  # fmt: skip
    assert [c.attribution for c in claims] == ["Officials", "Officials"]


def test_no_false_split_of_adjectives_names_or_ranges() -> None:
    for text in (
        "The beach was quiet and relaxed on Sunday.",
        "He served as mayor between 2009 and 2017.",
        "Smith and Jones said the figures were wrong.",
        "The firm sells drugs and related products to hospitals.",
    ):
        assert _texts(text) == [text]


# --- coordinated_present_predicate (rules_en) -------------------------------------------------------------------------


def test_present_predicate_after_but_gets_the_subject_back() -> None:
    text = "Black residents make up 27% of the population but hold only one of seven seats."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [
        "Black residents make up 27% of the population",
        "Black residents … hold only one of seven seats.",
    ]
    assert claims[1].span_list() == [[0, 15], [text.index("hold"), len(text)]]
    with rules_disabled("coordinated_present_predicate", "coordinated_finite_predicate"):
        assert _texts(text) == [text]


def test_present_predicate_after_and_with_an_amount() -> None:
    text = "The plant employs 2,000 people and produces 500,000 cars a year."
    assert _texts(text) == ["The plant employs 2,000 people", "The plant … produces 500,000 cars a year."]


def test_a_plural_noun_after_and_is_not_a_second_predicate() -> None:
    for text in ("The firm sells drugs and supplies to hospitals.", "The shop sells bread and cakes."):
        assert _texts(text) == [text]


# --- restore_subject: a relative after a date ------------------------------------------------------------------------


def test_relative_after_a_date_is_read_with_the_noun_before_the_date() -> None:
    text = "The council approved the budget on Tuesday, which includes $3 million for roads."
    claim = extract(text, language="en").claims[-1]
    assert claim.text == "the budget … which includes $3 million for roads."
    with rules_disabled("restore_subject"):
        assert _texts(text)[-1] == "which includes $3 million for roads."


def test_relative_after_a_name_keeps_the_name() -> None:
    text = "The firm hired Jane Smith in 2019, who now runs the London office."
    assert _texts(text)[-1] == "Jane Smith … who now runs the London office."


# --- distributive_list (rules_lists) ----------------------------------------------------------------------------------


def test_a_present_tense_selling_verb_distributes_over_its_list() -> None:
    text = "The store sells groceries, snacks and beverages."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == ["The store sells groceries", "The store sells … snacks",
                                        "The store sells … beverages"]  # fmt: skip
    assert claims[2].span_list() == [[0, 15], [text.index("beverages"), text.index("beverages") + 9]]
    with rules_disabled("distributive_list"):
        assert _texts(text) == [text]


def test_two_amounts_are_two_claims() -> None:
    assert _texts("The school has 400 pupils and 30 teachers.") == ["The school has 400 pupils",
                                                                "The school has … 30 teachers"]  # fmt: skip


def test_the_words_before_a_shared_preposition_go_with_every_item() -> None:
    texts = _texts("The company owns hotels in Paris, Rome and Madrid.")
    assert texts == ["The company owns hotels in Paris", "The company owns hotels in … Rome",
                     "The company owns hotels in … Madrid"]  # fmt: skip


def test_a_verb_bringing_its_objects_together_keeps_the_list_whole() -> None:
    for text in (
        "The recipe combines flour, sugar and butter.",
        "The bus links Leeds, York and Hull.",
        "Quicksand is a mixture of sand, clay and water.",
        "He served as mayor between 2009 and 2017.",
    ):
        assert _texts(text) == [text]


# --- reported_and_that (rules_en), and more coordinated predicates ---------------------------------------------------


def test_said_a_and_that_b_keeps_the_speaker_with_each_piece() -> None:
    text = "He said the factory would close and that 500 workers would lose their jobs."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == ["He said the factory would close",
                                        "He said … that 500 workers would lose their jobs."]  # fmt: skip
    assert claims[1].span_list() == [[0, 7], [text.index("that"), len(text)]]
    assert [c.attribution for c in claims] == ["He", "He"]
    with rules_disabled("reported_and_that"):
        assert _texts(text) == [text]


def test_and_that_after_a_comma_gets_the_speaker_too() -> None:
    text = "The report found that prices rose 3%, and that wages fell."
    assert _texts(text) == ["The report found that prices rose 3%", "The report found … that wages fell."]


def test_coordinated_predicate_after_an_abbreviation_and_before_only() -> None:
    assert _texts("The team scored 45 goals and conceded only 12 during the season.")[1] == (
        "The team … conceded only 12 during the season."
    )
    text = "The fire started at 3 a.m. and spread to three nearby buildings."
    assert _texts(text) == ["The fire started at 3 a.m.", "The fire … spread to three nearby buildings."]


def test_a_possessive_record_apposition_is_its_own_claim() -> None:
    text = "Inflation fell to 2.1% in May, its lowest level since 2021."
    assert _texts(text) == ["Inflation fell to 2.1% in May", "its lowest level since 2021."]
    with rules_disabled("cue_trailing_clause"):
        assert _texts(text) == [text]


# --- subjects and antecedents the rules find -------------------------------------------------------------------------


def test_a_noun_ending_in_ant_can_carry_an_apposition() -> None:
    text = "The navy sent ships to the plant, roughly 30 km from the capital, on Friday."
    assert _texts(text)[-1] == "the plant … roughly 30 km from the capital"


def test_the_subject_is_found_past_an_inserted_relative() -> None:
    text = "The storm, which formed on Sunday, hit Florida on Monday, killing at least 12 people."
    claims = extract(text, language="en").claims
    assert claims[-1].text == "The storm … killing at least 12 people."
    assert claims[-1].span_list() == [[0, 9], [text.index("killing"), len(text)]]


def test_a_second_passive_participle_gets_the_subject_back() -> None:
    text = "Ms Patel was elected in 2015 and re-elected in 2019."
    assert _texts(text) == ["Ms Patel was elected in 2015", "Ms Patel … re-elected in 2019."]
    with rules_disabled("coordinated_past_predicate", "coordinated_finite_predicate"):
        assert _texts(text) == [text]
    for text in ("The beach was quiet and relaxed on Sunday.", "He was tired and bored on Monday."):
        assert _texts(text) == [text]


# --- cue_coordinated_clause: long English subjects ------------------------------------------------------------------


def test_a_coordinated_clause_with_a_long_subject_stands_alone() -> None:
    text = "The number 12 route was cut in 2022, and evening services on three other routes were withdrawn in April."
    assert _texts(text) == [
        "The number 12 route was cut in 2022",
        "and evening services on three other routes were withdrawn in April.",
    ]


def test_a_coordinated_clause_whose_subject_has_an_apposition_stands_alone() -> None:
    text = "The incumbent, Janet Crowe, came second with 33.5%, while the Tory candidate, Peter Lomax, took 14.8%."
    assert _pieces(text) == [
        "The incumbent, Janet Crowe, came second with 33.5%",
        "while the Tory candidate, Peter Lomax, took 14.8%.",
    ]
    with rules_disabled("cue_coordinated_clause"):
        assert len(_pieces(text)) == 1


def test_a_list_item_after_comma_and_is_not_a_clause() -> None:
    text = "The firm has offices in Paris, Rome and Madrid, and a small team of engineers in Berlin."
    assert not any(p.startswith("and a small team") for p in _pieces(text))


def test_an_inserted_relative_in_a_coordinated_clause_is_given_with_its_subject() -> None:
    text = "Exports fell in May, and the new plant, which cost $40m, opened in June."
    assert "the new plant, which cost $40m" in _texts(text)


def test_an_amount_over_alternatives_is_one_claim() -> None:
    text = "Last year 58% of trips into the town centre were made on foot, by bike or by bus."
    assert _texts(text) == [text]
    assert len(_texts("The store sells groceries, snacks and beverages.")) == 3


def test_when_clause_with_its_own_subject_is_a_claim_of_its_own() -> None:
    text = "The bridge was last fully inspected in 2022, when it received a fair rating."
    assert _texts(text) == ["The bridge was last fully inspected in 2022", "when it received a fair rating."]
    with rules_disabled("cue_when_clause"):
        assert _texts(text) == [text]


def test_when_without_a_clause_or_in_a_question_stays_whole() -> None:
    for text in (
        "The mayor spoke to reporters on Monday, when asked about the cost of the bridge.",
        "Why would the city pay for that, when the budget has been cut twice since 2020?",
        "The museum was quiet and relaxed.",
        "Smith and Jones said the plan would cost $4 million.",
    ):
        assert _pieces(text) == [text]


def test_participle_after_an_object_ends_at_its_closing_comma() -> None:
    text = "She improved the course record of 2:11:53, set by Tigist Assefa in 2023, by 33 seconds."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [
        "She improved the course record of 2:11:53",
        "the course record of 2:11:53, set by Tigist Assefa in 2023",
        "by 33 seconds.",
    ]
    with rules_disabled("cue_participle_close"):
        assert _texts(text)[-1] == "the course record of 2:11:53, set by Tigist Assefa in 2023, by 33 seconds."


@pytest.mark.usefixtures("debate_model")
def test_a_short_split_piece_with_a_figure_is_not_sunk_by_the_model() -> None:
    text = "She improved the course record of 2:11:53, set by Tigist Assefa in 2023, by 33 seconds."
    piece = extract(text, language="en").claims[-1]
    assert piece.text == "by 33 seconds." and piece.checkworthy


def test_participle_close_leaves_clauses_and_ranges_alone() -> None:
    for text in (
        "Prices rose 4% between 2009 and 2017.",
        "The room was quiet and relaxed, set in a garden, and the staff were kind.",
        "The record, set by Tigist Assefa in 2023, fell on Sunday.",
    ):
        with rules_disabled("cue_participle_close"):
            expected = _pieces(text)
        assert _pieces(text) == expected


def test_and_auxiliary_after_a_relative_subject_is_a_second_claim_with_that_subject() -> None:
    text = (
        "Teenagers who use their smartphones after midnight sleep 62 minutes less per night "
        "and are twice as likely to report symptoms of depression."
    )
    assert _texts(text) == [
        "Teenagers who use their smartphones after midnight sleep 62 minutes less per night",
        "Teenagers … are twice as likely to report symptoms of depression.",
    ]
    with rules_disabled("cue_and_auxiliary"):
        assert _texts(text) == [text]


def test_and_auxiliary_leaves_names_ranges_adjectives_and_negations_alone() -> None:
    for text in (
        "Smith and Jones said the plan would cost $4 million.",
        "Prices rose 4% between 2009 and 2017.",
        "The room was quiet and relaxed.",
        "Profits and revenue were up 4% in May.",
    ):
        assert _pieces(text) == [text]
    text = "Residents who live near the plant say the noise is constant and will not stop."
    with rules_disabled("cue_and_auxiliary"):
        expected = _pieces(text)
    assert _pieces(text) == expected


def test_a_change_with_an_approximation_or_a_cost_trails_as_its_own_claim() -> None:
    text = "Lithium traded at around $10,500 a ton this week, down nearly 85% from a peak in late 2022."
    assert _texts(text) == [
        "Lithium traded at around $10,500 a ton this week",
        "down nearly 85% from a peak in late 2022.",
    ]
    text = "The council approved a contract to repave Elm Avenue this summer, at a cost of $870,000."
    assert _texts(text) == [
        "The council approved a contract to repave Elm Avenue this summer",
        "at a cost of $870,000.",
    ]
    with rules_disabled("cue_trailing_clause"):
        assert _texts(text) == [text]


def test_a_cost_without_a_figure_stays_in_its_sentence() -> None:
    text = "The town sold the land, at a cost to taxpayers, to a developer."
    assert _pieces(text) == [text]


def test_as_clause_with_its_own_subject_is_a_claim_of_its_own() -> None:
    text = (
        "Vandermeer reported a 6% drop in first-quarter revenue last month, as demand from the construction sector "
        "slowed across northern Europe."
    )
    assert _pieces(text) == [
        "Vandermeer reported a 6% drop in first-quarter revenue last month",
        "as demand from the construction sector slowed across northern Europe.",
    ]
    with rules_disabled("cue_as_clause"):
        assert _pieces(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "The plan was approved, as expected, by 12 votes.",
        "The deal was signed in May, as the company had promised.",
        "Prices rose 4% in March, as they did last year.",
        "He joined the club in 2019, as a replacement for the injured captain.",
        "Turnout reached 61%, as well as a record 2,000 postal votes.",
    ],
)
def test_as_without_a_clause_of_its_own_is_left_alone(text: str) -> None:
    assert _pieces(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Profit rose to $90 million, or 55 cents a share, from $71 million a year earlier.",
            ["Profit rose to $90 million", "or 55 cents a share", "from $71 million a year earlier."],
        ),
        (
            "The board declared a dividend of 12 cents, payable on March 3.",
            ["The board declared a dividend of 12 cents", "payable on March 3."],
        ),
        (
            "She served as mayor for two terms, from 2009 to 2017.",
            ["She served as mayor for two terms, from 2009 to 2017."],
        ),
    ],
)
def test_a_restated_compared_or_dated_figure_after_a_comma_is_its_own_claim(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected
