"""Soft delete hides a record from every list, the API and search; restore brings it back with its history."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from claims import moderation
from claims.models import Article, Claim, Verdict
from factcheck.lib.errors import InvalidTransition
from history.models import HistoryEntry
from publishing import services as publishing_services
from sources import moderation as source_moderation
from sources.models import Evidence
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, VerdictFactory
from tests.history.conftest import client_for

pytestmark = pytest.mark.django_db


def api_for(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def visible_everywhere(claim: Claim, user: Any) -> dict[str, bool]:
    client, api = client_for(user), api_for(user)
    article_page = client.get(reverse("claims:article_detail", args=[claim.article_id])).content.decode()
    queue = client.get(reverse("claims:review_queue")).content.decode()
    api_list = api.get(reverse("api-article-claims", args=[claim.article_id])).json()
    admin_list = client_for(user).get(reverse("admin:claims_claim_changelist") + "?q=council").content.decode()
    return {
        "article page": reverse("claims:claim_detail", args=[claim.pk]) in article_page,
        "review queue": reverse("claims:claim_detail", args=[claim.pk]) in queue,
        "claim page": client.get(reverse("claims:claim_detail", args=[claim.pk])).status_code == 200,
        "api list": any(c["id"] == claim.pk for c in api_list["results"]),
        "api detail": api.get(reverse("api-claim", args=[claim.pk])).status_code == 200,
        "admin search": f"/admin/claims/claim/{claim.pk}/change/" in admin_list,
    }


def test_a_deleted_claim_is_hidden_everywhere_and_restore_brings_it_back(editor: Any) -> None:
    claim = ClaimFactory(article=ArticleFactory(title="Council budget"))
    assert all(visible_everywhere(claim, editor).values())
    moderation.claim_delete(claim=claim, by=editor)
    assert not any(visible_everywhere(claim, editor).values()), visible_everywhere(claim, editor)
    assert Claim.all_objects.filter(pk=claim.pk).exists()  # kept
    deleted_list = client_for(editor).get(reverse("admin:claims_claim_changelist") + "?deleted=yes")
    assert f"/admin/claims/claim/{claim.pk}/change/" in deleted_list.content.decode()
    moderation.claim_restore(claim=claim, by=editor)
    assert all(visible_everywhere(claim, editor).values())
    history = api_for(editor).get(reverse("api-claim-history", args=[claim.pk])).json()["results"]
    assert [e["action"] for e in history][:2] == ["restored", "deleted"]


def test_deleting_an_article_hides_its_claims_and_verdicts_and_restore_only_brings_those(editor: Any) -> None:
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    deleted_before = ClaimFactory(article=article, start=10, end=20)
    moderation.claim_delete(claim=deleted_before, by=editor)
    verdict = VerdictFactory(claim=claim)
    moderation.article_delete(article=article, by=editor)
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Claim.objects.filter(pk=claim.pk).exists() and not Verdict.objects.filter(pk=verdict.pk).exists()
    assert client_for(editor).get(reverse("claims:article_list")).content.decode().count(article.title) == 0
    moderation.article_restore(article=article, by=editor)
    assert Claim.objects.filter(pk=claim.pk).exists() and Verdict.objects.filter(pk=verdict.pk).exists()
    assert not Claim.objects.filter(pk=deleted_before.pk).exists()  # deleted on its own, stays deleted


def test_deleted_evidence_leaves_the_claim_page_and_the_api(editor: Any) -> None:
    evidence = EvidenceFactory(note="phoned the ministry")
    claim = evidence.claim
    url = reverse("api-claim-evidence", args=[claim.pk])
    source_moderation.evidence_delete(evidence=evidence, by=editor)
    page = client_for(editor).get(reverse("claims:claim_detail", args=[claim.pk])).content.decode()
    assert "phoned the ministry" not in page
    assert api_for(editor).get(url).json()["results"] == []
    source_moderation.evidence_restore(evidence=evidence, by=editor)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_published_fact_check_cannot_be_deleted_only_withdrawn_with_a_note(editor: Any) -> None:
    claim = ClaimFactory(status=Claim.Status.PUBLISHED)
    with pytest.raises(InvalidTransition):
        moderation.claim_delete(claim=claim, by=editor)
    with pytest.raises(InvalidTransition):
        moderation.article_delete(article=claim.article, by=editor)
    withdrawn = publishing_services.claim_withdraw(claim=claim, note="The study was retracted.", user=editor)
    assert withdrawn.withdrawn_at is not None and withdrawn.withdrawal_note == "The study was retracted."
    assert HistoryEntry.objects.filter(object_id=str(claim.pk), changes__icontains="retracted").exists()


def test_reviewers_cannot_delete_or_restore(alice: Any) -> None:
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        moderation.claim_delete(claim=claim, by=alice)
    with pytest.raises(PermissionDenied):
        moderation.article_delete(article=claim.article, by=alice)


def test_re_extraction_keeps_a_deleted_claim_deleted(editor: Any) -> None:
    from claims.services import article_run_extraction

    article = ArticleFactory(
        body="The council approved 12 million euros on 3 March 2025.\n", extraction_status="pending"
    )
    article_run_extraction(article_id=article.pk)
    claim = Claim.objects.filter(article=article).first()
    assert claim is not None
    moderation.claim_delete(claim=claim, by=editor)
    Article.objects.filter(pk=article.pk).update(extraction_status="pending")
    article_run_extraction(article_id=article.pk)
    assert not Claim.objects.filter(article=article, start=claim.start, end=claim.end).exists()
    assert Claim.all_objects.filter(pk=claim.pk, deleted_at__isnull=False).exists()
