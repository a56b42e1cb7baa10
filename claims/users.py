"""Services for people's accounts: roles (with the staff flag editors need for the admin) and deactivation.

Tokens belong to the ``accounts`` app; deactivating someone revokes them through ``accounts.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import tokens_revoke_all
from history import recorder

ROLES = ("reviewer", "editor", "admin")
STAFF_ROLES = ("editor", "admin")  # they moderate in the admin, with just their group's permissions


def _require_admin(by: Any) -> None:
    if by is not None and not (by.is_superuser or by.has_perm("auth.change_user")):
        raise PermissionDenied(_("Only an administrator manages accounts."))


@transaction.atomic
def user_set_role(*, user: Any, role: str, by: Any = None) -> Any:
    """Put the user in exactly one workbench role; editors and admins become staff (never superusers)."""
    _require_admin(by)
    if role not in ROLES:
        raise ValidationError({"role": _("Choose reviewer, editor or admin.")})
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
    user.groups.add(Group.objects.get(name=role))
    staff = role in STAFF_ROLES or user.is_superuser
    if user.is_staff != staff:
        recorder.record_change(user, [{"field": "is_staff", "old": user.is_staff, "new": staff}])
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    return user


def user_revoke_tokens(*, user: Any) -> int:
    """Revoke every API token of the user: each then answers 401."""
    return tokens_revoke_all(user=user)


def user_end_sessions(*, user: Any) -> int:
    """Delete the user's sessions (database sessions: each one is decoded to find its owner)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: Any, by: Any = None) -> Any:
    """Sign the user out everywhere and revoke their API tokens; the account and its history stay."""
    _require_admin(by)
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    locked = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
    if locked.is_active:
        recorder.record_change(locked, [{"field": "is_active", "old": True, "new": False}])
        locked.is_active = False
        locked.save(update_fields=["is_active"])
    user_end_sessions(user=locked)
    user_revoke_tokens(user=locked)
    return locked


def user_unlock(*, username: str, by: Any = None) -> int:
    """Lift a django-axes lockout (same as ``manage.py axes_reset_username USERNAME``)."""
    from axes.utils import reset

    if by is not None and not by.has_perm("axes.delete_accessattempt"):
        raise PermissionDenied(_("Only an editor or an administrator unlocks accounts."))
    return int(reset(username=username) or 0)
