"""Enrolment: request → superior → BKPSDM (quota) → attendance/scores → completion, with the
permission matrix of every step (employee, superior, superior's superior, Admin OPD, Admin BKPSDM,
Pimpinan, Auditor, outsider)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import timezone

from pembina.core.exceptions import ApplicationError
from pembina.learning import selectors, services
from pembina.learning.choices import EnrolmentStatus, RecordStatus
from pembina.learning.models import (
    Certificate,
    CompetencyAssessment,
    DevelopmentRecord,
    Enrolment,
    EnrolmentEvent,
)
from pembina.learning.tests.conftest import fresh, make_event

ACTORS = ["pegawai", "atasan", "pejabat_penilai", "admin_opd", "admin_bkpsdm", "pimpinan", "auditor", "luar"]
TODAY = timezone.localdate()


def _enrolment(learning, status=EnrolmentStatus.REQUESTED, *, past=False, event=None):
    """An enrolment of staff_a in a state, on a new event (or the given one) unless `past` moves it back."""
    staff = learning.city.people["staff_a"]
    event = event or make_event(learning.programme, start=TODAY + dt.timedelta(days=7))
    enrol = services.enrolment_request(event=event, employee=staff, actor=None)
    if status != EnrolmentStatus.REQUESTED:
        Enrolment.objects.filter(pk=enrol.pk).update(status=status)
    if past:
        event.start_date = event.end_date = TODAY - dt.timedelta(days=1)
        event.save()
    return Enrolment.objects.get(pk=enrol.pk)


def _attempt(fn, **kwargs):
    try:
        fn(**kwargs)
    except (ApplicationError, Http404):
        return False
    return True


REQUEST_OK = {"pegawai", "admin_opd", "admin_bkpsdm"}


def test_who_may_request_for_the_employee(learning):
    staff = learning.city.people["staff_a"]
    for who in ACTORS:
        event = make_event(learning.programme, start=TODAY + dt.timedelta(days=7))
        ok = _attempt(
            services.enrolment_request, event=event, employee=staff, actor=fresh(learning.users[who])
        )
        assert ok == (who in REQUEST_OK), who
        assert Enrolment.objects.filter(event=event, employee=staff).exists() == ok


MATRIX = [
    # action, service, kwargs, starting status, who may, resulting status
    (
        "superior_approve",
        services.enrolment_superior_decide,
        {"approve": True},
        EnrolmentStatus.REQUESTED,
        {"atasan"},
        EnrolmentStatus.SUPERIOR_APPROVED,
    ),
    (
        "superior_reject",
        services.enrolment_superior_decide,
        {"approve": False, "note": "Beban kerja"},
        EnrolmentStatus.REQUESTED,
        {"atasan"},
        EnrolmentStatus.REJECTED,
    ),
    (
        "approve",
        services.enrolment_bkpsdm_decide,
        {"approve": True},
        EnrolmentStatus.SUPERIOR_APPROVED,
        {"admin_bkpsdm"},
        EnrolmentStatus.APPROVED,
    ),
    (
        "reject",
        services.enrolment_bkpsdm_decide,
        {"approve": False, "note": "Kuota prioritas"},
        EnrolmentStatus.SUPERIOR_APPROVED,
        {"admin_bkpsdm"},
        EnrolmentStatus.REJECTED,
    ),
    (
        "withdraw",
        services.enrolment_withdraw,
        {},
        EnrolmentStatus.REQUESTED,
        {"pegawai"},
        EnrolmentStatus.WITHDRAWN,
    ),
    (
        "cancel",
        services.enrolment_cancel,
        {"note": "Sakit"},
        EnrolmentStatus.APPROVED,
        {"admin_bkpsdm"},
        EnrolmentStatus.CANCELLED,
    ),
]


@pytest.mark.parametrize(
    ("action", "service", "kwargs", "start", "allowed", "result"), MATRIX, ids=[m[0] for m in MATRIX]
)
def test_enrolment_decision_matrix(learning, action, service, kwargs, start, allowed, result):
    for who in ACTORS:
        enrol = _enrolment(learning, start)
        ok = _attempt(service, enrolment=enrol, actor=fresh(learning.users[who]), **kwargs)
        enrol.refresh_from_db()
        assert ok == (who in allowed), f"{who} {action}"
        assert enrol.status == (result if ok else start), f"{who} {action}"
    # the wrong state is refused even for the right person
    enrol = _enrolment(learning, EnrolmentStatus.COMPLETED)
    assert not _attempt(service, enrolment=enrol, actor=fresh(learning.users[next(iter(allowed))]), **kwargs)


def test_attendance_scores_completion_and_evaluation_matrix(learning):
    scores = dict.fromkeys(
        ("score_content", "score_facilitator", "score_method", "score_facility", "score_usefulness"), 4
    )
    for who in ACTORS:
        enrol = _enrolment(learning, EnrolmentStatus.APPROVED, past=True)
        actor = fresh(learning.users[who])
        manager = who == "admin_bkpsdm"
        assert (
            _attempt(services.enrolment_attendance_record, enrolment=enrol, percent=100, actor=actor)
            == manager
        ), who
        assert (
            _attempt(
                services.enrolment_scores_record, enrolment=enrol, pre_test=40, post_test=80, actor=actor
            )
            == manager
        ), who
        if not manager:
            services.enrolment_attendance_record(enrolment=enrol, percent=100, actor=None)
            services.enrolment_scores_record(enrolment=enrol, pre_test=40, post_test=80, actor=None)
        assert _attempt(services.enrolment_complete, enrolment=enrol, actor=actor) == manager, who
        if not manager:
            services.enrolment_complete(enrolment=enrol, actor=None)
        assert _attempt(services.event_evaluation_submit, enrolment=enrol, scores=scores, actor=actor) == (
            who == "pegawai"
        ), who


def test_an_admin_opd_manages_the_events_its_unit_organises(learning):
    city = learning.city
    in_house = make_event(learning.programme, start=TODAY + dt.timedelta(days=2), organiser_unit=city.dinas_a)
    enrol = services.enrolment_request(event=in_house, employee=city.people["staff_b"], actor=None)
    Enrolment.objects.filter(pk=enrol.pk).update(status=EnrolmentStatus.APPROVED)
    in_house.start_date = in_house.end_date = TODAY - dt.timedelta(days=1)
    in_house.save()
    admin = fresh(learning.users["admin_opd"])
    # staff_b is from another OPD, yet Dinkes's admin runs the event: sees and manages the participant
    assert selectors.event_participants(actor=admin, event_pk=in_house.pk).filter(pk=enrol.pk).exists()
    services.enrolment_attendance_record(enrolment=enrol, percent=90, actor=admin)
    # ...but may not touch an event organised elsewhere
    other = _enrolment(learning, EnrolmentStatus.APPROVED, past=True)
    with pytest.raises(ApplicationError):
        services.enrolment_attendance_record(enrolment=other, percent=90, actor=admin)


def test_quota_is_enforced_at_bkpsdm_approval(learning):
    city = learning.city
    event = make_event(learning.programme, start=TODAY + dt.timedelta(days=5), quota=1)
    bkpsdm = fresh(learning.users["admin_bkpsdm"])
    a = services.enrolment_request(event=event, employee=city.people["staff_a"], actor=None)
    b = services.enrolment_request(event=event, employee=city.people["staff_a2"], actor=None)
    Enrolment.objects.filter(pk__in=[a.pk, b.pk]).update(status=EnrolmentStatus.SUPERIOR_APPROVED)
    services.enrolment_bkpsdm_decide(enrolment=a, approve=True, actor=bkpsdm)
    with pytest.raises(ApplicationError, match="Kuota pelatihan sudah penuh"):
        services.enrolment_bkpsdm_decide(enrolment=b, approve=True, actor=bkpsdm)
    assert Enrolment.objects.get(pk=b.pk).status == EnrolmentStatus.SUPERIOR_APPROVED
    # a withdrawal frees the seat
    services.enrolment_withdraw(enrolment=a, actor=fresh(learning.users["pegawai"]))
    services.enrolment_bkpsdm_decide(enrolment=b, approve=True, actor=bkpsdm)
    with pytest.raises(ApplicationError, match="peserta yang sudah disetujui"):
        services.event_update(event=event, data={"quota": 0}, actor=bkpsdm)


def test_requests_need_an_open_event_and_no_double_enrolment(learning):
    staff = learning.city.people["staff_a"]
    pegawai = fresh(learning.users["pegawai"])
    services.enrolment_request(event=learning.event, employee=staff, actor=pegawai)
    with pytest.raises(ApplicationError, match="sudah terdaftar"):
        services.enrolment_request(event=learning.event, employee=staff, actor=pegawai)
    closed = make_event(learning.programme, start=TODAY + dt.timedelta(days=3), status="draft")
    with pytest.raises(ApplicationError, match="tidak dibuka"):
        services.enrolment_request(event=closed, employee=staff, actor=pegawai)
    late = make_event(learning.programme, start=TODAY - dt.timedelta(days=1))
    with pytest.raises(ApplicationError, match="sudah ditutup"):
        services.enrolment_request(event=late, employee=staff, actor=pegawai)


def test_rejection_needs_a_reason_and_can_be_requested_again(learning):
    enrol = _enrolment(learning, event=learning.event)
    atasan = fresh(learning.users["atasan"])
    with pytest.raises(ApplicationError, match="Alasan"):
        services.enrolment_superior_decide(enrolment=enrol, approve=False, note=" ", actor=atasan)
    services.enrolment_superior_decide(
        enrolment=enrol, approve=False, note="Sedang ada tenggat laporan", actor=atasan
    )
    again = services.enrolment_request(
        event=learning.event, employee=enrol.employee, actor=fresh(learning.users["pegawai"])
    )
    assert again.pk == enrol.pk and again.status == EnrolmentStatus.REQUESTED and again.superior_note == ""
    actions = [e.action for e in EnrolmentEvent.objects.filter(enrolment=enrol).order_by("id")]
    assert actions == ["request", "superior_reject", "request"]


def test_completion_records_jp_certificate_activity_and_competency_evidence(learning):
    enrol = _enrolment(learning, EnrolmentStatus.APPROVED, past=True)
    bkpsdm = fresh(learning.users["admin_bkpsdm"])
    with pytest.raises(ApplicationError, match="kehadiran"):
        services.enrolment_complete(enrolment=enrol, actor=bkpsdm)
    services.enrolment_attendance_record(enrolment=enrol, percent=95, actor=bkpsdm)
    with pytest.raises(ApplicationError, match="post-test"):
        services.enrolment_complete(enrolment=enrol, actor=bkpsdm)
    services.enrolment_scores_record(enrolment=enrol, pre_test="45", post_test="88.5", actor=bkpsdm)
    services.enrolment_complete(enrolment=enrol, actor=bkpsdm)
    record = DevelopmentRecord.objects.get(employee=enrol.employee, source="event")
    assert (record.jp, record.status, record.kind, record.mode) == (
        Decimal("24.0"),
        RecordStatus.VERIFIED,
        "training",
        "classical",
    )
    cert = Certificate.objects.get(enrolment=enrol)
    assert cert.record == record and cert.code and cert.number.startswith("PMB/")
    levels = dict(
        CompetencyAssessment.objects.filter(employee=enrol.employee, source="training").values_list(
            "competency__code", "level"
        )
    )
    assert levels == {"pelayanan-publik": 2, "komunikasi": 2}
    # the outcome cannot be changed afterwards
    with pytest.raises(ApplicationError):
        services.enrolment_scores_record(enrolment=enrol, post_test=10, actor=bkpsdm)


def test_failing_the_post_test_or_attendance_records_nothing(learning):
    bkpsdm = fresh(learning.users["admin_bkpsdm"])
    enrol = _enrolment(learning, EnrolmentStatus.APPROVED, past=True)
    services.enrolment_attendance_record(enrolment=enrol, percent=100, actor=bkpsdm)
    services.enrolment_scores_record(enrolment=enrol, post_test=60, actor=bkpsdm)
    enrol = services.enrolment_complete(enrolment=enrol, actor=bkpsdm)
    assert enrol.status == EnrolmentStatus.NOT_COMPLETED
    assert not DevelopmentRecord.objects.filter(employee=enrol.employee).exists()
    assert not Certificate.objects.exists()
    assert not CompetencyAssessment.objects.filter(employee=enrol.employee).exists()


def test_evaluation_summary(learning):
    bkpsdm = fresh(learning.users["admin_bkpsdm"])
    enrol = _enrolment(learning, EnrolmentStatus.APPROVED, past=True, event=learning.event)
    services.enrolment_attendance_record(enrolment=enrol, percent=100, actor=bkpsdm)
    services.enrolment_scores_record(enrolment=enrol, pre_test=40, post_test=90, actor=bkpsdm)
    services.enrolment_complete(enrolment=enrol, actor=bkpsdm)
    pegawai = fresh(learning.users["pegawai"])
    scores = {
        "score_content": 5,
        "score_facilitator": 4,
        "score_method": 4,
        "score_facility": 3,
        "score_usefulness": 5,
    }
    with pytest.raises(ApplicationError):
        services.event_evaluation_submit(enrolment=enrol, scores={**scores, "score_method": 6}, actor=pegawai)
    services.event_evaluation_submit(enrolment=enrol, scores=scores, comment="Bermanfaat", actor=pegawai)
    with pytest.raises(ApplicationError, match="sudah diisi"):
        services.event_evaluation_submit(enrolment=enrol, scores=scores, actor=pegawai)
    summary = selectors.event_evaluation_summary(actor=bkpsdm, event_pk=learning.event.pk)
    assert summary.responses == 1 and summary.overall == Decimal("4.20")
    assert (summary.participants, summary.completed, summary.pass_rate) == (1, 1, Decimal("100.0"))
    assert summary.avg_gain == Decimal("50.0")


def test_queues_for_superior_and_bkpsdm(learning):
    enrol = _enrolment(learning)
    atasan, kabid = fresh(learning.users["atasan"]), fresh(learning.users["pejabat_penilai"])
    assert list(selectors.enrolments_awaiting_superior(actor=atasan)) == [enrol]
    assert list(selectors.enrolments_awaiting_superior(actor=kabid)) == []
    assert selectors.enrolment_actions(actor=atasan, enrolment=enrol) == [
        "superior_approve",
        "superior_reject",
    ]
    services.enrolment_superior_decide(enrolment=enrol, approve=True, actor=atasan)
    bkpsdm = fresh(learning.users["admin_bkpsdm"])
    assert list(selectors.enrolments_awaiting_bkpsdm(actor=bkpsdm)) == [enrol]
    assert list(selectors.enrolments_awaiting_bkpsdm(actor=atasan)) == []


def test_outsiders_do_not_see_enrolments(learning):
    enrol = _enrolment(learning)
    with pytest.raises(Http404):
        selectors.enrolment_get_for_actor(actor=fresh(learning.users["luar"]), pk=enrol.pk)
    seen = set(selectors.enrolment_list(actor=fresh(learning.users["luar"])))
    assert enrol not in seen
    for who in ("pegawai", "atasan", "pejabat_penilai", "admin_opd", "admin_bkpsdm", "pimpinan", "auditor"):
        assert selectors.enrolment_get_for_actor(actor=fresh(learning.users[who]), pk=enrol.pk) == enrol
