"""The planning endpoints beyond plain CRUD: kinerja kolaboratif links, bulk cascade, version diff,
dialog kinerja threads, evidence delete and upload checks, progress reads and early warnings.

Same world and same roles as test_api.py (staff_a's SKP "in", staff_b's "out", another instansi's
"foreign"); every endpoint × every role, written out here independently of rules/workflow.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from pembina.accounts.tests.factories import make_user
from pembina.core.models import AuditEntry
from pembina.core.testing.api import (
    ANONYMOUS,
    check_visibility,
    check_writes,
    count_queries,
    module_db_fixture,
    token_client,
)
from pembina.performance import services
from pembina.performance.models import (
    Evidence,
    PerformancePlan,
    PlanComment,
    PlannedResult,
    ResultLink,
)
from pembina.performance.tests.factories import approve, extra_staff, make_plan
from pembina.performance.tests.test_api import (
    PDF,
    PLAN_READ,
    ROLES,
    THREE,
    H,
    S,
    _create,
    _only,
    _row,
    _table,
    build_world,
    plan_of,
    realisation_of,
    result_of,
    write_attempts,
)

pytestmark = pytest.mark.django_db

world = module_db_fixture(build_world)


@pytest.fixture
def w(world, db):
    return world


def kasi_result(w) -> PlannedResult:
    return PerformancePlan.objects.get(employee=w.city.people["kasi_a1a"]).results.get()


def kabid_b_result(w) -> PlannedResult:
    return PerformancePlan.objects.get(employee=w.city.people["kabid_b1"]).results.get()


def link_of(w, target) -> ResultLink:
    """ "shared": staff_a's RHK (Dinkes) ↔ staff_b's RHK (Dukcapil); "foreign": two plans elsewhere."""
    if target == "foreign":
        plan = plan_of(w, "foreign")
        other = make_plan(year=plan.year, employee=w.new_staff["foreign"])
        a, b = sorted((plan.results.get().pk, other.results.get().pk))
        return ResultLink.objects.create(result_a_id=a, result_b_id=b, note="lain")
    return services.result_collaborate(result=result_of(w, "in"), other=result_of(w, "out"), actor=None)


def comment_of(w, target) -> PlanComment:
    plan = plan_of(w, target)
    return services.plan_comment_add(
        plan=plan, body="Targetnya realistis?", result=plan.results.get(), actor=None
    )


def evidence_of(w, target) -> Evidence:
    upload = SimpleUploadedFile("bukti.pdf", PDF)
    return services.evidence_add(realisation=realisation_of(w, target), upload=upload, actor=None)


# --- coverage: these endpoints are listed in test_api.COVERED under the names of these tests ----------

NEW_ENDPOINTS = {
    ("api-result-link-list", "get"),
    ("api-result-link-list", "post"),
    ("api-result-link-detail", "get"),
    ("api-result-link-detail", "delete"),
    ("api-result-collaboration-candidates", "get"),
    ("api-result-cascade", "get"),
    ("api-result-cascade", "post"),
    ("api-plan-diff", "get"),
    ("api-plan-snapshot", "get"),
    ("api-plan-progress", "get"),
    ("api-indicator-progress", "get"),
    ("api-plan-comment-list", "get"),
    ("api-plan-comment-list", "post"),
    ("api-plan-comment-detail", "get"),
    ("api-plan-comment-resolve", "post"),
    ("api-evidence-list", "get"),
    ("api-evidence-detail", "get"),
    ("api-evidence-detail", "delete"),
    ("api-early-warnings", "get"),
    ("api-plan-progress-list", "get"),
}


def test_new_endpoints_are_routed_and_in_the_main_matrix():
    from pembina.core.testing.api import api_operations
    from pembina.performance.tests.test_api import COVERED

    routed = api_operations("pembina.performance.api.urls")
    assert routed >= NEW_ENDPOINTS
    assert set(COVERED) >= NEW_ENDPOINTS
    assert all(COVERED[k].startswith("test_api_planning") for k in NEW_ENDPOINTS)


# --- reads ---------------------------------------------------------------------------------------------

# kinerja kolaboratif: the link is seen by whoever sees either side
LINK_READ = {
    ANONYMOUS: (401, 401),
    "pegawai": (S, H),
    "penilai": (S, H),
    "atasan": (S, H),
    "admin_opd": (S, H),
    "admin_bkpsdm": (S, H),
    "pimpinan": (S, H),
    "auditor": (S, H),
    "outsider": (H, H),
}
# the Kasi's own SKP (the source of a bulk cascade): its owner, rater, admins and read-all roles
KASI_READ = {
    ANONYMOUS: (401,),
    "pegawai": (H,),
    "penilai": (S,),
    "atasan": (S,),
    "admin_opd": (S,),
    "admin_bkpsdm": (S,),
    "pimpinan": (S,),
    "auditor": (S,),
    "outsider": (H,),
}


def _reads(w):
    """resource → (list url, detail urls(pk), targets(), table, target names)."""
    return {
        "result_links": (
            "/api/v1/result-links/",
            lambda pk: [f"/api/v1/result-links/{pk}/"],
            lambda: {t: link_of(w, t).pk for t in ("shared", "foreign")},
            LINK_READ,
            ("shared", "foreign"),
        ),
        "comments": (
            "/api/v1/comments/",
            lambda pk: [f"/api/v1/comments/{pk}/"],
            lambda: {t: comment_of(w, t).pk for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "evidence": (
            "/api/v1/evidence/",
            lambda pk: [f"/api/v1/evidence/{pk}/"],
            lambda: {t: evidence_of(w, t).pk for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "plan_reads": (
            None,
            lambda pk: [
                f"/api/v1/plans/{pk}/diff/?from_version=1",
                f"/api/v1/plans/{pk}/snapshot/?version=1",
                f"/api/v1/plans/{pk}/snapshot/",
                f"/api/v1/plans/{pk}/progress/",
            ],
            lambda: {t: plan_of(w, t, "approved").pk for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "indicator_progress": (
            None,
            lambda pk: [f"/api/v1/indicators/{pk}/progress/"],
            lambda: {t: realisation_of(w, t).indicator_id for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "rhk_reads": (
            None,
            lambda pk: [
                f"/api/v1/results/{pk}/cascade/",
                f"/api/v1/results/{pk}/collaboration-candidates/?q=RHK",
            ],
            lambda: {"kasi": kasi_result(w).pk},
            KASI_READ,
            ("kasi",),
        ),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "resource", ["result_links", "comments", "evidence", "plan_reads", "indicator_progress", "rhk_reads"]
)
def test_reads(w, resource, role):
    list_url, details, targets, table, names = _reads(w)[resource]
    check_visibility(
        w.client(role),
        list_url=list_url,
        detail_urls=details,
        targets=targets(),
        expected=_row(names, table[role]),
        label=f"{resource} as {role}",
    )


# The OPD pages' API: the caller's own OPD, any OPD for read-all roles (plans inside still scoped).
OPD_LEVEL = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (200, 404, 404),
    "penilai": (200, 404, 404),
    "atasan": (200, 404, 404),
    "admin_opd": (200, 404, 404),
    "admin_bkpsdm": (200, 200, 404),
    "pimpinan": (200, 200, 404),
    "auditor": (200, 200, 404),
    "outsider": (200, 404, 404),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ["/api/v1/early-warnings/", "/api/v1/plan-progress/"])
def test_opd_level_reads(w, url, role):
    client = w.client(role)
    got = tuple(client.get(url, {"opd": w.opds[t].pk, "year": 2026}).status_code for t in THREE)
    assert got == OPD_LEVEL[role]


# --- writes --------------------------------------------------------------------------------------------


def _ops():
    def link_create(w, t):
        sides = {"in": ("in", "out"), "out": ("out", "in"), "foreign": ("foreign", "in")}[t]
        mine, other = (result_of(w, x) for x in sides)
        return "post", "/api/v1/result-links/", {"result": mine.pk, "other": other.pk, "note": "Bersama"}

    def link_delete(w, t):
        return "delete", f"/api/v1/result-links/{link_of(w, t).pk}/", None

    def cascade(w, t):
        if t == "in":
            source, staff = kasi_result(w), w.new_staff["in"]
        elif t == "out":
            source, staff = kabid_b_result(w), w.new_staff["out"]
        else:
            source, staff = result_of(w, "foreign"), w.new_staff["foreign"]
        return "post", f"/api/v1/results/{source.pk}/cascade/", {"employees": [staff.pk]}

    def comment_create(w, t):
        plan = plan_of(w, t)
        body = {"plan": plan.pk, "result": plan.results.get().pk, "body": "Bagaimana kalau 14?"}
        return "post", "/api/v1/comments/", body

    def comment_resolve(w, t):
        return "post", f"/api/v1/comments/{comment_of(w, t).pk}/resolve/", {}

    def evidence_delete(w, t):
        return "delete", f"/api/v1/evidence/{evidence_of(w, t).pk}/", None

    return {
        "link_create": link_create,
        "link_delete": link_delete,
        "cascade": cascade,
        "comment_create": comment_create,
        "comment_resolve": comment_resolve,
        "evidence_delete": evidence_delete,
    }


COLLABORATORS = {"pegawai", "penilai", "admin_opd", "admin_bkpsdm"}
WRITE_TABLES = {
    # owner, rater or admin of the RHK's plan; the other side need only be a candidate
    "link_create": _create(COLLABORATORS, {"admin_bkpsdm"}),
    # owner, rater or admin of either side; the atasan and read-all roles see it but may not
    "link_delete": _table(
        **{r: (204 if r in COLLABORATORS else 400 if r != "outsider" else 404, 404) for r in ROLES[1:]}
    ),
    # only the owner of the source RHK (the Kasi) distributes it; others who see the RHK are refused
    "cascade": _table(
        pegawai=(404, 404, 404),
        penilai=(200, 404, 404),
        atasan=(400, 404, 404),
        admin_opd=(400, 404, 404),
        admin_bkpsdm=(400, 400, 404),
        pimpinan=(400, 400, 404),
        auditor=(400, 400, 404),
        outsider=(404, 404, 404),
    ),
    "comment_create": _create({"pegawai", "penilai"}, set()),
    "comment_resolve": _only({"pegawai", "penilai"}, 200),
    "evidence_delete": _only({"pegawai", "admin_opd", "admin_bkpsdm"}, 204),
}
TARGETS = {"link_delete": ("shared", "foreign")}


def test_write_tables_name_every_role():
    for name, table in WRITE_TABLES.items():
        assert set(table) == set(ROLES), name
        assert all(len(row) == len(TARGETS.get(name, THREE)) for row in table.values()), name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", list(WRITE_TABLES))
def test_writes(w, operation, role):
    build = _ops()[operation]
    targets, expected = TARGETS.get(operation, THREE), WRITE_TABLES[operation][role]
    attempts = write_attempts(w.client(role), targets, expected, lambda t: build(w, t))
    check_writes(f"{operation} as {role}", attempts)


# --- behaviour -----------------------------------------------------------------------------------------


def test_collaboration_is_seen_from_both_sides_and_removed_by_either(w):
    mine, theirs = result_of(w, "in"), result_of(w, "out")
    staff_b = make_user(username=w.city.people["staff_b"].nip, employee=w.city.people["staff_b"])
    owner, other_side = w.client("pegawai"), token_client(staff_b)
    candidates = owner.get(f"/api/v1/results/{mine.pk}/collaboration-candidates/", {"q": "Hadi"}).json()
    assert [c["id"] for c in candidates] == [theirs.pk] and candidates[0]["employee"] == "Hadi Staf"
    made = owner.post(
        "/api/v1/result-links/", {"result": mine.pk, "other": theirs.pk, "note": "Data bersama"}
    )
    assert made.status_code == 201, made.content
    link = made.json()
    assert {link["result_a"]["id"], link["result_b"]["id"]} == {mine.pk, theirs.pk}
    for client, plan in ((owner, mine.plan_id), (other_side, theirs.plan_id)):
        listed = client.get("/api/v1/result-links/", {"plan": plan}).json()["results"]
        assert [row["id"] for row in listed] == [link["id"]]
    again = owner.post("/api/v1/result-links/", {"result": mine.pk, "other": theirs.pk}, format="json")
    assert again.status_code == 400 and "sudah terhubung" in again.json()["detail"]
    same_unit = owner.post(
        "/api/v1/result-links/", {"result": mine.pk, "other": kasi_result(w).pk}, format="json"
    )
    assert same_unit.status_code == 400 and same_unit.json()["field"] == "other"
    entry = AuditEntry.objects.filter(object_type="performance.resultlink", source="api").get()
    assert entry.action == "create" and entry.actor_id == w.users["pegawai"].pk
    assert other_side.delete(f"/api/v1/result-links/{link['id']}/").status_code == 204
    assert not ResultLink.objects.exists()


def test_bulk_cascade_from_a_template_rhk(w):
    kasi = w.client("penilai")
    source = kasi_result(w)
    subs = kasi.get(f"/api/v1/results/{source.pk}/cascade/").json()
    by_name = {row["full_name"]: row for row in subs}
    assert by_name["Dedi Staf"]["plan_status"] == "draft" and by_name["Staf A Tiga"]["plan_status"] is None
    more = extra_staff(w.city, 3)
    assert {e.pk for e in more} <= {
        row["id"] for row in kasi.get(f"/api/v1/results/{source.pk}/cascade/").json()
    }
    staff_a = w.city.people["staff_a"]
    plan_of(w, "in", "submitted")  # staff_a's SKP is waiting for approval: skipped, not changed
    body = {
        "employees": [w.new_staff["in"].pk, *(e.pk for e in more), staff_a.pk],
        "statement": "Terlaksananya imunisasi kejar",
    }
    response = kasi.post(f"/api/v1/results/{source.pk}/cascade/", body, format="json")
    assert response.status_code == 200, response.content
    report = response.json()
    assert len(report["created"]) == 4 and len(report["plans_created"]) == 4
    assert [s["employee"] for s in report["skipped"]] == [staff_a.pk]
    copies = PlannedResult.objects.filter(pk__in=report["created"])
    assert {c.parent_result_id for c in copies} == {source.pk}
    assert {c.statement for c in copies} == {"Terlaksananya imunisasi kejar"}
    assert all(c.indicators.count() == source.indicators.count() for c in copies)
    stranger = kasi.post(
        f"/api/v1/results/{source.pk}/cascade/", {"employees": [w.city.people["staff_b"].pk]}, format="json"
    )
    assert stranger.status_code == 400 and stranger.json()["field"] == "employees"


def test_versions_are_listed_and_compared(w):
    plan = plan_of(w, "in", "approved")
    owner, rater = w.client("pegawai"), w.client("penilai")
    assert owner.post(f"/api/v1/plans/{plan.pk}/revise/", {"reason": "Mutasi tugas"}).status_code == 200
    ind = plan.results.get().indicators.get()
    assert owner.patch(f"/api/v1/indicators/{ind.pk}/", {"target": "20"}, format="json").status_code == 200
    working = owner.get(f"/api/v1/plans/{plan.pk}/diff/", {"from_version": 1}).json()
    assert working["to_version"] is None
    change = next(c for c in working["changes"] if c["field"] == "target")
    assert (change["before"], change["after"]) == ("12", "20")
    assert owner.post(f"/api/v1/plans/{plan.pk}/submit/", {}).status_code == 200
    assert rater.post(f"/api/v1/plans/{plan.pk}/approve/", {}).status_code == 200
    assert [v["number"] for v in owner.get(f"/api/v1/plans/{plan.pk}/versions/").json()] == [1, 2]
    both = owner.get(f"/api/v1/plans/{plan.pk}/diff/", {"from_version": 1, "to_version": 2}).json()
    assert [c["field"] for c in both["changes"] if c["section"] != "header"] == ["target"]
    v1 = owner.get(f"/api/v1/plans/{plan.pk}/snapshot/", {"version": 1}).json()
    assert v1["results"][0]["indicators"][0]["target"] == "12"
    assert owner.get(f"/api/v1/plans/{plan.pk}/diff/", {"from_version": 9}).status_code == 404
    assert owner.get(f"/api/v1/plans/{plan.pk}/diff/").json()["field"] == "from_version"


def test_dialog_kinerja_thread_per_rhk(w):
    plan = plan_of(w, "in")
    rhk = plan.results.get()
    owner, rater = w.client("pegawai"), w.client("penilai")
    asked = owner.post("/api/v1/comments/", {"plan": plan.pk, "result": rhk.pk, "body": "Target 12 cukup?"})
    assert asked.status_code == 201 and asked.json()["result"] == rhk.pk
    reply = rater.post(
        "/api/v1/comments/",
        {"plan": plan.pk, "indicator": rhk.indicators.get().pk, "body": "Naikkan ke 14"},
        format="json",
    )
    assert reply.status_code == 201 and reply.json()["result"] == rhk.pk  # an IKI note joins its RHK thread
    thread = owner.get("/api/v1/comments/", {"result": rhk.pk}).json()["results"]
    assert [c["body"] for c in thread] == ["Target 12 cukup?", "Naikkan ke 14"]
    assert [c["author_name"] for c in thread] == ["Dedi Staf", "Citra Kasi"]
    done = owner.post(f"/api/v1/comments/{asked.json()['id']}/resolve/")
    assert done.status_code == 200 and done.json()["resolved_at"]
    still_open = owner.get("/api/v1/comments/", {"plan": plan.pk, "open": "true"}).json()["results"]
    assert [c["body"] for c in still_open] == ["Naikkan ke 14"]
    wrong = owner.post(
        "/api/v1/comments/", {"plan": plan.pk, "result": result_of(w, "out").pk, "body": "x"}, format="json"
    )
    assert wrong.status_code == 400 and wrong.json()["field"] == "result"
    empty = owner.post("/api/v1/comments/", {"plan": plan.pk, "body": "  "}, format="json")
    assert empty.status_code == 400 and empty.json()["field"] == "body"


# --- evidence: the same checks as the page (the service decides), and delete ---------------------------


def _upload(w, client, name, data, **extra):
    real = realisation_of(w, "in")
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = client.post(
        f"/api/v1/realisations/{real.pk}/evidence/", {"file": upload, **extra}, format="multipart"
    )
    return real, response


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("program.pdf", b"MZ\x90\x00" + b"\x00" * 64, "tidak sesuai dengan ekstensi"),
        ("kosong.pdf", b"", "kosong"),
        ("skrip.sh", b"#!/bin/sh\nrm -rf /\n", "tidak diterima"),
        ("gambar.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "tidak sesuai dengan ekstensi"),
    ],
)
def test_evidence_bad_content_is_refused_with_the_page_message(w, name, data, message):
    real, response = _upload(w, w.client("pegawai"), name, data)
    assert response.status_code == 400 and response.json()["field"] == "file"
    assert message in response.json()["detail"]
    assert not real.evidence.exists()


@override_settings(PEMBINA_EVIDENCE_MAX_MB=1)
def test_evidence_oversized_is_refused_before_reading(w):
    big = PDF + b"0" * (1024 * 1024)
    real, response = _upload(w, w.client("pegawai"), "besar.pdf", big)
    assert response.status_code == 400 and "terlalu besar" in response.json()["detail"]
    assert "maksimum 1 MB" in response.json()["detail"] and not real.evidence.exists()


def test_evidence_path_like_names_are_stored_plain_and_deleted_with_the_file(
    w, django_capture_on_commit_callbacks
):
    client = w.client("pegawai")
    real, response = _upload(w, client, "../../etc/Laporan\x00 Q1.pdf", PDF)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["original_name"] == "Laporan Q1.pdf"
    ev = Evidence.objects.get(pk=body["id"])
    assert ".." not in ev.file.name and ev.file.name.startswith("performance/evidence/")
    storage, stored = ev.file.storage, ev.file.name
    listed = client.get("/api/v1/evidence/", {"realisation": real.pk}).json()["results"]
    assert [e["id"] for e in listed] == [ev.pk] and listed[0]["realisation"] == real.pk
    other = services.evidence_add(realisation=real, upload=SimpleUploadedFile("b.pdf", PDF), actor=None)
    refused = w.client("penilai").delete(f"/api/v1/evidence/{other.pk}/")
    assert refused.status_code == 400 and Evidence.objects.filter(pk=other.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/v1/evidence/{ev.pk}/").status_code == 204
    assert not Evidence.objects.filter(pk=ev.pk).exists() and not storage.exists(stored)
    deleted = AuditEntry.objects.filter(
        object_type="performance.evidence", action="delete", source="api"
    ).get()
    assert deleted.actor_id == w.users["pegawai"].pk


# --- progress and early warning ------------------------------------------------------------------------


def test_progress_reads_match_the_rules(w):
    import datetime as dt

    plan = plan_of(w, "in", "approved")
    ind = plan.results.get().indicators.get()  # target 12 a year, sum, higher is better
    periods = list(w.year.periods.order_by("number"))
    services.realisation_record(indicator=ind, period=periods[0], value=3, actor=None)
    services.realisation_record(indicator=ind, period=periods[1], value=1, actor=None)
    client = w.client("pegawai")
    on = dt.date(2026, 10, 20)  # Q1-Q3 ended; Q3 past the 10 grace days without a value
    body = client.get(f"/api/v1/indicators/{ind.pk}/progress/", {"on": on.isoformat()}).json()
    assert (
        body["elapsed"] == 3 and Decimal(body["ytd"]) == 4 and Decimal(body["progress"]) == Decimal("33.33")
    )
    assert body["pace"] == "behind"  # 4 of the 9 expected after three quarters
    assert [p["missing"] for p in body["periods"]] == [False, False, True, False]
    summary = client.get(f"/api/v1/plans/{plan.pk}/progress/", {"on": on.isoformat()}).json()
    assert (summary["indicators"], summary["behind"], summary["missing"]) == (1, 1, 1)
    assert summary["indicator_statuses"][0]["indicator"] == ind.pk
    draft = plan_of(w, "out")
    refused = w.client("admin_bkpsdm").get(
        f"/api/v1/indicators/{draft.results.get().indicators.get().pk}/progress/"
    )
    assert refused.status_code == 400
    flags = (
        w.client("admin_opd")
        .get("/api/v1/early-warnings/", {"opd": w.city.dinas_a.pk, "year": 2026, "on": on.isoformat()})
        .json()
    )
    kasi_iki = kasi_result(w).indicators.get().pk  # the Kasi's approved SKP has no realisation at all
    assert {(f["kind"], f["indicator"]) for f in flags} == {
        ("indicator_behind", ind.pk),
        ("realisation_missing", ind.pk),
        ("realisation_missing", kasi_iki),
    }
    assert sum(1 for f in flags if f["indicator"] == kasi_iki) == 3  # Q1, Q2, Q3
    rated = w.client("penilai").get("/api/v1/early-warnings/", {"rated": "true", "on": on.isoformat()}).json()
    assert {f["plan"] for f in rated} == {plan.pk}
    assert (
        w.client("outsider")
        .get("/api/v1/early-warnings/", {"opd": w.city.dinas_a.pk, "on": on.isoformat()})
        .json()
        == []
    )


# --- constant query counts -----------------------------------------------------------------------------

LISTS = ["/api/v1/result-links/", "/api/v1/comments/", "/api/v1/evidence/"]


def _grow(w, n: int):
    """`n` more approved plans in Dinkes, each linked with staff_b's RHK, with comments and evidence."""
    kasi_rhk, theirs = kasi_result(w), result_of(w, "out")
    for e in extra_staff(w.city, n):
        plan = approve(make_plan(year=w.year, employee=e, parent=kasi_rhk))
        rhk = plan.results.get()
        services.result_collaborate(result=rhk, other=theirs, actor=None)
        services.plan_comment_add(plan=plan, result=rhk, body="catatan", actor=None)
        real = services.realisation_record(
            indicator=rhk.indicators.get(), period=w.periods["in"], value=2, actor=None
        )
        services.evidence_add(realisation=real, upload=SimpleUploadedFile("b.pdf", PDF), actor=None)


@pytest.mark.parametrize("role", ["admin_bkpsdm", "admin_opd"])
def test_list_queries_do_not_grow_with_rows(w, role):
    client = w.client(role)
    opd_pages = [
        ("/api/v1/plan-progress/", {"opd": w.city.dinas_a.pk}),
        ("/api/v1/early-warnings/", {"opd": w.city.dinas_a.pk}),
    ]

    def counts():
        out = {}
        for url, params in [(u, {}) for u in LISTS] + opd_pages:
            n, response = count_queries(
                lambda url=url, params=params: client.get(url, {"page_size": 500, **params})
            )
            assert response.status_code == 200, (url, response.content[:200])
            out[url] = n
        return out

    _grow(w, 1)
    small = counts()
    _grow(w, 6)
    large = counts()
    assert small == large
