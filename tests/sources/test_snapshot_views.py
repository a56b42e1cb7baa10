"""Safe viewing of archived snapshots: escaped text, downloads with a sandbox CSP, permissions."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from sources.archiving.warc import CaptureInput, write_warc
from sources.models import Evidence, Snapshot
from tests.factories import EvidenceFactory, SnapshotFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    b"<html><body><script>fetch('/api/v1/claims/',{method:'DELETE'})</script><p>Budget: 12 million</p></body></html>"
)
TEXT = "The council approved <b>12 million</b> euros. <script>alert(1)</script> Residents protested."


@pytest.fixture
def archived(tmp_path: Path) -> Snapshot:
    source = SourceFactory(url="https://news.example/budget", canonical_url="https://news.example/budget")
    snapshot = SnapshotFactory(source=source, status=Snapshot.Status.PENDING)
    local = tmp_path / "capture.warc.gz"
    write_warc(
        local,
        capture=CaptureInput(
            target_url=source.url, status=200, body=HOSTILE, fetched_at=datetime.now(UTC),
            response_headers=[("Content-Type", "text/html")],
        ),
    )  # fmt: skip
    with local.open("rb") as handle:
        name = default_storage.save(f"warc/test/snapshot-{snapshot.pk}.warc.gz", handle)
    Snapshot.objects.filter(pk=snapshot.pk).update(
        status=Snapshot.Status.ARCHIVED, sha256=hashlib.sha256(HOSTILE).hexdigest(), warc_file=name,
        extracted_text=TEXT, content_type="text/html", http_status=200, title="Budget <i>vote</i>",
    )  # fmt: skip
    snapshot.refresh_from_db()
    return snapshot


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_users_are_sent_to_login(archived: Snapshot) -> None:
    for name in ("snapshot_text", "snapshot_raw", "snapshot_warc"):
        response = Client().get(reverse(f"sources:{name}", args=[archived.pk]))
        assert response.status_code == 302 and "/login" in response["Location"], name
    response = Client().post(reverse("sources:snapshot_retry", args=[archived.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_an_account_without_a_role_is_refused(archived: Snapshot) -> None:
    client = login(UserFactory(username="norole"))
    assert client.get(reverse("sources:snapshot_text", args=[archived.pk])).status_code == 403
    assert client.get(reverse("sources:snapshot_raw", args=[archived.pk])).status_code == 403


@pytest.mark.parametrize("who", ["alice", "carol", "dave"])
def test_reviewers_editors_and_admins_read_the_text_escaped(archived: Snapshot, who: str, request: Any) -> None:
    client = login(request.getfixturevalue(who))
    response = client.get(reverse("sources:snapshot_text", args=[archived.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>12 million</b>" not in html
    assert "Budget &lt;i&gt;vote&lt;/i&gt;" in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_anchored_quote_is_highlighted(archived: Snapshot, alice: Any) -> None:
    start = TEXT.index("Residents protested.")
    evidence = EvidenceFactory(
        source=archived.source, quote="Residents protested.", anchor_status=Evidence.AnchorStatus.FOUND,
        anchor_snapshot=archived,
        selectors=[
            {"type": "TextQuoteSelector", "exact": "Residents protested.", "prefix": "", "suffix": ""},
            {"type": "TextPositionSelector", "start": start, "end": start + len("Residents protested.")},
        ],
        suggestions=[{"start": 0, "end": 10, "text": "The council approved", "score": 1.0, "snapshot": archived.pk}],
    )  # fmt: skip
    response = login(alice).get(reverse("sources:snapshot_text", args=[archived.pk]), {"evidence": evidence.pk})
    html = response.content.decode()
    assert "<mark>Residents protested.</mark>" in html
    assert "The council approved" in html  # the suggestion


def test_raw_download_is_an_inert_attachment(archived: Snapshot, alice: Any) -> None:
    response = login(alice).get(reverse("sources:snapshot_raw", args=[archived.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == HOSTILE


def test_warc_download_is_an_attachment_with_sandbox(archived: Snapshot, alice: Any) -> None:
    response = login(alice).get(reverse("sources:snapshot_warc", args=[archived.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".warc.gz" in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body[:2] == b"\x1f\x8b"


def test_a_snapshot_without_a_warc_has_no_downloads(alice: Any) -> None:
    snapshot = SnapshotFactory(status=Snapshot.Status.FAILED, error_message="HTTP 404")
    client = login(alice)
    assert client.get(reverse("sources:snapshot_raw", args=[snapshot.pk])).status_code == 404
    page = client.get(reverse("sources:snapshot_text", args=[snapshot.pk])).content.decode()
    assert "HTTP 404" in page and "Retry archiving" in page


def test_retry_requeues_a_failed_snapshot(alice: Any, django_capture_on_commit_callbacks: Any) -> None:
    from unittest import mock

    snapshot = SnapshotFactory(status=Snapshot.Status.FAILED, attempts=5, error_message="HTTP 500")
    with (
        mock.patch("sources.tasks.archive_snapshot.apply_async") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = login(alice).post(reverse("sources:snapshot_retry", args=[snapshot.pk]))
    assert response.status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.PENDING and snapshot.attempts == 0
    delay.assert_called_once_with(args=(snapshot.pk,))


def test_retry_with_htmx_returns_the_status_fragment(alice: Any) -> None:
    from unittest import mock

    snapshot = SnapshotFactory(status=Snapshot.Status.TIMED_OUT)
    with mock.patch("sources.tasks.archive_snapshot.apply_async"):
        response = login(alice).post(reverse("sources:snapshot_retry", args=[snapshot.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="snapshot-status-{snapshot.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_retry_of_an_archived_snapshot_is_refused_with_a_message(archived: Snapshot, alice: Any) -> None:
    response = login(alice).post(reverse("sources:snapshot_retry", args=[archived.pk]), follow=True)
    assert "only failed ones retry" in response.content.decode()


def test_retry_ignores_an_offsite_next(alice: Any) -> None:
    from unittest import mock

    snapshot = SnapshotFactory(status=Snapshot.Status.FAILED)
    with mock.patch("sources.tasks.archive_snapshot.apply_async"):
        response = login(alice).post(
            reverse("sources:snapshot_retry", args=[snapshot.pk]), {"next": "https://evil.example/"}
        )
    assert response["Location"] == reverse("sources:snapshot_text", args=[snapshot.pk])


def test_rearchive_queues_a_new_snapshot(archived: Snapshot, alice: Any) -> None:
    from unittest import mock

    with mock.patch("sources.tasks.archive_snapshot.apply_async"):
        response = login(alice).post(reverse("sources:source_rearchive", args=[archived.source.pk]))
    assert response.status_code == 302
    assert archived.source.snapshots.count() == 2


def test_get_is_not_allowed_on_actions(archived: Snapshot, alice: Any) -> None:
    client = login(alice)
    assert client.get(reverse("sources:snapshot_retry", args=[archived.pk])).status_code == 405
    assert client.get(reverse("sources:source_rearchive", args=[archived.source.pk])).status_code == 405
