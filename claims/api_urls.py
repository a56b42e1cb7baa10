from django.urls import include, path
from rest_framework.routers import SimpleRouter

from claims import api

router = SimpleRouter()
router.register("articles", api.ArticleViewSet, basename="article")

urlpatterns = [
    path("", include(router.urls)),
    path("articles/<int:article_id>/claims/", api.ArticleClaimsView.as_view(), name="api-article-claims"),
    path("claims/", api.ClaimListView.as_view(), name="api-claims"),
    path("claims/<int:claim_id>/", api.ClaimDetailView.as_view(), name="api-claim"),
    path("verdicts/<int:verdict_id>/", api.VerdictDetailView.as_view(), name="api-verdict"),
    path("claims/<int:claim_id>/history/", api.ClaimHistoryView.as_view(), name="api-claim-history"),
    path("articles/<int:article_id>/history/", api.ArticleHistoryView.as_view(), name="api-article-history"),
    path("ratings/", api.RatingListView.as_view(), name="api-ratings"),
    path("scales/", api.RatingScaleListView.as_view(), name="api-scales"),
]
