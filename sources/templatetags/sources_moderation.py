from __future__ import annotations

from typing import Any

from django import template

from sources import domains, watch

register = template.Library()


@register.simple_tag
def domain_rule(host: str) -> Any:
    """The editors' rule covering a source's domain (None when there is none)."""
    return domains.rule_for(host)


@register.simple_tag
def open_page_changes(claim_id: int) -> Any:
    return watch.claim_page_changes(claim_id=claim_id)
