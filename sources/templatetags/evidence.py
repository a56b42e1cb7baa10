"""The claim page's evidence panel, owned by the sources app: ``{% load evidence %}``.

``{% evidence_list claim %}`` renders the sources attached to a claim with their newest capture,
``{% evidence_attach_form claim form %}`` the "Attach a source" card (``form`` may be empty: a blank one),
``{% evidence_in_progress claim as polling %}`` tells whether a capture is still under way.
"""

from __future__ import annotations

from typing import Any

from django import template

from claims.models import Claim
from sources import selectors
from sources.forms import EvidenceForm

register = template.Library()


@register.inclusion_tag("sources/_evidence_list.html", takes_context=True)
def evidence_list(context: template.Context, claim: Claim) -> dict[str, Any]:
    evidence = selectors.evidence_with_newest_snapshot().filter(claim=claim)
    rows = [(item, selectors.newest_snapshot(item)) for item in evidence]
    return {
        "csrf_token": context.get("csrf_token"),
        "user": context.get("user"),
        "claim": claim,
        "rows": rows,
        "polling": any(snapshot is not None and snapshot.status in selectors.IN_PROGRESS for _, snapshot in rows),
    }


@register.inclusion_tag("sources/_evidence_attach.html", takes_context=True)
def evidence_attach_form(context: template.Context, claim: Claim, form: EvidenceForm | None = None) -> dict[str, Any]:
    return {"claim": claim, "form": form or EvidenceForm.blank(), "csrf_token": context.get("csrf_token")}


@register.simple_tag
def evidence_in_progress(claim: Claim) -> bool:
    return selectors.claim_evidence_in_progress(claim=claim)


@register.filter
def passage_text(item: Any) -> str:
    """A suggested passage may be stored as a string or as {"text": …, "score": …}."""
    if isinstance(item, dict):
        return str(item.get("text") or item.get("passage") or item.get("exact") or "")
    return str(item)
