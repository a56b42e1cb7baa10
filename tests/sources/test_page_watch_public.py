"""The page watch changes nothing public until an editor decides: a fact-check published through the workflow
cites a page on a local server; the page changes and the watch runs. The editors see it (queues, the claim page
notice with the diff) while the public page, its archived copy, the feed and the ClaimReview stay byte for byte
the same; marking the change reviewed keeps them so, and only a correction changes the public page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_httpserver import HTTPServer

from claims.models import Claim
from publishing import services as publishing
from sources import services, watch
from sources.models import Evidence, PageChange
from tests.factories import UserFactory, default_rating
from tests.publishing.conftest import S, bring_to, new_claim
from tests.sources.test_page_watch import ORIGINAL, QUOTE, serve

pytestmark = pytest.mark.django_db

CHANGED = "The council approved a budget of 10 million euros after a four-hour debate."


def public_bytes(claim_id: int) -> dict[str, bytes]:
    """Everything a reader or a search engine gets about the fact-check, as served."""
    anonymous = Client()
    urls = {
        "page": reverse("publishing:factcheck_detail", args=[claim_id]),
        "archived copy": reverse("publishing:archived_source", args=[claim_id, 0]),
        "feed": reverse("publishing:feed"),
        "claimreview": f"/api/v1/claims/{claim_id}/claimreview/",
    }
    served = {name: anonymous.get(url) for name, url in urls.items()}
    assert {name: r.status_code for name, r in served.items()} == dict.fromkeys(urls, 200)
    return {name: r.content for name, r in served.items()}


@pytest.fixture(autouse=True)
def _same_csrf_mask(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language switch's CSRF token is masked afresh on every response (BREACH); a fixed mask lets the
    comparison stay byte for byte over the whole page rather than skip that input."""
    monkeypatch.setattr("django.middleware.csrf._get_new_csrf_string", lambda: "m" * 32)


@pytest.fixture
def editor(db: None) -> Any:
    return UserFactory(username="erin", role="editor", is_staff=True)


@pytest.fixture
def fact_check(site: HTTPServer, alice: Any, editor: Any) -> Claim:
    """Published through the workflow, citing the local page with the quote found in its first capture."""
    serve(site, ORIGINAL)
    claim = new_claim()
    evidence = services.evidence_attach(
        claim=claim, url=site.url_for("/budget"), stance="supports", quote=QUOTE, added_by=alice
    )
    services.snapshot_archive(snapshot_id=evidence.source.snapshots.get().pk)
    assert Evidence.objects.get(pk=evidence.pk).anchor_status == Evidence.AnchorStatus.FOUND
    return bring_to(claim, S.PUBLISHED, author=alice, approver=editor)


def test_the_watch_flags_for_editors_and_the_public_page_waits_for_their_decision(
    site: HTTPServer, fact_check: Claim, alice: Any, editor: Any
) -> None:
    before = public_bytes(fact_check.pk)
    assert QUOTE.encode() in before["page"]
    serve(site, CHANGED)
    [change] = watch.watch_source(source_id=fact_check.evidence.get().source_id)

    # The editors see it: both queues and the notice on the claim page with the changed passage.
    desk = Client()
    desk.force_login(editor)
    flagged = desk.get("/admin/claims/claim/?queue=flagged").content.decode()
    assert reverse("admin:claims_claim_change", args=[fact_check.pk]) in flagged
    open_changes = desk.get("/admin/sources/pagechange/?state=open").content.decode()
    assert reverse("admin:sources_pagechange_change", args=[change.pk]) in open_changes
    reviewer = Client()
    reviewer.force_login(alice)
    claim_page = reviewer.get(reverse("claims:claim_detail", args=[fact_check.pk])).content.decode()
    assert "A cited page changed" in claim_page and "10 million" in claim_page and "12 million" in claim_page

    # Nothing public moved.
    assert public_bytes(fact_check.pk) == before

    # The editor marks it reviewed in the admin: the notice goes, the public page still has not moved.
    response = desk.post(
        "/admin/sources/pagechange/", {"action": "mark_reviewed", "_selected_action": [change.pk]}, follow=True
    )
    assert response.status_code == 200
    assert PageChange.objects.get(pk=change.pk).reviewed_by == editor
    assert (
        "A cited page changed"
        not in reviewer.get(reverse("claims:claim_detail", args=[fact_check.pk])).content.decode()
    )
    assert public_bytes(fact_check.pk) == before


def test_only_a_correction_changes_the_public_page(site: HTTPServer, fact_check: Claim, editor: Any) -> None:
    before = public_bytes(fact_check.pk)
    serve(site, CHANGED)
    watch.watch_source(source_id=fact_check.evidence.get().source_id)
    assert public_bytes(fact_check.pk) == before

    fact_check.refresh_from_db()
    publishing.claim_correct(
        claim=fact_check,
        user=editor,
        reason="The council page now says 10 million euros.",
        rating=default_rating("Misleading"),
        summary="The council revised the figure to 10 million euros.",
        evidence=[e.pk for e in fact_check.evidence.all()],
        expected_version=fact_check.version,
    )
    after = public_bytes(fact_check.pk)
    assert after["page"] != before["page"] and after["claimreview"] != before["claimreview"]
    assert b"revised the figure to 10 million euros" in after["page"]
    assert "The council page now says 10 million euros." in after["page"].decode()
