"""/penilaian/: the evaluation pages (ratings, 360°, calibration, appeals, talent, follow-up)."""

from django.urls import path

from pembina.evaluation.views import admin, appeals, calibration, detail, documents, feedback, lists

app_name = "evaluation"

urlpatterns = [
    path("", lists.HomeView.as_view(), name="home"),
    path("perlu-dinilai/", lists.ToRateView.as_view(), name="to_rate"),
    path("daftar/", lists.EvaluationListView.as_view(), name="evaluation_list"),
    path("saya/", lists.MyEvaluationsView.as_view(), name="my_evaluations"),
    path("skp/<int:plan_pk>/buka/", lists.EvaluationOpenView.as_view(), name="evaluation_open"),
    # one evaluation
    path("<int:pk>/", detail.EvaluationView.as_view(), name="evaluation_detail"),
    path("<int:pk>/nilai/", detail.EvaluationRateView.as_view(), name="evaluation_rate"),
    path("<int:pk>/hitung-ulang/", detail.EvaluationRefreshView.as_view(), name="evaluation_refresh"),
    path("<int:pk>/minta-360/", detail.EvaluationInviteView.as_view(), name="evaluation_invite"),
    path("<int:pk>/kalibrasi/", detail.EvaluationCalibrateView.as_view(), name="evaluation_calibrate"),
    path("<int:pk>/umumkan/", detail.EvaluationPublishView.as_view(), name="evaluation_publish"),
    path("<int:pk>/kunci/", detail.EvaluationLockView.as_view(), name="evaluation_lock"),
    path("<int:pk>/pdf/", documents.EvaluationPdfView.as_view(), name="evaluation_pdf"),
    path("<int:pk>/keberatan/", appeals.AppealFileView.as_view(), name="appeal_file"),
    # 360° (respondent)
    path("masukan-360/", feedback.Feedback360ListView.as_view(), name="feedback360_list"),
    path("masukan-360/<int:pk>/", feedback.Feedback360View.as_view(), name="feedback360_form"),
    # appeals
    path("keberatan/", appeals.AppealListView.as_view(), name="appeal_list"),
    path("keberatan/<int:pk>/", appeals.AppealView.as_view(), name="appeal_detail"),
    path("keberatan/<int:pk>/minta-penjelasan/", appeals.AppealRequestView.as_view(), name="appeal_request"),
    path("keberatan/<int:pk>/penjelasan/", appeals.AppealExplainView.as_view(), name="appeal_explain"),
    path("keberatan/<int:pk>/putuskan/", appeals.AppealDecideView.as_view(), name="appeal_decide"),
    # calibration, talent, follow-up
    path("kalibrasi/", calibration.CalibrationView.as_view(), name="calibration"),
    path("kalibrasi/umumkan/", calibration.CalibrationPublishView.as_view(), name="calibration_publish"),
    path("9-box/", calibration.NineBoxView.as_view(), name="nine_box"),
    path("tindak-lanjut/", calibration.FollowUpListView.as_view(), name="follow_up_list"),
    # administration and documents
    path("predikat-organisasi/", admin.OrgPredicateView.as_view(), name="org_predicates"),
    path("pengaturan/", admin.SettingsView.as_view(), name="settings"),
    path("jalankan/", admin.RunView.as_view(), name="run"),
    path("skor-potensi/", admin.PotentialImportView.as_view(), name="potential_import"),
    path("dokumen/", documents.DocumentsView.as_view(), name="documents"),
    path("dokumen/unduh/<int:pk>/", documents.DocumentsDownloadView.as_view(), name="documents_download"),
    path("dokumen/hasil.xlsx", documents.ResultsXlsxView.as_view(), name="results_xlsx"),
    path("dokumen/tindak-lanjut.xlsx", documents.FollowUpXlsxView.as_view(), name="follow_up_xlsx"),
]
