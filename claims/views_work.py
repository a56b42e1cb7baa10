"""Working the article by hand: add a claim at a selection, edit, split, merge, assign, dismiss, reopen.

Each view reads a small form, calls one service (claims.editing / claims.services) and redirects back
to where the reviewer was, with a message that says what happened or why nothing did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims import editing, services
from claims.forms import ClaimAddForm, ClaimAssignForm, ClaimEditForm, ClaimMergeForm, ClaimSplitForm, VersionForm
from claims.models import Article, Claim
from factcheck.lib.errors import DomainError
from factcheck.lib.permissions import role_required


def _back(request: HttpRequest, claim: Claim | None = None, article: Article | None = None) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    if claim is not None:
        return redirect(reverse("claims:article_detail", args=[claim.article_id]) + f"#claim-{claim.pk}")
    assert article is not None
    return redirect("claims:article_detail", article.pk)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _attempt(request: HttpRequest, action: Callable[[], Any], done: str) -> bool:
    """Run one service call; put its outcome in a message. True when it worked."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, _("Not saved: %(reason)s") % {"reason": _errors(exc)})
    except (DomainError, PermissionDenied) as exc:
        messages.error(request, _("Not saved: %(reason)s") % {"reason": exc})
    else:
        messages.success(request, done)
        return True
    return False


def _form_problem(request: HttpRequest, form: Form) -> None:
    problems = "; ".join(str(error) for errors in form.errors.values() for error in errors)
    messages.error(request, _("Not saved: %(reason)s") % {"reason": problems})


@require_POST
@role_required
def claim_add(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    form = ClaimAddForm(request.POST)
    if not form.is_valid():
        _form_problem(request, form)
        return _back(request, article=article)
    data = form.cleaned_data
    start = data["start"] if data["start"] is not None else -1
    end = data["end"] if data["end"] is not None else -1
    created: list[Claim] = []
    _attempt(
        request,
        lambda: created.append(
            editing.claim_add(article=article, start=start, end=end, text=data["text"], added_by=request.user)  # type: ignore[arg-type]
        ),
        _("Claim added."),
    )
    return _back(request, claim=created[0]) if created else _back(request, article=article)


def _versioned(
    request: HttpRequest,
    claim_id: int,
    form_class: type[Form],
    action: Callable[[Claim, dict[str, Any]], Any],
    done: str | Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """Form (with the claim's version) → one service call → back to where the reviewer was.

    ``done`` is the success message, or a function of the form's data giving it.
    """
    claim = _claim(claim_id)
    form = form_class(request.POST)
    if not form.is_valid():
        _form_problem(request, form)
    else:
        data = form.cleaned_data
        _attempt(request, lambda: action(claim, data), done if isinstance(done, str) else done(data))
    return _back(request, claim=claim)


def _claim(claim_id: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)


@require_POST
@role_required
def claim_edit(request: HttpRequest, claim_id: int) -> HttpResponse:
    return _versioned(
        request,
        claim_id,
        ClaimEditForm,
        lambda claim, data: editing.claim_edit_text(
            claim=claim,
            text=data["text"],
            edited_by=request.user,  # type: ignore[arg-type]
            expected_version=data["version"],
        ),
        _("Claim text saved."),
    )


@require_POST
@role_required
def claim_split(request: HttpRequest, claim_id: int) -> HttpResponse:
    return _versioned(
        request,
        claim_id,
        ClaimSplitForm,
        lambda claim, data: editing.claim_split(
            claim=claim,
            at=data["at"],
            split_by=request.user,  # type: ignore[arg-type]
            expected_version=data["version"],
        ),
        _("Claim split in two."),
    )


@require_POST
@role_required
def claim_merge(request: HttpRequest, claim_id: int) -> HttpResponse:
    return _versioned(
        request,
        claim_id,
        ClaimMergeForm,
        lambda claim, data: editing.claim_merge(
            first=claim,
            second=get_object_or_404(Claim, pk=data["second"]),
            merged_by=request.user,  # type: ignore[arg-type]
            expected_versions=(data["version"], data["second_version"]),
        ),
        _("Claims merged."),
    )


@require_POST
@role_required
def claim_assign(request: HttpRequest, claim_id: int) -> HttpResponse:
    def assignee(data: dict[str, Any]) -> Any:
        return request.user if request.POST.get("to_me") else data["assignee"]

    def done(data: dict[str, Any]) -> str:
        chosen = assignee(data)
        if chosen is None:
            return _("The claim is no longer assigned.")
        if chosen == request.user:
            return _("The claim is assigned to you.")
        return _("The claim is assigned to %(name)s.") % {"name": chosen.get_username()}

    return _versioned(
        request,
        claim_id,
        ClaimAssignForm,
        lambda claim, data: editing.claim_assign(
            claim=claim,
            assignee=assignee(data),
            assigned_by=request.user,  # type: ignore[arg-type]
            expected_version=data["version"],
        ),
        done,
    )


@require_POST
@role_required
def claim_dismiss(request: HttpRequest, claim_id: int) -> HttpResponse:
    return _versioned(
        request,
        claim_id,
        VersionForm,
        lambda claim, data: services.claim_set_status(
            claim=claim, status=Claim.Status.DISMISSED, user=request.user, expected_version=data["version"]
        ),
        _("Claim dismissed. It is folded away with the claims that are not check-worthy."),
    )


@require_POST
@role_required
def claim_reopen(request: HttpRequest, claim_id: int) -> HttpResponse:
    return _versioned(
        request,
        claim_id,
        VersionForm,
        lambda claim, data: services.claim_reopen(claim=claim, user=request.user, expected_version=data["version"]),
        _("Claim reopened: it is new again."),
    )
