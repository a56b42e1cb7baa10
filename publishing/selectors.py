"""Reads for the workflow panel and the public pages (which read only frozen publications)."""

from __future__ import annotations

from django.db.models import QuerySet

from claims.models import Claim, Verdict
from publishing.models import Correction, Publication, WorkflowEvent

# A soft-deleted claim or article (moderation) is hidden from the public pages, feeds and ClaimReview too.
PUBLIC = {"status": Claim.Status.PUBLISHED, "deleted_at__isnull": True, "article__deleted_at__isnull": True}


def published() -> QuerySet[Publication]:
    """Every public fact-check, newest first. Only a claim still published (and not deleted) is public."""
    return (
        Publication.objects.filter(**{f"claim__{k}": v for k, v in PUBLIC.items()})
        .select_related("claim")  # the withdrawal note is on the claim
        .order_by("-published_at", "-claim_id")
    )


def claimreview_feed() -> QuerySet[Publication]:
    """The published fact-checks as the ClaimReview feed reads them: without the frozen evidence and
    scale, which ClaimReview does not carry (a fact-check's sources can weigh kilobytes each)."""
    return published().defer("sources", "scale_explanation", "rating_description", "override_reason")


def publication_for(*, claim_id: int) -> Publication | None:
    return published().filter(claim_id=claim_id).first()


def corrections_public() -> QuerySet[Correction]:
    return (
        Correction.objects.filter(**{f"publication__claim__{k}": v for k, v in PUBLIC.items()})
        .select_related("publication")
        .order_by("-created_at", "-id")
    )


def cited_evidence_ids(*, verdict: Verdict | None) -> list[int]:
    if verdict is None:
        return []
    return list(verdict.citations.values_list("evidence_id", flat=True))


def workflow_events(*, claim: Claim) -> QuerySet[WorkflowEvent]:
    return claim.workflow_events.select_related("actor", "verdict__rating").order_by("-created_at", "-id")
