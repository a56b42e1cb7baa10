"""API tokens: hashed, named, expiring, revocable from the profile page, the API, the admin and a command."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import token_create, tokens_revoke_all

pytestmark = pytest.mark.django_db


def token_client(secret: str, keyword: str = "Token") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {secret}")
    return client


def test_only_a_hash_and_a_short_prefix_are_stored(alice: Any) -> None:
    token, secret = token_create(user=alice, name="CMS")
    assert len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(stored.prefix) and len(stored.prefix) < 16
    assert secret not in {getattr(stored, f.attname) for f in ApiToken._meta.concrete_fields}


def test_token_and_bearer_headers_authenticate_and_record_last_use(alice: Any) -> None:
    token, secret = token_create(user=alice, name="CMS")
    assert token_client(secret).get("/api/v1/me/").json()["username"] == "alice"
    assert token_client(secret, "Bearer").get("/api/v1/articles/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("state", ["revoked", "expired", "inactive user", "unknown"])
def test_unusable_tokens_get_401_problems(alice: Any, state: str) -> None:
    token, secret = token_create(user=alice, name="CMS", expires_in_days=1)
    if state == "revoked":
        tokens_revoke_all(user=alice)
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif state == "inactive user":
        alice.is_active = False
        alice.save()
    else:
        secret += "x"
    response = token_client(secret).get("/api/v1/articles/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "authentication_failed"


def test_tokens_api_lists_own_creates_once_and_revokes(alice: Any, bob: Any) -> None:
    token_create(user=bob, name="bob's bot")
    _t, secret = token_create(user=alice, name="first")
    client = token_client(secret)
    created = client.post("/api/v1/tokens/", {"name": "chat bot", "expires_in_days": 30}, format="json")
    assert created.status_code == 201
    new_secret = created.json()["token"]
    assert created.json()["expires_at"] is not None
    listed = client.get("/api/v1/tokens/").json()["results"]
    assert {t["name"] for t in listed} == {"first", "chat bot"}
    assert all("token" not in t for t in listed)
    bobs = ApiToken.objects.get(user=bob)
    assert client.delete(f"/api/v1/tokens/{bobs.pk}/").status_code == 404
    assert client.delete(f"/api/v1/tokens/{created.json()['id']}/").status_code == 204
    assert token_client(new_secret).get("/api/v1/me/").status_code == 401
    assert ApiToken.objects.get(pk=bobs.pk).revoked_at is None


def test_me_shows_roles_and_the_token_used(carol: Any) -> None:
    _t, secret = token_create(user=carol, name="dashboard")
    data = token_client(secret).get("/api/v1/me/").json()
    assert data["roles"] == ["editor"]
    assert data["token"]["name"] == "dashboard"


def test_profile_page_creates_shows_once_and_revokes(client: Any, alice: Any) -> None:
    client.force_login(alice)
    assert client.get("/accounts/profile/").status_code == 200
    response = client.post("/accounts/profile/tokens/", {"name": "CMS import", "expires_in_days": ""})
    assert response.status_code == 201
    token = ApiToken.objects.get(user=alice)
    secret = response.context["new_secret"]
    assert secret.startswith(token.prefix) and secret in response.content.decode()
    assert secret not in client.get("/accounts/profile/").content.decode()
    client.post(f"/accounts/profile/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_profile_page_cannot_revoke_someone_elses_token(client: Any, alice: Any, bob: Any) -> None:
    token, _secret = token_create(user=bob, name="bob")
    client.force_login(alice)
    assert client.post(f"/accounts/profile/tokens/{token.pk}/revoke/").status_code == 404
    assert client.get("/accounts/profile/").status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None


def test_profile_page_needs_login(client: Any) -> None:
    assert client.get("/accounts/profile/").status_code == 302


def test_command_prints_a_working_token(alice: Any) -> None:
    out = StringIO()
    call_command("create_api_token", "alice", "--name", "CMS", "--expires", "7", stdout=out)
    secret = out.getvalue().strip()
    assert token_client(secret).get("/api/v1/me/").json()["username"] == "alice"
    token = ApiToken.objects.get(user=alice)
    assert token.name == "CMS" and token.expires_at is not None


def test_command_names_an_unknown_user(db: None) -> None:
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("create_api_token", "ghost")


def test_admin_creates_a_token_and_shows_the_secret_once(client: Any, dave: Any) -> None:
    dave.is_superuser = True
    dave.save()
    client.force_login(dave)
    response = client.post(
        "/admin/accounts/apitoken/add/",
        {"user": dave.pk, "name": "from admin", "expires_at_0": "", "expires_at_1": ""},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="from admin")
    shown = [str(m) for m in response.context["messages"]]
    assert any(token.prefix in m for m in shown)
