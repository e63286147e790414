"""Complaints after SP4N-LAPOR!: intake, tiers and deadlines, forwarding, escalation with time
travel, the complainant's confirmation, identity protection and the public lookup."""

import dataclasses
import datetime as dt

import pytest

from pembina.accounts.choices import Role
from pembina.accounts.tests.factories import make_user
from pembina.core.exceptions import ApplicationError
from pembina.public_services import selectors, services
from pembina.public_services.choices import (
    ComplaintAction,
    ComplaintChannel,
    ComplaintStage,
    ComplaintStatus,
    ComplaintTier,
)
from pembina.public_services.models import Complaint, ComplaintEscalation
from pembina.public_services.tests.factories import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def coord(ps):
    """The coordinator (Admin Koordinator) sits in the Sekretariat Daerah."""
    services.service_policy_update(
        instansi=ps.city.instansi, data={"coordinator_unit": ps.city.setda}, actor=None
    )
    return make_user(
        username="admin.setda", instansi=ps.city.instansi, role=Role.ADMIN_OPD, unit=ps.city.setda
    )


def submit(ps, **kw):
    data = {
        "instansi": ps.city.instansi,
        "channel": ComplaintChannel.WEB,
        "subject": "Antrean KTP-el terlalu lama",
        "description": "Saya menunggu tiga jam di loket.",
        "service": ps.ktp,
        "reporter_name": "Rina",
        "reporter_contact": "0812000111",
        "received_at": local(2026, 11, 2, 9),  # Monday
    }
    data.update(kw)
    return services.complaint_submit(**data)


def test_web_complaint_lands_at_the_service_unit(ps):
    c = submit(ps)
    assert c.status == ComplaintStatus.RECEIVED and c.unit == ps.city.bidang_b1
    assert c.verify_due == dt.date(2026, 11, 5)  # 3 working days
    assert c.tracking_number.startswith("UJI-2611-") and len(c.confirm_token) >= 16
    assert c.events.get().action == ComplaintAction.RECEIVED


def test_anonymous_complaint_stores_no_identity(ps):
    c = submit(ps, is_anonymous=True, is_confidential=True)
    c.refresh_from_db()
    assert (c.reporter_name, c.reporter_contact, c.is_confidential) == ("", "", False)


def test_html_is_stripped(ps):
    c = submit(ps, subject="<h1>Judul</h1>", description="Isi <img src=x onerror=alert(1)>pengaduan")
    assert c.subject == "Judul" and c.description == "Isi pengaduan"


def test_intake_rules(ps, coord):
    with pytest.raises(ApplicationError):
        submit(ps, reporter_name="")  # name needed unless anonymous
    with pytest.raises(ApplicationError):
        submit(ps, channel=ComplaintChannel.WHATSAPP)  # staff record other channels
    with pytest.raises(ApplicationError):
        submit(ps, channel=ComplaintChannel.LAPOR, actor=coord)  # LAPOR! needs its reference
    c = submit(ps, channel=ComplaintChannel.LAPOR, actor=coord, lapor_reference="LAPOR-1234567")
    assert c.lapor_reference == "LAPOR-1234567"
    no_unit = submit(ps, service=None)
    assert no_unit.unit == ps.city.setda  # the coordinator unit
    assert Complaint.objects.count() == 2


def test_verify_sets_tier_deadlines(ps):
    c = submit(ps)
    c = services.complaint_verify(
        complaint=c, tier=ComplaintTier.LIGHT, actor=ps.staff_user, at=local(2026, 11, 3, 9)
    )
    assert c.status == ComplaintStatus.VERIFIED
    assert c.resolution_due == dt.date(2026, 11, 5)  # light: 2 working days
    assert c.plan_due == dt.date(2026, 11, 10)  # 5 working days
    for tier, due in [
        (ComplaintTier.NORMATIVE, dt.date(2026, 11, 10)),
        (ComplaintTier.NON_SUPERVISORY, dt.date(2026, 11, 23)),
        (ComplaintTier.SUPERVISORY, dt.date(2027, 2, 1)),  # past Natal, cuti bersama, 1 and 5 Jan
    ]:
        other = services.complaint_verify(
            complaint=submit(ps), tier=tier, actor=None, at=local(2026, 11, 3, 9)
        )
        assert other.resolution_due == due, tier


def test_tier_days_are_configurable(ps):
    services.service_policy_update(instansi=ps.city.instansi, data={"tier_light_days": 4}, actor=None)
    c = services.complaint_verify(
        complaint=submit(ps), tier=ComplaintTier.LIGHT, actor=None, at=local(2026, 11, 3, 9)
    )
    assert c.resolution_due == dt.date(2026, 11, 9)
    with pytest.raises(ApplicationError):
        services.service_policy_update(
            instansi=ps.city.instansi, data={"tier_light_days": 4}, actor=ps.staff_user
        )


def test_verify_needs_tier_and_unit(ps):
    c = submit(ps, service=None)  # no coordinator configured: no unit yet
    with pytest.raises(ApplicationError):
        services.complaint_verify(complaint=c, tier=ComplaintTier.LIGHT, actor=None)
    with pytest.raises(ApplicationError):
        services.complaint_verify(complaint=c, tier="", actor=None, unit=ps.city.dinas_b)
    c = services.complaint_verify(complaint=c, tier=ComplaintTier.LIGHT, actor=None, unit=ps.city.dinas_b)
    assert c.unit == ps.city.dinas_b


def test_forwarding_keeps_history_and_moves_responsibility(ps):
    c = submit(ps)
    with pytest.raises(ApplicationError):  # not verified yet
        services.complaint_forward(complaint=c, to_unit=ps.city.dinas_a, reason="x", actor=None)
    c = services.complaint_verify(
        complaint=c, tier=ComplaintTier.NORMATIVE, actor=ps.staff_user, at=local(2026, 11, 3, 9)
    )
    resolution_due = c.resolution_due
    c = services.complaint_forward(
        complaint=c,
        to_unit=ps.city.dinas_a,
        reason="Menyangkut layanan kesehatan",
        actor=ps.kabid_user,
        at=local(2026, 11, 5, 9),
    )
    assert c.unit == ps.city.dinas_a and c.opd == ps.city.dinas_a
    assert c.plan_due == dt.date(2026, 11, 12) and c.resolution_due == resolution_due
    c = services.complaint_forward(
        complaint=c,
        to_unit=ps.city.seksi_a1a,
        reason="Seksi imunisasi",
        actor=ps.city.users["admin_opd"],
        at=local(2026, 11, 5, 10),
    )
    hops = list(selectors.complaint_forwarding_history(complaint=c))
    assert [(h.from_unit, h.to_unit) for h in hops] == [
        (ps.city.bidang_b1, ps.city.dinas_a),
        (ps.city.dinas_a, ps.city.seksi_a1a),
    ]
    with pytest.raises(ApplicationError):
        services.complaint_forward(complaint=c, to_unit=ps.city.seksi_a1a, reason="lagi", actor=None)
    # Disdukcapil no longer handles it; Dinas Kesehatan does
    assert c not in selectors.complaint_list(actor=ps.staff_user)
    assert c in selectors.complaint_list(actor=ps.city.users["admin_opd"])
    with pytest.raises(ApplicationError):
        services.complaint_plan(complaint=c, plan="x", actor=ps.staff_user)


def test_plan_resolve_confirm(ps):
    c = submit(ps)
    c = services.complaint_verify(
        complaint=c, tier=ComplaintTier.LIGHT, actor=ps.staff_user, at=local(2026, 11, 3, 9)
    )
    c = services.complaint_plan(
        complaint=c, plan="Menambah petugas loket", actor=ps.staff_user, at=local(2026, 11, 3, 10)
    )
    assert c.status == ComplaintStatus.IN_PROGRESS
    c = services.complaint_resolve(
        complaint=c, resolution="Loket kedua dibuka", actor=ps.kabid_user, at=local(2026, 11, 5, 15)
    )
    assert c.status == ComplaintStatus.RESOLVED and c.resolved_on_time is True
    with pytest.raises(ApplicationError):
        services.complaint_confirm(complaint=c, token="salah", satisfied=True, rating=5)
    with pytest.raises(ApplicationError):
        services.complaint_confirm(complaint=c, token=c.confirm_token, satisfied=True, rating=6)
    c = services.complaint_confirm(
        complaint=c,
        token=c.confirm_token,
        satisfied=True,
        rating=4,
        note="Terima kasih",
        at=local(2026, 11, 6, 8),
    )
    assert c.status == ComplaintStatus.CLOSED and c.rating == 4 and c.complainant_satisfied
    assert c.events.last().action == ComplaintAction.CONFIRMED and c.events.last().actor is None


def test_late_resolution_and_dispute(ps):
    c = submit(ps)
    c = services.complaint_verify(complaint=c, tier=ComplaintTier.LIGHT, actor=None, at=local(2026, 11, 3, 9))
    c = services.complaint_resolve(complaint=c, resolution="Sudah", actor=None, at=local(2026, 11, 6, 9))
    assert c.resolved_on_time is False  # 3 working days for a 2-day tier
    c = services.complaint_confirm(
        complaint=c,
        token=c.confirm_token,
        satisfied=False,
        rating=1,
        note="Belum berubah",
        at=local(2026, 11, 6, 12),
    )
    assert c.status == ComplaintStatus.IN_PROGRESS
    assert (c.resolved_at, c.resolved_month, c.resolved_on_time) == (None, None, None)
    assert c.events.last().action == ComplaintAction.REOPENED
    c = services.complaint_resolve(complaint=c, resolution="Diperbaiki", actor=None, at=local(2026, 11, 9, 9))
    assert c.status == ComplaintStatus.RESOLVED


def test_reject(ps):
    c = submit(ps)
    with pytest.raises(ApplicationError):
        services.complaint_reject(complaint=c, reason="", actor=None)
    c = services.complaint_reject(complaint=c, reason="Bukan kewenangan Pemkot", actor=None)
    assert c.status == ComplaintStatus.REJECTED
    with pytest.raises(ApplicationError):
        services.complaint_verify(complaint=c, tier=ComplaintTier.LIGHT, actor=None)


# --- escalation with time travel ---------------------------------------------------------------------


def stages(c):
    return sorted((e.stage, e.due_date) for e in ComplaintEscalation.objects.filter(complaint=c))


def test_each_missed_stage_escalates_once(ps):
    c = submit(ps)  # Monday 2 Nov: verify by Thursday 5 Nov
    assert services.complaints_escalate_overdue(now=local(2026, 11, 5, 17))["escalated"] == 0
    assert services.complaints_escalate_overdue(now=local(2026, 11, 6, 8))["escalated"] == 1
    assert services.complaints_escalate_overdue(now=local(2026, 11, 6, 9))["escalated"] == 0
    esc = ComplaintEscalation.objects.get(complaint=c)
    assert esc.stage == ComplaintStage.VERIFICATION and esc.escalated_to == ps.city.people["kabid_b1"]
    c = services.complaint_verify(
        complaint=c, tier=ComplaintTier.LIGHT, actor=None, at=local(2026, 11, 6, 10)
    )
    # resolution due Tue 10 Nov, plan due Fri 13 Nov
    assert services.complaints_escalate_overdue(now=local(2026, 11, 11, 8))["escalated"] == 1
    assert services.complaints_escalate_overdue(now=local(2026, 11, 16, 8))["escalated"] == 1
    assert services.complaints_escalate_overdue(now=local(2026, 11, 17, 8))["escalated"] == 0
    assert stages(c) == [
        (ComplaintStage.FOLLOW_UP_PLAN, dt.date(2026, 11, 13)),
        (ComplaintStage.RESOLUTION, dt.date(2026, 11, 10)),
        (ComplaintStage.VERIFICATION, dt.date(2026, 11, 5)),
    ]
    assert c.events.filter(action=ComplaintAction.ESCALATED).count() == 3
    assert c in selectors.complaints_escalated_to(employee_id=ps.city.people["kabid_b1"].pk)


def test_forwarding_gives_a_new_plan_deadline_that_can_escalate_again(ps):
    c = submit(ps)
    c = services.complaint_verify(
        complaint=c, tier=ComplaintTier.SUPERVISORY, actor=None, at=local(2026, 11, 2, 10)
    )
    services.complaints_escalate_overdue(now=local(2026, 11, 10, 8))  # plan due 9 Nov missed
    c = services.complaint_forward(
        complaint=c, to_unit=ps.city.dinas_a, reason="x", actor=None, at=local(2026, 11, 10, 9)
    )
    assert services.complaints_escalate_overdue(now=local(2026, 11, 18, 8))["escalated"] == 1
    plan = ComplaintEscalation.objects.filter(complaint=c, stage=ComplaintStage.FOLLOW_UP_PLAN).order_by(
        "due_date"
    )
    assert [e.escalated_to for e in plan] == [ps.city.people["kabid_b1"], ps.city.people["kadis_a"]]


def test_unconfirmed_resolution_closes_after_the_confirm_window(ps):
    c = submit(ps)
    c = services.complaint_verify(
        complaint=c, tier=ComplaintTier.LIGHT, actor=None, at=local(2026, 11, 2, 10)
    )
    c = services.complaint_resolve(complaint=c, resolution="Selesai", actor=None, at=local(2026, 11, 3, 10))
    assert services.complaints_escalate_overdue(now=local(2026, 11, 17, 9))["closed"] == 0  # 10 working days
    assert services.complaints_escalate_overdue(now=local(2026, 11, 18, 9))["closed"] == 1
    c.refresh_from_db()
    assert c.status == ComplaintStatus.CLOSED and c.confirmed_at is None


# --- identity and the public lookup ---------------------------------------------------------------------


def test_confidential_identity_only_for_coordinator_and_admins(ps, coord):
    c = submit(ps, is_confidential=True)
    assert selectors.complaint_reporter(actor=ps.staff_user, complaint=c) is None
    assert selectors.complaint_reporter(actor=ps.kabid_user, complaint=c) is None
    assert selectors.complaint_reporter(actor=coord, complaint=c).name == "Rina"
    assert (
        selectors.complaint_reporter(actor=ps.city.users["admin_bkpsdm"], complaint=c).contact == "0812000111"
    )
    open_one = submit(ps)
    assert selectors.complaint_reporter(actor=ps.staff_user, complaint=open_one).name == "Rina"
    assert (
        selectors.complaint_reporter(actor=ps.city.users["pegawai"], complaint=open_one) is None
    )  # out of scope
    listed = selectors.complaint_list(actor=ps.staff_user).get(pk=c.pk)
    assert "reporter_name" in listed.get_deferred_fields()


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("staff", True),
        ("kabid", True),
        ("kadis", True),
        ("pegawai", False),
        ("admin_opd", False),
        ("coord", True),
        ("admin_bkpsdm", True),
        ("pimpinan", True),
        ("auditor", True),
    ],
)
def test_complaint_visibility(ps, coord, who, sees):
    c = submit(ps)
    actor = {"staff": ps.staff_user, "kabid": ps.kabid_user, "kadis": ps.kadis_user, "coord": coord}.get(who)
    actor = actor or ps.city.users[who]
    assert (c in selectors.complaint_list(actor=actor)) is sees


def test_public_lookup(ps):
    c = submit(ps, description="Nama saya Rina, NIK 6171")
    view = selectors.complaint_track(tracking_number=c.tracking_number)
    assert view.status == ComplaintStatus.RECEIVED and view.next_due == dt.date(2026, 11, 5)
    assert view.subject is None and view.resolution is None and not view.can_confirm
    assert "Rina" not in repr(dataclasses.asdict(view)) and "6171" not in repr(dataclasses.asdict(view))
    c = services.complaint_verify(complaint=c, tier=ComplaintTier.LIGHT, actor=None, at=local(2026, 11, 3, 9))
    c = services.complaint_resolve(
        complaint=c, resolution="Sudah ditangani", actor=None, at=local(2026, 11, 4, 9)
    )
    mine = selectors.complaint_track(tracking_number=c.tracking_number, token=c.confirm_token)
    assert mine.resolution == "Sudah ditangani" and mine.can_confirm
    assert selectors.complaint_track(tracking_number=c.tracking_number, token="x").resolution is None
    assert selectors.complaint_track(tracking_number="UJI-0000") is None
