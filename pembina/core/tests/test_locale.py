"""Indonesian by default whatever the browser asks; English only when switched."""

import pytest

pytestmark = pytest.mark.django_db


def test_indonesian_default_even_for_an_english_browser(client):
    r = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert r.headers["Content-Language"] == "id"


def test_switch_to_english_and_back(client):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert r.status_code == 302
    r = client.get("/accounts/login/")
    assert r.headers["Content-Language"] == "en"
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert client.get("/accounts/login/").headers["Content-Language"] == "id"
