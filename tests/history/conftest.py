from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import UserFactory


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(db: None) -> Any:
    """An editor as the data migration and claims.users.user_set_role make them: staff, editor group only."""
    return UserFactory(username="erin", role="editor", is_staff=True)
