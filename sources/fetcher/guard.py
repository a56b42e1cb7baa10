"""The address and URL guard: what may be fetched at all, decided before any socket opens.

* the URL is checked syntactically (scheme, port, userinfo, control characters, backslashes, host length, numeric
  IPv4 spellings) and normalised;
* the host is resolved exactly once per hop and *every* address must be public, after unwrapping IPv4-mapped,
  IPv4-compatible, 6to4, Teredo and NAT64 addresses and checking an explicit deny list (``ipaddress.is_global``
  alone lets several of them through);
* ``FetchPolicy.allowlist`` (``host:port`` entries, empty by default) is the only way around the address and port
  checks, for that exact host and port.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

import idna

from sources.fetcher.errors import ConnectionFailed, URLRefused
from sources.fetcher.hosts import idna_host, looks_numeric_ipv4

if TYPE_CHECKING:
    from sources.fetcher.policy import FetchPolicy

Resolver = Callable[[str, int], list[str]]

MAX_URL_LENGTH = 8192
MAX_HOST_LENGTH = 253
DEFAULT_PORTS = {"http": 80, "https": 443}

# --------------------------------------------------------------------------- addresses

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Checked in addition to ``is_global``: some of these are "global" in some Python versions.
_V4_DENY: list[tuple[ipaddress.IPv4Network, str]] = [
    (_V4("0.0.0.0/8"), "'this network' / unspecified"),
    (_V4("10.0.0.0/8"), "private (RFC 1918)"),
    (_V4("100.64.0.0/10"), "carrier-grade NAT (RFC 6598)"),
    (_V4("127.0.0.0/8"), "loopback"),
    (_V4("169.254.0.0/16"), "link-local (cloud metadata)"),
    (_V4("172.16.0.0/12"), "private (RFC 1918)"),
    (_V4("192.0.0.0/24"), "IETF protocol assignments"),
    (_V4("192.0.2.0/24"), "documentation"),
    (_V4("192.88.99.0/24"), "6to4 relay anycast"),
    (_V4("192.168.0.0/16"), "private (RFC 1918)"),
    (_V4("198.18.0.0/15"), "benchmarking"),
    (_V4("198.51.100.0/24"), "documentation"),
    (_V4("203.0.113.0/24"), "documentation"),
    (_V4("224.0.0.0/4"), "multicast"),
    (_V4("240.0.0.0/4"), "reserved"),
    (_V4("255.255.255.255/32"), "broadcast"),
]
_V6_DENY: list[tuple[ipaddress.IPv6Network, str]] = [
    (_V6("::/128"), "unspecified"),
    (_V6("::1/128"), "loopback"),
    (_V6("::/96"), "IPv4-compatible (deprecated)"),
    (_V6("::ffff:0:0/96"), "IPv4-mapped"),
    (_V6("::ffff:0:0:0/96"), "IPv4-translated"),
    (_V6("64:ff9b:1::/48"), "local-use NAT64"),
    (_V6("100::/64"), "discard-only"),
    (_V6("2001::/23"), "IETF protocol assignments (Teredo, benchmarking, ORCHID)"),
    (_V6("2001:db8::/32"), "documentation"),
    (_V6("3fff::/20"), "documentation"),
    (_V6("5f00::/16"), "SRv6 segment identifiers"),
    (_V6("fc00::/7"), "unique local (private)"),
    (_V6("fe80::/10"), "link-local"),
    (_V6("fec0::/10"), "site-local (deprecated)"),
    (_V6("ff00::/8"), "multicast"),
]
_NAT64 = _V6("64:ff9b::/96")
_TEREDO = _V6("2001::/32")
_SIXTOFOUR = _V6("2002::/16")
_V4_COMPAT = _V6("::/96")


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """IPv4 addresses carried inside an IPv6 address, with the mechanism's name."""
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if addr.ipv4_mapped is not None:
        found.append(("IPv4-mapped", addr.ipv4_mapped))
    if addr in _V4_COMPAT and int(addr) > 1:
        found.append(("IPv4-compatible", ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)))
    if addr in _NAT64:
        found.append(("NAT64", ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)))
    if addr in _SIXTOFOUR and addr.sixtofour is not None:
        found.append(("6to4", addr.sixtofour))
    if addr in _TEREDO and addr.teredo is not None:
        server, client = addr.teredo
        found.extend([("Teredo server", server), ("Teredo client", client)])
    return found


def _ipv4_problem(addr: ipaddress.IPv4Address) -> str | None:
    for net, reason in _V4_DENY:
        if addr in net:
            return reason
    if not addr.is_global:
        return "not globally routable"
    return None


def address_problem(address: str | IPAddress) -> str | None:
    """Why ``address`` must not be contacted, or ``None`` if it is a public unicast address."""
    if isinstance(address, str):
        text = address.split("%", 1)[0]  # scope id
        try:
            addr: IPAddress = ipaddress.ip_address(text)
        except ValueError:
            return "not an IP address"
    else:
        addr = address
    if isinstance(addr, ipaddress.IPv4Address):
        return _ipv4_problem(addr)
    if addr.ipv4_mapped is not None:  # dialled as plain IPv4 (see _connect_address)
        problem = _ipv4_problem(addr.ipv4_mapped)
        return f"IPv4-mapped address embedding {addr.ipv4_mapped} ({problem})" if problem else None
    for mechanism, inner in _embedded_ipv4(addr):
        problem = _ipv4_problem(inner)
        if problem:
            return f"{mechanism} address embedding {inner} ({problem})"
    for net6, reason in _V6_DENY:
        if addr in net6:
            return reason
    if not addr.is_global:
        return "not globally routable"
    return None


def _connect_address(address: str) -> str:
    """The address to actually dial: IPv4-mapped IPv6 goes out as plain IPv4."""
    try:
        addr = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return str(addr.ipv4_mapped)
    return address


# --------------------------------------------------------------------------- URL validation


@dataclass(frozen=True)
class ParsedURL:
    scheme: Literal["http", "https"]
    host: str  # lowercase ASCII (IDNA) name or canonical IP text, no brackets, no trailing dot
    port: int
    target: str  # request target: path + query, always starting with "/"
    url: str  # normalised URL (no fragment, no default port)
    ip: str | None  # set when the host is an IP literal
    allowlisted: bool

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_LABEL_RE = re.compile(r"^[a-z0-9_](?:[a-z0-9_\-]{0,61}[a-z0-9_])?$")
_PATH_SAFE = "!#$%&'()*+,/:;=?@[]~"


def _refuse(url: str, message: str, code: str = "url_refused", **params: Any) -> URLRefused:
    return URLRefused(message, code=code, url=url, params=params)


@dataclass(frozen=True)
class URLParts:
    """The syntax of an http(s) URL, checked and normalised, before any policy applies."""

    url: str  # the URL as given, surrounding spaces removed
    scheme: Literal["http", "https"]
    host: str  # as in ``ParsedURL.host``
    port: int
    ip: str | None
    remainder: str  # everything after the authority: path, query and fragment, as written


def _check_characters(url: object) -> str:
    if not isinstance(url, str):
        raise _refuse(str(url), "URL must be a string")
    if len(url) > MAX_URL_LENGTH:
        raise _refuse(url[:100], f"URL is longer than {MAX_URL_LENGTH} characters", "url_too_long")
    if _CONTROL_RE.search(url):
        raise _refuse(url, "URL contains control characters (CR, LF, TAB or NUL)", "url_control_chars")
    if "\\" in url:
        raise _refuse(url, "URL contains a backslash", "url_backslash")
    return url.strip(" ")


def _split_authority(url: str) -> tuple[str, str, str]:
    """``(scheme, authority, remainder)``; refuses other schemes and userinfo."""
    match = _SCHEME_RE.match(url)
    if not match:
        raise _refuse(url, "URL must start with http:// or https://", "url_scheme")
    scheme = match.group(1).lower()
    if scheme not in DEFAULT_PORTS:
        raise _refuse(url, f"scheme {scheme!r} is not allowed: only http and https", "url_scheme")
    rest = url[match.end() :]
    if not rest.startswith("//"):
        raise _refuse(url, "URL must look like scheme://host/...", "url_syntax")
    rest = rest[2:]
    end = min([len(rest), *(pos for pos in (rest.find(sep) for sep in "/?#") if pos != -1)])
    authority = rest[:end]
    if "@" in authority:
        raise _refuse(url, "URL must not contain a user name or password (userinfo)", "url_userinfo")
    if " " in authority or "%" in authority:
        raise _refuse(url, "host contains spaces or percent-escapes", "url_host")
    return scheme, authority, rest[end:]


def _parse_ipv6_authority(url: str, authority: str) -> tuple[str, str]:
    close = authority.find("]")
    if close == -1:
        raise _refuse(url, "unterminated IPv6 address in host", "url_host")
    literal, after = authority[1:close], authority[close + 1 :]
    if after and not after.startswith(":"):
        raise _refuse(url, "unexpected characters after IPv6 address", "url_host")
    try:
        return ipaddress.IPv6Address(literal).compressed, after[1:]
    except ValueError:
        raise _refuse(url, f"{literal!r} is not a valid IPv6 address", "url_host") from None


def _parse_name(url: str, name: str) -> tuple[str, str | None]:
    """``(host, ip)`` for a host that is not bracketed: an IDNA name or an IPv4 address in any spelling."""
    host = name[:-1] if name.endswith(".") else name
    if not host:
        raise _refuse(url, "URL has no host", "url_host")
    try:
        host = idna_host(host)
    except (idna.IDNAError, UnicodeError, ValueError):
        raise _refuse(url, f"{host!r} is not a valid domain name", "url_host") from None
    if len(host) > MAX_HOST_LENGTH:
        raise _refuse(url, f"host name is longer than {MAX_HOST_LENGTH} characters", "url_host_too_long")
    if looks_numeric_ipv4(host):
        try:
            ip = socket.inet_ntoa(socket.inet_aton(host))
        except OSError:
            raise _refuse(url, f"{host!r} is not a valid IPv4 address", "url_host") from None
        return ip, ip
    if not all(_LABEL_RE.match(label) for label in host.split(".")):
        raise _refuse(url, f"{host!r} is not a valid host name", "url_host")
    return host, None


def _parse_port(url: str, port_text: str, scheme: str) -> int:
    if not port_text:
        return DEFAULT_PORTS[scheme]
    if not port_text.isdigit() or len(port_text) > 5 or not 0 < int(port_text) < 65536:
        raise _refuse(url, f"invalid port {port_text!r}", "url_port")
    return int(port_text)


def parse_url(url: str) -> URLParts:
    """Check the syntax of ``url`` (scheme, userinfo, host, port) without any policy. Raises ``URLRefused``.

    This is the one URL parser: ``validate_url`` adds the policy, ``sources.archiving.canonical`` the normal form.
    """
    url = _check_characters(url)
    scheme, authority, remainder = _split_authority(url)
    if authority.startswith("["):
        ip: str | None
        host, port_text = _parse_ipv6_authority(url, authority)
        ip = host
    else:
        if authority.count(":") > 1:
            raise _refuse(url, "IPv6 addresses must be written in brackets", "url_host")
        name, _, port_text = authority.partition(":")
        host, ip = _parse_name(url, name)
    port = _parse_port(url, port_text, scheme)
    return URLParts(url=url, scheme=scheme, host=host, port=port, ip=ip, remainder=remainder)  # type: ignore[arg-type]


def _is_allowlisted(parts: URLParts, policy: FetchPolicy) -> bool:
    """Whether the exact host:port is allowlisted; otherwise refuse disallowed ports and non-public addresses."""
    host, port, url = parts.host, parts.port, parts.url
    if (host, port) in policy.allowlist:
        return True
    if port not in policy.allowed_ports:
        allowed = ", ".join(str(p) for p in sorted(policy.allowed_ports))
        raise _refuse(url, f"port {port} is not allowed (allowed ports: {allowed})", "url_port", port=port)
    if host == "localhost" or host.endswith(".localhost"):
        raise _refuse(url, f"{host} is a loopback name", "non_public_address")
    if parts.ip is not None:
        problem = address_problem(parts.ip)
        if problem:
            raise _refuse(url, f"address {parts.ip} is not public: {problem}", "non_public_address")
    return False


def validate_url(url: str, policy: FetchPolicy) -> ParsedURL:
    """Check a URL without touching the network. Raises ``URLRefused`` with a readable reason.

    Besides syntax (``parse_url``) this refuses IP literals that are not public (no DNS needed for
    those) and ``localhost`` names, unless the exact host:port is allowlisted.
    """
    parts = parse_url(url)
    allowlisted = _is_allowlisted(parts, policy)
    path = parts.remainder.split("#", 1)[0]
    if not path.startswith("/"):
        path = "/" + path
    target = quote(path, safe=_PATH_SAFE)
    url_host = f"[{parts.host}]" if ":" in parts.host else parts.host
    netloc = url_host if parts.port == DEFAULT_PORTS[parts.scheme] else f"{url_host}:{parts.port}"
    return ParsedURL(
        scheme=parts.scheme,
        host=parts.host,
        port=parts.port,
        target=target,
        url=f"{parts.scheme}://{netloc}{target}",
        ip=parts.ip,
        allowlisted=allowlisted,
    )


# --------------------------------------------------------------------------- resolving


def default_resolver(host: str, port: int) -> list[str]:
    """One ``getaddrinfo`` call; the distinct addresses in the order returned."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in seen:
            seen.append(address)
    return seen


def resolve_checked(parsed: ParsedURL, resolver: Resolver) -> list[str]:
    """Resolve once and refuse if any address is non-public (unless allowlisted)."""
    if parsed.ip is not None:
        return [parsed.ip]
    try:
        addresses = list(resolver(parsed.host, parsed.port))
    except (OSError, UnicodeError) as exc:
        raise ConnectionFailed(f"could not resolve {parsed.host}: {exc}", code="dns_failure", url=parsed.url) from exc
    if not addresses:
        raise ConnectionFailed(f"{parsed.host} did not resolve to any address", code="dns_failure", url=parsed.url)
    if not parsed.allowlisted:
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise URLRefused(
                    f"{parsed.host} resolves to {address}, which is not public ({problem})",
                    code="non_public_address",
                    url=parsed.url,
                )
    return [_connect_address(a) for a in addresses]
