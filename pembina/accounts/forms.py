"""Login form: the NIP may be typed the way it is printed ("19801230 201001 2 005")."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.utils.translation import gettext_lazy as _

from pembina.accounts.login import normalize_login


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("NIP atau nama pengguna")
        login.help_text = _("Pegawai ASN: NIP 18 digit, boleh dengan spasi (19801230 201001 2 005).")
        login.widget.attrs.update({"placeholder": "", "autocomplete": "username", "autofocus": True})
        password = self.fields["password"]
        password.label = _("Kata sandi")
        password.help_text = ""
        password.widget.attrs["placeholder"] = ""

    def clean_login(self) -> str:
        return normalize_login(self.cleaned_data["login"])
