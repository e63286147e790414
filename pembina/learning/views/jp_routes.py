"""URL patterns of the 20 JP dashboards (OPD and city), their export, refresh and reminders."""

from django.urls import path

from pembina.learning.views import jp

urlpatterns: list = [
    path("jp/opd/", jp.JpOpdDashboardView.as_view(), name="jp_opd"),
    path("jp/kota/", jp.JpCityDashboardView.as_view(), name="jp_city"),
    path("jp/ekspor/", jp.JpExportView.as_view(), name="jp_export"),
    path("jp/perbarui/", jp.JpRefreshView.as_view(), name="jp_refresh"),
    path("jp/pengingat/", jp.JpRemindView.as_view(), name="jp_remind"),
]
