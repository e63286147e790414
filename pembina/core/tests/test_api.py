"""The API's framework behaviour: token auth and audit, error shape, tokens, schema and docs page."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from pembina.core.models import AuditEntry
from pembina.core.testing.api import token_client
from pembina.org.models import Employee

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("-id")


# --- authentication and audit -------------------------------------------------------------------


def test_token_write_is_audited_as_api_with_token_user_and_request_id(city):
    user = city.users["admin_opd"]
    emp = city.people["staff_a"]
    client = token_client(user, HTTP_X_REQUEST_ID="integrasi-simpeg-42")
    response = client.patch(f"/api/v1/employees/{emp.pk}/", {"phone": "0561-42"}, format="json")
    assert response.status_code == 200, response.content
    assert response["X-Request-ID"] == "integrasi-simpeg-42"
    entry = entries_for(emp).first()
    assert entry.action == "update"
    assert entry.after == {"phone": "0561-42"}
    assert entry.source == "api"
    assert entry.actor_id == user.pk
    assert entry.actor_repr == user.username
    assert entry.request_id == "integrasi-simpeg-42"


def test_request_id_is_generated_when_missing(city):
    user = city.users["admin_bkpsdm"]
    unit = city.bidang_a1
    response = token_client(user).patch(f"/api/v1/units/{unit.pk}/", {"short_name": "P2P"}, format="json")
    assert response.status_code == 200
    rid = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    assert entries_for(unit).first().request_id == rid


def test_bad_or_missing_token_is_401(city):
    assert token_client().get("/api/v1/employees/").status_code == 401
    bad = token_client()
    bad.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = bad.get("/api/v1/employees/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_session_auth_works_for_the_browser(city, login):
    client = login(city.users["pegawai"])
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == city.users["pegawai"].username


def test_admin_session_without_2fa_is_refused_but_token_is_not(city, client):
    admin = city.users["admin_opd"]
    client.force_login(admin)  # no TOTP enrolled
    assert client.get("/api/v1/employees/").status_code == 403
    assert token_client(admin).get("/api/v1/employees/").status_code == 200


def test_session_write_needs_csrf(city, login):
    from django.test import Client

    login(city.users["admin_bkpsdm"])  # enrols TOTP
    client = Client(enforce_csrf_checks=True)
    client.force_login(city.users["admin_bkpsdm"])
    unit = city.bidang_a1
    response = client.patch(f"/api/v1/units/{unit.pk}/", {"short_name": "X"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


# --- error shape --------------------------------------------------------------------------------


def test_application_error_is_400_with_indonesian_message(city):
    emp = city.people["staff_a"]
    before = AuditEntry.objects.count()
    # A definitive move must start after the current one (2020-01-01): the service refuses.
    response = token_client(city.users["admin_bkpsdm"]).post(
        f"/api/v1/employees/{emp.pk}/assign/",
        {"position": city.positions["epid_a"].pk, "start_date": "2019-05-01"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Sudah ada riwayat jabatan definitif mulai 01-05-2019 atau sesudahnya."
    assert body["field"] == "start_date"
    assert AuditEntry.objects.count() == before  # nothing changed


def test_model_rule_breach_names_the_field(city):
    emp = city.people["staff_a"]
    response = token_client(city.users["admin_bkpsdm"]).patch(
        f"/api/v1/employees/{emp.pk}/", {"rank": "IX/z"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "rank"
    assert "IX/z" in body["detail"]
    assert Employee.objects.get(pk=emp.pk).rank == "II/c"


def test_unparseable_input_is_400_naming_the_field_by_its_label(city):
    body = {"nip": "198503142010011001", "name": "Tanpa Tanggal", "gender": "L", "asn_status": "pns"}
    response = token_client(city.users["admin_bkpsdm"]).post("/api/v1/employees/", body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert data["field"] == "birth_date"
    assert data["detail"] == "Tanggal lahir: Bidang ini harus diisi."
    assert "birth_date" in data["errors"]
    assert not Employee.objects.filter(name="Tanpa Tanggal").exists()


def test_unknown_reference_is_400_not_a_leak(city):
    response = token_client(city.users["admin_opd"]).post(
        "/api/v1/positions/",
        {"unit": 999999, "code": "J-X", "name": "Analis", "job_type": "pelaksana"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "unit"


def test_not_found_is_404_in_indonesian(city):
    response = token_client(city.users["admin_bkpsdm"]).get("/api/v1/employees/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Data tidak ditemukan."}


def test_role_that_cannot_write_gets_403_with_message(city):
    response = token_client(city.users["pimpinan"]).post("/api/v1/units/", {}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Peran Anda tidak dapat mengubah data ini."


def test_audit_list_filters(city):
    client = token_client(city.users["auditor"])
    emp = city.people["staff_b"]
    response = client.get("/api/v1/audit-entries/", {"object_type": "org.employee", "object_id": emp.pk})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows and {(r["object_type"], r["object_id"]) for r in rows} == {("org.employee", str(emp.pk))}
    assert client.get("/api/v1/audit-entries/", {"source": "api"}).json()["count"] == 0
    bad = client.get("/api/v1/audit-entries/", {"date_from": "kemarin"})
    assert bad.status_code == 400 and bad.json()["field"] == "date_from"


def test_job_errors_hide_tracebacks(city):
    from pembina.core.models import Job

    user = city.users["pegawai"]
    job = Job.objects.create(
        handler="pembina.x",
        title="Impor",
        created_by=user,
        status="failed",
        errors=[{"message": "Kesalahan sistem: boom", "detail": "Traceback (most recent call last): ..."}],
    )
    body = token_client(user).get(f"/api/v1/jobs/{job.pk}/").json()
    assert body["errors"] == [{"message": "Kesalahan sistem: boom"}]
    assert "handler" not in body and "params" not in body


# --- tokens -------------------------------------------------------------------------------------


def _run_token_command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_api_token_command_issues_rotates_and_audits(city):
    user = city.users["admin_bkpsdm"]
    key, note = _run_token_command(user.username)
    assert key == Token.objects.get(user=user).key and len(key) == 40
    assert "baru" in note
    assert token_client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200

    again, note = _run_token_command(user.username)
    assert again == key and "sudah ada" in note

    rotated, _ = _run_token_command(user.username, "--rotate")
    assert rotated != key
    assert token_client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert token_client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {rotated}").status_code == 200

    entries = list(
        AuditEntry.objects.filter(object_type="authtoken.token", object_id=str(user.pk)).order_by("id")
    )
    assert [e.action for e in entries] == ["create", "update"]  # showing an existing token changes nothing
    assert all(e.source == "command" and e.actor_repr == "perintah api_token" for e in entries)
    for e in entries:  # the secret never enters the (readable) audit trail
        assert key not in str(e.before) + str(e.after) + e.object_repr
        assert rotated not in str(e.before) + str(e.after) + e.object_repr


def test_api_token_command_refuses_unknown_and_inactive_users(city):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        _run_token_command("tidak.ada")
    user = city.users["pimpinan"]
    user.is_active = False
    user.save()
    with pytest.raises(CommandError, match="tidak aktif"):
        _run_token_command(user.username)
    assert not Token.objects.filter(user=user).exists()


# --- schema and docs ----------------------------------------------------------------------------


def test_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    for path in ("/api/v1/employees/{id}/superiors/", "/api/v1/audit-entries/", "/api/v1/me/"):
        assert path in text


def test_schema_documents_errors_and_scope_404():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    detail = schema["paths"]["/api/v1/employees/{id}/"]
    assert {"401", "403", "404"} <= set(detail["get"]["responses"])
    assert {"400", "404"} <= set(detail["patch"]["responses"])
    assert "put" not in detail and "delete" not in detail
    assert "404" not in schema["paths"]["/api/v1/employees/"]["get"]["responses"]
    assert schema["paths"]["/api/v1/employees/{id}/assign/"]["post"]["responses"]["201"]
    params = {p["name"] for p in schema["paths"]["/api/v1/employees/"]["get"]["parameters"]}
    assert {"q", "opd", "unit", "rank", "asn_status", "job_type", "state"} <= params
    assert "on" in {
        p["name"] for p in schema["paths"]["/api/v1/employees/{id}/superiors/"]["get"]["parameters"]
    }


def test_docs_page_is_local_and_csp_clean(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css" in html
    assert "//cdn" not in html and "https://" not in html
    # Every script is a file (the init script is its own request); the one style carries the nonce.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="' in attrs for attrs in scripts)
    nonce = re.search(r'<style nonce="([^"]+)"', html).group(1)
    csp = response["Content-Security-Policy"]
    assert f"'nonce-{nonce}'" in csp and "unsafe-inline" not in csp
    script_url = re.findall(r'<script src="([^"]+)"', html)[-1].replace("&amp;", "&")
    assert "script" in script_url
    js = client.get(script_url)
    assert js.status_code == 200 and js["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in js.content.decode() and "/api/v1/schema/" in js.content.decode()


@pytest.mark.browser
def test_docs_page_renders_in_chromium_under_csp(live_server):
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium tidak terpasang")
    from playwright.sync_api import sync_playwright

    violations = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.goto(f"{live_server.url}/api/v1/docs/")
        # Swagger UI renders only the tags near the viewport (the schema is large): scroll through the page
        # and collect every tag that was shown
        page.wait_for_selector(".opblock-tag", timeout=15000)
        tags: set[str] = set()
        for _ in range(400):
            tags.update(page.locator(".opblock-tag").all_inner_texts())
            at_end = page.evaluate("window.innerHeight + window.scrollY >= document.body.scrollHeight - 2")
            if any("employees" in t for t in tags) or at_end:
                break
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(50)
        browser.close()
    assert any("employees" in t for t in tags), tags
    assert violations == []
