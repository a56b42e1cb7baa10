"""English facts hidden inside a sentence: a participle with a figure, lists after a preposition or of two names,
and a figure closing the sentence after a comma (``…, to $1.9 billion``). Each rule on, and switched off."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.rules import rules_disabled


def _texts(text: str) -> list[str]:
    return [c.text for c in extract(text, language="en").claims]


# --- cue_figure_participle -----------------------------------------------------------------------------------------


def test_a_participle_with_a_figure_is_given_with_its_noun_and_the_sentence_stays() -> None:
    text = "The footbridge will close for six weeks for repairs costing £380,000, the council said."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [text, "repairs costing £380,000"]
    nested = claims[1]
    assert text[nested.start : nested.end] == "repairs costing £380,000"
    assert nested.attribution == "the council"  # the sentence's speaker goes with it
    with rules_disabled("cue_figure_participle"):
        assert _texts(text) == [text]


def test_an_age_takes_its_range_only_and_the_count_before_the_noun() -> None:
    text = "The study followed 6,300 students aged 13 to 17 at 41 schools."
    assert _texts(text) == [text, "6,300 students aged 13 to 17"]


def test_names_joined_by_and_stay_in_the_phrase_a_new_clause_ends_it() -> None:
    ban = "The water company has lifted a hosepipe ban affecting 1.1 million customers in Sussex and Kent."
    assert _texts(ban) == [ban, "ban affecting 1.1 million customers in Sussex and Kent"]
    storm = "The storm damaged homes costing more than $400,000 and 12 were destroyed."
    assert _texts(storm)[1] == "homes costing more than $400,000"


@pytest.mark.parametrize(
    "text",
    [
        "The trial recruited adults aged between 40 and 70.",  # no figure right after the participle
        "Costing £380,000, the repairs will take six weeks.",  # opens the sentence: no noun before it
        "The ban affecting customers was lifted on Monday.",  # no figure
    ],
)
def test_a_participle_without_a_figure_after_a_noun_is_left_alone(text: str) -> None:
    assert _texts(text) == [text]


# --- distributive_list: after a preposition, "of" inside an item, two full names ------------------------------------


def test_a_list_after_a_shared_preposition_and_determiner_is_one_claim_per_item() -> None:
    text = "The participants filled in questionnaires about their mood, screen habits and academic performance."
    assert _texts(text) == [
        "The participants filled in questionnaires about their mood",
        "The participants filled in questionnaires about their … screen habits",
        "The participants filled in questionnaires about their … academic performance",
    ]
    with rules_disabled("distributive_list"):
        assert _texts(text) == [text]


def test_a_later_item_may_hold_of_but_a_first_item_with_of_heads_the_list() -> None:
    text = "The price included solar lighting, real-time arrival screens and five years of maintenance."
    assert _texts(text)[-1] == "The price included … five years of maintenance"
    mixture = "Quicksand is a mixture of sand, clay and salt water."
    assert _texts(mixture) == [mixture]


def test_two_full_names_after_by_are_two_claims() -> None:
    text = "The study was funded by the Danish Dementia Research Foundation and the Nordic Ageing Trust."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == [
        "The study was funded by the Danish Dementia Research Foundation",
        "The study was funded by … the Nordic Ageing Trust",
    ]
    second = claims[1].span_list()
    assert [text[s:e] for s, e in second] == ["The study was funded by", "the Nordic Ageing Trust"]


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed by France and Germany.",  # one-word names: often a pair acting together
        "The bridge links Greater Leeds and North Yorkshire.",  # a verb that brings its objects together
        "The prize was shared between Anna Berg and Tom Li.",
    ],
)
def test_pairs_that_act_together_stay_one_claim(text: str) -> None:
    assert _texts(text) == [text]


def test_two_amounts_may_each_be_counts_of_something() -> None:
    text = "Both suspects face 14 counts of burglary and one count of receiving stolen property."
    assert _texts(text) == ["Both suspects face 14 counts of burglary",
                            "Both suspects face … one count of receiving stolen property"]  # fmt: skip
    assert _texts("The firm has 20 shops and two of its own factories.") == [
        "The firm has 20 shops and two of its own factories."
    ]


# --- cue_gapped_clause ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 47 homes have been destroyed and 12 damaged, the authority said.",
            ["At least 47 homes have been destroyed", "and 12 damaged, the authority said."],
        ),
        (
            "The electricity unit rate will be capped at 27.5 cents per kilowatt-hour, and gas at 7.1 cents.",
            ["The electricity unit rate will be capped at 27.5 cents per kilowatt-hour", "and gas at 7.1 cents."],
        ),
        (
            "Unemployment rose to 5.2% in May, and inflation to 3.1%.",
            ["Unemployment rose to 5.2% in May", "and inflation to 3.1%."],
        ),
    ],
)
def test_a_second_clause_without_its_verb_is_a_claim_read_with_the_first(text: str, expected: list[str]) -> None:
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == expected
    assert claims[1].context  # the gapped part is read with the clause it leaves its verb in
    assert all(c.attribution == claims[0].attribution for c in claims)
    with rules_disabled("cue_gapped_clause"):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Two men were arrested and charged.",  # no figure in the second part
        "Sales rose to 40 units in May, and then to the moon.",  # no figure after the repeated preposition
    ],
)
def test_without_the_left_out_construction_nothing_is_gapped(text: str) -> None:
    assert _texts(text) == [text]


# --- cue_and_clause -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports rose 5% in May and imports fell 3% over the same period.",
         ["Exports rose 5% in May", "and imports fell 3% over the same period."]),
        ("The council approved the plan on Tuesday and the mayor signed it on Friday.",
         ["The council approved the plan on Tuesday", "and the mayor signed it on Friday."]),
        ("She won 52% of the vote while her rival took 41%.", ["She won 52% of the vote", "while her rival took 41%."]),
    ],
)  # fmt: skip
def test_and_or_while_without_a_comma_before_a_clause_of_its_own_splits(text: str, expected: list[str]) -> None:
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == expected
    with rules_disabled("cue_and_clause"):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "The firm sold 40 cars and 12 vans last year.",  # a list of amounts: distributive_list's
        "Councilors Greg Whitaker and Tina Ruiz voted against the budget.",  # two subjects
        "The firm bought tools and equipment used by farmers.",  # a participle before "by" is no verb
        "He said it expects sales to grow and margins to improve.",  # infinitives
    ],
)
def test_and_between_nouns_or_infinitives_is_no_second_clause(text: str) -> None:
    assert _texts(text) == [text]


# --- cue_trailing_clause: a figure closing the sentence after a comma -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norvane's hardware revenue rose 18% in fiscal 2025, to $1.9 billion.",
            ["Norvane's hardware revenue rose 18% in fiscal 2025", "to $1.9 billion."],
        ),
        (
            "The research was funded by the Corvane Trust, with a $2.1 million grant.",
            ["The research was funded by the Corvane Trust", "with a $2.1 million grant."],
        ),
        (
            "More than 1,150 firefighters are assigned to the blaze, along with nine helicopters.",
            ["More than 1,150 firefighters are assigned to the blaze", "along with nine helicopters."],
        ),
    ],
)
def test_a_figure_after_a_comma_at_the_end_of_the_sentence_is_its_own_claim(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected
    with rules_disabled("cue_trailing_clause"):
        assert _texts(text) == [text]


def test_a_short_participle_or_an_age_after_a_comma_is_its_own_claim() -> None:
    used = _texts("Disposable vapes were the most common device, used by 58% of daily vapers.")
    assert used[0] == "Disposable vapes were the most common device"
    assert used[1].endswith("used by 58% of daily vapers.")  # "used" is a participle too, short as it is
    aged = _texts("The trial enrolled 412 adults with prediabetes, aged 40 to 70.")
    assert aged[0] == "The trial enrolled 412 adults with prediabetes"
    assert aged[1].endswith("aged 40 to 70.")


def test_to_or_with_without_a_figure_stays_in_the_sentence() -> None:
    for text in ("He left the club, to the surprise of many fans.", "The council agreed, with some reluctance."):
        assert _texts(text) == [text]
