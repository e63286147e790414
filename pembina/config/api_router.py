"""/api/v1/: every app's API routes, the OpenAPI schema and its docs (assets served locally).

The docs page is Swagger UI from drf-spectacular-sidecar with its init script served as a separate
file (SpectacularSwaggerSplitView), so it runs under the strict CSP (script-src 'self' + nonce).
ReDoc is not offered: its template loads Google Fonts and runs an inline script.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("", include("pembina.org.api.urls")),
    path("", include("pembina.core.api.urls")),
    path("", include("pembina.public_services.api.urls")),
    path("", include("pembina.performance.api.urls")),
    path("", include("pembina.learning.api.urls")),
    path("", include("pembina.evaluation.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
]
