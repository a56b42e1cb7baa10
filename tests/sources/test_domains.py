"""Editors' domain ratings and blocks: a blocked domain (or subdomain) is refused everywhere with its reason,
before any socket opens."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from pytest_httpserver import HTTPServer
from rest_framework.test import APIClient

from sources import domains, services
from sources.models import Domain, Evidence, Snapshot
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory

pytestmark = pytest.mark.django_db
REASON = "Publishes fabricated quotes"


@pytest.fixture
def blocked_site(httpserver: HTTPServer, settings: Any) -> HTTPServer:
    settings.FETCH_ALLOWLIST = [f"{httpserver.host}:{httpserver.port}"]
    settings.FETCH_PER_HOST_DELAY = 0
    httpserver.expect_request("/page").respond_with_data("<p>hello</p>", content_type="text/html")
    domains.domain_set(domain=httpserver.host, blocked=True, blocked_reason=REASON)
    return httpserver


def test_subdomains_inherit_the_most_specific_rule() -> None:
    domains.domain_set(domain="example.org", rating=Domain.Rating.RELIABLE)
    domains.domain_set(domain="blog.example.org", rating=Domain.Rating.SATIRE)
    assert domains.rating_for("www.example.org") == "reliable"
    assert domains.rating_for("a.blog.example.org") == "satire"
    assert domains.rating_for("example.com") == ""
    domains.domain_set(domain="https://www.bad.example/x", blocked=True, blocked_reason=REASON)
    assert domains.is_blocked("news.bad.example") and not domains.is_blocked("notbad.example")


def test_a_block_needs_a_reason() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        domains.domain_set(domain="bad.example", blocked=True)


def test_the_evidence_form_refuses_a_blocked_domain_with_the_reason(blocked_site: HTTPServer, alice: Any) -> None:
    claim = ClaimFactory()
    client = Client()
    client.force_login(alice)
    response = client.post(
        reverse("sources:claim_attach_evidence", args=[claim.pk]),
        {"url": blocked_site.url_for("/page"), "stance": "supports", "quote": "", "note": ""},
    )
    assert response.status_code == 400
    assert REASON in response.content.decode()
    assert not Evidence.objects.filter(claim=claim).exists()
    assert len(blocked_site.log) == 0


def test_the_api_refuses_a_blocked_domain_with_the_reason(blocked_site: HTTPServer, alice: Any) -> None:
    claim = ClaimFactory()
    client = APIClient()
    client.force_authenticate(alice)
    response = client.post(
        reverse("api-claim-evidence", args=[claim.pk]),
        {"url": blocked_site.url_for("/page"), "stance": "supports"},
        format="json",
    )
    assert response.status_code == 400
    assert REASON in str(response.json()["errors"]["url"])
    assert len(blocked_site.log) == 0


def test_archive_url_refuses_a_blocked_domain(blocked_site: HTTPServer) -> None:
    with pytest.raises(CommandError, match=REASON):
        call_command("archive_url", blocked_site.url_for("/page"), stdout=StringIO())
    assert len(blocked_site.log) == 0


def test_a_capture_of_a_source_blocked_after_it_was_cited_fetches_nothing(blocked_site: HTTPServer) -> None:
    source = SourceFactory(url=blocked_site.url_for("/page"), canonical_url=blocked_site.url_for("/page"))
    snapshot = Snapshot.objects.create(source=source)  # queued before the block
    done = services.snapshot_archive(snapshot_id=snapshot.pk)
    assert done is not None and done.status == Snapshot.Status.FAILED
    assert REASON in done.error_message
    assert len(blocked_site.log) == 0


def test_a_redirect_to_a_blocked_domain_is_refused_on_that_hop(settings: Any) -> None:
    good, bad = HTTPServer(host="127.0.0.1"), HTTPServer(host="localhost")
    good.start()
    bad.start()
    try:
        settings.FETCH_ALLOWLIST = [f"127.0.0.1:{good.port}", f"localhost:{bad.port}"]
        settings.FETCH_PER_HOST_DELAY = 0
        bad.expect_request("/landing").respond_with_data("secret", content_type="text/html")
        good.expect_request("/go").respond_with_data(
            "", status=302, headers={"Location": f"http://localhost:{bad.port}/landing"}
        )
        domains.domain_set(domain="localhost", blocked=True, blocked_reason=REASON)
        source = SourceFactory(url=good.url_for("/go"), canonical_url=good.url_for("/go"))
        done = services.snapshot_archive(snapshot_id=Snapshot.objects.create(source=source).pk)
        assert done is not None and done.status == Snapshot.Status.FAILED
        assert REASON in done.error_message
        assert len(good.log) == 1 and len(bad.log) == 0
        assert done.redirect_chain[-1]["blocked"].endswith(REASON)
    finally:
        good.stop()
        bad.stop()


def test_the_rating_is_shown_on_the_evidence_and_in_the_api(alice: Any) -> None:
    domains.domain_set(domain="news.example", rating=Domain.Rating.UNRELIABLE, note="Often wrong")
    evidence = EvidenceFactory()
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:claim_detail", args=[evidence.claim_id])).content.decode()
    assert "Source: Unreliable" in html
    api = APIClient()
    api.force_authenticate(alice)
    data = api.get(reverse("api-claim-evidence", args=[evidence.claim_id])).json()["results"]
    assert data[0]["source"]["reliability"] == "unreliable"
