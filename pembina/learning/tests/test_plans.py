"""IDP workflow with its permission matrix; activity completion and verification; development needs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from pembina.core.exceptions import ApplicationError
from pembina.learning import selectors, services
from pembina.learning.choices import NeedStatus, PlanActivityStatus, PlanStatus, RecordStatus
from pembina.learning.models import DevelopmentNeed, DevelopmentPlan, DevelopmentRecord, PlanEvent
from pembina.learning.tests.conftest import fresh

ACTORS = ["pegawai", "atasan", "pejabat_penilai", "admin_opd", "admin_bkpsdm", "pimpinan", "auditor", "luar"]
YEAR = timezone.localdate().year


def _attempt(fn, **kwargs):
    try:
        fn(**kwargs)
    except (ApplicationError, Http404):
        return False
    return True


def _plan(learning, status=PlanStatus.DRAFT):
    staff = learning.city.people["staff_a"]
    DevelopmentPlan.objects.filter(employee=staff).delete()
    plan = services.plan_create(employee=staff, year=YEAR, actor=None)
    services.plan_activity_add(
        plan=plan,
        data={"kind": "coaching", "title": "Coaching penyusunan laporan", "planned_jp": Decimal("4")},
        actor=None,
    )
    if status != PlanStatus.DRAFT:
        DevelopmentPlan.objects.filter(pk=plan.pk).update(status=status)
    return DevelopmentPlan.objects.get(pk=plan.pk)


MATRIX = [
    ("submit", services.plan_submit, {}, PlanStatus.DRAFT, {"pegawai"}, PlanStatus.SUBMITTED),
    ("withdraw", services.plan_withdraw, {}, PlanStatus.SUBMITTED, {"pegawai"}, PlanStatus.DRAFT),
    ("agree", services.plan_agree, {"note": "Setuju"}, PlanStatus.SUBMITTED, {"atasan"}, PlanStatus.AGREED),
    (
        "return",
        services.plan_return,
        {"note": "Tambahkan pelatihan teknis"},
        PlanStatus.SUBMITTED,
        {"atasan"},
        PlanStatus.RETURNED,
    ),
    ("reopen", services.plan_reopen, {}, PlanStatus.AGREED, {"pegawai", "atasan"}, PlanStatus.DRAFT),
    (
        "edit",
        services.plan_update,
        {"data": {"career_goal": "Menjadi pengawas"}},
        PlanStatus.DRAFT,
        {"pegawai", "admin_opd", "admin_bkpsdm"},
        PlanStatus.DRAFT,
    ),
]


@pytest.mark.parametrize(
    ("action", "service", "kwargs", "start", "allowed", "result"), MATRIX, ids=[m[0] for m in MATRIX]
)
def test_plan_workflow_matrix(learning, action, service, kwargs, start, allowed, result):
    for who in ACTORS:
        plan = _plan(learning, start)
        ok = _attempt(service, plan=plan, actor=fresh(learning.users[who]), **kwargs)
        plan.refresh_from_db()
        assert ok == (who in allowed), f"{who} {action}"
        assert plan.status == (result if ok else start)


def test_add_activity_matrix_and_after_agreement_flag(learning):
    data = {"kind": "self_study", "title": "Membaca Perpres 76/2013", "planned_jp": Decimal("2")}
    for who in ACTORS:
        plan = _plan(learning)
        ok = _attempt(services.plan_activity_add, plan=plan, data=data, actor=fresh(learning.users[who]))
        assert ok == (who in {"pegawai", "admin_opd", "admin_bkpsdm"}), who
    plan = _plan(learning, PlanStatus.AGREED)
    act = services.plan_activity_add(plan=plan, data=data, actor=fresh(learning.users["pegawai"]))
    assert act.added_after_agreement
    submitted = _plan(learning, PlanStatus.SUBMITTED)
    with pytest.raises(ApplicationError, match="Diajukan"):
        services.plan_activity_add(plan=submitted, data=data, actor=fresh(learning.users["pegawai"]))


def test_activity_checks(learning):
    plan = _plan(learning)
    pegawai = fresh(learning.users["pegawai"])
    with pytest.raises(ApplicationError, match="JP rencana"):
        services.plan_activity_add(
            plan=plan, data={"kind": "coaching", "title": "x", "planned_jp": Decimal("0")}, actor=pegawai
        )
    with pytest.raises(ApplicationError, match="tahun IDP"):
        services.plan_activity_add(
            plan=plan,
            data={
                "kind": "coaching",
                "title": "x",
                "planned_jp": 2,
                "planned_start": dt.date(YEAR - 1, 5, 1),
            },
            actor=pegawai,
        )
    with pytest.raises(ApplicationError, match="tidak dikenal"):
        services.plan_activity_add(
            plan=plan, data={"kind": "coaching", "title": "x", "planned_jp": 2, "budget": 9}, actor=pegawai
        )
    empty = services.plan_create(employee=learning.city.people["staff_a2"], year=YEAR, actor=None)
    with pytest.raises(ApplicationError, match="paling sedikit satu kegiatan"):
        services.plan_submit(plan=empty, actor=None)


def test_submit_notes_the_superior_and_the_timeline(learning):
    plan = _plan(learning)
    services.plan_submit(plan=plan, actor=fresh(learning.users["pegawai"]))
    plan.refresh_from_db()
    assert plan.superior == learning.city.people["kasi_a1a"]
    atasan = fresh(learning.users["atasan"])
    assert list(selectors.plans_to_agree(actor=atasan)) == [plan]
    assert list(selectors.plans_to_agree(actor=fresh(learning.users["pejabat_penilai"]))) == []
    assert selectors.plan_actions(actor=atasan, plan=plan) == ["agree", "return"]
    with pytest.raises(ApplicationError, match="Catatan"):
        services.plan_return(plan=plan, note="", actor=atasan)
    services.plan_agree(plan=plan, actor=atasan, note="Lanjutkan")
    assert [e.action for e in PlanEvent.objects.filter(plan=plan)] == ["create", "submit", "agree"]
    from pembina.learning.models import LearningNotification

    assert LearningNotification.objects.filter(recipient=learning.users["atasan"], kind="plan").count() == 1
    assert LearningNotification.objects.filter(recipient=learning.users["pegawai"], kind="plan").count() == 1


def test_completing_an_activity_reported_by_the_employee_waits_for_verification(learning):
    plan = _plan(learning, PlanStatus.AGREED)
    act = plan.activities.get()
    pegawai, atasan = fresh(learning.users["pegawai"]), fresh(learning.users["atasan"])
    evidence = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 catatan coaching", content_type="application/pdf")
    record = services.plan_activity_complete(
        activity=act, completed_on=timezone.localdate(), actor=pegawai, evidence=evidence
    )
    assert record.status == RecordStatus.PENDING and record.evidence.name.endswith(".pdf")
    assert "bukti" not in record.evidence.name  # stored under a random name
    jp = selectors.jp_employee_year(actor=pegawai, employee_pk=plan.employee_id, year=YEAR)
    assert jp.total == 0 and len(jp.pending) == 1
    for who in ("pegawai", "pejabat_penilai", "luar", "pimpinan"):
        assert not _attempt(
            services.development_record_verify, record=record, approve=True, actor=fresh(learning.users[who])
        ), who
    services.development_record_verify(record=record, approve=True, actor=atasan)
    assert selectors.jp_employee_year(
        actor=pegawai, employee_pk=plan.employee_id, year=YEAR
    ).total == Decimal("4")
    with pytest.raises(ApplicationError, match="sudah diverifikasi"):
        services.development_record_verify(record=record, approve=False, note="x", actor=atasan)


def test_evidence_of_the_wrong_type_is_refused_and_nothing_changes(learning):
    plan = _plan(learning, PlanStatus.AGREED)
    act = plan.activities.get()
    fake = SimpleUploadedFile("bukti.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="bukan PDF"):
        services.plan_activity_complete(
            activity=act,
            completed_on=timezone.localdate(),
            actor=fresh(learning.users["pegawai"]),
            evidence=fake,
        )
    assert not DevelopmentRecord.objects.exists()
    act.refresh_from_db()
    assert act.status == PlanActivityStatus.PLANNED


def test_superior_completing_counts_at_once_and_addresses_the_need(learning):
    staff = learning.city.people["staff_a"]
    need = services.development_need_open(
        employee=staff,
        source_kind="evaluation",
        source_ref="skp-2025",
        reason="Predikat butuh perbaikan",
        competency="komunikasi",
        actor=None,
    )
    plan = _plan(learning, PlanStatus.AGREED)
    act = services.plan_activity_add(
        plan=plan,
        data={"kind": "mentoring", "title": "Mentoring komunikasi", "planned_jp": 6, "need": need},
        actor=None,
    )
    need.refresh_from_db()
    assert need.status == NeedStatus.PLANNED
    record = services.plan_activity_complete(
        activity=act, completed_on=timezone.localdate(), actor=fresh(learning.users["atasan"])
    )
    assert record.status == RecordStatus.VERIFIED
    need.refresh_from_db()
    assert need.status == NeedStatus.ADDRESSED


def test_development_need_is_idempotent_per_source(learning):
    staff = learning.city.people["staff_a"]
    kwargs = {"employee": staff, "source_kind": "evaluation", "source_ref": "evaluasi:2025:17", "actor": None}
    a = services.development_need_open(reason="Perilaku kerja di bawah ekspektasi", **kwargs)
    b = services.development_need_open(reason="Perilaku kerja di bawah ekspektasi (diperbarui)", **kwargs)
    assert a.pk == b.pk and b.reason.endswith("(diperbarui)")
    c = services.development_need_open(reason="Komunikasi", competency="komunikasi", **kwargs)
    assert c.pk != a.pk  # same evaluation, another competency
    assert DevelopmentNeed.objects.filter(employee=staff).count() == 2
    with pytest.raises(ApplicationError):
        services.development_need_open(reason="x", **{**kwargs, "source_kind": "rumor"})
    with pytest.raises(ApplicationError):
        services.development_need_open(reason="x", **{**kwargs, "actor": fresh(learning.users["luar"])})
    with pytest.raises(ApplicationError, match="Catatan"):
        services.development_need_close(need=a, note="", actor=fresh(learning.users["atasan"]))
    services.development_need_close(need=a, note="Sudah membaik", actor=fresh(learning.users["atasan"]))
    assert DevelopmentNeed.objects.get(pk=a.pk).status == NeedStatus.CLOSED


def test_plan_scoping_and_totals(learning):
    plan = _plan(learning)
    for who in ("pegawai", "atasan", "pejabat_penilai", "admin_opd", "admin_bkpsdm", "pimpinan", "auditor"):
        assert selectors.plan_get_for_actor(actor=fresh(learning.users[who]), pk=plan.pk) == plan
    with pytest.raises(Http404):
        selectors.plan_get_for_actor(actor=fresh(learning.users["luar"]), pk=plan.pk)
    loaded = selectors.plan_get_for_actor(actor=fresh(learning.users["pegawai"]), pk=plan.pk)
    totals = selectors.plan_totals(loaded)
    assert (totals.planned_jp, totals.activities, totals.completed) == (Decimal("4"), 1, 0)
    listed = selectors.plan_list(actor=fresh(learning.users["admin_opd"]), filters={"year": YEAR}).get()
    assert listed.planned_jp == Decimal("4") and listed.n_activities == 1
