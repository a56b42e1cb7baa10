"""The archiving pipeline end to end against a local HTTP server (pytest-httpserver)."""

from __future__ import annotations

import gzip
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from pytest_httpserver import HTTPServer

from sources import services
from sources.models import Evidence, Snapshot
from tests.factories import ClaimFactory, SnapshotFactory, SourceFactory

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council budget vote</title>
<link rel="canonical" href="{canonical}"></head><body>
<nav>Home | Politics | Sport | Subscribe now</nav>
<article><h1>Council budget vote</h1>
<p>The city council approved a budget of 12 million euros on Tuesday after a four-hour debate in the town hall.</p>
<p>{middle}</p>
<p>Opposition members said the plan cuts library opening hours and raises parking fees by ten per cent.</p>
</article><footer>Copyright Daily Example. All rights reserved.</footer></body></html>"""
MIDDLE = "The mayor said the money will fund three new schools and the renovation of the harbour bridge."
pytestmark = pytest.mark.django_db

QUOTE = "approved a budget of 12 million euros on Tuesday"


def page(site: HTTPServer, middle: str = MIDDLE) -> str:
    return PAGE.format(canonical=site.url_for("/budget"), middle=middle)


def source_for(site: HTTPServer, path: str) -> Any:
    source, _ = services.source_for_url(url=site.url_for(path))
    return source


def archive(source: Any) -> Snapshot:
    snapshot = services.snapshot_request(source=source, enqueue=False)
    result = services.snapshot_archive(snapshot_id=snapshot.pk)
    assert result is not None
    return result


def test_an_html_page_is_archived_with_hashes_warc_and_text(site: HTTPServer, tmp_path: Path) -> None:
    site.expect_request("/budget").respond_with_data(page(site), content_type="text/html; charset=utf-8")
    snapshot = archive(source_for(site, "/budget"))

    assert snapshot.status == Snapshot.Status.ARCHIVED, snapshot.error_message
    assert snapshot.http_status == 200
    assert snapshot.final_url == site.url_for("/budget")
    assert len(snapshot.sha256) == 64 and len(snapshot.warc_sha256) == 64
    assert snapshot.content_type == "text/html"
    assert "12 million euros" in snapshot.extracted_text
    assert "Subscribe now" not in snapshot.extracted_text
    assert snapshot.title == "Council budget vote"
    assert snapshot.language == "en"
    assert snapshot.robots_decision == "not checked"
    assert snapshot.text_changed is None  # first capture
    assert snapshot.attempts == 1
    assert snapshot.timings.get("total", 0) > 0
    assert any(k.lower() == "content-type" for k, _ in snapshot.response_headers)

    path = Path(snapshot.warc_file.path)
    assert path.name == f"snapshot-{snapshot.pk}.warc.gz" and default_storage.exists(snapshot.warc_file.name)
    import hashlib

    assert hashlib.sha256(path.read_bytes()).hexdigest() == snapshot.warc_sha256
    check = subprocess.run(
        [str(Path(sys.executable).parent / "warcio"), "check", "-v", str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert b"12 million euros" in gzip.decompress(path.read_bytes())
    assert not list((Path(default_storage.location) / "warc").rglob("*.tmp"))


def test_a_pdf_served_as_html_is_archived_raw_without_text(site: HTTPServer) -> None:
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n\x00\x01\x02binary\n%%EOF\n"
    site.expect_request("/report").respond_with_data(pdf, content_type="text/html")
    snapshot = archive(source_for(site, "/report"))

    assert snapshot.status == Snapshot.Status.ARCHIVED
    assert snapshot.extracted_text == ""
    assert snapshot.content_type == "text/html"
    assert "application/pdf" in snapshot.extraction_error
    assert snapshot.size == len(pdf)
    from sources.archiving.warc import read_payload

    _headers, body = read_payload(Path(snapshot.warc_file.path))
    assert body == pdf


def test_a_404_fails_at_once_without_retry(site: HTTPServer) -> None:
    site.expect_request("/gone").respond_with_data("not here", status=404)
    snapshot = archive(source_for(site, "/gone"))

    assert snapshot.status == Snapshot.Status.FAILED
    assert snapshot.http_status == 404
    assert "404" in snapshot.error_message
    assert snapshot.next_attempt_at is None
    assert not snapshot.warc_file
    assert services.snapshot_archive(snapshot_id=snapshot.pk) is None  # nothing left to do


def test_a_503_with_retry_after_is_retried_after_it(site: HTTPServer) -> None:
    site.expect_request("/busy").respond_with_data("busy", status=503, headers={"Retry-After": "120"})
    before = timezone.now()
    snapshot = archive(source_for(site, "/busy"))

    assert snapshot.status == Snapshot.Status.RETRYING
    assert snapshot.attempts == 1
    assert snapshot.next_attempt_at is not None
    assert before + timedelta(seconds=110) < snapshot.next_attempt_at < timezone.now() + timedelta(seconds=130)
    assert "503" in snapshot.error_message
    # Not due yet: a second delivery does nothing.
    assert services.snapshot_archive(snapshot_id=snapshot.pk) is None


def test_transient_failures_stop_after_max_attempts(site: HTTPServer, settings: Any) -> None:
    settings.FETCH_MAX_ATTEMPTS = 3
    site.expect_request("/flaky").respond_with_data("oops", status=500)
    source = source_for(site, "/flaky")
    snapshot = services.snapshot_request(source=source, enqueue=False)
    for _ in range(3):
        Snapshot.objects.filter(pk=snapshot.pk).update(next_attempt_at=timezone.now())
        result = services.snapshot_archive(snapshot_id=snapshot.pk)
        assert result is not None
    assert result.status == Snapshot.Status.FAILED
    assert result.attempts == 3
    assert result.error_message.startswith("Gave up after 3 attempts")


def test_a_crashing_pipeline_is_bounded_and_the_error_is_visible(site: HTTPServer, settings: Any) -> None:
    settings.FETCH_MAX_ATTEMPTS = 2
    snapshot = SnapshotFactory(source=SourceFactory(url=site.url_for("/x"), canonical_url=site.url_for("/x")))
    with mock.patch("sources.fetcher.fetch", side_effect=RuntimeError("boom")):
        first = services.snapshot_archive(snapshot_id=snapshot.pk)
        assert first is not None and first.status == Snapshot.Status.RETRYING
        Snapshot.objects.filter(pk=snapshot.pk).update(next_attempt_at=timezone.now())
        second = services.snapshot_archive(snapshot_id=snapshot.pk)
    assert second is not None and second.status == Snapshot.Status.FAILED
    assert "RuntimeError: boom" in second.error_message


def test_a_refused_url_fails_permanently(settings: Any) -> None:
    settings.FETCH_ALLOWLIST = []
    snapshot = SnapshotFactory(source=SourceFactory(url="http://127.0.0.1:8/", canonical_url="http://127.0.0.1:8/"))
    result = services.snapshot_archive(snapshot_id=snapshot.pk)
    assert result is not None and result.status == Snapshot.Status.FAILED
    assert result.error_message


def test_soft_time_limit_marks_the_snapshot_timed_out(site: HTTPServer) -> None:
    from celery.exceptions import SoftTimeLimitExceeded

    snapshot = SnapshotFactory(source=SourceFactory(url=site.url_for("/slow"), canonical_url=site.url_for("/slow")))
    with mock.patch("sources.fetcher.fetch", side_effect=SoftTimeLimitExceeded()):
        result = services.snapshot_archive(snapshot_id=snapshot.pk)
    assert result is not None and result.status == Snapshot.Status.TIMED_OUT
    assert "longer than" in result.error_message


def test_rearchive_creates_a_second_snapshot_with_text_changed(
    site: HTTPServer, django_capture_on_commit_callbacks: Any
) -> None:
    site.expect_ordered_request("/budget").respond_with_data(page(site), content_type="text/html")
    site.expect_ordered_request("/budget").respond_with_data(page(site), content_type="text/html")
    site.expect_ordered_request("/budget").respond_with_data(
        page(site, "The mayor resigned on Wednesday, and the budget vote will be held again next month."),
        content_type="text/html",
    )
    source = source_for(site, "/budget")
    first = archive(source)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.source_rearchive(source=source)  # enqueued after commit; eager in unit tests
    second.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        third = services.source_rearchive(source=source)
    third.refresh_from_db()

    assert [first.status, second.status, third.status] == ["archived"] * 3
    assert source.snapshots.count() == 3
    assert first.text_changed is None
    assert second.text_changed is False
    assert third.text_changed is True
    assert len({first.warc_file.name, second.warc_file.name, third.warc_file.name}) == 3


def test_quotes_are_anchored_found_fuzzy_not_found_then_changed(
    site: HTTPServer, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    site.expect_ordered_request("/budget").respond_with_data(page(site), content_type="text/html")
    site.expect_ordered_request("/budget").respond_with_data(
        page(site, "The mayor resigned on Wednesday.").replace(QUOTE, "postponed the budget vote"),
        content_type="text/html",
    )
    claim = ClaimFactory()
    url = site.url_for("/budget")
    with django_capture_on_commit_callbacks(execute=True):
        exact = services.evidence_attach(claim=claim, url=url, stance="supports", added_by=alice, quote=QUOTE)
    assert Snapshot.objects.get(source=exact.source).status == Snapshot.Status.ARCHIVED
    fuzzy = services.evidence_attach(
        claim=claim, url=url, stance="supports", added_by=alice,
        quote="approved a budget of twelve million euros on Tuesday",
    )  # fmt: skip
    missing = services.evidence_attach(
        claim=claim, url=url, stance="context", added_by=alice, quote="The president visited the zoo in spring."
    )
    plain = services.evidence_attach(claim=claim, url=url, stance="context", added_by=alice)
    snapshot = Snapshot.objects.get(source=exact.source)
    exact.refresh_from_db()
    assert exact.anchor_status == Evidence.AnchorStatus.FOUND  # anchored by the pipeline
    # The others were attached once the source was archived: they are anchored against the latest capture.
    for item in (fuzzy, missing, plain):
        services.evidence_reanchor(evidence=item)
        item.refresh_from_db()

    assert snapshot.status == Snapshot.Status.ARCHIVED
    assert exact.anchor_status == Evidence.AnchorStatus.FOUND
    assert exact.anchor_snapshot_id == snapshot.pk
    position = next(s for s in exact.selectors if s["type"] == "TextPositionSelector")
    assert snapshot.extracted_text[position["start"] : position["end"]] == QUOTE
    assert any(s["type"] == "TextQuoteSelector" and s["exact"] == QUOTE for s in exact.selectors)
    assert fuzzy.anchor_status == Evidence.AnchorStatus.FUZZY
    assert missing.anchor_status == Evidence.AnchorStatus.NOT_FOUND
    assert plain.anchor_status == Evidence.AnchorStatus.NO_QUOTE
    assert 1 <= len(plain.suggestions) <= 3
    assert all(s["snapshot"] == snapshot.pk and s["text"] for s in plain.suggestions)
    assert "12 million euros" in plain.suggestions[0]["text"]

    with django_capture_on_commit_callbacks(execute=True):
        later = services.source_rearchive(source=exact.source)
    later.refresh_from_db()
    exact.refresh_from_db()
    assert later.status == Snapshot.Status.ARCHIVED and later.text_changed is True
    assert exact.anchor_status == Evidence.AnchorStatus.CHANGED
    assert exact.anchor_snapshot_id == snapshot.pk  # still points at the capture that had the quote


def test_rollback_enqueues_nothing_and_commit_enqueues_once(
    django_capture_on_commit_callbacks: Any, alice: Any, settings: Any
) -> None:
    from django.db import transaction

    settings.FETCH_ALLOWLIST = ["127.0.0.1:9"]
    claim = ClaimFactory()
    with mock.patch("sources.tasks.archive_snapshot.apply_async") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            try:
                with transaction.atomic():
                    services.evidence_attach(claim=claim, url="http://127.0.0.1:9/a", stance="supports", added_by=alice)
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass
        assert delay.call_count == 0
        assert Snapshot.objects.count() == 0

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.evidence_attach(claim=claim, url="http://127.0.0.1:9/b", stance="supports", added_by=alice)
        assert len(callbacks) == 1
        assert delay.call_count == 1
        delay.assert_called_once_with(args=(Snapshot.objects.get().pk,))


def test_broker_down_keeps_the_evidence_and_the_sweep_enqueues_later(
    django_capture_on_commit_callbacks: Any, alice: Any, settings: Any
) -> None:
    settings.FETCH_ALLOWLIST = ["127.0.0.1:9"]
    claim = ClaimFactory()
    broken = mock.patch("sources.tasks.archive_snapshot.apply_async", side_effect=ConnectionError("broker down"))
    with broken, django_capture_on_commit_callbacks(execute=True):
        evidence = services.evidence_attach(
            claim=claim, url="http://127.0.0.1:9/c", stance="supports", added_by=alice, quote="typed by hand"
        )
    evidence.refresh_from_db()
    assert evidence.quote == "typed by hand" and evidence.anchor_status == Evidence.AnchorStatus.PENDING
    snapshot = Snapshot.objects.get(source=evidence.source)
    assert snapshot.status == Snapshot.Status.PENDING

    with mock.patch("sources.tasks.archive_snapshot.apply_async") as delay:
        assert services.snapshots_reenqueue_stuck() == 0  # too fresh: its message may still be on its way
        Snapshot.objects.filter(pk=snapshot.pk).update(requested_at=timezone.now() - timedelta(minutes=5))
        assert services.snapshots_reenqueue_stuck() == 1
    delay.assert_called_once_with(args=(snapshot.pk,))


def test_the_sweep_reconciles_rows_stuck_in_fetching(settings: Any) -> None:
    stale = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    stuck = SnapshotFactory(status=Snapshot.Status.FETCHING, started_at=stale, attempts=1)
    busy = SnapshotFactory(status=Snapshot.Status.FETCHING, started_at=timezone.now(), attempts=1)
    exhausted = SnapshotFactory(status=Snapshot.Status.FETCHING, started_at=stale, attempts=settings.FETCH_MAX_ATTEMPTS)
    with mock.patch("sources.tasks.archive_snapshot.apply_async") as delay:
        assert services.snapshots_reenqueue_stuck() == 1
    delay.assert_called_once_with(args=(stuck.pk,))
    stuck.refresh_from_db()
    busy.refresh_from_db()
    exhausted.refresh_from_db()
    assert stuck.status == Snapshot.Status.RETRYING and "worker stopped" in stuck.error_message
    assert busy.status == Snapshot.Status.FETCHING
    assert exhausted.status == Snapshot.Status.FAILED and exhausted.error_message


def test_a_claimed_snapshot_is_not_taken_twice(site: HTTPServer) -> None:
    snapshot = SnapshotFactory()
    from sources import snapshots

    assert snapshots.claim(snapshot.pk) is not None
    assert snapshots.claim(snapshot.pk) is None
    assert snapshots.lease_remaining(snapshot.pk) is not None


def test_a_quote_found_word_for_word_then_only_approximately_is_marked_changed(
    site: HTTPServer, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    site.expect_ordered_request("/budget").respond_with_data(page(site), content_type="text/html")
    edited = page(site).replace(QUOTE, "approved a budget of 12 million euros last Tuesday")
    site.expect_ordered_request("/budget").respond_with_data(edited, content_type="text/html")
    with django_capture_on_commit_callbacks(execute=True):
        evidence = services.evidence_attach(
            claim=ClaimFactory(), url=site.url_for("/budget"), stance="supports", added_by=alice, quote=QUOTE
        )
    evidence.refresh_from_db()
    first_snapshot = evidence.anchor_snapshot_id
    assert evidence.anchor_status == Evidence.AnchorStatus.FOUND
    with django_capture_on_commit_callbacks(execute=True):
        services.source_rearchive(source=evidence.source)
    evidence.refresh_from_db()
    assert evidence.anchor_status == Evidence.AnchorStatus.CHANGED
    assert evidence.anchor_snapshot_id == first_snapshot


def _retry_waits(snapshot: Snapshot, attempts: int) -> list[float]:
    """Run ``attempts`` captures of a failing page; the wait the snapshot was given after each."""
    waits = []
    for _ in range(attempts):
        before = timezone.now()
        result = services.snapshot_archive(snapshot_id=snapshot.pk)
        assert result is not None and result.status == Snapshot.Status.RETRYING, result.error_message
        assert result.next_attempt_at is not None
        waits.append((result.next_attempt_at - before).total_seconds())
        Snapshot.objects.filter(pk=snapshot.pk).update(next_attempt_at=timezone.now())
    return waits


@pytest.mark.parametrize("failure", ["500", "429", "connection refused"])
def test_retry_waits_grow_with_the_attempt_number(failure: str, site: HTTPServer, settings: Any) -> None:
    """Regression: the capture passed no attempt number, so every 5xx waited ~1-2 s and a site down for ten seconds
    used up FETCH_MAX_ATTEMPTS. Backoff is 2 s x 2^(attempt-1) with jitter in [d/2, d]."""
    settings.FETCH_MAX_ATTEMPTS = 10
    if failure == "connection refused":
        url = "http://127.0.0.1:9/down"  # the discard port: nothing listens
        settings.FETCH_ALLOWLIST = ["127.0.0.1:9"]
    else:
        url = site.url_for("/down")
        site.expect_request("/down").respond_with_data("busy", status=int(failure))
    snapshot = SnapshotFactory(source=SourceFactory(url=url, canonical_url=url))
    waits = _retry_waits(snapshot, 4)
    for attempt, wait in enumerate(waits, start=1):
        ceiling = 2.0 * 2 ** (attempt - 1)
        assert ceiling / 2 - 0.5 <= wait <= ceiling + 0.5, (attempt, waits)
    assert waits == sorted(waits) and waits[-1] > 3 * waits[0]
