"""The fetcher's errors. ``code`` (with ``params``) is what the row stores and the page translates; ``str(exc)`` is
the English detail for logs and the admin; ``permanent`` says whether retrying helps."""

from __future__ import annotations

from typing import Any

from factcheck.lib.errors import RefusedURL


class FetchError(Exception):
    """Base class. ``str(exc)`` is a sentence a reviewer can read."""

    code: str = "fetch_error"
    permanent: bool = False

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        permanent: bool | None = None,
        retry_after: float | None = None,
        url: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.params: dict[str, Any] = dict(params or {})
        if code is not None:
            self.code = code
        if permanent is not None:
            self.permanent = permanent
        self.retry_after = retry_after
        self.url = url

    def __str__(self) -> str:
        return self.message


class URLRefused(FetchError, RefusedURL):
    """The URL is malformed, not http(s), on a disallowed port or points at a non-public address."""

    code = "url_refused"
    permanent = True


class RedirectRefused(FetchError):
    """A redirect pointed somewhere we will not go. ``chain`` lists every hop, the blocked one last."""

    code = "redirect_refused"
    permanent = True

    def __init__(self, message: str, *, chain: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.chain = chain


class TooManyRedirects(FetchError):
    """The redirect chain exceeded the limit or looped."""

    code = "too_many_redirects"
    permanent = True

    def __init__(self, message: str, *, chain: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.chain = chain


class TooLarge(FetchError):
    """The (decoded) body exceeded the cap. ``received`` is how many bytes were read when we stopped."""

    code = "too_large"
    permanent = True

    def __init__(self, message: str, *, limit: int, received: int | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.params.setdefault("limit", limit)
        self.limit = limit
        self.received = received


class FetchTimeout(FetchError):
    """Connect or read timeout (``code="connect_timeout"/"read_timeout"``) or the total deadline (``"deadline"``)."""

    code = "timeout"
    permanent = False


class ConnectionFailed(FetchError):
    """DNS failure, refused or reset connection, TLS failure, malformed response."""

    code = "connection_failed"
    permanent = False


class ContentDecodingFailed(FetchError):
    """The body could not be decoded with its declared Content-Encoding."""

    code = "bad_content_encoding"
    permanent = True


class HostBusy(FetchError):
    """The per-host politeness gate could not be entered in time."""

    code = "host_busy"
    permanent = False


def deadline_error(url: str, deadline: float) -> FetchTimeout:
    return FetchTimeout(
        f"gave up after the total deadline of {deadline:g} s", code="deadline", url=url, params={"seconds": deadline}
    )
