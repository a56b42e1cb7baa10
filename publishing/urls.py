from django.urls import path

from publishing import feeds, public, views

app_name = "publishing"
urlpatterns = [
    path("claims/<int:claim_id>/verdicts/new", views.verdict_record, name="verdict_record"),
    path("claims/<int:claim_id>/submit", views.verdict_submit, name="verdict_submit"),
    path("claims/<int:claim_id>/approve", views.verdict_approve, name="verdict_approve"),
    path("claims/<int:claim_id>/send-back", views.verdict_send_back, name="verdict_send_back"),
    path("claims/<int:claim_id>/publish", views.claim_publish, name="claim_publish"),
    path("claims/<int:claim_id>/correct", views.claim_correct, name="claim_correct"),
    path("claims/<int:claim_id>/withdraw", views.claim_withdraw, name="claim_withdraw"),
    path("fact-checks/", public.factcheck_list, name="factcheck_list"),
    path("fact-checks/feed/", feeds.FactChecksFeed(), name="feed"),
    path("fact-checks/corrections/feed/", feeds.CorrectionsFeed(), name="corrections_feed"),
    path("fact-checks/<int:claim_id>/", public.factcheck_detail, name="factcheck_detail"),
    path("fact-checks/<int:claim_id>/sources/<int:index>/", public.archived_source, name="archived_source"),
    path("fact-checks/<int:claim_id>/<slug:slug>/", public.factcheck_detail, name="factcheck_detail_slug"),
]
