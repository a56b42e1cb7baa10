"""What publishing freezes: the claim, where it appeared, the rating, the summary and the cited evidence."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from claims.models import Claim, Rating, Verdict
from publishing.models import Publication
from sources import selectors as source_selectors
from sources.models import Snapshot


def cited_sources(verdict: Verdict) -> list[dict[str, Any]]:
    """The verdict's cited evidence with the archived snapshot each rests on (the one its quote was found in)."""
    rows = []
    citations = verdict.citations.select_related("evidence__source", "evidence__anchor_snapshot").order_by("id")
    for citation in citations:
        evidence = citation.evidence
        snapshot = evidence.anchor_snapshot
        if snapshot is None or snapshot.status != Snapshot.Status.ARCHIVED:
            snapshot = source_selectors.source_latest_archived(source=evidence.source)
        rows.append(
            {
                "evidence": evidence.pk,
                "stance": evidence.stance,
                "stance_label": str(evidence.get_stance_display()),
                "url": evidence.source.url,
                "title": (snapshot.title if snapshot else "") or evidence.source.title,
                "domain": evidence.source.domain,
                "quote": evidence.quote,
                "note": evidence.note,
                "anchor_status": evidence.anchor_status,
                "quote_in_snapshot": bool(snapshot and evidence.anchor_snapshot_id == snapshot.pk),
                "snapshot": snapshot.pk if snapshot else None,
                "sha256": snapshot.sha256 if snapshot else "",
                "captured_at": snapshot.fetched_at.isoformat() if snapshot and snapshot.fetched_at else "",
            }
        )
    return rows


def _scale(rating: Rating) -> tuple[int | None, int | None, list[dict[str, Any]]]:
    steps = list(rating.scale.ratings.order_by("-value"))
    numeric = [r.value for r in steps if r.value >= 1]
    explanation = [{"label": r.label, "value": r.value, "description": r.description} for r in steps]
    if len(numeric) < 2:
        return None, None, explanation
    return max(numeric), min(numeric), explanation


def draft_publication(*, claim: Claim, verdict: Verdict, published_at: Any = None) -> Publication:
    """An unsaved Publication holding everything that publishing would freeze now."""
    article = claim.article
    rating = verdict.rating
    best, worst, explanation = _scale(rating)
    attribution = (claim.facts or {}).get("attribution") or ""
    return Publication(
        claim=claim,
        verdict=verdict,
        slug=slugify(claim.text)[:80].strip("-"),
        claim_text=claim.text,
        speaker=str(attribution)[:300],
        article_title=article.title,
        article_url=article.url,
        outlet=article.outlet,
        article_date=article.published_on,
        language=article.language,
        rating_label=rating.label,
        rating_value=rating.value,
        rating_description=rating.description,
        best_rating=best,
        worst_rating=worst,
        scale_name=rating.scale.name,
        scale_explanation=explanation,
        summary=verdict.summary,
        sources=cited_sources(verdict),
        published_at=published_at or timezone.now(),
    )


FROZEN_FIELDS = [
    "verdict",
    "slug",
    "claim_text",
    "speaker",
    "article_title",
    "article_url",
    "outlet",
    "article_date",
    "language",
    "rating_label",
    "rating_value",
    "rating_description",
    "best_rating",
    "worst_rating",
    "scale_name",
    "scale_explanation",
    "summary",
    "sources",
]


def changes_between(before: Publication, after: Publication) -> list[dict[str, Any]]:
    """What a correction changed, for the public correction note."""
    changes: list[dict[str, Any]] = []
    if before.rating_label != after.rating_label:
        changes.append({"field": "rating", "before": before.rating_label, "after": after.rating_label})
    if before.summary != after.summary:
        changes.append({"field": "summary", "before": before.summary, "after": after.summary})
    urls_before = [s["url"] for s in before.sources]
    urls_after = [s["url"] for s in after.sources]
    if urls_before != urls_after:
        changes.append({"field": "sources", "before": urls_before, "after": urls_after})
    return changes
