from django.urls import path

from claims import views, views_work

app_name = "claims"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/new/", views.article_create, name="article_create"),
    path("articles/<int:article_id>/", views.article_detail, name="article_detail"),
    path("articles/<int:article_id>/reextract/", views.article_reextract, name="article_reextract"),
    path("articles/<int:article_id>/claims/add/", views_work.claim_add, name="claim_add"),
    path("claims/<int:claim_id>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:claim_id>/status/", views.claim_set_status, name="claim_set_status"),
    path("claims/<int:claim_id>/edit/", views_work.claim_edit, name="claim_edit"),
    path("claims/<int:claim_id>/split/", views_work.claim_split, name="claim_split"),
    path("claims/<int:claim_id>/merge/", views_work.claim_merge, name="claim_merge"),
    path("claims/<int:claim_id>/assign/", views_work.claim_assign, name="claim_assign"),
    path("claims/<int:claim_id>/dismiss/", views_work.claim_dismiss, name="claim_dismiss"),
    path("claims/<int:claim_id>/reopen/", views_work.claim_reopen, name="claim_reopen"),
    path("claims/<int:claim_id>/flag/", views.claim_flag, name="claim_flag"),
    path("review/", views.review_queue, name="review_queue"),
]
