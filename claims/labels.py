"""The words for what the extractor and the extraction worker store as codes: a claim's reasons
(``claims.extraction.reasons``) and an article's extraction error. Put into words when shown, in the reader's
language; text stored before codes existed is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from claims.extraction import reasons as R
from factcheck.lib import coded

REASONS: dict[str, Any] = {
    R.FIGURES: _("contains figures (%(figures)s)"),
    R.DATES: _("contains a date (%(dates)s)"),
    R.NAMES: _("names %(names)s"),
    R.ADDS_FACT: _("adds a fact about a named subject"),
    R.ATTRIBUTED: _("attributed to %(speaker)s"),
    R.PLAN: _("announces a plan or future event"),
    R.COMPARISON: _("makes a comparison or states a change"),
    R.TOO_SHORT: _("too short to be a claim"),
    R.VERIFIABLE: _("states a verifiable fact"),
    R.LEARNED_SCORE: _("learned score %(score)s (threshold %(threshold)s)"),
    R.KEPT_NEWS_FACTS: _("kept: news statements with such facts are usually worth checking"),
    R.STAMP: _("a date or time stamp, not a claim"),
    R.BOILERPLATE: _("site boilerplate (navigation, sharing, subscription)"),
    R.QUESTION: _("a question, not a statement"),
    R.BIBLIOGRAPHY: _("a bibliographic reference, not a claim"),
    R.CALL_TO_ACTION: _("a call to action"),
    R.OPINION: _("opinion without verifiable content"),
    R.QUOTED_JUDGEMENT: _("quotes a judgement or a demand, not a checkable fact"),
    R.QUOTED_WORDS: _("a speaker's words with no figure or proportion to check"),
    R.EMPTY_PROMISE: _("a promise without checkable content"),
    R.PERSONAL: _("personal statement without verifiable content"),
    R.BELOW_THRESHOLD: _("below the threshold"),
    R.NO_FACTS: _("no verifiable figure, date or named entity"),
    R.INTERVIEWER_QUESTION: _("an interviewer's question, not a claim"),
    R.CONTINUES_CLAUSE: _("continues the preceding clause; read with its context"),
    R.REFERS_OUTSIDE: _("“%(ref)s” refers to something outside the claim"),
    R.SPEAKER_ELSEWHERE: _("the speaker “%(speaker)s” is named elsewhere"),
}
_WEIGHED_BY = _("%(reason)s: weighed by %(terms)s")

EXTRACTION_ERRORS: dict[str, Any] = {
    "extraction_timed_out": _(
        "Claim extraction took longer than %(seconds)s seconds and was stopped. "
        "The article is kept; split it into shorter parts or ask an admin to raise the limit."
    ),
    "extraction_crashed": _("Claim extraction failed: %(error)s"),
}


def reason_text(item: Any) -> str:
    """One reason in the active language: a coded one is put into words, stored text is shown as it is."""
    if not isinstance(item, Mapping):
        return str(item)
    code, params = str(item.get("code", "")), item.get("params") or {}
    text = coded.render(REASONS, code, params, fallback=code)
    if code == R.LEARNED_SCORE and params.get("terms"):
        terms = ", ".join(f"“{term}”" for term in params["terms"])
        return str(_WEIGHED_BY) % {"reason": text, "terms": terms}
    return text


def reasons_as_api(reasons: list[Any]) -> list[dict[str, Any]]:
    """Each reason as ``{code, params, message}``; stored text has an empty code and itself as the message."""
    out = []
    for item in reasons:
        if isinstance(item, Mapping):
            out.append({"code": item.get("code", ""), "params": item.get("params") or {}, "message": reason_text(item)})
        else:
            out.append({"code": "", "params": {}, "message": str(item)})
    return out


def extraction_error_text(code: str, params: Mapping[str, Any] | None, fallback: str = "") -> str:
    return coded.render(EXTRACTION_ERRORS, code, params, fallback)
