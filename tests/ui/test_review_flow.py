"""The reviewer's path in a real browser: log in, paste an article, see its claims, attach a source,
record a verdict. And the hardening rule: an archived page's <script> never runs on the app's origin."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from claims.models import Article
from sources.archiving.warc import CaptureInput, write_warc
from sources.models import Evidence, Snapshot
from tests.factories import DEFAULT_PASSWORD, ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory, UserFactory
from tests.ui.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "The city council approved a budget of 12 million euros on 3 March 2025. "
    "Unemployment in the region rose by 4 percent last year, according to the national statistics office. "
    "The mayor said the new tram line will open in 2027."
)
SOURCE_PAGE = """<!doctype html><html lang="en"><head><title>Budget report 2025</title></head><body>
<article><h1>Budget report 2025</h1>
<p>The council approved a budget of 10 million euros on 3 March 2025, not 12 million as reported.</p>
<p>The statistics office publishes the regional unemployment figures every quarter, and this report
summarises them for the year with tables and commentary from the office's economists.</p>
</article></body></html>"""


@pytest.fixture
def reviewer(workbench_roles: None) -> Any:
    return UserFactory(username="alice", role="reviewer", first_name="Alice", last_name="Reviewer")


def shot(page: Any, name: str) -> None:
    page.screenshot(path=f"/tmp/ui-{name}.png", full_page=True)


def test_review_flow(page: Any, reviewer: Any, httpserver: Any, settings: Any) -> None:
    settings.FETCH_ALLOWLIST = [f"{httpserver.host}:{httpserver.port}", f"127.0.0.1:{httpserver.port}"]
    httpserver.expect_request("/budget-report").respond_with_data(SOURCE_PAGE, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)

    log_in(page, "alice", DEFAULT_PASSWORD)
    shot(page, "articles-empty")
    page.get_by_role("link", name="Add an article").click()
    page.get_by_label("Title").fill("Council budget")
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_label("Language (optional)").fill("en")
    page.get_by_role("button", name="Save and extract claims").click()

    # Extraction runs eagerly; the page (or its htmx polling) shows the claims.
    expect(page.get_by_role("heading", name="Council budget", level=1)).to_be_visible()
    expect(page.get_by_text("Ready", exact=True).first).to_be_visible()
    claims_list = page.get_by_role("region", name="Claims")
    expect(claims_list.get_by_role("listitem").first).to_be_visible()
    marks = page.locator("mark.claim-span")
    expect(marks.first).to_be_visible()
    assert marks.count() == claims_list.get_by_role("listitem").count()
    expect(page.get_by_role("link", name="Claim 1")).to_be_visible()
    shot(page, "article")

    page.get_by_role("link", name="Claim 1").click()
    expect(page.get_by_role("heading", name="Claim", level=1)).to_be_visible()
    attach = page.get_by_role("region", name="Attach a source")

    # A refused URL: the error is next to the field and nothing typed is lost.
    attach.get_by_label("Source URL").fill("http://127.0.0.1/")
    attach.get_by_label("Contradicts").check()
    attach.get_by_label("Quoted passage").fill("a budget of 10 million euros")
    attach.get_by_label("Note (optional)").fill("Official report")
    attach.get_by_role("button", name="Attach source").click()
    attach = page.get_by_role("region", name="Attach a source")
    expect(attach.get_by_role("alert")).to_be_visible()
    expect(attach.get_by_label("Source URL")).to_have_attribute("aria-invalid", "true")
    expect(attach.get_by_label("Source URL")).to_have_value("http://127.0.0.1/")
    expect(attach.get_by_label("Quoted passage")).to_have_value("a budget of 10 million euros")
    expect(attach.get_by_label("Note (optional)")).to_have_value("Official report")
    expect(attach.get_by_label("Contradicts")).to_be_checked()
    shot(page, "claim-error")

    attach.get_by_label("Source URL").fill(httpserver.url_for("/budget-report"))
    attach.get_by_role("button", name="Attach source").click()
    expect(page.get_by_role("status").filter(has_text="Source attached")).to_be_visible()
    evidence = page.get_by_role("region", name="Evidence")
    expect(evidence.get_by_role("listitem").first).to_be_visible()
    expect(evidence.locator(".evidence-head").get_by_text("Contradicts", exact=True)).to_be_visible()
    expect(evidence.locator("blockquote.quote")).to_have_text("a budget of 10 million euros")
    # The worker (eager here) archived the page; the claim page shows it and links to the archived text.
    expect(evidence.locator(".snapshot-status .badge")).to_have_text("Archived")
    expect(evidence.get_by_role("link", name="Read the archived text")).to_be_visible()
    expect(evidence.get_by_text("Quote found", exact=False)).to_be_visible()
    assert Evidence.objects.count() == 1

    verdict = page.get_by_role("region", name="Record a verdict")
    verdict.get_by_label("Rating").select_option(label="False — The claim is inaccurate.")
    verdict.get_by_label("Summary").fill("The report says 10 million euros, not 12.")
    verdict.get_by_role("checkbox", name="Contradicts: Budget report 2025", exact=False).check()
    verdict.get_by_role("button", name="Record verdict").click()
    history = page.get_by_role("region", name="Verdict history")
    expect(history.get_by_text("The report says 10 million euros, not 12.")).to_be_visible()
    expect(history.get_by_text("Current")).to_be_visible()
    expect(page.get_by_role("region", name="About this claim").get_by_text("In review")).to_be_visible()
    shot(page, "claim")

    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    expect(page.get_by_role("cell", name="False", exact=True)).to_be_visible()
    shot(page, "review-queue")


HOSTILE = (
    b"<html><body><h1>Totally normal page</h1>"
    b"<script>fetch('/api/v1/articles/', {method: 'POST', credentials: 'include', "
    b"headers: {'Content-Type': 'application/json'}, body: JSON.stringify({title: 'pwned', body: 'pwned'})})"
    b"</script><img src=x onerror=\"fetch('/api/v1/articles/',{method:'POST'})\"></body></html>"
)


def hostile_snapshot() -> Snapshot:
    source = SourceFactory(url="https://hostile.example/page", canonical_url="https://hostile.example/page")
    relative = "warc/test/hostile.warc.gz"
    write_warc(
        django_settings.MEDIA_ROOT / relative,
        capture=CaptureInput(
            target_url=source.url,
            status=200,
            body=HOSTILE,
            fetched_at=datetime.now(UTC),
            response_headers=[("Content-Type", "text/html; charset=utf-8")],
        ),
    )
    return Snapshot.objects.create(
        source=source,
        status=Snapshot.Status.ARCHIVED,
        sha256=hashlib.sha256(HOSTILE).hexdigest(),
        warc_file=relative,
        content_type="text/html; charset=utf-8",
        extracted_text=HOSTILE.decode(),
        title="Totally normal page",
        fetched_at=datetime.now(UTC),
    )


def test_archived_script_cannot_call_the_api(page: Any, reviewer: Any) -> None:
    snapshot = hostile_snapshot()
    claim = ClaimFactory(article=ArticleFactory(created_by=reviewer))
    EvidenceFactory(claim=claim, source=snapshot.source, added_by=reviewer)
    articles_before = Article.objects.count()
    api_requests: list[str] = []
    page.on("request", lambda request: "/api/v1/" in request.url and api_requests.append(request.url))

    log_in(page, "alice", DEFAULT_PASSWORD)
    # The claim page links to the archived text; the text page shows the script as inert text.
    page.goto(f"/claims/{claim.pk}/")
    page.get_by_role("link", name="Read the archived text").click()
    expect(page.get_by_text("fetch('/api/v1/articles/'", exact=False).first).to_be_visible()
    page.wait_for_timeout(500)
    shot(page, "snapshot-text")

    # The raw payload is a download, never a page of this origin.
    for suffix in ("raw", "warc"):
        with page.expect_download() as download_info:
            try:
                page.goto(f"/sources/snapshots/{snapshot.pk}/{suffix}")
            except Exception as exc:  # Chromium aborts the navigation when it turns into a download
                assert "Download is starting" in str(exc) or "net::ERR_ABORTED" in str(exc)
        assert download_info.value.suggested_filename.startswith(f"snapshot-{snapshot.pk}")
    page.wait_for_timeout(500)

    assert api_requests == []
    assert Article.objects.count() == articles_before
    assert not Article.objects.filter(title="pwned").exists()

    # Control: the recorder does see a script-initiated API call on this origin.
    page.goto(f"/claims/{claim.pk}/")
    page.evaluate("fetch('/api/v1/ratings/')")
    page.wait_for_timeout(300)
    assert any("/api/v1/ratings/" in url for url in api_requests)
