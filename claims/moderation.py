"""Moderation services for articles, claims and verdicts: soft delete and restore, reviewer flags and bulk
assignment (a published fact-check is withdrawn, never deleted: ``publishing.services.claim_withdraw``).
Typed, keyword-only, atomic; the admin and views call these.

Deleting an article or a claim also hides what hangs from it (claims, verdicts), stamped with the same
``deleted_at`` so that a restore brings back exactly what that deletion hid and nothing deleted before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Article, Claim, Verdict
from factcheck.lib.errors import InvalidTransition
from factcheck.lib.permissions import require_perm


def is_public(claim: Claim) -> bool:
    """A published fact-check that is not withdrawn: it and what it cites are corrected, never deleted."""
    return claim.status == Claim.Status.PUBLISHED and claim.withdrawn_at is None


@transaction.atomic
def claim_delete(*, claim: Claim, by: Any) -> Claim:
    """Hide a claim and its verdicts. A published fact-check is withdrawn with a public note, never deleted."""
    require_perm(by, "claims.delete_claim")
    locked = Claim.all_objects.select_for_update().get(pk=claim.pk)
    if locked.deleted_at is not None:
        raise InvalidTransition(_("This claim is deleted already."))
    if is_public(locked):
        raise InvalidTransition(_("A published fact-check cannot be deleted; withdraw it with a public note."))
    now = timezone.now()
    Verdict.objects.filter(claim=locked).update(deleted_at=now, deleted_by=by)
    Claim.all_objects.filter(pk=locked.pk).update(deleted_at=now, deleted_by=by)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def claim_restore(*, claim: Claim, by: Any) -> Claim:
    require_perm(by, "claims.delete_claim")
    locked = Claim.all_objects.select_for_update().get(pk=claim.pk)
    if locked.deleted_at is None:
        raise InvalidTransition(_("This claim is not deleted."))
    if Article.all_objects.filter(pk=locked.article_id, deleted_at__isnull=False).exists():
        raise InvalidTransition(_("Its article is deleted: restore the article first."))
    Verdict.all_objects.filter(claim=locked, deleted_at=locked.deleted_at).update(deleted_at=None, deleted_by=None)
    Claim.all_objects.filter(pk=locked.pk).update(deleted_at=None, deleted_by=None)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def article_delete(*, article: Article, by: Any) -> Article:
    """Hide an article with its claims and verdicts; refused while one of its fact-checks is published."""
    require_perm(by, "claims.delete_article")
    locked = Article.all_objects.select_for_update().get(pk=article.pk)
    if locked.deleted_at is not None:
        raise InvalidTransition(_("This article is deleted already."))
    if Claim.objects.filter(article=locked, status=Claim.Status.PUBLISHED, withdrawn_at__isnull=True).exists():
        raise InvalidTransition(_("This article has a published fact-check; withdraw it before deleting the article."))
    now = timezone.now()
    Verdict.objects.filter(claim__article=locked, claim__deleted_at__isnull=True).update(deleted_at=now, deleted_by=by)
    Claim.objects.filter(article=locked).update(deleted_at=now, deleted_by=by)
    Article.all_objects.filter(pk=locked.pk).update(deleted_at=now, deleted_by=by)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def article_restore(*, article: Article, by: Any) -> Article:
    require_perm(by, "claims.delete_article")
    locked = Article.all_objects.select_for_update().get(pk=article.pk)
    if locked.deleted_at is None:
        raise InvalidTransition(_("This article is not deleted."))
    stamp = locked.deleted_at
    Article.all_objects.filter(pk=locked.pk).update(deleted_at=None, deleted_by=None)
    Claim.all_objects.filter(article=locked, deleted_at=stamp).update(deleted_at=None, deleted_by=None)
    Verdict.all_objects.filter(claim__article=locked, deleted_at=stamp).update(deleted_at=None, deleted_by=None)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def verdict_delete(*, verdict: Verdict, by: Any) -> Verdict:
    require_perm(by, "claims.delete_verdict")
    locked = Verdict.all_objects.select_for_update().get(pk=verdict.pk)
    if locked.deleted_at is not None:
        raise InvalidTransition(_("This verdict is deleted already."))
    if is_public(Claim.all_objects.get(pk=locked.claim_id)):
        raise InvalidTransition(_("The verdict of a published fact-check cannot be deleted; correct it instead."))
    Verdict.all_objects.filter(pk=locked.pk).update(deleted_at=timezone.now(), deleted_by=by)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def verdict_restore(*, verdict: Verdict, by: Any) -> Verdict:
    require_perm(by, "claims.delete_verdict")
    updated = Verdict.all_objects.filter(pk=verdict.pk, deleted_at__isnull=False, claim__deleted_at__isnull=True)
    if not updated.update(deleted_at=None, deleted_by=None):
        raise InvalidTransition(_("This verdict is not deleted, or its claim is."))
    return Verdict.objects.get(pk=verdict.pk)


@transaction.atomic
def claim_flag(*, claim: Claim, reason: str, by: Any | None) -> Claim:
    """Ask an editor to look at a claim (a reviewer's doubt, or the page watch); the reason is shown in the queue."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why an editor should look at this claim.")})
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    locked.flagged_at = timezone.now()
    locked.flagged_by = by if by is not None and by.is_authenticated else None
    locked.flag_reason = (f"{locked.flag_reason}\n{reason}" if locked.flag_reason else reason)[:4000]
    locked.save(update_fields=["flagged_at", "flagged_by", "flag_reason", "updated_at"])
    return locked


@transaction.atomic
def claims_dismiss_flags(*, claims: Iterable[Claim], by: Any) -> int:
    """An editor has looked: the flags leave the queue (the reasons stay in the history)."""
    require_perm(by, "claims.change_claim")
    ids = [c.pk for c in claims]
    return Claim.objects.filter(pk__in=ids, flagged_at__isnull=False).update(
        flagged_at=None, flagged_by=None, flag_reason="", updated_at=timezone.now()
    )


@transaction.atomic
def claims_assign(*, claims: Iterable[Claim], assignee: Any, by: Any) -> int:
    """Bulk assignment from the admin queues."""
    require_perm(by, "claims.change_claim")
    if assignee is not None and not assignee.is_active:
        raise ValidationError({"assignee": _("This account is deactivated.")})
    ids = [c.pk for c in claims]
    return Claim.objects.filter(pk__in=ids).update(
        assignee=assignee, version=F("version") + 1, updated_at=timezone.now()
    )
