"""Citizen-facing pages under /layanan/ (no login)."""

from django.urls import path

from pembina.public_services.views import public as views

app_name = "public"

urlpatterns = [
    path("", views.portal, name="portal"),
    path("opd/<int:opd_id>/", views.portal_opd, name="portal_opd"),
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/<str:code>/", views.service_detail, name="service_detail"),
    path("katalog/<str:code>/ajukan/", views.request_create, name="request_create"),
    path("katalog/<str:code>/skm/", views.survey_service, name="survey_service"),
    path("tanda-terima/<str:token>/", views.request_receipt, name="request_receipt"),
    path("lacak/", views.request_track, name="request_track"),
    path("skm/", views.survey_index, name="survey_index"),
    path("skm/<str:token>/", views.survey_token, name="survey_token"),
    path("pengaduan/", views.complaint_create, name="complaint_create"),
    path("pengaduan/lacak/", views.complaint_track, name="complaint_track"),
    path("pengaduan/<str:number>/<str:token>/", views.complaint_owner, name="complaint_owner"),
    path("bahasa/<str:code>/", views.language, name="language"),
]
