"""What went wrong with a capture, an import or a page's text extraction, in the reader's language.

Rows store a stable code (``Snapshot.error_code``, ``ArticleImport.error_code``, ``Snapshot.extraction_error_code``)
and its parameters; the English detail stays in ``error_message`` / ``extraction_error`` for logs and the admin.
Codes come from the fetcher (``FetchError.code``, the retry ``Decision.code``), the capture step, the text extractor
and the workers; an unknown code shows the stored text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from factcheck.lib import coded

SNAPSHOT_ERRORS: dict[str, Any] = {
    # the link itself
    "url_refused": _("This link cannot be archived."),
    "url_too_long": _("The link is too long."),
    "url_control_chars": _("The link contains control characters (line breaks, tabs)."),
    "url_backslash": _("The link contains a backslash."),
    "url_scheme": _("Only http:// and https:// links can be archived."),
    "url_syntax": _("This does not look like a web link."),
    "url_userinfo": _("The link must not contain a user name or password."),
    "url_host": _("The link's host name is not valid."),
    "url_host_too_long": _("The link's host name is too long."),
    "url_port": _("Port %(port)s is not allowed."),
    "non_public_address": _("%(host)s is not a public address: it cannot be fetched."),
    "domain_blocked": _("The editors have blocked the site %(host)s."),
    # redirects
    "redirect_refused": _("The page redirects to an address that cannot be fetched."),
    "redirect_loop": _("The page redirects in a loop."),
    "too_many_redirects": _("The page redirects more than %(limit)s times."),
    # the exchange
    "too_large": _("The page is larger than the %(limit)s-byte limit."),
    "timeout": _("%(host)s took too long to answer."),
    "connect_timeout": _("Connecting to %(host)s took too long."),
    "read_timeout": _("%(host)s sent nothing for %(seconds)s s."),
    "deadline": _("Fetching the page took longer than %(seconds)s s."),
    "connection_failed": _("The connection to %(host)s failed."),
    "connect_failed": _("Could not connect to %(host)s."),
    "dns_failure": _("The host name %(host)s could not be found."),
    "tls_error": _("The secure connection (TLS) to %(host)s failed."),
    "protocol_error": _("The connection to %(host)s broke during the exchange."),
    "bad_content_encoding": _("The page's compressed content could not be decoded."),
    "host_busy": _("%(host)s is busy with other captures; trying later."),
    "fetch_error": _("The page could not be fetched."),
    "robots_disallowed": _("The site's robots.txt does not allow archiving this page."),
    # the server's answer
    "http_gone": _("The page is gone or does not exist (HTTP %(status)s)."),
    "http_busy": _("The server asked us to come back later (HTTP %(status)s)."),
    "http_server_error": _("Server error (HTTP %(status)s)."),
    "http_error": _("The server refused the page (HTTP %(status)s)."),
    # the workers
    "unexpected_error": _("Unexpected error while archiving (%(error)s)."),
    "archive_timed_out": _(
        "Archiving took longer than %(seconds)s seconds and was stopped. Retry it, or archive the page by hand."
    ),
    "worker_died": _("The worker stopped while archiving this page on every attempt (crash or time limit)."),
    "worker_stopped": _("The worker stopped (killed or over its time limit) while archiving; trying again."),
}

IMPORT_ERRORS: dict[str, Any] = {
    "import_fetch_failed": _("The page could not be imported: %(reason)s"),
    "import_no_text": _("No article text was found on this page; paste the text instead."),
    "import_rejected": _("The page's text could not be used: %(detail)s"),
}

# Why no text came out of an archived page (``sources.archiving.extract``, ``sources.archiving.capture``).
EXTRACTION_ERRORS: dict[str, Any] = {
    "text_timed_out": _("Extracting the text took longer than %(seconds)s s and was stopped."),
    "text_too_deep": _("The page is nested too deeply (more than %(levels)s levels) for its text to be extracted."),
    "text_recursion": _("The page is nested too deeply for its text to be extracted."),
    "text_parser_failed": _("The page could not be read to extract its text (%(error)s)."),
    "text_too_large": _("The page is too large (%(size)s bytes) for its text to be extracted."),
    "text_failed": _("The text extraction failed unexpectedly."),
    "not_text": _(
        "No text extracted: the response is %(type)s (served as %(served_as)s); its bytes are in the archive."
    ),
}
_NOT_TEXT_UNTYPED = _(
    "No text extracted: the response is %(type)s (sent without a content type); its bytes are in the archive."
)

_GAVE_UP = pgettext_lazy("capture error", "Gave up after %(attempts)s attempts. Last error: %(reason)s")
_ATTEMPT = pgettext_lazy("capture error", "Attempt %(attempt)s failed: %(reason)s")


def snapshot_error(code: str, params: Mapping[str, Any] | None, fallback: str = "") -> str:
    """The capture's error in the active language (the stored text when the code is not known)."""
    params = params or {}
    reason = coded.render(SNAPSHOT_ERRORS, code, params, fallback)
    if not code or code not in SNAPSHOT_ERRORS:
        return reason
    if "gave_up_after" in params:
        return str(_GAVE_UP) % {"attempts": params["gave_up_after"], "reason": reason}
    if "attempt" in params:
        return str(_ATTEMPT) % {"attempt": params["attempt"], "reason": reason}
    return reason


def import_error(code: str, params: Mapping[str, Any] | None, fallback: str = "") -> str:
    """The import's error; a failed capture is described with the snapshot's own code (``snapshot_code``)."""
    params = dict(params or {})
    if code == "import_fetch_failed":
        params["reason"] = snapshot_error(
            params.get("snapshot_code", ""), params.get("snapshot_params"), params.get("snapshot_message", "")
        ) or str(SNAPSHOT_ERRORS["fetch_error"])
    return coded.render(IMPORT_ERRORS, code, params, fallback)


def extraction_error(code: str, params: Mapping[str, Any] | None, fallback: str = "") -> str:
    """Why the archived page gave no text, in the active language (the stored text when the code is not known)."""
    params = params or {}
    if code == "not_text" and not params.get("served_as"):
        return coded.render({code: _NOT_TEXT_UNTYPED}, code, params, fallback)
    return coded.render(EXTRACTION_ERRORS, code, params, fallback)
