"""The audit log in the admin: readable by staff with the view permission, never editable or deletable."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from history import selectors
from history.models import HistoryEntry
from history.presentation import readable_changes


def changes_as_html(entry: HistoryEntry) -> str:
    if not entry.changes:
        return "—"
    return format_html_join(
        "",
        "<div><strong>{}</strong>: {} → {}</div>",
        ((c["label"], c["old"], c["new"]) for c in readable_changes(entry)),
    )


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "who", "via_label", "object_label", "what_changed")
    list_filter = ("action", "via", ("content_type", admin.RelatedOnlyFieldListFilter), "created_at")
    search_fields = ("object_id", "object_repr", "actor_label", "token_name")
    date_hierarchy = "created_at"
    readonly_fields = ("formatted_changes",)
    fields = (
        "created_at", "action", "content_type", "object_id", "object_repr", "formatted_changes",
        "actor", "actor_label", "via", "token_name",
    )  # fmt: skip

    @admin.display(description=_("Object"), ordering="object_id")
    def object_label(self, obj: HistoryEntry) -> str:
        label = f"{obj.content_type.name} #{obj.object_id}"
        return f"{label}: {obj.object_repr[:60]}" if obj.object_repr else label

    @admin.display(description=_("Who"), ordering="actor_label")
    def who(self, obj: HistoryEntry) -> str:
        return obj.actor_label or "—"

    @admin.display(description=_("What changed"))
    def what_changed(self, obj: HistoryEntry) -> str:
        if obj.action != HistoryEntry.Action.CHANGED:  # a creation lists every field: the entry's page shows them
            return "—"
        labels = [c["label"] for c in readable_changes(obj)]
        return ", ".join(labels[:4]) + (" …" if len(labels) > 4 else "") if labels else "—"

    @admin.display(description=_("Through"), ordering="via")
    def via_label(self, obj: HistoryEntry) -> str:
        via = obj.get_via_display()
        return f"{via} ({obj.token_name})" if obj.token_name else str(via)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("content_type")

    @admin.display(description=_("Changes"))
    def formatted_changes(self, obj: HistoryEntry) -> str:
        return changes_as_html(obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class HistoryAdminMixin:
    """Replaces the admin's own "History" page (it only knows admin edits) with the full audit log."""

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        model = self.model  # type: ignore[attr-defined]
        manager = getattr(model, "all_objects", model._default_manager)
        obj = get_object_or_404(manager, pk=object_id)
        if not self.has_view_or_change_permission(request, obj):  # type: ignore[attr-defined]
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "title": _("History: %s") % obj,
            "subtitle": None,
            "entries": selectors.object_history(obj=obj)[:500],
            "module_name": model._meta.verbose_name_plural,
            "object": obj,
            "opts": model._meta,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "history/admin_object_history.html", context)


class DeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "deleted"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("no", _("Not deleted")), ("yes", _("Deleted")), ("all", _("All"))]

    def choices(self, changelist: Any) -> Any:
        # "Not deleted" is the default: the admin's own "All" would mean something else here.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "no") == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        value = self.value() or "no"
        if value == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if value == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


class SoftDeleteAdminMixin(HistoryAdminMixin):
    """Nothing is hard-deleted from the admin: "Delete" hides (a service), "Restore" brings back.

    Subclasses set ``delete_service`` / ``restore_service`` (``f(obj, by=user)``) and list ``DeletedFilter``.
    """

    delete_service: Any = None
    restore_service: Any = None

    def get_queryset(self, request: HttpRequest) -> Any:
        qs = self.model.all_objects.get_queryset()  # type: ignore[attr-defined]
        ordering = self.get_ordering(request)  # type: ignore[attr-defined]
        return qs.order_by(*ordering) if ordering else qs

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_soft_delete_permission(self, request: HttpRequest) -> bool:
        opts = self.model._meta  # type: ignore[attr-defined]
        return request.user.has_perm(f"{opts.app_label}.delete_{opts.model_name}")

    def _apply(self, request: HttpRequest, queryset: Any, service: Any, done: Any) -> None:
        from django.contrib import messages
        from django.core.exceptions import ValidationError

        from factcheck.lib.errors import DomainError

        count = 0
        for obj in queryset:
            try:
                service(obj, by=request.user)
            except (DomainError, ValidationError) as exc:
                self.message_user(request, f"{obj}: {exc}", messages.WARNING)  # type: ignore[attr-defined]
            else:
                count += 1
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)  # type: ignore[attr-defined]

    @admin.action(description=_("Delete selected (can be restored)"), permissions=["soft_delete"])
    def soft_delete_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._apply(request, queryset, type(self).delete_service, _("%(count)d deleted; they can be restored."))

    @admin.action(description=_("Restore selected"), permissions=["soft_delete"])
    def restore_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._apply(request, queryset, type(self).restore_service, _("%(count)d restored."))


def json_as_html(value: Any) -> str:
    """Facts, reasons, headers: a definition list or bullet list, never raw JSON."""
    from django.utils.html import format_html

    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, dict):
        return format_html(
            '<dl class="json-dl">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((k, _flat(v)) for k, v in value.items())),
        )
    if isinstance(value, list):
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((_flat(v),) for v in value)))
    return str(value)


def _flat(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    return str(value)
