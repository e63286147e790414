"""Root URLs: UI pages, accounts, the REST API at /api/v1/, health check."""

from django.contrib import admin
from django.urls import include, path

from pembina.core import views as core_views

urlpatterns = [
    path("", include("pembina.core.urls")),
    path("org/", include("pembina.org.urls")),
    path("kinerja/", include("pembina.performance.urls")),
    path("pengembangan/", include("pembina.learning.urls")),
    path("penilaian/", include("pembina.evaluation.urls")),
    path("accounts/", include("pembina.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("pelayanan/", include("pembina.public_services.urls")),
    path("layanan/", include("pembina.public_services.urls_public")),
    path("open311/v2/", include("pembina.public_services.urls_open311")),
    path("api/v1/", include("pembina.config.api_router")),
    path("healthz", core_views.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
]
