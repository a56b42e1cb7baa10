"""Reviewer views of archived snapshots.

Archived pages are hostile content: they are never rendered as HTML from this origin. Reviewers read the extracted
text (escaped, quotes highlighted); the raw payload and the WARC are downloads with a `sandbox` CSP and nosniff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims.views import get_claim, render_claim_page
from factcheck.lib.errors import InvalidTransition
from factcheck.lib.forms import add_service_errors
from factcheck.lib.permissions import role_required
from sources import imports, selectors, services
from sources.archiving.warc import read_payload
from sources.forms import EvidenceForm
from sources.models import ArticleImport, Evidence, Snapshot, Source

DOWNLOAD_CSP = "sandbox"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass
class Segment:
    text: str
    mark: bool = False


def _protect(response: HttpResponseBase, filename: str) -> HttpResponseBase:
    response["Content-Disposition"] = f'attachment; filename="{_SAFE_NAME.sub("_", filename)}"'
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _ranges(snapshot: Snapshot, evidence: list[Any]) -> list[tuple[int, int]]:
    """Character ranges of the anchored quotes in this snapshot's text, merged."""
    text = snapshot.extracted_text
    found: list[tuple[int, int]] = []
    for item in evidence:
        if item.anchor_snapshot_id != snapshot.pk:
            continue
        for selector in item.selectors or []:
            if selector.get("type") == "TextPositionSelector":
                start, end = int(selector.get("start", 0)), int(selector.get("end", 0))
                if 0 <= start < end <= len(text):
                    found.append((start, end))
                break
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, ranges: list[tuple[int, int]]) -> list[Segment]:
    segments: list[Segment] = []
    position = 0
    for start, end in ranges:
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], mark=True))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


@require_GET
@role_required
def snapshot_text(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot.objects.select_related("source"), pk=snapshot_id)
    evidence = list(selectors.source_evidence(source=snapshot.source))
    wanted = request.GET.get("evidence", "")
    if wanted.isdigit():
        evidence = [item for item in evidence if item.pk == int(wanted)]
    for item in evidence:
        item.snapshot_suggestions = [  # type: ignore[attr-defined]
            s for s in item.suggestions or [] if s.get("snapshot") == snapshot.pk
        ]
    context = {
        "snapshot": snapshot,
        "source": snapshot.source,
        "evidence": evidence,
        "segments": highlight(snapshot.extracted_text, _ranges(snapshot, evidence)),
        "has_raw": bool(snapshot.warc_file),
        "snapshots": selectors.source_snapshots(source=snapshot.source)[:20],
    }
    return render(request, "sources/snapshot_text.html", context)


def _local_warc_path(snapshot: Snapshot) -> Path:
    if not snapshot.warc_file:
        raise Http404(_("This capture has no archive file."))
    try:
        return Path(snapshot.warc_file.path)
    except NotImplementedError as exc:  # remote storage: not served through the app
        raise Http404(_("The archive file is not on local storage.")) from exc


@require_GET
@role_required
def snapshot_raw(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, pk=snapshot_id)
    try:
        _headers, body = read_payload(_local_warc_path(snapshot))
    except (OSError, ValueError) as exc:
        raise Http404(_("The archived response could not be read.")) from exc
    response = HttpResponse(body, content_type="application/octet-stream")
    _protect(response, f"snapshot-{snapshot.pk}-raw.bin")
    return response


@require_GET
@role_required
def snapshot_warc(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    snapshot = get_object_or_404(Snapshot, pk=snapshot_id)
    path = _local_warc_path(snapshot)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    except OSError as exc:
        raise Http404(_("The archive file is missing.")) from exc
    response = FileResponse(handle, content_type="application/octet-stream")
    _protect(response, f"snapshot-{snapshot.pk}.warc.gz")
    return cast(HttpResponse, response)  # streamed; role_required is typed for plain responses


def _may_request_captures(request: HttpRequest) -> None:
    if not request.user.has_perm("sources.add_snapshot"):
        raise PermissionDenied(_("Your role cannot request archiving."))


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def _snapshot_status_or_back(request: HttpRequest, snapshot: Snapshot) -> HttpResponse:
    """htmx swaps in the snapshot's new status; a plain form goes back (or to the snapshot's text)."""
    if getattr(request, "htmx", False):
        return render(request, "sources/_snapshot_status.html", {"snapshot": snapshot})
    return _back(request, reverse("sources:snapshot_text", args=[snapshot.pk]))


@require_POST
@role_required
def snapshot_retry(request: HttpRequest, snapshot_id: int) -> HttpResponse:
    _may_request_captures(request)
    snapshot = get_object_or_404(Snapshot.objects.select_related("source"), pk=snapshot_id)
    try:
        snapshot = services.snapshot_retry(snapshot=snapshot)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Archiving was queued again."))
    return _snapshot_status_or_back(request, snapshot)


@require_POST
@role_required
def source_rearchive(request: HttpRequest, source_id: int) -> HttpResponse:
    _may_request_captures(request)
    source = get_object_or_404(Source, pk=source_id)
    snapshot = services.source_rearchive(source=source)
    messages.success(request, _("A new capture of this source was queued."))
    return _snapshot_status_or_back(request, snapshot)


@require_POST
@role_required
def claim_attach_evidence(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_claim(claim_id)
    form = EvidenceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_attach(
                claim=claim,
                url=data["url"],
                stance=data["stance"],
                quote=data["quote"],
                note=data["note"],
                added_by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Source attached. It is being archived."))
            return redirect(reverse("claims:claim_detail", args=[claim.pk]) + "#evidence")
    return render_claim_page(request, claim, status=400, evidence_form=form)


@require_GET
@role_required
def claim_evidence(request: HttpRequest, claim_id: int) -> HttpResponse:
    """The claim page's evidence list alone: htmx polls it while a capture is under way."""
    return render(request, "sources/claim_evidence.html", {"claim": get_claim(claim_id)})


@require_POST
@role_required
def article_import_retry(request: HttpRequest, import_id: int) -> HttpResponse:
    job = get_object_or_404(ArticleImport, pk=import_id)
    try:
        imports.article_import_retry(job=job)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The page is being fetched again."))
    return redirect("claims:article_detail", job.article_id)


@require_POST
@role_required
def evidence_edit(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence, pk=evidence_id)
    try:
        services.evidence_update(
            evidence=evidence,
            user=request.user,
            stance=request.POST.get("stance", ""),
            quote=request.POST.get("quote", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Source updated."))
    return redirect(reverse("claims:claim_detail", args=[evidence.claim_id]) + "#evidence")


@require_POST
@role_required
def evidence_remove(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence, pk=evidence_id)
    services.evidence_remove(evidence=evidence, user=request.user)
    messages.success(request, _("Source removed from the claim."))
    return redirect(reverse("claims:claim_detail", args=[evidence.claim_id]) + "#evidence")
