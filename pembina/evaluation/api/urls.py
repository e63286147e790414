"""Routes of the evaluation API under /api/v1/evaluation/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from pembina.evaluation.api import views

router = SimpleRouter()
router.register("evaluation/evaluations", views.EvaluationViewSet, basename="api-evaluation")
router.register("evaluation/feedback-360", views.Feedback360ViewSet, basename="api-evaluation-360")
router.register("evaluation/appeals", views.AppealViewSet, basename="api-evaluation-appeal")
router.register(
    "evaluation/organisation-predicates",
    views.OrganisationPredicateViewSet,
    basename="api-evaluation-org-predicate",
)
router.register("evaluation/follow-ups", views.FollowUpViewSet, basename="api-evaluation-follow-up")
router.register(
    "evaluation/potential-scores", views.PotentialScoreViewSet, basename="api-evaluation-potential-score"
)

urlpatterns = [
    path("evaluation/distribution/", views.DistributionView.as_view(), name="api-evaluation-distribution"),
    path("evaluation/nine-box/", views.NineBoxView.as_view(), name="api-evaluation-nine-box"),
    path("evaluation/settings/", views.SettingsView.as_view(), name="api-evaluation-settings"),
    path(
        "evaluation/documents/<int:pk>/download/",
        views.DocumentsDownloadView.as_view(),
        name="api-evaluation-documents-download",
    ),
    *router.urls,
]
