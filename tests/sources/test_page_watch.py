"""The page watch: a cited page changes on a local server; the fact-check is flagged with the changed passage.
An unchanged page flags nothing, and nothing public changes until an editor decides."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_httpserver import HTTPServer

from claims.models import Claim
from sources import services, watch
from sources.models import Evidence, PageChange, Source
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Budget</title></head><body><article>
<h1>Council budget vote</h1>
<p>The city council met on Tuesday evening in the town hall for a long and heated debate about spending.</p>
<p>{sentence}</p>
<p>Opposition members said the plan cuts library opening hours and raises parking fees by ten per cent.</p>
</article></body></html>"""
ORIGINAL = "The council approved a budget of 12 million euros after a four-hour debate."
QUOTE = "approved a budget of 12 million euros"


@pytest.fixture
def site(httpserver: HTTPServer, settings: Any) -> HTTPServer:
    settings.FETCH_ALLOWLIST = [f"{httpserver.host}:{httpserver.port}"]
    settings.FETCH_PER_HOST_DELAY = 0
    return httpserver


def serve(site: HTTPServer, sentence: str | None, status: int = 200) -> None:
    site.clear()
    body = PAGE.format(sentence=sentence) if sentence is not None else "gone"
    site.expect_request("/budget").respond_with_data(body, status=status, content_type="text/html; charset=utf-8")


@pytest.fixture
def published(site: HTTPServer, alice: Any) -> Evidence:
    """A published fact-check citing the page, its quote found in the first capture."""
    serve(site, ORIGINAL)
    claim = ClaimFactory()
    evidence = services.evidence_attach(
        claim=claim, url=site.url_for("/budget"), stance="supports", quote=QUOTE, added_by=alice
    )
    snapshot = evidence.source.snapshots.get()
    services.snapshot_archive(snapshot_id=snapshot.pk)
    evidence.refresh_from_db()
    assert evidence.anchor_status == Evidence.AnchorStatus.FOUND
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.PUBLISHED)
    return evidence


def test_a_changed_figure_flags_the_fact_check_with_a_readable_diff(site: HTTPServer, published: Evidence) -> None:
    serve(site, "The council approved a budget of 10 million euros after a four-hour debate.")
    [change] = watch.watch_source(source_id=published.source_id)
    assert change.kind == PageChange.Kind.CHANGED
    assert "-" in change.diff and "12 million" in change.diff and "10 million" in change.diff
    claim = Claim.objects.get(pk=published.claim_id)
    assert claim.flagged_at is not None and "Page watch" in claim.flag_reason
    before = Evidence.objects.get(pk=published.pk)
    assert (before.anchor_status, before.anchor_snapshot_id) == ("found", published.anchor_snapshot_id)  # untouched


def test_an_unchanged_page_flags_nothing(site: HTTPServer, published: Evidence) -> None:
    serve(site, ORIGINAL)
    assert watch.watch_source(source_id=published.source_id) == []
    assert Claim.objects.get(pk=published.claim_id).flagged_at is None
    assert len(site.log) == 1  # captured again


def test_a_removed_quote_and_a_gone_page_are_flagged(site: HTTPServer, published: Evidence) -> None:
    serve(site, "The meeting was adjourned without any decision.")
    site.clear()
    site.expect_request("/budget").respond_with_data(
        PAGE.format(sentence="").replace("long and heated", "short"), content_type="text/html"
    )
    [removed] = watch.watch_source(source_id=published.source_id)
    assert removed.kind in (PageChange.Kind.DISAPPEARED, PageChange.Kind.CHANGED)
    serve(site, None, status=404)
    [gone] = watch.watch_source(source_id=published.source_id)
    assert gone.kind == PageChange.Kind.PAGE_GONE


def test_the_same_finding_is_not_recorded_twice(site: HTTPServer, published: Evidence) -> None:
    serve(site, "The council approved a budget of 10 million euros after a four-hour debate.")
    assert len(watch.watch_source(source_id=published.source_id)) == 1
    assert watch.watch_source(source_id=published.source_id) == []


def test_the_claim_page_shows_the_notice_until_an_editor_marks_it_reviewed(
    site: HTTPServer, published: Evidence, alice: Any
) -> None:
    from sources.moderation import page_changes_mark_reviewed
    from tests.factories import UserFactory

    serve(site, "The council approved a budget of 10 million euros after a four-hour debate.")
    [change] = watch.watch_source(source_id=published.source_id)
    client = Client()
    client.force_login(alice)
    url = reverse("claims:claim_detail", args=[published.claim_id])
    html = client.get(url).content.decode()
    assert "A cited page changed" in html and "10 million" in html
    editor = UserFactory(username="erin", role="editor", is_staff=True)
    assert page_changes_mark_reviewed(changes=[change], by=editor) == 1
    assert "A cited page changed" not in client.get(url).content.decode()


def test_the_periodic_task_captures_only_due_sources(
    site: HTTPServer, published: Evidence, django_capture_on_commit_callbacks: Any
) -> None:
    from sources.tasks import watch_cited_pages

    serve(site, "The council approved a budget of 10 million euros after a four-hour debate.")
    with django_capture_on_commit_callbacks(execute=True):
        assert watch_cited_pages.apply().get() == 1
    assert PageChange.objects.filter(evidence=published).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert watch_cited_pages.apply().get() == 0  # watched just now: not due for PAGE_WATCH_DEFAULT_HOURS
    Source.objects.filter(pk=published.source_id).update(
        watch_interval_hours=2, last_watched_at=timezone.now() - timedelta(hours=3)
    )
    assert watch.sources_due() == [published.source_id]


def test_the_diff_shows_a_changed_figure_as_its_whole_sentence() -> None:
    old = "Selon M. Dupont, le budget atteint 12 millions d'euros. Le vote a eu lieu mardi."
    new = "Selon M. Dupont, le budget atteint 10 millions d'euros. Le vote a eu lieu mardi."
    changed = [
        line for line in watch.readable_diff(old, new).splitlines() if line[:1] in "-+" and line[1:2] != line[:1]
    ]
    assert changed == [
        "-Selon M. Dupont, le budget atteint 12 millions d'euros.",
        "+Selon M. Dupont, le budget atteint 10 millions d'euros.",
    ]
