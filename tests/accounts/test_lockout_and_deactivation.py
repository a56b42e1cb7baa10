"""Sign-in lockout (django-axes) on both login pages, unlocking, and deactivation ending sessions and tokens."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import token_create
from claims import users
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN_PAGES = ["login", "admin:login"]


def sign_in(url_name: str, username: str, password: str) -> Any:
    return Client().post(reverse(url_name), {"username": username, "password": password})


def signed_in(response: Any) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.mark.parametrize("url_name", LOGIN_PAGES)
def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(url_name: str, carol: Any) -> None:
    carol.is_staff = True
    carol.save()
    for _ in range(9):
        assert sign_in(url_name, "carol", "wrong").status_code == 200  # the form again, with its error
    locked = sign_in(url_name, "carol", "wrong")
    assert locked.status_code == 429
    refused = sign_in(url_name, "carol", DEFAULT_PASSWORD)
    assert refused.status_code == 429 and not signed_in(refused)
    assert "Account locked" in refused.content.decode()


def test_the_command_unlocks_and_the_right_password_works_again(carol: Any) -> None:
    for _ in range(10):
        sign_in("login", "carol", "wrong")
    assert sign_in("login", "carol", DEFAULT_PASSWORD).status_code == 429
    call_command("axes_reset_username", "carol", stdout=StringIO())
    assert signed_in(sign_in("login", "carol", DEFAULT_PASSWORD))


def test_an_editor_unlocks_from_the_admin_and_a_reviewer_cannot(alice: Any, bob: Any) -> None:
    from axes.models import AccessAttempt

    for _ in range(10):
        sign_in("login", "bob", "wrong")
    editor = UserFactory(username="erin", role="editor", is_staff=True)
    attempt = AccessAttempt.objects.get(username="bob")
    with pytest.raises(PermissionDenied):
        users.user_unlock(username="bob", by=alice)
    client = Client()
    client.force_login(editor)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert client.get(changelist).status_code == 200
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert not AccessAttempt.objects.filter(username="bob").exists()
    assert signed_in(sign_in("login", "bob", DEFAULT_PASSWORD))


def test_password_validators_refuse_a_weak_password() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")


def test_deactivating_a_user_ends_their_sessions_and_their_token_answers_401(alice: Any, dave: Any) -> None:
    browser = Client()
    assert signed_in(browser.post(reverse("login"), {"username": "alice", "password": DEFAULT_PASSWORD}))
    _token, secret = token_create(user=alice, name="alice's laptop")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert api.get(reverse("api-ratings")).status_code == 200
    assert Session.objects.count() == 1

    users.user_deactivate(user=alice, by=dave)

    assert Session.objects.count() == 0
    assert api.get(reverse("api-ratings")).status_code == 401
    assert browser.get(reverse("claims:article_list")).status_code == 302  # back to the login page
    alice.refresh_from_db()
    assert not alice.is_active


def test_only_an_admin_deactivates(alice: Any, bob: Any) -> None:
    with pytest.raises(PermissionDenied):
        users.user_deactivate(user=bob, by=alice)


def test_editors_and_admins_are_staff_and_reviewers_are_not(alice: Any) -> None:
    users.user_set_role(user=alice, role="editor")
    assert alice.is_staff and not alice.is_superuser
    assert list(alice.groups.values_list("name", flat=True)) == ["editor"]
    users.user_set_role(user=alice, role="reviewer")
    assert not alice.is_staff
    assert Group.objects.get(name="reviewer") in alice.groups.all()
