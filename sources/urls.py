from django.urls import path

from sources import views

app_name = "sources"
urlpatterns = [
    path("snapshots/<int:snapshot_id>/", views.snapshot_text, name="snapshot_text"),
    path("snapshots/<int:snapshot_id>/raw", views.snapshot_raw, name="snapshot_raw"),
    path("snapshots/<int:snapshot_id>/warc", views.snapshot_warc, name="snapshot_warc"),
    path("snapshots/<int:snapshot_id>/retry", views.snapshot_retry, name="snapshot_retry"),
    path("<int:source_id>/rearchive", views.source_rearchive, name="source_rearchive"),
    path("claims/<int:claim_id>/evidence/", views.claim_attach_evidence, name="claim_attach_evidence"),
    path("claims/<int:claim_id>/evidence/panel", views.claim_evidence, name="claim_evidence"),
]
