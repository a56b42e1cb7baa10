"""Public pages: no sign-in, only published (frozen) fact-checks, nothing else.

The ClaimReview is embedded as a `<script type="application/ld+json">` data block: a browser
never executes it, so the CSP (`script-src 'self'`, no 'unsafe-inline') stays as it is."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from publishing import selectors
from publishing.claimreview import build_claimreview
from publishing.models import Publication
from sources.models import Snapshot

# The same escapes as Django's json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld(document: dict[str, Any]) -> SafeString:
    return mark_safe(json.dumps(document, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES))  # noqa: S308


def _when(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _publication(claim_id: int) -> Publication:
    publication = selectors.publication_for(claim_id=claim_id)
    if publication is None:
        raise Http404("No published fact-check here.")
    return publication


@require_GET
def factcheck_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published(), 20).get_page(request.GET.get("page"))
    return render(request, "publishing/factcheck_list.html", {"page": page})


@require_GET
def factcheck_detail(request: HttpRequest, claim_id: int, slug: str = "") -> HttpResponse:
    publication = _publication(claim_id)
    context = {
        "publication": publication,
        "corrections": publication.corrections.order_by("-created_at", "-id"),
        "sources": [
            {**item, "index": i, "captured": _when(item.get("captured_at", ""))}
            for i, item in enumerate(publication.sources)
        ],
        "jsonld": jsonld(build_claimreview(publication)),
    }
    return render(request, "publishing/factcheck_detail.html", context)


@require_GET
def archived_source(request: HttpRequest, claim_id: int, index: int) -> HttpResponse:
    """The extracted text of an archived page cited by a published fact-check (escaped, never live HTML)."""
    publication = _publication(claim_id)
    if index >= len(publication.sources) or not publication.sources[index].get("snapshot"):
        raise Http404("No archived copy of this source.")
    item = publication.sources[index]
    snapshot = Snapshot.objects.filter(pk=item["snapshot"], status=Snapshot.Status.ARCHIVED).first()
    if snapshot is None:
        raise Http404("No archived copy of this source.")
    context = {"publication": publication, "item": item, "snapshot": snapshot}
    return render(request, "publishing/archived_source.html", context)
