"""Writes for articles, claims and verdicts. Views, the API, tasks and admin call these."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from claims import policy
from claims.models import Article, Claim, Verdict
from factcheck.lib.errors import ConflictError, InvalidTransition
from factcheck.lib.events import emit_event
from factcheck.lib.lease import lease_cutoff
from factcheck.lib.queue import enqueue, enqueue_on_commit

EXTRACT_ARTICLE_TASK = "claims.extract_article"

logger = logging.getLogger(__name__)

# C0 controls other than tab and newline, and NUL in particular: PostgreSQL
# refuses NUL in text, and the rest is junk from copy-pasting binary files.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_article_body(body: str) -> str:
    """Normalise line endings and drop control characters; raise ValidationError if nothing is left."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARS.sub("", text)
    if not text.strip():
        raise ValidationError({"body": _("The article text is empty.")})
    if len(text) > settings.ARTICLE_MAX_CHARS:
        limit = settings.ARTICLE_MAX_CHARS
        message = _("The article is too long (%(length)s characters; the limit is %(limit)s).") % {
            "length": number_format(len(text), force_grouping=True),
            "limit": number_format(limit, force_grouping=True),
        }
        raise ValidationError({"body": message})
    return text


@transaction.atomic
def article_create(
    *,
    title: str,
    body: str,
    created_by: User | None,
    language: str = "",
    url: str = "",
    outlet: str = "",
    published_on: date | None = None,
) -> Article:
    """Store an article and enqueue claim extraction once the transaction commits."""
    title = _CONTROL_CHARS.sub("", title).strip()
    if not title:
        raise ValidationError({"title": _("The title is empty.")})
    article = Article(
        title=title[:500],
        body=clean_article_body(body),
        language=language.strip().lower(),
        url=url.strip(),
        outlet=outlet.strip(),
        published_on=published_on,
        created_by=created_by if created_by and created_by.is_authenticated else None,
    )
    article.full_clean(exclude=["extraction_status"])
    article.save()
    article_request_extraction(article=article)
    return article


@transaction.atomic
def article_request_extraction(*, article: Article) -> Article:
    """Mark the article pending and enqueue extraction after commit (the sweep retries if the broker is down)."""
    Article.objects.filter(pk=article.pk).update(
        extraction_status=Article.ExtractionStatus.PENDING,
        extraction_error="",
        extraction_error_code="",
        extraction_error_params={},
        extraction_requested_at=timezone.now(),
    )
    article.refresh_from_db()
    enqueue_on_commit(EXTRACT_ARTICLE_TASK, article.pk)
    return article


def article_run_extraction(*, article_id: int) -> Article | None:
    """Extract claims and reconcile them with the stored ones.

    Idempotent: claims are matched on their span, so running it twice creates no
    duplicates; claims a reviewer has worked on (evidence, verdict, status,
    assignee) are kept even when the new extraction no longer returns them.
    Returns None when another worker already holds the article.
    """
    from celery.exceptions import SoftTimeLimitExceeded

    from claims.extraction import extract

    now = timezone.now()
    claimed = (
        Article.objects.filter(
            Q(extraction_status=Article.ExtractionStatus.PENDING) | _extraction_lease_expired(now), pk=article_id
        )
        .exclude(body="")  # an article still being imported from its link has no text to extract yet
        .update(extraction_status=Article.ExtractionStatus.EXTRACTING, updated_at=now)
    )
    if not claimed:
        return None
    article = Article.objects.get(pk=article_id)
    try:
        result = extract(article.body, language=article.language or None)
        _store_claims(article=article, language=result.language, extracted=[c.to_dict() for c in result.claims])
    except SoftTimeLimitExceeded:
        seconds = settings.EXTRACTION_TASK_SOFT_TIME_LIMIT
        _extraction_failed(
            article_id,
            f"Claim extraction took longer than {seconds} seconds and was stopped.",
            code="extraction_timed_out",
            params={"seconds": seconds},
        )
    except Exception as exc:
        logger.exception("extraction failed for article %s", article_id)
        _extraction_failed(
            article_id,
            f"Claim extraction failed: {exc}",
            code="extraction_crashed",
            params={"error": f"{type(exc).__name__}: {exc}"[:500]},
        )
    return Article.objects.get(pk=article_id)


def _extraction_lease_expired(now: datetime) -> Q:
    """An article whose extracting worker died: its claim (``updated_at``, written when claimed) outlived the lease."""
    cutoff = lease_cutoff(now, settings.EXTRACTION_TASK_TIME_LIMIT)
    return Q(extraction_status=Article.ExtractionStatus.EXTRACTING, updated_at__lt=cutoff)


def _extraction_failed(article_id: int, message: str, *, code: str, params: dict[str, Any]) -> None:
    """``message`` is the English detail (admin, logs); the page shows ``code`` put into words (claims.labels)."""
    Article.objects.filter(pk=article_id).update(
        extraction_status=Article.ExtractionStatus.FAILED,
        extraction_error=message[:2000],
        extraction_error_code=code,
        extraction_error_params=params,
        updated_at=timezone.now(),
    )


_CLAIM_FIELDS = [
    "text",
    "order",
    "score",
    "checkworthy",
    "kind",
    "reasons",
    "facts",
    "needs_context",
    "context",
    "spans",
    "sentence_start",
    "sentence_end",
]


@transaction.atomic
def _store_claims(*, article: Article, language: str, extracted: list[dict[str, Any]]) -> None:
    # Bulk writes: a 2 MB article yields tens of thousands of claims.
    # all_objects: a soft-deleted claim keeps its span (unique per article) and must not be created again.
    existing = {(c.start, c.end): c for c in Claim.all_objects.select_for_update().filter(article=article)}
    seen: set[tuple[int, int]] = set()
    to_create: list[Claim] = []
    to_update: list[Claim] = []
    for order, item in enumerate(extracted):
        key = (int(item["start"]), int(item["end"]))
        if key in seen:
            continue
        seen.add(key)
        fields = {
            "text": item["text"],
            "order": order,
            "score": max(0.0, min(1.0, float(item.get("score", 0.0)))),
            "checkworthy": bool(item.get("checkworthy", True)),
            "kind": item.get("kind") if item.get("kind") in Claim.Kind.values else Claim.Kind.OTHER,
            "reasons": list(item.get("reasons", [])),
            "facts": {k: item.get(k) for k in ("entities", "dates", "numbers", "attribution")},
            "needs_context": bool(item.get("needs_context", False)),
            "context": item.get("context") or "",
            "spans": [[int(a), int(b)] for a, b in item.get("spans") or [key]],
            "sentence_start": int((item.get("sentence") or key)[0]),
            "sentence_end": int((item.get("sentence") or key)[1]),
        }
        claim = existing.get(key)
        if claim is not None and (claim.added_by_id or claim.edited_at):
            continue  # a reviewer's wording wins over the extractor's
        if claim is None:
            to_create.append(Claim(article=article, start=key[0], end=key[1], **fields))
        else:
            for name, value in fields.items():
                setattr(claim, name, value)
            claim.updated_at = timezone.now()
            to_update.append(claim)
    Claim.objects.bulk_create(to_create, batch_size=1000)
    Claim.objects.bulk_update(to_update, [*_CLAIM_FIELDS, "updated_at"], batch_size=1000)
    gone = [claim.pk for key, claim in existing.items() if key not in seen]
    # Claims a reviewer has worked on stay, even when the new extraction no longer finds them.
    # (`evidence` is the reverse name of the evidence link, so this app needs no import of the app owning it.)
    Claim.objects.filter(
        pk__in=gone, status=Claim.Status.NEW, assignee__isnull=True, added_by__isnull=True, edited_at__isnull=True
    ).exclude(evidence__isnull=False).exclude(Exists(Verdict.all_objects.filter(claim=OuterRef("pk")))).delete()
    Article.objects.filter(pk=article.pk).update(
        extraction_status=Article.ExtractionStatus.READY,
        extraction_error="",
        extraction_error_code="",
        extraction_error_params={},
        extracted_at=timezone.now(),
        language=article.language or language,
    )
    emit_event(
        "article.extracted",
        {"article_id": article.pk, "claim_count": Claim.objects.filter(article=article).count()},
    )


def articles_reenqueue_stuck(*, older_than: timedelta) -> int:
    """Re-enqueue articles left pending (lost message, broker down) or stuck extracting."""
    now = timezone.now()
    cutoff = now - older_than
    ids = list(
        Article.objects.filter(
            Q(extraction_status=Article.ExtractionStatus.PENDING, extraction_requested_at__lt=cutoff)
            | Q(extraction_status=Article.ExtractionStatus.PENDING, extraction_requested_at__isnull=True)
            | _extraction_lease_expired(now)
        )
        .exclude(body="")  # an article still being imported from its link has no text to extract yet
        .values_list("pk", flat=True)[:500]
    )
    for article_id in ids:
        enqueue(EXTRACT_ARTICLE_TASK, article_id)
    return len(ids)


# The whole review workflow. Plain status changes (claim_set_status) may make only the
# moves the policy allows them; the others are the publishing app's workflow actions.
_TRANSITIONS: dict[str, set[str]] = {
    Claim.Status.NEW: {Claim.Status.IN_REVIEW, Claim.Status.DISMISSED},
    Claim.Status.IN_REVIEW: {Claim.Status.NEEDS_SECOND_REVIEW, Claim.Status.DISMISSED},
    Claim.Status.NEEDS_SECOND_REVIEW: {Claim.Status.IN_REVIEW, Claim.Status.READY, Claim.Status.DISMISSED},
    Claim.Status.READY: {Claim.Status.IN_REVIEW, Claim.Status.PUBLISHED, Claim.Status.DISMISSED},
    Claim.Status.PUBLISHED: set(),
    Claim.Status.DISMISSED: {Claim.Status.NEW},
}


def claim_lock(*, claim: Claim, expected_version: int | None) -> Claim:
    """Lock the claim's row for this transaction; a stale `expected_version` is a conflict."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(_("Someone else changed this claim meanwhile; reload it and try again."))
    return locked


def claim_transition(*, locked: Claim, status: str) -> Claim:
    """Move a locked claim along the workflow and bump its version. Callers asked the policy first."""
    if status != locked.status and status not in _TRANSITIONS.get(locked.status, set()):
        target = Claim.Status(status).label.lower() if status in Claim.Status.values else repr(status)
        raise InvalidTransition(
            _("A claim that is %(current)s cannot become %(target)s.")
            % {"current": locked.get_status_display().lower(), "target": target}
        )
    locked.status = status
    locked.version += 1
    locked.save(update_fields=["status", "version", "updated_at"])
    return locked


@transaction.atomic
def claim_set_status(*, claim: Claim, status: str, user: Any, expected_version: int | None = None) -> Claim:
    """A plain status change (start review, dismiss, reopen), as the review policy allows for `user`.

    Submitting, approving, sending back, publishing and correcting are workflow actions of
    their own (publishing.services); the policy refuses them here (PermissionDenied)."""
    locked = claim_lock(claim=claim, expected_version=expected_version)
    decision = policy.can_set_status(user, locked, status, verdict=current_verdict(claim=locked))
    if not decision.allowed and decision.forbidden:
        raise PermissionDenied(decision.reason)
    if not decision.allowed:
        raise InvalidTransition(decision.reason)
    return claim_transition(locked=locked, status=status)


def current_verdict(*, claim: Claim) -> Verdict | None:
    return claim.verdicts.order_by("-created_at", "-id").first()


@transaction.atomic
def claim_reopen(*, claim: Claim, user: Any, expected_version: int | None = None) -> Claim:
    """Bring a dismissed claim back into the workflow as new; the review policy lets only editors do it."""
    if claim.status != Claim.Status.DISMISSED:
        raise InvalidTransition(_("Only a dismissed claim can be reopened."))
    return claim_set_status(claim=claim, status=Claim.Status.NEW, user=user, expected_version=expected_version)
