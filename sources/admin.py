from django.contrib import admin

from sources.models import Evidence, Snapshot, Source


class SnapshotInline(admin.TabularInline):
    model = Snapshot
    fields = ("status", "requested_at", "fetched_at", "http_status", "sha256", "error_message")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("canonical_url", "domain", "title", "created_at")
    search_fields = ("canonical_url", "url", "title")
    list_filter = ("domain",)
    inlines = [SnapshotInline]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ("source", "status", "http_status", "requested_at", "fetched_at", "attempts")
    list_filter = ("status",)
    raw_id_fields = ("source",)
    readonly_fields = [f.name for f in Snapshot._meta.fields]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("claim", "source", "stance", "anchor_status", "added_by", "added_at")
    list_filter = ("stance", "anchor_status")
    raw_id_fields = ("claim", "source", "added_by", "anchor_snapshot")
