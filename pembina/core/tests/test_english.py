"""The English catalogue (locale/en) is compiled and used once a person switches language; Indonesian stays default."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _switch_to_english(client):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert r.status_code == 302


def _nav_employees_label(html):
    m = re.search(r'data-nav="employees">.*?</i>\s*([^<]+?)\s*</a>', html, re.S)
    assert m, "employee link missing from the main navigation"
    return m.group(1)


def test_login_page_is_indonesian_by_default(client):
    html = client.get("/accounts/login/").content.decode()
    assert "Masuk ke Pembina" in html
    assert "Log in to Pembina" not in html


def test_login_page_in_english_after_switch(client):
    _switch_to_english(client)
    html = client.get("/accounts/login/").content.decode()
    assert "Log in to Pembina" in html
    assert "Forgot your password or have no account yet?" in html
    assert "Masuk ke Pembina" not in html


def test_employee_list_in_english_after_switch(client, city, login):
    login(city.users["admin_bkpsdm"])
    _switch_to_english(client)
    r = client.get("/org/employees/")
    assert r.status_code == 200
    html = r.content.decode()
    assert _nav_employees_label(html) == "Employees"
    assert "Employee list" in html
    assert "More filters" in html
    assert "Organisation chart" in html
    assert "Daftar pegawai" not in html
    assert "Penyaring lainnya" not in html


def test_employee_list_is_indonesian_without_switch(client, city, login):
    login(city.users["admin_bkpsdm"])
    html = client.get("/org/employees/").content.decode()
    assert _nav_employees_label(html) == "Pegawai"
    assert "Daftar pegawai" in html
    assert "Struktur organisasi" in html
    assert "Employee list" not in html


def test_english_plural_forms(client, city, login):
    login(city.users["admin_bkpsdm"])
    _switch_to_english(client)
    html = client.get("/org/employees/").content.decode()
    assert re.search(r"\b\d[\d,.]* employees?\b", html), "plural employee count not translated"
