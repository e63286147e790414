from django.urls import path
from django.views.generic import RedirectView

from pembina.performance.views import (
    cascade,
    coaching,
    documents,
    goals,
    items,
    monitoring,
    notifications,
    plans,
    workflow,
)

app_name = "performance"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="performance:my_plans", permanent=False), name="index"),
    # SKP lists and pages
    path("skp/", plans.PlanListView.as_view(), name="plan_list"),
    path("skp/saya/", plans.MyPlanListView.as_view(), name="my_plans"),
    path("skp/tinjau/", plans.ReviewListView.as_view(), name="plan_review_list"),
    path("skp/baru/", plans.PlanCreateView.as_view(), name="plan_create"),
    path("skp/<int:pk>/", plans.PlanView.as_view(), name="plan_detail"),
    path("skp/<int:pk>/ubah/", plans.PlanEditView.as_view(), name="plan_edit"),
    path("skp/<int:pk>/versi/", plans.PlanVersionsView.as_view(), name="plan_versions"),
    # workflow
    path("skp/<int:pk>/ajukan/", workflow.PlanSubmitView.as_view(), name="plan_submit"),
    path("skp/<int:pk>/tarik/", workflow.PlanWithdrawView.as_view(), name="plan_withdraw"),
    path("skp/<int:pk>/kembalikan/", workflow.PlanReturnView.as_view(), name="plan_return"),
    path("skp/<int:pk>/setujui/", workflow.PlanApproveView.as_view(), name="plan_approve"),
    path("skp/<int:pk>/perubahan/", workflow.PlanReviseView.as_view(), name="plan_revise"),
    path("skp/<int:pk>/komentar/", workflow.PlanCommentView.as_view(), name="plan_comment"),
    path("skp/<int:pk>/ekspektasi/", workflow.PlanExpectationView.as_view(), name="plan_expectations"),
    # RHK and IKI
    path("skp/<int:pk>/rhk/tambah/", items.ResultAddView.as_view(), name="result_add"),
    path("rhk/<int:pk>/ubah/", items.ResultEditView.as_view(), name="result_edit"),
    path("rhk/<int:pk>/hapus/", items.ResultDeleteView.as_view(), name="result_delete"),
    path("rhk/<int:pk>/iki/tambah/", items.IndicatorAddView.as_view(), name="indicator_add"),
    path("rhk/<int:pk>/kolaborasi/", cascade.CollaborateView.as_view(), name="result_collaborate"),
    path("rhk/<int:pk>/turunkan/", cascade.CascadeResultView.as_view(), name="result_cascade"),
    path(
        "kolaborasi/<int:pk>/hapus/", cascade.CollaborationRemoveView.as_view(), name="collaboration_remove"
    ),
    path("iki/<int:pk>/ubah/", items.IndicatorEditView.as_view(), name="indicator_edit"),
    path("iki/<int:pk>/hapus/", items.IndicatorDeleteView.as_view(), name="indicator_delete"),
    # realisations, evidence, feedback
    path("iki/<int:pk>/realisasi/", monitoring.RealisationView.as_view(), name="realisation_record"),
    path("realisasi/<int:pk>/umpan-balik/", monitoring.FeedbackView.as_view(), name="realisation_feedback"),
    path("bukti/<int:pk>/", monitoring.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("bukti/<int:pk>/hapus/", monitoring.EvidenceDeleteView.as_view(), name="evidence_delete"),
    # cascade and monitoring per OPD
    path("kaskade/", cascade.CascadeTreeView.as_view(), name="cascade_tree"),
    path("progres/", cascade.OpdProgressView.as_view(), name="opd_progress"),
    path("peringatan/", notifications.EarlyWarningView.as_view(), name="early_warning"),
    # organisation goals, years, library
    path("sasaran/", goals.GoalListView.as_view(), name="goal_list"),
    path("sasaran/tambah/", goals.GoalCreateView.as_view(), name="goal_create"),
    path("sasaran/<int:pk>/ubah/", goals.GoalEditView.as_view(), name="goal_edit"),
    path(
        "sasaran/<int:pk>/iku/tambah/", goals.GoalIndicatorCreateView.as_view(), name="goal_indicator_create"
    ),
    path("iku/<int:pk>/ubah/", goals.GoalIndicatorEditView.as_view(), name="goal_indicator_edit"),
    path("tahun/", goals.YearListView.as_view(), name="year_list"),
    path("tahun/tambah/", goals.YearCreateView.as_view(), name="year_create"),
    path("tahun/<int:pk>/ubah/", goals.YearEditView.as_view(), name="year_edit"),
    path("tahun/<int:pk>/tahap/", goals.YearTransitionView.as_view(), name="year_transition"),
    path("pustaka/", goals.LibraryView.as_view(), name="library"),
    # coaching
    path("bimbingan/", coaching.CoachingListView.as_view(), name="coaching_list"),
    path("bimbingan/tambah/", coaching.CoachingCreateView.as_view(), name="coaching_create"),
    path("bimbingan/<int:pk>/", coaching.CoachingView.as_view(), name="coaching_detail"),
    path(
        "bimbingan/<int:pk>/umpan-balik/", coaching.CoachingFeedbackView.as_view(), name="coaching_feedback"
    ),
    path("bimbingan/<int:pk>/kompetensi/", coaching.CoachingRatingsView.as_view(), name="coaching_ratings"),
    path(
        "bimbingan/<int:pk>/tindak-lanjut/",
        coaching.CoachingFollowUpView.as_view(),
        name="coaching_follow_up",
    ),
    # notifications
    path("notifikasi/", notifications.NotificationListView.as_view(), name="notification_list"),
    path("notifikasi/<int:pk>/baca/", notifications.NotificationReadView.as_view(), name="notification_read"),
    path(
        "notifikasi/baca-semua/",
        notifications.NotificationReadAllView.as_view(),
        name="notification_read_all",
    ),
    # SKP documents (PDF/XLSX per plan; ZIP per OPD as a background job)
    path("skp/<int:pk>/pdf/", documents.PlanPdfView.as_view(), name="plan_pdf"),
    path("skp/<int:pk>/xlsx/", documents.PlanXlsxView.as_view(), name="plan_xlsx"),
    path("dokumen/", documents.OpdDocumentsView.as_view(), name="opd_documents"),
    path(
        "dokumen/tugas/<int:pk>/unduh/",
        documents.OpdDocumentsDownloadView.as_view(),
        name="opd_documents_download",
    ),
]
