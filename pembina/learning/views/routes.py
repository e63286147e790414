"""URL patterns of the learning pages (profiles, gaps, IDP, catalogue/events, certificates, simulations)."""

from django.urls import path

from pembina.learning.views import (
    authoring,
    catalogue,
    certificates,
    gaps,
    home,
    plans,
    simulations,
    training,
)

PLAN_SLUGS = {
    "submit": "ajukan",
    "withdraw": "tarik",
    "agree": "sepakati",
    "return": "kembalikan",
    "reopen": "buka-kembali",
}
ENROLMENT_ACTIONS = {
    "withdraw": "tarik",
    "superior_approve": "setujui-atasan",
    "superior_reject": "tolak-atasan",
    "approve": "setujui",
    "reject": "tolak",
    "cancel": "batalkan",
}

urlpatterns = [
    # Pengembangan saya, and one employee in scope
    path("", home.HomeView.as_view(), name="home"),
    path("pegawai/<int:pk>/", home.EmployeeDevelopmentView.as_view(), name="employee_development"),
    path("notifikasi/", home.NotificationListView.as_view(), name="notification_list"),
    path("notifikasi/<int:pk>/baca/", home.NotificationReadView.as_view(), name="notification_read"),
    # IDP
    path("idp/", plans.PlanListView.as_view(), name="plan_list"),
    path("persetujuan/", plans.ApprovalQueueView.as_view(), name="approval_queue"),
    path("pegawai/<int:employee_pk>/idp/baru/", plans.PlanCreateView.as_view(), name="plan_create"),
    path("idp/<int:pk>/", plans.PlanView.as_view(), name="plan_detail"),
    path("idp/<int:pk>/ubah/", plans.PlanEditView.as_view(), name="plan_edit"),
    path("idp/<int:pk>/kegiatan/tambah/", plans.ActivityAddView.as_view(), name="activity_add"),
    *[
        path(f"idp/<int:pk>/{PLAN_SLUGS[action]}/", view, name=f"plan_{action}")
        for action, view in plans.PLAN_ACTIONS.items()
    ],
    path("kegiatan/<int:pk>/ubah/", plans.ActivityEditView.as_view(), name="activity_edit"),
    path("kegiatan/<int:pk>/hapus/", plans.ActivityRemoveView.as_view(), name="activity_remove"),
    path("kegiatan/<int:pk>/batal/", plans.ActivityCancelView.as_view(), name="activity_cancel"),
    path("kegiatan/<int:pk>/selesai/", plans.ActivityCompleteView.as_view(), name="activity_complete"),
    path("riwayat/<int:pk>/verifikasi/", plans.RecordVerifyView.as_view(), name="record_verify"),
    # catalogue, events, enrolment
    path("katalog/", training.ProgrammeListView.as_view(), name="programme_list"),
    path("katalog/baru/", catalogue.ProgrammeCreateView.as_view(), name="programme_create"),
    path("katalog/<int:pk>/", training.ProgrammeView.as_view(), name="programme_detail"),
    path("katalog/<int:pk>/ubah/", catalogue.ProgrammeEditView.as_view(), name="programme_edit"),
    path("katalog/<int:pk>/jadwal/baru/", catalogue.EventCreateView.as_view(), name="event_create"),
    path("pelatihan/<int:pk>/ubah/", catalogue.EventEditView.as_view(), name="event_edit"),
    path(
        "katalog/<int:pk>/ke-idp/",
        training.AddToPlanView.as_view(source="programme"),
        name="programme_add_to_plan",
    ),
    path("pelatihan/", training.EventListView.as_view(), name="event_list"),
    path("pelatihan/<int:pk>/", training.EventView.as_view(), name="event_detail"),
    path("pelatihan/<int:pk>/daftar/", training.EventEnrolView.as_view(), name="event_enrol"),
    path(
        "pelatihan/<int:pk>/ke-idp/", training.AddToPlanView.as_view(source="event"), name="event_add_to_plan"
    ),
    path("pelatihan/<int:pk>/status/", training.EventStatusView.as_view(), name="event_status"),
    path("persetujuan/bkpsdm/", training.BkpsdmQueueView.as_view(), name="bkpsdm_queue"),
    path("pendaftaran/<int:pk>/", training.EnrolmentView.as_view(), name="enrolment_detail"),
    *[
        path(
            f"pendaftaran/<int:pk>/{slug}/",
            training.EnrolmentActionView.as_view(action=action),
            name=f"enrolment_{action}",
        )
        for action, slug in ENROLMENT_ACTIONS.items()
    ],
    path("pendaftaran/<int:pk>/nilai/", training.EnrolmentResultView.as_view(), name="enrolment_record"),
    path(
        "pendaftaran/<int:pk>/selesaikan/",
        training.EnrolmentCompleteView.as_view(),
        name="enrolment_complete",
    ),
    path(
        "pendaftaran/<int:pk>/evaluasi/", training.EnrolmentEvaluateView.as_view(), name="enrolment_evaluate"
    ),
    # certificates (verification is public)
    path("sertifikat/", certificates.CertificateListView.as_view(), name="certificate_list"),
    path("sertifikat/unggah/", certificates.CertificateUploadView.as_view(), name="certificate_upload"),
    path(
        "sertifikat/periksa/",
        certificates.CertificateReviewListView.as_view(),
        name="certificate_review_list",
    ),
    path(
        "sertifikat/<int:pk>/periksa/",
        certificates.CertificateReviewView.as_view(),
        name="certificate_review",
    ),
    path("sertifikat/<int:pk>/berkas/", certificates.CertificateFileView.as_view(), name="certificate_file"),
    path("sertifikat/<int:pk>/pdf/", certificates.CertificatePdfView.as_view(), name="certificate_pdf"),
    path("verifikasi-sertifikat/", certificates.CertificateVerifyView.as_view(), name="certificate_verify"),
    path(
        "verifikasi-sertifikat/<str:code>/",
        certificates.CertificateVerifyView.as_view(),
        name="certificate_verify",
    ),
    # competency gaps for budget planning
    path("kesenjangan/", gaps.GapCityView.as_view(), name="gap_city"),
    path("kesenjangan/opd/", gaps.GapOpdView.as_view(), name="gap_opd"),
    path("kesenjangan/perbarui/", gaps.GapRefreshView.as_view(), name="gap_refresh"),
    # simulations: learners
    path("simulasi/", simulations.ScenarioListView.as_view(), name="scenario_list"),
    path("simulasi/riwayat/", simulations.AttemptListView.as_view(), name="attempt_list"),
    path("simulasi/hasil/", simulations.SimulationResultsView.as_view(), name="simulation_results"),
    path("simulasi/<int:pk>/", simulations.ScenarioView.as_view(), name="scenario_detail"),
    path("simulasi/<int:pk>/mulai/", simulations.AttemptStartView.as_view(), name="attempt_start"),
    path("simulasi/percobaan/<int:pk>/", simulations.AttemptPlayView.as_view(), name="attempt_play"),
    # simulations: authoring (BKPSDM)
    path("simulasi/susun/baru/", authoring.ScenarioCreateView.as_view(), name="scenario_create"),
    path("simulasi/<int:pk>/ubah/", authoring.ScenarioEditView.as_view(), name="scenario_edit"),
    path("simulasi/<int:pk>/pratinjau/", authoring.ScenarioPreviewView.as_view(), name="scenario_preview"),
    path("simulasi/<int:pk>/langkah/", authoring.StepEditView.as_view(), name="step_edit"),
    path("simulasi/langkah/<int:pk>/hapus/", authoring.StepDeleteView.as_view(), name="step_delete"),
    path("simulasi/langkah/<int:pk>/pilihan/", authoring.ChoiceEditView.as_view(), name="choice_edit"),
    path("simulasi/pilihan/<int:pk>/hapus/", authoring.ChoiceDeleteView.as_view(), name="choice_delete"),
    path(
        "simulasi/<int:pk>/terbitkan/",
        authoring.ScenarioStatusView.as_view(action="publish"),
        name="scenario_publish",
    ),
    path(
        "simulasi/<int:pk>/jadikan-draf/",
        authoring.ScenarioStatusView.as_view(action="unpublish"),
        name="scenario_unpublish",
    ),
    path(
        "simulasi/<int:pk>/arsipkan/",
        authoring.ScenarioStatusView.as_view(action="archive"),
        name="scenario_archive",
    ),
]
