"""The IDP workflow: the employee proposes activities for the year, the superior agrees or returns;
completed activities become JP records (verified by the superior or an admin when the employee
reports them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.learning.choices import (
    ActivityKind,
    NeedStatus,
    NotificationKind,
    PlanActivityStatus,
    PlanStatus,
    RecordSource,
    RecordStatus,
)
from pembina.learning.models import (
    DevelopmentNeed,
    DevelopmentPlan,
    DevelopmentRecord,
    PlanActivity,
    PlanEvent,
)
from pembina.learning.permissions import employee_roles, superior_id
from pembina.learning.rules import workflow as wf
from pembina.learning.services._common import actor_name, actor_user, full_clean, notify_employees, today
from pembina.learning.services.competencies import resolve_competency
from pembina.learning.services.files import store_evidence
from pembina.learning.services.jp import record_set_status, record_upsert

ACTION_LABELS = {
    "create": "membuat",
    "edit": "mengubah",
    "add_activity": "menambah kegiatan pada",
    "submit": "mengajukan",
    "withdraw": "menarik kembali",
    "agree": "menyepakati",
    "return": "mengembalikan",
    "reopen": "membuka kembali",
    "complete_activity": "mencatat penyelesaian kegiatan pada",
}
PLAN_FIELDS = ("career_goal", "employee_note", "target_position")
ACTIVITY_FIELDS = (
    "kind",
    "title",
    "competency",
    "need",
    "programme",
    "event",
    "planned_jp",
    "planned_start",
    "planned_end",
    "note",
    "order",
)


def check_plan(actor, plan: DevelopmentPlan, action: str) -> frozenset[str]:
    """Http404 when the plan is out of sight, ApplicationError when the action is not allowed."""
    if actor is None:
        return frozenset(wf.ROLES)
    if not DevelopmentPlan.objects.for_actor(actor, VIEW).filter(pk=plan.pk).exists():
        raise Http404
    roles = employee_roles(actor, plan.employee)
    who, states, _to = wf.PLAN_RULES[action]
    if not roles & who:
        raise ApplicationError(
            _("Anda tidak berwenang %(a)s IDP ini.") % {"a": ACTION_LABELS.get(action, action)}
        )
    if plan.status not in states:
        raise ApplicationError(
            _("IDP berstatus %(s)s; tidak dapat %(a)s.")
            % {"s": plan.get_status_display(), "a": ACTION_LABELS.get(action, action)}
        )
    return roles


def _lock(plan: DevelopmentPlan) -> DevelopmentPlan:
    return DevelopmentPlan.objects.select_for_update(of=("self",)).select_related("employee").get(pk=plan.pk)


def _event(plan, action, from_status, actor, note="") -> None:
    PlanEvent.objects.create(
        plan=plan,
        action=action,
        from_status=from_status,
        to_status=plan.status,
        actor=actor_user(actor),
        actor_name=actor_name(actor)[:200],
        note=note,
    )


@transaction.atomic
def plan_create(*, employee, year: int, actor, data: dict[str, Any] | None = None) -> DevelopmentPlan:
    """The IDP of `employee` for `year` (returned as is when it exists)."""
    existing = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    if existing is not None:
        return existing
    if actor is not None:
        roles = employee_roles(actor, employee)
        if not roles & wf.PLAN_RULES["create"][0]:
            raise ApplicationError(_("Anda tidak berwenang membuat IDP untuk pegawai ini."))
    if not 2000 <= year <= today().year + 1:
        raise ApplicationError(_("Tahun IDP tidak sah."), field="year")
    plan = DevelopmentPlan(employee=employee, year=year)
    for key, value in (data or {}).items():
        if key not in PLAN_FIELDS:
            raise ApplicationError(_("Isian %(f)s tidak dikenal.") % {"f": key}, field=key)
        setattr(plan, key, value)
    _check_target(plan)
    full_clean(plan)
    plan.save()
    _event(plan, "create", "", actor)
    return plan


def _check_target(plan: DevelopmentPlan) -> None:
    if plan.target_position_id and plan.target_position.instansi_id != plan.employee.instansi_id:
        raise ApplicationError(_("Jabatan sasaran harus dari instansi yang sama."), field="target_position")


@transaction.atomic
def plan_update(*, plan: DevelopmentPlan, data: dict[str, Any], actor) -> DevelopmentPlan:
    plan = _lock(plan)
    check_plan(actor, plan, "edit")
    for key, value in data.items():
        if key not in PLAN_FIELDS:
            raise ApplicationError(_("Isian %(f)s tidak dapat diubah.") % {"f": key}, field=key)
        setattr(plan, key, value)
    _check_target(plan)
    full_clean(plan)
    plan.save()
    return plan


def _clean_activity(activity: PlanActivity, plan: DevelopmentPlan) -> None:
    emp = plan.employee
    if activity.kind not in ActivityKind.values:
        raise ApplicationError(_("Bentuk pengembangan tidak dikenal."), field="kind")
    if activity.programme_id and activity.programme.instansi_id != emp.instansi_id:
        raise ApplicationError(_("Program pelatihan milik instansi lain."), field="programme")
    if activity.event_id:
        if activity.event.instansi_id != emp.instansi_id:
            raise ApplicationError(_("Pelatihan milik instansi lain."), field="event")
        activity.programme = activity.event.programme
    if activity.need_id and activity.need.employee_id != emp.pk:
        raise ApplicationError(_("Kebutuhan pengembangan itu milik pegawai lain."), field="need")
    if activity.planned_start and activity.planned_end and activity.planned_end < activity.planned_start:
        raise ApplicationError(_("Rencana selesai tidak boleh sebelum rencana mulai."), field="planned_end")
    for day, name in ((activity.planned_start, "planned_start"), (activity.planned_end, "planned_end")):
        if day and day.year != plan.year:
            raise ApplicationError(
                _("Tanggal kegiatan harus dalam tahun IDP (%(y)s).") % {"y": plan.year}, field=name
            )
    if activity.planned_jp is None or Decimal(activity.planned_jp) <= 0:
        raise ApplicationError(_("JP rencana harus lebih dari 0."), field="planned_jp")


def _apply_activity_data(activity: PlanActivity, data: dict[str, Any], plan: DevelopmentPlan) -> None:
    for key, value in data.items():
        if key not in ACTIVITY_FIELDS:
            raise ApplicationError(_("Isian %(f)s tidak dikenal.") % {"f": key}, field=key)
        if key == "competency" and value is not None:
            value = resolve_competency(value, instansi_id=plan.employee.instansi_id)
        setattr(activity, key, value)
    if activity.event_id and not data.get("title"):
        activity.title = activity.title or activity.event.title
    if activity.programme_id and not activity.title:
        activity.title = activity.programme.title
    if activity.programme_id and data.get("planned_jp") is None and activity.planned_jp is None:
        activity.planned_jp = activity.event.jp if activity.event_id else activity.programme.jp
    if activity.programme_id and "kind" not in data:
        activity.kind = activity.programme.kind


@transaction.atomic
def plan_activity_add(*, plan: DevelopmentPlan, data: dict[str, Any], actor) -> PlanActivity:
    """Add an activity (from the catalogue, for a need, or free) to the plan."""
    plan = _lock(plan)
    check_plan(actor, plan, "add_activity")
    activity = PlanActivity(plan=plan, added_after_agreement=plan.status == PlanStatus.AGREED)
    _apply_activity_data(activity, data, plan)
    if "order" not in data:
        activity.order = (plan.activities.aggregate(m=Max("order"))["m"] or 0) + 1
    _clean_activity(activity, plan)
    full_clean(activity, label=_("Kegiatan"))
    activity.save()
    if activity.need_id and activity.need.status == NeedStatus.OPEN:
        DevelopmentNeed.objects.filter(pk=activity.need_id).update(status=NeedStatus.PLANNED)
    return activity


@transaction.atomic
def plan_activity_update(*, activity: PlanActivity, data: dict[str, Any], actor) -> PlanActivity:
    plan = _lock(activity.plan)
    check_plan(actor, plan, "edit")
    activity = PlanActivity.objects.select_for_update(of=("self",)).get(pk=activity.pk)
    _apply_activity_data(activity, data, plan)
    _clean_activity(activity, plan)
    full_clean(activity, label=_("Kegiatan"))
    activity.save()
    return activity


@transaction.atomic
def plan_activity_remove(*, activity: PlanActivity, actor) -> None:
    plan = _lock(activity.plan)
    action = "add_activity" if activity.added_after_agreement and plan.status == PlanStatus.AGREED else "edit"
    check_plan(actor, plan, action)
    if activity.status == PlanActivityStatus.COMPLETED:
        raise ApplicationError(_("Kegiatan yang sudah selesai tidak dapat dihapus."))
    if activity.enrolments.exclude(status__in=wf.REOPENABLE).exists():
        raise ApplicationError(_("Kegiatan ini terhubung dengan pendaftaran pelatihan yang masih berjalan."))
    need_id = activity.need_id
    activity.delete()
    if need_id and not PlanActivity.objects.filter(need_id=need_id).exists():
        DevelopmentNeed.objects.filter(pk=need_id, status=NeedStatus.PLANNED).update(status=NeedStatus.OPEN)


def _transition(plan, action, actor, note="", *, require_note=False) -> tuple[DevelopmentPlan, str]:
    """Lock, check, and move the plan to the action's target state (unsaved); returns it and the old state."""
    plan = _lock(plan)
    check_plan(actor, plan, action)
    if require_note and not (note or "").strip():
        raise ApplicationError(_("Catatan wajib diisi."), field="note")
    before = plan.status
    plan.status = wf.target_state(wf.PLAN_RULES, action)
    return plan, before


@transaction.atomic
def plan_submit(*, plan: DevelopmentPlan, actor, note: str = "") -> DevelopmentPlan:
    plan, before = _transition(plan, "submit", actor)
    if not plan.activities.exclude(status=PlanActivityStatus.CANCELLED).exists():
        raise ApplicationError(_("Tambahkan paling sedikit satu kegiatan sebelum mengajukan IDP."))
    sup = superior_id(plan.employee)
    plan.superior_id = sup
    plan.submitted_at = timezone.now()
    if note:
        plan.employee_note = note
    plan.save()
    _event(plan, "submit", before, actor, note)
    if sup:
        notify_employees(
            [sup],
            kind=NotificationKind.PLAN,
            title=_("IDP %(y)s %(n)s menunggu kesepakatan Anda")
            % {"y": plan.year, "n": plan.employee.full_name},
            key=f"plan-submit:{plan.pk}:{plan.submitted_at:%Y%m%d%H%M%S}",
        )
    return plan


@transaction.atomic
def plan_withdraw(*, plan: DevelopmentPlan, actor) -> DevelopmentPlan:
    plan, before = _transition(plan, "withdraw", actor)
    plan.save()
    _event(plan, "withdraw", before, actor)
    return plan


@transaction.atomic
def plan_agree(*, plan: DevelopmentPlan, actor, note: str = "") -> DevelopmentPlan:
    plan, before = _transition(plan, "agree", actor, note)
    plan.superior_note = note or plan.superior_note
    plan.superior_id = getattr(actor, "employee_id", None) or plan.superior_id
    plan.decided_at, plan.decided_by = timezone.now(), actor_user(actor)
    plan.save()
    _event(plan, "agree", before, actor, note)
    notify_employees(
        [plan.employee_id],
        kind=NotificationKind.PLAN,
        title=_("IDP %(y)s Anda telah disepakati atasan") % {"y": plan.year},
        key=f"plan-agree:{plan.pk}:{plan.decided_at:%Y%m%d%H%M%S}",
    )
    return plan


@transaction.atomic
def plan_return(*, plan: DevelopmentPlan, actor, note: str) -> DevelopmentPlan:
    plan, before = _transition(plan, "return", actor, note, require_note=True)
    plan.superior_note = note
    plan.decided_at, plan.decided_by = timezone.now(), actor_user(actor)
    plan.save()
    _event(plan, "return", before, actor, note)
    notify_employees(
        [plan.employee_id],
        kind=NotificationKind.PLAN,
        title=_("IDP %(y)s Anda dikembalikan atasan untuk diperbaiki") % {"y": plan.year},
        body=note,
        key=f"plan-return:{plan.pk}:{plan.decided_at:%Y%m%d%H%M%S}",
    )
    return plan


@transaction.atomic
def plan_reopen(*, plan: DevelopmentPlan, actor, note: str = "") -> DevelopmentPlan:
    plan, before = _transition(plan, "reopen", actor, note)
    plan.save()
    _event(plan, "reopen", before, actor, note)
    return plan


@transaction.atomic
def plan_activity_complete(
    *,
    activity: PlanActivity,
    completed_on: dt.date,
    actor,
    jp: Decimal | None = None,
    started_on: dt.date | None = None,
    evidence=None,
    evidence_note: str = "",
) -> DevelopmentRecord:
    """Mark an activity of an agreed IDP done and record its JP. Reported by the employee, the record
    waits for the superior's (or an admin's) verification; recorded by them, it counts at once.
    Catalogue events complete through their enrolment instead."""
    plan = _lock(activity.plan)
    roles = check_plan(actor, plan, "complete_activity")
    activity = PlanActivity.objects.select_for_update(of=("self",)).select_related("need").get(pk=activity.pk)
    if activity.event_id:
        raise ApplicationError(
            _("Kegiatan ini adalah pelatihan dalam katalog; penyelesaiannya dicatat penyelenggara.")
        )
    if activity.status == PlanActivityStatus.CANCELLED:
        raise ApplicationError(_("Kegiatan yang dibatalkan tidak dapat diselesaikan."))
    if completed_on.year != plan.year:
        raise ApplicationError(
            _("Tanggal selesai harus dalam tahun IDP (%(y)s).") % {"y": plan.year}, field="completed_on"
        )
    stored = store_evidence(evidence) if evidence is not None else None
    trusted = actor is None or bool(roles & wf.VERIFY_RECORD)
    record = record_upsert(
        employee=plan.employee,
        kind=activity.kind,
        title=activity.title,
        organiser="",
        start_date=started_on or activity.planned_start or completed_on,
        end_date=completed_on,
        jp=jp if jp is not None else activity.planned_jp,
        source=RecordSource.PLAN_ACTIVITY,
        source_ref=f"activity:{activity.pk}",
        status=RecordStatus.VERIFIED if trusted else RecordStatus.PENDING,
        actor=actor,
        competency=activity.competency,
        evidence=stored,
        evidence_note=evidence_note,
    )
    activity.status, activity.completed_on = PlanActivityStatus.COMPLETED, completed_on
    activity.save()
    if activity.need_id and trusted:
        DevelopmentNeed.objects.filter(pk=activity.need_id).exclude(status=NeedStatus.CLOSED).update(
            status=NeedStatus.ADDRESSED
        )
    if not trusted:
        sup = superior_id(plan.employee)
        if sup:
            notify_employees(
                [sup],
                kind=NotificationKind.PLAN,
                title=_("%(n)s melaporkan kegiatan selesai: %(t)s")
                % {"n": plan.employee.full_name, "t": activity.title[:100]},
                key=f"record-verify:{record.pk}",
            )
    return record


@transaction.atomic
def development_record_verify(
    *, record: DevelopmentRecord, approve: bool, actor, note: str = ""
) -> DevelopmentRecord:
    """The superior (or an admin) confirms or rejects an activity the employee reported."""
    record = (
        DevelopmentRecord.objects.select_for_update(of=("self",)).select_related("employee").get(pk=record.pk)
    )
    if actor is not None:
        if not DevelopmentRecord.objects.for_actor(actor, VIEW).filter(pk=record.pk).exists():
            raise Http404
        if not employee_roles(actor, record.employee) & wf.VERIFY_RECORD:
            raise ApplicationError(_("Hanya atasan atau admin yang dapat memverifikasi kegiatan ini."))
    if record.status != RecordStatus.PENDING:
        raise ApplicationError(_("Kegiatan ini sudah diverifikasi atau ditolak."))
    if record.source == RecordSource.EXTERNAL:
        raise ApplicationError(_("Sertifikat dari luar diperiksa melalui pemeriksaan sertifikat."))
    if not approve and not (note or "").strip():
        raise ApplicationError(_("Alasan penolakan wajib diisi."), field="note")
    record = record_set_status(
        record=record,
        status=RecordStatus.VERIFIED if approve else RecordStatus.REJECTED,
        actor=actor,
        note=note,
    )
    if approve and record.source_ref.startswith("activity:"):
        activity = PlanActivity.objects.filter(pk=record.source_ref.split(":", 1)[1]).first()
        if activity is not None and activity.need_id:
            DevelopmentNeed.objects.filter(pk=activity.need_id).exclude(status=NeedStatus.CLOSED).update(
                status=NeedStatus.ADDRESSED
            )
    elif not approve and record.source_ref.startswith("activity:"):
        PlanActivity.objects.filter(pk=record.source_ref.split(":", 1)[1]).update(
            status=PlanActivityStatus.PLANNED, completed_on=None
        )
    return record


@transaction.atomic
def plan_activity_cancel(*, activity: PlanActivity, actor, note: str = "") -> PlanActivity:
    plan = _lock(activity.plan)
    check_plan(actor, plan, "complete_activity" if plan.status == PlanStatus.AGREED else "edit")
    activity = PlanActivity.objects.select_for_update(of=("self",)).get(pk=activity.pk)
    if activity.status == PlanActivityStatus.COMPLETED:
        raise ApplicationError(_("Kegiatan yang sudah selesai tidak dapat dibatalkan."))
    activity.status, activity.note = PlanActivityStatus.CANCELLED, note or activity.note
    activity.save()
    return activity
