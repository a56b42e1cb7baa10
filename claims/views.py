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
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from claims import policy, selectors, services
from claims.extensions import claim_page_context
from claims.forms import ArticleForm, ClaimStatusForm
from claims.models import Article, Claim
from claims.presentation import claim_in_context, claim_legend, highlight_claims, is_folded
from factcheck.lib.errors import ConflictError, InvalidTransition
from factcheck.lib.forms import add_service_errors
from factcheck.lib.permissions import role_required

# The plain status buttons, in the order they appear; the review policy decides which are shown.
# Submit, approve, send back, publish and correct are the publishing app's workflow panel.
STATUS_ACTIONS = [
    (Claim.Status.IN_REVIEW, gettext_lazy("Start review")),
    (Claim.Status.NEW, gettext_lazy("Reopen")),
    (Claim.Status.DISMISSED, gettext_lazy("Dismiss")),
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
            article, imported = _create_or_import(request, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if imported:
                messages.success(request, _("Article saved. Its page is being fetched; claims are extracted next."))
            else:
                messages.success(request, _("Article saved. Claims are being extracted."))
            return redirect("claims:article_detail", article.pk)
    return render(request, "claims/article_form.html", {"form": form}, status=400 if form.errors else 200)


def _create_or_import(request: HttpRequest, data: dict[str, Any]) -> tuple[Article, bool]:
    """A pasted text is stored as it is; a link alone is fetched by a worker (the sources app owns fetching)."""
    if data["body"].strip():
        return services.article_create(created_by=request.user, **data), False  # type: ignore[arg-type]
    from factcheck.lib.hooks import article_importer

    importer = article_importer()
    fields = {key: value for key, value in data.items() if key != "body"}
    return importer(created_by=request.user, **fields), True


CLAIMS_PER_PAGE = 200


@require_GET
@role_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    token = selectors.article_live_token(article=article)
    if request.htmx and request.GET.get("since") == token:  # type: ignore[attr-defined]
        return HttpResponse(status=204)  # nothing changed: htmx keeps the page as it is
    claims = list(selectors.article_claims(article=article))
    context = {
        "article": article,
        "claims": claims,
        # The text shows every span; the list comes a page at a time (a 2 MB article has tens of thousands).
        "page": Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page")),
        "highlighted": highlight_claims(article.body, claims),
        "polling": article.extraction_status in IN_PROGRESS_EXTRACTION,
        "live_token": token,
        "legend": claim_legend(),
        "folded_count": sum(1 for claim in claims if is_folded(claim)),
        "assignees": list(selectors.workbench_users()),
        "may_reopen": policy.is_editor(request.user),
    }
    template = "claims/_article_extraction.html" if request.htmx else "claims/article_detail.html"  # type: ignore[attr-defined]
    response = render(request, template, context)
    response["ETag"] = f'"{token}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
@role_required
def article_reextract(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    services.article_request_extraction(article=article)
    messages.success(request, _("Extraction requested again. Claims you have worked on are kept."))
    return redirect("claims:article_detail", article.pk)


def _claim_context(request: HttpRequest, claim: Claim, forms: dict[str, Form]) -> dict[str, Any]:
    verdict = selectors.claim_current_verdict(claim=claim)
    before, parts, after = claim_in_context(claim.article.body, claim)
    previous_claim, next_claim = selectors.claim_neighbours(claim=claim)
    return {
        "previous_claim": previous_claim,
        "next_claim": next_claim,
        "claim": claim,
        "article": claim.article,
        "before": before,
        "claim_parts": parts,
        "after": after,
        "verdicts": claim.verdicts.select_related("rating", "reviewer").order_by("-created_at", "-id"),
        "live_token": selectors.claim_live_token(claim=claim),
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
    claim = get_claim(claim_id)
    if request.GET.get("part") == "live":
        # Another reviewer's change shows within seconds: 204 while the live token is the same, else the changed
        # parts of the page, swapped in place.
        if request.GET.get("since") == selectors.claim_live_token(claim=claim):
            return HttpResponse(status=204)
        return render(request, "claims/_claim_live.html", {**_claim_context(request, claim, {}), "changed": True})
    return render_claim_page(request, claim)


@require_POST
@role_required
def claim_set_status(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim(claim_id)
    form = ClaimStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That status change was not understood; reload the page and try again."))
    else:
        try:
            updated = services.claim_set_status(
                claim=claim,
                status=form.cleaned_data["status"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except (ConflictError, InvalidTransition) as exc:
            messages.error(request, _("Not saved: %(reason)s") % {"reason": exc})
        else:
            status_label = str(updated.get_status_display()).lower()
            messages.success(request, _("Claim is now %(status)s.") % {"status": status_label})
    return redirect("claims:claim_detail", claim.pk)


@require_GET
@role_required
def review_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Claim.Status.values:
        status = ""
    mine = request.GET.get("assignee") == "me"
    claims = (
        selectors.claims_for_review(status=status or None, assignee=request.user if mine else None)
        .annotate(evidence_count=Count("evidence", distinct=True))
        .prefetch_related("verdicts__rating")
    )
    page = Paginator(claims, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/review_queue.html",
        {"page": page, "status": status, "mine": mine, "statuses": Claim.Status.choices},
    )


@require_GET
@role_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The reviewer's start page: her claims, what waits for an editor, what was published, counts by status."""
    if request.GET.get("q"):
        return redirect(reverse("sources:search") + "?" + request.GET.urlencode())
    user = request.user
    context = {
        "my_claims": list(selectors.claims_assigned_to(user=user)[:50]),
        "my_counts": selectors.claim_status_counts(assignee=user),
        "counts": selectors.claim_status_counts(),
        "second_review": list(selectors.claims_waiting_second_review()[:20]) if policy.is_editor(user) else None,
        "published": list(selectors.claims_recently_published()),
        "recent_articles": list(selectors.articles_list().order_by("-created_at", "-id")[:5]),
    }
    return render(request, "claims/dashboard.html", context)


@require_POST
@role_required
def claim_flag(request: HttpRequest, claim_id: int) -> HttpResponse:
    """A reviewer asks an editor to look at the claim (it appears in the admin's "flagged" queue)."""
    from claims.moderation import claim_flag as flag_service

    claim = get_claim(claim_id)
    try:
        flag_service(claim=claim, reason=request.POST.get("reason", "")[:2000], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Flagged for an editor."))
    return redirect(reverse("claims:claim_detail", args=[claim.pk]) + "#flag")
