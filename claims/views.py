"""Reviewer pages: articles, their claims, evidence and verdicts.

Each view reads a form, calls one service and redirects, or renders. A request
made by htmx (polling) gets only the fragment that changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from claims import selectors, services
from claims.forms import ArticleForm, ClaimStatusForm, EvidenceForm, VerdictForm
from claims.models import Article, Claim
from claims.presentation import claim_in_context, highlight_claims
from factcheck.lib.errors import ConflictError, InvalidTransition
from factcheck.lib.permissions import role_required
from sources.models import Evidence, Snapshot

# The review workflow buttons, in the order they appear; only allowed ones are shown.
STATUS_ACTIONS = [
    (Claim.Status.IN_REVIEW, "Start review"),
    (Claim.Status.NEEDS_SECOND_REVIEW, "Needs second review"),
    (Claim.Status.READY, "Ready"),
    (Claim.Status.DISMISSED, "Dismiss"),
]
IN_PROGRESS_SNAPSHOT = {Snapshot.Status.PENDING, Snapshot.Status.FETCHING, Snapshot.Status.RETRYING}
IN_PROGRESS_EXTRACTION = {Article.ExtractionStatus.PENDING, Article.ExtractionStatus.EXTRACTING}


def _add_service_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the field it names (or on top of the form)."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_messages in errors.items():
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)


@require_GET
@role_required
def article_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.articles_list().order_by("-created_at", "-id"), 25).get_page(request.GET.get("page"))
    return render(request, "claims/article_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@role_required
def article_create(request: HttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(created_by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, "Article saved. Claims are being extracted.")
            return redirect("claims:article_detail", article.pk)
    return render(request, "claims/article_form.html", {"form": form}, status=400 if form.errors else 200)


CLAIMS_PER_PAGE = 200


@require_GET
@role_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    claims = list(selectors.article_claims(article=article))
    context = {
        "article": article,
        "claims": claims,
        # The text shows every span; the cards come a page at a time (a 2 MB article has tens of thousands).
        "page": Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page")),
        "highlighted": highlight_claims(article.body, claims),
        "polling": article.extraction_status in IN_PROGRESS_EXTRACTION,
    }
    template = "claims/_article_extraction.html" if request.htmx else "claims/article_detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_POST
@role_required
def article_reextract(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    services.article_request_extraction(article=article)
    messages.success(request, "Extraction requested again. Claims you have worked on are kept.")
    return redirect("claims:article_detail", article.pk)


def _evidence_rows(claim: Claim) -> list[Evidence]:
    newest_first = Snapshot.objects.order_by("-requested_at", "-id")
    rows = list(
        Evidence.objects.filter(claim=claim)
        .select_related("source", "added_by", "anchor_snapshot")
        .prefetch_related(Prefetch("source__snapshots", queryset=newest_first, to_attr="newest_snapshots"))
        .order_by("-added_at", "-id")
    )
    for row in rows:
        snapshots = row.source.newest_snapshots  # type: ignore[attr-defined]
        row.latest_snapshot = snapshots[0] if snapshots else None  # type: ignore[attr-defined]
    return rows


def _claim_context(
    claim: Claim, evidence_form: EvidenceForm | None = None, verdict_form: VerdictForm | None = None
) -> dict[str, Any]:
    evidence = _evidence_rows(claim)
    allowed = services._TRANSITIONS.get(claim.status, set())
    before, text, after = claim_in_context(claim.article.body, claim)
    return {
        "claim": claim,
        "article": claim.article,
        "before": before,
        "claim_text": text,
        "after": after,
        "evidence": evidence,
        "polling": any(
            row.latest_snapshot and row.latest_snapshot.status in IN_PROGRESS_SNAPSHOT  # type: ignore[attr-defined]
            for row in evidence
        ),
        "verdicts": claim.verdicts.select_related("rating", "reviewer").order_by("-created_at", "-id"),
        "status_actions": [(value, label) for value, label in STATUS_ACTIONS if value in allowed],
        "evidence_form": evidence_form or EvidenceForm(initial={"stance": Evidence.Stance.SUPPORTS}),
        "verdict_form": verdict_form or VerdictForm(),
    }


def _get_claim(claim_id: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "assignee"), pk=claim_id)


@require_GET
@role_required
def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _get_claim(claim_id)
    context = _claim_context(claim)
    template = "claims/_evidence_list.html" if request.htmx else "claims/claim_detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_POST
@role_required
def claim_attach_evidence(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _get_claim(claim_id)
    form = EvidenceForm(request.POST)
    if form.is_valid():
        try:
            _attach_evidence(claim=claim, user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, "Source attached. It is being archived.")
            return redirect(reverse("claims:claim_detail", args=[claim.pk]) + "#evidence")
    return render(request, "claims/claim_detail.html", _claim_context(claim, evidence_form=form), status=400)


def _attach_evidence(*, claim: Claim, user: Any, data: dict[str, Any]) -> Evidence:
    from sources.services import evidence_attach

    return evidence_attach(
        claim=claim, url=data["url"], stance=data["stance"], quote=data["quote"], note=data["note"], added_by=user
    )


@require_POST
@role_required
def claim_set_status(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _get_claim(claim_id)
    form = ClaimStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That status change was not understood; reload the page and try again.")
    else:
        try:
            updated = services.claim_set_status(
                claim=claim, status=form.cleaned_data["status"], expected_version=form.cleaned_data["version"]
            )
        except ConflictError as exc:
            messages.error(request, f"Not saved: {exc}")
        except InvalidTransition as exc:
            messages.error(request, f"Not saved: {exc}")
        else:
            messages.success(request, f"Claim is now {updated.get_status_display().lower()}.")
    return redirect("claims:claim_detail", claim.pk)


@require_POST
@role_required
def claim_verdict(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _get_claim(claim_id)
    form = VerdictForm(request.POST)
    if form.is_valid():
        try:
            services.claim_set_verdict(claim=claim, reviewer=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, "Verdict recorded.")
            return redirect(reverse("claims:claim_detail", args=[claim.pk]) + "#verdicts")
    return render(request, "claims/claim_detail.html", _claim_context(claim, verdict_form=form), status=400)


@require_GET
@role_required
def review_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Claim.Status.values:
        status = ""
    claims = (
        selectors.claims_for_review(status=status or None)
        .annotate(evidence_count=Count("evidence", distinct=True))
        .prefetch_related("verdicts__rating")
    )
    page = Paginator(claims, 50).get_page(request.GET.get("page"))
    return render(
        request, "claims/review_queue.html", {"page": page, "status": status, "statuses": Claim.Status.choices}
    )


@require_POST
@role_required
def claim_flag(request: HttpRequest, claim_id: int) -> HttpResponse:
    """A reviewer asks an editor to look at the claim (it appears in the admin's "flagged" queue)."""
    from claims.moderation import claim_flag as flag_service

    claim = _get_claim(claim_id)
    try:
        flag_service(claim=claim, reason=request.POST.get("reason", "")[:2000], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Flagged for an editor."))
    return redirect(reverse("claims:claim_detail", args=[claim.pk]) + "#flag")
