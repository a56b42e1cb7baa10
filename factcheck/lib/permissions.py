"""Who may use the workbench: members of the reviewer, editor or admin group (or superusers).

One rule for the web UI (`role_required`) and the API (`HasWorkbenchRole`), so a
logged-in account without a role sees neither claims nor evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.permissions import BasePermission

WORKBENCH_ROLES = ("reviewer", "editor", "admin")


def __getattr__(name: str) -> Any:
    # Kept for views that still name it: the API's authenticators come from
    # REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] (hashed API tokens, then the session).
    if name == "API_AUTHENTICATION_CLASSES":
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_AUTHENTICATION_CLASSES
    raise AttributeError(name)


def has_workbench_role(user: Any) -> bool:
    """True for active superusers and members of a workbench group."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_workbench_role_cache", None)
    if cached is None:
        cached = user.groups.filter(name__in=WORKBENCH_ROLES).exists()
        user._workbench_role_cache = cached
    return bool(cached)


def role_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send anonymous users to the login page; answer 403 to accounts without a role."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_workbench_role(request.user):
            raise PermissionDenied(_("Your account has no reviewer, editor or admin role."))
        return view(request, *args, **kwargs)

    return login_required(wrapper)


class HasWorkbenchRole(BasePermission):
    message = gettext_lazy("Your account has no reviewer, editor or admin role.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return has_workbench_role(request.user)


def require_perm(user: Any, perm: str) -> None:
    """Services' one permission check: an active user holding ``perm``, else PermissionDenied."""
    if user is None or not user.is_active or not user.has_perm(perm):
        raise PermissionDenied(_("Your role does not allow this."))
