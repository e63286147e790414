"""Lockout (django-axes) through the real allauth login view: 5 failures per NIP+IP, then 429."""

from django.test import override_settings

from pembina.accounts.tests.factories import PASSWORD
from pembina.org.rules.nip import format_nip

LOGIN = "/accounts/login/"
WRONG = "bukan-kata-sandinya"


def attempt(client, login, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"login": login, "password": password}, REMOTE_ADDR=ip)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_failures_lock_even_the_right_password_out(city, client):
    nip = city.users["pegawai"].username
    for i in range(4):
        r = attempt(client, nip, WRONG)
        assert r.status_code == 200, f"attempt {i + 1} should only show the form error"
    assert attempt(client, nip, WRONG).status_code == 429  # the fifth failure locks
    r = attempt(client, nip, PASSWORD)
    assert r.status_code == 429
    assert not logged_in(client)
    html = r.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in html
    assert "dikunci sementara" in html
    assert "dalam 30 menit" in html


def test_spaced_and_compact_nip_share_one_counter(city, client):
    nip = city.users["pegawai"].username
    for login in (nip, format_nip(nip), nip, format_nip(nip), f" {nip} "):
        attempt(client, login, WRONG)
    assert attempt(client, format_nip(nip), PASSWORD).status_code == 429
    assert not logged_in(client)


def test_lock_is_per_nip_and_ip(city, client):
    nip = city.users["pegawai"].username
    for _ in range(5):
        attempt(client, nip, WRONG, ip="10.0.0.1")
    # the same NIP from another address, and another NIP from the locked address, still get in
    assert attempt(client, nip, PASSWORD, ip="10.0.0.2").status_code == 302
    assert logged_in(client)
    client.post("/accounts/logout/")
    other = city.users["pejabat_penilai"].username
    assert attempt(client, other, PASSWORD, ip="10.0.0.1").status_code == 302


def test_successful_login_resets_the_counter(city, client):
    nip = city.users["pegawai"].username
    for _ in range(4):
        attempt(client, nip, WRONG)
    assert attempt(client, nip, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):  # without the reset these would make 8 failures and lock
        assert attempt(client, nip, WRONG).status_code == 200
    assert attempt(client, nip, PASSWORD).status_code == 302


def test_cool_off_ends_the_lock(city, client, settings):
    import datetime as dt

    from axes.models import AccessAttempt

    nip = city.users["pegawai"].username
    for _ in range(5):
        attempt(client, nip, WRONG)
    assert attempt(client, nip, PASSWORD).status_code == 429
    # 31 minutes later (the cool-off is 30): move the attempts back instead of sleeping
    old = AccessAttempt.objects.get()
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=old.attempt_time - dt.timedelta(minutes=31))
    assert attempt(client, nip, PASSWORD).status_code == 302


def test_cool_off_is_thirty_minutes_by_default(settings):
    import datetime as dt

    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(hours=settings.AXES_COOLOFF_TIME) == dt.timedelta(minutes=30)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@override_settings(PEMBINA_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_forwarded_address_counts_not_a_spoofed_one(city, client):
    nip = city.users["pegawai"].username
    for i in range(5):
        # the client prepends a fake address each time; the proxy appends the real one (203.0.113.9)
        client.post(
            LOGIN,
            {"login": nip, "password": WRONG},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.9",
        )
    r = client.post(
        LOGIN,
        {"login": nip, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.77, 203.0.113.9",
    )
    assert r.status_code == 429
