"""`pembina demo_totp <username>`: print the current 6-digit TOTP code of a demo admin account.

Demo only: it refuses any account outside the instansi the `demo` command built, so it can never
hand out second factors of a real administration.
"""

from __future__ import annotations

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pembina.org.demo import is_demo_instansi


def totp_secret_of(user) -> str:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        raise CommandError(_("Akun %(u)s tidak mempunyai autentikator TOTP.") % {"u": user.username})
    return decrypt(authenticator.data["secret"])


def current_code(user, *, now: float | None = None) -> str:
    secret = totp_secret_of(user)
    counter = int(now if now is not None else time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


class Command(BaseCommand):
    help = "Mencetak kode 2FA (TOTP) saat ini dari akun admin kota demo. Hanya untuk demo."

    def add_arguments(self, parser):
        parser.add_argument("username", help=_("Nama pengguna akun demo, mis. admin.bkpsdm."))
        parser.add_argument(
            "--uri",
            action="store_true",
            help=_("Cetak tautan otpauth:// untuk dipindai ke aplikasi autentikator, bukan kode."),
        )

    def handle(self, *args, username: str, uri: bool = False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Pengguna '%(u)s' tidak ditemukan.") % {"u": username})
        if not is_demo_instansi(user.instansi_id):
            raise CommandError(
                _("Ditolak: %(u)s bukan akun kota demo. Perintah ini hanya untuk akun demo.")
                % {"u": username}
            )
        if uri:
            from allauth.mfa.adapter import get_adapter

            self.stdout.write(get_adapter().build_totp_url(user, totp_secret_of(user)))
            return
        period = mfa_settings.TOTP_PERIOD
        left = period - int(time.time()) % period
        self.stderr.write(_("Berlaku sekitar %(s)s detik lagi.") % {"s": left})
        # Only the code on stdout, so scripts can capture it: `CODE=$(pembina demo_totp admin.bkpsdm)`.
        self.stdout.write(current_code(user))
