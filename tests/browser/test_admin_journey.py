"""Admin BKPSDM journey: log in with 2FA, import employees from a file, find one, read its history."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from pembina.accounts.tests.factories import PASSWORD, activate_totp, totp_code
from pembina.org.rules.nip import make_nip
from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser


def test_admin_imports_finds_and_reads_history(city_live, live_server, page, console_errors, tmp_path):
    admin = city_live.users["admin_bkpsdm"]
    secret = activate_totp(admin)
    kasi_code = city_live.positions["staff_a"].code
    nip = make_nip(birth=dt.date(1993, 5, 17), gender="P", sequence=7, tmt=dt.date(2019, 3, 1))
    csv = tmp_path / "pegawai.csv"
    csv.write_text(
        "NIP;NAMA;GELAR BELAKANG;TANGGAL LAHIR;JENIS KELAMIN;STATUS ASN;GOLONGAN;KODE JABATAN;TMT JABATAN\n"
        f"{nip};Rahmawati Sulastri;S.Kom.;17-05-1993;P;PNS;III/a;{kasi_code};02-01-2024\n",
        encoding="utf-8-sig",
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("NIP atau nama pengguna").fill("admin.bkpsdm")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.get_by_label("Kode").fill(totp_code(secret, margin=8))
    page.get_by_role("button", name="Verifikasi").click()
    expect(page).to_have_url(f"{live_server.url}/")

    # import a file
    page.get_by_role("button", name="Administrasi").click()
    page.get_by_role("link", name="Impor data").first.click()
    expect(page).to_have_url(re.compile(r"/org/import/"))
    page.locator("input[type=file]").set_input_files(str(csv))
    page.get_by_role("button", name="Periksa dan impor").click()
    expect(page.locator("main")).to_contain_text("1")
    screenshot(page, "import-result")

    # find the employee
    page.goto(f"{live_server.url}/org/employees/")
    page.get_by_label("Cari nama atau NIP").fill("Rahmawati")
    page.get_by_label("Cari nama atau NIP").press("Enter")
    link = page.get_by_role("link", name=re.compile("Rahmawati Sulastri"))
    expect(link).to_have_count(1)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rahmawati Sulastri")

    # read its history: created by the import, with the uploader as actor
    page.get_by_role("tab", name=re.compile("Riwayat perubahan")).click()
    history = page.locator("#history-content")
    expect(history).to_contain_text("admin.bkpsdm")
    expect(history).to_contain_text(re.compile("Impor", re.I))
    screenshot(page, "employee-history")
    page.set_viewport_size(PHONE)
    screenshot(page, "employee-history-phone")
    assert console_errors == []
