"""Account URLs that replace allauth's (listed before allauth.urls under /accounts/)."""

from django.urls import path

from pembina.accounts import views

urlpatterns = [
    path("login/", views.login, name="account_login"),
]
