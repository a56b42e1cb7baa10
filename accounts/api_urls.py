from django.urls import include, path
from rest_framework.routers import SimpleRouter

from accounts import api

router = SimpleRouter()
router.register("tokens", api.ApiTokenViewSet, basename="api-token")

urlpatterns = [
    path("", include(router.urls)),
    path("me/", api.MeView.as_view(), name="api-me"),
]
