"""2FA: required (TOTP) for admin roles and superusers, optional for everyone else; recovery codes."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import override_settings
from django.urls import reverse

from pembina.accounts.tests.factories import PASSWORD, activate_totp, make_user, totp_code

LOGIN = "/accounts/login/"
ACTIVATE = reverse("mfa_activate_totp")
AUTHENTICATE = reverse("mfa_authenticate")
HOME = reverse("core:home")


def password_login(client, username):
    return client.post(LOGIN, {"login": username, "password": PASSWORD})


def logged_in_as(client):
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


@pytest.mark.parametrize("role", ["admin_bkpsdm", "admin_opd", "auditor"])
def test_admin_without_authenticator_is_sent_to_enrolment_on_every_page(city, client, role):
    assert password_login(client, city.users[role].username).status_code == 302
    for path in (HOME, "/org/", "/django-admin/", "/no-such-page/"):
        r = client.get(path)
        assert r.status_code == 302, path
        assert r["Location"] == ACTIVATE
    page = client.get(ACTIVATE)  # right after signing in: no second password prompt
    assert page.status_code == 200
    assert "Peran Anda mewajibkan autentikasi dua faktor" in page.content.decode()
    assert client.get(reverse("account_change_password")).status_code == 200  # /accounts/ stays open


def test_enrolment_long_after_login_asks_for_the_password_again(city, client):
    client.force_login(city.users["admin_bkpsdm"])  # no login record: like a session hours old
    r = client.get(ACTIVATE)
    assert r["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize("role", ["pegawai", "pejabat_penilai", "pimpinan"])
def test_other_roles_are_never_forced(city, client, role):
    client.force_login(city.users[role])
    r = client.get(HOME)
    assert r.status_code == 200


def test_admin_session_without_2fa_cannot_use_the_api(city, client):
    client.force_login(city.users["admin_bkpsdm"])
    r = client.get("/api/v1/schema/")
    assert r.status_code == 403
    assert "dua faktor" in r.json()["detail"]


def test_admin_enrols_totp_and_then_gets_recovery_codes(city, client):
    admin = city.users["admin_bkpsdm"]
    assert password_login(client, "admin.bkpsdm")["Location"] == HOME
    assert client.get(HOME)["Location"] == ACTIVATE
    page = client.get(ACTIVATE)
    secret = page.context["form"].secret
    assert secret in page.content.decode()  # shown for manual entry next to the QR code
    wrong = client.post(ACTIVATE, {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=admin).exists()
    r = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert r.status_code == 302
    assert r["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists()
    codes = client.get(r["Location"])
    assert codes.status_code == 200
    assert len(codes.context["unused_codes"]) == 10
    assert codes.context["unused_codes"][0] in codes.content.decode()
    assert client.get(HOME).status_code == 200


def test_admin_with_totp_must_enter_the_code_at_login(city, client):
    admin = city.users["admin_bkpsdm"]
    secret = activate_totp(admin)
    r = password_login(client, "admin.bkpsdm")
    assert r["Location"] == AUTHENTICATE
    assert logged_in_as(client) is None  # the password alone does not log in
    assert client.get(HOME)["Location"].startswith(reverse("account_login"))
    page = client.get(AUTHENTICATE)
    assert "Autentikasi dua faktor" in page.content.decode()
    bad = client.post(AUTHENTICATE, {"code": "12345"})
    assert bad.status_code == 200 and logged_in_as(client) is None
    r = client.post(AUTHENTICATE, {"code": totp_code(secret)})
    assert r.status_code == 302 and r["Location"] == HOME
    assert logged_in_as(client) == admin.pk
    assert client.get(HOME).status_code == 200


def test_pegawai_who_chose_totp_is_asked_too(city, client):
    pegawai = city.users["pegawai"]
    activate_totp(pegawai)
    assert password_login(client, pegawai.username)["Location"] == AUTHENTICATE


def test_totp_code_guessing_is_rate_limited(city, client):
    admin = city.users["admin_bkpsdm"]
    secret = activate_totp(admin)
    password_login(client, "admin.bkpsdm")
    good = totp_code(secret)
    wrong = "000000" if good != "000000" else "111111"
    for _ in range(5):
        client.post(AUTHENTICATE, {"code": wrong})
    r = client.post(AUTHENTICATE, {"code": totp_code(secret)})
    assert logged_in_as(client) is None
    assert r.status_code in (200, 429)


def test_recovery_code_logs_in_once(city, client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    admin = city.users["admin_bkpsdm"]
    activate_totp(admin)
    code = RecoveryCodes.activate(admin).get_unused_codes()[0]
    password_login(client, "admin.bkpsdm")
    assert client.post(AUTHENTICATE, {"code": code})["Location"] == HOME
    assert logged_in_as(client) == admin.pk
    client.post(reverse("account_logout"))
    password_login(client, "admin.bkpsdm")
    client.post(AUTHENTICATE, {"code": code})
    assert logged_in_as(client) is None


def test_admin_cannot_deactivate_required_totp_but_pegawai_can(city, client):
    admin = city.users["admin_bkpsdm"]
    activate_totp(admin)
    client.force_login(admin)
    reauth = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert reauth.status_code == 302
    page = client.get(reverse("mfa_deactivate_totp"))
    assert page.status_code == 200
    assert "tidak dapat dinonaktifkan" in page.content.decode()
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=admin, type="totp").exists()

    pegawai = city.users["pegawai"]
    activate_totp(pegawai)
    client.force_login(pegawai)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    r = client.post(reverse("mfa_deactivate_totp"))
    assert r.status_code == 302
    assert not Authenticator.objects.filter(user=pegawai, type="totp").exists()


def test_superuser_needs_2fa_even_without_a_role(db, client):
    root = make_user(username="root")
    root.is_superuser = root.is_staff = True
    root.save()
    client.force_login(root)
    assert client.get("/django-admin/")["Location"] == ACTIVATE


@override_settings(PEMBINA_MFA_REQUIRED_ROLES=["pimpinan"])
def test_required_roles_come_from_settings(city, client):
    client.force_login(city.users["pimpinan"])
    assert client.get(HOME)["Location"] == ACTIVATE
    client.force_login(city.users["admin_bkpsdm"])
    assert client.get(HOME).status_code == 200


def test_mfa_index_page_is_styled(city, login):
    client = login(city.users["admin_bkpsdm"])
    page = client.get(reverse("mfa_index"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Aplikasi autentikator (TOTP)" in html and "card" in html and "Kode pemulihan" in html
