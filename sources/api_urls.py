from django.urls import path

from sources import api

urlpatterns = [
    path("claims/<int:claim_id>/evidence/", api.ClaimEvidenceView.as_view(), name="api-claim-evidence"),
    path("evidence/<int:evidence_id>/", api.EvidenceDetailView.as_view(), name="api-evidence"),
    path("sources/", api.SourceListView.as_view(), name="api-sources"),
    path("sources/<int:source_id>/", api.SourceDetailView.as_view(), name="api-source"),
    path("sources/<int:source_id>/rearchive/", api.SourceRearchiveView.as_view(), name="api-source-rearchive"),
    path("snapshots/<int:snapshot_id>/", api.SnapshotDetailView.as_view(), name="api-snapshot"),
    path("snapshots/<int:snapshot_id>/retry/", api.SnapshotRetryView.as_view(), name="api-snapshot-retry"),
    path("snapshots/<int:snapshot_id>/text/", api.SnapshotTextView.as_view(), name="api-snapshot-text"),
    path("snapshots/<int:snapshot_id>/warc/", api.SnapshotWarcView.as_view(), name="api-snapshot-warc"),
]
