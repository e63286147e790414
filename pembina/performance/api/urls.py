"""Routes of the performance API under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from pembina.performance.api import views

router = SimpleRouter()
router.register("performance-years", views.PerformanceYearViewSet, basename="api-performance-year")
router.register("periods", views.PeriodViewSet, basename="api-period")
router.register("goals", views.GoalViewSet, basename="api-goal")
router.register("goal-indicators", views.GoalIndicatorViewSet, basename="api-goal-indicator")
router.register("indicator-templates", views.IndicatorTemplateViewSet, basename="api-indicator-template")
router.register("plans", views.PlanViewSet, basename="api-plan")
router.register("results", views.ResultViewSet, basename="api-result")
router.register("indicators", views.IndicatorViewSet, basename="api-indicator")
router.register("realisations", views.RealisationViewSet, basename="api-realisation")
router.register("coaching-sessions", views.CoachingSessionViewSet, basename="api-coaching-session")
router.register("notifications", views.NotificationViewSet, basename="api-notification")
router.register("result-links", views.ResultLinkViewSet, basename="api-result-link")
router.register("comments", views.PlanCommentViewSet, basename="api-plan-comment")
router.register("evidence", views.EvidenceViewSet, basename="api-evidence")

urlpatterns = [
    path("cascade/", views.CascadeView.as_view(), name="api-cascade"),
    path("early-warnings/", views.EarlyWarningView.as_view(), name="api-early-warnings"),
    path("plan-progress/", views.PlanProgressListView.as_view(), name="api-plan-progress-list"),
    *router.urls,
]
