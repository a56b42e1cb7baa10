"""Every write leaves exactly the history rows expected: who, through what, which field, old and new."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import token_create
from claims import moderation, services
from claims.models import Claim, Verdict
from history.context import acting_as
from history.models import HistoryEntry
from publishing import services as publishing
from sources.domains import domain_set
from sources.models import Domain, Evidence, Snapshot
from sources.services import evidence_attach
from tests.factories import ClaimFactory, EvidenceFactory, SnapshotFactory, SourceFactory, default_rating
from tests.history.conftest import client_for

pytestmark = pytest.mark.django_db


def entries_for(obj: Any) -> list[HistoryEntry]:
    return list(
        HistoryEntry.objects.filter(content_type__model=obj._meta.model_name, object_id=str(obj.pk)).order_by("id")
    )


def fields_of(entry: HistoryEntry) -> dict[str, tuple[Any, Any]]:
    return {c["field"]: (c["old"], c["new"]) for c in entry.changes}


def test_a_status_change_in_the_ui_is_recorded_with_the_user_and_ui(claim: Claim, alice: Any) -> None:
    before = HistoryEntry.objects.count()
    response = client_for(alice).post(
        reverse("claims:claim_set_status", args=[claim.pk]), {"status": "in_review", "version": claim.version}
    )
    assert response.status_code == 302
    assert HistoryEntry.objects.count() == before + 1
    entry = entries_for(claim)[-1]
    assert (entry.action, entry.via, entry.actor, entry.actor_label) == ("changed", "ui", alice, "alice")
    assert fields_of(entry) == {"status": ("new", "in_review")}  # version and updated_at are bookkeeping
    assert entry.claim_ref == claim.pk and entry.article_ref == claim.article_id


def test_an_api_write_is_recorded_as_api_with_the_token(claim: Claim, alice: Any) -> None:
    _token, secret = token_create(user=alice, name="CMS")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    response = client.patch(
        reverse("api-claim", args=[claim.pk]), {"status": "in_review"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.content
    entry = entries_for(claim)[-1]
    assert (entry.via, entry.actor_label, entry.token_name) == ("api", "alice", "CMS")


def test_a_verdict_leaves_one_created_row_and_one_claim_change(claim: Claim, alice: Any) -> None:
    cited = EvidenceFactory(claim=claim)
    claim.refresh_from_db()
    before = HistoryEntry.objects.count()
    with acting_as(alice, "ui"):
        verdict = publishing.verdict_record(
            claim=claim,
            user=alice,
            rating=default_rating(),
            summary="No.",
            evidence=[cited.pk],
            expected_version=claim.version,
        )
    assert HistoryEntry.objects.count() == before + 2
    [created] = entries_for(verdict)
    assert created.action == "created" and created.claim_ref == claim.pk
    assert fields_of(created)["summary"] == (None, "No.")
    assert fields_of(entries_for(claim)[-1]) == {"status": ("new", "in_review")}


def test_attaching_evidence_records_the_source_the_snapshot_and_the_evidence(claim: Claim, alice: Any) -> None:
    before = HistoryEntry.objects.count()
    with acting_as(alice, "ui"):
        evidence = evidence_attach(claim=claim, url="https://news.example/a", stance="supports", added_by=alice)
    assert HistoryEntry.objects.count() == before + 3
    kinds = set(
        HistoryEntry.objects.order_by("-id")[:3].values_list("content_type__model", "action", "via", "actor_label")
    )
    assert kinds == {
        ("source", "created", "ui", "alice"),
        ("snapshot", "created", "ui", "alice"),
        ("evidence", "created", "ui", "alice"),
    }
    assert entries_for(evidence)[0].claim_ref == claim.pk


def test_a_bulk_assignment_records_one_row_per_claim(editor: Any, alice: Any) -> None:
    claims = [ClaimFactory() for _ in range(3)]
    before = HistoryEntry.objects.count()
    with acting_as(editor, "admin"):
        assert moderation.claims_assign(claims=claims, assignee=alice, by=editor) == 3
    assert HistoryEntry.objects.count() == before + 3
    for claim in claims:
        entry = entries_for(claim)[-1]
        assert (entry.via, entry.actor_label) == ("admin", "erin")
        assert fields_of(entry) == {"assignee": (None, alice.pk)}


def test_queryset_update_and_bulk_update_are_recorded_with_old_and_new() -> None:
    first, second = ClaimFactory(), ClaimFactory()
    before = HistoryEntry.objects.count()
    Claim.objects.filter(pk__in=[first.pk, second.pk]).update(status="dismissed")
    assert HistoryEntry.objects.count() == before + 2
    first.refresh_from_db()
    first.kind, second.kind = "quantity", "other"  # second's kind does not change: no row for it
    second.refresh_from_db()
    second.kind = "other"
    Claim.objects.bulk_update([first, second], ["kind"])
    assert HistoryEntry.objects.count() == before + 3
    entry = entries_for(first)[-1]
    assert (entry.via, fields_of(entry)) == ("command", {"kind": ("other", "quantity")})


def test_a_worker_write_is_the_workers(settings: Any, httpserver: Any) -> None:
    from sources.tasks import archive_snapshot

    settings.FETCH_ALLOWLIST = [f"{httpserver.host}:{httpserver.port}"]
    source = SourceFactory(url=httpserver.url_for("/page"), canonical_url=httpserver.url_for("/page"))
    domain_set(domain=httpserver.host, blocked=True, blocked_reason="hostile site")
    snapshot = SnapshotFactory(source=source)
    before = HistoryEntry.objects.count()
    archive_snapshot.apply(args=(snapshot.pk,))
    snapshot.refresh_from_db()
    assert snapshot.status == Snapshot.Status.FAILED
    rows = list(HistoryEntry.objects.filter(pk__gt=0).order_by("id"))[before:]
    assert [(r.via, r.actor_label) for r in rows] == [("worker", "worker"), ("worker", "worker")]
    assert [fields_of(r)["status"] for r in rows] == [("pending", "fetching"), ("fetching", "failed")]
    assert "hostile site" in fields_of(rows[-1])["error_message"][1]
    assert len(httpserver.log) == 0


def test_a_role_change_is_recorded_on_the_user(alice: Any, editor: Any) -> None:
    with acting_as(editor, "admin"):
        alice.groups.add(Group.objects.get(name="editor"))
    entry = entries_for(alice)[-1]
    assert fields_of(entry) == {"groups": (["reviewer"], ["editor", "reviewer"])}
    assert entry.actor_label == "erin"


def test_soft_delete_and_restore_are_recorded_as_such(editor: Any) -> None:
    claim = ClaimFactory()
    verdict = Verdict.objects.create(claim=claim, rating=default_rating(), summary="x", reviewer=editor)
    moderation.claim_delete(claim=claim, by=editor)
    moderation.claim_restore(claim=claim, by=editor)
    assert [e.action for e in entries_for(claim)] == ["created", "deleted", "restored"]
    assert [e.action for e in entries_for(verdict)] == ["created", "deleted", "restored"]


def test_rating_scales_domains_and_evidence_edits_are_recorded(editor: Any) -> None:
    rating = default_rating()
    rating.description = "Plainly wrong."
    rating.save()
    assert fields_of(entries_for(rating)[-1])["description"][1] == "Plainly wrong."
    rule = domain_set(domain="satire.example", rating=Domain.Rating.SATIRE)
    domain_set(domain="satire.example", rating=Domain.Rating.UNRELIABLE)
    assert fields_of(entries_for(rule)[-1]) == {"rating": ("satire", "unreliable")}
    evidence = Evidence.objects.create(claim=ClaimFactory(), source=SourceFactory(), stance="supports")
    evidence.note = "checked by phone"
    evidence.save()
    assert fields_of(entries_for(evidence)[-1]) == {"note": ("", "checked by phone")}


# --- read-only everywhere -----------------------------------------------------------


def test_history_is_read_only_in_the_admin(editor: Any, dave: Any, claim: Claim) -> None:
    Claim.objects.filter(pk=claim.pk).update(status="in_review")
    entry = HistoryEntry.objects.latest("id")
    for user in (editor, dave):
        client = client_for(user)
        assert client.get(reverse("admin:history_historyentry_changelist")).status_code == 200
        assert client.get(reverse("admin:history_historyentry_add")).status_code == 403
        assert client.post(reverse("admin:history_historyentry_delete", args=[entry.pk])).status_code == 403
        page = client.get(reverse("admin:history_historyentry_change", args=[entry.pk]))
        assert page.status_code == 200
        assert b'name="_save"' not in page.content  # view only
    assert HistoryEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_history_page_of_a_claim_shows_every_change(editor: Any, claim: Claim) -> None:
    Claim.objects.filter(pk=claim.pk).update(status="in_review")
    page = client_for(editor).get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>Status</strong>: New → In review" in html and "Command" in html


def test_claim_history_api_lists_changes_and_refuses_writes(claim: Claim, alice: Any, nobody: Any) -> None:
    services.claim_set_status(claim=claim, status="in_review", user=alice)
    client = APIClient()
    client.force_authenticate(alice)
    url = reverse("api-claim-history", args=[claim.pk])
    data = client.get(url).json()
    assert data["results"][0]["action"] == "changed"
    assert data["results"][0]["changes"] == [{"field": "status", "old": "new", "new": "in_review"}]
    assert data["results"][0]["via"] == "command"
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(url, {}, format="json").status_code == 405
    assert APIClient().get(url).status_code == 401
    other = APIClient()
    other.force_authenticate(nobody)
    assert other.get(url).status_code == 403
    article_url = reverse("api-article-history", args=[claim.article_id])
    assert client.get(article_url).json()["results"][0]["action"] == "created"


def test_the_claim_page_shows_the_timeline(claim: Claim, alice: Any) -> None:
    client = client_for(alice)
    client.post(reverse("claims:claim_set_status", args=[claim.pk]), {"status": "in_review", "version": 1})
    html = client.get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert "History of changes" in html and "by alice via Web UI" in html
    article_html = client.get(reverse("claims:article_detail", args=[claim.article_id])).content.decode()
    assert 'id="timeline"' in article_html
