"""The admin shows publications read-only and never lets anyone edit a claim's status or a verdict."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from claims.models import Claim
from tests.publishing.conftest import S, bring_to, new_claim

pytestmark = pytest.mark.django_db


def test_admin_cannot_set_a_claim_status_or_edit_verdicts(dave: Any, alice: Any, approver: Any) -> None:
    claim = bring_to(new_claim(), S.IN_REVIEW, author=alice, approver=approver)
    client = Client()
    client.force_login(dave)
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/")
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    client.post(f"/admin/claims/claim/{claim.pk}/change/", {"status": "published", "text": claim.text})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    verdict = claim.verdicts.get()
    assert client.get("/admin/claims/verdict/add/").status_code == 403
    client.post(f"/admin/claims/verdict/{verdict.pk}/change/", {"summary": "edited"})  # every field is read-only
    verdict.refresh_from_db()
    assert verdict.summary != "edited"


def test_admin_lists_publications_read_only(dave: Any, alice: Any, approver: Any) -> None:
    claim = bring_to(new_claim(), S.PUBLISHED, author=alice, approver=approver)
    client = Client()
    client.force_login(dave)
    assert client.get("/admin/publishing/publication/").status_code == 200
    assert client.get("/admin/publishing/publication/add/").status_code == 403
    assert client.get(f"/admin/publishing/publication/{claim.pk}/delete/").status_code == 403
