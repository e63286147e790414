"""Routes of the learning API under /api/v1/learning/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from pembina.learning.api import authoring, views

router = SimpleRouter()
router.register("learning/competencies", views.CompetencyViewSet, basename="api-learning-competency")
router.register("learning/assessments", views.AssessmentViewSet, basename="api-learning-assessment")
router.register("learning/needs", views.NeedViewSet, basename="api-learning-need")
router.register("learning/plans", views.PlanViewSet, basename="api-learning-plan")
router.register("learning/plan-activities", views.PlanActivityViewSet, basename="api-learning-activity")
router.register("learning/records", views.RecordViewSet, basename="api-learning-record")
router.register("learning/jp-summaries", views.JpSummaryViewSet, basename="api-learning-jp-summary")
router.register("learning/programmes", views.ProgrammeViewSet, basename="api-learning-programme")
router.register("learning/events", views.EventViewSet, basename="api-learning-event")
router.register("learning/enrolments", views.EnrolmentViewSet, basename="api-learning-enrolment")
router.register("learning/certificates", views.CertificateViewSet, basename="api-learning-certificate")
router.register("learning/scenarios", views.ScenarioViewSet, basename="api-learning-scenario")
router.register(
    "learning/scenario-authoring", authoring.ScenarioAuthoringViewSet, basename="api-learning-authoring"
)
router.register("learning/attempts", views.AttemptViewSet, basename="api-learning-attempt")

urlpatterns = [
    path("learning/position-standards/", views.PositionStandardView.as_view(), name="api-learning-standard"),
    path("learning/gaps/", views.GapOverviewView.as_view(), name="api-learning-gaps"),
    path("learning/jp-dashboard/", views.JpDashboardView.as_view(), name="api-learning-jp-dashboard"),
    path(
        "learning/certificate-verification/",
        views.CertificateVerifyView.as_view(),
        name="api-learning-certificate-verify",
    ),
    path(
        "learning/certificate-uploads/",
        authoring.CertificateUploadView.as_view(),
        name="api-learning-certificate-upload",
    ),
    path(
        "learning/employees/<int:pk>/profile/",
        views.EmployeeProfileView.as_view(),
        name="api-learning-profile",
    ),
    path(
        "learning/employees/<int:pk>/gaps/",
        views.EmployeeGapView.as_view(),
        name="api-learning-employee-gaps",
    ),
    path("learning/employees/<int:pk>/jp/", views.EmployeeJpView.as_view(), name="api-learning-employee-jp"),
    *router.urls,
]
