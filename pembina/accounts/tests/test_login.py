"""Login with NIP (spaces allowed) or an admin username, through the real allauth views."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from pembina.accounts.login import axes_username, normalize_login
from pembina.accounts.models import User
from pembina.accounts.tests.factories import PASSWORD
from pembina.org.rules.nip import format_nip, make_nip

LOGIN = "/accounts/login/"


def spaced(nip: str) -> str:
    return format_nip(nip)


# --- normalisation (pure) ---------------------------------------------------------------------------

nips = st.builds(
    lambda birth, gender, seq: make_nip(birth=birth, gender=gender, sequence=seq, tmt=dt.date(2010, 1, 1)),
    st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(1990, 12, 31)),
    st.sampled_from(["L", "P"]),
    st.integers(min_value=1, max_value=999),
)


@settings(deadline=None)  # pure and fast; a loaded CI machine must not turn it red
@given(nip=nips, seps=st.lists(st.sampled_from(["", " ", "  ", ".", "-", "\t"]), min_size=18, max_size=18))
def test_nip_with_any_separators_normalises_to_its_18_digits(nip, seps):
    typed = "".join(d + s for d, s in zip(nip, seps, strict=True))
    assert normalize_login(f"  {typed} ") == nip


@settings(deadline=None)
@given(name=st.from_regex(r"[a-z][a-z0-9._-]{2,20}", fullmatch=True))
def test_usernames_with_letters_are_only_stripped(name):
    assert normalize_login(f" {name}  ") == name


def test_printed_form_of_a_nip():
    assert normalize_login("19801230 201001 2 005") == "198012302010012005"
    assert normalize_login("admin.bkpsdm") == "admin.bkpsdm"  # the dot stays: it is not a NIP
    assert normalize_login(None) == ""


def test_axes_username_reads_either_key_and_normalises(rf):
    request = rf.post(LOGIN, {"login": "19801230 201001 2 005"})
    assert axes_username(request, None) == "198012302010012005"
    assert axes_username(request, {"username": "19801230 201001 2 005"}) == "198012302010012005"
    assert axes_username(request, {"login": "19801230-201001-2-005"}) == "198012302010012005"


# --- the login page --------------------------------------------------------------------------------


def test_login_page_names_the_pemda_and_has_no_navigation(city, client):
    r = client.get(LOGIN)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Pemerintah Kota Uji" in html
    assert "NIP atau nama pengguna" in html
    assert 'id="mainnav"' not in html  # no menu for anonymous visitors
    assert reverse("account_signup") not in html
    assert "form-control" in html and "btn-pembina" in html  # the Bootstrap element templates are used


@pytest.mark.parametrize("how", ["compact", "spaced"])
def test_pegawai_logs_in_with_nip(city, client, how):
    user = city.users["pegawai"]
    login = user.username if how == "compact" else spaced(user.username)
    r = client.post(LOGIN, {"login": login, "password": PASSWORD})
    assert r.status_code == 302
    assert r["Location"] == reverse("core:home")
    assert int(client.session["_auth_user_id"]) == user.pk
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    assert user.employee.name in home.content.decode()


def test_admin_logs_in_with_username(city, client):
    # Admin BKPSDM without an authenticator: password login succeeds, then 2FA enrolment is forced.
    r = client.post(LOGIN, {"login": "admin.bkpsdm", "password": PASSWORD})
    assert r.status_code == 302
    assert int(client.session["_auth_user_id"]) == city.users["admin_bkpsdm"].pk


def test_wrong_password_is_refused_in_indonesian(city, client):
    r = client.post(LOGIN, {"login": spaced(city.users["pegawai"].username), "password": "salah-sekali-1"})
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session
    html = r.content.decode()
    assert "alert-danger" in html
    assert "NIP/nama pengguna atau kata sandi salah." in html


def test_self_signup_is_closed(db, client):
    r = client.get(reverse("account_signup"))
    assert r.status_code == 200
    assert "<form" not in r.content.decode().split("<main", 1)[1].split("</main>")[0]
    client.post(
        reverse("account_signup"),
        {"username": "penyusup", "password1": "Rahasia-Sekali-99", "password2": "Rahasia-Sekali-99"},
    )
    assert not User.objects.filter(username="penyusup").exists()


def test_logout_is_a_post(city, client):
    client.force_login(city.users["pegawai"])
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200 and "Yakin ingin keluar" in page.content.decode()
    assert "_auth_user_id" in client.session  # GET only asks
    r = client.post(reverse("account_logout"))
    assert r.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_page_is_styled_and_works(city, client):
    user = city.users["pegawai"]
    client.force_login(user)
    page = client.get(reverse("account_change_password"))
    assert page.status_code == 200
    assert "Ganti kata sandi" in page.content.decode() and "form-control" in page.content.decode()
    r = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "Kinerja-Baru-2025!", "password2": "Kinerja-Baru-2025!"},
    )
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Kinerja-Baru-2025!")
