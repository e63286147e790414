"""Staff pages of public services under /pelayanan/ (login required; the citizen pages are urls_public)."""

from django.urls import path

from pembina.public_services.views import (
    staff_catalogue,
    staff_complaints,
    staff_imports,
    staff_reports,
    staff_requests,
    staff_surveys,
)

app_name = "public_services"

urlpatterns = [
    # counter desk
    path("", staff_requests.RequestListView.as_view(), name="request_list"),
    path("permohonan/baru/", staff_requests.RequestRegisterView.as_view(), name="request_register"),
    path("permohonan/eskalasi/", staff_requests.RequestEscalatedView.as_view(), name="request_escalated"),
    path("permohonan/impor/", staff_imports.RequestImportView.as_view(), name="request_import"),
    path("permohonan/<int:pk>/", staff_requests.RequestView.as_view(), name="request_detail"),
    path(
        "permohonan/<int:pk>/langkah/",
        staff_requests.RequestTransitionView.as_view(),
        name="request_transition",
    ),
    path(
        "permohonan/<int:pk>/tanda-terima/",
        staff_requests.RequestReceiptView.as_view(),
        name="request_receipt",
    ),
    # complaints desk
    path("pengaduan/", staff_complaints.ComplaintListView.as_view(), name="complaint_list"),
    path("pengaduan/baru/", staff_complaints.ComplaintRegisterView.as_view(), name="complaint_register"),
    path("pengaduan/<int:pk>/", staff_complaints.ComplaintView.as_view(), name="complaint_detail"),
    path(
        "pengaduan/<int:pk>/penghubung/",
        staff_complaints.ComplaintLiaisonOptionsView.as_view(),
        name="complaint_liaisons",
    ),
    path(
        "pengaduan/lampiran/<int:pk>/",
        staff_complaints.ComplaintAttachmentView.as_view(),
        name="complaint_attachment",
    ),
    path(
        "pengaduan/<int:pk>/<slug:action>/",
        staff_complaints.ComplaintActionView.as_view(),
        name="complaint_action",
    ),
    # catalogue, calendar, policy
    path("layanan/", staff_catalogue.ServiceListView.as_view(), name="service_list"),
    path("layanan/baru/", staff_catalogue.ServiceCreateView.as_view(), name="service_create"),
    path("layanan/<int:pk>/", staff_catalogue.ServiceView.as_view(), name="service_detail"),
    path("layanan/<int:pk>/ubah/", staff_catalogue.ServiceEditView.as_view(), name="service_edit"),
    path("kalender/", staff_catalogue.HolidayListView.as_view(), name="holiday_list"),
    path("kalender/baru/", staff_catalogue.HolidayCreateView.as_view(), name="holiday_create"),
    path("kalender/<int:pk>/ubah/", staff_catalogue.HolidayEditView.as_view(), name="holiday_edit"),
    path("kalender/<int:pk>/hapus/", staff_catalogue.HolidayDeleteView.as_view(), name="holiday_delete"),
    path("kebijakan/", staff_catalogue.PolicyEditView.as_view(), name="policy_edit"),
    # reports
    path("skm/", staff_reports.SkmReportView.as_view(), name="skm_report"),
    path("skm/cetak/", staff_reports.SkmPrintView.as_view(), name="skm_print"),
    path("skm/kertas/", staff_surveys.PaperSurveyView.as_view(), name="survey_paper"),
    path("statistik/", staff_reports.StatsView.as_view(), name="stats"),
    path("statistik/perbarui/", staff_reports.StatsRefreshView.as_view(), name="stats_refresh"),
]
