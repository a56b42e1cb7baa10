"""Role changes (a user's groups) are recorded from ``m2m_changed``: Django offers no other hook on that
relation. Audit bookkeeping only — no domain logic here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed


def _group_names(user: Any) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def _on_groups_changed(sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
    from history import recorder

    # group.user_set.add(...) (reverse): one entry per user touched.
    users = list(get_user_model()._default_manager.filter(pk__in=pk_set or [])) if reverse else [instance]
    if action in ("pre_add", "pre_remove", "pre_clear"):
        for user in users:
            user._history_groups_before = _group_names(user)  # type: ignore[union-attr]
        if reverse and action == "pre_clear":
            instance._history_clear_users = [u.pk for u in instance.user_set.all()]
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse and action == "post_clear":
        return  # the users are gone from the relation: recorded by the caller's own write if it matters
    for user in users:
        before = getattr(user, "_history_groups_before", None)
        after = _group_names(user)
        if before is not None and before != after:
            recorder.record_change(user, [{"field": "groups", "old": before, "new": after}])


def connect() -> None:
    m2m_changed.connect(_on_groups_changed, sender=get_user_model().groups.through, dispatch_uid="history_groups")
