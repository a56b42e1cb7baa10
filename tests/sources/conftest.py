"""Fixtures the sources tests share."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture
def site(httpserver: HTTPServer, settings: Any) -> HTTPServer:
    """The local web server, allowlisted for the fetcher, with no politeness delay and robots.txt not consulted."""
    settings.FETCH_ALLOWLIST = [f"{httpserver.host}:{httpserver.port}"]
    settings.FETCH_PER_HOST_DELAY = 0
    settings.FETCH_RESPECT_ROBOTS = False
    return httpserver
