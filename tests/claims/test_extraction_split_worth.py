"""A sentence split into clauses keeps its check-worthiness (``claims/extraction/split_worth.py``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from claims.extraction import extract, split_worth
from claims.extraction import reasons as R
from claims.extraction.split_worth import keep_split_clauses
from claims.extraction.types import ExtractedClaim, Sentence

SENTENCE = "La mairie fermera la médiathèque le 3 mars et les lecteurs iront à la bibliothèque de Vionne."


def _claim(text: str, start: int, *, worthy: bool, codes: tuple[str, ...] = (R.NO_FACTS,)) -> ExtractedClaim:
    end = start + len(text)
    return ExtractedClaim(
        text=text, start=start, end=end, score=0.2 if not worthy else 0.7, checkworthy=worthy, kind="fact",
        reasons=[R.reason(c) for c in codes], spans=[(start, end)], sentence_index=0,
    )  # fmt: skip


def _pieces(second_codes: tuple[str, ...] = (R.NO_FACTS,)) -> list[ExtractedClaim]:
    first = "La mairie fermera la médiathèque le 3 mars"
    second = "les lecteurs iront à la bibliothèque de Vionne."
    return [_claim(first, 0, worthy=True), _claim(second, SENTENCE.index(second), worthy=False, codes=second_codes)]


def _scorer(worthy: bool) -> Any:
    calls: list[str] = []

    def score(text: str, **_kw: Any) -> Any:
        calls.append(text)
        return SimpleNamespace(checkworthy=worthy)

    score.calls = calls  # type: ignore[attr-defined]
    return score


def _keep(claims: list[ExtractedClaim], score: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the pass on ``SENTENCE`` with ``score`` standing for the whole-sentence scorer."""
    monkeypatch.setattr(split_worth, "score_claim", score)
    keep_split_clauses(claims, SENTENCE, [Sentence(0, len(SENTENCE), 0)], "fr")


def test_a_clause_of_a_check_worthy_sentence_is_kept_with_the_reason_reviewers_know(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claims, score = _pieces(), _scorer(True)
    _keep(claims, score, monkeypatch)
    assert score.calls == [SENTENCE]  # the whole sentence is what was scored
    kept = claims[1]
    assert kept.checkworthy and kept.score >= 0.5
    assert R.KEPT_NEWS_FACTS in R.codes(kept.reasons) and R.NO_FACTS not in R.codes(kept.reasons)


def test_nothing_is_lifted_when_the_whole_sentence_is_not_worth_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = _pieces()
    _keep(claims, _scorer(False), monkeypatch)
    assert not claims[1].checkworthy


@pytest.mark.parametrize("veto", [R.OPINION, R.QUESTION, R.BOILERPLATE, R.CALL_TO_ACTION, R.QUOTED_JUDGEMENT])
def test_a_piece_rejected_on_its_own_merits_stays_rejected(veto: str, monkeypatch: pytest.MonkeyPatch) -> None:
    claims = _pieces((veto,))
    _keep(claims, _scorer(True), monkeypatch)
    assert not claims[1].checkworthy


def test_an_unsplit_sentence_and_a_nested_piece_are_not_rescored(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = [_claim(SENTENCE, 0, worthy=False)]
    score = _scorer(True)
    _keep(whole, score, monkeypatch)
    assert not whole[0].checkworthy and score.calls == []
    inner_text = "la médiathèque le 3 mars"
    nested = [_claim(SENTENCE, 0, worthy=True), _claim(inner_text, SENTENCE.index(inner_text), worthy=False)]
    _keep(nested, score, monkeypatch)
    assert not nested[1].checkworthy


@pytest.mark.usefixtures("debate_model")
def test_splitting_an_english_sentence_loses_none_of_its_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Under the plans, a mobile library van will visit each area twice a week, and residents will be directed "
        "to the larger branch at Chapel Allerton, about two miles away."
    )
    claims = extract(text, language="en").claims
    assert len(claims) == 3 and all(c.checkworthy for c in claims)
    import claims.extraction.build as build

    monkeypatch.setattr(build, "keep_split_clauses", lambda *a, **k: None)
    assert not all(c.checkworthy for c in extract(text, language="en").claims)
