from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from factcheck.api.problems import api_not_found, problem_type
from factcheck.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema-v1"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("api/problems/<slug:code>", problem_type, name="api-problem-type"),
    path("api/v1/", include("factcheck.api_urls")),
    # Last under /api/: an unknown route is a 404 problem (application/problem+json), DEBUG or not.
    re_path(r"^api/", api_not_found),
    path("sources/", include("sources.urls")),
    path("", include("publishing.urls")),
    path("", include("claims.urls")),
]
