from django.urls import path

from claims import views

app_name = "claims"
urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/new/", views.article_create, name="article_create"),
    path("articles/<int:article_id>/", views.article_detail, name="article_detail"),
    path("articles/<int:article_id>/reextract/", views.article_reextract, name="article_reextract"),
    path("claims/<int:claim_id>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:claim_id>/evidence/", views.claim_attach_evidence, name="claim_attach_evidence"),
    path("claims/<int:claim_id>/status/", views.claim_set_status, name="claim_set_status"),
    path("claims/<int:claim_id>/verdict/", views.claim_verdict, name="claim_verdict"),
    path("claims/<int:claim_id>/flag/", views.claim_flag, name="claim_flag"),
    path("review/", views.review_queue, name="review_queue"),
]
