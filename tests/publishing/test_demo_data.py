"""`make run`'s demo data includes one published fact-check, made through the workflow services."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from publishing.models import Publication, WorkflowEvent

pytestmark = pytest.mark.django_db


def test_demo_data_publishes_one_fact_check_once(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.DEBUG = True
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        call_command("demo_data", stdout=out)
        call_command("demo_data", stdout=StringIO())
    publication = Publication.objects.get()
    assert f"/fact-checks/{publication.claim_id}/" in out.getvalue()
    assert publication.sources[0]["sha256"] and publication.sources[0]["quote_in_snapshot"]
    assert publication.override_reason == ""
    actions = set(WorkflowEvent.objects.values_list("action", flat=True))
    assert actions == {"verdict", "submitted", "approved", "published"}
    page = Client().get(f"/fact-checks/{publication.claim_id}/")
    assert page.status_code == 200 and "Mostly false" in page.content.decode()


def test_demo_data_prints_an_admin_account_that_opens_the_admin(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.DEBUG = True
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        call_command("demo_data", stdout=out)
    assert "username 'admin', password 'admin-demo-2026'" in out.getvalue()
    client = Client()
    signed_in = client.post("/admin/login/", {"username": "admin", "password": "admin-demo-2026", "next": "/admin/"})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
