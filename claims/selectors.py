"""Reads for articles, claims and verdicts."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, When
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


def claims_for_review(*, status: str | None = None, assignee: Any | None = None) -> QuerySet[Claim]:
    qs = Claim.objects.select_related("article", "assignee").filter(checkworthy=True)
    if status:
        qs = qs.filter(status=status)
    if assignee is not None:
        qs = qs.filter(assignee=assignee)
    return qs.order_by("-score", "article_id", "order")


def claim_current_verdict(*, claim: Claim) -> Verdict | None:
    return claim.verdicts.select_related("rating", "reviewer").order_by("-created_at", "-id").first()


def default_ratings() -> QuerySet[Rating]:
    scale = RatingScale.objects.filter(is_default=True).first()
    return Rating.objects.filter(scale=scale).order_by("-value")


OPEN_STATUSES = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.NEEDS_SECOND_REVIEW, Claim.Status.READY)


def claims_assigned_to(*, user: Any) -> QuerySet[Claim]:
    """A reviewer's open claims, grouped by status (workflow order), most check-worthy first."""
    order = Case(*(When(status=value, then=index) for index, value in enumerate(OPEN_STATUSES)))
    return (
        Claim.objects.filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related("article")
        .annotate(status_rank=order)
        .order_by("status_rank", "-score", "article_id", "order")
    )


def claims_waiting_second_review() -> QuerySet[Claim]:
    return (
        Claim.objects.filter(status=Claim.Status.NEEDS_SECOND_REVIEW)
        .select_related("article", "assignee")
        .order_by("updated_at", "id")
    )


def claims_recently_published(*, limit: int = 5) -> QuerySet[Claim]:
    return Claim.objects.filter(status=Claim.Status.PUBLISHED).select_related("article").order_by("-updated_at")[:limit]


def claim_status_counts(*, assignee: Any | None = None) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, check-worthy claims only; zero counts included."""
    qs = Claim.objects.filter(checkworthy=True)
    if assignee is not None:
        qs = qs.filter(assignee=assignee)
    counts = dict(qs.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [(value, str(label), counts.get(value, 0)) for value, label in Claim.Status.choices]


def claim_neighbours(*, claim: Claim) -> tuple[Claim | None, Claim | None]:
    """The previous and next claims of the same article, in the article's order."""
    siblings = Claim.objects.filter(article_id=claim.article_id).only("id", "order", "start", "text")
    before = Q(order__lt=claim.order) | Q(order=claim.order, start__lt=claim.start)
    after = Q(order__gt=claim.order) | Q(order=claim.order, start__gt=claim.start)
    previous = siblings.filter(before).order_by("-order", "-start").first()
    following = siblings.filter(after).order_by("order", "start").first()
    return previous, following


def article_live_token(*, article: Article) -> str:
    """Changes whenever the article or any of its claims (or their verdicts) changes: cheap to compute."""
    row = Claim.objects.filter(article=article).aggregate(
        n=Count("id", distinct=True), changed=Max("updated_at"), verdicts=Count("verdicts", distinct=True)
    )
    changed = row["changed"].timestamp() if row["changed"] else 0
    return f"{article.updated_at.timestamp():.6f}-{row['n']}-{changed:.6f}-{row['verdicts']}"


def claim_live_token(*, claim: Claim) -> str:
    """Changes whenever the claim, its verdicts or its evidence change (the evidence through the reverse relation,
    so this app never imports the sources app): what the claim page polls, a 204 while it stays the same."""
    row = Claim.all_objects.filter(pk=claim.pk).aggregate(
        n_verdicts=Count("verdicts", distinct=True),
        n_evidence=Count("evidence", distinct=True),
        evidence_changed=Max("evidence__updated_at"),
        evidence_removed=Max("evidence__deleted_at"),
    )
    stamps = [row["evidence_changed"], row["evidence_removed"]]
    evidence = "-".join(f"{stamp.timestamp():.6f}" if stamp else "0" for stamp in stamps)
    return f"{claim.version}-{claim.updated_at.timestamp():.6f}-{row['n_verdicts']}-{row['n_evidence']}-{evidence}"


def workbench_users() -> QuerySet[Any]:
    """People a claim can be assigned to: active members of a workbench group."""
    from django.contrib.auth import get_user_model

    from factcheck.lib.permissions import WORKBENCH_ROLES

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=WORKBENCH_ROLES) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )
