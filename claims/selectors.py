"""Reads for articles, claims and verdicts."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from claims.models import Article, Claim, Rating, RatingScale, Verdict


def articles_list() -> QuerySet[Article]:
    # A correlated count per row, not Count("claims") + GROUP BY over every article: a page costs its own rows.
    counted = Claim.objects.filter(article=OuterRef("pk")).order_by().values("article").annotate(n=Count("*"))
    return Article.objects.select_related("created_by").annotate(
        claim_count=Coalesce(Subquery(counted.values("n")[:1]), 0)
    )


def article_claims(*, article: Article) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(article=article)
        .select_related("assignee")
        .prefetch_related(Prefetch("verdicts", queryset=Verdict.objects.select_related("rating", "reviewer")))
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("order", "start")
    )


def claims_for_review(*, status: str | None = None) -> QuerySet[Claim]:
    qs = Claim.objects.select_related("article", "assignee").filter(checkworthy=True)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-score", "article_id", "order")


def claim_current_verdict(*, claim: Claim) -> Verdict | None:
    return claim.verdicts.select_related("rating", "reviewer").order_by("-created_at", "-id").first()


def default_ratings() -> QuerySet[Rating]:
    scale = RatingScale.objects.filter(is_default=True).first()
    return Rating.objects.filter(scale=scale).order_by("-value")
