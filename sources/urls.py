from django.urls import path

from sources import views, views_search

app_name = "sources"
urlpatterns = [
    path("snapshots/<int:snapshot_id>/", views.snapshot_text, name="snapshot_text"),
    path("snapshots/<int:snapshot_id>/raw", views.snapshot_raw, name="snapshot_raw"),
    path("snapshots/<int:snapshot_id>/warc", views.snapshot_warc, name="snapshot_warc"),
    path("snapshots/<int:snapshot_id>/retry", views.snapshot_retry, name="snapshot_retry"),
    path("<int:source_id>/rearchive", views.source_rearchive, name="source_rearchive"),
    path("claims/<int:claim_id>/evidence/", views.claim_attach_evidence, name="claim_attach_evidence"),
    path("claims/<int:claim_id>/evidence/panel", views.claim_evidence, name="claim_evidence"),
    path("search/", views_search.search, name="search"),
    path("evidence/<int:evidence_id>/edit", views.evidence_edit, name="evidence_edit"),
    path("evidence/<int:evidence_id>/remove", views.evidence_remove, name="evidence_remove"),
    path("imports/<int:import_id>/retry", views.article_import_retry, name="article_import_retry"),
]
