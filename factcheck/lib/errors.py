"""Domain errors that services raise and views/API turn into user-facing messages."""


class DomainError(Exception):
    """Base class: the message is safe to show to the user."""


class InvalidTransition(DomainError):
    """A status change that the current state does not allow."""


class ConflictError(DomainError):
    """A write based on a stale version of the record."""


class RefusedURL(DomainError):
    """A URL the fetcher will not fetch (malformed, non-public, bad scheme or port)."""
