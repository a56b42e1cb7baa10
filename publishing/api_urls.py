from django.urls import path

from publishing import api

urlpatterns = [
    path("claims/<int:claim_id>/verdicts/", api.ClaimVerdictsView.as_view(), name="api-claim-verdicts"),
    path("claims/<int:claim_id>/submit/", api.ClaimSubmitView.as_view(), name="api-claim-submit"),
    path("claims/<int:claim_id>/approve/", api.ClaimApproveView.as_view(), name="api-claim-approve"),
    path("claims/<int:claim_id>/send-back/", api.ClaimSendBackView.as_view(), name="api-claim-send-back"),
    path("claims/<int:claim_id>/publish/", api.ClaimPublishView.as_view(), name="api-claim-publish"),
    path(
        "claims/<int:claim_id>/publication-checks/", api.ClaimPublicationChecksView.as_view(), name="api-claim-checks"
    ),
    path("claims/<int:claim_id>/corrections/", api.ClaimCorrectionsView.as_view(), name="api-claim-corrections"),
    path("claims/<int:claim_id>/withdraw/", api.ClaimWithdrawView.as_view(), name="api-claim-withdraw"),
    path("claims/<int:claim_id>/claimreview/", api.ClaimReviewView.as_view(), name="api-claimreview"),
    path("claimreviews/", api.ClaimReviewListView.as_view(), name="api-claimreviews"),
]
