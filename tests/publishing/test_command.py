"""`manage.py claim_workflow` obeys the same review policy as the UI and the API."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.publishing.conftest import S, bring_to, new_claim

pytestmark = pytest.mark.django_db


def test_the_command_refuses_what_the_policy_refuses(alice: Any, carol: Any, approver: Any) -> None:
    claim = bring_to(new_claim(), S.NEEDS_SECOND_REVIEW, author=alice, approver=approver)
    with pytest.raises(CommandError, match="not the verdict's author"):
        call_command("claim_workflow", claim.pk, "approve", "--as", "alice")
    with pytest.raises(CommandError, match="Only an editor can publish"):
        call_command("claim_workflow", claim.pk, "publish", "--as", "alice")
    out = StringIO()
    call_command("claim_workflow", claim.pk, "approve", "--as", "carol", stdout=out)
    assert "ready to publish" in out.getvalue()
    call_command("claim_workflow", claim.pk, "publish", "--as", "carol", stdout=out)
    claim.refresh_from_db()
    assert claim.status == S.PUBLISHED
