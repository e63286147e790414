"""Routes of the org API under /api/v1/."""

from rest_framework.routers import SimpleRouter

from pembina.org.api import views

router = SimpleRouter()
router.register("units", views.UnitViewSet, basename="api-unit")
router.register("positions", views.PositionViewSet, basename="api-position")
router.register("employees", views.EmployeeViewSet, basename="api-employee")

urlpatterns = router.urls
