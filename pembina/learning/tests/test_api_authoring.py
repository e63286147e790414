"""The learning API's external-certificate upload and scenario authoring: who may call them (allowed /
403 role / 404 out of scope / 401), bad files refused by the evidence rule with its Indonesian message
naming the field, and a scenario's life: steps and choices, validation problems, a cycle refused on
publish, a valid one published, back to draft, archived."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pembina.core.testing.api import ANONYMOUS, module_db_fixture, token_client
from pembina.learning import services
from pembina.learning.choices import CertificateStatus, ScenarioStatus
from pembina.learning.models import Certificate, Scenario
from pembina.learning.rules import files as file_rules
from pembina.learning.tests.test_api_matrix import BASE, TODAY, build_world, client_for
from pembina.learning.tests.test_api_workflows import ok

world = module_db_fixture(build_world)

UPLOAD = f"{BASE}/certificate-uploads/"
AUTHORING = f"{BASE}/scenario-authoring/"
PDF = b"%PDF-1.4\n% sertifikat uji\n"


@pytest.fixture
def w(world, db):
    return world


def stranger(w):
    return token_client(w.sides["other_instansi"].user)


def client(w, role):
    return stranger(w) if role == "other_instansi" else client_for(w, role)


def upload_form(content=PDF, name="sertifikat.pdf", **extra):
    form = {
        "title": "Webinar SP4N-LAPOR!",
        "activity_kind": "seminar",
        "organiser": "Kementerian PANRB",
        "number": "KEMEN/123",
        "start_date": (TODAY - dt.timedelta(days=5)).isoformat(),
        "end_date": (TODAY - dt.timedelta(days=4)).isoformat(),
        "jp": "3",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
    }
    return form | extra


# --- external certificate upload --------------------------------------------------------------------

# role → status when uploading for the Dinkes employee (staff_a, the `pegawai` user)
UPLOAD_FOR_STAFF_A = {
    ANONYMOUS: 401,
    "pegawai": 201,  # their own
    "atasan": 403,  # sees the staff member, but only the employee or an admin uploads
    "admin_opd": 201,
    "admin_bkpsdm": 201,
    "luar": 404,  # an employee of another OPD does not see staff_a
    "pimpinan": 403,
    "auditor": 403,
    "other_instansi": 404,
}


@pytest.mark.parametrize("role", list(UPLOAD_FOR_STAFF_A))
def test_upload_permission_matrix(w, role):
    staff_a = w.sides["dinkes"].employee
    before = Certificate.objects.filter(employee=staff_a).count()
    response = client(w, role).post(UPLOAD, upload_form(employee=staff_a.pk), format="multipart")
    want = UPLOAD_FOR_STAFF_A[role]
    assert response.status_code == want, (role, response.content[:300])
    after = Certificate.objects.filter(employee=staff_a).count()
    assert after == before + (1 if want == 201 else 0)
    if want == 201:
        body = response.json()
        assert body["status"] == CertificateStatus.PENDING and body["kind"] == "external"
        assert body["employee"]["id"] == staff_a.pk
        cert = Certificate.objects.get(pk=body["id"])
        assert cert.file_kind == "pdf" and not cert.file.name.endswith("sertifikat.pdf")


def test_upload_for_oneself_and_the_admins_check(w):
    body = ok(client_for(w, "luar").post(UPLOAD, upload_form(), format="multipart"), 201)
    assert body["employee"]["id"] == w.sides["dukcapil"].employee.pk
    # another instansi's employee is out of even Admin BKPSDM's scope
    foreign = w.sides["other_instansi"].employee.pk
    response = client_for(w, "admin_bkpsdm").post(UPLOAD, upload_form(employee=foreign), format="multipart")
    assert response.status_code == 404
    # the uploaded certificate goes to the admin's existing review action
    review = f"{BASE}/certificates/{body['id']}/review/"
    assert client_for(w, "luar").post(review, {"accept": True}, format="json").status_code == 403
    reviewed = ok(client_for(w, "admin_bkpsdm").post(review, {"accept": True}, format="json"))
    assert reviewed["status"] == CertificateStatus.VALID


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 not a pdf at all", "sertifikat.pdf", "bukan PDF, PNG, atau JPEG"),
        (b"%PDF-" + b"0" * file_rules.MAX_BYTES, "besar.pdf", "Berkas terlalu besar"),
        (b"", "kosong.pdf", "Berkas kosong"),
    ],
    ids=["renamed", "oversized", "empty"],
)
def test_bad_uploads_are_refused_naming_the_field(w, content, name, message):
    before = Certificate.objects.count()
    response = client_for(w, "pegawai").post(UPLOAD, upload_form(content, name), format="multipart")
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["field"] == "file" and message in body["detail"], body
    assert Certificate.objects.count() == before


def test_upload_form_errors_name_the_field(w):
    me = client_for(w, "pegawai")
    body = me.post(UPLOAD, upload_form(activity_kind="nonsense"), format="multipart").json()
    assert body["field"] == "activity_kind" and body["detail"].startswith("bentuk pengembangan")
    late = (TODAY - dt.timedelta(days=9)).isoformat()
    body = me.post(UPLOAD, upload_form(end_date=late), format="multipart").json()
    assert body["field"] == "end_date" and "sebelum tanggal mulai" in body["detail"]
    form = upload_form()
    form.pop("file")
    body = me.post(UPLOAD, form, format="multipart").json()
    assert body["field"] == "file"


# --- scenario authoring -----------------------------------------------------------------------------

NEW_SCENARIO = {
    "title": "Warga marah di loket",
    "service_context": "Loket KTP-el",
    "channel": "counter",
    "difficulty": "basic",
    "learning_goals": ["Menenangkan warga", "Menjelaskan prosedur"],
    "competencies": {"pelayanan-publik": 2},
}

# role → (create, read the author's view of a draft, publish it)
AUTHORING_MATRIX = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (403, 403, 403),
    "atasan": (403, 403, 403),
    "admin_opd": (403, 403, 403),
    "admin_bkpsdm": (201, 200, 400),  # the empty draft has problems
    "pimpinan": (403, 403, 403),
    "auditor": (403, 403, 403),
    "other_instansi": (403, 403, 403),
}


@pytest.mark.parametrize("role", list(AUTHORING_MATRIX))
def test_authoring_permission_matrix(w, role):
    who = client(w, role)
    want_create, want_read, want_publish = AUTHORING_MATRIX[role]
    code = f"matriks-{role}".replace("_", "-")
    got = who.post(AUTHORING, {"code": code, **NEW_SCENARIO}, format="json").status_code
    assert got == want_create, (role, "create", got)
    assert Scenario.objects.filter(code=code).exists() == (want_create == 201)
    draft = w.draft_scenario.pk
    assert who.get(f"{AUTHORING}{draft}/").status_code == want_read, (role, "read")
    assert who.get(f"{AUTHORING}{draft}/validation/").status_code == want_read, (role, "validation")
    assert who.post(f"{AUTHORING}{draft}/publish/").status_code == want_publish, (role, "publish")
    assert Scenario.objects.get(pk=draft).status == ScenarioStatus.DRAFT


def test_foreign_scenario_is_404(w):
    other = w.sides["other_instansi"].employee.instansi
    foreign = services.scenario_create(
        code="kota-lain",
        data={
            "title": "Skenario kota lain",
            "service_context": "Uji",
            "channel": "counter",
            "difficulty": "basic",
        },
        instansi=other,
        actor=None,
    )
    admin = client_for(w, "admin_bkpsdm")
    assert admin.get(f"{AUTHORING}{foreign.pk}/").status_code == 404
    assert admin.patch(f"{AUTHORING}{foreign.pk}/", {"title": "x"}, format="json").status_code == 404
    assert admin.post(f"{AUTHORING}{foreign.pk}/publish/").status_code == 404
    ids = {row["id"] for row in ok(admin.get(AUTHORING, {"page_size": 500}))["results"]}
    assert foreign.pk not in ids and w.draft_scenario.pk in ids


def _choice(label, to, scores, feedback="Umpan balik."):
    return {"label": label, "next": to, "feedback": feedback, "scores": scores}


def test_scenario_life(w):
    admin = client_for(w, "admin_bkpsdm")
    body = ok(admin.post(AUTHORING, {"code": "putaran", **NEW_SCENARIO}, format="json"), 201)
    pk = body["scenario"]["id"]
    assert body["scenario"]["status"] == "draft" and [p["code"] for p in body["problems"]] == ["empty"]
    url = f"{AUTHORING}{pk}"
    step = {"citizen_message": "Saya sudah antre tiga jam!", "kind": "choice"}
    ok(admin.post(f"{url}/steps/", {"key": "s1", **step}, format="json"), 201)
    ok(admin.post(f"{url}/steps/", {"key": "s2", **step}, format="json"), 201)
    refused = admin.post(f"{url}/steps/", {"key": "s2", **step}, format="json")
    assert refused.status_code == 400 and refused.json()["field"] == "key"
    ok(admin.post(f"{url}/steps/s1/choices/", _choice("Minta maaf", "s2", {"manner": 2}), format="json"), 201)
    body = ok(
        admin.post(f"{url}/steps/s2/choices/", _choice("Ulangi", "s1", {"need": 1}), format="json"), 201
    )
    assert body["start"] == "s1"
    codes = {p["code"] for p in ok(admin.get(f"{url}/validation/"))["problems"]}
    assert "cycle" in codes
    response = admin.post(f"{url}/publish/")
    assert response.status_code == 400
    refusal = response.json()
    assert "belum dapat diterbitkan" in refusal["detail"]
    assert "cycle" in {e["code"] for e in refusal["errors"]}
    assert Scenario.objects.get(pk=pk).status == ScenarioStatus.DRAFT

    # an unscored choice is refused by the parser, an unknown dimension too
    bad = admin.post(f"{url}/steps/s1/choices/", _choice("Diam", "s2", {}), format="json")
    assert bad.status_code == 400 and bad.json()["field"] == "scores"
    bad = admin.post(f"{url}/steps/s1/choices/", _choice("Diam", "s2", {"luck": 1}), format="json")
    assert bad.status_code == 400 and bad.json()["field"] == "scores"

    # fix: s2's choice leads to an ending; a free-text step with a rubric on the way
    ok(
        admin.post(
            f"{url}/steps/",
            {"key": "akhir", "kind": "ending", "citizen_message": "Terima kasih.", "ending_kind": "good"},
            format="json",
        ),
        201,
    )
    rubric = [{"label": "Empati", "dimension": "manner", "points": 2, "keywords": ["maaf", "mohon"]}]
    ok(
        admin.post(
            f"{url}/steps/",
            {
                "key": "bebas",
                "kind": "free_text",
                "citizen_message": "Jelaskan!",
                "rubric": rubric,
                "next": "akhir",
            },
            format="json",
        ),
        201,
    )
    draft = ok(admin.get(f"{url}/"))
    choice_id = next(s for s in draft["steps"] if s["key"] == "s2")["choices"][0]["id"]
    ok(admin.patch(f"{url}/choices/{choice_id}/", {"next": "bebas"}, format="json"))
    ok(admin.patch(f"{url}/steps/bebas/", {"low_next": "akhir"}, format="json"))
    extra = ok(admin.post(f"{url}/steps/", {"key": "sisa", **step}, format="json"), 201)
    assert "unreachable" in {p["code"] for p in extra["problems"]}
    ok(admin.delete(f"{url}/steps/sisa/"))
    body = ok(
        admin.post(f"{url}/steps/s1/choices/", _choice("Tambahan", "akhir", {"need": 1}), format="json"), 201
    )
    extra_choice = next(s for s in body["steps"] if s["key"] == "s1")["choices"][-1]["id"]
    ok(admin.delete(f"{url}/choices/{extra_choice}/"))
    check = ok(admin.get(f"{url}/validation/"))
    assert check["publishable"] is True and check["problems"] == [], check
    assert check["max_score"] > 0 and check["paths"] >= 1

    published = ok(admin.post(f"{url}/publish/"))
    assert published["scenario"]["status"] == "published" and published["scenario"]["version"] == 1
    # a published scenario does not change until it is back to draft
    assert admin.patch(f"{url}/", {"title": "Baru"}, format="json").status_code == 400
    assert (
        client_for(w, "pegawai").post(f"{BASE}/scenarios/{pk}/start/", {}, format="json").status_code == 201
    )
    assert ok(admin.post(f"{url}/unpublish/"))["scenario"]["status"] == "draft"
    assert (
        ok(admin.patch(f"{url}/", {"title": "Baru", "start": "s1"}, format="json"))["scenario"]["title"]
        == "Baru"
    )
    assert ok(admin.post(f"{url}/archive/"))["scenario"]["status"] == "archived"
    # learners no longer see it
    assert client_for(w, "pegawai").get(f"{BASE}/scenarios/{pk}/").status_code == 404


def test_authoring_of_an_unknown_step_or_choice_is_404(w):
    admin = client_for(w, "admin_bkpsdm")
    url = f"{AUTHORING}{w.draft_scenario.pk}"
    assert admin.patch(f"{url}/steps/tidak-ada/", {"title": "x"}, format="json").status_code == 404
    assert (
        admin.post(
            f"{url}/steps/tidak-ada/choices/", _choice("a", "", {"need": 1}), format="json"
        ).status_code
        == 404
    )
    other_choice = w.scenario.steps.first().choices.first()
    assert admin.delete(f"{url}/choices/{other_choice.pk}/").status_code == 404
