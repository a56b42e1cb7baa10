"""URL canonicalisation, so the same article reached through different links is archived and counted once.

Newsroom links arrive with tracking parameters, mixed-case hosts, IDN hosts, default ports and fragments. Two links
that point at the same resource should compare equal after :func:`canonicalize`. The rules are deliberately
conservative (RFC 3986 syntax-based normalisation plus a tracking-parameter blocklist): we never reorder or drop
parameters that could change which page the server returns.
"""

from __future__ import annotations

import re
import string
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from sources.fetcher.errors import URLRefused
from sources.fetcher.guard import URLParts, parse_url

__all__ = ["TRACKING_PARAMS", "TRACKING_PREFIXES", "canonicalize", "domain_of", "find_rel_canonical"]

#: Query parameters (compared lower-case) that only identify a campaign or a click, never the resource.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "igsh",
        "_ga",
        "_gl",
        "yclid",
        "ysclid",
        "ref_src",
        "ref_url",
        "twclid",
        "ttclid",
        "li_fat_id",
        "mkt_tok",
        "_hsenc",
        "_hsmi",
        "__hstc",
        "__hssc",
        "__hsfp",
        "hsctatracking",
        "vero_id",
        "vero_conv",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "wickedid",
        "xtor",
        "at_medium",
        "at_campaign",
        "at_campaign_type",
        "at_creation",
        "at_send_date",
        "at_link",
        "at_link_id",
        "at_link_origin",
        "at_link_type",
        "at_recipient_id",
        "at_recipient_list",
        "at_ptr_name",
        "at_platform",
        "at_format",
        "at_emailtype",
        "at_variant",
        "at_position",
        "cmpid",
        "sr_share",
        "smid",
        "ocid",
    }
)
#: Parameter prefixes (lower-case) used by analytics suites: Google/UTM, Matomo (pk_, mtm_), HubSpot (hsa_).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "hsa_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_SUB_DELIMS = "!$&'()*+,;="
# Characters that may appear literally in each component (anything else gets percent-encoded as UTF-8).
_PATH_SAFE = frozenset(_UNRESERVED | set(_SUB_DELIMS) | set(":@/"))
_QUERY_SAFE = frozenset(_PATH_SAFE | {"?"})
_HEX = frozenset(string.hexdigits)
_CANONICAL_TAG_RE = re.compile(r"</head\s*>", re.IGNORECASE)
_MAX_HEAD_SCAN = 1_000_000


def _normalise_percent(component: str, safe: frozenset[str]) -> str:
    """Uppercase percent-escapes, decode escaped unreserved characters, escape anything not allowed literally.

    A lone ``%`` that does not start a valid escape is encoded as ``%25``. The output only contains ``safe``
    characters and upper-case escapes of non-unreserved bytes, so applying the function twice changes nothing.
    """
    out: list[str] = []
    i = 0
    n = len(component)
    while i < n:
        ch = component[i]
        if ch == "%" and i + 2 < n and component[i + 1] in _HEX and component[i + 2] in _HEX:
            byte = int(component[i + 1 : i + 3], 16)
            decoded = chr(byte)
            out.append(decoded if decoded in _UNRESERVED else f"%{byte:02X}")
            i += 3
            continue
        if ch in safe and ch != "%":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", errors="surrogatepass"))
        i += 1
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, so ``/a/./b/../c`` and ``/a/c`` are the same resource."""
    if "." not in path:
        return path
    segments = path.split("/")
    output: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
            continue
        if segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
            continue
        output.append(segment)
    result = "/".join(output)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


def _is_tracking(raw_key: str) -> bool:
    key = unquote_plus(raw_key).strip().lower()  # compare decoded: ``utm%5Fsource`` is ``utm_source``
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _parse(url: str) -> URLParts:
    """The fetcher's own URL parser (``sources.fetcher.guard.parse_url``), so what we file is what we can fetch."""
    if not isinstance(url, str):
        raise ValueError(f"URL must be a string, not {type(url).__name__}")
    cleaned = url.strip()
    if not cleaned:
        raise ValueError("URL is empty")
    try:
        return parse_url(cleaned)
    except URLRefused as exc:
        raise ValueError(f"URL {cleaned[:200]!r} is not usable: {exc}") from exc


def canonicalize(url: str) -> str:
    """Return the canonical form of an http(s) URL; raise ``ValueError`` with a readable message if it is unusable.

    URLs the fetcher refuses on syntax (userinfo, backslashes, malformed hosts or ports, other schemes) are refused
    here too. Scheme and host are lower-cased, IDN hosts become punycode, IPv4 spellings become dotted quads,
    default ports, fragments and tracking parameters are removed, an empty path becomes ``/``, dot segments are
    resolved and percent-encoding is normalised (upper-case hex, unreserved characters decoded, raw non-ASCII
    encoded as UTF-8). Remaining query parameters keep their order and spelling. The function is idempotent.
    """
    parts = _parse(url)
    host = f"[{parts.host}]" if ":" in parts.host else parts.host
    netloc = host if parts.port == _DEFAULT_PORTS[parts.scheme] else f"{host}:{parts.port}"
    rest = parts.remainder.split("#", 1)[0]
    raw_path, _, raw_query = rest.partition("?")
    path = _remove_dot_segments(_normalise_percent(raw_path, _PATH_SAFE)) or "/"
    if not path.startswith("/"):
        path = "/" + path

    kept: list[str] = []
    for pair in raw_query.split("&"):
        if not pair:
            continue
        raw_key = pair.split("=", 1)[0]
        if _is_tracking(raw_key):
            continue
        kept.append(_normalise_percent(pair, _QUERY_SAFE))
    query = "&".join(kept)
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def domain_of(url: str) -> str:
    """Host of the canonical URL without a leading ``www.``: the outlet key used to group sources.

    This is not the registrable domain (that needs the public-suffix list): ``news.example.co.uk`` stays as is.
    """
    host = urlsplit(canonicalize(url)).hostname or ""
    if ":" in host:  # IPv6 literal
        return f"[{host}]"
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def find_rel_canonical(html: str, base_url: str) -> str | None:
    """The page's own ``<link rel="canonical">`` target, resolved against ``<base href>``/``base_url``, canonicalised.

    Only the ``<head>`` (at most the first megabyte) is parsed: the tag must be there per the HTML spec, and this
    keeps the call cheap on huge pages. Returns ``None`` when absent or not a usable http(s) URL.
    """
    if not html:
        return None
    from lxml import html as lxml_html  # local import: keeps `canonicalize` importable without lxml

    head = html[:_MAX_HEAD_SCAN]
    match = _CANONICAL_TAG_RE.search(head)
    if match:
        head = head[: match.end()]
    if not head.strip():
        return None
    try:
        doc = lxml_html.document_fromstring(head)
    except Exception:  # lxml raises several types on junk (ParserError, ValueError, XMLSyntaxError)
        return None
    base = base_url
    for base_el in doc.iter("base"):
        href = (base_el.get("href") or "").strip()
        if href:
            base = urljoin(base_url, href)
            break
    for link in doc.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rels and href:
            try:
                return canonicalize(urljoin(base, href))
            except ValueError:
                return None
    return None
