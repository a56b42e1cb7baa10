"""Publishing in a real browser with a real worker: a reviewer writes a verdict citing archived
evidence and submits it, cannot approve it herself, an editor who did not write it approves and
publishes after the checklist, the signed-out public page shows the rating, the sources and valid
JSON-LD, and a correction shows on the page and in the corrections feed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from publishing.models import Publication
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.integration.conftest import LocalSite, WorkerFactory, local_site, worker  # noqa: F401 - fixtures
from tests.publishing.conftest import new_claim
from tests.ui.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REPORT = """<!doctype html><html lang="en"><head><title>Budget report 2025</title></head><body>
<article><h1>Budget report 2025</h1>
<p>The council approved a budget of 10 million euros on 3 March 2025, not 12 million as reported.</p>
<p>The statistics office publishes the regional figures every quarter, and this report
summarises them for the year with tables and commentary from the office's economists.</p>
</article></body></html>"""


@pytest.fixture
def contexts(browser: Any, live_server: Any) -> Iterator[Any]:
    opened: list[Any] = []

    def open_context() -> Any:
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


def shot(page: Any, name: str) -> None:
    page.screenshot(path=f"/tmp/ui-publishing-{name}.png", full_page=True)


def test_reviewer_to_published_fact_check_and_correction(
    local_site: LocalSite,  # noqa: F811
    worker: WorkerFactory,  # noqa: F811
    contexts: Any,
) -> None:
    report_url = local_site.add("/budget-report", REPORT)
    handle = worker()
    UserFactory(username="alice", role="reviewer")
    UserFactory(username="carol", role="editor")
    claim = new_claim()

    reviewer = contexts().new_page()
    log_in(reviewer, "alice", DEFAULT_PASSWORD)
    reviewer.goto(f"/claims/{claim.pk}/")
    attach = reviewer.get_by_role("region", name="Attach a source")
    attach.get_by_label("Source URL").fill(report_url)
    attach.get_by_label("Contradicts").check()
    attach.get_by_label("Quoted passage").fill("a budget of 10 million euros")
    attach.get_by_role("button", name="Attach source").click()
    evidence = reviewer.get_by_role("region", name="Evidence")
    try:  # the real worker archives the page; the evidence list polls until it is done
        expect(evidence.locator(".snapshot-status .badge")).to_have_text("Archived", timeout=60_000)
    except AssertionError:
        raise AssertionError(f"not archived; worker log:\n{handle.log()[-4000:]}") from None
    expect(evidence.get_by_text("Quote found", exact=False)).to_be_visible()

    reviewer.reload()
    form = reviewer.get_by_role("region", name="Record a verdict")
    form.get_by_label("Rating").select_option(label="False — The claim is inaccurate.")
    form.get_by_label("Summary").fill("The official report says 10 million euros, not 12.")
    form.get_by_role("checkbox").first.check()
    form.get_by_role("button", name="Record verdict").click()
    expect(reviewer.get_by_role("status").filter(has_text="Verdict recorded")).to_be_visible()
    workflow = reviewer.get_by_role("region", name="Review and publication")
    expect(workflow.get_by_text("Cites 1 evidence item.")).to_be_visible()
    workflow.get_by_role("button", name="Submit for second review").click()
    expect(reviewer.get_by_role("status").filter(has_text="Submitted for a second review")).to_be_visible()

    # She cannot approve her own verdict: no button, the reason instead, and a forged POST is refused.
    workflow = reviewer.get_by_role("region", name="Review and publication")
    expect(workflow.get_by_role("button", name="Approve")).to_have_count(0)
    expect(workflow.get_by_text("Approval needs an editor", exact=False)).to_be_visible()
    token = reviewer.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    version = str(Claim.objects.get(pk=claim.pk).version)
    forged = reviewer.request.post(
        f"/claims/{claim.pk}/approve", form={"csrfmiddlewaretoken": token, "version": version}
    )
    assert forged.status == 403
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.NEEDS_SECOND_REVIEW
    shot(reviewer, "submitted")

    editor = contexts().new_page()
    log_in(editor, "carol", DEFAULT_PASSWORD)
    editor.goto(f"/claims/{claim.pk}/")
    editor.get_by_role("region", name="Review and publication").get_by_role("button", name="Approve").click()
    expect(editor.get_by_role("status").filter(has_text="Approved")).to_be_visible()
    checks = editor.get_by_role("region", name="Pre-publication checks")
    expect(checks.get_by_role("listitem").filter(has_text="Passed")).to_have_count(6)
    shot(editor, "checklist")
    checks.get_by_role("button", name="Publish").click()
    expect(editor.get_by_role("status").filter(has_text="Published")).to_be_visible()
    editor.get_by_role("link", name="Open the public page").click()
    public_url = editor.url

    reader = contexts().new_page()
    violations: list[str] = []
    reader.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    reader.goto(public_url)
    expect(reader.get_by_role("heading", name="Our rating: False")).to_be_visible()
    sources = reader.get_by_role("region", name="Sources")
    expect(sources.get_by_text("a budget of 10 million euros")).to_be_visible()
    expect(sources.get_by_text("Contradicts")).to_be_visible()
    sha = Publication.objects.get(claim=claim).sources[0]["sha256"]
    expect(sources.get_by_text(sha)).to_be_visible()
    document = json.loads(reader.locator('script[type="application/ld+json"]').text_content() or "")
    assert document["@type"] == "ClaimReview"
    assert document["reviewRating"]["alternateName"] == "False"
    assert document["url"].endswith(f"/fact-checks/{claim.pk}/")
    assert violations == []
    shot(reader, "public")

    editor.goto(f"/claims/{claim.pk}/")
    editor.get_by_text("Correct the published fact-check").click()
    correct = editor.locator("details.correct")
    correct.get_by_label("Reason for the correction (shown to readers)").fill(
        "The ministry published the final figure."
    )
    correct.get_by_label("Rating").select_option(
        label="Misleading — Contains accurate elements but leaves a false impression."
    )
    correct.get_by_label("Summary").fill("The final budget was 11 million euros.")
    correct.get_by_role("checkbox").first.check()
    correct.get_by_role("button", name="Publish the correction").click()
    expect(editor.get_by_role("status").filter(has_text="Correction published")).to_be_visible()

    reader.reload()
    expect(reader.get_by_role("heading", name="Our rating: Misleading")).to_be_visible()
    corrections = reader.get_by_role("region", name="Corrections")
    expect(corrections.get_by_text("The ministry published the final figure.")).to_be_visible()
    expect(corrections.get_by_text("Rating changed from False to Misleading.")).to_be_visible()
    shot(reader, "corrected")
    reader.goto("/fact-checks/")
    reader.get_by_role("link", name="Atom feed of corrections").click()
    feed = reader.request.get("/fact-checks/corrections/feed/")
    assert feed.ok and "The ministry published the final figure." in feed.text()
    assert re.search(rf"<link[^>]+/fact-checks/{claim.pk}/#correction-\d+", feed.text())
