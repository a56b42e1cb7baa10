"""Host names and IP literals: the spellings the guard and the policy's allowlist both read the same way."""

from __future__ import annotations

import ipaddress
import re

import idna

_NUMERIC_LABEL_RE = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")


def looks_numeric_ipv4(host: str) -> bool:
    """WHATWG 'ends in a number': such hosts are IPv4 addresses (possibly in odd spellings)."""
    last = host.rsplit(".", 1)[-1]
    return bool(_NUMERIC_LABEL_RE.match(last))


def canonical_ip(host: str) -> str | None:
    """The canonical text of an IP literal (no brackets), or None when ``host`` is not one."""
    try:
        return ipaddress.ip_address(host).compressed
    except ValueError:
        return None


def idna_host(host: str) -> str:
    """The host in ASCII (lower case; IDNA 2008 with UTS 46 mapping for non-ASCII names)."""
    if host.isascii():
        return host.lower()
    return idna.encode(host, uts46=True, transitional=False).decode("ascii")
