"""Reviewer pages: articles, their claims, evidence and verdicts.

Each view reads a form, calls one service and redirects, or renders. A request
made by htmx (polling) gets only the fragment that changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from claims import policy, selectors, services
from claims.extensions import claim_page_context
from claims.forms import ArticleForm, ClaimStatusForm
from claims.models import Article, Claim
from claims.presentation import claim_in_context, highlight_claims
from factcheck.lib.errors import ConflictError, InvalidTransition
from factcheck.lib.forms import add_service_errors
from factcheck.lib.permissions import role_required

# The plain status buttons, in the order they appear; the review policy decides which are shown.
# Submit, approve, send back, publish and correct are the publishing app's workflow panel.
STATUS_ACTIONS = [
    (Claim.Status.IN_REVIEW, _("Start review")),
    (Claim.Status.NEW, _("Reopen")),
    (Claim.Status.DISMISSED, _("Dismiss")),
]
IN_PROGRESS_EXTRACTION = {Article.ExtractionStatus.PENDING, Article.ExtractionStatus.EXTRACTING}


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
            add_service_errors(form, exc)
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


def _claim_context(request: HttpRequest, claim: Claim, forms: dict[str, Form]) -> dict[str, Any]:
    verdict = selectors.claim_current_verdict(claim=claim)
    before, text, after = claim_in_context(claim.article.body, claim)
    return {
        "claim": claim,
        "article": claim.article,
        "before": before,
        "claim_text": text,
        "after": after,
        "verdicts": claim.verdicts.select_related("rating", "reviewer").order_by("-created_at", "-id"),
        "status_actions": [
            (value, label)
            for value, label in STATUS_ACTIONS
            if policy.can_set_status(request.user, claim, value, verdict=verdict)
        ],
        # Panels of apps to the right of claims (the publishing workflow) fill in their own part.
        **claim_page_context(request, claim),
        **forms,
    }


def get_claim(claim_id: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "assignee"), pk=claim_id)


def render_claim_page(request: HttpRequest, claim: Claim, *, status: int = 200, **forms: Form) -> HttpResponse:
    """The claim page; a form that failed validation (``evidence_form=…``) is shown bound.

    The evidence panel comes from the evidence app's template tags and the workflow panel from the
    publishing app's hook, so those apps re-render the page through this.
    """
    return render(request, "claims/claim_detail.html", _claim_context(request, claim, forms), status=status)


@require_GET
@role_required
def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    return render_claim_page(request, get_claim(claim_id))


@require_POST
@role_required
def claim_set_status(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim(claim_id)
    form = ClaimStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That status change was not understood; reload the page and try again.")
    else:
        try:
            updated = services.claim_set_status(
                claim=claim,
                status=form.cleaned_data["status"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as exc:
            messages.error(request, f"Not saved: {exc}")
        except InvalidTransition as exc:
            messages.error(request, f"Not saved: {exc}")
        else:
            messages.success(request, f"Claim is now {updated.get_status_display().lower()}.")
    return redirect("claims:claim_detail", claim.pk)


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
