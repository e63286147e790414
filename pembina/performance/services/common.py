"""Helpers shared by the performance services: cleaning, permission checks, events, names."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.performance.choices import PlanStatus, YearState
from pembina.performance.models import PerformancePlan, PlanEvent
from pembina.performance.permissions import plan_roles
from pembina.performance.rules import workflow

ACTION_LABELS = {
    "view": "melihat",
    "create": "membuat",
    "edit": "mengubah",
    "submit": "mengajukan",
    "withdraw": "menarik kembali",
    "approve": "menyetujui",
    "return": "mengembalikan",
    "revise": "memulai perubahan",
    "comment": "mengomentari",
    "set_expectation": "menetapkan ekspektasi khusus pada",
    "cascade_from": "menurunkan RHK dari",
    "record_realisation": "mengisi realisasi",
    "give_feedback": "memberi umpan balik pada",
    "coach": "mencatat bimbingan kinerja untuk",
    "refresh_header": "memperbarui kop",
}


def full_clean(obj, exclude=None, label: str = "") -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        field, msgs = next(iter(errors.items()))
        prefix = f"{label}: " if label else ""
        raise ApplicationError(
            prefix + " ".join(msgs), field=None if field == "__all__" else field, extra={"errors": errors}
        ) from None


def actor_name(actor) -> str:
    if actor is None:
        return _("Sistem")
    employee = getattr(actor, "employee", None)
    if employee is not None:
        return employee.full_name
    return actor.get_full_name() or actor.get_username()


def actor_user(actor):
    return actor if actor is not None and getattr(actor, "pk", None) else None


def check_plan(actor, plan: PerformancePlan, action: str) -> None:
    """Raise Http404 when the plan is out of the actor's sight, ApplicationError when not allowed."""
    if actor is None:
        return
    if not PerformancePlan.objects.for_actor(actor, VIEW).filter(pk=plan.pk).exists():
        raise Http404
    roles = plan_roles(actor, plan)
    who, states, _to = workflow.RULES[action]
    if not roles & who:
        raise ApplicationError(
            _("Anda tidak berwenang %(a)s SKP ini.") % {"a": ACTION_LABELS.get(action, action)}
        )
    if plan.status not in states:
        raise ApplicationError(
            _("SKP berstatus %(s)s; tidak dapat %(a)s.")
            % {"s": plan.get_status_display(), "a": ACTION_LABELS.get(action, action)}
        )


def lock_plan(plan_or_pk) -> PerformancePlan:
    pk = getattr(plan_or_pk, "pk", plan_or_pk)
    return PerformancePlan.objects.select_for_update(of=("self",)).select_related("year").get(pk=pk)


def ensure_year_open(year, *, states=(YearState.PLANNING, YearState.RUNNING)) -> None:
    if year.state not in states:
        raise ApplicationError(
            _("Tahun kinerja %(y)s sedang pada tahap %(s)s; perubahan ini tidak dapat dilakukan.")
            % {"y": year.year, "s": year.get_state_display()}
        )


def event(plan: PerformancePlan, kind: str, actor, comment: str = "", data: dict | None = None) -> PlanEvent:
    return PlanEvent.objects.create(
        plan=plan,
        kind=kind,
        actor=actor_user(actor),
        actor_name=actor_name(actor)[:200],
        comment=comment,
        version=plan.version,
        data=data or {},
    )


def next_order(qs) -> int:
    return (qs.aggregate(m=Max("order"))["m"] or 0) + 1


EDITABLE = (PlanStatus.DRAFT, PlanStatus.RETURNED)
