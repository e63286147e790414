"""Login journeys in a real browser: a pegawai with NIP, an Admin BKPSDM with NIP-less username + TOTP."""

import re

import pytest
from playwright.sync_api import expect

from pembina.accounts.tests.factories import PASSWORD, activate_totp, totp_code
from pembina.org.rules.nip import format_nip
from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser


def test_pegawai_logs_in_with_a_spaced_nip_and_sees_home(city_live, live_server, page, console_errors):
    pegawai = city_live.users["pegawai"]
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_test_id("pemda-name")).to_have_text("Pemerintah Kota Uji")
    expect(page.locator("#mainnav")).to_have_count(0)
    screenshot(page, "login")
    page.set_viewport_size(PHONE)
    screenshot(page, "login-phone")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_label("NIP atau nama pengguna").fill(format_nip(pegawai.username))
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(pegawai.employee.name)
    screenshot(page, "home")
    page.set_viewport_size(PHONE)
    screenshot(page, "home-phone")
    assert console_errors == []


def test_admin_bkpsdm_logs_in_with_totp(city_live, live_server, page, console_errors):
    admin = city_live.users["admin_bkpsdm"]
    secret = activate_totp(admin)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("NIP atau nama pengguna").fill("admin.bkpsdm")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    screenshot(page, "totp")
    page.get_by_label("Kode").fill(totp_code(secret, margin=8))
    page.get_by_role("button", name="Verifikasi").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("roles")).to_contain_text("Admin BKPSDM")
    # the admin has the longest menu: at a common laptop width it fits on one line without sideways scroll
    page.set_viewport_size({"width": 1280, "height": 800})
    nav = page.locator("nav.navbar .container-fluid, nav.navbar > div").first
    screenshot(page, "home-admin-desktop")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert nav.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert console_errors == []
