"""The review workflow's writes: verdicts citing evidence, submit, approve, send back,
publish (after the pre-publication checks), public corrections and withdrawal.

Each service locks the claim's row, checks the caller's version (a stale one is a
conflict, never a silent replace), asks claims.policy, then writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import policy
from claims.models import Claim, Rating, Verdict
from claims.selectors import default_ratings
from claims.services import claim_lock, claim_transition, current_verdict
from factcheck.lib.errors import InvalidTransition
from factcheck.lib.events import emit_event
from publishing.checks import PublishChecksFailed, publication_checks
from publishing.claimreview import public_url
from publishing.freeze import FROZEN_FIELDS, changes_between, draft_publication
from publishing.models import Correction, Publication, VerdictCitation, WorkflowEvent
from sources.models import Evidence

S = Claim.Status


def _enforce(decision: policy.Decision) -> None:
    if not decision.allowed:
        if decision.forbidden:
            raise PermissionDenied(decision.reason)
        raise InvalidTransition(decision.reason)


def _locked(claim: Claim, expected_version: int | None) -> tuple[Claim, Verdict | None]:
    locked = claim_lock(claim=claim, expected_version=expected_version)
    return locked, current_verdict(claim=locked)


def _event(claim: Claim, action: str, actor: Any, verdict: Verdict | None, **extra: Any) -> WorkflowEvent:
    return WorkflowEvent.objects.create(claim=claim, action=action, actor=actor, verdict=verdict, **extra)


def _new_verdict(*, claim: Claim, rating: Rating, summary: str, evidence: Iterable[int], user: Any) -> Verdict:
    summary = summary.strip()
    errors: dict[str, str] = {}
    if not summary:
        errors["summary"] = _("Explain the verdict in a sentence or two.")
    if not default_ratings().filter(pk=rating.pk).exists():
        errors["rating"] = _("Use a rating of the default scale.")
    ids = sorted(set(evidence))
    found = list(Evidence.objects.filter(claim=claim, pk__in=ids).values_list("pk", flat=True))
    if not ids:
        errors["evidence"] = _("Cite at least one evidence item the verdict rests on.")
    elif len(found) != len(ids):
        errors["evidence"] = _("Cite only evidence attached to this claim.")
    if errors:
        raise ValidationError(errors)
    verdict = Verdict.objects.create(claim=claim, rating=rating, summary=summary, reviewer=user)
    VerdictCitation.objects.bulk_create([VerdictCitation(verdict=verdict, evidence_id=pk) for pk in found])
    return verdict


@transaction.atomic
def verdict_record(
    *, claim: Claim, user: Any, rating: Rating, summary: str, evidence: Iterable[int], expected_version: int | None
) -> Verdict:
    """Record a verdict citing the evidence it rests on; earlier verdicts are kept. Puts a new claim in review."""
    locked, current = _locked(claim, expected_version)
    _enforce(policy.can_record_verdict(user, locked, current))
    verdict = _new_verdict(claim=locked, rating=rating, summary=summary, evidence=evidence, user=user)
    claim_transition(locked=locked, status=S.IN_REVIEW)
    _event(locked, WorkflowEvent.Action.VERDICT, user, verdict)
    return verdict


@transaction.atomic
def verdict_submit(*, claim: Claim, user: Any, expected_version: int | None = None) -> Claim:
    """The current verdict's author (or an editor) asks for the second review."""
    locked, current = _locked(claim, expected_version)
    _enforce(policy.can_submit(user, locked, current))
    _event(locked, WorkflowEvent.Action.SUBMITTED, user, current)
    emit_event("verdict.submitted", {"claim_id": locked.pk, "verdict_id": current.pk if current else None})
    return claim_transition(locked=locked, status=S.NEEDS_SECOND_REVIEW)


@transaction.atomic
def verdict_approve(*, claim: Claim, user: Any, expected_version: int | None = None) -> Claim:
    """An editor who did not write the verdict approves it: the claim is ready to publish."""
    locked, current = _locked(claim, expected_version)
    _enforce(policy.can_approve(user, locked, current))
    _event(locked, WorkflowEvent.Action.APPROVED, user, current)
    return claim_transition(locked=locked, status=S.READY)


@transaction.atomic
def verdict_send_back(*, claim: Claim, user: Any, comment: str, expected_version: int | None = None) -> Claim:
    """An editor sends the verdict back to review with a comment, which is kept in the workflow history."""
    locked, current = _locked(claim, expected_version)
    _enforce(policy.can_send_back(user, locked, current))
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what needs another look.")})
    _event(locked, WorkflowEvent.Action.SENT_BACK, user, current, comment=comment)
    return claim_transition(locked=locked, status=S.IN_REVIEW)


@transaction.atomic
def claim_publish(
    *, claim: Claim, user: Any, override_reason: str = "", expected_version: int | None = None
) -> Publication:
    """Freeze the approved verdict into the public fact-check.

    Refuses (PublishChecksFailed) when a pre-publication check fails, unless the editor
    gives an override reason, which is recorded with the failed checks."""
    locked, current = _locked(claim, expected_version)
    _enforce(policy.can_publish(user, locked, current))
    assert current is not None  # the policy refuses a claim without a verdict
    checks = publication_checks(claim=locked, verdict=current)
    failed = [c.as_dict() for c in checks if not c.passed]
    override_reason = override_reason.strip()
    if failed and not override_reason:
        raise PublishChecksFailed(checks)
    publication = draft_publication(claim=locked, verdict=current)
    publication.published_by = user
    publication.override_reason = override_reason if failed else ""
    publication.save()
    _event(
        locked, WorkflowEvent.Action.PUBLISHED, user, current, comment=publication.override_reason, failed_checks=failed
    )
    claim_transition(locked=locked, status=S.PUBLISHED)
    emit_event("claim.published", {"claim_id": locked.pk, "url": public_url(locked.pk)})
    return publication


@transaction.atomic
def claim_correct(
    *,
    claim: Claim,
    user: Any,
    reason: str,
    rating: Rating,
    summary: str,
    evidence: Iterable[int],
    expected_version: int | None = None,
) -> Correction:
    """An editor corrects a published fact-check in the open: a new verdict and a public correction record."""
    locked, current = _locked(claim, expected_version)
    _enforce(policy.can_correct(user, locked, current))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the fact-check is corrected; readers will see it.")})
    publication = Publication.objects.select_for_update().get(claim=locked)
    verdict = _new_verdict(claim=locked, rating=rating, summary=summary, evidence=evidence, user=user)
    now = timezone.now()
    fresh = draft_publication(claim=locked, verdict=verdict, published_at=publication.published_at)
    changes = changes_between(publication, fresh)
    for name in FROZEN_FIELDS:
        setattr(publication, name, getattr(fresh, name))
    publication.modified_at = now
    publication.save()
    correction = Correction.objects.create(
        publication=publication, verdict=verdict, reason=reason, corrected_by=user, changes=changes
    )
    _event(locked, WorkflowEvent.Action.CORRECTED, user, verdict, comment=reason)
    claim_transition(locked=locked, status=S.PUBLISHED)
    emit_event("claim.corrected", {"claim_id": locked.pk, "url": public_url(locked.pk), "correction": correction.pk})
    return correction


@transaction.atomic
def claim_withdraw(*, claim: Claim, user: Any, note: str, expected_version: int | None = None) -> Claim:
    """An editor withdraws a published fact-check: it is never deleted; its public page, the feeds' entry and
    the ClaimReview stay, with the public note saying why (kept in the workflow history too)."""
    locked, current = _locked(claim, expected_version)
    _enforce(policy.can_withdraw(user, locked, current))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say publicly why the fact-check is withdrawn.")})
    locked.withdrawn_at = timezone.now()
    locked.withdrawal_note = note[:4000]
    locked.version += 1
    locked.save(update_fields=["withdrawn_at", "withdrawal_note", "version", "updated_at"])
    _event(locked, WorkflowEvent.Action.WITHDRAWN, user, current, comment=locked.withdrawal_note)
    return locked
