"""Shared fixtures. Users follow the healthchecks habit: alice and bob are
reviewers (bob is "the other reviewer"), carol is an editor, dave an admin."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _tasks_run_in_process(settings: Any) -> Iterator[None]:
    """Unit tests run Celery tasks in-process; integration tests start a real worker."""
    from factcheck.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def alice(db: None) -> Any:
    return UserFactory(username="alice", role="reviewer")


@pytest.fixture
def bob(db: None) -> Any:
    return UserFactory(username="bob", role="reviewer")


@pytest.fixture
def carol(db: None) -> Any:
    return UserFactory(username="carol", role="editor")


@pytest.fixture
def dave(db: None) -> Any:
    return UserFactory(username="dave", role="admin", is_staff=True)
