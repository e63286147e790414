"""The training catalogue and events, and the enrolment workflow: request → superior → BKPSDM (quota
enforced under a lock) → attendance and scores → completion with certificate, JP and competency
evidence; then the participant's reaction evaluation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.learning.choices import (
    SEAT_STATUSES,
    AssessmentSource,
    EnrolmentStatus,
    EventStatus,
    NeedStatus,
    NotificationKind,
    PlanActivityStatus,
    RecordSource,
    RecordStatus,
)
from pembina.learning.models import (
    DevelopmentNeed,
    DevelopmentPlan,
    Enrolment,
    EnrolmentEvent,
    Event,
    EventEvaluation,
    PlanActivity,
    Programme,
    ProgrammeCompetency,
)
from pembina.learning.permissions import employee_roles, enrolment_roles, event_managers, superior_id
from pembina.learning.rules import workflow as wf
from pembina.learning.services._common import (
    actor_name,
    actor_user,
    full_clean,
    notify_employees,
    require_write_all,
    same_instansi,
    today,
)
from pembina.learning.services.certificates import certificate_issue
from pembina.learning.services.competencies import resolve_competency
from pembina.learning.services.jp import record_upsert
from pembina.learning.services.profile import competency_assessment_record

PROGRAMME_FIELDS = (
    "title",
    "category",
    "kind",
    "jp",
    "description",
    "organiser",
    "passing_score",
    "min_attendance",
    "is_active",
)
EVENT_FIELDS = (
    "title",
    "batch",
    "start_date",
    "end_date",
    "place",
    "link",
    "quota",
    "organiser",
    "organiser_unit",
    "enrolment_deadline",
    "jp",
    "note",
)
ACTION_LABELS = {
    "request": "mendaftar",
    "withdraw": "menarik pendaftaran",
    "superior_approve": "menyetujui (atasan)",
    "superior_reject": "menolak (atasan)",
    "approve": "menyetujui (BKPSDM)",
    "reject": "menolak (BKPSDM)",
    "cancel": "membatalkan",
    "attendance": "mencatat kehadiran",
    "scores": "mencatat nilai",
    "complete": "menyelesaikan",
    "evaluate": "mengisi evaluasi",
}


# --- catalogue -------------------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *, instansi, code: str, data: dict[str, Any], actor, competencies: dict | None = None
) -> Programme:
    """A programme of the catalogue; `competencies` maps a Competency (or code) to the level it builds."""
    require_write_all(actor, _("Hanya Admin BKPSDM yang dapat mengelola katalog pelatihan."))
    same_instansi(actor, instansi.pk)
    if Programme.objects.filter(instansi=instansi, code=code).exists():
        raise ApplicationError(_("Kode program %(c)s sudah dipakai.") % {"c": code}, field="code")
    prog = Programme(instansi=instansi, code=code)
    _set_fields(prog, data, PROGRAMME_FIELDS)
    full_clean(prog)
    prog.save()
    if competencies:
        programme_competencies_set(programme=prog, competencies=competencies, actor=actor)
    return prog


def _set_fields(obj, data: dict[str, Any], allowed) -> None:
    for key, value in data.items():
        if key not in allowed:
            raise ApplicationError(_("Isian %(f)s tidak dikenal.") % {"f": key}, field=key)
        setattr(obj, key, value)


@transaction.atomic
def programme_update(*, programme: Programme, data: dict[str, Any], actor) -> Programme:
    require_write_all(actor, _("Hanya Admin BKPSDM yang dapat mengelola katalog pelatihan."))
    same_instansi(actor, programme.instansi_id)
    _set_fields(programme, data, PROGRAMME_FIELDS)
    full_clean(programme)
    programme.save()
    return programme


@transaction.atomic
def programme_competencies_set(
    *, programme: Programme, competencies: dict, actor
) -> list[ProgrammeCompetency]:
    """Replace the competencies a programme builds ({competency or code: target level})."""
    require_write_all(actor, _("Hanya Admin BKPSDM yang dapat mengelola katalog pelatihan."))
    wanted: dict[int, tuple[Any, int]] = {}
    for key, level in competencies.items():
        comp = resolve_competency(key, instansi_id=programme.instansi_id)
        wanted[comp.pk] = (comp, int(level))
    existing = {pc.competency_id: pc for pc in programme.competency_links.all()}
    for cid, pc in existing.items():
        if cid not in wanted:
            pc.delete()
    result = []
    for cid, (comp, level) in wanted.items():
        pc = existing.get(cid) or ProgrammeCompetency(programme=programme, competency=comp)
        if pc.pk and pc.target_level == level:
            result.append(pc)
            continue
        pc.target_level = level
        full_clean(pc, label=comp.name)
        pc.save()
        result.append(pc)
    return result


def _check_event(event: Event) -> None:
    if event.end_date and event.start_date and event.end_date < event.start_date:
        raise ApplicationError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."), field="end_date")
    if event.enrolment_deadline and event.start_date and event.enrolment_deadline > event.start_date:
        raise ApplicationError(
            _("Batas pendaftaran harus sebelum kegiatan dimulai."), field="enrolment_deadline"
        )
    if not event.place and not event.link:
        raise ApplicationError(_("Isi tempat atau tautan daring kegiatan."), field="place")
    if event.organiser_unit_id and event.organiser_unit.instansi_id != event.instansi_id:
        raise ApplicationError(_("Unit penyelenggara harus dari instansi yang sama."), field="organiser_unit")


def _can_manage_unit(actor, unit) -> bool:
    if actor is None:
        return True
    from pembina.core.scoping import get_scope

    scope = get_scope(actor)
    if scope.write_all:
        return True
    return unit is not None and any(unit.path.startswith(p) for p in scope.admin_unit_paths)


@transaction.atomic
def event_create(*, programme: Programme, data: dict[str, Any], actor) -> Event:
    """Schedule a run of a programme. BKPSDM schedules any; an Admin OPD schedules in-house events
    organised by their own unit."""
    same_instansi(actor, programme.instansi_id)
    event = Event(
        programme=programme, instansi_id=programme.instansi_id, jp=programme.jp, title=programme.title
    )
    event.organiser = programme.organiser
    _set_fields(event, data, EVENT_FIELDS)
    if not _can_manage_unit(actor, event.organiser_unit if event.organiser_unit_id else None):
        raise ApplicationError(_("Anda hanya dapat menjadwalkan pelatihan yang diselenggarakan unit Anda."))
    _check_event(event)
    full_clean(event)
    event.save()
    return event


def _lock_event(event: Event, actor, *, action: str = "kelola") -> Event:
    event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("programme", "organiser_unit")
        .get(pk=event.pk)
    )
    if actor is not None:
        if not Event.objects.for_actor(actor, VIEW).filter(pk=event.pk).exists():
            raise Http404
        if not event_managers(actor, event):
            raise ApplicationError(_("Anda tidak berwenang mengelola penyelenggaraan ini."))
    return event


@transaction.atomic
def event_update(*, event: Event, data: dict[str, Any], actor) -> Event:
    event = _lock_event(event, actor)
    if event.status in (EventStatus.FINISHED, EventStatus.CANCELLED):
        raise ApplicationError(_("Penyelenggaraan yang sudah selesai atau batal tidak dapat diubah."))
    _set_fields(event, data, EVENT_FIELDS)
    if "organiser_unit" in data and not _can_manage_unit(actor, event.organiser_unit):
        raise ApplicationError(_("Anda hanya dapat menjadwalkan pelatihan yang diselenggarakan unit Anda."))
    _check_event(event)
    if "quota" in data:
        taken = event.enrolments.filter(status__in=SEAT_STATUSES).count()
        if event.quota < taken:
            raise ApplicationError(
                _("Kuota tidak boleh kurang dari peserta yang sudah disetujui (%(n)s).") % {"n": taken},
                field="quota",
            )
    full_clean(event)
    event.save()
    return event


EVENT_TRANSITIONS = {
    "open": ({EventStatus.DRAFT, EventStatus.CLOSED}, EventStatus.OPEN),
    "close": ({EventStatus.OPEN}, EventStatus.CLOSED),
    "finish": ({EventStatus.OPEN, EventStatus.CLOSED}, EventStatus.FINISHED),
    "cancel": ({EventStatus.DRAFT, EventStatus.OPEN, EventStatus.CLOSED}, EventStatus.CANCELLED),
}


@transaction.atomic
def event_set_status(*, event: Event, action: str, actor, note: str = "") -> Event:
    """open (registration), close (registration), finish (after completions), cancel (with a reason)."""
    event = _lock_event(event, actor)
    if action not in EVENT_TRANSITIONS:
        raise ApplicationError(_("Aksi tidak dikenal."))
    sources, target = EVENT_TRANSITIONS[action]
    if event.status not in sources:
        raise ApplicationError(
            _("Penyelenggaraan berstatus %(s)s; aksi ini tidak dapat dilakukan.")
            % {"s": event.get_status_display()}
        )
    if action == "open" and not event.programme.is_active:
        raise ApplicationError(_("Program pelatihan ini tidak aktif."))
    if action == "finish" and event.enrolments.filter(status=EnrolmentStatus.APPROVED).exists():
        raise ApplicationError(_("Masih ada peserta yang belum dinyatakan selesai atau tidak lulus."))
    if action == "cancel":
        if not (note or "").strip():
            raise ApplicationError(_("Alasan pembatalan wajib diisi."), field="note")
        active = list(
            event.enrolments.filter(
                status__in=[
                    EnrolmentStatus.REQUESTED,
                    EnrolmentStatus.SUPERIOR_APPROVED,
                    EnrolmentStatus.APPROVED,
                ]
            )
        )
        for enrolment in active:
            before = enrolment.status
            enrolment.status = EnrolmentStatus.CANCELLED
            enrolment.save(update_fields=["status", "updated_at"])
            _log(enrolment, "cancel", before, actor, note)
        notify_employees(
            [e.employee_id for e in active],
            kind=NotificationKind.ENROLMENT,
            title=_("Pelatihan '%(t)s' dibatalkan") % {"t": event.title[:100]},
            body=note,
            key=f"event-cancel:{event.pk}",
        )
    event.status = target
    if note:
        event.note = note
    event.save()
    return event


# --- enrolment -------------------------------------------------------------------------------------


def _log(enrolment: Enrolment, action: str, before: str, actor, note: str = "") -> None:
    EnrolmentEvent.objects.create(
        enrolment=enrolment,
        action=action,
        from_status=before,
        to_status=enrolment.status,
        actor=actor_user(actor),
        actor_name=actor_name(actor)[:200],
        note=note or "",
    )


def _check(actor, enrolment: Enrolment, action: str) -> frozenset[str]:
    if actor is None:
        return frozenset(wf.ROLES)
    if not Enrolment.objects.for_actor(actor, VIEW).filter(pk=enrolment.pk).exists():
        raise Http404
    roles = enrolment_roles(actor, enrolment)
    if not wf.allowed(wf.ENROLMENT_RULES, action, roles, enrolment.status):
        who = wf.ENROLMENT_RULES[action][0]
        if not roles & who:
            raise ApplicationError(
                _("Anda tidak berwenang %(a)s untuk pendaftaran ini.")
                % {"a": ACTION_LABELS.get(action, action)}
            )
        raise ApplicationError(
            _("Pendaftaran berstatus %(s)s; tidak dapat %(a)s.")
            % {"s": enrolment.get_status_display(), "a": ACTION_LABELS.get(action, action)}
        )
    return roles


def _lock(enrolment: Enrolment) -> Enrolment:
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("event", "event__programme", "event__organiser_unit", "employee")
        .get(pk=enrolment.pk)
    )


def _find_activity(employee, event: Event) -> PlanActivity | None:
    """The employee's IDP activity this enrolment fulfils: the same event, else the same programme."""
    plan = DevelopmentPlan.objects.filter(employee=employee, year=event.start_date.year).first()
    if plan is None:
        return None
    open_acts = plan.activities.exclude(
        status__in=[PlanActivityStatus.COMPLETED, PlanActivityStatus.CANCELLED]
    )
    return open_acts.filter(event=event).first() or open_acts.filter(programme_id=event.programme_id).first()


@transaction.atomic
def enrolment_request(
    *, event: Event, employee, actor, motivation: str = "", plan_activity: PlanActivity | None = None
) -> Enrolment:
    """The employee asks to join an event (or an admin nominates them). Goes to the superior next."""
    if actor is not None:
        roles = employee_roles(actor, employee)
        if not roles & wf.ENROLMENT_RULES["request"][0]:
            raise ApplicationError(_("Anda tidak berwenang mendaftarkan pegawai ini."))
    event = Event.objects.select_related("programme").get(pk=event.pk)
    if event.instansi_id != employee.instansi_id:
        raise Http404
    if event.status != EventStatus.OPEN:
        raise ApplicationError(_("Pendaftaran pelatihan ini tidak dibuka."))
    deadline = event.enrolment_deadline or event.start_date
    if today() > deadline:
        raise ApplicationError(
            _("Pendaftaran sudah ditutup (batas %(d)s).") % {"d": deadline.strftime("%d-%m-%Y")}
        )
    if plan_activity is not None:
        if plan_activity.plan.employee_id != employee.pk:
            raise ApplicationError(_("Kegiatan IDP itu milik pegawai lain."), field="plan_activity")
    else:
        plan_activity = _find_activity(employee, event)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",)).filter(event=event, employee=employee).first()
    )
    before = ""
    if enrolment is not None:
        if enrolment.status not in wf.REOPENABLE:
            raise ApplicationError(
                _("Pegawai ini sudah terdaftar (status: %(s)s).") % {"s": enrolment.get_status_display()}
            )
        before = enrolment.status
        enrolment.superior_note = enrolment.bkpsdm_note = ""
        enrolment.superior_decided_at = enrolment.bkpsdm_decided_at = None
    else:
        enrolment = Enrolment(event=event, employee=employee)
    enrolment.status = EnrolmentStatus.REQUESTED
    enrolment.motivation = motivation
    enrolment.requested_by = actor_user(actor)
    enrolment.plan_activity = plan_activity
    enrolment.superior_id = superior_id(employee)
    full_clean(enrolment)
    enrolment.save()
    _log(enrolment, "request", before, actor, motivation)
    if enrolment.superior_id:
        notify_employees(
            [enrolment.superior_id],
            kind=NotificationKind.ENROLMENT,
            title=_("%(n)s mengajukan pelatihan '%(t)s'") % {"n": employee.full_name, "t": event.title[:100]},
            key=f"enrol-request:{enrolment.pk}:{enrolment.updated_at:%Y%m%d%H%M%S}",
        )
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor, note: str = "") -> Enrolment:
    enrolment = _lock(enrolment)
    _check(actor, enrolment, "withdraw")
    if enrolment.event.start_date <= today() and enrolment.status == EnrolmentStatus.APPROVED:
        raise ApplicationError(_("Pelatihan sudah dimulai; hubungi penyelenggara."))
    before = enrolment.status
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save()
    _log(enrolment, "withdraw", before, actor, note)
    return enrolment


@transaction.atomic
def enrolment_superior_decide(*, enrolment: Enrolment, approve: bool, actor, note: str = "") -> Enrolment:
    """Step 1: the pejabat penilai (as of today) agrees the employee may attend, or refuses with a reason."""
    enrolment = _lock(enrolment)
    action = "superior_approve" if approve else "superior_reject"
    _check(actor, enrolment, action)
    if not approve and not (note or "").strip():
        raise ApplicationError(_("Alasan penolakan wajib diisi."), field="note")
    before = enrolment.status
    enrolment.status = wf.target_state(wf.ENROLMENT_RULES, action)
    enrolment.superior_note, enrolment.superior_decided_at = note, timezone.now()
    if actor is not None and getattr(actor, "employee_id", None):
        enrolment.superior_id = actor.employee_id
    enrolment.save()
    _log(enrolment, action, before, actor, note)
    if not approve:
        _tell(enrolment, _("Pengajuan pelatihan '%(t)s' ditolak atasan"), note)
    return enrolment


def _seats_taken(event: Event) -> int:
    return Enrolment.objects.filter(event=event, status__in=SEAT_STATUSES).count()


@transaction.atomic
def enrolment_bkpsdm_decide(*, enrolment: Enrolment, approve: bool, actor, note: str = "") -> Enrolment:
    """Step 2: BKPSDM approves within the quota (the event row is locked, so two admins approving the
    last seat at once cannot both succeed) or rejects with a reason."""
    enrolment = _lock(enrolment)
    action = "approve" if approve else "reject"
    _check(actor, enrolment, action)
    if not approve and not (note or "").strip():
        raise ApplicationError(_("Alasan penolakan wajib diisi."), field="note")
    if approve:
        event = Event.objects.select_for_update(of=("self",)).get(pk=enrolment.event_id)
        if event.status not in (EventStatus.OPEN, EventStatus.CLOSED):
            raise ApplicationError(_("Penyelenggaraan berstatus %(s)s.") % {"s": event.get_status_display()})
        taken = _seats_taken(event)
        if taken >= event.quota:
            raise ApplicationError(
                _("Kuota pelatihan sudah penuh (%(n)s dari %(q)s).") % {"n": taken, "q": event.quota}
            )
    before = enrolment.status
    enrolment.status = wf.target_state(wf.ENROLMENT_RULES, action)
    enrolment.bkpsdm_note, enrolment.bkpsdm_decided_at = note, timezone.now()
    enrolment.save()
    _log(enrolment, action, before, actor, note)
    if approve:
        _tell(enrolment, _("Anda terdaftar sebagai peserta '%(t)s'"), note)
        if enrolment.plan_activity_id:
            PlanActivity.objects.filter(
                pk=enrolment.plan_activity_id, status=PlanActivityStatus.PLANNED
            ).update(status=PlanActivityStatus.IN_PROGRESS, event=enrolment.event)
    else:
        _tell(enrolment, _("Pengajuan pelatihan '%(t)s' ditolak BKPSDM"), note)
    return enrolment


def _tell(enrolment: Enrolment, title: str, body: str = "") -> None:
    notify_employees(
        [enrolment.employee_id],
        kind=NotificationKind.ENROLMENT,
        title=title % {"t": enrolment.event.title[:100]},
        body=body,
        key=f"enrol:{enrolment.pk}:{enrolment.status}:{enrolment.updated_at:%Y%m%d%H%M%S}",
    )


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, actor, note: str) -> Enrolment:
    enrolment = _lock(enrolment)
    _check(actor, enrolment, "cancel")
    if not (note or "").strip():
        raise ApplicationError(_("Alasan pembatalan wajib diisi."), field="note")
    before = enrolment.status
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save()
    _log(enrolment, "cancel", before, actor, note)
    _tell(enrolment, _("Keikutsertaan Anda pada '%(t)s' dibatalkan"), note)
    return enrolment


@transaction.atomic
def enrolment_attendance_record(*, enrolment: Enrolment, percent: int, actor) -> Enrolment:
    enrolment = _lock(enrolment)
    _check(actor, enrolment, "attendance")
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ApplicationError(_("Kehadiran harus 0 sampai 100 persen."), field="percent")
    if enrolment.event.start_date > today():
        raise ApplicationError(_("Pelatihan belum dimulai."))
    before = enrolment.attendance_percent
    enrolment.attendance_percent = percent
    enrolment.save()
    _log(enrolment, "attendance", enrolment.status, actor, f"{before} → {percent}")
    return enrolment


def _score(value, name: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise ApplicationError(_("Nilai harus angka 0–100."), field=name) from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ApplicationError(_("Nilai harus angka 0–100."), field=name)
    return number.quantize(Decimal("0.1"))


@transaction.atomic
def enrolment_scores_record(*, enrolment: Enrolment, actor, pre_test=None, post_test=None) -> Enrolment:
    """Pre- and post-test scores (0–100), Kirkpatrick level 2 (learning)."""
    enrolment = _lock(enrolment)
    _check(actor, enrolment, "scores")
    if enrolment.status != EnrolmentStatus.APPROVED and post_test is not None:
        raise ApplicationError(
            _("Nilai post-test tidak dapat diubah setelah kelulusan ditetapkan."), field="post_test"
        )
    if pre_test is not None:
        enrolment.pre_test_score = _score(pre_test, "pre_test")
    if post_test is not None:
        enrolment.post_test_score = _score(post_test, "post_test")
    enrolment.save()
    _log(enrolment, "scores", enrolment.status, actor)
    return enrolment


@transaction.atomic
def enrolment_complete(*, enrolment: Enrolment, actor, completed_on: dt.date | None = None) -> Enrolment:
    """Decide the result from attendance (and the post-test when the programme has one). A pass records
    the JP (verified), issues the certificate, completes the IDP activity and — when a post-test was
    passed — records the programme's competencies at the level it builds (source: training)."""
    enrolment = _lock(enrolment)
    _check(actor, enrolment, "complete")
    event, programme = enrolment.event, enrolment.event.programme
    completed_on = completed_on or today()
    if completed_on < event.end_date:
        raise ApplicationError(
            _("Pelatihan belum berakhir (selesai %(d)s).") % {"d": event.end_date.strftime("%d-%m-%Y")}
        )
    if completed_on > today():
        raise ApplicationError(_("Tanggal selesai tidak boleh di masa depan."), field="completed_on")
    if enrolment.attendance_percent is None:
        raise ApplicationError(_("Catat kehadiran peserta terlebih dahulu."), field="attendance_percent")
    if programme.passing_score is not None and enrolment.post_test_score is None:
        raise ApplicationError(_("Isi nilai post-test terlebih dahulu."), field="post_test_score")
    attended = enrolment.attendance_percent >= programme.min_attendance
    tested = programme.passing_score is not None
    test_passed = tested and enrolment.post_test_score >= programme.passing_score
    passed = attended and (test_passed or not tested)
    before = enrolment.status
    enrolment.completed_on = completed_on
    enrolment.status = EnrolmentStatus.COMPLETED if passed else EnrolmentStatus.NOT_COMPLETED
    enrolment.save()
    _log(enrolment, "complete", before, actor)
    if not passed:
        _tell(enrolment, _("Anda belum memenuhi syarat kelulusan '%(t)s'"))
        return enrolment
    employee = enrolment.employee
    record = record_upsert(
        employee=employee,
        kind=programme.kind,
        title=event.title,
        organiser=event.organiser,
        start_date=event.start_date,
        end_date=completed_on,
        jp=event.jp,
        source=RecordSource.EVENT,
        source_ref=f"enrolment:{enrolment.pk}",
        status=RecordStatus.VERIFIED,
        actor=actor,
    )
    certificate_issue(enrolment=enrolment, record=record)
    if enrolment.plan_activity_id:
        activity = PlanActivity.objects.filter(pk=enrolment.plan_activity_id).first()
        if activity is not None:
            activity.status, activity.completed_on, activity.event = (
                PlanActivityStatus.COMPLETED,
                completed_on,
                event,
            )
            activity.save()
            if activity.need_id:
                DevelopmentNeed.objects.filter(pk=activity.need_id).exclude(status=NeedStatus.CLOSED).update(
                    status=NeedStatus.ADDRESSED
                )
    if test_passed:
        for link in programme.competency_links.select_related("competency"):
            competency_assessment_record(
                employee=employee,
                competency=link.competency,
                level=link.target_level,
                source=AssessmentSource.TRAINING,
                source_ref=f"enrolment:{enrolment.pk}",
                assessed_on=completed_on,
                assessor_name=event.organiser,
                note=_("Lulus post-test %(s)s (batas %(b)s) pada %(t)s")
                % {"s": enrolment.post_test_score, "b": programme.passing_score, "t": event.title},
                actor=None,
            )
    _tell(enrolment, _("Selamat, Anda lulus '%(t)s'; sertifikat telah terbit"))
    return enrolment


@transaction.atomic
def event_evaluation_submit(
    *, enrolment: Enrolment, scores: dict[str, int], actor, comment: str = ""
) -> EventEvaluation:
    """The participant rates the event (each item 1–5) once, after the result."""
    enrolment = _lock(enrolment)
    _check(actor, enrolment, "evaluate")
    if EventEvaluation.objects.filter(enrolment=enrolment).exists():
        raise ApplicationError(_("Evaluasi penyelenggaraan sudah diisi."))
    missing = [item for item in EventEvaluation.ITEMS if item not in scores]
    unknown = set(scores) - set(EventEvaluation.ITEMS)
    if missing or unknown:
        raise ApplicationError(
            _("Isi semua butir evaluasi (nilai 1–5)."), field=(missing or sorted(unknown))[0]
        )
    for item, value in scores.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ApplicationError(_("Nilai evaluasi harus 1 sampai 5."), field=item)
    evaluation = EventEvaluation(enrolment=enrolment, comment=comment or "", **scores)
    full_clean(evaluation)
    evaluation.save()
    return evaluation


__all__ = [
    "enrolment_attendance_record",
    "enrolment_bkpsdm_decide",
    "enrolment_cancel",
    "enrolment_complete",
    "enrolment_request",
    "enrolment_scores_record",
    "enrolment_superior_decide",
    "enrolment_withdraw",
    "event_create",
    "event_evaluation_submit",
    "event_set_status",
    "event_update",
    "programme_competencies_set",
    "programme_create",
    "programme_update",
]
