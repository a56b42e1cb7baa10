"""The audit log: one row per change to a tracked object. Rows are written once and never edited."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryEntry(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")
        RESTORED = "restored", _("Restored")

    class Via(models.TextChoices):
        UI = "ui", _("Web UI")
        API = "api", _("API")
        ADMIN = "admin", _("Admin")
        WORKER = "worker", _("Worker")
        COMMAND = "command", _("Command")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    changes = models.JSONField(
        default=list, blank=True, encoder=DjangoJSONEncoder, help_text=_("A list of {field, old, new}.")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="history_entries"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    via = models.CharField(max_length=16, choices=Via.choices)
    token_name = models.CharField(max_length=100, blank=True, help_text=_("The API token used, if any."))
    # Denormalised so a claim's timeline includes its verdicts and evidence without joins across apps.
    claim_ref = models.BigIntegerField(null=True, blank=True, db_index=True)
    article_ref = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="history_object_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=["created", "changed", "deleted", "restored"]),
                name="history_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.content_type.model} {self.object_id}"
