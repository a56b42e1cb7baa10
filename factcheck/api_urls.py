"""All API routes under /api/v1/, collected from the apps."""

from django.urls import include, path

urlpatterns = [
    path("", include("accounts.api_urls")),
    path("", include("claims.api_urls")),
    path("", include("sources.api_urls")),
    path("", include("publishing.api_urls")),
    path("", include("webhooks.api_urls")),
]
