"""Staff pages of public services: the permission matrix of every view (roles around Disdukcapil),
constant queries on the queue, the counter flow with its audit trail, complaints, catalogue, calendar,
SKM report, statistics with the indicators they feed, and the request-log import."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import build_city
from pembina.accounts.choices import Role
from pembina.accounts.tests.factories import make_user
from pembina.core.audit.context import Source
from pembina.core.models import AuditEntry, Job
from pembina.core.testing.views import (
    ALL,
    NONE,
    SCOPED,
    Access,
    ViewContract,
    assert_contracts_cover,
    check_view_contract,
    module_city_fixture,
)
from pembina.org.choices import UnitKind
from pembina.org.tests.factories import InstansiFactory, make_unit
from pembina.public_services import services
from pembina.public_services.choices import (
    ComplaintChannel,
    ComplaintStatus,
    ComplaintTier,
    RequestStatus,
    SurveyChannel,
)
from pembina.public_services.models import Complaint, Holiday, Service, ServiceRequest
from pembina.public_services.tests.factories import make_service

pytestmark = pytest.mark.django_db

# The roles of the matrix, seen from Disdukcapil (city.dinas_b): its counter clerk, the head of the
# registration unit, its Admin OPD, the instansi-wide roles, and a clerk of another OPD (Dinkes).
ROLES = ["pegawai", "kepala_unit", "admin_opd", "admin_bkpsdm", "pimpinan", "auditor", "outsider"]


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"


def attach(complaint, name="bukti.pdf", data=PDF, content_type="application/pdf"):
    """A file on a complaint as the public form stores it (random name on disk, checked type)."""
    from django.core.files.base import ContentFile

    from pembina.public_services.models import ComplaintAttachment

    attachment = ComplaintAttachment(
        complaint=complaint, original_name=name, content_type=content_type, size=len(data)
    )
    attachment.file.save("lampiran." + name.rsplit(".", 1)[-1], ContentFile(data), save=False)
    attachment.save()
    return attachment


def build_world():
    """The shared city plus Disdukcapil's services, requests and complaints, a Dinkes service with its
    own request and complaint, and another instansi's records (404 for everyone)."""
    city = build_city()
    inst = city.instansi
    services.holidays_seed(instansi=city.instansi)
    p = city.people
    outsider = city.users["pegawai"]  # Dedi, clerk of Dinas Kesehatan
    clerk = make_user(username=p["staff_b"].nip, employee=p["staff_b"])
    head = make_user(username=p["kabid_b1"].nip, employee=p["kabid_b1"])
    admin_b = make_user(username="admin.dukcapil", instansi=inst, role=Role.ADMIN_OPD, unit=city.dinas_b)
    city.users = {
        "pegawai": clerk,
        "kepala_unit": head,
        "admin_opd": admin_b,
        "admin_bkpsdm": city.users["admin_bkpsdm"],
        "pimpinan": city.users["pimpinan"],
        "auditor": city.users["auditor"],
        "outsider": outsider,
    }
    ktp = make_service(unit=city.bidang_b1, code="DUKCAPIL-KTPEL", name="Penerbitan KTP-el", days=1)
    akta = make_service(unit=city.dinas_b, code="DUKCAPIL-AKTALAHIR", name="Akta Kelahiran", days=3)
    imun = make_service(unit=city.seksi_a1a, code="DINKES-IMUN", name="Imunisasi", days=2)
    now = timezone.now()
    req_b = services.request_register(service=ktp, citizen_name="Siti Aminah", actor=clerk, received_at=now)
    req_a = services.request_register(service=imun, citizen_name="Budi", actor=outsider, received_at=now)
    comp_b = services.complaint_submit(
        instansi=inst,
        channel=ComplaintChannel.COUNTER,
        subject="Antrean KTP-el lama",
        description="Menunggu tiga jam.",
        service=ktp,
        reporter_name="Rina Pelapor",
        reporter_contact="0812000111",
        actor=clerk,
    )
    comp_a = services.complaint_submit(
        instansi=inst,
        channel=ComplaintChannel.COUNTER,
        subject="Vaksin habis",
        description="Stok kosong.",
        service=imun,
        is_anonymous=True,
        actor=outsider,
    )
    holidays = list(Holiday.objects.filter(instansi=inst).order_by("date")[:2])
    other = InstansiFactory(code="LAIN", name="Pemerintah Kota Lain", region_name="Kota Lain")
    f_unit = make_unit(
        instansi=other, name="Dinas Kota Lain", kind=UnitKind.DINAS, code="LAIN-DINAS", is_opd=True
    )
    f_service = make_service(unit=f_unit, code="LAIN-SVC", name="Layanan Kota Lain", days=2)
    f_req = services.request_register(service=f_service, citizen_name="Orang Lain", actor=None)
    f_comp = services.complaint_submit(
        instansi=other,
        channel=ComplaintChannel.WEB,
        subject="Lain",
        description="Lain",
        service=f_service,
        is_anonymous=True,
    )
    f_holiday = services.holiday_create(
        instansi=other, date=dt.date(2026, 8, 31), name="Libur daerah lain", kind="regional", actor=None
    )
    for user in city.users.values():
        user.refresh_from_db()
    att_b, att_a, f_att = (attach(c) for c in (comp_b, comp_a, f_comp))
    city.ps = SimpleNamespace(
        att_b=att_b,
        att_a=att_a,
        f_att=f_att,
        ktp=ktp,
        akta=akta,
        imun=imun,
        req_b=req_b,
        req_a=req_a,
        comp_b=comp_b,
        comp_a=comp_a,
        holidays=holidays,
        f_unit=f_unit,
        f_service=f_service,
        f_req=f_req,
        f_comp=f_comp,
        f_holiday=f_holiday,
    )
    return city


city = module_city_fixture(build_world)


# --- the permission matrix --------------------------------------------------------------------------


def plain(name, query=""):
    return lambda city, role: reverse(f"public_services:{name}") + query


def obj(name, attr, *extra):
    return lambda city, role: reverse(f"public_services:{name}", args=[getattr(city.ps, attr).pk, *extra])


def holiday(name, index):
    return lambda city, role: reverse(f"public_services:{name}", args=[city.ps.holidays[index].pk])


def unit_query(name, attr):
    def build(city, role):
        unit = city.ps.f_unit if attr == "f_unit" else getattr(city, attr)
        return reverse(f"public_services:{name}") + f"?unit={unit.pk}"

    return build


EVERYONE = dict.fromkeys(ROLES, ALL)
REVERSED = Access(404, 200)  # the outsider sees the other OPD's object, not Disdukcapil's
# in = a Disdukcapil record, out = a Dinas Kesehatan record
SEE_RECORD = {
    "pegawai": SCOPED,
    "kepala_unit": SCOPED,
    "admin_opd": SCOPED,
    "admin_bkpsdm": ALL,
    "pimpinan": ALL,
    "auditor": ALL,
    "outsider": REVERSED,
}


def change_record(ok: int) -> dict:
    return {
        "pegawai": Access(ok, 404),
        "kepala_unit": Access(ok, 404),
        "admin_opd": Access(ok, 404),
        "admin_bkpsdm": Access(ok, ok),
        "pimpinan": NONE,
        "auditor": NONE,
        "outsider": Access(404, ok),
    }


COUNTER = {
    "pegawai": ALL,
    "kepala_unit": ALL,
    "admin_opd": ALL,
    "admin_bkpsdm": ALL,
    "pimpinan": NONE,
    "auditor": NONE,
    "outsider": ALL,
}
ADMINS = {**dict.fromkeys(ROLES, NONE), "admin_opd": ALL, "admin_bkpsdm": ALL}
BKPSDM = {**dict.fromkeys(ROLES, NONE), "admin_bkpsdm": ALL}
EDIT_SERVICE = {**dict.fromkeys(ROLES, NONE), "admin_opd": SCOPED, "admin_bkpsdm": ALL}


def record_contract(name, in_attr, out_attr, foreign_attr, expected, **kw):
    return ViewContract(
        f"public_services:{name}",
        url_in=obj(name, in_attr),
        url_out=obj(name, out_attr),
        url_foreign=obj(name, foreign_attr),
        expected=expected,
        **kw,
    )


def complaint_action_url(attr, action):
    return lambda city, role: reverse(
        "public_services:complaint_action", args=[getattr(city.ps, attr).pk, action]
    )


CONTRACTS = [
    ViewContract("public_services:request_list", url_in=plain("request_list"), expected=EVERYONE),
    ViewContract(
        "public_services:request_list",
        url_in=plain("request_list", "?view=all&q=siti"),
        expected=EVERYONE,
        htmx=True,
    ),
    ViewContract("public_services:request_register", url_in=plain("request_register"), expected=COUNTER),
    ViewContract("public_services:request_escalated", url_in=plain("request_escalated"), expected=EVERYONE),
    ViewContract("public_services:request_import", url_in=plain("request_import"), expected=COUNTER),
    record_contract("request_detail", "req_b", "req_a", "f_req", SEE_RECORD),
    record_contract("request_receipt", "req_b", "req_a", "f_req", SEE_RECORD),
    record_contract(
        "request_transition",
        "req_b",
        "req_a",
        "f_req",
        change_record(302),
        method="post",
        data={"to_status": RequestStatus.VERIFIED},
    ),
    ViewContract("public_services:complaint_list", url_in=plain("complaint_list"), expected=EVERYONE),
    ViewContract(
        "public_services:complaint_register",
        url_in=plain("complaint_register"),
        expected={**COUNTER, "outsider": ALL},
    ),
    record_contract("complaint_detail", "comp_b", "comp_a", "f_comp", SEE_RECORD),
    # the complainant's files: whoever sees the complaint (not confidential here; see test_staff_files)
    record_contract("complaint_attachment", "att_b", "att_a", "f_att", SEE_RECORD),
    # the liaison picker's options: only for those who may act on the complaint
    record_contract("complaint_liaisons", "comp_b", "comp_a", "f_comp", change_record(200)),
    # an empty refusal re-shows the page with the error (400) where allowed, 404 everywhere else
    ViewContract(
        "public_services:complaint_action",
        url_in=complaint_action_url("comp_b", "reject"),
        url_out=complaint_action_url("comp_a", "reject"),
        url_foreign=complaint_action_url("f_comp", "reject"),
        expected=change_record(400),
        method="post",
        data={},
    ),
    ViewContract("public_services:service_list", url_in=plain("service_list"), expected=EVERYONE),
    ViewContract("public_services:service_create", url_in=plain("service_create"), expected=ADMINS),
    record_contract("service_detail", "ktp", "imun", "f_service", EVERYONE),
    record_contract("service_edit", "ktp", "imun", "f_service", EDIT_SERVICE),
    ViewContract("public_services:holiday_list", url_in=plain("holiday_list"), expected=EVERYONE),
    ViewContract("public_services:holiday_create", url_in=plain("holiday_create"), expected=BKPSDM),
    ViewContract(
        "public_services:holiday_edit",
        url_in=holiday("holiday_edit", 0),
        url_out=holiday("holiday_edit", 1),
        url_foreign=obj("holiday_edit", "f_holiday"),
        expected=BKPSDM,
    ),
    ViewContract(
        "public_services:holiday_delete",
        url_in=holiday("holiday_delete", 0),
        url_out=holiday("holiday_delete", 1),
        url_foreign=obj("holiday_delete", "f_holiday"),
        expected={**dict.fromkeys(ROLES, NONE), "admin_bkpsdm": Access(302, 302)},
        method="post",
    ),
    ViewContract("public_services:policy_edit", url_in=plain("policy_edit"), expected=BKPSDM),
    ViewContract("public_services:skm_report", url_in=plain("skm_report"), expected=EVERYONE),
    ViewContract("public_services:survey_paper", url_in=plain("survey_paper"), expected=COUNTER),
    ViewContract(
        "public_services:skm_report",
        url_in=unit_query("skm_report", "dinas_b"),
        url_out=unit_query("skm_report", "dinas_a"),
        url_foreign=unit_query("skm_report", "f_unit"),
        expected=SEE_RECORD,
    ),
    ViewContract(
        "public_services:skm_print",
        url_in=unit_query("skm_print", "dinas_b"),
        url_out=unit_query("skm_print", "dinas_a"),
        url_foreign=unit_query("skm_print", "f_unit"),
        expected=SEE_RECORD,
    ),
    ViewContract(
        "public_services:stats",
        url_in=unit_query("stats", "dinas_b"),
        url_out=unit_query("stats", "dinas_a"),
        url_foreign=unit_query("stats", "f_unit"),
        expected=EVERYONE,
    ),
    ViewContract(
        "public_services:stats_refresh",
        url_in=plain("stats_refresh"),
        expected={**dict.fromkeys(ROLES, NONE), "admin_bkpsdm": Access(302, 302)},
        method="post",
    ),
]


@pytest.mark.parametrize("contract", CONTRACTS, ids=str)
def test_permission_matrix(contract, city, client, login):
    check_view_contract(contract, client=client, login=login, city=city, roles=ROLES)


def test_every_staff_view_has_a_contract():
    assert_contracts_cover(
        CONTRACTS,
        urlconf="pembina.config.urls",
        view_modules=[
            "pembina.public_services.views.staff_requests",
            "pembina.public_services.views.staff_complaints",
            "pembina.public_services.views.staff_catalogue",
            "pembina.public_services.views.staff_reports",
            "pembina.public_services.views.staff_imports",
            "pembina.public_services.views.staff_surveys",
        ],
    )


def test_the_matrix_catches_a_leak(city, client, login):
    wrong = {**SEE_RECORD, "pegawai": ALL}
    contract = record_contract("request_detail", "req_b", "req_a", "f_req", wrong)
    with pytest.raises(AssertionError, match="pegawai +out"):
        check_view_contract(contract, client=client, login=login, city=city, roles=ROLES)


# --- the queue: constant queries, badges, search --------------------------------------------------


def bulk_requests(city, n: int, *, service=None, received=None):
    """`n` requests of a service straight into the table (the query count must not depend on them)."""
    from pembina.public_services.rules import tracking
    from pembina.public_services.selectors import work_calendar

    service = service or city.ps.ktp
    received = received or timezone.now() - dt.timedelta(days=3)
    calendar = work_calendar(instansi_id=service.instansi_id)
    day = timezone.localtime(received).date()
    start = ServiceRequest.objects.count()
    rows = [
        ServiceRequest(
            instansi_id=service.instansi_id,
            service=service,
            unit_id=service.unit_id,
            opd_id=service.opd_id,
            unit_path=service.unit_path,
            tracking_number=tracking.generate("UJI", day),
            channel="counter",
            status=RequestStatus.RECEIVED,
            citizen_name=f"Pemohon {start + i}",
            received_at=received,
            received_month=day.replace(day=1),
            completion_days=service.completion_days,
            due_date=calendar.due_date(day, service.completion_days),
            survey_token=f"tok{start + i:012d}",
            handler=city.people["staff_b"],
        )
        for i in range(n)
    ]
    ServiceRequest.objects.bulk_create(rows)


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
        assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("role", ["pegawai", "admin_bkpsdm"])
def test_queue_queries_do_not_grow_with_rows(city, login, role):
    c = login(city.users[role])
    url = reverse("public_services:request_list")
    params = {"view": "all", "service": city.ps.ktp.pk}
    bulk_requests(city, 10)
    small, _ = count_queries(c, url, params)
    bulk_requests(city, 990)
    large, response = count_queries(c, url, params)
    assert large == small, f"{small} queries at 10 requests, {large} at 1,000"
    assert len(response.context["rows"]) == 50
    assert response.context["page_obj"].paginator.count == 1001  # + the fixture's own request


def test_queue_is_scoped_and_badged(city, login):
    c = login(city.users["outsider"])
    r = c.get(reverse("public_services:request_list"), {"view": "all"})
    numbers = {req.tracking_number for req, _badge in r.context["rows"]}
    assert numbers == {city.ps.req_a.tracking_number}
    c = login(city.users["pegawai"])
    r = c.get(reverse("public_services:request_list"))
    (row,) = r.context["rows"]
    assert row[0] == city.ps.req_b and "Sisa" in row[1].text or "Jatuh tempo" in row[1].text
    body = r.content.decode()
    assert city.ps.req_b.tracking_number in body and city.ps.req_a.tracking_number not in body


def test_search_by_tracking_number_forgives_typing(city, login):
    c = login(city.users["pegawai"])
    number = city.ps.req_b.tracking_number
    sloppy = number.lower().replace("-", " ")
    r = c.get(reverse("public_services:request_list"), {"view": "all", "q": sloppy})
    assert [req for req, _b in r.context["rows"]] == [city.ps.req_b]
    r = c.get(reverse("public_services:request_list"), {"view": "all", "q": "UJI-0000-XXXX-XXXX"})
    assert r.context["rows"] == []


def test_late_view_lists_open_requests_past_due(city, login):
    bulk_requests(city, 2, received=timezone.now() - dt.timedelta(days=20))
    c = login(city.users["kepala_unit"])
    r = c.get(reverse("public_services:request_list"), {"view": "late"})
    assert len(r.context["rows"]) == 2
    assert all(b.css == "text-bg-danger" and "Terlambat" in b.text for _r, b in r.context["rows"])
    assert r.context["counts"]["late"] == 2
    r = c.get(reverse("public_services:request_escalated"))
    assert r.context["page_obj"].paginator.count == 2


# --- the counter flow ---------------------------------------------------------------------------------


def test_register_prints_receipt_with_survey_qr(city, login):
    c = login(city.users["pegawai"])
    r = c.post(
        reverse("public_services:request_register"),
        {
            "service": city.ps.akta.pk,
            "citizen_name": "Ayu Lestari",
            "citizen_contact": "0813",
            "verified": "on",
        },
    )
    assert r.status_code == 302
    created = ServiceRequest.objects.get(citizen_name="Ayu Lestari")
    assert r["Location"] == reverse("public_services:request_receipt", args=[created.pk])
    assert created.status == RequestStatus.VERIFIED and created.handler == city.people["staff_b"]
    r = c.get(r["Location"])
    body = r.content.decode()
    assert created.tracking_number in body
    assert created.due_date.strftime("%d-%m-%Y") in body
    assert 'src="data:image/svg+xml;base64,' in body
    assert created.survey_token in r.context["survey_url"] and r.context["survey_url"].startswith("http")
    assert "<script>" not in body  # the CSP forbids inline scripts


def test_register_refuses_bad_input_and_foreign_services(city, login):
    c = login(city.users["pegawai"])
    before = ServiceRequest.objects.count()
    r = c.post(reverse("public_services:request_register"), {"service": city.ps.ktp.pk, "citizen_name": ""})
    assert r.status_code == 400 and "citizen_name" in r.context["form"].errors
    # a Dinkes service is not among the clerk's choices
    r = c.post(reverse("public_services:request_register"), {"service": city.ps.imun.pk, "citizen_name": "X"})
    assert r.status_code == 400 and "service" in r.context["form"].errors
    assert ServiceRequest.objects.count() == before


def test_transition_through_the_ui_is_audited_as_web(city, login):
    c = login(city.users["pegawai"])
    req = city.ps.req_b
    url = reverse("public_services:request_transition", args=[req.pk])
    r = c.get(reverse("public_services:request_detail", args=[req.pk]))
    steps = [s["status"] for s in r.context["steps"]]
    assert steps == [RequestStatus.VERIFIED, RequestStatus.REJECTED]
    r = c.post(url, {"to_status": RequestStatus.VERIFIED, "note": "berkas lengkap"})
    assert r.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.VERIFIED
    entry = AuditEntry.objects.filter(
        object_type="public_services.servicerequest", object_id=str(req.pk), action="update"
    ).latest("id")
    assert entry.source == Source.WEB and entry.actor_id == city.users["pegawai"].pk
    assert entry.after["status"] == RequestStatus.VERIFIED
    event = req.events.latest("id")
    assert event.action == RequestStatus.VERIFIED and event.note == "berkas lengkap"
    assert event.employee == city.people["staff_b"]
    r = c.get(reverse("public_services:request_detail", args=[req.pk]))
    assert [s["status"] for s in r.context["steps"]] == [RequestStatus.IN_PROCESS, RequestStatus.REJECTED]
    assert "berkas lengkap" in r.content.decode()


def test_rejection_needs_a_reason_and_skipping_steps_is_refused(city, login):
    c = login(city.users["kepala_unit"])
    req = city.ps.req_b
    url = reverse("public_services:request_transition", args=[req.pk])
    r = c.post(url, {"to_status": RequestStatus.REJECTED, "reason": ""}, follow=True)
    assert "Alasan penolakan wajib diisi" in r.content.decode()
    r = c.post(url, {"to_status": RequestStatus.COMPLETED}, follow=True)
    assert "tidak dapat diubah" in r.content.decode()
    req.refresh_from_db()
    assert req.status == RequestStatus.RECEIVED
    c.post(url, {"to_status": RequestStatus.REJECTED, "reason": "KK tidak dibawa"})
    req.refresh_from_db()
    assert req.status == RequestStatus.REJECTED and req.rejection_reason == "KK tidak dibawa"


def test_read_only_roles_see_no_buttons(city, login):
    r = login(city.users["pimpinan"]).get(reverse("public_services:request_detail", args=[city.ps.req_b.pk]))
    assert r.status_code == 200 and r.context["steps"] == []
    assert 'data-testid="steps"' not in r.content.decode()


def test_escalated_requests_reach_the_unit_head(city, login):
    bulk_requests(city, 1, received=timezone.now() - dt.timedelta(days=20))
    result = services.requests_escalate_overdue(instansi_id=city.instansi.pk)
    assert result["escalated"] == 1
    r = login(city.users["kepala_unit"]).get(reverse("public_services:request_escalated"))
    assert len(r.context["escalated"]) == 1
    assert 'data-testid="escalated-to-me"' in r.content.decode()
    r = login(city.users["pegawai"]).get(reverse("public_services:request_escalated"))
    assert r.context["escalated"] == []


# --- complaints ----------------------------------------------------------------------------------------


def test_complaint_verify_forward_plan_resolve(city, login):
    c = login(city.users["admin_bkpsdm"])
    comp = city.ps.comp_b
    action = lambda name: reverse("public_services:complaint_action", args=[comp.pk, name])  # noqa: E731
    r = c.post(action("verify"), {"verify-tier": ComplaintTier.NORMATIVE, "verify-note": "jelas"})
    assert r.status_code == 302
    comp.refresh_from_db()
    assert comp.status == ComplaintStatus.VERIFIED and comp.tier == ComplaintTier.NORMATIVE
    assert comp.resolution_due is not None
    r = c.post(action("forward"), {"forward-to_unit": city.dinas_b.pk, "forward-reason": "wewenang dinas"})
    assert r.status_code == 302
    comp.refresh_from_db()
    assert comp.unit == city.dinas_b
    r = c.get(reverse("public_services:complaint_detail", args=[comp.pk]))
    hops = list(r.context["hops"])
    assert [(h.from_unit, h.to_unit) for h in hops] == [(city.bidang_b1, city.dinas_b)]
    assert "wewenang dinas" in r.content.decode()
    c.post(action("plan"), {"plan-plan": "Tambah loket"})
    c.post(action("resolve"), {"resolve-resolution": "Loket ditambah dua."})
    comp.refresh_from_db()
    assert comp.status == ComplaintStatus.RESOLVED and comp.resolved_on_time is True
    kinds = list(comp.events.values_list("action", flat=True))
    assert kinds == ["received", "verified", "forwarded", "planned", "resolved"]


def test_complaint_action_errors_name_the_field_and_change_nothing(city, login):
    c = login(city.users["pegawai"])
    comp = city.ps.comp_b
    r = c.post(
        reverse("public_services:complaint_action", args=[comp.pk, "verify"]), {"verify-tier": "berat"}
    )
    assert r.status_code == 400
    assert "tier" in r.context["action_forms"][0][2].errors
    comp.refresh_from_db()
    assert comp.status == ComplaintStatus.RECEIVED
    # a step the status does not allow is refused with a message
    r = c.post(
        reverse("public_services:complaint_action", args=[comp.pk, "resolve"]), {"resolve-resolution": "x"}
    )
    assert r.status_code == 302
    comp.refresh_from_db()
    assert comp.status == ComplaintStatus.RECEIVED


def test_confidential_identity_only_where_the_domain_allows(city, login):
    staff = city.users["pegawai"]
    comp = services.complaint_submit(
        instansi=city.instansi,
        channel=ComplaintChannel.WHATSAPP,
        subject="Pungutan liar",
        description="Diminta uang.",
        service=city.ps.ktp,
        reporter_name="Rahasia Sekali",
        reporter_contact="0899",
        is_confidential=True,
        actor=staff,
    )
    url = reverse("public_services:complaint_detail", args=[comp.pk])
    r = login(staff).get(url)
    assert r.status_code == 200 and r.context["reporter"] is None
    assert "Rahasia Sekali" not in r.content.decode()
    r = login(city.users["admin_bkpsdm"]).get(url)
    assert "Rahasia Sekali" in r.content.decode()
    # the list never carries identities
    r = login(city.users["admin_bkpsdm"]).get(reverse("public_services:complaint_list"), {"view": "all"})
    assert "Rahasia Sekali" not in r.content.decode() and "Pungutan liar" in r.content.decode()


def test_staff_records_a_lapor_complaint(city, login):
    c = login(city.users["pegawai"])
    url = reverse("public_services:complaint_register")
    r = c.post(url, {"channel": ComplaintChannel.LAPOR, "subject": "Lambat", "description": "Sudah seminggu"})
    assert r.status_code == 400 and "lapor_reference" in r.context["form"].errors
    r = c.post(
        url,
        {
            "channel": ComplaintChannel.LAPOR,
            "lapor_reference": "LAPOR-123",
            "subject": "Lambat",
            "description": "Sudah seminggu",
            "service": city.ps.ktp.pk,
            "is_anonymous": "on",
        },
    )
    comp = Complaint.objects.get(lapor_reference="LAPOR-123")
    assert r.status_code == 302 and r["Location"] == reverse(
        "public_services:complaint_detail", args=[comp.pk]
    )
    assert comp.is_anonymous and comp.unit == city.bidang_b1


def test_late_complaints_are_flagged(city, login):
    Complaint.objects.filter(pk=city.ps.comp_b.pk).update(verify_due=dt.date(2020, 1, 6))
    r = login(city.users["pegawai"]).get(reverse("public_services:complaint_list"), {"view": "late"})
    ((comp, badge),) = r.context["rows"]
    assert comp.pk == city.ps.comp_b.pk and badge.css == "text-bg-danger"
    assert r.context["counts"]["late"] == 1


# --- catalogue, calendar, policy -------------------------------------------------------------------------


def test_admin_opd_manages_the_catalogue_of_its_opd(city, login):
    c = login(city.users["admin_opd"])
    url = reverse("public_services:service_create")
    data = {
        "unit": city.bidang_b1.pk,
        "code": "dukcapil-kia",
        "name": "Kartu Identitas Anak",
        "completion_days": 1,
        "fee": "0",
        "requirements": "Akta kelahiran\nKK",
        "is_active": "on",
    }
    r = c.post(url, data)
    service = Service.objects.get(code="DUKCAPIL-KIA")
    assert r.status_code == 302 and service.requirement_list == ["Akta kelahiran", "KK"]
    r = c.post(url, {**data, "unit": city.dinas_a.pk, "code": "X-1"})
    assert r.status_code == 400 and "unit" in r.context["form"].errors
    r = c.post(url, {**data, "code": "DUKCAPIL-KIA"})  # same code twice
    assert r.status_code == 400 and r.context["form"].errors
    edit = reverse("public_services:service_edit", args=[service.pk])
    r = c.post(edit, {**data, "code": "DUKCAPIL-KIA", "completion_days": 2, "is_active": ""})
    service.refresh_from_db()
    assert r.status_code == 302 and service.completion_days == 2 and not service.is_active


def test_bkpsdm_manages_holidays_and_policy(city, login):
    c = login(city.users["admin_bkpsdm"])
    r = c.post(
        reverse("public_services:holiday_create"),
        {"date": "2026-09-25", "name": "Hari Jadi Kota Uji", "kind": "regional", "is_confirmed": "on"},
    )
    assert r.status_code == 302
    holiday = Holiday.objects.get(name="Hari Jadi Kota Uji")
    r = c.get(reverse("public_services:holiday_list"), {"year": 2026})
    assert holiday in r.context["holidays"]
    r = c.post(
        reverse("public_services:holiday_create"),
        {"date": "2026-09-25", "name": "Hari Jadi Kota Uji", "kind": "regional"},
    )
    assert r.status_code == 400  # the same holiday twice
    policy_data = {
        "tracking_prefix": "uji",
        "complaint_verify_days": 3,
        "complaint_plan_days": 5,
        "tier_light_days": 2,
        "tier_normative_days": 5,
        "tier_non_supervisory_days": 14,
        "tier_supervisory_days": 60,
        "complaint_confirm_days": 10,
        "coordinator_unit": city.setda.pk,
        "program_start": "2026-01-01",
    }
    r = c.post(reverse("public_services:policy_edit"), policy_data)
    assert r.status_code == 302
    from pembina.public_services.selectors import policy_for

    policy = policy_for(instansi=city.instansi)
    assert policy.pk and policy.tracking_prefix == "UJI" and policy.program_start == dt.date(2026, 1, 1)
    r = c.post(reverse("public_services:policy_edit"), {**policy_data, "tracking_prefix": "1"})
    assert r.status_code == 400 and "tracking_prefix" in r.context["form"].errors
    r = c.post(reverse("public_services:policy_edit"), {**policy_data, "tier_light_days": 0})
    assert r.status_code == 400 and "tier_light_days" in r.context["form"].errors
    assert policy_for(instansi=city.instansi).tier_light_days == 2


# --- SKM report, statistics, indicators ------------------------------------------------------------------


def _survey(city, request, scores, *, when=None):
    services.survey_submit(
        scores={f"U{i}": s for i, s in enumerate(scores, start=1)},
        token=request.survey_token,
        gender="P",
        age=30,
        education="s1",
        occupation="swasta",
        suggestion="Tambah kursi tunggu",
        submitted_at=when,
    )


def _complete(city, request):
    for status in (RequestStatus.VERIFIED, RequestStatus.IN_PROCESS, RequestStatus.COMPLETED):
        request = services.request_transition(request=request, to_status=status, actor=None)
    return request


def test_skm_report_shows_the_index_grade_and_sample(city, login):
    req = _complete(city, city.ps.req_b)
    _survey(city, req, [4, 4, 3, 4, 3, 3, 4, 3, 3])
    c = login(city.users["pegawai"])
    r = c.get(reverse("public_services:skm_report"), {"unit": city.dinas_b.pk})
    s = r.context["report"].overall
    assert s.result.respondents == 1 and s.population == 1
    # (4+4+3+4+3+3+4+3+3)/9 = 31/9 = 3.4444 → × 25 = 86.11 → B
    assert s.result.conversion == Decimal("86.11") and s.result.grade == "B"
    body = r.content.decode()
    assert "86,11" in body or "86.11" in body
    assert 'data-skm-chart="skm-chart-data"' in body and 'id="skm-chart-data"' in body
    r = c.get(reverse("public_services:skm_print"), {"unit": city.dinas_b.pk})
    body = r.content.decode()
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in body and "Tambah kursi tunggu" in body
    assert "@media print" in body


def test_paper_surveys_and_period_validation(city, login):
    c = login(city.users["pegawai"])
    r = c.get(
        reverse("public_services:skm_report"),
        {"unit": city.dinas_b.pk, "start": "2026-05-01", "end": "2026-01-01"},
    )
    assert r.status_code == 200 and "end" in r.context["form"].errors
    services.survey_submit(
        scores=dict.fromkeys([f"U{i}" for i in range(1, 10)], 2),
        service=city.ps.akta,
        channel=SurveyChannel.PAPER,
        actor=city.users["pegawai"],
    )
    r = c.get(reverse("public_services:skm_report"), {"unit": city.dinas_b.pk})
    assert r.context["report"].overall.result.grade == "D"


def test_stats_refresh_enqueues_the_job(city, login):
    c = login(city.users["admin_bkpsdm"])
    r = c.post(reverse("public_services:stats_refresh"))
    job = Job.objects.latest("id")
    assert r.status_code == 302 and r["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.handler == "pembina.public_services.jobs.refresh_month_stats"
    assert job.params["instansi_id"] == city.instansi.pk and job.created_by == city.users["admin_bkpsdm"]


def test_stats_show_figures_and_the_indicators_they_feed(city, login):
    from pembina.performance import services as perf

    req = _complete(city, city.ps.req_b)
    _survey(city, req, [4] * 9)
    services.month_stats_refresh(instansi_id=city.instansi.pk)
    today = timezone.localdate()
    year = perf.performance_year_create(instansi=city.instansi, year=today.year, actor=None)
    goal = perf.goal_create(year=year, level="opd", opd=city.dinas_b, statement="Layanan cepat", actor=None)
    iku = perf.goal_indicator_create(
        goal=goal,
        name="Persentase KTP-el tepat waktu",
        unit="%",
        target=95,
        data_source="public_services.within_deadline_pct",
        data_source_params={"service_codes": ["DUKCAPIL-KTPEL"], "min_cases": 1},
        actor=None,
    )
    other = perf.goal_indicator_create(
        goal=goal,
        name="IKM Dinkes",
        unit="nilai",
        target=80,
        data_source="public_services.ikm",
        data_source_params={"unit": city.dinas_a.pk},
        actor=None,
    )
    c = login(city.users["pegawai"])
    r = c.get(reverse("public_services:stats"), {"service": city.ps.ktp.pk})
    assert r.context["period"].requests_received == 1 and r.context["period"].within_deadline_pct == 100
    names = [i["indicator"].name for i in r.context["indicators"]]
    assert names == [iku.name]
    r = c.get(reverse("public_services:stats"), {"unit": city.dinas_a.pk})
    assert [i["indicator"].name for i in r.context["indicators"]] == [other.name]
    r = c.get(reverse("public_services:stats"), {"unit": city.dinas_b.pk})
    assert [i["indicator"].name for i in r.context["indicators"]] == [iku.name]
    assert {row["name"] for row in r.context["rows"]} == {"Penerbitan KTP-el"}
    assert 'data-testid="fed-indicators"' in r.content.decode() and iku.name in r.content.decode()


# --- import -----------------------------------------------------------------------------------------------


def _csv(rows):
    header = "NOMOR,KODE LAYANAN,NAMA PEMOHON,WAKTU TERIMA,WAKTU VERIFIKASI,WAKTU PROSES,WAKTU SELESAI\n"
    data = io.BytesIO((header + "\n".join(rows) + "\n").encode())
    data.name = "log.csv"
    return data


def test_import_is_all_or_nothing_with_a_row_report(city, login):
    c = login(city.users["pegawai"])
    url = reverse("public_services:request_import")
    good = "LKT-1,DUKCAPIL-KTPEL,Ani,02-11-2026 08:00,02-11-2026 08:10,02-11-2026 09:00,03-11-2026 10:00"
    bad = "LKT-2,DINKES-IMUN,Bob,02-11-2026 08:00,,,"
    before = ServiceRequest.objects.count()
    r = c.post(url, {"file": _csv([good, bad])})
    assert r.status_code == 400
    result = r.context["result"]
    assert not result.ok and result.errors[0].row == 3
    assert "luar cakupan" in r.content.decode()
    assert ServiceRequest.objects.count() == before
    r = c.post(url, {"file": _csv([good])})
    assert r.status_code == 200 and r.context["result"].created == 1
    imported = ServiceRequest.objects.get(external_ref="LKT-1")
    assert imported.status == RequestStatus.COMPLETED and imported.within_deadline is True
    r = c.get(url, {"template": "1"})
    assert r.status_code == 200 and b"NOMOR" in b"".join(r.streaming_content) if r.streaming else r.content


def test_large_import_goes_to_a_job(city, login, settings):
    settings.PEMBINA_IMPORT_BACKGROUND_ROWS = 1
    c = login(city.users["pegawai"])
    rows = [f"LKT-J{i},DUKCAPIL-KTPEL,Ani {i},02-11-2026 08:00,,," for i in range(3)]
    r = c.post(reverse("public_services:request_import"), {"file": _csv(rows)})
    job = Job.objects.latest("id")
    assert r.status_code == 302 and r["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.handler == "pembina.public_services.jobs.run_request_log_import"
    from pembina.core.jobs.services import job_run

    job = job_run(job.pk)
    assert job.status == "succeeded", job.errors
    assert job.result["created"] == 3
    assert ServiceRequest.objects.filter(external_ref__startswith="LKT-J").count() == 3
