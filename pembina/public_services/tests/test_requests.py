"""Service requests: registration, the status flow, deadlines, escalation with time travel, the
citizen's lookup, and who sees what."""

import dataclasses
import datetime as dt

import pytest
from django.http import Http404

from pembina.core.exceptions import ApplicationError
from pembina.core.models import AuditEntry
from pembina.org.choices import UnitKind
from pembina.org.tests.factories import make_unit
from pembina.public_services import selectors, services
from pembina.public_services.choices import RequestAction, RequestChannel, RequestStatus
from pembina.public_services.models import RequestEvent, ServiceRequest
from pembina.public_services.rules import tracking
from pembina.public_services.tests.factories import local, make_service, walk

pytestmark = pytest.mark.django_db


def register(ps, service=None, at=None, **kw):
    return services.request_register(
        service=service or ps.ktp,
        citizen_name=kw.pop("citizen_name", "Siti Aminah"),
        citizen_contact=kw.pop("citizen_contact", "081234567890"),
        actor=kw.pop("actor", ps.staff_user),
        received_at=at or local(2026, 11, 2, 9),  # Monday
        **kw,
    )


def test_register_at_counter_records_who_where_when(ps):
    r = register(ps)
    assert tracking.normalize(r.tracking_number) == r.tracking_number
    assert r.tracking_number.startswith("UJI-2611-")
    assert r.status == RequestStatus.RECEIVED and r.channel == RequestChannel.COUNTER
    assert r.due_date == dt.date(2026, 11, 3)
    assert r.unit == ps.city.bidang_b1 and r.opd == ps.city.dinas_b
    assert r.survey_token and len(r.survey_token) >= 16
    (event,) = r.events.all()
    assert event.action == RequestAction.RECEIVED
    assert event.employee == ps.city.people["staff_b"] and event.unit == ps.city.bidang_b1
    entry = AuditEntry.objects.filter(object_type="public_services.servicerequest", object_id=str(r.pk)).get()
    assert "survey_token" not in entry.after and entry.after["citizen_name"] == "Siti Aminah"


def test_register_verified_at_the_counter(ps):
    r = register(ps, verified=True)
    assert r.status == RequestStatus.VERIFIED
    assert list(r.events.values_list("action", flat=True)) == ["received", "verified"]


def test_html_in_input_is_stored_as_plain_text(ps):
    r = register(ps, citizen_name="<b>Siti</b> <script>x()</script>", description="<i>segera</i>")
    assert r.citizen_name == "Siti x()" and r.description == "segera"


def test_staff_cannot_register_for_another_opd(ps):
    with pytest.raises(ApplicationError):
        register(ps, service=ps.imun)
    assert not ServiceRequest.objects.exists()
    # Dinas Kesehatan's own clerk can
    r = register(ps, service=ps.imun, actor=ps.city.users["pegawai"])
    assert r.unit == ps.city.seksi_a1a


def test_online_submission_without_login(ps):
    r = services.request_submit_online(
        service=ps.akta, citizen_name="Budi", citizen_contact="budi@contoh.id", now=local(2026, 11, 7, 10)
    )
    # A Saturday arrival counts as arriving Monday (day 0): due three working days later, Thursday
    assert r.channel == RequestChannel.ONLINE and r.due_date == dt.date(2026, 11, 12)
    assert r.events.get().employee is None
    with pytest.raises(ApplicationError):
        services.request_submit_online(service=ps.akta, citizen_name="Budi", citizen_contact="")
    services.service_update(service=ps.akta, data={"accepts_online": False}, actor=None)
    with pytest.raises(ApplicationError):
        services.request_submit_online(service=ps.akta, citizen_name="Budi", citizen_contact="08123")


def test_full_flow_on_time(ps):
    r = register(ps)
    r = walk(r, to=RequestStatus.PICKED_UP, actor=ps.staff_user, at=local(2026, 11, 3, 10))
    assert r.status == RequestStatus.PICKED_UP
    assert r.elapsed_working_days == 1 and r.within_deadline is True and r.is_overdue is False
    assert r.completed_month == dt.date(2026, 11, 1)
    assert [e.action for e in r.events.all()] == [
        "received",
        "verified",
        "in_process",
        "completed",
        "picked_up",
    ]
    assert all(e.employee == ps.city.people["staff_b"] for e in r.events.all())


def test_completed_late(ps):
    r = register(ps)
    r = walk(r, to=RequestStatus.COMPLETED, actor=ps.staff_user, at=local(2026, 11, 4, 10))
    assert r.elapsed_working_days == 2 and r.within_deadline is False and r.is_overdue is True


@pytest.mark.parametrize(
    ("status_path", "target"),
    [
        ([], RequestStatus.COMPLETED),
        ([], RequestStatus.PICKED_UP),
        ([RequestStatus.VERIFIED], RequestStatus.RECEIVED),
        ([RequestStatus.VERIFIED, RequestStatus.IN_PROCESS, RequestStatus.COMPLETED], RequestStatus.REJECTED),
        (
            [RequestStatus.VERIFIED, RequestStatus.IN_PROCESS, RequestStatus.COMPLETED],
            RequestStatus.IN_PROCESS,
        ),
    ],
)
def test_invalid_transitions_change_nothing(ps, status_path, target):
    r = register(ps)
    for i, status in enumerate(status_path):
        r = services.request_transition(
            request=r, to_status=status, actor=ps.staff_user, at=local(2026, 11, 2, 10 + i)
        )
    events = r.events.count()
    with pytest.raises(ApplicationError) as exc:
        services.request_transition(
            request=r, to_status=target, actor=ps.staff_user, at=local(2026, 11, 2, 15)
        )
    assert "tidak dapat diubah" in exc.value.message
    r.refresh_from_db()
    assert r.status == (status_path[-1] if status_path else RequestStatus.RECEIVED)
    assert r.events.count() == events


def test_rejection_needs_a_reason_and_ends_the_flow(ps):
    r = register(ps)
    with pytest.raises(ApplicationError):
        services.request_reject(request=r, reason="  ", actor=ps.staff_user)
    r = services.request_reject(
        request=r, reason="Berkas tidak lengkap", actor=ps.staff_user, at=local(2026, 11, 2, 11)
    )
    assert r.status == RequestStatus.REJECTED and r.rejection_reason == "Berkas tidak lengkap"
    with pytest.raises(ApplicationError):
        services.request_verify(request=r, actor=ps.staff_user)


def test_step_cannot_predate_the_previous_one(ps):
    r = register(ps)
    with pytest.raises(ApplicationError):
        services.request_verify(request=r, actor=ps.staff_user, at=local(2026, 11, 2, 8))


def test_other_opd_cannot_process(ps):
    r = register(ps)
    with pytest.raises(ApplicationError):
        services.request_verify(request=r, actor=ps.city.users["pegawai"], at=local(2026, 11, 2, 10))


def test_deadline_across_christmas_and_cuti_bersama(ps):
    r = register(ps, service=ps.akta, at=local(2026, 12, 23, 9))
    # 24 cuti bersama, 25 Natal, 26–27 weekend: 28, 29, 30
    assert r.due_date == dt.date(2026, 12, 30)
    d = selectors.request_deadline(request=r, now=local(2026, 12, 29, 9))
    assert (d.elapsed_working_days, d.remaining_working_days, d.is_late) == (2, 1, False)
    d = selectors.request_deadline(request=r, now=local(2026, 12, 31, 9))
    assert d.is_late and d.remaining_working_days == 0


def test_holiday_added_later_moves_new_deadlines(ps):
    services.holiday_create(
        instansi=ps.city.instansi,
        date=dt.date(2026, 11, 3),
        name="Libur daerah uji",
        kind="regional",
        actor=None,
    )
    assert register(ps).due_date == dt.date(2026, 11, 4)


# --- escalation with time travel ---------------------------------------------------------------------


def test_overdue_request_escalated_once_to_the_unit_head(ps):
    r = register(ps)  # Monday, 1 working day: due Tuesday
    assert services.requests_escalate_overdue(now=local(2026, 11, 3, 17))["escalated"] == 0
    result = services.requests_escalate_overdue(now=local(2026, 11, 4, 8))
    assert result["escalated"] == 1
    r.refresh_from_db()
    assert r.is_overdue and r.escalated_to == ps.city.people["kabid_b1"]
    assert r.escalated_at == local(2026, 11, 4, 8)
    assert r.events.filter(action=RequestAction.ESCALATED).count() == 1
    # idempotent: later runs leave it alone
    assert services.requests_escalate_overdue(now=local(2026, 11, 4, 9))["escalated"] == 0
    assert services.requests_escalate_overdue(now=local(2026, 11, 10, 9))["escalated"] == 0
    assert r.events.filter(action=RequestAction.ESCALATED).count() == 1
    assert list(selectors.requests_escalated_to(employee_id=ps.city.people["kabid_b1"].pk)) == [r]


def test_weekend_after_due_date_is_not_late(ps):
    register(ps, at=local(2026, 11, 5, 9))  # Thursday: due Friday
    assert services.requests_escalate_overdue(now=local(2026, 11, 7, 12))["escalated"] == 0  # Saturday
    assert services.requests_escalate_overdue(now=local(2026, 11, 8, 12))["escalated"] == 0  # Sunday
    assert services.requests_escalate_overdue(now=local(2026, 11, 9, 8))["escalated"] == 1  # Monday


def test_finished_requests_are_not_escalated(ps):
    r = register(ps)
    walk(r, to=RequestStatus.COMPLETED, actor=ps.staff_user, at=local(2026, 11, 3, 9))
    assert services.requests_escalate_overdue(now=local(2026, 11, 20, 9))["escalated"] == 0


def test_vacant_head_escalates_upward(ps):
    seksi = make_unit(
        instansi=ps.city.instansi, parent=ps.city.bidang_b1, name="Seksi tanpa kepala", kind=UnitKind.SEKSI
    )
    svc = make_service(unit=seksi, days=1)
    r = services.request_register(
        service=svc, citizen_name="A", actor=ps.staff_user, received_at=local(2026, 11, 2, 9)
    )
    services.requests_escalate_overdue(now=local(2026, 11, 5, 9))
    r.refresh_from_db()
    assert r.escalated_to == ps.city.people["kabid_b1"]


def test_escalation_scoped_to_instansi(ps):
    register(ps)
    assert services.requests_escalate_overdue(
        now=local(2026, 11, 5, 9), instansi_id=ps.city.instansi.pk + 999
    ) == {"escalated": 0}


# --- the citizen's lookup ----------------------------------------------------------------------------


def test_tracking_lookup_reveals_no_personal_data(ps):
    r = register(
        ps,
        citizen_name="Siti Aminah",
        citizen_contact="081298765432",
        description="NIK 6171xxxx",
        location="Jl. Gajah Mada 1",
    )
    r = walk(r, to=RequestStatus.COMPLETED, actor=ps.staff_user, at=local(2026, 11, 3, 9))
    view = selectors.request_track(tracking_number=r.tracking_number.lower().replace("-", " "))
    assert view is not None and view.tracking_number == r.tracking_number
    assert view.status == RequestStatus.COMPLETED and view.open311_status == "closed"
    assert (view.received_on, view.due_date, view.completed_on) == (
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 3),
    )
    fields = {f.name for f in dataclasses.fields(view)}
    assert not fields & {
        "citizen_name",
        "citizen_contact",
        "description",
        "location",
        "handler",
        "survey_token",
    }
    text = repr(dataclasses.asdict(view))
    for secret in ("Siti", "0812", "6171", "Gajah", r.survey_token, ps.city.people["staff_b"].name):
        assert secret not in text


def test_tracking_lookup_unknown_or_malformed(ps):
    r = register(ps)
    assert selectors.request_track(tracking_number="bukan nomor") is None
    assert selectors.request_track(tracking_number=tracking.generate("UJI", dt.date(2026, 11, 1))) is None
    typo = r.tracking_number[:-1] + ("A" if r.tracking_number[-1] != "A" else "B")
    assert selectors.request_track(tracking_number=typo) is None


# --- who sees what -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("staff", True),
        ("kabid", True),
        ("kadis", True),
        ("pegawai", False),  # Dinas Kesehatan clerk
        ("pejabat_penilai", False),  # Dinas Kesehatan head of bidang
        ("admin_opd", False),  # Admin OPD of Dinas Kesehatan
        ("admin_bkpsdm", True),
        ("pimpinan", True),
        ("auditor", True),
    ],
)
def test_request_visibility(ps, who, sees):
    r = register(ps)
    actor = {"staff": ps.staff_user, "kabid": ps.kabid_user, "kadis": ps.kadis_user}.get(
        who
    ) or ps.city.users[who]
    assert (r in selectors.request_list(actor=actor)) is sees
    if sees:
        assert selectors.request_get_for_actor(actor=actor, pk=r.pk) == r
        assert list(RequestEvent.objects.for_actor(actor)) == list(r.events.all())
    else:
        with pytest.raises(Http404):
            selectors.request_get_for_actor(actor=actor, pk=r.pk)


def test_request_list_filters(ps):
    a = register(ps)
    b = register(ps, service=ps.akta, citizen_name="Joko")
    walk(b, to=RequestStatus.COMPLETED, actor=ps.staff_user, at=local(2026, 11, 2, 10))
    actor = ps.city.users["pimpinan"]
    assert list(selectors.request_list(actor=actor, filters={"q": "joko"})) == [b]
    assert list(selectors.request_list(actor=actor, filters={"q": a.tracking_number.lower()})) == [a]
    assert list(selectors.request_list(actor=actor, filters={"open": True})) == [a]
    assert list(selectors.request_list(actor=actor, filters={"unit": ps.city.bidang_b1.pk})) == [a]
    assert set(selectors.request_list(actor=actor, filters={"opd": ps.city.dinas_b.pk})) == {a, b}
    deadlines = selectors.request_deadlines(requests=[a, b], now=local(2026, 11, 4, 9))
    assert deadlines[a.pk].is_late and not deadlines[b.pk].is_late


def test_handler_must_belong_to_the_instansi(ps):
    from pembina.org.tests.factories import InstansiFactory, make_employee

    stranger = make_employee(instansi=InstansiFactory(code="LAIN"), name="Orang Lain")
    with pytest.raises(ApplicationError):
        register(ps, employee=stranger)
    r = register(ps)
    with pytest.raises(ApplicationError):
        services.request_verify(request=r, actor=None, employee=stranger, at=local(2026, 11, 2, 10))
