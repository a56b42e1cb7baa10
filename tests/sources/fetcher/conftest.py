"""Fixtures of the fetcher tests (defined in support.py)."""

from tests.sources.fetcher.support import connect_spy, gate, servers, web

__all__ = ["connect_spy", "gate", "servers", "web"]
