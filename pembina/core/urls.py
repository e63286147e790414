from django.urls import path

from pembina.core import views
from pembina.core.views import audit, jobs

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", jobs.JobListView.as_view(), name="job_list"),
    path("jobs/<int:pk>/", jobs.JobView.as_view(), name="job_detail"),
    path("jobs/<int:pk>/progress/", jobs.JobProgressView.as_view(), name="job_progress"),
    path("audit/", audit.AuditListView.as_view(), name="audit_list"),
    path("audit/verify/", audit.AuditVerifyView.as_view(), name="audit_verify"),
    path("audit/<int:pk>/", audit.AuditView.as_view(), name="audit_detail"),
]
