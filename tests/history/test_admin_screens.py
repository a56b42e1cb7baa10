"""What an editor reads in the admin: filters and search on every model of ours, the history in words (field
labels, choice labels) rather than column names, and the approval queue saying whose verdict it is."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.urls import reverse

from claims.models import Claim
from claims.services import claim_set_status
from tests.factories import ClaimFactory, VerdictFactory
from tests.history.conftest import client_for

pytestmark = pytest.mark.django_db

OUR_APPS = {"claims", "sources", "history", "publishing", "accounts", "webhooks", "auth"}
MODEL_ADMINS = sorted(
    (model._meta.label, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in OUR_APPS and model._meta.model_name != "group"
)


@pytest.mark.parametrize(("label", "model_admin"), MODEL_ADMINS, ids=[label for label, _ in MODEL_ADMINS])
def test_every_model_admin_has_filters_and_search(label: str, model_admin: Any) -> None:
    assert model_admin.list_filter, f"{label} has no list filter"
    assert model_admin.search_fields, f"{label} has no search"


@pytest.mark.parametrize(("label", "model_admin"), MODEL_ADMINS, ids=[label for label, _ in MODEL_ADMINS])
def test_the_admin_searches_every_model(label: str, model_admin: Any, django_user_model: Any) -> None:
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    opts = model_admin.model._meta
    response = client_for(superuser).get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?q=budget")
    assert response.status_code == 200


def test_the_admin_history_page_speaks_in_labels_not_column_names(editor: Any) -> None:
    claim = ClaimFactory(status=Claim.Status.NEW)
    claim_set_status(claim=claim, status=Claim.Status.IN_REVIEW, user=editor)
    page = client_for(editor).get(reverse("admin:claims_claim_history", args=[claim.pk])).content.decode()
    assert "<strong>Status</strong>: New → In review" in page
    assert "in_review" not in page


def test_the_history_log_lists_what_changed(editor: Any) -> None:
    claim = ClaimFactory(status=Claim.Status.NEW)
    claim_set_status(claim=claim, status=Claim.Status.IN_REVIEW, user=editor)
    page = client_for(editor).get(reverse("admin:history_historyentry_changelist")).content.decode()
    assert "What changed" in page and ">Status<" in page


def test_the_approval_queue_shows_the_current_verdict_and_its_author(editor: Any, alice: Any) -> None:
    claim = ClaimFactory(status=Claim.Status.NEEDS_SECOND_REVIEW)
    VerdictFactory(claim=claim, reviewer=alice)
    page = client_for(editor).get(reverse("admin:claims_claim_changelist") + "?queue=second_review").content.decode()
    assert "by alice" in page
