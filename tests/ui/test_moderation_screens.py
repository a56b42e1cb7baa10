"""The editors' moderation screens in headless Chromium: no serious or critical axe-core violations from our
templates, and a screenshot of each in tests/artifacts/ (git-ignored) to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from claims.models import Claim
from publishing.services import claim_withdraw
from sources.domains import domain_set
from sources.models import Domain, PageChange, Snapshot
from tests.factories import (
    DEFAULT_PASSWORD,
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    SnapshotFactory,
    UserFactory,
)
from tests.publishing.conftest import bring_to, new_claim

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SCREENS = [
    ("claims-queue-flagged", "/admin/claims/claim/?queue=flagged"),
    ("claims-awaiting-approval", "/admin/claims/claim/?queue=second_review"),
    ("claim-change", "/admin/claims/claim/{claim}/change/"),
    ("claim-history", "/admin/claims/claim/{claim}/history/"),
    ("claims-deleted", "/admin/claims/claim/?deleted=yes"),
    ("evidence-quote-queue", "/admin/sources/evidence/?queue=quote"),
    ("snapshots-failed", "/admin/sources/snapshot/?queue=failed"),
    ("snapshot-change", "/admin/sources/snapshot/{snapshot}/change/"),
    ("domains", "/admin/sources/domain/"),
    ("page-changes", "/admin/sources/pagechange/?state=open"),
    ("page-change", "/admin/sources/pagechange/{change}/change/"),
    ("history-log", "/admin/history/historyentry/"),
    ("lockouts", "/admin/axes/accessattempt/"),
    ("publications", "/admin/publishing/publication/"),
    ("claim-page", "/claims/{claim}/"),
]


@pytest.fixture
def moderation_data(workbench_roles: None) -> dict[str, int]:
    editor = UserFactory(username="erin", role="editor", is_staff=True)
    article = ArticleFactory(title="Council budget", created_by=editor)
    claim = ClaimFactory(
        article=article,
        status=Claim.Status.PUBLISHED,
        facts={"numbers": ["12 million euros"], "dates": ["3 March 2025"], "entities": ["city council"]},
        reasons=["has a figure", "has a date"],
    )
    ClaimFactory(article=article, start=73, end=92, status=Claim.Status.NEEDS_SECOND_REVIEW)
    Claim.objects.filter(pk=claim.pk).update(flagged_at=timezone.now(), flag_reason="The source was edited.")
    domain_set(domain="news.example", rating=Domain.Rating.RELIABLE, note="Regional daily")
    domain_set(domain="fake.example", rating=Domain.Rating.UNRELIABLE, blocked=True, blocked_reason="Fabrications")
    evidence = EvidenceFactory(claim=claim, quote="approved 12 million euros", anchor_status="not_found")
    snapshot = SnapshotFactory(
        source=evidence.source,
        status=Snapshot.Status.ARCHIVED,
        sha256="9f" * 32,
        warc_sha256="1c" * 32,
        http_status=200,
        extracted_text="<script>alert('archived')</script> The council approved 10 million euros.",
        response_headers=[["Content-Type", "text/html"]],
        timings={"connect": 0.01, "total": 0.2},
    )
    SnapshotFactory(source=evidence.source, status=Snapshot.Status.FAILED, error_message="HTTP 503 three times")
    change = PageChange.objects.create(
        evidence=evidence,
        claim=claim,
        snapshot=snapshot,
        kind=PageChange.Kind.CHANGED,
        old_passage="approved 12 million euros",
        new_passage="approved 10 million euros",
        diff="--- cited snapshot\n+++ new capture\n@@ -1 +1 @@\n-The council approved 12 million euros.\n"
        "+The council approved 10 million euros.",
    )
    deleted = ClaimFactory(article=article, start=20, end=40)
    Claim.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now(), deleted_by=editor)
    _publications(editor)
    AccessAttempt.objects.create(
        username="alice", ip_address="203.0.113.7", user_agent="Firefox", path_info="/accounts/login/",
        failures_since_start=10, get_data="", post_data="username=alice",
    )  # fmt: skip
    return {"claim": claim.pk, "snapshot": snapshot.pk, "change": change.pk}


def _publications(editor: Any) -> None:
    """Two fact-checks published through the workflow; the second one withdrawn with its public note."""
    reviewer = UserFactory(username="rita", role="reviewer")
    bring_to(new_claim(), Claim.Status.PUBLISHED, author=reviewer, approver=editor)
    schools = new_claim(title="Les écoles rurales", url="https://quotidien.example/ecoles")
    Claim.objects.filter(pk=schools.pk).update(text="Forty rural schools closed last year.")
    withdrawn = bring_to(schools, Claim.Status.PUBLISHED, author=reviewer, approver=editor)
    claim_withdraw(claim=withdrawn, user=editor, note="The report we cited was withdrawn by its authors.")


@pytest.fixture
def editor_page(browser: Any, live_server: Any, moderation_data: dict[str, int]) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def _serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.timeout(300)
def test_moderation_screens_have_no_serious_axe_violations(editor_page: Any, moderation_data: dict[str, int]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, path in SCREENS:
        response = editor_page.goto(path.format(**moderation_data))
        assert response is not None and response.status == 200, (name, response and response.status)
        editor_page.screenshot(path=str(ARTIFACTS / f"moderation-{name}.png"), full_page=True)
        serious = _serious(axe.run(editor_page).response["violations"])
        if serious:
            problems[name] = serious
    assert problems == {}, problems
    # The editors find the withdraw action on the publications list, with the public note beside it.
    editor_page.goto("/admin/publishing/publication/")
    assert editor_page.locator("select[name=action] option[value=withdraw]").count() == 1
    assert editor_page.get_by_label("Public note (to withdraw)").is_visible()
    # Archived HTML is never rendered: the script in the extracted text stays text.
    editor_page.goto(f"/admin/sources/snapshot/{moderation_data['snapshot']}/change/")
    assert editor_page.get_by_text("<script>alert('archived')</script>", exact=False).count() == 1


@pytest.mark.timeout(120)
@pytest.mark.parametrize("width", [1280, 1366])
@pytest.mark.parametrize("path", ["/admin/history/historyentry/", "/admin/publishing/publication/"])
def test_the_lists_fit_the_window_without_scrolling_sideways(editor_page: Any, width: int, path: str) -> None:
    editor_page.set_viewport_size({"width": width, "height": 900})
    response = editor_page.goto(path)
    assert response is not None and response.status == 200
    sizes = editor_page.evaluate(
        """() => {
            const results = document.querySelector('#changelist .results');
            return {page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
                    table: [results.scrollWidth, results.clientWidth]};
        }"""
    )
    assert sizes["page"][0] <= sizes["page"][1] and sizes["table"][0] <= sizes["table"][1], sizes
