"""Editors' list of domains: reliability ratings and blocks. A rule covers the domain and its subdomains; the
most specific rule wins. ``block_reason`` is the predicate the fetcher calls on every hop."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sources.models import Domain


def normalise_domain(value: str) -> str:
    host = value.strip().lower().rstrip(".")
    if "://" in host:
        from urllib.parse import urlsplit

        host = urlsplit(host).hostname or ""
    host = host.removeprefix("www.") if host.count(".") >= 2 else host
    if not host or "/" in host or " " in host:
        raise ValidationError({"domain": _("Enter a domain name such as example.org.")})
    return host


def _candidates(host: str) -> list[str]:
    """``a.b.example.org`` → [a.b.example.org, b.example.org, example.org, org], most specific first."""
    host = host.strip().lower().rstrip(".").strip("[]")
    if not host:
        return []
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


def rule_for(host: str) -> Domain | None:
    candidates = _candidates(host)
    if not candidates:
        return None
    rules = {d.domain: d for d in Domain.objects.filter(domain__in=candidates)}
    for name in candidates:
        if name in rules:
            return rules[name]
    return None


def block_reason(host: str) -> str | None:
    """A readable refusal when ``host`` (or a parent domain) is blocked, else None."""
    candidates = _candidates(host)
    if not candidates:
        return None
    blocked = {
        d.domain: d.blocked_reason for d in Domain.objects.filter(domain__in=candidates, blocked=True).only("domain")
    }
    for name in candidates:
        if name in blocked:
            return _("The domain %(domain)s is blocked by the editors: %(reason)s") % {
                "domain": name,
                "reason": blocked[name],
            }
    return None


def is_blocked(host: str) -> bool:
    return block_reason(host) is not None


def rating_for(host: str) -> str:
    """The rating value ("" when unrated) of the rule that covers ``host``."""
    rule = rule_for(host)
    return rule.rating if rule is not None else ""


def rating_in(rules: dict[str, Domain], host: str) -> str:
    """The rating ("" when unrated) of the most specific rule of ``rules`` (domain → rule) covering ``host``."""
    rule = next((rules[c] for c in _candidates(host) if c in rules), None)
    return rule.rating if rule is not None else ""


def ratings_for(hosts: set[str]) -> dict[str, Domain | None]:
    """One query for many hosts (evidence lists)."""
    candidates = {c for host in hosts for c in _candidates(host)}
    rules = {d.domain: d for d in Domain.objects.filter(domain__in=candidates)}
    result: dict[str, Domain | None] = {}
    for host in hosts:
        result[host] = next((rules[c] for c in _candidates(host) if c in rules), None)
    return result


@transaction.atomic
def domain_set(
    *, domain: str, rating: str = "", note: str = "", blocked: bool = False, blocked_reason: str = "", by: Any = None
) -> Domain:
    """Create or update an editor's rule for a domain."""
    name = normalise_domain(domain)
    if rating not in Domain.Rating.values:
        raise ValidationError({"rating": _("Choose one of the ratings.")})
    if blocked and not blocked_reason.strip():
        raise ValidationError({"blocked_reason": _("Say why the domain is blocked; reviewers will read it.")})
    rule = Domain.objects.filter(domain=name).first() or Domain(domain=name)
    rule.rating = rating
    rule.note = note.strip()
    rule.blocked = blocked
    rule.blocked_reason = blocked_reason.strip() if blocked else ""
    rule.save()
    return rule
