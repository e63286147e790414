"""Core pages: permission matrix (home, jobs, audit), job progress polling, audit filters and chain check."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import ROLE_KEYS, build_city
from pembina.accounts.tests.factories import make_user
from pembina.core.audit.context import Source, audit_context
from pembina.core.audit.recorder import Change, record
from pembina.core.models import AuditEntry, Job
from pembina.core.models.jobs import JobStatus
from pembina.core.testing.views import (
    ALL,
    NONE,
    SCOPED,
    ViewContract,
    assert_contracts_cover,
    check_view_contract,
    module_city_fixture,
)
from pembina.org import services
from pembina.org.models import Employee

pytestmark = pytest.mark.django_db


def _entry_for(obj) -> AuditEntry:
    return (
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("id")
        .first()
    )


def _build():
    city = build_city()
    city.outsider = make_user(username="orang.lain", instansi=city.instansi)
    city.jobs = {
        key: Job.objects.create(handler="pembina.uji", title=f"Impor milik {key}", created_by=user)
        for key, user in city.users.items()
    }
    city.jobs["other"] = Job.objects.create(
        handler="pembina.uji", title="Impor orang lain", created_by=city.outsider
    )
    city.entry_in = _entry_for(city.people["staff_a"])
    city.entry_out = _entry_for(city.people["staff_b"])
    return city


city = module_city_fixture(_build)


# --- the permission matrix --------------------------------------------------------------------


def plain(url_name):
    return lambda city, role: reverse(url_name)


def own_job(url_name):
    return lambda city, role: reverse(url_name, args=[city.jobs.get(role, city.jobs["other"]).pk])


def others_job(url_name):
    return lambda city, role: reverse(url_name, args=[city.jobs["other"].pk])


def entry(url_name, attr):
    return lambda city, role: reverse(url_name, args=[getattr(city, attr).pk])


EVERYONE = dict.fromkeys(ROLE_KEYS, ALL)
# own jobs for everyone; the BKPSDM admin and the auditor also see other people's jobs
SEE_JOB = {
    "pegawai": SCOPED,
    "pejabat_penilai": SCOPED,
    "admin_opd": SCOPED,
    "admin_bkpsdm": ALL,
    "pimpinan": SCOPED,
    "auditor": ALL,
}
AUDITOR_ONLY = {**dict.fromkeys(ROLE_KEYS, NONE), "auditor": ALL}

CONTRACTS = [
    ViewContract("core:home", url_in=plain("core:home"), expected=EVERYONE),
    ViewContract("core:job_list", url_in=plain("core:job_list"), expected=EVERYONE),
    ViewContract(
        "core:job_detail",
        url_in=own_job("core:job_detail"),
        url_out=others_job("core:job_detail"),
        expected=SEE_JOB,
    ),
    ViewContract(
        "core:job_progress",
        url_in=own_job("core:job_progress"),
        url_out=others_job("core:job_progress"),
        expected=SEE_JOB,
        htmx=True,
    ),
    ViewContract("core:audit_list", url_in=plain("core:audit_list"), expected=AUDITOR_ONLY),
    ViewContract("core:audit_list", url_in=plain("core:audit_list"), expected=AUDITOR_ONLY, htmx=True),
    ViewContract(
        "core:audit_detail",
        url_in=entry("core:audit_detail", "entry_in"),
        url_out=entry("core:audit_detail", "entry_out"),
        expected=AUDITOR_ONLY,
    ),
    ViewContract(
        "core:audit_verify", url_in=plain("core:audit_verify"), expected=AUDITOR_ONLY, method="post"
    ),
]


@pytest.mark.parametrize("contract", CONTRACTS, ids=str)
def test_permission_matrix(contract, city, client, login):
    check_view_contract(contract, client=client, login=login, city=city, roles=ROLE_KEYS)


def test_every_core_view_has_a_contract():
    assert_contracts_cover(
        CONTRACTS,
        urlconf="pembina.config.urls",
        view_modules=["pembina.core.views", "pembina.core.views.jobs", "pembina.core.views.audit"],
        public=["healthz"],
    )


def test_healthz_stays_public(client):
    assert client.get(reverse("healthz")).json()["status"] == "ok"


# --- jobs -------------------------------------------------------------------------------------------


def test_job_list_shows_own_jobs_only(city, login):
    r = login(city.users["pegawai"]).get(reverse("core:job_list"))
    assert [j.title for j in r.context["jobs"]] == ["Impor milik pegawai"]
    r = login(city.users["admin_bkpsdm"]).get(reverse("core:job_list"))
    assert len(r.context["jobs"]) == 7


def test_running_job_polls_every_second(city, login):
    job = city.jobs["admin_opd"]
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress_current=250, progress_total=1000)
    c = login(city.users["admin_opd"])
    body = c.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body and reverse("core:job_progress", args=[job.pk]) in body
    assert 'value="25"' in body  # the <progress> bar (no inline style: the CSP forbids it)
    part = c.get(reverse("core:job_progress", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in part and 'hx-trigger="every 1s"' in part and "250 / 1.000" in part


def test_finished_job_stops_polling_and_shows_result_and_errors(city, login):
    job = city.jobs["admin_opd"]
    errors = [
        {"row": 3, "column": "NIP", "message": "NIP harus 18 digit."},
        {"row": 7, "column": "Golongan", "message": "Golongan V/a tidak dikenal."},
    ]
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        progress_current=10,
        progress_total=10,
        result={"dibuat": 8, "diperbarui": 0, "gagal": 2},
        errors=errors,
        finished_at=timezone.now(),
    )
    r = login(city.users["admin_opd"]).get(
        reverse("core:job_progress", args=[job.pk]), headers={"HX-Request": "true"}
    )
    body = r.content.decode()
    assert "hx-trigger" not in body
    assert r.context["result_items"] == [("dibuat", 8), ("diperbarui", 0), ("gagal", 2)]
    assert "NIP harus 18 digit." in body and "Golongan V/a tidak dikenal." in body
    assert body.count("<tr>") == 1 + 2  # header + one row per error


def test_failed_job_with_plain_error(city, login):
    job = city.jobs["pegawai"]
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED,
        errors=[{"message": "Kesalahan sistem: koneksi putus"}],
        finished_at=timezone.now(),
    )
    body = login(city.users["pegawai"]).get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "Kesalahan sistem: koneksi putus" in body and "Gagal" in body


# --- audit ------------------------------------------------------------------------------------------


def audit_ids(response) -> list[int]:
    return [e.pk for e in response.context["entries"]]


def test_audit_list_filters(city, login):
    admin = city.users["admin_bkpsdm"]
    with audit_context(source=Source.WEB, user=admin, request_id="req-filter-1"):
        services.unit_update(unit=city.bidang_b1, data={"name": "Bidang PDP Baru"}, actor=admin)
    with audit_context(source=Source.API, user=admin, request_id="req-filter-2"):
        services.employee_update(employee=city.people["staff_b"], data={"phone": "0812"}, actor=admin)
    c = login(city.users["auditor"])
    url = reverse("core:audit_list")
    by_type = c.get(url, {"object_type": "org.unit", "action": "update", "source": "web"})
    assert {e.object_type for e in by_type.context["entries"]} == {"org.unit"}
    assert {e.request_id for e in by_type.context["entries"]} == {"req-filter-1"}
    by_request = c.get(url, {"request_id": "req-filter-2"})
    assert [e.object_repr for e in by_request.context["entries"]] == [
        str(Employee.objects.get(pk=city.people["staff_b"].pk))
    ]
    assert c.get(url, {"source": "api", "actor": "bkpsdm"}).context["page_obj"].paginator.count == 1
    today = timezone.localdate()
    assert (
        c.get(url, {"date_from": (today + dt.timedelta(days=1)).isoformat()}).context["entries"].__len__()
        == 0
    )
    assert (
        len(c.get(url, {"date_from": today.isoformat(), "date_to": today.isoformat()}).context["entries"])
        == 50
    )
    bad = c.get(url, {"date_from": today.isoformat(), "date_to": (today - dt.timedelta(days=2)).isoformat()})
    assert "date_to" in bad.context["form"].errors and audit_ids(bad) == []


def test_audit_list_htmx_returns_the_table_only(city, login):
    r = login(city.users["auditor"]).get(
        reverse("core:audit_list"), {"object_type": "org.unit"}, headers={"HX-Request": "true"}
    )
    body = r.content.decode()
    assert "<html" not in body and 'data-testid="audit-table"' in body and "Unit kerja" in body


def bulk_entries(n: int) -> None:
    from pembina.org.models import Unit

    record([Change("update", Unit, i, f"Unit {i}", {"name": "lama"}, {"name": "baru"}) for i in range(n)])


def test_audit_list_queries_do_not_grow(city, login):
    c = login(city.users["auditor"])
    url = reverse("core:audit_list")

    def count(params):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url, params).status_code == 200
        return len(ctx.captured_queries)

    bulk_entries(10)
    small = count({"page": 2, "action": "update"})
    bulk_entries(990)
    large = count({"page": 2, "action": "update"})
    assert large == small


def test_audit_detail_shows_the_diff_and_the_hashes(city, login):
    admin = city.users["admin_bkpsdm"]
    with audit_context(source=Source.WEB, user=admin, request_id="req-detail"):
        services.unit_update(
            unit=city.seksi_a1a, data={"name": "Seksi Imunisasi Baru", "is_active": False}, actor=admin
        )
    entry = AuditEntry.objects.filter(request_id="req-detail").get()
    r = login(city.users["auditor"]).get(reverse("core:audit_detail", args=[entry.pk]))
    body = r.content.decode()
    assert entry.hash in body and entry.prev_hash in body
    changes = {c.label: (c.before, c.after) for c in r.context["row"].changes}
    assert changes["Nama unit"] == ("Seksi Imunisasi", "Seksi Imunisasi Baru")
    assert changes["Aktif"] == ("Ya", "Tidak")
    assert r.context["object_url"] == reverse("org:unit_detail", args=[city.seksi_a1a.pk])


def test_verify_chain_ok(city, login):
    r = login(city.users["auditor"]).post(reverse("core:audit_verify"), headers={"HX-Request": "true"})
    body = r.content.decode()
    assert r.context["result"].ok and r.context["result"].checked == AuditEntry.objects.count()
    assert 'data-ok="1"' in body and "<html" not in body


def test_verify_chain_names_the_first_broken_entry(city, login):
    victim = city.entry_out
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["dipalsukan", victim.pk])
    r = login(city.users["auditor"]).post(reverse("core:audit_verify"))
    body = r.content.decode()
    assert not r.context["result"].ok and r.context["result"].broken_entry_id == victim.pk
    assert 'data-ok="0"' in body and f"#{victim.pk}" in body
    assert reverse("core:audit_detail", args=[victim.pk]) in body


def test_verify_is_post_only(city, login):
    assert login(city.users["auditor"]).get(reverse("core:audit_verify")).status_code == 405
