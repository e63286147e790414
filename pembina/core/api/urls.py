"""Routes of the core endpoints under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from pembina.core.api import views

router = SimpleRouter()
router.register("jobs", views.JobViewSet, basename="api-job")
router.register("audit-entries", views.AuditEntryViewSet, basename="api-audit-entry")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    *router.urls,
]
