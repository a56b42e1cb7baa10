"""English clauses and figures joined without a parse: a comma splice, a date before a coordinated clause, the
earlier figure of a change, a gapped second clause, a relative on part of a count, a list after "from"/"by" and a
speaker set off by an apposition. Each rule on, switched off, and where it must stay silent."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.rules import rules_disabled


def _texts(text: str) -> list[str]:
    return [c.text for c in extract(text, language="en").claims]


# --- cue_comma_splice -----------------------------------------------------------------------------------------------


def test_two_clauses_joined_by_a_comma_alone_are_two_claims() -> None:
    text = "Winger Tomasz Ebdon scored two of the Ravens' three tries, flanker Owen Mabry added the third."
    assert _texts(text) == [
        "Winger Tomasz Ebdon scored two of the Ravens' three tries",
        "flanker Owen Mabry added the third.",
    ]
    with rules_disabled("cue_comma_splice"):
        assert _texts(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose 3% in May, Smith said.",  # a speech frame, not a clause
        "Prices rose 3% in May, Smith added on Monday.",
        "After the vote was counted, Smith resigned from the board.",  # an opening subordinate clause
        "The firm said revenue rose to $4.1 billion, Reuters reported.",
    ],
)
def test_a_speech_frame_or_an_opening_clause_is_no_comma_splice(text: str) -> None:
    assert _texts(text) == [text]


# --- cue_coordinated_clause: a date first, "while" before an -s verb ------------------------------------------------


def test_a_date_may_open_the_coordinated_clause_before_its_subject() -> None:
    text = "By 1980 the co-operative had 31 members, and in 1994 it moved into the old lifeboat station."
    assert _texts(text) == [
        "By 1980 the co-operative had 31 members",
        "and in 1994 it moved into the old lifeboat station.",
    ]
    # No subject after the date: the same subject's second verb, not a clause of its own.
    bare = "By 1980 the co-operative had 31 members, and in 1994 moved into the old lifeboat station."
    assert len(_texts(bare)) == 1


def test_while_opens_a_clause_whatever_its_verb() -> None:
    text = "Drennick now have 38 points from 11 matches, while the defeat leaves Saltmere ninth on 21 points."
    assert _texts(text) == [
        "Drennick now have 38 points from 11 matches",
        "while the defeat leaves Saltmere ninth on 21 points.",
    ]
    with rules_disabled("cue_coordinated_clause"):
        assert _texts(text) == [text]
    participle = "The council approved the budget, while warning of cuts."
    assert _texts(participle) == [participle]


# --- cue_change_from, and a bare figure after a comma ---------------------------------------------------------------


def test_the_earlier_figure_of_a_change_is_a_claim_of_its_own_however_short() -> None:
    text = "Admissions of children under five with RSV fell to 23 from 31."
    claims = extract(text, language="en").claims
    assert [c.text for c in claims] == ["Admissions of children under five with RSV fell to 23", "from 31."]
    assert claims[1].numbers  # the figure is what a reviewer checks
    with rules_disabled("cue_change_from"):
        assert _texts(text) == [text]


def test_a_range_is_one_figure() -> None:
    text = "Admissions rose from 12 to 15 in March."
    assert _texts(text) == [text]


def test_a_bare_figure_between_commas_is_kept_and_a_second_figure_without_its_verb_too() -> None:
    text = "Prices rose 2.2% in Ellisby, to £272,900, and 3.9% in Pendrick, to £284,000."
    assert _texts(text) == ["Prices rose 2.2% in Ellisby", "to £272,900", "and 3.9% in Pendrick", "to £284,000."]


def test_a_figure_set_against_a_reference_is_its_own_claim() -> None:
    text = (
        "Veltrona's pre-tax profit fell to £58.4 million from £61.2 million a year earlier, below the £63.0 million "
        "consensus of 11 analysts."
    )
    assert _texts(text) == [
        "Veltrona's pre-tax profit fell to £58.4 million",
        "from £61.2 million a year earlier",
        "below the £63.0 million consensus of 11 analysts.",
    ]


# --- a relative on part of a count ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("Some 146 people were admitted to hospital with flu, 19 of whom needed intensive care.", "19 of whom"),
        ("The opposition Liberty Party tabled 14 amendments, all of which were defeated.", "all of which"),
    ],
)
def test_a_relative_on_part_of_a_count_is_a_claim_of_its_own(text: str, tail: str) -> None:
    texts = _texts(text)
    assert len(texts) == 2 and texts[1].startswith(tail)
    with rules_disabled("cue_trailing_clause"):
        assert _texts(text) == [text]


# --- cue_gapped_clause: a count in words, a figure before a place, a repeated preposition ---------------------------


def test_a_second_subject_with_its_count_alone_is_a_claim() -> None:
    text = "The Civic Union won four of Ardle's six constituencies and the Lantern Party two."
    assert _texts(text) == ["The Civic Union won four of Ardle's six constituencies", "and the Lantern Party two."]
    with rules_disabled("cue_gapped_clause"):
        assert _texts(text) == [text]
    names = "The club signed Smith and Jones."
    assert _texts(names) == [names]


def test_a_repeated_preposition_and_figure_need_no_noun_before_them() -> None:
    text = (
        "Uptake of the flu vaccine stands at 53.2% among people over 65, compared with 58.9% a year ago, and at "
        "38.5% among two-year-olds."
    )
    assert _texts(text)[-1] == "and at 38.5% among two-year-olds."


def test_a_comparison_after_an_age_range_is_not_read_with_over() -> None:
    text = "Uptake stands at 53.2% among people aged 65 and over, compared with 58.9% at the same point last year."
    assert not any(t.startswith("over") for t in _texts(text))


# --- cue_share_tail: a gap in words, before a clause cut after it ---------------------------------------------------


def test_a_gap_in_words_before_a_while_clause_is_its_own_claim() -> None:
    text = (
        "Drennick now have 38 points from 11 matches, four behind leaders Kelderby Knights, while the defeat "
        "leaves Saltmere ninth on 21 points."
    )
    assert _texts(text)[1] == "four behind leaders Kelderby Knights"
    with rules_disabled("cue_share_tail"):
        assert "four behind leaders Kelderby Knights" not in _texts(text)


# --- coordinated_present_predicate: any -s verb before a figure -----------------------------------------------------


def test_a_second_present_verb_before_a_figure_gets_the_subject_back() -> None:
    text = "Today the co-operative has 58 member-owners and bakes about 9,500 loaves a day."
    assert _texts(text)[1].endswith("… bakes about 9,500 loaves a day.")
    with rules_disabled("coordinated_present_predicate"):
        assert _texts(text) == [text]


# --- distributive_list after "from" / "by" --------------------------------------------------------------------------


def test_a_list_after_from_is_one_claim_per_item_unless_a_figure_is_shared() -> None:
    text = "The Harriers' tries came from centre Dafydd Pryor, hooker Sam Okafor and replacement Luke Brenner."
    assert _texts(text) == [
        "The Harriers' tries came from centre Dafydd Pryor",
        "The Harriers' tries came from … hooker Sam Okafor",
        "The Harriers' tries came from … replacement Luke Brenner",
    ]
    with rules_disabled("distributive_list"):
        assert _texts(text) == [text]
    shared = "£5 million came from Acme, Brightwell and Corvin."  # one sum for all three
    assert _texts(shared) == [shared]
    kin = "She is survived by their two sons, Mark and Peter, and five grandchildren."
    assert _texts(kin) == [kin]


# --- reported_and_that: a speaker set off by an apposition ----------------------------------------------------------


def test_and_that_keeps_a_speaker_set_off_by_an_apposition() -> None:
    text = (
        "Sergeant Liam Ferris, of Wendmoor Police, said officers had spoken to 12 witnesses and that the crash "
        "was the third on that stretch since January."
    )
    speaker = "Sergeant Liam Ferris, of Wendmoor Police, said"
    assert _texts(text) == [
        f"{speaker} officers had spoken to 12 witnesses",
        f"{speaker} … that the crash was the third on that stretch since January.",
    ]
    with rules_disabled("reported_and_that"):
        assert len(_texts(text)) == 1


# --- modal_second_verb ----------------------------------------------------------------------------------------------


def test_a_modal_shared_by_further_bare_verbs_gives_one_claim_per_verb() -> None:
    text = "The council will keep a public register, carry out spot checks and issue fines of up to £5,000."
    assert _texts(text) == [
        "The council will keep a public register",
        "The council will … carry out spot checks",
        "The council will … issue fines of up to £5,000.",
    ]
    times = "Services on the main line will start at 7.30am and finish by 6.30pm."
    assert _texts(times)[1] == "Services on the main line will … finish by 6.30pm."
    with rules_disabled("modal_second_verb"):
        assert _texts(text) == [text]
        assert _texts(times) == [times]


@pytest.mark.parametrize(
    "text",
    [
        "The new centre will include a gym and pool in the basement.",  # "pool" is no verb of the list
        "The firm will cut 40 jobs when the plant has shut and move to Leeds.",  # another clause comes first
        "The plan will cost £4m, open in 2027.",  # a comma item with no "and" closing the list
    ],
)
def test_nouns_and_other_clauses_after_a_modal_are_left_alone(text: str) -> None:
    with rules_disabled("modal_second_verb"):
        without = _texts(text)
    assert _texts(text) == without


# --- a day or month after a verb, a distance in words ---------------------------------------------------------------


def test_a_day_after_an_s_verb_makes_it_a_verb_and_the_clause_its_own() -> None:
    text = "Preorders open Tuesday, and shipping begins Friday, October 2."
    assert _texts(text) == ["Preorders open Tuesday", "and shipping begins Friday, October 2."]
    with rules_disabled("cue_coordinated_clause"):
        assert _texts(text) == [text]


def test_a_distance_in_words_after_a_comma_is_its_own_claim() -> None:
    text = "Residents will be directed to the larger branch at Chapel Allerton, about two miles away."
    assert _texts(text) == [
        "Residents will be directed to the larger branch at Chapel Allerton",
        "about two miles away.",
    ]
    with rules_disabled("cue_share_tail"):
        assert _texts(text) == [text]


def test_a_superlative_after_a_comma_is_its_own_claim() -> None:
    text = "Storm Ilsa brought gusts of 84mph to Carrick Bay overnight, the strongest recorded there since 2014."
    assert _texts(text) == [
        "Storm Ilsa brought gusts of 84mph to Carrick Bay overnight",
        "the strongest recorded there since 2014.",
    ]
    with rules_disabled("cue_trailing_clause"):
        assert _texts(text) == [text]
