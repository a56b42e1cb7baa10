"""The editors' admin: queues, bulk actions, read-only facts and snapshots, per role."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from claims.models import Claim
from history.models import HistoryEntry
from sources.models import Snapshot
from tests.factories import ClaimFactory, EvidenceFactory, SnapshotFactory, UserFactory
from tests.history.conftest import client_for

pytestmark = pytest.mark.django_db

EDITOR_PAGES = [
    "admin:claims_claim_changelist",
    "admin:claims_article_changelist",
    "admin:claims_verdict_changelist",
    "admin:sources_evidence_changelist",
    "admin:sources_snapshot_changelist",
    "admin:sources_domain_changelist",
    "admin:sources_pagechange_changelist",
    "admin:history_historyentry_changelist",
    "admin:axes_accessattempt_changelist",
]


@pytest.mark.parametrize("page", EDITOR_PAGES)
def test_editors_open_every_moderation_page_and_others_do_not(page: str, editor: Any, alice: Any) -> None:
    assert client_for(editor).get(reverse(page)).status_code == 200
    assert client_for(alice).get(reverse(page)).status_code == 302  # reviewers are not staff: sent to sign in
    staff_without_role = UserFactory(username="stan", is_staff=True)
    assert client_for(staff_without_role).get(reverse(page)).status_code == 403


def test_editors_cannot_manage_accounts(editor: Any) -> None:
    assert client_for(editor).get(reverse("admin:auth_user_add")).status_code == 403


def test_queues_filter_claims_awaiting_approval_and_flagged(editor: Any) -> None:
    waiting = ClaimFactory(status=Claim.Status.NEEDS_SECOND_REVIEW, text="Awaiting approval claim")
    flagged = ClaimFactory(text="Flagged claim text")
    Claim.objects.filter(pk=flagged.pk).update(flag_reason="Source looks doctored", flagged_at=waiting.created_at)
    client = client_for(editor)
    url = reverse("admin:claims_claim_changelist")
    second = client.get(url + "?queue=second_review").content.decode()
    assert "Awaiting approval claim" in second and "Flagged claim text" not in second
    flags = client.get(url + "?queue=flagged").content.decode()
    assert "Flagged claim text" in flags and "Awaiting approval claim" not in flags


def test_bulk_assign_and_dismiss_from_the_admin_leave_admin_history(editor: Any, alice: Any) -> None:
    claims = [ClaimFactory() for _ in range(2)]
    url = reverse("admin:claims_claim_changelist")
    client = client_for(editor)
    response = client.post(
        url, {"action": "assign", "_selected_action": [c.pk for c in claims], "assignee": alice.pk}, follow=True
    )
    assert response.status_code == 200
    assert Claim.objects.filter(assignee=alice).count() == 2
    rows = HistoryEntry.objects.filter(object_id__in=[str(c.pk) for c in claims], via="admin", actor=editor)
    assert rows.count() == 2


def test_bulk_soft_delete_and_restore_in_the_admin(editor: Any) -> None:
    claim = ClaimFactory()
    client = client_for(editor)
    url = reverse("admin:claims_claim_changelist")
    client.post(url, {"action": "soft_delete_selected", "_selected_action": [claim.pk]})
    assert not Claim.objects.filter(pk=claim.pk).exists()
    client.post(url + "?deleted=yes", {"action": "restore_selected", "_selected_action": [claim.pk]})
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_facts_are_formatted_and_snapshots_are_read_only_with_hashes(editor: Any) -> None:
    claim = ClaimFactory(facts={"numbers": ["12 million euros"], "dates": ["3 March 2025"]}, reasons=["has a number"])
    html = client_for(editor).get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "<dt>Numbers</dt><dd>12 million euros</dd>" in html
    assert "{&quot;numbers&quot;" not in html and '{"numbers"' not in html
    snapshot = SnapshotFactory(
        status=Snapshot.Status.ARCHIVED, sha256="a" * 64, extracted_text="<script>alert(1)</script> text"
    )
    page = client_for(editor).get(reverse("admin:sources_snapshot_change", args=[snapshot.pk]))
    body = page.content.decode()
    assert "a" * 64 in body
    assert "<script>alert(1)</script>" not in body  # never rendered as HTML
    assert 'name="_save"' not in body


def test_evidence_queue_lists_quotes_not_found_or_changed(editor: Any) -> None:
    lost = EvidenceFactory(anchor_status="not_found", quote="a lost quote")
    EvidenceFactory(anchor_status="found", quote="a found quote")
    html = client_for(editor).get(reverse("admin:sources_evidence_changelist") + "?queue=quote").content.decode()
    assert f"/admin/sources/evidence/{lost.pk}/change/" in html


def test_failed_captures_queue_and_retry_action(editor: Any) -> None:
    failed = SnapshotFactory(status=Snapshot.Status.FAILED, error_message="HTTP 500")
    SnapshotFactory(status=Snapshot.Status.ARCHIVED, sha256="b" * 64)
    client = client_for(editor)
    url = reverse("admin:sources_snapshot_changelist")
    assert "HTTP 500" not in client.get(url).content.decode()  # the list shows columns, not the error text
    assert f"/admin/sources/snapshot/{failed.pk}/change/" in client.get(url + "?queue=failed").content.decode()
    from unittest import mock

    with mock.patch("sources.services.enqueue_on_commit"):
        client.post(url, {"action": "retry", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.status == Snapshot.Status.PENDING


def test_admin_group_members_are_staff_through_the_role_service() -> None:
    from claims.users import user_set_role

    user = UserFactory(username="adele")
    user_set_role(user=user, role="admin")
    assert user.is_staff
    assert client_for(user).get(reverse("admin:auth_user_changelist")).status_code == 200


def test_a_reviewer_flags_a_claim_and_it_reaches_the_editors_queue(alice: Any, editor: Any) -> None:
    from django.test import Client

    claim = ClaimFactory(text="A claim to look at")
    url = reverse("claims:claim_flag", args=[claim.pk])
    assert Client().post(url, {"reason": "x"}).status_code == 302  # anonymous: to the login page
    assert Claim.objects.get(pk=claim.pk).flagged_at is None
    response = client_for(alice).post(url, {"reason": "The quoted figure looks wrong"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.flagged_by == alice and claim.flag_reason == "The quoted figure looks wrong"
    queue = client_for(editor).get(reverse("admin:claims_claim_changelist") + "?queue=flagged").content.decode()
    assert "The quoted figure looks wrong" in queue
    assert HistoryEntry.objects.filter(object_id=str(claim.pk), via="ui", actor=alice).exists()
    assert client_for(alice).post(url, {"reason": "  "}).status_code == 302  # refused with a message, no change
