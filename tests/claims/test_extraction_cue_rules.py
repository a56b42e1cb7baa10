"""The named rules of the punctuation-and-connective engine (``claims/extraction/cue_rules.py``), one by one.

English goes through this engine (there is no English parse), so each rule is tested on an English sentence,
with the rule on and switched off.
"""

from __future__ import annotations

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
        "cue_trailing_clause",
        "cue_purpose",
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
