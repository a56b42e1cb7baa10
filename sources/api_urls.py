from django.urls import path

from sources import api

urlpatterns = [
    path("claims/<int:claim_id>/evidence/", api.ClaimEvidenceView.as_view(), name="api-claim-evidence"),
    path("snapshots/<int:snapshot_id>/", api.SnapshotDetailView.as_view(), name="api-snapshot"),
]
