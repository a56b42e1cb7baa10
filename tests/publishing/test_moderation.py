"""Moderation meets the workflow: the admin's approve action asks the review policy; withdrawn and deleted
fact-checks on the public pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims import moderation
from claims.models import Claim
from publishing import services
from tests.publishing.conftest import S, bring_to, new_claim

pytestmark = pytest.mark.django_db


def test_the_admin_approves_the_queue_but_never_the_editors_own_verdict(
    workbench_roles: None, alice: Any, dave: Any, approver: Any
) -> None:
    theirs = bring_to(new_claim(title="A"), S.NEEDS_SECOND_REVIEW, author=alice, approver=approver)
    own = bring_to(new_claim(title="B"), S.NEEDS_SECOND_REVIEW, author=dave, approver=approver)
    client = Client()
    client.force_login(dave)
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "approve_selected", "_selected_action": [theirs.pk, own.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Claim.objects.get(pk=theirs.pk).status == S.READY
    assert Claim.objects.get(pk=own.pk).status == S.NEEDS_SECOND_REVIEW
    assert "1 verdicts approved" in response.content.decode()


def test_a_withdrawn_fact_check_shows_its_note_and_a_deleted_article_takes_it_off_the_public_pages(
    workbench_roles: None, alice: Any, approver: Any
) -> None:
    claim = bring_to(new_claim(), S.PUBLISHED, author=alice, approver=approver)
    services.claim_withdraw(claim=claim, note="The minutes were forged.", user=approver)
    page = Client().get(reverse("publishing:factcheck_detail", args=[claim.pk]))
    assert page.status_code == 200 and "The minutes were forged." in page.content.decode()
    moderation.article_delete(article=claim.article, by=approver)
    assert Client().get(reverse("publishing:factcheck_detail", args=[claim.pk])).status_code == 404
    listing = Client().get(reverse("publishing:factcheck_list")).content.decode()
    assert reverse("publishing:factcheck_detail", args=[claim.pk]) not in listing
