"""Template helpers for the reviewer pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from claims.editing import split_points
from claims.presentation import claim_band, fact_rows, is_folded, safe_http_url

register = template.Library()

LANGUAGE_NAMES = {"fr": gettext_lazy("French"), "en": gettext_lazy("English")}


@register.filter
def http_href(url: str | None) -> str:
    """Use as `{% with href=url|http_href %}{% if href %}<a href="{{ href }}">…` — only http(s) becomes a link."""
    return safe_http_url(url)


@register.filter
def percent(value: float | None) -> str:
    """A 0–1 score as a percentage in the reader's language ("80 %" in French, "80%" in English)."""
    if value is None:
        return "–"
    return gettext("%(value)s%%") % {"value": number_format(round(float(value) * 100))}


@register.filter
def number(value: Any) -> str:
    """An integer with the reader's thousands separator."""
    if value is None or value == "":
        return ""
    return number_format(value, force_grouping=True)


@register.filter
def rating_label(label: str) -> str:
    """The default scale's labels are translated; a newsroom's own labels are shown as written."""
    return gettext(label) if label else ""


@register.filter
def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get((code or "").lower()[:2], code))


@register.filter
def facts_table(facts: Any) -> list[tuple[str, list[str]]]:
    return fact_rows(facts)


def _split_choices(claim: Any) -> list[tuple[int, str]]:
    body = claim.article.body
    choices = []
    for at in split_points(claim):
        before = " ".join(body[claim.start : at].split()[-3:])
        after = " ".join(body[at : claim.end].split()[:2])
        choices.append((at, f"…{before} | {after}…"))
    return choices


@register.simple_tag
def claim_rows(page: Any) -> dict[str, list[tuple[int, Any]]]:
    """The page's claims, numbered, split into the ones to check and the folded ones (not check-worthy, dismissed).

    Each claim also gets what its row shows: its colour band, where it can be split, the next claim to merge with.
    """
    numbered = [(page.start_index() + index, claim) for index, claim in enumerate(page.object_list)]
    rows: dict[str, list[tuple[int, Any]]] = {"open": [], "folded": []}
    for position, (number, claim) in enumerate(numbered):
        claim.band = claim_band(claim)
        claim.split_choices = _split_choices(claim)
        following = numbered[position + 1] if position + 1 < len(numbered) else None
        claim.merge_with, claim.merge_number = (following[1], following[0]) if following else (None, None)
        if claim.merge_with is not None and claim.merge_with.start < claim.end:
            claim.merge_with = None  # nested or overlapping: not adjacent
        rows["folded" if is_folded(claim) else "open"].append((number, claim))
    return rows
