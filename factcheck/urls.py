from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from factcheck.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include("factcheck.api_urls")),
    path("sources/", include("sources.urls")),
    path("", include("publishing.urls")),
    path("", include("claims.urls")),
]
