"""Panels other apps add to the claim page, without claims importing them.

An app to the right of claims (publishing) registers a function in its AppConfig.ready();
the claim page view calls each one and merges the dict it returns into the template
context. A panel names its own template (e.g. `workflow_template`), which the claim
template includes when it is set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from claims.models import Claim

ClaimPageHook = Callable[[HttpRequest, Claim], dict[str, Any]]
_claim_page_hooks: list[ClaimPageHook] = []


def register_claim_page_context(hook: ClaimPageHook) -> None:
    if hook not in _claim_page_hooks:
        _claim_page_hooks.append(hook)


def claim_page_context(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for hook in _claim_page_hooks:
        context.update(hook(request, claim))
    return context
