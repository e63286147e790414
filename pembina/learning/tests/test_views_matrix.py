"""Learning pages: the permission matrix of every view × role × scope (anonymous → login; in scope →
allowed; out of scope → 404, never 403), and proof that every view has a contract.

Roles are the root conftest's plus "atasan": staff_a's pejabat penilai (Kasi Imunisasi), the one who
agrees her IDP and approves her enrolments. "pejabat_penilai" (Kabid) is the superior's superior: a
reader. In scope = staff_a's rows (Dinas Kesehatan); out of scope = staff_b's (Disdukcapil)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import ROLE_KEYS, build_city
from pembina.accounts.tests.factories import make_user
from pembina.core.audit.context import Source, audit_context
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
from pembina.learning.tests.conftest import make_event as conftest_make_event

pytestmark = pytest.mark.django_db

ROLES = [*ROLE_KEYS, "atasan"]
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    city: object
    users: dict
    programme: object
    event: object
    event_opd_a: object
    event_opd_b: object
    plan_in: object
    plan_out: object
    activity_in: object
    activity_out: object
    done_in: object  # a completed activity: removing or cancelling it is refused
    done_out: object
    record_in: object
    record_out: object
    enrolment_in: object
    enrolment_out: object
    cert_in: object
    cert_out: object
    generated_in: object  # issued on completion, with a verification code and a PDF
    generated_out: object
    scenario: object  # published
    draft: object
    step_published: object
    step_draft: object
    choice_published: object
    choice_draft: object
    attempt_in: object
    attempt_out: object
    notes: dict = field(default_factory=dict)
    stranger_note: object = None


def upload(name="sertifikat.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_event(programme, *, start, organiser_unit=None, title=""):
    """An open one-day event (the learning conftest's), titled when several runs must be told apart."""
    event = conftest_make_event(programme, start=start, quota=5, organiser_unit=organiser_unit)
    if title:
        event.title = title
        event.save(update_fields=["title"])
    return event


def build_world() -> World:
    from pembina.learning import services
    from pembina.learning.choices import PlanActivityStatus, RecordSource, RecordStatus
    from pembina.learning.models import LearningNotification, PlanActivity
    from pembina.learning.services.jp import record_upsert
    from pembina.learning.services.seed import scenario_documents, seed_competency_dictionary

    city = build_city()
    p = city.people
    seed_competency_dictionary()
    users = dict(city.users)
    users["atasan"] = make_user(username=p["kasi_a1a"].nip, employee=p["kasi_a1a"])
    users["luar"] = make_user(username=p["staff_b"].nip, employee=p["staff_b"])
    for u in users.values():
        u.refresh_from_db()
    today = timezone.localdate()
    with audit_context(source=Source.COMMAND, label="uji"):
        programme = services.programme_create(
            instansi=city.instansi,
            code="pelayanan-prima",
            data={
                "title": "Pelatihan Pelayanan Prima",
                "category": "technical",
                "kind": "training",
                "jp": Decimal("24"),
                "passing_score": Decimal("70"),
                "organiser": "BKPSDM Kota Uji",
            },
            competencies={"pelayanan-publik": 2, "komunikasi": 2},
            actor=None,
        )
        event = make_event(programme, start=today)
        event_a = make_event(programme, start=today, organiser_unit=city.dinas_a, title="Bimtek Dinkes")
        event_b = make_event(programme, start=today, organiser_unit=city.dinas_b, title="Bimtek Dukcapil")
        event_done = make_event(programme, start=today, title="Pelayanan Prima angkatan selesai")
        plans, acts, done, records, enrolments, certs, generated = {}, {}, {}, {}, {}, {}, {}
        for key in ("staff_a", "staff_b"):
            emp = p[key]
            plan = services.plan_create(employee=emp, year=today.year, actor=None)
            plans[key] = plan
            acts[key] = services.plan_activity_add(
                plan=plan,
                data={"kind": "coaching", "title": f"Coaching {key}", "planned_jp": Decimal("4")},
                actor=None,
            )
            finished = services.plan_activity_add(
                plan=plan,
                data={"kind": "self_study", "title": f"Belajar mandiri {key}", "planned_jp": Decimal("2")},
                actor=None,
            )
            PlanActivity.objects.filter(pk=finished.pk).update(
                status=PlanActivityStatus.COMPLETED, completed_on=today
            )
            done[key] = finished
            records[key] = record_upsert(
                employee=emp,
                kind="mentoring",
                title=f"Mentoring {key}",
                start_date=today,
                end_date=today,
                jp=Decimal("3"),
                source=RecordSource.PLAN_ACTIVITY,
                source_ref=f"activity:{finished.pk}",
                status=RecordStatus.PENDING,
                actor=None,
            )
            enrolments[key] = services.enrolment_request(event=event, employee=emp, actor=None)
            passed = services.enrolment_request(event=event_done, employee=emp, actor=None)
            services.enrolment_superior_decide(enrolment=passed, approve=True, actor=None)
            services.enrolment_bkpsdm_decide(enrolment=passed, approve=True, actor=None)
            services.enrolment_attendance_record(enrolment=passed, percent=100, actor=None)
            services.enrolment_scores_record(enrolment=passed, post_test=90, actor=None)
            generated[key] = services.enrolment_complete(enrolment=passed, actor=None).certificate
            certs[key] = services.certificate_external_submit(
                employee=emp,
                title=f"Kursus daring {key}",
                activity_kind="course",
                organiser="LAN RI",
                start_date=today - dt.timedelta(days=3),
                end_date=today - dt.timedelta(days=1),
                jp=Decimal("10"),
                number=f"LAN/{key}",
                file=upload(),
                actor=None,
            )
        scenario = services.scenario_load(document=scenario_documents()[0], actor=None, publish=True)
        draft = services.scenario_create(
            code="draf-uji",
            data={
                "title": "Draf uji",
                "service_context": "Uji",
                "channel": "counter",
                "difficulty": "basic",
            },
            actor=None,
        )
        step_draft = services.step_save(
            scenario=draft, key="s1", data={"citizen_message": "Halo"}, actor=None
        )
        end = services.step_save(
            scenario=draft,
            key="akhir",
            data={"citizen_message": "Terima kasih", "is_ending": True},
            actor=None,
        )
        choice_draft = services.choice_save(
            step=step_draft,
            data={"label": "Selamat pagi", "next": end.key, "scores": {"manner": 1}, "feedback": "Baik"},
            actor=None,
        )
        step_published = scenario.start_step
        choice_published = step_published.choices.first()
        attempt_in = services.simulation_attempt_start(scenario=scenario, actor=users["pegawai"])
        attempt_out = services.simulation_attempt_start(scenario=scenario, actor=users["luar"])
        notes = {
            role: LearningNotification.objects.create(recipient=u, kind="plan", title=f"Halo {role}")
            for role, u in users.items()
        }
        stranger = make_user(username="orang.lain", instansi=city.instansi)
        stranger_note = LearningNotification.objects.create(
            recipient=stranger, kind="plan", title="Bukan Anda"
        )
        services.gap_table_refresh(instansi_id=city.instansi.pk)
    return World(
        city=city,
        users=users,
        programme=programme,
        event=event,
        event_opd_a=event_a,
        event_opd_b=event_b,
        plan_in=plans["staff_a"],
        plan_out=plans["staff_b"],
        activity_in=acts["staff_a"],
        activity_out=acts["staff_b"],
        done_in=done["staff_a"],
        done_out=done["staff_b"],
        record_in=records["staff_a"],
        record_out=records["staff_b"],
        enrolment_in=enrolments["staff_a"],
        enrolment_out=enrolments["staff_b"],
        cert_in=certs["staff_a"],
        cert_out=certs["staff_b"],
        generated_in=generated["staff_a"],
        generated_out=generated["staff_b"],
        scenario=scenario,
        draft=draft,
        step_published=step_published,
        step_draft=step_draft,
        choice_published=choice_published,
        choice_draft=choice_draft,
        attempt_in=attempt_in,
        attempt_out=attempt_out,
        notes=notes,
        stranger_note=stranger_note,
    )


city = module_city_fixture(build_world)  # named `city` so the contract checker gets the World


# --- URL builders and expectations ---------------------------------------------------------------


def obj(url_name, attr, query=""):
    return lambda w, role: reverse(f"learning:{url_name}", args=[getattr(w, attr).pk]) + query


def plain(url_name, query=""):
    return lambda w, role: reverse(f"learning:{url_name}") + query


def person(url_name, key):
    return lambda w, role: reverse(f"learning:{url_name}", args=[w.city.people[key].pk])


def opd(url_name, unit_attr):
    return lambda w, role: reverse(f"learning:{url_name}") + f"?opd={getattr(w.city, unit_attr).pk}"


def only(access_by_role: dict, default=NONE) -> dict:
    return {r: access_by_role.get(r, default) for r in ROLES}


def everyone(access=ALL) -> dict:
    return dict.fromkeys(ROLES, access)


R302 = Access(302, 302)
S302 = Access(302, 404)
READ_ALL = {"admin_bkpsdm": ALL, "pimpinan": ALL, "auditor": ALL}
SEE = only({"pegawai": SCOPED, "atasan": SCOPED, "pejabat_penilai": SCOPED, "admin_opd": SCOPED, **READ_ALL})
EDIT = only({"pegawai": SCOPED, "admin_opd": SCOPED, "admin_bkpsdm": ALL})
EDIT_302 = only({"pegawai": S302, "admin_opd": S302, "admin_bkpsdm": R302})
COMPLETE = only({"pegawai": SCOPED, "atasan": SCOPED, "admin_opd": SCOPED, "admin_bkpsdm": ALL})
VERIFY_302 = only({"atasan": S302, "admin_opd": S302, "admin_bkpsdm": R302})
EMPLOYEES = only({"pegawai": ALL, "atasan": ALL, "pejabat_penilai": ALL})
EMPLOYEES_302 = only({"pegawai": R302, "atasan": R302, "pejabat_penilai": R302})
BKPSDM = only({"admin_bkpsdm": ALL})
BKPSDM_302 = only({"admin_bkpsdm": R302})
OPD_VIEW = only({"atasan": SCOPED, "pejabat_penilai": SCOPED, "admin_opd": SCOPED, **READ_ALL})
PUBLISHED_ONLY = {**everyone(SCOPED), "admin_bkpsdm": ALL}


def pair(url_name, inn, out, expected, **kw):
    return ViewContract(
        f"learning:{url_name}", url_in=obj(url_name, inn), url_out=obj(url_name, out), expected=expected, **kw
    )


def get_post(url_name, inn, out, expected, post_expected=None):
    return [
        pair(url_name, inn, out, expected),
        pair(url_name, inn, out, post_expected or expected, method="post", data={}),
    ]


CONTRACTS = [
    # Pengembangan saya and one employee
    ViewContract("learning:home", url_in=plain("home"), expected=everyone()),
    ViewContract(
        "learning:employee_development",
        url_in=person("employee_development", "staff_a"),
        url_out=person("employee_development", "staff_b"),
        expected={**SEE, "pegawai": Access(302, 404)},  # her own page redirects to "Pengembangan saya"
    ),
    ViewContract("learning:notification_list", url_in=plain("notification_list"), expected=everyone()),
    ViewContract(
        "learning:notification_read",
        url_in=lambda w, role: reverse(
            "learning:notification_read", args=[w.notes[role if role in ROLES else "pegawai"].pk]
        ),
        url_out=obj("notification_read", "stranger_note"),
        expected=everyone(S302),
        method="post",
    ),
    # IDP
    ViewContract("learning:plan_list", url_in=plain("plan_list", "?status=draft"), expected=everyone()),
    ViewContract("learning:approval_queue", url_in=plain("approval_queue"), expected=everyone()),
    ViewContract(
        "learning:plan_create",
        url_in=person("plan_create", "staff_a"),
        url_out=person("plan_create", "staff_b"),
        expected=EDIT_302,
        method="post",
        data=lambda w: {"year": timezone.localdate().year},
    ),
    pair("plan_detail", "plan_in", "plan_out", SEE),
    *get_post("plan_edit", "plan_in", "plan_out", EDIT, EDIT_302),
    *get_post("activity_add", "plan_in", "plan_out", EDIT),
    *get_post("activity_edit", "activity_in", "activity_out", EDIT),
    pair("activity_remove", "done_in", "done_out", EDIT_302, method="post"),
    pair("activity_cancel", "done_in", "done_out", EDIT_302, method="post"),
    *get_post("activity_complete", "activity_in", "activity_out", COMPLETE),
    pair("plan_submit", "plan_in", "plan_out", only({"pegawai": S302}), method="post"),
    pair("plan_withdraw", "plan_in", "plan_out", only({"pegawai": S302}), method="post"),
    pair("plan_agree", "plan_in", "plan_out", only({"atasan": S302}), method="post"),
    pair("plan_return", "plan_in", "plan_out", only({"atasan": S302}), method="post"),
    pair("plan_reopen", "plan_in", "plan_out", only({"pegawai": S302, "atasan": S302}), method="post"),
    pair("record_verify", "record_in", "record_out", VERIFY_302, method="post"),
    # catalogue and events
    ViewContract("learning:programme_list", url_in=plain("programme_list", "?q=prima"), expected=everyone()),
    pair("programme_detail", "programme", "programme", everyone()),
    pair("programme_add_to_plan", "programme", "programme", EMPLOYEES_302, method="post"),
    ViewContract("learning:programme_create", url_in=plain("programme_create"), expected=BKPSDM),
    ViewContract(
        "learning:programme_create", url_in=plain("programme_create"), expected=BKPSDM, method="post", data={}
    ),
    *get_post("programme_edit", "programme", "programme", BKPSDM),
    *get_post("event_create", "programme", "programme", only({"admin_opd": ALL, "admin_bkpsdm": ALL})),
    *get_post("event_edit", "event_opd_a", "event_opd_b", only({"admin_opd": SCOPED, "admin_bkpsdm": ALL})),
    ViewContract("learning:event_list", url_in=plain("event_list", "?upcoming=on"), expected=everyone()),
    pair("event_detail", "event", "event", everyone()),
    pair("event_enrol", "event", "event", EMPLOYEES_302, method="post"),
    pair("event_add_to_plan", "event", "event", EMPLOYEES_302, method="post"),
    pair(
        "event_status",
        "event_opd_a",
        "event_opd_b",
        only({"admin_opd": S302, "admin_bkpsdm": R302}),
        method="post",
    ),
    ViewContract("learning:bkpsdm_queue", url_in=plain("bkpsdm_queue"), expected=BKPSDM),
    pair("enrolment_detail", "enrolment_in", "enrolment_out", SEE),
    pair("enrolment_withdraw", "enrolment_in", "enrolment_out", only({"pegawai": S302}), method="post"),
    pair(
        "enrolment_superior_approve", "enrolment_in", "enrolment_out", only({"atasan": S302}), method="post"
    ),
    pair("enrolment_superior_reject", "enrolment_in", "enrolment_out", only({"atasan": S302}), method="post"),
    pair("enrolment_approve", "enrolment_in", "enrolment_out", BKPSDM_302, method="post"),
    pair("enrolment_reject", "enrolment_in", "enrolment_out", BKPSDM_302, method="post"),
    pair("enrolment_cancel", "enrolment_in", "enrolment_out", BKPSDM_302, method="post"),
    pair("enrolment_record", "enrolment_in", "enrolment_out", BKPSDM_302, method="post"),
    pair("enrolment_complete", "enrolment_in", "enrolment_out", BKPSDM_302, method="post"),
    *get_post("enrolment_evaluate", "enrolment_in", "enrolment_out", only({"pegawai": SCOPED})),
    # certificates
    ViewContract(
        "learning:certificate_list", url_in=plain("certificate_list", "?semua=1"), expected=everyone()
    ),
    ViewContract("learning:certificate_upload", url_in=plain("certificate_upload"), expected=EMPLOYEES),
    ViewContract(
        "learning:certificate_upload",
        url_in=plain("certificate_upload"),
        expected=EMPLOYEES,
        method="post",
        data={},
    ),
    ViewContract(
        "learning:certificate_review_list",
        url_in=plain("certificate_review_list"),
        expected=only({"admin_opd": ALL, "admin_bkpsdm": ALL}),
    ),
    pair(
        "certificate_review",
        "cert_in",
        "cert_out",
        only({"admin_opd": S302, "admin_bkpsdm": R302}),
        method="post",
    ),
    pair("certificate_file", "cert_in", "cert_out", SEE),
    pair("certificate_pdf", "generated_in", "generated_out", SEE),
    # gaps
    ViewContract("learning:gap_city", url_in=plain("gap_city"), expected=only(READ_ALL)),
    ViewContract(
        "learning:gap_city",
        url_in=lambda w, r: (
            reverse("learning:gap_city") + f"?competency={w.programme.competency_links.first().competency_id}"
        ),
        expected=only(READ_ALL),
    ),
    ViewContract(
        "learning:gap_opd",
        url_in=opd("gap_opd", "dinas_a"),
        url_out=opd("gap_opd", "dinas_b"),
        expected=OPD_VIEW,
    ),
    ViewContract("learning:gap_refresh", url_in=plain("gap_refresh"), expected=BKPSDM_302, method="post"),
    # simulations
    ViewContract("learning:scenario_list", url_in=plain("scenario_list"), expected=everyone()),
    pair("scenario_detail", "scenario", "draft", PUBLISHED_ONLY),
    pair(
        "attempt_start",
        "scenario",
        "draft",
        only({"pegawai": S302, "atasan": S302, "pejabat_penilai": S302}),
        method="post",
    ),
    pair("attempt_play", "attempt_in", "attempt_out", SEE),
    pair("attempt_play", "attempt_in", "attempt_out", only({"pegawai": S302}), method="post", data={}),
    ViewContract("learning:attempt_list", url_in=plain("attempt_list"), expected=EMPLOYEES),
    ViewContract(
        "learning:simulation_results",
        url_in=opd("simulation_results", "dinas_a"),
        url_out=opd("simulation_results", "dinas_b"),
        expected=OPD_VIEW,
    ),
    # authoring (BKPSDM): the published scenario and a draft
    ViewContract("learning:scenario_create", url_in=plain("scenario_create"), expected=BKPSDM),
    ViewContract(
        "learning:scenario_create", url_in=plain("scenario_create"), expected=BKPSDM, method="post", data={}
    ),
    *get_post("scenario_edit", "scenario", "draft", BKPSDM),
    pair("scenario_preview", "scenario", "draft", BKPSDM),
    *get_post("step_edit", "scenario", "draft", BKPSDM),
    *get_post("choice_edit", "step_published", "step_draft", BKPSDM),
    pair("choice_delete", "choice_published", "choice_draft", BKPSDM_302, method="post"),
    pair("step_delete", "step_published", "step_draft", BKPSDM_302, method="post"),
    pair("scenario_publish", "scenario", "draft", BKPSDM_302, method="post"),
    pair("scenario_unpublish", "scenario", "draft", BKPSDM_302, method="post"),
    pair("scenario_archive", "scenario", "draft", BKPSDM_302, method="post"),
]


@pytest.mark.parametrize("contract", CONTRACTS, ids=str)
def test_permission_matrix(contract, city, client, login):
    check_view_contract(contract, client=client, login=login, city=city, roles=ROLES)


def test_every_learning_view_has_a_contract():
    assert_contracts_cover(
        CONTRACTS,
        urlconf="pembina.config.urls",
        view_modules=[
            f"pembina.learning.views.{m}"
            for m in (
                "home",
                "plans",
                "training",
                "catalogue",
                "certificates",
                "gaps",
                "simulations",
                "authoring",
            )
        ],
        public=["learning:certificate_verify"],
    )


def test_the_matrix_catches_a_leak(city, client, login):
    """The checker must fail when an expectation is wrong (no tautology)."""
    wrong = {**SEE, "pegawai": ALL}
    with pytest.raises(AssertionError, match="pegawai +out"):
        check_view_contract(
            pair("plan_detail", "plan_in", "plan_out", wrong),
            client=client,
            login=login,
            city=city,
            roles=ROLES,
        )


def test_certificate_verification_is_public(city, client):
    response = client.get(reverse("learning:certificate_verify"))
    assert response.status_code == 200
    response = client.get(reverse("learning:certificate_verify") + "?kode=AAAA-BBBB")
    assert response.status_code == 200
    assert 'data-valid="0"' in response.content.decode()
    code = city.generated_in.code
    response = client.get(reverse("learning:certificate_verify", kwargs={"code": code}))  # the QR code's link
    assert response.context["result"].valid


def test_certificate_pdf_carries_the_verification_link(city, client, login):
    c = login(city.users["pegawai"])
    response = c.get(reverse("learning:certificate_pdf", args=[city.generated_in.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    # an external certificate has no generated document
    assert c.get(reverse("learning:certificate_pdf", args=[city.cert_in.pk])).status_code == 404
