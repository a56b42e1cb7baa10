"""Settings come from the environment; production refuses unsafe defaults."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests for this process only.
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env={**clean, **env}, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_manage("check", env={"DEBUG": "0", "ALLOWED_HOSTS": "factcheck.example"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = run_manage("check", env={"DEBUG": "0", "SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_settings_pass_the_deploy_checklist() -> None:
    env = {"DEBUG": "0", "SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6, "ALLOWED_HOSTS": "factcheck.example"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout


def test_a_malformed_boolean_is_a_clear_error() -> None:
    result = run_manage("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_default_fetch_allowlist_is_empty() -> None:
    result = run_manage("shell", "-c", "from django.conf import settings; print(repr(settings.FETCH_ALLOWLIST))",
                        env={"FETCH_ALLOWLIST": ""})  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions() -> None:
    if connection.vendor != "sqlite":
        pytest.skip(f"the database is {connection.vendor}; WAL applies to the SQLite default only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_every_environment_variable_is_documented() -> None:
    settings_src = (REPO / "factcheck" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|float|list)\(\s*"([A-Z_]+)"', settings_src))
    example = {line.split("=", 1)[0] for line in (REPO / ".env.example").read_text().splitlines()
               if re.match(r"^[A-Z_]+=", line)}  # fmt: skip
    readme = (REPO / "README.md").read_text()
    assert read, "settings.py reads no variables?"
    assert read - example == set(), f"missing from .env.example: {sorted(read - example)}"
    undocumented = {name for name in read if f"`{name}`" not in readme}
    assert undocumented == set(), f"missing from README: {sorted(undocumented)}"


@pytest.mark.parametrize(("broker", "expected"), [("filesystem://", "2"), ("redis://127.0.0.1:6379/0", "1")])
def test_pool_children_reserve_ahead_more_on_the_polling_embedded_broker(broker: str, expected: str) -> None:
    code = "from django.conf import settings; print(settings.CELERY_WORKER_PREFETCH_MULTIPLIER)"
    result = run_manage("shell", "-c", code, env={"CELERY_BROKER_URL": broker, "CELERY_WORKER_PREFETCH_MULTIPLIER": ""})
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr
    forced = run_manage(
        "shell", "-c", code, env={"CELERY_BROKER_URL": broker, "CELERY_WORKER_PREFETCH_MULTIPLIER": "4"}
    )
    assert forced.stdout.strip().splitlines()[-1] == "4"


def test_claim_extraction_has_a_queue_of_its_own_that_a_plain_worker_consumes() -> None:
    """A pasted article is not queued behind captures and imports; a worker started without -Q still extracts."""
    from django.conf import settings as django_settings

    from factcheck.celery import app

    default, extraction = django_settings.CELERY_TASK_DEFAULT_QUEUE, django_settings.CELERY_EXTRACTION_QUEUE
    assert extraction == f"{default}.extraction"
    assert app.amqp.router.route({}, "claims.extract_article")["queue"].name == extraction
    assert app.amqp.router.route({}, "sources.archive_snapshot")["queue"].name == default
    assert {default, extraction} <= set(app.amqp.queues)


def test_the_extraction_queue_can_be_the_default_one() -> None:
    script = (
        "from factcheck.celery import app; "
        "print(sorted(app.amqp.queues), app.amqp.router.route({}, 'claims.extract_article')['queue'].name)"
    )
    result = run_manage("shell", "-c", script, env={"CELERY_QUEUE": "work", "CELERY_EXTRACTION_QUEUE": "work"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['work'] work"
