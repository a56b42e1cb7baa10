"""Services for working an article by hand: add a claim at a selection, edit its text, split, merge, assign.

Kept apart from `services.py` (intake, extraction, workflow) so that neither grows past a screenful of
concerns; the rules are the same: typed, keyword-only, atomic, and every write to an existing claim
checks the version the reviewer saw (`ConflictError` when someone changed it meanwhile).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import Article, Claim
from claims.services import article_request_extraction, claim_set_status, clean_article_body
from factcheck.lib.errors import ConflictError, InvalidTransition
from factcheck.lib.permissions import has_workbench_role
from factcheck.lib.spans import trim_span

_WORD = re.compile(r"\w")


def _locked(claim: Claim, expected_version: int | None) -> Claim:
    locked = Claim.objects.select_for_update().select_related("article").get(pk=claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(_("Someone else changed this claim meanwhile; reload it and try again."))
    return locked


def _squash(text: str) -> str:
    return " ".join(text.split())


def _make_room(article: Article, start: int, end: int) -> int:
    """The `order` a claim at [start, end) takes in text order; later claims move down by one."""
    later = (
        Claim.objects.filter(article=article)
        .filter(Q(start__gt=start) | Q(start=start, end__lt=end))
        .order_by("order")
        .values_list("order", flat=True)
        .first()
    )
    if later is None:
        highest = Claim.objects.filter(article=article).aggregate(top=Max("order"))["top"]
        return 0 if highest is None else highest + 1
    Claim.objects.filter(article=article, order__gte=later).update(order=F("order") + 1)
    return later


def _span_taken(article: Article, start: int, end: int, *, exclude: list[int] | None = None) -> bool:
    # all_objects: a soft-deleted claim keeps its span (unique per article), so it is taken too.
    return Claim.all_objects.filter(article=article, start=start, end=end).exclude(pk__in=exclude or []).exists()


@transaction.atomic
def claim_add(*, article: Article, start: int, end: int, added_by: User, text: str = "") -> Claim:
    """Add a claim the extractor missed at exactly [start, end) of the article body.

    `text` is what the reviewer selected; when it does not match the span (the page was stale) the
    words are looked up in the body instead, and refused when they are not there.
    """
    body = Article.objects.select_for_update().get(pk=article.pk).body
    if not (0 <= start < end <= len(body)) or (text and _squash(body[start:end]) != _squash(text)):
        found = body.find(text.strip()) if text.strip() else -1
        if found < 0:
            raise ValidationError({"text": _("These words are not in the article; select them in the text again.")})
        start, end = found, found + len(text.strip())
    start, end = trim_span(body, start, end)
    if not _WORD.search(body[start:end]):
        raise ValidationError({"text": _("Select at least one word of the article.")})
    if _span_taken(article, start, end):
        raise ValidationError({"text": _("This passage is already a claim.")})
    claim = Claim(
        article=article,
        text=body[start:end],
        start=start,
        end=end,
        spans=[[start, end]],
        order=_make_room(article, start, end),
        score=0.0,
        checkworthy=True,
        added_by=added_by,
    )
    claim.save()
    return claim


def _nearest(body: str, text: str, near: int) -> int | None:
    """Offset of the occurrence of `text` in `body` closest to `near`, or None."""
    best: int | None = None
    position = body.find(text)
    while position >= 0:
        if best is None or abs(position - near) < abs(best - near):
            best = position
        position = body.find(text, position + 1)
    return best


@transaction.atomic
def claim_edit_text(*, claim: Claim, text: str, edited_by: User, expected_version: int | None) -> Claim:
    """Change a claim's wording. The span stays, or moves to where these exact words are in the article."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("The claim text is empty.")})
    locked = _locked(claim, expected_version)
    body = locked.article.body
    span_fields: list[str] = []
    if body[locked.start : locked.end] != text:
        found = _nearest(body, text, locked.start)
        if found is not None and not _span_taken(locked.article, found, found + len(text), exclude=[locked.pk]):
            span_fields = _reshape(locked, found, found + len(text))
    locked.text = text
    locked.edited_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["text", *span_fields, "edited_at", "version", "updated_at"])
    return locked


def _reshape(claim: Claim, start: int, end: int) -> list[str]:
    """A reviewer's edit makes the claim one span [start, end); its sentence widens to hold it.

    Returns the fields changed, for ``save(update_fields=…)``.
    """
    claim.start, claim.end = start, end
    claim.spans = [[start, end]]
    if claim.sentence_start is not None and claim.sentence_end is not None:
        claim.sentence_start = min(claim.sentence_start, start)
        claim.sentence_end = max(claim.sentence_end, end)
    return ["start", "end", "spans", "sentence_start", "sentence_end"]


def split_points(claim: Claim) -> list[int]:
    """Offsets in the article body where the claim can be split: after each word but the last."""
    body = claim.article.body
    points = []
    for match in re.finditer(r"\s+", body[claim.start : claim.end]):
        at = claim.start + match.start()
        if _WORD.search(body[claim.start : at]) and _WORD.search(body[at : claim.end]):
            points.append(at)
    return points


@transaction.atomic
def claim_split(*, claim: Claim, at: int, split_by: User, expected_version: int | None) -> tuple[Claim, Claim]:
    """Split a claim at offset `at` of the article body into two claims.

    The first part keeps the claim's evidence, verdicts and status; the second is a new claim.
    """
    locked = _locked(claim, expected_version)
    body = locked.article.body
    if locked.status == Claim.Status.PUBLISHED:
        raise InvalidTransition(_("A published claim cannot be split; correct it instead."))
    left = trim_span(body, locked.start, at) if locked.start < at < locked.end else (0, 0)
    right = trim_span(body, at, locked.end) if locked.start < at < locked.end else (0, 0)
    if not (_WORD.search(body[left[0] : left[1]]) and _WORD.search(body[right[0] : right[1]])):
        raise ValidationError({"at": _("Choose a point between two words of the claim.")})
    if _span_taken(locked.article, *left, exclude=[locked.pk]) or _span_taken(locked.article, *right):
        raise ValidationError({"at": _("One of the two parts is already a claim.")})
    sentence = (locked.sentence_start, locked.sentence_end)
    span_fields = _reshape(locked, *left)
    locked.text = body[left[0] : left[1]]
    locked.version += 1
    locked.save(update_fields=[*span_fields, "text", "version", "updated_at"])
    second = Claim(
        article=locked.article,
        text=body[right[0] : right[1]],
        start=right[0],
        end=right[1],
        spans=[list(right)],
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        order=_make_room(locked.article, *right),
        score=locked.score,
        checkworthy=locked.checkworthy,
        kind=locked.kind,
        assignee=locked.assignee,
        added_by=split_by,
    )
    second.save()
    return locked, second


def claim_next(claim: Claim) -> Claim | None:
    """The claim after this one in the article's order (used for 'merge with the next claim')."""
    return (
        Claim.objects.filter(article_id=claim.article_id)
        .filter(Q(order__gt=claim.order) | Q(order=claim.order, start__gt=claim.start))
        .order_by("order", "start")
        .first()
    )


@transaction.atomic
def claim_merge(
    *, first: Claim, second: Claim, merged_by: User, expected_versions: tuple[int, int] | None = None
) -> Claim:
    """Merge two adjacent claims of one article into the first; the second's evidence and verdicts move over."""
    a = _locked(first, expected_versions[0] if expected_versions else None)
    b = _locked(second, expected_versions[1] if expected_versions else None)
    if a.article_id != b.article_id or a.pk == b.pk:
        raise ValidationError({"second": _("Only two claims of the same article can be merged.")})
    if b.start < a.start:
        a, b = b, a
    if a.end > b.start:
        raise ValidationError({"second": _("These claims overlap; edit the text instead.")})
    between = Claim.objects.filter(article_id=a.article_id, start__gte=a.end, end__lte=b.start)
    if between.exclude(pk__in=[a.pk, b.pk]).exists():
        raise ValidationError({"second": _("Only adjacent claims can be merged.")})
    if Claim.Status.PUBLISHED in {a.status, b.status}:
        raise InvalidTransition(_("A published claim cannot be merged; correct it instead."))
    if _span_taken(a.article, a.start, b.end, exclude=[a.pk, b.pk]):
        raise ValidationError({"second": _("The merged passage is already a claim.")})
    # Related rows move through the reverse relations, so claims never imports the sources app.
    b.verdicts.update(claim=a)
    getattr(b, "evidence").update(claim=a)  # noqa: B009 - the relation is declared by the sources app
    end = b.end
    assignee = a.assignee or b.assignee
    b.delete()
    span_fields = _reshape(a, a.start, end)
    a.text = a.article.body[a.start : a.end]
    a.assignee = assignee
    a.checkworthy = a.checkworthy or b.checkworthy
    a.version += 1
    a.save(update_fields=[*span_fields, "text", "assignee", "checkworthy", "version", "updated_at"])
    return a


@transaction.atomic
def claim_assign(*, claim: Claim, assignee: User | None, assigned_by: User, expected_version: int | None) -> Claim:
    """Give the claim to a reviewer (or to nobody). Only workbench members can be assignees."""
    if assignee is not None and not has_workbench_role(assignee):
        raise ValidationError({"assignee": _("This person has no reviewer, editor or admin role.")})
    locked = _locked(claim, expected_version)
    locked.assignee = assignee
    locked.version += 1
    locked.save(update_fields=["assignee", "version", "updated_at"])
    return locked


@transaction.atomic
def article_fill_from_import(
    *,
    article: Article,
    body: str,
    title: str = "",
    language: str = "",
    outlet: str = "",
    published_on: date | None = None,
) -> Article:
    """Give an article imported from its link the text the worker fetched, then extract its claims.

    Only empty fields are filled: what the reviewer typed in the form wins over the page's metadata.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    locked.body = clean_article_body(body)
    if title.strip() and (not locked.title or locked.title == locked.url):
        locked.title = title.strip()[:500]
    locked.language = locked.language or language.strip().lower()[:16]
    locked.outlet = locked.outlet or outlet.strip()[:200]
    locked.published_on = locked.published_on or published_on
    locked.save(update_fields=["body", "title", "language", "outlet", "published_on", "updated_at"])
    return article_request_extraction(article=locked)


@transaction.atomic
def article_start_import(
    *,
    url: str,
    created_by: User | None,
    title: str = "",
    language: str = "",
    outlet: str = "",
    published_on: date | None = None,
) -> Article:
    """An article whose text a worker is about to fetch from `url`: no text yet, so nothing to extract yet."""
    article = Article(
        title=(title.strip() or url.strip())[:500],
        body="",
        url=url.strip()[:2048],
        language=language.strip().lower()[:16],
        outlet=outlet.strip()[:200],
        published_on=published_on,
        created_by=created_by if created_by is not None and created_by.is_authenticated else None,
    )
    article.save()
    return article


def article_touch(*, article_id: int) -> None:
    """Mark the article changed so that open pages (which poll a version token) show the news."""
    Article.objects.filter(pk=article_id).update(updated_at=timezone.now())


UNSET: Any = object()


@transaction.atomic
def claim_update(
    *,
    claim: Claim,
    user: Any,
    expected_version: int,
    status: str | None = None,
    text: Any = UNSET,
    assignee: Any = UNSET,
) -> Claim:
    """The API's PATCH: text, assignee and status (through the review policy) in one version-checked write."""
    version = expected_version
    if text is not UNSET:
        claim = claim_edit_text(claim=claim, text=text, edited_by=user, expected_version=version)
        version = claim.version
    if assignee is not UNSET:
        claim = claim_assign(claim=claim, assignee=assignee, assigned_by=user, expected_version=version)
        version = claim.version
    if status is not None:
        claim = claim_set_status(claim=claim, status=status, user=user, expected_version=version)
    elif text is UNSET and assignee is UNSET:
        _locked(claim, version)  # nothing to change: still refuse a stale version
    return claim
