"""The review policy as a table: role × action × state → allowed, with a reason when not."""

from __future__ import annotations

from typing import Any

import pytest

from claims import policy
from claims.models import Claim
from tests.factories import ClaimFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db

S = Claim.Status
# persona → (role, writes the verdict?)
PERSONAS = {
    "reviewer_author": ("reviewer", True),
    "other_reviewer": ("reviewer", False),
    "editor_author": ("editor", True),
    "other_editor": ("editor", False),
    "admin": ("admin", False),
    "no_role": (None, False),
}
# action, claim state, personas allowed
TABLE = [
    ("record_verdict", S.IN_REVIEW, {"reviewer_author", "other_reviewer", "editor_author", "other_editor", "admin"}),
    ("submit", S.IN_REVIEW, {"reviewer_author", "editor_author", "other_editor", "admin"}),
    ("approve", S.NEEDS_SECOND_REVIEW, {"other_editor", "admin"}),
    ("send_back", S.NEEDS_SECOND_REVIEW, {"editor_author", "other_editor", "admin"}),
    ("publish", S.READY, {"editor_author", "other_editor", "admin"}),
    ("correct", S.PUBLISHED, {"editor_author", "other_editor", "admin"}),
    ("reopen", S.DISMISSED, {"editor_author", "other_editor", "admin"}),
    ("start_review", S.NEW, {"reviewer_author", "other_reviewer", "editor_author", "other_editor", "admin"}),
]


def setup(persona: str, state: str) -> tuple[Any, Claim, Any]:
    role, author = PERSONAS[persona]
    user = UserFactory(role=role)
    writer = user if author else UserFactory(role="reviewer")
    claim = ClaimFactory(status=state)
    return user, claim, VerdictFactory(claim=claim, reviewer=writer)


@pytest.mark.parametrize(("action", "state", "allowed"), TABLE, ids=[row[0] for row in TABLE])
@pytest.mark.parametrize("persona", list(PERSONAS))
def test_policy_table(persona: str, action: str, state: str, allowed: set[str]) -> None:
    user, claim, verdict = setup(persona, state)
    decision = policy.check(action, user, claim, verdict)
    assert decision.allowed == (persona in allowed)
    if not decision.allowed:
        assert decision.forbidden and str(decision.reason)


@pytest.mark.parametrize("action", ["submit", "approve", "publish", "correct"])
def test_an_action_in_the_wrong_state_is_refused_for_the_moment_not_the_person(action: str) -> None:
    user, claim, verdict = setup("other_editor", S.NEW)
    decision = policy.check(action, user, claim, verdict)
    assert not decision.allowed and not decision.forbidden and str(decision.reason)


def test_a_superuser_without_group_is_an_admin() -> None:
    root = UserFactory(is_superuser=True)
    claim = ClaimFactory(status=S.NEEDS_SECOND_REVIEW)
    assert policy.can_approve(root, claim, VerdictFactory(claim=claim))


def test_approval_reason_says_the_author_cannot_approve() -> None:
    user, claim, verdict = setup("editor_author", S.NEEDS_SECOND_REVIEW)
    assert "not the verdict's author" in str(policy.can_approve(user, claim, verdict).reason)


def test_the_anonymous_user_may_do_nothing() -> None:
    from django.contrib.auth.models import AnonymousUser

    claim = ClaimFactory()
    assert not any(policy.allowed_actions(AnonymousUser(), claim, None).values())
