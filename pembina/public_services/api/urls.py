"""Routes of the public services staff API under /api/v1/public-services/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from pembina.public_services.api import views

router = SimpleRouter()
router.register("public-services/services", views.ServiceViewSet, basename="api-ps-service")
router.register("public-services/requests", views.ServiceRequestViewSet, basename="api-ps-request")
router.register("public-services/complaints", views.ComplaintViewSet, basename="api-ps-complaint")
router.register("public-services/holidays", views.HolidayViewSet, basename="api-ps-holiday")

urlpatterns = [
    path("public-services/skm-summary/", views.SkmSummaryView.as_view(), name="api-ps-skm-summary"),
    *router.urls,
]
