"""Shared fixtures. Users follow the healthchecks habit: alice and bob are
reviewers (bob is "the other reviewer"), carol is an editor, dave an admin."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.factories import ArticleFactory, ClaimFactory, UserFactory


def pytest_configure(config: pytest.Config) -> None:
    """Tests hash passwords with a fast hasher: the view and API tests spent most of their time in PBKDF2."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_in_process(settings: Any) -> Iterator[None]:
    """Unit tests run Celery tasks in-process; integration tests start a real worker."""
    from factcheck.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _english_unless_a_test_asks(settings: Any) -> Iterator[None]:
    """The workbench is French by default (settings.LANGUAGE_CODE = "fr", see tests/factcheck/test_i18n.py).

    Tests are written against the English source strings, so they run in English unless they ask for
    French (an Accept-Language header, the language cookie, or `translation.override("fr")`).
    """
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    translation.deactivate()


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


@pytest.fixture
def workbench_roles(transactional_db: None) -> None:
    """Recreate what the data migrations made (roles and their permissions, default rating scale).

    A transactional test ends with a flush that empties every table, including
    the rows the migration created, so tests that commit for real use this."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    from claims.models import Rating, RatingScale

    migration = importlib.import_module("claims.migrations.0002_roles_and_default_scale")
    for role, codenames in migration.ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.add(*Permission.objects.filter(content_type__app_label__in=migration.ADMIN_APPS))
    moderation = importlib.import_module("sources.migrations.0005_editor_moderation_permissions")
    editor = Group.objects.get(name="editor")
    for dotted in moderation.EDITOR_PERMISSIONS:
        app_label, codename = dotted.split(".")
        editor.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    admin.permissions.add(*Permission.objects.filter(content_type__app_label__in=moderation.ADMIN_APPS))
    publishing = importlib.import_module("publishing.migrations.0002_role_permissions")
    views = Permission.objects.filter(
        content_type__app_label="publishing", codename__in=[f"view_{m}" for m in publishing.MODELS]
    )
    for group in (editor, admin):
        group.permissions.add(*views)
    scale, _ = RatingScale.objects.get_or_create(name=migration.DEFAULT_SCALE, defaults={"is_default": True})
    for label, value, description in migration.DEFAULT_RATINGS:
        Rating.objects.get_or_create(scale=scale, label=label, defaults={"value": value, "description": description})


@pytest.fixture
def nobody(db: None) -> Any:
    """Logged in, but in no workbench group."""
    return UserFactory(username="nobody")


@pytest.fixture
def claim(alice: Any) -> Any:
    """A claim on an article alice created."""
    return ClaimFactory(article=ArticleFactory(created_by=alice, title="Council budget"))


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the random-order seed even under -q, so a failing order can be replayed."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int):
        terminalreporter.write_line(f"random order: replay with -p randomly --randomly-seed={seed}")
