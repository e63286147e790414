"""Accounts: the custom user, roles, login with NIP, 2FA for admin roles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pembina.accounts"
    label = "accounts"
    verbose_name = _("Akun")
