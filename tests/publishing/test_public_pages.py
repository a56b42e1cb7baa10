"""Public fact-check pages and feeds: no sign-in, only published content, JSON-LD under the CSP."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from publishing import services
from publishing.claimreview import build_claimreview
from publishing.models import Publication
from tests.factories import default_rating
from tests.publishing.conftest import S, archived_evidence, bring_to, new_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(alice: Any, approver: Any) -> Claim:
    return bring_to(new_claim(), S.PUBLISHED, author=alice, approver=approver)


def test_the_public_page_shows_the_fact_check_without_sign_in(published: Claim) -> None:
    response = Client().get(reverse("publishing:factcheck_detail", args=[published.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        published.text,
        "False",
        "The claim is inaccurate.",  # the scale's explanation (the method)
        "The official report says 10 million euros, not 12.",
        "Le budget de la ville",
        "Le Quotidien",
        "https://quotidien.example/budget",
        "Contradicts",
        "a budget of 10 million euros",
        "Read the archived text",
        Publication.objects.get(claim=published).sources[0]["sha256"],
        "No corrections.",
    ]:
        assert text in html, text


def test_the_page_embeds_the_claimreview_as_a_json_ld_data_block_allowed_by_the_csp(published: Claim) -> None:
    response = Client().get(reverse("publishing:factcheck_detail", args=[published.pk]))
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\ssrc=)([^>]*)>(.*?)</script>", html, re.S)
    assert [attrs.strip() for attrs, _ in inline] == ['type="application/ld+json"']
    assert json.loads(inline[0][1]) == build_claimreview(Publication.objects.get(claim=published))
    script_src = next(p for p in response["Content-Security-Policy"].split(";") if "script-src" in p)
    assert "'unsafe-inline'" not in script_src


def test_a_claim_text_cannot_close_the_json_ld_script(alice: Any, approver: Any) -> None:
    claim = new_claim()
    Claim.objects.filter(pk=claim.pk).update(text="Budget </script><script>alert(1)</script> & more")
    claim = bring_to(Claim.objects.get(pk=claim.pk), S.PUBLISHED, author=alice, approver=approver)
    html = Client().get(reverse("publishing:factcheck_detail", args=[claim.pk])).content.decode()
    assert "<script>alert(1)" not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block and json.loads(block.group(1))["claimReviewed"].startswith("Budget </script>")


def test_unpublished_claims_are_not_public(alice: Any, approver: Any, published: Claim) -> None:
    ready = bring_to(new_claim(title="Secret draft"), S.READY, author=alice, approver=approver)
    client = Client()
    assert client.get(reverse("publishing:factcheck_detail", args=[ready.pk])).status_code == 404
    listing = client.get(reverse("publishing:factcheck_list")).content.decode()
    assert published.text in listing and "Secret draft" not in listing
    assert reverse("publishing:feed") in listing and reverse("publishing:corrections_feed") in listing
    feed = client.get(reverse("publishing:feed")).content.decode()
    assert "Secret draft" not in feed and "False" in feed
    # The reviewer pages and the archive views stay behind sign-in.
    assert client.get(reverse("claims:claim_detail", args=[published.pk])).status_code == 302
    snapshot_id = Publication.objects.get(claim=published).sources[0]["snapshot"]
    assert client.get(reverse("sources:snapshot_text", args=[snapshot_id])).status_code == 302


def test_the_public_archived_text_is_escaped_and_only_for_cited_sources(published: Claim) -> None:
    client = Client()
    response = client.get(reverse("publishing:archived_source", args=[published.pk, 0]))
    assert response.status_code == 200
    assert "10 million euros" in response.content.decode()
    assert client.get(reverse("publishing:archived_source", args=[published.pk, 1])).status_code == 404


def test_a_slug_url_serves_the_same_page(published: Claim) -> None:
    slug = Publication.objects.get(claim=published).slug
    assert slug
    response = Client().get(reverse("publishing:factcheck_detail_slug", args=[published.pk, slug]))
    assert response.status_code == 200


def test_a_correction_is_on_the_page_in_the_feed_and_in_date_modified(published: Claim, carol: Any) -> None:
    evidence = archived_evidence(published, domain="ministry.example", n=1)
    services.claim_correct(
        claim=published,
        user=carol,
        reason="The ministry published the final figure.",
        rating=default_rating("Misleading"),
        summary="The final budget was 11 million euros.",
        evidence=[evidence.pk],
    )
    client = Client()
    html = client.get(reverse("publishing:factcheck_detail", args=[published.pk])).content.decode()
    assert "The ministry published the final figure." in html
    assert "Rating changed from False to Misleading." in html
    assert "The final budget was 11 million euros." in html
    feed = client.get(reverse("publishing:corrections_feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "The ministry published the final figure." in feed.content.decode()
    doc = build_claimreview(Publication.objects.get(claim=published))
    assert doc["dateModified"] and doc["reviewRating"]["alternateName"] == "Misleading"


def test_the_claim_page_links_to_the_public_page_once_published(published: Claim, alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:claim_detail", args=[published.pk])).content.decode()
    assert reverse("publishing:factcheck_detail", args=[published.pk]) in html
    assert "Open the public page" in html
