"""The workflow panel on the claim page and its actions (reviewers and editors).

Each action view reads a form, calls one service and redirects. The policy refuses a
person with 403; a stale version or a state that moved on is a message on the page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims import policy
from claims.models import Claim
from claims.selectors import claim_current_verdict
from claims.views import render_claim_page
from factcheck.lib.errors import ConflictError, InvalidTransition
from factcheck.lib.permissions import role_required
from publishing import selectors, services
from publishing.checks import PublishChecksFailed, publication_checks
from publishing.forms import CitedVerdictForm, CorrectionForm, PublishForm, SendBackForm, VersionedForm, WithdrawForm


def claim_page_context(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    """What the claim page needs for the workflow panel (registered in PublishingConfig.ready)."""
    verdict = claim_current_verdict(claim=claim)
    actions = policy.allowed_actions(request.user, claim, verdict)
    cited = selectors.cited_evidence_ids(verdict=verdict)
    bound: dict[str, Form] = getattr(request, "workflow_forms", {})
    initial = {"version": claim.version}
    verdict_initial = {**initial, "evidence": cited}
    if verdict is not None:
        verdict_initial.update(rating=verdict.rating_id, summary=verdict.summary)
    context: dict[str, Any] = {
        "workflow_template": "publishing/claim_workflow.html",
        "verdict_form_template": "publishing/_verdict_form.html",
        "current_verdict": verdict,
        "cited_ids": cited,
        "actions": actions,
        "verdict_form": bound.get("verdict") or CitedVerdictForm(claim=claim, initial=verdict_initial),
        "send_back_form": bound.get("send_back") or SendBackForm(initial=initial),
        "publish_form": bound.get("publish") or PublishForm(initial=initial),
        "workflow_events": selectors.workflow_events(claim=claim)[:50],
        "publication": selectors.publication_for(claim_id=claim.pk),
    }
    if claim.status == Claim.Status.READY and actions["publish"].allowed:
        context["publish_checks"] = publication_checks(claim=claim, verdict=verdict)
    if actions["correct"].allowed:
        context["correction_form"] = bound.get("correct") or CorrectionForm(claim=claim, initial=verdict_initial)
    if actions["withdraw"].allowed:
        context["withdraw_form"] = bound.get("withdraw") or WithdrawForm(initial=initial)
    return context


def _back(claim: Claim, anchor: str = "workflow") -> HttpResponse:
    return redirect(reverse("claims:claim_detail", args=[claim.pk]) + f"#{anchor}")


def _form_errors(form: Form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for name, field_messages in errors.items():
        for message in field_messages:
            form.add_error(name if name in form.fields else None, message)


def _run(request: HttpRequest, claim: Claim, key: str, form: Form, action: Any, done: str) -> HttpResponse:
    """Validate, call the service; conflicts become messages, invalid input re-renders the page (400)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except (ConflictError, InvalidTransition) as exc:
            messages.error(request, _("Not saved: %(why)s") % {"why": exc})
            return _back(claim)
        except PublishChecksFailed as exc:
            messages.error(request, str(exc))
            return _back(claim)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, done)
            return _back(claim)
    request.workflow_forms = {key: form}  # type: ignore[attr-defined]
    return render_claim_page(request, claim, status=400)


def _claim(claim_id: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "assignee"), pk=claim_id)


@require_POST
@role_required
def verdict_record(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim(claim_id)
    form = CitedVerdictForm(request.POST, claim=claim)
    return _run(
        request,
        claim,
        "verdict",
        form,
        lambda data: services.verdict_record(
            claim=claim,
            user=request.user,
            rating=data["rating"],
            summary=data["summary"],
            evidence=[e.pk for e in data["evidence"]],
            expected_version=data["version"],
        ),
        _("Verdict recorded."),
    )


@require_POST
@role_required
def verdict_submit(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim(claim_id)
    return _run(
        request,
        claim,
        "submit",
        VersionedForm(request.POST),
        lambda data: services.verdict_submit(claim=claim, user=request.user, expected_version=data["version"]),
        _("Submitted for a second review."),
    )


@require_POST
@role_required
def verdict_approve(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim(claim_id)
    return _run(
        request,
        claim,
        "approve",
        VersionedForm(request.POST),
        lambda data: services.verdict_approve(claim=claim, user=request.user, expected_version=data["version"]),
        _("Approved: the fact-check is ready to publish."),
    )


@require_POST
@role_required
def verdict_send_back(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim(claim_id)
    return _run(
        request,
        claim,
        "send_back",
        SendBackForm(request.POST),
        lambda data: services.verdict_send_back(
            claim=claim, user=request.user, comment=data["comment"], expected_version=data["version"]
        ),
        _("Sent back to review with your comment."),
    )


@require_POST
@role_required
def claim_publish(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim(claim_id)
    return _run(
        request,
        claim,
        "publish",
        PublishForm(request.POST),
        lambda data: services.claim_publish(
            claim=claim, user=request.user, override_reason=data["override_reason"], expected_version=data["version"]
        ),
        _("Published. The public page is live."),
    )


@require_POST
@role_required
def claim_correct(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim(claim_id)
    form = CorrectionForm(request.POST, claim=claim)
    return _run(
        request,
        claim,
        "correct",
        form,
        lambda data: services.claim_correct(
            claim=claim,
            user=request.user,
            reason=data["reason"],
            rating=data["rating"],
            summary=data["summary"],
            evidence=[e.pk for e in data["evidence"]],
            expected_version=data["version"],
        ),
        _("Correction published."),
    )


@require_POST
@role_required
def claim_withdraw(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim(claim_id)
    return _run(
        request,
        claim,
        "withdraw",
        WithdrawForm(request.POST),
        lambda data: services.claim_withdraw(
            claim=claim, user=request.user, note=data["note"], expected_version=data["version"]
        ),
        _("Withdrawn. The public page shows your note."),
    )
