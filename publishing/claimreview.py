"""schema.org ClaimReview for a publication, and a structural check of the document.

The check runs at publication time without any vocabulary file: it knows the properties
Google's fact-check documentation requires (claimReviewed, reviewRating.alternateName,
url) and recommends. The test suite checks every term against the schema.org vocabulary
and expands the document with pyld."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from publishing.models import Publication


def public_url(claim_id: int) -> str:
    """The fact-check's canonical public address, absolute from PUBLIC_BASE_URL."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("publishing:factcheck_detail", args=[claim_id])


def _organization(name: str, url: str = "") -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        org["url"] = url
    return org


def _rating(publication: Publication) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    numeric = publication.best_rating is not None and publication.worst_rating is not None
    if numeric and publication.worst_rating <= publication.rating_value <= publication.best_rating:  # type: ignore[operator]
        rating.update(
            ratingValue=publication.rating_value,
            bestRating=publication.best_rating,
            worstRating=publication.worst_rating,
        )
    rating["alternateName"] = publication.rating_label
    rating["ratingExplanation"] = publication.summary
    return rating


def _item_reviewed(publication: Publication) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim"}
    if publication.speaker:
        claim["author"] = {"@type": "Person", "name": publication.speaker}
    elif publication.outlet:
        claim["author"] = _organization(publication.outlet)
    if publication.article_date:
        claim["datePublished"] = publication.article_date.isoformat()
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": publication.article_title}
    if publication.article_url:
        appearance["url"] = publication.article_url
    if publication.article_date:
        appearance["datePublished"] = publication.article_date.isoformat()
    if publication.outlet:
        appearance["publisher"] = _organization(publication.outlet)
    claim["appearance"] = appearance
    return claim


def build_claimreview(publication: Publication) -> dict[str, Any]:
    """The ClaimReview JSON-LD document of a (possibly not yet saved) publication."""
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(publication.claim_id),
        "claimReviewed": publication.claim_text,
        "datePublished": publication.published_at.date().isoformat(),
    }
    modified = [d for d in (publication.modified_at, _withdrawn_at(publication)) if d is not None]
    if modified:
        doc["dateModified"] = max(modified).date().isoformat()
    doc["author"] = _organization(settings.ORGANIZATION_NAME, settings.ORGANIZATION_URL)
    doc["reviewRating"] = _rating(publication)
    doc["itemReviewed"] = _item_reviewed(publication)
    if publication.language:
        doc["inLanguage"] = publication.language
    doc.update(_withdrawal(publication))
    return doc


def _withdrawn_at(publication: Publication) -> Any:
    return publication.claim.withdrawn_at if publication.claim_id else None


def _withdrawal(publication: Publication) -> dict[str, Any]:
    """A withdrawn fact-check says so (schema.org's lifecycle status) with the editors' public note."""
    withdrawn_at = _withdrawn_at(publication)
    if withdrawn_at is None:
        return {}
    note = {
        "@type": "CorrectionComment",
        "text": publication.claim.withdrawal_note,
        "datePublished": withdrawn_at.date().isoformat(),
    }
    return {"creativeWorkStatus": "Withdrawn", "correction": note}


def _absolute_http(url: Any) -> bool:
    parts = urlsplit(url) if isinstance(url, str) else None
    return bool(parts and parts.scheme in {"http", "https"} and parts.netloc)


def _get(doc: dict[str, Any], path: str) -> Any:
    value: Any = doc
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


REQUIRED = ["claimReviewed", "reviewRating.alternateName", "url"]
RECOMMENDED = [
    "author.name",
    "datePublished",
    "itemReviewed.author.name",
    "itemReviewed.datePublished",
    "itemReviewed.appearance",
    "reviewRating.ratingValue",
    "reviewRating.bestRating",
    "reviewRating.worstRating",
]


def problems(doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(errors, warnings): missing required / recommended properties and inconsistent values."""
    errors = [_("Required property %(name)s is missing.") % {"name": p} for p in REQUIRED if not _get(doc, p)]
    if doc.get("@type") != "ClaimReview" or doc.get("@context") != "https://schema.org":
        errors.append(_("The document is not a schema.org ClaimReview."))
    if doc.get("url") and not _absolute_http(doc["url"]):
        errors.append(_("The url %(url)s is not absolute; set PUBLIC_BASE_URL.") % {"url": doc["url"]})
    appearance_url = _get(doc, "itemReviewed.appearance.url")
    if appearance_url and not _absolute_http(appearance_url):
        errors.append(_("The article's URL is not an absolute http(s) address."))
    rating = doc.get("reviewRating") or {}
    if "ratingValue" in rating and not (rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]):
        errors.append(_("The rating value is outside the scale."))
    warnings = [_("Recommended property %(name)s is missing.") % {"name": p} for p in RECOMMENDED if not _get(doc, p)]
    return errors, warnings
