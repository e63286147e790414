"""Open311 GeoReport v2 at /open311/v2/ (JSON or XML by suffix)."""

from django.urls import re_path

from pembina.public_services.views import open311 as views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.service_list, name="service_list"),
    re_path(
        r"^services/(?P<code>[A-Za-z0-9\-]{1,40})" + FMT, views.service_definition, name="service_definition"
    ),
    re_path(r"^requests" + FMT, views.requests_endpoint, name="requests"),
    re_path(
        r"^requests/(?P<request_id>[A-Za-z0-9\-]{1,40})" + FMT, views.request_detail, name="request_detail"
    ),
    re_path(r"^tokens/(?P<token>[A-Za-z0-9\-]{1,40})" + FMT, views.token_detail, name="token_detail"),
]
