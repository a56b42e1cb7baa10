"""The README's API examples work as written: its curl commands are replayed against a live server."""

from __future__ import annotations

import json
import re
import shlex
import urllib.request
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

README = Path(__file__).resolve().parents[2] / "README.md"
MARKER = "<!-- readme-api-example"


def example_lines() -> list[str]:
    text = README.read_text()
    block = text[text.index(MARKER) :]
    block = block[block.index("```sh\n") + 6 :]
    block = block[: block.index("```")]
    return [line.strip() for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def curl_commands() -> list[list[str]]:
    return [shlex.split(line) for line in example_lines() if line.startswith("curl")]


def token_from_readme() -> str:
    """Run the block's `TOKEN=$(.venv/bin/python manage.py …)` line as the shell would, return what it prints."""
    (line,) = [line for line in example_lines() if line.startswith("TOKEN=$(")]
    argv = shlex.split(line.removeprefix("TOKEN=$(").split(")", 1)[0])
    assert argv[:2] == [".venv/bin/python", "manage.py"], argv
    out = StringIO()
    call_command(*argv[2:], stdout=out)
    return out.getvalue().strip()


def replay(argv: list[str], base: str, token: str) -> tuple[int, Any]:
    headers: dict[str, str] = {}
    data: bytes | None = None
    url = ""
    args = iter(argv[1:])
    for arg in args:
        if arg == "-H":
            name, _, value = next(args).partition(":")
            headers[name.strip()] = value.strip().replace("$TOKEN", token)
        elif arg == "-d":
            data = next(args).encode()
        elif arg.startswith("http"):
            url = re.sub(r"^http://127\.0\.0\.1:8000", base, arg)
        else:
            raise AssertionError(f"curl option the test does not know: {arg}")
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


@pytest.mark.django_db(transaction=True)
def test_readme_curl_examples_run_as_written(live_server: Any, workbench_roles: None) -> None:
    from tests.factories import UserFactory

    UserFactory(username="reviewer", role="reviewer")  # the demo account `make run` creates (demo_data)
    token = token_from_readme()
    commands = curl_commands()
    assert len(commands) == 3
    results = [replay(argv, live_server.url, token) for argv in commands]
    assert results[0] == (200, results[0][1]) and results[0][1]["username"] == "reviewer"
    assert results[0][1]["token"]["name"] == "readme"
    assert results[1][0] == 201 and results[1][1]["title"] == "Budget"
    assert results[2][0] == 200 and "results" in results[2][1]
    # the idempotent example can be pasted twice
    assert replay(commands[1], live_server.url, token)[1]["id"] == results[1][1]["id"]
