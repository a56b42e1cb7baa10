"""docker-compose.yml and the Dockerfile point at entry points that exist.

No Docker engine runs here, so these tests check what can be checked: the
services, their health checks and volumes, and that each command's module,
attribute or file is real."""

from __future__ import annotations

import importlib
import os
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def command_words(command: Any) -> list[str]:
    words = command if isinstance(command, list) else shlex.split(command)
    if words[:2] == ["sh", "-c"]:
        return shlex.split(words[2].replace("&&", " ; "))
    return [str(w) for w in words]


def assert_entry_points_exist(words: list[str]) -> None:
    checked = 0
    for i, word in enumerate(words):
        if re.fullmatch(r"[a-z_][\w.]*:[a-z_]\w*", word):  # gunicorn module:attribute
            module, attr = word.split(":")
            assert hasattr(importlib.import_module(module), attr), word
            checked += 1
        if word == "-A":  # celery -A app
            module = importlib.import_module(words[i + 1])
            assert hasattr(module, "celery_app") or hasattr(module, "app"), words[i + 1]
            checked += 1
        if word.endswith(".py"):
            assert (REPO / word).is_file(), word
            checked += 1
    assert checked, f"no entry point found in {words}"


def test_compose_runs_postgres_redis_web_and_worker_with_health_checks(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker"} <= set(services)
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], f"{name} has no health check"


def test_compose_keeps_the_database_and_the_archives_on_volumes(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert any("/var/lib/postgresql/data" in v for v in services["postgres"]["volumes"])
    for name in ("web", "worker"):
        assert any("/var/lib/factcheck" in v for v in services[name]["volumes"]), name
    assert {"pgdata", "archive"} <= set(compose["volumes"])


def test_the_extraction_worker_consumes_the_queue_extraction_is_routed_to(compose: dict[str, Any]) -> None:
    from django.conf import settings

    words = command_words(compose["services"]["worker-extraction"]["command"])
    queue = words[words.index("-Q") + 1].replace("$$", "$")  # compose's escape for the shell's $
    env = {k: v for k, v in os.environ.items() if k != "CELERY_EXTRACTION_QUEUE"}
    env["CELERY_QUEUE"] = settings.CELERY_TASK_DEFAULT_QUEUE
    seen = subprocess.run(["sh", "-c", f'printf %s "{queue}"'], env=env, capture_output=True, text=True).stdout
    assert seen == settings.CELERY_EXTRACTION_QUEUE == settings.CELERY_TASK_ROUTES["claims.extract_article"]["queue"]


@pytest.mark.parametrize("service", ["web", "worker", "worker-extraction"])
def test_compose_commands_point_at_entry_points_that_exist(compose: dict[str, Any], service: str) -> None:
    svc = compose["services"][service]
    assert_entry_points_exist(command_words(svc["command"]))
    assert svc["environment"]["DATABASE_URL"].startswith("postgres://")
    assert svc["environment"]["REDIS_URL"].startswith("redis://")
    assert svc["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_the_web_health_check_url_is_served(client: Any, compose: dict[str, Any], db: None) -> None:
    check = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    path = re.search(r"http://127\.0\.0\.1:8000(/\S*?)'", check).group(1)  # type: ignore[union-attr]
    response = client.get(path)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_dockerfile_command_points_at_an_entry_point_that_exists() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.M)
    assert cmd is not None
    assert_entry_points_exist(yaml.safe_load(cmd.group(1)))
